"""The rules only this handbook asks of a page (a title, nav_order, description, tags, a parent below
the top level, at least 300 words), on for this handbook and off for a copied Just the Docs site.

They are turned on in mkdocs.yml (`extra: handbook: content_rules: true`); the build and `handbook
check` read that one setting, so both give the same verdict.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from handbook.markdown.anchors import GENERATED_MARKERS
from handbook.pages.frontmatter import OPENING, PageSource
from handbook.pages.schema import PageRecord
from handbook.problems import Problem

MIN_WORDS = 300
# What counts as a word: the same measure the handbook has always used, over prose only (code
# blocks, link targets and table rules do not count).
WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
NOT_PROSE = re.compile(r"```.*?```|~~~.*?~~~|\(.*?\)|\||<!--.*?-->", re.S)
# A page whose body is filled in by the build (Material's tags listing, the Review status tables)
# is exempt from the word count: its substance is generated.
GENERATED = GENERATED_MARKERS


def content_rules_enabled(extra: Any) -> bool:
    """`extra: handbook: content_rules: true` in mkdocs.yml (the one place the setting lives)."""
    handbook = extra.get("handbook") if isinstance(extra, Mapping) else None
    return isinstance(handbook, Mapping) and handbook.get("content_rules") is True


def front_matter_unreadable(page: PageSource) -> bool:
    """The page has front matter YAML could not read, or never closes it (reported once, where
    it fails)."""
    if not page.has_front_matter:
        return OPENING.match(page.text) is not None  # opened and never closed
    return page.body_line == 1 or page.refused


def word_count(body: str) -> int:
    return len(WORD.findall(NOT_PROSE.sub(" ", body)))


def is_top_level_file(path: str) -> bool:
    """A file in docs/ itself, or a chapter's own page (`chapter/index.md`)."""
    return path.count("/") == 0 or (path.count("/") == 1 and path.endswith("/index.md"))


def content_problems(page: PageSource, record: PageRecord,
                     chapter_titles: Mapping[str, str]) -> list[Problem]:
    """Each content rule the page breaks, at the line to change, with the fix.

    `chapter_titles` maps a folder to the title of its `index.md`, to name the parent to write."""
    problems: list[Problem] = []
    path, meta = page.path, page.meta
    end = _front_matter_end(page)
    if front_matter_unreadable(page):
        return problems  # that one problem is the cause; missing keys would only repeat it
    if not page.has_front_matter:
        problems.append(Problem(path, 1, "has no front matter; start the page with a `---` block "
                                "holding title, nav_order, description and tags (see "
                                "docs/contributing.md, 'What a page looks like')"))
        return problems
    for key, fix in (("title", "title: Release notes"), ("nav_order", "nav_order: 10"),
                     ("description", "description: One sentence saying what the page helps with.")):
        if key not in meta:
            problems.append(Problem(path, end, f"has no {key}; add `{fix}` to the front matter"))
    if "tags" not in meta or meta.get("tags") == []:
        problems.append(Problem(path, record.line_of("tags") or end,
                                "has no tags; add two to four topics from the Tags page, e.g. "
                                "`tags: [discovery, research]`"))
    problems += _parent_problems(page, record, end, chapter_titles)
    if not any(marker in page.body for marker in GENERATED):
        words = word_count(page.body)
        if words < MIN_WORDS:
            problems.append(Problem(
                path, _first_text_line(page),
                f"has {words} words; a handbook page needs at least {MIN_WORDS} words of practical "
                "advice (code, link targets and tables do not count): add an example, a checklist "
                "or the pitfalls, or merge it into a related page"))
    return problems


def _parent_problems(page: PageSource, record: PageRecord, end: int,
                     chapter_titles: Mapping[str, str]) -> list[Problem]:
    top = is_top_level_file(page.path)
    has_parent = "parent" in page.meta
    if top and has_parent:
        return [Problem(page.path, record.line_of("parent"),
                        "is a chapter's own page (or a page in docs/ itself) but has a parent; "
                        "delete the `parent:` line, or move the file into the parent's folder")]
    if not top and not has_parent:
        folder = page.path.rsplit("/", 1)[0]
        title = chapter_titles.get(folder)
        fix = f"`parent: {title}`" if title else f"`parent:` with the title of {folder}/index.md"
        return [Problem(page.path, end, f"is in {folder}/ but has no parent; add {fix}")]
    return []


def _front_matter_end(page: PageSource) -> int:
    """The line of the closing `---`, where a missing key can be added."""
    return max(page.body_line - 1, 1) if page.has_front_matter else 1


def _first_text_line(page: PageSource) -> int:
    """The line where the page's text starts (after the front matter and blank lines)."""
    body = page.body
    stripped = body.lstrip("\n")
    return page.body_line + len(body) - len(stripped)
