"""Front matter of plain `key: value` lines is read without YAML's machinery
(handbook/pages/plain_yaml.py), and whatever that reader accepts must read exactly as PyYAML reads
it: the same keys, values of the same types, the same line for each key, and no problem (a
differential test of the two paths on generated front matter)."""

from __future__ import annotations

from unittest import mock

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from handbook.pages import frontmatter
from handbook.pages.plain_yaml import read_plain

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
                ["more words", "2 more", "and: this", "x #y", "- z", "#c", "k: v", "end:"])))
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
