"""Markdown's block structure as the build reads it: fenced code (pymdownx.superfences' rule), code
spans (Python-Markdown's), headings and the shapes of lines that start a block.

Every module that must skip code asks this one, so a fence the build renders as code is code to
the link checker, the heading scan, the kramdown rewrite and the Jekyll clean-up alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

# A fence as pymdownx.superfences opens it, at any indent (inside admonitions and lists): a
# language, `{attributes}` or `key="value"` options. Anything else after the backticks
# (``` [a](b) ```) is an inline code span, not a fence.
FENCE_OPEN = re.compile(
    r"([ \t]*)(`{3,}|~{3,})[ \t]*(?:\.?[\w#.+-]+(?=[ \t]|$))?"
    r"(?:[ \t]*\{[^\n]*\}|(?:[ \t]*[A-Za-z][A-Za-z0-9_]*(?:=([\"']).*?\3)?(?=[ \t]|$))+)?[ \t]*$")
# Python-Markdown's code span: the opening run may give back backticks until some later run of the
# same length closes it (so "```x`" is the code "``x"), which CommonMark would not allow.
CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)", re.DOTALL)
# A link's or image's `[text]`, with brackets nested up to three deep, as editors write them.
LINK_TEXT = r"\[((?:[^\[\]]++|\[(?:[^\[\]]++|\[[^\[\]]*+\])*+\])*+)\]"
# A link or image written inline, read for its words: (`!` or nothing, the text). URLs with
# parentheses are cut short, which is harmless here; the link checker reads URLs fully.
INLINE_LINK = re.compile(r"(!?)" + LINK_TEXT + r"\([^)]*\)")
BLANK_LINE = re.compile(r"\n[ \t]*\n")

# The shapes of lines that start or end a block, for the scans that walk a page's paragraphs.
ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.+?)[ \t]*(?:#+[ \t]*)?$")
ATX_START = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
HRULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$")
LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d+[.)])(?:[ \t]|$)")
HEADING_STARTS = frozenset(" \t#=-")  # how an ATX heading or a setext underline can begin

# What must be blanked out before links are looked for: backslash escapes (Python-Markdown's set),
# code spans and HTML comments, whichever starts first. A pattern that starts with one literal
# character is found at memory speed, but a choice of three (a backslash, a backtick, `<`) makes
# the regex engine try every offset, some ten times slower: a page with code spans but no escape
# or comment (most pages) is searched for backticks alone.
INLINE_SKIP = re.compile(r"\\[\\`*_{}\[\]()>#+\-.!]|``*|<!--")
BACKTICKS = re.compile(r"``*")
ESCAPE_MASK = "\x00\x00"  # not a space, so a URL's edges are where the editor put them
NOT_A_LINE_END = re.compile(r"[^\n]")


# A search for one character runs at memory speed; one for several characters is some fifty times
# slower. Most pages lack the rarer characters, so their one-character test answers first. Pages
# with code spans have backticks: the regex engine finds three in a row some twice as fast as `in`.
THREE_BACKTICKS = re.compile("```")


def may_have_fences(text: str) -> bool:
    return (("`" in text and THREE_BACKTICKS.search(text) is not None)
            or ("~" in text and "~~~" in text))


def fenced_blocks(lines: Sequence[str]) -> list[tuple[int, int]]:
    """(first, last) line index of each closed fenced code block, read as superfences reads them.

    A fence may be indented (inside an admonition or a list); it closes on the same fence at the
    same indentation, and a less-indented line or the end of the page before that means it was no
    fence at all, so its lines are ordinary Markdown.
    """
    blocks = []
    opened: tuple[int, str, int] | None = None  # (indent, fence, index of the opening line)
    for index, line in enumerate(lines):
        if opened is None:
            if line.lstrip(" \t")[:3] in ("```", "~~~"):
                match = FENCE_OPEN.match(line)
                if match:
                    opened = (len(match.group(1)), match.group(2), index)
        elif line.strip(" \t"):
            indent, fence, start = opened
            if len(line) - len(line.lstrip(" \t")) < indent:
                opened = None
            elif line[indent:].startswith(fence) and not line[indent + len(fence):].strip(" \t"):
                blocks.append((start, index))
                opened = None
    return blocks


def code_lines(lines: Sequence[str]) -> frozenset[int]:
    """Indices of the lines in fenced code, fence lines included."""
    if not may_have_fences("\n".join(lines)):
        return frozenset()
    return frozenset(i for first, last in fenced_blocks(lines) for i in range(first, last + 1))


def fenced_code(text: str) -> list[tuple[int, int]]:
    """Offsets (start, end) of the closed fenced code blocks in `text`."""
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    return [(starts[first], starts[last] + len(lines[last]))
            for first, last in fenced_blocks(lines)]


def code_spans(line: str) -> list[tuple[int, int]]:
    """Offsets of the code spans in one line (or paragraph)."""
    return [match.span() for match in CODE_SPAN.finditer(line)] if "`" in line else []


def mask_code(text: str) -> str:
    """The text with fenced code, code spans, HTML comments and escapes blanked; same offsets."""
    if may_have_fences(text):
        text = blank(text, fenced_code(text))
    if "`" not in text and "\\" not in text and ("<" not in text or "<!--" not in text):
        return text
    if "\\" not in text and "<!--" not in text:
        return _blank_code_spans(text)
    return _mask_inline(text, INLINE_SKIP.search)


def _mask_inline(text: str, search: Callable[[str, int], re.Match[str] | None]) -> str:
    """mask_code's inline part, one match of `search` (INLINE_SKIP's, or BACKTICKS' for text
    without escapes or comments) at a time: the reference for `_blank_code_spans`."""
    spans: list[tuple[int, int]] = []
    escapes: list[int] = []
    # Where the paragraph around a code span ends (the span cannot run past it): found once per
    # paragraph. It and the match's offsets are worked out here, not in calls: this runs for every
    # code span of every page.
    blank_at, length = -1, len(text)
    pos = 0
    while match := search(text, pos):
        start, pos = match.span()
        if text[start] == "\\":
            escapes.append(start)
        elif text[start] == "<":
            close = text.find("-->", pos)
            if close != -1:  # an unclosed comment is shown as text, and so are its links
                spans.append((start, close + 3))
                pos = close + 3
        else:
            if blank_at < start:
                found = BLANK_LINE.search(text, start)
                blank_at = found.start() if found else length
            span = CODE_SPAN.match(text, start, blank_at + 1 if blank_at < length else length)
            if span:
                pos = span.end()
                spans.append((start, pos))
    masked = blank(text, spans)
    if escapes:
        pieces, last = [], 0
        for start in escapes:
            pieces += [masked[last:start], ESCAPE_MASK]
            last = start + 2
        masked = "".join(pieces) + masked[last:]
    return masked


# CODE_SPAN tried at each run of backticks in turn, as `_mask_inline` tries it, in one pattern. A
# span opens on the first backtick of a run (the rest of the run may be given back, as in
# CODE_SPAN) and ends no later than its paragraph (no blank line inside). It is not tried again
# inside the run, which could only find what the try at the start found; nor at all unless another
# backtick follows the run in its paragraph, which any closing needs: without these two, an
# unclosed run would cost its length squared. Starting with a literal backtick, it is found at
# memory speed.
CODE_SPANS = re.compile(
    r"(`(?<!``)"  # the first backtick of a run
    r"(?=`*+[^`\n]*+(?:\n(?![ \t]*\n)[^`\n]*+)*+`)"  # another backtick later in the paragraph
    r"(`*)(?:[^\n]|\n(?![ \t]*\n))+?(?<!`)`\2(?!`))")


def _blank_code_spans(text: str) -> str:
    """The text (without escapes or comments) with its code spans blanked: one split into
    [text, span, its extra backticks, text, ...] instead of three or four calls for each span."""
    pieces = CODE_SPANS.split(text)
    for index in range(1, len(pieces), 3):
        span = pieces[index]
        pieces[index] = NOT_A_LINE_END.sub(" ", span) if "\n" in span else " " * len(span)
        pieces[index + 1] = ""
    return "".join(pieces)


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with each span's characters but line ends replaced by spaces."""
    if not spans:
        return text
    pieces, last = [], 0
    for start, end in spans:
        span = text[start:end]
        pieces += [text[last:start], NOT_A_LINE_END.sub(" ", span) if "\n" in span
                   else " " * (end - start)]
        last = end
    return "".join(pieces) + text[last:]


def headings(markdown: str, first_line: int = 1) -> Iterator[tuple[int, int, str]]:
    """(line, level, text) for each ATX or setext heading outside fenced code blocks."""
    lines = markdown.split("\n")
    code = code_lines(lines) if may_have_fences(markdown) else frozenset()
    previous = ""
    for index, line in enumerate(lines):
        if index in code:
            previous = ""
            continue
        start = line[:1]
        if start not in HEADING_STARTS:  # most lines are prose: no regex needed
            previous = line
            continue
        # An ATX heading cannot start with `=` or `-`, nor an underline with `#`.
        atx = ATX_HEADING.match(line) if start != "=" and start != "-" else None
        underline = SETEXT_UNDERLINE.match(line) if not atx and start != "#" else None
        if atx:
            yield first_line + index, len(atx.group(1)), atx.group(2)
            line = ""
        elif (underline and previous.strip()
              and not previous.startswith((" " * 4, "\t", "- ", "* "))):
            yield first_line + index - 1, 1 if underline.group(1)[0] == "=" else 2, previous.strip()
            line = ""
        previous = line
