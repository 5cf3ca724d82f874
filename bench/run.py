"""`make bench`: every benchmark of the edition, written as one Markdown table (BENCHMARKS.md).

    python -m bench.run --runs 5 --output BENCHMARKS.md     # make bench
    python -m bench.run --runs 1 --output BENCHMARKS.md     # make bench BENCH_RUNS=1 (a smoke run)

(a) cold build of the edition against a plain Material build of the same pages (bench.plain);
(b) TEI edit saved → rebuilt page under `mkdocs serve` (bench.reload);
(c) synthetic corpora of 30 and 300 texts: build time, peak memory, index and concordance checks
    (bench.synthetic, bench.scaling);
(d) transfer size of each page type on first load, gzip (bench.transfer);
(e) Lighthouse on a text page in each language (bench.lighthouse).

Everything runs on temporary copies of the project; the real files are never touched. The output
file is written only at the end, so a failed run leaves the previous one in place.
"""

from __future__ import annotations

import argparse
import datetime
import shutil
import sys
import tempfile
from pathlib import Path

from . import lighthouse, plain, reload, scaling, transfer
from .common import Run, machine, median, mkdocs_build, project_copy, runs_list
from .serve import serving

Row = tuple[str, str, str, str, str, str]  # part, measure, target, median, runs / detail, met


def _met(ok: bool | None) -> str:
    return "—" if ok is None else ("yes" if ok else "**no**")


def _kb(n: int) -> str:
    return f"{n / 1000:.0f} kB"


def _mb(kb: int) -> str:
    return f"{kb / 1024:.0f} MB"


def cold_builds(tmp: Path, runs: int) -> tuple[list[Row], Path, int]:
    """(a): the edition and the plain build, alternating; returns the rows, the edition's site
    and the number of generated pages carried into the plain project."""
    from albazin.model import pipeline
    from albazin.site import pageregistry

    project = project_copy(tmp / "edition")
    site = tmp / "site"
    edition_runs: list[Run] = []
    plain_runs: list[Run] = []
    pruned_runs: list[Run] = []
    pages = 0
    for i in range(runs):
        edition_runs.append(mkdocs_build(project, site))
        if i == 0:
            nav = pageregistry.site_nav(pipeline.load_edition(project / "tei"))
            pages = plain.make_plain_project(project, site, tmp / "plain", nav)
            themefiles = project / "albazin" / "site" / "themefiles.py"
            plain.with_pruned_listing(tmp / "plain", tmp / "plain-pruned", themefiles)
        plain_runs.append(mkdocs_build(tmp / "plain", tmp / "site-plain"))
        pruned_runs.append(mkdocs_build(tmp / "plain-pruned", tmp / "site-plain-pruned"))
    ratios = [e.seconds / p.seconds for e, p in zip(edition_runs, plain_runs, strict=True)]
    own = [e.seconds / p.seconds for e, p in zip(edition_runs, pruned_runs, strict=True)]
    ed, pl, pr = ([r.seconds for r in runs_] for runs_ in (edition_runs, plain_runs, pruned_runs))
    rows: list[Row] = [
        ("a", "cold build of the edition (`mkdocs build --strict`, empty caches)", "—", f"{median(ed):.2f} s",
         runs_list(ed), "—"),
        ("a", f"cold build of plain Material, same pages ({pages} generated pages as raw HTML)", "—",
         f"{median(pl):.2f} s", runs_list(pl), "—"),
        ("a", "edition ÷ plain Material (ratio of each pair of runs)", "≤ 1.5×", f"{median(ratios):.2f}×",
         runs_list(ratios), _met(median(ratios) <= 1.5)),
        ("a", "cold build of plain Material with the edition's theme listing "
               "(albazin/site/themefiles.py as its only hook)",
         "—", f"{median(pr):.2f} s", runs_list(pr), "—"),
        ("a", "edition ÷ that (what the edition's own work costs)", "—", f"{median(own):.2f}×", runs_list(own), "—"),
    ]
    return rows, site, pages


