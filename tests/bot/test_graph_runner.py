"""rasa's graph runs without dask (runs in .venv-rasa on the trained model): the same answers as Rasa's own runner."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from rasa.core import processor
from rasa.core.channels import UserMessage
from rasa.engine import loader
from rasa.engine.constants import PLACEHOLDER_MESSAGE, PLACEHOLDER_TRACKER
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

import bot  # noqa: F401  (installs bot.graph_runner)
from bot.graph_runner import PlannedGraphRunner

MODELS = Path(__file__).resolve().parents[2] / "var" / "models"
TEXTS = ["hoeveel kost de kinderopvang", "je veux une carte uitpas", "we are 7 people and wait for a social house",
         "مدرسة ولدي طلبت فلوس كثيرة", "okul gezisi parasını ödeyemiyorum",
         "mijn kind ademt niet meer", "can someone call me back", "what is the capital of peru", "🙂", "Français stp"]


@pytest.fixture(scope="module")
def runners():
    """The trained model, loaded once with each runner."""
    models = sorted(MODELS.glob("wegwijs-*.tar.gz"), key=lambda p: p.stat().st_mtime)
    assert models, "no trained model: run `make train` first"
    loaded = {}
    for runner in (DaskGraphRunner, PlannedGraphRunner):
        with tempfile.TemporaryDirectory() as storage:
            loaded[runner] = loader.load_predict_graph_runner(Path(storage), models[-1], LocalModelStorage, runner)
    return loaded


def parse(loaded, text: str) -> dict:
    """Classifies a text at the start of a conversation, as rasa's processor does."""
    metadata, runner = loaded
    tracker = DialogueStateTracker.from_events("graph-test", [], metadata.domain.slots)
    results = runner.run(inputs={PLACEHOLDER_MESSAGE: [UserMessage(text)], PLACEHOLDER_TRACKER: tracker},
                         targets=[metadata.nlu_target])
    return results[metadata.nlu_target][0].as_dict(only_output_properties=True)


def predict(loaded, parsed: dict):
    """Predicts the next action after a parsed message."""
    metadata, runner = loaded
    events = [ActionExecuted("action_listen"), UserUttered(parsed["text"], parsed["intent"], parsed["entities"],
                                                           parse_data=parsed)]
    tracker = DialogueStateTracker.from_events("graph-test", events, metadata.domain.slots)
    return runner.run(inputs={PLACEHOLDER_TRACKER: tracker}, targets=[metadata.core_target])[metadata.core_target]


@pytest.mark.parametrize("text", TEXTS)
def test_parses_and_predictions_are_rasas_own(runners, text):
    dask, planned = runners[DaskGraphRunner], runners[PlannedGraphRunner]
    parsed = parse(planned, text)
    assert parsed == parse(dask, text)
    ours, theirs = predict(planned, parsed), predict(dask, parsed)
    assert (ours.probabilities, ours.policy_name, ours.events) == (theirs.probabilities, theirs.policy_name,
                                                                    theirs.events)
    assert max(ours.probabilities) > 0


def test_rasa_loads_its_models_with_the_planned_runner():
    assert processor.DaskGraphRunner is PlannedGraphRunner


def test_an_input_may_not_take_a_nodes_name(runners):
    metadata, runner = runners[PlannedGraphRunner]
    with pytest.raises(Exception, match="clashes with a node name"):
        runner.run(inputs={metadata.nlu_target: "x"}, targets=[metadata.nlu_target])
