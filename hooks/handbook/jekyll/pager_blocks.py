"""Hand-written prev/next buttons in pages from an older Jekyll site: a paragraph or HTML block of
nothing but direction links ("← Previous | Next →"), which the handbook's footer replaces."""

from __future__ import annotations

import heapq
import html
import re
from dataclasses import dataclass

import ftfy.bad_codecs  # noqa: F401  (registers "sloppy-windows-1252", used for the cue table)

from handbook.markdown.blocks import (
    ATX_START,
    HRULE,
    INLINE_LINK,
    LINK_TEXT,
    LIST_ITEM,
    SETEXT_UNDERLINE,
    TABLE_RULE,
    code_lines,
    may_have_fences,
)
from handbook.pages.frontmatter import FRONT_MATTER


@dataclass(frozen=True)
class PagerBlock:
    """Hand-written prev/next links: 1-based inclusive lines of the page text, and their targets."""

    start_line: int
    end_line: int
    links: tuple[str, ...]


_ARROWS = ("←", "→", "«", "»", "‹", "›", "⬅", "➡", "👈", "👉", "⏮", "⏭", "◀", "▶", "⇐", "⇒",
           "⟵", "⟶")


def _mojibake_forms(chars: tuple[str, ...]) -> tuple[str, ...]:
    """Each character as a page decoded in Windows-1252 shows it, with and without lost bytes."""
    forms = set()
    for char in chars:
        bad = char.encode("utf-8").decode("sloppy-windows-1252")
        forms.add(bad)
        dropped = "".join(c for c in bad if not "\x80" <= c <= "\x9f")
        if len(dropped) >= 2:
            forms.add(dropped)
    return tuple(sorted(forms, key=len, reverse=True))


# Longest first, so "ðŸ‘ˆ" goes before a shorter form could split it.
_ARROW_FORMS = tuple(sorted(set(_ARROWS) | set(_mojibake_forms(_ARROWS)), key=len, reverse=True))
_ARROW_RE = re.compile("|".join(re.escape(form) for form in _ARROW_FORMS) + "|\ufe0f")
_POINTERS = ("👉",)  # a hand pointing on may point at a call to action; one pointing back does not
_DIRECTION_ARROW_RE = re.compile("|".join(
    re.escape(form) for form in _ARROW_FORMS
    if form not in _POINTERS and form not in _mojibake_forms(_POINTERS)))
_ARROW_SHORTCODE = re.compile(
    r":(?:arrow_(?:left|right|backward|forward)|(?:leftwards_arrow|rewind)\w*|fast_forward"
    r"|track_(?:previous|next)|previous_track_button|next_track_button|back|arrow_heading_up):"
)
_SHORTCODE = re.compile(r":[a-z0-9_+-]+:")
_CUE_START = re.compile(r"(?i)^(?:prev|previous|next|back|continue|up)\b")
_CUE_WORD = re.compile(r"(?i)\b(?:prev|previous|next|back|continue|up)\b")
# Words a label may hold besides the cue: "Next up:", "Back to the index", "Continue reading".
_FILLER = re.compile(r"(?i)\b(?:to|the|page|chapter|section|reading|read|go|on|index|top|home)\b")
_SEPARATORS = re.compile(r"[\s|·•/\\\-–—,:;.()\[\]*_~=+]+")
_PAGER_CLASS = re.compile(r"(?i)pager|paginat|page-nav|^prev|^next")

_MD_LINK = re.compile(
    LINK_TEXT  # starts with a literal "[", which `re` finds fast
    + r"(?:\(\s*<?([^)\s>]*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)|\[([^\]]*)\])"
)
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_HTML_LINK = re.compile(r"<a\b([^>]*)>(.*?)</a\s*>", re.IGNORECASE | re.DOTALL)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_CLASS = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_IAL = re.compile(r"\{:?([^{}\n]*)\}")
_TAG = re.compile(r"</?[A-Za-z][^>]*>|<!--.*?-->", re.DOTALL)
_LINK_DEFINITION = re.compile(r"^ {0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s.*)?$")

