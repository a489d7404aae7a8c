"""The kramdown extension, checked on the HTML Python-Markdown renders with and without it."""

from __future__ import annotations

import textwrap
from pathlib import Path

import markdown
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from handbook.markdown.kramdown import KramdownPreprocessor, kramdown_to_markdown
from handbook.markdown.kramdown_layout import may_move, nested_markdown, reindent_lists, reindented

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "jekyll"
BASE = ["attr_list", "toc", "md_in_html", "admonition"]
EXTENSIONS = [*BASE, "handbook.markdown.kramdown"]
# As in mkdocs.yml, where fences are pymdownx.superfences.
WITH_FENCES = [*EXTENSIONS, "tables", "pymdownx.superfences"]


def render(source: str, extensions: list[str] = EXTENSIONS) -> str:
    return markdown.Markdown(extensions=extensions).convert(textwrap.dedent(source).strip("\n"))


def assert_no_kramdown(html: str) -> None:
    assert "{:" not in html, html


# --- What attr_list leaves as text ---------------------------------------------------------------

def test_ial_after_heading_moves_onto_it():
    html = render("""
        ## Outcomes
        {: .no_toc }

        Text.
        """)
    assert html == '<h2 class="no_toc" id="outcomes">Outcomes</h2>\n<p>Text.</p>'


def test_ial_after_heading_joins_the_heading_own_list():
    assert render("## Outcomes {: .a }\n{: .b #out }") == '<h2 class="a b" id="out">Outcomes</h2>'


def test_ial_after_setext_heading():
    assert render("Outcomes\n========\n{: .x }").startswith('<h1 class="x" id="outcomes">')


def test_ial_before_paragraph_applies_to_it():
    html = render("""
        Intro.

        {: .note }
        Book interviews before the planning cycle,
        not during it.

        After.
        """)
    assert html == (
        "<p>Intro.</p>\n"
        '<p class="note">Book interviews before the planning cycle,\nnot during it.</p>\n'
        "<p>After.</p>"
    )


def test_ial_before_and_after_a_paragraph_combine():
    assert render("{: .note }\nText\n{: .wide }") == '<p class="note wide">Text</p>'


def test_ial_before_heading_applies_to_it():
    assert render("{: .x }\n## Cadence") == '<h2 class="x" id="cadence">Cadence</h2>'
    assert render("{: .x }\nCadence\n-------") == '<h2 class="x" id="cadence">Cadence</h2>'


def test_toc_idiom_becomes_the_toc_marker():
    html = render("""
        # Roadmaps

        ## Table of contents
        {: .no_toc .text-delta }

        1. TOC
        {:toc}

        ## Outcomes

        ## Cadence
        """)
    assert '<h2 class="no_toc text-delta" id="table-of-contents">' in html
    assert '<div class="toc">' in html and '<a href="#cadence">Cadence</a>' in html
    assert "<ol>" not in html
    assert_no_kramdown(html)


@pytest.mark.parametrize("item", ["1. TOC", "* TOC", "- TOC"])
def test_toc_idiom_forms(item):
    html = render(f"# Page\n\n{item}\n{{:toc}}\n\n## Part")
    assert '<div class="toc">' in html and "TOC" not in html


def test_toc_idiom_in_just_the_docs_collapsible():
    html = render("""
        <details open markdown="block">
          <summary>
            Table of contents
          </summary>
          {: .text-delta }
        1. TOC
        {:toc}
        </details>

        ## Outcomes
        """)
    assert '<div class="toc">' in html
    assert_no_kramdown(html)


def test_attribute_list_definitions_are_resolved_and_removed():
    html = render("""
        {:risky: .warning #risks}

        A brief that hides open questions.
        {: risky }

        Another paragraph.
        {: unknown .plain }
        """)
    assert html == (
        '<p class="warning" id="risks">A brief that hides open questions.</p>\n'
        '<p class="plain">Another paragraph.</p>'
    )


def test_definition_inside_a_paragraph_does_not_split_it():
    assert render("Line one\n{:ref: .x}\nLine two") == "<p>Line one\nLine two</p>"


def test_span_ial_referencing_a_definition():
    html = render("{:button: .btn .btn-primary}\n\n[Next](okrs.md){: button }")
    assert html == '<p><a class="btn btn-primary" href="okrs.md">Next</a></p>'


