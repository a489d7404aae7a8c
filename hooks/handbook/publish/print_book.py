"""The printable handbook: every page of the reading order on one page, in order, its ids and links
rebased so they work there (a link to another printed page jumps within the print page, any other
link or image points where it pointed before)."""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Mapping, Sequence
from urllib.parse import urljoin, urlsplit

from handbook.build.site import HandbookSite
from handbook.nav.pager import standalone_pages

MARKER = "<!-- handbook:print -->"
ATTRIBUTE = re.compile(r'(?<=\s)(href|src|id)="([^"]*)"')
CODE_BLOCK = re.compile(r"<pre(?=[\s>])([^>]*)>")
_BASE = "http://handbook.invalid/"  # only to resolve relative URLs; never requested


def page_anchor(url: str) -> str:
    """The id a printed page's section gets: `overview/lifecycle/` -> `page-overview-lifecycle`."""
    words = re.sub(r"[^a-z0-9]+", "-", url.lower().removesuffix(".html")).strip("-")
    return "page-" + (words or "home")


def relative_url(target: str, base: str) -> str:
    """`target` (a site-root path) as seen from the page at `base`."""
    base_dir = base if base.endswith("/") or not base else posixpath.dirname(base) + "/"
    relative = posixpath.relpath("/" + target, "/" + base_dir)
    if target.endswith("/") or not target:
        relative = relative.rstrip("/") + "/"
    return relative.removeprefix("./") or "./"


def rebase(content: str, page_url: str, print_url: str, anchors: Mapping[str, str]) -> str:
    """A printed page's HTML with its ids prefixed by its anchor and its links rebased."""
    prefix = anchors[page_url]

    def replace(match: re.Match) -> str:
        attribute, value = match.groups()
        if attribute == "id":
            return f'id="{prefix}--{value}"'
        raw = html.unescape(value)
        if raw.startswith("#"):
            target = f"{prefix}--{value[1:]}" if raw[1:] else prefix
            return f'{attribute}="#{target}"'
        parts = urlsplit(raw)
        if parts.scheme or parts.netloc or raw.startswith("/"):
            return match.group(0)
        target = urlsplit(urljoin(_BASE + page_url, raw))
        path = target.path.lstrip("/")
        if path in anchors and attribute == "href":
            fragment = f"--{target.fragment}" if target.fragment else ""
            return f'href="#{anchors[path]}{html.escape(fragment)}"'
        rebased = relative_url(path, print_url) + (f"#{target.fragment}" if target.fragment else "")
        return f'{attribute}="{html.escape(rebased)}"'

    return ATTRIBUTE.sub(replace, content)


def name_code_blocks(content: str) -> str:
    """Each code block (`<pre>`) without an id given one of its own: `code-1`, `code-2`, ...

    Material's JavaScript names a code block, for its copy button, after the closest element with
    an id (`__code_<id>`), and numbers it only when there is none. On a page that closest element
    is usually none; on the print page it is the printed page's section, so every code block of a
    printed page got that section's name, and each copy button copied the page's first block."""
    count = 0

    def name(match: re.Match) -> str:
        nonlocal count
        if re.search(r"\sid=", match.group(1)):
            return match.group(0)
        count += 1
        return f'<pre id="code-{count}"{match.group(1)}>'

    return CODE_BLOCK.sub(name, content)


def book_pages(site: HandbookSite) -> list[str]:
    """The pages the printable handbook holds: the reading order, without the site's own pages."""
    standalone = standalone_pages(site.records.values())
    return [path for path in site.tree.reading_order() if path not in standalone]


def print_book(pages: Sequence[tuple[str, str]], print_url: str) -> str:
    """The printed pages, [(URL, rendered content)] in reading order, as one HTML fragment."""
    anchors = {url: page_anchor(url) for url, _ in pages}
    sections = [f'<section class="handbook-print-page" id="{anchors[url]}">\n'
                f"{rebase(name_code_blocks(content), url, print_url, anchors)}\n</section>"
                for url, content in pages]
    return "\n".join(sections)
