"""A Markdown extension for emoji in headings, and the pymdownx.emoji generator it relies on.

The generator writes each shortcode as its Unicode character in a `span.emoji` that remembers the
shortcode and names its Twemoji drawing. The tree processor, which runs after inline parsing and
before `toc`, wraps literal emoji (outside code) the same way, hides decorative emoji from assistive technology, and puts an alias anchor
in the GitHub/kramdown form (`dart-business-outcomes`) at the start of the heading, so old links keep
landing on the section.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, util
from markdown.treeprocessors import Treeprocessor

from handbook.markdown.emoji import EMOJI, count_emoji, emoji_attributes, github_slug, slugify
from handbook.markdown.twemoji import svg_name

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


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


def _source_form(el: etree.Element) -> str:
    """The heading's text as written, with each shortcode emoji back as `:name:`."""
    parts = [el.text or ""]
    for child in el:
        if _is_emoji(child) and child.get("data-shortcode"):
            parts.append(f":{child.get('data-shortcode')}:")
        elif _is_emoji(child):
            parts.append(child.text or "")
        else:
            parts.append(_source_form(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _ids_like(alias: str, heading: etree.Element,
              texts: list[tuple[etree.Element, str, str]]) -> set[str]:
    """The ids (set, or to be given by toc) of the headings that could equal `alias`: this heading,
    and those whose words (lower-cased, the third of each of `texts`) contain the alias's first
    word (the emoji's name). Slugifying only these keeps the pass cheap on long pages."""
    name = alias.split("-", 1)[0]
    return {h.get("id") or slugify(words, "-") for h, words, lowered in texts
            if h is heading or h.get("id") or name in lowered}


def _has_loose_emoji(root: etree.Element) -> bool:
    """Whether any emoji is not in a span yet: one pass over the text (in C) instead of a walk of
    the tree in Python, since most pages have none (shortcodes come as spans already)."""
    found = count_emoji("".join(root.itertext()))
    return found > sum(1 for span in root.iter("span") if _is_emoji(span))


def _mark_decorative_in_links(root: etree.Element) -> None:
    """Emoji beside words in a link are decoration: the link is named by its words alone."""
    for link in root.iter("a"):
        spans = [el for el in link.iter() if _is_emoji(el)]
        if spans and EMOJI.sub("", "".join(link.itertext())).strip():
            for span in spans:
                span.set("aria-hidden", "true")


class EmojiHeadings(Treeprocessor):
    """Decorative emoji in headings and links, and an alias anchor for headings written with
    shortcodes."""

    def run(self, root: etree.Element) -> None:
        if _has_loose_emoji(root):  # every emoji outside code gets its span, to be drawn in colour
            _wrap_literal_emoji(root)
        _mark_decorative_in_links(root)
        # Document order, as GitHub gives the alias to the first of two headings with the same words.
        texts = [(h, words, words.lower()) for h in root.iter() if h.tag in HEADINGS
                 for words in ("".join(h.itertext()),)]
        aliases: set[str] = set()
        for heading, words, _ in texts:
            # Shortcode emoji are characters by now too; every emoji is past ASCII.
            if words.isascii() or not EMOJI.search(words):
                continue
            spans = [el for el in heading.iter() if _is_emoji(el)]
            decorative = bool(EMOJI.sub("", words).strip())
            for span in spans:
                for name, value in emoji_attributes(span.text or "", decorative).items():
                    span.set(name, value)
            if any(span.get("data-shortcode") for span in spans):
                alias = github_slug(_source_form(heading))
                if alias and alias not in aliases and alias not in _ids_like(alias, heading, texts):
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
