"""Names and quote text, normalised so that the same person / the same words match across articles.

``split_name("Armenian PM Nikol Pashinyan")`` gives ``("nikol pashinyan", "Nikol Pashinyan",
["Armenian PM"])``: the name proper is the last run of capitalised words that are not titles;
what stands before it is a role. ``quote_words`` / ``content_words`` normalise quote text for
MinHash and word-level diffs. Pure functions over strings.
"""

from __future__ import annotations

import re
import unicodedata

TITLE_WORDS = frozenset(
    """
    mr mrs ms miss dr prof sir dame lord lady rev gen col maj capt lt sgt adm sen rep gov pres
    president vice prime minister pm premier chancellor secretary senator representative congressman
    congresswoman governor mayor king queen prince princess sheikh emir ayatollah pope cardinal
    bishop general admiral colonel major captain sergeant commander chief ceo cfo coo chairman
    chairwoman chair spokesman spokeswoman spokesperson spokespeople director head leader deputy
    acting former foreign defense defence interior finance justice state attorney judge ambassador
    envoy minister's speaker majority minority whip officer official advisor adviser aide analyst
    professor economist founder executive manager editor correspondent reporter lawyer candidate
    nominee member the a an of for and de la officials sources experts analysts observers critics
    people residents witnesses authorities police reports report diplomats lawmakers insiders aides
    advisers advisors others many some
    """.split()  # noqa: SIM905
)
_WORD = re.compile(r"[\w'’.-]+", re.UNICODE)
_NON_WORD = re.compile(r"[^\w\s]", re.UNICODE)
QUOTE_STOPWORDS = frozenset(
    """
    a an the and or but if of to in on at by for with from as is are was were be been being it its
    this that these those i we you he she they me us him her them my our your his their not no do
    does did have has had will would shall should can could may might must so than then there here
    what which who
    """.split()  # noqa: SIM905
)


def fold(text: str) -> str:
    """Lowercase, accents removed, curly apostrophes made straight."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


def _is_name_token(tok: str) -> bool:
    bare = tok.strip(".'’-")
    if not bare or not bare[0].isupper():
        return False
    return fold(bare) not in TITLE_WORDS


def split_name(phrase: str) -> tuple[str | None, str, list[str]]:
    """(normalised key, display name, roles) of a speaker phrase; key is None when no name is in it."""
    phrase = re.sub(r"['’]s\b", "", phrase.strip())
    best: tuple[str | None, str, list[str]] = (None, phrase, [])
    for part in (p.strip() for p in phrase.split(",")):
        toks = _WORD.findall(part)
        end = len(toks)
        while end > 0 and not _is_name_token(toks[end - 1]):
            end -= 1
        start = end
        while start > 0 and _is_name_token(toks[start - 1]):
            start -= 1
        if end == 0:
            continue
        name_toks = [t.strip(".'’-") for t in toks[start:end]]
        key = " ".join(fold(t) for t in name_toks)
        role_toks = toks[:start]
        while role_toks and fold(role_toks[0]) in {"the", "a", "an"}:
            role_toks = role_toks[1:]
        roles = [" ".join(role_toks)] if role_toks else []
        rest = [p.strip() for p in phrase.split(",") if p.strip() and p.strip() != part]
        roles.extend(re.sub(r"^(the|a|an)\s+", "", r, flags=re.I) for r in rest)
        return key, " ".join(name_toks), roles
    return best


def quote_words(text: str) -> list[str]:
    """The words of a quote, normalised: folded, punctuation removed."""
    return _NON_WORD.sub(" ", fold(text).replace("'", "")).split()


def content_words(words: list[str]) -> list[str]:
    """The words that carry a quote (stopwords dropped), or all of them for very short quotes."""
    kept = [w for w in words if w not in QUOTE_STOPWORDS]
    return kept if len(kept) >= 3 else words


_NATIONALITY = re.compile(r"^[A-Z][a-z]+(?:an|ian|ese|ish|i|ch)$")
_ARTICLES = {"the", "a", "an"}


def role_before(text: str, start: int, *, window: int = 60) -> str | None:
    """The title words just before a name in ``text`` ("Armenian PM" before "Nikol Pashinyan")."""
    toks = _WORD.findall(text[max(0, start - window) : start].rsplit("\n", 1)[-1])
    role: list[str] = []
    for tok in reversed(toks):
        bare = tok.strip(".'’-")
        folded = fold(bare)
        if folded in _ARTICLES or not (folded in TITLE_WORDS or _NATIONALITY.match(bare)):
            break
        role.insert(0, bare)
    if not any(fold(t) in TITLE_WORDS and fold(t) not in {"of", "for", "and", "de", "la"} for t in role):
        return None
    while role and fold(role[0]) in {"of", "for", "and", "de", "la"}:
        role = role[1:]
    return " ".join(role) or None
