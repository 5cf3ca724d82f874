"""How an index entity is described to a reader, in each language: its dates and one line.

Shared by the name cards on text pages and by the index pages.
"""

from __future__ import annotations

import re

from albazin.core.i18n import N_, label
from albazin.model.model import Entity, EntityDate, Lang

UNCERTAIN = ("low", "medium")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZА-ЯЁ«“\"(])")


_DATE_LABELS = {"birth": N_("date_birth"), "death": N_("date_death"), "floruit": N_("date_floruit")}


def _value(date: EntityDate, lang: Lang) -> str:
    if date.when:
        value = date.when
    elif date.not_before and date.not_after:
        value = f"{date.not_before}–{date.not_after}"
    elif date.not_before:
        value = label(lang, "date_after", date=date.not_before)
    elif date.not_after:
        value = label(lang, "date_before", date=date.not_after)
    else:
        return ""
    return f"{value}?" if date.cert in UNCERTAIN else value


def dates_line(entity: Entity, lang: Lang) -> str:
    """E.g. "b. 1654 · d. 1722"; "?" marks a date the sources leave uncertain."""
    parts = []
    for date in entity.dates:
        value = _value(date, lang)
        if value:
            parts.append(label(lang, _DATE_LABELS[date.kind]) + f" {value}")
    return " · ".join(parts)


def one_line(entity: Entity, lang: Lang) -> str:
    """The first sentence of the entity's description in the language."""
    text = entity.description.get(lang).strip()
    return _SENTENCE.split(text, maxsplit=1)[0] if text else ""


def other_language(lang: Lang) -> Lang:
    return "ru" if lang == "en" else "en"
