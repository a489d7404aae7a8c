"""The usual front matter read without YAML's machinery: `key: value` lines and lists of values.

Nearly every page's front matter is a few `title: Some words` lines, perhaps a list of tags. PyYAML
builds a node for each and resolves every value against its rules; that is most of the time a
build spends on front matter. `read_plain` reads only a small, unambiguous part of YAML itself, and
returns None for anything outside it, which is then read by PyYAML as before. What it reads:

- `key: value`, the key a word of up to 200 characters (`nav_order`, `redirect-from`);
- `key:` alone, followed by a list of `- value` lines, all at one indentation (or by nothing: null);
- a value is plain words starting with a letter or a `/` (an address), possibly wrapped onto
  indented lines after it; a whole number without a leading zero; or text in quotes with no
  escape or quote inside;
- YAML's words for true, false and null are those values, as PyYAML reads them.

Anything else (a comment, a blank line, a tab, a nested mapping, a flow list, a date, a number
with a point, a key written twice, an escape, a character that is not printable) is left to
PyYAML, which reads it and words every problem. tests/test_plain_yaml.py compares the two on
generated front matter.
"""

from __future__ import annotations

import re
import string
from typing import Any

# A key YAML reads as one: a word, well under YAML's limit of 1,024 characters for a key without
# quotes (past it PyYAML finds no key at all).
KEY_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]{0,199}):(?: +(.*))?")
ITEM_LINE = re.compile(r"( *)- +(.*)")
# Plain words start with a letter or a `/` (a digit too on a wrapped line); see `_plain`.
PLAIN_FIRST = frozenset(string.ascii_letters + "/")
WRAPPED_FIRST = frozenset(string.ascii_letters + string.digits)
QUOTED = re.compile(r"\"[^\"\\]*\"|'[^']*'")
WHOLE_NUMBER = re.compile(r"0|[1-9][0-9]{0,17}")
# PyYAML's (YAML 1.1) implicit booleans and nulls among plain words.
WORDS: dict[str, Any] = {
    **{word: True for word in ("yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON")},
    **{word: False for word in ("no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF")},
    **{word: None for word in ("null", "Null", "NULL")},
}
_UNREAD = object()  # a value outside the part of YAML read here


def read_plain(source: str) -> tuple[dict[str, Any], dict[str, int]] | None:
    """(mapping, 1-based file line of each key) for front matter in the part of YAML described
    above, the opening `---` being line 1; None for anything else."""
    if not source.replace("\n", "").isprintable():  # also a tab, a byte-order mark, a NBSP
        return None
    lines = source.split("\n")
    if lines[-1] == "":
        del lines[-1]
    # Subscripts and `in` rather than len(), startswith() and dict.get(): this runs for every line
    # of every page's front matter.
    count = len(lines)
    data: dict[str, Any] = {}
    key_lines: dict[str, int] = {}
    at = 0
    while at < count:
        match = KEY_LINE.fullmatch(lines[at])
        if match is None:
            return None
        key, written = match.groups()
        if key in data or key in WORDS:
            return None
        key_lines[key] = at + 2
        at += 1
        if written is None:
            value, at = _list(lines, at, count)
        elif _plain(written, PLAIN_FIRST):
            value = WORDS[written] if written in WORDS else written
            if at < count and lines[at][:1] == " ":  # wrapped onto the lines after it
                words = [written]
                while at < count and lines[at][:1] == " ":
                    wrapped = lines[at].lstrip(" ")
                    if not _plain(wrapped, WRAPPED_FIRST):
                        return None
                    words.append(wrapped)
                    at += 1
                value = " ".join(words)
        else:
            value = _scalar(written)
        if value is _UNREAD:
            return None
        data[key] = value
    return data, key_lines


def _plain(text: str, first: frozenset[str]) -> bool:
    """Plain words: nothing YAML reads as a comment (` #`) or a mapping (`: `, a final `:`), and no
    trailing space, which YAML would strip."""
    return (text[:1] in first and ": " not in text and " #" not in text
            and text[-1] != ":" and text[-1] != " ")


def _scalar(written: str) -> Any:
    """A value on one line: plain words, a whole number or quoted text."""
    if _plain(written, PLAIN_FIRST):
        return WORDS[written] if written in WORDS else written
    if WHOLE_NUMBER.fullmatch(written):
        return int(written)
    if QUOTED.fullmatch(written):
        return written[1:-1]
    return _UNREAD


def _list(lines: list[str], at: int, count: int) -> tuple[Any, int]:
    """The values of the `- value` lines from `at` (None if there are none) among the first
    `count` lines, and the line after them."""
    items: list[Any] = []
    indent = None
    while at < count:
        match = ITEM_LINE.fullmatch(lines[at])
        if match is None:
            if lines[at][:1] in (" ", "-"):
                return _UNREAD, at
            break
        spaces, written = match.groups()
        if indent is None:
            indent = spaces
        elif spaces != indent:
            return _UNREAD, at
        item = _scalar(written)
        if item is _UNREAD:
            return _UNREAD, at
        items.append(item)
        at += 1
    return (items or None), at
