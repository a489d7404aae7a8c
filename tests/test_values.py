"""Front-matter values as Liquid compares them (handbook/pages/values.py): each function answers
the usual values by their exact type first, and must answer as its definition does for values of
every type, subclasses of str, int and float included."""

from __future__ import annotations

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from handbook.pages.values import is_number, liquid_contains, liquid_eq, ruby_str


class Text(str):
    pass


class Whole(int):
    pass


class Real(float):
    pass


VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 3), st.integers(), st.floats(),
    st.sampled_from(["", "x", "2024", "1", "1.0", "true", "None"]), st.text(max_size=3),
    st.sampled_from(["x", "2024", ""]).map(Text), st.integers(-3, 3).map(Whole),
    st.sampled_from([1.0, 2024.0, -0.0]).map(Real), st.dates(), st.lists(st.integers(0, 2), max_size=2))


def number(value) -> bool:
    """The definition: an int or a float, and not a bool."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def equal(left, right) -> bool:
    """The definition of Liquid's `==`: numbers by value, everything else by type and value."""
    if number(left) and number(right):
        return left == right
    return type(left) is type(right) and left == right


@settings(max_examples=3000, deadline=None)
@given(VALUES, VALUES, st.lists(VALUES, max_size=5))
def test_values_compare_as_liquid_defines_it(left, right, items):
    assert is_number(left) == number(left)
    assert liquid_eq(left, right) == equal(left, right)
    assert liquid_eq(left, left) == equal(left, left)
    assert liquid_contains(items, left) == any(equal(item, left) for item in items)
    assert liquid_contains([*items, right], left) == any(equal(i, left) for i in [*items, right])
    assert liquid_contains(items + [left], left) == any(equal(i, left) for i in items + [left])


@given(VALUES)
def test_text_is_its_own_ruby_string(value):
    if isinstance(value, str):
        assert ruby_str(value) == str(value)
    if isinstance(value, (datetime.date, list)) or value is None:
        assert ruby_str(value) == ("" if value is None else str(value))


def plain_sort_key(record, nav_sort):
    """nav/order.py's sort_key asking is_number of every value: the reference."""
    from handbook.nav.order import _fold

    if record.nav_order is not None:
        if is_number(record.nav_order):
            return (0, record.nav_order, "")
        return (1, 0, _fold(str(record.nav_order), nav_sort))
    if is_number(record.nav_title):
        return (2, record.nav_title, "")
    return (3, 0, _fold(ruby_str(record.nav_title), nav_sort))


@settings(max_examples=2000, deadline=None)
@given(VALUES, VALUES, st.sampled_from(["case_sensitive", "case_insensitive"]))
def test_sort_keys_ask_is_number_only_of_other_values_than_whole_and_real_numbers(
        nav_order, nav_title, nav_sort):
    from handbook.nav.order import sort_key
    from handbook.pages.schema import PageRecord

    record = PageRecord(path="a.md", title="A", nav_order=nav_order, nav_title=nav_title)
    assert sort_key(record, nav_sort) == plain_sort_key(record, nav_sort)
