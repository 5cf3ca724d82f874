"""The concordance of figures: normalised values, comparison, page, data files, charts."""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from pathlib import Path
from urllib.parse import urldefrag, urljoin

import pytest
from lxml import etree, html

from albazin.core.paths import PROJECT_ROOT
from albazin.load.teiload import TEI_NS, XML_NS
from albazin.model import concordance, figures, pipeline, valuefmt
from albazin.model.figures import Value, julian_to_gregorian
from albazin.model.model import Chars, Edition, Phrase
from albazin.render import charts
from tests.conftest import LANGUAGES, copy_corpus

NS = {"tei": TEI_NS, "xml": XML_NS}
FIGURES = "//tei:body//*[(self::tei:num or self::tei:measure or self::tei:date) and @xml:id and @ana]"


def conc_url(lang: str) -> str:
    return ("" if lang == "en" else f"{lang}/") + "concordance/"


def parse(site: Path, url: str) -> html.HtmlElement:
    return html.parse(str(site / url / "index.html")).getroot()


def tei_figure_ids() -> set[str]:
    found = set()
    for siglum in "ABC":
        tree = etree.parse(str(PROJECT_ROOT / "tei" / f"{siglum}.xml"))
        found |= {el.get(f"{{{XML_NS}}}id") for el in tree.xpath(FIGURES, namespaces=NS)}
    return found


@pytest.fixture(scope="module")
def sections(edition: Edition) -> list[concordance.Section]:
    return concordance.concordance(edition, figures.figures(edition))


# --- calendars and values ----------------------------------------------------------------------

@pytest.mark.parametrize(("julian", "gregorian"), [
    ((1685, 6, 4), date(1685, 6, 14)),
    ((1689, 8, 27), date(1689, 9, 6)),   # the Treaty of Nerchinsk, O.S. → N.S.
    ((1582, 10, 5), date(1582, 10, 15)),  # the day after 4 October 1582 (Julian) was 15 October (Gregorian)
    ((1700, 2, 29), date(1700, 3, 11)),  # a Julian leap day; the offset becomes 11 days
    ((1918, 1, 31), date(1918, 2, 13)),
])
def test_julian_to_gregorian(julian: tuple[int, int, int], gregorian: date) -> None:
    assert julian_to_gregorian(*julian) == gregorian


def fig(tag: str, **attrs: str) -> Phrase:
    return Phrase(tag, (Chars("x"),), tuple(sorted(attrs.items())), None, "T-fig1")


def test_values_are_intervals() -> None:
    exact, _ = figures.normalise(fig("measure", quantity="450", unit="men"))
    approx, _ = figures.normalise(fig("measure", quantity="450", unit="men", cert="medium"))
    bound, _ = figures.normalise(fig("num", value="150", atMost="150"))
    assert (exact.low, exact.high, exact.exact) == (450, 450, True)
    assert approx.low == pytest.approx(405) and approx.high == pytest.approx(495) and not approx.exact
    assert (bound.low, bound.high) == (0, 150)
    month, info = figures.normalise(fig("date", calendar="edition.xml#julian", **{"when-custom": "1687-04"}))
    assert (month.low, month.high) == (date(1687, 4, 11), date(1687, 5, 10))
    assert info is not None and info.calendar == "julian"
    unsure, _ = figures.normalise(fig("date", calendar="edition.xml#gregorian", when="1689-08", cert="low"))
    assert (unsure.low, unsure.high) == (date(1689, 8, 1), date(1689, 9, 10)), "both calendar readings"
    with pytest.raises(ValueError):
        figures.normalise(fig("date"))


def _cell(siglum: str, *values: Value) -> concordance.Cell:
    phrase = fig("num", value="1")
    made = tuple(figures.Figure(f"{siglum}-fig{i}", siglum, "q", "num", "p", phrase, v, None, None, 1)
                 for i, v in enumerate(values))
    return concordance.Cell(siglum, made)


def test_comparison_by_overlap_in_each_dimension() -> None:
    men = lambda lo, hi=None: Value("men", lo, hi if hi is not None else lo)  # noqa: E731
    assert concordance.compare((_cell("A", men(450)), _cell("B"), _cell("C", men(405, 495)))) == ("agree", ())
    assert concordance.compare((_cell("A", men(15000)), _cell("B"), _cell("C", men(3000)))) == \
        ("disagree", ("men",))
    assert concordance.compare((_cell("A", men(82)), _cell("B", Value("guns", 3, 3)))) == ("unmatched", ())
    assert concordance.compare((_cell("A", men(82)), _cell("B"))) == ("single", ())


