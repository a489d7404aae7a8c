"""The order of events across the hook files is the one declared in handbook.build.events: every
event function a hook file has is declared, and MkDocs, loading mkdocs.yml, runs them in that
order (with Material's tags plugin after the title filter exists)."""

from __future__ import annotations

import ast
import re

import pytest
from conftest import ROOT
from handbook.build.events import ORDER, priority
from mkdocs.config import load_config


def hook_files() -> list[str]:
    """The hook files mkdocs.yml lists, by name."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return re.findall(r"^  - hooks/([\w.]+\.py)$", text, re.MULTILINE)


HOOKS = hook_files()


@pytest.fixture(scope="module")
def plugins():
    config = load_config(str(ROOT / "mkdocs.yml"))
    return config.plugins


def handled(hook: str) -> set[str]:
    """The events a hook file handles: its `on_*` functions and `on_* = CombinedEvent(...)`."""
    tree = ast.parse((ROOT / "hooks" / hook).read_text(encoding="utf-8"))
    names = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    names |= {target.id for node in tree.body if isinstance(node, ast.Assign)
              for target in node.targets if isinstance(target, ast.Name)}
    return {name for name in names if name.startswith("on_")}


def test_the_hook_files_are_the_known_ones():
    assert HOOKS == ["navigation.py", "titles.py", "governance.py", "serve.py", "emoji.py",
                     "publish.py"]


def test_every_event_function_is_declared():
    declared = {(step.hook, step.event) for step in ORDER}
    found = {(hook, event) for hook in HOOKS for event in handled(hook)}
    assert found == declared


def test_the_hook_files_hold_only_event_functions():
    """Event functions, and the parts of an event split by priority (`_on_env_...`)."""
    for hook in HOOKS:
        tree = ast.parse((ROOT / "hooks" / hook).read_text(encoding="utf-8"))
        functions = [n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
        assert all(name.startswith(("on_", "_on_")) for name in functions), (hook, functions)


def test_mkdocs_runs_the_hooks_in_the_declared_order(plugins):
    for event in {step.event for step in ORDER}:
        ran = [(fn.__module__.removeprefix("hooks/"), getattr(fn, "mkdocs_priority", 0))
               for fn in plugins.events[event.removeprefix("on_")]
               if fn.__module__.startswith("hooks/")]
        declared = [(step.hook, step.priority) for step in ORDER if step.event == event]
        assert ran == declared, event


def test_the_title_filter_exists_before_material_tags_plugin_renders(plugins):
    order = [fn.__module__ for fn in plugins.events["env"]]
    assert order.index("hooks/titles.py") < order.index("material.plugins.tags.plugin")


def test_priority_lookup():
    assert priority("governance.py", "on_files") < priority("navigation.py", "on_files")
    with pytest.raises(KeyError):
        priority("titles.py", "on_post_build")


# Event functions whose work is serve's alone, which on_config takes off MkDocs' lists in a build.
SERVE_ONLY = (("serve.py", "on_pre_page"), ("serve.py", "on_post_page"),
              ("navigation.py", "on_post_page"))


def _configured(command, monkeypatch):
    """mkdocs.yml loaded and set up as MkDocs sets it up for `command`, and its hook modules."""
    if command == "serve":
        monkeypatch.setenv("HANDBOOK_SERVING", "1")
    config = load_config(str(ROOT / "mkdocs.yml"))
    hooks = {hook: config.plugins[f"hooks/{hook}"] for hook in HOOKS}
    config.plugins.run_event("startup", command=command, dirty=False)
    try:
        config.plugins.on_config(config)
    finally:
        hooks["serve.py"].on_shutdown()
    return config, hooks


def test_serve_only_events_are_taken_off_a_builds_lists(monkeypatch):
    """In a build, each of them would hand back what it is given, so MkDocs need not call it for
    every page; under `mkdocs serve` they stay on the lists."""
    config, hooks = _configured("build", monkeypatch)
    item = object()
    for hook, event in SERVE_ONLY:
        handler = getattr(hooks[hook], event)
        assert handler not in config.plugins.events[event.removeprefix("on_")], (hook, event)
        args = {"on_pre_page": (item, config, None)}.get(event, (item, None, config))
        assert handler(*args) is item, (hook, event)  # what MkDocs would have called it for
    config, hooks = _configured("serve", monkeypatch)
    for hook, event in SERVE_ONLY:
        assert getattr(hooks[hook], event) in config.plugins.events[event.removeprefix("on_")]
