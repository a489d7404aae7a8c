"""Front matter with an `&` or a `*` is read by libyaml's parser under the refusing composer, and by
PyYAML's own loader whenever libyaml finds anything to say: either way the result, the problems
and their words are PyYAML's (a differential test of the two paths)."""

from __future__ import annotations

from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handbook.pages import frontmatter
from handbook.pages.frontmatter import parse_front_matter

pytestmark = pytest.mark.skipif(frontmatter._CParser is None, reason="PyYAML without libyaml")

# Pieces that break parsers, and the places where libyaml and PyYAML were found to differ.
PIECES = ["title", "tags", "x", ": ", ":", "-", "- ", "\n", "\n  ", "\n    ", "\t", " ", "&a ",
          "*a", "&b", "*b", "<<: *a", "!!str ", "!!int ", "!", "! ", "[", "]", "{", "}", ",", "'",
          '"', "#", " #", "|", ">", "|-", ">+", "|2", "?", "? ", "%YAML 1.1\n",
          "%TAG ! tag:x,2000:\n", "---\n", "...\n", "2026-02-30", "1e999", "~", "null", "yes",
          "R&D", "*emphasis*", "é", "\U0001F680", "\\", "%", "@", "`", "\u2028", "\x85", "\ufeff",
          "\r", "\xa0", "\x00"]
VALUES = ["*a*", "&", "R&D", "a * b", "'*'", '"*"', "x", "1", "2026-01-01", "yes", "~", "a: b",
          "a #c", "[a, *b]", "[a, b]", "{a: *b}", "'it''s'", '"\\u00e9"', "\n  - x", "\n- y",
          ">-\n  folded *x*\n  text", "|\n  lit & x\n", "!x", "!", "|x", ">#"]


@st.composite
def key_value_lines(draw) -> str:
    """Mostly valid front matter: `key: value` lines and lists, with `&`s and `*`s in them."""
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        key = draw(st.sampled_from(["title", "description", "tags", "a*b", "x&y", "k"]))
        lines.append(f"{key}: " + "".join(draw(st.lists(st.sampled_from(VALUES), max_size=5))))
    return "\n".join(lines) + "\n"


def read_by_pyyaml(source: str):
    with mock.patch.object(frontmatter, "_CParser", None):
        return parse_front_matter(source, "p.md")


def outcome(read):
    try:
        return read()
    except Exception as err:  # noqa: BLE001 (the two paths must fail alike too)
        return type(err)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.lists(st.sampled_from(PIECES), max_size=30).map("".join), key_value_lines()))
def test_libyaml_reads_front_matter_as_pyyaml_does(source):
    source += "\nz: '*'\n"  # an `*`, so the text takes the libyaml path
    assert (outcome(lambda: parse_front_matter(source, "p.md"))
            == outcome(lambda: read_by_pyyaml(source))), repr(source)


@pytest.mark.parametrize("source", [
    "title: '*Bold* & brave'\ntags:\n- a\n- b\n",
    "description: >-\n  R&D *notes*\n  folded\n",
])
def test_ordinary_front_matter_with_stars_is_read_by_libyaml(source):
    assert frontmatter._read_with_libyaml(source, "p.md") == read_by_pyyaml(source)


@pytest.mark.parametrize("source", [
    "title: &a x\nb: *a\n",  # refused: PyYAML's loader words it
    "title: '*'\ntitle: x\n",  # a key twice
    "- '*'\n",  # not a mapping
    "title: '*'\n\tx: 1\n",  # a tab
    "? !\nz: '*'\n",  # a tag: null for PyYAML, "" for libyaml
    "a: >#x\nz: '*'\n",  # a block scalar header only libyaml accepts
    "a: " + "[" * 40 + "]" * 40 + "\nz: '*'\n",  # deeper than front matter ever nests
])
def test_anything_libyaml_would_have_to_say_is_left_to_pyyaml(source):
    assert frontmatter._read_with_libyaml(source, "p.md") is None
