"""Resolving a URL written on a page to the page or file it names, and the form it was written in
(relative, site-root, extensionless, `.html`, folder, old permalink)."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal
from urllib.parse import unquote

from handbook.pages.address import INDEX_STEMS, PAGE_SUFFIXES, built_path, from_page

TargetKind = Literal["external", "anchor", "page", "asset", "missing", "outside"]
TargetForm = Literal["relative", "site-root", "extensionless", "html-suffix", "directory",
                     "permalink", "file-relative"]

NO_PERMALINKS: Mapping[str, str] = MappingProxyType({})

SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
# A link to a page relative to this one, written plainly: no scheme, query, anchor, escape, site
# root or folder. Most links are one, and name a page that exists.
PLAIN_PAGE_LINK = re.compile(r"(?!/)[\w.\-/]+\.md")


@dataclass(frozen=True)
class Target:
    """What a URL points at, and the form it was written in.

    `path` is docs-relative: the page or asset found, or for `missing` and `outside` the normalised
    path the link most plainly names (e.g. `overview/roadmap.md`, `../notes.md`). `form` is the
    rule that found the file (`relative` means MkDocs, or for raw HTML the browser, follows the
    link as written); for a broken link it is the shape of the URL; external links and anchors
    are `relative`.
    """

    kind: TargetKind
    path: str | None
    fragment: str  # '#section', or '' (a query string is never part of it)
    form: TargetForm


def resolve(url: str, from_path: str, pages: Collection[str], assets: Collection[str],
            permalinks: Mapping[str, str] = NO_PERMALINKS, *, html: bool = False,
            use_directory_urls: bool = True) -> Target:
    """Resolve `url`, written on the page `from_path`, against the handbook's pages and assets.

    `pages` and `assets` are docs-relative paths (pass sets: each lookup is a membership test);
    `permalinks` maps `permalink_key()`s of old Jekyll addresses to pages. A relative URL names a
    file relative to the page's folder, as MkDocs reads Markdown links. With `html=True` (raw HTML,
    which MkDocs leaves alone and the browser resolves against the page's built address) a URL
    that is already the target's built address has form `relative`; one that only makes sense
    relative to the page's file is `file-relative`.
    """
    if not html and PLAIN_PAGE_LINK.fullmatch(url):
        # The rules below give such a link to an existing page the same answer, at more cost.
        joined = from_page(from_path, url)
        if joined in pages:
            return Target("page", joined, "", "relative")
    if SCHEME.match(url) or url.startswith("//"):
        return Target("external", None, "", "relative")
    path, _, fragment = split_url(url)
    if not path:
        return Target("anchor", None, fragment, "relative")
    if "%" in path:
        path = unquote(path)
    if path.startswith("/"):
        found = find_file(path.lstrip("/"), path.endswith("/"), pages, assets)
        if found and found[0] != "outside":
            return Target(found[0], found[1], fragment, "site-root")
        permalink = permalinks.get(permalink_key(path)) if permalinks else None
        if permalink is not None and (permalink in pages or permalink in assets):
            kind = "page" if permalink in pages else "asset"
            return Target(kind, permalink, fragment, "permalink")
        return _unresolved(path.lstrip("/"), fragment, "site-root")
    if html:
        built = _find_built(path, from_path, pages, assets, use_directory_urls)
        if built:
            return Target(built[0], built[1], fragment, "relative")
    joined = posixpath.join(posixpath.dirname(from_path), path)
    found = find_file(joined, names_folder(path), pages, assets)
    if found is None and posixpath.normpath(path) == "." and from_path in pages:
        return Target("page", from_path, fragment, "directory")  # `.`: the page's own address
    if found is None:
        return _unresolved(joined, fragment, _written_form(path))
    kind, target, rule = found
    if kind == "outside":
        # A browser stops at the site's root, so `../` too many still names a file from the root.
        inside = find_file(re.sub(r"^(?:\.\./)+", "", target), names_folder(path), pages, assets)
        if inside and inside[0] != "outside":
            return Target(inside[0], inside[1], fragment, "site-root")
        return Target("outside", target, fragment, _written_form(path))
    if rule == "exact":
        form: TargetForm = "file-relative" if html else "relative"
    elif rule == "folder" or names_folder(path):
        form = "directory"
    else:
        form = "html-suffix" if rule == "html" else "extensionless"
    return Target(kind, target, fragment, form)


def permalink_key(permalink: str) -> str:
    """An address in one spelling: `/docs/x`, `/docs/x/`, `/docs/x.html` and
    `/docs/x/index.html` all become `/docs/x/`."""
    key = "/" + unquote(permalink.strip()).strip("/")
    key = key.removesuffix(".html")
    if key == "/index" or key.endswith("/index"):
        key = key[: -len("index")]
    return key if key.endswith("/") else key + "/"


def split_url(url: str) -> tuple[str, str, str]:
    """(path, query, '#fragment')."""
    path, hash_mark, fragment = url.partition("#")
    path, _, query = path.partition("?")
    return path, query, hash_mark + fragment


def names_folder(path: str) -> bool:
    return path.endswith("/") or posixpath.basename(path) in ("", ".", "..")


def _written_form(path: str) -> TargetForm:
    if names_folder(path):
        return "directory"
    name = posixpath.basename(path)
    if name.endswith(".html"):
        return "html-suffix"
    return "relative" if "." in name else "extensionless"


def is_outside(path: str) -> bool:
    return path == ".." or path.startswith("../")


def find_file(joined: str, folder: bool, pages: Collection[str],
          assets: Collection[str]) -> tuple[TargetKind, str, str] | None:
    """(kind, path, rule) for the first file `joined` can name, in the order editors expect: the
    file itself, the page with `.md` added, the folder's index page, the `.html` page's source."""
    path = posixpath.normpath(joined) if joined else "."
    if is_outside(path):
        return "outside", path, "exact"
    for candidate, rule in _candidates(path, folder):
        if candidate in pages:
            return "page", candidate, rule
        if candidate in assets:
            return "asset", candidate, rule
    return None


def _candidates(path: str, folder: bool) -> Iterator[tuple[str, str]]:
    """The files a normalised path may name, in find_file's order, made only as far as asked: most
    links name the file itself."""
    if path == ".":
        yield from ((f"{name}{suffix}", "folder") for name in INDEX_STEMS for suffix in PAGE_SUFFIXES)
        return
    # `x.md/` is still the page x.md to MkDocs, which normalises the slash away
    if not folder or path.endswith(PAGE_SUFFIXES):
        yield path, "exact"
    if not path.endswith(PAGE_SUFFIXES):
        yield from ((path + suffix, "page") for suffix in PAGE_SUFFIXES)
    yield from ((f"{path}/{name}{suffix}", "folder") for name in INDEX_STEMS
                for suffix in PAGE_SUFFIXES)
    if path.endswith(".html"):
        yield from ((path[: -len(".html")] + suffix, "html") for suffix in PAGE_SUFFIXES)


def _find_built(path: str, from_path: str, pages: Collection[str], assets: Collection[str],
                use_directory_urls: bool) -> tuple[TargetKind, str] | None:
    """The page or asset whose built address `path` is, read from the page's built address."""
    base = built_path(from_path, use_directory_urls)
    folder = base if base.endswith("/") else posixpath.dirname(base)
    joined = posixpath.normpath(posixpath.join(folder.removeprefix("./"), path) or ".")
    if is_outside(joined):
        return None
    if not names_folder(path) and joined in assets and not joined.endswith(PAGE_SUFFIXES):
        return "asset", joined
    if joined == ".":
        joined = ""
    if names_folder(path) or joined == "index.html" or joined.endswith("/index.html"):
        stem = joined.removesuffix("index.html").rstrip("/")
        names = [posixpath.join(stem, name) for name in INDEX_STEMS]
        if stem and use_directory_urls:
            names.append(stem)
    elif not use_directory_urls and joined.endswith(".html"):
        names = [joined[: -len(".html")]]
    else:
        return None
    for name in names:
        for suffix in PAGE_SUFFIXES:
            candidate = name + suffix
            built = built_path(candidate, use_directory_urls)
            if candidate in pages and _same_address(built, joined):
                return "page", candidate
    return None


def _same_address(built: str, joined: str) -> bool:
    return built.removeprefix("./").removesuffix("index.html").rstrip("/") == \
        joined.removesuffix("index.html").rstrip("/")


def _unresolved(joined: str, fragment: str, form: TargetForm) -> Target:
    path = posixpath.normpath(joined) if joined else "."
    if is_outside(path):
        return Target("outside", path, fragment, form)
    return Target("missing", path, fragment, form)

