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

An item's fragment is rendered when a page first pastes it, so never while the item is on the
page's path (an item off the path has its whole subtree off it, as at the start of the build):
Material's page template has loaded nav-item.html by then, and a section's index page, which is
never pasted, is never rendered.
"""

from __future__ import annotations

from itertools import accumulate, repeat
from operator import add, mul
from types import MappingProxyType, SimpleNamespace
from typing import Any

import jinja2
from markupsafe import Markup
from mkdocs.utils.templates import url_filter

from handbook.build.digest import digest

# Not a possible output of escaped text or of MkDocs' URL normalisation, so it only marks URLs.
BASE_URL = "<handbook-base-url>"
# Material's macro reads a level-2 item's parent only as `parent.active` (navigation.tabs with
# navigation.sections); a fragment's parent is on the page's path whenever its children are walked.
_ACTIVE_PARENT = SimpleNamespace(active=True)
# A stand-in page's address and title, to find where and how the macro prints them: escaping
# or emoji markup changes the title's last two characters (see _stand_in_link).
_URL, _TITLE = "\x00handbook-url\x00", "\x00handbook-title\x00<\U0001F3AF"
# Stands for the nav's top level in a page's path (no object's id is 0).
_TOP = 0
# What the `url` filter reads of a fragment's template context.
_URL_CONTEXT = MappingProxyType({"page": None, "base_url": BASE_URL})
# The front matter that makes Material's macro render a page otherwise than as a plain link.
_DECORATIONS = frozenset({"icon", "subtitle", "status"})


def _joins_plainly(url: str) -> bool:
    """Whether MkDocs' `url` filter, off any page, makes `url` into "{base}/{url}" (the base URL
    ending in no "/", as BASE_URL does): a relative address, which it joins as posixpath.join
    does. Not one it hands back as it is: empty, with a scheme, a network location or a leading
    "/" or "#" (urllib.parse ignores leading spaces and controls), nor one with a backslash, of
    which it warns."""
    return bool(url) and url[0] > " " and url[0] not in "/#" and ":" not in url and "\\" not in url


def _items(section: Any) -> list[Any]:
    """A section's children; the Navigation itself stands for the top level."""
    children = getattr(section, "children", None)
    return list(section.items if children is None and hasattr(section, "items") else children or ())


def all_children(section: Any, index: Any = None, base_url: str = "",
                 page: Any = None) -> list[tuple[Any, int]]:
    """Material's own loop: every child but the section's index page, with its 1-based position
    (it takes the arguments of NavFragments.children, and needs neither base URL nor page)."""
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


def _marker(base_url: str) -> str:
    """The placeholder as a fragment's URLs hold it, for a page's base URL: joined as MkDocs'
    `url` filter joins them (posixpath.join), a base ending in "/" (404.html's) takes no second
    one."""
    return BASE_URL + "/" if base_url.endswith("/") else BASE_URL


def _places_in(nav: Any) -> dict[int, tuple[str, int]]:
    """Each item of `nav` by id, with its path id and level as Material's loop numbers them. A
    list of sections still to walk, not a recursive generator: every item passed up through
    each generator above it."""
    places: dict[int, tuple[str, int]] = {}
    todo = [(nav, "", 1)]
    while todo:
        section, path, level = todo.pop()
        for position, item in enumerate(_items(section), start=1):
            item_path = f"{path}_{position}" if level > 1 else f"__nav_{position}"
            places[id(item)] = (item_path, level)
            if getattr(item, "children", None):
                todo.append((item, item_path, level + 1))
    return places


class _Shown:
    """One section's children but its index page, with their positions and, once pasted, their
    fragments: the same on every page of the build."""

    __slots__ = ("section", "index", "items", "where", "texts", "unplaced")

    def __init__(self, section: Any, index: Any, places: dict[int, tuple[str, int]]) -> None:
        self.section, self.index = section, index  # kept, so that no id() in a key is reused
        self.items = [(item, position) for position, item in enumerate(_items(section), start=1)
                      if index is None or item != index]
        ids = list(map(id, [item for item, _ in self.items]))  # without a call for each child
        self.where = dict(zip(ids, range(len(ids))))
        # Children not in this build's nav have no fragment: they go through the macro.
        self.unplaced = {k for k, key in enumerate(ids) if key not in places}
        self.texts: list[str | None] = ["" if k in self.unplaced else None
                                        for k in range(len(ids))]


