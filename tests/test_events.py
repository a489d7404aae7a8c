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


def test_the_hook_files_are_the_four_known_ones():
    assert HOOKS == ["navigation.py", "titles.py", "governance.py", "serve.py"]


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
