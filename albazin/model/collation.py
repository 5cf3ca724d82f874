"""Alphabetical order per language, without ICU (PyICU is not a dependency of the build).

A three-level key in the manner of the Unicode Collation Algorithm, for the letters an index of this
edition holds:
1. primary: letters without diacritics and case; the page's own script first (Cyrillic on /ru/,
   Latin on /), then the other, then any other script in code-point order. Cyrillic а…я are in
   alphabet order in Unicode; ё is е at this level and й stays a letter of its own (Russian usage,
   as in CLDR's ru collation). A space sorts before every letter (word by word: "Li Na" < "Lian");
   hyphens, apostrophes, quotation marks and other punctuation are ignored.
2. secondary: diacritics, so "е" < "ё" and "e" < "é" when the words are otherwise equal;
3. tertiary: case, lower before upper; then the string itself, so that the order is total.
"""

from __future__ import annotations

import unicodedata

from albazin.model.model import Lang

Key = tuple[tuple[tuple[int, int], ...], tuple[int, ...], tuple[int, ...], str]

_SPACE = (0, 0)
_DIGIT = 1
_OWN, _OTHER, _REST = 2, 3, 4
_CYRILLIC_LANGUAGES = frozenset({"ru", "uk", "be", "bg", "sr", "mk"})
# Cyrillic letters whose decomposition must not be undone: й is a letter of the alphabet, not и + breve.
_CYRILLIC_LETTERS = {"й": "й", "ё": "е"}


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return "cyrillic" if name.startswith("CYRILLIC") else "latin" if name.startswith("LATIN") else "other"


def _rank(script: str, lang: Lang) -> int:
    own = "cyrillic" if lang.split("-")[0] in _CYRILLIC_LANGUAGES else "latin"
    if script == own:
        return _OWN
    return _OTHER if script in ("cyrillic", "latin") else _REST


def _letter(ch: str) -> tuple[str, int]:
    """The base letter (lower case) and a secondary weight (0: no diacritic)."""
    low = ch.lower()
    if low in _CYRILLIC_LETTERS:
        return _CYRILLIC_LETTERS[low], 0 if low == "й" else 1
    decomposed = unicodedata.normalize("NFD", low)
    base, marks = decomposed[0], decomposed[1:]
    return base, sum(ord(m) for m in marks) if marks else 0


def key(text: str, lang: Lang) -> Key:
    primary: list[tuple[int, int]] = []
    secondary: list[int] = []
    tertiary: list[int] = []
    for ch in unicodedata.normalize("NFC", text.strip()):
        if ch.isspace():
            if primary and primary[-1] != _SPACE:
                primary.append(_SPACE)
            continue
        if ch.isdigit():
            primary.append((_DIGIT, unicodedata.digit(ch, 0)))
        elif ch.isalpha():
            base, accent = _letter(ch)
            primary.append((_rank(_script(ch), lang), ord(base)))
            secondary.append(accent)
            tertiary.append(0 if ch == ch.lower() else 1)
    while primary and primary[-1] == _SPACE:
        primary.pop()
    return tuple(primary), tuple(secondary), tuple(tertiary), text


def sorted_strings(values: list[str], lang: Lang) -> list[str]:
    return sorted(values, key=lambda v: key(v, lang))
