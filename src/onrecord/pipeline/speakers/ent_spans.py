"""Entity spans as token ranges, and the words trimmed from them that are not part of the name:
a determiner, a trailing possessive, a title or a descriptive noun before a name ("Novelist Zadie
Smith", "Developer Valve"), a place swallowed after a title ("Ambassador to Armenia Sergey
Kopyrkin")."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from onrecord.pipeline import lexicons

TITLE_PREPS = {"to", "of", "for", "in", "at"}
APOSTROPHES = ("'s", "’s", "'", "’")
_NUMERIC = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})


@dataclass(slots=True)
class Ent:
    """An entity as a token span ``[start, end)`` with its label and canonical name (persons)."""

    start: int
    end: int
    label: str
    canonical: str | None = None
    shared: bool = False  # a surname two people of the article share


SPACED_DASHES = frozenset({"-", "--", "–", "—"})
"""Dashes that, with spaces around them, part two phrases rather than join two words."""


def text_of(doc: Doc, e: Ent) -> str:
    return doc[e.start : e.end].text


def split_at_breaks(doc: Doc, e: Ent) -> list[Ent]:
    """An entity the model ran across a line break or a spaced dash, as the pieces on either side
    that hold a proper noun ("Still four Thunderbolt 3⏎⏎[Apple] has now redesigned": a heading and the next paragraph's
    subject are two names, or one name and none)."""
    breaks = [i for i in range(e.start, e.end) if _breaks(doc, i)]
    if not breaks:
        return [e]
    out = []
    for lo, hi in zip([e.start] + [b + 1 for b in breaks], [*breaks, e.end], strict=True):
        if any(
            doc[i].pos_ == "PROPN" or (e.label in _NUMERIC and not doc[i].is_space) for i in range(lo, hi)
        ):
            out.append(Ent(lo, hi, e.label))
    return out


def _breaks(doc: Doc, i: int) -> bool:
    """A line break, or a dash with spaces either side ("BERLIN -- [The European Space Agency]":
    a dateline and the first subject)."""
    t = doc[i]
    if t.is_space:
        return "\n" in t.text
    return t.text in SPACED_DASHES and i > 0 and bool(doc[i - 1].whitespace_) and bool(t.whitespace_)


def strip_det(doc: Doc, e: Ent) -> Ent:
    while (
        e.end - e.start > 1
        and doc[e.start].lower_ in ("the", "a", "an")
        and (doc[e.start].is_lower or doc[e.start].is_sent_start or e.label in ("ORG", "GPE", "LOC", "FAC"))
    ):
        e.start += 1
    while e.end - e.start > 1 and doc[e.end - 1].text in APOSTROPHES:
        e.end -= 1
    if e.end - e.start > 2 and doc[e.start].tag_ in ("RB", "RBR") and doc[e.start].is_sent_start:
        e.start += 1  # "Later Paul Hart said": the sentence's adverb is no part of the name
    return e


def strip_person_titles(doc: Doc, e: Ent, titles: frozenset[str]) -> None:
    # "Malaysia's Prime Minister, Najib Razak" taken as one name: the name is after the last comma
    commas = [i for i in range(e.start, e.end - 1) if doc[i].text == ","]
    if commas and any(doc[i].pos_ == "PROPN" for i in range(commas[-1] + 1, e.end)):
        e.start = commas[-1] + 1
    # a capitalised verb that opens the sentence is not part of the name: "Hosting Cook at …"
    if e.end - e.start > 1 and doc[e.start].is_sent_start and doc[e.start].lower_.endswith("ing"):
        e.start += 1
    while e.end - e.start > 1 and (
        doc[e.start].lower_ in lexicons.load("honorifics")
        or doc[e.start].lower_.rstrip(".") in titles
        or doc[e.start].lower_ in titles
    ):
        e.start += 1
    # a position abbreviation with two or more name words after it ends what comes before the
    # name: "Browns DL Sheldon Richardson", "QB Tom Brady" (not "TJ Watt": one word after)
    for i in range(e.end - 3, e.start - 1, -1):
        w = doc[i].text
        if 2 <= len(w) <= 4 and w.isalpha() and w.isupper():
            e.start = i + 1
            break


def split_title_prefix(doc: Doc, e: Ent, titles: frozenset[str]) -> list[Ent]:
    """ "Ambassador to [Armenia Sergey Kopyrkin]" -> GPE "Armenia" + PERSON "Sergey Kopyrkin"."""
    n = e.end - e.start
    if e.label not in ("PERSON", "ORG") or n < 3 or e.start < 2:
        return [e]
    prep, title = doc[e.start - 1], doc[e.start - 2]
    if prep.lower_ not in TITLE_PREPS or not (title.lower_ in titles or title.lower_.rstrip(".") in titles):
        return [e]
    rest = [doc[i] for i in range(e.start + 1, e.end)]
    if len(rest) < 2 or not all(t.pos_ == "PROPN" or t.text[:1].isupper() for t in rest):
        return [e]
    return [Ent(e.start, e.start + 1, "GPE"), Ent(e.start + 1, e.end, "PERSON")]


def descriptor_words() -> tuple[frozenset[str], frozenset[str]]:
    """(words for people by their work, words for kinds of business) that may stand before a name
    as a descriptive title ("Novelist Zadie Smith", "Retailer Target"). Words for kin and rank
    ("Mother Teresa", "Prince Andrew", "Father Brown") are part of the name and stay."""
    kin = set(lexicons.load_table("gender_words"))
    people = (lexicons.load("occupations") | lexicons.load("person_nouns")) - kin
    return frozenset(people), lexicons.load("company_nouns")


def strip_descriptor(doc: Doc, e: Ent, people: frozenset[str], business: frozenset[str]) -> None:
    """A capitalised common noun that opens a name describes it ("Mathematician [Hermann Weyl]",
    "Developer [Valve] called"): the model took it in because of its capital. Taken off when a name
    follows; off an organisation's name for a word for a business only when the rest is named so
    elsewhere in the text ("Publisher [Penguin]"; "Studio Ghibli" alone stays whole), and off a
    two-word person's name only then too ("Fan Mengguang, deputy director", named once, is whole)."""
    if e.label not in ("PERSON", "ORG") or e.end - e.start < 2:
        return
    first, nxt = doc[e.start], doc[e.start + 1]
    word = first.text
    if not (word[:1].isupper() and word[1:].islower() and nxt.text[:1].isupper() and nxt.pos_ == "PROPN"):
        return
    low = first.lower_
    rest = doc[e.start + 1 : e.end].text
    if (low in people and (e.end - e.start > 2 or doc.text.count(rest) > 1)) or (
        e.label == "ORG" and low in business and doc.text.count(rest) > 1
    ):
        e.start += 1


def public_body(doc: Doc, e: Ent) -> bool:
    """Whether ``e`` names a public body (``lexicons/public_bodies.txt``): a word of the name, or of
    the three before it when it is an abbreviation in brackets ("Attorney General (NYAG)")."""
    words = {t.lower_ for t in doc[e.start : e.end]}
    if e.start > 0 and doc[e.start - 1].text == "(":
        words |= {t.lower_ for t in doc[max(0, e.start - 4) : e.start - 1]}
    return not words.isdisjoint(lexicons.load("public_bodies"))
