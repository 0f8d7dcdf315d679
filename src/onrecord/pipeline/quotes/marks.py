"""Find quotations in text by their quotation marks, for every common convention.

Pure functions over a string. Handles “…”, "…", ‘…’ (where ’ is also the apostrophe),
'…', «…», „…“, nesting, and unbalanced marks (recovered per paragraph, never raising).
A quote left open at a paragraph's end is closed there with ``closed=False``; when the
next paragraph opens with a quote (the multi-paragraph convention), :func:`link_paragraph_quotes`
groups the pieces. A plural possessive (the officials’ view) does not close a ‘…’ quote when a
later mark in the paragraph can.
"""

from __future__ import annotations

from onrecord.pipeline.types import Quote

# opener -> closers that end it
_PAIRS: dict[str, tuple[str, ...]] = {
    "“": ("”", "“"),  # “ as a closer only when the opener was „ (handled below)
    "„": ("“", "”"),
    "«": ("»",),
    "»": ("«",),  # the German and Swiss »…« convention
    "‹": ("›",),
    "‘": ("’",),
    '"': ('"',),
    "'": ("'",),
}
_OPEN_BEFORE = set(" \t\n([{<—–-/:;,") | {""}

# The quotation-mark characters, for the whole pipeline. OPENING_MARKS and CLOSING_MARKS are strings
# like the literals they replaced: ``text[i:j] in CLOSING_MARKS`` also holds for an empty slice.
QUOTE_MARKS: frozenset[str] = frozenset(_PAIRS).union(*_PAIRS.values())
"""Every quotation mark :func:`find_quotes` knows, opening or closing (also a feature of the learned
tagger, so a change here asks for retraining)."""
OPENING_MARKS = "“‘«„‹\"'"
"""The marks that open a quotation in running text (» opens one only in the German »…« convention,
so here it is a closing mark)."""
CLOSING_MARKS = "\"'”’»›"
"""The marks that close a quotation."""
_DEEPEST_OUTER = 8
"""How many open quotations under the innermost a closing mark may close: real text nests two or
three; looking deeper made 20,000 opening marks in a row take minutes (fuzzing, issue 19)."""


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def find_quotes(text: str) -> list[Quote]:
    """All quotations in ``text``, in order of their start (outer before inner)."""
    out: list[Quote] = []
    pos = 0
    for para in text.split("\n"):
        out.extend(_scan_paragraph(para, pos))
        pos += len(para) + 1
    out.sort(key=lambda q: (q.start, -q.end))
    return out


def _scan_paragraph(para: str, offset: int) -> list[Quote]:
    stack: list[tuple[str, int]] = []  # (opener, index)
    found: list[Quote] = []
    n = len(para)
    # a paragraph that mixes styles ("“…," she said) may close a curly opener with a straight
    # mark, or a straight one with a curly mark, once no mark of the opener's own style follows
    last = {'"': para.rfind('"'), "”": para.rfind("”")}
    for i, ch in enumerate(para):
        prev = para[i - 1] if i > 0 else ""
        nxt = para[i + 1] if i + 1 < n else ""
        if ch in ("’", "'") and _is_word(prev) and _is_word(nxt):
            continue  # apostrophe inside a word: Russia’s, don't
        # closing?
        if stack:
            opener, at = stack[-1]
            if (ch in _PAIRS[opener] or _mixed_close(opener, ch, i, last)) and not (
                ch == "“" and opener == "“"
            ):
                if ch in ("’", "'", '"') and (not prev or prev.isspace()):
                    pass  # a mark after a space opens, it does not close
                elif (ch in ("’", "'") and _is_word(nxt)) or (
                    ch in ("’", "'") and _plural_possessive(para, i, ch)
                ):
                    continue
                else:
                    stack.pop()
                    _add(found, para, offset, at, i + 1)
                    continue
            # a closer for an outer quote closes the inner ones too (unbalanced inner marks)
            for depth in range(len(stack) - 2, max(len(stack) - 2 - _DEEPEST_OUTER, -1), -1):
                outer, oat = stack[depth]
                if (
                    (ch in _PAIRS[outer] or _mixed_close(outer, ch, i, last))
                    and ch not in ("’", "'")
                    and not (ch == "“" and outer == "“")
                ):
                    del stack[depth:]
                    _add(found, para, offset, oat, i + 1)
                    break
            else:
                if ch in _PAIRS and (_opens(ch, prev, nxt) or _spaced_open(para, i, stack, last)):
                    stack.append((ch, i))
            continue
        if ch in _PAIRS and (_opens(ch, prev, nxt) or _spaced_open(para, i, stack, last)):
            stack.append((ch, i))
    # unclosed at paragraph end: the outermost runs to the end of the paragraph
    if stack:
        opener, at = stack[0]
        end = len(para.rstrip())
        if end > at + 1 and opener not in ("'",):
            _add(found, para, offset, at, end, closed=False)
    return found


