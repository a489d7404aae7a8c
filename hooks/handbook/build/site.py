"""One build's view of the handbook: every page read once, validated, placed in the nav.

`build_site(sources)` is what the hooks call in `on_files`; it takes raw bytes by docs-relative path
and returns everything later events need, so no state lives in the hook modules.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from handbook.markdown.emoji import emojize, unknown_shortcodes
from handbook.governance.reviews import Review, governance_problems, review_of
from handbook.markdown.blocks import headings, may_have_fences
from handbook.pages.frontmatter import PageSource, decode, read_page
from handbook.jekyll.legacy import find_pager_blocks, remove_blocks, repair_encoding
from handbook.markdown.links import check_links, permalink_key, resolve, rewrite
from handbook.nav.tree import NavTree, PageIndex, build_nav_tree
from handbook.nav.pager import PagerLink, pager_overrides
from handbook.problems import Problem, sorted_problems
from handbook.pages.schema import PageRecord, validate
from handbook.pages.theme import ThemeFiles


# A line that may be a heading (ATX, or text over a setext underline) with a `:name:` in it.
SHORTCODE_HEADING = re.compile(
    r"^(?: {0,3}#.*:[a-z0-9_+-]+:.*| *\S.*:[a-z0-9_+-]+:.*\n {0,3}(?:=+|-+)[ \t]*)$", re.MULTILINE)



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

    def mkdocs_nav(self) -> list[Any]:
        return self.tree.to_mkdocs_nav(self.titles)


def build_site(sources: Mapping[str, bytes], assets: Collection[str] = (),
               today: datetime.date | None = None,
               use_directory_urls: bool = True, theme: ThemeFiles | None = None) -> HandbookSite:
    """Read, validate and arrange the pages given as {docs-relative path: file bytes}.

    `assets` are the docs folder's other files (images...); `today` is the date reviews are judged
    against (the build machine's date unless given); `theme` the templates and icons pages may
    select (unchecked when None).
    """
    today = today or datetime.date.today()
    problems: list[Problem] = []
    records: dict[str, PageRecord] = {}
    repaired: dict[str, str] = {}
    pages: list[PageSource] = []
    permalinks: dict[str, str] = {}
    for path in sorted(sources):
        page, read_problems = read_encoded_page(sources[path], path)
        record, schema_problems = validate(page, theme)
        records[path] = record
        pages.append(page)
        permalink = page.meta.get("permalink")
        if isinstance(permalink, str) and permalink.strip().startswith("/"):
            permalinks.setdefault(permalink_key(permalink.strip()), path)
        problems += (read_problems + schema_problems + emoji_problems(page, record)
                     + governance_problems(record, today))
    asset_set = frozenset(assets)
    page_set = frozenset(records)
    for page in pages:  # links can only be checked once every page (and permalink) is known
        text, page_problems = text_to_build(page, page_set, asset_set, permalinks, use_directory_urls)
        if text is not None:
            repaired[page.path] = text
        problems += page_problems
    del pages
    index = PageIndex(records.values())
    tree = build_nav_tree(list(records.values()), index)
    overrides, pager_problems = pager_overrides(records.values(), index)
    problems += list(tree.problems) + pager_problems
    titles = {path: emojize(record.title) for path, record in records.items()}
    reviews = {path: review_of(record, today) for path, record in records.items()}
    images = {}
    for record in records.values():
        if record.image:
            image, problem = social_image(record, assets)
            if image:
                images[record.path] = image
            if problem:
                problems.append(problem)
    return HandbookSite(records, tree, overrides, tuple(sorted_problems(problems)), titles, repaired,
                        reviews, today, images)


def read_encoded_page(raw: bytes, path: str) -> tuple[PageSource, list[Problem]]:
    """`read_page`, plus the repair of text an older site decoded in the wrong encoding: the page
    is read (title and all) from the repaired text, and each repaired run is reported."""
    page, problems = read_page(raw, path)
    text, runs = repair_encoding(page.text)
    if not runs:
        return page, problems
    # Read again from the repaired text: its problems replace the first reading's (mojibake can
    # break YAML), apart from the file not being valid UTF-8.
    _, problems = decode(raw, path)
    page, reread = read_page(text.encode("utf-8"), path)
    problems += reread
    page = dataclasses.replace(page, decoded_cleanly=False)
    for run in runs:
        shown = "; ".join(f"'{bad}' should read '{good}'" for bad, good in run.runs)
        problems.append(Problem(
            path, run.line,
            f"mis-decoded text: {shown} (the file was once read in the wrong encoding); the site "
            "shows the repaired text; fix it in the file, or let `handbook import` do it", "warning"))
    return page, problems


def text_to_build(page: PageSource, pages: Collection[str], assets: Collection[str],
                  permalinks: Mapping[str, str], use_directory_urls: bool
                  ) -> tuple[str | None, list[Problem]]:
    """The text MkDocs should build instead of the file's (None: the file as it is), and the
    problems found on the way: hand-written prev/next blocks (hidden: the footer has the buttons),
    links and images that name nothing, and links an older site wrote that MkDocs cannot follow
    (`/docs/x`, `x`, `x.html`: rewritten to the page they name)."""
    problems: list[Problem] = []
    body, first = page.body, page.body_line
    changed = not page.decoded_cleanly or page.refused
    blocks = find_pager_blocks(body, first)
    if blocks:
        body = remove_blocks(body, blocks, first)
        changed = True
        for block in blocks:
            lines = (f"line {block.start_line}" if block.start_line == block.end_line
                     else f"lines {block.start_line}-{block.end_line}")
            problems.append(Problem(
                page.path, block.start_line,
                f"hand-written prev/next buttons ({lines}) are left out of the site: the Previous "
                "and Next buttons at the foot of every page come from the nav (or the `prev`/`next` "
                "keys); delete these lines", "warning"))
    link_problems, replacements = check_links(page.path, body, first, pages, assets, permalinks,
                                              use_directory_urls)
    problems += link_problems
    if replacements:
        body = rewrite(body, replacements)
        changed = True
    if not changed:
        return None, problems
    # Refused front matter is left out, so MkDocs, which would read it again, never sees it.
    head = page.text[: len(page.text) - len(page.body)] if page.body_line > 1 and not page.refused else ""
    return head + body, problems


def social_image(record: PageRecord, assets: Collection[str]) -> tuple[str | None, Problem | None]:
    """The file (or URL) a page's `image` names, for link previews. Jekyll sites write it relative
    to the page, from the site root (`/assets/...`), or relative to the site root without the `/`."""
    value = record.image or ""
    for candidate in (value,) if value.startswith("/") else (value, "/" + value):
        target = resolve(candidate, record.path, (), assets)
        if target.kind == "external":
            return value, None
        if target.kind == "asset":
            return target.path, None
    return None, Problem(
        record.path, record.line_of("image"),
        f"image '{value}' is not a file in docs/, so the page has no social image; copy the image "
        "into docs/assets/images/ and give its path, e.g. `image: /assets/images/roadmap.png`",
        "warning")


def emoji_problems(page: PageSource, record: PageRecord) -> list[Problem]:
    """Shortcodes in the title or in headings that name no emoji, e.g. `:not_an_emoji:`."""
    title = page.meta.get("title")
    found = [(record.line_of("title"), "the title", code)
             for code in unknown_shortcodes(title if isinstance(title, str) else "")]
    body = page.body
    candidates = list(SHORTCODE_HEADING.finditer(body))
    if candidates and may_have_fences(body):  # fenced code may hold heading-like lines
        found += [(line, "this heading", code) for line, _, text in headings(body, page.body_line)
                  if ":" in text for code in unknown_shortcodes(text)]
    else:
        found += [(page.body_line + body.count("\n", 0, match.start()), "this heading", code)
                  for match in candidates for code in unknown_shortcodes(match.group(0).split("\n")[0])]
    return [Problem(page.path, line,
                    f"{code} in {where} is not an emoji shortcode, so it is shown as typed; check "
                    "the name (GitHub's names, e.g. `:dart:`), or paste the emoji itself", "warning")
            for line, where, code in found]
