"""The tuning knobs of the rule layer in one place (:mod:`.rules` and its passes, :mod:`.nested`,
:mod:`.use`): the confidence each rule gives what it finds, and how far a rule looks. The learned
statement filter reads an attribution's confidence, so changing one asks for ``train/statements.py``
and the PolNeAR evaluation gate after."""

from __future__ import annotations

# -- confidence of an attribution, by the rule that found it -------------------------------------
DIRECT = 0.8  # a quotation as the cue's complement, or a quotation tied to the cue next to it
MIXED = 0.7  # a cue whose complement holds a quotation among words of the author's
INDIRECT = 0.6  # a cue whose complement has no quotation
ACCORDING_TO = 0.7  # "according to X, …"
NOMINAL = 0.5  # "X's claim that …", "in a statement, X …"
CUELESS = 0.4  # a long quotation no cue was found for
NESTED = 0.6  # a quotation inside a quotation, with a cue of its own there

#: Least statement score (:mod:`.statements`) of an attribution with no content: "has been", "could
#: see", "a fireside chat" score below it, most reports with their content elsewhere above it.
EMPTY_STATEMENT = 0.1

# -- what a quotation is ---------------------------------------------------------------------------
DIRECT_SHARE = 0.8  # least share of a cue's complement in quotation marks for a direct quote
CUELESS_WORDS = 6  # least words of a quotation kept with no cue
TITLE_MAX_WORDS = 8  # a capitalised run of fewer words, without final punctuation, is a title
HEADING_MAX_WORDS = 8  # a quotation alone on its line, shorter and unpunctuated, is a heading
NAMING_CHARS = 40  # characters before a quotation read for words that name it ("the film “…”")

# -- how far a rule looks --------------------------------------------------------------------------
CUE_AFTER_TOKENS = 12  # tokens after a quotation searched for its cue ("‘…,’ he said")
CUE_BEFORE_TOKENS = 16  # tokens before a quotation where its cue may start ("He added: ‘…’")
CUE_BEFORE_GAP = 10  # most tokens between such a cue and the quotation
CONTINUATION_CHARS = 400  # characters after a cue searched for the rest of a split quotation
CONTINUATION_WORDS = 8  # most words between the cue and that rest ("‘A,’ he said, ‘B.’")
FRONTED_CHARS = 3000  # characters before a cue searched for a quotation it follows ("“A,” Jones said")
FRONTED_WORDS = 6  # most words between that quotation and the cue
NESTED_REACH = 4  # tokens looked at on either side of an inner quotation for its verb
#: Most head steps taken from a source up to the relative clause it sits in. In PolNeAR dev, 100
#: train articles and the seed the longest climb is 21 steps; a run of quotation marks the parser
#: reads as one sentence thousands of tokens long would otherwise climb all of it for every source.
MAX_CLIMB = 32
