"""`albazin build`: build the site into a temporary directory, then swap it in.

A failed build (invalid TEI, template error, strict-mode warning) leaves the previous site/
exactly as it was; a successful one replaces it whole.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from albazin.core import siteurl
from albazin.core.paths import PROJECT_ROOT


def build(site_dir: Path, config_file: Path = PROJECT_ROOT / "mkdocs.yml") -> int:
    try:  # before MkDocs, whose own check of site_url would answer "no scheme" in its own words
        siteurl.from_environment()
    except siteurl.SiteUrlError as exc:
        print(exc, file=sys.stderr)
        print(f"Build failed: {site_dir} left unchanged.", file=sys.stderr)
        return 1
    site_dir = site_dir.resolve()
    staging = site_dir.parent / f".site-build-{os.getpid()}"
    retired = site_dir.parent / f".site-old-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config_file),
         "--site-dir", str(staging)],
        cwd=PROJECT_ROOT, env=env, check=False,
    )
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"Build failed: {site_dir} left unchanged.", file=sys.stderr)
        return result.returncode
    if site_dir.exists():
        site_dir.rename(retired)
    staging.rename(site_dir)
    shutil.rmtree(retired, ignore_errors=True)
    print(f"Site built into {site_dir}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site-dir", type=Path, default=PROJECT_ROOT / "site")
    args = parser.parse_args(argv)
    return build(args.site_dir)


if __name__ == "__main__":
    sys.exit(main())
