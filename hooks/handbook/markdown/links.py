"""Links and images in a page's Markdown: where each one is, what it points at, how to repair it.

The build, `handbook check` and `handbook import` share this one reading of links, so a link the
check accepts is a link the build rewrites and a page that imports cleanly builds cleanly.
"""

from __future__ import annotations

import difflib
import functools
import posixpath
import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from html import unescape as unescape_html
from types import MappingProxyType
from typing import Literal
from urllib.parse import quote, unquote

from handbook.problems import Problem

LinkKind = Literal["link", "image", "html-link", "html-image", "reference"]
TargetKind = Literal["external", "anchor", "page", "asset", "missing", "outside"]
TargetForm = Literal["relative", "site-root", "extensionless", "html-suffix", "directory",
                     "permalink", "file-relative"]

PAGE_SUFFIXES = (".md", ".markdown")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".bmp", ".ico", ".tif",
                  ".tiff")
NO_PERMALINKS: Mapping[str, str] = MappingProxyType({})

# --- Finding links -------------------------------------------------------------------------------

# Fences as pymdownx.superfences opens them: a language, `{attributes}` or `key="value"` options.
# Anything else after the backticks (``` [a](b) ```) is an inline code span, not a fence.
FENCE_OPEN = re.compile(
    r"([ \t]*)(`{3,}|~{3,})[ \t]*(?:\.?[\w#.+-]+(?=[ \t]|$))?"
    r"(?:[ \t]*\{[^\n]*\}|(?:[ \t]*[A-Za-z][A-Za-z0-9_]*(?:=([\"']).*?\3)?(?=[ \t]|$))+)?[ \t]*$")
# What must be blanked out before links are looked for: backslash escapes (Python-Markdown's set),
# code spans and HTML comments, whichever starts first.
INLINE_SKIP = re.compile(r"\\[\\`*_{}\[\]()>#+\-.!]|`+|<!--")
BLANK_LINE = re.compile(r"\n[ \t]*\n")
# Python-Markdown's code span: the opening run may give back backticks until some later run of the
# same length closes it (so "```x`" is the code "``x"), which CommonMark would not allow.
CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)", re.DOTALL)
# `[text](` or `![alt](`, with brackets nested up to three deep in the text, as editors write them.
LINK_OPEN = re.compile(r"(!?)\[((?:[^\[\]]++|\[(?:[^\[\]]++|\[[^\[\]]*+\])*+\])*+)\]\(")
ANGLE_DESTINATION = re.compile(r"""\(\s*(?:(<[^<>]*>)\s*(?:('[^']*'|"[^"]*")\s*)?\))?""")
# Most URLs have no space, quote or parenthesis, and need none of Python-Markdown's title rules.
PLAIN_DESTINATION = re.compile(r"\(\s*([^\s()<>\"']*)\s*\)")
# How far a URL with its title may reach: longer than any real one, short enough that a page of
# unclosed `[a](` cannot make the search quadratic.
LONGEST_DESTINATION = 2048
# Python-Markdown's reference definition, also accepted after a list marker or quote mark and at any
# indentation (admonition bodies are indented); `[^1]:` is a footnote, not a link.
REFERENCE_DEFINITION = re.compile(
    r"^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?\[(?!\^)[^\[\]\n]+\]:[ \t]*(?:\n[ \t]*)?(\S+)"
    r"[ \t]*(?:\n[ \t]*)?(?:([\"']).*\2[ \t]*|\(.*\)[ \t]*)?$",
    re.MULTILINE)
HTML_URL = re.compile(
    r"<(?:(a)\b[^<>]*?\shref|(img)\b[^<>]*?\ssrc)\s*=\s*"
    r"(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+))",
    re.IGNORECASE)
MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()>#+\-.!])")
ESCAPE_MASK = "\x00\x00"  # not a space, so a URL's edges are where the editor put them


@dataclass(frozen=True)
class Link:
    """One link, image or reference definition; `start:end` is its URL in the page's text."""

    line: int  # the 1-based line of the URL, with the caller's first_line applied
    start: int
    end: int
    url: str  # as written, without angle brackets
    kind: LinkKind


