"""MkDocs hooks: wire the TEI pipeline into `mkdocs build` and `mkdocs serve`.

Thin glue: each event hands its work to the module of that concern. Registered in mkdocs.yml
(`hooks:`). Once per process:
  on_startup    note whether this is `mkdocs serve` (albazin/site/devserve.py: the search index is then
                built after each rebuild, in the background)
  on_serve      poll the watched files every 0.1 s instead of 0.5 s (devserve.poll_faster); build each
                rebuild beside the served site and keep the last good one served after a failure
                (devserve.keep_last_good; on_build_error records the failure)
Order of events per language build:
  on_config     under a serve rebuild, build into its staging directory (devserve), else wait for the
                previous serve rebuild's search indexer; load + validate the corpus and its anchor
                registry (albazin/site/sitecheck.py; abort with every diagnostic, before site/ is touched),
                derive the navigation from the page registry (albazin/site/pageregistry.py)
  on_files      the edition's own stylesheets and scripts minified (albazin/site/minify.py)
  on_env        under `mkdocs serve`, wait for the schema verdict (devserve.py) before pages are written;
                cache compiled templates between builds (keeps `mkdocs serve` reloads fast); the name
                of Material's script bundle (albazin/site/upstreamtheme.py)
  on_pre_build  write the page stubs of the page registry's generated pages (only files whose content changed);
                in the main build, move the previous site aside to be deleted in the background
                (albazin/site/retire.py) instead of by MkDocs' cleaning, which comes next
  on_page_markdown  the edition's citation in the About page (albazin/site/publishing.py)
  on_page_content  render a generated page's body from the model, by its kind (albazin/site/pagebodies.py,
                looked up in the page registry), and its table of contents; give it its aliased anchors
  on_page_context  the citation data, footer, DTS links and JSON-LD of the page (albazin/site/pagecontext.py)
  on_post_build write the redirects; once every page is on disk, start the search indexer; write the
                downloads (TEI files, schema, copy-texts, corpus zip, plain texts, data, citation records),
                the static DTS API (albazin/publish/dts.py), a release's manifest; after the last language,
                wait for the indexer (albazin/site/searchindexing.py, which depends on mkdocs-static-i18n's
                order of events) and for the previous site's deletion
The build's state (the edition, the address, the aliases, a release) is one BuildState
(albazin/site/buildstate.py), held here: MkDocs re-imports this module whenever it reloads the config.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

if TYPE_CHECKING:  # imported by `mkdocs serve` itself; a build need not load the server
    from mkdocs.livereload import LiveReloadServer

# MkDocs loads hook files by path, not as part of a package: make `albazin` importable.
_ROOT = Path(__file__).resolve().parents[2]  # albazin/site/mkdocs_hooks.py
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from albazin.publish import downloads, dts, pages  # noqa: E402
from albazin.site import (  # noqa: E402
    anchors,
    buildstate,
    devserve,
    jsmodules,
    minify,
    pagebodies,
    pagecontext,
    pageregistry,
    retire,
    searchindexing,
    themefiles,
    upstreamtheme,
)
from albazin.core.i18n import DEFAULT_LANGUAGE, label  # noqa: E402
from albazin.core.paths import CACHE_DIR, GENERATED_DIRS, tei_dir  # noqa: E402
from albazin.site.publishing import edition_citation, release_manifest, write_redirects  # noqa: E402
from albazin.site.routes import Routes, toc  # noqa: E402

_state = buildstate.BuildState()  # nothing outlives a build: this module is re-imported per config load


def on_startup(command: str, dirty: bool) -> None:
    devserve.started(command)
    retire.started(command, dirty)


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., None]) -> LiveReloadServer:
    devserve.keep_last_good(server)  # a failed rebuild leaves the last good site served, with its errors
    return devserve.poll_faster(server, [config["docs_dir"], config.config_file_path])


def on_build_error(error: Exception) -> None:  # MkDocs calls it for a failure of any event, on_post_build's too
    searchindexing.cancel(_state)  # its indexer must not write into a dropped site
    _build_over()
    devserve.build_failed(error)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if devserve.staging_dir() is not None:  # a serve rebuild: built beside the served site, swapped in if good
        config["site_dir"] = str(devserve.staging_dir())  # (the indexer of the served site may finish)
    else:
        devserve.settle()  # the previous rebuild's search indexer reads the site this build will clean
    edition = _state.start(devserve.serving)
    themefiles.use_pruned_listing(config.theme)
    _state.post_builds_seen = 0  # each language's build starts with on_config, before any on_post_build
    config["nav"] = pageregistry.site_nav(edition)
    config["extra"]["edition_version"] = edition.version
    _state.site_url = buildstate.checked_site_url(config)
    _state.release = buildstate.release_context(config)
    _state.aliases = anchors.read_aliases(anchors.registry_dir())[0]
    buildstate.set_build_identity(config, edition)  # sets SOURCE_DATE_EPOCH, which the zip's timestamps follow
    _state.zip_time()  # a bad SOURCE_DATE_EPOCH stops the build before anything is written
    return config


# After mkdocs-static-i18n's own on_files (priority -100), which makes each language's files anew.
@event_priority(-110)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    return minify.minify_assets(files, config)  # the edition's CSS and JS, minified (albazin/site/minify.py)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    _state.confirm_now()  # the last event before MkDocs writes pages into the site
    # Compiling Material's templates is the largest cost of a rebuild (~1 s per language);
    # jinja's bytecode cache keeps the compiled templates between builds and serve reloads.
    jinja_cache = CACHE_DIR / "jinja"
    jinja_cache.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(jinja_cache))
    # For overrides/partials/search.html: the header's search box, labelled in the page's language.
    env.globals["alb_label"] = label
    env.globals["alb_search_page"] = lambda lang: pages.site_path(pages.SEARCH_URI, lang)
    # For overrides/main.html's scripts block: the installed Material's bundle, whose name changes each release.
    try:
        env.globals["alb_material_bundle"] = upstreamtheme.bundle_path()
    except upstreamtheme.BlockError as error:
        raise PluginError(str(error)) from error
    # For overrides/main.html's head: the modules main.js imports, preloaded with it.
    try:
        env.globals["alb_module_preloads"] = jsmodules.preloads(Path(config["docs_dir"]), config["extra_javascript"])
    except jsmodules.ModuleError as error:
        raise PluginError(str(error)) from error
    return env


def on_pre_build(config: MkDocsConfig) -> None:
    docs, stubs = Path(config["docs_dir"]), pageregistry.stubs(_state.edition())
    changes = pages.stub_changes(docs, GENERATED_DIRS, stubs)
    if changes:
        _state.confirm_now()  # docs/ is written only from a validated corpus
    pages.write_stubs(docs, GENERATED_DIRS, stubs, changes)
    if _state.retired is None:  # the main build, whose site MkDocs empties next
        _state.retired = retire.retire(Path(config["site_dir"]))


def _page_language(page: Page, config: MkDocsConfig) -> str:
    return getattr(page.file, "locale", None) or config["theme"].get("language") or DEFAULT_LANGUAGE


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    lang = _page_language(page, config)
    return edition_citation(markdown, pagecontext.imprint(_state, _state.edition(), lang))


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    lang = _page_language(page, config)
    render = pageregistry.renderer(page.meta.get("alb_page"))
    body = html if render is None else _render(render, page, lang)
    english_page = page.url.removeprefix(f"{lang}/") if lang != DEFAULT_LANGUAGE else page.url
    here, moved = anchors.aliases_for(_state.aliases, english_page)
    moved_links = [(alias, get_relative_url(anchors.page_in(alias.new.page, lang), page.url) + f"#{alias.new.id}")
                   for alias in moved]
    return anchors.apply_aliases(body, here, moved_links, lang)


def _render(render: Callable[[pagebodies.Request], pagebodies.Body], page: Page, lang: str) -> str:
    fragment, entries = render(pagebodies.Request(_state, page, lang, Routes(_state.edition(), lang, page.url)))
    if entries is not None:
        page.toc = toc(entries)
    return fragment


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    return pagecontext.page_context(context, page, config, _state, _page_language(page, config))


@event_priority(-110)  # after mkdocs-static-i18n's on_post_build (-100): see albazin/site/searchindexing.py
def on_post_build(config: MkDocsConfig) -> None:
    site_dir = Path(config["site_dir"])
    moved = write_redirects(site_dir, _state.site_url)  # HTML: on disk before the indexer starts
    searchindexing.pages_written(_state, config)
    downloads.write(site_dir, _state.downloads())
    try:  # the static DTS API (dts/), the same for every language: written once, then only what changed
        dts.write(site_dir, dts.of_build(_state.edition(), tei_dir(), config["site_url"] or "/"))
    except dts.DtsError as exc:
        raise PluginError(f"error: {exc} [dts]") from None
    if _state.release is not None:  # rewritten by each language's build: the last one lists every page
        release_manifest(site_dir, _state.release, _state.edition(), _state.aliases, moved)
    if searchindexing.after_language_build(_state, config):  # the last language's build
        _build_over()


def _build_over() -> None:
    """The build ends (done or failed): the previous site's deletion has finished."""
    retired, _state.retired = _state.retired, None
    retire.finish(retired)
