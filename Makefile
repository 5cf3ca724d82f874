# The Siege of Albazin — build, serve and test. `make serve` and `make test` set everything up.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/pip --disable-pip-version-check -q
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Material 9.8 prints an end-of-life banner on every command; it is noise in our logs.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test lint check bench clean system-deps browser-deps

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(PIP) install -r requirements.txt
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

serve: $(VENV)/.runtime-installed system-deps
	$(BIN)/mkdocs serve --livereload --dev-addr 127.0.0.1:8000

build: $(VENV)/.runtime-installed system-deps
	$(BIN)/python -m scripts.build

check: $(VENV)/.runtime-installed system-deps
	$(BIN)/python -m scripts.check

lint: $(VENV)/.test-installed
	$(BIN)/ruff check scripts tests

test: $(VENV)/.test-installed system-deps browser-deps
	$(BIN)/ruff check scripts tests
	$(BIN)/python -m pytest

clean:
	rm -rf site .site-build-* .site-old-* .cache docs/texts docs/index docs/concordance docs/commentary docs/bibliography docs/search

# Speed targets live here, not in the test suite: writes BENCHMARKS.md.
bench: $(VENV)/.test-installed system-deps
	{ echo "# Benchmarks"; echo; echo "Measured by \`make bench\` on $$(date -u +%Y-%m-%d)."; echo; \
	  $(BIN)/python -m bench.reload; } > BENCHMARKS.md
	cat BENCHMARKS.md
