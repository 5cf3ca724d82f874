"""Quality gates in the browser: every page type, in both languages and both colour schemes (light
and dark), loads with no console error and no failed or foreign request; axe-core finds no WCAG 2.1
A/AA violation in the default view, in every reading view, with each popup open and at phone width;
every kind of control works with the keyboard alone and shows where the focus is.

The scheme is the reader's system setting (Playwright's colour-scheme emulation), which the site
follows until the reader chooses with its switch (tests/test_palette_browser.py checks the switch)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import LANGUAGES, SETTLED

pytestmark = pytest.mark.browser

# Every page type of the site, by site-relative path (English; Russian adds the ru/ prefix).
# Downloads and search come with other work: a type whose page is not in the built site is skipped.
PAGE_TYPES: dict[str, str] = {
    "home": "",
    "about": "about/",
    "text-a": "texts/a/",
    "text-b": "texts/b/",
    "text-c": "texts/c/",
    "index-persons": "index/persons/",
    "index-places": "index/places/",
    "index-groups": "index/groups/",
    "concordance": "concordance/",
    "commentary": "commentary/",
    "bibliography": "bibliography/",
    "introduction": "introduction/",
    "glossary": "glossary/",
    "downloads": "downloads/",
    "search": "search/",
    "changes": "changes/",
}

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

AXE = Axe()
WCAG = {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
# Every dialog has a name (not a WCAG-tagged rule; the theme's search dialog had none).
NAMED_DIALOGS = {"aria-dialog-name": {"enabled": True}}
ALL_RULES = {"runOnly": WCAG, "rules": NAMED_DIALOGS, "resultTypes": ["violations"]}
# The colour rules take nine tenths of axe's time, and a reading view, a popup or a narrow screen
# restyles few elements. So each page is checked in full once (default view, desktop); in every
# other state the other rules run on the whole page and the colour rules on what the state added,
# showed or restyled (with its contents). Unchanged elements would give the default's result.
COLOUR_RULES = ("color-contrast", "link-in-text-block")
OTHER_RULES = {"runOnly": WCAG, "resultTypes": ["violations"],
               "rules": {**NAMED_DIALOGS, **{rule: {"enabled": False} for rule in COLOUR_RULES}}}
COLOUR_ONLY = {"runOnly": {"type": "rule", "values": list(COLOUR_RULES)}, "resultTypes": ["violations"]}
RECHECK = "data-alb-recheck"  # set by STYLE_DIFF

# Without an argument: the colour-relevant style of every element in view, by a path stable across
# reloads (the nearest id, then child positions). With a previous result: marks the outermost
# elements that are new, newly visible or restyled since, and returns how many were marked and how
# many were hidden.
STYLE_DIFF = """before => {
  const paths = new Map(), now = {};
  let marked = 0, hidden = 0;
  for (const el of document.body.querySelectorAll('*')) {
    const parent = el.parentElement;
    const path = el.id ? '#' + el.id : (paths.get(parent) || '') + '/' + [...parent.children].indexOf(el);
    paths.set(el, path);
    const s = getComputedStyle(el), box = el.getBoundingClientRect();
    const onCanvas = box.right > 0 && box.left < innerWidth;  // not slid out sideways, as a closed drawer
    const key = onCanvas && el.checkVisibility({opacityProperty: true, visibilityProperty: true})
      ? [s.color, s.backgroundColor, s.backgroundImage, s.opacity, s.fontSize, s.fontWeight, s.fontStyle,
         s.textDecorationLine, s.borderBottomStyle].join('|') : '';
    now[path] = key;
    if (!before) continue;
    if (!key && before[path]) hidden++;
    if (key && before[path] !== key && !el.closest('[data-alb-recheck]')) {
      el.setAttribute('data-alb-recheck', '');
      marked++;
    }
  }
  return before ? [marked, hidden] : now;
}"""


def site_path(lang: str, path: str) -> str:
    return ("" if lang == "en" else f"{lang}/") + path


def require_page(site: Path, lang: str, kind: str) -> str:
    """The page's site-relative URL, or a skip if this page type is not (yet) in the built site."""
    path = site_path(lang, PAGE_TYPES[kind])
    if not (site / path / "index.html").is_file():
        pytest.skip(f"no {kind} page in the built site")
    return path


