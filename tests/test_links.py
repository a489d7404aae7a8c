"""Links: finding them in Markdown, resolving them against the handbook's files, repairing them, and
agreeing with MkDocs about which ones are broken."""

from __future__ import annotations

import logging
import re
import textwrap
from pathlib import Path

import pytest
import yaml
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from conftest import write_tree
from handbook.pages.address import PAGE_SUFFIXES
from handbook.markdown.links import find
from handbook.markdown.links import (
    Target, check_links, find_links, page_url, permalink_key, relative_link, relative_url, resolve,
    rewrite,
)

PAGES = frozenset({
    "index.md", "contact.md", "contributing.md",
    "overview/index.md", "overview/roadmaps.md", "overview/lifecycle.md",
    "overview/core-responsibilities.md", "overview/v1.2-notes.md",
    "roles/README.md", "roles/choosing a role.md", "roles/seniority.md",
    "guide.md",
})
ASSETS = frozenset({
    "assets/images/double-diamond.svg", "assets/images/lifecycle.png", "overview/local.png",
    "files/report.pdf", "files/my report.pdf",
})
PERMALINKS = {
    "/docs/foundations/": "overview/index.md",
    "/docs/foundations/core-responsibilities/": "overview/core-responsibilities.md",
    "/about/": "contributing.md",
}
HERE = "overview/lifecycle.md"


def urls(text: str) -> list[tuple[str, str]]:
    return [(link.url, link.kind) for link in find_links(text)]


# --- find_links ----------------------------------------------------------------------------------

FOUND = [
    ("plain link", "See [roadmaps](roadmaps.md).", [("roadmaps.md", "link")]),
    ("image", "![A diagram](../img/a.png)", [("../img/a.png", "image")]),
    ("double-quoted title", '[a](x.md "The title")', [("x.md", "link")]),
    ("single-quoted title", "[a](x.md 'The title')", [("x.md", "link")]),
    ("title with parentheses", '[a](x.md "t (p)")', [("x.md", "link")]),
    # Python-Markdown has no (title) form: the words are part of the URL, as MkDocs will see it.
    ("parenthesised words", "[a](x.md (not a title))", [("x.md (not a title)", "link")]),
    ("angle brackets", "[a](<my page.md>)", [("my page.md", "link")]),
    ("angle brackets and title", '[a](<my page.md> "t")', [("my page.md", "link")]),
    ("spaces without brackets", "[a](my page.md)", [("my page.md", "link")]),
    ("parentheses in the URL", "[a](wiki/Foo_(bar).md)", [("wiki/Foo_(bar).md", "link")]),
    ("apostrophe in the URL", "[a](it's.md)", [("it's.md", "link")]),
    ("spaces inside", "[a](  x.md  )", [("x.md", "link")]),
    ("URL on the next line", "[a](\nx.md)", [("x.md", "link")]),
    ("nested brackets", "[a [b] [c [d]] e](x.md)", [("x.md", "link")]),
    ("text over two lines", "[two\nlines](x.md)", [("x.md", "link")]),
    ("attribute list after", "[a](x.md){: .md-button }", [("x.md", "link")]),
    ("attribute list after an image", "![a](x.png){ width=300 }", [("x.png", "image")]),
    ("image inside a link", "[![badge](b.svg)](x.md)", [("b.svg", "image"), ("x.md", "link")]),
    ("link inside a link is text", "[a [b](inner.md) c](outer.md)", [("outer.md", "link")]),
    ("link inside alt text is text", "![a [b](inner.md)](pic.png)", [("pic.png", "image")]),
    ("link inside a URL is text", "[a](wiki/(x [b](inner.md)).md)",
     [("wiki/(x [b](inner.md)).md", "link")]),
    ("link inside a URL in angle brackets is text", "[a](<x [b](inner.md) y.md>)",
     [("x [b](inner.md) y.md", "link")]),
    ("links after a URL's end", "[a](w(x[b](in.md)))[c](d.md) [e](f.md)",
     [("w(x[b](in.md))", "link"), ("d.md", "link"), ("f.md", "link")]),
    ("fragment and query", "[a](x.md?v=2#part)", [("x.md?v=2#part", "link")]),
    ("anchor only", "[a](#part)", [("#part", "link")]),
    ("empty URL", "[a]() and [b](<>)", []),
    ("space before the parenthesis", "[a] (x.md)", []),
    ("escaped bracket", r"\[a](x.md)", []),
    ("escaped exclamation mark", r"\![a](x.png)", [("x.png", "link")]),
    ("escaped parenthesis in the URL", r"[a](x\)y.md)", [(r"x\)y.md", "link")]),
    ("blank line inside", "[a](x.md\n\n)", []),
    ("blank line in the text", "[a\n\nb](x.md)", []),
    ("unterminated title", '[a](x.md "open)', [('x.md "open', "link")]),
    ("task list", "- [ ] todo\n- [x] done", []),
    ("reference definition", "[id]: ../x.md", [("../x.md", "reference")]),
    ("reference with title", '[id]: x.md "Title"', [("x.md", "reference")]),
    ("reference with (title)", "[id]: x.md (Title)", [("x.md", "reference")]),
    ("reference in angle brackets", "[id]: <x.md>", [("x.md", "reference")]),
    ("reference URL on the next line", "[id]:\n    x.md", [("x.md", "reference")]),
    ("reference title on the next line", '[id]: x.md\n    "Title"', [("x.md", "reference")]),
    ("indented reference", "!!! note\n    [id]: x.md", [("x.md", "reference")]),
    ("reference with more words is text", "[id]: x.md and more words", []),
    ("footnote is no reference", "[^1]: A footnote with [a](x.md).", [("x.md", "link")]),
    ("reference use is not a URL", "[text][id] and [id][]", []),
    ("abbreviation is no reference", "*[HTML]: Hyper Text Markup Language", []),
    ("html link", 'a <a href="x.md">b</a>', [("x.md", "html-link")]),
    ("html link single quotes", "<a class='b' href='x.md'>", [("x.md", "html-link")]),
    ("html link unquoted", "<A HREF=x.md>", [("x.md", "html-link")]),
    ("html link spaces around =", '<a href = "x.md">', [("x.md", "html-link")]),
    ("html link over lines", '<a\n  class="btn"\n  href="x.md">', [("x.md", "html-link")]),
    ("html image", '<img alt="d" src="../d.png">', [("../d.png", "html-image")]),
    ("src on a link is not its target", '<a src="no.md" href="x.md">', [("x.md", "html-link")]),
    ("data-href is not href", '<a data-href="no.md" href="x.md">', [("x.md", "html-link")]),
    ("abbr is not a", '<abbr href="no.md">', []),
    ("srcset is not src", '<source srcset="no.png">', []),
    ("empty href", '<a href="">', []),
    ("code span", "`[a](no.md)` and [b](x.md)", [("x.md", "link")]),
    ("double-backtick span", "``[a](`no.md)`` and [b](x.md)", [("x.md", "link")]),
    ("code span over lines", "`[a](no.md)\n[b](no.md)` [c](x.md)", [("x.md", "link")]),
    ("code span stops at a blank line", "`open\n\n[b](x.md) `", [("x.md", "link")]),
    ("unmatched backticks", "``` [a](no.md) ``` and ` [b](x.md)", [("x.md", "link")]),
    ("code in link text", "[`a]` b](x.md)", [("x.md", "link")]),
    ("escaped backtick", r"\`[a](x.md)\`", [("x.md", "link")]),
    ("html in code", '`<a href="no.md">` <img src="x.png">', [("x.png", "html-image")]),
    ("fence", "```\n[a](no.md)\n<a href='no.md'>\n[id]: no.md\n```\n[b](x.md)", [("x.md", "link")]),
    ("tilde fence", "~~~\n[a](no.md)\n~~~\n[b](x.md)", [("x.md", "link")]),
    ("fence with language and options", '```python title="a.py"\n[a](no.md)\n```', []),
    ("longer fence", "````\n```\n[a](no.md)\n```\n````\n[b](x.md)", [("x.md", "link")]),
    ("fence in an admonition", "!!! tip\n    ```\n    [a](no.md)\n    ```\n    [b](x.md)",
     [("x.md", "link")]),
    ("fence in a list", "- item\n\n    ```\n    [a](no.md)\n    ```\n", []),
    ("unclosed fence is text", "```\n[a](x.md)\n", [("x.md", "link")]),
    ("fence abandoned by a shallower line", "  ```\n  [a](x.md)\n\n[b](y.md)\n  ```",
     [("x.md", "link"), ("y.md", "link")]),
    # ... and with no blank line the backticks make a code span, as Python-Markdown reads it
    ("abandoned fence as a code span", "  ```\n  [a](x.md)\n[b](y.md)\n  ```", []),
    ("inline triple backticks are no fence", "``` [a](no.md) ```\n[b](x.md)", [("x.md", "link")]),
    ("indented text is not code", "    [a](x.md)\n\n\t[b](y.md)",
     [("x.md", "link"), ("y.md", "link")]),
    ("admonition body", '!!! note "Read this"\n    See [a](x.md).', [("x.md", "link")]),
    ("list items", "- [a](x.md)\n    - [b](y.md)", [("x.md", "link"), ("y.md", "link")]),
    ("table cell", "| a | [b](x.md) |", [("x.md", "link")]),
    ("html comment", "<!-- [a](no.md) <a href='no.md'> -->\n[b](x.md)", [("x.md", "link")]),
    ("comment over lines", "<!--\n[a](no.md)\n-->\n[b](x.md)", [("x.md", "link")]),
    ("unclosed comment is text", "<!-- [a](x.md)", [("x.md", "link")]),
    ("autolinks and bare URLs", "<https://example.com/a.md> and https://example.com/b.md", []),
    ("external", "[a](https://example.com) [m](mailto:a@b.org)",
     [("https://example.com", "link"), ("mailto:a@b.org", "link")]),
    ("no links", "Plain prose about [brackets] and (parentheses).", []),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in FOUND], ids=[c[0] for c in FOUND])
