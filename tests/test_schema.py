"""The front-matter schema's shortcut: `validate` accepts some values on sight, by their exact type
(pages/schema.py, ON_SIGHT), instead of asking each key's check. With the shortcut and without it,
every page must get the same record and the same problems (a differential test on generated
front matter: every key, values of every type YAML makes, blank and spaced texts, huge numbers)."""

from __future__ import annotations

import dataclasses
import datetime
from unittest import mock

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from handbook.pages import schema
from handbook.pages.frontmatter import PageSource
from handbook.pages.schema import KEYS, validate
from handbook.pages.theme import ThemeFiles, handbook_theme

from conftest import ROOT


class Text(str):
    """A subclass of str, which no loader makes: the shortcut must leave it to the checks."""


TEXTS = st.one_of(
    st.sampled_from(["Plain words", " spaced ", "", " ", "\t", "\u00a0", "\u2003x", "x\u3000",
                     "2026-03-01", " 2026-03-01 ", "2026-02-30", "6 months", "1 YEAR ", "0 days",
                     "reversed", "desc", "new", " deprecated", "toc", "material/compass",
                     "material/no-such-icon", "main.html", "nothing.html", "R&D <b>", "2024"]),
    st.text(max_size=12))
SCALARS = st.one_of(
    TEXTS, TEXTS.map(Text), st.booleans(), st.none(),
    st.integers(-10, 10), st.integers(), st.sampled_from([10 ** 18 - 1, 10 ** 18, -10 ** 18,
                                                          10 ** 30, 10 ** 400]),
    st.floats(), st.dates(), st.datetimes())
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.sampled_from(["page", "label", "exclude", "boost",
                                                             "x"]), inner, max_size=3)),
    max_leaves=6)
NAMES = st.one_of(st.sampled_from(sorted(KEYS)), st.sampled_from(["titel", "Title", "x"]),
                  st.sampled_from(sorted(KEYS)).map(Text), st.integers(0, 3), st.booleans())


@st.composite
def sources(draw) -> PageSource:
    """A page whose front matter holds random values (of every type YAML makes) under known and
    unknown keys, some with a line and some without."""
    meta = draw(st.dictionaries(NAMES, VALUES, max_size=8))
    key_lines = {key: line for line, key in enumerate(meta, start=2)
                 if isinstance(key, str) and draw(st.booleans())}
    body = draw(st.sampled_from(["# A heading\n\nText.\n", "Text only.\n", "Heading\n===\n"]))
    return PageSource("d/p.md", "---\n---\n" + body, meta, key_lines, has_front_matter=True,
                      body_line=draw(st.sampled_from([1, 3])))


def outcome(source: PageSource, theme: ThemeFiles | None):
    """validate's record (every field, with the type of every value) and problems, or the
    exception it raises."""
    try:
        record, problems = validate(source, theme)
    except Exception as err:  # noqa: BLE001 (the same failure either way is what counts)
        return type(err).__name__
    fields = {f.name: typed(getattr(record, f.name)) for f in dataclasses.fields(record)}
    return fields, problems


def typed(value):
    """A value with the type of every part, so that True and 1, 1 and 1.0, or 'x' and Text('x')
    differ."""
    if isinstance(value, dict):
        return {typed(key): typed(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, frozenset)):
        return (type(value).__name__, [typed(item) for item in value])
    if dataclasses.is_dataclass(value):
        return type(value).__name__, typed(dataclasses.asdict(value))
    if isinstance(value, float) and value != value:
        return "float", "nan"
    return type(value).__name__, value


THEME = handbook_theme(ROOT / "overrides")


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sources(), st.booleans())
@example(PageSource("p.md", "x", {"title": " Plain ", "nav_order": 3, "tags": ["a", " b"],
                                  "nav_exclude": True, "prev": False}, {"title": 2}), False)
@example(PageSource("p.md", "x", {"nav_order": 10 ** 30, "tags": []}, {}), False)
@example(PageSource("p.md", "x", {"title": " ", "tags": [" "], "author": []}, {}), False)
@example(PageSource("p.md", "x", {"icon": "material/no-such-icon", "tags": "one"}, {}), True)
@example(PageSource("p.md", "x", {"title": Text("x"), Text("parent"): 2024}, {}), False)
@example(PageSource("p.md", "x", {"last_reviewed": datetime.date(2026, 3, 1),
                                  "nav_order": 1.5}, {}), False)
def test_values_accepted_on_sight_are_what_the_checks_accept(source, with_theme):
    theme = THEME if with_theme else None
    shortcut = outcome(source, theme)
    with mock.patch.dict(schema.ON_SIGHT_BY_KEY, {key: frozenset() for key in KEYS}):
        asked = outcome(source, theme)
    assert shortcut == asked


def test_tags_are_stripped_of_surrounding_spaces():
    # Each tag is stripped where the record is made (one map over the list, no call for each tag).
    for tags, expected in ([[" a ", "b\t", "\u3000c"], ("a", "b", "c")], [" career ", ("career",)],
                           [[Text(" t ")], ("t",)]):
        record, _ = validate(PageSource("p.md", "x", {"title": "T", "tags": tags}, {},
                                        has_front_matter=True))
        assert record.tags == expected
        assert all(type(tag) is str for tag in record.tags)
