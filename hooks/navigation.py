"""MkDocs events that build the navigation and the prev/next buttons from pages' front matter.

The work is done by the pure `handbook` package; per-build state lives on the build's own config.
"""

import logging
import os

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import InclusionLevel

from handbook.navfragments import BASE_URL, render_nav_fragments
from handbook.sections import mark_section_pages
from handbook.site import CONFIG_KEY, NAV_KEY, build_site

log = logging.getLogger("mkdocs.plugins.handbook")


def on_files(files, config):
    pages = {f.src_uri: f for f in files.documentation_pages()}
    try:
        sources = {path: f.content_bytes for path, f in pages.items()}
    except OSError as err:
        raise PluginError(f"cannot read a page: {err}") from err
    site = build_site(sources)
    config[CONFIG_KEY] = site
    config["nav"] = site.mkdocs_nav()
    for path in site.tree.excluded:
        pages[path].inclusion = InclusionLevel.NOT_IN_NAV
    for path, source in site.sources.items():
        if not source.decoded_cleanly:  # MkDocs would stop with a traceback on this file
            pages[path].content_string = source.text
    prefix = docs_prefix(config)
    for problem in site.problems:
        (log.warning if problem.severity == "warning" else log.error)(problem.render(prefix))
    return files


def on_nav(nav, config, files):
    config[NAV_KEY] = nav
    mark_section_pages(nav)
    site = config[CONFIG_KEY]
    for path in site.tree.excluded:  # pages outside the nav still get their title as readers see it
        files.get_file_from_path(path).page.title = site.titles[path]
    for path, links in site.pager.items():
        page = files.get_file_from_path(path).page
        for direction, link in links.items():
            attribute = "previous_page" if direction == "prev" else "next_page"
            if not link.shown:
                setattr(page, attribute, None)
            elif link.path:
                setattr(page, attribute, files.get_file_from_path(link.path).page)
    return nav


def on_env(env, config, files):  # after hooks/titles.py (priority 200) adds the title filter
    env.globals["nav_fragments"] = render_nav_fragments(env, config, config[NAV_KEY])
    env.globals["nav_fragment_base"] = BASE_URL
    return env


def on_page_context(context, page, config, nav):
    links = config[CONFIG_KEY].pager.get(page.file.src_uri, {})
    context["pager_labels"] = {d: link.label for d, link in links.items() if link.label}
    return context


def docs_prefix(config):
    """How messages name the docs folder: relative to mkdocs.yml (`docs/`), else in full."""
    docs = os.path.relpath(config["docs_dir"], os.path.dirname(config.config_file_path or "."))
    if docs.startswith(".."):
        docs = config["docs_dir"]
    return docs.replace(os.sep, "/").rstrip("/") + "/"
