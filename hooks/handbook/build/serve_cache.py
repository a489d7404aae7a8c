"""What `mkdocs serve` keeps between rebuilds, so that an edit costs only the pages it changes.

MkDocs rebuilds the whole site on every save. Three steps of that are per page and expensive, and
each is a pure function of inputs that are known when the step starts:

- turning a page's Markdown into HTML: the Markdown after every `on_page_markdown` event, the
  page's address, every file's address (relative links) and the Markdown configuration;
- rendering the page's template: everything in the template's context (the page, the whole nav,
  the configuration, each value a hook or plugin added), the theme's files and the Jinja globals;
- the search index's entries for a page: its HTML, table of contents, address and search keys;
- what Material's typeset plugin reads from a page's HTML (typeset_page).

Each result is stored under a digest of *all* of its inputs, so a change to any input is a miss and
the step runs as in a clean build; a hit gives exactly what the step would have given. Messages a
step logged are stored with its result and logged again on a hit, so `--strict` and the terminal
see the same problems as in a clean build. Results not used by the latest build are dropped after
it, so memory stays at about one site's worth. The cache exists only in a `serve` process (see
hooks/serve.py); `mkdocs build` never creates one.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Self

import jinja2
import jinja2.bccache

from handbook.build.serve_output import ServedSite
from handbook.build.signatures import (
    SUMMARISED,
    UNREAD,
    config_signature,
    digest,
    files_signature,
    globals_signature,
    has_value_repr,
    is_plain,
    nav_signature,
    page_link,
    page_signature,
    toc_from_signature,
    toc_signature,
)


@dataclass
class _Store:
    """One kind of result: those used by the build in progress, and those of the builds before."""

    kept: dict[bytes, Any] = field(default_factory=dict)
    used: dict[bytes, Any] = field(default_factory=dict)

    def get(self, key: bytes) -> Any:
        value = self.used.get(key)
        if value is None:
            value = self.kept.get(key)
            if value is not None:
                self.used[key] = value
        return value

    def put(self, key: bytes, value: Any) -> None:
        self.used[key] = value

    def end_build(self) -> None:
        self.kept, self.used = self.used, {}


class _Recorder(logging.Handler):
    """Keeps the records logged while a cached step runs, to log them again on a hit."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _recorded(step: Callable[[], Any]) -> tuple[Any, tuple[logging.LogRecord, ...]]:
    # MkDocs' own logger does not propagate to the root logger when run from its command line.
    recorder = _Recorder()
    loggers = (logging.getLogger(), logging.getLogger("mkdocs"))
    for logger in loggers:
        logger.addHandler(recorder)
    try:
        result = step()
    finally:
        for logger in loggers:
            logger.removeHandler(recorder)
    unique = {id(record): record for record in recorder.records}
    return result, tuple(unique.values())


def _replay(records: Iterable[logging.LogRecord]) -> None:
    for record in records:
        logging.getLogger(record.name).handle(record)


@dataclass(frozen=True)
class _Rendered:
    content: str
    toc: tuple  # toc_signature()
    title_from_render: str | None
    anchor_ids: frozenset
    links_to_anchors: tuple | None  # ((target's src_uri, {anchor: link as written}), ...)
    records: tuple[logging.LogRecord, ...]


class FrontMatterCache:
    """MkDocs' `mkdocs.utils.meta.get_data` (a page's text to its Markdown and front matter, with
    PyYAML's pure-Python loader: a fifth of a rebuild's time once the pages come from the cache)
    through a cache keyed by the page's text. It is a pure function of that text; each call gets a
    deep copy of the front matter, as plugins may change a page's `meta` in place. MkDocs has no
    event for it, so hooks/serve.py puts this in its place for the serve process only."""

    def __init__(self, get_data: Callable[[str], tuple[str, dict]]) -> None:
        self.get_data = get_data
        self.store = _Store()

    def __call__(self, doc: str) -> tuple[str, dict]:
        found = self.store.get(doc)
        if found is None:
            found = self.get_data(doc)
            self.store.put(doc, found)
        markdown, data = found
        return markdown, copy.deepcopy(data)


