"""Anchors: the ids a page's headings and markup will have once built, and links whose `#anchor`
names none of them. The project's own check (with line, `docs/` path and a suggestion) replaces
MkDocs' `validation.links.anchors`, so `handbook check` and the build report the same thing.

Ids are worked out from the source as the toc extension gives them (the handbook's `slugify`,
`_1`, `_2`... for repeats, `{#id}` attribute lists), plus the GitHub-style alias of emoji
headings, `id=`/`name=` in raw HTML and footnotes; tests compare them with real builds.
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Collection, Mapping
from urllib.parse import unquote

from handbook.markdown.emoji import SHORTCODE, emojize, github_slug, slugify
from handbook.markdown.links import NO_PERMALINKS, find_links, resolve
from handbook.pages.frontmatter import headings, plain_inline
from handbook.problems import Problem

HEADING_ID = re.compile(r"\{:?[^}]*#([\w:.-]+)[^}]*\}\s*$")
ANY_ATTR_ID = re.compile(r"\{:?[^}\n]*?#([\w:.-]+)[^}\n]*\}")
HTML_ID = re.compile(r"""<[a-zA-Z][^>]*?\s(?:id|name)\s*=\s*["']?([^"'\s>]+)""")
FOOTNOTE = re.compile(r"^\[\^([^\]]+)\]:", re.MULTILINE)
TAGS = re.compile(r"<[^>]+>")
GENERATED_MARKERS = ("<!-- material/tags -->", "<!-- handbook:review-status -->", "<!-- handbook:print -->")


def page_anchors(body: str) -> frozenset[str] | None:
    """Every id the built page will have that a link can name; None for a page whose text the build
    generates (the Tags and Review status pages), whose ids are not known until then."""
    if "<" in body and any(marker in body for marker in GENERATED_MARKERS):
        return None
    ids: set[str] = set()
    seen: set[str] = set()
    aliases: list[tuple[str, str]] = []
    for _, _, text in headings(body):
        explicit = HEADING_ID.search(text)
        if explicit:
            ids.add(explicit.group(1))
            seen.add(explicit.group(1))
            continue
        words = plain_inline(emojize(text))
        words = html.unescape(TAGS.sub("", words) if "<" in words else words)
        slug = _unique(slugify(words, "-"), seen)
        ids.add(slug)
        if SHORTCODE.search(text):
            # Shortcodes kept whole (their `_` is not emphasis), as emoji_headings writes the alias.
            kept = (SHORTCODE.sub(lambda m: m.group(0).replace("_", "\ue000"), text)
                    if "_" in text else text)
            aliases.append((github_slug(plain_inline(kept).replace("\ue000", "_")), slug))
    ids.update(alias for alias, _ in aliases if alias)
    if "{" in body:
        ids.update(ANY_ATTR_ID.findall(body))
    if "=" in body:
        ids.update(HTML_ID.findall(body))
    for name in FOOTNOTE.findall(body) if "^" in body and "[^" in body else ():
        ids.update((f"fn:{name}", f"fnref:{name}"))
    return frozenset(ids)


def _unique(slug: str, seen: set[str]) -> str:
    # The toc extension's rule: a repeated id gets `_1`, `_2`...
    candidate, number = slug, 0
    while candidate in seen or not candidate:
        number += 1
        candidate = f"{slug}_{number}"
    seen.add(candidate)
    return candidate


# A `#` that may be in a link's URL, tested on the raw text: after a character that is neither
# space nor `#` (`(#a`, `page.md#a`, `"#a"`), or after spaces that follow a URL's opening or
# something find_links masks out (`( #a)`, `[x]: #a`, `href= #a`, code or a comment). A heading's
# `#`s follow a line break or each other. A page with a `<` anywhere (HTML, a comment, a URL in
# angle brackets, `(< #a>)`) is always checked: what find_links masks or reads there is not
# decided by the characters next to the `#`.
MAY_LINK_TO_AN_ANCHOR = re.compile(r"(?<=[^\s#])#|[=(:`>]\s*<?#|(?s:<.*#|#.*<)")
URL_OPENINGS = frozenset("=(:`>")
# A `#` after a character that is not `#`: after text (in a URL) or after a space (a heading's, or
# a URL's after spaces). It starts with the literal `#`, which the regex engine finds at memory
# speed, and looks behind it from there.
HASH_AFTER_ANOTHER = re.compile(r"#(?<=[^#]#)")
# The characters str.isspace() accepts (tests/test_anchors.py compares them), asked with `in`: no
# call for each character walked over.
WHITESPACE = frozenset("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
                       "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")


def may_link_to_an_anchor(text: str) -> bool:
    """Whether MAY_LINK_TO_AN_ANCHOR matches in `text`, asked at each `#` only: the pattern has no
    fixed first character, so the regex engine would try it at every offset of the page."""
    if "<" in text:
        return "#" in text
    if "#" not in text:
        return False
    for match in HASH_AFTER_ANOTHER.finditer(text):
        start = match.start() - 1
        if text[start] not in WHITESPACE:  # after text
            return True
        # After spaces: a heading's first `#`, or a URL's after the spaces that follow its opening.
        while start and text[start - 1] in WHITESPACE:
            start -= 1
        if start and text[start - 1] in URL_OPENINGS:
            return True
    return False


def anchor_problems(path: str, body: str, first_line: int,
                    anchors: Mapping[str, frozenset[str] | None],
                    assets: Collection[str], permalinks: Mapping[str, str] = NO_PERMALINKS,
                    use_directory_urls: bool = True) -> list[Problem]:
    """Links on one page whose `#anchor` names no id on the page they lead to."""
    if not may_link_to_an_anchor(body):  # most pages: their only `#` start headings
        return []
    problems = []
    for link in find_links(body, first_line):
        if "#" not in link.url:
            continue
        target = resolve(link.url, path, anchors, assets, permalinks,
                         html=link.kind.startswith("html-"), use_directory_urls=use_directory_urls)
        if target.kind == "anchor":
            page = path
        elif target.kind == "page":
            page = target.path or path
        else:
            continue
        fragment = unquote(target.fragment.lstrip("#"))
        ids = anchors.get(page)
        if not fragment or ids is None or fragment in ids:
            continue
        problems.append(Problem(path, link.line, _message(link.url, page, path, fragment, ids),
                                "warning"))
    return problems


def _message(url: str, page: str, here: str, fragment: str, ids: frozenset[str]) -> str:
    where = "this page" if page == here else page
    wanted = fragment.lower()
    guess = difflib.get_close_matches(wanted, sorted(ids), n=1, cutoff=0.6) or sorted(
        (i for i in ids if len(i) >= 4 and (wanted.startswith(i) or i.startswith(wanted))),
        key=lambda i: -len(i))[:1]
    fix = (f"did you mean '#{guess[0]}'?" if guess else
           "link to a heading's anchor: its words in lower case joined by hyphens, e.g. "
           "'## Diverge and converge' is '#diverge-and-converge'")
    return f"link '{url}': {where} has no heading or anchor '#{fragment}'; {fix}"