def _mixed_close(opener: str, ch: str, i: int, last: dict[str, int]) -> bool:
    """A straight mark closing “ (or ” closing ") when the opener's own closer does not come later."""
    if opener == "“" and ch == '"':
        return last["”"] < i
    if opener == '"' and ch == "”":
        return last['"'] <= i
    return False


def _plural_possessive(para: str, i: int, ch: str) -> bool:
    """``s’`` followed by a lower-case word (the officials’ view) while a later mark could close the quote."""
    if i == 0 or para[i - 1] not in "sSzZ":
        return False
    rest = para[i + 1 : i + 3]
    if len(rest) < 2 or rest[0] != " " or not rest[1].islower():
        return False
    for j in range(i + 1, len(para)):
        if para[j] == ch and not (_is_word(para[j - 1]) and j + 1 < len(para) and _is_word(para[j + 1])):
            return True
    return False


def _add(found: list[Quote], para: str, offset: int, at: int, end: int, *, closed: bool = True) -> None:
    """Record the quote ``para[at:end]`` (marks included), its inner part trimmed of spaces; skip empty ones."""
    lo, hi = at + 1, end - 1 if closed else end
    while lo < hi and para[lo].isspace():
        lo += 1
    while hi > lo and para[hi - 1].isspace():
        hi -= 1
    if hi > lo:
        found.append(Quote(offset + at, offset + end, (offset + lo, offset + hi), closed=closed))


def _spaced_open(para: str, i: int, stack: list[tuple[str, int]], last: dict[str, int]) -> bool:
    """A straight double mark set off by spaces that opens a quotation (`," he said. " You …`): a
    space before and after it, a capital letter next, none of its kind open, a closer later."""
    return (
        para[i] == '"'
        and (i == 0 or para[i - 1].isspace())
        and para[i + 1 : i + 2] == " "
        and para[i + 2 : i + 3].isupper()
        and all(o != '"' for o, _ in stack)
        and last['"'] > i
    )


def _opens(ch: str, prev: str, nxt: str) -> bool:
    if not nxt or (nxt.isspace() and ch not in "«‹"):
        return False
    if ch == "»":
        return not _is_word(prev)
    if ch in ("'", "’", '"'):
        return prev in _OPEN_BEFORE or prev in "“‘«„"
    if ch == "‘":
        return not _is_word(prev)
    return True


def link_paragraph_quotes(text: str, quotes: list[Quote]) -> list[list[Quote]]:
    """Group unclosed quotes with the quote that opens the next paragraph (multi-paragraph quotes)."""
    groups: list[list[Quote]] = []
    for q in quotes:
        if groups and not groups[-1][-1].closed:
            last = groups[-1][-1]
            between = text[last.end : q.start]
            if between.strip() == "" and "\n" in between:
                groups[-1].append(q)
                continue
        groups.append([q])
    return groups
