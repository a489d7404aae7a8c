# Two commands set everything up: `make serve` and `make test`.
# Both (re)create .venv when it is missing or pyproject.toml has changed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-from-pyproject
HOST   ?= 127.0.0.1
PORT   ?= 8000
# The engine that builds and serves the site: mkdocs (MkDocs 1.6) or properdocs (ProperDocs, the
# maintained fork of MkDocs 1.x). ProperDocs lives in its own venv: it redirects `mkdocs.*`
# imports inside the process that runs it, so it must not share a process with MkDocs.
ENGINE ?= mkdocs
PD_VENV  := $(VENV)-properdocs
PD_STAMP := $(PD_VENV)/.installed-from-pyproject
ifeq ($(ENGINE),mkdocs)
ENGINE_STAMP := $(STAMP)
ENGINE_CMD   := $(BIN)/mkdocs
else ifeq ($(ENGINE),properdocs)
ENGINE_STAMP := $(PD_STAMP)
# ProperDocs looks for properdocs.yml first; naming the file keeps it from saying so on every build.
ENGINE_CMD   := $(PD_VENV)/bin/properdocs
ENGINE_ARGS  := --config-file mkdocs.yml
else
$(error ENGINE is '$(ENGINE)'; use ENGINE=mkdocs (the default) or ENGINE=properdocs)
endif

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

.PHONY: serve test build bench bench-engines screenshots check new clean

# site_url has a path (/handbook/ on GitHub Pages), under which `mkdocs serve` would mount the site;
# serving with the local address as site_url keeps it at http://$(HOST):$(PORT)/.
serve: $(ENGINE_STAMP)
	HANDBOOK_SITE_URL=http://$(HOST):$(PORT)/ $(ENGINE_CMD) serve --dev-addr $(HOST):$(PORT) --livereload $(ENGINE_ARGS)

# Both engines: tests/test_engines.py builds the handbook with each and compares the pages.
test: $(STAMP) $(PD_STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

build: $(ENGINE_STAMP)
	$(ENGINE_CMD) build --strict --site-dir site $(ENGINE_ARGS)

bench: $(STAMP)
	$(BIN)/python bench/build_speed.py $(BENCH_ARGS)

bench-engines: $(STAMP) $(PD_STAMP)
	$(BIN)/python bench/engines.py $(BENCH_ARGS)

screenshots: $(STAMP)
	$(BIN)/python .github/screenshots/take.py

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

# The same packages at the same versions as .venv (pip freeze as constraints), plus ProperDocs;
# .venv's pip installs them (`pip --python`), so the second venv needs no pip of its own.
$(PD_STAMP): pyproject.toml $(STAMP)
	@mkdir -p $(PD_VENV)
	@test -x $(PD_VENV)/bin/python || $(BIN)/python -m venv --without-pip $(PD_VENV)
	$(BIN)/python -m pip freeze --exclude-editable > $(PD_VENV)/constraints.txt
	$(BIN)/python -m pip --python $(PD_VENV)/bin/python install --quiet --constraint $(PD_VENV)/constraints.txt --editable '.[properdocs]'
	@touch $(PD_STAMP)

clean:
	rm -rf $(VENV) $(PD_VENV) site .pytest_cache build *.egg-info hooks/*.egg-info
