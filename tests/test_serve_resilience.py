"""`mkdocs serve` (what `make serve` runs) keeps answering while an editor's page is hostile or a
rebuild fails, and recovers when the page is fixed."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, stop_server, write_tree

MKDOCS = Path(sys.executable).with_name("mkdocs")
WAIT_S = 90  # a guard against hanging, not a speed limit
HOME = "---\ntitle: Home\nnav_order: 1\n---\n# Home\n\nWelcome.\n"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as err:
        return err.code, ""


def wait_for(condition, what: str, log: Path) -> None:
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    tail = "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-30:])
    pytest.fail(f"{what} did not happen within {WAIT_S}s:\n{tail}")


@pytest.fixture
def served(tmp_path):
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    for folder in ("hooks", "overrides"):
        shutil.copytree(ROOT / folder, tmp_path / folder,
                        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    write_tree(tmp_path / "docs", {"index.md": HOME, "a.md": "---\ntitle: First\n---\n# First\n"})
    (tmp_path / "secret.md").write_text("---\ntitle: Secret\n---\nsecret-7d1e\n", encoding="utf-8")
    port = free_port()
    log = tmp_path / "serve.log"
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.Popen(
            [str(MKDOCS), "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
            cwd=tmp_path, stdout=out, stderr=subprocess.STDOUT,
            # As `make serve` does: site_url has a path, under which serve would mount the site.
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1", HANDBOOK_TODAY="2026-03-01",
                     HANDBOOK_SITE_URL=f"http://127.0.0.1:{port}/"))
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: fetch(base)[0] == 200, "the first build", log)
        yield tmp_path, base, log
    finally:
        stop_server(proc)


def test_serve_keeps_answering_through_hostile_pages_and_failed_rebuilds(served):
    root, base, log = served
    page = root / "docs" / "a.md"
    # A page whose dates overflow and whose icon does not exist: the rebuild reports it and the
    # page is served with its new title.
    page.write_text("---\ntitle: Overflowed\nlast_reviewed: 9999-12-31\nreview_in: 1 day\n"
                    "icon: material/nope\n---\n# Overflowed\n", encoding="utf-8")
    wait_for(lambda: "Overflowed" in fetch(base + "a/")[1], "the rebuild with overflowing dates", log)
    assert "after the year 9999" in log.read_text(encoding="utf-8")

    # Links out of docs/ and round a loop: reported, left out, and the rest is served.
    os.symlink("../secret.md", root / "docs" / "leak.md")
    os.symlink("..", root / "docs" / "loop")
    wait_for(lambda: "docs/loop: is a symbolic link to '..'" in log.read_text(encoding="utf-8"),
             "the rebuild with bad links", log)
    wait_for(lambda: fetch(base)[0] == 200, "an answer after the rebuild with bad links", log)
    assert "Overflowed" in fetch(base + "a/")[1]
    assert fetch(base + "leak/")[0] == 404 and fetch(base + "loop/")[0] == 404
    assert "secret-7d1e" not in fetch(base + "search/search_index.json")[1]

    # Fixing the mistakes brings the server back to normal.
    (root / "docs" / "leak.md").unlink()
    (root / "docs" / "loop").unlink()
    page.write_text("---\ntitle: Fixed\n---\n# Fixed\n", encoding="utf-8")
    wait_for(lambda: "Fixed" in fetch(base + "a/")[1], "the rebuild after the fix", log)
    assert "Traceback" not in log.read_text(encoding="utf-8")
