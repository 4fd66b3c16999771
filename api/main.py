"""The api process: channels, NLG, catalogue, and the internal endpoints of the assistant."""

from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import SQLAlchemyError

from api.answers.views import router as answers_router
from api.ask.views import router as ask_router
from api.callbacks.internal import router as callbacks_internal_router
from api.callbacks.views import router as callbacks_router
from api.catalogue.pages import router as catalogue_pages_router
from api.catalogue.views import router as catalogue_router
from api.channels.delivery import deliver_regularly
from api.channels.pipeline import Pipeline
from api.channels.rasa import RasaClient
from api.channels.telegram.application import ALLOWED_UPDATES, build_application
from api.channels.telegram.webhook import router as telegram_router
from api.channels.webchat import router as webchat_router
from api.channels.whatsapp.graph import GraphClient
from api.channels.whatsapp.sender import WhatsAppSender
from api.channels.whatsapp.webhook import router as whatsapp_router
from api.faq.views import router as faq_router
from api.i18n import ERRORS
from api.languages import detector
from api.headers import SecurityHeaders
from api.limits import AddressLimit, BodyLimit
from api.logs import configure_logging
from api.nlg.views import router as nlg_router
from api.operations import router as operations_router
from api.privacy.views import router as privacy_router
from api.questions.pages import router as question_pages_router
from api.questions.views import router as questions_router
from api.retention import run_retention
from api.settings import get_settings
from api.staff.auth import NotLoggedIn
from api.staff.views import router as staff_router

STATIC_DIR = Path(__file__).resolve().parent / "static"

logger = logging.getLogger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI):
    """Builds the shared clients at start-up and closes them at shutdown."""
    configure_logging()
    get_settings()
    detector()
    app.state.rasa = RasaClient()
    app.state.pipeline = Pipeline(app.state.rasa)
    senders = await start_channels(app)
    tasks = [asyncio.create_task(apply_retention_regularly()),
             asyncio.create_task(deliver_regularly(app.state.pipeline, senders))]
    yield
    for task in tasks:
        task.cancel()
    await stop_channels(app)
    await app.state.rasa.aclose()


async def start_channels(app: FastAPI) -> dict:
    """Starts the messaging channels whose credentials are set; returns their senders by channel."""
    settings = get_settings()
    senders = {}
    app.state.telegram = app.state.whatsapp = None
    if settings.telegram_bot_token:
        application = build_application(app.state.pipeline, polling=False)
        await application.initialize()
        await application.start()
        if settings.telegram_webhook_url:
            await application.bot.set_webhook(settings.telegram_webhook_url, allowed_updates=ALLOWED_UPDATES,
                                              secret_token=settings.telegram_webhook_secret)
        app.state.telegram, senders["telegram"] = application, application.bot_data["sender"]
    if settings.whatsapp_access_token:
        app.state.whatsapp = senders["whatsapp"] = WhatsAppSender(GraphClient())
    return senders


async def stop_channels(app: FastAPI) -> None:
    """Stops the messaging channels cleanly."""
    if app.state.telegram is not None:
        await app.state.telegram.stop()
        await app.state.telegram.shutdown()
    if app.state.whatsapp is not None:
        await app.state.whatsapp.graph.aclose()


async def apply_retention_regularly() -> None:
    """Applies the retention settings now and then every few hours, without blocking requests."""
    while True:
        try:
            await asyncio.to_thread(run_retention)
        except Exception:
            logger.exception("retention run failed")
        await asyncio.sleep(get_settings().retention_interval_hours * 3600)


def create_app() -> FastAPI:
    """Creates the FastAPI application."""
    app = FastAPI(title="Wegwijs", version="0.1.0", lifespan=lifespan)
    for router in (webchat_router, ask_router, catalogue_router, nlg_router, answers_router, questions_router,
                   callbacks_internal_router, callbacks_router, staff_router, faq_router, catalogue_pages_router,
                   question_pages_router, operations_router, privacy_router, telegram_router, whatsapp_router):
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.add_middleware(AddressLimit)
    app.add_middleware(BodyLimit)
    app.add_middleware(SecurityHeaders)

    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/chat")

    @app.exception_handler(NotLoggedIn)
    async def not_logged_in(request: Request, _error: NotLoggedIn):
        # Pages send people to the log-in form; the API answers with a status code.
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": "not_logged_in"}, status_code=401)
        return RedirectResponse(f"/staff/login?next={request.url.path}", status_code=303)

    @app.exception_handler(SQLAlchemyError)
    async def database_trouble(_request: Request, error: SQLAlchemyError) -> JSONResponse:
        logger.error("database error: %s", type(error).__name__)
        return JSONResponse({"error": "unavailable", "message": ERRORS["unavailable"]}, status_code=503)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_request: Request, error: RequestValidationError) -> JSONResponse:
        # Malformed input gets a short JSON error instead of echoing the whole payload back.
        fields = sorted({".".join(str(p) for p in e["loc"][1:]) or "body" for e in error.errors()})
        return JSONResponse({"error": "invalid_request", "fields": fields}, status_code=422)

    return app


app = create_app()
