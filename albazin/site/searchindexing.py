"""When the search index is built: once per build, started as soon as every language's pages are on
disk and waited for at the end of the build.

This relies on mkdocs-static-i18n's order of events, which no API promises. The i18n plugin builds
the other languages from inside its own on_post_build (priority -100), and each of those builds runs
the hooks' on_post_build too; the hooks' on_post_build is registered after the plugin's (priority
-110, albazin/site/mkdocs_hooks.py), so the main build's call comes after those of the other languages.
Of one build's on_post_build calls (one per language), the (n-1)-th, n = the number of languages, is
the last nested build's: the main language's pages were written before the plugin's on_post_build
began, each nested language's before its own on_post_build, so every page is on disk then. The
indexer is started there (`pages_written`), after the redirect pages and before the downloads and the
DTS tree, which it does not read: it runs in its own process while those are written and the main
build finishes, and the n-th call, the last, waits for it (`after_language_build`). The count is reset
by on_config, with which each language's build starts. Should the plugin change that order, the index
would be built before every language is written, and search.index_site stops the build when a
language has no pages (tests/publish/test_search.py). A build that fails while the indexer runs
stops it (`cancel`, from on_build_error): it must not write into a dropped site.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from albazin.publish import search
from albazin.site import devserve
from albazin.site.buildstate import BuildState
from albazin.core.i18n import LANGUAGES

_log = get_plugin_logger("albazin")


def _call_with_every_page_written() -> int:
    return max(len(LANGUAGES) - 1, 1)


def pages_written(state: BuildState, config: MkDocsConfig) -> None:
    """Count a language's on_post_build; at the call when every language's pages are on disk, start
    the indexer (not under `mkdocs serve`, which indexes after the rebuild is swapped in)."""
    state.post_builds_seen += 1
    if devserve.serving or state.post_builds_seen != _call_with_every_page_written():
        return
    site_dir = devserve.published_dir(Path(config["site_dir"]))
    try:
        state.indexing = search.start_index(site_dir)
    except search.SearchIndexError as exc:
        raise PluginError(f"error: {exc} [search]") from None


def after_language_build(state: BuildState, config: MkDocsConfig) -> bool:
    """After the last language's on_post_build: wait for the indexer and report (under `mkdocs serve`,
    index in the background after the rebuild: albazin/site/devserve.py). Whether this was the last."""
    if state.post_builds_seen < len(LANGUAGES):
        return False
    state.post_builds_seen = 0
    site_dir = devserve.published_dir(Path(config["site_dir"]))
    if not devserve.serving:
        running, state.indexing = state.indexing, None
        try:
            if running is None:  # pages_written did not start it: the order of events above has changed
                raise search.SearchIndexError("the search indexer was not started before the last language's build")
            _log_index(search.finish_index(site_dir, LANGUAGES, running))
        except search.SearchIndexError as exc:
            raise PluginError(f"error: {exc} [search]") from None
        return True

    def done(result: subprocess.CompletedProcess, seconds: float) -> None:
        try:
            _log_index(search.indexed(site_dir, LANGUAGES, result, seconds))
        except search.SearchIndexError as exc:
            _log.error(f"error: {exc} [search]")  # after a serve rebuild: the pages are served, the search is not
    try:
        devserve.after_rebuild(search.command(site_dir), done)
    except (OSError, search.SearchIndexError) as exc:
        _log.error(f"error: {search.not_started(exc) if isinstance(exc, OSError) else exc} [search]")
    return True


def cancel(state: BuildState) -> None:
    """Stop an indexer this build started (the build failed before waiting for it)."""
    running, state.indexing = state.indexing, None
    if running is not None:
        search.cancel_index(running)


def _log_index(report: search.IndexReport) -> None:
    sizes = ", ".join(f"{lang} {size / 1024:.0f} KB" for lang, size in report.sizes.items())
    _log.info(f"Search index built in {report.seconds:.2f} s ({sizes})")
