"""Self-contained: no built file makes the browser load anything from another host."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import html

# (element, attribute) pairs whose URL the browser fetches by itself.
LOADED = [("script", "src"), ("img", "src"), ("img", "srcset"), ("iframe", "src"), ("source", "src"),
          ("source", "srcset"), ("video", "src"), ("video", "poster"), ("audio", "src"), ("embed", "src"),
          ("object", "data"), ("track", "src"), ("input", "src"), ("image", "href")]
LOADED_LINK_RELS = {"stylesheet", "icon", "shortcut", "preload", "prefetch", "modulepreload", "manifest",
                    "apple-touch-icon", "dns-prefetch", "preconnect"}
EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""", re.IGNORECASE)
JS_LOAD = re.compile(r"""(?:importScripts|import)\s*\(\s*['"]((?:https?:)?//[^'"]+)|"""
                     r"""from\s+['"]((?:https?:)?//[^'"]+)""")


def external_resources_in_html(text: str) -> list[str]:
    doc = html.fromstring(text)
    found = []
    for tag, attr in LOADED:
        for el in doc.iter(tag):
            for url in re.split(r",\s*", el.get(attr) or ""):
                if EXTERNAL.match(url):
                    found.append(f"<{tag} {attr}={url}>")
    for el in doc.iter("link"):
        rels = set((el.get("rel") or "").lower().split())
        if rels & LOADED_LINK_RELS and EXTERNAL.match(el.get("href") or ""):
            found.append(f"<link rel={el.get('rel')} href={el.get('href')}>")
    for el in doc.iter("style"):
        found += external_resources_in_css(el.text or "")
    for el in doc.xpath("//*[@style]"):
        found += external_resources_in_css(el.get("style"))
    return found


def external_resources_in_css(text: str) -> list[str]:
    urls = [a or b for a, b in CSS_URL.findall(text)]
    return [f"css {url}" for url in urls if EXTERNAL.match(url)]


def external_resources_in_js(text: str) -> list[str]:
    return [f"js {a or b}" for a, b in JS_LOAD.findall(text)]


def scan(site: Path) -> dict[str, list[str]]:
    problems = {}
    for path in sorted(site.rglob("*")):
        if path.suffix == ".html":
            found = external_resources_in_html(path.read_text(encoding="utf-8"))
        elif path.suffix == ".css":
            found = external_resources_in_css(path.read_text(encoding="utf-8"))
        elif path.suffix == ".js":
            found = external_resources_in_js(path.read_text(encoding="utf-8"))
        else:
            continue
        if found:
            problems[str(path.relative_to(site))] = found
    return problems


def test_no_file_loads_from_another_host(site: Path) -> None:
    assert scan(site) == {}


def test_the_scanner_catches_each_kind_of_external_load() -> None:
    page = """<html><head><link rel="stylesheet" href="https://cdn.example/x.css">
      <script src="//cdn.example/x.js"></script><style>@import "https://fonts.example/f.css";</style></head>
      <body><img src="http://tiles.example/1.png"><iframe src="https://maps.example/"></iframe>
      <div style="background: url(https://img.example/b.png)"></div><a href="https://ok.example/">link</a></body></html>"""
    assert len(external_resources_in_html(page)) == 6
    assert external_resources_in_css("@font-face{src:url('https://fonts.example/a.woff2')}") != []
    assert external_resources_in_js('import("https://cdn.example/m.js")') != []
    assert external_resources_in_html('<a href="https://en.wikipedia.org/">a link is not a load</a>') == []
