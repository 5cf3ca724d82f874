"""overrides/ extends Material where it can, and every copy of Material's markup is tracked.

A block that only adds to the theme's calls super(); a block or partial whose markup must change is a
copy, recorded in overrides/.upstream.tsv with the SHA-256 of the upstream text it was copied from.
When an upgrade of Material changes that text, the test names the copy to re-check.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import html

from albazin.site import upstreamtheme
from albazin.core.paths import PROJECT_ROOT
from albazin.site.upstreamtheme import MATERIAL_TEMPLATES, WHOLE_FILE, BlockError, Record

OVERRIDES = PROJECT_ROOT / "overrides"
TSV = "overrides/.upstream.tsv"
RECORDS = upstreamtheme.read_records(PROJECT_ROOT / TSV)
# Overrides that share a name with a Material template but are the edition's own, not a copy of it.
REPLACED = {
    "partials/search.html": "the edition's search box (Pagefind); Material's search plugin is off",
}


def _records_id(record: Record) -> str:
    return f"{record.override}:{record.block}"


@pytest.mark.parametrize("record", RECORDS, ids=_records_id)
def test_each_copy_was_made_from_the_installed_materials_text(record: Record) -> None:
    assert upstreamtheme.changed_copies([record]) == []


def test_a_change_upstream_fails_with_the_file_and_block_to_recheck(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(MATERIAL_TEMPLATES, templates, ignore=shutil.ignore_patterns(".icons", "*.py", "__pycache__"))
    base = templates / "base.html"
    source = base.read_text(encoding="utf-8")
    scripts = upstreamtheme.block_source(source, "scripts")
    base.write_text(source.replace(scripts, scripts.replace("</script>", "</script>\n<script>x()</script>", 1)),
                    encoding="utf-8")
    (templates / "partials" / "header.html").write_text("<header></header>\n", encoding="utf-8")
    messages = upstreamtheme.changed_copies(RECORDS, templates)
    assert len(messages) == 2
    assert messages[0].startswith("overrides/main.html copies block 'scripts' of Material's base.html")
    assert messages[1].startswith("overrides/partials/header.html copies the whole file of Material's "
                                  "partials/header.html")
    # the message ends with the record to write once the copy is re-checked: that record passes
    fixed = upstreamtheme.read_records_text(messages[0].rsplit("\n", 1)[1])
    assert upstreamtheme.changed_copies(fixed, templates) == []


def _extending() -> list[str]:
    """The overrides that extend a template (their blocks replace or extend the parent's)."""
    return [path.relative_to(OVERRIDES).as_posix() for path in sorted(OVERRIDES.rglob("*.html"))
            if upstreamtheme.extends(path.read_text(encoding="utf-8"), path.name)]


def test_main_extends_base_and_extrahead_calls_super() -> None:
    assert _extending() == ["main.html"]
    blocks = upstreamtheme.top_level_blocks((OVERRIDES / "main.html").read_text(encoding="utf-8"), "main.html")
    assert upstreamtheme.calls_super(blocks["extrahead"])


@pytest.mark.parametrize("name", _extending())
def test_every_block_that_does_not_call_super_is_a_recorded_copy(name: str) -> None:
    blocks = upstreamtheme.top_level_blocks((OVERRIDES / name).read_text(encoding="utf-8"), name)
    assert blocks, f"{name} overrides no block"
    copies = {record.block for record in RECORDS if record.override == name}
    copied = {block for block, node in blocks.items() if not upstreamtheme.calls_super(node)}
    assert not copied - copies, f"{name} copies Material's blocks {sorted(copied - copies)}: record them in {TSV}"
    # and no record is left for a block that is no longer copied (or now calls super())
    assert not copies - copied, f"{TSV} records copies of {sorted(copies - copied)} that {name} no longer makes"


def test_every_override_of_a_material_template_is_recorded() -> None:
    recorded = {record.override for record in RECORDS if record.block == WHOLE_FILE}
    missing = []
    extending = set(_extending())
    for path in sorted(OVERRIDES.rglob("*.html")):
        name = path.relative_to(OVERRIDES).as_posix()
        if name in extending or name in REPLACED or not (MATERIAL_TEMPLATES / name).is_file():
            continue
        if name not in recorded:
            row = upstreamtheme.record_line(Record(name, name, WHOLE_FILE, "", "", "<why a copy>"))
            missing.append(f"overrides/{name} replaces Material's {name}: record it in {TSV}:\n{row}")
    assert not missing, "\n".join(missing)
    for record in RECORDS:
        assert (OVERRIDES / record.override).is_file(), f"{TSV}: no overrides/{record.override}"
        assert (MATERIAL_TEMPLATES / record.upstream).is_file(), f"{TSV}: Material has no {record.upstream}"
    for name in REPLACED:
        assert (OVERRIDES / name).is_file()


def test_block_spans_follow_nesting_whitespace_control_comments_and_raw() -> None:
    source = (
        "{# {% block commented %}{% endblock %} #}\n"
        "{%- block outer -%}a{% block inner scoped %}b{% endblock inner %}c{%- endblock -%}\n"
        "{% raw %}{% block raw %}{% endraw %}\n"
        "{% block last %}{% if x %}y{% endif %}{% endblock %}"
    )
    spans = upstreamtheme.block_spans(source)
    assert [(span.name, span.line, span.depth) for span in spans] == [
        ("outer", 2, 0), ("inner", 2, 1), ("last", 4, 0)]
    assert upstreamtheme.block_source(source, "inner") == "{% block inner scoped %}b{% endblock inner %}"
    assert upstreamtheme.block_source(source, "outer").endswith("c{%- endblock -%}")
    assert upstreamtheme.block_source(source, "last") == "{% block last %}{% if x %}y{% endif %}{% endblock %}"


@pytest.mark.parametrize("source", [
    "{% block a %}", "{% endblock %}", "{% block a %}{% endblock b %}", "{% block %}{% endblock %}",
])
def test_unmatched_block_tags_are_an_error(source: str) -> None:
    with pytest.raises(BlockError):
        upstreamtheme.block_spans(source)


def test_every_material_template_splits_into_the_blocks_jinja_parses() -> None:
    templates = [path for path in MATERIAL_TEMPLATES.rglob("*.html") if ".icons" not in path.parts]
    assert len(templates) > 50
    for path in templates:
        upstreamtheme.block_spans(path.read_text(encoding="utf-8"), str(path))  # raises on any disagreement
    base = upstreamtheme.block_spans((MATERIAL_TEMPLATES / "base.html").read_text(encoding="utf-8"))
    assert {"site_meta", "container", "content", "scripts"} <= {span.name for span in base}


def test_the_bundle_is_the_one_materials_base_names_and_exists() -> None:
    bundle = upstreamtheme.bundle_path()
    scripts = upstreamtheme.block_source((MATERIAL_TEMPLATES / "base.html").read_text(encoding="utf-8"), "scripts")
    assert f"'{bundle}'" in scripts
    assert (MATERIAL_TEMPLATES / bundle).is_file()
    assert "bundle." not in (OVERRIDES / "main.html").read_text(encoding="utf-8")  # not hard-coded


@pytest.mark.build
@pytest.mark.parametrize("page", ["index.html", "ru/index.html", "texts/a/index.html"])
def test_the_built_pages_load_the_bundle_the_site_has_deferred(site: Path, page: str) -> None:
    tree = html.parse(str(site / page))
    bundles = [script for script in tree.iter("script") if "/bundle." in f"/{script.get('src', '')}"]
    assert len(bundles) == 1
    assert bundles[0].get("defer") is not None
    target = (site / page).parent / bundles[0].get("src")
    assert target.resolve().is_file(), target
    assert target.resolve() == (site / upstreamtheme.bundle_path()).resolve()


def test_the_bundle_name_is_read_again_when_base_html_changes(tmp_path: Path) -> None:
    base = tmp_path / "base.html"
    for name in ("assets/javascripts/bundle.aaaa.min.js", "assets/javascripts/bundle.bbbb.min.js"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("", encoding="utf-8")
    base.write_text('{% block scripts %}<script src="{{ \'assets/javascripts/bundle.aaaa.min.js\' | url }}">'
                    '</script>{% endblock %}', encoding="utf-8")
    assert upstreamtheme.bundle_path(tmp_path) == "assets/javascripts/bundle.aaaa.min.js"
    base.write_text(base.read_text(encoding="utf-8").replace("aaaa", "bbbb") + " ", encoding="utf-8")
    assert upstreamtheme.bundle_path(tmp_path) == "assets/javascripts/bundle.bbbb.min.js"


def test_a_missing_base_html_is_a_block_error(tmp_path: Path) -> None:
    with pytest.raises(upstreamtheme.BlockError, match="base.html cannot be read"):
        upstreamtheme.bundle_path(tmp_path)
