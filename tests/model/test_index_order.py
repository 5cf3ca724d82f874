"""The order of the index: persons by surname, in each language's alphabet (albazin/model/collation.py,
albazin/model/indexform.py), as the TEI marks the parts of the names."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import html

from albazin.model import collation, indexform
from albazin.model.model import Edition, EntityName
from albazin.publish.pages import INDEX_SLUGS
from albazin.render import indexpage
from tests.conftest import LANGUAGES


def ordered(words: list[str], lang: str) -> list[str]:
    return sorted(words, key=lambda w: collation.key(w, lang))


# --- collation ------------------------------------------------------------------------------------

def test_russian_alphabet_order_with_yo_after_ye_and_short_i_a_letter() -> None:
    assert ordered(["ёж", "еж", "жук", "ель", "яма", "Ёлка", "елка"], "ru") == ["еж", "ёж", "елка", "Ёлка", "ель",
                                                                                 "жук", "яма"]
    # й is a letter of its own after и (not и with a mark, which would make «Край» equal «Краи» at first)
    assert ordered(["Крылов", "Край", "Краи"], "ru") == ["Краи", "Край", "Крылов"]
    assert ordered(["Кай", "Каи", "Кам"], "ru") == ["Каи", "Кай", "Кам"]
    assert ordered(["Бейтон", "Богатырёв", "Байтон"], "ru") == ["Байтон", "Бейтон", "Богатырёв"]


def test_case_and_quotation_marks_do_not_decide_the_order() -> None:
    assert ordered(["«Яков»", "борис", "Алексей", "вера"], "ru") == ["Алексей", "борис", "вера", "«Яков»"]
    assert ordered(["zeta", "Alpha", "beta"], "en") == ["Alpha", "beta", "zeta"]


def test_diacritics_are_secondary_and_spaces_sort_first() -> None:
    assert ordered(["Tomé", "Tome", "Tomas", "Tomás"], "en") == ["Tomas", "Tomás", "Tome", "Tomé"]
    assert ordered(["Kangxi Emperor", "Kang Hyeok Hweon"], "en") == ["Kang Hyeok Hweon", "Kangxi Emperor"]
    assert ordered(["Jean-François", "Jeanette"], "en") == ["Jeanette", "Jean-François"]  # the hyphen is ignored


def test_the_pages_own_script_comes_first() -> None:
    assert ordered(["Zeya", "Амур"], "ru") == ["Амур", "Zeya"]
    assert ordered(["Амур", "Zeya"], "en") == ["Zeya", "Амур"]


@given(st.lists(st.text(alphabet="абвеёжийкАБЕЁЙ abeéEÉ-«»", max_size=6), max_size=8),
       st.sampled_from(["en", "ru"]))
def test_the_order_is_total_and_ignores_case(words: list[str], lang: str) -> None:
    once = ordered(words, lang)
    assert ordered(list(reversed(words)), lang) == once  # a total order: the input's order does not matter
    for word in words:
        upper, lower = collation.key(word.upper(), lang), collation.key(word.lower(), lang)
        assert upper[0] == lower[0] and upper[1] == lower[1]


# --- the index form of a name ---------------------------------------------------------------------

def _name(*parts: tuple[str, str]) -> EntityName:
    return EntityName("standard", "en", " ".join(text for _, text in parts), parts)


def test_surname_leads_and_family_name_first_is_not_inverted() -> None:
    assert indexform.heading(_name(("forename", "Afanasii"), ("surname", "Beiton"))) == "Beiton, Afanasii"
    assert indexform.heading(_name(("forename", "Афанасий"), ("surname", "Бейтон"))) == "Бейтон, Афанасий"
    assert indexform.heading(_name(("surname", "Tong"), ("forename", "Guogang"))) == "Tong Guogang"
    assert indexform.heading(_name(("surname", "Kang"), ("forename", "Hyeok Hweon"))) == "Kang Hyeok Hweon"
    assert indexform.heading(_name(("roleName", "император"), ("name", "Канси"))) == "Канси, император"
    assert indexform.heading(_name(("name", "Kangxi"), ("roleName", "Emperor"))) == "Kangxi Emperor"
    assert indexform.heading(EntityName("standard", "en", "Songgotu")) == "Songgotu"


def test_the_model_reads_the_name_parts_and_keeps_the_text(edition: Edition) -> None:
    by_id = {e.xml_id: e for e in edition.entities}
    beiton = by_id["pers-beiton"].standard_name("ru")
    assert beiton.text == "Афанасий Бейтон"
    assert beiton.parts == (("forename", "Афанасий"), ("surname", "Бейтон"))
    assert by_id["pers-songgotu"].standard_name("en").parts == ()


EXPECTED = {
    "en": ["Albaza", "Andrade, Tonio", "Beiton, Afanasii", "Bogatyrev, S.", "Chen, Vincent", "Chikhundorj",
           "Gerbillon, Jean-François", "Golovin, Fedor", "Kang Hyeok Hweon", "Kangxi Emperor", "Narangoa, Li",
           "Songgotu", "Tolbuzin, Aleksei", "Tong Guogang", "Verbiest, Ferdinand", "Vlasov, Ivan"],
    "ru": ["Албаза", "Андраде, Тонио", "Бейтон, Афанасий", "Богатырёв, С.", "Венюков, Никифор", "Вербист, Фердинанд",
           "Головин, Фёдор", "Жербийон, Жан-Франсуа", "Кан Хёк Хвон", "Канси, император", "Нарангоа, Ли",
           "Сонготу", "Толбузин, Алексей", "Тун Гоган", "Чихундорж", "Чэнь, Винсент"],
}


def person_headings(edition: Edition, lang: str) -> list[str]:
    persons = sorted((e for e in edition.entities if e.kind == "person"), key=lambda e: indexpage.sort_key(e, lang))
    return [indexform.entity_heading(e, lang) for e in persons]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_persons_are_in_surname_order(edition: Edition, lang: str) -> None:
    headings = person_headings(edition, lang)
    assert [h for h in headings if h in EXPECTED[lang]] == EXPECTED[lang]
    assert headings == ordered(headings, lang)


# --- the pages ----------------------------------------------------------------------------------------

@pytest.mark.build
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_index_pages_show_the_order(site: Path, edition: Edition, lang: str) -> None:
    for kind, slug in INDEX_SLUGS.items():
        url = ("" if lang == "en" else f"{lang}/") + f"index/{slug}/index.html"
        doc = html.parse(str(site / url)).getroot()
        listed = [a.text_content() for a in doc.cssselect(".alb-index__letters a")]
        headings = [h.text_content().strip() for h in doc.cssselect("h2.alb-entity__name")]
        ids = [s.get("id") for s in doc.cssselect("section.alb-entity")]
        assert listed == ordered(listed, lang), kind
        assert ids == [a.get("href").removeprefix("#") for a in doc.cssselect(".alb-index__letters a")]
        assert len(headings) == len(listed)
        assert all(h.startswith(n) for h, n in zip(headings, listed, strict=True)), (headings, listed)
        if kind == "person":
            assert [n for n in listed if n in EXPECTED[lang]] == EXPECTED[lang]
