"""The desk FAQ: ask, browse, print, send to the parent's phone and call-backs, with every role."""

from __future__ import annotations

import html
import re
import uuid

import httpx
import pytest

from api.answers.topics import topic_for
from api.callbacks.models import CallbackRequest
from api.callbacks.service import create_request
from api.channels.outbound import deliver_pending
from api.channels.rasa import RasaClient
from api.faq.questions import BROWSE_TOPICS, COMMON_QUESTIONS, browsable_intents, intents_of
from api.nlg.render import render
from api.settings import get_settings
from api.staff.auth import create_user
from api.staff.models import ROLES
from tests.api.staff.test_staff import PASSWORD, csrf_of, log_in


def fake_rasa(intent: str, confidence: float = 0.91) -> RasaClient:
    """A Rasa NLU that classifies every text as one intent, speaking Rasa's /model/parse format over HTTP."""

    def parse(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/model/parse"
        return httpx.Response(200, json={"intent": {"name": intent, "confidence": confidence},
                                         "intent_ranking": [{"name": intent, "confidence": confidence}],
                                         "entities": []})

    return RasaClient(httpx.AsyncClient(transport=httpx.MockTransport(parse), base_url="http://rasa"))


@pytest.fixture
def desk(client, session):
    """A client logged in with a role."""

    def as_role(role: str):
        name = f"{role}-{uuid.uuid4().hex[:6]}"
        create_user(session, username=name, password=PASSWORD, role=role)
        log_in(client, name)
        return client

    return as_role


def ask(client, question: str, language: str = ""):
    return client.post("/staff/faq", data={"question": question, "language": language,
                                           "csrf": csrf_of(client, "/staff/faq")})


def answer_texts(html: str, language: str) -> list[str]:
    article = re.search(rf'<article class="answer" lang="{language}".*?</article>', html, re.S).group(0)
    return re.findall(r'<p class="message">(.*?)</p>', article, re.S)


def test_every_browsable_intent_has_a_common_question():
    assert set(browsable_intents()) == set(COMMON_QUESTIONS)
    assert all(intents_of(topic) for topic in BROWSE_TOPICS)


@pytest.mark.parametrize("role", ROLES)
def test_every_staff_role_can_use_the_desk(desk, role):
    client = desk(role)

    assert client.get("/staff/faq").status_code == 200
    assert client.get("/staff/faq/topics").status_code == 200
    assert client.get("/staff/faq/print?intent=uitpas_get&language=tr").status_code == 200


def test_anonymous_visitors_are_sent_to_the_log_in(client):
    for path in ("/staff/faq", "/staff/faq/topics", "/staff/faq/print?intent=uitpas_get", "/staff/faq/callback"):
        reply = client.get(path, follow_redirects=False)
        assert reply.status_code == 303 and reply.headers["location"] == f"/staff/login?next={path.split('?')[0]}"


def test_a_front_desk_user_starts_on_the_faq_and_can_log_out(desk):
    client = desk("frontdesk")

    assert client.get("/staff", follow_redirects=False).headers["location"] == "/staff/faq"
    reply = client.post("/staff/logout", data={"csrf": csrf_of(client, "/staff/faq")}, follow_redirects=False)
    assert reply.status_code == 303 and client.get("/staff/faq", follow_redirects=False).status_code == 303


def test_a_typed_question_is_answered_in_dutch_and_in_the_detected_language(desk, session):
    client = desk("frontdesk")
    client.app.state.rasa = fake_rasa("childcare_find_place")

    page = ask(client, "مرحبا، أبحث عن حضانة لطفلي").text

    arabic = render(session, name="utter_childcare_find_place", arguments={"without_buttons": True}, language="ar").text
    dutch = render(session, name="utter_childcare_find_place", arguments={"without_buttons": True}, language="nl").text
    assert answer_texts(page, "ar") == [arabic] and answer_texts(page, "nl") == [dutch]
    assert '<article class="answer" lang="ar" dir="rtl"' in page
    assert 'data-slug="huis-van-het-kind-aalst"' in page and "\u2068053 72 36 54\u2069" in page
    assert "Nagekeken op 1 december 2026" in page
    assert 'href="/staff/faq?intent=childcare_price&amp;language=ar"' in page
    assert 'href="/staff/faq/callback?intent=callback_request&amp;language=ar"' in page
    assert "/staff/faq/print?intent=childcare_find_place&amp;language=ar" in page


def test_a_chosen_language_wins_over_detection(desk):
    client = desk("frontdesk")
    client.app.state.rasa = fake_rasa("uitpas_get")

    page = ask(client, "uitpas", language="tr").text

    assert re.findall(r'<article class="answer" lang="(\w+)"', page) == ["nl", "tr"]


def test_a_dutch_question_is_shown_once(desk):
    client = desk("frontdesk")
    client.app.state.rasa = fake_rasa("food_help")

    page = ask(client, "waar kan ik goedkoop eten krijgen", language="nl").text

    assert page.count('<article class="answer"') == 1


def test_an_unknown_question_says_so_and_offers_no_printout(desk, session):
    client = desk("frontdesk")
    client.app.state.rasa = fake_rasa("out_of_scope")

    page = ask(client, "what is the weather tomorrow", language="en").text

    assert render(session, name="utter_out_of_scope", arguments={}, language="en").text in html.unescape(page)
    assert "/staff/faq/print" not in page


def test_bad_questions_get_a_kind_answer(desk):
    client = desk("frontdesk")

    assert ask(client, "   ", language="fr").status_code == 422
    assert "Votre message est vide" in ask(client, "   ", language="fr").text
    assert ask(client, "x", language="de").status_code == 422
    assert ask(client, "waar vind ik kinderopvang").status_code == 503
    assert client.post("/staff/faq", data={"question": "x", "csrf": "forged"}).status_code == 403
    assert client.get("/staff/faq?intent=no_such_intent").status_code == 404
    assert client.get("/staff/faq?intent=greet").status_code == 404
    assert client.get("/staff/faq/print?intent=uitpas_get&language=xx").status_code == 422
    assert client.get("/staff/faq/topics/no_topic").status_code == 404


def test_browse_lists_every_topic_and_answers_a_topic_in_the_chosen_language(desk, session):
    client = desk("frontdesk")

    index = client.get("/staff/faq/topics?language=ar").text
    topic = client.get("/staff/faq/topics/housing?language=ar").text

    assert [t for t in re.findall(r'data-topic="(\w+)"', index)] == list(BROWSE_TOPICS)
    for intent in intents_of("housing"):
        assert f'data-intent="{intent}"' in topic
        assert render(session, name=f"utter_{intent}", arguments={"without_buttons": True}, language="ar").text in topic
    assert set(re.findall(r'<article class="answer" lang="(\w+)"', topic)) == {"ar"}


def test_the_printout_has_both_languages_and_says_when_no_qr_code_can_be_made(desk, session):
    client = desk("frontdesk")

    page = client.get("/staff/faq/print?intent=school_unpaid_bill&language=ar").text

    assert render(session, name="utter_school_unpaid_bill", arguments={"without_buttons": True}, language="ar").text in page
    assert render(session, name="utter_school_unpaid_bill", arguments={"without_buttons": True}, language="nl").text in page
    assert 'class="qr"' not in page and 'class="no-qr"' in page


def test_the_printout_carries_qr_codes_of_the_deep_links(desk, monkeypatch):
    monkeypatch.setattr(get_settings(), "telegram_bot_username", "WegwijsAalstBot")
    monkeypatch.setattr(get_settings(), "whatsapp_display_number", "+32 470 00 00 00".replace(" ", ""))
    client = desk("frontdesk")

    page = client.get("/staff/faq/print?intent=uitpas_get&language=tr").text

    assert 'data-link="https://t.me/WegwijsAalstBot?start=uitpas_get-tr"' in page
    assert 'data-link="https://wa.me/32470000000?text=START%20uitpas_get-tr"' in page
    assert page.count('src="data:image/svg+xml') == 2 and 'class="no-qr"' not in page


def make_request(session, *, sender_id: str | None, channel: str = "web") -> CallbackRequest:
    request, _ = create_request(session, idempotency_key=str(uuid.uuid4()), sender_id=sender_id, channel=channel,
                                phone="+32470123456", preferred_time="morning", language="fr", note=None,
                                questions=[])
    return request


def test_an_answer_is_sent_to_the_parent_by_reference_and_audited(desk, session):
    client = desk("frontdesk")
    sender = f"web:{uuid.uuid4().hex}"
    request = make_request(session, sender_id=sender)
    token = csrf_of(client, "/staff/faq")
    spoken = request.reference.lower().replace("-", " ")

    reply = client.post("/staff/faq/send", data={"reference": spoken, "intent": "uitpas_get", "language": "ar",
                                                 "csrf": token}, follow_redirects=False)

    assert reply.headers["location"] == f"/staff/faq?intent=uitpas_get&language=ar&sent={request.reference}"
    sent = deliver_pending(session, sender_id=sender)
    assert sent[0].text == render(session, name="utter_uitpas_get", arguments={"without_buttons": True}, language="ar").text
    assert "\n" in sent[-1].text and sent[-1].buttons, "the service cards with the follow-up buttons"
    session.refresh(request)
    assert [(e.action, e.note) for e in request.events][-1] == ("answer_sent", "uitpas_get (ar)")


def test_sending_explains_an_unknown_reference_and_a_parent_without_chat(desk, session):
    client = desk("frontdesk")
    token = csrf_of(client, "/staff/faq")
    desk_request = make_request(session, sender_id=None, channel="desk")
    data = {"intent": "food_help", "language": "tr", "csrf": token}

    unknown = client.post("/staff/faq/send", data={**data, "reference": "WW-00000"})
    no_chat = client.post("/staff/faq/send", data={**data, "reference": desk_request.reference})

    assert "Geen aanvraag heeft deze referentie" in unknown.text
    assert "chat niet met Wegwijs" in no_chat.text


def callback_form(client, **values) -> dict:
    page = client.get("/staff/faq/callback?intent=housing_eviction&language=tr").text
    key = re.search(r'name="idempotency_key" value="([^"]+)"', page).group(1)
    return {"csrf": csrf_of(client, "/staff/faq"), "idempotency_key": key, "intent": "housing_eviction",
            "phone": "0470 11 22 33", "preferred_time": "afternoon", "language": "tr", "note": "", "consent": "true",
            **values}


def test_a_call_back_from_the_desk_lands_in_the_inbox_with_recorded_consent(desk, session):
    client = desk("frontdesk")
    name = re.search(r"<span>(frontdesk-\w+) \(frontdesk\)</span>", client.get("/staff/faq").text).group(1)
    form = callback_form(client, note="spreekt weinig Nederlands")

    first = client.post("/staff/faq/callback", data=form)
    again = client.post("/staff/faq/callback", data=form)

    reference = re.search(r'class="big reference">(WW-\w+)<', first.text).group(1)
    assert reference in again.text
    request = session.query(CallbackRequest).filter_by(reference=reference).one()
    assert (request.channel, request.phone, request.language, request.status) == ("desk", "+32470112233", "tr", "new")
    assert request.summary["topics"] == ["housing"] and request.summary["services_shown"]
    assert [(e.actor, e.action) for e in request.events] == [(name, "created"), (name, "consent_recorded")]
    assert all(e.at is not None for e in request.events)


def test_a_call_back_needs_consent_and_a_callable_number(desk):
    client = desk("frontdesk")

    no_consent = client.post("/staff/faq/callback", data=callback_form(client, consent=""))
    premium = client.post("/staff/faq/callback", data=callback_form(client, phone="0900 12 345"))
    letters = client.post("/staff/faq/callback", data=callback_form(client, phone="call me"))

    assert no_consent.status_code == premium.status_code == letters.status_code == 422
    assert "toestemming" in no_consent.text and 'value="0900 12 345"' in premium.text


def test_topics_of_common_questions_are_the_topic_contracts():
    assert {topic_for(intent) for intent in COMMON_QUESTIONS} == set(BROWSE_TOPICS)
