"""The concordance as data: CSV and JSON with documented, stable columns, made at build time.

One record per figure, in the page's order (episode, question, text, document order). The column
names and their order are part of the edition's interface: add columns at the end, never rename.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from . import csvsafe
from .concordance import Section
from .figures import DATE, Figure
from .model import Edition
from .readings import normalise_whitespace, reading
from .valuefmt import gregorian_span

COLUMNS: tuple[tuple[str, dict[str, str]], ...] = (
    ("question_id", {"en": "Id of the question (stable; also the row's anchor on the concordance page).",
                     "ru": "Идентификатор вопроса (постоянный; он же якорь строки на странице конкорданса)."}),
    ("question_en", {"en": "The question, in English.", "ru": "Вопрос по-английски."}),
    ("question_ru", {"en": "The question, in Russian.", "ru": "Вопрос по-русски."}),
    ("episode_id", {"en": "Id of the episode the question belongs to.", "ru": "Идентификатор эпизода."}),
    ("status", {"en": "How the texts compare on the question: disagree, agree, unmatched (stated by several texts "
                      "but not comparably), single (one text only).",
                "ru": "Соотношение текстов по вопросу: disagree (расходятся), agree (согласуются), unmatched "
                      "(несопоставимы), single (сказано только в одном тексте)."}),
    ("siglum", {"en": "The text: A, B or C.", "ru": "Текст: A, B или C."}),
    ("figure_id", {"en": "xml:id of the figure in the TEI (and its HTML id on the text page).",
                   "ru": "xml:id цифры в TEI (и её HTML-идентификатор на странице текста)."}),
    ("element", {"en": "TEI element: num, measure or date.", "ru": "Элемент TEI: num, measure или date."}),
    ("wording", {"en": "The figure as the critical text words it.",
                 "ru": "Цифра в формулировке критического текста."}),
    ("wording_source", {"en": "The figure as the copy-text has it (diplomatic reading).",
                        "ru": "Цифра так, как она дана в тексте-основе (дипломатическое чтение)."}),
    ("translation", {"en": "The same words in the editors' translation.",
                     "ru": "Те же слова в переводе редакторов."}),
    ("value", {"en": "Normalised value as stated: a number, or an ISO 8601 date in the Gregorian calendar.",
               "ru": "Нормализованное значение: число или дата ISO 8601 по григорианскому календарю."}),
    ("value_low", {"en": "Lower end of the interval the edition compares (number, or Gregorian ISO date).",
                   "ru": "Нижняя граница интервала, по которому сравниваются тексты (число или дата н. ст.)."}),
    ("value_high", {"en": "Upper end of that interval (empty if unbounded).",
                    "ru": "Верхняя граница интервала (пусто, если не ограничена)."}),
    ("unit", {"en": "What is counted (men, guns, years …), or 'date'.",
              "ru": "Что считается (men — люди, guns — орудия, years — годы …) или date."}),
    ("calendar", {"en": "Calendar the text uses for the date: julian, gregorian, or empty (a year only).",
                  "ru": "Календарь даты в тексте: julian (ст. ст.), gregorian (н. ст.) или пусто (только год)."}),
    ("value_julian", {"en": "The date in the text's own Julian (Old Style) reckoning, ISO form, if it uses one.",
                      "ru": "Дата по юлианскому календарю (ст. ст.), как в тексте, в форме ISO."}),
    ("cert", {"en": "Exactness of the normalised value: medium = approximate in the text; low = inferred by the "
                    "editors.",
              "ru": "Точность нормализации: medium — приблизительно в тексте; low — вывод редакторов."}),
    ("anchor_url", {"en": "URL of the figure on the edition's English text page.",
                    "ru": "URL цифры на английской странице текста."}),
    ("anchor_url_ru", {"en": "URL of the figure on the Russian text page.",
                       "ru": "URL цифры на русской странице текста."}),
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
    """Cells that would start a spreadsheet formula are neutralised (scripts/csvsafe.py)."""
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