def test_find_links(text, expected):
    assert urls(text) == expected


def test_each_url_span_slices_back_to_the_url():
    for _, text, _ in FOUND:
        for link in find_links(text):
            assert text[link.start:link.end] == link.url


def test_line_numbers_count_from_first_line():
    text = textwrap.dedent("""\
        # Title
        [one](a.md)

        Two [links](b.md) on [a line](c.md).
        [text over
        lines](d.md)
        ```
        [fenced](no.md)
        ```
        [id]:
            e.md
        <img
          src="f.png">
        """)
    found = [(link.url, link.line) for link in find_links(text, first_line=5)]
    assert found == [("a.md", 6), ("b.md", 8), ("c.md", 8), ("d.md", 10), ("e.md", 15),
                     ("f.png", 17)]


def test_links_come_in_text_order_whatever_their_kind():
    text = '<a href="1.md">\n[id]: 2.md\n[x](3.md) <img src="4.png"> ![y](5.png)'
    assert [link.url for link in find_links(text)] == ["1.md", "2.md", "3.md", "4.png", "5.png"]


@pytest.mark.parametrize("text", [
    "Plain prose.\n\nWith [brackets] and (parentheses) but no link.\n",
    "```python\nprint('[x]')\n```\n",
    "",
])
def test_pages_without_link_syntax_have_no_links(text):
    assert find_links(text) == []


# --- resolve -------------------------------------------------------------------------------------

