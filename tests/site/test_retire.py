"""albazin/site/retire.py: the previous site is moved aside and deleted in the background, only for
`mkdocs build` without --dirty, never through a link; and a real build into a used site directory
gives the same site as a build into an empty one, with nothing left beside it."""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from albazin.site import retire
from tests.conftest import run_build


@pytest.fixture
def cleaning() -> Iterator[None]:
    retire.started("build", False)
    yield
    retire.started("build", True)


def _old_site(root: Path) -> Path:
    site = root / "site"
    (site / "dts" / "document" / "A").mkdir(parents=True)
    (site / "dts" / "document" / "A" / "index.json").write_text("{}", encoding="utf-8")
    (site / "index.html").write_text("old", encoding="utf-8")
    (site / ".hidden").write_text("kept, as MkDocs keeps it", encoding="utf-8")
    return site


def _retired(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if "-retired-" in p.name)


def test_the_old_site_is_moved_aside_and_deleted(tmp_path: Path, cleaning: None) -> None:
    site = _old_site(tmp_path)
    running = retire.retire(site)
    assert sorted(os.listdir(site)) == [".hidden"]  # what MkDocs would have deleted is gone at once
    retire.finish(running)
    assert _retired(tmp_path) == []
    assert (site / ".hidden").read_text(encoding="utf-8") == "kept, as MkDocs keeps it"


@pytest.mark.parametrize(("command", "dirty"), [("build", True), ("serve", False), ("gh-deploy", False)])
def test_nothing_is_moved_unless_mkdocs_build_cleans(tmp_path: Path, command: str, dirty: bool) -> None:
    retire.started(command, dirty)
    site = _old_site(tmp_path)
    retire.finish(retire.retire(site))
    assert sorted(os.listdir(site)) == [".hidden", "dts", "index.html"]
    assert _retired(tmp_path) == []


def test_a_site_directory_that_is_a_link_is_left_alone(tmp_path: Path, cleaning: None) -> None:
    real = _old_site(tmp_path / "elsewhere")
    link = tmp_path / "site"
    link.symlink_to(real, target_is_directory=True)
    retire.finish(retire.retire(link))
    assert sorted(os.listdir(real)) == [".hidden", "dts", "index.html"]


def test_a_link_inside_the_site_is_removed_without_following_it(tmp_path: Path, cleaning: None) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "precious.txt").write_text("keep", encoding="utf-8")
    site = _old_site(tmp_path / "project")
    (site / "link").symlink_to(outside, target_is_directory=True)
    retire.finish(retire.retire(site))
    assert (outside / "precious.txt").read_text(encoding="utf-8") == "keep"
    assert not (site / "link").exists() and _retired(tmp_path / "project") == []


def test_a_folder_left_by_a_killed_build_is_deleted_by_the_next(tmp_path: Path, cleaning: None) -> None:
    site = _old_site(tmp_path)
    leftover = tmp_path / ".site-retired-killed"
    (leftover / "dts").mkdir(parents=True)
    retire.finish(retire.retire(site))
    assert _retired(tmp_path) == []


def test_without_rm_a_thread_deletes_it(tmp_path: Path, cleaning: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(retire.shutil, "which", lambda name: None)
    site = _old_site(tmp_path)
    running = retire.retire(site)
    assert running.process is None and running.thread is not None
    retire.finish(running)
    assert _retired(tmp_path) == [] and sorted(os.listdir(site)) == [".hidden"]


def _digests(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file() and not p.name.startswith(".")}


@pytest.mark.build
def test_a_build_into_a_used_site_directory_equals_a_build_into_an_empty_one(site: Path, tmp_path: Path) -> None:
    used = tmp_path / "site"
    shutil.copytree(site, used)
    (used / "stale" / "page").mkdir(parents=True)
    (used / "stale" / "page" / "index.html").write_text("from an older build", encoding="utf-8")
    (used / ".kept").write_text("hidden: MkDocs never deletes it", encoding="utf-8")
    result = run_build(used)
    assert result.returncode == 0, result.stdout + result.stderr
    assert _digests(used) == _digests(site)  # the other languages' pages are there: nested builds moved nothing
    assert (used / ".kept").is_file()
    assert _retired(tmp_path) == []


@pytest.mark.build
def test_a_failed_build_leaves_no_retired_folder(tmp_path: Path) -> None:
    failing = tmp_path / "failing-indexer"
    failing.write_text("#!/bin/sh\nexit 3\n", encoding="utf-8")
    failing.chmod(0o755)
    used = _old_site(tmp_path)
    result = run_build(used, {"ALBAZIN_PAGEFIND": str(failing)})
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    assert _retired(tmp_path) == []
