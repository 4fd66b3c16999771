"""In a real browser: a coordinator filters, labels a group, exports and opens the report; a parent rates an answer."""

from __future__ import annotations

import datetime as dt
import re
import zipfile

import yaml
from playwright.sync_api import expect, sync_playwright
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from api.nlg.render import render
from api.questions.service import count_question, log_question
from tests.e2e.test_webchat_browser import CHROMIUM, FLAGS

PASSWORD = "a long coordinator password"
QUESTIONS = [
    ("fr", "mon fils ne peut pas partir en classe de neige, c'est trop cher"),
    ("nl", "mijn zoon mag niet mee op skiklas want het is te duur"),
    ("tr", "oğlum okulun kayak gezisine gidemiyor, çok pahalı"),
    ("fr", "qui a gagné le match de foot hier soir"),
    ("nl", "wat voor weer wordt het morgen in Aalst"),
]


def seed(stack) -> None:
    """Questions as the actions log them, and a month of counts, in the stack's database."""
    with Session(create_engine(f"sqlite:///{stack.data_dir / 'app.db'}")) as session:
        for language, text in QUESTIONS:
            log_question(session, text=text, language=language, channel="web", intent="nlu_fallback", confidence=0.15,
                         ranking=[{"name": "school_trips", "confidence": 0.15}], answer="utter_please_rephrase",
                         sender_id=None)
        today = dt.datetime.now(dt.timezone.utc).date()
        for days_ago in range(0, 60, 3):
            count_question(session, topic="childcare", language="nl", channel="web", kind="answered",
                           day=today - dt.timedelta(days=days_ago))
            count_question(session, topic="housing", language="ar", channel="web", kind="unanswered",
                           day=today - dt.timedelta(days=days_ago))


def test_a_coordinator_reviews_labels_exports_and_reports(stack, tmp_path):
    seed(stack)
    stack.create_staff("sofie", "coordinator", PASSWORD)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(accept_downloads=True, viewport={"width": 1280, "height": 900})
        errors = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(f"{stack.api_url}/staff/questions")
        page.fill("input[name=username]", "sofie")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        expect(page.locator("h1")).to_have_text("Vragen van ouders")

        page.select_option("#filters select[name=language]", "fr")
        page.click("#filters button[type=submit]")
        rows = page.locator("table.questions tbody tr")
        expect(rows.filter(has_text="qui a gagné le match de foot hier soir")).to_have_count(1)
        assert set(rows.locator("td:nth-child(4)").all_inner_texts()) == {"fr"}

        page.select_option("#filters select[name=language]", "")
        page.click("#filters button[type=submit]")
        ski = page.locator("li.group", has_text="classe de neige")
        assert int(ski.locator(".size").inner_text()) >= 3
        for text in ("skiklas want het is te duur", "kayak gezisine gidemiyor"):
            expect(ski.locator(".examples")).to_contain_text(text)
        ski.locator("input[name=label]").fill("Skiklas te duur")
        ski.locator("button[type=submit]").click()
        expect(page.locator(".notice")).to_have_text("Het label is bewaard.")
        labelled = page.locator("li.group", has=page.locator("input[name=label][value='Skiklas te duur']"))
        expect(labelled).to_have_count(1)
        expect(labelled).not_to_contain_text("match de foot")
        page.locator("details.charts summary").click()
        page.screenshot(path=str(stack.data_dir / "review.png"), full_page=True)

        labelled.get_by_role("link").click()
        expect(rows.filter(has_text="classe de neige")).to_have_count(1)
        selected = rows.count()
        for box in page.locator("table.questions input[type=checkbox]").all():
            box.check()
        page.select_option("select[name=intent]", "school_trips")
        with page.expect_download() as download:
            page.click("button[value=export]")
        archive = tmp_path / download.value.suggested_filename
        download.value.save_as(archive)
        assert archive.name == "nlu-school_trips.zip"

        page.goto(f"{stack.api_url}/staff/questions?status=")
        with page.expect_download() as download:
            page.click("text=Downloaden als CSV")
        table = download.value.path().read_text(encoding="utf-8")
        assert table.startswith("id,created_at") and table.count("added_to_training") == selected

        page.click("header nav >> text=Vragen van ouders")
        page.click("text=Signalenrapport")
        expect(page.locator("article.report h1")).to_have_text("Signalenrapport Wegwijs")
        month = dt.date.today().strftime("%Y-%m")
        page.fill("input[name=month]", month)
        page.click("form.filters button[type=submit]")
        report = page.locator("article.report")
        expect(report).to_contain_text("Skiklas te duur")
        expect(report).to_contain_text("mon fils ne peut pas partir en classe de neige")
        page.wait_for_function("() => [...document.querySelectorAll('article.report img')]"
                               ".every(img => img.complete && img.naturalWidth > 0)", timeout=20_000)
        page.screenshot(path=str(stack.data_dir / "report.png"), full_page=True)
        page.emulate_media(media="print")
        assert not page.locator("header").is_visible() and not page.locator("form.filters").is_visible()
        pdf = page.pdf(format="A4", path=str(stack.data_dir / "report.pdf"))
        assert 1 <= len(re.findall(rb"/Type\s*/Page[^s]", pdf)) <= 3, "the report should print on a few A4 pages"
        browser.close()
    assert not [e for e in errors if "Content Security Policy" in e], errors

    names = zipfile.ZipFile(archive).namelist()
    assert {"data/nlu/fr/review_school_trips.yml", "data/nlu/nl/review_school_trips.yml",
            "data/nlu/tr/review_school_trips.yml"} <= set(names)
    assert yaml.safe_load(zipfile.ZipFile(archive).read("data/nlu/fr/review_school_trips.yml"))["nlu"][0]["intent"] == \
        "school_trips"


def test_a_parent_rates_an_answer_in_the_web_chat(stack, session):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page()
        page.goto(f"{stack.api_url}/chat?lang=fr")
        page.fill("#text", "mon fils ne peut pas partir en classe de neige, c'est trop cher")
        page.keyboard.press("Enter")

        down = page.locator("#messages li.bot .buttons button[data-rating]").last
        expect(down).to_have_text("👎 Pas utile", timeout=30_000)
        down.click()

        thanks = render(session, name="utter_feedback_not_helpful", arguments={}, language="fr").text
        expect(page.locator("#messages li.bot").last).to_contain_text(thanks)
        row = page.locator("#messages li.bot .buttons").filter(has=page.locator("button[data-rating]")).last
        assert all(b.is_disabled() for b in row.locator("button[data-rating]").all())
        follow_ups = row.locator("button:not([data-rating])").all()
        assert follow_ups and all(b.is_enabled() for b in follow_ups)
        browser.close()
