"""The edition's CSS and JavaScript files: one stylesheet per kind of page (base.css first), one ES
module per feature, every module reached from the entry, and what jsmodules reads of them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from albazin.site import jsmodules

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
CSS = DOCS / "assets" / "css"
MODULES = DOCS / "assets" / "js" / "edition"
ENTRY = "assets/js/edition/main.js"


class _Loader(yaml.SafeLoader):
    """mkdocs.yml with its !ENV and !!python tags read as plain values."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@pytest.fixture(scope="module")
def config() -> dict:
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)


def test_every_stylesheet_is_listed_once_base_first(config: dict) -> None:
    listed = config["extra_css"]
    assert listed[0] == "assets/css/base.css"
    assert len(listed) == len(set(listed))
    assert sorted(listed) == sorted(f"assets/css/{p.name}" for p in CSS.glob("*.css"))


def _blocks(css: str) -> list[tuple[str, int]]:
    """Every block's prelude and its depth (0: top level), comments and strings taken out."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(r'"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'', '""', css)
    found, stack, start = [], [], 0
    for i, char in enumerate(css):
        if char == "{":
            prelude = css[start:i].strip().rsplit(";", 1)[-1].strip()
            found.append((prelude, len(stack)))
            stack.append(prelude)
            start = i + 1
        elif char in ";}":
            if char == "}":
                assert stack, f"a '}}' closes nothing at offset {i}"
                stack.pop()
            start = i + 1
    assert not stack, f"unclosed block: {stack[-1]!r}"
    return found


@pytest.mark.parametrize("sheet", sorted(p.name for p in CSS.glob("*.css")))
def test_stylesheets_are_balanced_and_not_nested(sheet: str) -> None:
    """A missing '}' is not an error in today's CSS: the rules after it become nested rules of the
    unclosed one (this happened once, while edition.css was split). The edition writes no nested rules,
    so a style rule inside a style rule is that mistake."""
    stack: list[str] = []
    for prelude, depth in _blocks((CSS / sheet).read_text(encoding="utf-8")):
        del stack[depth:]
        assert all(p.startswith("@") for p in stack), f"{sheet}: {prelude!r} is nested inside {stack[-1]!r}"
        stack.append(prelude)


def test_the_entry_is_a_module_and_the_only_script(config: dict) -> None:
    scripts = config["extra_javascript"]
    modules = [s for s in scripts if isinstance(s, dict) and s.get("type") == "module"]
    assert [m["path"] for m in modules] == [ENTRY]


def test_every_module_is_reached_from_the_entry() -> None:
    reached = set(jsmodules.graph(DOCS, ENTRY)) | {ENTRY}
    on_disk = {f"assets/js/edition/{p.name}" for p in MODULES.glob("*.js")}
    assert on_disk - reached == set(), "modules nothing imports"
    assert reached == on_disk
    assert len(on_disk) >= 8  # one module per feature, not one file


def test_modules_are_small() -> None:
    """One feature per module: the largest (the cite dialog) is under 250 lines."""
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in MODULES.glob("*.js")}
    assert max(sizes.values()) < 250, sizes


def test_imports_are_read_in_order() -> None:
    source = ('import { a } from "./a.js";\nimport {\n  b,\n  c,\n} from \'./b.js\';\nimport "./side.js";\n'
              'export { d } from "./d.js";\n// import { x } from "./commented.js" is still a line of text\n'
              'const s = "from ./nowhere";\n')
    assert jsmodules.imports(source)[:4] == ["./a.js", "./b.js", "./side.js", "./d.js"]


def _modules(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "assets" / "js" / "edition"
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_graph_is_depth_first_each_module_once(tmp_path: Path) -> None:
    docs = _modules(tmp_path, {"main.js": 'import "./a.js";\nimport "./b.js";\n', "a.js": 'import "./c.js";\n',
                               "b.js": 'import "./c.js";\nimport "./main.js";\n', "c.js": ""})
    assert jsmodules.graph(docs, "assets/js/edition/main.js") == [
        "assets/js/edition/a.js", "assets/js/edition/c.js", "assets/js/edition/b.js"]


@pytest.mark.parametrize(("source", "message"), [
    ('import { a } from "../../../../etc/passwd.js";\n', 'import "../../../../etc/passwd.js" is not a module beside it'),
    ('import { a } from "lib/a.js";\n', 'import "lib/a.js" is not a module beside it'),
    ('import { a } from "./missing.js";\n', "assets/js/edition/missing.js: error: cannot read the module"),
])
def test_a_bad_import_is_an_error_naming_the_file(tmp_path: Path, source: str, message: str) -> None:
    docs = _modules(tmp_path, {"main.js": source})
    with pytest.raises(jsmodules.ModuleError, match=re.escape(message)):
        jsmodules.graph(docs, "assets/js/edition/main.js")


def test_preloads_come_from_module_entries_only() -> None:
    class Script:
        def __init__(self, path: str, type: str = "") -> None:
            self.path, self.type = path, type

        def __str__(self) -> str:
            return self.path

    preloads = jsmodules.preloads(DOCS, [Script("assets/js/search.js"), Script(ENTRY, "module")])
    assert preloads == jsmodules.graph(DOCS, ENTRY)
    assert ENTRY not in preloads
