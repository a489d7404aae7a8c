"""The few steps that touch MkDocs' own objects: files, pages and the nav. Everything they apply was
worked out by the pure modules (site.py and friends); this module only hands it to MkDocs."""

from __future__ import annotations

import logging
import os
import urllib.parse

from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from handbook.build.site import HandbookSite
from handbook.governance.reviews import pages_json, review_status_markdown
from handbook.markdown.links import relative_link
from handbook.build.anchors import missing_anchors


class SectionPage(Page):
    """A page with children. MkDocs only treats `index.md` files as a section's own page; here any
    page can be one, so Material's `navigation.indexes` makes the section label open it."""

    is_index = True  # type: ignore[assignment]


def read_sources(files: Files) -> dict[str, bytes]:
    """Every documentation page's bytes, by docs-relative path."""
    return {f.src_uri: f.content_bytes for f in files.documentation_pages()}


def read_assets(files: Files) -> set[str]:
    """Every other file in docs/ (images, stylesheets...), by docs-relative path."""
    return {f.src_uri for f in files if not f.is_documentation_page()}


def apply_to_files(site: HandbookSite, files: Files) -> None:
    """Excluded pages are built but left out of the nav (MkDocs' `not_in_nav`), a page that is
    not valid UTF-8 is given its repaired text, which MkDocs would otherwise fail to read, and edit
    links are percent-encoded."""
    for file in files.documentation_pages():
        # MkDocs joins the file name into the edit link as it is, and the templates print it raw:
        # a page named `"><script>….md` would be markup. Percent-encoded, any name is just a URL.
        file.edit_uri = urllib.parse.quote(file.src_uri)
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


def report_missing_anchors(site: HandbookSite, files: Files, logger: logging.Logger,
                           prefix: str) -> None:
    """Links to anchors no page has, with their lines (MkDocs' own check names none)."""
    present = {f.src_uri: f.page.present_anchor_ids for f in files.documentation_pages()
               if f.page is not None}
    for file in files.documentation_pages():
        wanted = getattr(file.page, "links_to_anchors", None) if file.page else None
        if not wanted:
            continue
        text = site.repaired.get(file.src_uri) or file.content_string
        by_path = {target.src_uri: anchors for target, anchors in wanted.items()}
        for problem in missing_anchors(file.src_uri, text, 1, by_path, present):
            logger.warning(problem.render(prefix))


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
