"""Shared fixtures: the edition model, one strict build of the site, a local server, Chromium."""

from __future__ import annotations

import contextlib
import http.server
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from albazin.core.paths import PROJECT_ROOT
from albazin.model import pipeline
from albazin.model.model import Edition
from bench import serve as bench_serve
from tests.tiers import GUARD, mark_by_fixtures

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
LANGUAGES = ("en", "ru")
FIXTURES = Path(__file__).parent / "fixtures"  # shared by the test folders, which mirror the package

# True once the edition's scripts (docs/assets/js/edition/) have done what they leave for the frames
# after load: the list entries below a text laid out, every note marker a button, a cite button
# after every permalink (pages with citation data).
SETTLED = """() => !document.querySelector(':is(.alb-apparatus__list, .alb-comlist) > li:not(.alb-shown),'
    + ' :is(.alb-noteref, .alb-comref):not([role])')
  && (!document.getElementById('alb-cite-data') || [...document.querySelectorAll('a.alb-permalink[data-unit]')]
      .every(a => a.nextElementSibling && a.nextElementSibling.matches('.alb-cite-btn')))"""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    mark_by_fixtures(items)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    GUARD.item = item


@pytest.fixture(autouse=True, scope="session")
def _tier_guard() -> Iterator[None]:
    """Every subprocess of the session goes through the guard (tests/tiers.py)."""
    original = subprocess.Popen
    subprocess.Popen = GUARD.popen_class()  # type: ignore[misc]
    try:
        yield
    finally:
        subprocess.Popen = original  # type: ignore[misc]


def page_url(slug: str, lang: str) -> str:
    """Site-relative URL of a text page in a language (English at the root, Russian under /ru/)."""
    prefix = "" if lang == "en" else f"{lang}/"
    return f"{prefix}texts/{slug}/"


@pytest.fixture(scope="session")
def edition() -> Edition:
    return pipeline.load_edition()


def run_build(site_dir: Path, env_overrides: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env_overrides or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, check=False,
    )


@pytest.fixture(scope="session")
def build_result(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess, Path]:
    site = tmp_path_factory.mktemp("build") / "site"
    return run_build(site), site


@pytest.fixture(scope="session")
def site(build_result: tuple[subprocess.CompletedProcess, Path]) -> Path:
    result, site_dir = build_result
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")
    return site_dir


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serving(directory: Path, handler: type[http.server.SimpleHTTPRequestHandler] | None = None,
            ) -> contextlib.AbstractContextManager[str]:
    """Serve a folder on 127.0.0.1 (a free port) for the duration of the block; yields the root URL.
    The benchmarks' server (bench/serve.py), with a plain quiet handler unless a test brings its own."""
    return bench_serve.serving(directory, handler or _QuietHandler)


@pytest.fixture(scope="session")
def server(site: Path) -> Iterator[str]:
    """Serve the built site on 127.0.0.1 at the root path, as site_url expects."""
    with serving(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (make test installs it where apt is available)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    yield pg
    context.close()


def tei_line(file_name: str, needle: str, nth: int = 1) -> int:
    """The line of the real corpus file on which `needle` occurs for the nth time: expected diagnostics
    name lines by what stands there, so that an edit of a header does not break every broken-input test."""
    lines = (PROJECT_ROOT / "tei" / file_name).read_text(encoding="utf-8").splitlines()
    found = [number for number, line in enumerate(lines, 1) if needle in line]
    if len(found) < nth:
        raise AssertionError(f"{needle!r} occurs {len(found)} time(s) in tei/{file_name}, not {nth}")
    return found[nth - 1]


def id_line(file_name: str, xml_id: str) -> int:
    """The line of the real corpus file on which the element with this xml:id starts."""
    return tei_line(file_name, f'xml:id="{xml_id}"')


def copy_corpus(dest: Path) -> Path:
    """A writable copy of the real corpus (tei/ with sources and schema) for mutation tests."""
    target = dest / "tei"
    shutil.copytree(PROJECT_ROOT / "tei", target)
    return target
