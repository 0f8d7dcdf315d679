"""Small corpora written for the batch and CLI tests."""

from __future__ import annotations

from pathlib import Path

STATEMENT = "We will not give up a single inch of our land, whatever the cost."
PROVENANCE = [
    f'Armenian PM Nikol Pashinyan said on Monday: "{STATEMENT}" The talks resume next week.',
    'Pashinyan said: "We will never give up a single inch of our land, whatever the cost." He left at noon.',
    f'Azerbaijani President Ilham Aliyev said: "{STATEMENT}" Officials said talks were hard.',
    'Nikol Pashinyan said: "We will not give up a single inch of our land." Some analysts said it was a warning.',
]


def synthetic(n: int) -> list[str]:
    """``n`` distinct short news articles with a quote, an anonymous and a vague source."""
    return [
        f'Mayor Jane Doe said on Tuesday: "Bridge number {i} will reopen in the spring." '
        f"Officials said repairs cost {i} million dollars, according to sources familiar with the plan."
        for i in range(n)
    ]


def write_corpus(folder: Path, texts: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(texts):
        (folder / f"a{i:05d}.txt").write_text(text, encoding="utf-8")
    return folder
