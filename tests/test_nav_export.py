"""`handbook nav --format mkdocs`: the front matter's nav as a `nav:` block, for engines without
hooks.

The pure export is checked against the golden nav cases and random titles; the real proof is a
build with plain MkDocs and Material, that `nav:`, no `hooks:` key (the `handbook` package still
installed, as mkdocs.yml's Markdown extensions need it), whose nav must be the hooks build's.
"""

from __future__ import annotations

import logging
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from conftest import ROOT, NavCapture, build_docs, handbook_config, nav_as_data, write_tree
from handbook.build.site import build_site
from handbook.cli import main as cli
from handbook.nav.export import mkdocs_nav_block
from handbook.nav.tree import NavTree
from test_nav_golden import CASES, load_case

DOCS = ROOT / "docs"
HOOKS_BLOCK = re.compile(r"^hooks:\n(?:[ \t]+-.*\n|[ \t]*#.*\n)+", re.MULTILINE)


def exported(block: str) -> list:
    return yaml.safe_load(block)["nav"]


# ---------------------------------------------------------------------------------------------
# The pure export

@pytest.mark.parametrize("name", [c for c in CASES if "nav" in load_case(c)[1]])
def test_export_reads_back_as_the_golden_nav(name):
    sources, expected = load_case(name)
    site = build_site(sources)
    assert exported(mkdocs_nav_block(site.tree, site.titles)) == expected["nav"]


def test_excluded_pages_are_left_out_and_sections_open_with_their_page():
    sources = {
        "index.md": b"---\ntitle: Home\nnav_order: 1\n---\n",
        "guide/index.md": b"---\ntitle: Guide\nnav_order: 2\n---\n",
        "guide/one.md": b"---\ntitle: 'One: the first'\nparent: Guide\nnav_order: 1\n---\n",
        "drafts/index.md": b"---\ntitle: Drafts\nnav_exclude: true\n---\n",
        "drafts/idea.md": b"---\ntitle: Idea\nparent: Drafts\n---\n",
        "rocket.md": b"---\ntitle: ':rocket: Launch'\nnav_order: 3\n---\n",
    }
    site = build_site(sources)
    block = mkdocs_nav_block(site.tree, site.titles)
    assert exported(block) == [
        {"Home": "index.md"},
        {"Guide": [{"Guide": "guide/index.md"}, {"One: the first": "guide/one.md"}]},
        {"🚀 Launch": "rocket.md"},  # the shortcode as readers see it, not as typed
    ]
    assert "drafts" not in block
    assert block.splitlines()[3:5] == ["nav:", "  - Home: index.md"]  # indented as MkDocs' docs
    assert all(line.startswith("#") for line in block.splitlines()[:3])


# Titles YAML would misread if written bare: indicators, booleans, numbers, quotes, emoji.
AWKWARD = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30) | \
    st.sampled_from(["yes", "No", "null", "~", "1.5", "0x1F", "- item", "? q", "a: b", "#x", "&a",
                     "*b", "!tag", "'q'", '"q"', "%p", "@at", "`t`", "{x}", "[y]", "x #y", "🚀"])


@settings(max_examples=150, deadline=None)
@given(st.lists(AWKWARD, min_size=1, max_size=6))
def test_any_title_reads_back_exactly(titles):
    paths = [f"p{i}.md" for i in range(len(titles))]
    tree = NavTree(roots=tuple(paths), children={}, parent_of=dict.fromkeys(paths),
                   excluded=frozenset())
    shown = dict(zip(paths, titles))
    assert exported(mkdocs_nav_block(tree, shown)) == [{t: p} for p, t in zip(paths, titles)]


# ---------------------------------------------------------------------------------------------
# The command

