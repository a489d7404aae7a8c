"""MkDocs events that make `mkdocs serve` rebuild only what an edit changed.

Under `serve` (and only there) a `ServeCache` lives for the whole process; each per-page step goes
through it (see handbook/build/serve_cache.py for what each result is keyed by). `mkdocs build`
never creates it, so a build's output never depends on a previous build. A save that changes one
page's text and nothing any other page shows rebuilds that page alone, with the previous build's
objects (handbook/build/serve_partial.py).
"""

import functools
import logging
import shutil
import threading

from handbook.build.events import SERVE_KEY, priority, unhook
from handbook.build.mkdocs_glue import material_plugin
from handbook.build.serve_cache import FrontMatterCache, ServeCache, template_for
from handbook.build.serve_output import KeptPagesFilter
from handbook.build.serve_partial import ChangedPaths, PreviousBuild, build_changes
from handbook.build.serve_watch import watch_with_events
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import InclusionLevel
from mkdocs.utils import meta as mkdocs_meta

log = logging.getLogger("mkdocs.plugins.handbook.serve")

# The one serve process's cache (every result in it is keyed by everything it depends on), and
# the log filter that goes with it.
_SERVE: dict[str, ServeCache | KeptPagesFilter] = {}
_BUILD_LOG = logging.getLogger("mkdocs.commands.build")


def on_startup(command, dirty):
    on_shutdown()
    if command == "serve" and not dirty:
        cache = _SERVE["cache"] = ServeCache()
        _SERVE["filter"] = KeptPagesFilter(cache.site)
        _BUILD_LOG.addFilter(_SERVE["filter"])
        # Pages' front matter read through the cache (see FrontMatterCache), until on_shutdown.
        cache.front_matter = FrontMatterCache(mkdocs_meta.get_data)
        mkdocs_meta.get_data = cache.front_matter


def on_serve(server, config, builder):
    cache = _SERVE.get("cache")
    if cache:
        changed = ChangedPaths()
        if watch_with_events(server, changed.record):  # the saved paths are known
            server.builder = functools.partial(build_changes, cache, changed, builder)
    return server


def on_shutdown():
    cache = _SERVE.get("cache")
    if cache and mkdocs_meta.get_data is cache.front_matter:
        mkdocs_meta.get_data = cache.front_matter.get_data
    if "filter" in _SERVE:
        _BUILD_LOG.removeFilter(_SERVE["filter"])
    _SERVE.clear()


@event_priority(priority("serve.py", "on_config"))  # after every plugin has set itself up
def on_config(config):
    cache = _SERVE.get("cache")
    if cache:
        cache.start_build(config, [config.theme.custom_dir] if config.theme.custom_dir else [])
        config[SERVE_KEY] = cache  # for navigation.py's reading of the pages
        # Two of Material's plugins' per-page steps through the cache, in MkDocs' event lists.
        for name, event, through in (("typeset", "page_content", cache.typeset_page),
                                     ("search", "page_context", cache.search_page)):
            plugin = material_plugin(config, name)
            handlers = config.plugins.events[event]
            for i, handler in enumerate(handlers):
                if plugin is not None and getattr(handler, "__self__", None) is plugin:
                    handlers[i] = functools.partial(through, plugin, run=handler)
    else:  # a page's events have nothing to do without the cache
        unhook(config, on_pre_page)
        unhook(config, on_post_page)
    return config


@event_priority(priority("serve.py", "on_pre_build"))
def on_pre_build(config):
    cache = _SERVE.get("cache")
    if cache:
        aside = cache.site.before_cleaning(config.site_dir)
        if aside:
            threading.Thread(target=shutil.rmtree, args=(aside, True), daemon=True).start()


@event_priority(priority("serve.py", "on_files"))  # the first event after MkDocs' cleaning
def on_files(files, config):
    cache = _SERVE.get("cache")
    if cache:
        cache.site.restore()  # the previous build's files, before anything writes
    return files


@event_priority(priority("serve.py", "_on_env_compiled_templates"))  # before any template loads
def _on_env_compiled_templates(env, config, files):
    cache = _SERVE.get("cache")
    if cache:
        env.bytecode_cache = cache.compiled_templates
    return env


@event_priority(priority("serve.py", "on_nav"))  # the nav and files as every hook left them
def on_nav(nav, config, files):
    cache = _SERVE.get("cache")
    if cache:
        cache.set_files(files)
        cache.set_nav(nav)
        cache.build["files object"] = files
    return nav


def on_pre_page(page, config, files):
    cache = _SERVE.get("cache")
    if cache:
        page.render = functools.partial(cache.render_markdown, page, render=page.render)
    return page


@event_priority(priority("serve.py", "_on_env_templates"))  # after the nav fragments are set
def _on_env_templates(env, config, files):
    cache = _SERVE.get("cache")
    if cache:
        cache.set_env(env)
        for file in files.documentation_pages():
            template = template_for(cache, env, file.page) if file.page else None
            if template is not None:
                file.page.meta["template"] = template
        cache.build["env object"] = env
        # What a page built later sees of each page (serve_partial.py).
        cache.build["populated"] = {
            file.src_uri: file.page.content
            for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve) if file.page}
    return env


on_env = CombinedEvent(_on_env_compiled_templates, _on_env_templates)


@event_priority(priority("serve.py", "on_post_page"))  # the page as every other hook left it
def on_post_page(output, page, config):
    cache = _SERVE.get("cache")
    if cache:
        return cache.site.page_output(page.file.src_uri, page.file.abs_dest_path, output)
    return output


@event_priority(priority("serve.py", "on_post_build"))
def on_post_build(config):
    cache = _SERVE.get("cache")
    if cache and not cache.partial:  # serve_partial.py keeps its own books
        log.info(cache.summary())
        cache.end_build()
        build = cache.build
        if all(key in build for key in ("files object", "nav object", "env object", "populated")):
            cache.previous = PreviousBuild(config, build["files object"], build["nav object"],
                                           build["env object"], build["populated"])


def on_build_error(error):
    cache = _SERVE.get("cache")
    if cache:
        cache.abandon_build()
