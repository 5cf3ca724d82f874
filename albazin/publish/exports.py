"""The concordance as data: CSV and JSON with documented, stable columns, made at build time.

One record per figure, in the page's order (episode, question, text, document order). The column
names and their order are part of the edition's interface: add columns at the end, never rename.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from albazin.core.i18n import N_
from albazin.model.concordance import Section
from albazin.model.figures import DATE, Figure
from albazin.model.model import Edition
from albazin.model.readings import normalise_whitespace, reading
from albazin.model.valuefmt import gregorian_span
from albazin.publish import csvsafe

# (name, label key of its description: scripts/locales/*/LC_MESSAGES/albazin.po)
COLUMNS: tuple[tuple[str, str], ...] = (
    ("question_id", N_("conc_col_question_id")),
    ("question_en", N_("conc_col_question_en")),
    ("question_ru", N_("conc_col_question_ru")),
    ("episode_id", N_("conc_col_episode_id")),
    ("status", N_("conc_col_status")),
    ("siglum", N_("conc_col_siglum")),
    ("figure_id", N_("conc_col_figure_id")),
    ("element", N_("conc_col_element")),
    ("wording", N_("conc_col_wording")),
    ("wording_source", N_("conc_col_wording_source")),
    ("translation", N_("conc_col_translation")),
    ("value", N_("conc_col_value")),
    ("value_low", N_("conc_col_value_low")),
    ("value_high", N_("conc_col_value_high")),
    ("unit", N_("conc_col_unit")),
    ("calendar", N_("conc_col_calendar")),
    ("value_julian", N_("conc_col_value_julian")),
    ("cert", N_("conc_col_cert")),
    ("anchor_url", N_("conc_col_anchor_url")),
    ("anchor_url_ru", N_("conc_col_anchor_url_ru")),
)
COLUMN_NAMES = tuple(name for name, _ in COLUMNS)


def _number(value: float) -> str:
    if value != value or value in (float("inf"), float("-inf")):
        return ""
    return str(int(value)) if value == int(value) else f"{value:g}"


def _bound(value: object) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else _number(float(value))  # type: ignore[arg-type]


def _stated(figure: Figure) -> str:
    if figure.date is not None:
        info = figure.date
        if info.when:
            return info.when
        if info.start and info.end:
            return f"{info.start}/{info.end}"
        return gregorian_span(figure.value.low, figure.value.high)  # type: ignore[arg-type]
    return _number(figure.amount) if figure.amount is not None else ""


def _julian(figure: Figure) -> str:
    info = figure.date
    if info is None or info.calendar != "julian":
        return ""
    if info.when_custom:
        return info.when_custom
    if info.not_before_custom and info.not_after_custom:
        return f"{info.not_before_custom}/{info.not_after_custom}"
    return ""


def records(edition: Edition, sections: list[Section], anchor: Callable[[Figure, str], str]) -> list[dict[str, str]]:
    out = []
    for section in sections:
        for row in section.rows:
            for cell in row.cells:
                for figure in cell.figures:
                    q = row.question
                    out.append({
                        "question_id": q.xml_id, "question_en": q.description.get("en"),
                        "question_ru": q.description.get("ru"), "episode_id": section.episode.xml_id,
                        "status": row.status, "siglum": figure.siglum, "figure_id": figure.xml_id,
                        "element": figure.tag,
                        "wording": normalise_whitespace(reading(figure.phrase.children, "critical")),
                        "wording_source": normalise_whitespace(reading(figure.phrase.children, "diplomatic")),
                        "translation": normalise_whitespace(reading(figure.translation.children, "critical"))
                        if figure.translation is not None else "",
                        "value": _stated(figure),
                        "value_low": _bound(figure.value.low),
                        "value_high": _bound(figure.value.high),
                        "unit": DATE if figure.value.dimension == DATE else figure.value.dimension,
                        "calendar": figure.date.calendar or "" if figure.date is not None else "",
                        "value_julian": _julian(figure),
                        "cert": figure.cert or "",
                        "anchor_url": anchor(figure, "en"), "anchor_url_ru": anchor(figure, "ru"),
                    })
    return out


def to_csv(rows: list[dict[str, str]]) -> str:
    """Cells that would start a spreadsheet formula are neutralised (albazin/publish/csvsafe.py)."""
    return csvsafe.to_csv(rows, COLUMN_NAMES)


def to_json(edition: Edition, sections: list[Section], rows: list[dict[str, str]]) -> str:
    """The same records, plus what the CSV cannot say: which texts are silent on each question."""
    questions = [{"question_id": row.question.xml_id, "episode_id": section.episode.xml_id, "status": row.status,
                  "conflicts": list(row.conflicts),
                  "not_stated": [c.siglum for c in row.cells if not c.stated]}
                 for section in sections for row in section.rows]
    document = {"edition": edition.title.get("en"), "version": edition.version, "columns": list(COLUMN_NAMES),
                "figures": rows, "questions": questions}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
