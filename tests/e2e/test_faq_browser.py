"""The front desk in a real browser, and its answers next to the chat's, through the running rasa, actions and api."""

from __future__ import annotations

import html
import re

import httpx
import pytest
from playwright.sync_api import expect, sync_playwright
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from api.callbacks.models import CallbackRequest
from tests.e2e.stack import ROOT
from tests.e2e.test_conversations import CONVERSATIONS, Parent, topic_answers
from tests.e2e.test_faq_printout import PASSWORD, create_staff, log_in
from tests.e2e.test_webchat_browser import CHROMIUM, FLAGS

SCREENSHOTS = ROOT / "docs" / "screenshots"
QUESTIONS = {
    "ar": "مرحبا، أبحث عن حضانة لطفلي عمره ستة أشهر",
    "tr": "okul faturasını ödeyemiyorum ne yapabilirim",
}


def stored(stack, reference: str) -> tuple[CallbackRequest, list[tuple[str, str]]]:
    """Reads a request and its audit trail (who, what) from the running stack's database."""
    with Session(create_engine(f"sqlite:///{stack.data_dir / 'app.db'}")) as session:
        request = session.scalar(select(CallbackRequest).where(CallbackRequest.reference == reference))
        return request, [(e.actor, e.action) for e in request.events]


@pytest.fixture(scope="module")
def desk(stack) -> httpx.Client:
    """A front-desk user's HTTP session with the running api."""
    create_staff(stack, "balie", "frontdesk")
    client = httpx.Client(base_url=stack.api_url, timeout=60)
    client.post("/staff/login", data={"username": "balie", "password": PASSWORD})
    return client


def desk_answer(desk: httpx.Client, question: str, language: str) -> str:
    token = re.search(r'name="csrf" value="([^"]+)"', desk.get("/staff/faq").text).group(1)
    reply = desk.post("/staff/faq", data={"question": question, "language": language, "csrf": token})
    assert reply.status_code == 200, reply.text
    return reply.text


def article(page: str, language: str) -> str:
    return re.search(rf'<article class="answer" lang="{language}".*?</article>', page, re.S).group(0)


@pytest.mark.parametrize("language", sorted(CONVERSATIONS))
def test_the_desk_answers_as_the_chat_does(stack, session, desk, language):
    greeting, question, topic = CONVERSATIONS[language]
    parent = Parent(stack, page_language=language)
    parent.say(greeting)

    chat = parent.say(question)
    shown = article(desk_answer(desk, question, language), language)

    texts = [html.unescape(t) for t in re.findall(r'<p class="message">(.*?)</p>', shown, re.S)]
    names = [html.unescape(n) for n in re.findall(r"<h4>(.*?)</h4>", shown)]
    assert re.search(r'data-topic="(\w+)"', shown).group(1) == topic
    assert texts[0] == chat[0]["text"] and chat[0]["text"] in topic_answers(session, topic, language)
    assert names and [card.split("\n")[0] for card in chat[-1]["text"].split("\n\n")] == names


def test_ask_print_browse_call_back_and_edit_a_service(stack, desk):
    create_staff(stack, "coordinator", "coordinator")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        log_in(page, stack, "balie")
        assert page.url.endswith("/staff/faq")

        # Ask: the question box has the focus, the language is detected, Arabic reads right to left.
        page.keyboard.type(QUESTIONS["ar"])
        page.click("button[type=submit] >> text=Antwoord")
        arabic = page.locator('article.answer[lang="ar"]')
        expect(arabic.locator(".service").first).to_be_visible(timeout=30_000)
        assert arabic.evaluate("node => getComputedStyle(node).direction") == "rtl"
        expect(page.locator('article.answer[lang="nl"] .message').first).to_contain_text("kinderopvang")
        expect(page.locator(".understood")).to_contain_text("العربية")
        page.screenshot(path=str(SCREENSHOTS / "faq-nl-ar.png"), full_page=True)

        # Print: the A4 page with the codes.
        page.click("a.button[href^='/staff/faq/print']")
        expect(page.locator("main.sheet")).to_have_attribute("data-language", "ar")
        assert page.locator("img.qr").count() == 2
        page.go_back()

        # Ask in Turkish with the language chosen.
        page.fill("#question", QUESTIONS["tr"])
        page.select_option("#language", "tr")
        page.click("button[type=submit] >> text=Antwoord")
        expect(page.locator('article.answer[lang="tr"] .service').first).to_be_visible(timeout=30_000)
        page.screenshot(path=str(SCREENSHOTS / "faq-nl-tr.png"), full_page=True)

        # A follow-up question is a link to its answer.
        follow_up = page.locator('article.answer[lang="tr"] .follow-ups a').first
        title = follow_up.inner_text()
        follow_up.click()
        expect(page.locator('article.answer[lang="tr"]')).to_be_visible()
        assert title not in ("", None) and "intent=" in page.url

        # Browse: a topic's common questions with their answers, in the chosen language.
        page.click("text=Bladeren per thema")
        page.select_option("#language", "fr")
        page.click("button[type=submit] >> text=Tonen")
        page.click("section[data-topic=uitpas] h2 a")
        expect(page.locator('article.answer[lang="fr"]')).to_have_count(5)

        # Call-back for the parent at the desk, with consent recorded.
        page.goto(f"{stack.api_url}/staff/faq?intent=housing_eviction&language=tr")
        page.click("text=Terugbellen aanvragen")
        page.fill("#phone", "0470 12 12 12")
        page.select_option("#preferred_time", "morning")
        page.check("#consent")
        page.click("button[type=submit] >> text=Terugbellen aanvragen")
        reference = page.locator(".reference").inner_text()
        request, events = stored(stack, reference)
        assert (request.channel, request.phone, request.language) == ("desk", "+32470121212", "tr")
        assert events == [("balie", "created"), ("balie", "consent_recorded")]

        # Edit a service as coordinator; the bot's next answer shows it.
        page.click("header button[type=submit]")
        log_in(page, stack, "coordinator")
        page.goto(f"{stack.api_url}/staff/catalogue")
        page.click("tr[data-slug=sociale-kruidenier-aalst] a")
        page.fill("[id='opening_hours.nl']", "Dinsdag en vrijdag 9-12 uur")
        page.click("text=Opslaan")
        expect(page.locator(".notice")).to_be_visible()
        expect(page.locator(".changes")).to_contain_text("opening_hours.nl")
        browser.close()

    asked = httpx.post(f"{stack.api_url}/api/ask", json={"text": "waar kan ik goedkoop eten krijgen", "language": "nl"},
                       timeout=60).json()
    assert asked["topic"] == "food"
    assert any("Dinsdag en vrijdag 9-12 uur" in m["text"] for m in asked["messages"])
