"""Two builds of the same sources are byte-identical, whatever Python's hash seed."""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def build(site: Path, seed: str) -> None:
    env = dict(os.environ, PYTHONHASHSEED=seed, SOURCE_DATE_EPOCH="1700000000", NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                   cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)


def differences(a: Path, b: Path) -> list[str]:
    found = []
    stack = [filecmp.dircmp(a, b)]
    while stack:
        cmp = stack.pop()
        found += [f"only in one build: {name}" for name in cmp.left_only + cmp.right_only]
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        found += [str(Path(cmp.left, name).relative_to(a)) for name in mismatch + errors]
        stack += cmp.subdirs.values()
    return found


SAME_HEADING_TWICE = """\
---
title: Risks twice
---

# Risks twice

## :warning: Risks

Text under the second-level heading.

### :warning: Risks

Text under the third-level heading.
"""

BUILD_TREE = """\
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config(config_file=sys.argv[1], docs_dir=sys.argv[2], site_dir=sys.argv[3], strict=True)
config["extra"] = {"handbook": {"content_rules": False}}  # a small tree, not the handbook
build(config)
"""


def build_tree(docs: Path, site: Path, seed: str) -> None:
    env = dict(os.environ, PYTHONHASHSEED=seed, SOURCE_DATE_EPOCH="1700000000", NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, "-c", BUILD_TREE, str(ROOT / "mkdocs.yml"), str(docs), str(site)],
                   cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)


def test_alias_anchor_goes_to_the_first_heading_whatever_the_hash_seed(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(SAME_HEADING_TWICE, encoding="utf-8")
    for seed in ("0", "1", "2", "3"):
        build_tree(docs, tmp_path / seed, seed)
    pages = {(tmp_path / seed / "index.html").read_bytes() for seed in ("0", "1", "2", "3")}
    assert len(pages) == 1
    html = pages.pop().decode()
    # GitHub gives `#warning-risks` to the first heading with those words, the h2.
    h2 = html.index("<h2")
    assert h2 < html.index('id="warning-risks"') < html.index("<h3")


def test_two_builds_are_byte_identical(tmp_path):
    build(tmp_path / "one", "1")
    build(tmp_path / "two", "2")
    assert differences(tmp_path / "one", tmp_path / "two") == []
