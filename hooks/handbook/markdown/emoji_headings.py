"""A Markdown extension for emoji in headings, and the pymdownx.emoji generator it relies on.

The generator writes each shortcode as its Unicode character in a `span.emoji` that remembers the
shortcode and names its Twemoji drawing. The tree processor, which runs after inline parsing and
before `toc`, wraps literal emoji (outside code) the same way, hides decorative emoji from
assistive technology, and puts an alias anchor in the GitHub/kramdown form
(`dart-business-outcomes`) at the start of the heading, so old links keep landing on the section.
"""

from __future__ import annotations

import functools
import xml.etree.ElementTree as etree
from itertools import chain, compress
from operator import attrgetter, eq, methodcaller, not_
from typing import Any

from markdown import Extension, util
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from handbook.markdown.emoji import EMOJI, count_emoji, emoji_attributes, github_slug
from handbook.markdown.twemoji import svg_name

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Read in C over many elements at once (map, compress), so that the cost of a page does not grow
# with a Python call per element.
_TAG = attrgetter("tag")
_TEXT = attrgetter("text")
_CLASS = methodcaller("get", "class")
_ID = methodcaller("get", "id")
_SPANS = methodcaller("iter", "span")
_TEXT_PIECES = methodcaller("itertext")
_IS_EMOJI_CLASS = functools.partial(eq, "emoji")
_IS_SPAN = functools.partial(eq, "span")
_IS_LINK = functools.partial(eq, "a")


def to_span(index, shortname, alias, uc, alt, title, category, options, md):
    """pymdownx.emoji generator:
    `<span class="emoji" data-shortcode="dart" data-twemoji="1f3af">🎯</span>`."""
    attributes, text = _span_parts(shortname, alt)
    span = etree.Element("span", attributes)  # a copy of the attributes: the span's own
    span.text = text
    return span


# Called for every shortcode of every page, with the few dozen a handbook uses: kept by all the
# parts depend on. The attributes are never changed: etree.Element takes a copy of them (it wants a
# dict, not a read-only mapping), and test_emoji holds it to that.
@functools.lru_cache(maxsize=4096)
def _span_parts(shortname: str, alt: str) -> tuple[dict[str, str], str]:
    """A shortcode span's attributes and its text, which Markdown leaves as it is (atomic)."""
    return ({"class": "emoji", "data-shortcode": shortname.strip(":"),
             "data-twemoji": svg_name(alt)},
            util.AtomicString(alt))


def _is_emoji(el: etree.Element) -> bool:
    return el.tag == "span" and el.get("class") == "emoji"


def _split_emoji(text: str) -> list[str | etree.Element]:
    """Text into pieces: strings, and a span.emoji for each literal emoji."""
    pieces: list[str | etree.Element] = []
    last = 0
    for match in EMOJI.finditer(text):
        pieces.append(text[last:match.start()])
        span = etree.Element("span", {"class": "emoji", "data-twemoji": svg_name(match.group(0))})
        span.text = util.AtomicString(match.group(0))
        pieces.append(span)
        last = match.end()
    pieces.append(text[last:])
    return pieces


def wrap_literal_emoji(el: etree.Element) -> None:
    """Put each literal emoji in `el`'s own text and its children's tails into a span.emoji."""
    if el.tag in ("code", "pre", "script", "style") or _is_emoji(el):
        return
    for child in list(el):
        wrap_literal_emoji(child)
    slots = [(None, el.text)] + [(child, child.tail) for child in list(el)]
    for after, text in slots:
        if not text or not EMOJI.search(text):
            continue
        first, *rest = _split_emoji(text)
        if after is None:
            el.text, position = first, 0
        else:
            after.tail, position = first, list(el).index(after) + 1
        for piece in rest:
            if isinstance(piece, str):
                el[position - 1].tail = piece
            else:
                el.insert(position, piece)
                position += 1


def _emoji_spans(el: etree.Element) -> list[etree.Element]:
    """The span.emoji in `el` (itself included), in document order."""
    spans = list(el.iter("span"))
    return list(compress(spans, map(_IS_EMOJI_CLASS, map(_CLASS, spans))))


def _source_form(el: etree.Element) -> str:
    """The heading's text as written, with each shortcode emoji back as `:name:`."""
    source = el.text or ""
    for child in el:
        if child.tag == "span" and child.get("class") == "emoji":  # _is_emoji, a call fewer
            shortcode = child.get("data-shortcode")
            source += f":{shortcode}:" if shortcode else child.text or ""
        else:
            source += _source_form(child)
        source += child.tail or ""
    return source


# Asked for every heading with emoji, and most of a site's are repeated (`## :dart: Goals`): kept by
# the text, all the answer depends on.
@functools.lru_cache(maxsize=4096)
def _holds_emoji(text: str) -> bool:
    """Whether a heading's text holds an emoji."""
    return EMOJI.search(text) is not None


@functools.lru_cache(maxsize=4096)
def _has_words(text: str) -> bool:
    """Whether a heading's or link's text holds more than emoji and spaces."""
    return bool(EMOJI.sub("", text).strip())


def _elements(root: etree.Element) -> tuple[list[etree.Element], list[str]]:
    """Every element of the page in document order, and their tags: one walk, in C, that the
    headings, links and emoji spans are then picked from (a page has a hundred elements or more
    and a handful of each)."""
    elements = list(root.iter())
    return elements, list(map(_TAG, elements))


def _picked(elements: list[etree.Element], tags: list[str], test: Any) -> list[etree.Element]:
    """The elements whose tag passes `test`, in document order."""
    return list(compress(elements, map(test, tags)))