def find_links(text: str, first_line: int = 1) -> list[Link]:
    """Every link, image and reference definition outside code and comments, in text order."""
    has_html = "href" in text or "src" in text or "HREF" in text or "SRC" in text
    if "](" not in text and "]:" not in text and not has_html:
        return []
    masked = _mask_code(text)
    found: list[tuple[int, int, LinkKind]] = []
    if "](" in masked:
        found += _inline_links(masked)
    if "]:" in masked:
        for match in REFERENCE_DEFINITION.finditer(masked):
            start, end = match.span(1)
            while start < end and text[start] == "<":
                start += 1
            while end > start and text[end - 1] == ">":
                end -= 1
            found.append((start, end, "reference"))
    if has_html:
        for match in HTML_URL.finditer(masked):
            group = next(g for g in (3, 4, 5) if match.group(g) is not None)
            found.append((*match.span(group), "html-link" if match.group(1) else "html-image"))
    found.sort()
    links = []
    line, counted = first_line, 0
    for start, end, kind in found:
        if end <= start:
            continue  # an empty URL links the page to itself; nothing to check or rewrite
        line += text.count("\n", counted, start)
        counted = start
        links.append(Link(line, start, end, text[start:end], kind))
    return links


def _mask_code(text: str) -> str:
    """The text with fenced code, code spans, HTML comments and escapes blanked; same offsets."""
    if "```" in text or "~~~" in text:
        text = _blank(text, _fenced_code(text))
    if "`" not in text and "<!--" not in text and "\\" not in text:
        return text
    spans: list[tuple[int, int]] = []
    escapes: list[int] = []
    paragraphs = _Paragraphs(text)
    pos = 0
    while match := INLINE_SKIP.search(text, pos):
        start, token = match.start(), match.group()
        pos = match.end()
        if token[0] == "\\":
            escapes.append(start)
        elif token == "<!--":
            close = text.find("-->", pos)
            if close != -1:  # an unclosed comment is shown as text, and so are its links
                spans.append((start, close + 3))
                pos = close + 3
        else:
            close = _code_span_end(text, start, paragraphs)
            if close is not None:
                spans.append((start, close))
                pos = close
    masked = _blank(text, spans)
    if escapes:
        pieces, last = [], 0
        for start in escapes:
            pieces += [masked[last:start], ESCAPE_MASK]
            last = start + 2
        masked = "".join(pieces) + masked[last:]
    return masked


def _code_span_end(text: str, start: int, paragraphs: _Paragraphs) -> int | None:
    """End of the code span that the backticks at `start` open, within their paragraph."""
    match = CODE_SPAN.match(text, start, paragraphs.end(start))
    return match.end() if match else None


class _Paragraphs:
    """Where the paragraph around an offset ends (at a blank line), for offsets asked in order."""

    def __init__(self, text: str):
        self.text = text
        self.blank_at = -1  # the last blank line found; reused while the offsets stay before it

    def end(self, pos: int) -> int:
        if self.blank_at < pos:
            blank = BLANK_LINE.search(self.text, pos)
            self.blank_at = blank.start() if blank else len(self.text)
        return min(self.blank_at + 1, len(self.text))


def _fenced_code(text: str) -> list[tuple[int, int]]:
    """Spans of closed fenced code blocks, read as pymdownx.superfences reads them.

    A fence may be indented (inside an admonition or a list); it closes on the same fence at the
    same indentation, and a less-indented line or the end of the page before that means it was no
    fence at all, so its lines are ordinary Markdown.
    """
    spans = []
    opened: tuple[int, str, int] | None = None  # (indent, fence, offset of the opening line)
    offset = 0
    for line in text.split("\n"):
        if opened is None:
            if line.lstrip(" \t")[:3] in ("```", "~~~"):
                match = FENCE_OPEN.match(line)
                if match:
                    opened = (len(match.group(1)), match.group(2), offset)
        elif line.strip(" \t"):
            indent, fence, start = opened
            if len(line) - len(line.lstrip(" \t")) < indent:
                opened = None
            elif line[indent:].startswith(fence) and not line[indent + len(fence):].strip(" \t"):
                spans.append((start, offset + len(line)))
                opened = None
        offset += len(line) + 1
    return spans


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    pieces, last = [], 0
    for start, end in spans:
        pieces += [text[last:start], re.sub(r"[^\n]", " ", text[start:end])]
        last = end
    return "".join(pieces) + text[last:]


