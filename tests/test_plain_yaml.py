"""Front matter of plain `key: value` lines is read without YAML's machinery
(handbook/pages/plain_yaml.py), and whatever that reader accepts must read exactly as PyYAML reads
it: the same keys, values of the same types, the same line for each key, and no problem (a
differential test of the two paths on generated front matter)."""

from __future__ import annotations

import re
import string
from unittest import mock

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from handbook.pages import frontmatter
from handbook.pages.plain_yaml import _UNREAD, QUOTED, WHOLE_NUMBER, WORDS, read_plain

KEYS = ["title", "parent", "nav_order", "tags", "grand_parent", "a-b", "_x", "Title", "yes", "on",
        "No", "null", "y", "x1", "k"]
VALUES = ["Plain words", "x", "R&D and *stars*", "C#", "a#b", "a #b", "a: b", "a:b", "a:", "a ",
          "it's", "say \"hi\"", "a, b", "[a]", "{a: 1}", "0", "7", "007", "12", "1.5", "1e3",
          "2026-01-01", "1_000", "-1", "+1", "0x1F", "1:30", "123456789012345678",
          "1234567890123456789", "yes", "No", "TRUE", "off", "null", "Null", "~", "y", "n", "",
          "'quoted'", "'it''s'", "'a' b", "\"dq\"", "\"a: b # c\"", "\"esc\\\"\"", "\"\\u00e9\"",
          "'#'", "\"\"", "''", "&a x", "*a", "!x", "!!str 1", "|", ">", "- x", "? x", "%x", "@x",
          "`x`", "é", "\U0001F680 launch", "x\u00a0y", "x\ty", "\ufeffx", "x\u200dy", ".inf",
          "=", "<<", "/docs/x/", "/", "/x: y", "/#", "/x #y"]
# YAML 1.1's words for true, false and null, and near misses, in every case PyYAML might know.
VALUES += [spelling for word in ("yes", "no", "true", "false", "on", "off", "null", "y", "n",
                                 "none", "nil")
           for spelling in (word, word.title(), word.upper(), word[0] + word[1:].upper(),
                            word.swapcase().title().swapcase())]
INDENTS = ["", " ", "  ", "    "]


@st.composite
def front_matter(draw) -> str:
    """Lines of the shapes front matter has (key lines, list items, wrapped words), with the
    values and indentations where a plain reader could go wrong."""
    lines = []
    for _ in range(draw(st.integers(1, 8))):
        shape = draw(st.sampled_from(["key", "key", "empty key", "item", "wrapped", "other"]))
        if shape == "key":
            spaces = draw(st.sampled_from([" ", " ", "  "]))
            lines.append(f"{draw(st.sampled_from(KEYS))}:{spaces}{draw(st.sampled_from(VALUES))}")
        elif shape == "empty key":
            lines.append(f"{draw(st.sampled_from(KEYS))}:")
        elif shape == "item":
            lines.append(f"{draw(st.sampled_from(INDENTS))}- {draw(st.sampled_from(VALUES))}")
        elif shape == "wrapped":
            lines.append(draw(st.sampled_from(INDENTS[1:])) + draw(st.sampled_from(
                ["more words", "2 more", "and: this", "x #y", "- z", "#c", "k: v", "end:", "/x"])))
        else:
            lines.append(draw(st.sampled_from(
                ["", "# comment", "key :x", "title:x", "title:: x", "- ", "-", "---", "...",
                 "\tx: 1", "title: x # c", "a: [1, 2]", "a: {b: c}", "  b: c"])))
    return "\n".join(lines) + "\n"


