"""Benchmark (e): Lighthouse on a text page in each language, served from 127.0.0.1.

Lighthouse is the npm package pinned in bench/package.json (installed by `make bench` with
`npm ci --prefix bench`), run on Debian's Chromium (CHROME_PATH) with Lighthouse's default
settings (mobile emulation, simulated throttling) and the categories performance, accessibility,
best practices and SEO.

Isolation: where the machine allows it (`unshare -n`, e.g. as root), the server, Lighthouse and
Chromium run in a network namespace of their own with only the loopback interface, so nothing can
reach another host; in every case the report's own list of network requests is checked for any
URL that is not on 127.0.0.1.

    python -m bench.lighthouse SITE OUT --runs 3 --page en=texts/c/ --page ru=ru/texts/c/
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from .common import ROOT
from .serve import serving

CLI = ROOT / "bench" / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = ("--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update "
                "--disable-sync --no-first-run")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0, "seo": 0.95}
PASSING = 0.9  # Lighthouse shows a numeric audit below 0.9 as not passed


@dataclass
class Report:
    """One Lighthouse run of one page, reduced to what BENCHMARKS.md shows."""
    scores: dict[str, float | None]
    failing: dict[str, str]  # audit id → its category (see failing_audits)
    foreign: list[str] = field(default_factory=list)  # requests to another host
    error: str | None = None


def failing_audits(report: dict) -> dict[str, str]:
    """Audits of the four categories that did not pass (binary ones below 1, numeric ones below 0.9):
    audit id → "category" for audits that count in the score, "category, not scored" for the
    weightless ones (the performance diagnostics and insights, experimental audits)."""
    out = {}
    for category in CATEGORIES:
        for ref in report["categories"].get(category, {}).get("auditRefs", []):
            audit = report["audits"][ref["id"]]
            score, mode = audit.get("score"), audit.get("scoreDisplayMode")
            if score is None or mode in ("notApplicable", "informative", "manual", "error"):
                continue
            if (mode == "binary" and score < 1) or (mode != "binary" and score < PASSING):
                out[ref["id"]] = category if ref.get("weight", 0) > 0 else f"{category}, not scored"
    return out


def foreign_requests(report: dict) -> list[str]:
    items = report["audits"].get("network-requests", {}).get("details", {}).get("items", [])
    return [i["url"] for i in items
            if not i["url"].startswith("data:") and urlsplit(i["url"]).hostname not in ("127.0.0.1", "localhost")]


def run_once(url: str, out: Path) -> Report:
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    cmd = ["node", str(CLI), url, "--quiet", "--output=json", f"--output-path={out}",
           f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False, timeout=600)
    if proc.returncode != 0 or not out.exists():
        return Report({}, {}, error=(proc.stderr or proc.stdout).strip()[-500:] or f"exit {proc.returncode}")
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {c: report["categories"][c]["score"] for c in CATEGORIES if c in report["categories"]}
    return Report(scores, failing_audits(report), foreign_requests(report), report.get("runtimeError", {}).get("code"))


def run_pages(site: Path, pages: dict[str, str], runs: int, reports: Path) -> dict[str, list[Report]]:
    """Serve the site and run Lighthouse `runs` times on each page, alternating the pages."""
    found: dict[str, list[Report]] = {name: [] for name in pages}
    with serving(site) as base:
        for i in range(runs):
            for name, path in pages.items():
                found[name].append(run_once(base + path, reports / f"{name}-{i + 1}.json"))
    return found


def can_isolate() -> bool:
    """Whether a network namespace with only loopback can be made here (unshare -n needs privileges)."""
    if not (shutil.which("unshare") and shutil.which("ip")):
        return False
    probe = subprocess.run(["unshare", "-n", "ip", "link", "set", "lo", "up"], capture_output=True, check=False)
    return probe.returncode == 0


def measure(site: Path, pages: dict[str, str], runs: int) -> tuple[dict[str, list[Report]], bool]:
    """Lighthouse reports per page; True if they ran without a network (only loopback)."""
    isolated = can_isolate()
    with tempfile.TemporaryDirectory() as tmp:
        summary = Path(tmp) / "summary.json"
        args = [sys.executable, "-m", "bench.lighthouse", str(site), str(summary), "--runs", str(runs),
                *(f"--page={name}={path}" for name, path in pages.items())]
        if isolated:
            # loopback only: the server and Chromium talk over 127.0.0.1, nothing else is reachable
            script = 'ip link set lo up && exec "$@"'
            args = ["unshare", "-n", "sh", "-c", script, "sh", *args]
        subprocess.run(args, cwd=ROOT, check=True)
        data = json.loads(summary.read_text(encoding="utf-8"))
    return {name: [Report(**r) for r in reports] for name, reports in data.items()}, isolated


def median_scores(reports: list[Report]) -> dict[str, float | None]:
    out: dict[str, float | None] = {}
    for category in CATEGORIES:
        values = [r.scores[category] for r in reports if r.scores.get(category) is not None]
        out[category] = statistics.median(values) if values else None
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path)
    parser.add_argument("summary", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--page", action="append", required=True, help="name=site-relative path")
    parser.add_argument("--reports", type=Path, help="keep the full Lighthouse reports in this directory")
    args = parser.parse_args(argv)
    pages = dict(p.split("=", 1) for p in args.page)
    with tempfile.TemporaryDirectory() as tmp:
        reports = args.reports or Path(tmp)
        reports.mkdir(parents=True, exist_ok=True)
        found = run_pages(args.site, pages, args.runs, reports)
    args.summary.write_text(json.dumps({n: [asdict(r) for r in rs] for n, rs in found.items()}), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
