"""Front-matter values as Jekyll's Liquid sees them: Ruby's `to_s`, and Liquid's typed `==` and
`contains`, which Just the Docs' nav templates use to match `parent` against titles."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def ruby_str(value: Any) -> str:
    """`value.to_s` in Ruby: `2024` -> '2024', `1.5` -> '1.5', `1e16` -> '1.0e+16', nil -> ''."""
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
    if is_number(left) and is_number(right):
        return left == right
    return type(left) is type(right) and left == right


def liquid_contains(values: Iterable[Any], value: Any) -> bool:
    """Liquid's `array contains value`."""
    return any(liquid_eq(item, value) for item in values)
