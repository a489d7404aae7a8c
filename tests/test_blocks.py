"""The one reader of Markdown's block structure (handbook.markdown.blocks), against the renderer the
build uses: Python-Markdown with pymdownx.superfences decides what is code and what is a heading."""

from __future__ import annotations

import re
from html import unescape

import markdown
import pytest
from handbook.markdown.blocks import CODE_SPAN, code_lines, fenced_code, headings, mask_code
from hypothesis import given, settings
from hypothesis import strategies as st


def rendered_headings(text: str) -> list[tuple[int, str]]:
    html = markdown.markdown(text, extensions=["pymdownx.superfences", "admonition"])
    return [(int(level), unescape(body).strip())
            for level, body in re.findall(r"<h([1-6])[^>]*>(.*?)</h\1>", html, re.DOTALL)]


PIECES = st.sampled_from([
    "# Title", "## Section two", "Setext heading\n==============", "Another\n-------",
    "Plain prose line.", "", "```\n# not a heading\n```", "~~~python\n## code\n~~~",
    "```\n# unclosed fence, so a heading follows", "````\n```\n# still code\n```\n````",
    "``` [a](b) ```", "```text\n\n# after blank, in code\n```",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=8))
def test_headings_are_the_ones_the_build_renders(pieces):
    """Top-level headings; a heading indented inside an admonition or list is not read."""
    text = "\n\n".join(pieces) + "\n"
    found = [(level, heading) for _, level, heading in headings(text)]
    assert found == rendered_headings(text)


def test_a_fence_closes_only_on_the_same_fence():
    text = "````\n```\n# code\n```\n````\n# Heading"
    assert code_lines(text.split("\n")) == frozenset(range(5))
    assert [h for _, _, h in headings(text)] == ["Heading"]


def test_an_unclosed_fence_is_not_code():
    assert code_lines("```\n# Heading".split("\n")) == frozenset()


def test_indented_fences_close_at_their_own_indent():
    text = "!!! note\n    ```\n    x\n    ```\nafter"
    assert fenced_code(text) == [(text.index("    ```"), text.index("\nafter"))]


@pytest.mark.parametrize("written, code", [
    ("`x`", "x"), ("``a ` b``", "a ` b"), ("```x`", "``x"),  # Python-Markdown gives back backticks
])
def test_code_spans_are_python_markdowns(written, code):
    match = CODE_SPAN.search(written)
    assert match.group(2) == code
    html = markdown.markdown(written)
    assert f"<code>{code}</code>" in html


def test_masking_keeps_offsets_and_blanks_code_comments_and_escapes():
    text = "a `[x](y)` b <!-- [c](d) --> \\[e](f)\n```\n[g](h)\n```\n"
    masked = mask_code(text)
    assert len(masked) == len(text) and masked.count("\n") == text.count("\n")
    assert "[x]" not in masked and "[c]" not in masked and "[g]" not in masked
    assert "\\[" not in masked and "](f)" in masked


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["`", "``", "```", "\\", "\\`", "\\\\", "<!--", "-->", "<!-->",
                                 "<", "!", "-", "*", "[a](b)", "x", " ", "\n", "\n\n", "~~~"]),
                max_size=40).map("".join))
def test_masking_searches_each_kind_as_one_search_did(text):
    # Text with code spans only is searched for backticks alone, or split at its code spans; the
    # reference is one search for all three kinds at a time.
    from handbook.markdown import blocks
    fenced = blocks.blank(text, blocks.fenced_code(text))
    expected = blocks._mask_inline(fenced, blocks.INLINE_SKIP.search)
    if "\\" not in text and "<!--" not in text:
        assert blocks._mask_inline(fenced, blocks.BACKTICKS.search) == expected
    assert mask_code(text) == expected


# Runs of backticks, blank lines (with spaces or a tab) and words: where code spans open, close and
# stop at a paragraph's end.
CODE_SPAN_PIECES = st.sampled_from(["`", "``", "```", "x", "ab", " ", "\t", "\n", "\n\n", "\n \n",
                                    "\n\t\n", "\n  ", "[a](b)", "\u00e9", "\r"])


@settings(max_examples=2000, deadline=None)
@given(st.lists(CODE_SPAN_PIECES, max_size=40).map("".join))
def test_code_spans_split_out_as_one_at_a_time(text):
    # _blank_code_spans finds in one split what _mask_inline finds one backtick run at a time.
    from handbook.markdown import blocks
    assert blocks._blank_code_spans(text) == blocks._mask_inline(text, blocks.BACKTICKS.search)


@pytest.mark.parametrize("text", [
    "```x` y", "`` a ` b `` c", "`a\n\n`b`", "`a\n \n b` `c`", "x `a\nb` y", "``a`", "a``b`c`",
])
def test_code_spans_split_out_in_tricky_places(text):
    from handbook.markdown import blocks
    assert blocks._blank_code_spans(text) == blocks._mask_inline(text, blocks.BACKTICKS.search)
