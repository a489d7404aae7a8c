"""Writing links: a relative Markdown link to a docs file, and a built page's address relative to
another, for raw HTML that MkDocs copies unchanged."""

from __future__ import annotations

import posixpath
from urllib.parse import quote

from handbook.pages.address import built_path

URL_UNSAFE = {c: f"%{ord(c):02X}" for c in " %()<>#?\"'\t\n"}


def _quote_path(path: str) -> str:
    """Escape what would end or confuse a Markdown link URL, and nothing else (é stays é)."""
    if not any(c in URL_UNSAFE for c in path):
        return path
    return "".join(URL_UNSAFE.get(c, c) for c in path)


def relative_link(target_path: str, from_path: str, fragment: str = "") -> str:
    """A Markdown link from the page `from_path` to a docs file: `../overview/index.md#x`."""
    folder = [part for part in posixpath.dirname(from_path).split("/") if part]
    target = target_path.split("/")
    common = 0
    for mine, theirs in zip(folder, target[:-1], strict=False):
        if mine != theirs:
            break
        common += 1
    parts = [".."] * (len(folder) - common) + target[common:]
    return _quote_path("/".join(parts)) + with_fragment(fragment)



def relative_url(target_path: str, from_path: str, use_directory_urls: bool = True,
                 fragment: str = "") -> str:
    """The address of a page (its built URL) or asset, relative to the built page `from_path`.

    For raw HTML `<a href>` and `<img src>`, which MkDocs copies into the page unchanged. The same
    computation as MkDocs' `get_relative_url` between the two files' URLs.
    """
    target = built_path(target_path, use_directory_urls)
    here = built_path(from_path, use_directory_urls)
    folder = [p for p in (here if here.endswith("/") else posixpath.dirname(here)).split("/")
              if p not in ("", ".")]
    wanted = [p for p in target.split("/") if p not in ("", ".")]
    common = 0
    for mine, theirs in zip(folder, wanted, strict=False):
        if mine != theirs:
            break
        common += 1
    url = "/".join([".."] * (len(folder) - common) + wanted[common:]) or "."
    if target.endswith("/"):
        url += "/"
    return quote(url) + with_fragment(fragment)



def with_fragment(fragment: str) -> str:
    if not fragment or fragment == "#":
        return ""
    return fragment if fragment.startswith("#") else "#" + fragment

