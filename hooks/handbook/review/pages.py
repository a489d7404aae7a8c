"""Pages across two versions: a page's place in the nav, its address and the addresses its
`redirect_from` keeps, which removed file became which added one, and who moved among siblings."""

from __future__ import annotations

import difflib
import posixpath
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from handbook.build.site import HandbookSite
from handbook.pages.address import built_path
from handbook.pages.frontmatter import read_page
from handbook.pages.schema import PageRecord

SIMILAR = 0.75  # difflib's ratio above which an edited file that changed its name is one page
MAX_PAIRS = 40_000  # removed x added pages compared by text; beyond that, by bytes and title only


@dataclass(frozen=True)
class NavPlace:
    """Where a page is listed: its ancestors' titles (top first) and its position among its
    siblings; `listed` is False for a page kept out of the nav (nav_exclude)."""

    trail: tuple[str, ...]
    position: int
    count: int
    listed: bool = True


def place_of(site: HandbookSite, path: str) -> NavPlace:
    tree = site.tree
    trail = []
    parent = tree.parent_of.get(path)
    seen = {path}
    while parent is not None and parent not in seen:  # cycles are broken by the build; be sure
        seen.add(parent)
        trail.append(site.titles[parent])
        parent = tree.parent_of.get(parent)
    trail.reverse()
    if path in tree.excluded:
        return NavPlace(tuple(trail), 0, 0, listed=False)
    up = tree.parent_of.get(path)
    siblings = tree.roots if up is None else tree.children.get(up, ())
    return NavPlace(tuple(trail), siblings.index(path) + 1, len(siblings))


def page_address(path: str, use_directory_urls: bool = True) -> str:
    """A page's address from the site root, as readers type it: `/overview/roadmaps/`."""
    url = built_path(path, use_directory_urls)  # MkDocs' `File.url`, not quoted
    return "/" if url == "./" else "/" + url


def redirect_files(value: Any) -> frozenset[str]:
    """The files the build writes for a page's `redirect_from` (one address or a list, each from
    the site root): `/x/` and `/x` give `x/index.html`, `/x.html` gives `x.html`. An entry that
    is not such an address is the build's problem to report, and keeps nothing."""
    values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    files = set()
    for item in values:
        if isinstance(item, str) and item.strip().startswith("/"):
            path = unquote(item.strip()).split("#", 1)[0].strip("/")
            files.add(path if path.endswith(".html") else posixpath.join(path, "index.html"))
    return frozenset(files)


def match_renamed(removed: Sequence[str], added: Sequence[str], old_sources: Mapping[str, bytes],
                  new_sources: Mapping[str, bytes], old_records: Mapping[str, PageRecord],
                  new_records: Mapping[str, PageRecord]) -> dict[str, str]:
    """{old path: new path} for files that were renamed or moved to another folder: the same
    bytes, else the same title (when only one page on each side has it), else mostly the same
    text, as `git diff -M` would pair them."""
    pairs: dict[str, str] = {}
    left, right = list(removed), list(added)

    def pair(old: str, new: str) -> None:
        pairs[old] = new
        left.remove(old)
        right.remove(new)

    by_bytes = {new_sources[path]: path for path in reversed(right)}
    for old in list(left):
        if old_sources[old] in by_bytes and by_bytes[old_sources[old]] in right:
            pair(old, by_bytes[old_sources[old]])
    for old in list(left):
        same = [new for new in right if new_records[new].title == old_records[old].title]
        others = [o for o in left if old_records[o].title == old_records[old].title]
        if len(same) == 1 and len(others) == 1:
            pair(old, same[0])
    if len(left) * len(right) <= MAX_PAIRS:
        scored = []
        for old in left:
            text = body_text(old_sources[old], old)
            for new in right:
                matcher = difflib.SequenceMatcher(None, text, body_text(new_sources[new], new),
                                                  autojunk=False)
                if matcher.real_quick_ratio() >= SIMILAR and matcher.quick_ratio() >= SIMILAR:
                    score = matcher.ratio()
                    if score >= SIMILAR:
                        scored.append((-score, old, new))
        for _, old, new in sorted(scored):
            if old in left and new in right:
                pair(old, new)
    return pairs


def body_text(raw: bytes, path: str) -> str:
    return read_page(raw, path)[0].body


def moved_among_siblings(before: Sequence[str | None], after: Sequence[str],
                         edited: Collection[str] = ()) -> set[str]:
    """Pages whose order among the siblings they share with the other version changes: those
    outside the largest set of pages kept in the same order (None: a page that is gone). Of two
    equally large sets, the one keeping more unedited pages wins: when two pages swap, the one
    whose nav_order was edited is the one that moved."""
    common = set(before) & set(after)
    then = {p: i for i, p in enumerate(p for p in before if p in common)}
    now = [p for p in after if p in common]
    if list(then) == now:
        return set()
    # Heaviest increasing run of `then` positions along `now`: O(n^2), n being one parent's pages.
    weight = [len(now) + 1 + (p not in edited) for p in now]
    best = list(weight)
    back: list[int | None] = [None] * len(now)
    for i in range(len(now)):
        for j in range(i):
            if then[now[j]] < then[now[i]] and best[j] + weight[i] > best[i]:
                best[i], back[i] = best[j] + weight[i], j
    kept = set()
    at: int | None = max(range(len(now)), key=lambda i: best[i])
    while at is not None:
        kept.add(now[at])
        at = back[at]
    return {p for p in now if p not in kept}  # type: ignore[misc]
