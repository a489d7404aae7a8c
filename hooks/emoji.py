"""MkDocs events that draw emoji in colour: the emoji each page and title uses are noted as the site
is rendered, then their Twemoji drawings and stylesheet are written into the site
(`handbook.markdown.twemoji`)."""

import logging

from handbook.build.events import SITE_KEY, TWEMOJI_KEY
from handbook.build.mkdocs_glue import docs_prefix
from handbook.markdown.emoji import drawings_in_titles
from handbook.markdown.twemoji import character_of, used_in, write_assets

log = logging.getLogger("mkdocs.plugins.handbook")


def on_config(config):
    config[TWEMOJI_KEY] = {}
    return config


def on_page_content(html, page, config, files):
    used = config[TWEMOJI_KEY]  # noted at the first page that uses each drawing
    used.update(dict.fromkeys(used_in(html) - used.keys(), page.file.src_uri))
    return html


def on_post_build(config):
    used = config[TWEMOJI_KEY]
    for name, path in drawings_in_titles(config[SITE_KEY].titles).items():
        used.setdefault(name, path)
    prefix = docs_prefix(config["docs_dir"], config.config_file_path)
    for name in write_assets(used, config["site_dir"]):
        log.warning(
            f"{prefix}{used[name]}: the emoji "
            f"{character_of(name)} ({name}) has no Twemoji drawing, so readers without an emoji "
            "font see a box; choose another emoji, or update the vendored Twemoji "
            "(hooks/handbook/markdown/twemoji/README.md)")
