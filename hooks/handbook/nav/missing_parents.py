"""A `parent` that names no page, reported once per missing name: the pages that name it, and, when
git knows, the page that had that title at the merge base with main and was removed or renamed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from handbook.problems import Problem

LISTED_AT_TOP = "(the page is listed at the top level until then)"
SHOWN = 4  # pages named in full in one message; the rest are counted


def missing_parent_problems(missing: Mapping[str, Sequence[tuple[str, int | None, str]]],
                            titles: Mapping[str, str], renamed: Mapping[str, str],
                            old_titles: Mapping[str, str]) -> list[Problem]:
    """One problem per parent value that matches nothing.

    `missing` maps each value to the pages naming it as (path, line, the resolver's message);
    `titles` are the current pages' titles by path; `renamed` and `old_titles` come from the
    git baseline (old path -> new path; title at the merge base -> the path that had it)."""
    problems = []
    for value, naming in missing.items():
        naming = sorted(naming, key=lambda n: n[0])
        path, line, message = naming[0]
        had = old_titles.get(value)
        if had is not None:
            happened = _what_happened(had, titles, renamed)
            message = f"parent '{value}' matches no page title; {happened}"
        if len(naming) == 1:
            problems.append(Problem(path, line, f"{message} {LISTED_AT_TOP}"))
            continue
        others = [f"{p}:{n}" if n else p for p, n, _ in naming[1:]]
        shown = ", ".join(others[:SHOWN]) + (f" and {len(others) - SHOWN} more"
                                              if len(others) > SHOWN else "")
        problems.append(Problem(
            path, line,
            f"{message} (also named by {shown}; these {len(naming)} pages are listed at the top "
            "level until then)"))
    return problems


def _what_happened(had: str, titles: Mapping[str, str], renamed: Mapping[str, str]) -> str:
    if had in renamed:
        new = renamed[had]
        return (f"{had} had that title at the merge base with main and was renamed to {new}, "
                f"now titled '{titles.get(new, '?')}'; set parent to that title, or give the page "
                "its old title back")
    if had in titles:
        return (f"{had} had that title at the merge base with main and is now titled "
                f"'{titles[had]}'; set parent to the new title, or give the page its old title "
                "back")
    return (f"{had} had that title at the merge base with main and has been removed; restore "
            "that page from main, or set parent to another page's title")
