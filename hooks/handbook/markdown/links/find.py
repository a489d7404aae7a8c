"""Finding links: every link, image, reference definition and raw-HTML URL in a page's Markdown,
outside code and comments, with its line and the offsets of its URL."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from handbook.markdown.blocks import BLANK_LINE, LINK_TEXT, Paragraphs, mask_code

LinkKind = Literal["link", "image", "html-link", "html-image", "reference"]

# `[text](` or `![alt](`.
LINK_OPEN = re.compile(r"(!?)" + LINK_TEXT + r"\(")
ANGLE_DESTINATION = re.compile(r"""\(\s*(?:(<[^<>]*>)\s*(?:('[^']*'|"[^"]*")\s*)?\))?""")
# Most URLs have no space, quote or parenthesis, and need none of Python-Markdown's title rules.
PLAIN_DESTINATION = re.compile(r"\(\s*([^\s()<>\"']*)\s*\)")
# How far a URL with its title may reach: longer than any real one, short enough that a page of
# unclosed `[a](` cannot make the search quadratic.
LONGEST_DESTINATION = 2048
# Python-Markdown's reference definition, also accepted after a list marker or quote mark and at any
# indentation (admonition bodies are indented); `[^1]:` is a footnote, not a link.
REFERENCE_DEFINITION = re.compile(
    r"^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?\[(?!\^)[^\[\]\n]+\]:[ \t]*(?:\n[ \t]*)?(\S+)"
    r"[ \t]*(?:\n[ \t]*)?(?:([\"']).*\2[ \t]*|\(.*\)[ \t]*)?$",
    re.MULTILINE)
HTML_URL = re.compile(
    r"<(?:(a)\b[^<>]*?\shref|(img)\b[^<>]*?\ssrc)\s*=\s*"
    r"(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+))",
    re.IGNORECASE)


@dataclass(frozen=True)
class Link:
    """One link, image or reference definition; `start:end` is its URL in the page's text."""

    line: int  # the 1-based line of the URL, with the caller's first_line applied
    start: int
    end: int
    url: str  # as written, without angle brackets
    kind: LinkKind


def find_links(text: str, first_line: int = 1) -> list[Link]:
    """Every link, image and reference definition outside code and comments, in text order."""
    has_html = "href" in text or "src" in text or "HREF" in text or "SRC" in text
    if "](" not in text and "]:" not in text and not has_html:
        return []
    masked = mask_code(text)
    found: list[tuple[int, int, LinkKind]] = []
    if "](" in masked:
        found += _inline_links(masked)
    if "]:" in masked:
        for match in REFERENCE_DEFINITION.finditer(masked):
            start, end = match.span(1)
            while start < end and text[start] == "<":
                start += 1
            while end > start and text[end - 1] == ">":
                end -= 1
            found.append((start, end, "reference"))
    if has_html:
        for match in HTML_URL.finditer(masked):
            group = next(g for g in (3, 4, 5) if match.group(g) is not None)
            found.append((*match.span(group), "html-link" if match.group(1) else "html-image"))
    found.sort()
    links = []
    line, counted = first_line, 0
    for start, end, kind in found:
        if end <= start:
            continue  # an empty URL links the page to itself; nothing to check or rewrite
        line += text.count("\n", counted, start)
        counted = start
        links.append(Link(line, start, end, text[start:end], kind))
    return links



def _inline_links(masked: str) -> Iterator[tuple[int, int, LinkKind]]:
    """`[text](url)` and `![alt](url)`, including those nested in another link's text.

    As in Python-Markdown, an image inside a link's text is an image, but a link inside a link's
    text, anything inside an image's alt text and anything inside a URL is only text.
    """
    containers: list[tuple[int, str]] = []  # (end of the text, kind) of the links around `pos`
    urls: list[tuple[int, int]] = []  # from `](` to `)` of the links found, while still ahead
    paragraphs = Paragraphs(masked)
    pos = 0
    while match := LINK_OPEN.search(masked, pos):
        start = match.start()
        pos = start + 1 + len(match.group(1))
        text_end = match.end(2)
        if BLANK_LINE.search(masked, start, text_end):
            continue
        kind = "image" if match.group(1) else "link"
        while containers and containers[-1][0] <= start:
            containers.pop()
        urls = [(a, b) for a, b in urls if b > start]
        if any(outer == "image" or kind == "link" for _, outer in containers) or any(
                a <= start for a, _ in urls):
            continue
        limit = min(paragraphs.end(match.end()), match.end() + LONGEST_DESTINATION)
        destination = _destination(masked, match.end() - 1, limit)
        if destination is None:
            continue
        containers.append((text_end, kind))
        urls.append((text_end, destination[2]))
        yield destination[0], destination[1], kind


def _destination(s: str, index: int, limit: int) -> tuple[int, int, int] | None:
    """(start, end) of the URL of the `(url "title")` opening at `s[index]`, and the end of the
    `(...)`; None if it never closes.

    A port of Python-Markdown's `LinkInlineProcessor.getLink`, so a URL is read exactly as MkDocs
    reads it: spaces allowed, parentheses counted, and a quote starts a title only if it closes just
    before the last parenthesis.
    """
    match = PLAIN_DESTINATION.match(s, index, limit)
    if match:
        return *match.span(1), match.end()
    if s.find(")", index, limit) == -1:
        return None
    match = ANGLE_DESTINATION.match(s, index, limit)
    if match is None:
        return None
    if match.group(1):
        return *_strip_span(s, match.start(1) + 1, match.end(1) - 1), match.end()
    start = index = match.end()
    bracket_count = backtrack_count = 1
    last_bracket = -1
    title_quote = alt_quote = None
    start_quote = exit_quote = start_alt_quote = exit_alt_quote = -1
    ignore_matches = False
    last = ""
    href_end = -1
    for pos in range(index, limit):
        c = s[pos]
        if c == "(":
            if not ignore_matches:
                bracket_count += 1
            elif backtrack_count > 0:
                backtrack_count -= 1
        elif c == ")":
            if ((exit_quote != -1 and title_quote == last)
                    or (exit_alt_quote != -1 and alt_quote == last)):
                bracket_count = 0
            elif not ignore_matches:
                bracket_count -= 1
            elif backtrack_count > 0:
                backtrack_count -= 1
                if backtrack_count == 0:
                    last_bracket = index + 1
        elif c in "'\"":
            if not title_quote:
                ignore_matches = True
                backtrack_count = bracket_count
                bracket_count = 1
                start_quote = index + 1
                title_quote = c
            elif c != title_quote and not alt_quote:
                start_alt_quote = index + 1
                alt_quote = c
            elif c == title_quote:
                exit_quote = index + 1
            elif alt_quote and c == alt_quote:
                exit_alt_quote = index + 1
        index += 1
        if bracket_count == 0:
            if exit_quote >= 0 and title_quote == last:
                href_end = start_quote - 1
            elif exit_alt_quote >= 0 and alt_quote == last:
                href_end = start_alt_quote - 1
            else:
                href_end = index - 1
            break
        if c != " ":
            last = c
    if bracket_count != 0 and backtrack_count == 0:
        href_end, bracket_count, index = last_bracket - 1, 0, last_bracket
    if bracket_count != 0:
        return None
    return *_strip_span(s, start, href_end), index


def _strip_span(s: str, start: int, end: int) -> tuple[int, int]:
    while start < end and s[start].isspace():
        start += 1
    while end > start and s[end - 1].isspace():
        end -= 1
    return start, end

