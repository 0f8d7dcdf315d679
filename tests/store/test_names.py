from __future__ import annotations

import pytest

from onrecord.store.names import quote_words, role_before, split_name


@pytest.mark.parametrize(
    ("phrase", "key", "display", "roles"),
    [
        ("Nikol Pashinyan", "nikol pashinyan", "Nikol Pashinyan", []),
        ("Pashinyan", "pashinyan", "Pashinyan", []),
        ("Armenian PM Nikol Pashinyan", "nikol pashinyan", "Nikol Pashinyan", ["Armenian PM"]),
        ("Prime Minister Nikol Pashinyan's", "nikol pashinyan", "Nikol Pashinyan", ["Prime Minister"]),
        ("Pashinyan, the Armenian prime minister", "pashinyan", "Pashinyan", ["Armenian prime minister"]),
        ("José Álvarez", "jose alvarez", "José Álvarez", []),
        ("officials", None, "officials", []),
        ("Officials", None, "Officials", []),
        ("a senior official", None, "a senior official", []),
    ],
)
def test_split_name(phrase: str, key: str | None, display: str, roles: list[str]) -> None:
    assert split_name(phrase) == (key, display, roles)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("We will not give up our land.", ["we", "will", "not", "give", "up", "our", "land"]),
        ("“Don’t  panic,” he…", ["dont", "panic", "he"]),
        ("Déjà vu!", ["deja", "vu"]),
    ],
)
def test_quote_words(text: str, words: list[str]) -> None:
    assert quote_words(text) == words


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Armenian PM Nikol Pashinyan said", "Armenian PM"),
        ("said Azerbaijani President Ilham Aliyev", "Azerbaijani President"),
        ("On Friday Pashinyan said", None),
        ("the former Secretary of State John Kerry said", "former Secretary of State"),
        ("Senator John Kerry said", "Senator"),
        ("Armenian Nikol Pashinyan said", None),
    ],
)
def test_role_before(text: str, role: str | None) -> None:
    name = next(n for n in ("Nikol Pashinyan", "Ilham Aliyev", "Pashinyan", "John Kerry") if n in text)
    assert role_before(text, text.index(name)) == role
