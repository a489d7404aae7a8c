"""The one reader of Markdown's block structure (handbook.markdown.blocks), against the renderer the
build uses: Python-Markdown with pymdownx.superfences decides what is code and what is a heading."""

from __future__ import annotations

import re
from html import unescape

import markdown
import pytest
from handbook.markdown.blocks import code_lines, code_spans, fenced_code, headings, mask_code
from hypothesis import example, given, settings
from markdown.inlinepatterns import BACKTICK_RE, BacktickInlineProcessor
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
    [(start, end)] = code_spans(written)
    assert (start, end) == (0, len(written))
    html = markdown.markdown(written)
    assert f"<code>{code}</code>" in html


def test_masking_keeps_offsets_and_blanks_code_comments_and_escapes():
    text = "a `[x](y)` b <!-- [c](d) --> \\[e](f)\n```\n[g](h)\n```\n"
    masked = mask_code(text)
    assert len(masked) == len(text) and masked.count("\n") == text.count("\n")
    assert "[x]" not in masked and "[c]" not in masked and "[g]" not in masked
    assert "\\[" not in masked and "](f)" in masked


def python_markdown_code_spans(text: str) -> list[tuple[int, int]]:
    """The code spans Python-Markdown finds in one paragraph's text: its own
    BacktickInlineProcessor.find_code_spans from each run of backticks in turn, the offsets
    its handleMatch replaces."""
    finder = BacktickInlineProcessor(BACKTICK_RE)
    found, pos = [], 0
    while (begin := text.find("`", pos)) != -1:
        start, end = finder.find_code_spans(begin, text)
        if end is None:
            pos = start  # past the run: it opens nothing
        else:
            pos = end + (start - begin)
            found.append((begin, pos))
    return found


# Runs of backticks and words in one paragraph: where code spans open and close.
RUN_PIECES = st.sampled_from(["`", "``", "```", "````", "x", "ab", " ", "\n", "\t", "[a](b)", "\u00e9"])


@settings(max_examples=3000, deadline=None)
@given(st.lists(RUN_PIECES, max_size=40).map("".join)
       .filter(lambda text: not re.search(r"\n[ \t]*\n", text)))  # one paragraph
@example("``a`````b`")  # a longer run later: the `` opens nothing
@example("```x`")  # the longest shorter run closes it
@example("`` a ``` b ` c")
@example("``a `b`")  # past the unclosed run by its length: the `b` opens nothing
def test_code_spans_close_where_python_markdown_closes_them(text):
    assert code_spans(text) == python_markdown_code_spans(text)


def _spans_by_paragraph(text: str) -> list[tuple[int, int]]:
    """Python-Markdown's code spans of each paragraph of `text`, at their offsets in `text`."""
    spans, offset = [], 0
    for paragraph in re.split(r"(\n[ \t]*\n)", text):
        spans += [(offset + start, offset + end)
                  for start, end in python_markdown_code_spans(paragraph)]
        offset += len(paragraph)
    return spans


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["`", "``", "```", "\\", "\\`", "\\\\", "<!--", "-->", "<!-->",
                                 "<", "!", "-", "*", "[a](b)", "x", " ", "\n", "\n\n", "~~~"]),
                max_size=40).map("".join))
def test_masking_blanks_what_python_markdown_reads_as_code(text):
    from handbook.markdown import blocks
    # Each paragraph's code spans (outside escapes and comments) are blanked where
    # Python-Markdown's own finder puts them; escapes and comments as before.
    masked = mask_code(text)
    assert len(masked) == len(text) and masked.count("\n") == text.count("\n")
    if "\\" in text or "<" in text or "~~~" in text or "```" in text:
        return
    assert masked == blocks.blank(text, _spans_by_paragraph(text))


@pytest.mark.parametrize("runs", [300, 3000])
def test_many_runs_that_close_nothing_cost_their_number(runs):
    # Runs of every length up to `runs` in one paragraph, none closing another: a regex would try
    # each run at each of its lengths against the rest of the paragraph (minutes at 300 runs).
    text = " ".join("`" * n for n in range(1, runs))
    assert code_spans(text) == [] and mask_code(text) == text


# Code spans as pages write them, most closed by the next run of backticks, with the odd run that
# closes nothing, a longer or shorter run, or a blank line inside.
SPAN_PIECES = st.sampled_from(["`x`", "``a ` b``", "`[a](b)`", "`a\nb`", "`a\n\nb`", "``a\n \tb``",
                               "`", "``", "```", "x", "[a](b)", " ", "\n", "\n\n", "\u00e9"])


@settings(max_examples=3000, deadline=None)
@given(st.lists(SPAN_PIECES, max_size=30).map("".join))
@example("`a` b `c`")
@example("`a\n\nb`")
@example("`a`` b ``c`")
def test_paired_code_spans_are_masked_as_by_the_whole_reader(text):
    from handbook.markdown import blocks

    # The one-split reading of texts whose spans each close at the next run answers as the run
    # by run reader does, and as Python-Markdown reads each paragraph's spans; other texts are
    # left to the run by run reader.
    masked = blocks.mask_paired_code_spans(text)
    if masked is None:
        return
    assert masked == blocks.mask_inline(text)
    assert masked == blocks.blank(text, _spans_by_paragraph(text))
