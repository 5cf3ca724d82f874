"""`make release` (`albazin release`): publish the current edition version, once, for good.

Releases follow the Endings Project's rules: each version is a complete static site in its own folder
(`<SITE_URL>/0.3.0/…`, English at its root, Russian under `ru/`), built once and never changed; the
newest is copied to `latest/`, and the address itself redirects there. The versions live in a git
branch (`releases` by default) maintained with mike, MkDocs' versioning tool, which also writes the
`versions.json` that Material's version selector reads. Deploying is copying that branch to any static
host (README: "Publishing a release").

This module wraps mike with what it does not do:
- SITE_URL must be set, well-formed and public (albazin/core/siteurl.py);
- the version comes from the TEI (tei/edition.xml) and must match a strict pattern (`version_id`);
- a version already in the branch is refused (mike would silently replace it);
- after mike's commit, every earlier version's tree must be byte-identical (same git tree id), and
  every page and anchor an earlier version published must still resolve in the new one (its own page,
  an alias of anchors/aliases.tsv, or a redirect); otherwise the branch is put back and nothing is published.

During mike's build the hooks see MIKE_DOCS_VERSION (set by mike) and `ALB_RELEASED` (the versions
published with this one): they switch on the version selector, list the versions without script on
the changes page and write the release's manifest, `release.json` (pages and anchors).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from albazin.core import siteurl
from albazin.core.paths import PROJECT_ROOT

ENV_VERSION = "MIKE_DOCS_VERSION"  # set by mike for the build of a version
ENV_RELEASED = "ALB_RELEASED"  # space-separated: the versions published, this one included
DEFAULT_BRANCH = "releases"
LATEST = "latest"
MANIFEST = "release.json"
# Semantic version core (major.minor.patch), no leading zeros: a folder name that cannot be anything else.
_VERSION = re.compile(r"(0|[1-9][0-9]{0,5})\.(0|[1-9][0-9]{0,5})\.(0|[1-9][0-9]{0,5})")


class ReleaseError(Exception):
    def __init__(self, message: str, kind: str = "release") -> None:
        super().__init__(message)
        self.kind = kind

    def __str__(self) -> str:
        return f"error: {self.args[0]} [{self.kind}]"


def version_id(value: str) -> str:
    """A version string that becomes a folder name: strictly "major.minor.patch" (one small function,
    to be replaced by the project's general identifier validation)."""
    if not isinstance(value, str) or not _VERSION.fullmatch(value):
        raise ReleaseError(f'edition version "{value}" is not of the form major.minor.patch (e.g. 0.3.0); '
                           "it names the release's folder", "release-version")
    return value


@dataclass(frozen=True)
class Context:
    """What a build needs to know when it is the build of a release."""
    version: str
    published: tuple[str, ...]  # every version in the branch once this one is added


def context(environ: Mapping[str, str] | None = None) -> Context | None:
    environ = os.environ if environ is None else environ
    version = environ.get(ENV_VERSION)
    if not version:
        return None
    version = version_id(version)
    published = tuple(version_id(v) for v in environ.get(ENV_RELEASED, "").split() if v != LATEST)
    return Context(version, tuple(dict.fromkeys([*published, version])))


# --- the branch -----------------------------------------------------------------------------------

def _git(*args: str, cwd: Path = PROJECT_ROOT, check: bool = True) -> str:
    result = subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, text=True, check=False)
    if check and result.returncode != 0:
        raise ReleaseError(f"git {' '.join(args)} failed: {result.stderr.strip()}", "release-git")
    return result.stdout if result.returncode == 0 else ""


def branch_head(branch: str, cwd: Path = PROJECT_ROOT) -> str | None:
    return _git("rev-parse", "--verify", "--quiet", f"refs/heads/{branch}", cwd=cwd, check=False).strip() or None


def published_versions(branch: str, cwd: Path = PROJECT_ROOT) -> list[str]:
    if branch_head(branch, cwd) is None:
        return []
    text = _git("show", f"{branch}:versions.json", cwd=cwd, check=False)
    return [entry["version"] for entry in json.loads(text)] if text else []


def tree_id(branch: str, path: str, cwd: Path = PROJECT_ROOT) -> str | None:
    return _git("rev-parse", "--verify", "--quiet", f"{branch}:{path}", cwd=cwd, check=False).strip() or None


def manifest(branch: str, version: str, cwd: Path = PROJECT_ROOT) -> dict:
    text = _git("show", f"{branch}:{version}/{MANIFEST}", cwd=cwd, check=False)
    return json.loads(text) if text else {"pages": [], "anchors": [], "redirects": []}


def still_resolving(earlier: dict, new: dict) -> list[str]:
    """The pages and anchors of an earlier release that the new one no longer serves."""
    pages = set(new["pages"]) | set(new.get("redirects", []))
    anchors = set(new["anchors"]) | set(new.get("aliases", []))
    missing = [f"page /{p}" for p in earlier["pages"] if p not in pages]
    missing += [f"anchor /{a}" for a in earlier["anchors"] if a not in anchors]
    return missing


def metadata_problems(root: Path, version: str, published: str) -> list[str]:
    """Where CITATION.cff and .zenodo.json (read by archives that mint a DOI for a release) disagree
    with the TEI's edition version and date."""
    import yaml

    problems = []
    cff_path = root / "CITATION.cff"
    cff = yaml.safe_load(cff_path.read_text(encoding="utf-8")) if cff_path.exists() else {}
    zenodo_path = root / ".zenodo.json"
    zenodo = json.loads(zenodo_path.read_text(encoding="utf-8")) if zenodo_path.exists() else {}
    for name, data, keys in (("CITATION.cff", cff, ("version", "date-released")),
                             (".zenodo.json", zenodo, ("version", "publication_date"))):
        if not data:
            problems.append(f"{name} is missing")
            continue
        for key, expected in zip(keys, (version, published), strict=True):
            if str(data.get(key)) != expected:
                problems.append(f'{name}: {key} is "{data.get(key)}", the TEI says "{expected}"')
    return problems


