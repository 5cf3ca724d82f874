"""Benchmark: cold build time, and time from saving one TEI edit to the rebuilt page under `mkdocs serve`.

Run with `make bench`. Works on a temporary copy of the project, so the real files are never edited.
Prints a Markdown table (median of several runs) and the machine it was measured on.
"""

from __future__ import annotations

import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPY = ["mkdocs.yml", "docs", "overrides", "scripts", "tei"]


def project_copy(dest: Path) -> Path:
    for name in COPY:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("texts", "__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    return dest


def cold_build(project: Path) -> float:
    shutil.rmtree(project / ".cache", ignore_errors=True)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(project / "site")],
                   cwd=project, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return time.perf_counter() - start


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
        cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
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


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        project = project_copy(Path(tmp))
        builds = [cold_build(project) for _ in range(3)]
        reloads = edit_to_reload(project, runs=5)
    print(f"Machine: {machine()}\n")
    print("| measure | median | runs (s) |\n|---|---|---|")
    print(f"| cold build (`mkdocs build`, empty validation cache) | {statistics.median(builds):.2f} s | "
          + ", ".join(f"{t:.2f}" for t in builds) + " |")
    print(f"| TEI edit saved → rebuilt page served (`mkdocs serve`) | {statistics.median(reloads):.2f} s | "
          + ", ".join(f"{t:.2f}" for t in reloads) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