class _OwnLevel:
    """A section's children pasted around the page on the path, for every page of the section:
    their fragments joined once under one base URL, so that each page cuts its two runs out of
    that text instead of joining and rebasing its siblings' fragments again. Made only when every
    child has its fragment (by the section's second page) and every child is in the nav."""

    __slots__ = ("index", "items", "last", "where", "text", "starts", "whole", "markup")

    def __init__(self, shown: _Shown, text: str, counts: list[int], grow: int,
                 markup: bool) -> None:
        self.index, self.items, self.where = shown.index, shown.items, shown.where
        self.markup, self.last, self.text = markup, len(self.items) - 1, text
        # Where each child's fragment starts in `text`: rebased, each is longer by `grow` for
        # each marker it holds (worked out in C, not with a call for each child).
        lengths = map(add, map(len, shown.texts), map(mul, counts, repeat(grow)))
        self.starts = list(accumulate(lengths, initial=0))
        self.whole = self._runs([text] if self.items else [])

    @classmethod
    def made(cls, shown: _Shown, base_url: str, markup: bool) -> _OwnLevel | None:
        """The section's level under `base_url`, or None unless each of its runs is a slice of
        the children's fragments joined and rebased once: every child has its fragment, and
        joining two fragments makes no marker (the marker cannot overlap itself, so the joined
        text then rebases as its pieces do)."""
        if shown.unplaced or None in shown.texts:
            return None
        marker = _marker(base_url)
        texts: list[str] = shown.texts  # type: ignore[assignment]
        counts = list(map(str.count, texts, repeat(marker)))
        joined = "".join(texts)
        if joined.count(marker) != sum(counts):
            return None
        return cls(shown, joined.replace(marker, base_url), counts, len(base_url) - len(marker),
                   markup)

    def around(self, page: Any) -> list[Any]:
        """What children() gives on `page`, whose parent is this section."""
        try:
            k = self.where[id(page)]
        except KeyError:  # the section's index page, which is not shown: every child pasted
            return self.whole
        # Built as one list, without a call for each run: asked for nearly every page.
        text, starts, item = self.text, self.starts, self.items[k]
        if not k:
            entries = [item, text[starts[1]:]] if self.last else [item]
        elif k < self.last:
            entries = [text[:starts[k]], item, text[starts[k + 1]:]]
        else:
            entries = [text[:starts[k]], item]
        return self._runs(entries) if self.markup else entries

    def _runs(self, entries: list[Any]) -> list[Any]:
        if self.markup:
            return [Markup(e) if isinstance(e, str) else e for e in entries]
        return entries


