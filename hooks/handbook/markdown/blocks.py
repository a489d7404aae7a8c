"""Markdown's block structure as the build reads it: fenced code (pymdownx.superfences' rule), code
spans (Python-Markdown's), headings and the shapes of lines that start a block.

Every module that must skip code asks this one, so a fence the build renders as code is code to
the link checker, the heading scan, the kramdown rewrite and the Jekyll clean-up alike.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence

# A fence as pymdownx.superfences opens it, at any indent (inside admonitions and lists): a
# language, `{attributes}` or `key="value"` options. Anything else after the backticks
# (``` [a](b) ```) is an inline code span, not a fence.
FENCE_OPEN = re.compile(
    r"([ \t]*)(`{3,}|~{3,})[ \t]*(?:\.?[\w#.+-]+(?=[ \t]|$))?"
    r"(?:[ \t]*\{[^\n]*\}|(?:[ \t]*[A-Za-z][A-Za-z0-9_]*(?:=([\"']).*?\3)?(?=[ \t]|$))+)?[ \t]*$")
# A run of backticks, which may open or close a code span.
BACKTICK_RUN = re.compile(r"`+")
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
# For re.split, which keeps each run. Written with a literal first backtick, which the regex engine
# skips to: `(`+)` has none it can see, and is tried at every offset, some fifteen times slower.
BACKTICK_RUNS = re.compile(r"(``*)")
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


class CodeSpans:
    """Where the code spans of one text close, as Python-Markdown (3.11) closes them
    (BacktickInlineProcessor.find_code_spans): a span opened by a run of backticks closes at the
    first later run of the same length in its paragraph; failing that, at the first of the longest
    later runs, if those are shorter than the opening one (which gives back its extra backticks,
    so "```x`" is the code "``x"); otherwise that run opens nothing.

    Answered from an index of the text's runs made once, not by scanning the rest of the paragraph
    from each opening run (as Python-Markdown does, and a regex would do for each length it tries):
    a paragraph of many runs that close nothing costs their number, not its square or cube."""

    def __init__(self, text: str) -> None:
        self.starts: list[int] = []
        lengths: list[int] = []
        for match in BACKTICK_RUN.finditer(text):
            self.starts.append(match.start())
            lengths.append(match.end() - match.start())
        self.blanks = [match.start() for match in BLANK_LINE.finditer(text)]
        paragraphs = [bisect.bisect_left(self.blanks, start) for start in self.starts]
        # Each paragraph's runs by length, in order; and, for each run, the longest run from it to
        # its paragraph's end with where that length first occurs.
        self.by_length: dict[tuple[int, int], list[int]] = {}
        for start, length, paragraph in zip(self.starts, lengths, paragraphs):
            self.by_length.setdefault((paragraph, length), []).append(start)
        self.longest: list[tuple[int, int]] = [(0, 0)] * len(self.starts)
        best, paragraph = (0, 0), None
        for k in range(len(self.starts) - 1, -1, -1):
            if paragraphs[k] != paragraph:
                best, paragraph = (0, 0), paragraphs[k]
            if lengths[k] >= best[0]:  # the first of equals, reading backwards
                best = (lengths[k], self.starts[k])
            self.longest[k] = best
        self.paragraphs = paragraphs

    def close(self, start: int, end: int) -> int | None:
        """The end of the code span opened by the backticks from `start` to `end` (the end of
        their run), or None when they open none."""
        paragraph = bisect.bisect_left(self.blanks, start)
        ticks = end - start
        same = self.by_length.get((paragraph, ticks))
        if same:
            k = bisect.bisect_left(same, end)
            if k < len(same):
                return same[k] + ticks
        k = bisect.bisect_left(self.starts, end)  # the first run after this one
        if k < len(self.starts) and self.paragraphs[k] == paragraph:
            length, at = self.longest[k]
            if length < ticks:
                return at + length
        return None


def code_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of the code spans in one line (or paragraph), each run of backticks tried in turn."""
    found: list[tuple[int, int]] = []
    if "`" not in text:
        return found
    spans = CodeSpans(text)
    pos = 0
    while match := BACKTICKS.search(text, pos):
        start, pos = match.span()
        end = spans.close(start, pos)
        if end is not None:
            found.append((start, end))
            pos = end
        else:
            # Python-Markdown goes on as many characters past the run as it has backticks (the
            # run's end plus its length: find_code_spans' `start + max_ticks`); a later part of
            # a run there opens with the backticks left.
            pos += pos - start
    return found


def mask_code(text: str) -> str:
    """The text with fenced code, code spans, HTML comments and escapes blanked; same offsets."""
    if may_have_fences(text):
        text = blank(text, fenced_code(text))
    if "`" not in text and "\\" not in text and ("<" not in text or "<!--" not in text):
        return text
    if "\\" not in text and "<!--" not in text:
        masked = mask_paired_code_spans(text)
        if masked is not None:  # most pages
            return masked
    return mask_inline(text)


def mask_paired_code_spans(text: str) -> str | None:
    """mask_inline(text) for a text without escapes or comments whose every run of backticks is
    closed by the next one (as long, in the same paragraph), as on most pages; None for any other
    text. Such a text's spans are all found in one split, with no call for each span."""
    parts = BACKTICK_RUNS.split(text)  # each run at an odd place, the text around it at the even
    count = len(parts)
    if count % 4 != 1:  # an odd number of runs
        return None
    lengths = list(map(len, parts))
    for at in range(1, count, 4):
        if parts[at + 2] != parts[at]:
            return None
        code = parts[at + 1]
        if "\n" in code:
            if BLANK_LINE.search(code):
                return None
            parts[at + 1] = NOT_A_LINE_END.sub(" ", code)
        else:
            parts[at + 1] = " " * lengths[at + 1]
        parts[at] = parts[at + 2] = " " * lengths[at]
    return "".join(parts)


def mask_inline(text: str) -> str:
    """The text with code spans, HTML comments and escapes blanked; same offsets."""
    search = (BACKTICKS if "\\" not in text and "<!--" not in text else INLINE_SKIP).search
    spans: list[tuple[int, int]] = []
    escapes: list[int] = []
    code: CodeSpans | None = None  # made at the first run of backticks
    pos = 0
    after = 0  # no backtick before this opens a span (see code_spans)
    while match := search(text, pos):
        start, pos = match.span()
        if start < after and text[start] == "`":
            if pos <= after:
                continue
            start = after
        if text[start] == "\\":
            escapes.append(start)
        elif text[start] == "<":
            close = text.find("-->", pos)
            if close != -1:  # an unclosed comment is shown as text, and so are its links
                spans.append((start, close + 3))
                pos = close + 3
        else:
            # Most spans close at the next run, if it is as long and in the same paragraph: then
            # it is the first such run, and no index of the page's runs is needed.
            ticks = pos - start
            run = BACKTICK_RUN.search(text, pos)
            if run is not None and run.end() - (close := run.start()) == ticks and (
                    text.find("\n", pos, close) == -1 or not BLANK_LINE.search(text, pos, close)):
                end = run.end()
            else:
                if code is None:
                    code = CodeSpans(text)
                end = code.close(start, pos)
            if end is not None:
                spans.append((start, end))
                pos = end
            else:
                after = pos + (pos - start)
    masked = blank(text, spans)
    if escapes:
        pieces, last = [], 0
        for start in escapes:
            pieces += [masked[last:start], ESCAPE_MASK]
            last = start + 2
        masked = "".join(pieces) + masked[last:]
    return masked


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
