"""The package's architecture: layers in pipeline order (pyproject.toml [tool.importlinter]), checked
with import-linter, and the one command line."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from albazin.core.paths import PROJECT_ROOT

LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
LAYERS = ("site", "render", "publish", "model", "load", "core")


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=root, capture_output=True, text=True, check=False)


def test_every_module_is_in_a_layer() -> None:
    package = PROJECT_ROOT / "albazin"
    stray = [p.name for p in package.glob("*.py") if p.name not in ("__init__.py", "__main__.py")]
    assert not stray, f"modules outside the layers: {stray}"
    assert sorted(p.name for p in package.iterdir() if p.is_dir() and p.name != "__pycache__") == sorted(LAYERS)


def test_imports_point_only_down_the_pipeline() -> None:
    result = lint_imports(PROJECT_ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_an_upward_import_breaks_the_contract(tmp_path: Path) -> None:
    shutil.copytree(PROJECT_ROOT / "albazin", tmp_path / "albazin", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PROJECT_ROOT / "pyproject.toml", tmp_path)
    paths = tmp_path / "albazin" / "core" / "paths.py"
    paths.write_text(paths.read_text(encoding="utf-8") + "\nfrom albazin.render import render  # noqa\n",
                     encoding="utf-8")
    result = lint_imports(tmp_path)
    assert result.returncode == 1
    assert "BROKEN" in result.stdout and "albazin.core.paths -> albazin.render.render" in result.stdout


def test_a_lower_layer_that_imports_mkdocs_breaks_the_contract(tmp_path: Path) -> None:
    shutil.copytree(PROJECT_ROOT / "albazin", tmp_path / "albazin", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PROJECT_ROOT / "pyproject.toml", tmp_path)
    render = tmp_path / "albazin" / "render" / "render.py"
    render.write_text(render.read_text(encoding="utf-8") + "\nimport mkdocs  # noqa\n", encoding="utf-8")
    result = lint_imports(tmp_path)
    assert result.returncode == 1 and "albazin.render.render -> mkdocs" in result.stdout


def test_the_command_line_names_its_subcommands() -> None:
    result = subprocess.run([sys.executable, "-m", "albazin"], cwd=PROJECT_ROOT, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 2
    for command in ("albazin build", "albazin check", "albazin anchors", "albazin release"):
        assert command in result.stderr


def test_the_check_command_validates_the_corpus() -> None:
    result = subprocess.run([sys.executable, "-m", "albazin", "check"], cwd=PROJECT_ROOT, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "TEI corpus valid: 0 errors." in result.stdout
