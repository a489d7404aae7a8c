"""Prev/next buttons: the reading order's neighbours, unless a page's `prev`/`next` says otherwise."""

from __future__ import annotations

from collections.abc import Iterable
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


def pager_overrides(records: Iterable[PageRecord], index: PageIndex
                    ) -> tuple[dict[str, dict[str, PagerLink]], list[Problem]]:
    """For each page with a `prev` or `next` key, the button it asks for, by direction."""
    overrides: dict[str, dict[str, PagerLink]] = {}
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
