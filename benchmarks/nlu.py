"""NLU benchmark: topic accuracy per language, emergency recall, language detection and the out-of-domain
false-answer rate, for Wegwijs's pipeline and for Rasa's stock `rasa init` pipeline trained on the same data."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import subprocess
import sys
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from api.answers.safety import EMERGENCY_FLOOR, EMERGENCY_FLOOR_OUT_OF_SCOPE, emergency_alarm
from api.answers.topics import topic_for
from api.languages import guess
from benchmarks.common import ROOT, nlu_examples, write_section
from tests.e2e.stack import RASA_TOKEN, Stack

LANGUAGES = ["nl", "fr", "en", "ar", "tr"]
# Emergency messages written on 2026-12-02 by someone who saw neither the training data nor the other test sets.
BLIND = ROOT / "tests" / "nlu" / "blind"
PROBE = ROOT.parent / "shared" / "eval" / "clinc150" / "out_of_domain_probe.json"
RASA_PORT = 15105


def baseline_model() -> Path:
    """Trains (or reuses) the stock-pipeline model on the same NLU data and domain."""
    files = sorted([ROOT / "benchmarks/rasa_init_config.yml", *(ROOT / "data/nlu").rglob("*.yml"),
                    *(ROOT / "bot/domain").glob("*.yml"), *(ROOT / "bot/data").glob("*.yml")])
    digest = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()[:16]
    model = ROOT / "var" / "models" / f"baseline-{digest}.tar.gz"
    if not model.exists():
        subprocess.run([
            str(ROOT / ".venv-rasa/bin/rasa"), "train", "nlu", "--config", "benchmarks/rasa_init_config.yml",
            "--nlu", "data/nlu", "--domain", "bot/domain", "--out", "var/models", "--fixed-model-name", model.name[:-7],
        ], cwd=ROOT, check=True)
    return model


def current_model() -> Path:
    """Returns Wegwijs's trained model."""
    return ROOT / subprocess.run([str(ROOT / "scripts/model.sh")], capture_output=True, text=True).stdout.strip()


def parse_all(model: Path, texts: list[str]) -> list[tuple[str, list[dict]]]:
    """Starts a rasa server on the model and returns the predicted intent and ranking of every text."""
    stack = Stack(rasa_port=RASA_PORT)
    stack.start_rasa(str(model))
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{stack.rasa_url}/status?token={RASA_TOKEN}", timeout=2).json().get("model_file"):
                    break
            except (httpx.HTTPError, ValueError):
                time.sleep(1)
        with httpx.Client(base_url=stack.rasa_url, timeout=60) as client:
            def intent(text: str) -> tuple[str, list[dict]]:
                parsed = client.post("/model/parse", params={"token": RASA_TOKEN}, json={"text": text}).json()
                return parsed["intent"]["name"], parsed.get("intent_ranking", [])
            with ThreadPoolExecutor(max_workers=4) as pool:
                return list(pool.map(intent, texts))
    finally:
        stack.stop()


def evaluate(model: Path, *, safety: bool) -> dict:
    """Computes the figures for one model; with `safety`, as Wegwijs answers (a plausible emergency's helpline first)."""
    held_out = {lang: nlu_examples(ROOT / "tests" / "nlu" / f"{lang}.yml") for lang in LANGUAGES}
    blind = [text for lang in LANGUAGES for text, _ in nlu_examples(BLIND / f"{lang}.yml")]
    probe = [item["text"] for item in json.loads(PROBE.read_text())]
    texts = [t for lang in LANGUAGES for t, _ in held_out[lang]] + blind + probe
    predictions = iter(parse_all(model, texts))

    def helpline(text: str, intent: str, ranking: list[dict]) -> bool:
        """Says whether the parent is shown a helpline first."""
        return topic_for(intent) == "emergency" or (safety and emergency_alarm(ranking, text) is not None)

    figures: dict = {"accuracy": {}, "emergency": [0, 0], "false_alarms": [0, 0]}
    for lang in LANGUAGES:
        correct = 0
        for (text, expected), (intent, ranking) in zip(held_out[lang], predictions):
            shown = helpline(text, intent, ranking)
            if topic_for(expected) == "emergency":
                correct += shown
                figures["emergency"][0] += shown
                figures["emergency"][1] += 1
            else:
                correct += topic_for(intent) == topic_for(expected)
                figures["false_alarms"][0] += shown
                figures["false_alarms"][1] += 1
        figures["accuracy"][lang] = (correct, len(held_out[lang]))
    figures["blind_emergency"] = (sum(helpline(text, *next(predictions)) for text in blind), len(blind))
    answered = defaultdict(int)
    for text, (intent, ranking) in zip(probe, predictions):
        if safety and emergency_alarm(ranking, text):
            answered["emergency"] += 1
        elif topic_for(intent) != "out_of_scope":
            answered[topic_for(intent)] += 1
    figures["false_answers"] = (sum(answered.values()), len(probe), dict(answered))
    return figures