def _inline_links(masked: str) -> Iterator[tuple[int, int, LinkKind]]:
    """`[text](url)` and `![alt](url)`, including those nested in another link's text.

    As in Python-Markdown, an image inside a link's text is an image, but a link inside a link's
    text, anything inside an image's alt text and anything inside a URL is only text.
    """
    containers: list[tuple[int, str]] = []  # (end of the text, kind) of the links around `pos`
    urls: list[tuple[int, int]] = []  # from `](` to `)` of the links found, while still ahead
    paragraphs = _Paragraphs(masked)
    pos = 0
    while match := LINK_OPEN.search(masked, pos):
        start = match.start()
        pos = start + 1 + len(match.group(1))
        text_end = match.end(2)
        if BLANK_LINE.search(masked, start, text_end):
            continue
        kind = "image" if match.group(1) else "link"
        while containers and containers[-1][0] <= start:
            containers.pop()
        urls = [(a, b) for a, b in urls if b > start]
        if any(outer == "image" or kind == "link" for _, outer in containers) or any(
                a <= start for a, _ in urls):
            continue
        limit = min(paragraphs.end(match.end()), match.end() + LONGEST_DESTINATION)
        destination = _destination(masked, match.end() - 1, limit)
        if destination is None:
            continue
        containers.append((text_end, kind))
        urls.append((text_end, destination[2]))
        yield destination[0], destination[1], kind


def _destination(s: str, index: int, limit: int) -> tuple[int, int, int] | None:
    """(start, end) of the URL of the `(url "title")` opening at `s[index]`, and the end of the
    `(...)`; None if it never closes.

    A port of Python-Markdown's `LinkInlineProcessor.getLink`, so a URL is read exactly as MkDocs
    reads it: spaces allowed, parentheses counted, and a quote starts a title only if it closes just
    before the last parenthesis.
    """
    match = PLAIN_DESTINATION.match(s, index, limit)
    if match:
        return *match.span(1), match.end()
    if s.find(")", index, limit) == -1:
        return None
    match = ANGLE_DESTINATION.match(s, index, limit)
    if match is None:
        return None
    if match.group(1):
        return *_strip_span(s, match.start(1) + 1, match.end(1) - 1), match.end()
    start = index = match.end()
    bracket_count = backtrack_count = 1
    last_bracket = -1
    title_quote = alt_quote = None
    start_quote = exit_quote = start_alt_quote = exit_alt_quote = -1
    ignore_matches = False
    last = ""
    href_end = -1
    for pos in range(index, limit):
        c = s[pos]
        if c == "(":
            if not ignore_matches:
                bracket_count += 1
            elif backtrack_count > 0:
                backtrack_count -= 1
        elif c == ")":
            if ((exit_quote != -1 and title_quote == last)
                    or (exit_alt_quote != -1 and alt_quote == last)):
                bracket_count = 0
            elif not ignore_matches:
                bracket_count -= 1
            elif backtrack_count > 0:
                backtrack_count -= 1
                if backtrack_count == 0:
                    last_bracket = index + 1
        elif c in "'\"":
            if not title_quote:
                ignore_matches = True
                backtrack_count = bracket_count
                bracket_count = 1
                start_quote = index + 1
                title_quote = c
            elif c != title_quote and not alt_quote:
                start_alt_quote = index + 1
                alt_quote = c
            elif c == title_quote:
                exit_quote = index + 1
            elif alt_quote and c == alt_quote:
                exit_alt_quote = index + 1
        index += 1
        if bracket_count == 0:
            if exit_quote >= 0 and title_quote == last:
                href_end = start_quote - 1
            elif exit_alt_quote >= 0 and alt_quote == last:
                href_end = start_alt_quote - 1
            else:
                href_end = index - 1
            break
        if c != " ":
            last = c
    if bracket_count != 0 and backtrack_count == 0:
        href_end, bracket_count, index = last_bracket - 1, 0, last_bracket
    if bracket_count != 0:
        return None
    return *_strip_span(s, start, href_end), index


