"""The handbook from a source archive (what "Download ZIP" gives): no `.git`, and still `make build`.

The archive is made with `git archive` from the committed tree and unpacked into a temporary folder;
its own Makefile runs `build` with the existing virtual environment (`BIN=`) and a stamp file, so no
new environment is installed. Dates then come from the files; inside git they come from the last
commit, so builds stay reproducible.
"""

from __future__ import annotations

import datetime
import os
import shutil
import struct
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from conftest import ROOT

BIN = Path(sys.executable).parent


def git(*args: str, cwd: Path = ROOT) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    if not (ROOT / ".git").exists():  # already an archive: the tree itself has no .git
        return ROOT
    folder = tmp_path_factory.mktemp("archive")
    tar = folder / "source.tar"
    git("archive", "--format=tar", "-o", str(tar), "HEAD")
    target = folder / "handbook"
    with tarfile.open(tar) as bundle:
        bundle.extractall(target, filter="data")
    return target


def make(folder: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    stamp = folder / ".test-stamp"
    stamp.touch()
    environment = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"} | env
    return subprocess.run(["make", "-C", str(folder), *args, f"BIN={BIN}", f"STAMP={stamp}"],
                          capture_output=True, text=True, env=environment, timeout=600)


def fake_mkdocs(folder: Path) -> Path:
    """A stand-in `mkdocs` that prints the SOURCE_DATE_EPOCH the Makefile gives it (and a fresh
    stamp beside it, so make never wants to install)."""
    (folder / "stamp").touch()
    bin_dir = folder / "fake-bin"
    bin_dir.mkdir(exist_ok=True)
    script = bin_dir / "mkdocs"
    script.write_text('#!/bin/sh\necho "epoch=${SOURCE_DATE_EPOCH-unset}"\n', encoding="utf-8")
    script.chmod(0o755)
    return bin_dir


def test_make_build_works_without_git(archive, tmp_path):
    assert not (archive / ".git").exists()
    result = make(archive, "build", SOURCE_DATE_EPOCH="")  # as an empty variable once crashed it
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    site = archive / "site"
    assert (site / "index.html").is_file() and (site / "pages.json").is_file()
    # The sitemap's date is the newest file's in docs/ (git archive gives files the commit's time).
    newest = max(p.stat().st_mtime for p in (archive / "docs").rglob("*") if p.is_file())
    day = datetime.datetime.fromtimestamp(newest, datetime.timezone.utc).date()
    gzip_mtime = struct.unpack("<I", (site / "sitemap.xml.gz").read_bytes()[4:8])[0]
    assert datetime.datetime.fromtimestamp(gzip_mtime, datetime.timezone.utc).date() == day
    assert '"last_updated"' not in (site / "pages.json").read_text(encoding="utf-8")  # no history


@pytest.mark.parametrize(("env", "expected"), [
    ({}, "newest"), ({"SOURCE_DATE_EPOCH": ""}, "newest"), ({"SOURCE_DATE_EPOCH": "12345"}, "12345"),
    ({"PYTHON": "no-such-python"}, "unset"),
])
def test_the_makefile_never_passes_an_empty_date(archive, tmp_path, env, expected):
    folder = tmp_path / "copy"
    shutil.copytree(archive, folder, ignore=shutil.ignore_patterns("site"))
    shutil.copystat(archive / "docs", folder / "docs")
    result = subprocess.run(
        ["make", "-s", "-C", str(folder), "build", f"BIN={fake_mkdocs(tmp_path)}",
         f"STAMP={tmp_path / 'stamp'}", *(f"{k}={v}" for k, v in env.items() if k == "PYTHON")],
        capture_output=True, text=True, timeout=60,
        env={k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
        | {k: v for k, v in env.items() if k != "PYTHON"})
    assert result.returncode == 0, result.stderr
    newest = str(max(int(p.stat().st_mtime) for p in (folder / "docs").rglob("*") if p.is_file()))
    assert result.stdout.strip() == "epoch=" + {"newest": newest}.get(expected, expected)


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="outside git there is no commit date")
def test_inside_git_the_date_is_the_last_commits(tmp_path):
    result = subprocess.run(
        ["make", "-s", "-C", str(ROOT), "build", f"BIN={fake_mkdocs(tmp_path)}",
         f"STAMP={tmp_path / 'stamp'}"],
        capture_output=True, text=True, timeout=60,
        env={k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"})
    assert result.stdout.strip() == "epoch=" + git("log", "-1", "--format=%ct").strip()
