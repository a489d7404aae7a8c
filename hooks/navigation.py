"""MkDocs events that build the navigation and the prev/next buttons from pages' front matter.

The work is done by the `handbook` package; per-build state lives on the build's own config, and
the order of events across the hook files is declared in handbook.build.events.
"""

import logging

from handbook.build.events import (
    LINKS_KEY,
    NAV_KEY,
    SERVE_KEY,
    SERVING_KEY,
    SITE_KEY,
    unhook,
)
from handbook.build.mkdocs_glue import (
    apply_to_files,
    apply_to_nav,
    docs_prefix,
    read_files,
    read_site,
    report,
    serve_notice,
    social_image_url,
    write_redirects,
)
from handbook.build.nav_fragments import NavFragments
from handbook.build.serve_notices import insert_notice, serving, set_serving
from handbook.build.symlinks import behind_links, link_problems
from handbook.jekyll.site_settings import read_settings
from handbook.markdown.extensions import made_once
from handbook.nav.child_toc import child_toc_html
from handbook.problems import plural
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

log = logging.getLogger("mkdocs.plugins.handbook")


def on_startup(command, dirty):
    set_serving(command)


def on_config(config):
    settings, problems = read_settings(config["extra"])
    if problems:
        raise PluginError("; ".join(problems))
    if "handbook.markdown.callouts" in config["markdown_extensions"]:
        config["mdx_configs"].setdefault("handbook.markdown.callouts", {})["callouts"] = settings.callouts
    config[SERVING_KEY] = serving()  # for every page's on_post_page: the environment read once
    if not config[SERVING_KEY]:
        unhook(config, on_post_page)  # `make build` output never holds its notices
    config["markdown_extensions"] = made_once(config["markdown_extensions"], config["mdx_configs"])
    return config


def on_pre_build(config):
    # Before MkDocs walks docs/, which follows links: out of the folder, or round a loop. A strict
    # build stops here; otherwise (`mkdocs serve`, whose server stalls on a failed rebuild) the
    # links and everything reached through them are dropped in on_files.
    problems = link_problems(config["docs_dir"])
    config[LINKS_KEY] = frozenset(problem.path for problem in problems)
    prefix = docs_prefix(config["docs_dir"], config.config_file_path)
    for problem in problems:
        log.error(problem.render(prefix))
    if problems and config.strict:
        raise PluginError(f"nothing was built: fix the {plural(len(problems), 'symbolic link')} "
                          "above first, so that no file from outside the docs folder is published")


def on_files(files, config):
    links = config[LINKS_KEY]
    if links:  # most docs folders have none: no file to ask about
        for file in [f for f in files if behind_links(f.src_uri, links)]:
            files.remove(file)
    # Under `mkdocs serve`, each page's own results are kept between rebuilds (serve.py).
    cache = config.get(SERVE_KEY)
    try:
        sources, assets = read_files(files)
        site = read_site(files, config, sources, memo=cache.page_results if cache else None,
                         assets=assets)
    except OSError as err:
        raise PluginError(f"cannot read a page: {err}") from err
    except ValueError as err:  # a malformed $HANDBOOK_TODAY
        raise PluginError(str(err)) from err
    config[SITE_KEY] = site
    config["nav"] = site.mkdocs_nav()
    apply_to_files(site, files)
    report(site, log, config["docs_dir"], config.config_file_path)
    return files


def on_nav(nav, config, files):
    config[NAV_KEY] = nav
    apply_to_nav(config[SITE_KEY], nav, files)
    return nav


def on_env(env, config, files):
    fragments = NavFragments(env, config, config[NAV_KEY])
    env.globals["nav_children"] = fragments.children
    # For `mkdocs serve`'s cache, which keys each page on what its nav is made of.
    env.globals["nav_fragments"] = fragments
    return env


def on_page_content(html, page, config, files):
    site = config[SITE_KEY]
    children = site.child_tocs.get(page.file.src_uri)
    if not children:
        return html
    summaries = {path: site.records[path].summary for path in children if site.records[path].summary}
    # The children are pages' src_uris: looked up as they are, which is what get_file_from_path
    # looks up after normalising the path. Both properties read once, not for each child.
    by_path, here = files.src_uris, page.url
    return html + child_toc_html(children, site.titles, summaries,
                                 lambda path: get_relative_url(by_path.get(path).url, here))


def on_page_context(context, page, config, nav):
    site = config[SITE_KEY]
    links = site.pager.get(page.file.src_uri)  # only pages whose buttons are overridden
    context["pager_labels"] = ({d: link.label for d, link in links.items() if link.label}
                               if links else {})
    context["social_image"] = social_image_url(site, page, config["site_url"])
    return context


def on_post_page(output, page, config):
    if not config[SERVING_KEY]:  # `make build` output never contains these
        return output
    # Into the finished page, after search has indexed its content: notices are not content.
    notice = serve_notice(config[SITE_KEY], page, docs_prefix(config["docs_dir"],
                                                              config.config_file_path))
    return insert_notice(output, notice)


def on_post_build(config):
    prefix = docs_prefix(config["docs_dir"], config.config_file_path)
    write_redirects(config[SITE_KEY], config["site_dir"], config["use_directory_urls"], log,
                    prefix)
