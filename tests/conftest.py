"""Shared fixtures: real MkDocs builds of small docs trees, with the final nav and every warning."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.nav import Section
from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parent.parent


def git(root: Path, *args: str) -> None:
    """Run git in a test's repository, as a fixed author, with no user configuration."""
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
                        "HOME": str(root), "PATH": "/usr/bin:/bin"})


def git_repository(root: Path, pages: dict[str, str | bytes], monkeypatch) -> Path:
    """A handbook repository at `root` (these `pages` under docs/, committed on main) with a
    branch `change` checked out, as an editor's pull request starts; the test runs in it, outside
    GitHub Actions."""
    write_tree(root / "docs", pages)
    (root / "mkdocs.yml").write_text(handbook_config(), encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "start")
    git(root, "checkout", "-q", "-b", "change")
    monkeypatch.chdir(root)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return root


def stop_server(proc: subprocess.Popen, limit: float = 15) -> bool:
    """Ctrl+C to a `mkdocs serve` process, as an editor would; one that ignores it for `limit`
    seconds is killed. Returns whether it stopped on its own."""
    if proc.poll() is not None:
        return True
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=limit)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=5)
        return False
    return True


def handbook_pages(docs: Path | None = None) -> list[str]:
    """The handbook's pages, docs-relative: every Markdown file but those MkDocs and Jekyll leave
    out, in folders or files whose names start with a dot or an underscore (docs/.snippets/ holds
    the shared abbreviations, appended to pages, not published as one)."""
    docs = docs or ROOT / "docs"
    return sorted(path for path in (p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
                  if not any(part.startswith((".", "_")) for part in path.split("/")))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


class NavCapture(BasePlugin):
    """Records MkDocs' final nav, after every other plugin and hook has run."""

    nav = None

    @event_priority(-100)
    def on_nav(self, nav, config, files):
        self.nav = nav
        return nav


def nav_as_data(items) -> list:
    """MkDocs' nav as plain data: a page is {title: path}; a section is {title: [children]}."""
    out = []
    for item in items:
        if isinstance(item, Section):
            out.append({item.title: nav_as_data(item.children)})
        elif isinstance(item, Page):
            out.append({item.title: item.file.src_uri})
    return out


@dataclass
class Built:
    site_dir: Path
    nav: list
    pages: list  # reading order, as docs-relative paths
    messages: list[str] = field(default_factory=list)
    aborted: bool = False
    notes: list[str] = field(default_factory=list)  # the handbook's INFO lines (shown, not failing)

    def html(self, path: str) -> str:
        return (self.site_dir / path).read_text(encoding="utf-8")

    def page_html(self, src: str) -> str:
        """The built HTML of a Markdown source path (directory URLs)."""
        stem = src[: -len(".md")]
        if stem == "index" or stem.endswith("/index"):
            target = stem[: -len("index")] + "index.html"
        else:
            target = stem + "/index.html"
        return self.html(target)


class _Collect(logging.Handler):
    """Warnings and errors from every MkDocs logger; the handbook's own notes (INFO) apart."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.messages: list[str] = []
        self.notes: list[str] = []

    def emit(self, record):
        if record.levelno >= logging.WARNING:
            self.messages.append(record.getMessage())
        elif record.name == "mkdocs.plugins.handbook":
            self.notes.append(record.getMessage())


def write_tree(docs: Path, pages: dict[str, str | bytes]) -> None:
    for rel, content in pages.items():
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")


def build_docs(docs: Path, site: Path, strict: bool = True, plugins: dict | None = None,
               content_rules: bool | None = False) -> Built:
    """Build `docs` with the project's mkdocs.yml (hooks, theme overrides and all), plus `plugins`.

    The handbook's own content rules (a description, 300 words...) are off for the small trees
    tests build, as for any copied site; `content_rules=None` keeps mkdocs.yml's setting."""
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), docs_dir=str(docs),
                         site_dir=str(site), strict=strict)
    if content_rules is not None:
        config["extra"] = {**config["extra"], "handbook": {"content_rules": content_rules}}
    capture = NavCapture()
    config.plugins["nav-capture"] = capture
    for name, plugin in (plugins or {}).items():
        config.plugins[name] = plugin
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    handbook_logger = logging.getLogger("mkdocs.plugins.handbook")
    level = handbook_logger.level
    handbook_logger.setLevel(logging.INFO)
    aborted = False
    try:
        build(config)
    except Abort:
        aborted = True
    finally:
        logger.removeHandler(handler)
        handbook_logger.setLevel(level)
    nav = capture.nav
    return Built(site, nav_as_data(nav.items) if nav else [],
                 [p.file.src_uri for p in nav.pages] if nav else [], handler.messages, aborted,
                 handler.notes)


def as_checked(built: Built, docs: Path) -> list[str]:
    """The build's messages (notes included) as `handbook check` prints them from the project's
    root: the docs folder named `docs/`. MkDocs' own summary lines are left out."""
    prefix = str(docs).rstrip("/") + "/"
    lines = [m.replace(prefix, "docs/") for m in (*built.messages, *built.notes)]
    return sorted(m for m in lines if m.startswith("docs/"))


@pytest.fixture(autouse=True)
def _not_in_github_actions(monkeypatch):
    """Tests build many broken sites on purpose: in CI (GITHUB_ACTIONS=true) their problems must not
    become annotations on the pull request, nor change what commands print. Tests of annotations
    set the variable themselves; a serving flag never leaks in either."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("HANDBOOK_SERVING", raising=False)


def handbook_config(content_rules: bool = False) -> str:
    """The repository's mkdocs.yml, with the handbook's content rules on or off, for projects that
    tests make in temporary folders."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    setting = "content_rules: true"
    assert setting in text
    return text.replace(setting, f"content_rules: {str(content_rules).lower()}")


@pytest.fixture
def build_site(tmp_path):
    """build_site({"index.md": "...", ...}, strict=True) -> Built."""
    counter = iter(range(1000))

    def _build(pages: dict[str, str | bytes], strict: bool = True) -> Built:
        n = next(counter)
        docs = tmp_path / f"docs{n}"
        write_tree(docs, pages)
        return build_docs(docs, tmp_path / f"site{n}", strict=strict)

    return _build
