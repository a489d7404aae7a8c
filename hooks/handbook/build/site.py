"""One build's view of the handbook: every page read once, validated, placed in the nav.

`build_site(sources)` is what the hooks call in `on_files`; it takes raw bytes by docs-relative path
and returns everything later events need, so no state lives in the hook modules. It only puts the
stages together: each rule lives in the module that owns it (pages/, markdown/, nav/, governance/,
jekyll/).
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from handbook.governance.previews import social_images
from handbook.governance.reviews import Review, governance_problems, review_of
from handbook.jekyll.cleanup import hide_pager_blocks, permalink_map, read_repaired_page
from handbook.jekyll.liquid import has_liquid, render_liquid
from handbook.jekyll.site_settings import SiteSettings
from handbook.markdown.emoji import emojize, shortcode_problems
from handbook.markdown.links import check_links, rewrite
from handbook.nav.child_toc import child_tocs
from handbook.nav.pager import PagerLink, pager_overrides
from handbook.nav.tree import NavTree, PageIndex, build_nav_tree
from handbook.pages.frontmatter import PageSource
from handbook.pages.schema import PageRecord, validate
from handbook.pages.theme import ThemeFiles
from handbook.problems import Problem, sorted_problems


@dataclass(frozen=True)
class HandbookSite:
    """The pages of one build, their nav tree, prev/next overrides and every problem found."""

    records: Mapping[str, PageRecord]
    tree: NavTree
    pager: Mapping[str, Mapping[str, PagerLink]]
    problems: tuple[Problem, ...]
    titles: Mapping[str, str]  # each page's title as readers see it: shortcodes turned into emoji
    # The text MkDocs builds instead of the file's, by path: pages that are not valid UTF-8 or were
    # mis-decoded, lose hand-written prev/next buttons or have links an older site wrote.
    repaired: Mapping[str, str]
    reviews: Mapping[str, Review]  # each page's owner and review dates, judged as of `today`
    today: datetime.date
    images: Mapping[str, str]  # social image by page: a docs-relative file or an external URL
    settings: SiteSettings = SiteSettings()
    # Each parent page's children, for the list at its foot (Just the Docs' "Table of contents").
    child_tocs: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def mkdocs_nav(self) -> list[Any]:
        return self.tree.to_mkdocs_nav(self.titles)


def build_site(sources: Mapping[str, bytes], assets: Collection[str] = (),
               today: datetime.date | None = None,
               use_directory_urls: bool = True, theme: ThemeFiles | None = None,
               settings: SiteSettings | None = None) -> HandbookSite:
    """Read, validate and arrange the pages given as {docs-relative path: file bytes}.

    `assets` are the docs folder's other files (images...); `today` is the date reviews are judged
    against (the build machine's date unless given); `theme` the templates and icons pages may
    select (unchecked when None); `settings` the Just the Docs site settings (`extra:
    just_the_docs:` in mkdocs.yml).
    """
    today = today or datetime.date.today()
    settings = settings or SiteSettings()
    pages, records, problems = read_pages(sources, today, theme)
    # Links can only be checked once every page (and old permalink) is known.
    repaired, link_problems = texts_to_build(pages, frozenset(records), frozenset(assets),
                                             permalink_map(pages), use_directory_urls)
    index = PageIndex(records.values())
    tree = build_nav_tree(list(records.values()), index, settings.nav_sort)
    overrides, pager_problems = pager_overrides(records.values(), index)
    images, image_problems = social_images(records.values(), assets)
    problems += link_problems + list(tree.problems) + pager_problems + image_problems
    return HandbookSite(
        records, tree, overrides, tuple(sorted_problems(problems)),
        titles={path: emojize(record.title) for path, record in records.items()},
        repaired=repaired,
        reviews={path: review_of(record, today) for path, record in records.items()},
        today=today, images=images, settings=settings,
        child_tocs=child_tocs(tree, records, settings.nav_sort))


def read_pages(sources: Mapping[str, bytes], today: datetime.date, theme: ThemeFiles | None = None
               ) -> tuple[list[PageSource], dict[str, PageRecord], list[Problem]]:
    """Each page read (and repaired) once and validated, in path order, with the problems of each
    page on its own: its encoding, front matter, shortcodes and governance keys."""
    pages: list[PageSource] = []
    records: dict[str, PageRecord] = {}
    problems: list[Problem] = []
    for path in sorted(sources):
        page, read_problems = read_repaired_page(sources[path], path)
        record, schema_problems = validate(page, theme)
        pages.append(page)
        records[path] = record
        problems += read_problems + schema_problems
        problems += shortcode_problems(path, page.meta.get("title"), record.line_of("title"),
                                       page.body, page.body_line)
        problems += governance_problems(record, today)
    return pages, records, problems


def texts_to_build(pages: list[PageSource], paths: Collection[str], assets: Collection[str],
                   permalinks: Mapping[str, str], use_directory_urls: bool
                   ) -> tuple[dict[str, str], list[Problem]]:
    """{page: the text MkDocs should build instead of the file's}, for the pages that need one,
    and the problems found on the way (see `text_to_build`)."""
    repaired: dict[str, str] = {}
    problems: list[Problem] = []
    for page in pages:
        text, page_problems = text_to_build(page, paths, assets, permalinks, use_directory_urls)
        if text is not None:
            repaired[page.path] = text
        problems += page_problems
    return repaired, problems


def text_to_build(page: PageSource, pages: Collection[str], assets: Collection[str],
                  permalinks: Mapping[str, str], use_directory_urls: bool
                  ) -> tuple[str | None, list[Problem]]:
    """The text MkDocs should build instead of the file's (None: the file as it is), and the
    problems found on the way: hand-written prev/next blocks (hidden: the footer has the buttons),
    links and images that name nothing, and links an older site wrote that MkDocs cannot follow
    (`/docs/x`, `x`, `x.html`: rewritten to the page they name)."""
    body, first = page.body, page.body_line
    liquid = has_liquid(body) and page.meta.get("render_with_liquid") is not False
    liquid_problems: list[Problem] = []
    if liquid:  # Jekyll runs Liquid before Markdown
        body, found = render_liquid(body, page.meta, first)
        liquid_problems = [Problem(page.path, line, message, "warning") for line, message in found]
    hidden, problems = hide_pager_blocks(page.path, body, first)
    problems = liquid_problems + problems
    body = body if hidden is None else hidden
    link_problems, replacements = check_links(page.path, body, first, pages, assets, permalinks,
                                              use_directory_urls)
    problems += link_problems
    if replacements:
        body = rewrite(body, replacements)
    if page.decoded_cleanly and not page.refused and hidden is None and not replacements \
            and not liquid:
        return None, problems
    # Refused front matter is left out, so MkDocs, which would read it again, never sees it.
    keep_head = page.body_line > 1 and not page.refused
    head = page.text[: len(page.text) - len(page.body)] if keep_head else ""
    return head + body, problems
