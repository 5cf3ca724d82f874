"""Safe loading of TEI files: no DTD, no entity expansion, no network, bounded size."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from albazin.core.diagnostics import Diagnostic
from albazin.core.safeio import MAX_TEI_BYTES, UnsafeFile, read_bounded

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
MAX_FILE_BYTES = MAX_TEI_BYTES  # the real texts are ~20 KB; anything this large is a mistake

# resolve_entities/no_network/load_dtd guard against XXE; huge_tree stays off (billion laughs).
_PARSER_OPTIONS = dict(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    dtd_validation=False,
    huge_tree=False,
    remove_comments=False,
    collect_ids=False,  # duplicate ids are the project rules' job, reported corpus-wide
)


@dataclass(frozen=True)
class TeiFile:
    path: Path
    sha256: str
    root: etree._Element


def tei(tag: str) -> str:
    return f"{{{TEI_NS}}}{tag}"


def xml_id(el: etree._Element) -> str | None:
    return el.get(f"{{{XML_NS}}}id")


def corpus_files(directory: Path) -> list[Path]:
    """Every TEI document of the corpus: the *.xml files directly in the directory that may be read
    (regular files with safe names; albazin/load/corpusfiles.py reports the others)."""
    from albazin.load.corpusfiles import tei_files

    return tei_files(directory).files


def load(path: Path) -> tuple[TeiFile | None, list[Diagnostic]]:
    """Parse one file; on failure return the diagnostics instead of raising."""
    try:
        # Never through a symbolic link, never from a pipe or device, never more than the limit.
        data = read_bounded(path, MAX_FILE_BYTES)
    except UnsafeFile as exc:
        return None, [Diagnostic.at(path, 0, exc.code, exc.message)]
    doctype_line = _doctype_line(data)
    if doctype_line:
        # Refused before parsing: no parser ever sees the DTD (external or parameter entities, billion laughs).
        return None, [_doctype(path, doctype_line)]
    parser = etree.XMLParser(**_PARSER_OPTIONS)
    try:
        root = etree.fromstring(data, parser=parser, base_url=None)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or (exc.position[0] if exc.position else 0)
        return None, [Diagnostic.at(path, line, "malformed-xml", f"not well-formed XML: {exc.msg}")]
    problems = _check_document_shape(path, root)
    if problems:
        return None, problems
    return TeiFile(path, hashlib.sha256(data).hexdigest(), root), []


# The prolog of a UTF-8 document up to its DOCTYPE, if it has one: XML declaration, comments,
# processing instructions and white space (XML 1.0 §2.8).
# Atomic and possessive: a processing instruction or comment ends at its first terminator. Without
# them, a file with no DOCTYPE made the lazy `.*?` retry up to the end of the file (about 2 ms per
# 50 kB, for every file of every build).
_PROLOG_DOCTYPE = re.compile(rb"(?:\xef\xbb\xbf)?(?>\s+|<\?.*?\?>|<!--.*?-->)*+<!DOCTYPE", re.DOTALL)


def _doctype_line(data: bytes) -> int | None:
    """The line of the document's DOCTYPE declaration, or None."""
    found = _PROLOG_DOCTYPE.match(data)
    return data.count(b"\n", 0, found.end()) + 1 if found else None


def _doctype(path: Path, line: int) -> Diagnostic:
    # A DTD can declare external entities (XXE); TEI P5 needs none, so refuse it outright.
    return Diagnostic.at(path, line, "doctype", "a DOCTYPE/DTD is not allowed in TEI files of this edition")


def _check_document_shape(path: Path, root: etree._Element) -> list[Diagnostic]:
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        return [_doctype(path, 1)]  # not found by the prolog scan (another encoding): refused all the same
    for el in root.iter(etree.Entity):
        return [Diagnostic.at(path, el.sourceline, "entity", f"entity reference &{el.name}; is not allowed")]
    if root.tag != tei("TEI"):
        name = etree.QName(root).localname
        return [Diagnostic.at(path, root.sourceline, "not-tei",
                              f"root element is <{name}>, expected TEI <TEI> in the TEI namespace")]
    return []
