"""Emoji in headings and titles: shortcodes to Unicode, ids made from words, GitHub-style aliases.

Shortcode names are GitHub's (the gemoji index pymdownx ships), as Jekyll and GitHub previews use them.
Emoji stay Unicode characters, each in a span naming its Twemoji drawing (see twemoji.py), which the
site paints in colour from its own files, never from another host.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Mapping
from itertools import repeat
from types import MappingProxyType
from typing import Any

from markdown.extensions import toc

from handbook.markdown.blocks import headings, may_have_fences
from handbook.markdown.twemoji import svg_name, used_in
from handbook.pages.escaping import escape
from handbook.problems import Problem

SHORTCODE = re.compile(r":([a-z0-9_+-]+):", re.IGNORECASE)
# The name of every `:name:` in a text, overlapping ones too (`:a:b:` holds `:a:` and `:b:`), so
# that a `:name:` found in any part of the text (a heading, a line with its code blanked) is one.
ANY_SHORTCODE = re.compile(r":(?=([a-z0-9_+-]+):)", re.IGNORECASE)
# A line that may be a heading (ATX, or text over a setext underline) with a `:name:` in it.
SHORTCODE_HEADING = re.compile(
    r"^(?: {0,3}#.*:[a-z0-9_+-]+:.*| *\S.*:[a-z0-9_+-]+:.*\n {0,3}(?:=+|-+)[ \t]*)$", re.MULTILINE)
# One emoji: a flag, a keycap, or a pictograph with optional variation selector, skin tone and
# zero-width-joined parts. Symbols that are text by default (©, ®, ™) count only with U+FE0F.
_PICTO = (r"[\u231A-\u23FF\u25AA-\u25FE\u2600-\u27BF\u2934\u2935\u2B05-\u2B55\u3030\u303D"
          r"\u3297\u3299\U0001F000-\U0001FAFF]")
_MODIFIER = r"(?:\uFE0F|[\U0001F3FB-\U0001F3FF])?"
EMOJI = re.compile(
    r"(?:[\U0001F1E6-\U0001F1FF]{2}|[#*0-9]\uFE0F?\u20E3|[\u00A9\u00AE\u203C\u2049\u2122\u2139]\uFE0F"
    rf"|{_PICTO}{_MODIFIER}(?:\u200D{_PICTO}{_MODIFIER})*)"
)


# Every emoji holds a character past ASCII; only a keycap starts one before it (`#`, `*` or a digit).
_PAST_ASCII = re.compile(r"[^\x00-\x7f]")
_KEYCAP_STARTS = frozenset("#*0123456789")


def count_emoji(text: str) -> int:
    """len(EMOJI.findall(text)), trying the pattern only where an emoji can start: the pattern has
    no fixed first character, so findall would try it at every offset of a page's text."""
    count = pos = 0
    while found := _PAST_ASCII.search(text, pos):
        start = found.start()
        if start > pos and text[start - 1] in _KEYCAP_STARTS:
            start -= 1
        match = EMOJI.match(text, start)
        if match is None and start < found.start():
            match = EMOJI.match(text, found.start())
        if match is None:
            pos = found.start() + 1
        else:
            count += 1
            pos = match.end()
    return count


@functools.lru_cache(maxsize=1)
def _gemoji() -> dict:
    """pymdownx's GitHub emoji table, as its `gemoji` index gives it, read-only. pymdownx.emoji's
    own index functions deep-copy the whole table for every page (a quarter of a build's time),
    and even one copy takes 25 ms; the table is constant and only ever read, so pymdownx's own
    serves every page of every build, behind read-only views."""
    from pymdownx import gemoji_db

    return {"name": gemoji_db.name, "emoji": MappingProxyType(gemoji_db.emoji),
            "aliases": MappingProxyType(gemoji_db.aliases)}


def gemoji_index(options: dict, md: object) -> dict:
    """`emoji_index` for pymdownx.emoji: GitHub's shortcodes, without a copy per page."""
    return _gemoji()


@functools.lru_cache(maxsize=1)
def _index() -> tuple[dict[str, str], dict[str, str]]:
    """shortcode_index of the gemoji table, made once per process from the same constant table, so
    caching it leaks nothing between builds."""
    return shortcode_index(_gemoji())


