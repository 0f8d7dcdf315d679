"""Decoding a tagger's per-token O/B/I probabilities into spans.

Argmax per token, or Viterbi over tag-to-tag scores (:class:`TagTransitions`): for contents the
tag statistics counted on PolNeAR train (``train/content_decoding.py``), for the roles the tagger
was trained with a CRF on, the CRF's learned start and transition scores (``train/finetune.py``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources

import numpy as np
from numpy.typing import NDArray

from onrecord.pipeline.learned import limits

SOURCE, CUE, CONTENT = 0, 1, 2


@dataclass(slots=True)
class TokenSpan:
    """A span as token fragments [(start, end), ...] (end exclusive) with a mean probability."""

    frags: list[tuple[int, int]] = field(default_factory=list)
    score: float = 0.0

    @property
    def start(self) -> int:
        return self.frags[0][0]

    @property
    def end(self) -> int:
        return self.frags[-1][1]

    def tokens(self) -> set[int]:
        return {i for lo, hi in self.frags for i in range(lo, hi)}


@dataclass(frozen=True, slots=True)
class TagTransitions:
    """Tag-sequence scores for :func:`viterbi`: HMM-style smoothing of one role's tags (log prior,
    first-tag and tag-after-tag probabilities counted on PolNeAR train by
    ``train/content_decoding.py``, and their weight), or a CRF's learned scores (:meth:`crf`)."""

    weight: float
    prior: NDArray[np.float64]
    first: NDArray[np.float64]
    transitions: NDArray[np.float64]

    @classmethod
    def shipped(cls) -> TagTransitions:
        path = resources.files("onrecord.pipeline").joinpath("models", "content-decoding.json")
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            float(data["weight"]),
            *(np.asarray(data[k], dtype=np.float64) for k in ("prior", "first", "transitions")),
        )

    @classmethod
    def crf(cls, start: NDArray[np.floating], transitions: NDArray[np.floating]) -> TagTransitions:
        """A linear-chain CRF's start (3,) and transition (3, 3) scores, learned over the tagger's
        log-probabilities: weight 1 and no prior."""
        return cls(
            1.0,
            np.zeros(3, dtype=np.float64),
            np.asarray(start, dtype=np.float64),
            np.asarray(transitions, dtype=np.float64),
        )


def viterbi(
    probs: NDArray[np.float32], chunks: list[tuple[int, int]], hmm: TagTransitions
) -> NDArray[np.int64]:
    """The best O/B/I sequence per chunk under log p(tag | token) - w log p(tag) + w log p(tag | previous
    tag), for one role's probabilities (n_tokens, 3); tokens outside the chunks get O."""
    tags = np.zeros(len(probs), dtype=np.int64)
    live = [(lo, hi) for lo, hi in chunks if hi > lo]
    if not live:
        return tags
    w = hmm.weight
    emit = np.log(np.maximum(probs, 1e-9)) - w * hmm.prior
    order = sorted(live, key=lambda c: c[0] - c[1])  # longest first: running chunks are a prefix
    lens = np.array([hi - lo for lo, hi in order])
    starts = np.array([lo for lo, _ in order])
    score = emit[starts] + w * hmm.first
    back = np.zeros((len(order), int(lens[0]), 3), dtype=np.int64)
    trans = w * hmm.transitions
    for t in range(1, int(lens[0])):
        k = int((lens > t).sum())
        cand = score[:k, :, None] + trans[None]  # (chunks, previous tag, tag)
        back[:k, t] = cand.argmax(axis=1)
        score[:k] = cand.max(axis=1) + emit[starts[:k] + t]
    best = score.argmax(axis=1)
    for c in range(len(order)):
        y = int(best[c])
        for t in range(int(lens[c]) - 1, -1, -1):
            tags[starts[c] + t] = y
            y = int(back[c, t, y])
    return tags


def decode(
    probs: NDArray[np.float32],
    chunks: list[tuple[int, int]],
    role: int,
    breaks: NDArray[np.bool_] | None = None,
    hmm: TagTransitions | None = None,
) -> list[TokenSpan]:
    """Spans of one role from per-token O/B/I probabilities (argmax, or :func:`viterbi` with ``hmm``;
    I after a gap resumes a content).

    A content gap is not bridged when it holds a token marked in ``breaks`` (a new sentence).
    """
    tags = probs[:, role].argmax(axis=1) if hmm is None else viterbi(probs[:, role], chunks, hmm)
    conf = probs[:, role, 1:].sum(axis=1)
    spans: list[TokenSpan] = []
    for lo, hi in chunks:
        cur: TokenSpan | None = None
        for i in range(lo, hi):
            tag = int(tags[i])
            if tag == 0:
                continue
            if cur is not None and cur.frags[-1][1] == i and tag == 2:
                cur.frags[-1] = (cur.frags[-1][0], i + 1)
            elif (
                tag == 2
                and cur is not None
                and role == CONTENT
                and i - cur.frags[-1][1] <= limits.CONTENT_GAP
                and (breaks is None or not breaks[cur.frags[-1][1] : i].any())
            ):
                cur.frags.append((i, i + 1))
            else:
                cur = TokenSpan([(i, i + 1)])
                spans.append(cur)
    for s in spans:
        s.score = float(np.mean([conf[i] for i in s.tokens()]))
    return spans
