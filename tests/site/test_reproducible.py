"""Reproducible builds: two clean builds of the same commit give byte-identical site/ trees.

Each build runs in its own clean copy of the project (no .cache, no generated docs stubs, no site:
what `make clean` removes is left out), at a different path, and — where faketime is installed —
the second one with the clock set days ahead, so neither the build's location nor the clock can
leak into the output. The whole tree is compared, file by file.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from albazin.core import buildinfo
from albazin.core.paths import GENERATED_DIRS, PROJECT_ROOT
from albazin.model import pipeline

# Left out of a clean copy: environments, caches and build output (cf. `make clean`).
NOT_COPIED = {".git", ".venv", "node_modules", ".cache", "__pycache__", ".pytest_cache", ".ruff_cache", ".hypothesis"}
# Build output is left out at the top only: the package has a folder of the same name (albazin/site/).
NOT_COPIED_AT_TOP = {"site"}
# Shared with the copies instead (read only): the git metadata (the commit being built) and the node tools.
LINKED = (".git", "node_modules")
CLOCK_AHEAD = "+3d"  # the second build's clock (faketime offset)


def clean_copy(dest: Path) -> Path:
    generated = {PROJECT_ROOT / "docs" / d for d in GENERATED_DIRS}

    def ignore(directory: str, names: list[str]) -> set[str]:
        top = Path(directory) == PROJECT_ROOT
        return {n for n in names if n in NOT_COPIED or (top and n in NOT_COPIED_AT_TOP)
                or n.startswith((".site-build-", ".site-old-")) or Path(directory, n) in generated}

    shutil.copytree(PROJECT_ROOT, dest, ignore=ignore, symlinks=True)
    for name in LINKED:
        if (PROJECT_ROOT / name).exists():
            (dest / name).symlink_to(PROJECT_ROOT / name)
    return dest


def build_copy(root: Path, clock_ahead: bool) -> Path:
    site = root.parent / f"{root.name}-site"
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "ALBAZIN_TEI_DIR")}
    command = [sys.executable, "-m", "albazin", "build", "--site-dir", str(site)]
    if clock_ahead:
        # The JVM (jing) hangs with a faked monotonic clock; the wall clock is what matters here.
        command = ["faketime", "-f", CLOCK_AHEAD, *command]
        env["FAKETIME_DONT_FAKE_MONOTONIC"] = "1"
    result = subprocess.run(command, cwd=root, env={**env, "NO_MKDOCS_2_WARNING": "1"},
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def differences(first: dict[str, bytes], second: dict[str, bytes]) -> list[str]:
    only = [f"only in the first build: {name}" for name in sorted(first.keys() - second.keys())]
    only += [f"only in the second build: {name}" for name in sorted(second.keys() - first.keys())]
    return only + [f"differs: {name}" for name in sorted(first.keys() & second.keys()) if first[name] != second[name]]


@pytest.mark.build
def test_two_clean_builds_are_byte_identical(tmp_path: Path) -> None:
    faketime = shutil.which("faketime") is not None
    first = tree(build_copy(clean_copy(tmp_path / "one"), clock_ahead=False))
    second = tree(build_copy(clean_copy(tmp_path / "checkout-two"), clock_ahead=faketime))
    assert len(first) > 50 and "index.html" in first and "ru/index.html" in first
    diff = differences(first, second)
    assert not diff, f"{len(diff)} file(s) differ between two builds of the same commit:\n" + "\n".join(diff)
    # The sitemap's dates are the build date of the commit, not the day the build ran.
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    lastmods = set(etree.fromstring(first["sitemap.xml"]).xpath("//s:lastmod/text()", namespaces=ns))
    assert lastmods == {buildinfo.of("").date}


def test_differences_name_every_file() -> None:
    assert differences({"a": b"1", "b": b"2", "c": b"3"}, {"a": b"1", "b": b"x", "d": b"4"}) == [
        "only in the first build: c", "only in the second build: d", "differs: b"]


# --- the build's identity (albazin/core/buildinfo.py) ----------------------------------------------------

def git(*args: str, cwd: Path = PROJECT_ROOT) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()


@pytest.fixture
def in_git_checkout() -> None:
    if shutil.which("git") is None or not (PROJECT_ROOT / ".git").exists():
        pytest.skip("not a git checkout")


def test_identity_of_a_git_checkout_is_its_head_commit(in_git_checkout: None) -> None:
    info = buildinfo.of("9.9", environ={})
    assert info.commit == git("rev-parse", "HEAD") and len(info.commit) == 40
    assert info.commit_short == info.commit[:buildinfo.SHORT_HASH]
    assert info.epoch == int(git("log", "-1", "--format=%ct"))
    commit_day = subprocess.run(["git", "log", "-1", "--date=format-local:%Y-%m-%d", "--format=%cd"],
                                cwd=PROJECT_ROOT, env={**os.environ, "TZ": "UTC"}, capture_output=True, text=True,
                                check=True).stdout.strip()
    assert info.extra() == {"version": "9.9", "commit": info.commit, "commit_short": info.commit_short,
                            "date": commit_day}


def test_source_date_epoch_wins_and_must_be_a_number(in_git_checkout: None) -> None:
    assert buildinfo.of("1", environ={"SOURCE_DATE_EPOCH": "86400"}).date == "1970-01-02"
    for bad in ("yesterday", "-5", "1.5"):
        with pytest.raises(buildinfo.BuildInfoError, match=f'SOURCE_DATE_EPOCH="{bad}" is not a whole number'):
            buildinfo.of("1", environ={"SOURCE_DATE_EPOCH": bad})


def test_outside_a_git_checkout_the_commit_is_unknown_and_the_date_fixed(tmp_path: Path) -> None:
    assert buildinfo.of("1", root=tmp_path, environ={}) == buildinfo.BuildInfo(
        "1", "unknown", "unknown", buildinfo.FALLBACK_EPOCH)
    # A tarball unpacked inside some other repository must not take that repository's commit.
    if shutil.which("git"):
        git("init", "-q", str(tmp_path / "other"), cwd=tmp_path)
        (tmp_path / "other" / "edition").mkdir()
        assert buildinfo.of("1", root=tmp_path / "other" / "edition", environ={}).commit == "unknown"


def test_the_hooks_give_templates_the_build_identity_and_pin_the_date() -> None:
    script = ("import json, os; from mkdocs.config import load_config; c = load_config('mkdocs.yml'); "
              "c = c.plugins.on_config(c); print(json.dumps([c.extra['build'], os.environ['SOURCE_DATE_EPOCH']]))")
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    result = subprocess.run([sys.executable, "-c", script], cwd=PROJECT_ROOT, env={**env, "NO_MKDOCS_2_WARNING": "1"},
                            capture_output=True, text=True, check=True)
    build, epoch = json.loads(result.stdout.splitlines()[-1])
    expected = buildinfo.of(pipeline.load_edition().version, environ={})
    assert build == expected.extra() and int(epoch) == expected.epoch