RESOLVED = [
    # url, from page, kind, path, form, fragment
    ("roadmaps.md", HERE, "page", "overview/roadmaps.md", "relative", ""),
    ("roadmaps.md#now", HERE, "page", "overview/roadmaps.md", "relative", "#now"),
    ("roadmaps.md?x=1#now", HERE, "page", "overview/roadmaps.md", "relative", "#now"),
    ("./roadmaps.md", HERE, "page", "overview/roadmaps.md", "relative", ""),
    ("roadmaps.md/", HERE, "page", "overview/roadmaps.md", "relative", ""),
    ("../index.md", HERE, "page", "index.md", "relative", ""),
    ("../roles/choosing%20a%20role.md", HERE, "page", "roles/choosing a role.md", "relative", ""),
    ("../roles/choosing a role.md", HERE, "page", "roles/choosing a role.md", "relative", ""),
    ("local.png", HERE, "asset", "overview/local.png", "relative", ""),
    ("../files/my%20report.pdf", HERE, "asset", "files/my report.pdf", "relative", ""),
    ("overview/roadmaps.md", "index.md", "page", "overview/roadmaps.md", "relative", ""),
    # site-root, each rule in turn
    ("/overview/roadmaps.md", HERE, "page", "overview/roadmaps.md", "site-root", ""),
    ("/assets/images/lifecycle.png", HERE, "asset", "assets/images/lifecycle.png", "site-root", ""),
    ("/contact", HERE, "page", "contact.md", "site-root", ""),
    ("/contact#form", HERE, "page", "contact.md", "site-root", "#form"),
    ("/overview/", HERE, "page", "overview/index.md", "site-root", ""),
    ("/overview", HERE, "page", "overview/index.md", "site-root", ""),
    ("/roles/", HERE, "page", "roles/README.md", "site-root", ""),
    ("/overview/roadmaps.html", HERE, "page", "overview/roadmaps.md", "site-root", ""),
    ("/overview/index.html", HERE, "page", "overview/index.md", "site-root", ""),
    ("/", HERE, "page", "index.md", "site-root", ""),
    ("/guide/", HERE, "page", "guide.md", "site-root", ""),
    # Jekyll permalinks, after every path rule
    ("/docs/foundations/", HERE, "page", "overview/index.md", "permalink", ""),
    ("/docs/foundations", HERE, "page", "overview/index.md", "permalink", ""),
    ("/docs/foundations/index.html", HERE, "page", "overview/index.md", "permalink", ""),
    ("/docs/foundations/core-responsibilities", HERE, "page", "overview/core-responsibilities.md",
     "permalink", ""),
    ("/docs/foundations/core-responsibilities.html#a", HERE, "page",
     "overview/core-responsibilities.md", "permalink", "#a"),
    ("/about", HERE, "page", "contributing.md", "permalink", ""),
    # relative forms MkDocs does not follow
    ("core-responsibilities", HERE, "page", "overview/core-responsibilities.md", "extensionless",
     ""),
    ("core-responsibilities#x", HERE, "page", "overview/core-responsibilities.md", "extensionless",
     "#x"),
    ("v1.2-notes", HERE, "page", "overview/v1.2-notes.md", "extensionless", ""),
    ("../contact", HERE, "page", "contact.md", "extensionless", ""),
    ("roadmaps.html", HERE, "page", "overview/roadmaps.md", "html-suffix", ""),
    ("../overview/", HERE, "page", "overview/index.md", "directory", ""),
    ("./", HERE, "page", "overview/index.md", "directory", ""),
    ("..", HERE, "page", "index.md", "directory", ""),
    ("../roles", HERE, "page", "roles/README.md", "directory", ""),
    ("../guide/", HERE, "page", "guide.md", "directory", ""),
    ("overview", "index.md", "page", "overview/index.md", "directory", ""),
    # nothing there
    ("roadmap.md", HERE, "missing", "overview/roadmap.md", "relative", ""),
    ("core-respons", HERE, "missing", "overview/core-respons", "extensionless", ""),
    ("nowhere/", HERE, "missing", "overview/nowhere", "directory", ""),
    ("gone.html", HERE, "missing", "overview/gone.html", "html-suffix", ""),
    ("/contact-us", HERE, "missing", "contact-us", "site-root", ""),
    ("/docs/elsewhere/", HERE, "missing", "docs/elsewhere", "site-root", ""),
    ("/assets/images/doodle.webp", HERE, "missing", "assets/images/doodle.webp", "site-root", ""),
    ("../../x.md", HERE, "outside", "../x.md", "relative", ""),
    ("../../../etc/passwd", HERE, "outside", "../../etc/passwd", "extensionless", ""),
    ("/../x.md", HERE, "outside", "../x.md", "site-root", ""),
    # not checked here
    ("https://example.com/a.md", HERE, "external", None, "relative", ""),
    ("//example.com/a.md", HERE, "external", None, "relative", ""),
    ("mailto:a@example.org", HERE, "external", None, "relative", ""),
    ("tel:+441234", HERE, "external", None, "relative", ""),
    ("#section", HERE, "anchor", None, "relative", "#section"),
    ("?print=1", HERE, "anchor", None, "relative", ""),
]


@pytest.mark.parametrize("url, here, kind, path, form, fragment", RESOLVED,
                         ids=[f"{c[0]} from {c[1]}" for c in RESOLVED])
def test_resolve(url, here, kind, path, form, fragment):
    assert resolve(url, here, PAGES, ASSETS, PERMALINKS) == Target(kind, path, fragment, form)


def test_resolve_takes_any_collection():
    assert resolve("roadmaps", HERE, sorted(PAGES), list(ASSETS)).path == "overview/roadmaps.md"


HTML_RESOLVED = [
    # raw HTML is read by the browser against the page's built address, overview/lifecycle/
    ("../roadmaps/", "page", "overview/roadmaps.md", "relative"),
    ("../roadmaps/#a", "page", "overview/roadmaps.md", "relative"),
    ("../roadmaps/index.html", "page", "overview/roadmaps.md", "relative"),
    ("../", "page", "overview/index.md", "relative"),
    ("../../", "page", "index.md", "relative"),
    ("../../roles/", "page", "roles/README.md", "relative"),
    ("../local.png", "asset", "overview/local.png", "relative"),
    ("../../assets/images/lifecycle.png", "asset", "assets/images/lifecycle.png", "relative"),
    # ... and anything written relative to the page's file needs rewriting
    ("roadmaps.md", "page", "overview/roadmaps.md", "file-relative"),
    ("local.png", "asset", "overview/local.png", "file-relative"),
    ("../assets/images/lifecycle.png", "asset", "assets/images/lifecycle.png", "file-relative"),
    ("core-responsibilities", "page", "overview/core-responsibilities.md", "extensionless"),
    ("/contact", "page", "contact.md", "site-root"),
    ("../roadmaps", "missing", "roadmaps", "extensionless"),
]


@pytest.mark.parametrize("url, kind, path, form", HTML_RESOLVED, ids=[c[0] for c in HTML_RESOLVED])
def test_resolve_raw_html_against_the_built_address(url, kind, path, form):
    target = resolve(url, HERE, PAGES, ASSETS, html=True)
    assert (target.kind, target.path, target.form) == (kind, path, form)


def test_raw_html_without_directory_urls():
    def html(url, here=HERE):
        target = resolve(url, here, PAGES, ASSETS, html=True, use_directory_urls=False)
        return target.path, target.form

    assert html("roadmaps.html") == ("overview/roadmaps.md", "relative")
    assert html("index.html") == ("overview/index.md", "relative")
    assert html("../index.html") == ("index.md", "relative")
    assert html("../roles/") == ("roles/README.md", "relative")
    assert html("local.png") == ("overview/local.png", "relative")
    assert html("../roadmaps/") == ("roadmaps", "directory")  # missing: no built page there


@pytest.mark.parametrize("written, key", [
    ("/docs/overview/", "/docs/overview/"), ("/docs/overview", "/docs/overview/"),
    ("docs/overview", "/docs/overview/"), ("/docs/overview.html", "/docs/overview/"),
    ("/docs/overview/index.html", "/docs/overview/"), ("/docs/overview/index", "/docs/overview/"),
    ("/", "/"), ("/index.html", "/"), ("", "/"), ("/a%20b/", "/a b/"),
])
def test_permalink_key(written, key):
    assert permalink_key(written) == key