_HTML_BLOCK_START = re.compile(r"^ {0,3}<(div|p|nav|center|section|footer)\b[^>]*>?", re.IGNORECASE)
# Other block-level HTML: a list or table of links is content, whatever its words.
_OTHER_HTML_BLOCK = re.compile(
    r"^ {0,3}<(?:ul|ol|li|dl|table|details|summary|blockquote|pre|h[1-6]|figure|form)\b",
    re.IGNORECASE,
)
_MAX_HTML_LINES = 40  # an unclosed <div> must not swallow the rest of the page
# Labels and separators between the links ("Previous: · Next:") are a few tokens; prose is more.
_MAX_LABEL_TOKENS = 12


def find_pager_blocks(text: str, first_line: int = 1) -> list[PagerBlock]:
    """Hand-written prev/next blocks: an HTML block or paragraph of nothing but links, at least one
    of them a direction ("Next", "← Back", "👉", class="btn")."""
    if "]" not in text and "<" not in text:
        return []  # no Markdown link, HTML link or autolink: most pages, found in one scan each
    body = 0
    if first_line == 1 and (front := FRONT_MATTER.match(text)):
        body = front.end()
    start = text.count("\n", 0, body) if body else 0
    starts, after_fence = _candidate_starts(text, start)
    opening = text[body:text.find("\n", body) % (len(text) + 1)]
    if len(starts) + len(after_fence) == 1 and not _may_open_pager(opening):
        return []  # no block starts like a pager: a page of prose costs one scan
    lines = text.split("\n")
    code = code_lines(lines) if may_have_fences(text) else frozenset()
    for index in after_fence:  # a block may start right after fenced code
        if index - 1 in code:
            heapq.heappush(starts, index)
    definitions = _link_definitions(lines) if "]:" in text else {}
    blocks: list[PagerBlock] = []
    resume = start  # blocks start at or after this line; earlier candidates are inside a block
    while starts:
        index = heapq.heappop(starts)
        if index < resume or index >= len(lines) or index in code or not lines[index].strip():
            continue
        line = lines[index]
        if (opened := _HTML_BLOCK_START.match(line)):
            end = _html_block_end(lines, index, opened.group(1).lower())
        else:
            end = _paragraph_end(lines, index, code)
            if end is not None and not _may_open_pager(line):
                end = None  # prose: a pager starts with a link, a tag, a label or an arrow
        if end is None:
            continue  # not a candidate (heading, list, table, quote, prose): the next one is later
        links = _pager_links("\n".join(lines[index:end + 1]), definitions)
        if links is not None:
            blocks.append(PagerBlock(first_line + index, first_line + end, links))
        resume = end + 1
        heapq.heappush(starts, end + 1)  # a block may follow without a blank line between
    return blocks


def _candidate_starts(text: str, start: int) -> tuple[list[int], list[int]]:
    """Indices of the lines that may open a pager: the first line of the body and each line after
    a blank one that starts like a pager (as a heap), and those after what may close a fence."""
    starts = [start]
    after_fence = []
    # A blank first line has no line end before it: scan the text as if it had one.
    padded = text[:1] in ("\n", " ", "\t")
    scanned = "\n" + text if padded else text
    line, counted = -1 if padded else 0, 0
    for match in _CANDIDATE_LINE.finditer(scanned):
        line += scanned.count("\n", counted, match.end())
        counted = match.end()
        if line > start:
            (after_fence if match.group(1) else starts).append(line)
    heapq.heapify(starts)
    return starts, after_fence


# Not `!`: a block that starts with one (an image, an admonition's `!!!`) keeps it among its labels
# whatever its links, and so is never a pager (see `_pager_links`). tests/test_legacy.py finds the
# same blocks with and without it.
_OPENING_MARKS = r"\[<*_&:"
_OPENING_WORDS = ("prev", "previous", "next", "back", "continue", "up", "go", "read", "to", "the",
                  "page", "chapter", "section", "reading", "on", "index", "top", "home")