def edit_to_page(tmp: Path, runs: int) -> list[Row]:
    """(b), in a project copy of its own (the serve session writes its stubs there)."""
    times = reload.edit_to_reload(project_copy(tmp / "serve"), runs=max(runs, 1))
    return [("b", "TEI edit saved → rebuilt page served (`mkdocs serve`)", "< 2 s", f"{median(times.page):.2f} s",
             runs_list(times.page), _met(median(times.page) < 2)),
            ("b", "TEI edit saved → whole rebuild done (both languages)", "—",
             f"{median(times.rebuild):.2f} s", runs_list(times.rebuild), "—"),
            ("b", "TEI edit saved → search index of the rebuilt site written (after the rebuild)", "—",
             f"{median(times.indexed):.2f} s", runs_list(times.indexed), "—")]


def scaling_rows(tmp: Path, runs: int, copies: list[int]) -> tuple[list[Row], list[str]]:
    from albazin.model import pipeline

    real = pipeline.load_edition()
    sizes = scaling.measure(project_copy(tmp / "scaling"), tmp, real, copies, runs)
    rows: list[Row] = []
    notes: list[str] = []
    for size in sizes:
        seconds = [r.seconds for r in size.runs]
        memory = [r.max_rss_kb for r in size.runs]
        rows.append(("c", f"cold build, {size.texts} texts (+ their translations)", "—", f"{median(seconds):.1f} s",
                     f"{runs_list(seconds, '{:.1f}')}; peak memory {_mb(int(median(memory)))} "
                     f"({', '.join(_mb(m) for m in memory)})", "—"))
    small, large = sizes[0], sizes[-1]
    factor = large.texts / small.texts
    time_ratio = median([r.seconds for r in large.runs]) / median([r.seconds for r in small.runs])
    memory_ratio = median([r.max_rss_kb for r in large.runs]) / median([r.max_rss_kb for r in small.runs])
    rows.append(("c", f"build time, {large.texts} ÷ {small.texts} texts", f"≤ {factor * 1.2:.0f}×",
                 f"{time_ratio:.1f}×", "ratio of the medians", _met(time_ratio <= factor * 1.2)))
    rows.append(("c", f"peak memory, {large.texts} ÷ {small.texts} texts", f"≤ {factor * 1.2:.0f}× (linear)",
                 f"{memory_ratio:.1f}×", "ratio of the medians", _met(memory_ratio <= factor * 1.2)))
    for size in sizes:
        c = size.checks
        assert c is not None
        detail = (f"{c.mentions} mentions on the index pages (= {c.copies} × {c.expected_mentions // c.copies}), "
                  f"{c.figures} figures in the concordance (= {c.copies} × {c.expected_figures // c.copies}), "
                  f"per entity and per question, both languages; {c.links} concordance links followed")
        rows.append(("c", f"index and concordance correct, {size.texts} texts", "exact", "correct" if c.ok else
                     f"{len(c.problems)} problems", detail, _met(c.ok)))
        notes.append(f"{size.texts} texts: concordance page {_kb(c.concordance_bytes)} ({_kb(c.concordance_gzip)} "
                     f"gzip); whole site {c.site_bytes / 1e6:.0f} MB")
        notes += [f"{size.texts} texts: {p}" for p in c.problems]
    return rows, notes


def transfer_rows(site: Path) -> list[Row]:
    with serving(site) as base:
        found = transfer.measure(site, base)
    rows: list[Row] = []
    for name, _ in transfer.page_types(site):
        loads = {lang: found.get((name, lang)) for lang in ("en", "ru")}
        if all(v is None for v in loads.values()):
            rows.append(("d", f"first load, {name}", "—", "no such page", "", "—"))
            continue
        present = {lang: v for lang, v in loads.items() if v is not None}
        result = " / ".join(f"{lang} {_kb(v.total)}" for lang, v in present.items())
        detail = "; ".join(
            f"{lang}: HTML {_kb(v.gzip_bytes['html'])}, CSS {_kb(v.gzip_bytes['css'])}, JS {_kb(v.gzip_bytes['js'])}, "
            f"data {_kb(v.gzip_bytes['data'])} (search index {_kb(v.search_index)}), {v.requests} requests"
            + (f", FAILED {', '.join(v.failed)}" if v.failed else "")
            + (f", OTHER HOSTS {', '.join(v.foreign)}" if v.foreign else "")
            for lang, v in present.items())
        is_text = name.startswith("text ")
        ok = all(v.total <= 150_000 for v in present.values()) if is_text else None
        rows.append(("d", f"first load, {name}", "≤ 150 kB" if is_text else "—", result, detail, _met(ok)))
    return rows


