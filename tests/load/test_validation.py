"""Validation: good input passes; each kind of broken input is reported with file, line and problem.

Each case takes the minimal valid fixture, breaks it in one documented way, and asserts the exact
diagnostic (file:line: error: message [code]).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from albazin.core.diagnostics import TeiError, report
from albazin.core.paths import PROJECT_ROOT
from albazin.model import pipeline
from albazin.site import sitecheck
from tests.conftest import FIXTURES

FIXTURE = FIXTURES / "minimal" / "T.xml"

SECOND_FILE = (FIXTURE.read_text(encoding="utf-8").replace('xml:id="T', 'xml:id="U').replace('#T-', '#U-')
               .replace('n="T"', 'n="U"'))

CASES = {
    "malformed-xml": (
        lambda s: s.replace("<p xml:id=\"T-p1\" n=\"1\">Первый абзац.</p>", "<p xml:id=\"T-p1\" n=\"1\">Первый абзац."),
        ['T.xml:21: error: not well-formed XML: Opening and ending tag mismatch: p line 18 and div, line 21, column 13 '
         '[malformed-xml]'],
    ),
    "schema": (
        lambda s: s.replace("Первый абзац.", "Первый <bogus>абзац</bogus>."),
        ['T.xml:18: error: TEI All: element "bogus" not allowed anywhere; expected one of 207 other elements or '
         'attributes [schema]'],
    ),
    "dangling-pointer": (
        lambda s: s.replace('corresp="#T-p1"', 'corresp="#T-p9"'),
        ['T.xml:19: error: @corresp="#T-p9" on <p> points to "#T-p9", which no xml:id defines [dangling-pointer]'],
    ),
    "pointer-to-missing-file": (
        lambda s: s.replace('corresp="#T-p1"', 'corresp="Z.xml#T-p1"'),
        ['T.xml:19: error: @corresp="Z.xml#T-p1" on <p> points to "Z.xml", which is not a file of the corpus '
         '[dangling-pointer]'],
    ),
    "javascript-url": (
        lambda s: s.replace('corresp="#T-p1"', 'corresp="javascript:alert(1)"'),
        ['T.xml:19: error: @corresp="javascript:alert(1)" on <p> uses the URL scheme "javascript:", which is '
         'not allowed (only http/https or corpus pointers) [dangling-pointer]'],
    ),
    "duplicate-id": (
        lambda s: s.replace('xml:id="T-p2"', 'xml:id="T-p1"').replace('corresp="#T-p1"', ""),
        ['T.xml:19: error: duplicate xml:id "T-p1" (first defined at T.xml:18) [duplicate-id]'],
    ),
    "bad-language": (
        lambda s: s.replace('<text xml:lang="ru">', '<text xml:lang="russian_RU">'),
        ['T.xml:15: error: xml:lang="russian_RU" is not a valid BCP 47 language tag [bad-language]',
         'T.xml:15: error: TEI All: value of attribute "xml:lang" is invalid; must be an RFC 3066 language '
         'identifier or must be equal to "" [schema]'],
    ),
    "unregistered-language": (
        lambda s: s.replace('<text xml:lang="ru">', '<text xml:lang="qq">'),
        ['T.xml:15: error: xml:lang="qq" is not a valid BCP 47 language tag [bad-language]'],
    ),
    "missing-id": (
        lambda s: s.replace('<p xml:id="T-p1" n="1">', '<p n="1">').replace('corresp="#T-p1"', ""),
        ['T.xml:18: error: <p> in the text body has no xml:id (citable units need stable anchors) [missing-id]'],
    ),
    "doctype-xxe": (
        lambda s: s.replace('<?xml version="1.0" encoding="UTF-8"?>\n',
                            '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE TEI [<!ENTITY xxe SYSTEM '
                            '"file:///etc/passwd">]>\n').replace("Первый абзац.", "&xxe;"),
        ['T.xml:2: error: a DOCTYPE/DTD is not allowed in TEI files of this edition [doctype]'],
    ),
    # the citation structure (albazin/load/citetree.py), on one line of the fixture (line 13)
    "cite-structure-missing": (
        lambda s: s.replace(s[s.index("<encodingDesc>"):s.index("</encodingDesc>") + len("</encodingDesc>")], ""),
        ["T.xml:2: error: no refsDecl/citeStructure in the TEI header: the text's units have no DTS references "
         "[cite-structure]"],
    ),
    "cite-unit-without-reference": (
        lambda s: s.replace('unit="paragraph" match="p|listBibl/bibl" use="@xml:id"',
                            'unit="paragraph" match="p|note" use="@n"'),
        ['T.xml:20: error: <note xml:id="T-n1"> selected by <citeStructure unit="paragraph"> (line 13) has no '
         'reference: @use="@n" gives nothing [cite-no-ref]'],
    ),
    "cite-duplicate-reference": (
        lambda s: s.replace('unit="division" match="text/body/div" use="@xml:id"',
                            'unit="division" match="text/body/div" use="@type"')
                   .replace("</div>", '</div><div type="account" xml:id="T-text2"><p xml:id="T-p3">Третий.</p></div>'),
        ['T.xml:21: error: the reference "T account" of <div xml:id="T-text2"> is not unique: <div xml:id="T-text"> '
         "at line 17 has it too [cite-duplicate-ref]"],
    ),
    "not-tei": (
        lambda s: s.replace('<TEI xmlns="http://www.tei-c.org/ns/1.0"', '<TEI xmlns="urn:not-tei"'),
        ['T.xml:2: error: root element is <TEI>, expected TEI <TEI> in the TEI namespace [not-tei]'],
    ),
}


def write_corpus(directory: Path, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "T.xml").write_text(text, encoding="utf-8")
    return directory


def messages(directory: Path) -> list[str]:
    _, diagnostics = pipeline.check(directory)
    # Diagnostics name files relative to the project; fixtures live in tmp, so compare by file name.
    return [str(d).replace(str(directory) + "/", "") for d in diagnostics]


def test_minimal_fixture_is_valid() -> None:
    edition, diagnostics = pipeline.check(FIXTURE.parent)
    assert diagnostics == []
    assert edition is not None and [t.siglum for t in edition.texts] == ["T"]


def test_the_real_corpus_is_valid() -> None:
    edition, diagnostics = sitecheck.check(PROJECT_ROOT / "tei")  # with its anchor registry, as the build checks
    assert report(diagnostics) == "TEI corpus valid: 0 errors."
    assert edition is not None


@pytest.mark.parametrize("case", sorted(CASES))
def test_broken_input_gives_exact_diagnostic(tmp_path: Path, case: str) -> None:
    mutate, expected = CASES[case]
    source = FIXTURE.read_text(encoding="utf-8")
    broken = mutate(source)
    assert broken != source, "the mutation must change the fixture"
    assert messages(write_corpus(tmp_path / case, broken)) == expected


def test_duplicate_id_across_files_names_both(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "two", FIXTURE.read_text(encoding="utf-8"))
    (corpus / "U.xml").write_text(SECOND_FILE.replace('xml:id="U-p2"', 'xml:id="T-p2"'), encoding="utf-8")
    assert 'U.xml:19: error: duplicate xml:id "T-p2" (first defined at T.xml:19) [duplicate-id]' in messages(corpus)


def test_all_problems_are_collected_before_aborting(tmp_path: Path) -> None:
    broken = CASES["dangling-pointer"][0](CASES["bad-language"][0](FIXTURE.read_text(encoding="utf-8")))
    found = messages(write_corpus(tmp_path / "many", broken))
    assert sorted(m.rsplit("[", 1)[1] for m in found) == ["bad-language]", "dangling-pointer]", "schema]"]


def test_translation_must_point_to_an_original_text(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "orphan", FIXTURE.read_text(encoding="utf-8"))
    # a translation: its units point at the original's (albazin/model/alignment.py)
    translation = (SECOND_FILE
                   .replace('<text xml:lang="ru">', '<text xml:lang="en" type="translation" corresp="T.xml">')
                   .replace('<p xml:id="U-p1" n="1">', '<p xml:id="U-p1" n="1" corresp="T.xml#T-p1">')
                   .replace('corresp="#U-p1"', 'corresp="T.xml#T-p2"'))
    (corpus / "U.xml").write_text(translation, encoding="utf-8")
    edition, diagnostics = pipeline.check(corpus)
    assert diagnostics == [] and edition is not None
    assert edition.translation("T").siglum == "U"
    (corpus / "U.xml").write_text(translation.replace('corresp="T.xml"', 'corresp="U.xml"'), encoding="utf-8")
    assert messages(corpus) == ['U.xml: error: <text type="translation"> has corresp="U.xml", which is not an '
                                'original text of the corpus [orphan-translation]']


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    corpus = tmp_path / "big"
    corpus.mkdir()
    (corpus / "T.xml").write_bytes(b"<TEI>" + b" " * (6 * 1024 * 1024) + b"</TEI>")
    assert messages(corpus) == [
        "T.xml: error: file is 6291467 bytes, over the limit of 5242880 bytes for one TEI text [too-large]"
    ]


def test_external_entity_is_never_resolved(tmp_path: Path) -> None:
    """Even without the DOCTYPE rule, the parser must not read the entity's file."""
    from albazin.load import teiload

    xxe = '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/hostname">]><r>&x;</r>'
    path = tmp_path / "x.xml"
    path.write_text(xxe, encoding="utf-8")
    loaded, problems = teiload.load(path)
    assert loaded is None and problems[0].code == "doctype"
    from lxml import etree
    root = etree.fromstring(xxe.encode(), etree.XMLParser(**teiload._PARSER_OPTIONS))
    assert [type(child) for child in root] == [etree._Entity]  # left as an unresolved reference


