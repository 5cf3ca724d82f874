"""MkDocs hooks: wire the TEI pipeline into `mkdocs build` and `mkdocs serve`.

Registered in mkdocs.yml (`hooks:`). Once per process:
  on_startup    note whether this is `mkdocs serve` (scripts/devserve.py: the search index is then
                built after each rebuild, in the background)
  on_serve      poll the watched files every 0.1 s instead of 0.5 s (devserve.poll_faster); build each
                rebuild beside the served site and keep the last good one served after a failure
                (devserve.keep_last_good; on_build_error records the failure)
Order of events per language build:
  on_config     under a serve rebuild, build into its staging directory (devserve), else wait for the
                previous serve rebuild's search indexer; load + validate the corpus
                (abort with every diagnostic, before site/ is touched),
                derive the navigation from the model
  on_env        under `mkdocs serve`, wait for the schema verdict (devserve.py) before pages are written;
                cache compiled templates between builds (keeps `mkdocs serve` reloads fast)
  on_pre_build  write the page stubs for generated pages (only files whose content changed)
  on_page_content  render a text page's body from the model, and its table of contents
  on_post_build write the downloads (TEI files, schema, copy-texts, corpus zip, plain texts, data,
                citation records) and the static DTS API (scripts/dts.py); once every language is built,
                index the site for search (scripts/search.py; under `mkdocs serve`, after the rebuild)
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

# MkDocs loads hook files by path, not as part of a package: make `scripts` importable.
_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from scripts import (  # noqa: E402
    anchors,
    buildinfo,
    changelog,
    citation,
    citing,
    commentary,
    commentarypage,
    concordance,
    concordancepage,
    devserve,
    downloads,
    downloadspage,
    dts,
    dtslinks,
    entitydata,
    exports,
    glossarypage,
    indexpage,
    intropage,
    jsonld,
    pages,
    pipeline,
    release,
    search,
    searchpage,
    siteurl,
    textpage,
    themefiles,
)
from scripts.diagnostics import TeiError  # noqa: E402
from scripts.i18n import DEFAULT_LANGUAGE, LANGUAGES, label  # noqa: E402
from scripts.model import Edition, TextDoc  # noqa: E402
from scripts.paths import CACHE_DIR, GENERATED_DIRS, tei_dir  # noqa: E402
from scripts.publishing import (  # noqa: E402
    CHANGES_URI,
    PAGE_CHANGES,
    changes_stubs,
    edition_citation,
    release_manifest,
    write_redirects,
)
from scripts.render import Ctx  # noqa: E402

PUBLISHED_TEI_DIR = downloads.TEI_DIR  # site-relative folder of the downloadable TEI
CONCORDANCE_DATA = downloads.CONCORDANCE_DATA
# The edition of the build in progress: loaded once in on_config, read by the later events
# (MkDocs re-imports this module whenever it reloads the config, so nothing outlives a build).
_current: Edition | None = None
_site_url = "/"  # the configured site_url (absolute URLs in citations and metadata), set in on_config
_aliases: list[anchors.Alias] = []  # anchors/aliases.tsv, read once per build in on_config (checked there)
_release: release.Context | None = None  # set when this build is mike's build of a release (scripts/release.py)
# Under `mkdocs serve`: the check whose schema verdict on_env still has to wait for.
_unconfirmed: pipeline.PendingCheck | None = None
_log = get_plugin_logger("albazin")
# mkdocs-static-i18n builds the other languages from inside its own on_post_build (priority -100), and
# each of those builds calls this hook too. Running after it (-110), the n-th call of a build (n = the
# number of languages) is the last, when every language is on disk: the search index is built then.
_post_builds_seen = 0


def _confirmed(pending: pipeline.PendingCheck) -> Edition:
    try:
        return pipeline.confirmed(pending)
    except TeiError as exc:
        # PluginError is a BuildError: MkDocs prints the message and exits 1, without a traceback.
        raise PluginError(str(exc)) from None


def _load() -> Edition:
    return _confirmed(pipeline.start_edition())


def _edition() -> Edition:
    return _current if _current is not None else _load()


def _confirm_now() -> None:
    """Wait for the schema verdict that on_config left pending (serve only); stop if it fails."""
    global _unconfirmed
    if _unconfirmed is not None:
        pending, _unconfirmed = _unconfirmed, None
        _confirmed(pending)


def on_startup(command: str, dirty: bool) -> None:
    devserve.started(command)


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., None]) -> LiveReloadServer:
    devserve.keep_last_good(server)  # a failed rebuild leaves the last good site served, with its errors
    return devserve.poll_faster(server, [config["docs_dir"], config.config_file_path])


def on_build_error(error: Exception) -> None:
    devserve.build_failed(error)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _current, _site_url, _post_builds_seen, _aliases, _unconfirmed, _release
    if devserve.staging_dir() is not None:  # a serve rebuild: built beside the served site, swapped in if good
        config["site_dir"] = str(devserve.staging_dir())  # (the indexer of the served site may finish)
    else:
        devserve.settle()  # the previous rebuild's search indexer reads the site this build will clean
    pending = pipeline.start_edition()
    if devserve.serving and pending.provisional is not None and not pending.model_problems:
        # Serving: the pages are rendered while the schema validator finishes; on_env waits for its
        # verdict before anything is written (see scripts/devserve.py).
        _unconfirmed, _current = pending, pending.provisional
    else:
        _unconfirmed, _current = None, _confirmed(pending)
    edition = _current
    themefiles.use_pruned_listing(config.theme)
    _post_builds_seen = 0  # each language's build starts with on_config, before any on_post_build
    config["nav"] = site_nav(edition)
    config["extra"]["edition_version"] = edition.version
    _site_url = _checked_site_url(config)
    _release = _release_context(config)
    _aliases = anchors.read_aliases(anchors.registry_dir())[0]
    _set_build_identity(config, edition)  # sets SOURCE_DATE_EPOCH, which the zip's timestamps follow
    _zip_time(edition)  # a bad SOURCE_DATE_EPOCH stops the build before anything is written
    return config


def _checked_site_url(config: MkDocsConfig) -> str:
    """site_url (SITE_URL) as every absolute URL starts: checked, ending in "/" (a config without one,
    as the benchmark's, gives site-relative URLs)."""
    if not config.get("site_url"):
        return "/"
    try:
        return siteurl.check(config["site_url"])
    except siteurl.SiteUrlError as exc:
        raise PluginError(str(exc)) from None


def _release_context(config: MkDocsConfig) -> release.Context | None:
    """In a release build, Material's version selector (mike's versions.json, beside the versions)."""
    try:
        found = release.context()
    except release.ReleaseError as exc:
        raise PluginError(str(exc)) from None
    if found is not None:
        config["extra"]["version"] = {"provider": "mike", "default": release.LATEST}
    return found


def site_nav(edition: Edition) -> list:
    """The site's navigation (mkdocs.yml `nav`), derived from the edition: which texts, which pages.
    Its titles are English; mkdocs-static-i18n translates them by mkdocs.yml's nav_translations."""
    en = DEFAULT_LANGUAGE
    return [
        {label(en, "nav_home"): "index.md"},
        *([pages.INTRODUCTION_URI] if edition.introduction else []),
        {label(en, "texts"): [pages.text_page_uri(t.slug) for t in edition.texts]},
        {label(en, "index"): [pages.index_page_uri(kind) for kind in pages.INDEX_SLUGS]},
        *([pages.GLOSSARY_URI] if edition.glossary else []),
        pages.CONCORDANCE_URI,
        *([pages.COMMENTARY_URI, pages.BIBLIOGRAPHY_URI] if edition.commentary else []),
        pages.DOWNLOADS_URI,
        CHANGES_URI,
        {label(en, "nav_about"): "about.md"},
    ]


def _set_build_identity(config: MkDocsConfig, edition: Edition) -> None:
    """Version, commit and date of this build for templates (config.extra.build); the date also
    becomes SOURCE_DATE_EPOCH, which MkDocs uses for the sitemap, so builds never depend on the clock."""
    try:
        info = buildinfo.of(edition.version)
    except buildinfo.BuildInfoError as exc:
        raise PluginError(f"error: {exc} [build-date]") from None
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(info.epoch))
    config["extra"]["build"] = info.extra()


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    _confirm_now()  # the last event before MkDocs writes pages into the site
    # Compiling Material's templates is the largest cost of a rebuild (~1 s per language);
    # jinja's bytecode cache keeps the compiled templates between builds and serve reloads.
    jinja_cache = CACHE_DIR / "jinja"
    jinja_cache.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(jinja_cache))
    # For overrides/partials/search.html: the header's search box, labelled in the page's language.
    env.globals["alb_label"] = label
    env.globals["alb_search_page"] = lambda lang: pages.site_path(pages.SEARCH_URI, lang)
    return env


