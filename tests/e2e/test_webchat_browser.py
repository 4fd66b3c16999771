"""The web chat in a real browser (Debian's chromium): Arabic right to left, buttons that answer once."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect, sync_playwright

from api.nlg.render import render

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def page():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser.new_page(locale="ar")
        browser.close()


def test_an_arabic_conversation_reads_right_to_left(stack, session, page):
    page.goto(f"{stack.api_url}/chat?lang=ar")
    assert page.locator("html").get_attribute("dir") == "rtl"

    page.fill("#text", "مرحبا")
    page.keyboard.press("Enter")

    intro = render(session, name="utter_intro", arguments={}, language="ar").text
    first = page.locator("#messages li.bot").first
    expect(first).to_have_text(intro, timeout=30_000)
    assert first.get_attribute("dir") == "rtl"
    assert first.evaluate("node => getComputedStyle(node).direction") == "rtl"


def test_a_button_answers_once_and_cannot_be_pressed_twice(stack, session, page):
    page.goto(f"{stack.api_url}/chat?lang=en")
    page.fill("#text", "how can i get an uitpas card")
    page.click("#composer button[type=submit]")

    buttons = page.locator("#messages li.bot .buttons button")
    expect(buttons.first).to_be_visible(timeout=30_000)
    title = buttons.first.inner_text()
    buttons.first.click()

    expect(page.locator("#messages li.user").last).to_have_text(title)
    assert buttons.first.is_disabled()
