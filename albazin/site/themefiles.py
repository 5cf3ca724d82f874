"""The theme's static files, found without walking Material's icon set.

To copy a theme's assets, MkDocs asks the theme's Jinja loader for every file under every theme
directory (`Files.add_files_from_theme`) and then drops, name by name, the dot-files and
dot-directories, templates, Python files and the like. Material keeps about 14,300 icon SVGs in
`templates/.icons/` (read by its emoji extension, never copied), so each language's build walks
14,500 files to keep 160: about 0.15–0.3 s of every build and every `mkdocs serve` rebuild.

`use_pruned_listing` (from on_config) gives the theme an environment whose loader does not descend
into dot-directories. MkDocs' filter drops every path with a dot-component anyway ('.*', '*/.*'),
so the files it adds are the same (tests/site/test_themefiles.py compares both listings); template
lookup by name is the plain FileSystemLoader's.
"""

from __future__ import annotations

import os
from functools import partial

import jinja2
from mkdocs.theme import Theme


class PrunedLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader whose listing skips dot-files and everything under a dot-directory."""

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for searchpath in self.searchpath:
            for dirpath, dirnames, filenames in os.walk(searchpath, followlinks=self.followlinks):
                dirnames[:] = [d for d in dirnames if not d.startswith(".")]  # in place: os.walk prunes
                relative = os.path.relpath(dirpath, searchpath)
                for filename in filenames:
                    if not filename.startswith("."):
                        found.add(_template_name(relative, filename))
        return sorted(found)


def _template_name(relative_dir: str, filename: str) -> str:
    path = filename if relative_dir == os.curdir else os.path.join(relative_dir, filename)
    return path.replace(os.path.sep, "/")


def _pruned_env(theme: Theme) -> jinja2.Environment:
    env = Theme.get_env(theme)
    # No template has been loaded yet, so no cache entry refers to the replaced loader.
    env.loader = PrunedLoader(theme.dirs)
    return env


def use_pruned_listing(theme: Theme) -> None:
    """Make this build's theme environments list files with PrunedLoader (per Theme instance)."""
    theme.get_env = partial(_pruned_env, theme)  # type: ignore[method-assign]