def on_pre_build(config: MkDocsConfig) -> None:
    docs, stubs = Path(config["docs_dir"]), pages.stubs(_edition()) + changes_stubs()
    changes = pages.stub_changes(docs, GENERATED_DIRS, stubs)
    if changes:
        _confirm_now()  # docs/ is written only from a validated corpus
    pages.write_stubs(docs, GENERATED_DIRS, stubs, changes)


def _page_language(page: Page, config: MkDocsConfig) -> str:
    return getattr(page.file, "locale", None) or config["theme"].get("language") or DEFAULT_LANGUAGE


def _entity_href(edition: Edition, lang: str, page: Page) -> Callable[[str], str | None]:
    kinds = {e.xml_id: e.kind for e in edition.entities}

    def href(entity_id: str) -> str | None:
        kind = kinds.get(entity_id)
        if kind is None:
            return None
        target = pages.site_path(pages.index_page_uri(kind), lang)
        return f"{get_relative_url(target, page.url)}#{entity_id}"
    return href


def _page_href(uri: str, lang: str, page: Page) -> str:
    return get_relative_url(pages.site_path(uri, lang), page.url)


def _text_href(lang: str, page: Page) -> Callable[[str], str]:
    """URL of a text's page (by the siglum of the original) from this page."""
    return lambda siglum: _page_href(pages.text_page_uri(siglum.lower()), lang, page)


