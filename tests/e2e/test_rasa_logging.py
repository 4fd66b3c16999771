"""Rasa's own log carries no message text: its REST channel's failure lines are silenced by bot/logging.yml."""

from __future__ import annotations

import subprocess

from tests.e2e.stack import ROOT

# Rasa configures its logging the way `rasa run --logging-config-file bot/logging.yml` does, then logs as its REST
# channel does when a turn times out, and as another of its modules does.
SCRIPT = """
import logging, structlog
from rasa.utils.common import configure_logging_and_warnings
from rasa.utils.log_utils import configure_structlog
configure_logging_and_warnings(logging_config_file="bot/logging.yml")
configure_structlog(logging.INFO)
logging.basicConfig(level=logging.INFO)
structlog.get_logger("rasa.core.channels.rest").error("rest.message.received.timeout", text="mijn zoon Jonas 0470")
logging.getLogger("rasa.core.processor").error("processor still reports its own errors")
"""


def test_the_rest_channel_does_not_log_what_a_parent_wrote():
    result = subprocess.run([str(ROOT / ".venv-rasa/bin/python"), "-c", SCRIPT], cwd=ROOT, capture_output=True,
                            text=True, timeout=120, env={"RASA_TELEMETRY_ENABLED": "false", "PATH": "/usr/bin:/bin"})

    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-2000:]
    assert "Jonas" not in output and "0470" not in output
    assert "processor still reports its own errors" in output
