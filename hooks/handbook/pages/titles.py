"""A page's title as a Just the Docs site gets it: `title:` from front matter, else the heading the
page starts with, cleaned as jekyll-titles-from-headings cleans it (GitHub Pages turns it on)."""

from __future__ import annotations

import html
import re

# jekyll-titles-from-headings' TITLE_REGEX: an ATX heading of level 1-3, or a setext heading, at the
# very start of the page (only white space before it).
LEADING_HEADING = re.compile(r"\s*(?:#{1,3}\s+(.*)(?:\s+#{1,3})?|(.*)\r?\n[-=]+\s*)$", re.MULTILINE)
# Liquid's strip_html, then the plugin's own footnote-marker removal.
HIDDEN_HTML = re.compile(r"<script.*?</script>|<!--.*?-->|<style.*?</style>", re.DOTALL | re.I)
TAG = re.compile(r"<.*?>", re.DOTALL)
FOOTNOTE_MARK = re.compile(r"\[\^[^\]]*\]")


def leading_heading_title(body: str) -> str | None:
    """The title jekyll-titles-from-headings gives a page without `title:`, or None: the page
    then has no title, and Just the Docs leaves it out of the nav."""
    match = LEADING_HEADING.match(body)
    if not match:
        return None
    return strip_markup(match.group(1) if match.group(1) is not None else match.group(2))


def strip_markup(text: str) -> str:
    """markdownify | strip_html | normalize_whitespace, as plain text. kramdown's typographic
    quotes and dashes are applied by Python-Markdown's SmartyPants, which makes the same ones."""
    import markdown  # only pages without `title:` need it; the CLI starts faster without it

    rendered = markdown.markdown(text, extensions=["smarty"],
                                 extension_configs={"smarty": {"smart_angled_quotes": True}})
    rendered = TAG.sub("", HIDDEN_HTML.sub("", rendered))
    return FOOTNOTE_MARK.sub("", " ".join(html.unescape(rendered).split()))
