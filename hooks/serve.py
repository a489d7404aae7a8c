"""MkDocs events that make `mkdocs serve` rebuild only what an edit changed.

Under `serve` (and only there) a `ServeCache` lives for the whole process; each per-page step goes
through it (see handbook/build/serve_cache.py for what each result is keyed by). `mkdocs build`
never creates it, so a build's output never depends on a previous build.
"""

import functools
import logging
import shutil
import threading

from handbook.build.events import priority
from handbook.build.serve_cache import ServeCache, template_for
from mkdocs.plugins import CombinedEvent, event_priority

log = logging.getLogger("mkdocs.plugins.handbook.serve")

# The one serve process's cache: every result in it is keyed by everything it depends on.
_SERVE: dict[str, ServeCache] = {}


def on_startup(command, dirty):
    _SERVE.clear()
    if command == "serve" and not dirty:
        _SERVE["cache"] = ServeCache()


@event_priority(priority("serve.py", "on_config"))  # after every plugin has set itself up
def on_config(config):
    cache = _SERVE.get("cache")
    if cache:
        cache.start_build(config, [config.theme.custom_dir] if config.theme.custom_dir else [])
        search = config.plugins.get("material/search") or config.plugins.get("search")
        index = getattr(search, "search_index", None)
        if index is not None and hasattr(index, "add_entry_from_context"):
            index.add_entry_from_context = functools.partial(
                cache.add_search_entries, index, add=index.add_entry_from_context)
    return config


@event_priority(priority("serve.py", "on_pre_build"))
def on_pre_build(config):
    cache = _SERVE.get("cache")
    if cache:
        aside = cache.set_aside(config.site_dir)
        if aside:
            threading.Thread(target=shutil.rmtree, args=(aside, True), daemon=True).start()


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
    return nav


def on_pre_page(page, config, files):
    cache = _SERVE.get("cache")
    if cache:
        page.render = functools.partial(cache.render_markdown, page, render=page.render)
    return page


@event_priority(priority("serve.py", "_on_env_templates"))  # after the shared nav HTML is set
def _on_env_templates(env, config, files):
    cache = _SERVE.get("cache")
    if cache:
        cache.set_env(env)
        for file in files.documentation_pages():
            template = template_for(cache, env, file.page) if file.page else None
            if template is not None:
                file.page.meta["template"] = template
    return env


on_env = CombinedEvent(_on_env_compiled_templates, _on_env_templates)


@event_priority(priority("serve.py", "on_post_build"))
def on_post_build(config):
    cache = _SERVE.get("cache")
    if cache:
        log.info(cache.summary())
        cache.end_build()


def on_build_error(error):
    cache = _SERVE.get("cache")
    if cache:
        cache.abandon_build()