def lighthouse_rows(site: Path, runs: int) -> tuple[list[Row], list[str]]:
    texts = sorted(site.glob("texts/*/index.html"), key=lambda p: p.stat().st_size)
    slug = texts[-1].parent.name  # the largest text page: the hardest case
    pages = {"en": f"texts/{slug}/", "ru": f"ru/texts/{slug}/"}
    found, isolated = lighthouse.measure(site, pages, runs)
    rows: list[Row] = []
    notes = [f"Pages: text {slug.upper()} (the largest text page), /{pages['en']} and /{pages['ru']}; "
             + ("run in a network namespace with only the loopback interface (no other host reachable)."
                if isolated else "network not isolated here (no `unshare -n`); see the request check below.")]
    for lang, reports in found.items():
        medians = lighthouse.median_scores(reports)
        for category in lighthouse.CATEGORIES:
            target = lighthouse.TARGETS[category]
            values = [r.scores.get(category) for r in reports]
            value = medians[category]
            rows.append(("e", f"Lighthouse {category}, text {slug.upper()} ({lang})",
                         f"{'=' if target == 1 else '≥'} {target:g}", "error" if value is None else f"{value:.2f}",
                         ", ".join("—" if v is None else f"{v:.2f}" for v in values),
                         _met(None if value is None else value >= target)))
        failing: dict[str, dict[str, int]] = {"scored": {}, "not scored": {}}
        for report in reports:
            for audit, category in report.failing.items():
                group = failing["not scored" if category.endswith(", not scored") else "scored"]
                key = f"{audit} ({category.removesuffix(', not scored')})"
                group[key] = group.get(key, 0) + 1
            if report.error:
                notes.append(f"{lang}: Lighthouse error: {report.error}")
            if report.foreign:
                notes.append(f"{lang}: REQUESTS TO OTHER HOSTS: {', '.join(report.foreign)}")
        for group, audits in failing.items():
            listed = ", ".join(f"`{name}` {n}/{len(reports)}" for name, n in sorted(audits.items()))
            notes.append(f"{lang}: failing audits, {group} (in how many runs): {listed or 'none'}")
        if not any(r.foreign for r in reports):
            notes.append(f"{lang}: every request in the reports went to 127.0.0.1 (or was a data: URL)")
    return rows, notes


METHOD = """\
## Method

- **Runs.** Each timed figure is the median of the runs listed beside it; builds are cold (no validation
  or template cache) and run in temporary copies of the project. kB = 1000 bytes.
- **(a) Plain Material.** After one build of the edition, every generated page (a stub marked
  `alb_generated`) is replaced by a Markdown file holding that page's rendered content — the children
  of Material's `<article>` in the built HTML — as one raw HTML block; hand-written pages and assets are
  copied unchanged. Its `mkdocs.yml` is the edition's without `hooks`, `watch` and `custom_dir`
  (template overrides), with the nav the hooks derive written out: Material, the same search and i18n
  plugins, languages and Markdown extensions; no TEI, no model, no validation. The edition lists the
  theme's files without walking Material's icon set (albazin/site/themefiles.py), which plain Material
  does not; a third, unscored build gives the plain project that listing as its only hook, so its ratio
  shows the cost of the edition's own work alone. The builds alternate; each ratio is taken for each
  set of runs, and its median quoted.
- **(b) Edit → page.** `mkdocs serve` on a project copy; an attribute of paragraph B-p1 is changed in
  `tei/B.xml` and the page is polled (every 50 ms) until the edit is served. MkDocs' server answers
  no request while a rebuild runs, so the page arrives when the rebuild of both languages is done.
  Under `mkdocs serve` the search index is built after the rebuild (albazin/site/devserve.py); the time
  until it is written is listed too. Each edit is saved on an idle server: the next one waits for the
  previous edit's rebuild and search index, and one more second.
- **(c) Scaling.** `bench/synthetic.py` writes k copies of every text and its translation (k = 10:
  30 texts; k = 100: 300 texts); copy 1 is the real file, copies 2..k get a new siglum, file name,
  ids and pointers (text unchanged), so the density of apparatus, names and figures is the real one.
  The commentary and bibliography are kept (they point at the real texts). The build reads the corpus
  through `ALBAZIN_TEI_DIR`. Peak memory is the `ru_maxrss` of the build process (and of the
  processes it waited for, e.g. jing) from `wait4`, the figure `getrusage(RUSAGE_CHILDREN)` gives.
  On each last site: mention links per entity on the three index pages and figures per question on
  the concordance page, in both languages, are compared with k × the real corpus's counts, and
  every link of the concordance pages is followed to an existing file and id. With more than six
  texts the concordance shows one column of figures (each labelled with its text) and one of the
  silent texts instead of a column per text, and each chart draws only the texts that state a value.
- **(d) Transfer.** Each page loaded once in a fresh Chromium context from the site served on
  127.0.0.1; every response of the page and its workers until the network is idle (+1 s) is counted,
  each body gzip-compressed at level 6. "data" is everything not HTML, CSS or JS (the search index,
  images).
- **(e) Lighthouse.** npm `lighthouse` pinned in `bench/package.json`, `CHROME_PATH=/usr/bin/chromium`,
  Chrome flags `--headless --no-sandbox --disable-gpu --disable-background-networking
  --disable-component-update --disable-sync --no-first-run`, default settings (mobile, simulated
  throttling); the server sends text files gzip-compressed, as a real host would. A failing audit is a
  binary audit below 1 or a numeric one below 0.9; "not scored" are the audits of weight 0 (the
  performance diagnostics and insights, experimental audits), listed because they say what to fix.
"""