# --- writing links -------------------------------------------------------------------------------

@pytest.mark.parametrize("target, here, fragment, expected", [
    ("overview/roadmaps.md", HERE, "", "roadmaps.md"),
    ("overview/index.md", "roles/seniority.md", "x", "../overview/index.md#x"),
    ("overview/index.md", "roles/seniority.md", "#x", "../overview/index.md#x"),
    ("index.md", HERE, "", "../index.md"),
    ("overview/roadmaps.md", "index.md", "", "overview/roadmaps.md"),
    ("assets/images/lifecycle.png", "a/b/c.md", "", "../../assets/images/lifecycle.png"),
    ("roles/choosing a role.md", HERE, "", "../roles/choosing%20a%20role.md"),
    ("a/(b)%.md", "index.md", "", "a/%28b%29%25.md"),
    ("a/café.md", "index.md", "", "a/café.md"),
    ("a/x.md", "a/b/y.md", "", "../x.md"),
    ("a/b/x.md", "a/y.md", "", "b/x.md"),
])
def test_relative_link(target, here, fragment, expected):
    assert relative_link(target, here, fragment) == expected


@pytest.mark.parametrize("path, directory_urls, expected", [
    ("overview/lifecycle.md", True, "overview/lifecycle/"),
    ("overview/index.md", True, "overview/"),
    ("roles/README.md", True, "roles/"),
    ("index.md", True, "./"),
    ("overview/lifecycle.md", False, "overview/lifecycle.html"),
    ("overview/index.md", False, "overview/index.html"),
    ("assets/images/a b.png", True, "assets/images/a%20b.png"),
])
def test_page_url(path, directory_urls, expected):
    assert page_url(path, directory_urls) == expected


@pytest.mark.parametrize("target, here, directory_urls, expected", [
    ("overview/roadmaps.md", HERE, True, "../roadmaps/"),
    ("overview/roadmaps.md", HERE, False, "roadmaps.html"),
    ("overview/index.md", HERE, True, "../"),
    ("index.md", HERE, True, "../../"),
    ("index.md", "index.md", True, "./"),
    ("overview/lifecycle.md", HERE, True, "./"),
    ("overview/roadmaps.md", "index.md", True, "overview/roadmaps/"),
    ("assets/images/lifecycle.png", HERE, True, "../../assets/images/lifecycle.png"),
    ("assets/images/lifecycle.png", HERE, False, "../assets/images/lifecycle.png"),
    ("assets/images/lifecycle.png", "index.md", True, "assets/images/lifecycle.png"),
])
def test_relative_url(target, here, directory_urls, expected):
    assert relative_url(target, here, directory_urls) == expected


def test_relative_url_keeps_the_fragment():
    assert relative_url("overview/roadmaps.md", HERE, fragment="#now") == "../roadmaps/#now"


def test_rewrite_keeps_everything_but_the_urls():
    text = ('# T\n\n[a](/contact "Title"){: .btn }  ![b](<x y.png>)\n[id]:  core \n'
            "<a href='/about'>\n")
    found = find_links(text)
    new = rewrite(text, [(found[0], "../contact.md"), (found[2], "core.md"),
                         (found[3], "../about/")])
    assert new == ('# T\n\n[a](../contact.md "Title"){: .btn }  ![b](<x y.png>)\n[id]:  core.md \n'
                   "<a href='../about/'>\n")


def test_rewrite_with_nothing_to_replace_is_the_identity():
    text = "[a](b.md)\r\n\ttrailing  \n"
    assert rewrite(text, []) == text


def test_rewrite_refuses_overlapping_replacements():
    link = find_links("[a](b.md)")[0]
    with pytest.raises(ValueError):
        rewrite("[a](b.md)", [(link, "c.md"), (link, "d.md")])


# --- check_links ---------------------------------------------------------------------------------

def check(text: str, here: str = HERE, **options):
    return check_links(here, text, 1, PAGES, ASSETS, PERMALINKS, **options)


def messages(text: str, here: str = HERE) -> list[str]:
    problems, _ = check(text, here)
    assert all(p.severity == "warning" and p.path == here for p in problems)
    return [p.message for p in problems]


def test_broken_page_link_suggests_the_closest_page():
    assert messages("[a](roadmap.md)") == [(
        "link to 'roadmap.md' matches no page; did you mean 'overview/roadmaps.md'? Link to the "
        "page's file, e.g. [Roadmaps](roadmaps.md)")]


def test_broken_page_link_in_another_folder_is_written_relative_to_the_page():
    (message,) = messages("[a](seniorty.md)", "index.md")
    assert "did you mean 'roles/seniority.md'?" in message
    assert "e.g. [Seniority](roles/seniority.md)" in message


def test_broken_link_without_a_close_page_says_where_paths_start():
    assert messages("[a](quarterly-planning-ritual.md)") == [(
        "link to 'quarterly-planning-ritual.md' matches no page; check the file name (it is read "
        "relative to docs/overview/), or remove the link")]


def test_broken_site_root_link():
    assert messages("[Contact us](/contact-form-page)", "roles/seniority.md") == [(
        "site-root link '/contact-form-page' matches no page in the handbook; link to the page's "
        "file relative to this page (e.g. '../contact-form-page.md'), or remove the link")]


def test_broken_jekyll_link_finds_the_page_by_its_name():
    (message,) = messages("[Next](/docs/1-foundations/core-responsibilities)")
    assert message.startswith(
        "site-root link '/docs/1-foundations/core-responsibilities' matches no page in the "
        "handbook; did you mean 'overview/core-responsibilities.md'?")
    assert "(e.g. 'core-responsibilities.md')" in message


def test_broken_extensionless_link():
    (message,) = messages("[a](core-responsibility)")
    assert message.startswith("extensionless link 'core-responsibility' matches no page; did you "
                              "mean 'overview/core-responsibilities.md'? Link to the page's file")


def test_broken_links_of_other_forms():
    (folder,) = messages("[a](nowhere/)")
    assert folder.startswith("folder link 'nowhere/' matches no page")
    (html_suffix,) = messages("[a](gone.html)")
    assert html_suffix.startswith("link 'gone.html' names a built .html page that matches no page")
    (mkdocs_style,) = messages("[a](../roadmaps/)")
    assert "did you mean 'overview/roadmaps.md'?" in mkdocs_style  # written for the built site
    (mail,) = messages("[mail](someone@example.org)")
    assert "write it as 'mailto:someone@example.org'" in mail
    (liquid,) = messages("[a]({% link docs/x.md %})")
    assert "Jekyll Liquid tag" in liquid
    (pdf,) = messages("[a](report.pdf)")
    assert pdf.startswith(
        "link to 'report.pdf' matches no file in docs/; did you mean 'files/report.pdf'?")


