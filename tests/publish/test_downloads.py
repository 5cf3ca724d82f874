"""The downloads page and its files: every file listed exists with the size and SHA-256 the page
gives, the corpus zip is complete, valid and reproducible, the plain texts are faithful, and the
data exports agree with each other and with the site."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
import stat
import subprocess
import zipfile
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
from lxml import html

from albazin.core import buildinfo, siteurl
from albazin.core.paths import PROJECT_ROOT
from albazin.load import schema, teiload
from albazin.model import names, pipeline
from albazin.model.model import Choice, Edition, walk
from albazin.model.readings import plain_lines, reading
from albazin.publish import downloads
from tests.conftest import LANGUAGES, copy_corpus, run_build

SITE_URL = siteurl.DEFAULT  # mkdocs.yml: site_url from SITE_URL, unset in the tests
TEI = PROJECT_ROOT / "tei"
SIZE_UNITS = {"kB": 1e3, "кБ": 1e3, "MB": 1e6, "МБ": 1e6}


def page_path(lang: str) -> str:
    return "downloads/index.html" if lang == "en" else f"{lang}/downloads/index.html"


def parse(site: Path, lang: str) -> html.HtmlElement:
    return html.parse(str(site / page_path(lang))).getroot()


def rows(site: Path, lang: str) -> list[html.HtmlElement]:
    return parse(site, lang).cssselect("table.alb-dl tr[data-path]")


def zip_time(edition: Edition) -> tuple[int, ...]:
    """As the build sets it: SOURCE_DATE_EPOCH if given, else the commit's date (albazin/core/buildinfo.py)."""
    return downloads.zip_timestamp(edition.published, str(buildinfo.of(edition.version).epoch))


def built(edition: Edition) -> tuple[downloads.Download, ...]:
    return downloads.build(edition, TEI, SITE_URL, zip_time(edition))


def text_file(site: Path, siglum: str, view: str) -> str:
    return (site / downloads.TEXT_DIR / f"{siglum}.{view}.txt").read_text(encoding="utf-8")


def corpus_zip(site: Path, edition: Edition) -> zipfile.ZipFile:
    return zipfile.ZipFile(site / "downloads" / f"{downloads.corpus_name(edition)}.zip")


# --- the page --------------------------------------------------------------------------------------

def test_the_page_exists_in_both_languages_with_the_same_files(site: Path) -> None:
    listed = {}
    for lang in LANGUAGES:
        root = parse(site, lang)
        assert root.get("lang") == lang
        listed[lang] = [tr.get("data-path") for tr in rows(site, lang)]
        toc = list(dict.fromkeys(a.get("href") for a in root.cssselect("nav.md-nav--secondary a.md-nav__link")))
        assert toc == [f"#{section}" for section, _ in downloads.SECTIONS]
    assert listed["en"] == listed["ru"]
    assert len(listed["en"]) == len(set(listed["en"]))
    assert listed["en"][-1] == downloads.SUMS_PATH


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_listed_file_has_the_size_and_checksum_the_page_gives(site: Path, lang: str) -> None:
    page = site / page_path(lang)
    for tr in rows(site, lang):
        path = tr.get("data-path")
        target = site / path
        assert target.is_file(), path
        link = tr.cssselect(".alb-dl__file a")[0]
        assert (page.parent / link.get("href")).resolve() == target.resolve()
        assert link.get("download") == target.name
        data = target.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        assert tr.cssselect(".alb-dl__sha256 code")[0].text_content() == digest == tr.get("data-sha256"), path
        assert int(tr.get("data-bytes")) == len(data)
        size = tr.cssselect(".alb-dl__size")[0].text_content()
        exact = re.search(r"\(([\d,\u00a0]+) ", size) or re.match(r"([\d,\u00a0]+) ", size)
        assert int(re.sub(r"\D", "", exact[1])) == len(data), (path, size)
        readable = re.match(r"([\d.,]+)\s(\S+)", size)
        if readable[2] in SIZE_UNITS:  # "49.7 kB": the size rounded to one decimal
            assert abs(float(readable[1].replace(",", ".")) * SIZE_UNITS[readable[2]] - len(data)) \
                <= 0.05 * SIZE_UNITS[readable[2]], size
        assert tr.cssselect(".alb-dl__description")[0].text_content().strip()
        assert tr.cssselect(".alb-dl__format")[0].text_content().strip()


