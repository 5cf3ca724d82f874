"""The interface labels: gettext catalogues per language (albazin/core/locales), every key in both
languages and in use, no key built at run time, numbers, months and plurals through Babel."""

from __future__ import annotations

import ast
import importlib.util
import string
import sys
from pathlib import Path

import pytest
import yaml
from babel.messages.extract import extract_from_dir
from hypothesis import given
from hypothesis import strategies as st

from albazin.core import i18n
from albazin.core.i18n import KEYWORDS, LANGUAGES
from albazin.core.paths import PROJECT_ROOT

ROOT = PROJECT_ROOT
SCRIPTS, OVERRIDES = ROOT / "albazin", ROOT / "overrides"
# overrides/partials/search.html: alb_label(lang, key) is albazin.core.i18n.label (hook on_env)
TEMPLATE_KEYWORDS = {"alb_label": (2,)}


def _messages(lang: str) -> dict[str, str | tuple[str, ...]]:
    catalog = i18n.read_catalog(i18n.po_path(lang), lang)
    return {m.id[0] if isinstance(m.id, tuple) else m.id: tuple(m.string) if m.pluralizable else m.string
            for m in catalog if m.id}


def extracted() -> dict[str, list[str]]:
    """Every key Babel's extractors find in the code (Python) and the theme overrides (Jinja), with where."""
    found: dict[str, list[str]] = {}
    for folder, method, keywords in ((SCRIPTS, "python", KEYWORDS),
                                     (OVERRIDES, "jinja2.ext:babel_extract", TEMPLATE_KEYWORDS)):
        for file, line, message, _comments, _context in extract_from_dir(
                folder, method_map=[("**.py" if method == "python" else "**.html", method)], keywords=keywords):
            key = message[0] if isinstance(message, tuple) else message
            found.setdefault(key, []).append(f"{folder.name}/{file}:{line}")
    return found


