"""What the templates get for each page (on_page_context): the citation metadata, the page's
citation and the cite dialog's records, the footer, the DTS links and the JSON-LD."""

from __future__ import annotations

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from albazin.publish import citation, downloads, dts, jsonld, pages
from albazin.site.buildstate import BuildState
from albazin.core.i18n import LANGUAGES, label
from albazin.model.model import Edition
from albazin.site.routes import Routes


def home_url(state: BuildState, lang: str) -> str:
    """The absolute URL of the home page in a language (the edition's address in citations)."""
    return state.site_url + pages.site_path(pages.HOME_URI, lang)


def imprint(state: BuildState, edition: Edition, lang: str) -> citation.Imprint:
    return citation.imprint(edition, lang, home_url(state, lang))


def page_context(context: dict, page: Page, config: MkDocsConfig, state: BuildState, lang: str) -> dict:
    """Citation data for the templates: metadata tags, the page's citation, the cite dialog's JSON."""
    edition = state.edition()
    routes = Routes(edition, lang, page.url)
    site_url = state.site_url
    imp = imprint(state, edition, lang)
    text = edition.text(page.meta["alb_text"]) if page.meta.get("alb_page") == pages.PAGE_TEXT else None
    page_url = site_url + page.url
    tei_url = f"{site_url}{downloads.TEI_DIR}/{text.file_name}" if text else None
    home = page.url == pages.site_path(pages.HOME_URI, lang)  # each language's home page cites the edition
    title = text.title.get(lang) if text else Markup(page.title or "").unescape()  # stub titles are escaped
    cited = citation.CitedPage(None if home else title, page_url, text, tei_url)
    cited_texts = [(label(lang, "cite_this_text"), text)] if text else []
    records = [(label(lang, "cite_record", format=name, what=what),
                routes.file(f"{downloads.citation_stem(doc, lang)}.{ext}"))
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
    context["alb_footer"] = footer(config, lang)
    context["alb_links"] = dts.page_links(edition, text, site_url)  # <link>s to the text's DTS record
    context["alb_footer"]["changes"] = (label(lang, "footer_versions"), routes.page(pages.CHANGES_URI))
    context["alb_jsonld"] = jsonld.graph(edition, imp, cited)
    return context


def footer(config: MkDocsConfig, lang: str) -> dict[str, str]:
    """The footer's version line, and the build's commit and date when known."""
    build = config["extra"].get("build") or {}
    version = build.get("version") or config["extra"].get("edition_version", "")
    out = {"version": label(lang, "footer_version", version=version)}
    if build.get("commit_short") and build.get("date"):
        out["build"] = label(lang, "footer_build", commit=build["commit_short"], date=build["date"])
    return out
