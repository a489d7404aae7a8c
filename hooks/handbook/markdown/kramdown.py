"""A Markdown extension that reads the kramdown syntax of Jekyll pages which `attr_list` does not:
block attribute lists before a block or after a heading, `{:toc}`, attribute list definitions and
`{::comment}`-style extension tags.
"""

from __future__ import annotations

import re

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from handbook.markdown.blocks import (
    ATX_START,
    HRULE,
    LIST_ITEM,
    SETEXT_UNDERLINE,
    TABLE_RULE,
    code_lines,
    code_spans,
)
from handbook.markdown.callouts import QuoteAttributes
from handbook.markdown.kramdown_layout import (
    INDENTED_LINE,
    INDENTS,
    NoTocHeadings,
    nested_markdown,
    reindented,
)

INDENT_LIMIT = 3  # kramdown reads a block-level `{:` only with at most three leading spaces

# kramdown's own patterns (lib/kramdown/parser/kramdown/extensions.rb), simplified: values with
# an escaped `\}` are rare enough in handbooks to leave out.
IAL_LINE = re.compile(r"^ {0,3}\{:(?![:/])([^}]*)\}[ \t]*$")
ALD_LINE = re.compile(r"^ {0,3}\{:(\w[\w-]*):([^}]*)\}[ \t]*$")
EXTENSION_START_LINE = re.compile(r"^ {0,3}\{::(\w+)(?:\s[^}]*?)?(/)?\}[ \t]*$")
EXTENSION_STOP_LINE = re.compile(r"^ {0,3}\{:/(\w*)\}[ \t]*$")
SPAN_COMMENT = re.compile(r"\{::comment(?:\s[^}]*)?\}.*?\{:/(?:comment)?\}")
SPAN_NOMARKDOWN = re.compile(r"\{::nomarkdown(?:\s[^}]*)?\}(.*?)\{:/(?:nomarkdown)?\}")
SPAN_EXTENSION = re.compile(r"\{::\w+(?:\s[^}]*?)?/\}|\{:/\w*\}")
SPAN_IAL = re.compile(r"\{:(?![:/])([^}\n]*)\}")
TOC_ITEM = re.compile(r"^ {0,3}(?:\d+\.|[*+-])[ \t]+TOC[ \t]*$")
TRAILING_ATTRS = re.compile(r"[ \t]+\{:?[ \t]*([^}\n]*)\}[ \t]*$")

# Python-Markdown's block-level tags: an <img> or <a> at the start of a line begins a paragraph.
HTML_START = re.compile(
    r"^ {0,3}<(?:!--|/?(?:address|article|aside|blockquote|center|details|dialog|div|dl|fieldset"
    r"|figcaption|figure|footer|form|h[1-6]|header|hr|main|nav|ol|p|pre|section|summary|table"
    r"|ul|script|style|iframe|noscript)\b)",
    re.IGNORECASE,
)

# Blocks that a following line of text continues (lazily) instead of starting a paragraph.
CONTINUED = {"paragraph", "list", "quote", "table", "html"}


def makeExtension(**kwargs) -> KramdownExtension:
    """What Python-Markdown calls for `extensions: [handbook.markdown.kramdown]`."""
    return KramdownExtension(**kwargs)


class KramdownExtension(Extension):
    """Rewrites kramdown-only lines into what `attr_list` and `toc` understand, before parsing."""

    def extendMarkdown(self, md: Markdown) -> None:
        # After whitespace normalisation (30, and pymdownx's at 29.9), before fenced code (25):
        # code blocks are still text here, so the rewrite tracks fences itself. Its two steps on
        # the parsed page are added by the preprocessor, for a page that may need them.
        md.preprocessors.register(KramdownPreprocessor(md), "kramdown", 28)


def _add_tree_steps(md: Markdown, text: str) -> None:
    """The steps on the parsed page that `text` (the whole page) can need. Most pages need
    neither, and a step not added costs nothing: an attribute list on a block quote is a
    paragraph of `{...}`, and a heading left out of `[TOC]` has the class `no_toc`."""
    if "{" in text:
        # After attr_list (8), before abbr (7) could split the `{...}` paragraph's text.
        md.treeprocessors.register(QuoteAttributes(md), "kramdown_quote_attributes", 7.5)
    if "no_toc" in text:
        md.treeprocessors.register(NoTocHeadings(md), "kramdown_no_toc", 4)  # after toc (5)