@pytest.mark.parametrize(("attrs", "lang", "expected"), [
    ({"quantity": "15000", "unit": "men"}, "en", "15,000\u00a0men"),
    ({"quantity": "15000", "unit": "men"}, "ru", "15\u00a0000\u00a0человек"),
    ({"quantity": "3", "unit": "guns"}, "ru", "3\u00a0орудия"),
    ({"quantity": "1", "unit": "years", "cert": "medium"}, "en", "≈\u00a01\u00a0year"),
    ({"quantity": "21", "unit": "guns"}, "ru", "21\u00a0орудие"),
    ({"quantity": "12", "unit": "guns"}, "ru", "12\u00a0орудий"),
])
def test_number_wording(attrs: dict[str, str], lang: str, expected: str) -> None:
    phrase = fig("measure", **attrs)
    value, _ = figures.normalise(phrase)
    figure = figures.Figure("T-fig1", "T", "q", "measure", "p", phrase, value, None, attrs.get("cert"), 1)
    assert valuefmt.normalised(figure, lang) == expected


def test_date_wording(edition: Edition) -> None:
    by_id = {f.xml_id: f for f in figures.figures(edition)}
    assert valuefmt.normalised(by_id["A-fig19"], "en") == "27 August 1689 O.S. (6 September 1689 N.S.)"
    assert valuefmt.normalised(by_id["A-fig19"], "ru") == \
        "27 августа 1689\u00a0г. ст. ст. (6 сентября 1689\u00a0г. н. ст.)"
    assert valuefmt.normalised(by_id["C-fig33"], "en") == "August 1689 (calendar not stated)"
    assert valuefmt.normalised(by_id["B-fig11"], "ru") == "сентябрь–ноябрь 1686\u00a0г. ст. ст."


# --- the real corpus ---------------------------------------------------------------------------

def test_every_tagged_figure_is_in_the_concordance(sections: list[concordance.Section]) -> None:
    in_concordance = [f.xml_id for row in concordance.rows(sections) for f in row.figures()]
    assert len(in_concordance) == len(set(in_concordance))
    assert set(in_concordance) == tei_figure_ids()


def test_every_question_has_a_figure_and_the_known_disagreements_show(sections: list[concordance.Section]) -> None:
    rows = {r.question.xml_id: r for r in concordance.rows(sections)}
    assert all(r.figures() for r in rows.values())
    for question in ("q-1685-qing-troops", "q-1686-qing-guns", "q-1686-defenders", "q-1686-survivors",
                     "q-1686-siege-end"):
        assert rows[question].status == "disagree", question
    assert rows["q-1685-defenders"].status == "agree"  # 450 and "approximately 450"
    assert rows["q-nerchinsk-treaty-date"].status == "agree"  # 27 Aug O.S. fits C's "August 1689"


def test_every_figure_has_its_translation(sections: list[concordance.Section]) -> None:
    for row in concordance.rows(sections):
        for figure in row.figures():
            assert figure.translation is not None, figure.xml_id


def test_a_figure_with_an_unknown_question_or_no_value_fails_the_check(tmp_path: Path) -> None:
    tei = copy_corpus(tmp_path)
    path = tei / "B.xml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('ana="edition.xml#q-reinforcement"', 'ana="edition.xml#ep-1685"', 1)
    text = text.replace(' quantity="56"', '', 1)
    path.write_text(text, encoding="utf-8")
    _, diagnostics = pipeline.check(tei)
    messages = [str(d) for d in diagnostics]
    assert any("[unknown-question]" in m and "B-fig2" in m for m in messages), messages
    assert any("[figure-value]" in m and "B-fig7" in m for m in messages), messages
    assert any("[unanswered-question]" in m and "q-reinforcement" in m for m in messages), messages
    assert all(re.match(r"\S*tei/(B|edition)\.xml:\d+: error: ", m) for m in messages), messages


