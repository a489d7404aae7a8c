"""Problems where the editor looks: a real `mkdocs serve` shows a page's problems at its top and a
banner on every page; a real `mkdocs build` of the same files never contains them."""

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

from conftest import ROOT, handbook_config, stop_server, write_tree
from handbook.build.serve_notices import build_banner, page_notice, serving, set_serving
from handbook.problems import Problem

MKDOCS = Path(sys.executable).with_name("mkdocs")
PAGES = {
    "index.md": "---\ntitle: Home\nnav_order: 1\n---\n# Home\n\nWelcome.\n",
    "broken.md": "---\ntitle: :memo: Release notes\n---\n\nText.\n",
    "fine.md": "---\ntitle: Fine\nnav_order: 2\n---\n\nAll good.\n",
}


def test_serving_is_known_from_on_startup_only():
    environ: dict[str, str] = {}
    set_serving("serve", environ)
    assert serving(environ)
    set_serving("build", environ)
    assert not serving(environ)


def test_notices_escape_what_editors_wrote():
    problem = Problem("a.md", 2, "title '<script>x</script>' is wrong")
    assert "<script>" not in page_notice([problem], "docs/")
    assert "&lt;script&gt;" in build_banner([problem], "docs/")
    assert build_banner([Problem("a.md", 1, "note", "info")], "docs/") == ""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, deadline: float, proc) -> str:
    while time.monotonic() < deadline:
        assert proc.poll() is None, "mkdocs serve exited"
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode("utf-8")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    pytest.fail(f"mkdocs serve did not answer {url}")


@pytest.fixture
def project(tmp_path):
    write_tree(tmp_path / "docs", PAGES)
    (tmp_path / "mkdocs.yml").write_text(handbook_config(), encoding="utf-8")
    for folder in ("hooks", "overrides"):
        shutil.copytree(ROOT / folder, tmp_path / folder,
                        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    return tmp_path


def test_mkdocs_serve_shows_problems_and_mkdocs_build_does_not(project):
    port = _free_port()
    # At the root, as `make serve` does (site_url's path would otherwise be where serve mounts it).
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_TODAY": "2026-11-30",
           "HANDBOOK_SITE_URL": f"http://127.0.0.1:{port}/"}
    env.pop("HANDBOOK_SERVING", None)
    proc = subprocess.Popen([str(MKDOCS), "serve", "--no-livereload", "-a", f"127.0.0.1:{port}"],
                            cwd=project, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        broken = _get(f"http://127.0.0.1:{port}/broken/", deadline, proc)
        fine = _get(f"http://127.0.0.1:{port}/fine/", deadline, proc)
        search = _get(f"http://127.0.0.1:{port}/search/search_index.json", deadline, proc)
    finally:
        stop_server(proc)
    assert 'class="admonition failure handbook-problems"' in broken
    assert "docs/broken.md:2: front matter is not valid YAML" in broken
    assert "<!-- /handbook-serve-problems -->" in broken  # one wrapper, as tests/test_serve_incremental.py strips it
    assert 'class="admonition danger handbook-build-problems"' in fine  # the banner, everywhere
    assert "handbook-problems\"" not in fine.replace("handbook-build-problems", "")
    assert "not valid YAML" not in search  # notices are not content: search never indexes them

    result = subprocess.run([str(MKDOCS), "build", "-d", str(project / "site")], cwd=project,
                            env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    for page in (project / "site").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "handbook-problems" not in text and "handbook-build-problems" not in text, page


def test_a_notice_goes_at_the_top_of_the_article():
    from handbook.build.serve_notices import insert_notice

    page = '<body class="x"><article class="md-content__inner">Text</article></body>'
    assert insert_notice(page, "<div>N</div>") == \
        '<body class="x"><article class="md-content__inner"><div>N</div>Text</article></body>'
    assert insert_notice("<body>Text</body>", "<i>N</i>") == "<body><i>N</i>Text</body>"
    assert insert_notice(page, "") == page