def test_missing_image():
    assert messages("![Doodle](/assets/images/doodle.webp)", "contact.md") == [(
        "image '/assets/images/doodle.webp' is missing: there is no such file in docs/; copy the "
        "image into docs/assets/images/ and link to it relatively "
        "(e.g. 'assets/images/doodle.webp'), or remove it")]
    assert messages("![Doodle](/assets/images/doodle.webp)") == [(
        "image '/assets/images/doodle.webp' is missing: there is no such file in docs/; copy the "
        "image into docs/assets/images/ and link to it relatively "
        "(e.g. '../assets/images/doodle.webp'), or remove it")]


def test_missing_image_with_a_namesake_elsewhere():
    (message,) = messages('<img src="img/lifecycle.png">')
    assert "did you mean 'assets/images/lifecycle.png'?" in message


def test_missing_image_by_reference():
    (message,) = messages("![a][pic]\n\n[pic]: pics/nothing-like-it.gif")
    assert message.startswith("image 'pics/nothing-like-it.gif' is missing")


def test_link_outside_docs():
    assert messages("[a](../../x.md)") == [(
        "link '../../x.md' points outside the docs folder, and only files in docs/ are published; "
        "copy the file into docs/ and link to it relatively, or link to its address on the web")]
    (image,) = messages("![a](../../../logo.png)")
    assert image.startswith("image '../../../logo.png' points outside the docs folder")


def test_broken_links_carry_their_line():
    problems, _ = check_links(HERE, "ok\n\n[a](x.md)\n\n![b](y.png)\n", 7, PAGES, ASSETS)
    assert [p.line for p in problems] == [9, 11]
    assert problems[0].render() == f"docs/{HERE}:9: {problems[0].message}"


def test_working_links_need_nothing():
    text = ("[a](roadmaps.md) [b](../index.md#top) ![c](local.png) [d](#here) [e](https://x.org/a) "
            "[f](mailto:a@b.org) [g](../roles/choosing%20a%20role.md) [h](roadmaps.md?x=1)\n"
            '<a href="../roadmaps/">i</a> <img src="../local.png">\n\n[id]: ../contact.md\n')
    assert check(text) == ([], [])


def test_anchors_are_left_to_mkdocs():
    assert check("[a](roadmaps.md#no-such-heading) [b](#nor-here)") == ([], [])


REPAIRS = [
    ("[a](/contact)", "../contact.md"),
    ("[a](/contact#form)", "../contact.md#form"),
    ("[a](/overview/roadmaps.md)", "roadmaps.md"),
    ("[a](/overview/)", "index.md"),
    ("[a](/)", "../index.md"),
    ("[a](/docs/foundations/core-responsibilities)", "core-responsibilities.md"),
    ("[a](core-responsibilities)", "core-responsibilities.md"),
    ("[a](../contact?ref=x#y)", "../contact.md?ref=x#y"),
    ("[a](roadmaps.html)", "roadmaps.md"),
    ("[a](../roles/)", "../roles/README.md"),
    ("[a](../guide/)", "../guide.md"),
    ("[a](..)", "../index.md"),
    ("![a](/assets/images/lifecycle.png)", "../assets/images/lifecycle.png"),
    ("![a](</assets/images/lifecycle.png> 'title')", "../assets/images/lifecycle.png"),
    ("[id]: /docs/foundations/", "index.md"),
    ('<a href="/contact">', "../../contact/"),
    ('<a href="core-responsibilities#x">', "../core-responsibilities/#x"),
    ('<a href="roadmaps.md">', "../roadmaps/"),
    ('<img src="local.png">', "../local.png"),
    ('<img src="/assets/images/lifecycle.png">', "../../assets/images/lifecycle.png"),
]


@pytest.mark.parametrize("text, new_url", REPAIRS, ids=[r[0] for r in REPAIRS])
def test_links_that_work_once_rewritten(text, new_url):
    problems, replacements = check(text)
    assert problems == []
    assert [url for _, url in replacements] == [new_url]


def test_repairs_apply_to_the_text():
    text = ("Read [the roadmaps](/overview/roadmaps) and [contact](../contact){: .btn }.\n"
            "!!! note\n    <a href='/about' class=x>About</a>\n")
    _, replacements = check(text)
    assert rewrite(text, replacements) == (
        "Read [the roadmaps](roadmaps.md) and [contact](../contact.md){: .btn }.\n"
        "!!! note\n    <a href='../../contributing/' class=x>About</a>\n")


def test_repairs_without_directory_urls():
    _, replacements = check('[a](/contact) <a href="/contact">', use_directory_urls=False)
    assert [url for _, url in replacements] == ["../contact.md", "../contact.html"]


def test_output_that_skips_mkdocs_gets_built_addresses_for_every_link():
    _, replacements = check("[a](roadmaps.md) ![b](local.png) [c](/contact#x) [d](#y)",
                            for_markdown_output=False)
    assert [url for _, url in replacements] == ["../roadmaps/", "../local.png", "../../contact/#x"]


def test_escaped_characters_in_a_markdown_url_are_unescaped():
    assert check(r"[a](v1\.2-notes.md)") == ([], [])


# --- properties ----------------------------------------------------------------------------------

MARKDOWNISH = st.text(alphabet=st.sampled_from(list("[]()!<>`~\"' \n\t\\#:/.-_=*{}^|amdhrefsc%")),
                      max_size=200)


@settings(max_examples=400, deadline=None)
@given(st.one_of(MARKDOWNISH, st.text(max_size=200)), st.integers(1, 50))
def test_find_links_never_fails_and_its_spans_are_the_urls(text, first_line):
    found = find_links(text, first_line)
    previous_end = -1
    for link in found:
        assert link.url and text[link.start:link.end] == link.url
        assert link.line == first_line + text.count("\n", 0, link.start)
        assert link.start >= previous_end
        previous_end = link.end
    assert rewrite(text, [(link, link.url) for link in found]) == text