# The reader's system colour scheme, and the theme's scheme it selects (mkdocs.yml theme.palette).
SCHEMES: dict[str, str] = {"light": "default", "dark": "slate"}


@dataclass
class Reader:
    """One browser tab per language and colour scheme, reused across tests; records what goes wrong
    on each page."""

    lang: str
    page: object
    server: str
    problems: list[str] = field(default_factory=list)
    scheme: str = "light"

    @property
    def name(self) -> str:
        return f"{self.lang} {self.scheme}"

    def watch(self) -> None:
        host = urlsplit(self.server).netloc
        pg = self.page

        def on_request(request) -> None:
            parts = urlsplit(request.url)
            if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != host:
                self.problems.append(f"request to another host: {request.url}")

        pg.on("request", on_request)
        pg.on("console", lambda m: self.problems.append(f"console error: {m.text}") if m.type == "error" else None)
        pg.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        # ERR_ABORTED: cancelled by the browser when the reader moves on, e.g. the search worker's scripts.
        pg.on("requestfailed", lambda r: self.problems.append(f"request failed: {r.url} ({r.failure})")
              if r.failure != "net::ERR_ABORTED" else None)
        pg.on("response", lambda r: self.problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)

    def open(self, path: str, wait: str = "load") -> None:
        self.problems.clear()
        self.page.goto(self.server + path, wait_until=wait)
        self.page.wait_for_function(SETTLED)  # the page as a reader sees it, a few frames after load
        shown = self.page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert shown == SCHEMES[self.scheme], (path, shown)  # the system setting chose the scheme

    def styles(self) -> dict[str, str]:
        return self.page.evaluate(STYLE_DIFF, None)

    def reset(self) -> None:
        """Forget the saved reading view, and return to the desktop width."""
        self.page.evaluate("localStorage.clear()")
        self.page.set_viewport_size(DESKTOP)


@pytest.fixture(scope="module", params=[(lang, scheme) for scheme in SCHEMES for lang in LANGUAGES],
                ids=lambda p: "-".join(p))
def reader(request, browser, server: str) -> Iterator[Reader]:
    lang, scheme = request.param
    context = browser.new_context(viewport=DESKTOP, locale=lang, color_scheme=scheme)
    reader = Reader(lang, context.new_page(), server, scheme=scheme)
    reader.watch()
    yield reader
    context.close()


def axe(page, where: str, options: dict, context: dict | None = None) -> list[str]:
    """One line per violation: where, rule id, impact, and the offending elements' selectors."""
    violations = AXE.run(page, context=context, options=options).response["violations"]
    return [f"{where}: {v['id']} ({v['impact']}, {len(v['nodes'])}×): "
            + "; ".join(" ".join(n["target"]) for n in v["nodes"][:8])
            for v in violations]


def axe_changed(page, where: str, before: dict[str, str]) -> tuple[list[str], int]:
    """Violations in a state reached from the one `before` recorded (see COLOUR_RULES), and how many
    elements the state added, showed, restyled or hid (outermost only)."""
    found = axe(page, where, OTHER_RULES)
    changed, hidden = page.evaluate(STYLE_DIFF, before)
    if changed:
        found += axe(page, where, COLOUR_ONLY, {"include": [[f"[{RECHECK}]"]]})
        page.evaluate(f"document.querySelectorAll('[{RECHECK}]').forEach(el => el.removeAttribute('{RECHECK}'))")
    return found, changed + hidden


def assert_none(found: list[str]) -> None:
    assert not found, "axe-core found WCAG 2.1 A/AA violations:\n" + "\n".join(found)


