"""The desk printout in headless chromium: one A4 page for every common question in every language, QR codes that decode."""

from __future__ import annotations

import io

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import sync_playwright
from pypdf import PdfReader

from api.channels.links import start_payload
from api.faq.questions import browsable_intents
from api.settings import get_settings
from tests.e2e.stack import TELEGRAM_BOT_USERNAME, WHATSAPP_DISPLAY_NUMBER
from tests.e2e.test_webchat_browser import CHROMIUM, FLAGS

PASSWORD = "a long front desk password"


def create_staff(stack, username: str, role: str) -> None:
    """Creates a desk or catalogue user with the password the browser logs in with."""
    stack.create_staff(username, role, PASSWORD)


def log_in(page, stack, username: str) -> None:
    """Logs a browser page in to the staff pages."""
    page.goto(f"{stack.api_url}/staff/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")


@pytest.fixture(scope="module")
def desk_page(stack):
    create_staff(stack, "printer", "frontdesk")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page()
        log_in(page, stack, "printer")
        yield page
        browser.close()


def decoded(png: bytes) -> list[str]:
    """Returns the texts of the QR codes in a picture."""
    return [result.text for result in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


@pytest.mark.parametrize("language", get_settings().languages)
def test_every_printout_is_one_a4_page_with_qr_codes_to_the_same_question(stack, desk_page, language):
    for intent in browsable_intents():
        desk_page.goto(f"{stack.api_url}/staff/faq/print?intent={intent}&language={language}")

        pdf = desk_page.pdf(format="A4", print_background=True)

        assert len(PdfReader(io.BytesIO(pdf)).pages) == 1, f"{intent} in {language} needs more than one page"
        payload = start_payload(intent, language)
        codes = desk_page.locator("img.qr")
        assert decoded(codes.nth(0).screenshot()) == [f"https://t.me/{TELEGRAM_BOT_USERNAME}?start={payload}"]
        assert decoded(codes.nth(1).screenshot()) == [
            f"https://wa.me/{WHATSAPP_DISPLAY_NUMBER.lstrip('+')}?text=START%20{payload}"]
