"""The few steps that touch MkDocs' own objects: files, pages and the nav. Everything they apply was
worked out by the pure modules (site.py and friends); this module only hands it to MkDocs."""

from __future__ import annotations

import logging
import os
import re
import urllib.parse
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from handbook.build.redirects import redirect_html
from handbook.build.serve_notices import build_banner, page_notice
from handbook.build.site import HandbookSite, Memo, build_site
from handbook.governance.baseline import read_baseline
from handbook.governance.reviews import pages_json, review_status_markdown, today
from handbook.jekyll.site_settings import read_settings
from handbook.markdown.links import relative_link
from handbook.pages.content_rules import content_rules_enabled
from handbook.pages.theme import ThemeFiles
from handbook.problems import annotations


# A page name urllib.parse.quote() leaves as it is (only its always-safe characters, and `/`), as
# most are: such a name is its own edit link, without quote's ten calls. tests/test_address.py
# compares the two.
QUOTED_AS_IT_IS = re.compile(r"[A-Za-z0-9_.~/-]*")


class SectionPage(Page):
    """A page with children. MkDocs only treats `index.md` files as a section's own page; here any
    page can be one, so Material's `navigation.indexes` makes the section label open it."""

    is_index = True  # type: ignore[assignment]


def read_files(files: Files) -> tuple[dict[str, bytes], set[str]]:
    """Every documentation page's bytes, by docs-relative path, and every other file
    (`read_assets`), from one pass that asks MkDocs once of each file whether it is a page."""
    sources: dict[str, bytes] = {}
    assets: set[str] = set()
    for file in files:
        if not file.is_documentation_page():
            assets.add(file.src_uri)
        elif file.inclusion.is_included():  # documentation_pages()' own test
            sources[file.src_uri] = file.content_bytes
    return sources, assets


def read_site(files: Files, config: Mapping[str, Any], sources: Mapping[str, bytes],
              memo: Memo | None = None, assets: set[str] | None = None) -> HandbookSite:
    """The HandbookSite of a build's files, their pages' bytes (and other files, read_assets' by
    default) and its configuration. Raises OSError when a file cannot be read, ValueError for a
    malformed $HANDBOOK_TODAY."""
    settings, _ = read_settings(config["extra"])
    return build_site(sources, assets=read_assets(files) if assets is None else assets,
                      today=today(),
                      use_directory_urls=config["use_directory_urls"],
                      theme=ThemeFiles(tuple(map(Path, config["theme"].dirs))),
                      content_rules=content_rules_enabled(config["extra"]),
                      baseline=read_baseline(config["docs_dir"], sources),
                      settings=settings, memo=memo)


def material_plugin(config: Any, name: str) -> Any:
    """Material's plugin `name` ("search", "typeset"...) of this build, or None."""
    return next((config.plugins[n] for n in (f"material/{name}", name) if n in config.plugins),
                None)


def read_assets(files: Files) -> set[str]:
    """Every other file in docs/ (images, stylesheets...), by docs-relative path."""
    return {f.src_uri for f in files if not f.is_documentation_page()}


def apply_to_files(site: HandbookSite, files: Files) -> None:
    """Excluded pages are built but left out of the nav (MkDocs' `not_in_nav`), a page that is
    not valid UTF-8 is given its repaired text, which MkDocs would otherwise fail to read, and edit
    links are percent-encoded."""
    # The pages read (read_files' documentation pages), found by name: asking MkDocs for its
    # documentation pages again costs some six calls a file.
    by_uri = files.src_uris
    for uri in site.records:
        # MkDocs joins the file name into the edit link as it is, and the templates print it raw:
        # a page named `"><script>….md` would be markup. Percent-encoded, any name is just a URL.
        by_uri[uri].edit_uri = uri if QUOTED_AS_IT_IS.fullmatch(uri) else urllib.parse.quote(uri)
    for path in site.tree.excluded:
        files.get_file_from_path(path).inclusion = InclusionLevel.NOT_IN_NAV
    for path, text in site.repaired.items():
        files.get_file_from_path(path).content_string = text


def report(site: HandbookSite, logger: logging.Logger, docs_dir: str,
           config_file: str | None) -> None:
    """Every problem, one line each, as an error or warning (both fail `--strict`) or a note."""
    prefix = docs_prefix(docs_dir, config_file)
    log = {"error": logger.error, "warning": logger.warning, "info": logger.info}
    for problem in site.problems:
        log[problem.severity](problem.render(prefix))
    for line in annotations(site.problems, prefix):  # in CI, also on the pull request's lines
        print(line, flush=True)