# --- 1. every page loads cleanly ---------------------------------------------------------------

@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_page_loads_without_console_error_or_failed_request(reader: Reader, site: Path, kind: str) -> None:
    reader.open(require_page(site, reader.lang, kind), wait="networkidle")
    assert reader.page.locator("html").get_attribute("lang") == reader.lang
    assert reader.page.locator("article.md-content__inner h1").count() == 1
    assert reader.problems == []


# --- 2. accessibility: axe-core on every page, view, open state and at phone width ---------------

@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_page_has_no_accessibility_violation(reader: Reader, site: Path, kind: str) -> None:
    reader.open(require_page(site, reader.lang, kind))
    assert_none(axe(reader.page, f"{reader.name} {kind}", ALL_RULES))


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_page_at_phone_width_has_no_accessibility_violation(reader: Reader, site: Path, kind: str) -> None:
    path = require_page(site, reader.lang, kind)
    reader.open(path)
    before = reader.styles()
    try:
        reader.page.set_viewport_size(PHONE)
        reader.open(path)
        assert reader.page.locator("label.md-header__button[for='__drawer']").is_visible()  # the phone layout
        found, changed = axe_changed(reader.page, f"{reader.name} {kind} [390 px]", before)
        assert changed > 0  # at least the menu button, hidden on the desktop
        assert_none(found)
    finally:
        reader.reset()


def reading_views(page) -> list[dict[str, str]]:
    """The reading views offered by the page's own controls (so a new toggle is covered without
    editing this test): each choice of each control, the others left at their default. Views only
    show or hide text, so these show everything any combination can show."""
    groups = page.evaluate("""() => {
        const groups = {};
        document.querySelectorAll('.alb-controls input[type=radio]').forEach(r => {
            (groups[r.name] = groups[r.name] || []).push([r.value, r.defaultChecked]); });
        return groups; }""")
    assert len(groups) >= 2, groups  # the text view and the layout
    default = {name: next(v for v, checked in choices if checked) for name, choices in groups.items()}
    return [{**default, name: value} for name, choices in sorted(groups.items())
            for value, checked in choices if not checked]


def view_dependent(site: Path, lang: str) -> list[str]:
    """The pages whose content a reading view changes: those with readings or text columns."""
    paths = [site_path(lang, path) for path in PAGE_TYPES.values()]
    return [path for path in paths if (site / path / "index.html").is_file()
            and re.search(r'class="[^"]*\balb-(reading|col)\b', (site / path / "index.html").read_text("utf-8"))]


def view_query(view: dict[str, str], defaults: dict[str, str]) -> str:
    """The address of a reading view (partials/prefs.html): ?view=…&layout=…, defaults left out."""
    parts = [f"{name.removeprefix('alb-')}={value}" for name, value in view.items() if value != defaults[name]]
    return "?" + "&".join(parts) if parts else ""


def test_every_reading_view_has_no_accessibility_violation(reader: Reader, site: Path) -> None:
    """Chosen as a reader does: with the controls on the first text page, then carried in the
    address (?view=…) to the other pages that show readings (the other texts, the concordance)."""
    first = require_page(site, reader.lang, "text-a")
    pages = [first] + [path for path in view_dependent(site, reader.lang) if path != first]
    assert len(pages) >= 4
    defaults = {}
    for path in reversed(pages):
        reader.open(path)
        defaults[path] = reader.styles()
    views = reading_views(reader.page)  # on the first page
    assert len(views) >= 3
    default_view = {name: reader.page.locator(f".alb-controls input[name='{name}'][checked]").get_attribute("value")
                    for name in views[0]}
    found: list[str] = []
    try:
        for view in views:
            label = ", ".join(f"{name}={value}" for name, value in view.items())
            reader.open(first)
            for name, value in view.items():
                reader.page.check(f".alb-controls input[name='{name}'][value='{value}']")
            query = view_query(view, default_view)
            assert query and reader.page.url.endswith(query), (label, reader.page.url)  # the view is in the address
            found_here, changed = axe_changed(reader.page, f"{reader.name} {first} [{label}]", defaults[first])
            assert changed > 0, label  # every view shows or hides something on a text page
            found += found_here
            for path in pages[1:]:
                reader.open(path + query)
                for name, value in view.items():  # the address's view is applied on the next page
                    assert reader.page.locator("html").get_attribute(f"data-{name}") == value
                found += axe_changed(reader.page, f"{reader.name} {path} [{label}]", defaults[path])[0]
    finally:
        reader.reset()
    assert reader.problems == []
    assert_none(found)


