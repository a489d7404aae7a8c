"""Shared fixtures: real MkDocs builds of small docs trees, with the final nav and every warning."""

from __future__ import annotations

import logging
import os
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
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def write_tree(docs: Path, pages: dict[str, str | bytes]) -> None:
    for rel, content in pages.items():
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")


def build_docs(docs: Path, site: Path, strict: bool = True, plugins: dict | None = None) -> Built:
    """Build `docs` with the project's mkdocs.yml (hooks, theme overrides and all), plus `plugins`."""
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), docs_dir=str(docs),
                         site_dir=str(site), strict=strict)
    capture = NavCapture()
    config.plugins["nav-capture"] = capture
    for name, plugin in (plugins or {}).items():
        config.plugins[name] = plugin
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    aborted = False
    try:
        build(config)
    except Abort:
        aborted = True
    finally:
        logger.removeHandler(handler)
    nav = capture.nav
    return Built(site, nav_as_data(nav.items) if nav else [],
                 [p.file.src_uri for p in nav.pages] if nav else [], handler.messages, aborted)


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
