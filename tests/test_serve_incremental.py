"""`make serve` rebuilds through caches (hooks/serve.py); what it serves is always what a clean build
of the same files gives.

One real `mkdocs serve` process (the project's mkdocs.yml, a generated tree of about two hundred
pages) takes random sequences of edits: body text, titles, parents, order, pages added, deleted and
renamed, front matter broken and fixed. After each edit has been rebuilt, every file of a clean,
non-strict build with the same `site_url` is fetched from the server and compared byte for byte,
apart from the live-reload script the server adds to HTML; addresses that the clean build no longer
has must be gone from the server too.
"""

from __future__ import annotations

import logging
import os
import queue
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import ROOT

SECTIONS = 10
PAGES_PER_SECTION = 19
TODAY = "2026-11-30"
EPOCH = "1700000000"
LIVE_RELOAD = re.compile(rb"<script>\s*var livereload = function.*?</script>(?=</body>)", re.S)
# The serve-only problems panel is not part of a clean build.
SERVE_ONLY = re.compile(rb'<div class="handbook-serve-problems".*?</div><!-- /handbook-serve-problems -->',
                        re.S)

SERVE = """\
import logging, sys
logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s", stream=sys.stdout)
from mkdocs.commands.serve import serve
serve(config_file=sys.argv[1], docs_dir=sys.argv[2], dev_addr=sys.argv[3], livereload=True)
"""


def page_text(title: str, order: int, parent: str | None, body: str, tags: list[str]) -> str:
    lines = ["---", f"title: {title}", f"nav_order: {order}"]
    if parent:
        lines.append(f"parent: {parent}")
    lines += ["tags:", *(f"  - {tag}" for tag in tags), "---", "", f"# {title}", "", body, ""]
    return "\n".join(lines)


