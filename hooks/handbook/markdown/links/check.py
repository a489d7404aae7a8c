"""Checking a page's links: the broken ones as problems, and the repairs for links that work only
once rewritten (site-root, extensionless, `.html`, folder, old permalink)."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from html import unescape as unescape_html

from handbook.markdown.links.find import HTML_KINDS, Link, find_links
from handbook.markdown.links.messages import broken_link_message
from handbook.markdown.links.resolve import NO_PERMALINKS, PLAIN_PAGE_LINK, resolve, split_url
from handbook.markdown.links.urls import relative_link, relative_url
from handbook.pages.address import from_page
from handbook.problems import Problem

MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()>#+\-.!])")


def rewrite(text: str, replacements: Sequence[tuple[Link, str]]) -> str:
    """The text with each link's URL replaced; everything around the URLs is kept byte for byte."""
    pieces, last = [], 0
    for link, url in sorted(replacements, key=lambda pair: pair[0].start):
        if link.start < last or link.end > len(text):
            raise ValueError(f"the link at offset {link.start} overlaps another or is past the end")
        pieces += [text[last:link.start], url]
        last = link.end
    return "".join(pieces) + text[last:]


def check_links(path: str, text: str, first_line: int, pages: Collection[str],
                assets: Collection[str], permalinks: Mapping[str, str] = NO_PERMALINKS,
                use_directory_urls: bool = True, *, for_markdown_output: bool = True,
                ) -> tuple[list[Problem], list[tuple[Link, str]]]:
    """Broken internal links on one page, and the repairs for links that work only once rewritten.

    A link that resolves in a form MkDocs does not follow (site-root, extensionless, `.html`,
    folder, old permalink; for raw HTML anything but the built address) gets a replacement: a
    relative `.md`/asset link for Markdown, the built address for raw HTML. With
    `for_markdown_output=False` (text that will not pass through MkDocs' Markdown) every internal
    link gets its built address. Anchors and external links are not checked.
    """
    problems: list[Problem] = []
    replacements: list[tuple[Link, str]] = []
    for link in find_links(text, first_line):
        is_html = link.kind in HTML_KINDS
        url = link.url
        # resolve()'s first rule, asked here: a plain relative link to a page that exists (most
        # links) needs nothing, and is passed without resolve's call and answer.
        if (for_markdown_output and not is_html and PLAIN_PAGE_LINK.fullmatch(url)
                and from_page(path, url) in pages):
            continue
        if "\\" in url or "&" in url:  # most URLs have neither: no call to _unescape
            url = _unescape(url, is_html)
        target = resolve(url, path, pages, assets, permalinks, html=is_html,
                         use_directory_urls=use_directory_urls)
        if target.kind in ("external", "anchor"):
            continue
        if target.kind in ("missing", "outside"):
            problems.append(Problem(path, link.line, broken_link_message(
                link, url, target, path, pages, assets, use_directory_urls), "warning"))
            continue
        if target.form == "relative" and (for_markdown_output or is_html):
            continue
        _, query, _ = split_url(url)
        suffix = ("?" + query if query else "") + target.fragment
        if is_html or not for_markdown_output:
            new = relative_url(target.path, path, use_directory_urls) + suffix
        else:
            new = relative_link(target.path, path) + suffix
        if new != link.url:
            replacements.append((link, new))
    return problems, replacements


def _unescape(url: str, is_html: bool) -> str:
    if is_html:
        return unescape_html(url) if "&" in url else url
    return MARKDOWN_ESCAPE.sub(r"\1", url) if "\\" in url else url


