"""Everything the edition offers for download, made once per build, in memory.

`build` returns the files as bytes (the TEI files and copy-texts as they are, the corpus as one
deterministic zip, plain texts, data exports, SHA256SUMS). The downloads page is rendered from
these objects and `write` puts the same bytes into the site, so the sizes and checksums on the
page are by construction those of the published files.
"""

from __future__ import annotations

import hashlib
import io
import re
import stat
import time
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from albazin.core import buildinfo, identifiers
from albazin.core.i18n import INDEX_TITLES, LANGUAGES, N_, label, label_plural, language_name, number
from albazin.core.safeio import MAX_PUBLISHED_BYTES, MAX_TEI_BYTES, read_bounded, write_if_changed
from albazin.load import corpusfiles
from albazin.load.rules import EDITION_FILE
from albazin.model import concordance, htmlids
from albazin.model.figures import Figure
from albazin.model.model import Edition, Entity, TextDoc, View
from albazin.publish import citation, entitydata, exports, linkeddata, pages, plaintext

TEI_DIR = "tei"  # site folder of the TEI files, with schema/ and sources/ below it
DATA_DIR = "data"
TEXT_DIR = "downloads/text"
SUMS_PATH = "SHA256SUMS"
CITE_DIR = "cite"  # BibTeX and RIS records of the edition and of each text, per site language
CITE_FORMATS = (("BibTeX", "bib"), ("RIS", "ris"))


def citation_stem(text: TextDoc | None, lang: str) -> str:
    """Site path of a citation record without its extension: cite/a.ru, cite/edition.en."""
    return f"{CITE_DIR}/{text.slug if text else 'edition'}.{lang}"
CONCORDANCE_DATA = {"csv": f"{DATA_DIR}/concordance.csv", "json": f"{DATA_DIR}/concordance.json"}
INDEX_JSONLD = f"{DATA_DIR}/index.jsonld"  # the whole index as linked data (albazin/publish/linkeddata.py)
ENTITY_FILES = {"person": "persons", "org": "groups", "place": "places"}
SECTIONS = htmlids.DOWNLOADS_SECTIONS  # the page's sections, in order: (id, label key); anchors of the page
ZIP_MODE = stat.S_IFREG | 0o644
EARLIEST_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the zip format cannot say earlier


@dataclass(frozen=True)
class Download:
    path: str  # site-relative, e.g. "tei/A.xml"
    data: bytes = field(repr=False)
    section: str  # one of SECTIONS
    format: str  # a key of scripts/downloadspage.FORMAT_LABELS
    description: dict[str, str]  # one line per site language
    sha256: str = ""

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]


def item(path: str, data: bytes, section: str, fmt: str, describe: Callable[[str], str]) -> Download:
    return Download(path, data, section, fmt, {lang: describe(lang) for lang in LANGUAGES},
                    hashlib.sha256(data).hexdigest())


# --- sizes, as the page and the README give them --------------------------------------------------

def exact_size(n: int, lang: str) -> str:
    """E.g. "49,698 bytes", «49 698 байт» (no-break space between thousands)."""
    return label_plural(lang, "size_bytes", n, n=number(n, lang))


def readable_size(n: int, lang: str) -> str:
    """Decimal units, one decimal: "49.7 kB", «1,0 МБ»; below a kilobyte the exact size."""
    if n < 1000:
        return exact_size(n, lang)
    value, key = (n / 1e6, N_("size_mb")) if n >= 999_950 else (n / 1e3, N_("size_kb"))
    return label(lang, key, n=number(value, lang, "0.0"))  # no grouping: "1234.5 MB" as published


# --- the TEI files, the schema and the copy-texts ------------------------------------------------

def _tei_description(edition: Edition, file_name: str) -> Callable[[str], str]:
    docs = {d.file_name: d for d in edition.documents()}
    if file_name in docs:
        return docs[file_name].title.get
    key = {edition.authority_file: N_("desc_tei_authority"), edition.commentary_file: N_("desc_tei_commentary"),
           edition.bibliography_file: N_("desc_tei_bibliography"), EDITION_FILE: N_("desc_tei_edition"),
           edition.glossary_file: N_("desc_tei_glossary"),
           edition.introduction_file: N_("desc_tei_introduction")}.get(file_name, N_("desc_tei_other"))
    return lambda lang: label(lang, key)


