"""The project's own anchor check: the ids it expects are the ids MkDocs builds (a differential test
against real builds), and a broken `#anchor` gets one message with line, `docs/` path and a fix."""

from __future__ import annotations

import re
import sys

import pytest

from conftest import ROOT, build_docs, handbook_pages
from handbook.markdown.anchors import (
    MAY_LINK_TO_AN_ANCHOR,
    WHITESPACE,
    anchor_problems,
    may_link_to_an_anchor,
    page_anchors,
)
from handbook.markdown.links import find_links
from hypothesis import example, given, settings
from hypothesis import strategies as st
from handbook.pages.frontmatter import read_page

TRICKY = """---
title: Tricky
---

# Tricky

## Q&A: roadmaps & *plans*

## Repeated

## Repeated

## :dart: Business outcomes

## 🚀 Launch

## :white_check_mark: Validation done

## With `code` and [a link](index.md)

## Custom {#my-id}

## Kramdown {: #kram .wide }

Setext heading
--------------

A paragraph with an attribute list.
{: #para-id }

<a name="old-anchor"></a>
<div id="box" markdown>Text</div>

Footnote.[^note]

[^note]: The note.

```markdown
## Not a heading
```
"""

HOME = "---\ntitle: Home\nnav_order: 1\n---\n# Home\n"


def built_ids(html: str) -> set[str]:
    article = html.split("<article", 1)[1].split("</article>", 1)[0]
    # As MkDocs' anchor validation reads them: every id, and the name of an <a>.
    return set(re.findall(r'\bid="([^"]+)"', article)) | set(re.findall(r'<a [^>]*\bname="([^"]+)"', article))


def test_expected_ids_are_the_ids_mkdocs_builds(build_site):
    built = build_site({"index.md": HOME, "tricky.md": TRICKY}, strict=False)
    page, _ = read_page(TRICKY.encode(), "tricky.md")
    assert page_anchors(page.body) == built_ids(built.page_html("tricky.md"))


def test_expected_ids_match_every_page_of_the_handbook(tmp_path):
    docs = ROOT / "docs"
    built = build_docs(docs, tmp_path / "site", strict=False, content_rules=None)
    compared = 0
    for path in handbook_pages(docs):
        page, _ = read_page((docs / path).read_bytes(), path)
        expected = page_anchors(page.body)
        if expected is None:  # generated text (Tags, Review status): not checked
            continue
        assert expected == built_ids(built.page_html(path)), path
        compared += 1
    assert compared >= 30


@pytest.mark.parametrize("url, says", [
    ("index.md#nowhere", "link 'index.md#nowhere': index.md has no heading or anchor '#nowhere'"),
    ("#repeatd", "did you mean '#repeated'?"),
    ("tricky.md#My-Id", "did you mean '#my-id'?"),
])
def test_a_broken_anchor_names_line_and_fix(url, says):
    page, _ = read_page(TRICKY.encode(), "tricky.md")
    anchors = {"tricky.md": page_anchors(page.body), "index.md": frozenset({"home"})}
    text = f"Intro.\n\nSee [this]({url}).\n"
    problems = anchor_problems("tricky.md", text, 10, anchors, ())
    assert len(problems) == 1 and problems[0].line == 12, problems
    assert says in problems[0].message


def test_good_anchors_and_generated_pages_are_not_reported():
    anchors = {"a.md": frozenset({"x"}), "tags.md": None}
    text = "[a](a.md#x) [b](#x) [c](tags.md#tag:anything) [d](https://e.org/#y)"
    assert anchor_problems("a.md", text, 1, anchors, ()) == []


def test_the_build_reports_a_broken_anchor_once_with_the_docs_prefix_and_line(build_site):
    built = build_site({"index.md": HOME + "\n## Diverge\n",
                        "a.md": "---\ntitle: A\n---\n\n[x](index.md#diverge-and-converge)\n"})
    assert built.aborted
    mentions = [m for m in built.messages if "diverge-and-converge" in m]
    assert len(mentions) == 1
    assert re.search(r"docs\d+/a\.md:5: link 'index\.md#diverge-and-converge': index\.md has no "
                     r"heading or anchor '#diverge-and-converge'; did you mean '#diverge'\?",
                     mentions[0]), mentions


PIECES = ["[a](", "](", "#x", "# ", "## Head\n", "\n", " ", "<", ">", ")", "[r]:", "=", '"',
          "href=", "<a ", "page.md", "\t", "`", "```\n", "![i](", "&#39;", "<!-- c -->", "<!--"]


@settings(max_examples=500)
@given(st.lists(st.sampled_from(PIECES), max_size=25).map("".join))
# Found by this test: a `#` after spaces inside angle brackets, or after an unclosed comment.
@example("[a](< #x>)")
@example("[a](<a #x)")
@example("[a](<!--\n#x)")
def test_the_quick_test_for_anchor_links_misses_no_link_with_an_anchor(text):
    """anchor_problems skips a page the quick test finds no anchor link in: every link with a `#`
    that find_links reads must pass it."""
    if any("#" in link.url for link in find_links(text)):
        assert may_link_to_an_anchor(text), text


@settings(max_examples=1000)
@given(st.one_of(st.lists(st.sampled_from(PIECES + ["#", "##", "\u2028", "\x1c", "\xa0", ":", "(",
                                                    "< #", "x"]), max_size=25).map("".join),
                 st.text(alphabet="# \t\n\x1c\u3000<=(:`>ax")))
def test_the_quick_test_for_anchor_links_is_its_pattern_asked_at_each_hash(text):
    """may_link_to_an_anchor answers what MAY_LINK_TO_AN_ANCHOR says, without trying the pattern
    at every offset of the page."""
    assert may_link_to_an_anchor(text) == bool(MAY_LINK_TO_AN_ANCHOR.search(text)), repr(text)


def test_the_whitespace_walked_over_is_what_isspace_accepts():
    assert WHITESPACE == {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}
