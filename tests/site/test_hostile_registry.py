"""The anchor registry only grows: deleting its lines, or the file, must not switch the protection off.

Each case is a project with a git history (the corpus, anchors/ committed), then broken. Before this
round a deleted line, or a deleted file, was simply no longer checked. Without git (a tarball) the
build can still refuse a missing registry of the project, but cannot see deleted lines.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from albazin.core.paths import PROJECT_ROOT
from albazin.model import pipeline
from albazin.site import anchors, sitecheck
from tests.conftest import copy_corpus

LINE = "A-p1\ttexts/a/\tru/texts/a/\n"
GIT = ["git", "-c", "user.name=editors", "-c", "user.email=editors", "-c", "commit.gpgsign=false"]


def project(tmp_path: Path, with_git: bool = True) -> tuple[Path, str]:
    root = tmp_path / "project"
    copy_corpus(root)
    shutil.copytree(PROJECT_ROOT / anchors.REGISTRY_DIR, root / anchors.REGISTRY_DIR)
    commit = ""
    if with_git:
        for args in (["init", "-q"], ["add", "anchors"], ["commit", "-qm", "registry"]):
            subprocess.run([*GIT, "-C", str(root), *args], check=True, capture_output=True)
        commit = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], check=True, capture_output=True,
                                text=True).stdout.strip()[:12]
    return root, commit


def registry(root: Path) -> Path:
    return root / anchors.REGISTRY_DIR / anchors.PUBLISHED_FILE


def delete_line(root: Path, line: str = LINE) -> None:
    text = registry(root).read_text(encoding="utf-8")
    assert line in text
    registry(root).write_text(text.replace(line, ""), encoding="utf-8")


def commit_all(root: Path) -> None:
    subprocess.run([*GIT, "-C", str(root), "commit", "-qam", "shrink"], check=True, capture_output=True)


def messages(root: Path) -> list[str]:
    edition, diagnostics = sitecheck.check(root / "tei")
    assert edition is None
    return [str(d).replace(f"{root}/", "") for d in diagnostics]


def deleted(commit: str, root: Path, anchor: str = "A-p1", page: str = "texts/a/") -> str:
    return (f"anchors/published.tsv: error: published anchor {anchor} on {page} (registered in commit {commit}) has "
            "been deleted from the registry; its lines are never removed (a moved anchor keeps its line and is "
            "declared in anchors/aliases.tsv); `make anchors` puts it back [anchor-registry]")


def test_a_deleted_line_is_reported(tmp_path: Path) -> None:
    root, commit = project(tmp_path)
    delete_line(root)
    assert messages(root) == [deleted(commit, root)]


def test_a_deleted_line_is_reported_after_it_is_committed(tmp_path: Path) -> None:
    root, commit = project(tmp_path)
    delete_line(root)
    commit_all(root)
    assert messages(root) == [deleted(commit, root)]


@pytest.mark.parametrize("what", ["file", "folder", "file, committed"])
def test_a_deleted_registry_is_reported(tmp_path: Path, what: str) -> None:
    root, _ = project(tmp_path)
    count = len(anchors.read_registry(root / anchors.REGISTRY_DIR)[0])
    if what == "folder":
        shutil.rmtree(root / anchors.REGISTRY_DIR)
    else:
        registry(root).unlink()
    if what.endswith("committed"):
        commit_all(root)
    assert messages(root) == [f"anchors/published.tsv: error: the registry of published anchors is missing (its git "
                              f"history registers {count} anchors; `make anchors` or git restores it: published "
                              "anchors stay citable, and the registry only grows) [anchor-registry]"]


def test_without_git_the_projects_own_registry_is_still_required(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    root, _ = project(tmp_path, with_git=False)
    monkeypatch.setattr(anchors, "PROJECT_REGISTRY", (root / anchors.REGISTRY_DIR).resolve())
    registry(root).unlink()
    assert messages(root) == ["anchors/published.tsv: error: the registry of published anchors is missing (restore "
                              "it: published anchors stay citable, and the registry only grows) [anchor-registry]"]


def test_without_git_a_deleted_line_cannot_be_seen(tmp_path: Path) -> None:
    """The limit of a build from a tarball: the file is all there is to compare with."""
    root, _ = project(tmp_path, with_git=False)
    delete_line(root)
    edition, diagnostics = sitecheck.check(root / "tei")
    assert diagnostics == [] and edition is not None


@pytest.mark.parametrize("what", ["a line", "the file"])
def test_make_anchors_puts_back_what_the_history_registered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            what: str) -> None:
    root, _ = project(tmp_path)
    before = registry(root).read_text(encoding="utf-8")
    if what == "a line":
        delete_line(root)
    else:
        registry(root).unlink()
    monkeypatch.setenv("ALBAZIN_TEI_DIR", str(root / "tei"))
    pipeline._cache.clear()
    assert anchors.main(["--update"]) == 0
    assert registry(root).read_text(encoding="utf-8") == before
    assert sitecheck.check(root / "tei")[1] == []


BAD_ROWS = {
    "published.tsv": ("../../x\ttexts/a/\tru/texts/a/\n",
                      'anchors/published.tsv:{n}: error: id "../../x" is not an anchor id (an xml:id) '
                      "[anchor-registry]"),
    "aliases.tsv": ("texts/a/\t__drawer\ttexts/a/\tA-p1\n",
                    'anchors/aliases.tsv:{n}: error: id "__drawer" is reserved: the theme\'s ids begin with "__" '
                    "[anchor-alias]"),
}


@pytest.mark.parametrize("name", sorted(BAD_ROWS))
def test_registry_cells_are_checked(tmp_path: Path, name: str) -> None:
    """An alias's old id becomes an element's id on its page: "__drawer" would take the theme's menu."""
    root, _ = project(tmp_path, with_git=False)
    row, expected = BAD_ROWS[name]
    path = root / anchors.REGISTRY_DIR / name
    line = len(path.read_text(encoding="utf-8").splitlines()) + 1
    with path.open("a", encoding="utf-8") as f:
        f.write(row)
    assert messages(root) == [expected.format(n=line)]


def test_a_page_path_that_leaves_the_site_is_refused(tmp_path: Path) -> None:
    root, _ = project(tmp_path, with_git=False)
    path = root / anchors.REGISTRY_DIR / anchors.ALIASES_FILE
    line = len(path.read_text(encoding="utf-8").splitlines()) + 1
    with path.open("a", encoding="utf-8") as f:
        f.write("../../../etc/\tx\ttexts/a/\tA-p1\n")
    assert messages(root) == [f'anchors/aliases.tsv:{line}: error: page "../../../etc/" is not a site path ("" or '
                              'segments ending in "/": "texts/a/") [anchor-alias]']
