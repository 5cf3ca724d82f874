"""Normalised values of figures as readers of each language write them: "15,000 men", «15 000 чел.»,
"4 June 1685 O.S. (14 June N.S.)", «4 июня 1685 г. ст. ст. (14 июня н. ст.)»."""

from __future__ import annotations

from datetime import date

from .figures import DATE, Figure
from .i18n import label
from .model import Lang

MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
    # nominative (a month on its own) and genitive (after a day)
    "ru": ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
           "ноябрь", "декабрь"),
    "ru-gen": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
               "ноября", "декабря"),
}


def amount(value: float, lang: Lang) -> str:
    """15000 → "15,000" / «15 000» (no-break space); fractions keep one decimal."""
    text = f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"
    return text.replace(",", "\u00a0").replace(".", ",") if lang == "ru" else text


# Units with a count: English singular/plural; Russian one/few/many (1 орудие, 3 орудия, 5 орудий).
UNIT_FORMS: dict[str, dict[str, tuple[str, ...]]] = {
    "men": {"en": ("man", "men"), "ru": ("человек", "человека", "человек")},
    "guns": {"en": ("gun", "guns"), "ru": ("орудие", "орудия", "орудий")},
    "desiatinas": {"en": ("desiatina", "desiatinas"), "ru": ("десятина", "десятины", "десятин")},
    "versty": {"en": ("versta", "versty"), "ru": ("верста", "версты", "вёрст")},
    "years": {"en": ("year", "years"), "ru": ("год", "года", "лет")},
    "months": {"en": ("month", "months"), "ru": ("месяц", "месяца", "месяцев")},
    "days": {"en": ("day", "days"), "ru": ("день", "дня", "дней")},
}


def unit_name(unit: str, lang: Lang) -> str:
    """What a question counts, as a chart title says it ("men", «человек»)."""
    key = f"unit_{unit}"
    try:
        return label(lang, key)
    except KeyError:
        return unit


def counted(value: float, unit: str, lang: Lang) -> str:
    """A number with its unit in the right grammatical number: "1 year", «3 орудия», «15 000 человек»."""
    forms = UNIT_FORMS.get(unit, {}).get("ru" if lang == "ru" else "en")
    if not forms:
        return amount(value, lang)
    if value != int(value):
        word = forms[1] if lang == "ru" else forms[-1]
    elif lang == "ru":
        n = int(value)
        word = forms[0] if n % 10 == 1 and n % 100 != 11 else \
            forms[1] if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14 else forms[2]
    else:
        word = forms[0] if value == 1 else forms[1]
    return f"{amount(value, lang)}\u00a0{word}"


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
