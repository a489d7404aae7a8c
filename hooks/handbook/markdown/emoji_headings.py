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
from itertools import chain, compress, repeat
from operator import attrgetter, eq, methodcaller, not_

from markdown import Extension, util
from markdown.treeprocessors import Treeprocessor

from handbook.markdown.emoji import EMOJI, count_emoji, emoji_attributes, github_slug, slugify
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


def to_span(index, shortname, alias, uc, alt, title, category, options, md):
    """pymdownx.emoji generator:
    `<span class="emoji" data-shortcode="dart" data-twemoji="1f3af">🎯</span>`."""
    span = etree.Element("span", {"class": "emoji", "data-shortcode": shortname.strip(":"),
                                  "data-twemoji": svg_name(alt)})
    span.text = util.AtomicString(alt)
    return span


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


def _wrap_literal_emoji(el: etree.Element) -> None:
    """Put each literal emoji in `el`'s own text and its children's tails into a span.emoji."""
    if el.tag in ("code", "pre", "script", "style") or _is_emoji(el):
        return
    for child in list(el):
        _wrap_literal_emoji(child)
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
def _has_words(text: str) -> bool:
    """Whether a heading's or link's text holds more than emoji and spaces."""
    return bool(EMOJI.sub("", text).strip())


def _headings(root: etree.Element) -> list[etree.Element]:
    """The page's headings in document order. The walk and each element's tag test run in C: a
    page has a hundred elements or more and a handful of headings."""
    elements = list(root.iter())
    return list(compress(elements, map(HEADINGS.__contains__, map(_TAG, elements))))


def _heading_ids(headings: list[etree.Element], words: list[str]) -> set[str]:
    """Every heading's id: its own, or the one toc gives it from its words (an emoji-only
    heading's from the emoji's names)."""
    slugs = map(slugify, words, repeat("-"))
    return {given or slug for given, slug in zip(map(_ID, headings), slugs)}


def _has_loose_emoji(root: etree.Element) -> bool:
    """Whether any emoji is not in a span yet: one pass over the text (in C) instead of a walk of
    the tree in Python, since most pages have none (shortcodes come as spans already)."""
    spans = _emoji_spans(root)
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


def _mark_decorative_in_links(root: etree.Element) -> None:
    """Emoji beside words in a link are decoration: the link is named by its words alone."""
    links = list(root.iter("a"))
    if not list(chain.from_iterable(map(_SPANS, links))):
        return  # most pages: no link holds a span
    for link in links:
        spans = _emoji_spans(link)
        if spans and _has_words("".join(link.itertext())):
            for span in spans:
                span.set("aria-hidden", "true")


class EmojiHeadings(Treeprocessor):
    """Decorative emoji in headings and links, and an alias anchor for headings written with
    shortcodes."""

    def run(self, root: etree.Element) -> None:
        if _has_loose_emoji(root):  # every emoji outside code gets its span, to be drawn in colour
            _wrap_literal_emoji(root)
        _mark_decorative_in_links(root)
        headings = _headings(root)
        words = list(map("".join, map(_TEXT_PIECES, headings)))
        aliases: set[str] = set()
        ids = None  # made for the page's first heading written with a shortcode
        # Document order, as GitHub gives the alias to the first of two headings with the same
        # words. Shortcode emoji are characters by now too; every emoji is past ASCII.
        for heading, text in compress(zip(headings, words), map(not_, map(str.isascii, words))):
            if not EMOJI.search(text):
                continue
            # A heading holds a span or two: a comprehension makes fewer calls than _emoji_spans.
            spans = [span for span in heading.iter("span") if span.get("class") == "emoji"]
            decorative = _has_words(text)
            shortcode = False
            for span in spans:
                attributes = span.attrib
                attributes.update(emoji_attributes(span.text or "", decorative))
                if not shortcode and "data-shortcode" in attributes:
                    shortcode = bool(attributes["data-shortcode"])
            if shortcode:
                alias = github_slug(_source_form(heading))
                # An alias never takes a heading's id: toc would give that heading another.
                ids = ids or _heading_ids(headings, words)
                if alias and alias not in aliases and alias not in ids:
                    aliases.add(alias)
                    # An empty span inside the heading: toc and search read only its (empty) text.
                    anchor = etree.Element("span", {"id": alias, "class": "heading-alias"})
                    anchor.tail, heading.text = heading.text, None
                    heading.insert(0, anchor)


class EmojiHeadingsExtension(Extension):
    def extendMarkdown(self, md):
        # After inline patterns (20) and attr_list (8), before toc (5) assigns ids.
        md.treeprocessors.register(EmojiHeadings(md), "handbook_emoji_headings", 6)


def makeExtension(**kwargs):
    return EmojiHeadingsExtension(**kwargs)
