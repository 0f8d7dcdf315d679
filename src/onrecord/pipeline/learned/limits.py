"""The tuning knobs of turning the learned tagger's tags into attributions, in one place: how far
a content reaches for its cue and a cue for its source (in tokens). The sizes of the feature space
(``features.N_BUCKETS``, ``MAX_CHUNK``, the cue-distance buckets) are not here: the shipped weights
were trained with them, so they change only with retraining."""

from __future__ import annotations

CUE_REACH = 40  # tokens between a content and the cue it is tied to
SOURCE_REACH = 12  # tokens between a cue and its source
CONTENT_GAP = 14  # tokens a split content may skip (the "he said" between its pieces)
CUE_BEFORE_FRAGMENT = 3  # a cue ending this many tokens before a content fragment is next to it
CUE_AFTER_FRAGMENT = 5  # and one starting this many tokens after it
