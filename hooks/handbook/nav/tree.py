"""The navigation tree: who is whose parent, sibling order, exclusion and reading order.

Just-the-Docs rules, made deterministic: a page's `parent` is another page's title (or docs-relative
path), `grand_parent` picks between parents that share a title, siblings sort by numeric `nav_order`,
then by text `nav_order` or title. Every ambiguity is reported; nothing is dropped.
"""

from __future__ import annotations

import difflib
import posixpath
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from types import MappingProxyType
from dataclasses import dataclass, field
from typing import Any

from handbook.markdown.emoji import strip_emoji
from handbook.spelling import closest_typo
from handbook.nav.missing_parents import missing_parent_problems
from handbook.problems import Problem
from handbook.pages.schema import PageRecord, is_number

PAGE_SUFFIXES = (".md", ".markdown")
EMPTY: Mapping[str, str] = MappingProxyType({})


class PageIndex:
    """Pages by path and by title, built once, for resolving `parent`, `prev` and `next`."""

    def __init__(self, records: Iterable[PageRecord]):
        self.by_path: dict[str, PageRecord] = {}
        self.by_title: dict[str, list[PageRecord]] = defaultdict(list)
        self.by_words: dict[str, list[PageRecord]] = defaultdict(list)  # titles without emoji
        for record in sorted(records, key=lambda r: r.path):
            self.by_path[record.path] = record
            self.by_title[record.title].append(record)
            self.by_words[strip_emoji(record.title)].append(record)

    def resolve_path(self, value: str, from_path: str) -> tuple[str | None, str | None]:
        """A docs-relative (or, failing that, page-relative) path to a page: (path, problem)."""
        candidates = []
        if not value.startswith("."):
            candidates.append(posixpath.normpath(value.lstrip("/")))
        candidates.append(posixpath.normpath(posixpath.join(posixpath.dirname(from_path), value)))
        for candidate in candidates:
            if candidate == ".." or candidate.startswith("../"):
                return None, f"'{value}' points outside the docs folder"
            if candidate in self.by_path:
                return candidate, None
        return None, None

    def resolve(self, value: str, from_path: str, key: str) -> tuple[list[PageRecord], str | None]:
        """Pages that `value` (a path or a title) names, or a message saying why none do."""
        path, problem = self.resolve_path(value, from_path)
        if problem:
            return [], f"{key} {problem}; name a page inside docs/"
        if path:
            return [self.by_path[path]], None
        by_title = self.by_title.get(value) or self.by_words.get(strip_emoji(value), [])
        if by_title:
            return by_title, None
        if value.lower().endswith(PAGE_SUFFIXES):
            guess = difflib.get_close_matches(value, self.by_path, n=1, cutoff=0.5)
            hint = f"did you mean '{guess[0]}'?" if guess else "give a docs-relative path such as 'internal/index.md'"
            return [], f"{key} '{value}' matches no page; {hint}"
        return [], f"{key} '{value}' matches no page title; {self.suggest_title(value)}"

    def suggest_title(self, value: str) -> str:
        if value + ".md" in self.by_path:  # a path written without its `.md`
            return f"did you mean '{value}.md'?"
        # Only a close spelling (a typo), never a different page that shares a few words.
        guess = closest_typo(value, self.by_title)
        if guess:
            return f"did you mean '{guess}'?"
        return "use the exact title of an existing page, or its path such as 'internal/index.md'"


@dataclass(frozen=True)
class NavTree:
    """The nav as parent links and ordered children; `excluded` pages are built but not listed."""

    roots: tuple[str, ...]
    children: Mapping[str, tuple[str, ...]]
    parent_of: Mapping[str, str | None]
    excluded: frozenset[str]
    problems: tuple[Problem, ...] = field(default=())

    def reading_order(self) -> list[str]:
        """Depth first, each parent before its children: the order of the prev/next buttons."""
        order: list[str] = []
        stack = list(reversed(self.roots))
        while stack:
            path = stack.pop()
            order.append(path)
            stack.extend(reversed(self.children.get(path, ())))
        return order

    def to_mkdocs_nav(self, titles: Mapping[str, str]) -> list[Any]:
        """The nav as MkDocs' `nav:` config: a page with children becomes a section it opens."""

        def entry(path: str) -> dict[str, Any]:
            kids = self.children.get(path)
            if not kids:
                return {titles[path]: path}
            return {titles[path]: [{titles[path]: path}, *(entry(kid) for kid in kids)]}

        return [entry(path) for path in self.roots]


def build_nav_tree(records: Sequence[PageRecord], index: PageIndex | None = None,
                   changed: Collection[str] = (), renamed: Mapping[str, str] = EMPTY,
                   old_titles: Mapping[str, str] = EMPTY) -> NavTree:
    """Resolve parents, break cycles, apply exclusions and order siblings.

    `changed` are the files this change touched, named first in a tie; `renamed` and `old_titles`
    (from git, see governance/baseline.py) name the page a missing parent title came from."""
    index = index or PageIndex(records)
    problems: list[Problem] = []
    missing: dict[str, list[tuple[str, int | None, str]]] = defaultdict(list)
    parent_of = {r.path: _resolve_parent(r, index, problems, missing)
                 for r in index.by_path.values()}
    problems += missing_parent_problems(missing, {p: r.title for p, r in index.by_path.items()},
                                        renamed, old_titles)
    orphans = {path for naming in missing.values() for path, _, _ in naming}
    _break_cycles(parent_of, index, problems)

    excluded: set[str] = set()
    for path in index.by_path:
        chain = []
        node: str | None = path
        while node is not None and node not in excluded and not index.by_path[node].nav_exclude:
            chain.append(node)
            node = parent_of[node]
        if node is not None:  # reached an excluded page: everything below it is excluded too
            excluded.update(chain)
            excluded.add(node)

    siblings: dict[str | None, list[PageRecord]] = defaultdict(list)
    for path, record in index.by_path.items():
        if path not in excluded:
            siblings[parent_of[path]].append(record)
    ordered = {parent: _order_siblings(group, parent, index, problems, orphans, changed)
               for parent, group in siblings.items()}
    roots = ordered.pop(None, ())
    return NavTree(roots, ordered, parent_of, frozenset(excluded), tuple(problems))


