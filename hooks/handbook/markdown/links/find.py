"""Finding links: every link, image, reference definition and raw-HTML URL in a page's Markdown,
outside code and comments, with its line and the offsets of its URL."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from markdown.inlinepatterns import LINK_RE, LinkInlineProcessor

from handbook.markdown.blocks import BLANK_LINE, LINK_TEXT, mask_code

LinkKind = Literal["link", "image", "html-link", "html-image", "reference"]
HTML_KINDS = frozenset({"html-link", "html-image"})  # URLs in raw HTML, which MkDocs leaves alone

# `[text](`; a `!` just before it makes it `![alt](`. Without the `!` the pattern starts with a
# literal `[`, which the regex engine skips to instead of trying every offset.
LINK_OPEN = re.compile(LINK_TEXT + r"\(")
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
REFERENCE_MARK = re.compile(r"\]:")
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
    # HTML_URL needs a `<`; most pages have none, which one fast scan tells.
    has_html = "<" in text and ("href" in text or "src" in text or "HREF" in text or "SRC" in text)
    inline = "](" in text
    # `]:` is rare, but `]` is not: the regex engine rules it out some three times as fast as `in`.
    references = REFERENCE_MARK.search(text) is not None
    if not inline and not references and not has_html:
        return []
    masked = mask_code(text)
    found: list[tuple[int, int, LinkKind]] = []
    if inline and "](" in masked:
        found += _inline_links(masked)
    if references and "]:" in masked:
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



def _inline_links(masked: str) -> list[tuple[int, int, LinkKind]]:
    """`[text](url)` and `![alt](url)`, including those nested in another link's text.

    As in Python-Markdown, an image inside a link's text is an image, but a link inside a link's
    text, anything inside an image's alt text and anything inside a URL is only text.
    """
    found: list[tuple[int, int, LinkKind]] = []
    containers: list[tuple[int, str]] = []  # (end of the text, kind) of the links around `pos`
    urls: list[tuple[int, int]] = []  # from `](` to `)` of the links found, while still ahead
    urls_end = 0  # where the last of them ends
    # Where the paragraph around `pos` ends (a URL cannot run past it), found once per paragraph.
    blank_at, length = -1, len(masked)
    pos = 0
    # Written as plain loops, not any() over generators, and with the paragraph's end and the
    # plain URL's offsets worked out here rather than in calls: this runs for every link of every
    # page.
    while match := LINK_OPEN.search(masked, pos):
        # The first `[text](` or `![alt](` at or after pos: the `!` counts only from pos on.
        start, opening_end = match.regs[0]  # its span, with no call
        image = start > pos and masked[start - 1] == "!"
        pos = start + 1
        text = masked[pos:opening_end - 2]
        start -= image
        text_end = opening_end - 2  # the `]` before `(`
        if "\n" in text and BLANK_LINE.search(masked, start, text_end):
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
        # A plain URL on the line of its `(` cannot reach the paragraph's end: it is found
        # without looking for that end (the longest URL is the only limit that can apply).
        plain = PLAIN_DESTINATION.match(masked, opening_end - 1, opening_end + LONGEST_DESTINATION)
        # (whole match, URL): Match.regs holds the spans of every group, with no call each.
        if plain and "\n" not in masked[opening_end:plain.regs[0][1]]:
            (_, close), (url_start, url_end) = plain.regs
        else:
            if blank_at < opening_end:
                blank = BLANK_LINE.search(masked, opening_end)
                blank_at = blank.start() if blank else length
            limit = blank_at + 1 if blank_at < length else length
            if limit > opening_end + LONGEST_DESTINATION:
                limit = opening_end + LONGEST_DESTINATION
            destination = _destination(masked, opening_end - 1, limit)
            if destination is None:
                continue
            url_start, url_end, close = destination
        found.append((url_start, url_end, kind))
        if "[" not in text:
            # Nothing can start inside this link's text, and whatever starts in its URL is only
            # text: the search goes on after the URL, and nothing need be remembered of it.
            pos = close
            continue
        containers.append((text_end, kind))
        urls.append((text_end, close))
        if close > urls_end:
            urls_end = close
    return found


class _LinkReader(LinkInlineProcessor):
    """Python-Markdown's own reading of a link's `(url "title")`. Its placeholder stash is left
    out: the text read here is the page's own, never Markdown's intermediate form."""

    def unescape(self, text: str) -> str:
        return text


_READER = _LinkReader(LINK_RE)  # holds no state between calls


def _destination(s: str, index: int, limit: int) -> tuple[int, int, int] | None:
    """(start, end) of the URL of the `(url "title")` opening at `s[index]`, and the end of the
    `(...)`; None if it never closes.

    Python-Markdown's `LinkInlineProcessor.getLink` reads it, so a URL is read exactly as MkDocs
    reads it: spaces allowed, parentheses counted, and a quote starts a title only if it closes
    just before the last parenthesis.
    """
    match = PLAIN_DESTINATION.match(s, index, limit)
    if match:
        return *match.span(1), match.end()
    if s.find(")", index, limit) == -1:
        return None
    window = s[index:limit]
    href, _, end, handled = _READER.getLink(window, 0)
    if not handled:
        return None
    opening = _READER.RE_LINK.match(window)  # `(` and spaces, or `(<`: always matches at `(`
    first = opening.start(1) + 1 if opening.group(1) else opening.end()
    first += len(window) - first - len(window[first:].lstrip())
    if window[first:first + len(href)] != href:
        return None  # cannot happen: getLink returns the URL as written, stripped
    return index + first, index + first + len(href), index + end