def test_comment_blocks_are_removed():
    html = render("""
        Before.

        {::comment}
        A note to editors.

        Still hidden.
        {:/comment}

        After {::comment}not this{:/comment}with this.
        """)
    assert html == "<p>Before.</p>\n<p>After with this.</p>"


def test_comment_inside_a_paragraph_keeps_it_whole():
    assert render("Line one\n{::comment}\nhidden\n{:/}\nLine two") == "<p>Line one\nLine two</p>"


def test_options_and_stray_stop_tags_are_removed():
    html = render('{::options parse_block_html="true" /}\n\nText\n\n{:/}\n\n'
                  'More {::options a="b" /}')
    assert html == "<p>Text</p>\n<p>More </p>"


def test_nomarkdown_keeps_its_content():
    html = render("""
        {::nomarkdown}
        <p class="kr-example">Objective: new teams get value on day one.</p>
        {:/nomarkdown}

        A {::nomarkdown}<b>bold</b>{:/} word.
        """)
    assert '<p class="kr-example">Objective: new teams get value on day one.</p>' in html
    assert "<p>A <b>bold</b> word.</p>" in html
    assert_no_kramdown(html)


def test_standalone_ial_is_dropped_as_kramdown_drops_it():
    assert render("Para one.\n\n{: .note }\n\nPara two.") == "<p>Para one.</p>\n<p>Para two.</p>"
    assert render("- one\n- two\n\n{: .checklist }") == "<ul>\n<li>one</li>\n<li>two</li>\n</ul>"
    assert render("Para\n\n---\n{: .x }") == "<p>Para</p>\n<hr />"
    assert render("{: .x }\n- a\n- b") == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"


def test_ial_right_after_a_table_does_not_become_a_row():
    html = render("| a | b |\n|---|---|\n| 1 | 2 |\n{: .wide }\nText", [*EXTENSIONS, "tables"])
    assert html.count("<tr>") == 2 and html.endswith("<p>Text</p>")


def test_ial_after_code_is_dropped():
    assert render("Text\n\n    code\n{: .lang }") == "<p>Text</p>\n<pre><code>code\n</code></pre>"
    html = render("```\ncode\n```\n{: .lang }\n\nAfter", WITH_FENCES)
    assert html.endswith("<p>After</p>") and "{:" not in html


def test_ial_between_two_lines_ends_the_paragraph_as_in_kramdown():
    html = render("Line one\n{: .note }\nLine two")
    assert html == '<p class="note">Line one</p>\n<p>Line two</p>'


def test_ial_after_list_is_left_to_attr_list_and_after_a_quote_classes_the_quote():
    assert render("- one\n- two\n{: .x }") == '<ul>\n<li>one</li>\n<li class="x">two</li>\n</ul>'
    assert render("> quoted\n{: .q }") == '<blockquote class="q">\n<p>quoted</p>\n</blockquote>'
    assert render("{: .q }\n> quoted") == '<blockquote class="q">\n<p>quoted</p>\n</blockquote>'
    assert render("{: .q }\n> quoted\n\nAfter.") == ('<blockquote class="q">\n<p>quoted</p>\n'
                                                     '</blockquote>\n<p>After.</p>')


# --- What attr_list already handles keeps working -------------------------------------------------

@pytest.mark.parametrize("ial", ["{:.photocredit}", "{: .photocredit}", "{: .photocredit }"])
def test_image_with_ial_on_the_same_line(ial):
    html = render(f"![A planning board](/assets/images/board.png){ial}")
    assert html == ('<p><img alt="A planning board" class="photocredit" '
                    'src="/assets/images/board.png" /></p>')


@pytest.mark.parametrize("ial", ["{:.photocredit}", "{: .photocredit }"])
def test_image_with_ial_on_the_next_line_styles_its_paragraph(ial):
    # kramdown and attr_list agree: a block IAL after a paragraph belongs to the paragraph.
    html = render(f"![A planning board](/assets/images/board.png)\n{ial}")
    assert html == ('<p class="photocredit"><img alt="A planning board" '
                    'src="/assets/images/board.png" /></p>')