URL_CHARS = st.text(alphabet=st.sampled_from(list("abz019-_./%")), min_size=1, max_size=12)
PIECES = st.one_of(
    st.builds(lambda u: (f"[text]({u}.md)", [u + ".md"]), URL_CHARS),
    st.builds(lambda u: (f"![alt](<{u} x.png> \"title\")", [u + " x.png"]), URL_CHARS),
    st.builds(lambda u: (f"[id]: {u}.md", [u + ".md"]), URL_CHARS),
    st.builds(lambda u: (f'<a class="b" href="{u}">x</a>', [u]), URL_CHARS),
    st.builds(lambda u: (f"<img src='{u}.svg'>", [u + ".svg"]), URL_CHARS),
    st.builds(lambda u: (f"!!! note\n    In [a note]({u}.md).", [u + ".md"]), URL_CHARS),
    st.builds(lambda u: (f"`[code]({u}.md)`", []), URL_CHARS),
    st.builds(lambda u: (f"```\n[fenced]({u}.md)\n```", []), URL_CHARS),
    st.builds(lambda u: (f"<!-- [hidden]({u}.md) -->", []), URL_CHARS),
    st.just(("Plain words, [brackets] and (parentheses).", [])),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=8))
def test_pages_built_from_known_pieces_give_back_their_urls(pieces):
    text = "\n\n".join(piece for piece, _ in pieces)
    assert [link.url for link in find_links(text)] == [u for _, found in pieces for u in found]


SEGMENT = st.text(alphabet=st.sampled_from(list("ab- %(é")), min_size=1, max_size=4).filter(
    lambda s: s.strip() == s and s not in (".", ".."))
PAGE_PATHS = st.builds(
    lambda folders, name, suffix: "/".join([*folders, name + suffix]),
    st.lists(SEGMENT, max_size=3),
    st.one_of(st.just("index"), st.just("README"), SEGMENT),
    st.sampled_from(PAGE_SUFFIXES))  # every ending MkDocs reads as Markdown


@settings(max_examples=300, deadline=None)
@given(PAGE_PATHS, PAGE_PATHS, st.booleans())
def test_written_links_resolve_back_to_their_target(target, here, directory_urls):
    assume(target == here or page_url(target, directory_urls) != page_url(here, directory_urls))
    pages = {target, here}
    markdown = resolve(relative_link(target, here), here, pages, ())
    assert (markdown.kind, markdown.path, markdown.form) == ("page", target, "relative")
    built = resolve(relative_url(target, here, directory_urls), here, pages, (), html=True,
                    use_directory_urls=directory_urls)
    assert (built.kind, built.path, built.form) == ("page", target, "relative")


@settings(max_examples=300, deadline=None)
@given(st.one_of(PAGE_PATHS, PAGE_PATHS.map(lambda p: p.rsplit(".", 1)[0] + ".png")), PAGE_PATHS,
       st.booleans())
def test_addresses_match_mkdocs(target, here, directory_urls):
    def url(path):
        return File(path, "/docs", "/site", directory_urls).url

    assert page_url(target, directory_urls) == url(target)
    assert relative_url(target, here, directory_urls) == get_relative_url(url(target), url(here))


# --- against MkDocs ------------------------------------------------------------------------------

def mkdocs_build(tmp_path: Path, pages: dict[str, str | bytes], plugins: dict | None = None,
                 **config) -> list[str]:
    """Build `pages` with a minimal MkDocs config; the warnings MkDocs logged."""
    docs, site = tmp_path / "docs", tmp_path / "site"
    write_tree(docs, pages)
    settings = {
        "site_name": "Links", "docs_dir": str(docs), "site_dir": str(site), "theme": "mkdocs",
        "markdown_extensions": ["admonition", "pymdownx.details", "pymdownx.superfences",
                                "attr_list", "md_in_html", "footnotes", "tables", "def_list"],
        "validation": {"links": {"not_found": "warn"}},
        **config,
    }
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    loaded = load_config(config_file=str(tmp_path / "mkdocs.yml"))
    for name, plugin in (plugins or {}).items():
        loaded.plugins[name] = plugin
    warnings: list[str] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: warnings.append(record.getMessage())
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        build(loaded)
    finally:
        logger.removeHandler(handler)
    return warnings


CROSS_CHECK = {
    "index.md": """
        # Home

        [Overview](overview/index.md), [broken](overview/nope.md) and [climbing](../up.md).
        ![Logo](assets/images/logo.svg) ![gone](assets/images/gone.svg)
        """,
    "overview/index.md": "# Overview\n",
    "overview/roadmaps.md": "# Roadmaps\n\n## Now\n",
    "roles/index.md": "# Roles\n",
    "roles/my page.md": "# My page\n",
    "assets/images/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
    "overview/lifecycle.md": r"""
        # Lifecycle with a [heading link](heading-bad.md)

        See [roadmaps](roadmaps.md), [the section](roadmaps.md#now) and [missing](roadmap.md).
        Also [nested [brackets] text](../roles/index.md) and
        [broken nested [x]](../roles/nope.md "Title"), [single](single-bad.md 'Title'),
        [parens](paren_(x)_bad.md) and [title with parens](title-bad.md "a (b) c").
        ![diagram](../assets/images/logo.svg) and ![gone](../assets/images/gone.png 'title')
        [space](<../roles/my page.md>), [encoded](../roles/my%20page.md),
        [encoded broken](../roles/no%20page.md), [bare spaces](spaced bare bad.md),
        [angle broken](<angle bad.md>) and [next line](
        next-line-bad.md).
        [ref link][good], [ref broken][bad], ![ref image][img] and [collapsed][].
        [![badge](badge-bad.png)](image-in-link-bad.md) and
        [a [b](inner-ignored.md) c](outer-bad.md)
        [text across
        lines](multi-line-bad.md) [attr](attr-bad.md){: .button } [query](query-bad.md?x=1#y)

        !!! note "In an admonition"
            A [good](index.md) and a [bad](nothing.md#part) link.

            ```
            [in a fence](fence-ignored.md)
            ```

            [adm def]: adm-def-bad.md

            [uses it][adm def]

        ??? tip "Details"
            [folded](details-bad.md)

        - list item with [bad](list-bad.md)
            - nested [bad](../deep/nested-bad.md)

            ```python
            [in a list fence](list-fence-ignored.md)
            ```

        1. numbered ![pic](numbered-bad.png)

        | Table | Links |
        | ----- | ----- |
        | [cell](cell-bad.md) | `[code](cell-code-ignored.md)` |

        Term
        :   Definition with [a link](deflist-bad.md).

        A footnote[^1].

        [^1]: The footnote has [a link](footnote-bad.md).

        `[in code](code-ignored.md)` and ``[double `tick`](code2-ignored.md)``
        `[code over
        two lines](code3-ignored.md)`

        <!-- [commented](comment-ignored.md) -->

        <!--
        [comment block](comment2-ignored.md)
        -->

        \[escaped](escaped-ignored.md)

        [outside](../../outside.md) and ![outside image](../../../outside.png)

        <div markdown>
        [in md_in_html](md-in-html-bad.md)
        </div>

        Autolinks <https://example.com/x.md> and https://example.com/y.md are external.

        ~~~
        [tilde fence](tilde-ignored.md)
        ```
        [backticks in tildes](nested-ignored.md)
        ```
        ~~~

        ````markdown
        ```
        [nested fence](nested2-ignored.md)
        ```
        ````

        [a [b] c](../index.md#x) [extensionless](roadmaps) [html](roadmaps.html)

        [good]: roadmaps.md
        [bad]: ref-bad.md "Title"
        [img]: ../assets/images/ref-gone.png
        [collapsed]: collapsed-bad.md
          "Title on the next line"

        ```
        [an unclosed fence is text](unclosed-fence-bad.md)
        """,
}
CHECKED_SUFFIXES = (".md", ".png", ".svg")


