"""The edition's JavaScript modules: what each entry module imports, for <link rel="modulepreload">.

The edition's scripts are ES modules (docs/assets/js/edition/, one per feature) with one entry,
main.js, listed in mkdocs.yml with `type: module`. A browser finds a module's imports only once it
has fetched and parsed that module: without preloading, the features arrive a round trip after the
entry. The page's head names every module of the graph (overrides/main.html), found here by reading
the static `import … from "./x.js"` declarations, the only form the edition's modules use; a
specifier that is not a sibling path, or a module that is missing, is an error that names the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

# A static import or re-export with a relative specifier: import { a } from "./a.js"; export * from "./b.js".
_IMPORT = re.compile(r"""^\s*(?:import|export)\b[^;'"]*?\bfrom\s*["']([^"']+)["']|^\s*import\s*["']([^"']+)["']""",
                     re.MULTILINE)
_SIBLING = re.compile(r"\./[A-Za-z0-9_-]+\.js")


class ModuleError(Exception):
    """A module graph that cannot be preloaded (the message names the file and the specifier)."""


def imports(source: str) -> list[str]:
    """The specifiers a module's source imports from, in order."""
    return [m.group(1) or m.group(2) for m in _IMPORT.finditer(source)]


def graph(docs_dir: Path, entry: str) -> list[str]:
    """Every module `entry` (a docs-relative path) imports, directly or not, as docs-relative paths,
    depth first in import order; the entry itself is not among them."""
    seen: dict[str, None] = {}

    def visit(path: str) -> None:
        file = docs_dir / path
        try:
            source = file.read_text(encoding="utf-8")
        except OSError as error:
            raise ModuleError(f"{path}: error: cannot read the module ({error.strerror})") from None
        for specifier in imports(source):
            if not _SIBLING.fullmatch(specifier):
                raise ModuleError(f'{path}: error: import "{specifier}" is not a module beside it ("./name.js")')
            target = str(PurePosixPath(path).parent / specifier[2:])
            if target not in seen and target != entry:
                seen[target] = None
                visit(target)

    visit(entry)
    return list(seen)


def module_entries(extra_javascript: Iterable[object]) -> list[str]:
    """The docs-relative paths of mkdocs.yml's extra_javascript entries loaded as modules."""
    return [str(script) for script in extra_javascript if getattr(script, "type", None) == "module"]


def preloads(docs_dir: Path, extra_javascript: Iterable[object]) -> list[str]:
    """What the pages preload: every module the entry modules import, each once."""
    found: dict[str, None] = {}
    for entry in module_entries(extra_javascript):
        found.update(dict.fromkeys(graph(docs_dir, entry)))
    return list(found)