def test_html_image_with_ial_on_the_next_line():
    html = render('<img src="/assets/images/map.png" alt="Stakeholder map">\n{: .photocredit }')
    assert html == ('<p class="photocredit">'
                    '<img src="/assets/images/map.png" alt="Stakeholder map"></p>')


def test_button_links():
    html = render("[Next: Roadmaps](roadmaps){: .btn .btn-primary }")
    assert html == '<p><a class="btn btn-primary" href="roadmaps">Next: Roadmaps</a></p>'


def test_ial_after_a_paragraph_is_untouched():
    source = "Text\n{: .note }"
    assert render(source) == render(source, BASE) == '<p class="note">Text</p>'


def test_text_then_ial_on_one_line_stays_text_as_in_kramdown():
    # kramdown warns "Found span IAL after text - ignoring it" and prints it; so does attr_list.
    assert render("A paragraph. {: .note }") == "<p>A paragraph. {: .note }</p>"


# --- Code and pages without kramdown are left alone ----------------------------------------------

def test_fenced_code_is_untouched():
    source = """
        ```text
        {: .note }
        Text
        1. TOC
        {:toc}
        {::comment}
        ```

        ~~~
        {:ref: .x}
        ~~~

        !!! note
            ```
            {: .inside }
            ```
        """
    html = render(source, WITH_FENCES)
    for kept in ("{: .note }\nText\n1. TOC\n{:toc}\n{::comment}", "{:ref: .x}", "{: .inside }"):
        assert kept in html


def test_code_spans_are_untouched():
    html = render("Write `{: .note }` or `{::comment}x{:/comment}` before a paragraph.")
    assert "<code>{: .note }</code>" in html and "<code>{::comment}x{:/comment}</code>" in html


def test_preprocessor_returns_pages_without_kramdown_as_they_are():
    lines = ["# Title", "", "Text with {braces} and a {.class} list."]
    assert KramdownPreprocessor(markdown.Markdown()).run(lines) is lines


def test_handbook_pages_render_identically():
    pages = sorted((ROOT / "docs").rglob("*.md"))
    assert pages
    for path in pages:
        text = path.read_text(encoding="utf-8")
        if "{:" in text:
            continue
        assert render(text, WITH_FENCES) == render(text, [*BASE, "tables", "pymdownx.superfences"])


def test_line_count_is_kept_where_practical():
    lines = textwrap.dedent("""
        ## Outcomes
        {: .no_toc }

        {: .note }
        Text
        more text

        1. TOC
        {:toc}

        {:ref: .x}
        {::comment}
        gone
        {:/comment}
        """).strip("\n").split("\n")
    rewritten = kramdown_to_markdown(lines)
    assert len(rewritten) == len(lines)
    assert rewritten[:7] == [
        "## Outcomes {: .no_toc }", "", "", "Text", "more text", "{: .note }", "",
    ]
    assert rewritten[7] == "[TOC]"


# --- The Jekyll fixtures -------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["roadmaps.md", "stakeholder-interviews.md", "writing-a-brief.md",
                                  "okrs.md"])
def test_fixture_pages_render_without_kramdown_syntax(name):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    if text.startswith("---\n"):
        text = text.split("\n---\n", 1)[1]
    html = render(text, WITH_FENCES)
    outside_code = html.split("<code>")[0] + "".join(
        part.split("</code>", 1)[-1] for part in html.split("<code>")[1:]
    )
    assert_no_kramdown(outside_code)


def test_fixture_classes_land_on_the_right_elements():
    roadmaps = (FIXTURES / "roadmaps.md").read_text(encoding="utf-8").split("\n---\n", 1)[1]
    html = render(roadmaps, WITH_FENCES)
    assert 'class="no_toc" id="roadmaps' in html
    assert '<div class="toc">' in html
    assert 'alt="Now, next, later board" class="photocredit"' in html
    assert '<p class="photocredit"><img alt="A team planning session"' in html
    interviews = (FIXTURES / "stakeholder-interviews.md").read_text(encoding="utf-8")
    html = render(interviews.split("\n---\n", 1)[1], WITH_FENCES)
    assert '<p class="note">Book interviews before the planning cycle starts' in html
    assert '<h2 class="no_toc" id="who-to-talk-to">' in html
    brief = render((FIXTURES / "writing-a-brief.md").read_text(encoding="utf-8"), WITH_FENCES)
    assert '<h2 id="contents">What goes in a brief</h2>' in brief
    assert '<p class="warning" id="risks">A naïve brief' in brief
    assert "Draft section" not in brief


