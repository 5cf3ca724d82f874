"""Links: no built page links to a file or a fragment that does not exist (both languages).

Every HTML file of the site is parsed with lxml; every URL it references (href, src, xlink:href,
srcset) that stays on the site is resolved like a browser would (relative to the page, directory
URLs → index.html, query strings ignored) and must name an existing file, and its fragment an
existing id of that page (or an xml:id of a published TEI file). All failures are reported at once.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from lxml import etree, html

from albazin.core import siteurl

SITE_URL = urlsplit(siteurl.DEFAULT)  # mkdocs.yml: site_url from SITE_URL, unset in the tests
URL_ATTRIBUTES = ("href", "src", "xlink:href", "poster", "data")
# Schemes that never name a file of the site; javascript: is checked separately (never allowed).
OTHER_SCHEMES = ("mailto", "tel")
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@cache
def ids_of(path: Path) -> frozenset[str]:
    """Fragment targets of a page: every id (and the legacy <a name>); of a TEI file, its xml:ids."""
    if path.suffix == ".xml":
        root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
        return frozenset(el.get(XML_ID) for el in root.iter(etree.Element) if el.get(XML_ID))
    doc = html.parse(str(path)).getroot()
    return frozenset(doc.xpath("//@id | //a/@name"))


def urls_of(doc: etree._Element) -> list[tuple[str, str]]:
    """(element description, URL) for every URL-valued attribute of the page."""
    found = []
    for el in doc.iter(etree.Element):
        for attr in URL_ATTRIBUTES:
            value = el.get(attr)
            if value is not None and not (attr == "data" and el.tag != "object"):
                found.append((f"<{el.tag} {attr}>", value.strip()))
        for candidate in (el.get("srcset") or "").split(","):
            if candidate.strip():
                found.append((f"<{el.tag} srcset>", candidate.split()[0]))
    return found


def site_target(page_url: str, url: str) -> tuple[str, str] | None:
    """The site-relative path and fragment a URL of a page resolves to; None if it leaves the site."""
    resolved = urlsplit(urljoin(f"{SITE_URL.scheme}://{SITE_URL.netloc}/{page_url}", url))
    if (resolved.scheme, resolved.netloc) != (SITE_URL.scheme, SITE_URL.netloc):
        return None
    return unquote(resolved.path).lstrip("/"), unquote(resolved.fragment)


def problem(site: Path, page_url: str, url: str) -> str | None:
    scheme = urlsplit(url).scheme.lower()
    if scheme == "javascript":
        return "javascript: URL"
    if scheme in OTHER_SCHEMES:
        return None
    target = site_target(page_url, url)
    if target is None:
        return None
    path, fragment = target
    file = site / path
    if path == "" or path.endswith("/") or file.is_dir():
        file = file / "index.html"
    if not file.is_file():
        return f"no such file: {file.relative_to(site)}"
    if fragment and file.suffix in (".html", ".xml") and fragment not in ids_of(file):
        return f"no id {fragment!r} in {file.relative_to(site)}"
    return None


def broken_links(site: Path) -> list[str]:
    failures = []
    for path in html_files(site):
        page_url = path.relative_to(site).as_posix()
        doc = html.parse(str(path)).getroot()
        for where, url in urls_of(doc):
            reason = problem(site, page_url, url)
            if reason:
                failures.append(f"{page_url}: {where} {url!r}: {reason}")
    return failures


@pytest.mark.build
def test_no_broken_internal_links_or_fragments(site: Path) -> None:
    pages = html_files(site)
    assert len(pages) > 20 and site / "ru" / "texts" / "a" / "index.html" in pages  # both languages crawled
    failures = broken_links(site)
    assert not failures, f"{len(failures)} broken link(s):\n" + "\n".join(failures)


@pytest.mark.build
def test_sitemap_lists_only_existing_pages(site: Path) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = etree.parse(str(site / "sitemap.xml")).getroot().xpath("//s:loc/text()", namespaces=ns)
    assert locs
    failures = [f"{loc}: {reason}" for loc in locs if (reason := problem(site, "", loc))]
    assert not failures, "\n".join(failures)


def test_the_checker_finds_what_it_must(tmp_path: Path) -> None:
    """The crawler itself: a directory URL, a relative URL with a query, a missing file, a missing id."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<p id="x">x</p>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a><a href="a/?q=1#x">ok</a><a href="./a/index.html#x">ok</a>'
        f'<a href="{SITE_URL.geturl()}a/#x">ok</a><a href="http://elsewhere.invalid/x">external</a>'
        '<a href="#top">missing id</a><a href="b/">missing dir</a><a href="a/#y">missing id elsewhere</a>'
        '<a href="javascript:alert(1)">script</a><img src="img.png" alt="">', encoding="utf-8")
    assert broken_links(tmp_path) == [
        "index.html: <a href> '#top': no id 'top' in index.html",
        "index.html: <a href> 'b/': no such file: b/index.html",
        "index.html: <a href> 'a/#y': no id 'y' in a/index.html",
        "index.html: <a href> 'javascript:alert(1)': javascript: URL",
        "index.html: <img src> 'img.png': no such file: img.png",
    ]
