"""The pruned theme listing (albazin/site/themefiles.py) adds exactly the files MkDocs' own listing adds."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config
from mkdocs.structure.files import Files

from albazin.core.paths import PROJECT_ROOT
from albazin.site import themefiles


def _theme_files(config, env) -> list[tuple[str, str]]:
    files = Files([])
    files.add_files_from_theme(env, config)
    return [(f.src_uri, f.abs_src_path) for f in files]


def test_the_project_theme_adds_the_same_files_as_mkdocs_listing(tmp_path: Path) -> None:
    config = load_config(config_file=str(PROJECT_ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    plain = _theme_files(config, config.theme.get_env())
    themefiles.use_pruned_listing(config.theme)
    pruned_env = config.theme.get_env()
    assert isinstance(pruned_env.loader, themefiles.PrunedLoader)
    assert _theme_files(config, pruned_env) == plain
    # the overrides and Material's assets are among them; the icon set is not walked
    sources = [src for src, _ in plain]
    assert any(src.startswith("assets/javascripts/bundle.") for src in sources)
    assert not any("/." in f"/{src}" for src in pruned_env.loader.list_templates())
    # templates are still found by name, in the override directory first
    assert Path(pruned_env.get_template("main.html").filename).parent == PROJECT_ROOT / "overrides"


def test_pruned_listing_skips_dot_entries_at_every_level(tmp_path: Path) -> None:
    for name in ("a.css", ".hidden", "sub/b.js", "sub/.c.js", ".icons/x.svg", "sub/.deep/y.svg", "sub/z/.w/v"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    assert themefiles.PrunedLoader([str(tmp_path)]).list_templates() == ["a.css", "sub/b.js"]