def _strip_span(s: str, start: int, end: int) -> tuple[int, int]:
    while start < end and s[start].isspace():
        start += 1
    while end > start and s[end - 1].isspace():
        end -= 1
    return start, end


# --- Resolving a URL -----------------------------------------------------------------------------

SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")


@dataclass(frozen=True)
class Target:
    """What a URL points at, and the form it was written in.

    `path` is docs-relative: the page or asset found, or for `missing` and `outside` the normalised
    path the link most plainly names (e.g. `overview/roadmap.md`, `../notes.md`). `form` is the
    rule that found the file (`relative` means MkDocs, or for raw HTML the browser, follows the
    link as written); for a broken link it is the shape of the URL; external links and anchors
    are `relative`.
    """

    kind: TargetKind
    path: str | None
    fragment: str  # '#section', or '' (a query string is never part of it)
    form: TargetForm


def resolve(url: str, from_path: str, pages: Collection[str], assets: Collection[str],
            permalinks: Mapping[str, str] = NO_PERMALINKS, *, html: bool = False,
            use_directory_urls: bool = True) -> Target:
    """Resolve `url`, written on the page `from_path`, against the handbook's pages and assets.

    `pages` and `assets` are docs-relative paths (pass sets: each lookup is a membership test);
    `permalinks` maps `permalink_key()`s of old Jekyll addresses to pages. A relative URL names a
    file relative to the page's folder, as MkDocs reads Markdown links. With `html=True` (raw HTML,
    which MkDocs leaves alone and the browser resolves against the page's built address) a URL
    that is already the target's built address has form `relative`; one that only makes sense
    relative to the page's file is `file-relative`.
    """
    if SCHEME.match(url) or url.startswith("//"):
        return Target("external", None, "", "relative")
    path, _, fragment = _split_url(url)
    if not path:
        return Target("anchor", None, fragment, "relative")
    if "%" in path:
        path = unquote(path)
    if path.startswith("/"):
        found = _find(path.lstrip("/"), path.endswith("/"), pages, assets)
        if found and found[0] != "outside":
            return Target(found[0], found[1], fragment, "site-root")
        permalink = permalinks.get(permalink_key(path)) if permalinks else None
        if permalink is not None and (permalink in pages or permalink in assets):
            kind = "page" if permalink in pages else "asset"
            return Target(kind, permalink, fragment, "permalink")
        return _unresolved(path.lstrip("/"), fragment, "site-root")
    if html:
        built = _find_built(path, from_path, pages, assets, use_directory_urls)
        if built:
            return Target(built[0], built[1], fragment, "relative")
    joined = posixpath.join(posixpath.dirname(from_path), path)
    found = _find(joined, _names_folder(path), pages, assets)
    if found is None:
        return _unresolved(joined, fragment, _written_form(path))
    kind, target, rule = found
    if kind == "outside":
        return Target("outside", target, fragment, _written_form(path))
    if rule == "exact":
        form: TargetForm = "file-relative" if html else "relative"
    elif rule == "folder" or _names_folder(path):
        form = "directory"
    else:
        form = "html-suffix" if rule == "html" else "extensionless"
    return Target(kind, target, fragment, form)


def permalink_key(permalink: str) -> str:
    """An address in one spelling: `/docs/x`, `/docs/x/`, `/docs/x.html` and
    `/docs/x/index.html` all become `/docs/x/`."""
    key = "/" + unquote(permalink.strip()).strip("/")
    key = key.removesuffix(".html")
    if key == "/index" or key.endswith("/index"):
        key = key[: -len("index")]
    return key if key.endswith("/") else key + "/"