def test_a_figure_missing_from_its_translation_fails_the_check(tmp_path: Path) -> None:
    tei = copy_corpus(tmp_path)
    path = tei / "A-en.xml"
    text = path.read_text(encoding="utf-8")
    assert 'corresp="A.xml#A-fig5"' in text
    path.write_text(text.replace('corresp="A.xml#A-fig5"', 'corresp="A.xml#A-p2"', 1), encoding="utf-8")
    _, diagnostics = pipeline.check(tei)
    assert any("[untranslated-figure]" in str(d) and "A-fig5" in str(d) for d in diagnostics), diagnostics


# --- the page ------------------------------------------------------------------------------------

def page_wording(item: html.HtmlElement) -> str:
    """The critical reading of a cell's wording (the page carries both readings of a correction)."""
    link = item.find_class("alb-fig__wording")[0]
    clone = html.fromstring(html.tostring(link))
    for source in clone.find_class("alb-reading--source"):
        source.drop_tree()
    return re.sub(r"\s+", " ", clone.text_content()).strip()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_page_lists_every_figure_and_says_not_stated(site: Path, lang: str,
                                                     sections: list[concordance.Section]) -> None:
    root = parse(site, conc_url(lang))
    on_page = {li.get("data-figure") for li in root.find_class("alb-fig")}
    assert on_page == tei_figure_ids()
    not_stated = "not stated" if lang == "en" else "не сказано"
    for row in concordance.rows(sections):
        tr = root.get_element_by_id(row.question.xml_id)
        assert tr.get("data-status") == row.status
        for cell in row.cells:
            td = tr.xpath(f"td[@data-siglum='{cell.siglum}']")[0]
            if cell.stated:
                assert [li.get("data-figure") for li in td.find_class("alb-fig")] == [f.xml_id for f in cell.figures]
            else:
                assert td.text_content().strip() == not_stated
        if row.status == "disagree":
            marker = tr.find_class("alb-status--disagree")
            assert marker and marker[0].text_content().strip()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_cell_link_resolves_to_the_tagged_figure(site: Path, lang: str) -> None:
    url = conc_url(lang)
    root = parse(site, url)
    checked = 0
    pages: dict[str, html.HtmlElement] = {}
    for link in root.xpath("//li[contains(@class, 'alb-fig')]//a[@href]"):
        target, fragment = urldefrag(urljoin(url, link.get("href")))
        assert target.startswith(("texts/", "ru/texts/")), target
        assert target.startswith("ru/") == (lang == "ru"), "links stay in the page's language"
        if target not in pages:
            pages[target] = parse(site, target)
        element = pages[target].get_element_by_id(fragment)
        assert element.get("class", "").split()[0] in ("tei-num", "tei-measure", "tei-date"), fragment
        checked += 1
    assert checked >= 2 * len(tei_figure_ids())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translation_is_given_beside_text_in_the_other_language(site: Path, lang: str, edition: Edition) -> None:
    root = parse(site, conc_url(lang))
    for item in root.find_class("alb-fig"):
        siglum = item.get("data-figure").split("-")[0]
        translated = item.find_class("alb-fig__translation")
        if edition.text(siglum).lang == lang:
            assert not translated
        else:
            assert translated and translated[0].get("lang") == lang and translated[0].text_content().strip("‘’ ")


