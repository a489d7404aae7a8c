"""A broken link to a page that existed at the merge base with main says so: the page was removed or
renamed, so the editor sees the cause, not only the symptom."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Sequence

from handbook.governance.baseline import Baseline
from handbook.markdown.links import find_links, resolve
from handbook.pages.frontmatter import PageSource
from handbook.problems import Problem


def explain_removed_links(problems: Sequence[Problem], pages: Sequence[PageSource],
                          current: Collection[str], assets: Collection[str],
                          baseline: Baseline | None) -> list[Problem]:
    """`problems`, with each broken link to a page removed or renamed since main explained."""
    gone = (baseline.pages - set(current)) if baseline else set()
    if not gone:
        return list(problems)
    causes: dict[tuple[str, int], list[tuple[str, str]]] = {}  # (page, line) -> [(url, cause)]
    for page in pages:
        for link in find_links(page.body, page.body_line):
            target = resolve(link.url, page.path, current, assets)
            if target.kind == "missing" and target.path in gone:
                new = baseline.renamed.get(target.path) if baseline else None
                cause = (f"{target.path} was renamed to {new} since the merge base with main; "
                         "`handbook move` rewrites the links for you" if new in current else
                         f"{target.path} was removed since the merge base with main")
                causes.setdefault((page.path, link.line), []).append((link.url, cause))
    explained = []
    for problem in problems:
        for url, cause in causes.get((problem.path, problem.line or 0), ()):
            if problem.message.startswith(("link to", "image")) and f"'{url}'" in problem.message:
                problem = dataclasses.replace(problem, message=f"{problem.message} ({cause})")
                break
        explained.append(problem)
    return explained
