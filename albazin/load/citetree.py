"""Citation trees: each text's `refsDecl/citeStructure`, evaluated into its citable units.

The TEI Guidelines (§16.2.5.4 "Citation Structures", SACRCS; the citeStructure element spec) define
the declaration: every <citeStructure> names a unit (@unit), selects its nodes (@match, an XPath
pattern: absolute on the outer structure, relative to the parent's node on the inner ones) and says
what identifies each (@use); the reference of an inner unit is its parent's reference, then the
inner @delim, then its own @use value ("Matt" + " " + "5" + ":" + "7"). Unprefixed element names are
TEI names (the TEI pointer convention, SATS). DTS 1.0 (Navigation endpoint, "CitableUnit") takes
these references as the `identifier`s of a Resource's CitableUnits, the nesting depth as `level`
and the parent's reference as `parent` (null at level 1).

Supported, and checked at every build (anything else is reported, never guessed at):
  @match  element paths: names or *, / and //, unions (|), predicates [@a], [@a='v'], [n]
  @use    @attribute (e.g. @xml:id, @n) or position()
Problems stop the build like any other TEI error: a structure that selects nothing, a unit whose
@use gives no reference, two units with one reference, a reference that cannot name a file of the
static DTS tree (see `path_segment`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from albazin.core.diagnostics import Diagnostic
from albazin.load.teiload import TEI_NS, TeiFile, tei, xml_id

NS = {"tei": TEI_NS}
MAX_DEPTH = 8  # nesting of citeStructure elements: deeper is an error, not recursion without end
MAX_REF_LENGTH = 200


# --- ids and references that become file names -------------------------------------------------

# One small function, so that a central validator can replace it. A reference is a directory name
# of the static DTS tree (dts/navigation/A/<ref>/index.json): ASCII letters, digits, "_", "-", "."
# and, as delimiters, the space, "," and ":" (the Guidelines' "Matt 5:7"; a Windows file system
# cannot hold ":", a POSIX one and every URL can), starting and ending with a letter, digit or "_";
# never "..", nor a name the tree uses for its own files.
_SEGMENT = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.,: -]*[A-Za-z0-9_])?")
RESERVED_SEGMENTS = frozenset({"index.json", "index.xml", "children", "parents"})


def path_segment(value: str) -> str:
    """`value` if it is safe as one path segment of the DTS tree; ValueError (saying why) if not."""
    if len(value) > MAX_REF_LENGTH:
        raise ValueError(f"is longer than {MAX_REF_LENGTH} characters")
    if not _SEGMENT.fullmatch(value) or ".." in value:
        raise ValueError("may hold only ASCII letters, digits, '_', '-', '.', ',', ':' and spaces, and must start "
                         "and end with a letter, digit or '_'")
    if value in RESERVED_SEGMENTS:
        raise ValueError("is a name the DTS tree uses for its own files")
    return value


# --- the model --------------------------------------------------------------------------------

@dataclass(frozen=True)
class CiteLevel:
    """One declared <citeStructure>: DTS `CiteStructure` (citeType and the structures below it)."""
    cite_type: str
    children: tuple[CiteLevel, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class CitableUnit:
    """DTS `CitableUnit`: a node the citation structure selects, with its reference."""
    ref: str
    level: int
    parent: str | None
    cite_type: str
    xml_id: str | None  # the element's xml:id (its anchor on the site), if it has one
    xpath: str  # where the element is in its file, as a TEI XPath ("/TEI/text[1]/body[1]/div[2]")
    line: int


@dataclass(frozen=True)
class CitationTree:
    """The citation tree of one text or translation (one DTS Resource, its default CitationTree)."""
    resource: str  # the TEI's xml:id: the DTS Resource identifier
    file_name: str
    structure: tuple[CiteLevel, ...]
    units: tuple[CitableUnit, ...]  # in document order (DTS: pre-order, depth first)
    by_ref: dict[str, CitableUnit] = field(default_factory=dict, compare=False, repr=False)
    by_id: dict[str, CitableUnit] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self.by_ref.update({u.ref: u for u in self.units})
        self.by_id.update({u.xml_id: u for u in self.units if u.xml_id})

    @property
    def depth(self) -> int:
        return max((u.level for u in self.units), default=0)

    def children(self, ref: str | None) -> list[CitableUnit]:
        return [u for u in self.units if u.parent == ref]

    def subtree(self, ref: str | None, down: int) -> list[CitableUnit]:
        """Units below `ref` (the root if None) down to `down` levels (-1: all), in document order."""
        start = 0 if ref is None else self.by_ref[ref].level
        inside = self.descendants(ref)
        return [u for u in inside if down < 0 or u.level - start <= down]

    def descendants(self, ref: str | None) -> list[CitableUnit]:
        if ref is None:
            return list(self.units)
        found, below = [], {ref}
        for unit in self.units:
            if unit.parent in below:
                found.append(unit)
                below.add(unit.ref)
        return found


# --- the XPath subset of @match and @use --------------------------------------------------------

_NAME = r"(?:xml:)?[A-Za-z_][\w.-]*"
_TOKEN = re.compile(rf"""\s*(?:(?P<sep>//|/|\|)|(?P<name>{_NAME}|\*)|(?P<pred>\[\s*(?:@(?P<attr>{_NAME})
                     (?:\s*=\s*(?P<lit>'[^']*'|"[^"]*"))?|(?P<pos>[1-9][0-9]{{0,5}}))\s*\]))""", re.VERBOSE)


class UnsupportedXPath(ValueError):
    pass


def match_xpath(pattern: str) -> str:
    """A TEI @match (unprefixed names are TEI names) as an lxml XPath with the tei: prefix."""
    out, pos, expect_step = [], 0, True
    text = pattern.strip()
    if not text:
        raise UnsupportedXPath("is empty")
    while pos < len(text):
        token = _TOKEN.match(text, pos)
        if token is None or token.end() == pos:
            raise UnsupportedXPath(f'cannot be read at "{text[pos:pos + 20]}"')
        pos = token.end()
        if token["sep"]:
            if token["sep"] == "|" and expect_step:
                raise UnsupportedXPath("has an empty path before |")
            if token["sep"] != "|" and expect_step and out and out[-1] != "|":
                raise UnsupportedXPath("has an empty step")
            out.append(token["sep"])
            expect_step = True
        elif token["name"]:
            if not expect_step:
                raise UnsupportedXPath(f'has "{token["name"]}" where / or | was expected')
            name = token["name"]
            out.append(name if name == "*" else f"tei:{name}")
            expect_step = False
        else:
            if expect_step:
                raise UnsupportedXPath("has a predicate without a step")
            attr, literal, number = token["attr"], token["lit"], token["pos"]
            out.append(f"[@{attr}={literal}]" if literal else f"[@{attr}]" if attr else f"[{number}]")
    if expect_step:
        raise UnsupportedXPath("ends without a step")
    return "".join(out)


def is_absolute(pattern: str) -> bool:
    return all(part.strip().startswith("/") for part in pattern.split("|"))


def is_relative(pattern: str) -> bool:
    return not any(part.strip().startswith("/") for part in pattern.split("|"))


_USE = re.compile(rf"\s*(?:@(?P<attr>{_NAME})|(?P<position>position\(\s*\)))\s*")


def use_attribute(use: str) -> str | None:
    """The attribute a @use names (Clark notation for xml:*), None for position(); ValueError otherwise."""
    found = _USE.fullmatch(use)
    if found is None:
        raise UnsupportedXPath("is neither @attribute nor position()")
    attr = found["attr"]
    if attr is None:
        return None
    return "{http://www.w3.org/XML/1998/namespace}" + attr[4:] if attr.startswith("xml:") else attr


def tei_path(el: etree._Element) -> str:
    """The element's position as a TEI XPath: /TEI/text[1]/body[1]/div[2]/p[1]."""
    steps = []
    node = el
    while node is not None:
        name = etree.QName(node).localname
        parent = node.getparent()
        if parent is None:
            steps.append(name)
        else:
            same = [s for s in parent if s.tag == node.tag]
            steps.append(f"{name}[{same.index(node) + 1}]")
        node = parent
    return "/" + "/".join(reversed(steps))


# --- evaluation -------------------------------------------------------------------------------

@dataclass
class _Declared:
    """A <citeStructure> read and checked: its XPath, how it identifies nodes, its children."""
    el: etree._Element
    unit: str
    xpath: str
    use_attr: str | None  # None: position()
    delim: str
    children: list[_Declared]

    def level(self) -> CiteLevel:
        return CiteLevel(self.unit, tuple(c.level() for c in self.children), self.el.sourceline or 0)


class _Reader:
    def __init__(self, f: TeiFile):
        self.f = f
        self.problems: list[Diagnostic] = []

    def problem(self, el: etree._Element, code: str, message: str) -> None:
        self.problems.append(Diagnostic.at(self.f.path, el.sourceline, code, message))

    def declared(self, el: etree._Element, depth: int) -> _Declared | None:
        """One <citeStructure> and those inside it, or None if it cannot be used (reported)."""
        where = f'<citeStructure unit="{el.get("unit", "")}">'
        if depth > MAX_DEPTH:
            self.problem(el, "cite-structure", f"{where} is nested more than {MAX_DEPTH} levels deep")
            return None
        usable = True
        unit = (el.get("unit") or "").strip()
        if not unit:
            self.problem(el, "cite-structure", "<citeStructure> has no @unit: DTS needs a citeType for every level")
            usable = False
        match = el.get("match", "")
        try:
            xpath = match_xpath(match)
        except UnsupportedXPath as exc:
            self.problem(el, "cite-structure", f'{where}: @match="{match}" {exc} (supported: element paths with / '
                                               "// | * and the predicates [@a], [@a='v'], [n])")
            xpath, usable = "", False
        else:
            if depth == 1 and not is_absolute(match):
                self.problem(el, "cite-structure", f'{where}: @match="{match}" on the outer citeStructure must be '
                                                   "an absolute path (starting with /)")
                usable = False
            if depth > 1 and not is_relative(match):
                self.problem(el, "cite-structure", f'{where}: @match="{match}" on an inner citeStructure must be '
                                                   "relative to its parent's match (not starting with /)")
                usable = False
        use = el.get("use", "")
        try:
            use_attr = use_attribute(use)
        except UnsupportedXPath as exc:
            self.problem(el, "cite-structure", f'{where}: @use="{use}" {exc}')
            use_attr, usable = None, False
        delim = el.get("delim")
        if depth > 1 and not delim:
            self.problem(el, "cite-structure", f"{where} is inside another citeStructure but has no @delim")
            usable = False
        for child in el:
            if isinstance(child.tag, str) and child.tag == tei("citeData"):
                self.problem(child, "cite-structure", "<citeData> is not supported by this edition's DTS export")
                usable = False
        children = [self.declared(c, depth + 1) for c in el.iterchildren(tei("citeStructure"))]
        if not usable or None in children:
            return None
        return _Declared(el, unit, xpath, use_attr, delim or "", [c for c in children if c is not None])

    def structure(self) -> list[_Declared] | None:
        root = self.f.root
        decls = root.findall(f"{tei('teiHeader')}/{tei('encodingDesc')}/{tei('refsDecl')}")
        with_structure = [d for d in decls if d.find(tei("citeStructure")) is not None]
        if not with_structure:
            self.problem(root, "cite-structure", "no refsDecl/citeStructure in the TEI header: the text's units "
                                                 "have no DTS references")
            return None
        if len(with_structure) > 1:
            self.problem(with_structure[1], "cite-structure",
                         "more than one refsDecl with a citeStructure: only one citation tree is supported")
            return None
        found = [self.declared(el, 1) for el in with_structure[0].iterchildren(tei("citeStructure"))]
        return None if None in found else found  # type: ignore[return-value]


def _units(reader: _Reader, decls: list[_Declared]) -> list[tuple[CitableUnit, etree._Element]]:
    """Every unit in document order, with its element; problems go to the reader."""
    root = reader.f.root
    order = {el: i for i, el in enumerate(root.iter())}
    selected: dict[int, int] = {}  # id(citeStructure element) → how many nodes it selected, anywhere
    evaluated: set[int] = set()  # the citeStructures evaluated in at least one context
    seen: dict[etree._Element, _Declared] = {}  # unit element → the citeStructure that took it
    out: list[tuple[CitableUnit, etree._Element]] = []
    by_ref: dict[str, etree._Element] = {}

    def visit(context: etree._Element, parent: CitableUnit | None, structures: list[_Declared], level: int) -> None:
        found: list[tuple[int, _Declared, etree._Element, int]] = []
        for decl in structures:
            nodes = context.xpath(decl.xpath, namespaces=NS)
            elements = [n for n in nodes if isinstance(n, etree._Element) and isinstance(n.tag, str)]
            selected[id(decl.el)] = selected.get(id(decl.el), 0) + len(elements)
            evaluated.add(id(decl.el))
            found += [(order[n], decl, n, i + 1) for i, n in enumerate(elements)]
        for _, decl, node, position in sorted(found, key=lambda t: t[0]):
            unit = _unit(reader, decl, node, position, parent, level, seen, by_ref)
            if unit is None:
                continue
            out.append((unit, node))
            visit(node, unit, decl.children, level + 1)

    visit(root, None, decls, 1)
    # A structure never evaluated (inside one that selected nothing usable) is not reported: it follows.
    for decl in _all(decls):
        if id(decl.el) in evaluated and not selected.get(id(decl.el)):
            match = decl.el.get("match")
            reader.problem(decl.el, "cite-no-match", f'<citeStructure unit="{decl.unit}"> @match="{match}" selects '
                                                     f"nothing in {reader.f.path.name}")
    return out


def _unit(reader: _Reader, decl: _Declared, node: etree._Element, position: int, parent: CitableUnit | None,
          level: int, seen: dict, by_ref: dict[str, etree._Element]) -> CitableUnit | None:
    name = _describe(node)
    structure_line = decl.el.sourceline
    if node in seen:
        first = seen[node]
        reader.problem(node, "cite-duplicate-ref", f'{name} is selected twice: by <citeStructure unit="{first.unit}"> '
                                                   f'(line {first.el.sourceline}) and by <citeStructure '
                                                   f'unit="{decl.unit}"> (line {structure_line})')
        return None
    seen[node] = decl
    value = str(position) if decl.use_attr is None else (node.get(decl.use_attr) or "").strip()
    if not value:
        use = decl.el.get("use", "").strip()
        reader.problem(node, "cite-no-ref", f'{name} selected by <citeStructure unit="{decl.unit}"> (line '
                                            f'{structure_line}) has no reference: @use="{use}" gives nothing')
        return None
    ref = value if parent is None else f"{parent.ref}{decl.delim}{value}"
    try:
        path_segment(ref)
    except ValueError as exc:
        reader.problem(node, "cite-bad-ref", f'the reference "{ref}" of {name} {exc} (it names a file of the '
                                             "DTS tree)")
        return None
    if ref in by_ref:
        reader.problem(node, "cite-duplicate-ref", f'the reference "{ref}" of {name} is not unique: '
                                                   f"{_describe(by_ref[ref])} at line {by_ref[ref].sourceline} "
                                                   "has it too")
        return None
    by_ref[ref] = node
    return CitableUnit(ref, level, parent.ref if parent else None, decl.unit, xml_id(node), tei_path(node),
                       node.sourceline or 0)


def _describe(node: etree._Element) -> str:
    """<p xml:id="A-p2">, or <head> for an element without an id."""
    name, found = etree.QName(node).localname, xml_id(node)
    return f'<{name} xml:id="{found}">' if found else f"<{name}>"


def _all(decls: list[_Declared]) -> Iterator[_Declared]:
    for decl in decls:
        yield decl
        yield from _all(decl.children)


def evaluate(f: TeiFile) -> tuple[CitationTree | None, list[tuple[CitableUnit, etree._Element]], list[Diagnostic]]:
    """The file's citation tree, its units with their elements, and every problem found."""
    reader = _Reader(f)
    resource = xml_id(f.root) or ""
    try:
        path_segment(resource)
    except ValueError as exc:
        reader.problem(f.root, "cite-bad-ref", f'the xml:id "{resource}" of <TEI> names the DTS resource and {exc}')
    decls = reader.structure()
    if decls is None:
        return None, [], reader.problems
    pairs = _units(reader, decls)
    if reader.problems:
        return None, [], reader.problems
    tree = CitationTree(resource, f.path.name, tuple(d.level() for d in decls), tuple(u for u, _ in pairs))
    return tree, pairs, []


def of_corpus(files: list[TeiFile], text_files: set[str]) -> tuple[tuple[CitationTree, ...], list[Diagnostic]]:
    """The citation trees of the texts and translations (by file name), in corpus order."""
    trees, problems = [], []
    for f in files:
        if f.path.name in text_files:
            tree, _, found = evaluate(f)
            problems += found
            if tree is not None:
                trees.append(tree)
    return tuple(trees), problems