def _split_url(url: str) -> tuple[str, str, str]:
    """(path, query, '#fragment')."""
    path, hash_mark, fragment = url.partition("#")
    path, _, query = path.partition("?")
    return path, query, hash_mark + fragment


def _names_folder(path: str) -> bool:
    return path.endswith("/") or posixpath.basename(path) in ("", ".", "..")


def _written_form(path: str) -> TargetForm:
    if _names_folder(path):
        return "directory"
    name = posixpath.basename(path)
    if name.endswith(".html"):
        return "html-suffix"
    return "relative" if "." in name else "extensionless"


def _outside(path: str) -> bool:
    return path == ".." or path.startswith("../")


def _find(joined: str, folder: bool, pages: Collection[str],
          assets: Collection[str]) -> tuple[TargetKind, str, str] | None:
    """(kind, path, rule) for the first file `joined` can name, in the order editors expect: the
    file itself, the page with `.md` added, the folder's index page, the `.html` page's source."""
    path = posixpath.normpath(joined) if joined else "."
    if _outside(path):
        return "outside", path, "exact"
    if path == ".":
        candidates = [(f"{name}{suffix}", "folder") for name in ("index", "README")
                      for suffix in PAGE_SUFFIXES]
    else:
        # `x.md/` is still the page x.md to MkDocs, which normalises the slash away
        candidates = [] if folder and not path.endswith(PAGE_SUFFIXES) else [(path, "exact")]
        if not path.endswith(PAGE_SUFFIXES):
            candidates += [(path + suffix, "page") for suffix in PAGE_SUFFIXES]
        candidates += [(f"{path}/{name}{suffix}", "folder") for name in ("index", "README")
                       for suffix in PAGE_SUFFIXES]
        if path.endswith(".html"):
            candidates += [(path[: -len(".html")] + suffix, "html") for suffix in PAGE_SUFFIXES]
    for candidate, rule in candidates:
        if candidate in pages:
            return "page", candidate, rule
        if candidate in assets:
            return "asset", candidate, rule
    return None


def _find_built(path: str, from_path: str, pages: Collection[str], assets: Collection[str],
                use_directory_urls: bool) -> tuple[TargetKind, str] | None:
    """The page or asset whose built address `path` is, read from the page's built address."""
    base = _built_path(from_path, use_directory_urls)
    folder = base if base.endswith("/") else posixpath.dirname(base)
    joined = posixpath.normpath(posixpath.join(folder.removeprefix("./"), path) or ".")
    if _outside(joined):
        return None
    if not _names_folder(path) and joined in assets and not joined.endswith(PAGE_SUFFIXES):
        return "asset", joined
    if joined == ".":
        joined = ""
    if _names_folder(path) or joined == "index.html" or joined.endswith("/index.html"):
        stem = joined.removesuffix("index.html").rstrip("/")
        names = [posixpath.join(stem, name) for name in ("index", "README")]
        if stem and use_directory_urls:
            names.append(stem)
    elif not use_directory_urls and joined.endswith(".html"):
        names = [joined[: -len(".html")]]
    else:
        return None
    for name in names:
        for suffix in PAGE_SUFFIXES:
            candidate = name + suffix
            built = _built_path(candidate, use_directory_urls)
            if candidate in pages and _same_address(built, joined):
                return "page", candidate
    return None


def _same_address(built: str, joined: str) -> bool:
    return built.removeprefix("./").removesuffix("index.html").rstrip("/") == \
        joined.removesuffix("index.html").rstrip("/")


def _unresolved(joined: str, fragment: str, form: TargetForm) -> Target:
    path = posixpath.normpath(joined) if joined else "."
    if _outside(path):
        return Target("outside", path, fragment, form)
    return Target("missing", path, fragment, form)


# --- Writing links -------------------------------------------------------------------------------

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
    return _quote_path("/".join(parts)) + _fragment(fragment)