def tei_files(edition: Edition, tei_dir: Path) -> list[Download]:
    return [item(f"{TEI_DIR}/{path.name}", read_bounded(path, MAX_TEI_BYTES), "tei", "tei",
                 _tei_description(edition, path.name))
            for path in corpusfiles.tei_files(tei_dir).files]


def _witness_name(text: TextDoc) -> str:
    return text.source.witness_file.rsplit("/", 1)[-1]


def _source_description(edition: Edition, folder: str, path: Path) -> tuple[str, Callable[[str], str]]:
    by_witness = {_witness_name(t): t for t in edition.texts}
    if folder == "sources" and path.name in by_witness:
        return "txt", lambda lang: label(lang, "desc_copy_text", siglum=by_witness[path.name].siglum)
    if path.suffix == ".rng":
        return "rng", lambda lang: label(lang, "desc_schema")
    if path.suffix == ".md":
        key = {"sources": N_("desc_sources_readme"), "schema": N_("desc_schema_readme")}[folder]
        return "md", lambda lang: label(lang, key)
    return "other", lambda lang: label(lang, "desc_file")


def source_files(edition: Edition, tei_dir: Path) -> list[Download]:
    """Everything under tei/schema/ and tei/sources/, as published beside the TEI (regular files
    only, never through a link: albazin/load/corpusfiles.py)."""
    out = []
    for path in corpusfiles.published_files(tei_dir).files:
        folder = path.parent.name
        fmt, describe = _source_description(edition, folder, path)
        out.append(item(f"{TEI_DIR}/{folder}/{path.name}", read_bounded(path, MAX_PUBLISHED_BYTES), "sources", fmt,
                        describe))
    return out


# --- the corpus as one zip -----------------------------------------------------------------------