def _pointer_href(edition: Edition, lang: str, page: Page) -> Callable[[str], str | None]:
    """Where a TEI pointer of the corpus lands on the site, from this page (None: not ours)."""
    originals = {d.file_name: (d.translation_of or d.siglum) for d in edition.documents()}
    entity = _entity_href(edition, lang, page)
    text_href = _text_href(lang, page)

    def href(pointer: str) -> str | None:
        file_name, _, fragment = pointer.partition("#")
        if file_name in originals:
            return text_href(originals[file_name]) + (f"#{fragment}" if fragment else "")
        if file_name == edition.authority_file and fragment:
            return entity(fragment)
        for name, uri in ((edition.bibliography_file, pages.BIBLIOGRAPHY_URI),
                          (edition.commentary_file, pages.COMMENTARY_URI),
                          (edition.glossary_file, pages.GLOSSARY_URI),
                          (edition.introduction_file, pages.INTRODUCTION_URI)):
            if name and file_name == name:
                return _page_href(uri, lang, page) + (f"#{fragment}" if fragment else "")
        if file_name == "edition.xml" and fragment.startswith("q-"):
            return _page_href(pages.CONCORDANCE_URI, lang, page) + f"#{fragment}"
        return None
    return href


def _commentary_links(edition: Edition, lang: str, page: Page) -> commentarypage.CommentaryLinks:
    return commentarypage.CommentaryLinks(
        text_page=_text_href(lang, page),
        concordance=_page_href(pages.CONCORDANCE_URI, lang, page),
        commentary=_page_href(pages.COMMENTARY_URI, lang, page),
        bibliography=_page_href(pages.BIBLIOGRAPHY_URI, lang, page),
        entity=_entity_href(edition, lang, page),
    )


def _ctx(edition: Edition, lang: str, page: Page) -> Ctx:
    return Ctx(lang, entity_href=_entity_href(edition, lang, page), pointer_href=_pointer_href(edition, lang, page),
               entity_attrs=search.entity_attrs(edition))


def _term_href(edition: Edition, lang: str, page: Page):
    entries = {e.xml_id for e in edition.glossary}
    glossary = _page_href(pages.GLOSSARY_URI, lang, page)
    return lambda entry: f"{glossary}#{entry}" if entry in entries else None


