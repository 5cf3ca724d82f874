"""The plain Material projects of benchmark (a) (bench/plain.py), checked without building them."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config

from albazin.core.paths import PROJECT_ROOT
from albazin.model.model import Edition
from albazin.site import pageregistry, themefiles
from bench import plain


def _plain_project(tmp_path: Path, edition: Edition) -> Path:
    dest = tmp_path / "plain"
    (dest / "docs").mkdir(parents=True)
    nav = pageregistry.site_nav(edition)
    (dest / "mkdocs.yml").write_text(plain.plain_config(PROJECT_ROOT / "mkdocs.yml", nav), encoding="utf-8")
    return dest


def test_the_plain_config_is_the_editions_without_its_machinery(tmp_path: Path, edition: Edition) -> None:
    config = load_config(config_file=str(_plain_project(tmp_path, edition) / "mkdocs.yml"))
    edition_config = load_config(config_file=str(PROJECT_ROOT / "mkdocs.yml"))
    assert config.theme.name == edition_config.theme.name == "material"
    assert config.theme.custom_dir is None and not config.hooks and not config.watch
    assert config.nav == pageregistry.site_nav(edition)
    assert list(config.plugins) == [p for p in edition_config.plugins if p not in edition_config.hooks]
    assert config.markdown_extensions == edition_config.markdown_extensions


def test_the_pruned_plain_project_differs_only_by_the_theme_listing_hook(tmp_path: Path, edition: Edition) -> None:
    source = _plain_project(tmp_path, edition)
    plain.with_pruned_listing(source, tmp_path / "pruned", PROJECT_ROOT / "albazin" / "site" / "themefiles.py")
    config = load_config(config_file=str(tmp_path / "pruned" / "mkdocs.yml"))
    assert list(config.hooks) == ["bench_themefiles.py"]
    config.plugins.on_config(config)
    assert type(config.theme.get_env().loader).__name__ == themefiles.PrunedLoader.__name__
    unchanged = load_config(config_file=str(source / "mkdocs.yml"))
    assert config.nav == unchanged.nav and list(config.plugins) == [*unchanged.plugins, "bench_themefiles.py"]
