"""`llms.txt` and `llms-full.txt` (https://llmstxt.org): a Markdown index of every page with its
description, grouped as the nav groups them, and the full text of every page in reading order, for
readers who ask an AI assistant about the handbook."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from typing import NamedTuple

from handbook.build.site import HandbookSite
from handbook.markdown.emoji import emojize
from handbook.nav.pager import standalone_pages
from handbook.nav.tree import NavTree

OPTIONAL = "Optional"  # the convention's name for a section a reader may skip: the site's own pages


class LlmsPage(NamedTuple):
    """One page as llms.txt lists it. A named tuple rather than a frozen dataclass: two are made for
    every page of a build, and a tuple is made in one call instead of one for each field."""

    title: str
    url: str
    description: str = ""
    text: str = ""  # the page's Markdown, for llms-full.txt


def sections(tree: NavTree, standalone: Collection[str], site_title: str
             ) -> list[tuple[str, list[str]]]:
    """(heading, page paths) in nav order: a chapter and its pages under the chapter's title, the
    other top-level pages of the reading order under `site_title`, the standalone site pages last
    under "Optional"."""
    order = tree.reading_order()
    position = {path: i for i, path in enumerate(order)}
    loose: list[str] = []
    chapters: list[tuple[str, list[str]]] = []
    for root in tree.roots:
        if tree.children.get(root):
            later = [position[r] for r in tree.roots if position[r] > position[root]]
            end = min(later, default=len(order))
            chapters.append((root, order[position[root]:end]))
        elif root not in standalone:
            loose.append(root)
    grouped = [(site_title, loose)] if loose else []
    grouped += chapters
    extra = [root for root in tree.roots if root in standalone and not tree.children.get(root)]
    if extra:
        grouped.append((OPTIONAL, extra))
    return grouped


def _line(page: LlmsPage) -> str:
    description = " ".join(page.description.split())
    return f"- [{page.title}]({page.url})" + (f": {description}" if description else "")


def llms_index(name: str, summary: str,
               grouped: Sequence[tuple[str, Sequence[LlmsPage]]]) -> str:
    """llms.txt: the site's name, its summary, then one list of links per section."""
    out = [f"# {name}", "", f"> {' '.join(summary.split())}", "",
           "Each link opens a page of the handbook; llms-full.txt holds the full text of every "
           "page in reading order.", ""]
    for heading, pages in grouped:
        out += [f"## {heading}", ""] + [_line(page) for page in pages] + [""]
    return "\n".join(out)


def llms_full(name: str, summary: str, pages: Iterable[LlmsPage]) -> Iterator[str]:
    """llms-full.txt, piece by piece: every page's Markdown (shortcodes as the emoji readers see),
    each introduced by its address. Pieces, so a large handbook is never one string in memory."""
    yield f"# {name}\n\n> {' '.join(summary.split())}\n"
    for page in pages:
        yield f"\n---\n\nPage: {page.title}\nAddress: {page.url}\n\n{emojize(page.text).strip()}\n"


def pages_for(paths: Sequence[str], titles: Mapping[str, str], urls: Mapping[str, str],
              descriptions: Mapping[str, str], texts: Mapping[str, str]) -> list[LlmsPage]:
    return [LlmsPage(titles[p], urls[p], descriptions.get(p, ""), texts.get(p, "")) for p in paths
            if p in urls]


def llms_files(site: HandbookSite, name: str, summary: str, base_url: str,
               published: Mapping[str, tuple[str, str, str]]) -> dict[str, Iterable[str]]:
    """{file name: its text, in pieces} for llms.txt and llms-full.txt, from one build's pages and
    `published` {path: (URL relative to the site, description, Markdown)}."""
    urls = {path: base_url + url for path, (url, _, _) in published.items()}
    descriptions = {path: description for path, (_, description, _) in published.items()}
    texts = {path: text for path, (_, _, text) in published.items()}
    grouped = [(site.titles.get(heading, heading),
                pages_for(paths, site.titles, urls, descriptions, {}))
               for heading, paths in sections(site.tree, standalone_pages(site.records.values()),
                                              name)]
    full = pages_for(site.tree.reading_order(), site.titles, urls, descriptions, texts)
    return {"llms.txt": [llms_index(name, summary, grouped)],
            "llms-full.txt": llms_full(name, summary, full)}