_PAGER_OPENING = re.compile(rf"(?i)[{_OPENING_MARKS}]|(?:{'|'.join(_OPENING_WORDS)})\b")
# The characters a pager's first line can start with: a mark, a word's first letter (in either
# case) or, for an arrow, any character outside ASCII. Asked first, this one test turns away most
# lines (a heading, a table, a list, most prose) that the alternatives below would each be tried
# on; tests/test_legacy.py holds it to them.
_OPENING_FIRST = (rf"[{_OPENING_MARKS}{''.join(sorted({word[0] for word in _OPENING_WORDS}))}]"
                  r"|(?-i:[^\x00-\x7f])")
# A line after a blank line (or what may be the end of fenced code) that starts like a pager (see
# `_may_open_pager`).
_CANDIDATE_LINE = re.compile(
    rf"\n[ \t]*((?:`{{3,}}|~{{3,}})[ \t]*)?\n[ \t]*(?={_OPENING_FIRST})(?="
    + _PAGER_OPENING.pattern.removeprefix("(?i)") + "|" + _ARROW_RE.pattern + ")", re.IGNORECASE)


def _may_open_pager(line: str) -> bool:
    """Whether a paragraph starting with this line could be a pager (cheap: most prose cannot)."""
    first = line.lstrip()
    return bool(_PAGER_OPENING.match(first) or _ARROW_RE.match(first))


def _link_definitions(lines: list[str]) -> dict[str, str]:
    definitions = {}
    for line in lines:
        if (match := _LINK_DEFINITION.match(line)):
            definitions[match.group(1).lower()] = match.group(2)
    return definitions


def _html_block_end(lines: list[str], start: int, tag: str) -> int | None:
    """The last line of the HTML element opened on `start`, or None when it never closes."""
    opening = re.compile(rf"<{tag}\b", re.IGNORECASE)
    closing = re.compile(rf"</{tag}\s*>", re.IGNORECASE)
    depth = 0
    for index in range(start, min(len(lines), start + _MAX_HTML_LINES)):
        depth += len(opening.findall(lines[index])) - len(closing.findall(lines[index]))
        if depth <= 0:
            return index
    return None


def _paragraph_end(lines: list[str], start: int, code: frozenset[int]) -> int | None:
    """The last line of the paragraph starting on `start`, or None when it is not a paragraph."""
    first = lines[start]
    if (first.startswith(("    ", "\t")) or ATX_START.match(first) or LIST_ITEM.match(first)
            or HRULE.match(first) or first.lstrip().startswith((">", "|"))
            or _OTHER_HTML_BLOCK.match(first)):
        return None
    index = start
    while index + 1 < len(lines) and lines[index + 1].strip():
        following = lines[index + 1]
        if index + 1 in code or ATX_START.match(following):
            break
        if SETEXT_UNDERLINE.match(following) or TABLE_RULE.match(following):
            return None  # a setext heading or a table, not a paragraph
        index += 1
    return index


