"""The front desk's FAQ: ask in any language, browse by topic, print, send to the parent's phone, request a call-back."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.ask.service import QuestionRefused, understand
from api.channels.rasa import RasaUnavailable
from api.db import SessionDep
from api.faq.handover import NoConversation, PhoneRefused, UnknownReference, request_call_back, send_answer
from api.faq.page import columns, direction
from api.faq.qr import CAPTION, chat_links
from api.faq.questions import BROWSE_TOPICS, COMMON_QUESTIONS, intents_of
from api.i18n import ERRORS, TOPIC_LABELS, N_, format_day, gettext
from api.settings import get_settings
from api.staff.auth import Staff, check_csrf, require_role
from api.staff.models import DESK_ROLES
from api.staff.views import STAFF_LANGUAGE, staff_context
from api.templating import templates

router = APIRouter(tags=["faq"], include_in_schema=False)
DeskDep = Annotated[Staff, Depends(require_role(*DESK_ROLES))]
DETECT = ""
PRINTED_ON = N_("Wegwijs, the city of Aalst's assistant for families. Printed on {date}.")
PROBLEMS = {
    "unknown_reference": N_("No request has this reference. Check the code with the parent."),
    "no_conversation": N_(
        "This parent does not chat with Wegwijs (the request was made at a desk). Print the answer instead."),
    "phone_letters": N_("A phone number has only digits."),
    "phone_invalid": N_("That is not a complete phone number."),
    "phone_premium": N_("We cannot call paying numbers."),
    "no_consent": N_("Ask the parent's consent first, and tick the box."),
}


def parent_language(language: str) -> str:
    """Checks a language code from a form or link; anything else is a 422."""
    if language not in get_settings().languages:
        raise HTTPException(422, detail=f"language must be one of {get_settings().languages}")
    return language


def common_intent(intent: str) -> str:
    """Checks that an intent has a common question and an answer to show; anything else is a 404."""
    if intent not in COMMON_QUESTIONS:
        raise HTTPException(404, detail="no such question")
    return intent


def _page(request: Request, template: str, status_code: int = 200, **values) -> HTMLResponse:
    """Renders a desk page with the staff pages' shared values."""
    return templates.TemplateResponse(request, template, staff_context(direction=direction, **values),
                                      status_code=status_code)


@router.get("/staff/faq", response_class=HTMLResponse)
def faq(request: Request, session: SessionDep, staff: DeskDep, intent: str = "", language: str = DETECT,
        sent: str = "", problem: str = "") -> HTMLResponse:
    """Shows the question form, and the answer to a common question when one is chosen."""
    shown = []
    if intent:
        language = parent_language(language or STAFF_LANGUAGE)
        shown = columns(session, intent=common_intent(intent), language=language)
    return _page(request, "staff/faq.html", staff=staff, chosen=language, question="", intent=intent or None,
                 columns=shown, sent=sent, problem=PROBLEMS.get(problem), printable=bool(intent))


@router.post("/staff/faq", response_class=HTMLResponse)
async def faq_ask(request: Request, session: SessionDep, staff: DeskDep, question: Annotated[str, Form(max_length=20000)],
                  language: Annotated[str, Form()] = DETECT, csrf: Annotated[str, Form()] = "") -> HTMLResponse:
    """Answers a typed question as the chat would, in Dutch and in the parent's chosen or detected language."""
    check_csrf(staff, csrf)
    values = {"staff": staff, "chosen": language, "question": question, "sent": "", "problem": None}
    try:
        understood = await understand(request.app.state.rasa, text=question,
                                      language=parent_language(language) if language else None)
    except QuestionRefused as refused:
        return _page(request, "staff/faq.html", 422, intent=None, columns=[], error=str(refused), **values)
    except RasaUnavailable:
        error = gettext(ERRORS["unavailable"], STAFF_LANGUAGE)
        return _page(request, "staff/faq.html", 503, intent=None, columns=[], error=error, **values)
    shown = columns(session, intent=understood.intent, language=understood.language, ranking=understood.ranking,
                    entities=understood.entities, text=understood.text)
    return _page(request, "staff/faq.html", intent=understood.intent, understood=understood, columns=shown,
                 printable=understood.intent in COMMON_QUESTIONS and shown[0].answer.topic != "out_of_scope",
                 **values)


@router.get("/staff/faq/topics", response_class=HTMLResponse)
def topics(request: Request, staff: DeskDep, language: str = STAFF_LANGUAGE) -> HTMLResponse:
    """Lists the topics and their common questions in a language, to browse without typing."""
    language = parent_language(language)
    listed = [(topic, gettext(TOPIC_LABELS[topic], language),
               [(intent, gettext(COMMON_QUESTIONS[intent], language)) for intent in intents_of(topic)])
              for topic in BROWSE_TOPICS]
    return _page(request, "staff/faq_topics.html", staff=staff, chosen=language, topics=listed)


