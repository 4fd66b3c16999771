"""The NLU export is training data Rasa accepts: `rasa data validate` passes with it next to the project's data."""

from __future__ import annotations

import re
import subprocess
import uuid
import zipfile

import yaml

from api.questions.service import log_question
from api.settings import ROOT
from api.staff.auth import create_user

RASA = ROOT / ".venv-rasa" / "bin" / "rasa"
# Texts with what could break a YAML file or read as Rasa markup: scrub placeholders, braces, quotes, colons, '#'.
TEXTS = [
    ("nl", "ik heet Sanne, waar vind ik een onthaalouder in Gijzegem?"),
    ("nl", "kinderopvang {dringend} nodig: \"morgen\" al # ik werk"),
    ("ar", "اسمي أمينة وأبحث عن حضانة لابني في آلست"),
]


def test_exported_questions_pass_rasa_data_validate(client, session, tmp_path):
    channel = f"t{uuid.uuid4().hex[:8]}"
    ids = [log_question(session, text=text, language=language, channel=channel, intent="nlu_fallback", confidence=0.3,
                        ranking=[], answer="utter_please_rephrase", sender_id=None).id for language, text in TEXTS]
    create_user(session, username=channel, password="correct horse battery staple", role="coordinator")
    client.post("/staff/login", data={"username": channel, "password": "correct horse battery staple"})
    token = re.search(r'name="csrf" value="([^"]+)"', client.get("/staff/questions").text).group(1)

    reply = client.post("/staff/questions/bulk", data={"csrf": token, "ids": ids, "action": "export",
                                                       "intent": "childcare_find_place"})

    assert reply.headers["content-type"] == "application/zip"
    (tmp_path / "export.zip").write_bytes(reply.content)
    zipfile.ZipFile(tmp_path / "export.zip").extractall(tmp_path / "export")
    dutch = yaml.safe_load((tmp_path / "export/data/nlu/nl/review_childcare_find_place.yml").read_text())
    assert dutch["nlu"][0]["examples"].splitlines() == [
        "- ik heet name, waar vind ik een onthaalouder in Gijzegem?",
        '- kinderopvang dringend nodig: "morgen" al # ik werk',
    ]
    result = subprocess.run(
        [str(RASA), "data", "validate", "--config", "bot/config.yml", "--domain", "bot/domain",
         "--data", "bot/data", "data/nlu", str(tmp_path / "export"), "--fail-on-warnings"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
