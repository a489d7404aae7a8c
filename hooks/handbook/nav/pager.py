"""Prev/next buttons: the reading order's neighbours, unless a page's `prev`/`next` says otherwise.

A page with both `prev: false` and `next: false` stands outside the reading order (the site's own
pages: Contributing, Tags...): it stays in the nav, and the buttons of the pages around it skip it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from handbook.nav.tree import PageIndex
from handbook.problems import Problem
from handbook.pages.schema import PageRecord


@dataclass(frozen=True)
class PagerLink:
    """One button: the page it opens (None: the reading order's neighbour) and its label (None: the
    page's title); `shown` is False for `prev: false` / `next: false`."""

    path: str | None
    label: str | None = None
    shown: bool = True


def standalone_pages(records: Iterable[PageRecord]) -> frozenset[str]:
    """Pages outside the reading order: those that ask for neither button."""
    return frozenset(r.path for r in records
                     if r.prev and not r.prev.shown and r.next and not r.next.shown)


def skip_standalone(order: Sequence[str], standalone: Collection[str]
                    ) -> dict[str, dict[str, PagerLink]]:
    """The buttons that change when `standalone` pages leave the reading `order`: their neighbours
    lead to the nearest page still in it (or show no button at the ends)."""
    chain = [path for path in order if path not in standalone]
    position = {path: i for i, path in enumerate(order)}
    changed: dict[str, dict[str, PagerLink]] = {}
    for i, path in enumerate(chain):
        k = position[path]
        for direction, wanted, plain in (
                ("prev", chain[i - 1] if i else None, order[k - 1] if k else None),
                ("next", chain[i + 1] if i + 1 < len(chain) else None,
                 order[k + 1] if k + 1 < len(order) else None)):
            if wanted != plain:
                changed.setdefault(path, {})[direction] = (
                    PagerLink(wanted) if wanted else PagerLink(None, shown=False))
    return changed


def pager_overrides(records: Iterable[PageRecord], index: PageIndex, order: Sequence[str] = ()
                    ) -> tuple[dict[str, dict[str, PagerLink]], list[Problem]]:
    """The buttons that differ from MkDocs' neighbours in `order` (the reading order), by page and
    direction: those a page's `prev`/`next` asks for, and those skipping standalone pages."""
    records = list(records)
    overrides = skip_standalone(order, standalone_pages(records))
    problems: list[Problem] = []
    for record in records:
        for direction in ("prev", "next"):
            override = getattr(record, direction)
            if override is None:
                continue
            if not override.shown:
                overrides.setdefault(record.path, {})[direction] = PagerLink(None, shown=False)
                continue
            target = None
            if override.target is not None:
                pages, message = index.resolve(override.target, record.path, direction)
                if message:
                    problems.append(Problem(record.path, override.line,
                                            message + "; the default button is shown until then"))
                    continue
                if len(pages) > 1:
                    listing = ", ".join(p.path for p in pages)
                    problems.append(Problem(
                        record.path, override.line,
                        f"{direction} '{override.target}' is the title of several pages ({listing}); "
                        f"give the path instead, e.g. `{direction}: {pages[0].path}`",
                    ))
                    continue
                target = pages[0].path
            overrides.setdefault(record.path, {})[direction] = PagerLink(target, override.label)
    return overrides, problems
