"""The checks that look across the pages after each has been read: tag typos, the handbook's
content rules, redirects for old addresses and addresses lost since main."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from handbook.build.redirects import Redirect, moved_address_problems, plan_redirects
from handbook.governance.baseline import Baseline
from handbook.pages.address import built_path
from handbook.pages.content_rules import content_problems
from handbook.pages.frontmatter import PageSource
from handbook.pages.schema import PageRecord
from handbook.pages.tag_typos import tag_typo_problems
from handbook.problems import Problem


def built_file(path: str, use_directory_urls: bool = True) -> str:
    """The file MkDocs writes for a page: `overview/roadmaps/index.html`."""
    # The address unquoted, so a file name that is not UTF-8 (shown by `handbook diff`) is no crash.
    url = built_path(path, use_directory_urls).removeprefix("./")
    return url + "index.html" if url.endswith("/") or not url else url


def site_checks(pages: Sequence[PageSource], records: Mapping[str, PageRecord],
                assets: Collection[str], content_rules: bool, baseline: Baseline | None,
                use_directory_urls: bool = True) -> tuple[list[Problem], list[Redirect]]:
    problems: list[Problem] = []
    # `in` before each call: a page without the key (most, for redirect_from) costs none.
    tags = {page.path: (page.key_lines.get("tags"), page.meta["tags"]) for page in pages
            if "tags" in page.meta and "tags" not in records[page.path].invalid_keys
            and isinstance(page.meta["tags"], list)}
    problems += tag_typo_problems(tags)
    if content_rules:
        chapters = {path[: -len("/index.md")]: record.title for path, record in records.items()
                    if path.endswith("/index.md")}
        for page in pages:
            problems += content_problems(page, records[page.path], chapters)
    entries = {page.path: (page.key_lines.get("redirect_from"), page.meta["redirect_from"])
               for page in pages
               if "redirect_from" in page.meta and page.meta["redirect_from"] is not None}
    # Every page's built file, which plan_redirects reads only for the pages' redirect_from entries.
    built = {path: built_file(path, use_directory_urls) for path in records} if entries else {}
    redirects, redirect_problems = plan_redirects(entries, built, assets)
    problems += redirect_problems
    if baseline is not None:
        problems += moved_address_problems(baseline.pages, baseline.renamed, records, redirects,
                                           use_directory_urls)
    return problems, redirects