def checked_target(url: str) -> bool:
    return url.split("#")[0].split("?")[0].endswith(CHECKED_SUFFIXES)


def test_broken_links_are_the_ones_mkdocs_finds(tmp_path):
    warnings = mkdocs_build(tmp_path, CROSS_CHECK)
    pattern = re.compile(
        r"Doc file '([^']*)' contains a link '([^']*)', but the target (?:'.*' )?is not found")
    by_mkdocs = {match.groups() for match in map(pattern.match, warnings)
                 if match and checked_target(match.group(2))}

    pages = {p for p in CROSS_CHECK if p.endswith(".md")}
    assets = set(CROSS_CHECK) - pages
    by_us = set()
    for path in pages:
        text = textwrap.dedent(CROSS_CHECK[path]).lstrip("\n")
        problems, _ = check_links(path, text, 1, pages, assets, {})
        for problem in problems:
            url = re.search(r"'([^']*)'", problem.message).group(1)
            if checked_target(url):
                by_us.add((path, url))

    assert len(by_mkdocs) >= 30, warnings
    assert by_us == by_mkdocs
    assert not any("ignored" in url for _, url in by_us)


class RepairLinks(BasePlugin):
    """What the build will do: apply check_links' repairs before MkDocs reads each page."""

    def __init__(self, pages, assets, permalinks, use_directory_urls):
        self.args = (pages, assets, permalinks, use_directory_urls)
        self.problems = []

    def on_page_markdown(self, markdown, page, config, files):
        problems, replacements = check_links(page.file.src_uri, markdown, 1, *self.args)
        self.problems += problems
        return rewrite(markdown, replacements)


REPAIRED = {
    "index.md": '# Home\n\n[Lifecycle](/overview/lifecycle) <a href="overview/">Overview</a>\n',
    "overview/index.md": "# Overview\n\n[Lifecycle](lifecycle) [Home](/) [Up](..)\n",
    "contact.md": "# Contact\n\n[Back](index.html)\n\n## Form\n",
    "overview/lifecycle.md": """
        # Lifecycle

        [Contact](/contact#form), [Contact again](../contact.html), [Overview](./),
        [Roles](../roles/), [Jekyll](/docs/foundations/lifecycle.html), [Self](lifecycle.md).
        ![Logo](/assets/images/logo.svg) ![Logo](../assets/images/logo.svg)

        !!! note
            <a href="/contact">Contact</a> <a href="../contact">again</a>
            <img src="../assets/images/logo.svg" alt="logo">
            <img src="/assets/images/logo.svg" alt="">

        <div class="nav-buttons">
            <a href="/docs/foundations/">Back</a> <a href="lifecycle.md#top">Top</a>
            <a href="../roles/a%20b.md">Role</a>
        </div>

        [ref]: /roles/a%20b
        [Role by reference][ref]
        """,
    "roles/index.md": "# Roles\n\n<a href='../overview/lifecycle'>Lifecycle</a>\n",
    "roles/a b.md": "# A role\n\n[Roles](./) ![Logo](/assets/images/logo.svg)\n",
    "assets/images/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
}


@pytest.mark.parametrize("directory_urls", [True, False])
def test_repaired_links_all_work_in_a_real_build(tmp_path, directory_urls):
    pages = {p for p in REPAIRED if p.endswith(".md")}
    assets = set(REPAIRED) - pages
    permalinks = {permalink_key("/docs/foundations/lifecycle"): "overview/lifecycle.md",
                  permalink_key("/docs/foundations/"): "overview/index.md"}
    repair = RepairLinks(pages, assets, permalinks, directory_urls)
    strict = {"not_found": "warn", "absolute_links": "warn", "unrecognized_links": "warn",
              "anchors": "warn"}
    warnings = mkdocs_build(tmp_path, REPAIRED, {"repair": repair},
                            use_directory_urls=directory_urls, validation={"links": strict})
    assert repair.problems == []
    assert warnings == []

    site = tmp_path / "site"
    checked = 0
    for page in pages:
        out = site / page_url(page, directory_urls).replace("%20", " ")
        out = out / "index.html" if page_url(page, directory_urls).endswith("/") else out
        html = out.read_text(encoding="utf-8")
        content = html[html.index('role="main"'):]  # the page's own links, not the theme's
        for url in re.findall(r'<(?:a|img)\b[^>]*?\s(?:href|src)="([^"#?]*)', content):
            if not url or "://" in url:
                continue
            target = (out.parent / url.replace("%20", " ")).resolve()
            target = target / "index.html" if url.endswith("/") or target.is_dir() else target
            assert target.is_file(), f"{page}: {url} -> {target}"
            checked += 1
    assert checked >= 20


def test_mkdocs_leaves_raw_html_links_alone(tmp_path):
    """Why raw HTML gets built addresses: MkDocs neither rewrites nor checks it."""
    warnings = mkdocs_build(tmp_path, {
        "index.md": '# Home\n\n<a href="missing.md">x</a> <a href="a.md">a</a>\n',
        "a.md": "# A\n",
    })
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<a href="missing.md">' in html and '<a href="a.md">' in html
    assert warnings == []


# --- many pages (bench/unit_speed.py times the same check) ---------------------------------------