def page_url(path: str, use_directory_urls: bool = True) -> str:
    """A file's address in the built site, relative to the site root, as MkDocs computes it
    (`overview/lifecycle.md` -> `overview/lifecycle/`, `index.md` -> `./`)."""
    return quote(_built_path(path, use_directory_urls))


def relative_url(target_path: str, from_path: str, use_directory_urls: bool = True,
                 fragment: str = "") -> str:
    """The address of a page (its built URL) or asset, relative to the built page `from_path`.

    For raw HTML `<a href>` and `<img src>`, which MkDocs copies into the page unchanged. The same
    computation as MkDocs' `get_relative_url` between the two files' URLs.
    """
    target = _built_path(target_path, use_directory_urls)
    here = _built_path(from_path, use_directory_urls)
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
    return quote(url) + _fragment(fragment)


def _built_path(path: str, use_directory_urls: bool) -> str:
    if not path.endswith(PAGE_SUFFIXES):
        return path
    parent, name = posixpath.split(path)
    stem = posixpath.splitext(name)[0]
    if stem in ("index", "README"):
        if not use_directory_urls:
            return posixpath.join(parent, "index.html")
        return f"{parent}/" if parent else "./"
    if use_directory_urls:
        return posixpath.join(parent, stem) + "/"
    return posixpath.join(parent, stem + ".html")


def _fragment(fragment: str) -> str:
    if not fragment or fragment == "#":
        return ""
    return fragment if fragment.startswith("#") else "#" + fragment


def rewrite(text: str, replacements: Sequence[tuple[Link, str]]) -> str:
    """The text with each link's URL replaced; everything around the URLs is kept byte for byte."""
    pieces, last = [], 0
    for link, url in sorted(replacements, key=lambda pair: pair[0].start):
        if link.start < last or link.end > len(text):
            raise ValueError(f"the link at offset {link.start} overlaps another or is past the end")
        pieces += [text[last:link.start], url]
        last = link.end
    return "".join(pieces) + text[last:]


# --- Checking a page -----------------------------------------------------------------------------

def check_links(path: str, text: str, first_line: int, pages: Collection[str],
                assets: Collection[str], permalinks: Mapping[str, str] = NO_PERMALINKS,
                use_directory_urls: bool = True, *, for_markdown_output: bool = True,
                ) -> tuple[list[Problem], list[tuple[Link, str]]]:
    """Broken internal links on one page, and the repairs for links that work only once rewritten.

    A link that resolves in a form MkDocs does not follow (site-root, extensionless, `.html`,
    folder, old permalink; for raw HTML anything but the built address) gets a replacement: a
    relative `.md`/asset link for Markdown, the built address for raw HTML. With
    `for_markdown_output=False` (text that will not pass through MkDocs' Markdown) every internal
    link gets its built address. Anchors and external links are not checked.
    """
    problems: list[Problem] = []
    replacements: list[tuple[Link, str]] = []
    for link in find_links(text, first_line):
        is_html = link.kind.startswith("html-")
        url = _unescape(link.url, is_html)
        target = resolve(url, path, pages, assets, permalinks, html=is_html,
                         use_directory_urls=use_directory_urls)
        if target.kind in ("external", "anchor"):
            continue
        if target.kind in ("missing", "outside"):
            problems.append(Problem(path, link.line, broken_link_message(
                link, url, target, path, pages, assets, use_directory_urls), "warning"))
            continue
        if target.form == "relative" and (for_markdown_output or is_html):
            continue
        _, query, _ = _split_url(url)
        suffix = ("?" + query if query else "") + target.fragment
        if is_html or not for_markdown_output:
            new = relative_url(target.path, path, use_directory_urls) + suffix
        else:
            new = relative_link(target.path, path) + suffix
        if new != link.url:
            replacements.append((link, new))
    return problems, replacements


def _unescape(url: str, is_html: bool) -> str:
    if is_html:
        return unescape_html(url) if "&" in url else url
    return MARKDOWN_ESCAPE.sub(r"\1", url) if "\\" in url else url