def filter_concordance(page) -> object:
    page.check("#alb-filter-disagree")
    assert page.locator(".alb-conc__row[data-status='agree']").first.is_hidden()
    return page.locator(".alb-conc__row[data-status='disagree']").first


def open_apparatus(page) -> object:
    page.locator(".alb-noteref").first.click()
    return page.locator(".alb-popup[role=dialog]")


def open_name_card(page) -> object:
    page.locator("a.alb-name").first.focus()
    return page.locator(".alb-card-popup")


def open_commentary(page) -> object:
    page.locator(".alb-comref").first.click()
    return page.locator(".alb-popup[role=dialog]")


def open_search_results(page) -> object:
    """A query typed into the search page's form, as a reader would (Pagefind, albazin/publish/search.py)."""
    field = page.locator(".alb-search__form input[name=q]")
    field.fill("Albazin" if "/ru/" not in page.url else "Албазин")
    field.press("Enter")
    return page.locator(".alb-search__results .alb-hit").first


def open_cite(page) -> object:
    page.locator(".alb-p .alb-cite-btn").first.click()
    return page.locator("#alb-cite")


def open_panels(page) -> object:
    """The side panels of a wide text page, folded away below 1600 px, shown with their button."""
    page.locator(".alb-panels-toggle").click()
    return page.locator(".md-sidebar--secondary .md-nav__link").first


def open_next_note(page) -> object:
    page.locator(".alb-noteref").first.click()
    page.locator(".alb-popup__step--next").click()
    return page.locator(".alb-popup[role=dialog] .alb-popup__step--previous:not([disabled])")


def tap_name_card(page) -> object:
    """A tap on a name, as a finger gives it (pointerdown of a touch, then the click): its card, with
    the way on to the index entry, instead of the index at once."""
    name = page.locator("a.alb-name").first
    name.dispatch_event("pointerdown", {"pointerType": "touch", "isPrimary": True})
    name.dispatch_event("click")
    return page.locator(".alb-card-popup--tap .alb-card__go")


def open_drawer(page) -> object:
    page.locator("label.md-header__button[for='__drawer']").click()
    return page.locator(".md-sidebar--primary .md-nav__title").first


# States a reader opens: (page type, phone width?, how a reader opens it -> what is then visible).
OPEN_STATES: dict[str, tuple[str, bool, Callable[[object], object]]] = {
    "concordance-filtered": ("concordance", False, filter_concordance),
    "apparatus-note": ("text-a", False, open_apparatus),
    "name-card": ("text-b", False, open_name_card),
    "commentary-beside": ("text-c", False, open_commentary),
    "search-results": ("search", False, open_search_results),
    "cite-dialog": ("text-a", False, open_cite),
    "phone-cite-dialog": ("text-c", True, open_cite),
    "phone-navigation": ("text-b", True, open_drawer),
    "phone-commentary-in-place": ("text-a", True, open_commentary),
    "side-panels-shown": ("text-a", False, open_panels),
    "apparatus-next-note": ("text-b", False, open_next_note),
    "phone-apparatus-note": ("text-c", True, open_apparatus),
    "name-card-tap": ("text-a", False, tap_name_card),
    "phone-name-card-tap": ("text-b", True, tap_name_card),
}