def _has_loose_emoji(root: etree.Element, spans: list[etree.Element]) -> bool:
    """Whether any emoji is not in a span yet, given the span.emoji already there: one pass over
    the text (in C) instead of a walk of the tree in Python, since most pages have none
    (shortcodes come as spans already)."""
    # Every emoji holds a character past ASCII: when the page's text outside the spans' own has
    # none, none is loose. The spans' text is set aside while the rest is joined, so that the
    # join stays ASCII (one byte a character) and isascii() answers without a scan.
    own = list(map(_TEXT, spans))
    for span in spans:
        span.text = None
    rest = "".join(root.itertext())
    for span, text in zip(spans, own):
        span.text = text
    if rest.isascii():
        return False
    return count_emoji("".join(root.itertext())) > len(spans)


def _mark_decorative_in_links(links: list[etree.Element]) -> None:
    """Emoji beside words in a link are decoration: the link is named by its words alone."""
    if not list(chain.from_iterable(map(_SPANS, links))):
        return  # most pages: no link holds a span
    for link in links:
        spans = _emoji_spans(link)
        if spans and _has_words("".join(link.itertext())):
            for span in spans:
                span.set("aria-hidden", "true")


class SourceText(Preprocessor):
    """Tells EmojiHeadings whether the page's text is all ASCII, once snippets are in and before
    code and raw HTML are set aside: then every emoji on the page is a shortcode's span (most
    pages), and no text needs reading for literal ones."""

    def __init__(self, md, headings: EmojiHeadings) -> None:
        super().__init__(md)
        self.headings = headings

    def run(self, lines: list[str]) -> list[str]:
        self.headings.literal_emoji_possible = not "".join(lines).isascii()
        return lines


class EmojiHeadings(Treeprocessor):
    """Decorative emoji in headings and links; for each heading written with a shortcode, its
    GitHub-style alias, which HeadingAliases puts in once toc has given every heading its id."""

    def __init__(self, md, aliases: HeadingAliases) -> None:
        super().__init__(md)
        self.aliases = aliases
        # Set by SourceText for each page (every emoji holds a character past ASCII). Text the
        # page did not write, such as a callout's title, wraps its own emoji (wrap_literal_emoji).
        self.literal_emoji_possible = True

    def run(self, root: etree.Element) -> None:
        elements, tags = _elements(root)
        if self.literal_emoji_possible:
            spans = _picked(elements, tags, _IS_SPAN)
            spans = list(compress(spans, map(_IS_EMOJI_CLASS, map(_CLASS, spans))))
            if _has_loose_emoji(root, spans):  # every emoji outside code gets its span, to be drawn
                wrap_literal_emoji(root)
                elements, tags = _elements(root)  # with the new spans
        self.literal_emoji_possible = True  # until SourceText reads the next page
        _mark_decorative_in_links(_picked(elements, tags, _IS_LINK))
        headings = _picked(elements, tags, HEADINGS.__contains__)
        words = list(map("".join, map(_TEXT_PIECES, headings)))
        wanted: list[tuple[etree.Element, str]] = []
        # Shortcode emoji are characters by now too; every emoji is past ASCII.
        for heading, text in compress(zip(headings, words), map(not_, map(str.isascii, words))):
            if not _holds_emoji(text):
                continue
            decorative = _has_words(text)
            shortcode = False
            # A heading holds a span or two: read in the loop, with fewer calls than _emoji_spans.
            for span in heading.iter("span"):
                attributes = span.attrib
                if attributes.get("class") != "emoji":
                    continue
                attributes.update(emoji_attributes(span.text or "", decorative))
                if not shortcode and "data-shortcode" in attributes:
                    shortcode = bool(attributes["data-shortcode"])
            if shortcode:
                wanted.append((heading, github_slug(_source_form(heading))))
        self.aliases.headings, self.aliases.wanted = headings, wanted


class HeadingAliases(Treeprocessor):
    """The alias anchors EmojiHeadings worked out, each put at the start of its heading unless
    another heading has that id or an earlier heading has the alias (GitHub gives it to the
    first). It runs after toc, so every heading's id is final and no alias can change one."""

    def __init__(self, md) -> None:
        super().__init__(md)
        # Set by EmojiHeadings for the page being converted, taken (and cleared) by run().
        self.headings: list[etree.Element] = []
        self.wanted: list[tuple[etree.Element, str]] = []

    def run(self, root: etree.Element) -> None:
        wanted, self.wanted = self.wanted, []
        headings, self.headings = self.headings, []
        if not wanted:
            return
        taken = set(map(_ID, headings))
        for heading, alias in wanted:
            if alias and alias not in taken:
                taken.add(alias)
                # An empty span inside the heading: search reads only its (empty) text.
                anchor = etree.Element("span", {"id": alias, "class": "heading-alias"})
                anchor.tail, heading.text = heading.text, None
                heading.insert(0, anchor)


class EmojiHeadingsExtension(Extension):
    def extendMarkdown(self, md):
        aliases = HeadingAliases(md)
        headings = EmojiHeadings(md, aliases)
        # The page's text with its snippets (32) and kramdown's rewrite (28), before fenced code
        # (25) and raw HTML (20) are stashed away from it.
        md.preprocessors.register(SourceText(md, headings), "handbook_source_text", 27)
        # After inline patterns (20) and attr_list (8), before toc (5) reads the headings; the
        # aliases after toc has given every heading its id.
        md.treeprocessors.register(headings, "handbook_emoji_headings", 6)
        md.treeprocessors.register(aliases, "handbook_heading_aliases", 4.5)


def makeExtension(**kwargs):
    return EmojiHeadingsExtension(**kwargs)
