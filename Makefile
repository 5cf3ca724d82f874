# The Siege of Albazin — build, serve and test. `make serve` and `make test` set everything up.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/pip --disable-pip-version-check -q
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Material 9.8 prints an end-of-life banner on every command; it is noise in our logs.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test test-fast lint check anchors bench clean system-deps browser-deps node-deps faketime-deps release deploy

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The edition's own package (albazin/, editable: the checkout is what runs) gives the `albazin` command.
$(VENV)/.runtime-installed: requirements.txt pyproject.toml | $(BIN)/python
	$(PIP) install -r requirements.txt
	$(PIP) install --no-deps -e .
	touch $@

$(VENV)/.test-installed: requirements-test.txt $(VENV)/.runtime-installed
	$(PIP) install -r requirements-test.txt
	touch $@

# Java runs jing, the TEI All validator (without it the build falls back to lxml, ~10 s slower).
system-deps:
	@command -v java >/dev/null || { command -v apt-get >/dev/null && \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless; } || \
	  echo "note: Java not available; TEI validation uses the slower lxml fallback"

# Debian's Chromium for the browser tests (Playwright never downloads a browser here).
browser-deps:
	@test -x /usr/bin/chromium || { command -v apt-get >/dev/null && \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } || \
	  echo "note: /usr/bin/chromium not available; browser tests will be skipped"

# Node tools of the tests (the Nu HTML checker, npm vnu-jar), pinned by package-lock.json. Install
# scripts are off: vnu-jar's would fetch a Java runtime; the tests use the machine's Java.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { command -v apt-get >/dev/null && \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm; } || true
	@if command -v npm >/dev/null; then npm ci --ignore-scripts --no-audit --no-fund && touch $@; \
	  else echo "note: npm not available; the HTML validity tests will be skipped"; fi

node-deps: node_modules/.installed

# faketime lets the reproducibility test run its second build days later (the clock must not leak in).
faketime-deps:
	@command -v faketime >/dev/null || { command -v apt-get >/dev/null && \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime; } || \
	  echo "note: faketime not available; the reproducibility test builds twice with the same clock"

serve: $(VENV)/.runtime-installed system-deps
	$(BIN)/mkdocs serve --livereload --dev-addr 127.0.0.1:8000

build: $(VENV)/.runtime-installed system-deps
	$(BIN)/albazin build

check: $(VENV)/.runtime-installed system-deps
	$(BIN)/albazin check

# Publish the edition version (tei/edition.xml) as a release, once: SITE_URL=https://host/path/ make release.
# The versions are kept in the git branch RELEASE_BRANCH (README: "Publishing a release").
RELEASE_BRANCH ?= releases
release: $(VENV)/.runtime-installed system-deps
	$(BIN)/albazin release --branch $(RELEASE_BRANCH)

# Copy every published release into DEPLOY_DIR, a folder any static web server can serve as is.
deploy: $(VENV)/.runtime-installed
	@test -n "$(DEPLOY_DIR)" || { echo "error: set DEPLOY_DIR=<folder>, e.g. make deploy DEPLOY_DIR=/srv/www [deploy]" >&2; exit 1; }
	$(BIN)/albazin release --branch $(RELEASE_BRANCH) --deploy "$(DEPLOY_DIR)"

# Register newly published anchors (anchors/published.tsv); never removes a line.
anchors: $(VENV)/.runtime-installed system-deps
	$(BIN)/albazin anchors --update

lint: $(VENV)/.test-installed
	$(BIN)/ruff check albazin tests bench tools

test: $(VENV)/.test-installed system-deps browser-deps node-deps faketime-deps
	$(BIN)/ruff check albazin tests bench tools
	$(BIN)/python -m pytest

# The fast tier: everything that neither builds the site nor drives Chromium (tests/tiers.py keeps it so).
# It still checks the stylesheets with the Nu checker, hence node-deps.
test-fast: $(VENV)/.test-installed system-deps node-deps
	$(BIN)/python -m pytest -m "not build and not browser"

clean:
	rm -rf site .site-build-* .site-old-* .cache docs/texts docs/index docs/concordance docs/commentary docs/bibliography docs/downloads docs/search docs/changes

# Speed targets live here, not in the test suite: writes BENCHMARKS.md (see bench/run.py).
# `make bench BENCH_RUNS=1` is a quick smoke run; the figures need a quiet machine and the default.
BENCH_RUNS ?= 5
bench/node_modules/.installed: bench/package.json bench/package-lock.json
	npm ci --prefix bench --no-audit --no-fund
	touch $@

bench: $(VENV)/.test-installed system-deps browser-deps bench/node_modules/.installed
	$(BIN)/python -m bench.run --runs $(BENCH_RUNS) --output BENCHMARKS.md
