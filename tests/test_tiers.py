"""The test tiers (tests/tiers.py): marks follow the fixtures a test uses, and a test that starts a build
or a browser by itself without its mark fails instead of slowing the fast tier."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.tiers import GUARD, tier_of_command, tiers_of_fixtures


@pytest.mark.parametrize(("argv", "tier"), [
    ([sys.executable, "-m", "mkdocs", "build", "--strict"], "build"),
    ([sys.executable, "-m", "albazin", "build", "--site-dir", "x"], "build"),
    ([sys.executable, "-m", "albazin", "release", "--branch", "x"], "build"),
    (["/srv/venv/bin/albazin", "build"], "build"),
    (["/srv/venv/bin/mkdocs", "serve"], "build"),
    (["/usr/lib/node_modules/playwright/driver/node", "cli.js", "run-driver"], "browser"),
    (["/usr/bin/chromium", "--headless"], "browser"),
    ([sys.executable, "-m", "albazin", "check", "tei"], None),
    (["/srv/venv/bin/albazin", "anchors"], None),
    (["git", "status"], None),
    ("java -jar jing.jar", None),
    ([b"sha256sum", b"--check"], None),
])
def test_a_command_line_is_classed_by_what_it_starts(argv: object, tier: str | None) -> None:
    assert tier_of_command(argv) == tier


def test_the_shared_fixtures_decide_the_marks() -> None:
    assert tiers_of_fixtures(["edition", "tmp_path"]) == set()
    assert tiers_of_fixtures(["site"]) == {"build"}
    assert tiers_of_fixtures(["server", "page"]) == {"build", "browser"}


def test_this_unmarked_test_may_not_start_a_build() -> None:
    with pytest.raises(pytest.fail.Exception, match=r"test_tiers\.py::.* starts a build process but is not marked"):
        subprocess.run([sys.executable, "-m", "mkdocs", "--version"], capture_output=True, check=False)


def test_this_unmarked_test_may_still_run_other_programs() -> None:
    result = subprocess.run([sys.executable, "-c", "print(42)"], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "42"


@pytest.mark.build
def test_a_marked_test_may_start_one() -> None:
    assert GUARD.item is not None and GUARD.item.get_closest_marker("build") is not None
    result = subprocess.run([sys.executable, "-m", "mkdocs", "--version"], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "mkdocs" in result.stdout.lower()


def test_the_build_fixtures_mark_their_users(request: pytest.FixtureRequest) -> None:
    """Collected items that use the shared site are marked build even where the file says nothing."""
    session_items = request.session.items
    users = [item for item in session_items if "site" in getattr(item, "fixturenames", ())]
    assert all(item.get_closest_marker("build") for item in users)
