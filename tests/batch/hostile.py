"""A folder of good articles with hostile inputs between them, for the batch tests."""

from __future__ import annotations

import json
from pathlib import Path

GOOD = [f"“Plan {i} is ready,” the minister said on day {i}." for i in range(1, 5)]


def write_hostile(folder: Path) -> int:
    """Write the folder; returns how many inputs in it fail (each alone)."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [
        json.dumps({"text": GOOD[0]}),
        "[" * 5000 + "]" * 5000,  # deep nesting: refused before decoding
        json.dumps({"text": GOOD[1]}),
        '{"text": "The mayor said \\ud800 nothing."}',  # a lone surrogate: replaced, analysed
        json.dumps({"text": GOOD[2]}),
    ]
    (folder / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    # over spaCy's max_length: refused with its own reason, an error of that input alone
    (folder / "b-long.txt").write_text("word " * 220_000, encoding="utf-8")
    (folder / "c.txt").write_text(GOOD[3], encoding="utf-8")
    return 2
