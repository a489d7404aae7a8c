"""Where kramdown and Python-Markdown read the same text differently, kramdown's reading: list items
nest by the column their text starts at (two spaces under `- `, three under `1. `), not by four
spaces; `markdown="1"` works on an HTML element inside raw HTML; and headings marked
`{: .no_toc }` stay out of the `{:toc}` table of contents. Used by the kramdown extension.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from operator import methodcaller

from markdown.treeprocessors import Treeprocessor

from handbook.markdown.blocks import code_lines, fenced_blocks, may_have_fences

_CLASS = methodcaller("get", "class")
LIST_ITEM = re.compile(r"^( *)([-*+]|\d{1,9}[.)])( {1,4}|$)")
TAB = 4  # Python-Markdown's tab_length: how far a block nested in a list item is indented
INDENTS = (" ", "\t")
# A line that may be a list item (LIST_ITEM before tabs are expanded, or more) whose next non-blank
# line is indented, in a text that starts with a line break. The line break first lets the regex
# engine skip from line to line instead of trying every offset.
ITEM_THEN_INDENTED = re.compile(
    r"\n[ \t]*(?:[-*+]|\d+[.)])(?:[ \t][^\n]*+)?+\n(?:[^\S\n]*\n)*+[ \t]")
# An indented line, in the same text. Three times faster than `"\n " in text`, whose last
# character, a space, is everywhere in prose; the regex engine looks for the line breaks.
INDENTED_LINE = re.compile(r"\n[ \t]")


def reindented(lines: list[str], text: str | None = None) -> list[str]:
    """Re-indent list items' content from kramdown's content column to Python-Markdown's four
    spaces per level; `lines` themselves when their lists already nest by four spaces (most
    pages). `text` is the lines joined by line breaks, when the caller has it."""
    if not may_move(lines, text):
        return lines
    # A page with fences passes may_move; it can still only change if some line that is not
    # blank is indented, and some line is a list item.
    if not any(line[:1] in INDENTS and not line.isspace() for line in lines):
        return lines
    if not any(LIST_ITEM.match(line) for line in lines):
        return lines
    result = reindent_lists(lines)
    return result if result is not None else lines


def may_move(lines: list[str], text: str | None = None) -> bool:
    """False when reindent_lists surely leaves `lines` as they are, found in C on the page's text.

    Outside fenced code a line moves only under an open list item, and a non-blank line that is
    not indented closes every item; so a page without fences can change only if some list item's
    next non-blank line is indented. (Lines holding a line break are left to reindent_lists.)
    """
    text = "\n".join(lines) if text is None else text
    if text[:1] not in INDENTS and not INDENTED_LINE.search(text):
        return False  # no line is indented, and only an indented line can move
    text = "\n" + text  # what the patterns below expect (most pages never get here)
    if may_have_fences(text) or text.count("\n") != len(lines):
        return True
    return ITEM_THEN_INDENTED.search(text) is not None


def reindent_lists(lines: list[str]) -> list[str] | None:
    """The lines re-indented, or None when nothing nests by less than four spaces."""
    out: list[str] = []
    stack: list[tuple[int, int, int]] = []  # per open item: marker column, content column, new marker column
    fence_of = {i: first for first, last in fenced_blocks(lines) for i in range(first, last + 1)}
    shifts: dict[int, int] = {}  # fenced block (by first line) -> how far its lines move
    changed = False
    after_blank = True
    for number, line in enumerate(lines):
        if not line.strip():
            out.append(line)
            after_blank = True
            continue
        starts_block, after_blank = after_blank, False
        expanded = line.expandtabs(TAB)
        indent = len(expanded) - len(expanded.lstrip(" "))
        first = fence_of.get(number)
        if first is not None and first != number:  # code keeps its shape, moved as its fence was
            new_indent = max(0, indent + shifts[first])
        else:
            while stack and indent < stack[-1][1]:
                stack.pop()
            new_indent = _new_indent(indent, stack[-1] if stack else None)
            if first is not None:
                shifts[first] = new_indent - indent
            elif (item := LIST_ITEM.match(expanded)):
                content = indent + len(item.group(2)) + (len(item.group(3)) or 1)
                stack.append((indent, content, new_indent))
            elif not starts_block:
                new_indent = indent  # a paragraph's next line: Python-Markdown continues it too
        if new_indent != indent:
            changed = True
            out.append(" " * new_indent + expanded.lstrip(" "))
        else:
            out.append(line)
    return out if changed else None


def _new_indent(indent: int, item: tuple[int, int, int] | None) -> int:
    """Where a line indented `indent` inside `item` goes: text at the item's content column (or
    deeper, up to a code block's four spaces) moves to four spaces past the item's marker."""
    if item is None:
        return indent
    marker, content, new_marker = item
    if indent >= marker + TAB:
        return new_marker + indent - marker
    return new_marker + TAB


HTML_TAG = re.compile(r"<(/?)([A-Za-z][\w-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
MARKDOWN_ATTRIBUTE = re.compile(r"""\smarkdown\s*=\s*["']?(?:1|block|span)\b""")
BLOCK_TAGS = frozenset(
    "address article aside blockquote center dd details div dl dt fieldset figure footer form "
    "header li main nav ol section table tbody td th thead tr ul".split())