def initial_tree() -> dict[str, str]:
    tree = {"index.md": page_text("Home", 1, None, "The front page. :dart: Start [here](s0/index.md).",
                                  ["start"]),
            "tags.md": page_text("Tags", 99, None, "<!-- material/tags -->", ["start"]),
            # Made from every page's content: rebuilt with any page rebuilt alone.
            "print.md": page_text("Print", 98, None, "<!-- handbook:print -->", ["start"])}
    for s in range(SECTIONS):
        tree[f"s{s}/index.md"] = page_text(f"Section {s}", s + 2, None,
                                           f"## :rocket: Launch {s}\n\nSection {s} opens here.",
                                           [f"topic{s % 3}"])
        for p in range(PAGES_PER_SECTION):
            following = f"p{p + 1}.md" if p + 1 < PAGES_PER_SECTION else "index.md"
            body = (f"Page {p} of section {s}, see [the next page]({following}) and its "
                    f"[details]({following}#details).\n\n"
                    f"## :warning: Risks\n\nSome risks.\n\n## Details\n\nMore words for {s}/{p}.")
            tree[f"s{s}/p{p}.md"] = page_text(f"Page {s}.{p}", p + 1, f"Section {s}", body,
                                              [f"topic{p % 4}"])
    # Pages built from text the build repairs (Liquid, an old site's .html link), kept out of
    # the nav, and with a section hidden from search (the search plugin rewrites its HTML).
    tree["s1/liquid.md"] = page_text("Liquid", 30, "Section 1",
                                     "Read [this]({% link s1/index.md %}) and [that](p3.html).",
                                     ["topic1"])
    tree["s2/hidden.md"] = "---\ntitle: Hidden\nnav_exclude: true\n---\n\n# Hidden\n\nUnlisted.\n"
    tree["s3/unsearched.md"] = page_text("Unsearched", 31, "Section 3",
                                         "## Secret\n{ data-search-exclude }\n\nNot in search.",
                                         ["topic2"])
    return tree


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A `mkdocs serve` process on a docs folder, and its log lines as they come."""

    def __init__(self, docs: Path, env: dict[str, str]) -> None:
        self.docs = docs
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        env = dict(env, HANDBOOK_SITE_URL=self.url)  # served at the root, as `make serve` does
        self.lines: queue.Queue = queue.Queue()
        # At the root, as `make serve` does (site_url's path would otherwise be where serve mounts it).
        env = {**env, "HANDBOOK_SITE_URL": self.url}
        self.process = subprocess.Popen(
            [sys.executable, "-c", SERVE, str(ROOT / "mkdocs.yml"), str(docs),
             f"127.0.0.1:{self.port}"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=ROOT)
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_for(r"Serving on http", timeout=600)

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def wait_for(self, pattern: str, timeout: float) -> list[str]:
        """The log lines up to and including the first that matches `pattern`."""
        deadline = time.monotonic() + timeout
        seen = []
        while True:
            try:
                line = self.lines.get(timeout=max(0.05, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"mkdocs serve: no {pattern!r} within {timeout:.0f} s") from None
            assert line is not None, "mkdocs serve exited"
            assert "Traceback" not in line, line
            seen.append(line)
            if re.search(pattern, line):
                return seen

    def settle(self, quiet: float = 1.5, timeout: float = 300) -> list[str]:
        """Wait for the rebuild after an edit, then for no further rebuild to start; the log
        lines of the rebuilds."""
        seen = self.wait_for(r"Reloading browsers", timeout)
        while True:
            try:
                line = self.lines.get(timeout=quiet)
            except queue.Empty:
                return seen
            assert line is not None, "mkdocs serve exited"
            seen.append(line)
            if "Detected file changes" in line or "Building documentation" in line:
                seen += self.wait_for(r"Reloading browsers", timeout)

    def get(self, path: str) -> bytes | None:
        try:
            with urllib.request.urlopen(self.url + path, timeout=30) as response:
                return response.read()
        except urllib.error.HTTPError as err:
            if err.code == 404:
                return None
            raise

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("serve")
    docs = root / "docs"
    tree = initial_tree()
    for path, text in tree.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text, encoding="utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=EPOCH, HANDBOOK_TODAY=TODAY)
    server = Server(docs, env)
    try:
        yield root, docs, tree, server
    finally:
        server.stop()


def clean_build(docs: Path, site: Path, site_url: str, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setenv("HANDBOOK_TODAY", TODAY)
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(site),
                         site_url=site_url, strict=False)
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    try:
        build(config)
    finally:
        logging.getLogger("mkdocs").setLevel(logging.NOTSET)


def compare(server: Server, site: Path, gone: set[str]) -> list[str]:
    differences = []
    for file in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = file.relative_to(site).as_posix()
        served = server.get(rel)
        if served is None:
            differences.append(f"{rel}: not served")
            continue
        expected = file.read_bytes()
        if rel.endswith(".html"):
            served = SERVE_ONLY.sub(b"", LIVE_RELOAD.sub(b"", served))
        if served != expected:
            differences.append(f"{rel}: differs from a clean build")
    for rel in sorted(gone):
        if not (site / rel).exists() and server.get(rel) is not None:
            differences.append(f"{rel}: still served after its page went")
    return differences


def built_path(src: str) -> str:
    stem = src[: -len(".md")]
    return "index.html" if stem == "index" else (
        stem[: -len("index")] + "index.html" if stem.endswith("/index") else stem + "/index.html")


EDITS = st.sampled_from(["body", "heading", "title", "parent", "order", "add", "delete", "rename",
                         "break"])
WORDS = st.text(alphabet="abcdefghij klmnop*_:#", min_size=1, max_size=30)


def apply(kind: str, pick: int, words: str, tree: dict[str, str], docs: Path,
          broken: dict[str, str]) -> set[str]:
    """Make one edit on disk (and in `tree`); return the built paths it may have removed."""
    pages = sorted(p for p in tree if p not in ("index.md", "tags.md", "print.md"))
    path = pages[pick % len(pages)]
    text = tree[path]
    if path in broken:  # the page is broken: the only edit now is its fix
        kind = "fix"
    gone: set[str] = set()
    if kind == "body":
        text = text + f"\n{words}\n"
    elif kind == "heading":  # renames the heading other pages link to, or adds one
        text = text.replace("## Details", f"## {words}", 1) if pick % 2 else text + f"\n## {words}\n"
    elif kind == "title":
        text = re.sub(r"^title: .*$", f"title: Renamed {words.strip(':# ') or 'x'} {pick}", text,
                      count=1, flags=re.M)
    elif kind == "parent":
        text = re.sub(r"^parent: .*$", f"parent: Section {pick % SECTIONS}", text, count=1, flags=re.M)
    elif kind == "order":
        text = re.sub(r"^nav_order: .*$", f"nav_order: {pick % 30}", text, count=1, flags=re.M)
    elif kind == "add":
        path = f"s{pick % SECTIONS}/added-{pick}-{len(tree)}.md"
        text = page_text(f"Added {pick} {len(tree)}", pick % 25, f"Section {pick % SECTIONS}", words,
                         ["topic1"])
    elif kind == "delete":
        (docs / path).unlink()
        del tree[path]
        return {built_path(path)}
    elif kind == "rename":
        new = path[: -len(".md")] + f"-moved{pick}.md"
        (docs / path).rename(docs / new)
        tree[new] = tree.pop(path)
        return {built_path(path)}
    elif kind == "break":
        broken[path] = text
        text = text.replace("---\n\n#", "\n\n#", 1)  # the closing `---` is gone
    elif kind == "fix":
        text = broken.pop(path)
    tree[path] = text
    (docs / path).parent.mkdir(parents=True, exist_ok=True)
    (docs / path).write_text(text, encoding="utf-8")
    return gone


@settings(max_examples=6, deadline=None, derandomize=True, phases=[Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(edits=st.lists(st.tuples(EDITS, st.integers(0, 10_000), WORDS), min_size=3, max_size=5))
def test_served_site_is_always_a_clean_build(served, edits, tmp_path_factory, monkeypatch):
    root, docs, tree, server = served
    broken: dict[str, str] = {}
    for kind, pick, words in edits:
        gone = apply(kind, pick, words, tree, docs, broken)
        server.settle()
        site = tmp_path_factory.mktemp("clean")
        clean_build(docs, site, server.url, monkeypatch)
        assert compare(server, site, gone) == [], f"after {kind} of page {pick}"
    for path, text in list(broken.items()):  # leave the tree whole for the next example
        (docs / path).write_text(text, encoding="utf-8")
        tree[path] = text
        del broken[path]
        server.settle()


def edit(server: Server, docs: Path, tree: dict[str, str], path: str, text: str) -> str:
    tree[path] = text
    (docs / path).write_text(text, encoding="utf-8")
    return "".join(server.settle())


def test_a_body_edit_rebuilds_that_page_alone(served, tmp_path, monkeypatch):
    """The shortcut is really taken (handbook/build/serve_partial.py): a body edit builds one page
    (with the printable page, which holds every page's text), not the site, and the site served
    is still a clean build's."""
    _, docs, tree, server = served
    path = next(p for p in sorted(tree) if p.startswith("s3/p"))
    log = edit(server, docs, tree, path, tree[path] + "\nOne more line.\n\n## A new heading\n")
    assert f"Rebuilt {path} alone" in log
    assert "Building documentation" not in log
    for served_file in (built_path(path), "print/index.html", "search/search_index.json"):
        assert b"One more line." in server.get(served_file)
    clean_build(docs, tmp_path / "site", server.url, monkeypatch)
    assert compare(server, tmp_path / "site", set()) == []


@pytest.mark.parametrize("change", ["title", "heading another page links to", "an emoji"])
def test_an_edit_others_show_builds_the_site(served, change):
    """A title (the nav shows it), a heading another page links to (that page's anchor check)
    and an emoji (the site's drawings) are seen beyond the page: the whole site is built, through
    the caches."""
    _, docs, tree, server = served
    linked = page_text("Linked", 50, None, "Words.\n\n## Details\n\nMore words.", ["topic1"])
    if tree.get("z/linked.md") != linked:  # its own pages: the random edits above changed others
        (docs / "z").mkdir(exist_ok=True)
        tree["z/linking.md"] = page_text("Linking", 51, None, "See [the details](linked.md#details).",
                                         ["topic1"])
        (docs / "z/linking.md").write_text(tree["z/linking.md"], encoding="utf-8")
        edit(server, docs, tree, "z/linked.md", linked)
    text = {"title": linked.replace("title: Linked", "title: Linked and renamed"),
            "heading another page links to": linked.replace("## Details", "## Particulars"),
            "an emoji": linked + "\nA new drawing :tada:\n"}[change]
    log = edit(server, docs, tree, "z/linked.md", text)
    assert "alone" not in log
    assert re.search(rf"\d+ of {len(tree)} pages rendered anew \(\d+ from Markdown\)", log), log
    edit(server, docs, tree, "z/linked.md", linked)