def read_csv(site: Path) -> list[dict[str, str]]:
    with open(site / "data" / "concordance.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_csv_and_json_hold_the_same_data_as_the_page(site: Path) -> None:
    from albazin.publish.exports import COLUMN_NAMES

    rows = read_csv(site)
    document = json.loads((site / "data" / "concordance.json").read_text(encoding="utf-8"))
    assert document["columns"] == list(COLUMN_NAMES)
    assert list(rows[0].keys()) == list(COLUMN_NAMES)
    assert document["figures"] == rows
    for lang in LANGUAGES:
        root = parse(site, conc_url(lang))
        page = []
        for tr in root.find_class("alb-conc__row"):
            for li in tr.find_class("alb-fig"):
                td = li.xpath("ancestor::td[1]")[0]
                page.append((tr.get("id"), tr.get("data-status"), td.get("data-siglum"), li.get("data-figure"),
                             page_wording(li)))
        data = [(r["question_id"], r["status"], r["siglum"], r["figure_id"], r["wording"]) for r in rows]
        assert page == data, lang
    silent = {q["question_id"]: q["not_stated"] for q in document["questions"]}
    root = parse(site, conc_url("en"))
    for tr in root.find_class("alb-conc__row"):
        assert silent[tr.get("id")] == [td.get("data-siglum") for td in tr.find_class("alb-conc__none")]


def test_csv_anchor_urls_point_at_the_figures(site: Path) -> None:
    for row in read_csv(site):
        for column, prefix in (("anchor_url", ""), ("anchor_url_ru", "ru/")):
            path, fragment = urldefrag(row[column])
            assert fragment == row["figure_id"]
            assert path.endswith(f"/{prefix}texts/{row['siglum'].lower()}/")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_chart_for_every_numeric_question_with_more_than_one_value(site: Path, lang: str,
                                                                    sections: list[concordance.Section]) -> None:
    root = parse(site, conc_url(lang))
    expected = 0
    for row in concordance.rows(sections):
        numeric = row.numeric_figures()
        for dimension in {f.value.dimension for f in numeric}:
            if sum(f.value.dimension == dimension for f in numeric) < 2:
                continue
            expected += 1
            chart = root.get_element_by_id(charts.chart_id(row.question.xml_id, dimension, charts.chartable(row)))
            svg = chart.find("svg")
            assert svg.get("role") == "img"
            title_id, desc_id = svg.get("aria-labelledby").split()
            desc = root.get_element_by_id(desc_id).text_content()
            assert root.get_element_by_id(title_id).text_content()
            for figure in numeric:
                if figure.value.dimension == dimension:
                    assert valuefmt.normalised(figure, lang) in desc
            assert row.question.xml_id in {tr.get("id") for tr in root.find_class("alb-conc__row")}
    assert expected >= 8
    assert len(root.xpath("//figure[contains(@class, 'alb-chart') and not(contains(@class, 'timeline'))]")) == expected
    tables = root.find_class("alb-chart__table")
    assert len(tables) == 2, "a table fallback for the dot plots and one for the timelines"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_timeline_shows_every_dated_figure_in_both_calendars(site: Path, lang: str,
                                                            sections: list[concordance.Section]) -> None:
    root = parse(site, conc_url(lang))
    table = root.find_class("alb-chart__table")[1]
    listed = {urldefrag(a.get("href"))[1] for a in table.iter("a")}
    dated = {f.xml_id for row in concordance.rows(sections) for f in row.dated_figures()}
    assert listed == dated
    sieges = root.get_element_by_id("timeline-sieges")
    os_label = "O.S." if lang == "en" else "ст. ст."
    assert os_label in sieges.text_content(), "the Julian year marks"
    assert "N.S." in table.text_content() or "н. ст." in table.text_content()


def test_page_reports_the_counts(site: Path, sections: list[concordance.Section]) -> None:
    root = parse(site, conc_url("en"))
    disagreements = sum(r.status == "disagree" for r in concordance.rows(sections))
    label_text = root.xpath("//label[@for='alb-filter-disagree']")[0].text_content()
    assert f"({disagreements})" in label_text
    counts = root.find_class("alb-conc__counts")[0].text_content()
    assert f"Texts disagree {disagreements}" in counts


# --- in the browser --------------------------------------------------------------------------------

@pytest.mark.parametrize("javascript", [True, False])
def test_disagreements_filter_works_with_and_without_javascript(browser, server: str, javascript: bool,
                                                                sections: list[concordance.Section]) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(server + conc_url("en"))
    rows = page.locator("tr.alb-conc__row")
    assert rows.count() == len(concordance.rows(sections))
    assert sum(rows.nth(i).is_visible() for i in range(rows.count())) == rows.count()
    page.get_by_label(re.compile("Show only the questions")).check()
    visible = [rows.nth(i).get_attribute("data-status") for i in range(rows.count()) if rows.nth(i).is_visible()]
    assert visible and set(visible) == {"disagree"}
    assert len(visible) == sum(r.status == "disagree" for r in concordance.rows(sections))
    context.close()


def test_cell_link_lands_on_the_highlighted_figure(page, server: str) -> None:
    page.goto(server + conc_url("ru"))
    page.locator("#q-1686-qing-guns td[data-siglum='B'] a.alb-fig__wording").click()
    page.wait_for_url(re.compile(r"/ru/texts/b/#B-fig7$"))
    figure = page.locator("#B-fig7")
    assert figure.evaluate("el => el.matches(':target')")
    assert figure.evaluate("el => getComputedStyle(el).outlineStyle") == "solid"
    assert figure.is_visible()
