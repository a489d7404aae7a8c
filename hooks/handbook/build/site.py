"""One build's view of the handbook: every page read once, validated, placed in the nav.

`build_site(sources)` is what the hooks call in `on_files`; it takes raw bytes by docs-relative path
and returns everything later events need, so no state lives in the hook modules. It only puts the
stages together: each rule lives in the module that owns it (pages/, markdown/, nav/, governance/,
jekyll/).
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from handbook.build.digest import digest
from handbook.build.redirects import Redirect
from handbook.build.removed_links import explain_removed_links
from handbook.build.site_checks import site_checks
from handbook.governance.baseline import Baseline
from handbook.governance.previews import social_images
from handbook.governance.reviews import Review, governance_problems, review_of
from handbook.jekyll.cleanup import hide_pager_blocks, permalink_map, read_repaired_page
from handbook.jekyll.liquid import has_liquid, render_liquid
from handbook.jekyll.site_settings import SiteSettings
from handbook.markdown.anchors import anchor_problems, page_anchors
from handbook.markdown.emoji import emojize
from handbook.markdown.emoji_typos import emoji_problems
from handbook.markdown.links import check_links, rewrite
from handbook.nav.child_toc import child_tocs
from handbook.nav.pager import PagerLink, pager_overrides
from handbook.nav.tree import NavTree, PageIndex, build_nav_tree
from handbook.pages.content_rules import front_matter_unreadable
from handbook.pages.frontmatter import PageSource
from handbook.pages.schema import PageRecord, validate
from handbook.pages.theme import ThemeFiles
from handbook.problems import Problem, sorted_problems

# memo(key, compute): compute()'s result, or the result of an earlier call with an equal key. The key
# is plain data (strings, bytes, numbers, tuples and lists of them) naming every input of compute.
Memo = Callable[[Any, Callable[[], Any]], Any]


def _no_memo(key: Any, compute: Callable[[], Any]) -> Any:
    return compute()


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
    redirects: tuple[Redirect, ...] = ()  # one page per redirect_from entry (build/redirects.py)
    settings: SiteSettings = SiteSettings()
    # Each parent page's children, for the list at its foot (Just the Docs' "Table of contents").
    child_tocs: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def mkdocs_nav(self) -> list[Any]:
        return self.tree.to_mkdocs_nav(self.titles)

    @functools.cached_property
    def problems_by_path(self) -> Mapping[str | None, tuple[Problem, ...]]:
        """Each page's problems (read once per page under `mkdocs serve`, not once per problem),
        a problem about several pages (one missing parent named by each) under each of them."""
        found: dict[str | None, list[Problem]] = {}
        for problem in self.problems:
            for path in problem.pages:
                found.setdefault(path, []).append(problem)
        return {path: tuple(problems) for path, problems in found.items()}

    @functools.cached_property
    def failing_problems(self) -> tuple[Problem, ...]:
        """The problems a strict build fails on."""
        return tuple(p for p in self.problems if p.severity in ("error", "warning"))


def build_site(sources: Mapping[str, bytes], assets: Collection[str] = (),
               today: datetime.date | None = None,
               use_directory_urls: bool = True, theme: ThemeFiles | None = None,
               content_rules: bool = False, baseline: Baseline | None = None,
               settings: SiteSettings | None = None, memo: Memo | None = None) -> HandbookSite:
    """Read, validate and arrange the pages given as {docs-relative path: file bytes}.

    `assets` are the docs folder's other files (images...); `today` is the date reviews are judged
    against (the build machine's date unless given); `theme` the templates and icons pages may
    select (unchecked when None); `content_rules` turns on the rules only this handbook asks of
    its pages (pages/content_rules.py); `baseline` is what git knows of the docs at the merge base
    with main, so messages can name the page that was removed or changed; `settings` the Just the
    Docs site settings (`extra: just_the_docs:` in mkdocs.yml); `memo` keeps each page's own
    results between the builds of one `mkdocs serve` (see `Memo`).
    """
    today = today or datetime.date.today()
    settings = settings or SiteSettings()
    # Each page's bytes stand in the memo's keys as one digest, made once (none without a memo).
    source_keys = sources if memo is None else {path: digest(raw) for path, raw in sources.items()}
    memo = memo or _no_memo
    pages, records, problems = read_pages(sources, today, theme, content_rules, memo, source_keys)
    asset_set, page_set = frozenset(assets), frozenset(records)
    # Links can only be checked once every page (and old permalink) is known.
    permalinks = permalink_map(pages)
    # What every page's link checks depend on besides the page itself (one digest, not a copy in
    # each page's key); only a memo reads keys.
    site_key = None if memo is _no_memo else digest(
        sorted(page_set), sorted(asset_set), sorted(permalinks.items()), use_directory_urls)
    repaired, link_problems = texts_to_build(pages, page_set, asset_set, permalinks,
                                             use_directory_urls, memo, source_keys, site_key)
    # Anchors as the build sees the pages: after Liquid (a `{% link %}`, a `{% highlight %}` block).
    # A page's anchors are found when a link with an `#anchor` leads to it, most pages never; the
    # memo's key for anchor problems names every page's, so with a memo all are found (and kept).
    by_path = {page.path: page for page in pages}
    bodies = LiquidBodies(by_path, lambda page: memo(("body", page.path, source_keys[page.path]),
                                                     lambda: liquid_body(page)[0]))
    anchors = OnDemand(by_path, lambda page: memo(("anchors", page.path, source_keys[page.path]),
                                                  lambda: page_anchors(bodies[page.path])))
    anchors_key = None if memo is _no_memo else digest(
        site_key, sorted((path, None if found is None else sorted(found))
                         for path, found in anchors.items()))
    for page in pages:
        if memo is _no_memo:
            link_problems += anchor_problems(page.path, bodies[page.path], page.body_line, anchors,
                                             asset_set, permalinks, use_directory_urls)
            continue
        compute = lambda page=page: anchor_problems(  # noqa: E731
            page.path, bodies[page.path], page.body_line, anchors, asset_set, permalinks,
            use_directory_urls)
        link_problems += memo(
            ("anchor problems", page.path, source_keys[page.path], anchors_key), compute)
    checked, redirects = site_checks(pages, records, asset_set, content_rules, baseline,
                                     use_directory_urls)
    problems = explain_removed_links(problems + link_problems + checked, pages, page_set,
                                     asset_set, baseline)
    index = PageIndex(records.values())
    touched = {p.path for p in problems if p.message.startswith("key 'nav_order' appears twice")}
    tree = build_nav_tree(list(records.values()), index, settings.nav_sort,
                          changed=touched | (baseline.changed if baseline else set()),
                          renamed=baseline.renamed if baseline else {},
                          old_titles=baseline.old_titles if baseline else {})
    overrides, pager_problems = pager_overrides(records.values(), index, tree.reading_order())
    images, image_problems = social_images(records.values(), assets)
    problems += list(tree.problems) + pager_problems + image_problems
    return HandbookSite(
        records, tree, overrides, tuple(sorted_problems(problems)),
        titles={path: emojize(record.title) for path, record in records.items()},
        repaired=repaired,
        reviews={path: review_of(record, today) for path, record in records.items()},
        today=today, images=images, redirects=tuple(redirects), settings=settings,
        child_tocs=child_tocs(tree, records, settings.nav_sort))


def read_pages(sources: Mapping[str, bytes], today: datetime.date, theme: ThemeFiles | None = None,
               content_rules: bool = False, memo: Memo | None = None,
               source_keys: Mapping[str, Any] | None = None,
               ) -> tuple[list[PageSource], dict[str, PageRecord], list[Problem]]:
    """Each page read (and repaired) once and validated, in path order, with the problems of each
    page on its own: its encoding, front matter, shortcodes and governance keys. With a `memo`,
    each page's result is keyed by its `source_keys` entry (its bytes, or a digest of them)."""
    memo = memo or _no_memo
    source_keys = source_keys or sources
    pages: list[PageSource] = []
    records: dict[str, PageRecord] = {}
    problems: list[Problem] = []
    theme_key = None if theme is None else tuple(map(str, theme.dirs))
    for path in sorted(sources):
        if memo is _no_memo:
            page, record, page_problems = read_page(path, sources[path], today, theme,
                                                    content_rules)
        else:
            compute = lambda path=path: read_page(  # noqa: E731
                path, sources[path], today, theme, content_rules)
            page, record, page_problems = memo(
                ("read", path, source_keys[path], theme_key, today.isoformat(), content_rules),
                compute)
        pages.append(page)
        records[path] = record
        problems += page_problems
    return pages, records, problems


def read_page(path: str, raw: bytes, today: datetime.date, theme: ThemeFiles | None,
              content_rules: bool) -> tuple[PageSource, PageRecord, list[Problem]]:
    """One page read (and repaired) and validated, with its own problems."""
    page, read_problems = read_repaired_page(raw, path)
    record, schema_problems = validate(page, theme)
    problems = read_problems + schema_problems
    problems += emoji_problems(path, page.meta.get("title"), record.line_of("title"),
                               page.body, page.body_line)
    if not front_matter_unreadable(page):  # else its one problem is the cause, not the keys
        problems += governance_problems(record, today, required=content_rules)
    return page, record, problems


def texts_to_build(pages: list[PageSource], paths: Collection[str], assets: Collection[str],
                   permalinks: Mapping[str, str], use_directory_urls: bool,
                   memo: Memo | None = None, source_keys: Mapping[str, Any] | None = None,
                   site_key: Any = None) -> tuple[dict[str, str], list[Problem]]:
    """{page: the text MkDocs should build instead of the file's}, for the pages that need one,
    and the problems found on the way (see `text_to_build`). With a `memo`, each page's result
    is keyed by its entry in `source_keys` (its bytes, or a digest of them) and by `site_key`,
    everything else it depends on."""
    repaired: dict[str, str] = {}
    problems: list[Problem] = []
    keyed = memo is not None and memo is not _no_memo and source_keys is not None
    for page in pages:
        if not keyed:
            text, page_problems = text_to_build(page, paths, assets, permalinks,
                                                use_directory_urls)
        else:
            compute = lambda page=page: text_to_build(  # noqa: E731
                page, paths, assets, permalinks, use_directory_urls)
            text, page_problems = memo(("text", page.path, source_keys[page.path], site_key),
                                       compute)
        if text is not None:
            repaired[page.path] = text
        problems += page_problems
    return repaired, problems


class OnDemand(Mapping[str, Any]):
    """{key: compute(item)} for each of `items`, each value computed when first read."""

    def __init__(self, items: Mapping[str, Any], compute: Callable[[Any], Any]) -> None:
        self._items, self._compute, self._values = items, compute, {}

    def __getitem__(self, key: str) -> Any:
        if key not in self._values:
            self._values[key] = self._compute(self._items[key])
        return self._values[key]

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)


