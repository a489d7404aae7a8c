# Two commands set everything up: `make serve` and `make test`.
# Both (re)create .venv when it is missing or pyproject.toml has changed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-from-pyproject
HOST   ?= 127.0.0.1
PORT   ?= 8000

# Material for MkDocs prints a notice about MkDocs 2 on every build; we pin
# MkDocs 1.x on purpose, so the notice is noise for editors.
export NO_MKDOCS_2_WARNING := 1
# Reproducible builds: dates in the output (the sitemap's) come from the last commit, not the clock.
# From a source archive (no .git) they come from the newest file in docs/; if even that fails the
# variable is left unset (an empty one breaks the editable install and MkDocs alike).
SOURCE_DATE_EPOCH ?= $(shell test -e .git && git log -1 --format=%ct 2>/dev/null)
ifeq ($(strip $(SOURCE_DATE_EPOCH)),)
SOURCE_DATE_EPOCH := $(shell $(PYTHON) -c 'import pathlib; print(max((int(p.stat().st_mtime) for p in pathlib.Path("docs").rglob("*") if p.is_file()), default=""))' 2>/dev/null)
endif
ifeq ($(strip $(SOURCE_DATE_EPOCH)),)
unexport SOURCE_DATE_EPOCH
else
export SOURCE_DATE_EPOCH
endif

.PHONY: serve test build bench check new clean

serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr $(HOST):$(PORT) --livereload

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

build: $(STAMP)
	$(BIN)/mkdocs build --strict --site-dir site

bench: $(STAMP)
	$(BIN)/python bench/build_speed.py $(BENCH_ARGS)

# For editors: `make check` reports what the strict build would, in under a second;
# `make new TITLE="Running a pilot" PARENT="Internal product management"` creates a page.
# TITLE and PARENT reach the shell as environment variables, so quotes in them are safe.
check: $(STAMP)
	@$(BIN)/handbook check

new: $(STAMP)
	@test -n "$$TITLE" || { echo 'make new: give the title, e.g. make new TITLE="Running a pilot" PARENT="Internal product management"' >&2; exit 2; }
	@$(BIN)/handbook new "$$TITLE" $${PARENT:+--parent "$$PARENT"}

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; run: make PYTHON=python3.11 ...")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --editable '.[test]'
	@touch $(STAMP)

clean:
	rm -rf $(VENV) site .pytest_cache build *.egg-info hooks/*.egg-info
