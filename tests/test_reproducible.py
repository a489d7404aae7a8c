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


def test_two_builds_are_byte_identical(tmp_path):
    build(tmp_path / "one", "1")
    build(tmp_path / "two", "2")
    assert differences(tmp_path / "one", tmp_path / "two") == []
