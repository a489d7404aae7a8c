"""MkDocs events for what readers get besides the pages: the printable handbook (one page holding
the reading order) and llms.txt / llms-full.txt at the site root. The work is done by
`handbook.publish`."""

import html
import os

from mkdocs.plugins import event_priority

from handbook.build.site import CONFIG_KEY
from handbook.publish.llms import llms_files
from handbook.publish.print_book import MARKER, book_pages, print_book

# {page path: (URL, description, Markdown as built)}, made afresh for each build
PAGES_KEY = "handbook_published_pages"


def on_config(config):
    config[PAGES_KEY] = {}
    return config


@event_priority(-100)  # after the other hooks have filled in generated text (Review status)
def on_page_markdown(markdown, page, config, files):
    # page.meta's text is HTML-escaped by now (hooks/titles.py); llms.txt is Markdown, not HTML.
    description = html.unescape(str(page.meta.get("description") or ""))
    config[PAGES_KEY][page.file.src_uri] = (page.url, description, markdown)  # page.markdown too
    return markdown


def on_page_context(context, page, config, nav):
    if page.content and MARKER in page.content:  # every page's content is rendered by now
        by_path = {p.file.src_uri: p for p in nav.pages}
        printed = [(by_path[path].url, by_path[path].content or "")
                   for path in book_pages(config[CONFIG_KEY]) if path in by_path]
        page.content = page.content.replace(MARKER, print_book(printed, page.url))
    return context


def on_post_build(config):
    files = llms_files(config[CONFIG_KEY], config["site_name"], config["site_description"] or "",
                       config["site_url"] or "", config[PAGES_KEY])
    for name, parts in files.items():
        with open(os.path.join(config["site_dir"], name), "w", encoding="utf-8") as out:
            out.writelines(parts)
