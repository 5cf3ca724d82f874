"""When the search index is built: once per build, after the last language's pages are on disk.

This relies on mkdocs-static-i18n's order of events, which no API promises. The i18n plugin builds
the other languages from inside its own on_post_build (priority -100), and each of those builds runs
the hooks' on_post_build too; the hooks' on_post_build is registered after the plugin's (priority
-110, albazin/site/mkdocs_hooks.py), so the main build's call comes after those of the other languages.
Of one build's on_post_build calls (one per language) the n-th, n = the number of languages, is
therefore the last, when every language is on disk: the index is built then. The count is reset by
on_config, with which each language's build starts. Should the plugin change that order, the index
would be built before every language is written, and search.index_site stops the build when a
language has no pages (tests/publish/test_search.py).
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


def after_language_build(state: BuildState, config: MkDocsConfig) -> None:
    """Count a language's on_post_build; after the last, index the site (under `mkdocs serve`, in the
    background after the rebuild: albazin/site/devserve.py)."""
    state.post_builds_seen += 1
    if state.post_builds_seen < len(LANGUAGES):
        return
    state.post_builds_seen = 0
    site_dir = devserve.published_dir(Path(config["site_dir"]))
    if not devserve.serving:
        try:
            _log_index(search.index_site(site_dir, LANGUAGES))
        except search.SearchIndexError as exc:
            raise PluginError(f"error: {exc} [search]") from None
        return

    def done(result: subprocess.CompletedProcess, seconds: float) -> None:
        try:
            _log_index(search.indexed(site_dir, LANGUAGES, result, seconds))
        except search.SearchIndexError as exc:
            _log.error(f"error: {exc} [search]")  # after a serve rebuild: the pages are served, the search is not
    try:
        devserve.after_rebuild(search.command(site_dir), done)
    except (OSError, search.SearchIndexError) as exc:
        _log.error(f"error: {search.not_started(exc) if isinstance(exc, OSError) else exc} [search]")


def _log_index(report: search.IndexReport) -> None:
    sizes = ", ".join(f"{lang} {size / 1024:.0f} KB" for lang, size in report.sizes.items())
    _log.info(f"Search index built in {report.seconds:.2f} s ({sizes})")