@pytest.mark.parametrize("state", OPEN_STATES)
def test_open_state_has_no_accessibility_violation(reader: Reader, site: Path, state: str) -> None:
    kind, phone, opener = OPEN_STATES[state]
    path = require_page(site, reader.lang, kind)
    try:
        if phone:
            reader.page.set_viewport_size(PHONE)
        reader.open(path)
        before = reader.styles()
        opener(reader.page).wait_for(state="visible")
        found, changed = axe_changed(reader.page, f"{reader.name} {kind} [{state}]", before)
        assert changed > 0  # the state did change the page
        assert_none(found)
    finally:
        reader.reset()
    assert reader.problems == []


# --- 3. keyboard: every kind of control is reached with Tab, shows its focus, works with a key ---

FOCUS_STYLE = """el => { const s = getComputedStyle(el);
    return {outline: [s.outlineStyle, s.outlineWidth, s.outlineColor].join(' '), style: s.outlineStyle,
            width: parseFloat(s.outlineWidth), color: s.outlineColor, shadow: s.boxShadow}; }"""

# The colour the outline is drawn on: the first opaque background around the element.
BACKGROUND = """el => { for (let e = el.parentElement; e; e = e.parentElement) {
    const bg = getComputedStyle(e).backgroundColor;
    if (bg !== 'transparent' && !/^rgba\\(.*,\\s*0\\)$/.test(bg)) return bg; }
  return 'rgb(255, 255, 255)'; }"""


