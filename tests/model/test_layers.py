"""The layers: loading and validating the TEI imports nothing of the pages or the publishing layer.

albazin/model/pipeline.py is the TEI layer (load, rules, schema, model). The anchor registry needs to know
what the pages publish, so its check is handed to the pipeline by albazin/site/sitecheck.py; the pipeline
itself must not import downloads, citations, exports or any page renderer (an import cycle
anchors ↔ pipeline once made loading the TEI import the whole publishing layer).
"""

from __future__ import annotations

import json
import subprocess
import sys

from albazin.core.paths import PROJECT_ROOT

# The page and publishing layers: renderers, downloads (the zip, exports), citations, the registry.
PUBLISHING = frozenset({
    "anchors", "changelog", "charts", "citation", "commentarypage", "concordancepage", "downloads",
    "downloadspage", "dts", "dtslinks", "entitydata", "exports", "glossarypage", "indexpage", "intropage",
    "jsonld", "linkeddata", "mapsvg", "pageregistry", "pages", "plaintext", "publishing", "redirects",
    "release", "render", "search", "searchpage", "sitecheck", "stemma", "textpage",
})


def modules_after(statement: str) -> set[str]:
    """The modules loaded in a fresh interpreter after `statement`."""
    code = f"import json, sys\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True,
                            check=True)
    return set(json.loads(result.stdout))


def test_loading_the_tei_imports_no_page_or_publishing_module() -> None:
    loaded = modules_after("import albazin.model.pipeline")
    ours = {name.rsplit(".", 1)[-1] for name in loaded if name.startswith("albazin.")}
    assert "pipeline" in ours and "transform" in ours  # the TEI layer itself is there
    assert not ours & PUBLISHING, sorted(ours & PUBLISHING)
    assert not {name for name in loaded if name.split(".")[0] in ("mkdocs", "jinja2", "zipfile")}


def test_the_site_check_brings_the_anchor_registry() -> None:
    """The counterpart: the check the build and `albazin check` run includes the registry."""
    loaded = modules_after("import albazin.site.check")
    assert {"albazin.site.sitecheck", "albazin.site.anchors"} <= loaded


def test_the_pages_fixed_alb_ids_are_reserved_by_their_prefix() -> None:
    """htmlids does not import the renderers for their fixed ids: the "alb-" prefix reserves them."""
    from albazin.model import htmlids
    from albazin.publish import downloads
    from albazin.render import concordancepage, downloadspage, searchpage

    made = htmlids.Generated(frozenset(), frozenset(), frozenset())
    for fixed in (concordancepage.FILTER_ID, searchpage.INPUT_ID):
        assert htmlids.reserved(fixed, made) == htmlids.PREFIXES[1][1]
    for fixed in (downloadspage.ENTITY_COLUMNS_ID, *(section for section, _ in downloads.SECTIONS)):
        assert htmlids.reserved(fixed, made) == "a section of the edition's generated pages has this id"
