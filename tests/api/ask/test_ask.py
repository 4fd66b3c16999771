"""POST /api/ask refuses bad input with a JSON 4xx and stays polite when Rasa is down."""

from __future__ import annotations


def test_an_unsupported_language_is_refused(client):
    reply = client.post("/api/ask", json={"text": "hallo", "language": "de"})

    assert reply.status_code == 422


def test_an_empty_question_is_refused_in_its_language(client):
    reply = client.post("/api/ask", json={"text": "  ", "language": "fr"})

    assert reply.status_code == 422
    assert reply.json()["detail"] == "Votre message est vide. Tapez votre question, s'il vous plaît."


def test_a_missing_text_is_a_json_error(client):
    reply = client.post("/api/ask", json={"language": "nl"})

    assert reply.status_code == 422
    assert reply.json()["error"] == "invalid_request"


def test_rasa_down_is_a_503(client):
    reply = client.post("/api/ask", json={"text": "waar vind ik kinderopvang"})

    assert reply.status_code == 503
