"""The tuning knobs of the speaker steps in one place: speaker confidences and how far each look-up
reaches. Distances in sentences count only sentences outside quotation marks where said so.
Changing one changes reports: check the speaker figures and the judged articles after."""

from __future__ import annotations

# -- confidence -------------------------------------------------------------------------------------
CONFIDENCE: dict[str, float] = {
    "named": 0.95,  # a name in the source
    "dash": 0.9,  # a name after the dash that closes the quotation
    "description": 0.85,  # "the ambassador", "the city": linked to one named before
    "continuation": 0.85,  # a cue-less quote right after a quote by the same speaker
    "pronoun": 0.85,  # "he said"
    "first-person": 0.75,  # "I" outside quotation marks as the narrator
    "lead-in": 0.7,  # a cue-less quote after a sentence about a person
}
"""Speaker confidence by how the speaker was found, before doubts."""
DEFAULT_CONFIDENCE = 0.8  # a way of finding not in CONFIDENCE
DOUBT_PENALTY = 0.2  # taken off the confidence for each doubt (each needs_review reason)
MIN_CONFIDENCE = 0.05  # the least confidence of a speaker, however many doubts
BYLINE_CONFIDENCE = 0.75  # "I" in a column given to the byline author
NARRATOR_FIRST_PERSON = 5  # times "I" stands outside quotation marks before a text counts as narrated

# -- pronouns and descriptions ----------------------------------------------------------------------
PRONOUN_SENTENCES = 6  # sentences outside quotations between a he/she and its antecedent
PRONOUN_MENTIONS = 64  # mentions of one person looked at back from a pronoun (bounds one huge sentence)
FAR_SENTENCES = 3  # an antecedent this many sentences back (or more) is a doubt: "antecedent far away"
GROUP_SENTENCES = 3  # sentences back to the group or organisation "they" / "it" stands for
ORG_SENTENCES = 2  # sentences back to the organisation "the agency" or "it" stands for
PLACE_SENTENCES = 3  # sentences back to the place "the city" stands for
CATAPHORA_TOKENS = (
    300  # tokens ahead to the name a title before it stands for ("Austria's interior minister")
)
SURNAME_SENTENCES = 2  # sentences back where a surname two people share goes to the one named there

# -- roles ------------------------------------------------------------------------------------------
ROLE_TOKENS = 10  # most tokens of a title before a name ("Russian Ambassador to Armenia …")
SHARED_TITLE_NAMES = 3  # names back to the plural title they share ("Senators A, B and C")
APPOSITION_TOKENS = 20  # most tokens of a role in apposition ("…, a senior analyst at …,")

# -- the text around a quotation --------------------------------------------------------------------
CUE_AFTER_CHARS = 40  # characters from a content's end to a cue that follows it ("“…,” she said")
CONTINUATION_CHARS = 600  # most characters between a quote and the cue-less quote that continues it
CONTINUATION_NEWLINES = 2  # most line breaks between them
CONTINUATION_WORDS = 2  # most words beside the quote in its paragraph when the two are paragraphs apart
TRAILING_TOKENS = 25  # tokens after a quotation searched for its speech verb ("…,” X said")
WORDS_OF_TOKENS = 25  # tokens before a quotation searched for "in the words of X" / "according to X"
DASH_CHARS = 120  # characters after a quotation read for "— Name"
PULL_QUOTE_WORDS = 6  # words a repeated quotation needs to count as a pull quote
ECHO_WORDS = 4  # words a cue-less quotation must share with a quotation of known speaker to be theirs
