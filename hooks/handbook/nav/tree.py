"""The navigation tree: who is whose parent, sibling order, exclusion and reading order.

Just the Docs' rules (`_includes/components/nav/`), followed as its templates draw the nav: a page's
`parent` is another page's title (or, the handbook's addition, its docs-relative path), and
`grand_parent` and `ancestor` pick between pages that share a title. Where JtD would draw a page
twice or nowhere, the handbook draws it once (or at the top level) and reports it.
"""

from __future__ import annotations

import difflib
import functools
import posixpath
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from types import MappingProxyType
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from handbook.markdown.emoji import strip_emoji
from handbook.nav.drawing import draw_nav
from handbook.nav.order import CASE_SENSITIVE
from handbook.pages.address import from_page
from handbook.problems import Problem
from handbook.pages.schema import PageRecord
from handbook.spelling import closest_typo

PAGE_SUFFIXES = (".md", ".markdown")
EMPTY: Mapping[str, str] = MappingProxyType({})


class PageIndex:
    """Pages by path and by title, built once, for resolving `parent`, `prev` and `next`."""

    def __init__(self, records: Iterable[PageRecord]):
        self.by_path: dict[str, PageRecord] = {}
        self.by_title: dict[str, list[PageRecord]] = defaultdict(list)
        self.by_words: dict[str, list[PageRecord]] = defaultdict(list)  # titles without emoji
        for record in sorted(records, key=attrgetter("path")):
            self.by_path[record.path] = record
            self.by_title[record.title].append(record)
            self.by_words[strip_emoji(record.title)].append(record)

    def resolve_path(self, value: str, from_path: str) -> tuple[str | None, str | None]:
        """A docs-relative (or, failing that, page-relative) path to a page: (path, problem)."""
        candidates = []
        if value[:1] != ".":
            # A title (no slash, as most parents are) is its own normal form: no posixpath call.
            candidates.append(value if "/" not in value and value else
                              posixpath.normpath(value.lstrip("/")))
        candidates.append(from_page(from_path, value))
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
        return list(self._reading_order)

    @functools.cached_property
    def _reading_order(self) -> tuple[str, ...]:
        # Worked out once: a build asks for it three times (pager, llms.txt, the printable page),
        # and the tree does not change.
        order: list[str] = []
        stack = list(reversed(self.roots))
        while stack:
            path = stack.pop()
            order.append(path)
            stack.extend(reversed(self.children.get(path, ())))
        return tuple(order)

    def to_mkdocs_nav(self, titles: Mapping[str, str]) -> list[Any]:
        """The nav as MkDocs' `nav:` config: a page with children becomes a section it opens."""

        def entry(path: str) -> dict[str, Any]:
            kids = self.children.get(path)
            if not kids:
                return {titles[path]: path}
            return {titles[path]: [{titles[path]: path}, *[entry(kid) for kid in kids]]}

        return [entry(path) for path in self.roots]


def build_nav_tree(records: Sequence[PageRecord], index: PageIndex | None = None,
                   nav_sort: str = CASE_SENSITIVE, changed: Collection[str] = (),
                   renamed: Mapping[str, str] = EMPTY,
                   old_titles: Mapping[str, str] = EMPTY) -> NavTree:
    """Place every page as Just the Docs would, order siblings, and report what JtD would hide.

    `changed` are the files this change touched, named first in a tie; `renamed` and `old_titles`
    (from git, see governance/baseline.py) name the page a missing parent title came from."""
    index = index or PageIndex(records)
    drawn = draw_nav(index, nav_sort, changed, renamed, old_titles)
    return NavTree(drawn.roots, drawn.children, drawn.parent_of, frozenset(drawn.excluded),
                   tuple(drawn.problems))
