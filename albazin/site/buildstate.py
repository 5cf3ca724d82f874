"""What one build knows between MkDocs events: the edition, the address, the aliases, the release.

The hooks (albazin/site/mkdocs_hooks.py) hold one `BuildState`. It lives in the hooks module, which MkDocs
re-imports whenever it reloads the config, so nothing outlives a build; mkdocs-static-i18n builds the
other languages inside the same import, so they share it. The edition is loaded once in on_config
and read by the later events.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from albazin.core import buildinfo, siteurl
from albazin.model import pipeline
from albazin.publish import downloads, search
from albazin.site import anchors, release, retire, sitecheck
from albazin.core.diagnostics import TeiError
from albazin.model.model import Edition
from albazin.core.paths import tei_dir


def confirmed(pending: pipeline.PendingCheck) -> Edition:
    try:
        return pipeline.confirmed(pending)
    except TeiError as exc:
        # PluginError is a BuildError: MkDocs prints the message and exits 1, without a traceback.
        raise PluginError(str(exc)) from None


@dataclass
class BuildState:
    current: Edition | None = None  # the edition of the build in progress
    site_url: str = "/"  # the configured site_url (absolute URLs in citations and metadata)
    aliases: list[anchors.Alias] = field(default_factory=list)  # anchors/aliases.tsv (checked by sitecheck)
    release: release.Context | None = None  # set when this build is mike's build of a release
    unconfirmed: pipeline.PendingCheck | None = None  # serve: the check whose schema verdict on_env awaits
    post_builds_seen: int = 0  # on_post_build calls of this build (albazin/site/searchindexing.py)
    indexing: search.Indexing | None = None  # the search indexer, once every page is on disk
    # The previous site being deleted (albazin/site/retire.py); set by the main build's on_pre_build, the
    # first of the build (on_config does not reset it), so None there means the main build.
    retired: retire.Retired | None = None

    def start(self, serving: bool) -> Edition:
        """Load and check the corpus. Serving, the pages are rendered while the schema validator
        finishes; on_env waits for its verdict before anything is written (albazin/site/devserve.py)."""
        pending = sitecheck.start_edition()
        if serving and pending.provisional is not None and not pending.model_problems:
            self.unconfirmed, self.current = pending, pending.provisional
        else:
            self.unconfirmed, self.current = None, confirmed(pending)
        return self.current

    def edition(self) -> Edition:
        return self.current if self.current is not None else confirmed(sitecheck.start_edition())

    def confirm_now(self) -> None:
        """Wait for the schema verdict that on_config left pending (serve only); stop if it fails."""
        if self.unconfirmed is not None:
            pending, self.unconfirmed = self.unconfirmed, None
            confirmed(pending)

    def zip_time(self) -> tuple[int, ...]:
        try:
            return downloads.zip_timestamp(self.edition().published, os.environ.get("SOURCE_DATE_EPOCH"))
        except ValueError as exc:
            raise PluginError(f"SOURCE_DATE_EPOCH: error: {exc} [environment]") from None

    def downloads(self) -> tuple[downloads.Download, ...]:
        """This build's downloads: computed once (downloads.of_build caches them) and shared by both
        languages' pages and on_post_build."""
        return downloads.of_build(self.edition(), tei_dir(), self.site_url, self.zip_time())


def checked_site_url(config: MkDocsConfig) -> str:
    """site_url (SITE_URL) as every absolute URL starts: checked, ending in "/" (a config without one,
    as the benchmark's, gives site-relative URLs)."""
    if not config.get("site_url"):
        return "/"
    try:
        return siteurl.check(config["site_url"])
    except siteurl.SiteUrlError as exc:
        raise PluginError(str(exc)) from None


def release_context(config: MkDocsConfig) -> release.Context | None:
    """In a release build, Material's version selector (mike's versions.json, beside the versions)."""
    try:
        found = release.context()
    except release.ReleaseError as exc:
        raise PluginError(str(exc)) from None
    if found is not None:
        config["extra"]["version"] = {"provider": "mike", "default": release.LATEST}
    return found


def set_build_identity(config: MkDocsConfig, edition: Edition) -> None:
    """Version, commit and date of this build for templates (config.extra.build); the date also
    becomes SOURCE_DATE_EPOCH, which MkDocs uses for the sitemap, so builds never depend on the clock."""
    try:
        info = buildinfo.of(edition.version)
    except buildinfo.BuildInfoError as exc:
        raise PluginError(f"error: {exc} [build-date]") from None
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(info.epoch))
    config["extra"]["build"] = info.extra()
