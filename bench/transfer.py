"""Benchmark (d): what a first visit to each page type transfers, gzip-compressed.

Each page is loaded in a fresh Chromium context (empty cache) from the built site served on
127.0.0.1, and every response the page and its workers receive until the network is idle is
counted: the HTML, stylesheets, scripts and everything else it loads (the search index, lunr's
language files, images). Each body is compressed with gzip at level 6 (zlib's default, a common
server setting). Sizes are deterministic, so one load per page is enough.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from albazin.core.i18n import DEFAULT_LANGUAGE, LANGUAGES
from albazin.publish.pages import INDEX_SLUGS

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
KINDS = ("html", "css", "js", "data")
SETTLE_MS = 1000  # after network idle: the search worker fetches lunr's language files a little later


def page_types(site: Path) -> list[tuple[str, str]]:
    """(page type, site path in the default language) of every page type the site has or may have."""
    texts = sorted(p.parent.name for p in (site / "texts").glob("*/index.html"))
    candidates = [("home", ""), ("about", "about/")]
    candidates += [(f"text {slug.upper()}", f"texts/{slug}/") for slug in texts]
    candidates += [(f"index ({slug})", f"index/{slug}/") for slug in INDEX_SLUGS.values()]
    candidates += [(name, f"{name}/") for name in ("concordance", "commentary", "bibliography", "downloads", "search")]
    return candidates


def localised(path: str, lang: str) -> str:
    return path if lang == DEFAULT_LANGUAGE else f"{lang}/{path}"


def _kind(url: str, resource_type: str, content_type: str) -> str:
    path = urlsplit(url).path
    if resource_type == "document" or "text/html" in content_type:
        return "html"
    if path.endswith(".css") or resource_type == "stylesheet" or "css" in content_type:
        return "css"
    if path.endswith((".js", ".mjs")) or resource_type == "script" or "javascript" in content_type:
        return "js"
    return "data"


@dataclass
class Load:
    gzip_bytes: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    raw_bytes: int = 0
    search_index: int = 0  # gzip bytes of the search index, part of "data"
    requests: int = 0
    failed: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)  # requests to another host than the site's

    @property
    def total(self) -> int:
        return sum(self.gzip_bytes.values())


def load(context_factory: Callable[[], Any], url: str) -> Load:
    """Load one page in a fresh context (empty cache) and count what it transferred."""
    found = Load()
    context = context_factory()
    responses: list[Any] = []
    context.on("response", lambda response: responses.append(response))
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(SETTLE_MS)
    host = urlsplit(url).netloc
    for response in responses:
        if response.url.startswith("data:"):
            continue
        if urlsplit(response.url).netloc != host:
            found.foreign.append(response.url)
        if response.status >= 400:
            found.failed.append(f"{response.status} {response.url}")
        try:
            body = response.body()
        except Exception:  # a redirect or an aborted request has no body
            body = b""
        kind = _kind(response.url, response.request.resource_type, response.headers.get("content-type", ""))
        compressed = len(gzip.compress(body, 6))
        found.gzip_bytes[kind] += compressed
        if urlsplit(response.url).path.endswith("search_index.json"):
            found.search_index += compressed
        found.raw_bytes += len(body)
        found.requests += 1
    context.close()
    return found


def measure(site: Path, base: str) -> dict[tuple[str, str], Load | None]:
    """(page type, language) → what its first load transferred; None if the site has no such page."""
    from playwright.sync_api import sync_playwright

    results: dict[tuple[str, str], Load | None] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            for name, path in page_types(site):
                for lang in LANGUAGES:
                    target = localised(path, lang)
                    exists = (site / target / "index.html").is_file()
                    results[(name, lang)] = load(browser.new_context, base + target) if exists else None
        finally:
            browser.close()
    return results