@router.get("/staff/faq/topics/{topic}", response_class=HTMLResponse)
def topic(request: Request, session: SessionDep, staff: DeskDep, topic: str,
          language: str = STAFF_LANGUAGE) -> HTMLResponse:
    """Shows every common question of a topic with the chat's answer, in a language."""
    language = parent_language(language)
    if topic not in BROWSE_TOPICS:
        raise HTTPException(404, detail="no such topic")
    answers = [columns(session, intent=intent, language=language)[-1] for intent in intents_of(topic)]
    return _page(request, "staff/faq_topic.html", staff=staff, chosen=language, topic=topic,
                 topic_label=gettext(TOPIC_LABELS[topic], language), answers=answers)


@router.get("/staff/faq/print", response_class=HTMLResponse)
def printout(request: Request, session: SessionDep, staff: DeskDep, intent: str,
             language: str = STAFF_LANGUAGE) -> HTMLResponse:
    """Shows the one-page A4 printout of an answer: the parent's language and Dutch, services, QR codes."""
    language = parent_language(language)
    shown = columns(session, intent=common_intent(intent), language=language)
    return _page(request, "staff/faq_print.html", staff=staff, intent=intent, chosen=language,
                 parent=shown[-1], dutch=shown[0] if len(shown) > 1 else None,
                 links=chat_links(intent=intent, language=language), caption=CAPTION, gettext=gettext,
                 printed=gettext(PRINTED_ON, language).format(date=format_day(dt.date.today(), language)))


@router.post("/staff/faq/send")
def send(session: SessionDep, staff: DeskDep, reference: Annotated[str, Form(max_length=40)],
         intent: Annotated[str, Form()], language: Annotated[str, Form()], csrf: Annotated[str, Form()] = "") -> Response:
    """Sends an answer to the phone of a parent who chats with Wegwijs, found by their call-back reference."""
    check_csrf(staff, csrf)
    query = {"intent": common_intent(intent), "language": parent_language(language)}
    try:
        request = send_answer(session, reference=reference, intent=intent, language=language,
                              actor=staff.user.username)
        query["sent"] = request.reference
    except UnknownReference:
        query["problem"] = "unknown_reference"
    except NoConversation:
        query["problem"] = "no_conversation"
    return RedirectResponse(f"/staff/faq?{urlencode(query)}", status_code=303)


@router.get("/staff/faq/callback", response_class=HTMLResponse)
def callback_form(request: Request, staff: DeskDep, intent: str = "", language: str = STAFF_LANGUAGE) -> HTMLResponse:
    """Shows the form to request a call-back for the parent at the desk."""
    return _page(request, "staff/faq_callback.html", staff=staff, intent=intent if intent in COMMON_QUESTIONS else "",
                 chosen=parent_language(language), key=str(uuid.uuid4()), form={}, problem=None,
                 retention_days=get_settings().phone_retention_days)


@router.post("/staff/faq/callback", response_class=HTMLResponse)
def callback_create(
    request: Request, session: SessionDep, staff: DeskDep, phone: Annotated[str, Form(max_length=40)],
    preferred_time: Annotated[Literal["morning", "afternoon", "anytime"], Form()],
    language: Annotated[str, Form()], idempotency_key: Annotated[str, Form(max_length=120)],
    intent: Annotated[str, Form()] = "", note: Annotated[str, Form(max_length=500)] = "",
    consent: Annotated[bool, Form()] = False, csrf: Annotated[str, Form()] = "",
) -> HTMLResponse:
    """Creates a call-back request for the parent at the desk, with their consent recorded by this staff member."""
    check_csrf(staff, csrf)
    language = parent_language(language)
    form = {"phone": phone, "preferred_time": preferred_time, "note": note}
    values = {"staff": staff, "intent": intent if intent in COMMON_QUESTIONS else "", "chosen": language,
              "key": idempotency_key, "form": form, "retention_days": get_settings().phone_retention_days}
    if not consent:
        return _page(request, "staff/faq_callback.html", 422, problem=PROBLEMS["no_consent"], **values)
    try:
        created = request_call_back(
            session, idempotency_key=idempotency_key, phone=phone, preferred_time=preferred_time, language=language,
            note=note or None, intent=values["intent"] or None, actor=staff.user.username,
        )
    except PhoneRefused as refused:
        return _page(request, "staff/faq_callback.html", 422, problem=PROBLEMS[f"phone_{refused}"], **values)
    return _page(request, "staff/faq_callback.html", created=created, problem=None, **values)