def test_every_published_file_is_listed(site: Path) -> None:
    listed = {tr.get("data-path") for tr in rows(site, "en")}
    folders = ("tei", "data", "downloads", "cite")
    published = {str(p.relative_to(site)) for folder in folders for p in (site / folder).rglob("*")
                 if p.is_file() and p.name != "index.html"}
    assert published | {downloads.SUMS_PATH} == listed
    assert {f"tei/{p.name}" for p in teiload.corpus_files(TEI)} <= listed
    assert {"data/concordance.csv", "data/concordance.json"} <= listed


def test_sha256sums_lists_every_other_file_with_its_checksum(site: Path) -> None:
    lines = (site / downloads.SUMS_PATH).read_text(encoding="utf-8").splitlines()
    listed = [tr.get("data-path") for tr in rows(site, "en")]
    assert [line.split("  ", 1)[1] for line in lines] == listed[:-1]
    for line in lines:
        assert re.fullmatch(r"[0-9a-f]{64}  \S+", line)
        digest, path = line.split("  ", 1)
        assert hashlib.sha256((site / path).read_bytes()).hexdigest() == digest
    if shutil.which("sha256sum"):
        check = subprocess.run(["sha256sum", "--check", "--strict", downloads.SUMS_PATH], cwd=site,
                               capture_output=True, text=True, check=False)
        assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.parametrize("lang", LANGUAGES)
def test_text_pages_home_and_about_link_to_the_downloads_page(site: Path, edition: Edition, lang: str) -> None:
    prefix = "" if lang == "en" else f"{lang}/"
    target = (site / page_path(lang)).resolve()
    pages = [f"{prefix}texts/{t.slug}/index.html" for t in edition.texts] + [f"{prefix}index.html",
                                                                              f"{prefix}about/index.html"]
    for page in pages:
        root = html.parse(str(site / page)).getroot()
        hrefs = [a.get("href") for a in root.cssselect("article a[href]")]
        resolved = {((site / page).parent / urldefrag(h)[0] / "index.html").resolve() for h in hrefs
                    if h.rstrip("/").endswith("downloads")}
        assert target in resolved, page


# --- the corpus zip --------------------------------------------------------------------------------

def test_the_corpus_zip_holds_every_tei_file_the_schema_and_the_copy_texts_unchanged(site: Path,
                                                                                     edition: Edition) -> None:
    root = downloads.corpus_name(edition)
    with corpus_zip(site, edition) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        expected = sorted(str(p.relative_to(PROJECT_ROOT)) for p in TEI.rglob("*") if p.is_file())
        assert names[:2] == [f"{root}/README.md", f"{root}/LICENCE.md"]
        assert sorted(n.removeprefix(f"{root}/") for n in names[2:]) == expected
        assert f"{root}/tei/schema/tei_all.rng" in names
        for name in expected:
            assert archive.read(f"{root}/{name}") == (PROJECT_ROOT / name).read_bytes(), name
        for info in archive.infolist():
            assert info.date_time == zip_time(edition)
            assert stat.S_IMODE(info.external_attr >> 16) == 0o644 and info.create_system == 3
        readme = archive.read(f"{root}/README.md").decode("utf-8")
        licence = archive.read(f"{root}/LICENCE.md").decode("utf-8")
    for name in expected:
        digest = hashlib.sha256((PROJECT_ROOT / name).read_bytes()).hexdigest()
        assert re.search(rf"`{re.escape(name)}` — .*{digest}", readme), name
    assert edition.version in readme and edition.licence.get("en") in licence and edition.licence.get("ru") in licence


def test_every_tei_file_in_the_zip_validates(site: Path, edition: Edition, tmp_path: Path) -> None:
    with corpus_zip(site, edition) as archive:
        archive.extractall(tmp_path)
    corpus = tmp_path / downloads.corpus_name(edition) / "tei"
    schema_path = corpus / "schema" / "tei_all.rng"
    files = [teiload.load(p)[0] for p in teiload.corpus_files(corpus)]
    assert len(files) == len(teiload.corpus_files(TEI)) and None not in files
    # TEI All, run afresh on the extracted files (not through the validation cache) …
    assert schema._run_validator(files, schema_path) == {}
    # … and every rule of the project, as a build applies them.
    extracted, diagnostics = pipeline.check(corpus, schema_path)
    assert diagnostics == [] and extracted is not None


# --- plain texts -----------------------------------------------------------------------------------

