"""Where a docs file is published: the one rule for a page's address, as MkDocs 1.6's `File`
computes it, shared by the link checker, the command line and the import."""

from __future__ import annotations

import posixpath
from urllib.parse import quote

# MkDocs' own list (mkdocs.utils.markdown_extensions), `.md` first: a file with any of these
# endings is a page, and `x` names `x.md` before any other.
PAGE_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
INDEX_STEMS = ("index", "README")  # MkDocs publishes both as their folder's index.html


def from_page(page: str, path: str) -> str:
    """`path` as written on the docs file `page`, made docs-relative: what
    `posixpath.normpath(posixpath.join(posixpath.dirname(page), path))` gives, with a call or two
    instead of some fifteen for the usual path (`../` only at its start, no other `.` or `..` part,
    no doubled, leading or trailing slash); tests/test_address.py compares the two."""
    folder, rest = page.rpartition("/")[0], path
    while rest[:3] == "../" and folder:  # each climbs out of one folder
        folder, _, name = folder.rpartition("/")
        if name in ("", ".", ".."):
            folder, rest = "", "./"  # not the usual path
            break
        rest = rest[3:]
    joined = f"{folder}/{rest}" if folder else rest
    if ("./" in joined or "//" in joined or joined[:1] == "/" or joined[-1:] in ("/", ".", "")
            or page[:1] == "/"):
        return posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    return joined


def is_page(path: str) -> bool:
    """Whether MkDocs builds the docs file `path` as a page (case matters, as in MkDocs)."""
    return path.endswith(PAGE_SUFFIXES)


def page_stem(path: str) -> str:
    """A page's file name without its Markdown ending: `a/x.mkd` -> `x`."""
    return posixpath.splitext(posixpath.basename(path))[0]


def dest_path(path: str, use_directory_urls: bool = True) -> str:
    """The file a docs file is written to in the site (MkDocs' `File.dest_uri`); two files with the
    same one clash, and MkDocs keeps only one."""
    if not is_page(path):
        return path
    parent = posixpath.dirname(path)
    stem = page_stem(path)
    if stem in INDEX_STEMS:
        return posixpath.join(parent, "index.html")
    if use_directory_urls:
        return posixpath.join(parent, stem, "index.html")
    return posixpath.join(parent, stem + ".html")


def built_path(path: str, use_directory_urls: bool = True) -> str:
    """A docs file's address relative to the site root, unquoted (MkDocs' `File.url` before
    quoting): `a/x.md` -> `a/x/`, `index.md` -> `./`, `a/x.md` -> `a/x.html` without directory
    URLs."""
    dest = dest_path(path, use_directory_urls)
    if not use_directory_urls:
        return dest
    folder, name = posixpath.split(dest)
    return (folder or ".") + "/" if name == "index.html" else dest


def page_url(path: str, use_directory_urls: bool = True) -> str:
    """A file's address in the built site, relative to the site root, exactly as MkDocs' `File.url`
    (`overview/lifecycle.md` -> `overview/lifecycle/`, `index.md` -> `./`). A file name that is
    not UTF-8 (its bytes kept as surrogates) is quoted byte for byte instead of failing."""
    return quote(built_path(path, use_directory_urls), errors="surrogateescape")