def zip_timestamp(published: str, source_date_epoch: str | None) -> tuple[int, int, int, int, int, int]:
    """SOURCE_DATE_EPOCH if set (reproducible-builds convention), else the publication date."""
    if source_date_epoch:
        try:
            epoch = buildinfo.parse_epoch(source_date_epoch)
        except buildinfo.BuildInfoError as exc:
            raise ValueError(str(exc)) from None
        moment = tuple(time.gmtime(epoch // 2 * 2)[:6])  # zip keeps even seconds only
    else:
        found = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", published or "")
        moment = (int(found[1]), int(found[2] or 1), int(found[3] or 1), 0, 0, 0) if found else EARLIEST_ZIP_TIME
    return max(moment, EARLIEST_ZIP_TIME)  # type: ignore[return-value]


def deterministic_zip(entries: Iterable[tuple[str, bytes]], when: tuple[int, ...]) -> bytes:
    """A zip whose bytes depend only on the entries: fixed order, time, permissions, compression."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries:
            identifiers.safe_relative(Path("/"), name)  # no absolute, "..", or odd member name (zip slip)
            info = zipfile.ZipInfo(name, date_time=when)  # type: ignore[arg-type]
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so that the permissions below are read
            info.external_attr = ZIP_MODE << 16
            archive.writestr(info, data, compresslevel=6)
    return buffer.getvalue()


def corpus_name(edition: Edition) -> str:
    return f"albazin-edition-{edition.version}"


def _readme(edition: Edition, members: list[Download], base_url: str) -> str:
    lines: list[str] = []
    for lang in LANGUAGES:
        lines += [f"# {edition.title.get(lang)}", "",
                  label(lang, "readme_intro", version=edition.version, date=edition.published), "",
                  label(lang, "readme_site", url=base_url if lang == "en" else f"{base_url}{lang}/",
                        downloads=f"{base_url}{pages.site_path(pages.DOWNLOADS_URI, lang)}"), "",
                  "## " + label(lang, "readme_contents"), ""]
        lines += [f"- `{m.path}` — {m.description[lang]} ({exact_size(m.size, lang)}, SHA-256 {m.sha256})"
                  for m in members]
        lines += ["", label(lang, "readme_validate"), "", label(lang, "readme_licence"), "", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _licence(edition: Edition) -> str:
    lines: list[str] = []
    for lang in LANGUAGES:
        lines += ["# " + label(lang, "licence"), "", edition.licence.get(lang)]
        if edition.licence_url:
            lines += ["", edition.licence_url]
        lines += ["", "## " + label(lang, "licence_by_file"), ""]
        lines += [f"- `{TEI_DIR}/{doc.file_name}`: {doc.licence.get(lang)}" for doc in edition.documents()]
        lines += [f"- `{TEI_DIR}/schema/`: " + label(lang, "desc_schema"), "", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def corpus_zip(edition: Edition, members: list[Download], base_url: str, when: tuple[int, ...]) -> Download:
    root = corpus_name(edition)
    entries = [(f"{root}/README.md", _readme(edition, members, base_url).encode("utf-8")),
               (f"{root}/LICENCE.md", _licence(edition).encode("utf-8")),
               *((f"{root}/{m.path}", m.data) for m in members)]
    return item(f"downloads/{root}.zip", deterministic_zip(entries, when), "corpus", "zip",
                lambda lang: label(lang, "desc_zip", version=edition.version))


# --- plain texts ---------------------------------------------------------------------------------

def _copy_text(text: TextDoc, tei_dir: Path) -> str | None:
    """The text's copy-text (a published file of sources/, as the corpus check has required)."""
    if not text.source.witness_file:
        return None
    name = text.source.witness_file.removeprefix(corpusfiles.WITNESS_PREFIX)
    path = identifiers.safe_join(tei_dir, corpusfiles.SOURCES, name)
    return read_bounded(path, MAX_PUBLISHED_BYTES).decode("utf-8")


def plain_text_path(doc: TextDoc, view: View) -> str:
    return f"{TEXT_DIR}/{doc.siglum}.{view}.txt"


# (a translation?, view, diplomatic identical to critical?) → the description of a plain-text file
_PLAIN_LABELS = {(False, "critical", False): N_("desc_plain_critical"),
                 (False, "diplomatic", False): N_("desc_plain_diplomatic"),
                 (False, "diplomatic", True): N_("desc_plain_diplomatic_same"),
                 (True, "critical", False): N_("desc_plain_translation_critical"),
                 (True, "diplomatic", False): N_("desc_plain_translation_diplomatic"),
                 (True, "diplomatic", True): N_("desc_plain_translation_diplomatic_same")}


def plain_texts(edition: Edition, tei_dir: Path) -> list[Download]:
    out = []
    for doc in edition.documents():
        copy_text = _copy_text(doc, tei_dir) if doc.translation_of is None else None
        files = {view: plaintext.text_file(doc, view, copy_text).encode("utf-8")
                 for view in ("critical", "diplomatic")}
        same = files["critical"] == files["diplomatic"]
        for view, data in files.items():
            key = _PLAIN_LABELS[doc.translation_of is not None, view, view == "diplomatic" and same]

            def describe(lang: str, key: str = key, doc: TextDoc = doc) -> str:
                return label(lang, key, siglum=doc.translation_of or doc.siglum,
                             language=language_name(lang, doc.lang))
            out.append(item(plain_text_path(doc, view), data, "plain-text", "txt", describe))
    return out


# --- data ----------------------------------------------------------------------------------------

def _absolute(base_url: str, uri: str, lang: str, fragment: str) -> str:
    return f"{base_url}{pages.site_path(uri, lang)}#{fragment}"


_ENTITY_LABELS = {"csv": N_("desc_entities_csv"), "json": N_("desc_entities_json")}


def data_files(edition: Edition, base_url: str) -> list[Download]:
    def figure_url(figure: Figure, lang: str) -> str:
        return _absolute(base_url, pages.text_page_uri(figure.siglum.lower()), lang, figure.xml_id)

    def entity_url(entity: Entity, lang: str) -> str:
        return _absolute(base_url, pages.index_page_uri(entity.kind), lang, entity.xml_id)

    out = []
    for kind, stem in ENTITY_FILES.items():
        rows = entitydata.records(edition, kind, entity_url)  # type: ignore[arg-type]
        for fmt, text in (("csv", entitydata.to_csv(edition, rows)), ("json", entitydata.to_json(edition, kind, rows))):
            out.append(item(f"{DATA_DIR}/{stem}.{fmt}", text.encode("utf-8"), "data", fmt,
                            lambda lang, kind=kind, fmt=fmt: label(lang, _ENTITY_LABELS[fmt],
                                                                   index=label(lang, INDEX_TITLES[kind]))))
    out.append(item(INDEX_JSONLD, linkeddata.document(edition, entity_url, base_url + INDEX_JSONLD,
                                                      base_url).encode("utf-8"), "data", "jsonld",
                    lambda lang: label(lang, "desc_entities_jsonld")))
    sections = concordance.of_edition(edition)
    rows = exports.records(edition, sections, figure_url)
    out.append(item(CONCORDANCE_DATA["csv"], exports.to_csv(rows).encode("utf-8"), "data", "csv",
                    lambda lang: label(lang, "desc_concordance_csv")))
    out.append(item(CONCORDANCE_DATA["json"], exports.to_json(edition, sections, rows).encode("utf-8"), "data",
                    "json", lambda lang: label(lang, "desc_concordance_json")))
    return out


def citation_files(edition: Edition, base_url: str) -> list[Download]:
    """BibTeX and RIS records of the edition and of each text, in each site language."""
    out = []
    for lang in LANGUAGES:
        imp = citation.imprint(edition, lang, base_url + pages.site_path("index.md", lang))
        for text in (None, *edition.texts):
            stem = citation_stem(text, lang)
            url = imp.url + pages.site_path(pages.text_page_uri(text.slug), "en") if text else imp.url
            what = text.short_title.get(lang) if text else label(lang, "cite_the_edition")

            def describe(site_lang: str, what: str = what, lang: str = lang) -> str:
                return label(site_lang, "desc_cite", what=what, language=language_name(site_lang, lang))
            out.append(item(f"{stem}.bib", citation.bibtex(imp, text, url).encode("utf-8"), "cite", "bib", describe))
            out.append(item(f"{stem}.ris", citation.ris(imp, text, url).encode("utf-8"), "cite", "ris", describe))
    return out


# --- all of it -----------------------------------------------------------------------------------

def sha256sums(items: Iterable[Download]) -> bytes:
    """The `sha256sum` format: hash, two spaces, path relative to the site's root; one per line."""
    return "".join(f"{d.sha256}  {d.path}\n" for d in items).encode("utf-8")


def build(edition: Edition, tei_dir: Path, base_url: str, when: tuple[int, ...]) -> tuple[Download, ...]:
    """Every download, in the page's order, SHA256SUMS last. Pure: same input, same bytes."""
    tei = tei_files(edition, tei_dir)
    sources = source_files(edition, tei_dir)
    items = [corpus_zip(edition, tei + sources, base_url, when), *tei, *plain_texts(edition, tei_dir),
             *data_files(edition, base_url), *citation_files(edition, base_url), *sources]
    return (*items, item(SUMS_PATH, sha256sums(items), "checksums", "sums", lambda lang: label(lang, "desc_sums")))


_cache: dict[tuple, tuple[Edition, tuple[Download, ...]]] = {}


def _fingerprint(tei_dir: Path) -> tuple:
    """Size and mtime of every published file: a copy-text or schema edit (which leaves the edition,
    cached by its TEI files, unchanged) must still refresh the downloads of a `mkdocs serve` session."""
    tei = []
    for path in corpusfiles.tei_files(tei_dir).files:
        info = path.lstat()
        tei.append((path.name, info.st_size, info.st_mtime_ns))
    return (*tei, *corpusfiles.fingerprint(tei_dir))


def of_build(edition: Edition, tei_dir: Path, base_url: str, when: tuple[int, ...]) -> tuple[Download, ...]:
    """`build`, once per edition and settings: both language builds and on_post_build share it."""
    key = (id(edition), str(tei_dir), base_url, when, _fingerprint(tei_dir))
    hit = _cache.get(key)
    if hit is None or hit[0] is not edition:
        _cache.clear()
        hit = _cache[key] = (edition, build(edition, tei_dir, base_url, when))
    return hit[1]


def write(site_dir: Path, items: Iterable[Download]) -> None:
    for d in items:  # the second language's build finds them written
        write_if_changed(identifiers.safe_relative(site_dir, d.path), d.data)  # never outside the site
