"""Finds training examples (data/nlu) that also occur in the held-out sets (tests/nlu), compared after folding case,
accents, Arabic letter forms, punctuation and spaces; with --fix, removes them from the training data."""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENTITY = re.compile(r"\[([^\]]+)\](?:\{[^}]*\}|\([^)]*\))")
ARABIC_FOLDS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي", "ı": "i"})
DIACRITICS = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")


def key(text: str) -> str:
    """Returns the text folded so that trivial variants of one sentence compare equal."""
    text = DIACRITICS.sub("", ENTITY.sub(r"\1", text).lower()).translate(ARABIC_FOLDS)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    folded = " ".join(re.sub(r"[^\w]+", " ", text).split())
    return folded or " ".join(text.split())  # emoji-only messages compare as they are


def examples(path: Path) -> list[tuple[int, str]]:
    """Returns (line number, text) of every example line of a Rasa NLU YAML file."""
    return [(n, line.strip()[2:]) for n, line in enumerate(path.read_text(encoding="utf-8").splitlines())
            if line.startswith("    - ")]


def main(fix: bool) -> int:
    held_out = {key(text) for path in (ROOT / "tests/nlu").rglob("*.yml") for _, text in examples(path)}
    found = 0
    for path in sorted((ROOT / "data/nlu").rglob("*.yml")):
        clashes = [(n, text) for n, text in examples(path) if key(text) in held_out]
        for n, text in clashes:
            print(f"{path.relative_to(ROOT)}:{n + 1}: {text}")
        found += len(clashes)
        if fix and clashes:
            drop = {n for n, _ in clashes}
            lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
            path.write_text("".join(line for n, line in enumerate(lines) if n not in drop), encoding="utf-8")
    print(f"{found} training example(s) also in the held-out sets" + (" (removed)" if fix and found else ""))
    return 1 if found and not fix else 0


if __name__ == "__main__":
    sys.exit(main("--fix" in sys.argv[1:]))