def _citer_href(edition: Edition, lang: str, page: Page):
    """Where a place that cites a work is (the bibliography page's "cited in")."""
    uris = {citing.COMMENTARY: pages.COMMENTARY_URI, citing.GLOSSARY: pages.GLOSSARY_URI,
            citing.INTRODUCTION: pages.INTRODUCTION_URI}

    def href(citer: citing.Citer) -> str:
        uri = pages.text_page_uri(citer.siglum.lower()) if citer.kind == citing.APPARATUS and citer.siglum \
            else uris[citer.kind]
        return f"{_page_href(uri, lang, page)}#{citer.xml_id}"
    return href


def _toc(entries: list) -> object:
    return get_toc([{"level": e.level, "id": e.id, "name": str(escape(e.title)), "children": []} for e in entries])


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    lang = _page_language(page, config)
    return edition_citation(markdown, citation.imprint(_edition(), lang, _home_url_for(_edition(), lang)))


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    body = _page_body(html, page, config)
    lang = _page_language(page, config)
    english_page = page.url.removeprefix(f"{lang}/") if lang != DEFAULT_LANGUAGE else page.url
    here, moved = anchors.aliases_for(_aliases, english_page)
    moved_links = [(alias, get_relative_url(anchors.page_in(alias.new.page, lang), page.url) + f"#{alias.new.id}")
                   for alias in moved]
    return anchors.apply_aliases(body, here, moved_links, lang)


def _page_body(html: str, page: Page, config: MkDocsConfig) -> str:
    kind = page.meta.get("alb_page")
    if kind == pages.PAGE_INDEX:
        return _index_page(page, config)
    if kind == pages.PAGE_CONCORDANCE:
        return _concordance_page(page, config)
    if kind == pages.PAGE_DOWNLOADS:
        return _downloads_page(page, config)
    if kind in (pages.PAGE_COMMENTARY, pages.PAGE_BIBLIOGRAPHY):
        return _commentary_page(page, config, kind)
    if kind == pages.PAGE_SEARCH:
        return _search_page(page, config)
    if kind == PAGE_CHANGES:
        return _changes_page(page, config)
    if kind in (pages.PAGE_GLOSSARY, pages.PAGE_INTRODUCTION):
        return _editorial_page(page, config, kind)
    if kind != pages.PAGE_TEXT:
        return html
    edition = _edition()
    lang = _page_language(page, config)
    text = edition.text(page.meta["alb_text"])
    links = textpage.Links(
        tei=get_relative_url(f"{PUBLISHED_TEI_DIR}/{text.file_name}", page.url),
        copy_text=get_relative_url(f"{PUBLISHED_TEI_DIR}/{text.source.witness_file.removeprefix('tei/')}", page.url)
        if text.source.witness_file else None,
        downloads=_page_href(pages.DOWNLOADS_URI, lang, page),
        page=_site_url + page.url,
    )
    commented = None
    if edition.commentary:
        on_page = commentarypage.on_text_page(edition, commentary.resolver(edition), text, lang)
        comment_links = _commentary_links(edition, lang, page)
        commented = textpage.Commented(
            on_page.refs, lambda ctx: commentarypage.text_page_section(on_page, ctx, comment_links, text.siglum),
            tuple(e for _, entry, _ in on_page.entries for e in commentary.named_entities(entry)))
    glossed = textpage.Glossed({c.xml_id: c.label for c in edition.emendation_classes},
                               _term_href(edition, lang, page), glossarypage.term_label(edition, lang),
                               lambda docs: glossarypage.cards(edition, docs, lang))
    fragment, toc = textpage.text_page(text, edition.translation(text.siglum), lang, links,
                                       {e.xml_id: e for e in edition.entities}, _entity_href(edition, lang, page),
                                       commented, _pointer_href(edition, lang, page),
                                       _dts_links(edition, text, page), glossed)
    page.toc = _toc(toc)
    return fragment


def _dts_links(edition: Edition, text: TextDoc, page: Page) -> dict[str, dtslinks.DtsLink]:
    """Each unit's DTS reference and its TEI in the DTS tree, for the permalinks and the cite dialog."""
    docs = [d for d in (text, edition.translation(text.siglum)) if d is not None]
    return dtslinks.links(edition, docs, lambda path: dts.url_of("", get_relative_url(path, page.url)))