@pytest.mark.parametrize("siglum", ["A", "B", "C"])
def test_the_diplomatic_plain_text_is_the_copy_text_byte_for_byte(site: Path, edition: Edition,
                                                                    siglum: str) -> None:
    witness = PROJECT_ROOT / edition.text(siglum).source.witness_file
    assert (site / downloads.TEXT_DIR / f"{siglum}.diplomatic.txt").read_bytes() == witness.read_bytes()


def test_the_diplomatic_plain_text_is_made_from_the_tei_not_copied(tmp_path: Path) -> None:
    corpus = copy_corpus(tmp_path)
    tei_file = corpus / "B.xml"
    tei_file.write_text(tei_file.read_text(encoding="utf-8").replace("669 человек", "668 человек"), encoding="utf-8")
    edition, diagnostics = pipeline.check(corpus)
    assert diagnostics == [] and edition is not None
    made = {d.path: d.data for d in downloads.plain_texts(edition, corpus)}
    diplomatic = made[f"{downloads.TEXT_DIR}/B.diplomatic.txt"].decode("utf-8")
    source = (corpus / "sources" / "B.txt").read_text(encoding="utf-8")
    assert diplomatic != source and diplomatic == source.replace("669 человек", "668 человек")


@pytest.mark.parametrize("siglum", ["A", "B", "C"])
def test_the_critical_plain_text_differs_exactly_where_the_text_is_emended(site: Path, edition: Edition,
                                                                          siglum: str) -> None:
    text = edition.text(siglum)
    critical, diplomatic = text_file(site, siglum, "critical"), text_file(site, siglum, "diplomatic")
    assert critical.strip() and not re.search(r"<[A-Za-z/!?]|[\x00-\x08\x0b-\x1f]", critical)
    # the same layout: blank lines at the same places, one line per unit in document order
    assert [not line.strip() for line in critical.split("\n")] == [not line.strip() for line in diplomatic.split("\n")]
    crit_lines = [line for line in critical.split("\n") if line.strip()]
    dip_lines = [line for line in diplomatic.split("\n") if line.strip()]
    units = list(text.units())
    assert len(crit_lines) == len(dip_lines) == len(units)
    changed = 0
    for unit, crit, dip in zip(units, crit_lines, dip_lines, strict=True):
        choices = [n for n in walk(unit.content) if isinstance(n, Choice)]
        emended = [c for c in choices if reading(c.source, "critical") != reading(c.edited, "critical")]
        assert (crit != dip) == bool(emended), unit.xml_id
        for choice in emended:
            assert reading(choice.edited, "critical") in crit and reading(choice.source, "diplomatic") in dip
        changed += bool(emended)
    assert changed == sum(1 for u in units if any(isinstance(n, Choice) for n in walk(u.content))) > 0


def test_the_plain_texts_of_the_translations(site: Path, edition: Edition) -> None:
    for doc in edition.translations:
        critical = text_file(site, doc.siglum, "critical")
        assert critical == "\n".join(plain_lines(doc, "critical")) + "\n"
        has_choice = any(isinstance(n, Choice) for n in doc.inline_nodes())
        assert (critical == text_file(site, doc.siglum, "diplomatic")) == (not has_choice)
        assert critical.strip() and "<" not in critical


# --- data exports ----------------------------------------------------------------------------------

def _resolves(site: Path, url: str) -> bool:
    path, fragment = urldefrag(url)
    assert url.startswith(SITE_URL) and fragment, url
    page = site / urlsplit(path).path.lstrip("/") / "index.html"
    return page.is_file() and bool(html.parse(str(page)).getroot().xpath("//*[@id=$id]", id=fragment))


