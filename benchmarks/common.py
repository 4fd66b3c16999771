"""Shared helpers of the benchmarks: NLU test data, percentiles, and writing results into BENCHMARKS.md."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
ENTITY = re.compile(r"\[([^\]]+)\](?:\{[^}]*\}|\([^)]*\))")


def nlu_examples(path: Path) -> list[tuple[str, str]]:
    """Reads (text, intent) pairs from a Rasa NLU YAML file, without entity markup."""
    pairs = []
    for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
        for line in block["examples"].splitlines():
            line = line.strip()
            if line.startswith("- "):
                pairs.append((ENTITY.sub(r"\1", line[2:]).strip(), block["intent"]))
    return pairs


def percentile(values: list[float], share: float) -> float:
    """Returns a percentile (nearest rank) of a list of numbers."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))
    return ordered[index]


def write_section(name: str, content: str) -> None:
    """Replaces one marked section of BENCHMARKS.md, keeping the others."""
    path = ROOT / "BENCHMARKS.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    start, end = f"<!-- {name} -->", f"<!-- /{name} -->"
    block = f"{start}\n{content.strip()}\n{end}"
    if start in text:
        text = re.sub(re.escape(start) + r".*?" + re.escape(end), lambda _: block, text, flags=re.S)
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")
