"""Redirect pages for old addresses: one small HTML page per `redirect_from` entry (the key Jekyll
sites use), and the warning for a page address that existed at the merge base with main and is
gone without one.

The plan is pure (checked for clashes with real pages and files, and for values that would
write outside the site); the build glue writes it after MkDocs has made the sitemap and the search
index, which therefore never list redirects. mkdocs-redirects was considered: it reads a map in
mkdocs.yml, which editors never touch, not the pages' front matter.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from handbook.markdown.links import page_url, permalink_key
from handbook.problems import Problem

SAFE_ADDRESS = re.compile(r"^/[\w\-./~%+]*$")


@dataclass(frozen=True)
class Redirect:
    """`file` (site-relative, e.g. `overview/roadmaps/index.html`) sends readers to `target`."""

    file: str
    target: str  # the docs-relative page
    address: str  # as written in redirect_from, normalised: `/overview/roadmaps/`


def redirect_file(address: str) -> str:
    """The file a redirect for `/x/`, `/x` or `/x.html` is written to."""
    path = address.strip("/")
    if path.endswith(".html"):
        return path
    return posixpath.join(path, "index.html") if path else "index.html"


def plan_redirects(entries: Mapping[str, tuple[int | None, Any]], built: Mapping[str, str],
                   assets: Collection[str]) -> tuple[list[Redirect], list[Problem]]:
    """Redirects from each page's `redirect_from` (page -> (line, value)); `built` maps every page to
    the file MkDocs writes for it (`overview/roadmaps/index.html`)."""
    taken = {file: page for page, file in built.items()}
    redirects: list[Redirect] = []
    claimed: dict[str, str] = {}
    problems = []
    for page, (line, value) in sorted(entries.items()):
        values = value if isinstance(value, list) else [value]
        for item in values:
            address = unquote(item.strip()) if isinstance(item, str) else None
            if not address or not SAFE_ADDRESS.match(address) or ".." in address.split("/") \
                    or address.startswith("//"):
                problems.append(Problem(page, line, f"redirect_from {item!r} is not an address on "
                                        "this site; write the old address from the site root, "
                                        "e.g. `redirect_from: [/overview/roadmaps/]`"))
                continue
            file = redirect_file(address)
            clash = taken.get(file) or (file if file in assets else None) or claimed.get(file)
            if clash == page:
                continue  # the page's own address: nothing to redirect
            if clash:
                problems.append(Problem(page, line, f"redirect_from '{address}' is the address of "
                                        f"{clash}, so no redirect can be written there; remove it "
                                        "from redirect_from"))
                continue
            claimed[file] = page
            redirects.append(Redirect(file, page, address))
    return redirects, problems


def redirect_html(redirect: Redirect, use_directory_urls: bool = True) -> str:
    """A page that sends the reader (and search engines) on at once, with a link for the rest."""
    target = page_url(redirect.target, use_directory_urls)
    here = posixpath.dirname(redirect.file)
    url = posixpath.relpath(target.removeprefix("./") or ".", here or ".")
    if target.endswith("/") and not url.endswith("/"):
        url += "/"
    url = html.escape(url, quote=True)
    return ("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<title>This page has moved</title>\n<meta name=\"robots\" content=\"noindex\">\n"
            f"<link rel=\"canonical\" href=\"{url}\">\n"
            f"<meta http-equiv=\"refresh\" content=\"0; url={url}\">\n</head>\n<body>\n"
            f"<p>This page has moved to <a href=\"{url}\">{url}</a>.</p>\n</body>\n</html>\n")


def moved_address_problems(before: Collection[str], renamed: Mapping[str, str],
                           pages: Collection[str], redirects: Collection[Redirect],
                           use_directory_urls: bool = True) -> list[Problem]:
    """Pages that existed at the merge base with main (`before`) whose address now leads nowhere:
    no page is there and no redirect_from keeps it."""
    now = {permalink_key("/" + page_url(p, use_directory_urls)) for p in pages}
    kept = {permalink_key(r.address) for r in redirects}
    problems = []
    for old in sorted(set(before) - set(pages)):
        address = "/" + page_url(old, use_directory_urls).removeprefix("./")
        if permalink_key(address) in now | kept:
            continue
        line = f"`redirect_from: [{address}]`"
        new = renamed.get(old)
        if new in pages:
            problems.append(Problem(new, 1, f"this page was {old} at the merge base with main, so "
                                    f"readers' links to {address} now give a 404; add {line} to "
                                    "its front matter (`handbook move` does this for you)",
                                    "warning"))
        else:
            problems.append(Problem(old, None, f"was removed since the merge base with main, so "
                                    f"readers' links to {address} now give a 404; add {line} to "
                                    "the front matter of the page that replaces it", "warning"))
    return problems
