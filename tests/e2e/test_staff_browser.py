"""The call-back inbox in a real browser: log in, claim a request from the chat, record an attempt, close it."""

from __future__ import annotations


from playwright.sync_api import expect, sync_playwright

from tests.e2e.test_callback_form import stored
from tests.e2e.test_conversations import Parent
from tests.e2e.test_webchat_browser import CHROMIUM, FLAGS

PASSWORD = "a long trusted person password"


def test_a_trusted_person_handles_a_request_in_the_inbox(stack):
    parent = Parent(stack, page_language="ar")
    parent.say("مرحبا، أريد مساعدة في إيجاد حضانة")
    parent.say(payload="/callback_request")
    for step in [("0470 55 66 77", None), (None, "morning"), (None, "ar"), ("أعمل بعد الظهر", None), (None, "yes")]:
        parent.say(text=step[0] or "", payload=step[1])
    request = next(r for r in stored(stack) if r.phone == "+32470556677")
    stack.create_staff("amina", "trusted_person", PASSWORD)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page()
        page.goto(f"{stack.api_url}/staff/callbacks")
        assert "/staff/login" in page.url
        page.fill("input[name=username]", "amina")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")

        page.click(f"text={request.reference}")
        expect(page.locator(".facts")).to_contain_text("العربية")
        expect(page.locator(".facts")).to_contain_text("+32470556677")
        assert page.locator(".facts dd[dir=auto]").evaluate("n => getComputedStyle(n).direction") == "rtl"

        page.click("button[value=claim]")
        expect(page.locator("h1")).to_contain_text("claimed")
        page.fill("textarea[name=note]", "voicemail, sms gestuurd")
        page.click("button[value=no_answer]")
        expect(page.locator(".history")).to_contain_text("no_answer · voicemail, sms gestuurd")
        page.click("button[value=reached]")
        expect(page.locator("h1")).to_contain_text("done")
        page.screenshot(path=str(stack.data_dir / "inbox.png"))
        browser.close()

    news = parent.client.get("/api/chat/pending").json()["messages"]
    assert len(news) == 2 and all(request.reference in m["text"] and m["dir"] == "rtl" for m in news)
    assert parent.client.get("/api/chat/pending").json()["messages"] == []