def test_load_edition_raises_one_error_listing_everything(tmp_path: Path) -> None:
    broken = CASES["missing-id"][0](FIXTURE.read_text(encoding="utf-8"))
    with pytest.raises(TeiError) as info:
        pipeline.load_edition(write_corpus(tmp_path / "raise", broken))
    assert str(info.value).startswith("TEI validation failed with 1 error(s):")
    assert "By kind: missing-id 1" in str(info.value)


def test_check_command_exit_status(tmp_path: Path) -> None:
    good = subprocess.run([sys.executable, "-m", "albazin", "check", str(FIXTURE.parent)],
                          cwd=PROJECT_ROOT, capture_output=True, text=True, check=False)
    assert good.returncode == 0 and "0 errors" in good.stdout
    bad_dir = write_corpus(tmp_path / "cli", CASES["duplicate-id"][0](FIXTURE.read_text(encoding="utf-8")))
    bad = subprocess.run([sys.executable, "-m", "albazin", "check", str(bad_dir)],
                         cwd=PROJECT_ROOT, capture_output=True, text=True, check=False)
    assert bad.returncode == 1
    assert "duplicate xml:id" in bad.stdout and "Traceback" not in bad.stderr


def test_schema_results_are_cached_by_content(tmp_path: Path) -> None:
    from albazin.load import schema, teiload

    corpus = write_corpus(tmp_path / "cache", FIXTURE.read_text(encoding="utf-8"))
    loaded, _ = teiload.load(corpus / "T.xml")
    schema.start([loaded]).diagnostics()  # as the pipeline validates: start, then wait for the verdict
    key = schema._cache_key(schema.SCHEMA_PATH, loaded)
    assert key in schema._memory
    shutil.rmtree(corpus)


