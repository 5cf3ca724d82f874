"""Benchmark (b): time from saving one TEI edit to the rebuilt page served by `mkdocs serve`.

Works on a temporary copy of the project (bench.common.project_copy), so the real files are never edited.
Each edit is saved on an idle server: the next edit waits until the server has finished the whole
rebuild of the previous one (it logs "Reloading browsers" when every language is built) and its search
index (built after the rebuild under serve, albazin/site/devserve.py; logged "Search index built"), so that
no measurement includes the tail of an earlier rebuild. Both are timed too.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from .common import BUILD_ENV

DONE = "Reloading browsers"  # mkdocs serve's log line at the end of each complete rebuild
INDEXED = "Search index built"  # our log line once the search index of a rebuild is written


@dataclass(frozen=True)
class EditTimes:
    page: list[float]  # edit saved → the edited page served with the edit
    rebuild: list[float]  # edit saved → the server's whole rebuild done (both languages)
    indexed: list[float]  # edit saved → the search index of the rebuilt site written


class RebuildLog:
    """Counts the rebuilds the server reports as complete and the search indexes written, read from
    its log in a thread."""

    def __init__(self, stream) -> None:
        self.done = 0
        self.indexed = 0
        self._cond = threading.Condition()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream) -> None:
        for raw in stream:
            line = raw.decode("utf-8", errors="replace")
            with self._cond:
                self.done += DONE in line
                self.indexed += INDEXED in line
                self._cond.notify_all()

    def wait_for(self, what: str, beyond: int, timeout: float) -> None:
        with self._cond:
            if not self._cond.wait_for(lambda: getattr(self, what) > beyond, timeout=timeout):
                raise RuntimeError(f"the server never reported {what}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def edit_to_reload(project: Path, runs: int) -> EditTimes:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, env={**os.environ, **BUILD_ENV},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
    )
    log = RebuildLog(server.stderr)
    url = f"http://127.0.0.1:{port}/texts/b/"
    try:
        deadline = time.time() + 120
        while "B-p1" not in fetch(url):
            if time.time() > deadline:
                raise RuntimeError("mkdocs serve did not come up")
            time.sleep(0.2)
        log.wait_for("indexed", 0, timeout=120)  # the first build's search index, written after it
        tei = project / "tei" / "B.xml"
        original = tei.read_text(encoding="utf-8")
        page, rebuild, indexed = [], [], []
        for i in range(runs):
            time.sleep(1.0)  # an idle server: nothing pending, the watcher settled
            completed, index_count = log.done, log.indexed
            marker = f"benchmark-edit-{i}"
            # an edit to a paragraph's @n: valid TEI, visible in the page, text unchanged
            tei.write_text(original.replace('xml:id="B-p1" n="1"', f'xml:id="B-p1" n="{marker}"'), encoding="utf-8")
            start = time.perf_counter()
            while marker not in fetch(url):
                if time.perf_counter() - start > 60:
                    raise RuntimeError("edit never appeared")
                time.sleep(0.05)
            page.append(time.perf_counter() - start)
            log.wait_for("done", completed, timeout=120)
            rebuild.append(time.perf_counter() - start)
            log.wait_for("indexed", index_count, timeout=120)
            indexed.append(time.perf_counter() - start)
        tei.write_text(original, encoding="utf-8")
        return EditTimes(page, rebuild, indexed)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
