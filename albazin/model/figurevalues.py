"""What a figure's normalised value may be: finite numbers, real calendar dates, ordered ranges,
and a Gregorian date that agrees with the Julian one it normalises.

TEI All types some of these attributes loosely: @value and @quantity are xsd:double, so "INF" and
"NaN" are valid; @when-custom and its range are free text, so "1685-13-04" or a Julian 30 February
pass; @when may be any W3C date type ("--06", "1685-06-14T10:00"). The edition compares and prints
these values (albazin/model/figures.py, albazin/model/valuefmt.py), so `problems` states, for a figure, every
reason its values cannot be compared or printed; albazin/model/figures.py reports each as a diagnostic.
"""

from __future__ import annotations

import calendar as gregorian_calendar
import math
import re
from datetime import date

from albazin.model.model import Phrase, pointer_ids

JULIAN = "julian"
_ISO = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?")
GREGORIAN_ATTRIBUTES = ("when", "notBefore", "notAfter", "from", "to")
JULIAN_ATTRIBUTES = ("when-custom", "notBefore-custom", "notAfter-custom")
NUMBER_ATTRIBUTES = ("value", "quantity", "atLeast", "atMost", "min", "max")
RANGES = (("from", "to"), ("notBefore", "notAfter"), ("notBefore-custom", "notAfter-custom"))
NUMBER_RANGES = (("atLeast", "atMost"), ("min", "max"))
MONTH_NAMES = gregorian_calendar.month_name


def julian_month_length(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 else 28
    return gregorian_calendar.monthrange(2001, month)[1]


def julian_to_gregorian(year: int, month: int, day: int) -> date:
    """The Gregorian (proleptic) date of a day given in the Julian calendar, via the Julian Day."""
    a = (14 - month) // 12
    y, m = year + 4800 - a, month + 12 * a - 3
    julian_day = day + (153 * m + 2) // 5 + 365 * y + y // 4 - 32083
    return date.fromordinal(julian_day - 1721425)


def date_problem(attr: str, value: str, julian: bool) -> str | None:
    """Why an ISO year, month or day is not a date of its calendar (None: it is one)."""
    where = f'@{attr}="{value}"'
    found = _ISO.fullmatch(value)
    if not found:
        return f"{where} is not a date the edition can compare (YYYY, YYYY-MM or YYYY-MM-DD)"
    calendar = "Julian (Old Style)" if julian else "Gregorian"
    year, month, day = int(found["year"]), found["month"], found["day"]
    if year < 100:  # no figure of the edition is that early; the conversion needs a year before it
        return f"{where} is not a year the edition can compare (100–9999)"
    if month is not None and not 1 <= int(month) <= 12:
        return f"{where} is not a {calendar} date: there is no month {month}"
    if day is not None:
        length = julian_month_length(year, int(month)) if julian else gregorian_calendar.monthrange(year, int(month))[1]
        if not 1 <= int(day) <= length:
            return f"{where} is not a {calendar} date: {MONTH_NAMES[int(month)]} {year} had {length} days"
    return None


def span(iso: str, julian: bool) -> tuple[date, date]:
    """First and last Gregorian day of a valid ISO year, month or day in either calendar."""
    pieces = [int(p) for p in iso.split("-")]
    year, month, day = pieces[0], (pieces[1] if len(pieces) > 1 else None), (pieces[2] if len(pieces) > 2 else None)
    first_month, last_month = (month, month) if month else (1, 12)
    first_day = day or 1
    if julian:
        last_day = day or julian_month_length(year, last_month)
        return julian_to_gregorian(year, first_month, first_day), julian_to_gregorian(year, last_month, last_day)
    last_day = day or gregorian_calendar.monthrange(year, last_month)[1]
    return date(year, first_month, first_day), date(year, last_month, last_day)


def _number_problems(phrase: Phrase) -> list[str]:
    found, numbers = [], {}
    for attr in NUMBER_ATTRIBUTES:
        raw = phrase.attr(attr)
        if raw is None:
            continue
        try:
            number = float(raw)
        except ValueError:
            found.append(f'@{attr}="{raw}" is not a number')
            continue
        if not math.isfinite(number):
            found.append(f'@{attr}="{raw}" is not a finite number')
        else:
            numbers[attr] = number
    for low, high in NUMBER_RANGES:
        if low in numbers and high in numbers and numbers[low] > numbers[high]:
            found.append(f'@{low}="{phrase.attr(low)}" is more than @{high}="{phrase.attr(high)}"')
    return found


def _date_problems(phrase: Phrase) -> list[str]:
    julian = (pointer_ids(phrase.attr("calendar")) or ("",))[0] == JULIAN
    checked = [(a, False) for a in GREGORIAN_ATTRIBUTES] + ([(a, True) for a in JULIAN_ATTRIBUTES] if julian else [])
    found, spans = [], {}
    for attr, in_julian in checked:
        value = phrase.attr(attr)
        if value is None:
            continue
        problem = date_problem(attr, value, in_julian)
        if problem:
            found.append(problem)
        else:
            spans[attr] = span(value, in_julian)
    for first, last in RANGES:
        if first in spans and last in spans and spans[first][0] > spans[last][1]:
            found.append(f'@{first}="{phrase.attr(first)}" is after @{last}="{phrase.attr(last)}"')
    if julian:
        found += _agreement(phrase, spans)
    return found


def _agreement(phrase: Phrase, spans: dict[str, tuple[date, date]]) -> list[str]:
    """A Julian date's Gregorian normalisation (@when, or @notBefore/@notAfter) must say the same."""
    custom, when = phrase.attr("when-custom"), phrase.attr("when")
    if "when-custom" in spans:
        low, high = spans["when-custom"]
        if when is None:
            return [f'@when-custom="{custom}" (Julian) has no @when; its Gregorian date is {low.isoformat()}'
                    if low == high else f'@when-custom="{custom}" (Julian) has no @when (its Gregorian month or year)']
        if "when" in spans:
            w_low, w_high = spans["when"]
            if low == high and w_low == w_high and low != w_low:
                return [f'@when="{when}" is not the Gregorian date of @when-custom="{custom}" (Julian), '
                        f"which is {low.isoformat()}"]
            if w_low > high or low > w_high:
                return [f'@when="{when}" does not overlap @when-custom="{custom}" (Julian: {low.isoformat()} to '
                        f"{high.isoformat()} in the Gregorian calendar)"]
    if {"notBefore-custom", "notAfter-custom", "notBefore", "notAfter"} <= spans.keys():
        low, high = spans["notBefore-custom"][0], spans["notAfter-custom"][1]
        if spans["notBefore"][0] > high or low > spans["notAfter"][1]:
            return [f'@notBefore="{phrase.attr("notBefore")}"/@notAfter="{phrase.attr("notAfter")}" do not overlap '
                    f'@notBefore-custom="{phrase.attr("notBefore-custom")}"/@notAfter-custom='
                    f'"{phrase.attr("notAfter-custom")}" (Julian: {low.isoformat()} to {high.isoformat()})']
    return []


def problems(phrase: Phrase) -> list[str]:
    """Every reason the figure's values cannot be compared or printed; [] if there is none."""
    return _date_problems(phrase) if phrase.tag == "date" else _number_problems(phrase)
