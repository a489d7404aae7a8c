"""MkDocs events for what the build writes for readers: the printable handbook (one page holding
the reading order), the Tags page's index of tags, and llms.txt / llms-full.txt at the site root.
The work is done by `handbook.publish`."""

import html
import os
import re

from handbook.build.events import PUBLISHED_KEY, SITE_KEY, priority
from handbook.publish.llms import llms_files
from handbook.publish.print_book import MARKER, book_pages, print_book
from handbook.publish.tag_index import MARKER as TAG_INDEX
from handbook.publish.tag_index import listed_tags, tag_index
from mkdocs.plugins import event_priority

# The markers of the pages whose text is generated here: one search of a page for both.
GENERATED = re.compile(f"{re.escape(MARKER)}|{re.escape(TAG_INDEX)}")


def on_config(config):
    config[PUBLISHED_KEY] = {}
    return config


@event_priority(priority("publish.py", "on_page_markdown"))  # after generated text is filled in
def on_page_markdown(markdown, page, config, files):
    # page.meta's text is HTML-escaped by now (hooks/titles.py); llms.txt is Markdown, not HTML.
    description = html.unescape(str(page.meta.get("description") or ""))
    # The Markdown is page.markdown too: kept, not copied.
    config[PUBLISHED_KEY][page.file.src_uri] = (page.url, description, markdown)
    return markdown


def on_page_context(context, page, config, nav):
    if not page.content or not GENERATED.search(page.content):
        return context  # most pages: `in` twice crawls, as the markers' '<' is everywhere in HTML
    if MARKER in page.content:  # every page's content is rendered by now
        by_path = {p.file.src_uri: p for p in nav.pages}
        printed = [(by_path[path].url, by_path[path].content or "")
                   for path in book_pages(config[SITE_KEY]) if path in by_path]
        page.content = page.content.replace(MARKER, print_book(printed, page.url))
    if TAG_INDEX in page.content:  # Material's tags listing is rendered by now
        page.content = page.content.replace(TAG_INDEX, tag_index(listed_tags(page.content)))
    return context


def on_post_build(config):
    files = llms_files(config[SITE_KEY], config["site_name"], config["site_description"] or "",
                       config["site_url"] or "", config[PUBLISHED_KEY])
    for name, parts in files.items():
        with open(os.path.join(config["site_dir"], name), "w", encoding="utf-8") as out:
            out.writelines(parts)
