"""Figures: the numbers and dates a text gives, with values normalised so the texts can be compared.

A figure is a <num>, <measure> or <date> with an xml:id and an @ana naming the question it answers
(see the taxonomy "questions" in edition.xml). Its translation counterpart points back with
@corresp. Normalised values are intervals: an exact count is [v, v], "no more than 150" is
[0, 150], an approximate count ("about 450", @cert="medium") is ±10 %, a date is the span of
Gregorian days it covers. Two figures agree when their intervals overlap.

@cert on a figure says how exact the normalised value is: "medium" = the text gives the figure
as approximate; "low" = the value (or, for text C, the calendar) is the editors' inference. A
month or day whose calendar is uncertain covers both its New and its Old Style reading.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from albazin.core.diagnostics import Diagnostic
from albazin.load.rules import EDITION_FILE
from albazin.model import figurevalues
from albazin.model.model import Edition, Inline, Phrase, TextDoc, Unit, pointer_ids, walk

FIGURE_TAGS = frozenset({"num", "measure", "date"})
DATE = "date"
BARE_NUMBER = "number"  # a <num> has no @unit
APPROXIMATE_MARGIN = 0.1  # "about 450" is taken as 405–495 when texts are compared
JULIAN = "julian"


# --- calendars (albazin/model/figurevalues.py: which values are valid) ------------------------------------

julian_to_gregorian = figurevalues.julian_to_gregorian
_span = figurevalues.span  # first and last Gregorian day of an ISO year, month or day in either calendar


# --- values ------------------------------------------------------------------------------------

Bound = float | date


@dataclass(frozen=True)
class Value:
    """A figure's normalised value: an interval in one dimension ("date", or the unit counted)."""
    dimension: str
    low: Bound
    high: Bound
    exact: bool = True  # False for approximate counts and for bounds ("no more than", "less than")


@dataclass(frozen=True)
class DateValue:
    """What a dated figure says, in the calendar the text uses (ISO partial dates)."""
    calendar: str | None  # "julian", "gregorian" or None (year dates: the same in both)
    when: str | None = None  # Gregorian
    when_custom: str | None = None  # in the text's own calendar (Julian)
    not_before: str | None = None
    not_after: str | None = None
    not_before_custom: str | None = None
    not_after_custom: str | None = None
    start: str | None = None  # @from / @to
    end: str | None = None


@dataclass(frozen=True)
class Figure:
    xml_id: str
    siglum: str
    question: str
    tag: str  # num, measure, date
    unit_id: str  # the citable unit (paragraph, heading, item) holding it
    phrase: Phrase
    value: Value
    date: DateValue | None
    cert: str | None
    line: int
    translation: Phrase | None = None  # the same figure in the editors' translation
    translation_siglum: str | None = None
    unit_n: str | None = None  # the number of the unit holding it ("para. 3")

    @property
    def amount(self) -> float | None:
        """The stated number of a count or duration (None for dates)."""
        if self.date is not None:
            return None
        raw = self.phrase.attr("quantity") or self.phrase.attr("value")
        return float(raw) if raw else None


def _number(phrase: Phrase) -> Value:
    raw = phrase.attr("quantity") or phrase.attr("value")
    if not raw:
        raise ValueError(f"<{phrase.tag}> has no @quantity or @value")
    amount = float(raw)
    dimension = phrase.attr("unit") or BARE_NUMBER
    at_most, at_least = phrase.attr("atMost") or phrase.attr("max"), phrase.attr("atLeast") or phrase.attr("min")
    if at_most or at_least:
        return Value(dimension, float(at_least or 0), float(at_most) if at_most else float("inf"), exact=False)
    if phrase.attr("cert") == "medium":
        return Value(dimension, amount * (1 - APPROXIMATE_MARGIN), amount * (1 + APPROXIMATE_MARGIN), exact=False)
    return Value(dimension, amount, amount)


def _date(phrase: Phrase) -> tuple[Value, DateValue]:
    attr = phrase.attr
    is_julian = (pointer_ids(attr("calendar")) or ("",))[0] == JULIAN
    info = DateValue(
        calendar=(pointer_ids(attr("calendar")) or (None,))[0],
        when=attr("when"), when_custom=attr("when-custom"),
        not_before=attr("notBefore"), not_after=attr("notAfter"),
        not_before_custom=attr("notBefore-custom"), not_after_custom=attr("notAfter-custom"),
        start=attr("from"), end=attr("to"),
    )
    if is_julian and info.when_custom:
        low, high = _span(info.when_custom, julian=True)
    elif is_julian and info.not_before_custom and info.not_after_custom:
        low, high = _span(info.not_before_custom, True)[0], _span(info.not_after_custom, True)[1]
    elif info.when and phrase.attr("cert") == "low" and "-" in info.when:
        # The text does not say which calendar it uses: the date covers both readings.
        low, high = _span(info.when, julian=False)[0], _span(info.when, julian=True)[1]
    elif info.when:
        low, high = _span(info.when, julian=False)
    elif info.start and info.end:
        low, high = _span(info.start, False)[0], _span(info.end, False)[1]
    elif info.not_before and info.not_after:
        low, high = _span(info.not_before, False)[0], _span(info.not_after, False)[1]
    else:
        raise ValueError("<date> has no normalised value (@when, @from/@to, @notBefore/@notAfter or, in the "
                         "Julian calendar, @when-custom)")
    return Value(DATE, low, high, exact=(low == high)), info


