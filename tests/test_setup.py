"""The repository's set-up promises: two commands, loopback only, no hand-written nav."""

from __future__ import annotations

import os
import subprocess
import tomllib

import pytest
import yaml

from conftest import ROOT


FAKE_TOOL = """#!/bin/sh
echo "$(basename "$0") $*" >> "$(dirname "$0")/../calls.log"
if [ -n "$HANDBOOK_SITE_URL" ]; then echo "  site_url $HANDBOOK_SITE_URL" >> "$(dirname "$0")/../calls.log"; fi
"""


@pytest.fixture
def fake_venv(tmp_path):
    """A virtual environment whose `python` and `mkdocs` only record how make calls them, so the
    Makefile's targets run for real without installing or building anything."""
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    for tool in ("python", "mkdocs"):
        (venv / "bin" / tool).write_text(FAKE_TOOL, encoding="utf-8")
        (venv / "bin" / tool).chmod(0o755)

    def make(target: str) -> list[str]:
        log = venv / "calls.log"
        log.unlink(missing_ok=True)
        subprocess.run(["make", "--no-print-directory", target, f"VENV={venv}"], cwd=ROOT,
                       check=True, capture_output=True, text=True, timeout=60)
        return log.read_text(encoding="utf-8").splitlines() if log.exists() else []

    return venv, make


def test_serve_listens_on_loopback_only(fake_venv):
    _, make = fake_venv
    calls = make("serve")
    serve = next(i for i, call in enumerate(calls) if call.startswith("mkdocs serve"))
    assert calls[serve].split() == ["mkdocs", "serve", "--dev-addr", "127.0.0.1:8000", "--livereload"]
    # site_url has a path on GitHub Pages, under which `mkdocs serve` would mount the site: make
    # serve gives the local address instead, so the site is at the README's address.
    assert calls[serve + 1] == "  site_url http://127.0.0.1:8000/"
    assert "http://127.0.0.1:8000" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_serve_and_test_refresh_the_environment_when_pyproject_changes(fake_venv):
    venv, make = fake_venv
    install = "python -m pip install --quiet --editable .[test]"
    for target, command in (("serve", "mkdocs serve"), ("test", "python -m pytest")):
        (venv / ".installed-from-pyproject").unlink(missing_ok=True)
        calls = [call for call in make(target) if not call.startswith("  ")]  # commands only
        assert install in calls and calls[-1].startswith(command), (target, calls)
        assert install not in make(target), target  # installed once, until pyproject changes
        os.utime(venv / ".installed-from-pyproject", (0, 0))  # older than pyproject.toml
        assert install in make(target), target


def test_build_is_strict(fake_venv):
    _, make = fake_venv
    assert make("build")[-1].startswith("mkdocs build --strict")


def test_mkdocs_yml_has_no_nav_and_uses_the_hooks():
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    assert "nav" not in config
    assert config["theme"]["font"] is False
    assert "navigation.prune" in config["theme"]["features"]
    assert {"hooks/navigation.py", "hooks/titles.py"} <= set(config["hooks"])


def test_dependencies_are_ranges_within_a_major_version():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    deps = {d.split(">")[0].split("<")[0].strip().lower(): d for d in project["dependencies"]}
    assert deps["mkdocs"].endswith("<2")
    for name, spec in deps.items():
        assert ">=" in spec and "<" in spec, spec
