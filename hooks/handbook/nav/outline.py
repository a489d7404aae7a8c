"""The nav as an outline, `[{"depth": 0, "path": "index.md", "title": "Home"}, ...]` in sidebar
order (the form the Just the Docs oracle prints), and how two outlines are compared: siblings that
JtD sorts as equal may come in any order, and JtD's '∞' entries are its own artefacts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from handbook.nav.tree import NavTree

ARTEFACT_TITLE = "∞"  # what JtD draws for a page titled like a page above it


def outline(tree: NavTree, titles: Mapping[str, str]) -> list[dict[str, Any]]:
    """Every listed page, depth first, with its depth and title."""
    rows: list[dict[str, Any]] = []
    stack = [(path, 0) for path in reversed(tree.roots)]
    while stack:
        path, depth = stack.pop()
        rows.append({"depth": depth, "path": path, "title": titles[path]})
        stack.extend((kid, depth + 1) for kid in reversed(tree.children.get(path, ())))
    return rows


def differences(expected: Sequence[Mapping[str, Any]], got: Sequence[Mapping[str, Any]],
                ignore: frozenset[str] = frozenset()) -> list[str]:
    """How `got` differs from `expected` (the oracle's rows, with `key` and `tied` from `--keys`),
    leaving out pages in `ignore` (those the handbook reports by name) and what hangs under them.
    A tied run of siblings matches the same pages in any order; a '∞' row matches any title."""
    artefacts = {row["path"] for row in expected if row["title"] == ARTEFACT_TITLE}
    want, have = _by_group(expected, ignore), _by_group(got, ignore)
    found = []
    for chain in sorted(set(want) | set(have)):
        w, h = want.get(chain, []), have.get(chain, [])
        w_items = [(r["path"], None if r["path"] in artefacts else r["title"]) for r in w]
        h_items = [(r["path"], None if r["path"] in artefacts else r["title"]) for r in h]
        start = 0
        while start < len(w):
            end = start + 1
            while (w[start].get("tied") and end < len(w) and w[end].get("tied")
                   and w[end].get("key") == w[start].get("key")):
                end += 1
            w_items[start:end] = sorted(w_items[start:end])
            h_items[start:end] = sorted(h_items[start:end])
            start = end
        if w_items != h_items:
            found.append(f"under {' > '.join(chain) or 'the top level'}: Just the Docs shows "
                         f"{w_items}, the handbook {h_items}")
    return found


def _by_group(rows: Sequence[Mapping[str, Any]], ignore: frozenset[str]) -> dict[tuple, list]:
    """Rows by the chain of paths above them (their sibling group), without ignored subtrees."""
    groups: dict[tuple, list] = {}
    chain: list[str] = []
    skip_below: int | None = None
    for row in rows:
        depth = row["depth"]
        if skip_below is not None and depth > skip_below:
            continue
        skip_below = depth if row["path"] in ignore else None
        del chain[depth:]
        if skip_below is None:
            groups.setdefault(tuple(chain), []).append(row)
        chain.append(row["path"])
    return groups


def unjustified_reports(expected: Sequence[Mapping[str, Any]], reported: frozenset[str]) -> list[str]:
    """Pages reported as errors that JtD draws once, normally, under no reported page: a page may
    only be left out of the comparison if JtD mishandles it (draws it nowhere, twice, or as '∞')."""
    shown: dict[str, int] = {}
    artefacts = set()
    below_reported = set()
    chain: list[str] = []
    for row in expected:
        del chain[row["depth"]:]
        shown[row["path"]] = shown.get(row["path"], 0) + 1
        if row["title"] == ARTEFACT_TITLE:
            artefacts.add(row["path"])
        if any(path in reported for path in chain):
            below_reported.add(row["path"])
        chain.append(row["path"])
    return [f"{path} is reported, but Just the Docs draws it normally" for path in sorted(reported)
            if shown.get(path) == 1 and path not in artefacts and path not in below_reported]