def _home_url_for(edition: Edition, lang: str) -> str:
    return _site_url + pages.site_path("index.md", lang)


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    """Citation data for the templates: metadata tags, the page's citation, the cite dialog's JSON."""
    edition = _edition()
    lang = _page_language(page, config)
    imp = citation.imprint(edition, lang, _home_url_for(edition, lang))
    text = edition.text(page.meta["alb_text"]) if page.meta.get("alb_page") == pages.PAGE_TEXT else None
    page_url = _site_url + page.url
    tei_url = f"{_site_url}{PUBLISHED_TEI_DIR}/{text.file_name}" if text else None
    home = page.url == pages.site_path("index.md", lang)  # each language's home page cites the edition
    title = text.title.get(lang) if text else Markup(page.title or "").unescape()  # stub titles are escaped
    cited = citation.CitedPage(None if home else title, page_url, text, tei_url)
    cited_texts = [(label(lang, "cite_this_text"), text)] if text else []
    records = [(label(lang, "cite_record", format=name, what=what),
                get_relative_url(f"{downloads.citation_stem(doc, lang)}.{ext}", page.url))
               for what, doc in [*cited_texts, (label(lang, "cite_the_edition"), None)]
               for name, ext in downloads.CITE_FORMATS]
    description = page.meta.get("description") or config.get("site_description") or ""
    context["alb_meta"] = citation.meta_tags(imp, cited, description, [o for o in LANGUAGES if o != lang])
    context["alb_cite"] = citation.script_config(imp, cited, records)
    context["alb_citation"] = {
        "title": label(lang, "cite_title"), "intro": label(lang, "cite_intro"),
        "text": citation.templates(imp, cited)["page"].replace(citation.ACCESSED,
                                                                 label(lang, "cite_accessed_unknown")),
        "records_label": label(lang, "cite_records"), "records": records,
        "page_url": page_url, "tei_url": tei_url,
    }
    context["alb_footer"] = _footer(config, lang)
    context["alb_links"] = dts.page_links(edition, text, _site_url)  # <link>s to the text's DTS record
    context["alb_footer"]["changes"] = (label(lang, "footer_versions"), _page_href(CHANGES_URI, lang, page))
    context["alb_jsonld"] = jsonld.graph(edition, imp, cited)
    return context


def _footer(config: MkDocsConfig, lang: str) -> dict[str, str]:
    build = config["extra"].get("build") or {}
    version = build.get("version") or config["extra"].get("edition_version", "")
    out = {"version": label(lang, "footer_version", version=version)}
    if build.get("commit_short") and build.get("date"):
        out["build"] = label(lang, "footer_build", commit=build["commit_short"], date=build["date"])
    return out


def _index_page(page: Page, config: MkDocsConfig) -> str:
    edition = _edition()
    lang = _page_language(page, config)

    text_href = _text_href(lang, page)
    links = indexpage.IndexLinks(text_page=lambda doc: text_href(doc.translation_of or doc.siglum),
                                 entity=_entity_href(edition, lang, page),
                                 pointer=_pointer_href(edition, lang, page))
    fragment, toc = indexpage.index_page(edition, page.meta["alb_kind"], lang, links)
    page.toc = _toc(toc)
    return fragment


def _concordance_page(page: Page, config: MkDocsConfig) -> str:
    edition = _edition()
    lang = _page_language(page, config)

    by_question = commentary.entries_by_question(edition)
    commentary_url = _page_href(pages.COMMENTARY_URI, lang, page)

    def comments(question: str) -> list[tuple[str, str]]:
        return [(label(lang, "see_commentary", title=e.label.get(lang)), f"{commentary_url}#{e.xml_id}")
                for e in by_question.get(question, [])]

    links = concordancepage.ConcordanceLinks(
        text_page=_text_href(lang, page),
        downloads={kind: get_relative_url(path, page.url) for kind, path in CONCORDANCE_DATA.items()},
        commentary=comments,
    )
    fragment, toc = concordancepage.concordance_page(edition, concordance.of_edition(edition), lang, links,
                                                     exports.COLUMNS)
    page.toc = _toc(toc)
    return fragment


