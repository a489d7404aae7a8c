"""The navigation's HTML, rendered once per build item by item instead of once per page.

Material renders the whole primary nav on every page. With `navigation.prune` a page's nav still
holds an entry for every item beside its own path: every top-level item, and every child of each
section the page is in, so a chapter of a few hundred sections costs pages x sections of template
work. An item that does not hold the current page renders the same on every page except for its
relative URLs, so each item of the nav is rendered once per build here, with a placeholder base
URL (its *fragment*). A page's nav then renders only the items on its own path through Material's
macro; every other item is its fragment, pasted with the page's base URL:

- overrides/partials/nav.html walks the top-level items through `children` below;
- Material's nav-item.html is patched (handbook.build.template_patches) to walk a section's
  children the same way.

`children` gives, for a section on the current page's path, the runs of inactive children as one
pasted string each and the child on the path as `(item, position)` for the macro; for any other
section (as when the fragments themselves are rendered) it gives every child as `(item, position)`,
which is Material's own loop.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

from markupsafe import Markup

from handbook.build.digest import digest

# Not a possible output of escaped text or of MkDocs' URL normalisation, so it only marks URLs.
BASE_URL = "<handbook-base-url>"
# Material's macro reads a level-2 item's parent only as `parent.active` (navigation.tabs with
# navigation.sections); a fragment's parent is on the page's path whenever its children are walked.
_ACTIVE_PARENT = SimpleNamespace(active=True)


def _items(section: Any) -> list[Any]:
    """A section's children; the Navigation itself stands for the top level."""
    children = getattr(section, "children", None)
    return list(section.items if children is None and hasattr(section, "items") else children or ())


def all_children(section: Any, index: Any = None, base_url: str = "") -> list[tuple[Any, int]]:
    """Material's own loop: every child but the section's index page, with its 1-based position."""
    return [(item, position) for position, item in enumerate(_items(section), start=1)
            if index is None or item != index]


def _item_data(item: Any) -> tuple:
    """What Material's nav and breadcrumb macros read of an item besides its children: kind,
    title, address, typeset title, the front matter they print, and the address of its first
    page (a section's link)."""
    meta = getattr(item, "meta", None) or {}
    first = item
    while getattr(first, "children", None):
        first = first.children[0]
    return (type(item).__name__, getattr(item, "title", None), getattr(item, "url", None),
            repr(getattr(item, "typeset", None)), getattr(item, "is_index", None),
            repr(getattr(item, "encrypted", None)),
            repr([meta.get(key) for key in ("icon", "status", "subtitle")]),
            getattr(first, "url", None))


def _walk(section: Any, path: str, level: int) -> Iterator[tuple[Any, str, int]]:
    for position, item in enumerate(_items(section), start=1):
        item_path = f"{path}_{position}" if level > 1 else f"__nav_{position}"
        yield item, item_path, level
        if getattr(item, "children", None):
            yield from _walk(item, item_path, level + 1)


