"""The call-back form through the running processes: asked one step at a time, corrected, cancelled, stored once."""

from __future__ import annotations

from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from api.callbacks.models import CallbackRequest
from api.nlg.render import render
from tests.e2e.test_conversations import Parent


def stored(stack) -> list[CallbackRequest]:
    with Session(create_engine(f"sqlite:///{stack.data_dir / 'app.db'}")) as session:
        return list(session.scalars(select(CallbackRequest).order_by(CallbackRequest.id)))


def said(session, name: str, language: str, **slots) -> str:
    return render(session, name=name, arguments={}, language=language, slots=slots).text


def test_an_english_request_with_a_correction(stack, session):
    parent = Parent(stack)
    parent.say("hello")
    parent.say("how do i register for social housing")

    started = parent.say("can someone call me back please")
    assert [m["text"] for m in started[-2:]] == [said(session, "utter_callback_request", "en"),
                                                 said(session, "utter_ask_callback_phone", "en")]

    assert parent.say("call me")[0]["text"] == said(session, "utter_callback_phone_letters", "en")
    time_question = parent.say("0470 12 34 56")
    assert [b["payload"] for b in time_question[-1]["buttons"]] == ["morning", "afternoon", "anytime"]
    language_question = parent.say(payload="morning")
    assert language_question[-1]["buttons"][0]["payload"] == "en"
    parent.say(payload="en")
    consent = parent.say(payload="skip")
    assert "+32470123456" in consent[-1]["text"]

    assert parent.say(payload="change_phone")[-1]["text"] == said(session, "utter_ask_callback_phone", "en")
    consent = parent.say("+33 6 12 34 56 78")
    assert "+33612345678" in consent[-1]["text"]
    confirmed = parent.say(payload="yes")

    request = next(r for r in stored(stack) if r.phone == "+33612345678")
    assert request.reference in confirmed[-1]["text"]
    assert (request.preferred_time, request.language, request.note, request.channel) == ("morning", "en", None, "web")
    assert request.summary["topics"] == ["housing"]
    assert request.summary["questions"] == ["how do i register for social housing"]

    withdrawn = parent.say("stop")
    assert request.reference in withdrawn[-1]["text"]


def test_a_dutch_parent_stops_halfway_and_nothing_is_kept(stack, session):
    parent = Parent(stack)
    parent.say("hallo")
    parent.say("kan iemand mij terugbellen")
    before = len(stored(stack))
    parent.say("0470 12 34 56")

    stopped = parent.say("stop")

    assert stopped[-1]["text"] == said(session, "utter_callback_cancelled", "nl")
    assert len(stored(stack)) == before
    after = parent.say("waar kan ik een uitpas halen")
    assert after[0]["text"] != said(session, "utter_callback_choose_button", "nl")


def test_an_arabic_parent_says_no_to_consent(stack, session):
    parent = Parent(stack)
    parent.say("مرحبا")
    parent.say("بدي حدا يتصل فيني")
    before = len(stored(stack))
    parent.say("٠٤٧٠١٢٣٤٥٦")
    parent.say(payload="afternoon")
    parent.say(payload="ar")
    consent = parent.say("أعمل حتى الساعة الثانية")
    assert consent[-1]["dir"] == "rtl"

    refused = parent.say(payload="no")

    assert refused[-1]["text"] == said(session, "utter_callback_no_consent", "ar")
    assert len(stored(stack)) == before


def test_a_turkish_request_is_stored_in_turkish(stack, session):
    parent = Parent(stack)
    parent.say("merhaba, okul faturasını ödeyemiyorum")
    parent.say(payload="/callback_request")
    parent.say("0485 11 22 33")
    parent.say(payload="anytime")
    parent.say(payload="tr")
    parent.say(payload="skip")

    confirmed = parent.say(payload="yes")

    request = next(r for r in stored(stack) if r.phone == "+32485112233")
    assert request.reference in confirmed[-1]["text"]
    assert request.summary["topics"] == ["school_costs"] and request.language == "tr"


def test_a_submission_survives_an_api_restart_and_stays_one_request(stack, session):
    import threading

    import httpx

    parent = Parent(stack, page_language="en")
    parent.say("can someone call me back")
    for step in ({"text": "0470 33 44 55"}, {"payload": "morning"}, {"payload": "en"}, {"payload": "skip"}):
        parent.say(**step)
    sender = next(iter(parent.client.cookies.values()))
    from api.channels.senders import sender_id

    stack.stop("api")
    replies: list = []
    # With api down, the consent reaches Rasa directly; the action keeps retrying until api is back.
    consent = threading.Thread(target=lambda: replies.append(httpx.post(
        f"{stack.rasa_url}/webhooks/rest/webhook", timeout=60,
        json={"sender": sender_id("web", sender), "message": "yes", "metadata": {"channel": "web"}}).json()))
    consent.start()
    stack.start_api()
    consent.join(timeout=60)

    matching = [r for r in stored(stack) if r.phone == "+32470334455"]
    assert len(matching) == 1
    assert matching[0].reference in replies[0][-1]["text"]
