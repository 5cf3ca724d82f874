"""Benchmark (a): the edition's cold build against a plain Material build of the same pages.

The plain project is made from one build of the edition: every generated page (a stub with
`alb_generated` in its front matter) becomes a Markdown file of the same name whose body is the
rendered content of that page, taken from the built HTML (the children of Material's <article>),
as raw HTML. The hand-written pages and assets are copied unchanged. Its mkdocs.yml is the
edition's without `hooks`, `watch` and the template overrides (`custom_dir`), with the nav the
hooks would derive spelled out: Material, the same search and i18n plugins, languages and
Markdown extensions; no TEI, no model, no validation.

`with_pruned_listing` makes a second plain project that differs in one thing: a hook applies the
edition's theme listing (albazin/site/themefiles.py, copied in), which skips Material's icon set. The
edition's build has it and plain Material does not, so this second ratio shows what the edition's
own work (TEI, model, pages, downloads, search index) costs, apart from that saving.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml
from lxml import html

# Top-level keys of mkdocs.yml that belong to the edition's machinery, not to Material.
DROPPED_KEYS = ("hooks", "watch", "nav")
_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def front_matter(path: Path) -> dict:
    found = _FRONT.match(path.read_text(encoding="utf-8"))
    return (yaml.safe_load(found.group(1)) or {}) if found else {}


def generated_pages(docs: Path, marker: str = "alb_generated") -> list[Path]:
    """The page stubs a build of the edition wrote (the hand-written pages have no marker)."""
    return sorted(p for p in docs.rglob("*.md") if front_matter(p).get(marker))


def built_html(site: Path, docs: Path, stub: Path, languages: tuple[str, ...], default: str) -> Path:
    """Where the build put a page: texts/a.ru.md → site/ru/texts/a/index.html."""
    relative = stub.relative_to(docs).as_posix()
    stem, lang = relative.removesuffix(".md").rsplit(".", 1)
    if lang not in languages:
        raise ValueError(f"{relative}: no language suffix")
    prefix = "" if lang == default else f"{lang}/"
    path = stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else stem + "/"
    return site / prefix / path / "index.html"


def article_html(page: Path) -> str:
    """The rendered content of a built page: the inside of Material's <article>."""
    root = html.parse(str(page)).getroot()
    found = root.xpath("//article[contains(concat(' ', @class, ' '), ' md-content__inner ')]")
    if not found:
        raise ValueError(f"{page}: no <article class=md-content__inner>")
    article = found[0]
    parts = [html.tostring(child, encoding="unicode", with_tail=False) for child in article]
    # one raw HTML block: Markdown passes it through as it is
    return "<div class=\"bench-plain\">\n" + "\n".join(parts) + "\n</div>\n"


def plain_config(edition_yml: Path, nav: list) -> str:
    """The edition's mkdocs.yml without the edition's machinery, with an explicit nav."""
    out: list[str] = []
    skipping = False
    for line in edition_yml.read_text(encoding="utf-8").splitlines():
        top_level = bool(line) and not line[0].isspace() and not line.startswith("#")
        if top_level:
            skipping = line.split(":", 1)[0] in DROPPED_KEYS
        if skipping or line.strip().startswith("custom_dir:"):
            continue
        out.append(line)
    return "\n".join(out) + "\n\n" + yaml.safe_dump({"nav": nav}, allow_unicode=True, sort_keys=False)


def make_plain_project(edition: Path, site: Path, dest: Path, nav: list,
                       languages: tuple[str, ...] = ("en", "ru"), default: str = "en") -> int:
    """Write the plain project into dest from the edition project and its built site; return the
    number of generated pages carried over."""
    docs = edition / "docs"
    stubs = set(generated_pages(docs))
    shutil.copytree(docs, dest / "docs", ignore=lambda d, names: [n for n in names if Path(d, n) in stubs])
    for stub in stubs:
        title = front_matter(stub).get("title") or ""
        body = article_html(built_html(site, docs, stub, languages, default))
        target = dest / "docs" / stub.relative_to(docs)
        target.parent.mkdir(parents=True, exist_ok=True)
        front = yaml.safe_dump({"title": title}, allow_unicode=True)
        target.write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")
    (dest / "mkdocs.yml").write_text(plain_config(edition / "mkdocs.yml", nav), encoding="utf-8")
    return len(stubs)


PRUNING_HOOK = """

def on_config(config):
    use_pruned_listing(config.theme)
    return config
"""


def with_pruned_listing(plain_project: Path, dest: Path, themefiles: Path) -> None:
    """A copy of the plain project whose only hook applies the edition's theme listing."""
    shutil.copytree(plain_project, dest)
    hook = dest / "bench_themefiles.py"
    hook.write_text(themefiles.read_text(encoding="utf-8") + PRUNING_HOOK, encoding="utf-8")
    config = dest / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + f"\nhooks:\n  - {hook.name}\n", encoding="utf-8")
