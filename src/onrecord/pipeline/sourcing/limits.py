"""The tuning knobs of the sourcing step in one place (:mod:`.labels`, :mod:`.markers`,
:mod:`.colour`, :mod:`.editorial`): shares and lengths that decide a sentence's label, a marker's
extent and an article's genre. The editorial scorer's own threshold lives with its weights
(``models/editorial.json``); the statements-only threshold in :mod:`onrecord.settings`."""

from __future__ import annotations

# -- sentence labels ------------------------------------------------------------------------------
EDITORIAL_SHARE = 0.25
"""A sentence with no source is ``editorial`` when colour covers at least this share of its characters."""
CONTENT_SHARE = 0.3
"""A sentence with no cue of its own takes the sourcing of an attribution whose content covers this share of it."""
TRANSITION_MAX_WORDS = 8  # a sentence this short with a transition word ("Meanwhile, …") is background
BYLINE_MAX_TOKENS = 8  # a byline ("By Jane Roe, Reuters") has at most this many tokens
HEADING_MAX_WORDS = 20  # a line of its own without final punctuation, this short, is a heading
HEADING_CAPS_SHARE = 0.7  # a line of its own with this share of capitalised words is a heading

# -- markers ----------------------------------------------------------------------------------------
PP_MAX_TOKENS = 12  # most tokens a private-context marker widens to ("In private meetings with …")
COLOUR_MAX_TOKENS = 25  # most tokens of an editorial-colour span

# -- genre ------------------------------------------------------------------------------------------
OPINION_FIRST_PERSON = 0.15
"""An article is opinion with this share of first-person sentences and ``OPINION_WITH_FIRST_PERSON``
of editorial ones (or ``genre_opinion_share`` of ``models/editorial.json`` alone)."""
OPINION_WITH_FIRST_PERSON = 0.1
