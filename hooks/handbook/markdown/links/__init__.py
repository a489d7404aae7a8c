"""Links and images in a page's Markdown: where each one is (find), what it points at (resolve),
how to write one (urls), which are broken and how to repair them (check, messages).

The build, `handbook check` and `handbook import` share this one reading of links, so a link the
check accepts is a link the build rewrites and a page that imports cleanly builds cleanly.
"""

from handbook.markdown.links.check import check_links, rewrite
from handbook.markdown.links.find import Link, LinkKind, find_links
from handbook.markdown.links.messages import broken_link_message
from handbook.markdown.links.resolve import NO_PERMALINKS, Target, permalink_key, resolve
from handbook.markdown.links.urls import relative_link, relative_url
from handbook.pages.address import page_url

__all__ = [
    "NO_PERMALINKS", "Link", "LinkKind", "Target", "broken_link_message", "check_links",
    "find_links", "page_url", "permalink_key", "relative_link", "relative_url", "resolve",
    "rewrite",
]