class KramdownPreprocessor(Preprocessor):
    """kramdown's block syntax in Python-Markdown's terms, in three steps: attribute lists and
    `{:toc}` (kramdown_to_markdown), list items' content columns (kramdown_layout.reindented),
    `markdown="1"` inside raw HTML (kramdown_layout.nested_markdown). One processor, so that a
    page is joined into one text for the three quick tests; nearly every page passes all three
    untouched, and is returned as it came."""

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        _add_tree_steps(self.md, text)
        # What each step needs to change anything: a `{:`, an indented line, a `markdown=`. Most
        # pages have none of the three. A single character alone is found at memory speed (a
        # regex of the three alternatives would try every offset: ten times slower).
        kramdown = "{" in text and "{:" in text
        if (not kramdown and text[:1] not in INDENTS and not INDENTED_LINE.search(text)
                and ("=" not in text or "markdown=" not in text)):
            return lines
        if kramdown:
            lines = kramdown_to_markdown(lines)
            text = "\n".join(lines)
        moved = reindented(lines, text)
        if moved is not lines:
            lines, text = moved, "\n".join(moved)
        return nested_markdown(lines, text)


def kramdown_to_markdown(lines: list[str]) -> list[str]:
    """The page's lines with kramdown's attribute lists moved to where `attr_list` applies them,
    `1. TOC` + `{:toc}` as `[TOC]`, and definitions and extension tags removed.

    Blank lines stand in for removed ones, so line numbers mostly stay as they were; the exceptions
    are lines removed from inside a paragraph (deleted, as a blank line would split it) and a
    block IAL between two lines of text, which ends the paragraph in kramdown (a blank line is
    added after it).
    """
    return _Rewrite(lines).run()


