"""A tag used on one page only that is a close spelling of a tag other pages use (`comunication`
beside `communication`): most likely a typo that would silently start a new topic on the Tags page."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from handbook.problems import Problem, plural
from handbook.spelling import closest_typo


def tag_typo_problems(tags: Mapping[str, tuple[int | None, Sequence[str]]]) -> list[Problem]:
    """`tags` maps each page to (the line of its `tags:` key, its tags)."""
    pages_with: dict[str, set[str]] = defaultdict(set)
    for path, (_, names) in tags.items():
        for name in names:
            pages_with[name].add(path)
    common = [name for name, pages in pages_with.items() if len(pages) > 1]
    problems = []
    for name, pages in sorted(pages_with.items()):
        if len(pages) != 1:
            continue
        guess = closest_typo(name, common)
        if guess is None:
            continue
        path = next(iter(pages))
        problems.append(Problem(
            path, tags[path][0],
            f"tag '{name}' is used on no other page and is close to '{guess}' (on "
            f"{plural(len(pages_with[guess]), 'page')}); did you mean '{guess}'? A misspelt tag "
            "starts a new topic on the Tags page", "warning"))
    return problems
