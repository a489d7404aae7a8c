"""Front-matter values as Jekyll's Liquid sees them: Ruby's `to_s`, and Liquid's typed `==` and
`contains`, which Just the Docs' nav templates use to match `parent` against titles."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


# The usual values (text, whole numbers, None) are answered by their exact type first, without a
# call to isinstance: the nav asks these for every page and its neighbours. tests/test_values.py
# holds each function to its definition on values of every type.

def is_number(value: Any) -> bool:
    """An int or a float, and not a bool (YAML's `true` is an int to Python)."""
    kind = type(value)
    if kind is int or kind is float:
        return True
    if kind is str or value is None:
        return False
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def ruby_str(value: Any) -> str:
    """`value.to_s` in Ruby: `2024` -> '2024', `1.5` -> '1.5', `1e16` -> '1.0e+16', nil -> ''."""
    if type(value) is str:
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        text = repr(value)
        if "e" in text:
            mantissa, exponent = text.split("e")
            return f"{mantissa if '.' in mantissa else mantissa + '.0'}e{exponent}"
        return text
    return str(value)


def liquid_eq(left: Any, right: Any) -> bool:
    """Liquid's `==`: numbers by value, everything else by type and value (2024 != "2024")."""
    if type(left) is str:
        return type(right) is str and left == right
    if is_number(left) and is_number(right):
        return left == right
    return type(left) is type(right) and left == right


def liquid_contains(values: Iterable[Any], value: Any) -> bool:
    """Liquid's `array contains value`."""
    if type(value) is str:  # equal only to text: a loop without a call for each item
        for item in values:
            if type(item) is str and item == value:
                return True
        return False
    return any(liquid_eq(item, value) for item in values)
