"""Exports a hostile value must not turn into something else: CSV cells that a spreadsheet would run
as formulas, BibTeX fields and keys, RIS tags. The JSON files keep every value as it is."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from albazin.model import pipeline
from albazin.publish import citation, csvsafe, downloads
from tests.conftest import copy_corpus

FORMULAS = ['=HYPERLINK("http://127.0.0.1/x","click")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
            "\t=1+1", "\r=1+1", "＝1+1"]


@settings(deadline=None)  # not timed: the machine may be busy
@given(st.text())
@example("=1+1")
@example("-5")
@example("-1e-3")
@example("+0.5")
def test_no_cell_begins_like_a_formula(value: str) -> None:
    out = csvsafe.cell(value)
    if out != value:
        assert out == "'" + value
    number = re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", value)
    assert number or not str(out).startswith(csvsafe.FORMULA_START)


def test_numbers_are_left_as_numbers() -> None:
    assert [csvsafe.cell(v) for v in ("-5", "+1.5", "1685", "-0.1", "")] == ["-5", "+1.5", "1685", "-0.1", ""]


def names_as_formulas(tmp_path: Path) -> Path:
    corpus = copy_corpus(tmp_path)
    authority = corpus / "authority.xml"
    text = authority.read_text(encoding="utf-8")
    names = re.findall(r'<persName type="standard" xml:lang="en">([^<]*)</persName>', text)
    assert len(names) >= len(FORMULAS)
    for name, formula in zip(names, FORMULAS, strict=False):
        escaped = formula.replace("&", "&amp;").replace("<", "&lt;").replace("\t", "&#9;").replace("\r", "&#13;")
        text = text.replace(f'<persName type="standard" xml:lang="en">{name}</persName>',
                            f'<persName type="standard" xml:lang="en">{escaped}</persName>', 1)
    authority.write_text(text, encoding="utf-8")
    return corpus


def test_entity_names_cannot_become_spreadsheet_formulas(tmp_path: Path) -> None:
    """Before this round `=HYPERLINK(…)` went raw into data/persons.csv."""
    corpus = names_as_formulas(tmp_path)
    edition, diagnostics = pipeline.check(corpus)
    assert diagnostics == [], diagnostics
    files = {d.path: d.data.decode("utf-8") for d in downloads.data_files(edition, "/")}
    rows = list(csv.DictReader(io.StringIO(files["data/persons.csv"])))
    cells = [cell for row in rows for cell in row.values() if cell]
    assert not [c for c in cells if c.startswith(csvsafe.FORMULA_START) and not re.fullmatch(r"-?\d+(\.\d+)?", c)]
    names_en = {row["name_en"] for row in rows}
    normalised = [" ".join(f.split()) for f in FORMULAS]  # names are whitespace-normalised
    assert {"'" + name for name in normalised} <= names_en
    # the JSON keeps the names exactly
    records = json.loads(files["data/persons.json"])["records"]
    assert {r["name_en"] for r in records} >= set(normalised)


def brace_depths(value: str) -> list[int]:
    """Brace depth after each character, counted as BibTeX counts: every brace, escaped or not."""
    depth, out = 0, []
    for char in value:
        depth += {"{": 1, "}": -1}.get(char, 0)
        out.append(depth)
    return out


def bibtex_fields(record: str) -> list[str]:
    """The field names of a one-entry BibTeX record, read as BibTeX reads it (braces counted)."""
    body = record[record.index("{") + 1:record.rindex("}")]
    parts, depth, current = [], 0, ""
    for char in body:
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0, "a field closed more braces than it opened"
        if char == "," and depth == 0:
            parts, current = [*parts, current], ""
        else:
            current += char
    assert depth == 0
    return [field.split("=", 1)[0].strip() for field in [*parts, current][1:] if field.strip()]


INJECTIONS = ["x}, author = {Mallory", "}}}@misc{evil, title={pwned", "a\\}b", "{unbalanced", "%comment\n@book{x,"]


@settings(deadline=None)  # not timed: the machine may be busy
@given(st.sampled_from(INJECTIONS) | st.text())
def test_a_title_cannot_add_bibtex_fields_or_entries(title: str) -> None:
    imp = citation.Imprint("en", title, "Editors } of {", "0.3.0", "2026-11-22", "P", "https://x.test/")
    record = citation.bibtex(imp)
    assert bibtex_fields(record) == ["title", "publisher", "editor", "edition", "date", "url", "language", "langid"]
    assert record.count("\n@") == 0 and record.startswith("@book{albazin,")
    assert min(brace_depths(record)) >= 0 and brace_depths(record)[-2] == 0  # the entry closes at its end


@settings(deadline=None)  # not timed: the machine may be busy
@given(st.sampled_from(["x\r\nER  - \r\nTY  - JOUR", "a\nTI  - other", "\u2028UR  - javascript:x"]) | st.text())
def test_a_title_cannot_add_ris_tags(title: str) -> None:
    imp = citation.Imprint("en", title, "E", "0.3.0", "2026-11-22", "P", "https://x.test/")
    lines = citation.ris(imp).split("\r\n")
    assert [line[:2] for line in lines[:-1]] == ["TY", "TI", "ED", "ET", "PY", "DA", "PB", "UR", "LA", "ER"]
