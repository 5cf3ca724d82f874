"""Every HTML id the site carries is an xml:id of the corpus, an anchor of a hand-written page, or an
id albazin/model/htmlids.py reserves — so the list of reserved ids is complete, and no xml:id can take
one (the corpus check refuses it: tests/load/test_hostile_input.py)."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree, html

from albazin.core.paths import DOCS_DIR, PROJECT_ROOT, tei_dir
from albazin.load import teiload
from albazin.model import htmlids
from albazin.model.model import Edition
from albazin.site import anchors, pageregistry


def corpus_ids() -> frozenset[str]:
    ids = set()
    for path in teiload.corpus_files(tei_dir()):
        loaded, _ = teiload.load(path)
        assert loaded is not None
        ids |= {teiload.xml_id(el) for el in loaded.root.iter(etree.Element) if teiload.xml_id(el)}
    return frozenset(ids)


def test_every_id_in_the_site_is_an_xml_id_an_anchor_or_reserved(site: Path, edition: Edition) -> None:
    tei_ids = corpus_ids()
    hand_written = {i for ids in pageregistry.hand_written_ids(edition, DOCS_DIR).values() for i in ids}
    aliased = {a.old.id for a in anchors.read_aliases(anchors.registry_dir())[0]}
    made = htmlids.generated(edition, tei_ids)
    unexplained: dict[str, str] = {}
    counted = 0
    for page in sorted(site.rglob("*.html")):
        hand_page = page.relative_to(site).parts[-2:-1] in ((), ("about",), ("ru",)) or page.name == "404.html"
        for el in html.parse(str(page)).getroot().iter():
            value = el.get("id") if isinstance(el.tag, str) else None
            if not value:
                continue
            counted += 1
            if value in tei_ids or value in aliased or htmlids.reserved(value, made):
                continue
            if hand_page and (value in hand_written or re.fullmatch(r"[\w-]+", value)):
                continue  # a hand-written page's own headings (docs/*.md)
            unexplained.setdefault(value, str(page.relative_to(site)))
    assert counted > 3000
    assert not unexplained, f"ids neither in the TEI nor reserved by albazin/model/htmlids.py: {unexplained}"


def test_the_templates_and_scripts_make_only_reserved_ids(edition: Edition) -> None:
    made = htmlids.generated(edition, frozenset())
    sources = [*(PROJECT_ROOT / "overrides").rglob("*.html"), *(PROJECT_ROOT / "docs" / "assets" / "js").glob("*.js")]
    found = set()
    for path in sources:
        text = path.read_text(encoding="utf-8")
        found |= set(re.findall(r'\bid="([^"{}]+)"', text)) | set(re.findall(r'\.id = "([^"]+)"', text))
    assert found, "no literal id found: the patterns above are out of date"
    assert {i for i in found if not htmlids.reserved(i, made)} == set()
