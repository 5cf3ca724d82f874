"""Synthetic corpora for the scaling benchmark: k copies of every real text and its translation.

Copy 1 of a text is the real file, unchanged (so the authority file, the commentary and edition.xml
keep pointing at real targets). Copies 2..k are the same TEI with a new siglum ("A7"), file name
("A7.xml", "A7-en.xml"), xml:ids ("A-p3" → "A7-p3") and pointers, so each copy has exactly the
real density of apparatus, names and figures, and every mention and figure count of the corpus is
k times the real one. The copy-texts (tei/sources/) are shared: a copy's witness is its original's.

    python -m bench.synthetic DEST --copies 10    # 30 texts + their translations
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from albazin.core.paths import tei_dir
from albazin.load import teiload
from albazin.load.rules import POINTER_ATTRIBUTES
from albazin.load.teiload import TEI_NS, XML_NS, tei
from albazin.model import transform

XML_ID = f"{{{XML_NS}}}id"


@dataclass(frozen=True)
class Family:
    """A real original and its translations: the files copied together."""
    siglum: str
    original: Path
    translations: tuple[Path, ...]


def families(source: Path) -> list[Family]:
    """The originals of the corpus, each with the translations that point at it."""
    originals: dict[str, tuple[str, Path]] = {}
    translations: dict[str, list[Path]] = {}
    for path in teiload.corpus_files(source):
        root = _parse(path)
        text = root.find(tei("text"))
        if text is None or text.get("type") in transform.EDITORIAL_TYPES:  # commentary, glossary, introduction
            continue
        if text.get("type") == "translation":
            translations.setdefault(text.get("corresp", ""), []).append(path)
        else:
            originals[path.name] = (root.get("n") or path.stem, path)
    return [Family(siglum, path, tuple(sorted(translations.get(name, []))))
            for name, (siglum, path) in sorted(originals.items())]


def _parse(path: Path) -> etree._Element:
    """A corpus file, parsed as safely as the build parses it."""
    loaded, problems = teiload.load(path)
    if loaded is None:
        raise ValueError("; ".join(map(str, problems)))
    return loaded.root


def copy_siglum(siglum: str, copy: int, copies: int) -> str:
    """The siglum of copy `copy` (1-based; copy 1 keeps the real siglum): "A", "A2", … "A10"."""
    return siglum if copy == 1 else f"{siglum}{copy:0{len(str(copies))}d}"


def _renamed(value: str, old: str, new: str) -> str:
    """An id or file stem of the family with its siglum prefix replaced ("A-en-p1" → "A7-en-p1")."""
    if value == old or value.startswith(old + "-"):
        return new + value[len(old):]
    return value


def _pointer(token: str, old: str, new: str, files: dict[str, str]) -> str:
    """A pointer token of a copy, rewritten: "A.xml#A-fig1" → "A7.xml#A7-fig1", "#A-l1" → "#A7-l1".
    Pointers to the shared files (authority, edition, bibliography) and URLs are kept."""
    file_name, hash_, fragment = token.partition("#")
    if file_name and file_name not in files:
        return token
    return files.get(file_name, file_name) + hash_ + (_renamed(fragment, old, new) if hash_ else "")


def _retitle(root: etree._Element, old: str, new: str) -> None:
    """Say which copy a text is in its titles ("Text A" → "Text A7"), so nav and headings differ."""
    word = re.compile(rf"(?<!\w){re.escape(old)}(?!\w)")
    for title in root.iterfind(f"{{{TEI_NS}}}teiHeader/{{{TEI_NS}}}fileDesc/{{{TEI_NS}}}titleStmt/{{{TEI_NS}}}title"):
        for el in title.iter():
            el.text = word.sub(new, el.text) if el.text else el.text
            if el is not title:
                el.tail = word.sub(new, el.tail) if el.tail else el.tail


def copy_file(path: Path, old: str, new: str, files: dict[str, str]) -> bytes:
    """The TEI of one file of a family, renamed for a copy. Text content is unchanged except the titles."""
    root = _parse(path)
    tree = root.getroottree()
    for el in root.iter(etree.Element):
        ident = el.get(XML_ID)
        if ident is not None:
            renamed = _renamed(ident, old, new)
            if renamed == ident:
                raise ValueError(f"{path.name}: xml:id {ident!r} does not start with the siglum {old!r}")
            el.set(XML_ID, renamed)
        for attr in POINTER_ATTRIBUTES:
            value = el.get(attr)
            if value is not None:
                el.set(attr, " ".join(_pointer(t, old, new, files) for t in value.split()))
    root.set("n", _renamed(root.get("n") or old, old, new))
    _retitle(root, old, new)
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8")


def generate(dest: Path, copies: int, source: Path | None = None, commentary: bool = True) -> list[str]:
    """Write a corpus of `copies` copies of every real text (with translations) into dest; return
    the sigla of the originals. Without `commentary`, the commentary file is left out (its checks
    then do not run; the bibliography goes with it, since every work must be cited)."""
    source = source or tei_dir()
    if copies < 1:
        raise ValueError("copies must be at least 1")
    dest.mkdir(parents=True, exist_ok=True)
    found = families(source)
    family_files = {p for f in found for p in (f.original, *f.translations)}
    for path in teiload.corpus_files(source):
        if path in family_files or (not commentary and _drop_without_commentary(path)):
            continue
        shutil.copyfile(path, dest / path.name)
    if (source / "sources").is_dir():
        shutil.copytree(source / "sources", dest / "sources", dirs_exist_ok=True)
    sigla = []
    for family in found:
        for copy in range(1, copies + 1):
            new = copy_siglum(family.siglum, copy, copies)
            sigla.append(new)
            members = (family.original, *family.translations)
            files = {p.name: _renamed(p.stem, family.siglum, new) + p.suffix for p in members}
            for path in members:
                target = dest / files[path.name]
                if copy == 1:
                    shutil.copyfile(path, target)
                else:
                    target.write_bytes(copy_file(path, family.siglum, new, files))
    return sorted(sigla)


def _drop_without_commentary(path: Path) -> bool:
    """The commentary, and the bibliography whose works only the commentary cites."""
    loaded, _ = teiload.load(path)
    return loaded is not None and (transform.is_commentary(loaded) or transform.is_bibliography(loaded))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dest", type=Path)
    parser.add_argument("--copies", type=int, required=True, help="copies of each real text (1 = the real corpus)")
    parser.add_argument("--no-commentary", action="store_true", help="leave out the commentary and bibliography")
    args = parser.parse_args(argv)
    sigla = generate(args.dest, args.copies, commentary=not args.no_commentary)
    print(f"{len(sigla)} texts written to {args.dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
