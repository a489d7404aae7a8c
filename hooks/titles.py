"""MkDocs events for front-matter text: escaped wherever it is printed, emoji decorative for screen
readers.

Page titles are plain text (shortcodes already turned into emoji by the nav); templates print them
through the `title_html` filter (overrides/, and Material's own as patched by
handbook.build.template_patches). Material prints `page.meta` text (title, description,
tags, ...) without escaping, so those copies are escaped before any plugin or template reads them.
"""

import functools

from handbook.build.events import SITE_KEY, priority
from handbook.build.template_patches import TemplateDrift, patch_templates
from handbook.markdown.emoji import title_html
from handbook.pages.escaping import escape_meta
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority


@event_priority(priority("titles.py", "on_env"))
def on_env(env, config, files):
    # A page's template prints the same few dozen titles; a cache made per build (env is new for
    # each build) turns that into one conversion per title.
    env.filters["title_html"] = functools.lru_cache(maxsize=None)(title_html)
    try:
        patch_templates(env)  # Material's templates that print titles, through that filter
    except TemplateDrift as err:
        raise PluginError(str(err)) from err
    return env


def on_page_markdown(markdown, page, config, files):
    record = config[SITE_KEY].records.get(page.file.src_uri)
    page.meta = escape_meta(page.meta, page.title or "", record.invalid_keys if record else ())
    return markdown
