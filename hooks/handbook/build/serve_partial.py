"""`mkdocs serve`'s shortcut for the commonest save: one page's text changed and nothing that any
other page shows. That page alone is built again, instead of the whole site.

MkDocs rebuilds everything on every save. Even with every per-page step served from the cache
(serve_cache.py), a rebuild still walks every page through every plugin: at 3,000 pages that is
two seconds for a one-word edit. This module rebuilds only what such an edit can change, with the
previous build's own objects (configuration, files, nav, Jinja environment, plugins):

1. The saved files are known from the file-system events (serve_watch.py). The shortcut is taken
   only when they are exactly one page of the previous build (an editor's temporary files that
   came and went aside). Anything else, a new, deleted or renamed file, mkdocs.yml, a theme file,
   a folder, is a full build.
2. Every page is read again and the HandbookSite worked out as a full build would
   (`read_site`, through the cache). It must equal the previous one in everything but that page's
   text and its own problems (a word count, a line): titles, front matter, the nav, anchors,
   reviews, today's date, every other page's problems, and the banner of the build's problems
   that every served page shows. The git history of the docs must be unchanged too. Otherwise:
   a full build.
3. The page goes through MkDocs' own `_populate_page`. Its title and the emoji drawings it uses
   must be unchanged (the nav, the buttons and the site's drawings show them). Otherwise: a full
   build.
4. The page, and each page whose content is made from other pages' (the printable handbook), go
   through MkDocs' own `_build_page`, in the build's order, each seeing the other pages as a full
   build shows them at that point: a page built before it as finished, one after it as populated.
5. The search index gets the page's new entries in its own place; every `on_post_build` runs
   (search index, llms.txt, pages.json, drawings, redirects), as at the end of a full build.

A page that holds generated content (the Tags, Review status or printable page) is always a full
build. Anything unexpected is a full build too. tests/test_serve_incremental.py compares the
served site with a clean build, byte for byte, after random sequences of edits.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from mkdocs.structure.files import InclusionLevel

from handbook.build.events import HISTORY_KEY, SITE_KEY, TWEMOJI_KEY
from handbook.build.mkdocs_glue import material_plugin, read_site, report
from handbook.build.serve_cache import template_for
from handbook.build.serve_notices import build_banner
from handbook.build.site import HandbookSite
from handbook.governance.history import last_commit_dates
from handbook.markdown.twemoji import used_in
from handbook.publish.print_book import MARKER as PRINT_MARKER

log = logging.getLogger("mkdocs.plugins.handbook.serve")

# A page whose text holds one of these is filled in from other pages or the whole site.
GENERATED = ("<!-- handbook:", "material/tags")
# A folder made, deleted or moved: its files may have come or gone without events of their own.
FOLDER = "<folder>"


class ChangedPaths:
    """The paths the file-system events named since the last build (watchdog's threads add,
    the server's build thread takes)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._paths: set[str] = set()

    def record(self, event: Any) -> None:
        with self._lock:
            if event.is_directory:
                # A folder's listing changed: the events of the files in it say what.
                if event.event_type != "modified":
                    self._paths.add(FOLDER)
                return
            for path in (event.src_path, getattr(event, "dest_path", "")):
                if path:
                    self._paths.add(os.fsdecode(path))

    def take(self) -> set[str]:
        with self._lock:
            paths, self._paths = self._paths, set()
        return paths


@dataclass
class PreviousBuild:
    """The last finished build's own objects, as every event left them."""

    config: Any
    files: Any
    nav: Any
    env: Any
    # Each page's HTML after `on_page_content`: what a page built later sees of it.
    populated: dict[str, str]


def changed_page(paths: Iterable[str], docs_dir: str, files: Any) -> str | None:
    """The one page of `files` (docs-relative) that the saves changed, when they changed nothing
    else; None otherwise."""
    docs = os.path.abspath(docs_dir)
    page = None
    for path in paths:
        if path == FOLDER:
            return None
        full = os.path.abspath(path)
        rel = os.path.relpath(full, docs)
        if rel == os.curdir or rel.startswith(os.pardir):
            return None  # mkdocs.yml, the theme, a watched folder outside docs/
        rel = rel.replace(os.sep, "/")
        file = files.get_file_from_path(rel)
        if file is not None and file.is_documentation_page() and os.path.isfile(full):
            if page not in (None, rel):
                return None
            page = rel
        elif file is not None or os.path.lexists(full):
            return None  # a file added, deleted or changed that is not a page's text
        # else: a file that came and went between builds (an editor's temporary copy)
    return page


def same_but_text(old: HandbookSite, new: HandbookSite, path: str) -> bool:
    """Whether two sites differ in nothing any page but `path` shows: only in the text MkDocs
    builds for `path` and in its own problems (a word count, a line), as long as the banner
    every served page shows of the build's problems is the same."""
    for field in dataclasses.fields(HandbookSite):
        before, after = getattr(old, field.name), getattr(new, field.name)
        if field.name in ("repaired", "problems"):
            items = before.items() if field.name == "repaired" else enumerate(before)
            before = [item for item in items if _path(item) != path]
            items = after.items() if field.name == "repaired" else enumerate(after)
            after = [item for item in items if _path(item) != path]
            before, after = [v for _, v in before], [v for _, v in after]
        if before != after:
            return False
    return build_banner(old.failing_problems, "") == build_banner(new.failing_problems, "")


def _path(item: tuple[Any, Any]) -> str | None:
    key, value = item
    return key if isinstance(key, str) else value.path


def split_entries(entries: list, ranges: Mapping[str, tuple[int, int]],
                  order: Iterable[str]) -> dict[str, list] | None:
    """The search index's entries by page, from the range each page added; None unless the ranges
    follow the pages' order and cover the index exactly."""
    at, found = 0, {}
    for path in order:
        start, end = ranges.get(path, (at, at))
        if start != at or end < start:
            return None
        found[path], at = entries[start:end], end
    return found if at == len(entries) else None


def rebuild_page(previous: PreviousBuild, path: str, cache: Any,
                 read_site: Callable[[Any, Any, Mapping[str, bytes]], HandbookSite],
                 search_plugin: Any) -> bool:
    """Build `path` (and the pages made from it) again with `previous`'s objects; False, having
    written nothing, when the edit may change anything else (then a full build is needed).
    `read_site(files, config, sources)` works out the HandbookSite as navigation.py's on_files
    does; `search_plugin` is Material's search plugin of that build, or None."""
    # MkDocs' own step for one page (private: should it go, every save is a full build).
    from mkdocs.commands.build import _populate_page

    config, files = previous.config, previous.files
    file = files.get_file_from_path(path)
    page = file.page if file is not None else None
    old_site = config.get(SITE_KEY)
    if config.strict or page is None or not isinstance(old_site, HandbookSite) \
            or TWEMOJI_KEY not in config \
            or any(marker in (page.markdown or "") for marker in GENERATED):
        return False
    docs_dir = config["docs_dir"]
    sources = {}
    for f in files.documentation_pages():  # as navigation.py's on_files reads them
        with open(os.path.join(docs_dir, f.src_uri), "rb") as source:
            sources[f.src_uri] = source.read()
    if any(marker.encode() in sources[path] for marker in GENERATED):
        return False
    site = read_site(files, config, sources)
    if not same_but_text(old_site, site, path) \
            or last_commit_dates(docs_dir) != config.get(HISTORY_KEY):
        return False
    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
    index = getattr(search_plugin, "search_index", None)
    entries = None
    if isinstance(getattr(index, "entries", None), list):
        entries = split_entries(index.entries, cache.build.get("search ranges", {}),
                                [f.src_uri for f in doc_files])
        if entries is None:
            return False
    # The pages to build: this one, and those made from every page's content (in build order).
    made_from_others = {f.src_uri for f in doc_files
                        if f.page is not None and PRINT_MARKER in (f.page.markdown or "")}
    if path in made_from_others:
        return False
    rebuilt = [f.page for f in doc_files if f.src_uri == path or f.src_uri in made_from_others]

    # From here on the previous build's objects change; a full build makes all of them anew.
    config[SITE_KEY] = site
    file._content = None  # MkDocs' File keeps a text it was given here
    file.abs_src_path = os.path.normpath(os.path.join(docs_dir, path))
    if path in site.repaired:
        file.content_string = site.repaired[path]
    title, drawings = page.title, set(used_in(previous.populated.get(path, "")))
    for other in rebuilt:
        for name in ("render", "typeset"):  # set on the page by serve.py and the typeset plugin
            other.__dict__.pop(name, None)
        _populate_page(other, config, files)
        previous.populated[other.file.src_uri] = other.content
    if page.title != title or set(used_in(page.content or "")) != drawings:
        return False

    cache.partial = True
    try:
        _build_in_order(previous, rebuilt, made_from_others, cache, index, entries)
        config.plugins.on_post_build(config=config)
        cache.site.after_partial_build()
    finally:
        cache.partial = False
    return True


def _build_in_order(previous: PreviousBuild, rebuilt: list, made_from_others: set[str],
                    cache: Any, index: Any, entries: dict[str, list] | None) -> None:
    """MkDocs' `_build_page` for each of `rebuilt`, in build order. A page made from the others
    sees each page as a full build shows it at that point: finished if built before it, as
    populated if after. Each page's search entries replace its old ones, in their place."""
    from mkdocs.commands.build import _build_page

    config, nav, env = previous.config, previous.nav, previous.env
    doc_files = previous.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
    order = [f.src_uri for f in doc_files]
    for page in rebuilt:
        later = [f.page for f in doc_files[order.index(page.file.src_uri) + 1:] if f.page]
        current = [later_page.content for later_page in later]
        if page.file.src_uri in made_from_others:
            for later_page in later:
                later_page.content = previous.populated.get(later_page.file.src_uri)
        template = template_for(cache, env, page)
        if template is not None:
            page.meta["template"] = template
        added: list = []
        if entries is not None:
            index.entries = added  # the search plugin adds this page's entries here
        try:
            _build_page(page, config, doc_files, nav, env,
                        excluded=page.file.inclusion.is_excluded())
        finally:
            for later_page, content in zip(later, current):
                later_page.content = content
        if entries is not None:
            entries[page.file.src_uri] = added
    if entries is not None:
        index.entries, ranges = [], {}
        for path in order:
            ranges[path] = (len(index.entries), len(index.entries) + len(entries[path]))
            index.entries += entries[path]
        cache.build["search ranges"] = ranges


def build_changes(cache: Any, changed: ChangedPaths, builder: Callable[[], None]) -> None:
    """The live-reload server's builder (hooks/serve.py puts it in place): the one page whose text
    alone changed, when that is all that changed, else MkDocs' full build (`builder`)."""
    paths, previous = changed.take(), cache.previous
    path = previous and changed_page(paths, previous.config["docs_dir"], previous.files)
    if path:
        cache.previous, start = None, time.monotonic()  # its objects change from here on
        try:
            done = rebuild_page(previous, path, cache,
                                functools.partial(read_site, memo=cache.page_results),
                                material_plugin(previous.config, "search"))
        except Exception as err:  # noqa: BLE001  (the full build reports what is wrong)
            log.debug(f"Rebuilding {path} alone failed, so the whole site is built: {err!r}")
            cache.site.abandon()  # what it wrote is not known: the full build starts afresh
            done = False
        if done:
            cache.previous, config = previous, previous.config
            report(config[SITE_KEY], logging.getLogger("mkdocs.plugins.handbook"),
                   config["docs_dir"], config.config_file_path)  # as a full build does
            log.info(f"Rebuilt {path} alone in {time.monotonic() - start:.2f} seconds: "
                     "nothing else shows what changed")
            return
    builder()
