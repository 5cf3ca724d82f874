"""Test tiers: every test that builds the site carries `build`, every test that drives Chromium `browser`.

Marks come from two places. A test that uses the shared build or browser fixtures is marked by what
it uses (`mark_by_fixtures`), so nobody has to remember. A test that starts a build, a server or a
browser itself is caught when it does (`TierGuard`): the fast tier (`-m "not build and not browser"`)
then fails loudly instead of silently taking minutes.
"""

from __future__ import annotations

import itertools
import subprocess
from collections.abc import Iterable, Sequence

import pytest

# Fixtures whose use makes a test a build (or browser) test, whatever the test says.
BUILD_FIXTURES = frozenset({"build_result", "site", "server"})
BROWSER_FIXTURES = frozenset({"browser", "page"})

# Words of a command line that start the site's build, its dev server or a release: MkDocs itself, or
# the edition's command (`albazin build`, `python -m albazin release`) with one of these subcommands.
BUILD_WORDS = frozenset({"mkdocs"})
BUILD_SUBCOMMANDS = frozenset({"build", "release"})


def tiers_of_fixtures(fixture_names: Iterable[str]) -> set[str]:
    names = set(fixture_names)
    tiers = set()
    if names & BUILD_FIXTURES:
        tiers.add("build")
    if names & BROWSER_FIXTURES:
        tiers.add("browser")
    return tiers


def tier_of_command(argv: str | bytes | Sequence[object]) -> str | None:
    """The tier a command line belongs to: 'browser' (Playwright's driver or Chromium), 'build', or None."""
    words = [argv] if isinstance(argv, str | bytes) else list(argv)
    text = [w.decode(errors="replace") if isinstance(w, bytes) else str(w) for w in words]
    if any("playwright" in w or w.endswith("chromium") for w in text):
        return "browser"
    if any(w in BUILD_WORDS or w.endswith("/mkdocs") for w in text):
        return "build"
    if any((w == "albazin" or w.endswith("/albazin")) and following in BUILD_SUBCOMMANDS
           for w, following in itertools.pairwise(text)):
        return "build"
    return None


def mark_by_fixtures(items: Iterable[pytest.Item]) -> None:
    for item in items:
        present = {mark.name for mark in item.iter_markers()}
        for tier in sorted(tiers_of_fixtures(getattr(item, "fixturenames", ())) - present):
            item.add_marker(tier)


class TierGuard:
    """Refuses, inside a test not marked for it, a subprocess that builds or starts a browser."""

    def __init__(self) -> None:
        self.item: pytest.Item | None = None

    def check(self, argv: str | bytes | Sequence[object]) -> None:
        tier = tier_of_command(argv)
        if tier is None or self.item is None or self.item.get_closest_marker(tier) is not None:
            return
        pytest.fail(f"{self.item.nodeid} starts a {tier} process but is not marked @pytest.mark.{tier} "
                    f"(the fast tier -m 'not build and not browser' must not run it)", pytrace=False)

    def popen_class(self) -> type[subprocess.Popen]:
        guard = self

        class GuardedPopen(subprocess.Popen):  # type: ignore[type-arg]
            def __init__(self, args: object, *rest: object, **kwargs: object) -> None:
                guard.check(args)  # type: ignore[arg-type]
                super().__init__(args, *rest, **kwargs)  # type: ignore[arg-type]

        return GuardedPopen


# One guard per session. It lives here, not in conftest.py, because pytest may import conftest.py under a
# second module name, and a test importing it would then see another guard than the one installed.
GUARD = TierGuard()
