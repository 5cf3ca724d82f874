"""What every benchmark needs: a throwaway copy of the project, timed builds with their peak
memory, the machine they ran on, and the Markdown formatting of a figure quoted as a median."""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What a build needs; the copy keeps the real files safe from the benchmarks' edits.
COPY = ["mkdocs.yml", "docs", "overrides", "albazin", "tei", "data", "anchors"]
BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1"}


def project_copy(dest: Path) -> Path:
    """A copy of the project without generated pages or caches (a build in it starts cold)."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in COPY:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif src.exists():
            shutil.copy2(src, dest / name)
    from albazin.core.paths import GENERATED_DIRS

    for sub in GENERATED_DIRS:
        shutil.rmtree(dest / "docs" / sub, ignore_errors=True)
    return dest


@dataclass(frozen=True)
class Run:
    seconds: float
    max_rss_kb: int  # peak resident memory of the build process and the processes it waited for


def measured(cmd: Sequence[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run a command; its wall time and peak memory. wait4 gives the rusage of this one child
    (the same figure as getrusage(RUSAGE_CHILDREN) in a process that ran only it)."""
    start = time.perf_counter()
    proc = subprocess.Popen(list(cmd), cwd=cwd, env={**os.environ, **BUILD_ENV, **(env or {})},
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = proc.stdout.read() if proc.stdout else b""
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{output.decode(errors='replace')[-3000:]}")
    return Run(seconds, usage.ru_maxrss)


def mkdocs_build(project: Path, site: Path, env: dict[str, str] | None = None, cold: bool = True) -> Run:
    """`mkdocs build --strict` of a project into site; cold = without the validation and template caches."""
    if cold:
        shutil.rmtree(project / ".cache", ignore_errors=True)
    return measured([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], project, env)


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gib() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 ** 2:.1f} GiB RAM"
    except OSError:
        pass
    return "RAM unknown"


def machine() -> str:
    """CPU model, cores, RAM, Python and OS of the machine running the benchmark, read now."""
    return (f"{_cpu_model()}, {os.cpu_count()} cores, {_memory_gib()}, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def runs_list(values: Sequence[float], fmt: str = "{:.2f}") -> str:
    return ", ".join(fmt.format(v) for v in values)