class NavFragments:
    """Every item of one build's nav rendered once, and the walk that pastes them into a page."""

    def __init__(self, env: Any, config: Any, nav: Any) -> None:
        self._env, self._config = env, config
        self._nav = nav  # holds every item, so that no id() in a key is reused during the build
        self._module: Any = None
        self._place: dict[int, tuple[str, int]] | None = None
        self._fragments: dict[int, str] = {}
        self._links: dict[bool, tuple[Any, ...]] = {}  # _stand_in_link, by typeset title or not
        self._levels: dict[tuple[int, int], bytes] = {}  # view() of one level, for this build
        self._item_keys: dict[tuple[int, bool], bytes] = {}
        self._shown: dict[tuple[int, int], _Shown] = {}
        self._page: tuple[Any, dict[int, int | None]] | None = None  # the last page's path
        # children() of one section by index, base URL and the children on the page's path, for
        # this build: pages in the same section at the same depth paste the same runs.
        self._children: dict[tuple, list[Any]] = {}
        # children()'s shortcuts (see there), for this build.
        self._own: dict[tuple[Any, str], _OwnLevel | None] = {}
        self._by_parent: dict[tuple[Any, str, Any], tuple[Any, list[Any]]] = {}
        # A pasted run is marked safe only where Jinja would escape it otherwise.
        self._markup = bool(getattr(env, "autoescape", True))
        # Whether _link may read an item's title and address as Jinja's own Environment reads
        # them (a sandbox, say, reads otherwise).
        self._plain_reads = type(env).getattr is jinja2.Environment.getattr

    def _places(self) -> dict[int, tuple[str, int]]:
        """Each item of the nav's path id and level, as Material's loop numbers them."""
        if self._place is None:
            self._place = _places_in(self._nav)
        return self._place

    def fragment(self, item: Any) -> str | None:
        """`item` rendered by Material's macro under the placeholder base URL, as it renders off
        the page's path; None for an item that is not in this build's nav. Asked only for an
        item off the current page's path, so the item and everything below it are inactive, as
        at the start of the build."""
        key = id(item)
        found = self._fragments.get(key)
        if found is None:
            place = (self._place if self._place is not None else self._places()).get(key)
            if place is None:
                return None
            if self._module is None:
                self._module = self._env.get_template("partials/nav-item.html").make_module({
                    "config": self._config,
                    "features": self._config["theme"]["features"] or [],
                    "page": None,
                    "base_url": BASE_URL,
                    "nav_children": all_children,  # fragments are rendered by Material's loop
                })
            path, level = place
            found = self._link(item)
            if found is None:
                args = (item, path, level) if level == 1 else (item, path, level, _ACTIVE_PARENT)
                found = str(self._module.render(*args))
            self._fragments[key] = found
        return found

    def _link(self, item: Any) -> str | None:
        """`item`'s fragment when the macro renders it as a plain link (a page off the path with
        no icon, subtitle, status or encryption, as most are), or None: the macro's own output
        for a stand-in page, with the item's address and title where the stand-in's are. The
        address goes through the `url` filter, the title through what the stand-in's went."""
        # As Jinja reads them: MkDocs' nav items have no [] to fall back on, front matter is a dict.
        meta = getattr(item, "meta", None)
        if (getattr(item, "children", None) or getattr(item, "pages", None)
                or getattr(item, "active", None) or meta and (
                    type(meta) is not dict or not _DECORATIONS.isdisjoint(meta) and (
                        meta.get("icon") or meta.get("subtitle") or meta.get("status"))
                    or getattr(item, "encrypted", None))):
            return None
        typeset = getattr(item, "typeset", None)
        link = self._links.get(bool(typeset))
        if link is None:
            link = self._links[bool(typeset)] = self._stand_in_link(bool(typeset))
        if not link:
            return None
        before, middle, after, printed = link
        read = self._env.getattr
        holder = typeset if typeset else item
        if not self._plain_reads:
            title, url = read(holder, "title"), read(item, "url")
        else:  # as Jinja's Environment reads them, without its call: the attribute, else the key
            try:
                title = holder["title"] if type(holder) is dict else holder.title
            except (KeyError, AttributeError):  # a dict has no attribute `title`
                title = read(holder, "title")
            try:
                url = item.url
            except AttributeError:
                url = read(item, "url")
        join = self._env.filters["url"]
        if join is url_filter and type(url) is str and _joins_plainly(url):
            url = f"{BASE_URL}/{url}"  # what the filter makes of it, without its calls
        else:
            url = join(_URL_CONTEXT, url)
        return f"{before}{url}{middle}{printed(title)}{after}"

    def _stand_in_link(self, typeset: bool) -> tuple[Any, ...]:
        """The macro's plain link for a stand-in page, cut around its address and title, and how
        the title was printed: as it is (str) or through the `title_html` filter. Empty if the
        template no longer prints each once, address first, in one of those ways (every item
        then goes through the macro)."""
        stand_in = SimpleNamespace(title=_TITLE, url=_URL, children=None, active=False, meta={},
                                   is_page=True, typeset={"title": _TITLE} if typeset else None)
        text = str(self._module.render(stand_in, "__nav_1", 2, _ACTIVE_PARENT))
        url = self._env.filters["url"](_URL_CONTEXT, _URL)
        for printed in (str, self._env.filters.get("title_html")):
            title = printed(_TITLE) if printed else None
            if title and text.count(url) == 1 and text.count(title) == 1:
                before, _, rest = text.partition(url)
                if title in rest:
                    middle, _, after = rest.partition(title)
                    return before, middle, after, printed
        return ()

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
        """One child of a level: its data, and its fragment unless it is on the path."""
        found = self._item_keys.get((id(item), on_path))
        if found is None:
            data = _item_data(item)
            found = self._item_keys[(id(item), on_path)] = digest(
                data, "on the path" if on_path else self.fragment(item))
        return found

    def children(self, section: Any, index: Any = None, base_url: str = "",
                 page: Any = None) -> list[Any]:
        """`section`'s children but its index page, as Material's loop would render them on
        `page`: each run of children off the page's path as one pasted string, the child on it as
        (item, position). The path is the page's ancestors (MkDocs marks the same items active);
        without a page, the items' active flags."""
        # Every page's nav asks for each section on its path: two shortcuts answer nearly all of
        # those asks without walking the path (_walk_children is the reference for both).
        parent = page.parent if page is not None else None
        if parent is not None:
            if section is parent:
                # The page's own section: the page's siblings, pasted around it.
                own = self._own.get((section, base_url))
                if own is not None and own.index is index:
                    return own.around(page)
            else:
                # A section above the page's own, or beside it: the child on the path (if any)
                # is fixed by the page's parent, so the pages of one section share the answer.
                found = self._by_parent.get((section, base_url, parent))
                if found is not None and found[0] is index:
                    return found[1]
        found = self._walk_children(section, index, base_url, page)
        if parent is None:
            return found
        if section is parent:
            # Made for a section's second page under one base URL: most sections have one page
            # alone under its base URL (the index page, a folder above the others).
            shown = self._shown.get((id(section), id(index)))
            if (section, base_url) not in self._own:
                self._own[section, base_url] = None
            elif shown is not None:
                own = _OwnLevel.made(shown, base_url, self._markup)
                if own is not None:
                    self._own[section, base_url] = own
        else:
            self._by_parent[section, base_url, parent] = (index, found)
        return found

    def _walk_children(self, section: Any, index: Any, base_url: str, page: Any) -> list[Any]:
        """children(), found from the page's path (or the items' active flags) at each ask."""
        path = self._path(page)
        nested = hasattr(section, "children")  # a section, not the nav's top level
        if nested and not (
                getattr(section, "active", False) if path is None else id(section) in path):
            return all_children(section, index)
        shown = self._shown.get((id(section), id(index)))
        if shown is None:
            shown = self._shown[(id(section), id(index))] = _Shown(section, index, self._places())
        if path is None:
            on_path = tuple(k for k, (item, _) in enumerate(shown.items)
                            if getattr(item, "active", False))
        else:  # the one child on the path, unless it is the index page, which is not shown
            k = shown.where.get(path.get(id(section)) if nested else path[_TOP])
            on_path = () if k is None else (k,)
        key = (id(section), id(index), base_url, on_path)
        found = self._children.get(key)
        if found is None:
            found = self._children[key] = self._entries(shown, on_path, base_url)
        return found

    def _path(self, page: Any) -> dict[int, int | None] | None:
        """The items MkDocs marks active while it builds `page` (the page and its ancestors), by
        id, each with the id of the next one down (the top level's under _TOP). Asked by every
        section on the page's path, so kept for the last page."""
        if self._page is not None and self._page[0] is page:
            return self._page[1]
        ancestors = getattr(page, "ancestors", None) if page is not None else None
        if ancestors is None:
            return None
        ids = [_TOP, *map(id, reversed(ancestors)), id(page)]
        path = dict(zip(ids, [*ids[1:], None]))
        self._page = (page, path)
        return path

    def _entries(self, shown: _Shown, on_path: tuple[int, ...], base_url: str) -> list[Any]:
        texts = shown.texts
        breaks = sorted(shown.unplaced.union(on_path)) if shown.unplaced else on_path
        if None in texts:  # each fragment rendered when first pasted, never while on the path
            for k, (item, _) in enumerate(shown.items):
                if texts[k] is None and k not in breaks:
                    texts[k] = self.fragment(item)
        marker = _marker(base_url)
        paste = Markup if self._markup else str
        entries: list[Any] = []
        start = 0
        for k in [*breaks, len(texts)]:
            if start < k:
                entries.append(paste("".join(texts[start:k]).replace(marker, base_url)))
            if k < len(texts):
                entries.append(shown.items[k])
            start = k + 1
        return entries