def tab_to(page, selector: str, limit: int = 400) -> None:
    """Press Tab until the focused element matches the selector, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} not reached with {limit} presses of Tab")


def luminance(rgb: str) -> float:
    channels = [int(c) / 255 for c in re.findall(r"\d+(?:\.\d+)?", rgb)[:3]]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def assert_visible_focus(page) -> None:
    """The focused element shows an outline or a shadow it does not have unfocused, and an outline
    stands out from the page (3:1, WCAG 1.4.11). Unfocused = after Tab moves on; Shift+Tab returns."""
    element = page.evaluate_handle("document.activeElement")
    focused = element.evaluate(FOCUS_STYLE)
    page.keyboard.press("Tab")
    unfocused = element.evaluate(FOCUS_STYLE)
    page.keyboard.press("Shift+Tab")
    assert element.evaluate("el => el === document.activeElement")
    has_outline = focused["style"] != "none" and focused["width"] > 0
    assert has_outline or focused["shadow"] != "none", focused
    assert (focused["outline"], focused["shadow"]) != (unfocused["outline"], unfocused["shadow"]), (focused, unfocused)
    if has_outline and focused["style"] != "auto":  # "auto" is the browser's own two-tone ring
        background = element.evaluate(BACKGROUND)
        assert contrast(focused["color"], background) >= 3, (focused["color"], background)


@dataclass(frozen=True)
class Control:
    kind: str  # page type
    selector: str
    key: str
    effect: str  # a JavaScript expression, true once the key has done its work


CONTROLS: dict[str, Control] = {
    "apparatus-note": Control("text-a", ".alb-noteref", "Enter",
                              "document.activeElement.id === 'alb-popup' && "
                              "document.querySelector('.alb-noteref[aria-expanded=true]') !== null"),
    "commentary-marker": Control("text-b", ".alb-comref", " ",
                                 "document.activeElement.id === 'alb-popup' && "
                                 "document.querySelector('.alb-popup--column .alb-com__title') !== null"),
    "name": Control("text-c", "a.alb-name", "Enter",
                    "location.pathname.includes('/index/') && "
                    "document.querySelector(':target') !== null"),
    "reading-view": Control("text-a", ".alb-controls input[name='alb-view']", "ArrowRight",
                            "document.documentElement.getAttribute('data-alb-view') === 'diplomatic'"),
    "layout": Control("text-b", ".alb-controls input[name='alb-layout']", "ArrowRight",
                      "document.documentElement.getAttribute('data-alb-layout') === 'original' && "
                      "getComputedStyle(document.querySelector('.alb-col--translation')).display === 'none'"),
    "concordance-filter": Control("concordance", "#alb-filter-disagree", " ",
                                  "document.getElementById('alb-filter-disagree').checked && "
                                  "getComputedStyle(document.querySelector(\".alb-conc__row[data-status='agree']\"))"
                                  ".display === 'none'"),
    "permalink": Control("text-c", ".alb-p .alb-permalink", "Enter",
                         "location.hash !== '' && document.querySelector(':target').classList.contains('alb-p')"),
    "cite": Control("text-a", ".alb-p .alb-cite-btn", "Enter",
                    "document.getElementById('alb-cite') !== null && "
                    "document.activeElement.closest('#alb-cite') !== null"),
    "side-panels": Control("text-c", ".alb-panels-toggle", "Enter",
                           "document.documentElement.getAttribute('data-alb-panels') === 'open' && "
                           "getComputedStyle(document.querySelector('.md-sidebar--primary')).display !== 'none' && "
                           "document.activeElement.getAttribute('aria-expanded') === 'true'"),
    "map-point": Control("index-places", ".alb-map__point", "Enter",
                         "document.querySelector(':target') !== null && "
                         "document.querySelector(':target').classList.contains('alb-entity')"),
}


@pytest.mark.parametrize("name", CONTROLS)
def test_control_works_with_the_keyboard_and_shows_focus(reader: Reader, site: Path, name: str) -> None:
    control = CONTROLS[name]
    reader.open(require_page(site, reader.lang, control.kind))
    try:
        tab_to(reader.page, control.selector)
        assert_visible_focus(reader.page)
        if name == "name":  # a name shows its card while focused
            assert reader.page.locator(".alb-card-popup").is_visible()
        assert not reader.page.evaluate(control.effect)
        reader.page.keyboard.press(control.key)
        reader.page.wait_for_function(control.effect)
    finally:
        reader.reset()
    assert reader.problems == []


def test_open_note_is_closed_from_its_close_button_by_keyboard(reader: Reader, site: Path) -> None:
    reader.open(require_page(site, reader.lang, "text-a"))
    tab_to(reader.page, ".alb-noteref")
    marker = reader.page.evaluate_handle("document.activeElement")
    reader.page.keyboard.press("Enter")
    assert reader.page.locator("#alb-popup").is_visible()
    tab_to(reader.page, ".alb-popup__close", limit=5)  # the first stop inside the open note
    assert_visible_focus(reader.page)
    reader.page.keyboard.press("Enter")
    assert reader.page.locator("#alb-popup").count() == 0
    assert marker.evaluate("el => el === document.activeElement")  # back where the reader was


def test_open_note_steps_to_the_next_and_previous_by_keyboard(reader: Reader, site: Path) -> None:
    reader.open(require_page(site, reader.lang, "text-b"))
    tab_to(reader.page, ".alb-noteref")
    first = reader.page.evaluate("document.activeElement.id")
    reader.page.keyboard.press("Enter")
    tab_to(reader.page, ".alb-popup__step--next", limit=12)
    assert_visible_focus(reader.page)
    reader.page.keyboard.press("Enter")
    opened = reader.page.evaluate("document.querySelector('.alb-noteref[aria-expanded=true]').id")
    assert opened != first and reader.page.evaluate("document.activeElement.id") == "alb-popup"
    tab_to(reader.page, ".alb-popup__step--previous", limit=12)
    assert_visible_focus(reader.page)
    reader.page.keyboard.press("Enter")
    assert reader.page.evaluate("document.querySelector('.alb-noteref[aria-expanded=true]').id") == first
    reader.page.keyboard.press("Escape")
    assert reader.page.evaluate("document.activeElement.id") == first
    assert reader.problems == []
