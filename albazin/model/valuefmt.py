"""Normalised values of figures as readers of each language write them: "15,000 men", «15 000 чел.»,
"4 June 1685 O.S. (14 June N.S.)", «4 июня 1685 г. ст. ст. (14 июня н. ст.)»."""

from __future__ import annotations

from datetime import date

from albazin.core.i18n import N_, label, label_plural, month_names, number
from albazin.model.figures import DATE, Figure
from albazin.model.model import Lang

# Babel's (CLDR) month names, as published: English, and Russian genitive (4 июня) and nominative (июнь).
MONTHS = {"en": month_names("en"), "ru": month_names("ru", "stand-alone"), "ru-gen": month_names("ru", "format")}


def amount(value: float, lang: Lang) -> str:
    """15000 → "15,000" / «15 000» (no-break space); fractions keep one decimal."""
    return number(value, lang, "#,##0" if value == int(value) else "#,##0.0")


# What a question counts, as a chart title names it, and the counted phrase with its plural forms.
UNIT_NAMES = {"men": N_("unit_men"), "guns": N_("unit_guns"), "desiatinas": N_("unit_desiatinas"),
              "versty": N_("unit_versty"), "years": N_("unit_years"), "months": N_("unit_months"),
              "days": N_("unit_days"), "number": N_("unit_number"), "date": N_("unit_date")}
UNIT_COUNTS = {"men": N_("unit_count_men"), "guns": N_("unit_count_guns"), "desiatinas": N_("unit_count_desiatinas"),
               "versty": N_("unit_count_versty"), "years": N_("unit_count_years"),
               "months": N_("unit_count_months"), "days": N_("unit_count_days")}


def unit_name(unit: str, lang: Lang) -> str:
    """What a question counts, as a chart title says it ("men", «человек»)."""
    key = UNIT_NAMES.get(unit)
    return label(lang, key) if key else unit


def counted(value: float, unit: str, lang: Lang) -> str:
    """A number with its unit in the right grammatical number (Babel's plural rules): "1 year",
    «3 орудия», «15 000 человек», «1,5 года»."""
    key = UNIT_COUNTS.get(unit)
    if not key:
        return amount(value, lang)
    return label_plural(lang, key, value, n=amount(value, lang))


def iso_date(iso: str, lang: Lang, with_year: bool = True) -> str:
    """An ISO year, month or day in words."""
    parts = [int(p) for p in iso.split("-")]
    year = str(parts[0])
    suffix = "\u00a0г." if lang == "ru" else ""
    if len(parts) == 1:
        return year + suffix
    if len(parts) == 2:
        month = MONTHS["ru" if lang == "ru" else "en"][parts[1] - 1]
        return f"{month} {year}{suffix}" if with_year else month
    months = MONTHS["ru-gen" if lang == "ru" else "en"]
    day = f"{parts[2]} {months[parts[1] - 1]}"
    return f"{day} {year}{suffix}" if with_year else day


def _range(first: str, last: str, lang: Lang) -> str:
    """"1685–1686", «1685–1686 гг.», "September–November 1686", «сентябрь–ноябрь 1686 г.»."""
    if len(first) == len(last) == 4:
        return f"{first}–{last}" + ("\u00a0гг." if lang == "ru" else "")
    if len(first) == len(last) == 7 and first[:4] == last[:4]:
        return f"{iso_date(first, lang, with_year=False)}–{iso_date(last, lang)}"
    return f"{iso_date(first, lang)} – {iso_date(last, lang)}"


def date_value(figure: Figure, lang: Lang) -> str:
    """The date as normalised by the editors, in the text's calendar with the New Style beside it."""
    info = figure.date
    assert info is not None
    if info.calendar == "julian":
        if info.when_custom:
            own = iso_date(info.when_custom, lang)
            if len(info.when_custom) == 10:
                return label(lang, "date_os_ns", own=own, ns=iso_date(info.when or "", lang))
            return label(lang, "date_os", own=own)
        if info.not_before_custom and info.not_after_custom:
            return label(lang, "date_os", own=_range(info.not_before_custom, info.not_after_custom, lang))
    if info.when:
        text = iso_date(info.when, lang)
    elif info.start and info.end:
        text = _range(info.start, info.end, lang)
    elif info.not_before and info.not_after:
        text = label(lang, "date_between", first=iso_date(info.not_before, lang), last=iso_date(info.not_after, lang))
    else:
        text = ""
    if info.calendar == "gregorian" and figure.cert == "low" and info.when and "-" in info.when:
        return label(lang, "date_calendar_unstated", date=text)
    return text


def number_value(figure: Figure, lang: Lang) -> str:
    phrase, unit = figure.phrase, figure.value.dimension
    at_most = phrase.attr("atMost") or phrase.attr("max")
    at_least = phrase.attr("atLeast") or phrase.attr("min")
    if at_most:
        return f"≤\u00a0{counted(float(at_most), unit, lang)}"
    if at_least:
        return f"≥\u00a0{counted(float(at_least), unit, lang)}"
    stated = counted(figure.amount or 0, unit, lang)
    return f"≈\u00a0{stated}" if figure.cert == "medium" else stated


def normalised(figure: Figure, lang: Lang) -> str:
    return date_value(figure, lang) if figure.value.dimension == DATE else number_value(figure, lang)


def gregorian_span(low: date, high: date) -> str:
    """ISO form of a normalised Gregorian interval ("1686-07-11/1686-08-10"), for data files."""
    return low.isoformat() if low == high else f"{low.isoformat()}/{high.isoformat()}"
