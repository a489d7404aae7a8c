"""`make check` and `make new TITLE=... PARENT=...`: editors never type `.venv/bin/`."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

from conftest import ROOT

STAMP = ".venv/.installed-from-pyproject"
# A fixed day, so the check never depends on the calendar: the handbook's latest review date (a
# review dated after "today" is itself a problem).
TODAY = max(re.findall(r"^last_reviewed: (\d{4}-\d\d-\d\d)$",
                       "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").rglob("*.md")),
                       re.MULTILINE))


def make(root, *args):
    # -o: take the virtual environment as it is (the test uses the repository's own).
    return subprocess.run(["make", "-s", "-o", STAMP, *args], cwd=root, capture_output=True,
                          text=True, env={**os.environ, "HANDBOOK_TODAY": TODAY},
                          check=False)


def test_make_new_and_make_check(tmp_path):
    for name in ("Makefile", "mkdocs.yml", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    (tmp_path / ".venv").symlink_to(ROOT / ".venv")
    assert make(tmp_path, "check").returncode == 0

    created = make(tmp_path, "new", 'TITLE=Q&A: "pilots"', "PARENT=Internal product management")
    assert created.returncode == 0, created.stderr
    assert created.stdout.strip() == "docs/internal/q-and-a-pilots.md"
    text = (tmp_path / "docs/internal/q-and-a-pilots.md").read_text(encoding="utf-8")
    assert "parent: Internal product management" in text and "Q&A" in text

    checked = make(tmp_path, "check")
    assert checked.returncode != 0
    assert "docs/internal/q-and-a-pilots.md:" in checked.stderr and "has no description" in checked.stderr

    missing = make(tmp_path, "new")
    assert missing.returncode != 0 and 'make new TITLE="Running a pilot"' in missing.stderr