def release(branch: str = DEFAULT_BRANCH, cwd: Path = PROJECT_ROOT, environ: Mapping[str, str] | None = None) -> str:
    """Publish the edition version into `branch`; return the version. ReleaseError: nothing published."""
    environ = dict(os.environ if environ is None else environ)
    root = siteurl.from_environment(environ, required=True)
    if _git("status", "--porcelain", "--untracked-files=no", cwd=cwd).strip():
        raise ReleaseError("the working tree has uncommitted changes: a release is built from a commit",
                           "release-dirty")
    from albazin.model import pipeline
    from albazin.core.diagnostics import TeiError

    try:
        edition = pipeline.load_edition()
    except TeiError as exc:
        raise ReleaseError(f"the corpus does not validate:\n{exc}", "release-tei") from None
    version = version_id(edition.version)
    out_of_step = metadata_problems(cwd, version, edition.published)
    if out_of_step:
        raise ReleaseError("the citation metadata is not in step with the edition: " + "; ".join(out_of_step),
                           "release-metadata")
    earlier = published_versions(branch, cwd)
    if version in earlier:
        raise ReleaseError(f"version {version} is already published (branch {branch}) and is never rebuilt; "
                           "record the changes in the TEI and raise the edition version (tei/edition.xml)",
                           "release-exists")
    trees = {v: tree_id(branch, v, cwd) for v in earlier}
    head = branch_head(branch, cwd)
    bin_dir = str(Path(sys.executable).parent)
    env = {**environ, siteurl.ENV: root, ENV_RELEASED: " ".join([*earlier, version]),
           "PATH": bin_dir + os.pathsep + environ.get("PATH", ""), "NO_MKDOCS_2_WARNING": "1"}
    mike = [str(Path(bin_dir) / "mike")]
    message = f"Release {version} of the edition"
    steps = [[*mike, "deploy", "--branch", branch, "--alias-type", "copy", "--update-aliases",
              "--message", message, version, LATEST]]
    if tree_id(branch, "index.html", cwd) is None:  # the address itself leads to latest/, set once
        steps.append([*mike, "set-default", "--branch", branch, "--message",
                      f"{message}: the address leads to {LATEST}", LATEST])
    try:
        for step in steps:
            result = subprocess.run(step, cwd=cwd, env=env, check=False)
            if result.returncode != 0:
                raise ReleaseError(f"{' '.join(step[1:3])} failed (see above); nothing was published", "release-build")
        changed = [v for v, tree in trees.items() if tree_id(branch, v, cwd) != tree]
        if changed:
            raise ReleaseError(f"the release would change published version(s) {', '.join(changed)}",
                               "release-immutable")
        new = manifest(branch, version, cwd)
        problems = [f"{v}: {m}" for v in earlier for m in still_resolving(manifest(branch, v, cwd), new)]
        if problems:
            raise ReleaseError("addresses published by earlier versions would no longer resolve "
                               "(declare an alias in anchors/aliases.tsv or a redirect in anchors/redirects.tsv):\n  "
                               + "\n  ".join(problems[:50]), "release-unresolved")
    except ReleaseError:
        if head is None:
            _git("update-ref", "-d", f"refs/heads/{branch}", cwd=cwd, check=False)
        else:
            _git("update-ref", f"refs/heads/{branch}", head, cwd=cwd)
        raise
    return version


def deploy(branch: str, target: Path, cwd: Path = PROJECT_ROOT) -> int:
    """Write the branch's files (every version, latest/, versions.json, the root redirect) into `target`,
    a folder that any static web server serves as is: exported beside it, then swapped in whole."""
    if branch_head(branch, cwd) is None:
        raise ReleaseError(f"no release has been made yet (branch {branch} does not exist)", "deploy")
    target = target.resolve()
    staging, retired = target.parent / f".{target.name}-deploy-{os.getpid()}", target.parent / f".{target.name}-old"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(cwd), "archive", "--format=tar", branch], capture_output=True,
                             check=False)
    if archive.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        raise ReleaseError(f"git archive {branch} failed: {archive.stderr.decode(errors='replace').strip()}", "deploy")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(staging, filter="data")  # refuses absolute paths, "..", links out of the folder
    shutil.rmtree(retired, ignore_errors=True)
    if target.exists():
        target.rename(retired)
    staging.rename(target)
    shutil.rmtree(retired, ignore_errors=True)
    return sum(1 for p in target.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--branch", default=DEFAULT_BRANCH, help="the git branch that holds the releases")
    parser.add_argument("--deploy", type=Path, metavar="FOLDER",
                        help="do not release: copy the published releases into FOLDER, for a static web server")
    args = parser.parse_args(argv)
    if args.deploy is not None:
        try:
            count = deploy(args.branch, args.deploy)
        except ReleaseError as exc:
            print(exc, file=sys.stderr)
            return 1
        print(f"{count} files of branch {args.branch} written to {args.deploy}")
        return 0
    try:
        version = release(args.branch)
    except (ReleaseError, siteurl.SiteUrlError) as exc:
        print(exc, file=sys.stderr)
        return 1
    root = siteurl.from_environment(required=True)
    print(f"Version {version} published in branch {args.branch}: {root}{version}/ (and {root}{LATEST}/). "
          f"Deploy: see README, 'Publishing a release'.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
