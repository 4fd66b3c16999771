"""Operations endpoints: liveness, readiness and Prometheus metrics."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from api.db import SessionDep, get_engine
from api.metrics import exposition

router = APIRouter(tags=["operations"])


def database_reachable() -> bool:
    """Says whether the application database answers a query."""
    try:
        with get_engine().connect() as connection:
            connection.execute(text("SELECT 1"))
        return True
    except SQLAlchemyError:
        return False


@router.get("/health")
def health() -> dict:
    """Says the process is up."""
    return {"status": "ok"}


@router.get("/ready")
async def ready(request: Request) -> JSONResponse:
    """Says whether the process can serve: its database answers and at least one rasa replica has its model."""
    database = await asyncio.to_thread(database_reachable)
    replicas = await request.app.state.rasa.reachable()
    serving = sum(replicas.values())
    ok = database and serving > 0
    body = {"status": "ready" if ok else "not_ready", "database": database,
            "rasa": {"replicas": len(replicas), "reachable": serving}}
    return JSONResponse(body, status_code=200 if ok else 503)


@router.get("/metrics", include_in_schema=False)
def metrics(session: SessionDep) -> Response:
    """Returns the metrics for Prometheus."""
    return Response(exposition(session), media_type=CONTENT_TYPE_LATEST)