def normalise(phrase: Phrase) -> tuple[Value, DateValue | None]:
    """The figure's value as an interval; ValueError if its attributes do not give one."""
    if phrase.tag == DATE:
        return _date(phrase)
    return _number(phrase), None


def is_figure(node: Inline) -> bool:
    return isinstance(node, Phrase) and node.tag in FIGURE_TAGS and bool(node.xml_id) and bool(node.attr("ana"))


def translated_figures(doc: TextDoc | None) -> dict[str, Phrase]:
    """A translation's figures by the id of the original figure they translate."""
    if doc is None:
        return {}
    return {ids[0]: node for node in doc.inline_nodes()
            if isinstance(node, Phrase) and node.tag in FIGURE_TAGS and (ids := pointer_ids(node.attr("corresp")))}


def figure_nodes(text: TextDoc) -> Iterator[tuple[Unit, Phrase]]:
    """The figure elements of a text with the unit holding each, in document order."""
    for unit in text.units():
        for node in walk(unit.content):
            if isinstance(node, Phrase) and is_figure(node):
                yield unit, node


def _question(node: Phrase) -> str:
    ids = pointer_ids(node.attr("ana"))
    return ids[0] if ids else ""


def text_figures(text: TextDoc, translation: TextDoc | None = None) -> Iterator[Figure]:
    """The figures of an original text, in document order, each with its translation."""
    translated = translated_figures(translation)
    for unit, node in figure_nodes(text):
        value, info = normalise(node)
        yield Figure(node.xml_id or "", text.siglum, _question(node), node.tag, unit.xml_id,
                     node, value, info, node.attr("cert"), unit.line, translated.get(node.xml_id or ""),
                     translation.siglum if translation is not None else None, unit.n)


def figures(edition: Edition) -> list[Figure]:
    """Every figure of the originals, in text and document order."""
    found = [f for text in edition.texts for f in text_figures(text, edition.translation(text.siglum))]
    return [_with_question_unit(f, found) for f in found]


def _with_question_unit(figure: Figure, every: list[Figure]) -> Figure:
    """A bare <num> («15-тыс.» army, "no more than 150") counts what the question's measured
    figures count, when they all count one thing: only then can the texts be compared."""
    if figure.value.dimension != BARE_NUMBER:
        return figure
    units = {f.value.dimension for f in every if f.question == figure.question and f.tag == "measure"}
    if len(units) != 1:
        return figure
    return replace(figure, value=replace(figure.value, dimension=units.pop()))



def check(edition: Edition, tei_dir: Path) -> list[Diagnostic]:
    """Figures that answer no defined question or have no usable value; questions no figure answers;
    figures of an original missing from its translation."""
    questions = {q.xml_id: q for q in edition.questions()}
    answered: set[str] = set()
    diagnostics: list[Diagnostic] = []
    for text in edition.texts:
        path = tei_dir / text.file_name
        translation = edition.translation(text.siglum)
        translated = translated_figures(translation)
        for unit, node in figure_nodes(text):
            question = _question(node)
            answered.add(question)
            if question not in questions:
                diagnostics.append(Diagnostic.at(
                    path, unit.line, "unknown-question",
                    f'figure {node.xml_id} (in {unit.xml_id}) has ana="{node.attr("ana")}", '
                    "which is not a question of the taxonomy in edition.xml"))
            invalid = figurevalues.problems(node)  # INF, a 30 February, a reversed range …
            try:
                if not invalid:
                    normalise(node)
            except ValueError as exc:
                invalid = [str(exc)]
            diagnostics += [Diagnostic.at(path, unit.line, "figure-value",
                                          f"figure {node.xml_id} (in {unit.xml_id}): {problem}") for problem in invalid]
            if translation is not None and node.xml_id not in translated:
                diagnostics.append(Diagnostic.at(
                    tei_dir / translation.file_name, 0, "untranslated-figure",
                    f'no figure of {translation.file_name} has corresp="{text.file_name}#{node.xml_id}" '
                    f"(the translation of {node.xml_id} in {unit.xml_id})"))
    for question in questions.values():
        if question.xml_id not in answered:
            diagnostics.append(Diagnostic.at(tei_dir / EDITION_FILE, question.line, "unanswered-question",
                                             f'question "{question.xml_id}" is answered by no figure in the texts'))
    return diagnostics