def test_nav_format_mkdocs_prints_the_block_and_problems_on_stderr(tmp_path, monkeypatch, capsys):
    # The handbook's own content rules (a description, 300 words...) are not what this is about.
    (tmp_path / "mkdocs.yml").write_text(handbook_config(), encoding="utf-8")
    write_tree(tmp_path / "docs", {
        "index.md": "---\ntitle: Home\nnav_order: 1\n---\n",
        "a.md": "---\ntitle: A\nparent: Nowhere\nnav_order: 2\n---\n",
        "b.md": "---\ntitle: B\nnav_exclude: true\n---\n",
    })
    monkeypatch.chdir(tmp_path)
    assert cli.main(["nav", "--format", "mkdocs"]) == 0
    captured = capsys.readouterr()
    assert exported(captured.out) == [{"Home": "index.md"}, {"A": "a.md"}]
    assert captured.err.startswith("docs/a.md:3: parent 'Nowhere' matches no page title")


def test_nav_format_rejects_an_unknown_format(capsys):
    assert cli.main(["nav", "--format", "json"]) == 2
    assert "invalid choice: 'json'" in capsys.readouterr().err


# ---------------------------------------------------------------------------------------------
# A build without hooks

def plain_config(tmp_path: Path, nav_block: str) -> Path:
    """mkdocs.yml as a team would leave it for an engine without hooks: no `hooks:`, the exported
    `nav:` added, paths made absolute so the file can live outside the repository."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text, removed = HOOKS_BLOCK.subn("", text)
    assert removed == 1, "mkdocs.yml's hooks: block was not found"
    for key, folder in (("docs_dir", "docs"), ("custom_dir", "overrides")):
        text, found = re.subn(rf"^(\s*{key}:) {folder}$", rf"\1 {ROOT / folder}", text, flags=re.M)
        assert found == 1, key
    config = tmp_path / "plain-mkdocs.yml"
    config.write_text(text + "\n" + nav_block, encoding="utf-8")
    return config


class _Warnings(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def build_without_hooks(config_file: Path, docs: Path, site: Path):
    config = load_config(config_file=str(config_file), docs_dir=str(docs), site_dir=str(site),
                         strict=True)
    assert not [name for name in config.plugins if "hooks/" in name or name.endswith(".py")]
    capture = NavCapture()
    config.plugins["nav-capture"] = capture
    warnings = _Warnings()
    logging.getLogger("mkdocs").addHandler(warnings)
    try:
        build(config)
    except Abort as abort:
        pytest.fail(f"the build without hooks failed: {abort}; {warnings.messages}")
    finally:
        logging.getLogger("mkdocs").removeHandler(warnings)
    return capture.nav, warnings.messages


def export_nav(docs: Path, monkeypatch, capsys) -> str:
    monkeypatch.chdir(docs.parent)  # where the project's mkdocs.yml is
    assert cli.main(["nav", "--format", "mkdocs"]) == 0
    return capsys.readouterr().out


class PrimaryNavLinks(HTMLParser):
    """The primary nav's page links in order, as (URL from the site root, text); the table of
    contents' own `#` links (which Material nests in the nav) are left out."""

    def __init__(self, page: str):
        super().__init__()
        self.page, self.depth, self.links, self.current = page, 0, [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "nav" and (self.depth or "md-nav--primary" in classes):
            self.depth += 1
        elif tag == "a" and self.depth and "md-nav__link" in classes:
            href = attrs.get("href") or ""
            self.current = None if href.startswith("#") else [href, ""]

    def handle_endtag(self, tag):
        if tag == "nav" and self.depth:
            self.depth -= 1
        elif tag == "a" and self.current:
            href, text = self.current
            url = posixpath.normpath(posixpath.join(posixpath.dirname("/" + self.page), href))
            self.links.append((url, " ".join(text.split())))
            self.current = None

    def handle_data(self, data):
        if self.current:
            self.current[1] += data


def nav_links(site: Path) -> dict[str, list]:
    found = {}
    for html in sorted(site.rglob("*.html")):
        page = html.relative_to(site).as_posix()
        parser = PrimaryNavLinks(page)
        parser.feed(html.read_text(encoding="utf-8"))
        found[page] = parser.links
    return found


def test_handbook_without_hooks_has_the_hooks_builds_nav(tmp_path, monkeypatch, capsys):
    hooks_build = build_docs(DOCS, tmp_path / "hooks-site")
    assert hooks_build.messages == []
    block = export_nav(DOCS, monkeypatch, capsys)
    config = plain_config(tmp_path, block)
    nav, warnings = build_without_hooks(config, DOCS, tmp_path / "plain-site")
    assert warnings == []
    assert nav_as_data(nav.items) == hooks_build.nav
    assert [p.file.src_uri for p in nav.pages] == hooks_build.pages
    # What readers see: every page's nav lists the same pages, in the same order, under the same
    # titles (the URLs may be spelled differently: `../.` and `..` are one page).
    hooks_links = nav_links(tmp_path / "hooks-site")
    plain_links = nav_links(tmp_path / "plain-site")
    assert hooks_links.keys() == plain_links.keys()
    for page, links in hooks_links.items():
        assert plain_links[page] == links, page
    assert len(hooks_links["index.html"]) > 5
    # 404.html is served at any depth, so its links are site-absolute; never `//x/` (another host).
    root = urlsplit(load_config(str(ROOT / "mkdocs.yml"))["site_url"]).path  # `/handbook/`
    assert hooks_links["404.html"][1][0] == root + "overview"
    assert 'href="//' not in (tmp_path / "hooks-site" / "404.html").read_text(encoding="utf-8")


def test_a_tricky_tree_without_hooks_has_the_same_nav(tmp_path, monkeypatch, capsys):
    """Excluded pages, a page with children that is not an index.md, titles YAML and HTML would
    misread, text nav_order: MkDocs' nav without hooks is the hooks build's, and the copied
    templates that print titles through the `title_html` filter print them escaped instead."""
    pages = {
        "index.md": "---\ntitle: Home\nnav_order: 1\n---\n# Home\n",
        "guide.md": "---\ntitle: 'Guide: <b>read me</b>'\nnav_order: 2\n"
                    "description: A <i>guide</i>\n---\nText.\n",
        "steps/one.md": "---\ntitle: ':rocket: Launch'\nparent: 'Guide: <b>read me</b>'\n"
                        "nav_order: b\n---\nOne.\n",
        "steps/two.md": "---\ntitle: 'yes'\nparent: guide.md\nnav_order: a\n---\nTwo.\n",
        "old.md": "---\ntitle: Old\nnav_exclude: true\n---\nOld.\n",
    }
    project = tmp_path / "project"
    project.mkdir()
    (project / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
                                        encoding="utf-8")
    write_tree(project / "docs", pages)
    hooks_build = build_docs(project / "docs", tmp_path / "hooks-site")
    assert hooks_build.messages == []
    block = export_nav(project / "docs", monkeypatch, capsys)
    nav, warnings = build_without_hooks(plain_config(tmp_path, block), project / "docs",
                                        tmp_path / "plain-site")
    assert warnings == []
    assert nav_as_data(nav.items) == hooks_build.nav == [
        {"Home": "index.md"},
        {"Guide: <b>read me</b>": [{"Guide: <b>read me</b>": "guide.md"},
                                   {"yes": "steps/two.md"}, {"🚀 Launch": "steps/one.md"}]},
    ]
    guide = (tmp_path / "plain-site" / "guide" / "index.html").read_text(encoding="utf-8")
    # What the copied overrides print is escaped: the page (content.html) and its footer. (Material's
    # own templates, the nav and header among them, print titles as written: see the README.)
    part = guide[guide.index("<article"):]
    assert "Guide: &lt;b&gt;read me&lt;/b&gt;" in part
    assert "<b>read me</b>" not in part
    assert "Guide: &lt;b&gt;read me&lt;/b&gt;</h1>" in guide  # content.html's fallback <h1>
    assert 'og:description" content="A &lt;i&gt;guide&lt;/i&gt;' in guide  # main.html
    two = (tmp_path / "plain-site" / "steps" / "two" / "index.html").read_text(encoding="utf-8")
    footer = two[two.index('<footer class="md-footer">'):]
    assert re.search(r'<div class="md-ellipsis">\s*🚀 Launch\s*</div>', footer)  # no emoji span
    assert (tmp_path / "plain-site" / "old" / "index.html").exists()  # built, just not listed
