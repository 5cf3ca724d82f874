"""Human locators: how a citation points a reader to one unit of a page.

A reader cites "para. 3" or «абз. 3», "note 5", an index entry s.v. its name, not the internal id
("A-p3"), which stays in the permalink's URL. Each locator is carried by the unit's permalink
(`data-locator`, render.permalink) and read by the cite dialog (docs/assets/js/edition/cite.js); a figure's locator is
its paragraph's followed by the figure's own words, quoted (the dialog knows the words of the
current reading view). Quotation marks follow each site language: “…” in English, «…» in Russian.
"""

from __future__ import annotations

from collections.abc import Iterable

from albazin.core.i18n import N_, label
from albazin.model.model import Inline, Lang, Paragraph
from albazin.model.readings import normalise_whitespace, reading


def quoted(text: str, lang: Lang) -> str:
    return label(lang, "loc_quote", text=normalise_whitespace(text))


def paragraph(p: Paragraph, lang: Lang) -> str | None:
    return label(lang, "para_short", n=p.n) if p.n else None


def note(marker: str, lang: Lang) -> str:
    """An apparatus note by the letter its marker shows in the text ("note c")."""
    return label(lang, "loc_note", n=marker)


def heading(content: Iterable[Inline], lang: Lang) -> str | None:
    text = normalise_whitespace(reading(content, "critical"))
    return label(lang, "loc_section", title=quoted(text, lang)) if text else None


def entry(name: str, lang: Lang) -> str:
    return label(lang, "loc_entry", name=quoted(name, lang))


def commentary(title: str, lang: Lang) -> str:
    return label(lang, "loc_commentary", title=quoted(title, lang))


def question(title: str, lang: Lang) -> str:
    return label(lang, "loc_question", title=quoted(title, lang))


SCRIPT_LABELS = (N_("loc_quote"), N_("loc_figure"), N_("loc_translation"))
