"""The Tags page's index: each tag as a chip with its number of pages, linking to the tag's section.
It is read from the listing Material's tags plugin rendered, so the chips name exactly the tags,
anchors and pages the listing has."""

from __future__ import annotations

import html
from dataclasses import dataclass
from html.parser import HTMLParser

MARKER = "<!-- handbook:tag-index -->"
_ANCHOR_PREFIX = "tag:"  # Material's tags_slugify_format, "tag:{slug}"


@dataclass(frozen=True)
class ListedTag:
    name: str
    anchor: str  # the id of the tag's heading in the listing
    pages: int


class _Listing(HTMLParser):
    """The tags of a rendered listing: each `<h2 id="tag:...">` with its chip's text, and the pages
    (list items) up to the next tag's heading."""

    def __init__(self):
        super().__init__()
        self.tags: list[ListedTag] = []
        self._heading: tuple[str, list[str]] | None = None  # (anchor, the chip's text)
        self._in_chip = False
        self._pages = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        anchor = attrs.get("id") or ""
        if tag in ("h1", "h2"):  # a tag's pages end at the next heading, a tag's or another
            self._close_tag()
            if tag == "h2" and anchor.startswith(_ANCHOR_PREFIX):
                self._heading = (anchor, [])
        elif tag == "span" and self._heading and "md-tag" in (attrs.get("class") or "").split():
            self._in_chip = True
        elif tag == "li" and self._heading:
            self._pages += 1

    def handle_endtag(self, tag):
        if tag == "span":
            self._in_chip = False

    def handle_data(self, data):
        if self._in_chip and self._heading:
            self._heading[1].append(data)

    def _close_tag(self):
        if self._heading:
            anchor, text = self._heading
            self.tags.append(ListedTag(" ".join("".join(text).split()), anchor, self._pages))
        self._heading, self._pages = None, 0

    def close(self):
        super().close()
        self._close_tag()


def listed_tags(content: str) -> list[ListedTag]:
    """The tags of the listing in a page's rendered `content`, in the listing's order."""
    parser = _Listing()
    parser.feed(content)
    parser.close()
    return parser.tags


def tag_index(tags: list[ListedTag]) -> str:
    """The index as HTML: a list of chips, `discovery 12`, each linking to the tag's section."""
    chips = "\n".join(
        f'<li><a class="md-tag" href="#{html.escape(tag.anchor)}">{html.escape(tag.name)}'
        f' <span class="handbook-tag-count">{tag.pages}</span></a></li>' for tag in tags)
    return (f'<nav class="handbook-tag-chips" aria-label="Tags, with their number of pages">\n'
            f"<ul>\n{chips}\n</ul>\n</nav>")
