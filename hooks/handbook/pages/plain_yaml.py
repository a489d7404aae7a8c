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
from typing import Any

# A key YAML reads as one: a word, well under YAML's limit of 1,024 characters for a key without
# quotes (past it PyYAML finds no key at all).
KEY = r"[A-Za-z_][A-Za-z0-9_-]{0,199}"
# Plain words: a letter or a `/` first (a digit too on a wrapped line); then nothing YAML reads as
# a comment (` #`) or a mapping (`: `, a final `:`), and no trailing space, which YAML would strip.
_WORDS = r"(?:[^: \n]|:(?=[^ \n])| (?=[^#\n]))*"
PLAIN_WORDS = r"[A-Za-z/]" + _WORDS
WRAPPED_WORDS = r"[A-Za-z0-9]" + _WORDS
# Every line front matter read here may have, each as one row of groups, found by one findall for
# the whole front matter (no match: the line is none of these):
# - `key: value` or `key:` alone: (key, spaces before the value, plain words | other value);
# - `- value`, a list item: (its indentation, "-", plain words | other value);
# - an indented line, words wrapped from the line before: (indentation, plain words | other text).
# A line that is both an item and indented is an item.
LINE = re.compile(
    rf"^(?:({KEY}):(?:( +)(?:({PLAIN_WORDS})|(.*)))?"
    rf"|( *)(-) +(?:({PLAIN_WORDS})|(.*))"
    rf"|( +)(?:({WRAPPED_WORDS})|(.*)))$", re.MULTILINE)
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
    # One row of LINE's groups for each line (the last line's end may be missing): a line that
    # matched nothing leaves the rows fewer than the lines. The rows are read with subscripts and
    # `in`, no call for each line: this runs for every page.
    rows = LINE.findall(source)
    count = len(rows)
    if count != source.count("\n") + (source[-1:] not in ("", "\n")):
        return None
    data: dict[str, Any] = {}
    key_lines: dict[str, int] = {}
    at = 0
    while at < count:
        key, spaces, words, other = rows[at][:4]
        if not key or key in data or key in WORDS:
            return None
        key_lines[key] = at + 2
        at += 1
        if not spaces:  # `key:` alone: a list (or nothing: null)
            items: list[Any] = []
            indent = None
            while at < count and rows[at][5]:
                spaces, _, words, other = rows[at][4:8]
                if indent is None:
                    indent = spaces
                elif spaces != indent:
                    return None
                item = (WORDS[words] if words in WORDS else words) if words else _scalar(other)
                if item is _UNREAD:
                    return None
                items.append(item)
                at += 1
            value = items or None
        elif words:
            value = WORDS[words] if words in WORDS else words
            if at < count and rows[at][8]:  # wrapped onto the lines after it
                wrapped = [words]
                while at < count and rows[at][8]:
                    if not rows[at][9]:
                        return None
                    wrapped.append(rows[at][9])
                    at += 1
                value = " ".join(wrapped)
        else:
            value = _scalar(other)
        if value is _UNREAD:
            return None
        data[key] = value
    return data, key_lines


def _scalar(written: str) -> Any:
    """A value on one line that is not plain words: a whole number or quoted text."""
    if WHOLE_NUMBER.fullmatch(written):
        return int(written)
    if QUOTED.fullmatch(written):
        return written[1:-1]
    return _UNREAD
