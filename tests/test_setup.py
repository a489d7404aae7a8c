"""The repository's set-up promises: two commands, loopback only, no hand-written nav."""

from __future__ import annotations

import subprocess
import tomllib

import yaml

from conftest import ROOT


def dry_run(target: str) -> str:
    return subprocess.run(["make", "-n", "-W", "pyproject.toml", target], cwd=ROOT, text=True,
                          capture_output=True, check=True).stdout


def test_serve_listens_on_loopback_only():
    assert "mkdocs serve --dev-addr 127.0.0.1:8000" in dry_run("serve")


def test_serve_and_test_refresh_the_environment_when_pyproject_changes():
    for target in ("serve", "test"):
        out = dry_run(target)
        assert "pip install --quiet --editable '.[test]'" in out, target


def test_build_is_strict():
    assert "mkdocs build --strict" in dry_run("build")


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