class _Rewrite:
    """One pass over a page. `prev` is the kind of block the last line read belongs to."""

    def __init__(self, lines: list[str]):
        self.lines: list[str | None] = list(lines)  # None: delete the line
        self.code = code_lines(lines)  # fenced code; lines keep their index while being rewritten
        self.definitions = _attribute_definitions(lines, self.code)
        self.prev = "blank"
        self.last_text = -1  # index of the last non-blank line read

    def run(self) -> list[str]:
        lines = self.lines
        index = 0
        while index < len(lines):
            line = lines[index]
            if line is None:
                index += 1
                continue
            if index in self.code:
                self._read(index, "code")
                index += 1
                continue
            if "{:" in line and _indent(line) <= INDENT_LIMIT:
                handled = self._block_syntax(index)
                if handled is not None:
                    index = handled
                    continue
            if "{:" in line and self._kind(line) != "indented":
                lines[index] = line = self._span_syntax(line)
                if not line.strip():
                    self._vacate(index, index)
                    index += 1
                    continue
            self._read(index, self._kind(line))
            index += 1
        text = "\n".join(line for line in lines if line is not None)
        return text.split("\n")  # a line may have gained a blank line after it

    # Block-level syntax -------------------------------------------------------------------------

    def _block_syntax(self, index: int) -> int | None:
        """Handle a line of block syntax; the index to go on from, or None if it is not one."""
        line = self.lines[index]
        if (start := EXTENSION_START_LINE.match(line)):
            return self._extension(index, start.group(1), bool(start.group(2)))
        if EXTENSION_STOP_LINE.match(line):
            return self._vacate(index, index)  # a stray stop tag: kramdown ignores it too
        if ALD_LINE.match(line):
            return self._vacate(index, index)
        if (ial := IAL_LINE.match(line)):
            if ial.group(1).strip() == "toc" and self._toc_item(index):
                return index + 1
            return self._attribute_lines(index)
        return None

    def _extension(self, index: int, name: str, closed: bool) -> int:
        if closed:
            return self._vacate(index, index)  # {::options ... /}: nothing to show
        stop = self._find_stop(index, name)
        if stop is None:
            return self._vacate(index, index)
        if name == "nomarkdown":
            # Its content is shown as written, so it is not read for kramdown syntax either.
            self._vacate(index, index)
            for inner in range(index + 1, stop):
                if self.lines[inner] is not None:
                    self._read(inner, self._kind(self.lines[inner]))
            return self._vacate(stop, stop)
        return self._vacate(index, stop)  # {::comment} and unknown tags: the content goes too

    def _find_stop(self, index: int, name: str) -> int | None:
        for later in range(index + 1, len(self.lines)):
            stop = EXTENSION_STOP_LINE.match(self.lines[later] or "")
            if stop and stop.group(1) in ("", name):
                return later
        return None

    def _toc_item(self, index: int) -> bool:
        """`1. TOC` then `{:toc}`: Just the Docs' table of contents, as Python-Markdown's marker."""
        item = self.last_text
        if item != index - 1 or not TOC_ITEM.match(self.lines[item]):
            return False
        if item > 0 and (self.lines[item - 1] or "").strip():
            # [TOC] must be a paragraph of its own: use the {:toc} line, after a blank one.
            self.lines[item], self.lines[index] = "", "[TOC]"
        else:
            self.lines[item], self.lines[index] = "[TOC]", ""
        self.prev = "blank"
        return True

    def _attribute_lines(self, index: int) -> int:
        """A run of block IALs: attach them where kramdown does, if attr_list can follow."""
        end = index
        while end + 1 < len(self.lines) and _is_ial(self.lines[end + 1]):
            end += 1
        attrs = " ".join(
            self._resolve(IAL_LINE.match(self.lines[i]).group(1)) for i in range(index, end + 1)
        ).strip()
        after = self._next_line(end)
        if not attrs:
            return self._vacate(index, end)
        if self.prev == "atx":
            self.lines[self.last_text] = _with_attrs(self.lines[self.last_text], attrs)
            return self._vacate(index, end)
        if self.prev == "setext":
            heading = self._text_before(self.last_text)
            self.lines[heading] = _with_attrs(self.lines[heading], attrs)
            return self._vacate(index, end)
        if self.prev == "quote":  # the quote's own: a paragraph of it that callouts.py reads
            self.lines[index] = ">\n> {: " + attrs + " }"
            return self._vacate(index + 1, end) if end > index else self._after_quote(index)
        if self.prev in ("paragraph", "list"):
            # After the block's last line, attr_list applies it; kramdown also ends the block here,
            # so text right after it starts a new paragraph.
            self.lines[index] = " " * _indent(self.lines[index]) + "{: " + attrs + " }"
            for i in range(index + 1, end + 1):
                self.lines[i] = ""
            if index == end and after is not None and (self.lines[after] or "").strip() \
                    and not ATX_START.match(self.lines[after]):
                self.lines[index] += "\n"
            self._read(index, "blank")
            return end + 1
        if self.prev == "blank":
            return self._before_block(index, end, attrs)
        # After a table, code, a rule or HTML, attr_list can't follow; a blank line, as kramdown
        # also ends the block here (a table would read the next line as a row).
        return self._vacate(index, end, join=False)

    def _before_block(self, index: int, end: int, attrs: str) -> int:
        """IALs before a block apply to it: after a paragraph or on a heading; else dropped."""
        first = end + 1
        line = self.lines[first] if first < len(self.lines) else None
        if line is None or not line.strip() or first in self.code:
            return self._vacate(index, end)  # kramdown drops an IAL followed by a blank line
        following = self.lines[first + 1] if first + 1 < len(self.lines) else None
        kind = self._kind(line, "blank")
        if kind == "atx" or (kind == "paragraph" and following is not None
                             and SETEXT_UNDERLINE.match(following)):
            self.lines[first] = _with_attrs(line, attrs)
            return self._vacate(index, end)
        if kind == "quote":  # a paragraph inside the quote that callouts.py applies to the quote
            for i in range(index, end):
                self.lines[i] = ""
            # Python-Markdown would join this quote to one just before it; kramdown does not.
            apart = "<!-- -->\n\n" if (self.lines[self.last_text] or "").lstrip().startswith(">") else ""
            self.lines[end] = apart + "> {: " + attrs + " }\n>"
            self._read(end, "quote")
            return end + 1
        if kind != "paragraph":
            return self._vacate(index, end)  # a list, table or HTML: attr_list can't
        last = first
        while last + 1 < len(self.lines):
            more = self.lines[last + 1]
            if more is None or not more.strip() or _is_ial(more) or last + 1 in self.code \
                    or self._kind(more, "paragraph") != "paragraph":
                break
            last += 1
        # Move the paragraph up over the IAL lines and put them after it: same number of lines.
        paragraph = self.lines[first:last + 1]
        self.lines[index:last + 1] = [""] * (end - index) + paragraph + ["{: " + attrs + " }"]
        self._read(index, "blank")
        return index + (end - index)

    def _after_quote(self, index: int) -> int:
        self._read(index, "blank")
        after = self._next_line(index)
        if after is not None and (self.lines[after] or "").strip():
            self.lines[index] += "\n"  # kramdown ends the quote here
        return index + 1

    def _vacate(self, start: int, end: int, join: bool = True) -> int:
        """Remove lines `start`..`end`: blank, or (with `join`) deleted where a blank line would
        split the paragraph around them."""
        after = self._next_line(end)
        inside = join and self.prev in CONTINUED and after is not None \
            and (self.lines[after] or "").strip()
        for i in range(start, end + 1):
            self.lines[i] = None if inside else ""
        if not inside:
            self._read(end, "blank")
        return end + 1

    # Span-level syntax --------------------------------------------------------------------------

    def _span_syntax(self, line: str) -> str:
        """Span extension tags removed (nomarkdown's content kept) and ALD references resolved,
        outside code spans."""
        parts = []
        last = 0
        for start, end in code_spans(line):
            parts.append(self._span_text(line[last:start]))
            parts.append(line[start:end])
            last = end
        parts.append(self._span_text(line[last:]))
        return "".join(parts)

    def _span_text(self, text: str) -> str:
        if "{" in text and ("{::" in text or "{:/" in text):
            text = SPAN_COMMENT.sub("", text)
            text = SPAN_NOMARKDOWN.sub(r"\1", text)
            text = SPAN_EXTENSION.sub("", text)
        if self.definitions:
            text = SPAN_IAL.sub(lambda m: "{: " + self._resolve(m.group(1)) + " }", text)
        return text

    def _resolve(self, attrs: str) -> str:
        """kramdown reads a bare word in an IAL as the name of a definition: put its attributes in
        its place (attr_list would make it an attribute); unknown names are dropped, as kramdown
        does."""
        words = []
        for word in _attribute_words(attrs):
            if word[0] in ".#" or "=" in word:
                words.append(word)
            elif word in self.definitions:
                words.append(self.definitions[word])
        return " ".join(words)

    # Reading the page ---------------------------------------------------------------------------

    def _kind(self, line: str, prev: str | None = None) -> str:
        """The kind of block `line` belongs to, given the kind of the line before it."""
        prev = self.prev if prev is None else prev
        if not line.strip():
            return "blank"
        if line.startswith(("    ", "\t")):
            return "indented" if prev in ("blank", "atx", "setext", "hr", "code", "indented") \
                else prev
        if ATX_START.match(line):
            return "atx"
        if prev == "paragraph" and SETEXT_UNDERLINE.match(line):
            return "setext"
        if HRULE.match(line):
            return "hr"
        if line.lstrip().startswith(">"):
            return "quote"
        if TABLE_RULE.match(line) and prev in ("paragraph", "table"):
            return "table"
        if LIST_ITEM.match(line):
            return "paragraph" if prev == "paragraph" else "list"
        if HTML_START.match(line) and prev not in CONTINUED:
            return "html"
        return prev if prev in CONTINUED else "paragraph"

    def _read(self, index: int, kind: str) -> None:
        self.prev = kind
        if kind != "blank":
            self.last_text = index

    def _next_line(self, index: int) -> int | None:
        for later in range(index + 1, len(self.lines)):
            if self.lines[later] is not None:
                return later
        return None

    def _text_before(self, index: int) -> int:
        for earlier in range(index - 1, -1, -1):
            if self.lines[earlier] is not None:
                return earlier
        return index


def _attribute_definitions(lines: list[str], code: frozenset[int]) -> dict[str, str]:
    """`{:name: .class #id}` lines outside fenced code, by name (kramdown allows use before)."""
    definitions: dict[str, str] = {}
    for index, line in enumerate(lines):
        if "{:" in line and index not in code and (match := ALD_LINE.match(line)):
            definitions[match.group(1)] = " ".join(_attribute_words(match.group(2)))
    return definitions


def _is_ial(line: str | None) -> bool:
    return line is not None and bool(IAL_LINE.match(line)) and not ALD_LINE.match(line)


def _attribute_words(attrs: str) -> list[str]:
    """An attribute list split on spaces, keeping quoted values whole."""
    return re.findall(r"""[^\s=]+=(?:"[^"]*"|'[^']*'|\S+)|\S+""", attrs)


def _with_attrs(heading: str, attrs: str) -> str:
    """A heading line with `attrs` added to its attribute list (attr_list reads only one)."""
    if (existing := TRAILING_ATTRS.search(heading)):
        heading, attrs = heading[:existing.start()], f"{existing.group(1).strip()} {attrs}"
    return f"{heading.rstrip()} {{: {attrs.strip()} }}"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


