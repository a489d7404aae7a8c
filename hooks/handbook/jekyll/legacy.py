"""Clean-up for pages written for an older Jekyll site: text decoded in the wrong encoding, and the
hand-written prev/next buttons that the handbook's own footer replaces.
"""

from __future__ import annotations

import heapq
import html
import re
from dataclasses import dataclass

import ftfy
import ftfy.bad_codecs  # noqa: F401  (registers "sloppy-windows-1252", used for the cue table)

from handbook.markdown.blocks import (ATX_START, HRULE, LINK_TEXT, LIST_ITEM, SETEXT_UNDERLINE,
                                      TABLE_RULE, code_lines, code_spans, may_have_fences)
from handbook.pages.frontmatter import FRONT_MATTER

# --- Mis-decoded text -------------------------------------------------------------------------
#
# Mojibake of UTF-8 read as Windows-1252 (or Latin-1) always has a character that was a UTF-8 lead
# byte (U+00C2-U+00F4, "Â".."ô") followed by one that was a continuation byte: U+0080-U+00BF or
# one of the 27 characters Windows-1252 puts at 0x80-0x9F ("€", "™", "œ", "Ÿ", curly quotes...).

_CP1252_HIGH = (
    "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018\u2019\u201a"
    "\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
_CONTINUATION = "\u0080-\u00bf" + _CP1252_HIGH
SUSPECT = re.compile(f"[\u00c2-\u00f4][{_CONTINUATION}]")

# The same test on the UTF-8 bytes of the page. A bytes pattern that starts with a literal byte
# lets `re` skip ahead with a fast search: over a page with no "Ã" byte pair, the check costs
# about as much as the encoding, and a clean page never reaches the per-line work.
_SUSPECT_UTF8 = re.compile(
    rb"\xc3[\x82-\xb4]"  # U+00C2-U+00F4
    rb"(?:\xc2[\x80-\xbf]"  # U+0080-U+00BF
    rb"|\xc5[\x92\x93\xa0\xa1\xb8\xbd\xbe]|\xc6\x92|\xcb[\x86\x9c]"
    rb"|\xe2(?:\x80[\x93\x94\x98\x99\x9a\x9c\x9d\x9e\xa0\xa1\xa2\xa6\xb0\xb9\xba]"
    rb"|\x82\xac|\x84\xa2))"
)

# A word, widened over letters and anything mojibake is made of, so "Iâ€™ll" is one run.
_WORD = re.compile(f"[\\w\u00a0-\u00ff{_CONTINUATION}\ufffd]+")

# Windows-1252 has no character for bytes 0x81, 0x8D, 0x8F, 0x90 and 0x9D, so a converter may
# have dropped them (or written U+FFFD). Put back the ones that are all but certain: the end of
# "”" (E2 80 9D), a zero-width joiner between emoji (E2 80 8D) and the emoji variation selector
# (EF B8 8F). Other lost bytes are ambiguous (👍 and 👏 differ only in theirs) and stay as found.
_LOST_BYTE = re.compile(f"(\u00e2\u20ac|\u00ef\u00b8)(\ufffd|(?![{_CONTINUATION}]))")


@dataclass(frozen=True)
class Mojibake:
    """A source line with mis-decoded text: each run is (text as written, repaired text)."""

    line: int
    runs: tuple[tuple[str, str], ...]


def repair_encoding(text: str, first_line: int = 1) -> tuple[str, list[Mojibake]]:
    """The text with mis-decoded words repaired ("Iâ€™ll" -> "I’ll", "ðŸš€" -> "🚀"), and where.

    Correct text is never changed: only words that hold the byte pattern of mojibake are offered to
    ftfy's encoding repair, which keeps them unless they decode to something plausible. Fenced code
    and code spans are left alone, because a page may show mojibake on purpose there.
    """
    if text.isascii() or not _SUSPECT_UTF8.search(text.encode("utf-8", "surrogatepass")):
        return text, []
    lines = text.split("\n")
    found: list[Mojibake] = []
    code = code_lines(lines)
    for index, line in enumerate(lines):
        if index in code or not SUSPECT.search(line):
            continue
        repaired, runs = _repair_line(line)
        if runs:
            lines[index] = repaired
            found.append(Mojibake(first_line + index, tuple(runs)))
    return ("\n".join(lines) if found else text), found


def _repair_line(line: str) -> tuple[str, list[tuple[str, str]]]:
    code = code_spans(line)
    runs: list[tuple[str, str]] = []
    pieces: list[str] = []
    last = 0
    for match in _WORD.finditer(line):
        word = match.group(0)
        if not SUSPECT.search(word) or any(a < match.end() and match.start() < b for a, b in code):
            continue
        fixed = _repair_word(word)
        if fixed != word:
            runs.append((word, fixed))
            pieces += [line[last:match.start()], fixed]
            last = match.end()
    return "".join(pieces) + line[last:], runs


def _repair_word(word: str) -> str:
    restored = _LOST_BYTE.sub(_restore_lost_byte, word)
    # fix_encoding only undoes mis-decoding: it never uncurls quotes, unescapes HTML or folds
    # full-width letters, as ftfy.fix_text would by default.
    fixed = ftfy.fix_encoding(restored)
    return word if fixed == restored else fixed


def _restore_lost_byte(match: re.Match[str]) -> str:
    prefix = match.group(1)
    if prefix == "\u00ef\u00b8":
        return prefix + "\x8f"
    # A mis-decoded emoji reads "ðŸ" and two more characters: a joiner sits between two of them.
    before, after = match.string[:match.start()], match.string[match.end():]
    between_emoji = "\u00f0\u0178" in before[-4:] or after.startswith("\u00f0\u0178")
    return prefix + ("\x8d" if between_emoji else "\x9d")


# --- Hand-written prev/next buttons ---------------------------------------------------------------

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
_ARROW_SHORTCODE = re.compile(
    r":(?:arrow_(?:left|right|backward|forward)|(?:point|leftwards_arrow|rewind)\w*|fast_forward"
    r"|track_(?:previous|next)|previous_track_button|next_track_button|back|arrow_heading_up):"
)
_SHORTCODE = re.compile(r":[a-z0-9_+-]+:")
_CUE_START = re.compile(r"(?i)^(?:prev|previous|next|back|continue|up)\b")
_CUE_WORD = re.compile(r"(?i)\b(?:prev|previous|next|back|continue|up)\b")
# Words a label may hold besides the cue: "Next up:", "Back to the index", "Continue reading".
_FILLER = re.compile(r"(?i)\b(?:to|the|page|chapter|section|reading|read|go|on|index|top|home)\b")
_SEPARATORS = re.compile(r"[\s|·•/\\\-–—,:;.()\[\]*_~=+]+")
_CUE_CLASS = re.compile(r"(?i)btn|button|nav-?link|pager|paginat|page-nav|prev|next")

_MD_LINK = re.compile(
    LINK_TEXT  # starts with a literal "[", which `re` finds fast
    + r"(?:\(\s*<?([^)\s>]*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)|\[([^\]]*)\])"
)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")  # inside a link's text: its alt text counts
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
    start = text.count("\n", 0, body)
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


_PAGER_OPENING = re.compile(
    r"(?i)[\[<*_!&:]|(?:prev|previous|next|back|continue|up|go|read|to|the|page|chapter|section|"
    r"reading|on|index|top|home)\b")
# A line after a blank line (or what may be the end of fenced code) that starts like a pager (see
# `_may_open_pager`).
_CANDIDATE_LINE = re.compile(
    r"\n[ \t]*((?:`{3,}|~{3,})[ \t]*)?\n[ \t]*(?=" + _PAGER_OPENING.pattern.removeprefix("(?i)") + "|"
    + _ARROW_RE.pattern + ")", re.IGNORECASE)


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
    has_cue = (
        _ARROW_RE.search(labels) or _ARROW_SHORTCODE.search(labels) or _CUE_WORD.search(labels)
        or any(_CUE_CLASS.search(name) for name in classes)
        or any(_is_direction(text) for text in texts)
    )
    return tuple(links) if has_cue else None


def _attribute_values(pattern: re.Pattern[str], attributes: str) -> list[str]:
    match = pattern.search(attributes)
    if not match:
        return []
    return next(g for g in match.groups() if g is not None).split()


def _without_arrows(text: str) -> str:
    return _SHORTCODE.sub(" ", _ARROW_RE.sub(" ", text))


def _is_direction(link_text: str) -> bool:
    text = html.unescape(_TAG.sub(" ", _IMAGE.sub(r" \1 ", link_text)))
    if _ARROW_RE.search(text) or _ARROW_SHORTCODE.search(text):
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
