"""Writes a stratified sample of CLINC150's out-of-domain training queries as English out_of_scope examples."""

from __future__ import annotations

import json
import random
import sys
from collections import defaultdict
from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "clinc150" / "out_of_domain_train.json"
TARGET = Path(__file__).resolve().parent.parent / "data" / "nlu" / "en" / "out_of_scope_clinc150.yml"


def main(per_intent: int) -> None:
    """Samples `per_intent` queries of every CLINC150 intent (never the probe file)."""
    by_source: dict[str, list[str]] = defaultdict(list)
    for item in json.loads(SOURCE.read_text()):
        by_source[item["source"]].append(" ".join(item["text"].split()))
    rng = random.Random(150)
    lines = []
    for source in sorted(by_source):
        texts = sorted(set(by_source[source]))
        count = per_intent * 4 if source == "clinc150:oos" else per_intent
        lines += rng.sample(texts, min(count, len(texts)))
    header = (
        "# Sample of CLINC150 out-of-domain training queries (Larson et al., EMNLP 2019, CC BY 3.0),\n"
        f"# {per_intent} per intent, written by scripts/sample_clinc150.py; the probe file is never used.\n"
    )
    body = "\n".join(f"      - {text}" for text in lines)
    TARGET.write_text(f'{header}version: "3.1"\nnlu:\n  - intent: out_of_scope\n    examples: |\n{body}\n')
    print(f"{len(lines)} examples written to {TARGET}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 8)
