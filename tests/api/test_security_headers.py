"""Security headers on every response; HSTS only where the connection is TLS."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.main import create_app


def test_pages_forbid_framing_and_foreign_scripts_and_hsts_comes_with_tls():
    with TestClient(create_app()) as plain, TestClient(create_app(), base_url="https://wegwijs.example") as tls:
        page = plain.get("/chat")
        secure = tls.get("/chat")

    csp = page.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert "Strict-Transport-Security" not in page.headers
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=31536000")
