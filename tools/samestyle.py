"""Do two builds of the site look the same? Every element's computed style, compared page by page.

tools/samesite.py proves a refactoring leaves the built files byte-identical. A change to the CSS
and JavaScript files themselves (split into modules, rules moved between files) cannot pass that
test, but it must not change what a reader sees: this opens every HTML page of both sites in
Chromium, at a phone, a laptop and a wide width, in the light and the dark scheme, and once for
print, lets the scripts finish (tests/conftest.py SETTLED), and compares the computed style of every
element and of its ::before and ::after, in document order. Hover, focus and the dialogs the scripts
open are not covered (the browser tests open those).

    python tools/samesite.py BASE --keep        # builds both sites and prints where it kept them
    python tools/samestyle.py OLD_SITE NEW_SITE # exit 0: same styles; 1: prints the differences

Attribute values are not compared (a class may be renamed), nor custom properties (a variable may
be renamed: the properties it sets are compared); tag names and the number of elements of the
body are (the head may gain a <link>).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Page, sync_playwright  # noqa: E402

from bench.serve import serving  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, SETTLED  # noqa: E402

WIDTHS = (375, 1366)
WIDE = 1700  # text pages only: the width from which their side panels show
SCHEMES = ("light", "dark")

# One signature per element: its tag and all its computed properties but custom ones (and its pseudo-elements').
SIGNATURES = """() => {
  const pseudo = ['::before', '::after', '::marker'];
  const sig = (cs) => {
    const out = [];
    for (let i = 0; i < cs.length; i++) if (!cs[i].startsWith('--')) out.push(cs[i] + ':' + cs.getPropertyValue(cs[i]));
    return out.join(';');
  };
  return [...document.querySelectorAll('html, body, body *')].map(el => {
    const own = sig(getComputedStyle(el));
    const extra = pseudo.map(p => {
      const cs = getComputedStyle(el, p);
      return cs.content && cs.content !== 'none' && cs.content !== 'normal' ? p + '{' + sig(cs) + '}' : '';
    }).join('');
    return el.tagName + '|' + own + extra;
  });
}"""


def pages(site: Path) -> list[str]:
    """Every HTML page of the site, as paths from its root (the DTS API's files are JSON)."""
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html") if p.parts[len(site.parts)] != "dts")


def signatures(page: Page, url: str) -> list[str]:
    page.goto(url)
    page.wait_for_function(SETTLED)
    page.evaluate("document.fonts.ready")
    return page.evaluate(SIGNATURES)


def describe(old: str, new: str) -> str:
    """The properties that differ between two signatures of one element."""
    a = dict(p.split(":", 1) for p in old.split("|", 1)[1].split(";") if ":" in p)
    b = dict(p.split(":", 1) for p in new.split("|", 1)[1].split(";") if ":" in p)
    keys = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
    return ", ".join(f"{k}: {a.get(k)!r} → {b.get(k)!r}" for k in keys[:8]) + (" …" if len(keys) > 8 else "")


def compare(old_site: Path, new_site: Path) -> int:
    differences = visits = 0
    with serving(old_site) as old_url, serving(new_site) as new_url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        for path in pages(old_site):
            if not (new_site / path).exists():
                print(f"{path}: missing from the new site")
                differences += 1
                continue
            route = path.removesuffix("index.html")
            widths = WIDTHS + ((WIDE,) if "/texts/" in f"/{route}" else ())
            views = [(w, s, "screen") for w in widths for s in SCHEMES] + [(1366, "light", "print")]
            for width, scheme, media in views:
                context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
                page = context.new_page()
                page.emulate_media(media=media)
                old, new = signatures(page, old_url + route), signatures(page, new_url + route)
                context.close()
                visits += 1
                where = f"{path} at {width} px, {scheme}, {media}"
                if len(old) != len(new):
                    print(f"{where}: {len(old)} elements before, {len(new)} after")
                    differences += 1
                    continue
                for i, (a, b) in enumerate(zip(old, new, strict=True)):
                    if a != b:
                        print(f"{where}: element {i} <{a.split('|', 1)[0].lower()}>: {describe(a, b)}")
                        differences += 1
        browser.close()
    print(f"{visits} views of {len(pages(old_site))} pages compared: {differences} difference(s)")
    return 1 if differences else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    args = parser.parse_args()
    return compare(args.old, args.new)


if __name__ == "__main__":
    sys.exit(main())