def _key_calls() -> list[tuple[str, int, ast.expr]]:
    """(file, line, key argument) of every call of an extraction keyword in albazin/."""
    out = []
    for path in sorted(SCRIPTS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = node.func.id if isinstance(node.func, ast.Name) else \
                    node.func.attr if isinstance(node.func, ast.Attribute) else None
                if name in KEYWORDS:
                    position = (KEYWORDS[name] or (1,))[0] - 1
                    if len(node.args) > position:
                        out.append((path.name, node.lineno, node.args[position]))
    return out


def test_both_languages_have_the_same_keys_and_kinds_of_message() -> None:
    tables = {lang: _messages(lang) for lang in LANGUAGES}
    assert len(tables["en"]) > 300
    for lang, table in tables.items():
        assert table.keys() == tables["en"].keys(), lang
        assert {k for k, v in table.items() if isinstance(v, tuple)} == \
            {k for k, v in tables["en"].items() if isinstance(v, tuple)}, lang
        forms = [f for v in table.values() for f in (v if isinstance(v, tuple) else (v,))]
        assert all(form.strip() for form in forms), f"{lang}: an empty message"


def test_placeholders_are_the_same_in_every_language_and_form() -> None:
    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    tables = {lang: _messages(lang) for lang in LANGUAGES}
    for key, english in tables["en"].items():
        expected = fields(english if isinstance(english, str) else english[0])
        for lang, table in tables.items():
            for form in table[key] if isinstance(table[key], tuple) else (table[key],):
                assert fields(form) == expected, (lang, key, form)


def test_plural_messages_have_the_forms_babel_gives_the_language() -> None:
    for lang in LANGUAGES:
        catalog = i18n.read_catalog(i18n.po_path(lang), lang)
        tags = i18n.plural_tags(lang)
        assert catalog.num_plurals == len(tags), lang  # the Plural-Forms header
        assert tags == {"en": ("one", "other"), "ru": ("one", "few", "many", "other")}[lang]
        plurals = {k: v for k, v in _messages(lang).items() if isinstance(v, tuple)}
        assert {"size_bytes", "search_count", "unit_count_years"} <= plurals.keys()
        assert all(len(forms) == len(tags) for forms in plurals.values()), lang


def test_every_key_is_used_and_every_key_used_exists() -> None:
    used = extracted()
    keys = set(_messages("en"))
    assert not used.keys() - keys, {k: used[k] for k in used.keys() - keys}
    assert not keys - used.keys(), f"keys no code uses: {sorted(keys - used.keys())}"


def test_no_key_is_built_at_run_time() -> None:
    """A key is a literal where it is used or in a table marked N_(); never an f-string, a
    concatenation or a choice inside the call, which the extractor cannot see."""
    built = [(f, line, ast.unparse(arg)) for f, line, arg in _key_calls()
             if isinstance(arg, ast.JoinedStr | ast.BinOp | ast.IfExp | ast.BoolOp)]
    assert not built, built
    # and no label() inside an f-string, which Babel's Python extractor reads as one string token
    literal = {arg.value for _, _, arg in _key_calls() if isinstance(arg, ast.Constant)}
    assert not literal - extracted().keys(), sorted(literal - extracted().keys())


def _nav_translations() -> dict[str, str]:
    class Loader(yaml.SafeLoader):
        pass
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    Loader.add_constructor("!ENV", lambda loader, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    plugin = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    return next(lang for lang in plugin["languages"] if lang["locale"] == "ru")["nav_translations"]


def test_the_site_navigation_titles_are_the_catalogue_entries() -> None:
    """mkdocs-static-i18n reads the Russian nav titles from mkdocs.yml (nav_translations): each
    pair there is the English and Russian of one catalogue entry."""
    en, ru = _messages("en"), _messages("ru")
    for english, translated in _nav_translations().items():
        matches = [k for k, text in en.items() if text == english and ru[k] == translated]
        assert matches, f"nav title {english!r} → {translated!r} is not a catalogue entry"


def test_the_hooks_navigation_uses_the_titles_mkdocs_translates(edition) -> None:
    from albazin.site.pageregistry import site_nav
    titles = [next(iter(item)) for item in site_nav(edition) if isinstance(item, dict)]
    assert titles and set(titles) <= _nav_translations().keys()


# --- numbers, months and plurals: Babel's output is what the hand-written code published -----------

def _published_amount(value: float, lang: str) -> str:
    """scripts/valuefmt.amount before the change to Babel."""
    text = f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"
    return text.replace(",", "\u00a0").replace(".", ",") if lang == "ru" else text


def _published_category(lang: str, n: int) -> str:
    """scripts/downloads._plural and valuefmt.counted before the change (integers)."""
    if lang == "ru":
        if n % 10 == 1 and n % 100 != 11:
            return "one"
        return "few" if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14 else "many"
    return "one" if n == 1 else "other"


@given(st.floats(min_value=0, max_value=1e9, allow_nan=False) | st.integers(min_value=0, max_value=10**9),
       st.sampled_from(LANGUAGES))
def test_numbers_are_written_as_before(value: float, lang: str) -> None:
    from albazin.model.valuefmt import amount
    assert amount(value, lang) == _published_amount(value, lang)
    size = f"{value:.1f}"
    assert i18n.number(float(value), lang, "0.0") == (size.replace(".", ",") if lang == "ru" else size)


@given(st.integers(min_value=0, max_value=10**7), st.sampled_from(LANGUAGES))
def test_plural_categories_are_the_hand_written_rules(n: int, lang: str) -> None:
    assert i18n.plural_form(lang, n) == _published_category(lang, n)
    assert i18n.plural_form(lang, float(n)) == _published_category(lang, n)


def test_counted_phrases_and_months() -> None:
    from albazin.model.valuefmt import counted, iso_date
    assert counted(1, "years", "en") == "1\u00a0year" and counted(1.5, "years", "en") == "1.5\u00a0years"
    assert [counted(n, "guns", "ru") for n in (1, 3, 5, 11, 21, 1.5)] == [
        "1\u00a0орудие", "3\u00a0орудия", "5\u00a0орудий", "11\u00a0орудий", "21\u00a0орудие", "1,5\u00a0орудия"]
    assert counted(15000, "men", "ru") == "15\u00a0000\u00a0человек"
    assert iso_date("1685-06-04", "ru") == "4 июня 1685\u00a0г." and iso_date("1685-06", "ru") == "июнь 1685\u00a0г."
    assert iso_date("1685-06-04", "en") == "4 June 1685"
    assert i18n.label_plural("ru", "size_bytes", 2, n="2") == "2 байта"


def test_search_script_labels_keep_their_names() -> None:
    from albazin.render.searchpage import script_labels
    en, ru = script_labels("en"), script_labels("ru")
    assert list(en) == ["loading", "error", "none", "count_one", "count_few", "count_many", "count_other", "more"]
    assert en["count_few"] == en["count_many"] == en["count_other"] == "{n} passages found for «{query}»."
    assert ru["count_few"] == "По запросу «{query}» найдено {n} фрагмента."


# --- the conversion tool ------------------------------------------------------------------------

def _tool():
    spec = importlib.util.spec_from_file_location("labels_to_po", ROOT / "tools" / "labels_to_po.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["labels_to_po"] = module
    spec.loader.exec_module(module)
    return module


def test_the_tool_converts_an_old_labels_table(tmp_path: Path) -> None:
    source = tmp_path / "i18n.py"
    source.write_text('LABELS = {"en": {"fresh": "New {x}", "size_bytes_one": "{n} byte", "size_bytes_many": '
                      '"{n} bytes", "lang_en": "English"},\n"ru": {"fresh": "Новое {x}", "size_bytes_one": "{n} байт", '
                      '"size_bytes_few": "{n} байта", "size_bytes_many": "{n} байт"}}\n', encoding="utf-8")
    found = _tool().entries(None, source)
    assert found["en"]["fresh"] == "New {x}" and found["ru"]["fresh"] == "Новое {x}"
    assert found["en"]["size_bytes"] == ("{n} byte", "{n} bytes")
    assert found["ru"]["size_bytes"] == ("{n} байт", "{n} байта", "{n} байт", "{n} байт")
    assert "lang_en" not in found["en"]  # dropped: never used


def test_the_tool_is_idempotent_on_the_catalogues() -> None:
    tool = _tool()
    for lang in LANGUAGES:
        catalog, changed = tool.merge(lang, _messages(lang))
        assert changed == [] and len(catalog) == len(_messages(lang))


def test_the_tool_updates_a_changed_label_in_place() -> None:
    """A branch that reworded a label: the new wording replaces the old one where it stood (Babel's
    Catalog.add alone would keep the old string of an existing id)."""
    tool = _tool()
    key = next(k for k, text in _messages("en").items() if isinstance(text, str))
    before, _ = tool.merge("en", {})
    catalog, changed = tool.merge("en", {key: "Reworded"})
    assert changed == [key] and catalog.get(key).string == "Reworded"
    assert [m.id for m in catalog] == [m.id for m in before]  # same entries, same order


def test_a_broken_catalogue_names_its_file(tmp_path: Path) -> None:
    bad = tmp_path / "albazin.po"
    bad.write_text('msgid "a"\nmsgstr "x"\ngarbage here\n', encoding="utf-8")
    with pytest.raises(i18n.LabelsError, match=r"albazin\.po:3: Unknown or misformatted keyword$"):
        i18n.read_catalog(bad, "en")


def test_no_key_is_defined_twice() -> None:
    """Babel keeps the last of two entries with one msgid: a duplicate would hide a label silently."""
    for lang in LANGUAGES:
        ids = [line for line in i18n.po_path(lang).read_text(encoding="utf-8").splitlines()
               if line.startswith("msgid ")]
        assert len(ids) == len(set(ids)), lang