def test_a_handbook_of_repairable_links_gets_every_repair():
    paths = ["index.md"] + [f"section-{i // 10}/page-{i}.md" for i in range(1, 40)]
    body = "Product managers write things down so that teams can decide without them. " * 5 + "\n\n"
    texts = {}
    for n, path in enumerate(paths):
        parts = [body]
        for k in range(10):
            other = paths[(n + k * 7) % len(paths)]
            parts.append(f"See [page {k}](/{other[:-3]}) and [{k}]({relative_link(other, path)}). "
                         f"`[code](x.md)` ![d](/assets/d{k}.png)\n\n{body}")
        parts.append("```\n[fenced](y.md)\n```\n")
        texts[path] = "".join(parts)
    assets = {f"assets/d{k}.png" for k in range(10)}
    for path, text in texts.items():
        problems, replacements = check_links(path, text, 1, set(paths), assets, {})
        assert problems == [] and len(replacements) == 20


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(sorted(PAGES)),
       st.lists(st.sampled_from(["..", ".", "overview", "roles", "x", "index.md", "a_b-c.d",
                                 "roadmaps.md", "README.md", "v1.2-notes.md", "guide.md", "",
                                 "é.md", "/guide.md", "a.md#x", "a.md?q"]),
                min_size=1, max_size=4).map("/".join),
       st.booleans())
def test_the_shortcut_for_plain_page_links_answers_as_the_full_rules(page, url, html):
    # resolve() answers a plain relative link to an existing page before its full rules; with the
    # shortcut's pattern matching nothing, the rules alone must give the same answer.
    import importlib
    from unittest import mock

    resolve_module = importlib.import_module("handbook.markdown.links.resolve")
    quick = resolve(url, page, PAGES, ASSETS, PERMALINKS, html=html)
    with mock.patch.object(resolve_module, "PLAIN_PAGE_LINK", re.compile(r"(?!)")):
        assert resolve(url, page, PAGES, ASSETS, PERMALINKS, html=html) == quick


URL_PARTS = st.sampled_from(["..", ".", "overview", "roles", "x", "index.md", "roadmaps.md",
                             "README.md", "v1.2-notes.md", "guide.md", "", "é.md", "a.md#x",
                             "a.md?q", "lifecycle.md", "local.png", "a\\_b.md", "a&amp;b.md"])


@settings(max_examples=1000, deadline=None)
@given(st.sampled_from(sorted(PAGES)),
       st.lists(st.tuples(st.sampled_from(["[a]({})", "![a]({})", "[a]: {}", '<a href="{}">a</a>',
                                           '<img src="{}">']),
                          st.lists(URL_PARTS, min_size=1, max_size=4).map("/".join)),
                min_size=1, max_size=4),
       st.booleans(), st.booleans())
def test_plain_page_links_pass_check_links_as_resolve_passes_them(page, links, markdown_output,
                                                                 directory_urls):
    # check_links passes a plain link to an existing page before asking resolve(); with the
    # shortcut's pattern matching nothing there, resolve (and its own shortcut, held to the full
    # rules above) must give the same problems and repairs.
    import importlib
    from unittest import mock

    check_module = importlib.import_module("handbook.markdown.links.check")
    text = "\n\n".join(form.format(url) for form, url in links) + "\n"
    args = (page, text, 3, PAGES, ASSETS, PERMALINKS, directory_urls)
    quick = check_links(*args, for_markdown_output=markdown_output)
    with mock.patch.object(check_module, "PLAIN_PAGE_LINK", re.compile(r"(?!)")):
        assert check_links(*args, for_markdown_output=markdown_output) == quick


# --- inline links, against the loop that remembered every link --------------------------------

# _inline_links as it was before it skipped from a link whose text holds no `[` to the end of its
# URL, and before it found a plain URL without the paragraph's end: the reference.
def inline_links_one_by_one(masked: str) -> list:
    """`[text](url)` and `![alt](url)`, including those nested in another link's text.

    As in Python-Markdown, an image inside a link's text is an image, but a link inside a link's
    text, anything inside an image's alt text and anything inside a URL is only text.
    """
    found: list = []
    containers: list[tuple[int, str]] = []  # (end of the text, kind) of the links around `pos`
    urls: list[tuple[int, int]] = []  # from `](` to `)` of the links found, while still ahead
    urls_end = 0  # where the last of them ends
    # Where the paragraph around `pos` ends (a URL cannot run past it), found once per paragraph.
    blank_at, length = -1, len(masked)
    pos = 0
    # Written as plain loops, not any() over generators, and with the paragraph's end and the
    # plain URL's offsets worked out here rather than in calls: this runs for every link of every
    # page.
    while match := find.LINK_OPEN.search(masked, pos):
        # The first `[text](` or `![alt](` at or after pos: the `!` counts only from pos on.
        start, opening_end = match.span()
        image = start > pos and masked[start - 1] == "!"
        pos = start + 1
        start -= image
        text_end = opening_end - 2  # the `]` before `(`
        if "\n" in masked[start:text_end] and find.BLANK_LINE.search(masked, start, text_end):
            continue
        kind = "image" if image else "link"
        while containers and containers[-1][0] <= start:
            del containers[-1]
        if urls:
            urls = [] if urls_end <= start else [(a, b) for a, b in urls if b > start]
        inside = False
        for _, outer in containers:
            if outer == "image" or kind == "link":
                inside = True
                break
        for a, _ in urls:
            if a <= start:
                inside = True
                break
        if inside:
            continue
        if blank_at < opening_end:
            blank = find.BLANK_LINE.search(masked, opening_end)
            blank_at = blank.start() if blank else length
        limit = blank_at + 1 if blank_at < length else length
        if limit > opening_end + find.LONGEST_DESTINATION:
            limit = opening_end + find.LONGEST_DESTINATION
        plain = find.PLAIN_DESTINATION.match(masked, opening_end - 1, limit)
        if plain:
            url_start, url_end = plain.span(1)
            close = plain.end()
        else:
            destination = find._destination(masked, opening_end - 1, limit)
            if destination is None:
                continue
            url_start, url_end, close = destination
        containers.append((text_end, kind))
        urls.append((text_end, close))
        if close > urls_end:
            urls_end = close
        found.append((url_start, url_end, kind))
    return found


INLINE_PIECES = st.sampled_from(["[", "]", "](", "(", ")", "!", "![", "[a](b)", "![i](p.png)",
                                 "[x]", "a", " ", "\n", "\n\n", "\n \n", "<", ">", '"', "'",
                                 "x" * 2100, "(a b)", "\\", "`"])


@settings(max_examples=3000, deadline=None)
@given(st.lists(INLINE_PIECES, max_size=30).map("".join))
@example("[a](" + "x" * 2050 + ")")  # a plain URL past the longest a URL may be
@example("[a](\n\nb)")  # a URL after a blank line
@example("[a](\n b)")  # a plain URL on the line after its `(`
@example("[a](b [c](d) e)")  # a link inside a URL (Python-Markdown's rules) is text
@example("[a](<b c>)[d](e)")  # a URL that is not plain, then a link
def test_inline_links_are_found_as_the_loop_that_remembered_every_link_found_them(text):
    assert find._inline_links(text) == inline_links_one_by_one(text)