def typed(value):
    """A value with the type of every part, so that True and 1, or 1 and '1', differ."""
    if isinstance(value, dict):
        return {key: typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [typed(item) for item in value]
    return (type(value).__name__, value)


def read_by_yaml(source: str):
    with mock.patch.object(frontmatter, "read_plain", lambda source: None):
        return frontmatter.parse_front_matter(source, "p.md")


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(front_matter())
@example("title: Plain words\nnav_order: 3\ntags:\n- a\n- b\n")
@example("description: Words that wrap\n  onto a second line\n  and 2 more\nparent: P\n")
@example("tags:\n  - yes\n  - 'quoted'\n  - 12\nhas_children: true\nnav_exclude: off\n")
@example("title: x\ntitle: y\n")  # written twice: YAML's reader words it
@example("yes: x\n")  # a key that YAML reads as true
@example("title: yes\n  more\n")  # a word for true, wrapped: plain text
@example("tags:\n- a\n  - b\n")  # a wrapped item
def test_the_plain_reader_reads_what_it_accepts_as_yaml_does(source):
    plain = read_plain(source)
    if plain is None:
        return
    data, key_lines, problems = read_by_yaml(source)
    assert problems == [], repr(source)
    assert (typed(plain[0]), plain[1]) == (typed(data), key_lines), repr(source)


@pytest.mark.parametrize("source", [
    "title: Interview principles\nparent: Research\nnav_order: 13\ndescription: Choose a\n"
    "  principle and test it.\ntags:\n- governance\n- launches\n",
    "title: 'Roles: who does what'\nnav_exclude: true\nredirect_from:\n  - /old/roles/\n",
    "layout: default\ntitle: \"Home\"\nhas_children: yes\npermalink: /docs/home\n",
])
def test_ordinary_front_matter_takes_the_plain_path(source):
    assert read_plain(source) is not None
    assert frontmatter.parse_front_matter(source, "p.md") == read_by_yaml(source)


@pytest.mark.parametrize("source", [
    "title: x\ntitle: y\n",  # a key written twice
    "title: x # a comment\n",
    "date: 2026-01-01\n",
    "nav_order: 1.5\n",
    "nav_order: 010\n",  # octal for YAML 1.1
    "title: \"a \\\" b\"\n",  # an escape
    "tags: [a, b]\n",
    "\n",
    "title: x\u00a0y\n",
    "on: x\n",
])
def test_anything_else_is_left_to_yaml(source):
    assert read_plain(source) is None


@pytest.mark.parametrize("value", VALUES)
@pytest.mark.parametrize("shape", ["k: {}\n", "k:  {}\n", "k:\n- {}\n", "k:\n  - {}\n",
                                   "k: a\n  {}\n"])
def test_each_value_alone_reads_as_yaml_reads_it(shape, value):
    source = shape.format(value)
    plain = read_plain(source)
    if plain is not None:
        data, key_lines, problems = read_by_yaml(source)
        assert problems == []
        assert (typed(plain[0]), plain[1]) == (typed(data), key_lines)


@pytest.mark.parametrize("source", [
    "description: start\n" + "  more words\n" * 5000,  # a page's whole limit of wrapped lines
    "tags:\n" + "- tag\n" * 5000,
    "title: x\n   \n",  # a line of spaces only
    "title: x\n" + " " * 1000 + "y\n",
    "k" * 5000 + ": " + "v" * 20000 + "\n",  # a key past YAML's limit of 1,024 characters
    *(f"{'k' * n}: v\n" for n in (199, 200, 201, 1023, 1024, 1025)),
])
def test_hostile_front_matter_reads_as_yaml_or_is_left_to_it(source):
    plain = read_plain(source)
    if plain is not None:
        data, key_lines, problems = read_by_yaml(source)
        assert problems == []
        assert (typed(plain[0]), plain[1]) == (typed(data), key_lines)


# The reader as it was written line by line, before LINE read every line in one findall: whatever
# it read (or left to YAML), the one-findall reader must read the same.
REF_KEY_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]{0,199}):(?: +(.*))?")
REF_ITEM_LINE = re.compile(r"( *)- +(.*)")
REF_PLAIN_FIRST = frozenset(string.ascii_letters + "/")
REF_WRAPPED_FIRST = frozenset(string.ascii_letters + string.digits)


def line_by_line(source: str):
    if not source.replace("\n", "").isprintable():
        return None
    lines = source.split("\n")
    if lines[-1] == "":
        del lines[-1]
    count = len(lines)
    data, key_lines = {}, {}
    at = 0
    while at < count:
        match = REF_KEY_LINE.fullmatch(lines[at])
        if match is None:
            return None
        key, written = match.groups()
        if key in data or key in WORDS:
            return None
        key_lines[key] = at + 2
        at += 1
        if written is None:
            value, at = _ref_list(lines, at, count)
        elif _ref_plain(written, REF_PLAIN_FIRST):
            value = WORDS[written] if written in WORDS else written
            if at < count and lines[at][:1] == " ":
                words = [written]
                while at < count and lines[at][:1] == " ":
                    wrapped = lines[at].lstrip(" ")
                    if not _ref_plain(wrapped, REF_WRAPPED_FIRST):
                        return None
                    words.append(wrapped)
                    at += 1
                value = " ".join(words)
        else:
            value = _ref_scalar(written)
        if value is _UNREAD:
            return None
        data[key] = value
    return data, key_lines


def _ref_plain(text, first):
    return (text[:1] in first and ": " not in text and " #" not in text
            and text[-1] != ":" and text[-1] != " ")


def _ref_scalar(written):
    if _ref_plain(written, REF_PLAIN_FIRST):
        return WORDS[written] if written in WORDS else written
    if WHOLE_NUMBER.fullmatch(written):
        return int(written)
    if QUOTED.fullmatch(written):
        return written[1:-1]
    return _UNREAD


def _ref_list(lines, at, count):
    items = []
    indent = None
    while at < count:
        match = REF_ITEM_LINE.fullmatch(lines[at])
        if match is None:
            if lines[at][:1] in (" ", "-"):
                return _UNREAD, at
            break
        spaces, written = match.groups()
        if indent is None:
            indent = spaces
        elif spaces != indent:
            return _UNREAD, at
        item = _ref_scalar(written)
        if item is _UNREAD:
            return _UNREAD, at
        items.append(item)
        at += 1
    return (items or None), at


# Pieces of lines, and lines of every shape, joined with and without a last line end.
LINE_PIECES = st.sampled_from(["title", "k", "_x", "a-b", "yes", ":", ": ", "  ", " ", "-", "- ",
                               "#", " #", "x", "7", "07", "'q'", "\"d\"", "/", "é", "\u00a0", "\t",
                               "[a]", "1.5", "\r", "\n"])


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(
    st.lists(LINE_PIECES, max_size=30).map("".join),
    front_matter(),
    front_matter().map(lambda source: source[:-1]),
))
@example("k: a\n /x\n")  # a wrapped line does not start with `/` (YAML would read it)
@example("k: a\n  - b\n")  # nor with `-`
@example("k:\n  b\n")  # a list's item is not wrapped words
def test_one_findall_reads_as_the_line_by_line_reader(source):
    assert typed_or_none(read_plain(source)) == typed_or_none(line_by_line(source))


def typed_or_none(read):
    return None if read is None else (typed(read[0]), read[1])
