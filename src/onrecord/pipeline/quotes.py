"""Find quotations in text by their quotation marks, for every common convention.

Pure functions over a string. Handles “…”, "…", ‘…’ (where ’ is also the apostrophe),
'…', «…», „…“, nesting, and unbalanced marks (recovered per paragraph, never raising).
A quote left open at a paragraph's end is closed there with ``closed=False``; when the
next paragraph opens with the same mark (the multi-paragraph convention) the pieces share
a ``group``.
"""

from __future__ import annotations

from onrecord.pipeline.types import Quote

# opener -> closers that end it
_PAIRS: dict[str, tuple[str, ...]] = {
    "“": ("”", "“"),  # “ as a closer only when the opener was „ (handled below)
    "„": ("“", "”"),
    "«": ("»",),
    "‹": ("›",),
    "‘": ("’",),
    '"': ('"',),
    "'": ("'",),
}
_OPEN_BEFORE = set(" \t\n([{<—–-/:;,") | {""}


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
    for i, ch in enumerate(para):
        prev = para[i - 1] if i > 0 else ""
        nxt = para[i + 1] if i + 1 < n else ""
        if ch in ("’", "'") and _is_word(prev) and _is_word(nxt):
            continue  # apostrophe inside a word: Russia’s, don't
        # closing?
        if stack:
            opener, at = stack[-1]
            if ch in _PAIRS[opener] and not (ch == "“" and opener == "“"):
                if ch in ("’", "'", '"') and (not prev or prev.isspace()):
                    pass  # a mark after a space opens, it does not close
                elif ch in ("’", "'") and _is_word(nxt):
                    continue
                else:
                    stack.pop()
                    found.append(Quote(offset + at, offset + i + 1, (offset + at + 1, offset + i)))
                    continue
            # a closer for an outer quote closes the inner ones too (unbalanced inner marks)
            for depth in range(len(stack) - 2, -1, -1):
                outer, oat = stack[depth]
                if ch in _PAIRS[outer] and ch not in ("’", "'") and not (ch == "“" and outer == "“"):
                    del stack[depth:]
                    found.append(Quote(offset + oat, offset + i + 1, (offset + oat + 1, offset + i)))
                    break
            else:
                if ch in _PAIRS and _opens(ch, prev, nxt):
                    stack.append((ch, i))
            continue
        if ch in _PAIRS and _opens(ch, prev, nxt):
            stack.append((ch, i))
    # unclosed at paragraph end: the outermost runs to the end of the paragraph
    if stack:
        opener, at = stack[0]
        end = len(para.rstrip())
        if end > at + 1 and opener not in ("'",):
            found.append(Quote(offset + at, offset + end, (offset + at + 1, offset + end), closed=False))
    return found


def _opens(ch: str, prev: str, nxt: str) -> bool:
    if not nxt or nxt.isspace():
        return False
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
