"""albazin/site/searchindexing.py: of one build's on_post_build calls (one per language), the indexer
starts at the one when every page is on disk and is waited for at the last; a failed build stops it."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from albazin.core.i18n import LANGUAGES
from albazin.publish import search
from albazin.site import searchindexing
from albazin.site.buildstate import BuildState


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    report = search.IndexReport(0.1, {lang: 1 for lang in LANGUAGES}, {lang: 1 for lang in LANGUAGES})
    monkeypatch.setattr(search, "start_index", lambda site: seen.append(f"start {site.name}") or "run")
    monkeypatch.setattr(search, "finish_index", lambda site, langs, run: seen.append(f"finish {run}") or report)
    monkeypatch.setattr(search, "cancel_index", lambda run: seen.append(f"cancel {run}"))
    return seen


def _language_build(state: BuildState, config: dict, calls: list[str]) -> bool:
    searchindexing.pages_written(state, config)
    calls.append(f"call {state.post_builds_seen}")
    return searchindexing.after_language_build(state, config)


def test_started_once_every_page_is_written_and_waited_for_after_the_last_language(
        calls: list[str], tmp_path: Path) -> None:
    state, config = BuildState(), {"site_dir": str(tmp_path / "site")}
    assert len(LANGUAGES) == 2
    assert _language_build(state, config, calls) is False  # the nested (Russian) build: all pages on disk
    assert _language_build(state, config, calls) is True  # the main build's on_post_build, the last
    assert calls == ["start site", "call 1", "call 2", "finish run"]
    assert state.indexing is None and state.post_builds_seen == 0


def test_a_last_call_without_a_started_indexer_stops_the_build(calls: list[str], tmp_path: Path) -> None:
    state, config = BuildState(), {"site_dir": str(tmp_path)}
    state.post_builds_seen = len(LANGUAGES)
    with pytest.raises(PluginError, match="the search indexer was not started before the last language's build"):
        searchindexing.after_language_build(state, config)


def test_cancel_stops_a_started_indexer_once(calls: list[str], tmp_path: Path) -> None:
    state = BuildState()
    searchindexing.pages_written(state, {"site_dir": str(tmp_path)})
    searchindexing.cancel(state)
    searchindexing.cancel(state)
    assert calls == [f"start {tmp_path.name}", "cancel run"]