def _resolve_parent(record: PageRecord, index: PageIndex, problems: list[Problem],
                    missing: dict[str, list[tuple[str, int | None, str]]]) -> str | None:
    if record.parent is None:
        return None
    line = record.line_of("parent")
    candidates, message = index.resolve(record.parent, record.path, "parent")
    if message:  # reported once per missing value, naming every page (missing_parents.py)
        missing[record.parent].append((record.path, line, message))
        return None
    candidates = [c for c in candidates if c.path != record.path] or candidates
    if record.grand_parent is not None:
        matching = [c for c in candidates if _parent_title(c, index) == record.grand_parent]
        if len(matching) == 1:
            return matching[0].path
        listing = _list_candidates(candidates, index)
        problems.append(Problem(
            record.path, record.line_of("grand_parent", "parent"),
            f"grand_parent '{record.grand_parent}' matches {'none' if not matching else 'several'} of "
            f"the pages that parent '{record.parent}' names: {listing}; set grand_parent to the "
            "parent title shown for the page you mean",
        ))
        return (matching or candidates)[0].path
    if len(candidates) > 1:
        problems.append(Problem(
            record.path, line,
            f"parent '{record.parent}' is the title of {len(candidates)} pages: "
            f"{_list_candidates(candidates, index)}; add `grand_parent:` with the parent title of "
            "the one you mean, or give parent as a path (e.g. "
            f"`parent: {candidates[0].path}`)",
        ))
    return candidates[0].path


def _parent_title(record: PageRecord, index: PageIndex) -> str | None:
    if record.parent is None:
        return None
    path, _ = index.resolve_path(record.parent, record.path)
    return index.by_path[path].title if path else record.parent


def _list_candidates(candidates: list[PageRecord], index: PageIndex) -> str:
    return ", ".join(
        f"{c.path} (parent '{_parent_title(c, index) or 'none: top level'}')" for c in candidates
    )


def _break_cycles(parent_of: dict[str, str | None], index: PageIndex, problems: list[Problem]) -> None:
    """Report each parent cycle once, naming every file, and lift its first file to the top level."""
    state: dict[str, int] = {}  # 1: on the current walk, 2: known to reach the top level
    for start in sorted(parent_of):
        walk: list[str] = []
        node: str | None = start
        while node is not None and node not in state:
            state[node] = 1
            walk.append(node)
            node = parent_of[node]
        if node is not None and state[node] == 1:
            cycle = walk[walk.index(node):]
            first = min(cycle)
            loop = " -> ".join(cycle[cycle.index(first):] + cycle[:cycle.index(first)] + [first])
            problems.append(Problem(
                first, index.by_path[first].line_of("parent"),
                f"parent cycle: {loop} (each arrow leads to the page's parent); a page cannot be its own ancestor, so change one of these "
                f"`parent` values ({first} is shown at the top level until then)",
            ))
            parent_of[first] = None
        for visited in walk:
            state[visited] = 2


def order_key(record: PageRecord) -> tuple[int, float, str]:
    """Numeric nav_order first, ascending; then text nav_order or title, case-insensitively."""
    if is_number(record.nav_order):
        return (0, record.nav_order, "")
    text = record.nav_order if isinstance(record.nav_order, str) else record.title
    return (1, 0, text.casefold())


def _order_siblings(group: list[PageRecord], parent: str | None, index: PageIndex,
                    problems: list[Problem], orphans: Collection[str] = (),
                    changed: Collection[str] = ()) -> tuple[str, ...]:
    group = sorted(group, key=lambda r: (order_key(r), r.title.casefold(), r.title, r.path))
    where = f"under '{index.by_path[parent].title}'" if parent else "at the top level"
    start = 0
    while start < len(group):
        end = start + 1
        while end < len(group) and order_key(group[end]) == order_key(group[start]):
            end += 1
        # A page whose parent names nothing is at the top level only until that is fixed: its
        # ties there are knock-ons, not news about the pages it lands beside.
        tied = [r for r in group[start:end] if r.path not in orphans]
        if len(tied) > 1:
            # Reported at the file this change touched, when git knows, else the first in order.
            first = next((r for r in tied if r.path in changed), tied[0])
            others = ", ".join(f"{r.path} ('{r.title}')" for r in tied if r is not first)
            what = (f"nav_order {first.nav_order}" if order_key(first)[0] == 0
                    else f"sort key '{order_key(first)[2]}'")
            problems.append(Problem(
                first.path, first.line_of("nav_order", "title"),
                f"{what} ties with {others} {where}; tied pages are ordered by title, then path. "
                "Give each page its own nav_order",
                "warning",
            ))
        start = end
    return tuple(r.path for r in group)
