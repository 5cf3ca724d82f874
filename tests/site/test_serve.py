"""`mkdocs serve` (make serve): a TEI edit is rebuilt and served; the search index follows in the
background (albazin/site/devserve.py); a broken edit is reported as file:line, without a traceback."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from albazin.core.paths import GENERATED_DIRS, PROJECT_ROOT
from albazin.site import devserve

pytestmark = pytest.mark.build
PROJECT_FILES = ("mkdocs.yml", "docs", "overrides", "albazin", "tei", "data", "anchors")


def test_after_rebuild_runs_in_the_background_and_settle_waits(tmp_path: Path) -> None:
    gate, results = tmp_path / "gate", []
    # the command waits for the gate file: after_rebuild must return while it runs
    script = f"import pathlib, time\nwhile not pathlib.Path({str(gate)!r}).exists(): time.sleep(0.01)\nprint('indexed')"
    devserve.after_rebuild([sys.executable, "-c", script], lambda result, seconds: results.append(result))
    assert results == []
    gate.touch()
    devserve._running.thread.join(timeout=60)  # let it finish on its own (settle would stop it)
    devserve.settle()
    assert [(r.returncode, r.stdout) for r in results] == [(0, "indexed\n")]


def test_a_new_rebuild_stops_the_previous_background_command() -> None:
    results = []
    devserve.after_rebuild([sys.executable, "-c", "import time; time.sleep(60)"],
                           lambda result, seconds: results.append(result))
    process = devserve._running.process
    devserve.settle()  # as on_config does: the indexer must not read a site being rebuilt
    assert process.poll() is not None and results == []  # stopped, and not reported as a failure
    assert devserve._running is None


def test_only_the_serve_command_defers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(devserve, "serving", False)
    devserve.started("serve")
    assert devserve.serving
    devserve.started("build")
    assert not devserve.serving


def test_the_watcher_polls_every_tenth_of_a_second(tmp_path: Path) -> None:
    from mkdocs.livereload import LiveReloadServer

    docs, config = tmp_path / "docs", tmp_path / "mkdocs.yml"
    docs.mkdir()
    config.write_text("site_name: x\n", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(docs))
    server.watch(str(config))
    old = server.observer
    assert old.timeout == 0.5  # MkDocs' default
    watched = sorted(e.watch.path for e in old.emitters)
    devserve.poll_faster(server, [str(docs), str(config)])
    assert server.observer is not old and server.observer.timeout == devserve.POLL_SECONDS
    assert sorted(e.watch.path for e in server.observer.emitters) == watched
    assert not old.emitters  # nothing left on the watcher MkDocs would have started


def _fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except OSError:
        return 0, ""


def _wait_for(predicate, what: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.1)


class Server:
    def __init__(self, project: Path) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.log: list[str] = []
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE, text=True, start_new_session=True)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.log.append(line)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def stop(self) -> None:
        os.killpg(self.proc.pid, signal.SIGTERM)
        self.proc.wait(timeout=30)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Path]]:
    project = tmp_path_factory.mktemp("serve") / "project"
    for name in PROJECT_FILES:
        source = PROJECT_ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            project.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, project / name)
    for sub in GENERATED_DIRS:
        shutil.rmtree(project / "docs" / sub, ignore_errors=True)
    server = Server(project)
    try:
        _wait_for(lambda: "B-p1" in _fetch(server.url("texts/b/"))[1], "the first build")
        yield server, project
    finally:
        server.stop()


def _index_pages(server: Server) -> dict[str, int] | None:
    status, body = _fetch(server.url("pagefind/pagefind-entry.json"))
    if status != 200:
        return None
    return {lang: data["page_count"] for lang, data in json.loads(body)["languages"].items()}


def test_an_edit_is_served_and_the_search_index_follows(served: tuple[Server, Path]) -> None:
    server, project = served
    _wait_for(lambda: _index_pages(server) is not None, "the first search index")
    first = _index_pages(server)
    tei = project / "tei" / "B.xml"
    original = tei.read_text(encoding="utf-8")
    tei.write_text(original.replace('xml:id="B-p1" n="1"', 'xml:id="B-p1" n="served-edit"'), encoding="utf-8")
    try:
        _wait_for(lambda: "served-edit" in _fetch(server.url("texts/b/"))[1], "the edited English page")
        assert "served-edit" in _fetch(server.url("ru/texts/b/"))[1]  # both languages come with the rebuild
        # the index of the new build: the same pages in each language, and the indexer's log line
        _wait_for(lambda: _index_pages(server) == first, "the search index of the rebuilt site")
        _wait_for(lambda: sum("Search index built" in line for line in server.log) >= 2, "the indexer's report")
    finally:
        tei.write_text(original, encoding="utf-8")
    assert not any("Traceback" in line for line in server.log)


def test_a_broken_edit_is_reported_with_file_and_line(served: tuple[Server, Path]) -> None:
    server, project = served
    tei = project / "tei" / "B.xml"
    original = tei.read_text(encoding="utf-8")
    tei.write_text(original.replace('xml:id="B-p1" n="1"', 'xml:id="B-p1" n="1" corresp="#B-nowhere"'),
                   encoding="utf-8")
    try:
        _wait_for(lambda: any("[dangling-pointer]" in line for line in server.log), "the diagnostic")
    finally:
        tei.write_text(original, encoding="utf-8")
    reported = next(line for line in server.log if "[dangling-pointer]" in line)
    assert "tei/B.xml:" in reported and '"#B-nowhere"' in reported
    assert not any("Traceback" in line for line in server.log)
    # the repaired file is rebuilt and served again
    _wait_for(lambda: 'id="B-p1"' in _fetch(server.url("texts/b/"))[1] and
              "served-edit" not in _fetch(server.url("texts/b/"))[1] and _repaired(server), "the repaired page")


def test_a_schema_invalid_edit_stops_the_rebuild_before_pages_are_written(served: tuple[Server, Path]) -> None:
    """Under serve the pages are rendered while jing validates; its verdict still stops the rebuild."""
    server, project = served
    tei = project / "tei" / "B.xml"
    original = tei.read_text(encoding="utf-8")
    seen = len(server.log)
    tei.write_text(original.replace('xml:id="B-p1" n="1"', 'xml:id="B-p1" n="schema-edit" bogus="x"'),
                   encoding="utf-8")
    try:
        _wait_for(lambda: any("[schema]" in line for line in server.log[seen:]), "the schema diagnostic")
        reported = next(line for line in server.log[seen:] if "[schema]" in line)
        assert "tei/B.xml:" in reported and 'attribute "bogus"' in reported
        assert any("Aborted with a BuildError" in line for line in server.log[seen:])
    finally:
        tei.write_text(original, encoding="utf-8")
    _wait_for(lambda: "schema-edit" not in _fetch(server.url("texts/b/"))[1]
              and 'id="B-p1"' in _fetch(server.url("texts/b/"))[1] and _repaired(server), "the repaired page")
    assert not any("Traceback" in line for line in server.log)


def _banner(body: str) -> str | None:
    from lxml import html

    found = html.fromstring(body).cssselect("div.alb-serve-failed") if body else []
    if found:
        assert not found[0].cssselect("script"), "the diagnostics must be escaped"
    return found[0].text_content() if found else None


def _repaired(server: Server) -> bool:
    """The last rebuild succeeded: no page carries the failure banner (the last good site is served
    while a broken edit stands, so the page alone cannot tell)."""
    status, body = _fetch(server.url("texts/b/"))
    return status == 200 and _banner(body) is None


def test_a_broken_edit_leaves_the_last_good_site_served_with_the_error(served: tuple[Server, Path]) -> None:
    """Before: every request after a failed rebuild hung until a good one. Now the last good build
    answers at once, each page showing the diagnostics, until the edit is repaired. A failure after
    MkDocs cleaned the site (the schema verdict, awaited in on_env) leaves it whole too."""
    server, project = served
    tei = project / "tei" / "B.xml"
    original = tei.read_text(encoding="utf-8")
    _wait_for(lambda: _repaired(server), "the good site")
    edits = {  # a rule's diagnostic (on_config), then the schema's (on_env, after the site was cleaned)
        "[dangling-pointer]": original.replace('xml:id="B-p1" n="1"', 'xml:id="B-p1" n="lastgood" '
                                                                      'corresp="#B-&lt;script&gt;x"'),
        # (not the attribute of the test above: MkDocs' log leaves out a message repeated verbatim)
        "[schema]": original.replace('xml:id="B-p1" n="1"', 'xml:id="B-p1" n="lastgood" unknown="x"'),
    }
    try:
        for kind, broken in edits.items():
            seen = len(server.log)
            tei.write_text(broken, encoding="utf-8")

            def failed(kind: str = kind, seen: int = seen) -> bool:
                log = server.log[seen:]
                return any(kind in line for line in log) and any("last good build is served" in line for line in log)
            _wait_for(failed, f"the failed rebuild ({kind})")
            for path in ("texts/b/", "ru/texts/b/", "texts/a/", "index/persons/"):
                status, body = _fetch(server.url(path))  # answered at once (10 s timeout), not held
                assert status == 200, path
                assert "lastgood" not in body
                shown = _banner(body)
                assert shown is not None and kind in shown and "tei/B.xml:" in shown, (path, shown)
            assert "B-p1" in _fetch(server.url("texts/b/"))[1]
            if kind == "[dangling-pointer]":
                assert '"#B-<script>x"' in _banner(_fetch(server.url("texts/b/"))[1])
            # the last good site's search index (written in the background after its build) stays
            _wait_for(lambda: _fetch(server.url("pagefind/pagefind-entry.json"))[0] == 200, "the search index")
    finally:
        tei.write_text(original, encoding="utf-8")
    _wait_for(lambda: _banner(_fetch(server.url("texts/b/"))[1]) is None, "the repaired site without the banner")
    assert 'id="B-p1"' in _fetch(server.url("texts/b/"))[1]
    assert not any("Traceback" in line for line in server.log)
