"""What each result `mkdocs serve` reuses is keyed by (see serve_cache.py): digests of plain data,
and the signatures of a page, its table of contents, the nav, the files, the configuration and the
theme's files, each as plain data."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import jinja2

from handbook.build.digest import digest
from handbook.markdown.extensions import extension_names
from mkdocs.structure.toc import AnchorLink, TableOfContents

# The context entries whose value is summarised by a signature rather than by repr().
SUMMARISED = {"page", "nav", "config", "pages"}
# Context entries that templates rendered through the cache never read (checked by a test against
# the installed theme and overrides): MkDocs sets it anew on every build.
UNREAD = {"build_date_utc"}


def toc_signature(toc: Iterable[Any]) -> tuple:
    """A table of contents (MkDocs' AnchorLinks) as plain data."""
    return tuple((item.title, item.id, item.level, toc_signature(item.children),
                  getattr(item, "active", False)) for item in toc)


def toc_from_signature(signature: tuple) -> TableOfContents:
    """A new table of contents from `toc_signature`'s data: plugins change a page's table of
    contents in place (Material's tags plugin puts its listing's tags in it), so every build gets
    its own objects."""
    return TableOfContents([_anchor(entry) for entry in signature])


def _anchor(entry: tuple) -> AnchorLink:
    title, anchor_id, level, children, active = entry
    link = AnchorLink(title, anchor_id, level)
    link.children = [_anchor(child) for child in children]
    if active:
        link.active = True  # as MkDocs' get_toc marks the first entry
    return link


def page_link(page: Any) -> tuple | None:
    return None if page is None else (page.title, page.url)


def nav_signature(items: Iterable[Any]) -> tuple:
    """The nav as plain data: kind, title, address and children of every item."""
    return tuple((type(item).__name__, item.title, getattr(item, "url", None),
                  nav_signature(getattr(item, "children", None) or ())) for item in items)


def page_signature(page: Any, text: Callable[[str], Any] = lambda text: text) -> tuple:
    """Everything about a page a template may print: its HTML (through `text`, which may stand a
    digest in for it), contents, front matter, addresses, neighbours and ancestors."""
    meta = {key: value for key, value in page.meta.items() if not isinstance(value, jinja2.Template)}
    ancestors = tuple((type(a).__name__, a.title) for a in page.ancestors)
    return (text(page.content) if page.content is not None else None, toc_signature(page.toc), sorted(meta.items(), key=lambda kv: str(kv[0])),
            page.title, page.url, page.abs_url, page.canonical_url, page.edit_url,
            page.is_homepage, page_link(page.previous_page), page_link(page.next_page),
            ancestors, page.file.src_uri, page.file.dest_uri)


def files_signature(files: Iterable[Any]) -> bytes:
    """Every file's source, address and inclusion: what relative links in any page resolve to."""
    return digest(sorted((f.src_uri, f.dest_uri, f.url, str(f.inclusion)) for f in files))


def is_plain(value: Any) -> bool:
    if isinstance(value, (str, int, float, bool, type(None))):
        return True
    if isinstance(value, (list, tuple)):
        return all(is_plain(v) for v in value)
    if isinstance(value, Mapping):
        return all(is_plain(k) and is_plain(v) for k, v in value.items())
    return False


def tree_signature(folders: Iterable[str]) -> tuple:
    """Each file under the theme's folders with its size and modification time."""
    found = []
    for folder in folders:
        for parent, _, names in os.walk(folder):
            for name in names:
                path = os.path.join(parent, name)
                try:
                    stat = os.stat(path)
                except OSError:
                    continue
                found.append((path, stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(found))


def config_signature(config: Mapping[str, Any], theme_dirs: Iterable[str]) -> bytes:
    """The configuration as data: every plain setting, the Markdown extensions and their options,
    the theme's settings and the state of its files (overrides/ edited under serve), and of every
    folder an extension reads from (pymdownx.snippets' shared abbreviations)."""
    plain = sorted((key, value) for key, value in config.items() if is_plain(value))
    theme = config["theme"]
    folders: list[str] = []
    options = as_data(config["mdx_configs"], folders)
    return digest(plain, options, extension_names(config["markdown_extensions"]),
                  theme.name, sorted((k, repr(v)) for k, v in dict(theme).items()),
                  list(config["plugins"]), tree_signature([*theme_dirs, *folders]))


def as_data(value: Any, folders: list[str]) -> Any:
    """Extension options as data that is the same in every build of one configuration: a path
    (MkDocs' `!relative` gives an object) as its text, added to `folders` when it is one; a
    function by its name; anything else by its repr."""
    if isinstance(value, Mapping):
        return sorted((str(k), as_data(v, folders)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return [as_data(v, folders) for v in value]
    if isinstance(value, os.PathLike):
        path = os.fspath(value)
        if os.path.isdir(path):
            folders.append(path)
        return path
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{getattr(value, '__module__', '')}.{value.__qualname__}"
    return repr(value)


def globals_signature(env_globals: Mapping[str, Any]) -> bytes:
    """The Jinja globals that are data, as one digest."""
    return digest(sorted((k, v) for k, v in env_globals.items() if is_plain(v)))


def has_value_repr(value: Any) -> bool:
    """Whether repr() shows the value itself: dataclasses and dates do, plain objects show an
    address (which would never match again, so they are left out of caching altogether)."""
    text = repr(value)
    return " at 0x" not in text and not text.startswith("<")
