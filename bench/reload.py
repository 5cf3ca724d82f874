"""Benchmark (b): time from saving one TEI edit to the rebuilt page served by `mkdocs serve`.

Works on a temporary copy of the project (bench.common.project_copy), so the real files are never edited.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from .common import BUILD_ENV


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


def edit_to_reload(project: Path, runs: int) -> list[float]:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, env={**os.environ, **BUILD_ENV},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/texts/b/"
    try:
        deadline = time.time() + 120
        while "B-p1" not in fetch(url):
            if time.time() > deadline:
                raise RuntimeError("mkdocs serve did not come up")
            time.sleep(0.2)
        tei = project / "tei" / "B.xml"
        original = tei.read_text(encoding="utf-8")
        times = []
        for i in range(runs):
            marker = f"benchmark-edit-{i}"
            # an edit to a paragraph's @n: valid TEI, visible in the page, text unchanged
            tei.write_text(original.replace('xml:id="B-p1" n="1"', f'xml:id="B-p1" n="{marker}"'), encoding="utf-8")
            start = time.perf_counter()
            while marker not in fetch(url):
                if time.perf_counter() - start > 60:
                    raise RuntimeError("edit never appeared")
                time.sleep(0.05)
            times.append(time.perf_counter() - start)
            time.sleep(1.0)  # let the watcher settle before the next edit
        tei.write_text(original, encoding="utf-8")
        return times
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