class CachedTemplate(jinja2.Template):
    """Stands in for a page's Jinja template and renders through the cache. MkDocs fetches a page's
    template with `env.get_template(page.meta.get("template", "main.html"))`, and Jinja returns a
    Template it is given as it is."""

    def __new__(cls, *args: Any, **kwargs: Any) -> Self:  # not compiled from source
        return object.__new__(cls)

    def __init__(self, cache: ServeCache, template: Any, name: str) -> None:
        self.cache, self.template, self.name = cache, template, name

    def render(self, *args: Any, **kwargs: Any) -> str:
        context = dict(*args, **kwargs)
        return self.cache.render_template(self.template, self.name, context)

    def __repr__(self) -> str:  # page.meta is part of the key: name the template, not the object
        return f"CachedTemplate({self.name!r})"


class _CompiledTemplates(jinja2.BytecodeCache):
    """Jinja's compiled templates, kept in memory: MkDocs makes a new Jinja environment for every
    build, which would compile every template again. Jinja keys each entry by the template's name
    and a checksum of its source, so an edited template is compiled afresh."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


class ServeCache:
    """The serve process's caches, and the signatures of the build in progress."""

    def __init__(self) -> None:
        self.compiled_templates = _CompiledTemplates()
        self.markdown = _Store()
        self.templates = _Store()
        self.search = _Store()
        self.pages = _Store()
        self.typeset = _Store()
        self.texts = _Store()  # id(str) -> (the str, its digest); holding it keeps the id unique
        self.front_matter: FrontMatterCache | None = None  # set by hooks/serve.py
        self.site = ServedSite()
        self.build: dict[str, Any] = {}
        # The last finished build's objects, for rebuilding one page alone (serve_partial.py),
        # and whether such a rebuild is in progress.
        self.previous: Any = None
        self.partial = False
        self.hits = {"markdown": 0, "templates": 0, "search": 0, "typeset": 0}
        self.misses = dict(self.hits)

    # --- one build ---------------------------------------------------------------------------

    def start_build(self, config: Mapping[str, Any], theme_dirs: Iterable[str]) -> None:
        self.build = {"config": config_signature(config, theme_dirs),
                      "features": tuple(config["theme"]["features"] or ())}
        self.previous = None
        self.hits = dict.fromkeys(self.hits, 0)
        self.misses = dict.fromkeys(self.misses, 0)

    def set_files(self, files: Iterable[Any]) -> None:
        self.build["files"] = files_signature(files)

    def set_nav(self, nav: Any) -> None:
        self.build["nav"] = digest(nav_signature(nav.items), page_link(nav.homepage))
        self.build["homepage"] = page_link(nav.homepage)
        self.build["nav object"] = nav

    def set_env(self, env: Any) -> None:
        self.build["globals"] = globals_signature(env.globals)
        # The nav's HTML pieces (handbook/build/nav_fragments.py): each page is then keyed by
        # what its own nav is made of, not by the whole nav, unless the theme draws the whole nav
        # on every page (navigation.tabs).
        fragments = env.globals.get("nav_fragments")
        features = self.build.get("features") or ()
        self.build["fragments"] = (fragments if hasattr(fragments, "view")
                                   and "navigation.tabs" not in features else None)

    def summary(self) -> str:
        """How much of the build came from the cache, for the serve log."""
        return (f"{self.misses['templates']} of {self.misses['templates'] + self.hits['templates']} "
                f"pages rendered anew ({self.misses['markdown']} from Markdown), the others "
                f"reused from the previous build; {len(self.site.kept)} pages' files kept")

    def end_build(self) -> None:
        """After a finished build: keep only what it used."""
        for store in self._stores():
            store.end_build()
        self.site.after_build()

    def abandon_build(self) -> None:
        """After a failed build: keep everything, as the next build may need any of it."""
        self.previous = None
        self.site.abandon()
        for store in self._stores():
            store.kept.update(store.used)
            store.used = {}

    def _stores(self) -> tuple[_Store, ...]:
        stores = (self.markdown, self.templates, self.search, self.pages, self.typeset, self.texts)
        return stores + ((self.front_matter.store,) if self.front_matter else ())

    # --- reading the pages -------------------------------------------------------------------

    def page_results(self, key: Any, compute: Callable[[], Any]) -> Any:
        """build_site's memo (handbook/build/site.py): a page's own result, keyed by its bytes and
        everything else the step reads, as the caller names them."""
        digested = digest(key)
        found = self.pages.get(digested)
        if found is None:
            found = (compute(),)
            self.pages.put(digested, found)
        return found[0]

    def text_key(self, text: str) -> bytes:
        """A page's text or HTML as a digest, computed once per string: the same string objects
        come back from the caches build after build (a hit gives the stored HTML; the front
        matter cache gives the stored Markdown), so most are not hashed again."""
        if not isinstance(text, str) or type(text) is not str:
            return digest(text)
        found = self.texts.get(id(text))
        if found is None or found[0] is not text:
            found = (text, digest(text))
        self.texts.put(id(text), found)
        return found[1]

    # --- Markdown to HTML --------------------------------------------------------------------

    def render_markdown(self, page: Any, config: Any, files: Any, render: Callable) -> None:
        """`Page.render` through the cache: on a hit, the page gets what rendering would give it."""
        key = digest(self.text_key(page.markdown), page.file.src_uri, page.file.dest_uri, page.url,
                     self.build.get("config"), self.build.get("files"),
                     logging.getLogger("mkdocs").getEffectiveLevel())
        found: _Rendered | None = self.markdown.get(key)
        if found is None:
            _, records = _recorded(lambda: render(config, files))
            links = getattr(page, "links_to_anchors", None)
            found = _Rendered(page.content, toc_signature(page.toc), page._title_from_render,
                              frozenset(page.present_anchor_ids),
                              None if links is None else
                              tuple((target.src_uri, dict(anchors)) for target, anchors in links.items()),
                              records)
            self.markdown.put(key, found)
            self.misses["markdown"] += 1
            return
        self.hits["markdown"] += 1
        page.content, page.toc = found.content, toc_from_signature(found.toc)
        page._title_from_render = found.title_from_render
        page.present_anchor_ids = set(found.anchor_ids)
        if found.links_to_anchors is not None:  # keyed by this build's File objects
            page.links_to_anchors = {files.get_file_from_path(uri): dict(anchors)
                                     for uri, anchors in found.links_to_anchors}
        _replay(found.records)

    # --- templates ---------------------------------------------------------------------------

    def render_template(self, template: Any, name: str, context: Mapping[str, Any]) -> str:
        key = self._context_key(name, context)
        found = self.templates.get(key) if key is not None else None
        if found is None:
            output, records = _recorded(lambda: template.render(context))
            if key is not None:
                self.templates.put(key, (output, records))
            self.misses["templates"] += 1
            return output
        self.hits["templates"] += 1
        output, records = found
        _replay(records)
        return output

    def _context_key(self, name: str, context: Mapping[str, Any]) -> bytes | None:
        fragments = self.build.get("fragments")
        nav = self.build.get("nav object")
        if fragments is not None and nav is not None and context.get("nav") is nav:
            # The page's own view of the nav (its path, and each item off it as pasted HTML).
            nav_key: Any = ("view", self.build.get("homepage"),
                            fragments.view(nav, context.get("page")))
        else:
            nav_key = ("whole nav", self.build.get("nav"))
        parts: list[Any] = [name, self.build.get("config"), self.build.get("files"),
                            nav_key, self.build.get("globals")]
        for entry, value in sorted(context.items()):
            if entry in UNREAD or entry in SUMMARISED - {"page"}:
                continue
            if entry == "page":
                parts.append(page_signature(value, self.text_key) if value is not None else None)
            elif is_plain(value) or has_value_repr(value):
                parts.append((entry, repr(value)))
            else:
                return None  # a value the key cannot describe: render without the cache
        return digest(*parts)

    # --- Material's typeset plugin ----------------------------------------------------------

    def typeset_page(self, plugin: Any, html: str, page: Any, run: Callable[..., Any],
                     **kwargs: Any) -> Any:
        """The typeset plugin's `on_page_content` through the cache. It reads the page's HTML,
        table of contents, Markdown and title, and its own record of where the page's title came
        from; it sets a `typeset` title on table-of-contents entries, and may set the page's
        `typeset` and `title` and its record. On a hit those are set as it would set them."""
        path = page.file.src_uri
        title_map = getattr(plugin, "title_map", None)
        if not isinstance(title_map, dict):
            return run(html, page=page, **kwargs)
        # The title as set on the page (MkDocs keeps a title given by the nav in __dict__).
        title_before = page.__dict__.get("title")
        key = digest(self.text_key(html), self.text_key(page.markdown), toc_signature(page.toc),
                     path, title_map.get(path),
                     "title" in page.meta, hasattr(page, "typeset"), repr(title_before))
        found = self.typeset.get(key)
        if found is None:
            before = {id(anchor): getattr(anchor, "typeset", None) for anchor in _anchors(page.toc)}
            result = run(html, page=page, **kwargs)
            anchors = tuple((anchor.id, anchor.typeset) for anchor in _anchors(page.toc)
                            if getattr(anchor, "typeset", None) is not before.get(id(anchor)))
            page_typeset = page.__dict__.get("typeset")
            title = page.__dict__.get("title")
            title = title if title != title_before else None  # only a title the plugin set
            self.typeset.put(key, (result, anchors, page_typeset, title, title_map.get(path)))
            self.misses["typeset"] += 1
            return result
        self.hits["typeset"] += 1
        result, anchors, page_typeset, title, recorded = found
        by_id = {anchor.id: anchor for anchor in _anchors(page.toc)}
        for anchor_id, typeset in anchors:
            by_id[anchor_id].typeset = dict(typeset)
        if page_typeset is not None:  # the page's first-level heading: the same dict as its entry
            page.typeset = next((by_id[i].typeset for i, t in anchors if t == page_typeset),
                                dict(page_typeset))
        if title is not None:
            page.title = title
        if recorded is not None:
            title_map[path] = recorded
        return result

    # --- search index ------------------------------------------------------------------------

    def search_page(self, plugin: Any, context: Any, page: Any, run: Callable[..., Any],
                    **kwargs: Any) -> Any:
        """Material's search plugin's `on_page_context` through the cache: it adds the page's
        entries to the search index (read from its HTML, contents, address, title and front
        matter) and strips `data-search-*` attributes from its HTML. On a hit the same entries
        are added and the page gets the same HTML."""
        index = getattr(plugin, "search_index", None)
        entries = getattr(index, "entries", None)
        if not isinstance(entries, list) or not isinstance(page.content, str):
            return run(context, page=page, **kwargs)
        meta = page.meta
        key = digest(self.text_key(page.content), toc_signature(page.toc), page.url, page.title,
                     repr(meta.get("title")), repr(meta.get("tags")), repr(meta.get("search")),
                     repr(getattr(plugin.config, "enabled", None)))
        found = self.search.get(key)
        before = len(entries)
        # Which entries are this page's: serve_partial.py replaces them when it alone is rebuilt.
        ranges = self.build.setdefault("search ranges", {})
        if found is None:
            result = run(context, page=page, **kwargs)
            self.search.put(key, (result, tuple(entries[before:]), page.content))
            self.misses["search"] += 1
        else:
            self.hits["search"] += 1
            result, added, content = found
            entries.extend(dict(entry) for entry in added)
            page.content = content
        ranges[page.file.src_uri] = (before, len(entries))
        return result


def _anchors(toc: Iterable[Any]) -> Iterable[Any]:
    for anchor in toc:
        yield anchor
        yield from _anchors(anchor.children)


def template_for(cache: ServeCache, env: Any, page: Any) -> CachedTemplate | None:
    """The stand-in for `page`'s template (front matter's `template`, else main.html); None when
    the template cannot be loaded, so that MkDocs reports it as in a clean build."""
    name = page.meta.get("template", "main.html")
    if isinstance(name, CachedTemplate):
        name = name.name
    try:
        return CachedTemplate(cache, env.get_template(name), name)
    except Exception:  # noqa: BLE001  (any failure is MkDocs' to report, as in a clean build)
        return None
