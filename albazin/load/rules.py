"""The project's own rules, on top of TEI All.

- xml:id values are unique across the whole corpus;
- every pointer (@ref, @target, @corresp, @wit, @resp, @who, @ana, @source, @calendar, @datingMethod) resolves: to an id
  in the same file (#id), to another corpus file (B.xml, B.xml#id), or is an http(s) URL;
- xml:lang values are well-formed, registered BCP 47 tags;
- every division, paragraph, bibliography item and note of a text body has an xml:id (the
  citable units whose ids are also HTML anchors);
- every text states the same edition version as edition.xml;
- identifiers that become paths and keys are safe (albazin/core/identifiers.py): each text's siglum
  (TEI/@n), unique across the corpus even ignoring case, and the edition version;
- an apparatus note's @cert is high, medium or low (the page states it in words).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import langcodes
from lxml import etree

from albazin.core import identifiers
from albazin.core.diagnostics import Diagnostic
from albazin.load.teiload import TEI_NS, XML_NS, TeiFile, tei, xml_id

POINTER_ATTRIBUTES = ("ref", "target", "corresp", "wit", "resp", "who", "ana", "source", "calendar", "datingMethod")
EXTERNAL_SCHEMES = ("http", "https")
CITABLE = (tei("div"), tei("p"), tei("note"), tei("listBibl"), tei("bibl"))
EDITION_FILE = "edition.xml"
# BCP 47 shape (RFC 5646 §2.1, without grandfathered tags); langcodes then checks the registry.
_BCP47 = re.compile(
    r"^(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?"
    r"(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*(?:-[a-wyz\d](?:-[a-z\d]{2,8})+)*(?:-x(?:-[a-z\d]{1,8})+)?$"
    r"|^x(?:-[a-z\d]{1,8})+$",
    re.IGNORECASE,
)


def check(files: list[TeiFile], unloaded: frozenset[str] = frozenset()) -> list[Diagnostic]:
    """Every problem of the loaded files; `unloaded` names corpus files that failed to load (pointers
    into them cannot be checked and are not reported: the file's own error is)."""
    ids = _collect_ids(files)
    diagnostics = ids.diagnostics
    by_name = {f.path.name: f for f in files}
    for f in files:
        diagnostics += _check_pointers(f, by_name, ids.owner, unloaded)
        diagnostics += _check_languages(f)
        diagnostics += _check_citable_ids(f)
        diagnostics += _check_apparatus_cert(f)
    diagnostics += _check_versions(files, by_name)
    diagnostics += _check_sigla(files)
    return diagnostics


class _Ids:
    def __init__(self) -> None:
        self.owner: dict[str, tuple[Path, int]] = {}
        self.diagnostics: list[Diagnostic] = []


def _collect_ids(files: list[TeiFile]) -> _Ids:
    ids = _Ids()
    for f in files:
        for el in f.root.iter(etree.Element):
            value = xml_id(el)
            if value is None:
                continue
            if value in ids.owner:
                first_path, first_line = ids.owner[value]
                ids.diagnostics.append(Diagnostic.at(
                    f.path, el.sourceline, "duplicate-id",
                    f'duplicate xml:id "{value}" (first defined at {first_path.name}:{first_line})',
                ))
            else:
                ids.owner[value] = (f.path, el.sourceline)
    return ids


def _check_pointers(f: TeiFile, by_name: dict[str, TeiFile], owner: dict[str, tuple[Path, int]],
                    unloaded: frozenset[str]) -> list[Diagnostic]:
    found = []
    for el in f.root.iter(etree.Element):
        for attr in POINTER_ATTRIBUTES:
            value = el.get(attr)
            if value is None:
                continue
            for pointer in value.split():
                problem = _pointer_problem(pointer, f, by_name, owner, unloaded)
                if problem:
                    found.append(Diagnostic.at(f.path, el.sourceline, "dangling-pointer",
                                               f'@{attr}="{pointer}" on <{etree.QName(el).localname}> {problem}'))
    return found


def _pointer_problem(pointer: str, f: TeiFile, by_name: dict[str, TeiFile],
                     owner: dict[str, tuple[Path, int]], unloaded: frozenset[str]) -> str | None:
    try:
        parts = urlsplit(pointer)
    except ValueError as exc:  # e.g. "http://[::1" (an unclosed IPv6 host)
        return f"is not a valid URL ({exc})"
    if parts.scheme:
        if parts.scheme.lower() in EXTERNAL_SCHEMES and parts.netloc:
            return None
        return f'uses the URL scheme "{parts.scheme}:", which is not allowed (only http/https or corpus pointers)'
    if parts.netloc or parts.query:
        return "is not a corpus pointer (file.xml#id or #id)"
    document = parts.path or f.path.name
    if document in unloaded:
        return None
    if document not in by_name:
        return f'points to "{document}", which is not a file of the corpus'
    if not parts.fragment:
        return None
    target = owner.get(parts.fragment)
    if target is None:
        return f'points to "#{parts.fragment}", which no xml:id defines'
    if target[0].name != document:
        return f'points to "#{parts.fragment}" in {document}, but that id is defined in {target[0].name}'
    return None


def _check_languages(f: TeiFile) -> list[Diagnostic]:
    found = []
    for el in f.root.iter(etree.Element):
        for attr, value in _language_values(el):
            if not (_BCP47.match(value) and langcodes.tag_is_valid(value)):
                found.append(Diagnostic.at(f.path, el.sourceline, "bad-language",
                                           f'{attr}="{value}" is not a valid BCP 47 language tag'))
    return found


def _language_values(el: etree._Element):
    lang = el.get(f"{{{XML_NS}}}lang")
    if lang is not None:
        yield "xml:lang", lang
    if el.tag == tei("language") and el.get("ident") is not None:
        yield "ident", el.get("ident")
    if el.tag == tei("textLang") and el.get("mainLang") is not None:
        yield "mainLang", el.get("mainLang")


def _check_citable_ids(f: TeiFile) -> list[Diagnostic]:
    found = []
    for body in f.root.iter(tei("body")):
        for el in body.iter(*CITABLE):
            if xml_id(el) is None and _needs_id(el):
                name = etree.QName(el).localname
                message = f"<{name}> in the text body has no xml:id (citable units need stable anchors)"
                found.append(Diagnostic.at(f.path, el.sourceline, "missing-id", message))
    return found


def _needs_id(el: etree._Element) -> bool:
    # Paragraphs inside a note are its language versions, not citable units of their own;
    # bibl only counts as an item of a listBibl.
    if el.tag == tei("p") and any(a.tag == tei("note") for a in el.iterancestors()):
        return False
    return not (el.tag == tei("bibl") and el.getparent().tag != tei("listBibl"))


def _edition_version(f: TeiFile) -> tuple[str | None, int]:
    for el in f.root.iterfind(f".//{{{TEI_NS}}}editionStmt/{{{TEI_NS}}}edition"):
        return el.get("n"), el.sourceline
    return None, f.root.sourceline


def _version_problems(f: TeiFile) -> list[Diagnostic]:
    version, line = _edition_version(f)
    problem = identifiers.version_problem(version or "") if version is not None else None
    return [Diagnostic.at(f.path, line, "bad-identifier", f'edition version "{identifiers.shown(version)}" '
                          f"(editionStmt/edition/@n) {problem}")] if problem else []


def _check_versions(files: list[TeiFile], by_name: dict[str, TeiFile]) -> list[Diagnostic]:
    edition = by_name.get(EDITION_FILE)
    if edition is None:  # the texts' own versions are used then (transform.edition): each must be safe
        return [d for f in files for d in _version_problems(f)]
    expected, _ = _edition_version(edition)
    found = _version_problems(edition)
    for f in files:
        version, line = _edition_version(f)
        if version != expected:
            found.append(Diagnostic.at(f.path, line, "version-mismatch",
                                       f'edition version "{version}" differs from "{expected}" in {EDITION_FILE}'))
    return found


# --- identifiers that become paths and keys --------------------------------------------------------

APPARATUS_CERT = ("high", "medium", "low")


def text_siglum(f: TeiFile) -> tuple[str, str]:
    """A text's siglum and where it comes from: TEI/@n, else the root's xml:id, else the file name."""
    if f.root.get("n"):
        return f.root.get("n"), "TEI/@n"
    if xml_id(f.root):
        return xml_id(f.root), "TEI/@xml:id"
    return f.path.stem, "the file name"


def _has_siglum(f: TeiFile) -> bool:
    # As transform.is_text: an original or a translation (the commentary is a <text> too).
    text = f.root.find(tei("text"))
    return text is not None and text.get("type") != "commentary"


def _check_sigla(files: list[TeiFile]) -> list[Diagnostic]:
    found = []
    texts = [f for f in files if _has_siglum(f)]
    owner: dict[str, TeiFile] = {}
    for f in texts:
        siglum, source = text_siglum(f)
        where = f'siglum "{identifiers.shown(siglum)}" ({source})'
        problem = identifiers.siglum_problem(siglum)
        if problem:
            found.append(Diagnostic.at(f.path, f.root.sourceline, "bad-identifier", f"{where} {problem}"))
            continue
        first = owner.setdefault(siglum.casefold(), f)
        if first is not f:
            other = text_siglum(first)[0]
            clash = ("is already the siglum of" if other == siglum
                     else f'differs only in case from "{other}", the siglum of')
            found.append(Diagnostic.at(f.path, f.root.sourceline, "duplicate-siglum",
                                       f"{where} {clash} {first.path.name} (their pages and files would be one)"))
    return found


def _check_apparatus_cert(f: TeiFile) -> list[Diagnostic]:
    found = []
    for note in f.root.iter(tei("note")):
        cert = note.get("cert")
        if note.get("type") == "apparatus" and cert is not None and cert not in APPARATUS_CERT:
            found.append(Diagnostic.at(f.path, note.sourceline, "bad-cert",
                                       f'@cert="{cert}" on the apparatus note {xml_id(note) or ""} must be high, '
                                       "medium or low (the apparatus states the editors' certainty in words)"))
    return found