def _is_image(link: Link, path: str | None) -> bool:
    if link.kind in ("image", "html-image"):
        return True
    return link.kind == "reference" and (path or "").lower().endswith(IMAGE_SUFFIXES)


def _names_page(target: Target) -> bool:
    """Whether a broken link was meant for a page (rather than a PDF, a spreadsheet...)."""
    name = posixpath.basename(target.path or "")
    return (target.form in ("extensionless", "directory", "html-suffix") or "." not in name
            or name.endswith(PAGE_SUFFIXES) or name.endswith(".html"))


def broken_link_message(link: Link, url: str, target: Target, from_path: str,
                        pages: Collection[str], assets: Collection[str],
                        use_directory_urls: bool = True) -> str:
    """What is wrong with a link that resolves to nothing, and how to fix it."""
    is_html = link.kind.startswith("html-")
    image = _is_image(link, target.path)

    def written(found: str) -> str:
        if is_html:
            return relative_url(found, from_path, use_directory_urls, target.fragment)
        return relative_link(found, from_path, target.fragment)

    if "{%" in url or "{{" in url:
        return (f"link '{url}' contains a Jekyll Liquid tag, which the handbook does not run; "
                "replace it with the file's path relative to this page, "
                "e.g. [Roadmaps](roadmaps.md)")
    if target.kind == "outside":
        return (f"{'image' if image else 'link'} '{url}' points outside the docs folder, and only "
                "files in docs/ are published; copy the file into docs/ and link to it relatively, "
                "or link to its address on the web")
    if "@" in url and "/" not in url and "." in url and not image:
        return (f"link '{url}' matches no page; it looks like an e-mail address, so write it "
                f"as 'mailto:{url}'")
    page_like = not image and _names_page(target)
    guess = _guess(_split_url(url)[0], target, from_path, pages, assets, image=image,
                   page_like=page_like, use_directory_urls=use_directory_urls)
    did_you_mean = f"did you mean '{guess}'?" if guess else ""
    folder = posixpath.dirname(from_path)
    read_from = f"docs/{folder}/" if folder else "docs/"
    if image:
        if guess:
            return (f"image '{url}' is missing: there is no such file in docs/; did you mean "
                    f"'{guess}'? Link to it relatively (e.g. '{written(guess)}'), or remove it")
        wanted = target.path or posixpath.basename(url)
        if not posixpath.dirname(wanted):
            wanted = "assets/images/" + wanted
        return (f"image '{url}' is missing: there is no such file in docs/; copy the image into "
                f"docs/{posixpath.dirname(wanted)}/ and link to it relatively "
                f"(e.g. '{written(wanted)}'), or remove it")
    if not page_like:
        fix = (f"link to it relatively (e.g. '{written(guess)}'), or remove the link" if guess else
               f"check the file name (it is read relative to {read_from}), copy the file into "
               "docs/, or remove the link")
        return f"link to '{url}' matches no file in docs/; {_then(did_you_mean, fix)}"
    if is_html:
        home = relative_url("index.md", from_path, use_directory_urls)
        example = written(guess) if guess else home
        fix = (f"MkDocs does not rewrite raw HTML, so write the built page's address relative to "
               f"this page (e.g. '{example}'), or use a Markdown link to the page's file")
        return f"HTML link '{url}' matches no page; {_then(did_you_mean, fix)}"
    if guess:
        example = written(guess)
    elif target.form == "directory":
        example = written(posixpath.join(target.path or "", "index.md"))
    else:
        example = written(_as_page(target.path or "index.md"))
    fix = f"link to the page's file relative to this page (e.g. '{example}'), or remove the link"
    if target.form == "site-root":
        return f"site-root link '{url}' matches no page in the handbook; {_then(did_you_mean, fix)}"
    if target.form == "extensionless":
        fix = (f"link to the page's file with its .md ending, relative to this page "
               f"(e.g. '{example}'), or remove the link")
        return f"extensionless link '{url}' matches no page; {_then(did_you_mean, fix)}"
    if target.form == "directory":
        return (f"folder link '{url}' matches no page (the folder has no index.md or README.md); "
                f"{_then(did_you_mean, fix)}")
    if target.form == "html-suffix":
        fix = (f"link to the page's Markdown file instead (e.g. '{example}'), "
               "or remove the link")
        return (f"link '{url}' names a built .html page that matches no page; "
                f"{_then(did_you_mean, fix)}")
    if guess:
        return (f"link to '{url}' matches no page; did you mean '{guess}'? Link to the page's "
                f"file, e.g. [{_label(guess)}]({example})")
    return (f"link to '{url}' matches no page; check the file name (it is read relative to "
            f"{read_from}), or remove the link")


