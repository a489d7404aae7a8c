"""MkDocs events for titles: escaped wherever templates print them, emoji decorative for screen readers.

Page titles are plain text (shortcodes already turned into emoji by the nav). Templates in overrides/
print them through the `title_html` filter; Material's own uses of `page.meta.title` (the browser tab,
the header, the search index) get the same title, HTML-escaped.
"""

import html

from handbook.emoji import title_html


def on_env(env, config, files):
    env.filters["title_html"] = title_html
    return env


def on_page_markdown(markdown, page, config, files):
    page.meta["title"] = html.escape(page.title or "")
    return markdown
