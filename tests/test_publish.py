"""What the build publishes besides the pages: llms.txt, llms-full.txt and the printable handbook,
from pure functions and from a real build of a small tree."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from handbook.build.site import build_site
from handbook.nav.pager import standalone_pages
from handbook.publish.llms import LlmsPage, llms_full, llms_index, sections
from handbook.publish.print_book import (name_code_blocks, page_anchor, print_book, rebase,
                                         relative_url)
from handbook.publish.tag_index import ListedTag, listed_tags, tag_index

PAGES = {
    "index.md": """
        ---
        title: Home
        nav_order: 1
        description: The cover.
        ---
        # Home

        Start with [the guide](guide/index.md) or its [last page](guide/last.md#tips).
        """,
    "guide/index.md": """
        ---
        title: Guide
        nav_order: 2
        description: "What the guide covers: *everything* & more."
        ---
        # Guide :dart:

        ![A drawing](../assets/drawing.svg)

        ## Steps

        See [the steps](#steps), [tips](last.md#tips) and [help](../help.md).

        ```text
        first block
        ```

        ```text
        second block
        ```
        """,
    "guide/last.md": """
        ---
        title: Last page
        parent: Guide
        ---
        # Last page

        ## Tips

            an indented block
        """,
    "closing.md": """
        ---
        title: What next
        nav_order: 3
        ---
        # What next
        """,
    "help.md": """
        ---
        title: Help
        nav_order: 4
        prev: false
        next: false
        description: Site help.
        ---
        # Help
        """,
    "print.md": """
        ---
        title: Print
        nav_exclude: true
        ---
        # Print

        <!-- handbook:print -->
        """,
    "assets/drawing.svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>',
}


def test_sections_follow_the_nav_with_site_pages_optional():
    from textwrap import dedent

    site = build_site({path: dedent(text).lstrip().encode() for path, text in PAGES.items()
                       if path.endswith(".md")})
    grouped = sections(site.tree, standalone_pages(site.records.values()), "Handbook")
    assert grouped == [("Handbook", ["index.md", "closing.md"]),
                       ("guide/index.md", ["guide/index.md", "guide/last.md"]),
                       ("Optional", ["help.md"])]


def test_llms_index_and_full_text_follow_the_convention():
    pages = [LlmsPage("Home", "https://x.org/", "The  cover.", "# Home\n\nText.\n"),
             LlmsPage("Help", "https://x.org/help/")]
    index = llms_index("Handbook", "A handbook.", [("Start", pages[:1]), ("Optional", pages[1:])])
    assert index.startswith("# Handbook\n\n> A handbook.\n")
    assert "## Start\n\n- [Home](https://x.org/): The cover.\n" in index
    assert "## Optional\n\n- [Help](https://x.org/help/)\n" in index
    full = "".join(llms_full("Handbook", "A handbook.", pages))
    assert "Page: Home\nAddress: https://x.org/\n\n# Home\n\nText.\n" in full


@pytest.mark.parametrize(("target", "base", "expected"), [
    ("", "print/", "../"),
    ("overview/lifecycle/", "print/", "../overview/lifecycle/"),
    ("assets/a.svg", "print/", "../assets/a.svg"),
    ("print/", "print/", "./"),
    ("a.html", "print.html", "a.html"),
])
def test_relative_url(target, base, expected):
    assert relative_url(target, base) == expected


def test_a_printed_page_keeps_its_ids_apart_and_its_links_working():
    anchors = {"": page_anchor(""), "guide/": page_anchor("guide/")}
    html = ('<h2 id="steps">Steps</h2><a href="#steps">s</a> <a href="../">home</a> '
            '<a href="../help/">help</a> <img src="../assets/a.svg"> <a href="https://e.org/#x">e</a>'
            ' <a href="#">top</a>')
    out = rebase(html, "guide/", "print/", anchors)
    assert '<h2 id="page-guide--steps">' in out
    assert '<a href="#page-guide--steps">s</a>' in out
    assert '<a href="#page-home">home</a>' in out  # a printed page: jump within the print page
    assert '<a href="../help/">help</a>' in out  # not printed: still the page itself
    assert '<img src="../assets/a.svg">' in out
    assert '<a href="https://e.org/#x">e</a>' in out and '<a href="#page-guide">top</a>' in out


def test_print_book_holds_pages_in_order_in_sections():
    out = print_book([("", "<h1 id='x'>Home</h1>"), ("guide/", '<h1 id="guide">Guide</h1>')], "print/")
    assert [m for m in re.findall(r'<section class="handbook-print-page" id="([^"]+)"', out)] == [
        "page-home", "page-guide"]


class _CodeBlockNames(HTMLParser):
    """The name Material's JavaScript gives each code block for its copy button: `__code_` and the
    id of the closest element with one, the `<pre>` itself included (bundle.js, `closest("[id]")`);
    blocks with no such element are numbered, and count here as None."""

    def __init__(self):
        super().__init__()
        self.open: list[str | None] = []
        self.names: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "img", "hr", "input", "meta", "link"):
            return
        own = dict(attrs).get("id")
        self.open.append(own)
        if tag == "pre":
            self.names.append(next((f"__code_{i}" for i in reversed(self.open) if i), None))

    def handle_endtag(self, tag):
        if self.open:
            self.open.pop()


def code_block_names(html: str) -> list[str | None]:
    parser = _CodeBlockNames()
    parser.feed(html)
    return parser.names


def test_each_code_block_gets_an_id_of_its_own():
    content = ('<div class="highlight"><pre><span></span><code>a</code></pre></div>'
               '<pre><code>b</code></pre><pre id="kept"><code>c</code></pre>')
    assert code_block_names(name_code_blocks(content)) == [
        "__code_code-1", "__code_code-2", "__code_kept"]


def test_printed_code_blocks_keep_apart_for_their_copy_buttons():
    """Each printed page is a section with an id: without ids of their own, all code blocks of a
    printed page took its name, and every copy button there copied the page's first block."""
    block = '<div class="highlight"><pre><span></span><code>x</code></pre></div>'
    out = print_book([("", block * 2), ("guide/", block * 2)], "print/")
    names = code_block_names(out)
    assert len(names) == 4 and None not in names and len(set(names)) == 4, names
    assert names[0] == "__code_page-home--code-1" and names[3] == "__code_page-guide--code-2"


def _listed(anchor: str, name: str, titles: list[str]) -> str:
    """A tag's part of a listing, as Material's tags plugin renders it (with the handbook's class)."""
    items = "".join(f'<li>\n<a href="../{i}/">\n{t}\n</a>\n</li>' for i, t in enumerate(titles))
    return (f'<h2 id="{anchor}">\n<span class="md-tag">{name}</span><a class="headerlink" '
            f'href="#{anchor}" title="Permanent link">&para;</a></h2>\n'
            f'<ul class="handbook-tag-pages">{items}</ul>\n')


def test_the_tag_index_counts_the_pages_material_listed_under_each_tag():
    content = ('<h1 id="tags">Tags</h1><ul><li>not a listing</li></ul>'
               '<div class="handbook-tag-index">'
               + _listed("tag:data", "data", ["A", "B", "C"])
               + _listed("tag:r-d", "R&amp;D", ["Labs"]) + "</div><h2 id='after'>After</h2><ul><li>not a page of R&amp;D</li></ul>")
    assert listed_tags(content) == [ListedTag("data", "tag:data", 3), ListedTag("R&D", "tag:r-d", 1)]
    out = tag_index(listed_tags(content))
    assert out.count('<a class="md-tag"') == 2
    assert '<a class="md-tag" href="#tag:data">data <span class="handbook-tag-count">3</span></a>' in out
    assert 'href="#tag:r-d">R&amp;D <span' in out  # text from the listing, escaped once


def test_no_listing_no_chips():
    assert listed_tags("<h2 id='steps'>Steps</h2><ul><li>a</li></ul>") == []


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from conftest import build_docs, write_tree

    root = tmp_path_factory.mktemp("publish")
    write_tree(root / "docs", PAGES)
    return build_docs(root / "docs", root / "site")


def test_the_build_is_clean(built):
    assert not built.aborted and built.messages == []


def test_the_build_writes_llms_txt_from_the_nav(built):
    text = (built.site_dir / "llms.txt").read_text(encoding="utf-8")
    base = "https://pm-handbook.github.io/handbook/"
    assert text.startswith("# Product Management Handbook\n\n> ")
    assert f"- [Home]({base}): The cover.\n- [What next]({base}closing/)\n" in text
    assert f"## Guide\n\n- [Guide]({base}guide/): What the guide covers: *everything* & more.\n" in text
    assert text.rstrip().endswith(f"## Optional\n\n- [Help]({base}help/): Site help.")
    assert "Print" not in text  # outside the nav
    full = (built.site_dir / "llms-full.txt").read_text(encoding="utf-8")
    order = [m for m in re.findall(r"^Page: (.+)$", full, re.M)]
    assert order == ["Home", "Guide", "Last page", "What next", "Help"]
    assert "# Guide 🎯" in full  # shortcodes as the emoji readers see


def test_the_print_page_holds_the_reading_order_with_working_links(built):
    html = built.page_html("print.md")
    printed = re.findall(r'<section class="handbook-print-page" id="([^"]+)"', html)
    assert printed == ["page-home", "page-guide", "page-guide-last", "page-closing"]  # not Help
    assert 'href="#page-guide-last--tips"' in html and 'href="#page-guide--steps"' in html
    assert 'id="page-guide-last--tips"' in html
    assert 'href="../help/"' in html and 'src="../assets/drawing.svg"' in html
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]
    names = code_block_names(html)  # as Material's JavaScript names them for the copy buttons
    assert len(names) == 3 and len(set(names)) == 3, names


def test_the_tags_page_gets_its_index_of_tags(build_site):
    built = build_site({
        "index.md": """
            ---
            title: Home
            tags: [data, research]
            ---
            # Home
            """,
        "tags.md": """
            ---
            title: Tags
            nav_exclude: true
            ---
            # Tags

            <!-- handbook:tag-index -->

            <div class="handbook-tag-index" markdown>

            <!-- material/tags -->

            </div>
            """})
    html = built.page_html("tags.md")
    assert "handbook:tag-index" not in html
    assert 'href="#tag:data">data <span class="handbook-tag-count">1</span></a>' in html
    assert "handbook:print" not in built.page_html("index.md")