def test_the_index_exports_hold_every_entity_the_same_in_csv_and_json(site: Path, edition: Edition) -> None:
    seen = []
    for kind, stem in downloads.ENTITY_FILES.items():
        with (site / "data" / f"{stem}.csv").open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            csv_rows, columns = list(reader), reader.fieldnames
        document = json.loads((site / "data" / f"{stem}.json").read_text(encoding="utf-8"))
        assert document["columns"] == columns and document["kind"] == kind
        assert [{k: r[k] for k in columns} for r in document["records"]] == csv_rows
        entities = {e.xml_id: e for e in edition.entities if e.kind == kind}
        assert [r["id"] for r in csv_rows] == sorted(entities)
        for row, record in zip(csv_rows, document["records"], strict=True):
            entity = entities[row["id"]]
            assert row["kind"] == kind and row["name_en"] == entity.name("en") and row["name_ru"] == entity.name("ru")
            assert [n["text"] for n in record["detail"]["names"]] == [n.text for n in entity.names]
            assert all(n.text in row["names"] for n in entity.names)
            counts = {c.removeprefix("mentions_"): int(row[c]) for c in columns
                      if c.startswith("mentions_") and c != "mentions_total"}
            assert set(counts) == {d.siglum for d in edition.documents()}
            assert sum(counts.values()) == int(row["mentions_total"])
            assert int(row["mentions_total"]) > 0 or entity.xml_id in names.in_commentary(edition)
            if entity.geo is not None:
                assert float(row["lat"]) == entity.geo.lat and float(row["lon"]) == entity.geo.lon
            for siglum, forms in record["detail"]["forms_in_texts"].items():
                assert counts[siglum] > 0
                plain = text_file(site, siglum, "diplomatic")
                assert all(form in plain for form in forms), (row["id"], siglum)
            for lang, column in (("en", "url_en"), ("ru", "url_ru")):
                assert _resolves(site, row[column]), row[column]
                assert ("/ru/" in row[column]) == (lang == "ru")
        seen += [r["id"] for r in csv_rows]
    assert sorted(seen) == sorted(e.xml_id for e in edition.entities)


def test_mention_counts_match_the_index_pages(site: Path) -> None:
    for stem in downloads.ENTITY_FILES.values():
        document = json.loads((site / "data" / f"{stem}.json").read_text(encoding="utf-8"))
        root = html.parse(str(site / "index" / stem / "index.html")).getroot()
        for record in document["records"]:
            entry = root.get_element_by_id(record["id"])
            assert len(entry.cssselect(".alb-occ > li")) == int(record["mentions_total"]), record["id"]


# --- determinism -----------------------------------------------------------------------------------

def test_the_builder_gives_the_same_bytes_every_time_and_as_the_site(site: Path, edition: Edition) -> None:
    first, second = built(edition), built(edition)
    fresh, diagnostics = pipeline.check(TEI)  # a separately loaded model of the same corpus
    assert diagnostics == [] and fresh is not None and fresh is not edition
    third = built(fresh)
    assert [(d.path, d.data) for d in first] == [(d.path, d.data) for d in second] == [(d.path, d.data) for d in third]
    for d in first:  # and the same as the files the (separate) mkdocs process wrote
        assert (site / d.path).read_bytes() == d.data, d.path
        assert d.sha256 == hashlib.sha256(d.data).hexdigest()


def test_the_zip_time_comes_from_source_date_epoch_or_the_publication_date(edition: Edition) -> None:
    assert downloads.zip_timestamp("2026-11-22", None) == (2026, 11, 22, 0, 0, 0)
    assert downloads.zip_timestamp("2026", None) == (2026, 1, 1, 0, 0, 0)
    assert downloads.zip_timestamp("2026-11-22", "1700000000") == (2023, 11, 14, 22, 13, 20)
    assert downloads.zip_timestamp("2026-11-22", "1700000001") == (2023, 11, 14, 22, 13, 20)  # even seconds
    assert downloads.zip_timestamp("2026-11-22", "0") == downloads.EARLIEST_ZIP_TIME  # the zip format's earliest
    with pytest.raises(ValueError, match="whole number of seconds"):
        downloads.zip_timestamp("2026-11-22", "yesterday")
    other = downloads.build(edition, TEI, SITE_URL, (2001, 2, 3, 4, 5, 6))
    changed = {d.path for d, e in zip(built(edition), other, strict=True) if d.data != e.data}
    assert changed == {f"downloads/{downloads.corpus_name(edition)}.zip", downloads.SUMS_PATH}
    with zipfile.ZipFile(io.BytesIO(other[0].data)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2001, 2, 3, 4, 5, 6)}


@pytest.mark.build
def test_a_bad_source_date_epoch_stops_the_build_with_a_message(tmp_path: Path) -> None:
    result = run_build(tmp_path / "site", {"SOURCE_DATE_EPOCH": "yesterday"})
    log = result.stdout + result.stderr
    assert result.returncode == 1
    # albazin/core/buildinfo.py reads SOURCE_DATE_EPOCH first (the zip's time follows it)
    assert 'error: SOURCE_DATE_EPOCH="yesterday" is not a whole number of seconds since 1970 [build-date]' in log
    assert "Traceback" not in log and not (tmp_path / "site").exists()
