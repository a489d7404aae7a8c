"""The handbook on two engines: MkDocs 1.6 and ProperDocs, the maintained fork of MkDocs 1.x, both
build it strictly, and the two sites differ in nothing but the generator's name.

ProperDocs lives in its own venv (.venv-properdocs, which `make test` creates with the versions of
.venv) and runs in its own process, because it redirects `mkdocs.*` imports inside the process
that runs it. Both builds run as `make build ENGINE=...` runs them.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT, handbook_pages

PROPERDOCS_VENV = ROOT / ".venv-properdocs"
ENGINES = {
    "mkdocs": ROOT / ".venv" / "bin" / "mkdocs",
    "properdocs": PROPERDOCS_VENV / "bin" / "properdocs",
}
INSTALL = "run `make .venv-properdocs/.installed-from-pyproject` (`make test` does it)"
# Everything both engines load besides themselves: a different version would differ in the output.
SHARED = ("mkdocs-material", "pymdown-extensions", "Markdown", "Jinja2", "PyYAML", "Pygments",
          "ftfy", "product-management-handbook")
GENERATOR = re.compile(r'<meta name="generator" content="([^"]*)">')
PAGER_LINK = re.compile(r'<a href="([^"]*)" rel="(prev|next)"[^>]*aria-label="([^"]*)"')
DOCS = ROOT / "docs"
PAGES = handbook_pages(DOCS)


@dataclass(frozen=True)
class EngineSite:
    site: Path
    returncode: int
    log: str

    def files(self) -> set[str]:
        return {p.relative_to(self.site).as_posix() for p in self.site.rglob("*") if p.is_file()}

    def text(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")


def html_path(src: str) -> str:
    stem = src.rsplit(".", 1)[0]
    return "index.html" if stem == "index" else (
        stem[: -len("index")] + "index.html" if stem.endswith("/index") else stem + "/index.html")


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, EngineSite]:
    """The handbook built by each engine at once, in its own process, with one date and seed."""
    missing = [str(path) for path in ENGINES.values() if not path.exists()]
    if missing:
        pytest.fail(f"{', '.join(missing)} missing: {INSTALL}")
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", PYTHONHASHSEED="0",
               HANDBOOK_TODAY=os.environ.get("HANDBOOK_TODAY") or datetime.date.today().isoformat(),
               NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    root = tmp_path_factory.mktemp("engines")
    running = {}
    for name, command in ENGINES.items():
        running[name] = subprocess.Popen(
            [str(command), "build", "--strict", "--config-file", str(ROOT / "mkdocs.yml"),
             "--site-dir", str(root / name)],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    built = {}
    for name, process in running.items():
        log, _ = process.communicate(timeout=600)
        built[name] = EngineSite(root / name, process.returncode, log)
    return built


def test_the_engines_load_the_same_versions_of_everything_else():
    script = ("import importlib.metadata as m, json, sys; "
              "print(json.dumps({n: m.version(n) for n in sys.argv[1:]}))")
    versions = {}
    for venv in (ROOT / ".venv", PROPERDOCS_VENV):
        python = venv / "bin" / "python"
        assert python.exists(), f"{python} missing: {INSTALL}"
        out = subprocess.run([str(python), "-c", script, *SHARED], capture_output=True, text=True,
                             check=True).stdout
        versions[venv.name] = json.loads(out)
    assert versions[".venv"] == versions[".venv-properdocs"], (
        "the two venvs differ; remove .venv-properdocs and run `make test` to rebuild it from "
        ".venv")


@pytest.mark.parametrize("engine", ENGINES)
def test_each_engine_builds_the_handbook_strictly(sites, engine):
    built = sites[engine]
    assert built.returncode == 0, built.log
    assert not [line for line in built.log.splitlines() if line.startswith(("WARNING", "ERROR"))]


def test_each_site_names_the_engine_that_built_it(sites):
    """Proof that ProperDocs, not MkDocs, ran the second build (with the hooks' `mkdocs` imports
    redirected to it), and the one thing allowed to differ."""
    mkdocs = GENERATOR.search(sites["mkdocs"].text("index.html")).group(1)
    properdocs = GENERATOR.search(sites["properdocs"].text("index.html")).group(1)
    assert mkdocs.startswith("mkdocs-1.6")
    assert "ProperDocs 1.6" in properdocs
    assert mkdocs.split(",")[1:] == properdocs.split(",")[1:]  # the same Material


def test_both_sites_have_the_same_files(sites):
    assert sites["mkdocs"].files() == sites["properdocs"].files()
    assert len(sites["mkdocs"].files()) > len(PAGES)


def page_parts(html: str) -> dict[str, object]:
    """What a reader meets on a page, by part, so a difference names the part it is in."""

    def between(start: str, end: str) -> str:
        first = html.find(start)
        return html[first:html.find(end, first)] if first >= 0 else ""

    return {
        "nav": between('<nav class="md-nav md-nav--primary"', '<div class="md-content"'),
        "prev/next": PAGER_LINK.findall(between('<footer class="md-footer">', "</footer>")),
        "content": between("<article", "</article>"),
        "whole page (generator aside)": GENERATOR.sub("", html),
    }


@pytest.mark.parametrize("page", [html_path(src) for src in PAGES] + ["404.html"])
def test_every_page_is_the_same_on_both_engines(sites, page):
    mkdocs = page_parts(sites["mkdocs"].text(page))
    properdocs = page_parts(sites["properdocs"].text(page))
    assert mkdocs["nav"] and mkdocs["content"]
    for part in mkdocs:
        assert mkdocs[part] == properdocs[part], f"{page}: the {part} differs"


def test_search_index_is_the_same_on_both_engines(sites):
    indexes = {name: json.loads(built.text("search/search_index.json"))
               for name, built in sites.items()}
    mkdocs, properdocs = indexes["mkdocs"], indexes["properdocs"]
    assert mkdocs["config"] == properdocs["config"]
    by_location = [{doc["location"]: doc for doc in index["docs"]}
                   for index in (mkdocs, properdocs)]
    assert by_location[0].keys() == by_location[1].keys()
    differing = [loc for loc, doc in by_location[0].items() if by_location[1][loc] != doc]
    assert differing == []
    assert mkdocs == properdocs  # order too: search results are ranked ties in index order
    assert len(by_location[0]) > len(PAGES)  # a page and its sections


def test_every_other_file_is_byte_identical(sites):
    others = sorted(path for path in sites["mkdocs"].files() if not path.endswith(".html"))
    differing = [path for path in others
                 if (sites["mkdocs"].site / path).read_bytes()
                 != (sites["properdocs"].site / path).read_bytes()]
    assert differing == []
    assert {"sitemap.xml", "pages.json", "search/search_index.json"} <= set(others)


# ---------------------------------------------------------------------------------------------
# Switching engines: `make build ENGINE=properdocs`, and CI making both venvs.

def make_dry_run(*args: str) -> subprocess.CompletedProcess:
    # Under `make test` the suite runs inside make: the inner make would inherit the outer one's
    # variables (MAKEFLAGS) and add "Entering/Leaving directory" lines.
    env = {k: v for k, v in os.environ.items()
           if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "PYTEST_ARGS")}
    return subprocess.run(["make", "--no-print-directory", "-n", "-W", "pyproject.toml", *args],
                          cwd=ROOT, text=True, capture_output=True, env=env)


@pytest.mark.parametrize("engine, command", [
    ("mkdocs", ".venv/bin/mkdocs build --strict"),
    ("properdocs", ".venv-properdocs/bin/properdocs build --strict"),
])
def test_make_build_runs_the_chosen_engine_strictly(engine, command):
    out = make_dry_run("build", f"ENGINE={engine}").stdout
    assert command in out
    assert ("properdocs" in out) == (engine == "properdocs")  # MkDocs' venv needs no ProperDocs


def test_make_serve_runs_the_chosen_engine_on_loopback():
    out = make_dry_run("serve", "ENGINE=properdocs").stdout
    assert (".venv-properdocs/bin/properdocs serve --dev-addr 127.0.0.1:8000 --livereload "
            "--config-file mkdocs.yml") in out


def test_an_unknown_engine_is_refused_with_the_choices():
    result = make_dry_run("build", "ENGINE=zensical")
    assert result.returncode != 0
    assert ("ENGINE is 'zensical'; use ENGINE=mkdocs (the default) or ENGINE=properdocs"
            in result.stderr)


def test_make_test_makes_both_venvs_with_the_same_versions():
    out = make_dry_run("test").stdout
    assert "pip freeze --exclude-editable > .venv-properdocs/constraints.txt" in out
    assert ("-m pip --python .venv-properdocs/bin/python install --quiet --constraint "
            ".venv-properdocs/constraints.txt --editable '.[properdocs]'") in out
    assert out.rstrip().splitlines()[-1].endswith("-m pytest")
