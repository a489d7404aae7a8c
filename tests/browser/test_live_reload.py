"""`mkdocs serve`: a changed nav_order shows up in the browser tab already open."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import stop_server

from .conftest import LOCAL_HOST, ROOT, PlaywrightError, free_port, new_context, open_page

MKDOCS = Path(sys.executable).with_name("mkdocs")
START_LIMIT_S = 60    # first build of the whole handbook by `mkdocs serve`
RELOAD_LIMIT_S = 30   # edit -> rebuild -> the open tab reloads with the new nav
STOP_LIMIT_S = 15

# Two siblings in the Overview chapter and the front-matter line that puts the second first.
MOVED = "overview/lifecycle.md"
OPEN = "overview/what-product-managers-do/"


def _copy_project(target: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    for folder in ("hooks", "overrides", "docs"):
        shutil.copytree(ROOT / folder, target / folder, ignore=ignore)


def _log_tail(log: Path, lines: int = 30) -> str:
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    return "\n".join(text.splitlines()[-lines:])


def _wait_until_serving(proc, url: str, log: Path) -> None:
    deadline = time.monotonic() + START_LIMIT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"mkdocs serve exited with {proc.returncode}:\n{_log_tail(log)}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    pytest.fail(f"mkdocs serve did not answer {url} within {START_LIMIT_S}s:\n{_log_tail(log)}")


def _stop(proc) -> None:
    """Ctrl+C, as an editor would; a server that ignores it is killed, and the test fails."""
    if not stop_server(proc, STOP_LIMIT_S):
        raise AssertionError(f"mkdocs serve did not stop within {STOP_LIMIT_S}s of Ctrl+C")


def _nav_titles(page) -> list[str]:
    """The titles in the open tab's primary navigation, top to bottom."""
    return page.eval_on_selector_all(
        ".md-nav--primary a.md-nav__link",
        "links => links.map(a => a.textContent.trim().replace(/\\s+/g, ' '))")


def _title(src: Path) -> str:
    return re.search(r"^title:\s*(.+?)\s*$", src.read_text(encoding="utf-8"), re.M).group(1)


def _order(titles: list[str], first: str, second: str) -> tuple[int, int] | None:
    if first in titles and second in titles:
        return titles.index(first), titles.index(second)
    return None


def test_changing_nav_order_reloads_the_open_page_with_the_new_order(browser, tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    _copy_project(project)
    docs = project / "docs"
    moved = docs / MOVED
    sibling = docs / "overview" / "what-product-managers-do.md"
    moved_title, sibling_title = _title(moved), _title(sibling)

    port = free_port()
    log = tmp_path / "mkdocs-serve.log"
    # As `make serve` does: site_url has a path, under which the server would otherwise mount the site.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1",
           "HANDBOOK_SITE_URL": f"http://{LOCAL_HOST}:{port}/"}
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [str(MKDOCS), "serve", "--livereload", "-a", f"{LOCAL_HOST}:{port}"],
            cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    ctx = new_context(browser)
    try:
        base = f"http://{LOCAL_HOST}:{port}/"
        _wait_until_serving(proc, base, log)
        page = ctx.new_page()
        open_page(page, base + OPEN)
        before = _order(_nav_titles(page), sibling_title, moved_title)
        assert before and before[0] < before[1], (
            f"expected {sibling_title!r} before {moved_title!r}: {_nav_titles(page)}")
        page.evaluate("window.__handbook_marker = 'before the edit'")

        text = moved.read_text(encoding="utf-8")
        edited = re.sub(r"^nav_order:.*$", "nav_order: 0.5", text, count=1, flags=re.M)
        assert edited != text
        moved.write_text(edited, encoding="utf-8")

        deadline, titles = time.monotonic() + RELOAD_LIMIT_S, []
        while time.monotonic() < deadline:
            assert proc.poll() is None, f"mkdocs serve stopped:\n{_log_tail(log)}"
            try:
                titles = _nav_titles(page)
            except PlaywrightError:  # the tab is between two documents while it reloads
                titles = []
            after = _order(titles, sibling_title, moved_title)
            if after and after[0] > after[1]:
                break
            time.sleep(0.25)
        else:
            pytest.fail(f"within {RELOAD_LIMIT_S}s the open tab did not show {moved_title!r} "
                        f"before {sibling_title!r}; its nav is {titles}\n"
                        f"mkdocs serve said:\n{_log_tail(log)}")

        assert page.evaluate("window.__handbook_marker") is None, "the tab should have reloaded"
        assert len(ctx.pages) == 1 and page.url == base + OPEN, "the same tab shows the change"
        assert proc.poll() is None, "the server was not restarted"
        assert "ERROR" not in log.read_text(encoding="utf-8", errors="replace"), _log_tail(log)
    finally:
        ctx.close()
        _stop(proc)
    assert proc.returncode in (0, -signal.SIGINT, 130), (
        f"mkdocs serve ended with {proc.returncode}:\n{_log_tail(log)}")
