"""Versioned releases (make release, make deploy), made in a temporary copy of the project with its
own git repository: a version is published once, earlier versions stay byte-identical, a published
version is never rebuilt, and the deployed folder, served over loopback, works as a static site
(links, version selector, no other host, citations naming the versioned address)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from albazin.core.paths import PROJECT_ROOT
from albazin.model import pipeline
from albazin.site import release
from tests.conftest import CHROMIUM, serving
from tests.site.test_links import broken_links
from tests.site.test_publishing import PUBLIC, loopback_mentions

# Fixed identity and dates: nothing in a release may depend on who or when (the clock is never read).
GIT_ENV = {"GIT_AUTHOR_NAME": "Editors", "GIT_AUTHOR_EMAIL": "editors@example.org", "GIT_COMMITTER_NAME": "Editors",
           "GIT_COMMITTER_EMAIL": "editors@example.org", "GIT_AUTHOR_DATE": "2026-11-22T12:00:00Z",
           "GIT_COMMITTER_DATE": "2026-11-22T12:00:00Z"}


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, text=True, check=True,
                            env={**os.environ, **GIT_ENV})
    return result.stdout


def project_copy(dest: Path) -> Path:
    """The project's tracked and new files (as they are in the working tree), committed in a new repository."""
    listed = subprocess.run(["git", "-C", str(PROJECT_ROOT), "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = PROJECT_ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    git(dest, "init", "-q", "-b", "main")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "edition")
    return dest


def run_release(project: Path, *args: str, site_url: str | None = PUBLIC) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", release.ENV_VERSION, release.ENV_RELEASED)}
    env.update(GIT_ENV)
    if site_url is not None:
        env["SITE_URL"] = site_url
    return subprocess.run([sys.executable, "-m", "albazin", "release", *args], cwd=project, env=env,
                          capture_output=True, text=True, check=False)


def bump(project: Path, old: str, new: str) -> None:
    """What the lead does before a release: a new edition version in every header, CITATION.cff, .zenodo.json."""
    for path in (project / "tei").glob("*.xml"):
        text = path.read_text(encoding="utf-8")
        text = text.replace(f'<edition n="{old}">Version {old}', f'<edition n="{new}">Version {new}')
        text = text.replace(f'<idno type="edition-version">{old}<', f'<idno type="edition-version">{new}<')
        if path.name == "edition.xml":
            text = text.replace("<revisionDesc>", f'<revisionDesc>\n      <change when="2026-12-03" who="#editors" '
                                                  f'n="{new}">Release test: version {new}.</change>', 1)
        path.write_text(text, encoding="utf-8")
    for name in ("CITATION.cff", ".zenodo.json"):
        path = project / name
        path.write_text(path.read_text(encoding="utf-8").replace(f'"{old}"', f'"{new}"'), encoding="utf-8")
    git(project, "commit", "-q", "-am", f"version {new}")


def digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Two releases (9.0.0, then 9.1.0), a refused one in between, and the deployed folder after each.
    Test versions, far from the edition's own, so that the test does not change with each real release."""
    project = project_copy(tmp_path_factory.mktemp("project"))
    bump(project, pipeline.load_edition().version, "9.0.0")
    out: dict[str, object] = {"project": project}
    out["unset"] = run_release(project, site_url=None)
    out["first"] = run_release(project)
    out["again"] = run_release(project)
    first_deploy = tmp_path_factory.mktemp("deploy-first") / "albazin"
    out["deploy_first"] = run_release(project, "--deploy", str(first_deploy))
    out["first_digest"] = digest(first_deploy / "9.0.0")
    bump(project, "9.0.0", "9.1.0")
    out["second"] = run_release(project)
    # the web server's document root, with the edition at the path of its address (/albazin/)
    docroot = tmp_path_factory.mktemp("docroot")
    out["deploy"] = run_release(project, "--deploy", str(docroot / "albazin"))
    out["www"], out["docroot"] = docroot / "albazin", docroot
    return out


@pytest.mark.build
def test_a_release_needs_the_public_address(released: dict) -> None:
    result = released["unset"]
    assert result.returncode == 1 and "error: SITE_URL is not set" in result.stderr and "[site-url]" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.build
def test_the_first_release_is_published_beside_latest(released: dict) -> None:
    project = released["project"]
    assert released["first"].returncode == 0, released["first"].stderr[-3000:]
    assert released["second"].returncode == 0, released["second"].stderr[-3000:]
    versions = json.loads(git(project, "show", "releases:versions.json"))
    assert versions == [{"version": "9.1.0", "title": "9.1.0", "aliases": ["latest"]},
                        {"version": "9.0.0", "title": "9.0.0", "aliases": []}]
    assert git(project, "rev-parse", "releases:latest") == git(project, "rev-parse", "releases:9.1.0")


@pytest.mark.build
def test_a_published_version_is_never_rebuilt(released: dict) -> None:
    result = released["again"]
    assert result.returncode == 1
    assert "error: version 9.0.0 is already published (branch releases)" in result.stderr
    assert "[release-exists]" in result.stderr and "Traceback" not in result.stderr
    log = git(released["project"], "log", "--format=%s", "releases").splitlines()
    assert log.count("Release 9.0.0 of the edition") == 1


@pytest.mark.build
def test_earlier_releases_stay_byte_identical(released: dict) -> None:
    assert released["deploy_first"].returncode == 0, released["deploy_first"].stderr
    assert digest(released["www"] / "9.0.0") == released["first_digest"]
    assert len(released["first_digest"]) > 150


@pytest.mark.build
def test_each_release_cites_its_versioned_address(released: dict) -> None:
    www = released["www"]
    for version in ("9.0.0", "9.1.0"):
        page = (www / version / "ru" / "texts" / "a" / "index.html").read_text(encoding="utf-8")
        assert f'name="citation_public_url" content="{PUBLIC}{version}/ru/texts/a/"' in page
        assert f'"version": "{version}"' in page  # the JSON-LD
        bib = (www / version / "cite" / "a.en.bib").read_text(encoding="utf-8")
        assert f"url = {{{PUBLIC}{version}/texts/a/}}" in bib and f"edition = {{Version {version}}}" in bib
    # latest/ is a copy of the newest version: its citations name the versioned address too
    latest = (www / "latest" / "texts" / "a" / "index.html").read_text(encoding="utf-8")
    assert f'name="citation_public_url" content="{PUBLIC}9.1.0/texts/a/"' in latest
    assert loopback_mentions(www) == []


@pytest.mark.build
def test_each_release_carries_its_manifest(released: dict) -> None:
    www = released["www"]
    first = json.loads((www / "9.0.0" / release.MANIFEST).read_text(encoding="utf-8"))
    second = json.loads((www / "9.1.0" / release.MANIFEST).read_text(encoding="utf-8"))
    assert first["version"] == "9.0.0" and second["version"] == "9.1.0"
    assert "ru/texts/a/" in first["pages"] and "texts/a/#A-p1" in first["anchors"]
    assert release.still_resolving(first, second) == []


@pytest.mark.build
def test_the_deployed_folder_has_no_broken_link(released: dict) -> None:
    www = released["www"]
    assert released["deploy"].returncode == 0, released["deploy"].stderr
    assert (www / "index.html").is_file() and (www / "versions.json").is_file()
    failures = broken_links(released["docroot"])
    assert not failures, f"{len(failures)} broken link(s):\n" + "\n".join(failures[:40])


@pytest.mark.build
def test_the_changes_page_lists_the_versions_without_script(released: dict) -> None:
    from lxml import html

    doc = html.parse(str(released["www"] / "9.1.0" / "ru" / "changes" / "index.html")).getroot()
    links = {a.text_content(): a.get("href") for a in doc.cssselect(".alb-versions__list a")}
    assert links == {"9.1.0 (эта версия)": "../../../9.1.0/ru/", "9.0.0": "../../../9.0.0/ru/",
                     "последняя версия": "../../../latest/ru/"}
    assert f"{PUBLIC}latest/ru/" in doc.cssselect(".alb-versions")[0].text_content()
    assert "Release test: version 9.1.0." in doc.text_content()


@pytest.fixture(scope="module")
def deployed_server(released: dict) -> Iterator[str]:
    with serving(released["docroot"]) as url:
        yield url + "albazin/"


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")
@pytest.mark.parametrize("path", ["9.1.0/texts/a/", "latest/ru/texts/b/", "9.0.0/ru/index/persons/"])
def test_the_version_selector_switches_to_the_same_page(browser: object, deployed_server: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors, foreign, failed = [], [], []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("request", lambda r: not r.url.startswith(("http://127.0.0.1:", "data:")) and foreign.append(r.url))
    page.on("response", lambda r: r.status >= 400 and failed.append(r.url))
    page.goto(deployed_server + path)
    page.locator(".md-version").wait_for()
    titles = page.locator(".md-version__link").all_inner_texts()
    assert [t.strip() for t in titles] == ["9.1.0", "9.0.0"]
    current = "9.0.0" if path.startswith("9.0.0") else "9.1.0"
    assert page.locator(".md-version__current").inner_text().strip() == current
    other = "9.1.0" if current == "9.0.0" else "9.0.0"
    page.locator(".md-version__link", has_text=other).dispatch_event("click")
    rest = path.split("/", 1)[1]
    page.wait_for_url(f"{deployed_server}{other}/{rest}")
    assert errors == [] and foreign == [] and failed == []
    context.close()


@pytest.mark.build
def test_the_address_itself_leads_to_latest(released: dict, deployed_server: str) -> None:
    import urllib.request

    with urllib.request.urlopen(deployed_server) as response:
        root = response.read().decode("utf-8")
    assert 'url=latest/"' in root and 'href="latest/"' in root  # a meta refresh: works without script


@pytest.mark.build
def test_the_new_pages_of_a_release_are_valid_html(released: dict, tmp_path: Path) -> None:
    """The Nu checker on what a release adds to the pages tests/site/test_html_valid.py checks: the changes
    page with its version links and the version selector's configuration, mike's root redirect, and the
    stubs of moved pages."""
    from tests.site.test_html_valid import VNU_JAR, describe, is_theme_finding, run_vnu

    if shutil.which("java") is None or not VNU_JAR.is_file():
        pytest.skip("Java or the Nu checker (npm vnu-jar) is not installed")
    www = released["www"]
    for i, page in enumerate(["index.html", "9.1.0/changes/index.html", "9.1.0/ru/changes/index.html",
                              "9.1.0/ru/texts/a/index.html"]):
        shutil.copy(www / page, tmp_path / f"{i}.html")
    from albazin.render import redirects

    (tmp_path / "stub.html").write_text(redirects.stub("ru/texts/a-old/", "ru/texts/a/", PUBLIC, "ru"),
                                        encoding="utf-8")
    report = run_vnu(tmp_path)
    errors = [describe(m, tmp_path) for m in report.messages if m.get("type") == "error" and not is_theme_finding(m)]
    assert len(report.checked) == 5 and errors == []
