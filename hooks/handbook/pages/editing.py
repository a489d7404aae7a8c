"""The text the command line writes: a new page, a page's `nav_order` set in place, a file name and
the next free `nav_order`.

Edits change only what they must: every other byte of a page (line ends, a byte-order mark,
comments, key order, quoting) is kept, and each edit is checked by reading the page back.
"""

from __future__ import annotations

import codecs
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

import yaml

from handbook.markdown.emoji import strip_emoji
from handbook.pages.frontmatter import FRONT_MATTER, read_page
from handbook.pages.schema import is_number

LINE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|$)")
# Letters NFKD does not split into a base letter and an accent.
TRANSLITERATION = str.maketrans({
    "ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
    "ð": "d", "Ð": "D", "ł": "l", "Ł": "L", "þ": "th", "Þ": "Th", "ı": "i", "&": " and ",
    "'": "", "’": "",  # "Don't" -> "dont", not "don-t"
})
MAX_STEM = 60


class EditError(Exception):
    """A page that cannot be edited safely; the message says why and what to do instead."""


def file_stem(title: str) -> str:
    """A file name (without `.md`) from a title: `Q&A: Café roadmaps 🚀` -> `q-and-a-cafe-roadmaps`.

    Empty when the title has no letters or digits that have an ASCII form (emoji only, say).
    """
    words = strip_emoji(title).translate(TRANSLITERATION)
    ascii_words = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_words.lower()).strip("-")
    if len(slug) > MAX_STEM:  # long titles make unwieldy links; cut at a word boundary
        cut = slug[:MAX_STEM + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else slug[:MAX_STEM]
    return slug


def next_nav_order(orders: Iterable[int | float]) -> int:
    """The `nav_order` that puts a new page after its siblings' numeric orders.

    Siblings numbered in tens get the next ten (a gap is left for later insertions, as they
    intended); otherwise the next whole number; no numbered siblings: 10.
    """
    numbers = [n for n in orders if is_number(n)]
    if not numbers:
        return 10
    largest = max(numbers)
    if all(n % 10 == 0 for n in numbers):
        return int(largest // 10 + 1) * 10
    return math.floor(largest) + 1


def front_matter_entry(key: str, value: Any) -> str:
    """One key as YAML, quoted only where YAML needs it, on as few lines as the value allows."""
    text = yaml.safe_dump({key: value}, allow_unicode=True, width=math.inf, sort_keys=False,
                          default_flow_style=False)
    if isinstance(value, list):  # the handbook indents list items under their key
        first, *items = text.splitlines()
        return "\n".join([first, *("  " + item for item in items)]) + "\n"
    return text


def html_comment(text: str) -> str:
    """`text` as an HTML comment that no title inside it can end early."""
    # `--` may not appear inside a comment (`-->` would close it), so split every run of dashes.
    safe = re.sub(r"-(?=-)", "- ", text)
    return f"<!--\n{safe.strip()}\n-->\n"


def new_page_text(front_matter: Mapping[str, Any], guidance: str) -> str:
    """A new page: the front matter in the order given, then `guidance` as a comment to replace."""
    entries = "".join(front_matter_entry(key, value) for key, value in front_matter.items()
                      if value is not None)
    return f"---\n{entries}---\n\n{html_comment(guidance)}"


def set_nav_order(raw: bytes, order: int) -> bytes:
    """`raw` with `nav_order: order`: the value replaced where the key is, else a line added after
    `title` (or at the end of the front matter), else a front-matter block added at the top."""
    bom = codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""
    try:
        text = raw[len(bom):].decode("utf-8")
    except UnicodeDecodeError as err:
        raise EditError("is not valid UTF-8; re-save it with UTF-8 encoding first") from err
    lines = [[m.group(1), m.group(2)] for m in LINE.finditer(text)]
    if lines and lines[-1] == ["", ""]:
        lines.pop()  # the empty match after the last line end
    newline = next((ending for _, ending in lines if ending), "\n")
    normal = "".join(content + ("\n" if ending else "") for content, ending in lines)

    match = FRONT_MATTER.match(normal)
    if not match:
        if lines and re.fullmatch(r"-{3}[ \t]*", lines[0][0]):
            raise EditError("front matter starts with `---` but has no closing `---` line; "
                            "close it, then run the command again")
        block = f"---{newline}nav_order: {order}{newline}---{newline}"
        edited = bom + block.encode("utf-8") + raw[len(bom):]
    else:
        _edit_front_matter(lines, match.group(1), order, newline)
        edited = bom + "".join(content + ending for content, ending in lines).encode("utf-8")
    _check_edit(raw, edited, order)
    return edited


def _edit_front_matter(lines: list[list[str]], source: str, order: int, newline: str) -> None:
    """Edit `lines` (the file's, as [content, line end]) in place; `source` is the front matter's
    text, whose first line is the file's second line (after the opening `---`)."""
    first = 1  # index in `lines` of the front matter's first line
    try:
        node = yaml.compose(source, Loader=yaml.SafeLoader)
    except yaml.YAMLError as err:
        raise EditError("front matter is not valid YAML; fix it first "
                        "(`handbook check` shows where)") from err
    if node is None:  # only blank lines or comments: add the key before the closing `---`
        lines.insert(first + source.count("\n"), [f"nav_order: {order}", newline])
        return
    if not isinstance(node, yaml.MappingNode) or node.flow_style:
        raise EditError("front matter is not a list of `key: value` lines; "
                        "rewrite it as one key per line, e.g. `title: My page`")
    entries = [(k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)]
    found = [(k, v) for k, v in entries if k.value == "nav_order"]
    if len(found) > 1:
        raise EditError("nav_order appears more than once in the front matter; keep one")
    if found:
        key, value = found[0]
        row = first + key.start_mark.line
        content = lines[row][0]
        if value.start_mark.line == key.start_mark.line == value.end_mark.line:
            start, end = value.start_mark.column, value.end_mark.column
            written = str(order)
            if start == end and not content[:start].endswith((" ", "\t")):
                written = " " + written  # `nav_order:` with no value yet
            lines[row][0] = content[:start] + written + content[end:]
            return
        # A value over several lines (a list, a block of text): the key's line takes the number
        # and the value's other lines go.
        colon = content.index(":", key.end_mark.column)
        lines[row][0] = f"{content[:colon + 1]} {order}"
        del lines[row + 1:first + _last_line(value) + 1]
        return
    title = next((v for k, v in entries if k.value == "title"), None)
    indent = " " * entries[0][0].start_mark.column if entries else ""
    row = first + (_last_line(title) + 1 if title is not None else source.count("\n"))
    lines.insert(row, [f"{indent}nav_order: {order}", newline])


def _last_line(node: yaml.Node) -> int:
    """The front-matter line a value ends on (YAML's end mark is at the start of the next line
    when a value ends with its line)."""
    end = node.end_mark
    return max(node.start_mark.line, end.line if end.column > 0 else end.line - 1)


def _check_edit(before: bytes, after: bytes, order: int) -> None:
    """Read both versions back: only nav_order may differ, and it must read as `order`."""
    old, old_problems = read_page(before, "page")
    new, problems = read_page(after, "page")
    old_meta = {k: v for k, v in old.meta.items() if k != "nav_order"}
    new_meta = {k: v for k, v in new.meta.items() if k != "nav_order"}
    if (len(problems) > len(old_problems) or new.meta.get("nav_order") != order
            or new_meta != old_meta or new.body != old.body):
        raise EditError(f"could not be edited safely; set `nav_order: {order}` by hand")