# The model is built while jing validates (albazin/model/pipeline.py). It assumes schema-valid TEI, so a
# failure of the model on schema-invalid input must leave the reader with the schema's diagnostics.

def _failing_model(*_args: object) -> None:
    raise KeyError("the model met an element the schema does not allow")


def test_model_failure_on_schema_invalid_tei_reports_the_schema(tmp_path: Path, monkeypatch) -> None:
    mutate, expected = CASES["schema"]
    corpus = write_corpus(tmp_path / "invalid", mutate(FIXTURE.read_text(encoding="utf-8")))
    monkeypatch.setattr(pipeline, "_model", _failing_model)
    assert messages(corpus) == expected


def test_model_failure_on_valid_tei_is_not_hidden(tmp_path: Path, monkeypatch) -> None:
    corpus = write_corpus(tmp_path / "valid", FIXTURE.read_text(encoding="utf-8"))
    monkeypatch.setattr(pipeline, "_model", _failing_model)
    with pytest.raises(KeyError, match="the model met"):
        pipeline.check(corpus)


def test_a_long_validator_report_does_not_stall(tmp_path: Path) -> None:
    """jing writes to a file, not a pipe the pipeline leaves unread while it builds the model: 3,000
    schema errors (far more than a pipe holds) still come back, each with its line."""
    bogus = "".join(f"<bogus n='{i}'/>\n" for i in range(3000))
    source = FIXTURE.read_text(encoding="utf-8").replace("Первый абзац.", f"Первый абзац.{bogus}")
    found = [m for m in messages(write_corpus(tmp_path / "long", source)) if m.endswith("[schema]")]
    assert len(found) == 3000
    assert found[0].startswith("T.xml:18: error: TEI All: element \"bogus\" not allowed")