def language_detection() -> dict[str, tuple[int, int]]:
    """Share of held-out messages whose language the detector names correctly (Arabizi counts as Arabic)."""
    result = {}
    for lang in LANGUAGES:
        examples = nlu_examples(ROOT / "tests" / "nlu" / f"{lang}.yml")
        result[lang] = (sum(guess(text).language == lang for text, _ in examples), len(examples))
    return result


def ratio(pair) -> str:
    return f"{pair[0] / pair[1]:.3f}" if pair and pair[0] is not None else "(training)"


def report(ours: dict, baseline: dict | None, detection: dict, training_seconds: str) -> str:
    """Formats the results as Markdown (the baseline column says "(training)" until it is measured)."""
    baseline = baseline or {"accuracy": defaultdict(lambda: None), "emergency": None, "blind_emergency": None,
                            "false_alarms": None, "false_answers": (None, None, {})}
    rows = [
        "| figure | target | Wegwijs pipeline | stock `rasa init` pipeline |",
        "|---|---|---|---|",
    ]
    for lang in LANGUAGES:
        rows.append(f"| topic accuracy, held-out, `{lang}` (n={ours['accuracy'][lang][1]}) | ≥ 0.90 | "
                    f"{ratio(ours['accuracy'][lang])} | {ratio(baseline['accuracy'][lang])} |")
    rows.append(f"| emergency recall (n={ours['emergency'][1]}) | 1.0 | {ratio(ours['emergency'])} | "
                f"{ratio(baseline['emergency'])} |")
    rows.append(f"| emergency recall, blind set `tests/nlu/blind/` (n={ours['blind_emergency'][1]}) | 1.0 | "
                f"{ratio(ours['blind_emergency'])} | {ratio(baseline['blind_emergency'])} |")
    rows.append(f"| helpline shown to a non-emergency message (n={ours['false_alarms'][1]}) | low | "
                f"{ratio(ours['false_alarms'])} | {ratio(baseline['false_alarms'])} |")
    rows.append(f"| false-answer rate, CLINC150 out-of-domain probe (n={ours['false_answers'][1]}) | ≤ 0.05 | "
                f"{ratio(ours['false_answers'])} | {ratio(baseline['false_answers'])} |")
    detection_rows = ["| language | detected correctly |", "|---|---|"]
    detection_rows += [f"| `{lang}` | {ratio(detection[lang])} ({detection[lang][0]}/{detection[lang][1]}) |"
                       for lang in LANGUAGES]
    total = (sum(v[0] for v in detection.values()), sum(v[1] for v in detection.values()))
    detection_rows.append(f"| all | {ratio(total)} |")
    return "\n".join([
        "## NLU (`make bench-nlu`)",
        "",
        f"Run {dt.date.today().isoformat()}; held-out sets `tests/nlu/<lang>.yml` (never trained on), probe "
        "`../shared/eval/clinc150/out_of_domain_probe.json` (never trained on). A message counts as answered "
        "in-domain when its intent's topic is not `out_of_scope` (an `nlu_fallback` counts as not answered). "
        "Wegwijs figures are what it answers: its model plus the safety rule of `api/answers/safety.py` (an "
        f"emergency intent ranked at ≥ {EMERGENCY_FLOOR}, or ≥ {EMERGENCY_FLOOR_OUT_OF_SCOPE} when the top intent is "
        "out of scope, puts its helpline before the answer; so do the danger words of `data/safety/`, phrases and "
        "word combinations written from the emergency topic's definition); the stock pipeline is taken as Rasa "
        "predicts. An emergency message counts as correct when the helpline is shown first. The held-out set's missed "
        "emergencies (three, then two after new training data) were read on 2026-12-02 to find what the danger words "
        "lacked, so that row is no longer blind; the blind set's misses are never read. "
        f"Wegwijs model training time on this machine: {training_seconds} s.",
        "",
        *rows,
        "",
        f"False answers by topic (Wegwijs): {ours['false_answers'][2]}; (stock): {baseline['false_answers'][2]}.",
        "",
        "Language detection (lingua, restricted to the five languages) on the held-out messages, one message at a "
        "time, before the conversation's stickiness rule; short messages (\"ok\", \"merci\") and Arabizi are the misses:",
        "",
        *detection_rows,
    ])


def main() -> None:
    """Runs the benchmark and writes its section of BENCHMARKS.md."""
    model = current_model()
    seconds_file = model.with_name(model.name.replace(".tar.gz", ".seconds"))
    training_seconds = seconds_file.read_text().strip() if seconds_file.exists() else "?"
    ours = evaluate(model, safety=True)
    detection = language_detection()
    # The stock pipeline takes far longer to train; Wegwijs's figures are written first.
    write_section("nlu", report(ours, None, detection, training_seconds))
    baseline = evaluate(baseline_model(), safety=False)
    section = report(ours, baseline, detection, training_seconds)
    write_section("nlu", section)
    print(section)
    sys.exit(0)


if __name__ == "__main__":
    main()