def _commentary_page(page: Page, config: MkDocsConfig, kind: str) -> str:
    edition = _edition()
    lang = _page_language(page, config)
    ctx = _ctx(edition, lang, page)
    if kind == pages.PAGE_COMMENTARY:
        fragment, toc = commentarypage.commentary_page(edition, ctx, _commentary_links(edition, lang, page))
    else:
        fragment, toc = commentarypage.bibliography_page(edition, ctx, _citer_href(edition, lang, page))
    page.toc = _toc(toc)
    return fragment


def _editorial_page(page: Page, config: MkDocsConfig, kind: str) -> str:
    """The glossary and the introduction (scripts/glossarypage.py, scripts/intropage.py)."""
    edition = _edition()
    lang = _page_language(page, config)
    ctx = _ctx(edition, lang, page)
    if kind == pages.PAGE_GLOSSARY:
        links = glossarypage.GlossaryLinks(text_page=_text_href(lang, page), entity=_entity_href(edition, lang, page))
        fragment, toc = glossarypage.glossary_page(edition, ctx, links)
    else:
        fragment, toc = intropage.introduction_page(edition, ctx)
    page.toc = _toc(toc)
    return fragment


def _zip_time(edition: Edition) -> tuple[int, ...]:
    try:
        return downloads.zip_timestamp(edition.published, os.environ.get("SOURCE_DATE_EPOCH"))
    except ValueError as exc:
        raise PluginError(f"SOURCE_DATE_EPOCH: error: {exc} [environment]") from None


def _changes_page(page: Page, config: MkDocsConfig) -> str:
    lang = _page_language(page, config)
    edition = _edition()
    published = None
    if _release is not None:
        up = "../" * page.url.count("/")  # this version's root
        prefix = pages.site_path("index.md", lang)
        published = changelog.Published(_release.published, lambda v: f"{up}../{v}/{prefix}",
                                        f"{up}../{release.LATEST}/{prefix}",
                                        f"{siteurl.from_environment()}{release.LATEST}/{prefix}")
    fragment, toc = changelog.page(changelog.history(changelog.read(tei_dir()), edition.version), edition.version,
                                   lang, published)
    page.toc = _toc(toc)
    return fragment


def _search_page(page: Page, config: MkDocsConfig) -> str:
    lang = _page_language(page, config)
    links = searchpage.SearchLinks(
        bundle=get_relative_url(f"{search.BUNDLE_DIR}/pagefind.js", page.url),
        root=get_relative_url("", page.url) or "./",
        text_page=lambda siglum: _page_href(pages.text_page_uri(siglum.lower()), lang, page),
        index_page=lambda kind: _page_href(pages.index_page_uri(kind), lang, page),
    )
    return searchpage.search_page(_edition(), lang, links)


def _downloads(config: MkDocsConfig) -> tuple[downloads.Download, ...]:
    """This build's downloads, computed once and shared by both languages' pages and on_post_build."""
    edition = _edition()
    return downloads.of_build(edition, tei_dir(), _site_url, _zip_time(edition))


def _downloads_page(page: Page, config: MkDocsConfig) -> str:
    lang = _page_language(page, config)
    links = downloadspage.DownloadsLinks(
        file=lambda path: get_relative_url(path, page.url),
        concordance_columns=_page_href(pages.CONCORDANCE_URI, lang, page) + "#data-columns",
    )
    fragment, toc = downloadspage.downloads_page(_edition(), _downloads(config), lang, links, entitydata.COLUMNS)
    page.toc = _toc(toc)
    return fragment


def _index_for_search(config: MkDocsConfig) -> None:
    global _post_builds_seen
    _post_builds_seen += 1
    if _post_builds_seen < len(LANGUAGES):
        return
    _post_builds_seen = 0
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


@event_priority(-110)
def on_post_build(config: MkDocsConfig) -> None:
    downloads.write(Path(config["site_dir"]), _downloads(config))
    try:  # the static DTS API (dts/), the same for every language: written once, then only what changed
        dts.write(Path(config["site_dir"]), dts.of_build(_edition(), tei_dir(), config["site_url"] or "/"))
    except dts.DtsError as exc:
        raise PluginError(f"error: {exc} [dts]") from None
    moved = write_redirects(Path(config["site_dir"]), _site_url)
    if _release is not None:  # rewritten by each language's build: the last one lists every page
        release_manifest(Path(config["site_dir"]), _release, _edition(), _aliases, moved)
    _index_for_search(config)
