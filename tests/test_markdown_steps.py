"""The project's steps on the parsed page that are left out of a page which cannot need them (the
callouts, kramdown's attribute lists on quotes and `no_toc`, the search for literal emoji): on any
page, leaving them out changes nothing. The reference is the same conversion with every step in."""

from __future__ import annotations

from contextlib import ExitStack
from unittest import mock

import markdown
from hypothesis import example, given, settings
from hypothesis import strategies as st

from handbook.markdown import emoji_headings, kramdown
from handbook.markdown.callouts import MayHaveCallouts
from handbook.markdown.emoji import gemoji_index, slugify
from handbook.markdown.emoji_headings import SourceText

# mkdocs.yml's extensions that these steps meet, in its order. A callout title with an emoji is the
# site's own text, which the page's text does not show.
EXTENSIONS = ["toc", "attr_list", "handbook.markdown.kramdown", "handbook.markdown.callouts",
              "md_in_html", "admonition", "abbr", "pymdownx.emoji",
              "handbook.markdown.emoji_headings"]
OPTIONS = {
    "toc": {"permalink": True, "slugify": slugify},
    "handbook.markdown.callouts": {"callouts": {"note": ("\U0001F4DD Note", "purple"),
                                                "warning": ("Warning", "red"),
                                                "highlight": (None, "yellow")}},
    "pymdownx.emoji": {"emoji_index": gemoji_index, "emoji_generator": emoji_headings.to_span},
}
PIECES = [
    "> A quote.", "> A quote.\n> {: .note }", "{: .note }\n> A quote.", "{: .warning-title }\n> Title\n>\n> Body",
    "{.note}\n> A quote.", "{: .highlight }\nA paragraph.", "A paragraph.\n{: .note }",
    '<blockquote class="note" markdown="1">\nInside.\n</blockquote>',
    "<p class='warning' markdown>Raw.</p>", "## Left out {: .no_toc }", "## Kept",
    "### Also left out\n{: .no_toc }", "## Tight {:.no_toc}", "> A quote.\n>\n> {.note}",
    '<h2 class="no_toc" markdown="1">Raw heading</h2>', "[TOC]", "1. TOC\n{:toc}", "A first-class paragraph.",
    "## :dart: Goals", "## \U0001F3AF Goals", "Text with \U0001F680 in it.", "Caf\u00e9 au lait.",
    "[:dart: Link](x.md)", "*[TOC]: Table of contents",
]


def _every_step_in() -> ExitStack:
    """Patches under which every step is added to every page, and every page is searched for
    literal emoji: the steps as they were before any was left out."""
    # Each step added as the code adds it (its name and place), asked with a text that passes
    # every test of what a page can need.
    run_callouts = MayHaveCallouts.run
    add_kramdown_steps = kramdown._add_tree_steps

    def add_callouts(self, lines):
        run_callouts(self, ["{ class"])
        return lines

    def add_every_kramdown_step(md, text):
        add_kramdown_steps(md, "{ no_toc")

    def search_everything(self, lines):  # not through SourceText's own test, which is under test
        self.headings.literal_emoji_possible = True
        return lines

    stack = ExitStack()
    stack.enter_context(mock.patch.object(MayHaveCallouts, "run", add_callouts))
    stack.enter_context(mock.patch.object(kramdown, "_add_tree_steps", add_every_kramdown_step))
    stack.enter_context(mock.patch.object(SourceText, "run", search_everything))
    return stack


def _html(source: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs=OPTIONS).convert(source)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=6),
       st.sampled_from(["\n\n", "\n"]))
@example(["<p class='warning' markdown>Raw.</p>"], "\n\n")
@example(["{: .note }\n> A quote."], "\n\n")
@example(["## Left out {: .no_toc }", "[TOC]"], "\n\n")
@example(["## Tight {:.no_toc}", "[TOC]"], "\n\n")
@example(["> A quote.\n>\n> {.note}"], "\n\n")
def test_leaving_out_the_steps_a_page_cannot_need_changes_nothing(pieces, joint):
    source = joint.join(pieces)
    with _every_step_in():
        expected = _html(source)
    assert _html(source) == expected


def test_a_callout_title_from_the_settings_has_its_emoji_drawn():
    # The page is all ASCII, so its text holds no literal emoji; the title the site gives the
    # callout does, and is wrapped as the page's own emoji are.
    html = _html("{: .note }\n> A quote.")
    assert '<span class="emoji" data-twemoji="1f4dd">\U0001F4DD</span> Note' in html


def test_a_page_without_the_syntax_gets_none_of_the_steps():
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=OPTIONS)
    md.convert("## :dart: Goals\n\nPlain text, [a link](x.md) and a table-free life.")
    for step in ("jtd_callouts", "kramdown_quote_attributes", "kramdown_no_toc"):
        assert step not in md.treeprocessors
    assert md.treeprocessors["handbook_emoji_headings"].literal_emoji_possible is True  # reset
