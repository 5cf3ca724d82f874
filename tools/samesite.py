"""Is the site built from this checkout byte-identical to the site built from an earlier commit?

A refactoring must not change what readers get. This builds BASE (a commit, in a temporary git
worktree) and the working tree, both with the same SOURCE_DATE_EPOCH and site address, and compares
every file of the two sites. The only difference allowed is the commit each was built from, which
the footer and the build manifest name: both commits' hashes are replaced by one placeholder
before comparing (inside zip members too, member by member).

    python tools/samesite.py BASE            # prints a digest of the site, or every differing file
    python tools/samesite.py BASE --keep     # keeps the two sites for inspection

Exit status 0 when the sites are the same, 1 when they differ, 2 when a build fails.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EPOCH = "1764763200"  # 2025-12-03, any fixed date: both builds get the same one
PLACEHOLDER = b"<commit>"


def git(*args: str, cwd: Path = ROOT) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()


def build_command(root: Path) -> list[str]:
    """The build command of a checkout: `albazin build`, or scripts.build in a checkout from before the package."""
    if (root / "scripts" / "build.py").exists():
        return [sys.executable, "-m", "albazin", "build"]
    return [sys.executable, "-m", "albazin", "build"]


def build(root: Path, site: Path) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    result = subprocess.run([*build_command(root), "--site-dir", str(site)], cwd=root, env=env,
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        print(f"samesite: the build in {root} failed:\n{result.stdout}\n{result.stderr}"[-4000:], file=sys.stderr)
        sys.exit(2)


def normalised(data: bytes, commits: list[str]) -> bytes:
    for commit in commits:
        data = data.replace(commit.encode(), PLACEHOLDER)
    return data


def contents(path: Path, commits: list[str]) -> bytes:
    data = path.read_bytes()
    if path.suffix != ".zip":
        return normalised(data, commits)
    # A zip's bytes change with any member; compare its members (names, order, contents) instead.
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            out.write(info.filename.encode() + b"\0" + repr(info.date_time).encode() + b"\0")
            out.write(hashlib.sha256(normalised(archive.read(info), commits)).digest())
    return out.getvalue()


def digest_tree(site: Path, commits: list[str]) -> dict[str, str]:
    return {str(p.relative_to(site)): hashlib.sha256(contents(p, commits)).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def commits_of(rev: str) -> list[str]:
    full = git("rev-parse", rev)
    return [full, full[:12]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", help="the commit to compare with (e.g. main, a hash)")
    parser.add_argument("--keep", action="store_true", help="keep the two built sites")
    args = parser.parse_args(argv)
    commits = commits_of(args.base) + commits_of("HEAD")
    work = Path(tempfile.mkdtemp(prefix="samesite-"))
    checkout = work / "base"
    git("worktree", "add", "--detach", "--quiet", str(checkout), args.base)
    try:
        build(checkout, work / "base-site")
        build(ROOT, work / "head-site")
    finally:
        git("worktree", "remove", "--force", str(checkout))
    before, after = digest_tree(work / "base-site", commits), digest_tree(work / "head-site", commits)
    differing = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    for name in differing:
        state = "only in base" if name not in after else "only in head" if name not in before else "differs"
        print(f"{state}: {name}")
    total = hashlib.sha256("".join(f"{k}\t{v}\n" for k, v in sorted(after.items())).encode()).hexdigest()
    print(f"{len(after)} files; {len(differing)} differ; site digest {total}")
    if args.keep:
        print(f"sites kept in {work}")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
