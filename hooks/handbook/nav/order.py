"""Sibling order, as Just the Docs sorts it (`_includes/components/nav/sorted.html`), made
deterministic: JtD leaves siblings with equal keys in any order; here they are ordered by title,
then path, and each tie is reported."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from handbook.pages.schema import PageRecord
from handbook.pages.values import is_number, ruby_str
from handbook.problems import Problem

CASE_SENSITIVE = "case_sensitive"
CASE_INSENSITIVE = "case_insensitive"  # JtD's `nav_sort: case_insensitive` (Liquid's sort_natural)
REVERSED = ("reversed", "desc")  # the `child_nav_order` values JtD reverses children for
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def sort_key(record: PageRecord, nav_sort: str = CASE_SENSITIVE) -> tuple[int, float, str]:
    """Numeric nav_order, then text nav_order, then (pages without nav_order) numeric titles, then
    text titles. Text compares case-sensitively (`Banana` before `apple`) unless `nav_sort` is
    case_insensitive, which folds only A-Z, as Ruby's casecmp does."""
    if record.nav_order is not None:
        kind = type(record.nav_order)  # a whole number (most pages) is a number without a call
        if kind is int or kind is float or is_number(record.nav_order):
            return (0, record.nav_order, "")
        return (1, 0, _fold(str(record.nav_order), nav_sort))
    if is_number(record.nav_title):
        return (2, record.nav_title, "")
    return (3, 0, _fold(ruby_str(record.nav_title), nav_sort))


def _fold(text: str, nav_sort: str) -> str:
    return text.translate(_ASCII_LOWER) if nav_sort == CASE_INSENSITIVE else text


def order_siblings(group: Sequence[PageRecord], nav_sort: str = CASE_SENSITIVE,
                   reverse: bool = False) -> list[PageRecord]:
    """`group` in JtD's order (last first when `reverse`); ties by title, then path."""
    ordered = sorted(group, key=lambda r: (sort_key(r, nav_sort), r.title.casefold(), r.title, r.path))
    return ordered[::-1] if reverse else ordered


def tie_problems(ordered: Sequence[PageRecord], where: str, nav_sort: str = CASE_SENSITIVE,
                 orphans: Collection[str] = (), changed: Collection[str] = ()) -> list[Problem]:
    """A warning for each run of siblings whose sort keys are equal (JtD may show them in any
    order), reported at the file this change touched (`changed`, when git knows), else the first
    by title. `orphans` (pages whose parent names nothing) take part in no tie."""
    problems = []
    keys = [sort_key(record, nav_sort) for record in ordered]  # each made once
    start, count = 0, len(keys)
    while start < count:
        key = keys[start]
        end = start + 1
        while end < count and keys[end] == key:
            end += 1
        if end - start == 1:  # no tie, as for most pages
            start = end
            continue
        tied = sorted((r for r in ordered[start:end] if r.path not in orphans),
                      key=lambda r: (r.title.casefold(), r.title, r.path))
        if len(tied) > 1:
            first = next((r for r in tied if r.path in changed), tied[0])
            others = ", ".join(f"{r.path} ('{r.title}')" for r in tied if r is not first)
            what = (f"nav_order {first.nav_order}" if key[0] == 0
                    else f"nav_order '{first.nav_order}'" if key[0] == 1
                    else f"title '{first.title}'")
            problems.append(Problem(
                first.path, first.line_of("nav_order", "title"),
                f"{what} ties with {others} {where}; Just the Docs shows tied pages in any order, "
                "the handbook by title, then path. Give each page its own nav_order",
                "warning",
            ))
        start = end
    return problems
