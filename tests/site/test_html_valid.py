"""Markup: every built HTML page validates with the Nu HTML checker (npm vnu-jar, the machine's Java).

The checker runs once over the whole site (one JVM: it is slow to start). Errors the Material theme
itself causes are filtered here and only here (THEME_FINDINGS, each with why); everything else the
checker reports as an error fails the test, listed with page, line and extract.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from albazin.core.paths import PROJECT_ROOT

VNU_JAR = PROJECT_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@dataclass(frozen=True)
class ThemeFinding:
    message: str  # the start of the checker's message
    extract: str  # a string the offending markup must contain (so our own markup is never filtered)
    why: str


# The theme's known findings: markup from Material's own templates that the project does not override.
THEME_FINDINGS = (
    ThemeFinding("Attribute “autocomplete” is only allowed when the input type is", 'class="md-toggle"',
                 "Material's drawer and search toggles are checkboxes with autocomplete=off (it stops browsers "
                 "restoring a toggle's state on back/forward); the checker allows autocomplete on text inputs only"),
    ThemeFinding("Bad value “” for attribute “tabindex” on element “label”", 'class="md-nav__link"',
                 "Material's partials/nav-item.html writes tabindex=\"\" on a section's label when the "
                 "navigation.sections feature is on (it sets tabindex only for collapsible sections)"),
)


def is_theme_finding(message: dict) -> bool:
    return any(message.get("message", "").startswith(f.message) and f.extract in message.get("extract", "")
               for f in THEME_FINDINGS)


@dataclass(frozen=True)
class Report:
    checked: set[Path]  # the files the checker read
    messages: list[dict]


def run_vnu(site: Path) -> Report:
    """Every message of the checker for the site's HTML files (one JVM for all of them)."""
    result = subprocess.run(["java", "-jar", str(VNU_JAR), "--format", "json", "--verbose", "--skip-non-html",
                             str(site)], capture_output=True, text=True, check=False)
    # vnu writes its JSON report to stderr (exit 1 when it found errors); --verbose names each file on stdout.
    try:
        messages = json.loads(result.stderr)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"the Nu checker gave no JSON report (exit {result.returncode}):\n{result.stderr[:2000]}")
    return Report({Path(line).resolve() for line in result.stdout.split("\n") if line.strip()}, messages)


def describe(message: dict, site: Path) -> str:
    page = message.get("url", "").removeprefix("file:").removeprefix(str(site) + "/")
    extract = " ".join(message.get("extract", "").split())
    return f"{page}:{message.get('lastLine', 0)}: {message.get('message')} | {extract}"


@pytest.fixture(scope="module")
def vnu(site: Path) -> Report:
    if shutil.which("java") is None or shutil.which("node") is None:
        pytest.skip("Java or node is not installed: the Nu HTML checker (npm vnu-jar) cannot run")
    if not VNU_JAR.is_file():
        pytest.fail(f"{VNU_JAR.relative_to(PROJECT_ROOT)} is missing: `make test` installs it (npm ci)")
    return run_vnu(site)


@pytest.mark.build
def test_the_checker_read_every_page(vnu: Report, site: Path) -> None:
    # A run that checked nothing reports nothing.
    pages = {p.resolve() for p in site.rglob("*.html")}
    assert len(pages) > 20 and vnu.checked == pages


@pytest.mark.build
def test_no_html_errors_in_the_projects_markup(vnu: Report, site: Path) -> None:
    errors = [m for m in vnu.messages if m.get("type") in ("error", "non-document-error")
              and not is_theme_finding(m)]
    assert not errors, f"{len(errors)} HTML error(s):\n" + "\n".join(describe(m, site) for m in errors)


def test_theme_findings_never_cover_project_markup() -> None:
    ours = {"type": "error", "message": THEME_FINDINGS[0].message + " …", "extract": '<input class="alb-x">'}
    theirs = {**ours, "extract": '<input class="md-toggle" type="checkbox" autocomplete="off">'}
    assert not is_theme_finding(ours) and is_theme_finding(theirs)


# The Nu checker's CSS validator predates two SVG presentation properties the map's labels and
# marks use (both in the SVG 2 and CSS specifications, and supported by every current browser).
CSS_UNKNOWN_PROPERTIES = {"paint-order", "r"}


def test_every_stylesheet_is_valid_css() -> None:
    """The edition's stylesheets (docs/assets/css/) with the same checker, in its CSS mode: every
    message is an error but a property named in CSS_UNKNOWN_PROPERTIES."""
    if shutil.which("java") is None:
        pytest.skip("Java is not installed: the Nu checker cannot run")
    if not VNU_JAR.is_file():
        pytest.fail(f"{VNU_JAR.relative_to(PROJECT_ROOT)} is missing: `make test` installs it (npm ci)")
    sheets = sorted((PROJECT_ROOT / "docs" / "assets" / "css").glob("*.css"))
    result = subprocess.run(["java", "-jar", str(VNU_JAR), "--css", "--format", "json", *map(str, sheets)],
                            capture_output=True, text=True, check=False)
    messages = json.loads(result.stderr)["messages"]
    unknown = [f"“{name}”: Property “{name}” doesn't exist" for name in CSS_UNKNOWN_PROPERTIES]
    errors = [f"{m.get('url', '').rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m.get('message')}" for m in messages
              if not any(u in m.get("message", "") for u in unknown)]
    assert len(sheets) >= 8
    assert errors == []