def docs_prefix(docs_dir: str, config_file: str | None) -> str:
    """How messages name the docs folder: relative to mkdocs.yml (`docs/`), else in full."""
    docs = os.path.relpath(docs_dir, os.path.dirname(config_file or "."))
    if docs.startswith(".."):
        docs = docs_dir
    return docs.replace(os.sep, "/").rstrip("/") + "/"


def apply_to_nav(site: HandbookSite, nav: Navigation, files: Files) -> None:
    """Section pages open their sections, pages outside the nav get their display title, and the
    prev/next overrides from front matter replace MkDocs' reading-order neighbours."""
    stack = list(nav.items)
    while stack:
        item = stack.pop()
        if isinstance(item, Section) and item.children:
            first = item.children[0]
            if isinstance(first, Page) and not first.is_index:
                first.__class__ = SectionPage
            stack.extend(item.children)
    for path in site.tree.excluded:
        files.get_file_from_path(path).page.title = site.titles[path]
    for path, links in site.pager.items():
        page = files.get_file_from_path(path).page
        for direction, link in links.items():
            attribute = "previous_page" if direction == "prev" else "next_page"
            if not link.shown:
                setattr(page, attribute, None)
            elif link.path:
                setattr(page, attribute, files.get_file_from_path(link.path).page)


def review_status_page(site: HandbookSite, page: Page, files: Files) -> str:
    """The Review status page's tables, as Markdown with links MkDocs resolves like any other."""
    here = page.file.src_uri
    return review_status_markdown(here, site.titles, site.reviews, site.today,
                                  lambda path: relative_link(path, here))


def page_urls(files: Files) -> dict[str, str]:
    """Each page's URL relative to the site root, as MkDocs builds it."""
    return {f.src_uri: f.url for f in files.documentation_pages()}


def write_pages_json(site: HandbookSite, urls: dict[str, str], last_updated: dict[str, str],
                     site_dir: str) -> None:
    """`pages.json` at the site root, one entry per page (see governance.pages_json)."""
    text = pages_json(site.records, site.titles, site.reviews, urls, last_updated)
    with open(os.path.join(site_dir, "pages.json"), "w", encoding="utf-8") as out:
        out.write(text)


def social_image_url(site: HandbookSite, page: Page, site_url: str | None) -> str | None:
    """The page's social image as link previews need it: absolute when `site_url` is set (as the
    Open Graph protocol asks), else relative to the page."""
    image = site.images.get(page.file.src_uri)
    if image is None or "://" in image or image.startswith("//"):
        return image
    if site_url:
        return site_url.rstrip("/") + "/" + urllib.parse.quote(image)
    return get_relative_url(urllib.parse.quote(image), page.url)


def write_redirects(site: HandbookSite, site_dir: str, use_directory_urls: bool,
                    logger: logging.Logger, prefix: str) -> None:
    """One small page per redirect_from entry, written after MkDocs' own files (so the sitemap and
    the search index never list them); a file the site already has is never overwritten."""
    root = os.path.realpath(site_dir)
    for redirect in site.redirects:
        target = os.path.realpath(os.path.join(root, redirect.file))
        if not target.startswith(root + os.sep):
            continue  # the plan refuses such addresses; this is a second lock on the door
        try:
            if os.path.exists(target):
                raise FileExistsError(target)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "x", encoding="utf-8") as out:
                out.write(redirect_html(redirect, use_directory_urls))
        except OSError:  # a file of the theme or of MkDocs (sitemap.xml, 404.html...) is there
            logger.warning(f"{prefix}{redirect.target}: redirect_from '{redirect.address}' is "
                           f"already a file of the site ({redirect.file}); remove it from "
                           "redirect_from")


def serve_notice(site: HandbookSite, page: Page, prefix: str) -> str:
    """What `mkdocs serve` shows above a page: the build's banner, then the page's own problems.
    Paths are shown as in the terminal, `docs/...` relative to mkdocs.yml."""
    path = page.file.src_uri
    notices = (build_banner(site.failing_problems, prefix)
               + page_notice(site.problems_by_path.get(path, ()), prefix))
    if not notices:
        return ""
    # One wrapper with an end marker, so the serve-only panel can be told apart from the page.
    return (f'<div class="handbook-serve-problems">{notices}</div>'
            "<!-- /handbook-serve-problems -->")
