"""The Jekyll clean-up stages of a build, for pages copied from an older site: text decoded in the
wrong encoding repaired (the page decoded once), hand-written prev/next blocks hidden, and old
permalinks collected so links to them can be rewritten. Each stage looks for its own signs first
(a mis-decoding byte pattern, a paragraph that starts like a pager, a `permalink:` key), so for a
handbook without such pages they cost a scan of each page and nothing more."""

from __future__ import annotations

from collections.abc import Iterable

from handbook.jekyll.mojibake import repair_encoding
from handbook.jekyll.pager_blocks import find_pager_blocks, remove_blocks
from handbook.markdown.links import permalink_key
from handbook.pages.frontmatter import PageSource, decode, parse_page
from handbook.problems import Problem


def read_repaired_page(raw: bytes, path: str) -> tuple[PageSource, list[Problem]]:
    """The page read as `read_page` reads it, from its text with mis-decoded runs repaired (the
    title too), and each repaired run reported."""
    text, problems = decode(raw, path)
    repaired, runs = repair_encoding(text)
    page, parse_problems = parse_page(repaired, path, decoded_cleanly=not problems and not runs)
    problems += parse_problems
    for run in runs:
        shown = "; ".join(f"'{bad}' should read '{good}'" for bad, good in run.runs)
        problems.append(Problem(
            path, run.line,
            f"mis-decoded text: {shown} (the file was once read in the wrong encoding); the site "
            "shows the repaired text; fix it in the file, or let `handbook import` do it",
            "warning"))
    return page, problems


def hide_pager_blocks(path: str, body: str, first_line: int) -> tuple[str | None, list[Problem]]:
    """The body without its hand-written prev/next blocks (their lines left blank, so later line
    numbers hold), or None when it has none; one warning per block."""
    blocks = find_pager_blocks(body, first_line)
    if not blocks:
        return None, []
    problems = []
    for block in blocks:
        lines = (f"line {block.start_line}" if block.start_line == block.end_line
                 else f"lines {block.start_line}-{block.end_line}")
        problems.append(Problem(
            path, block.start_line,
            f"hand-written prev/next buttons ({lines}) are left out of the site: the Previous "
            "and Next buttons at the foot of every page come from the nav (or the `prev`/`next` "
            "keys); delete these lines", "warning"))
    return remove_blocks(body, blocks, first_line), problems


def permalink_map(pages: Iterable[PageSource]) -> dict[str, str]:
    """{permalink_key of an old site's address: page}, from `permalink: /docs/x/` front matter;
    the first page (in path order) to claim an address keeps it."""
    permalinks: dict[str, str] = {}
    for page in sorted(pages, key=lambda p: p.path):
        permalink = page.meta.get("permalink")
        if isinstance(permalink, str) and permalink.strip().startswith("/"):
            permalinks.setdefault(permalink_key(permalink.strip()), page.path)
    return permalinks