def _then(question: str, fix: str) -> str:
    return f"{question} {fix[:1].upper()}{fix[1:]}" if question else fix


def _as_page(path: str) -> str:
    path = path.removesuffix(".html")
    return path if path.endswith(PAGE_SUFFIXES) else path + ".md"


def _label(path: str) -> str:
    stem = posixpath.splitext(posixpath.basename(path))[0]
    if stem in ("index", "README"):
        stem = posixpath.basename(posixpath.dirname(path)) or "Home"
    words = stem.replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def _guess(written: str, target: Target, from_path: str, pages: Collection[str],
           assets: Collection[str], *, image: bool, page_like: bool,
           use_directory_urls: bool) -> str | None:
    """The file a broken link most likely meant: the link read against the page's built address
    (MkDocs' own guess), then the one file of that name elsewhere, then the closest spelling."""
    wanted = target.path or ""
    if not wanted:
        return None
    if "%" in written:
        written = unquote(written)
    if not image and not written.startswith("/"):
        here = _built_path(from_path, use_directory_urls).removeprefix("./")
        folder = here if here.endswith("/") else posixpath.dirname(here)
        found = _find(posixpath.join(folder, written), _names_folder(written), pages, assets)
        if found and found[0] != "outside":
            return found[1]
    kind = "image" if image else "page" if page_like else "file"
    index = _name_index(frozenset(pages if page_like else assets), kind)
    return index.closest(wanted, _stem(wanted, by_file_name=not page_like))


class _NameIndex:
    """Files by name (see `_stem`), and the guesses already made from them."""

    def __init__(self, files: frozenset[str], kind: str):
        self.by_name: dict[str, list[str]] = {}
        for path in sorted(files):
            if kind != "image" or path.lower().endswith(IMAGE_SUFFIXES):
                self.by_name.setdefault(_stem(path, by_file_name=kind != "page"), []).append(path)
        self.names: dict[str, str | None] = {}

    def closest(self, wanted: str, name: str) -> str | None:
        # Names first, folders second: 'roadmap.md' means 'overview/roadmaps.md' more surely
        # than 'overview/index.md', however alike the whole paths look.
        if name not in self.names:
            close = [name] if name in self.by_name else difflib.get_close_matches(
                name, self.by_name, n=1, cutoff=0.7)
            self.names[name] = close[0] if close else None
        found = self.names[name]
        if found is None:
            return None
        return difflib.get_close_matches(wanted, self.by_name[found], n=1, cutoff=0)[0]


# The pages of one build ask about the same files, and an imported site repeats its broken links
# on every page: keeping the indexes of the last few file sets (immutable, so never stale) makes a
# broken link's guess a lookup instead of a pass over every file.
@functools.lru_cache(maxsize=8)
def _name_index(files: frozenset[str], kind: str) -> _NameIndex:
    return _NameIndex(files, kind)


def _stem(path: str, by_file_name: bool) -> str:
    """What a file is called, ignoring its folder: a page's name without `.md` (an index page
    goes by its folder's name), any other file's name with its extension."""
    if by_file_name:
        return posixpath.basename(path).lower()
    path = path.removesuffix(".html")
    for suffix in PAGE_SUFFIXES:
        path = path.removesuffix(suffix)
    name = posixpath.basename(path)
    if name in ("index", "README"):
        name = posixpath.basename(posixpath.dirname(path))
    return name.lower()
