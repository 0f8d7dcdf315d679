"""Agency datelines: "BERLIN -- ", "LONDON, Nov 18 (Reuters) - " open a paragraph of wire copy and
belong to neither the subject after them nor the words reported ("BERLIN -- [The European Space
Agency] says [putting astronauts into …]"). A pure function over the text."""

from __future__ import annotations

import re

#: An agency dateline opening a paragraph: the place in capitals, a region, a date and the agency
#: perhaps, then a dash and a capital ("BERLIN -- ", "LONDON, Nov 18 (Reuters) - ", "SAN JUAN, Puerto
#: Rico (AP) — "; not "NASA - the agency - said").
DATELINE = re.compile(
    r"[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}(?:, [A-Z][A-Za-z.]+(?: [A-Z][a-z.]+)?(?: \d{1,2})?){0,2}"
    r"(?: \([A-Za-z .&-]{1,30}\))? ?(?:--|[—–-]) ?(?=[A-Z])"
)


def after_dateline(text: str, lo: int, hi: int) -> int:
    """Where a phrase starting at ``lo`` starts once the dateline that opens its paragraph is left
    out ("BERLIN -- [The European Space Agency]"); ``lo`` when there is none."""
    if lo > 0 and text[lo - 1] != "\n":
        return lo
    m = DATELINE.match(text, lo, hi)
    return m.end() if m is not None and m.end() < hi else lo