class NavFragments:
    """Every item of one build's nav rendered once, and the walk that pastes them into a page."""

    def __init__(self, env: Any, config: Any, nav: Any) -> None:
        module = env.get_template("partials/nav-item.html").make_module({
            "config": config,
            "features": config["theme"]["features"] or [],
            "page": None,
            "base_url": BASE_URL,
            "nav_children": all_children,  # the fragments are rendered by Material's own loop
        })
        self.fragments: dict[int, str] = {}
        self._kept: list[Any] = []  # the items, so that no id() is reused during the build
        self._levels: dict[tuple[int, int], bytes] = {}  # view() of one level, for this build
        self._item_keys: dict[tuple[int, bool], bytes] = {}
        # children() of one section by index, base URL and active children, for this build: pages
        # in the same section at the same depth paste the same runs. The section and index are
        # kept with the entries, so that no id() in a key is reused during the build.
        self._children: dict[tuple, tuple[Any, Any, list[Any]]] = {}
        self._shown: dict[tuple[int, int], tuple[Any, Any, list[bool]]] = {}
        for item, path, level in _walk(nav, "", 1):
            args = (item, path, level) if level == 1 else (item, path, level, _ACTIVE_PARENT)
            self.fragments[id(item)] = str(module.render(*args))
            self._kept.append(item)

    def view(self, nav: Any, page: Any = None) -> bytes:
        """What the current page's nav is made of, as a digest: for the top level and each
        section on the page's path, every child as its fragment, or, for the child on the path,
        what the macro reads of it (and so on down the path); each child's own data too, since
        the macro reads a section's index page and its first child (the breadcrumbs' link). Two
        pages with the same view have the same nav HTML, whatever else the nav holds; `mkdocs
        serve` keys a page's HTML by it, so an edit of one section's nav re-renders that
        section's pages, not every page. The path is the page's ancestors (MkDocs marks the same
        items active); each child and each level is digested once per build, so a page's view
        costs a few lookups."""
        if page is not None and hasattr(page, "ancestors"):
            path = [*reversed(page.ancestors), page]
        else:
            path = None
        levels = []
        section: Any = nav
        depth = 0
        while True:
            items = _items(section)
            if path is not None:
                on_path = path[depth] if depth < len(path) else None
            else:
                on_path = next((item for item in items if getattr(item, "active", False)), None)
            levels.append(self._level(section, items, on_path))
            if on_path is None or not getattr(on_path, "children", None):
                return digest(levels)
            section, depth = on_path, depth + 1

    def _level(self, section: Any, items: list[Any], on_path: Any) -> bytes:
        key = (id(section), id(on_path))
        found = self._levels.get(key)
        if found is None:
            found = self._levels[key] = digest([self._key(item, item is on_path) for item in items])
        return found

    def _key(self, item: Any, on_path: bool) -> bytes:
        """One child of a level: its data, and its fragment unless it is on the path (every item
        of the nav has one: they are rendered from the same nav)."""
        found = self._item_keys.get((id(item), on_path))
        if found is None:
            data = _item_data(item)
            found = self._item_keys[(id(item), on_path)] = digest(
                data, "on the path" if on_path else self.fragments[id(item)])
        return found

    def children(self, section: Any, index: Any = None, base_url: str = "") -> list[Any]:
        """`section`'s children but its index page, as Material's loop would render them on the
        current page: each run of children off the page's path as one pasted string, the child
        on it as (item, position)."""
        if not (getattr(section, "active", False) or not hasattr(section, "children")):
            return all_children(section, index)
        items = _items(section)
        active = tuple(getattr(item, "active", False) for item in items)
        key = (id(section), id(index), base_url, active)
        found = self._children.get(key)
        if found is None:
            shown = self._shown.get((id(section), id(index)))
            if shown is None:  # which children are not the index page: the same on every page
                shown = self._shown[(id(section), id(index))] = (section, index, [
                    index is None or item != index for item in items])
            entries = self._entries(items, shown[2], active, base_url)
            found = self._children[key] = (section, index, entries)
        return found[2]

    def _entries(self, items: list[Any], shown: list[bool], active: tuple[bool, ...],
                 base_url: str) -> list[Any]:
        # Joined to the base URL as MkDocs' `url` filter joins them (posixpath.join): a base
        # ending in "/" (404.html's) takes no second one.
        marker = BASE_URL + "/" if base_url.endswith("/") else BASE_URL
        entries: list[Any] = []
        run: list[str] = []
        for position, item in enumerate(items, start=1):
            if not shown[position - 1]:
                continue
            fragment = None if active[position - 1] else self.fragments.get(id(item))
            if fragment is None:
                if run:
                    entries.append(Markup("".join(run).replace(marker, base_url)))
                    run = []
                entries.append((item, position))
            else:
                run.append(fragment)
        if run:
            entries.append(Markup("".join(run).replace(marker, base_url)))
        return entries