# --- kramdown's reading where Python-Markdown's differs (handbook/markdown/kramdown_layout.py) -------

def test_list_nested_by_two_spaces_is_a_nested_list():
    html = render("- One\n  - Two\n  - Three\n- Four")
    assert html == ("<ul>\n<li>One<ul>\n<li>Two</li>\n<li>Three</li>\n</ul>\n</li>\n"
                    "<li>Four</li>\n</ul>")


def test_fence_under_a_numbered_item_stays_in_the_item():
    html = render("1. Start it\n\n   ```\n   make serve\n   ```\n\n2. Open it")
    assert html.startswith("<ol>\n<li>\n<p>Start it</p>\n")
    assert html.count("<li>") == 2 and "make serve" in html.split("<li>")[1]


def test_lists_nested_by_four_spaces_are_left_as_they_are():
    assert reindent_lists(["- One", "    - Two", "", "    More about one.", "- Three"]) is None


# A line as indent, list marker (or not), gap and text, so that items and their nested lines
# turn up often; with characters that are whitespace to str.strip but not to the list pattern.
LAYOUT_LINE = st.tuples(
    st.sampled_from(["", " ", "  ", "   ", "    ", "      ", "\t", " \t", "\u00a0", "\x1c"]),
    st.sampled_from(["", "", "-", "*", "+", "1.", "2)", "10.", "\u0663.", "```", "~~~", "#"]),
    st.sampled_from(["", " ", "  ", "\t", "     "]),
    st.sampled_from(["", "x", "text", "\n", "\r", "\x0c", "\u00a0", "- y", "```"]),
).map("".join)


@settings(max_examples=1000)
@given(st.lists(LAYOUT_LINE, max_size=10))
@example(["- a", "", "  b"])
@example(["\t- a", "", "\t  b"])  # an item indented by a tab
@example(["- a", "\u00a0", "  b"])  # blank to str.strip
@example([" 1. a", "\r", "", "\tb"])
@example(["\u0663. a", "", "   b"])  # a digit past ASCII
def test_the_quick_test_for_list_indentation_misses_no_move(lines):
    """reindented leaves a page alone when may_move finds no list item whose next non-blank
    line is indented: then reindent_lists must move no line either."""
    if not may_move(lines):
        assert reindent_lists(lines) is None


def test_markdown_attribute_inside_raw_html_reads_markdown():
    html = render('<details>\n<summary>Open</summary>\n<div markdown="1">\n\n| A | B |\n|---|---|\n'
                  '| 1 | 2 |\n\n</div>\n</details>', [*EXTENSIONS, "tables"])
    assert "<table>" in html and "|" not in html and "<summary>Open</summary>" in html


KRAMDOWN_LINE = st.one_of(
    LAYOUT_LINE,
    st.sampled_from(["{: .note }", "{:toc}", "1. TOC", "* TOC", "{: .no_toc }", "Text {: #x }",
                     '<div markdown="1">', "<details>", "</details>", "</div>", "```", "~~~",
                     "  - b", "", "> quote", "{:.warning}", "term", ": definition"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(KRAMDOWN_LINE, max_size=12))
@example(["<details>", '<div markdown="1">', "x", "</div>", "</details>"])
@example(["> quote", "{: .note }", "", "- a", "", "  b"])
@example(["  - a", "", "   b"])  # only the first line is indented
@example(["<details>", '<p markdown="1">', "*x*", "</p>", "</details>"])
def test_the_one_preprocessor_runs_the_three_steps_in_order(lines):
    """KramdownPreprocessor joins the page once for its three quick tests; it gives what the three
    steps give one after another, each joining the lines itself."""
    step = kramdown_to_markdown(lines) if "{:" in "\n".join(lines) else lines
    expected = nested_markdown(reindented(step))
    assert KramdownPreprocessor(markdown.Markdown()).run(list(lines)) == expected