def shortcode_index(table: Mapping[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
    """(shortcode name -> Unicode, Unicode without U+FE0F -> the first shortcode name in order)
    of a table shaped as pymdownx's gemoji index."""
    codes = sorted(table["emoji"])
    names = list(map(str.strip, codes, repeat(":")))
    # Every emoji's code points (`1f469-200d-1f52c`) turned into characters at once, the emoji
    # apart by U+0000, which none holds: a few calls for the table instead of some nine an emoji
    # (this runs in the first build of a process). tests/test_emoji.py compares it with the loop.
    points = "-0-".join([table["emoji"][code]["unicode"] for code in codes]).split("-")
    chars = "".join(map(chr, map(int, points, repeat(16)))).split("\x00")
    by_name = dict(zip(names, chars))
    # Read backwards, the first of the names that share a character is written last.
    plain = "\x00".join(chars).replace("\uFE0F", "").split("\x00")
    by_char = dict(zip(reversed(plain), reversed(names)))
    for alias, code in table["aliases"].items():
        by_name[alias.strip(":")] = by_name[code.strip(":")]
    return by_name, by_char


def is_shortcode(name: str) -> bool:
    return name in _index()[0]


def emojize(text: str) -> str:
    """`:compass: Discovery` -> `🧭 Discovery`; unknown shortcodes are left as written."""
    if ":" not in text:
        return text
    by_name = _index()[0]
    # re.split keeps each match's name at the odd places: one comprehension instead of a call per
    # shortcode (a page of the printable handbook or llms-full.txt has many).
    parts = SHORTCODE.split(text)
    parts[1::2] = [by_name[name] if name in by_name else f":{name}:" for name in parts[1::2]]
    return "".join(parts)


def unknown_shortcodes(text: str) -> list[str]:
    """The `:names:` in `text` that are not emoji, e.g. `:not_an_emoji:`."""
    return [m.group(0) for m in SHORTCODE.finditer(text)
            if m.group(1)[:1].isalpha() and not is_shortcode(m.group(1))]


def may_have_unknown_shortcodes(text: str) -> bool:
    """False when no part of `text` (a heading, a line, the text with its code blanked) can hold
    a `:name:` that unknown_shortcodes reports, so a page whose shortcodes all name emoji is not
    scanned heading by heading and line by line."""
    by_name = _index()[0]
    for name in ANY_SHORTCODE.findall(text):  # a loop, not any() over a generator: fewer calls
        if name not in by_name and name[:1].isalpha():
            return True
    return False


def shortcode_problems(path: str, title: object, title_line: int | None, body: str,
                       body_line: int) -> list[Problem]:
    """Shortcodes in the title or in headings that name no emoji, e.g. `:not_an_emoji:`."""
    found = [(title_line, "the title", code)
             for code in unknown_shortcodes(title if isinstance(title, str) else "")]
    candidates = list(SHORTCODE_HEADING.finditer(body)) if may_have_unknown_shortcodes(body) else []
    if candidates and may_have_fences(body):  # fenced code may hold heading-like lines
        found += [(line, "this heading", code) for line, _, text in headings(body, body_line)
                  if ":" in text for code in unknown_shortcodes(text)]
    else:
        found += [(body_line + body.count("\n", 0, match.start()), "this heading", code)
                  for match in candidates
                  for code in unknown_shortcodes(match.group(0).split("\n")[0])]
    return [Problem(path, line,
                    f"{code} in {where} is not an emoji shortcode, so it is shown as typed; check "
                    "the name (GitHub's names, e.g. `:dart:`), or paste the emoji itself",
                    "warning")
            for line, where, code in found]


def emoji_name(char: str) -> str | None:
    """The shortcode name of one emoji character (sequence), e.g. `🎉` -> `tada`."""
    return _index()[1].get(char.replace("\uFE0F", ""))


def strip_emoji(text: str) -> str:
    """The words of a title or heading, without emoji or shortcodes."""
    # Most titles hold no shortcode (each needs a `:`) and no emoji (each holds a character past
    # ASCII): their words as they are, without the two substitutions. tests/test_emoji.py
    if ":" not in text and text.isascii():
        return " ".join(text.split())
    return " ".join(EMOJI.sub(" ", SHORTCODE.sub(
        lambda m: " " if is_shortcode(m.group(1)) else m.group(0), text)).split())


# Python-Markdown's toc.slugify, with its two patterns compiled once instead of looked up in re's
# cache on every call (a property test compares the two).
NOT_IN_SLUG = re.compile(r"[^\w\s-]")
SLUG_SEPARATORS = re.compile(r"[-\s]+")


def words_slugify(value: str, separator: str) -> str:
    """toc.slugify(value, separator): `Café au lait` -> `cafe-au-lait`."""
    if separator != "-":
        return toc.slugify(value, separator)
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    return SLUG_SEPARATORS.sub(separator, NOT_IN_SLUG.sub("", value).strip().lower())


# Each heading's words are slugified three times a build (the anchor check, the emoji-heading alias,
# toc): kept by value and separator, all the id depends on, for as many headings as a large site has.
@functools.lru_cache(maxsize=16384)
def slugify(value: str, separator: str) -> str:
    """Heading ids from the words (`🚀 Launch` -> `launch`); an emoji-only heading gets the emoji's
    name (`🎉` -> `tada`). Used as the toc extension's `slugify`."""
    if separator == "-" and value.isascii():
        # Most headings: no emoji to take out (each holds a character past ASCII) and nothing for
        # NFKD to change, so words_slugify's last step alone, without its calls.
        words = SLUG_SEPARATORS.sub("-", NOT_IN_SLUG.sub("", value).strip().lower())
    else:
        words = words_slugify(EMOJI.sub(" ", value), separator)
    if words:
        return words
    names = [emoji_name(m.group(0)) for m in EMOJI.finditer(value)]
    return separator.join(name.replace("_", separator) for name in names if name)


NOT_IN_GITHUB_SLUG = re.compile(r"[^\w\- ]")


# A shortcode heading's alias is worked out twice a build (the anchor check, emoji_headings), from
# the same text: kept by that text, all the alias depends on.
@functools.lru_cache(maxsize=16384)
def github_slug(text: str) -> str:
    """The anchor GitHub previews and Jekyll's kramdown give a heading written as `text`:
    `:dart: Business outcomes` -> `dart-business-outcomes`."""
    text = EMOJI.sub("", text.strip().lower())
    text = NOT_IN_GITHUB_SLUG.sub("", text)
    return text.replace(" ", "-")


def title_html(title: str) -> str:
    """A title for templates: escaped, emoji converted and hidden from assistive technology when the
    title has words (an emoji-only title keeps its emoji, named)."""
    text = emojize(str(title))
    if text.isascii():  # every emoji holds a character past ASCII: most titles have none
        return escape(text)
    has_words = bool(strip_emoji(text))
    out, last = [], 0
    for match in EMOJI.finditer(text):
        out.append(html.escape(text[last:match.start()]))
        out.append(emoji_span(match.group(0), has_words))
        last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


def drawings_in_titles(titles: Mapping[str, object]) -> dict[str, str]:
    """{Twemoji drawing: the first key of `titles` whose title_html asks for it}, for the titles
    the nav, the buttons and the tag listings print. A title of ASCII without a ':' is skipped:
    no shortcode, so its title_html is the title escaped, which holds no '"' to name a drawing
    with (most titles; the others are converted)."""
    found: dict[str, str] = {}
    for path, title in titles.items():
        if type(title) is str and title.isascii() and ":" not in title:
            continue
        for name in used_in(title_html(title)):
            found.setdefault(name, path)
    return found


# Asked for every emoji in a heading, with the few dozen a handbook uses: kept by all the answer
# depends on. A tuple, since every caller shares it: read-only, and a dict takes it in one update.
@functools.lru_cache(maxsize=4096)
def emoji_attributes(char: str, decorative: bool) -> tuple[tuple[str, str], ...]:
    """How assistive technology should meet an emoji: hidden beside words, named when alone.
    The attributes as (name, value) pairs."""
    if decorative:
        return (("aria-hidden", "true"),)
    return (("role", "img"), ("aria-label", (emoji_name(char) or "emoji").replace("_", " ")))


def emoji_span(char: str, decorative: bool) -> str:
    attributes = "".join(f' {name}="{html.escape(value)}"'
                         for name, value in emoji_attributes(char, decorative))
    return f'<span class="emoji" data-twemoji="{svg_name(char)}"{attributes}>{char}</span>'
