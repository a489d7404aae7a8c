"""A `parent` that names no page, reported once per missing name: the pages that name it, and, when
git knows, the page that had that title at the merge base with main and was removed or renamed."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from handbook.problems import Problem

LISTED_AT_TOP = "(the page is listed at the top level until then)"
SHOWN = 4  # pages named in full in one message; the rest are counted


def missing_parent_problems(missing: Mapping[str, Sequence[tuple[str, int | None, str]]],
                            titles: Mapping[str, str], renamed: Mapping[str, str],
                            old_titles: Mapping[str, str],
                            listed: Collection[str]) -> list[Problem]:
    """One problem per parent value that matches nothing, about every page that names it.

    `missing` maps each value to the pages naming it as (path, line, the resolver's message);
    `titles` are the current pages' titles by path; `renamed` and `old_titles` come from the
    git baseline (old path -> new path; title at the merge base -> the path that had it);
    `listed` are the pages in the nav. Just the Docs shows such pages nowhere; the handbook lists
    those it would list at the top level, and the problem is shown at the first of them."""
    problems = []
    for value, naming in missing.items():
        naming = sorted(naming, key=lambda n: (n[0] not in listed, n[0]))
        path, line, message = naming[0]
        had = old_titles.get(value)
        if had is not None:
            happened = _what_happened(had, titles, renamed)
            message = f"parent '{value}' matches no page title; {happened}"
        shown = [p for p, _, _ in naming if p in listed]
        also = tuple(p for p, _, _ in naming[1:])
        if len(naming) == 1:
            problems.append(Problem(path, line, f"{message} {LISTED_AT_TOP}" if shown else message))
            continue
        others = [f"{p}:{n}" if n else p for p, n, _ in naming[1:]]
        named = ", ".join(others[:SHOWN]) + (f" and {len(others) - SHOWN} more"
                                             if len(others) > SHOWN else "")
        problems.append(Problem(
            path, line, f"{message} (also named by {named}{_where(shown, naming)})", also=also))
    return problems


def _where(shown: Sequence[str], naming: Sequence[object]) -> str:
    """Which of the pages naming a missing parent the handbook lists at the top level: those
    left out (`nav_exclude`, no title) stay out, as they would under their parent."""
    if len(shown) == len(naming):
        return f"; these {len(naming)} pages are listed at the top level until then"
    if not shown:
        return ""
    if len(shown) > SHOWN:
        return f"; {len(shown)} of these {len(naming)} pages are listed at the top level until then"
    pages = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]
    return f"; {pages} {'is' if len(shown) == 1 else 'are'} listed at the top level until then"


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
