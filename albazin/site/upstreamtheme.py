"""Material's templates as overrides/ uses them: the source text of a block, the copies, the bundle.

overrides/main.html extends Material's base.html; where a block only adds to the theme's it calls
super(). Where the theme's markup itself must change, the override is a copy, and
overrides/.upstream.tsv records, for each copied block or partial, the SHA-256 of the upstream text
it was copied from. `changed_copies` names every copy whose upstream text is no longer that text
(an upgrade of Material changed it), so the copy is re-checked instead of silently going stale
(tests/site/test_overrides.py).

The name of Material's script bundle carries a content hash that changes with every release; the
scripts block reads it from the installed base.html (`bundle_path`, a Jinja global set in on_env).
"""

from __future__ import annotations

import csv
import functools
import hashlib
import re
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import jinja2
import material
from jinja2 import nodes

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
WHOLE_FILE = "-"  # the `block` of a record that copies a whole partial
BUNDLE_PREFIX = "assets/javascripts/bundle."

# Comments and raw sections are skipped (a block tag inside them is text); block and endblock tags
# with their whitespace control, optional `scoped`/`required` and endblock name.
_TAGS = re.compile(
    r"\{#.*?#\}"
    r"|\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\}"
    r"|\{%[-+]?\s*(?P<tag>block|endblock)\b(?P<args>.*?)[-+]?%\}",
    re.DOTALL,
)


class BlockError(ValueError):
    """A template whose block tags cannot be matched (or disagree with Jinja's parser)."""


@dataclass(frozen=True)
class BlockSpan:
    name: str
    start: int  # offset of the `{% block %}` tag
    end: int  # offset just past the matching `{% endblock %}` tag
    line: int
    depth: int  # 0: a top-level block; 1: inside another block; …


@dataclass(frozen=True)
class Record:
    """One line of overrides/.upstream.tsv."""

    override: str  # path under overrides/
    upstream: str  # path under Material's templates/
    block: str  # a block's name, or WHOLE_FILE
    material: str  # the Material version the copy was made from
    sha256: str  # of the upstream text (the block from its tag to its endblock tag, or the file)
    why: str


def block_spans(source: str, name: str = "<template>") -> list[BlockSpan]:
    """Every block of a template, in source order, cross-checked against Jinja's own parser."""
    stack: list[tuple[str, int, int]] = []
    spans: list[BlockSpan] = []
    for match in _TAGS.finditer(source):
        if match["tag"] is None:
            continue
        args = match["args"].split()
        line = source.count("\n", 0, match.start()) + 1
        if match["tag"] == "block":
            if not args:
                raise BlockError(f"{name}:{line}: a block without a name")
            stack.append((args[0], match.start(), line))
            continue
        if not stack:
            raise BlockError(f"{name}:{line}: endblock without a block")
        opened, start, opened_line = stack.pop()
        if args and args[0] != opened:
            raise BlockError(f"{name}:{line}: endblock {args[0]} closes block {opened} (line {opened_line})")
        spans.append(BlockSpan(opened, start, match.end(), opened_line, len(stack)))
    if stack:
        raise BlockError(f"{name}:{stack[-1][2]}: block {stack[-1][0]} is never closed")
    spans.sort(key=lambda span: span.start)
    parsed = [(block.name, block.lineno) for block in _parse(source, name).find_all(nodes.Block)]
    if sorted(parsed) != sorted((span.name, span.line) for span in spans):
        raise BlockError(f"{name}: the block tags found ({spans}) are not the parser's ({parsed})")
    return spans


def block_source(source: str, block: str, name: str = "<template>") -> str:
    """A block's source text, from its `{% block %}` tag to its `{% endblock %}` tag."""
    found = [span for span in block_spans(source, name) if span.name == block]
    if len(found) != 1:
        raise BlockError(f"{name}: {len(found)} blocks named {block!r}")
    return source[found[0].start:found[0].end]


def upstream_text(record: Record, templates: Path = MATERIAL_TEMPLATES) -> str:
    source = (templates / record.upstream).read_text(encoding="utf-8")
    return source if record.block == WHOLE_FILE else block_source(source, record.block, record.upstream)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def material_version() -> str:
    return version("mkdocs-material")


def read_records(path: Path) -> list[Record]:
    return read_records_text(path.read_text(encoding="utf-8"))


def read_records_text(text: str) -> list[Record]:
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return [Record(*row) for row in csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]


def record_line(record: Record, templates: Path = MATERIAL_TEMPLATES) -> str:
    """The record as it should read for the installed Material: what to write once the copy is re-checked."""
    current = (record.override, record.upstream, record.block, material_version(),
               digest(upstream_text(record, templates)), record.why)
    return "\t".join(current)


def changed_copies(records: list[Record], templates: Path = MATERIAL_TEMPLATES) -> list[str]:
    """A message for every record whose upstream text is no longer the one its copy was made from."""
    messages = []
    for record in records:
        if digest(upstream_text(record, templates)) == record.sha256:
            continue
        what = "the whole file" if record.block == WHOLE_FILE else f"block {record.block!r}"
        messages.append(
            f"overrides/{record.override} copies {what} of Material's {record.upstream}, which changed since "
            f"Material {record.material} (installed: {material_version()}). Compare the upstream text with the "
            f"copy, carry the change over, then record in overrides/.upstream.tsv:\n"
            f"{record_line(record, templates)}"
        )
    return messages


def calls_super(block: nodes.Block) -> bool:
    return any(isinstance(call.node, nodes.Name) and call.node.name == "super" for call in block.find_all(nodes.Call))


def extends(source: str, name: str = "<template>") -> bool:
    return any(True for _ in _parse(source, name).find_all(nodes.Extends))


def top_level_blocks(source: str, name: str = "<template>") -> dict[str, nodes.Block]:
    """The template's outermost blocks by name (inner blocks belong to the copy of their outer block)."""
    outer = {span.name for span in block_spans(source, name) if span.depth == 0}
    return {block.name: block for block in _parse(source, name).find_all(nodes.Block) if block.name in outer}


def bundle_path(templates: Path = MATERIAL_TEMPLATES) -> str:
    """The site path of Material's script bundle, as the installed base.html's scripts block names it."""
    try:
        info = (templates / "base.html").stat()
    except OSError as error:
        raise BlockError(f"Material's base.html cannot be read in {templates}: {error.strerror}") from None
    return _bundle_path(templates, info.st_mtime_ns, info.st_size)


@functools.lru_cache(maxsize=8)
def _bundle_path(templates: Path, _mtime_ns: int, _size: int) -> str:
    """Parsed once per installed base.html (each language's build asks; a changed file is parsed anew)."""
    source = (templates / "base.html").read_text(encoding="utf-8")
    scripts = [block for block in _parse(source, "base.html").find_all(nodes.Block) if block.name == "scripts"]
    names = {const.value for block in scripts for const in block.find_all(nodes.Const)
             if isinstance(const.value, str) and const.value.startswith(BUNDLE_PREFIX)}
    if len(names) != 1:
        raise BlockError(f"Material's base.html names {len(names)} script bundles in its scripts block: {names}")
    (name,) = names
    if not (templates / name).is_file():
        raise BlockError(f"Material's base.html names the script bundle {name}, which is not in {templates}")
    return name


def _parse(source: str, name: str) -> nodes.Template:
    try:
        return jinja2.Environment().parse(source, name=name)
    except jinja2.TemplateSyntaxError as error:
        raise BlockError(f"{name}:{error.lineno}: {error.message}") from error