class LiquidBodies(dict[str, str]):
    """Each page's body as the build sees it, by path: a body without Liquid (most) is the page's
    own, given at the start; one with Liquid is `render(page)`, made when first read and kept. A
    dict, so that reading a given body costs no call."""

    def __init__(self, pages: Mapping[str, PageSource],
                 render: Callable[[PageSource], str]) -> None:
        super().__init__({path: page.body for path, page in pages.items()
                          if not has_liquid(page.body)})
        self._pages, self._render = pages, render

    def __missing__(self, path: str) -> str:
        self[path] = body = self._render(self._pages[path])
        return body


def liquid_body(page: PageSource) -> tuple[str, list[Problem] | None]:
    """The page's body with its Liquid rendered, as Jekyll runs it before Markdown, and the
    Liquid left out; (the body as written, None) when the page has no Liquid to render."""
    if not has_liquid(page.body) or page.meta.get("render_with_liquid") is False:
        return page.body, None
    body, found = render_liquid(page.body, page.meta, page.body_line)
    return body, [Problem(page.path, line, message, "warning") for line, message in found]


def text_to_build(page: PageSource, pages: Collection[str], assets: Collection[str],
                  permalinks: Mapping[str, str], use_directory_urls: bool
                  ) -> tuple[str | None, list[Problem]]:
    """The text MkDocs should build instead of the file's (None: the file as it is), and the
    problems found on the way: hand-written prev/next blocks (hidden: the footer has the buttons),
    links and images that name nothing, and links an older site wrote that MkDocs cannot follow
    (`/docs/x`, `x`, `x.html`: rewritten to the page they name)."""
    first = page.body_line
    # A body without Liquid (most) is the page's own: no call to liquid_body.
    body, liquid_problems = liquid_body(page) if has_liquid(page.body) else (page.body, None)
    liquid = liquid_problems is not None
    liquid_problems = liquid_problems or []
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