def _pager_links(block: str, definitions: dict[str, str]) -> tuple[str, ...] | None:
    """The targets of a block that holds only direction links, else None."""
    if "[" not in block and "<" not in block:
        return None  # no Markdown link, HTML link or autolink: prose (most blocks asked)
    links: list[str] = []
    texts: list[str] = []
    classes: list[str] = []

    def html_link(match: re.Match[str]) -> str:
        links.append(" ".join(_attribute_values(_HREF, match.group(1))))
        texts.append(match.group(2))
        classes.extend(_attribute_values(_CLASS, match.group(1)))
        return " "

    def markdown_link(match: re.Match[str]) -> str:
        if match.start() and match.string[match.start() - 1] in "!\\":
            return match.group(0)  # an image is content, unless it is inside a link's text
        target = match.group(2)
        if target is None:
            reference = (match.group(3) or match.group(1)).lower()
            if reference not in definitions:
                return match.group(0)
            target = definitions[reference]
        links.append(target)
        texts.append(match.group(1))
        return " "

    def autolink(match: re.Match[str]) -> str:
        links.append(match.group(1))
        texts.append(match.group(1))
        return " "

    # HTML links are collected before Markdown ones; a pager does not mix the two.
    rest = _HTML_LINK.sub(html_link, block)
    rest = _MD_LINK.sub(markdown_link, rest)
    rest = _AUTOLINK.sub(autolink, rest)
    if not links or all(target.startswith("#") for target in links):
        return None  # no links, or only "Back to top"-style links within the page
    for match in _IAL.finditer(rest):
        classes.extend(word[1:] for word in match.group(1).split() if word.startswith("."))
    for match in _TAG.finditer(rest):
        classes.extend(_attribute_values(_CLASS, match.group(0)))
    rest = _IAL.sub(" ", rest)
    rest = _TAG.sub(" ", rest)
    if len(rest.split()) > _MAX_LABEL_TOKENS:
        return None  # prose: decided before the slower checks of every word
    labels = html.unescape(rest) if "&" in rest else rest
    if _SEPARATORS.sub("", _FILLER.sub("", _CUE_WORD.sub("", _without_arrows(labels)))):
        return None  # there is prose (or an image) beside the links
    # Only a previous/next pair (or one half of it) is a pager: every link says which way it goes,
    # by its own words or arrows or by a "Previous:"/"Next:" label beside it. Buttons, pointing
    # hands and calls to action ("👉 [Request access](...)", `{: .btn }`) are content.
    if len(links) > 2:
        return None
    if any(_PAGER_CLASS.search(name) for name in classes):
        return tuple(links)  # <nav class="pagination">, <div class="page-nav">
    unlabelled = sum(1 for text in texts if not _is_direction(text))
    cues = len(_PAIR_LABEL.findall(labels)) + len(_DIRECTION_ARROW_RE.findall(labels))
    return tuple(links) if unlabelled <= cues else None


_PAIR_LABEL = re.compile(r"(?i)\b(?:prev|previous|next)\b")


def _attribute_values(pattern: re.Pattern[str], attributes: str) -> list[str]:
    match = pattern.search(attributes)
    if not match:
        return []
    return next(g for g in match.groups() if g is not None).split()


def _without_arrows(text: str) -> str:
    return _SHORTCODE.sub(" ", _ARROW_RE.sub(" ", text))


def _is_direction(link_text: str) -> bool:
    """A link text that says previous or next: a cue word first, or an arrow (a pointing hand is
    not one: it points at a call to action as often as at the next page)."""
    # An image inside a link's text counts by its alt text.
    words = INLINE_LINK.sub(lambda m: f" {m.group(2)} " if m.group(1) else m.group(0), link_text)
    text = html.unescape(_TAG.sub(" ", words))
    if _DIRECTION_ARROW_RE.search(text) or _ARROW_SHORTCODE.search(text):
        return True
    words = _SEPARATORS.sub(" ", _without_arrows(text)).strip()
    return bool(_CUE_START.match(words))


def remove_blocks(text: str, blocks: list[PagerBlock], first_line: int = 1,
                  drop_lines: bool = False) -> str:
    """The text without the blocks' lines.

    By default each line becomes an empty line, so later line numbers stay right (for reporting).
    With `drop_lines` the lines are deleted and the blank lines around each block collapse to one
    (none at the end of the page), for writing a clean file.
    """
    if not blocks:
        return text
    lines = text.split("\n")
    doomed: set[int] = set()
    for block in blocks:
        doomed.update(range(block.start_line - first_line, block.end_line - first_line + 1))
    if not drop_lines:
        return "\n".join("" if i in doomed else line for i, line in enumerate(lines))
    kept: list[str] = []
    removed = False  # a block was removed since the last line of content
    for i, line in enumerate(lines):
        if i in doomed:
            removed = True
            continue
        if removed and not line.strip() and (not kept or not kept[-1].strip()):
            continue  # it would double the blank line before the removed block
        if removed and line.strip():
            if kept and kept[-1].strip():
                kept.append("")  # keep the text before and after the block apart
            removed = False
        kept.append(line)
    if removed:  # the page ended with the block: it now ends with the text before it
        while kept and not kept[-1].strip():
            kept.pop()
        if text.endswith("\n") and kept:
            kept.append("")
    return "\n".join(kept)