def nested_markdown(lines: list[str], text: str | None = None) -> list[str]:
    """`markdown="1"` on an element inside raw HTML (`<details><div markdown="1">`): kramdown reads
    its content as Markdown; md_in_html only does when every element around it says so too, so
    each of those gets `markdown="block"`. `lines` themselves when none has `markdown=`."""
    text = "\n".join(lines) if text is None else text  # one scan of the page, not one a line
    if "=" not in text or "markdown=" not in text:
        return lines
    return mark_enclosing_elements(lines)


def mark_enclosing_elements(lines: list[str]) -> list[str]:
    stack: list[tuple[str, int, int, bool]] = []  # tag, line, end of its name, has markdown=
    marks: set[tuple[int, int]] = set()
    code = code_lines(lines)
    for number, line in enumerate(lines):
        if number in code:
            continue
        for tag in HTML_TAG.finditer(line):
            name = tag.group(2).lower()
            if name not in BLOCK_TAGS:
                continue
            if tag.group(1):  # a closing tag: close it and anything left open inside it
                while stack and stack.pop()[0] != name:
                    pass
                continue
            has_markdown = bool(MARKDOWN_ATTRIBUTE.search(tag.group(3)))
            if has_markdown:
                marks.update((n, end) for _, n, end, marked in stack if not marked)
            if not tag.group(3).rstrip().endswith("/"):
                stack.append((name, number, tag.start(2) + len(name), has_markdown))
    lines = list(lines)
    for number, end in sorted(marks, reverse=True):
        lines[number] = lines[number][:end] + ' markdown="block"' + lines[number][end:]
    return lines


class NoTocHeadings(Treeprocessor):
    """Entries of the `[TOC]` block for headings classed `no_toc` are removed (their sub-entries
    move up), as kramdown leaves those headings out of `{:toc}`."""

    def run(self, root: etree.Element) -> None:
        if "toc" not in " ".join(filter(None, map(_CLASS, root.iter("div")))):
            return  # most pages have no `[TOC]` block: nothing to take headings out of
        tocs = [e for e in root.iter("div") if "toc" in (e.get("class") or "").split()]
        if not tocs:
            return
        hidden = {f"#{e.get('id')}" for e in root.iter() if e.get("id")
                  and "no_toc" in (e.get("class") or "").split() and re.fullmatch(r"h[1-6]", e.tag)}
        if not hidden:
            return
        for toc in tocs:
            while _drop_first_entry(toc, hidden):
                pass


def _drop_first_entry(toc: etree.Element, hidden: set[str]) -> bool:
    """Remove one entry linking to a hidden heading, lifting its sub-entries into its place."""
    for parent in toc.iter("ul"):
        for index, item in enumerate(parent):
            link = item.find("a")
            if link is not None and link.get("href") in hidden:
                parent.remove(item)
                lifted = [child for nested in item.findall("ul") for child in nested]
                for position, child in enumerate(lifted):
                    parent.insert(index + position, child)
                return True
    return False
