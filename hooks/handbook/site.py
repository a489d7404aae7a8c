"""One build's view of the handbook: every page read once, validated, placed in the nav.

`build_site(sources)` is what the hooks call in `on_files`; it takes raw bytes by docs-relative path
and returns everything later events need, so no state lives in the hook modules.
"""

from __future__ import annotations

import datetime
import posixpath
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from .emoji import emojize, unknown_shortcodes
from .governance import Review, governance_problems, review_of
from .frontmatter import PageSource, headings, read_page
from .navtree import NavTree, PageIndex, build_nav_tree
from .pager import PagerLink, pager_overrides
from .problems import Problem, sorted_problems
from .schema import PageRecord, validate


# A line that may be a heading (ATX, or text over a setext underline) with a `:name:` in it.
SHORTCODE_HEADING = re.compile(
    r"^(?: {0,3}#.*:[a-z0-9_+-]+:.*| *\S.*:[a-z0-9_+-]+:.*\n {0,3}(?:=+|-+)[ \t]*)$", re.MULTILINE)
FENCE_LINE = re.compile(r"^ {0,3}(?:`{3,}|~{3,})", re.MULTILINE)

URL_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")

# Where the hooks keep this build's HandbookSite: on the build's own config object, which MkDocs
# creates afresh for every build, so nothing survives from one build (or test) to the next.
CONFIG_KEY = "handbook_site"
NAV_KEY = "handbook_nav"  # MkDocs' final Navigation, for rendering shared nav HTML once (on_env)


@dataclass(frozen=True)
class HandbookSite:
    """The pages of one build, their nav tree, prev/next overrides and every problem found."""

    records: Mapping[str, PageRecord]
    tree: NavTree
    pager: Mapping[str, Mapping[str, PagerLink]]
    problems: tuple[Problem, ...]
    titles: Mapping[str, str]  # each page's title as readers see it: shortcodes turned into emoji
    repaired: Mapping[str, str]  # the decoded text of pages that are not valid UTF-8, by path
    reviews: Mapping[str, Review]  # each page's owner and review dates, judged as of `today`
    today: datetime.date
    images: Mapping[str, str]  # social image by page: a docs-relative file or an external URL

    def mkdocs_nav(self) -> list[Any]:
        return self.tree.to_mkdocs_nav(self.titles)


def build_site(sources: Mapping[str, bytes], assets: Collection[str] = (),
               today: datetime.date | None = None,
               use_directory_urls: bool = True) -> HandbookSite:
    """Read, validate and arrange the pages given as {docs-relative path: file bytes}.

    `assets` are the docs folder's other files (images...); `today` is the date reviews are judged
    against (the build machine's date unless given).
    """
    today = today or datetime.date.today()
    problems: list[Problem] = []
    records: dict[str, PageRecord] = {}
    repaired: dict[str, str] = {}
    for path in sorted(sources):
        page, read_problems = read_page(sources[path], path)
        record, schema_problems = validate(page)
        records[path] = record
        if not page.decoded_cleanly:
            repaired[path] = page.text
        problems += (read_problems + schema_problems + emoji_problems(page, record)
                     + governance_problems(record, today))
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


def social_image(record: PageRecord, assets: Collection[str]) -> tuple[str | None, Problem | None]:
    """The file (or URL) a page's `image` names, for link previews. Jekyll sites write it relative
    to the page, relative to the site root, or from the site root (`/assets/...`)."""
    value = record.image or ""
    if URL_SCHEME.match(value) or value.startswith("//"):
        return value, None
    clean = value.split("#")[0].split("?")[0]
    here = posixpath.dirname(record.path)
    candidates = [clean.lstrip("/")] if clean.startswith("/") else [
        posixpath.join(here, clean), clean]
    for candidate in candidates:
        candidate = posixpath.normpath(candidate)
        if candidate in assets:
            return candidate, None
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
    if candidates and FENCE_LINE.search(body):  # fenced code may hold heading-like lines
        found += [(line, "this heading", code) for line, _, text in headings(body, page.body_line)
                  if ":" in text for code in unknown_shortcodes(text)]
    else:
        found += [(page.body_line + body.count("\n", 0, match.start()), "this heading", code)
                  for match in candidates for code in unknown_shortcodes(match.group(0).split("\n")[0])]
    return [Problem(page.path, line,
                    f"{code} in {where} is not an emoji shortcode, so it is shown as typed; check "
                    "the name (GitHub's names, e.g. `:dart:`), or paste the emoji itself", "warning")
            for line, where, code in found]
