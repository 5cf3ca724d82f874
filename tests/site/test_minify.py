"""The edition's own CSS and JS are served minified (albazin/site/minify.py): only they, every rule
and every import kept, and what the site holds is exactly the minified source."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from albazin.site import jsmodules, minify
from tests.site.test_assets import CSS, DOCS, MODULES, _blocks

SHEETS = sorted(CSS.glob("*.css"))
SCRIPTS = sorted(MODULES.glob("*.js")) + sorted((DOCS / "assets" / "js").glob("*.js"))


@pytest.mark.parametrize(("src_uri", "own"), [
    ("assets/css/base.css", True), ("assets/js/edition/cite.js", True), ("assets/js/search.js", True),
    ("assets/images/map.svg", False), ("texts/a.en.md", False), ("assets/cssx/a.css", False),
    ("pagefind/pagefind.js", False), ("assets/css/../../x.js", False),
])
def test_only_the_editions_own_assets_are_minified(src_uri: str, own: bool) -> None:
    assert minify.is_own_asset(src_uri) is own


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda p: p.name)
def test_a_minified_stylesheet_keeps_every_rule(sheet: Path) -> None:
    source = sheet.read_text(encoding="utf-8")
    small = minify.minified(f"assets/css/{sheet.name}", source)
    assert "/*" not in small and len(small) < len(source)
    # the same blocks, at the same depths, with the same selectors and at-rules (spaces aside)
    assert [(re.sub(r"\s+", "", p), d) for p, d in _blocks(source)] == \
        [(re.sub(r"\s+", "", p), d) for p, d in _blocks(small)]


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_a_minified_module_keeps_its_imports(script: Path) -> None:
    source = script.read_text(encoding="utf-8")
    small = minify.minified(f"assets/js/{script.name}", source)
    assert len(small) < len(source)
    assert jsmodules.imports(small.replace(";import", ";\nimport").replace(";export", ";\nexport")) == \
        jsmodules.imports(source)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_string_values_survive(value: str) -> None:
    """A property's string value (content: "…") comes out as it went in, whatever its characters."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    for newline, escape in (("\n", "\\a "), ("\r", "\\d "), ("\f", "\\c ")):  # a newline ends a CSS string
        escaped = escaped.replace(newline, escape)
    quoted = f'"{escaped}"'
    css = f".x::before {{ content: {quoted}; }}\n/* a comment */\n"
    assert quoted in minify.minified("assets/css/x.css", css)


def test_the_site_serves_the_minified_sources(site: Path) -> None:
    for source in SHEETS + SCRIPTS:
        uri = source.relative_to(DOCS).as_posix()
        assert (site / uri).read_text(encoding="utf-8") == minify.minified(uri, source.read_text(encoding="utf-8")), uri


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_script_strings_survive(value: str) -> None:
    """A string literal of a module comes out as it went in (json.dumps writes a valid JS literal)."""
    literal = json.dumps(value)
    script = f'// a comment\nexport const s = {literal};  /* another */\n'
    assert minify.minified("assets/js/x.js", script) == f"export const s={literal};"