def table(rows: list[Row]) -> str:
    lines = ["| | measure | target | median | runs / detail | met |", "|---|---|---|---|---|---|"]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="runs of each build and edit measurement")
    parser.add_argument("--scale-runs", type=int, help="runs of each synthetic build (default: min(runs, 3))")
    parser.add_argument("--lighthouse-runs", type=int, help="Lighthouse runs per page (default: min(runs, 3))")
    parser.add_argument("--copies", default="10,100", help="copies of the real texts per synthetic corpus")
    parser.add_argument("--skip", default="", help="parts to leave out, e.g. c,e")
    parser.add_argument("--output", type=Path, help="write here (default: print)")
    args = parser.parse_args(argv)
    skip = set(args.skip.split(",")) - {""}
    scale_runs = args.scale_runs or min(args.runs, 3)
    lighthouse_runs = args.lighthouse_runs or min(args.runs, 3)
    rows: list[Row] = []
    notes: dict[str, list[str]] = {}
    started = datetime.datetime.now(datetime.UTC)
    with tempfile.TemporaryDirectory(prefix="albazin-bench-") as tmp_name:
        tmp = Path(tmp_name)
        found, site, _ = cold_builds(tmp, args.runs) if "a" not in skip else ([], None, 0)
        rows += found
        if "b" not in skip:
            rows += edit_to_page(tmp, args.runs)
        if "c" not in skip:
            found, notes["Scaling"] = scaling_rows(tmp, scale_runs, [int(k) for k in args.copies.split(",")])
            rows += found
            shutil.rmtree(tmp / "scaling", ignore_errors=True)
        if site is None:
            site = tmp / "site"
            mkdocs_build(project_copy(tmp / "edition"), site)
        if "d" not in skip:
            rows += transfer_rows(site) if transfer.CHROMIUM.exists() else []
            if not transfer.CHROMIUM.exists():
                notes.setdefault("Not measured", []).append("(d) /usr/bin/chromium is not installed")
        if "e" not in skip:
            if lighthouse.CLI.exists() and transfer.CHROMIUM.exists():
                found, notes["Lighthouse"] = lighthouse_rows(site, lighthouse_runs)
                rows += found
            else:
                notes.setdefault("Not measured", []).append("(e) Lighthouse or Chromium is not installed "
                                                            "(`npm ci --prefix bench`, `make browser-deps`)")
    smoke = args.runs < 3
    out = ["# Benchmarks", "",
           f"Measured by `make bench` on {started:%Y-%m-%d} (UTC) on: {machine()}.", "",
           f"Runs: {args.runs} per build and edit figure, {scale_runs} per synthetic corpus, "
           f"{lighthouse_runs} Lighthouse runs per page; medians quoted, every run listed."]
    if smoke:
        out += ["", "**A smoke run with too few runs per figure: not representative.**"]
    out += ["", table(rows), ""]
    for heading, lines in notes.items():
        out += [f"## {heading}", "", *(f"- {line}" for line in lines), ""]
    out += [METHOD]
    text = "\n".join(out)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
