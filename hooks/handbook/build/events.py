"""The MkDocs events the hook files handle, in the order they must run, and the per-build state
they hand each other: declared here once. The hooks take their priorities from this module, and
tests/test_events.py checks that MkDocs runs them in this order."""

from __future__ import annotations

from typing import NamedTuple

# Per-build state lives on the build's own config object, which MkDocs creates afresh for every
# build, so nothing survives from one build (or test) to the next.
SERVING_KEY = "handbook_serving"  # whether `mkdocs serve` runs this build, asked once (on_config)
LINKS_KEY = "handbook_bad_links"  # symbolic links that lead out of docs/ or loop (on_pre_build)
SITE_KEY = "handbook_site"  # HandbookSite: every page read once (navigation.on_files)
NAV_KEY = "handbook_nav"  # MkDocs' final Navigation, whose items' nav HTML is shared (on_env)
HISTORY_KEY = "handbook_history"  # {page path: date of its last commit}, read once per build
FILES_KEY = "handbook_files"  # the build's Files, whose pages' URLs pages.json lists
TWEMOJI_KEY = "handbook_twemoji"  # {Twemoji drawing: the first page using it}, for the site's copy
SERVE_KEY = "handbook_serve_cache"  # under `mkdocs serve` only: the process's ServeCache (serve.py)
PUBLISHED_KEY = "handbook_published"  # {page path: (URL, description, Markdown)}, for llms.txt


class Step(NamedTuple):
    event: str
    hook: str  # the file in hooks/
    priority: int  # MkDocs runs higher priorities first; equal ones in mkdocs.yml's order
    why: str
    handler: str = ""  # the function, when one event is split in two (mkdocs' CombinedEvent)


# Within each event, in the order MkDocs runs them. hooks/serve.py acts only under `mkdocs serve`.
ORDER: tuple[Step, ...] = (
    Step("on_startup", "navigation.py", 0, "whether this process serves: problems shown in pages"),
    Step("on_startup", "serve.py", 0, "a serve-only cache for the whole process"),
    Step("on_serve", "serve.py", 0,
         "the server told of saves by file-system events, not polling; a save of one page's text "
         "alone rebuilds that page alone"),
    Step("on_shutdown", "serve.py", 0, "the cache and its log filter gone with the server"),
    Step("on_config", "navigation.py", 0,
         "Just the Docs site settings (extra.just_the_docs) checked; callouts for their extension; "
         f"{SERVING_KEY}; the project's Markdown extensions made once for the build"),
    Step("on_config", "emoji.py", 0, f"a fresh {TWEMOJI_KEY}"),
    Step("on_config", "publish.py", 0, f"a fresh {PUBLISHED_KEY}"),
    Step("on_config", "serve.py", -100,
         f"after every plugin has set itself up (search's index); under serve, {SERVE_KEY}"),
    Step("on_pre_build", "navigation.py", 0,
         f"before MkDocs walks docs/: symbolic links out of it or round a loop, in {LINKS_KEY}"),
    Step("on_pre_build", "serve.py", -100,
         "moves the previous build's files out of the way of MkDocs' cleaning"),
    Step("on_files", "serve.py", 1000,
         "first after MkDocs' cleaning, before any plugin writes: the previous build's files back"),
    Step("on_files", "navigation.py", 0,
         f"drops what lies behind {LINKS_KEY}; reads every page once into {SITE_KEY}; "
         "sets the nav"),
    Step("on_files", "governance.py", -50, f"after the pages are read: {HISTORY_KEY}, {FILES_KEY}"),
    Step("on_nav", "navigation.py", 0, f"keeps {NAV_KEY}; section pages, pager overrides"),
    Step("on_nav", "serve.py", -100, "the nav and files as every other hook left them"),
    Step("on_env", "titles.py", 200,
         "the title_html filter and the patched templates, before Material's tags plugin (100) "
         "and the nav fragments render with them"),
    Step("on_env", "serve.py", 100, "compiled templates kept, before any template is loaded",
         "_on_env_compiled_templates"),
    Step("on_env", "navigation.py", 0,
         f"the shared nav fragments of {NAV_KEY}, each rendered when a page first pastes it"),
    Step("on_env", "governance.py", 0, "the long_date filter"),
    Step("on_env", "serve.py", -100, "after the shared nav fragments are in the globals",
         "_on_env_templates"),
    Step("on_pre_page", "serve.py", 0, "a page's rendered Markdown reused when unchanged"),
    Step("on_page_markdown", "titles.py", 0, f"escapes page.meta, using {SITE_KEY}"),
    Step("on_page_markdown", "governance.py", 0, "fills in the Review status page"),
    Step("on_page_markdown", "publish.py", -100,
         f"after the others have filled in generated text: the Markdown, in {PUBLISHED_KEY}"),
    Step("on_page_content", "navigation.py", 0, f"a parent page's list of its children, {SITE_KEY}"),
    Step("on_page_content", "emoji.py", 0, f"the drawings a page uses, in {TWEMOJI_KEY}"),
    Step("on_page_context", "navigation.py", 0, "pager labels and the social image"),
    Step("on_page_context", "governance.py", 0, f"review and last update, from {HISTORY_KEY}"),
    Step("on_page_context", "publish.py", 0,
         "every page's content is rendered: the printable handbook's pages, the Tags page's "
         "listing (Material's tags plugin fills it in on_env)"),
    Step("on_post_page", "navigation.py", 0, "under serve only: the problems panel in the page"),
    Step("on_post_page", "serve.py", -100,
         "the finished page: not written again when its file already holds it"),
    Step("on_post_build", "navigation.py", 0, "writes a redirect page per redirect_from entry"),
    Step("on_post_build", "governance.py", 0, f"writes pages.json with the URLs of {FILES_KEY}"),
    Step("on_post_build", "emoji.py", 0, f"writes the drawings in {TWEMOJI_KEY} and their CSS"),
    Step("on_post_build", "publish.py", 0, f"writes llms.txt and llms-full.txt from {PUBLISHED_KEY}"),
    Step("on_post_build", "serve.py", -100,
         "the cache's summary; files no longer built deleted, after the build's last write"),
    Step("on_build_error", "serve.py", 0, "a failed build leaves the cache as it was"),
)


def priority(hook: str, handler: str) -> int:
    """The priority `hook`'s `handler` (an event's name, or the function's when an event is
    split) is declared with."""
    for step in ORDER:
        if step.hook == hook and handler in (step.event, step.handler):
            return step.priority
    raise KeyError(f"{hook} {handler} is not declared in handbook.build.events.ORDER")


def unhook(config, handler) -> None:
    """Take an event function that has nothing to do in this build off MkDocs' list for its event:
    MkDocs calls every function on the list for every page, even one that returns at once. The
    list is this build's (MkDocs makes `config.plugins` afresh for each build, serve's too)."""
    handlers = config.plugins.events[handler.__name__.removeprefix("on_")]
    handlers[:] = [h for h in handlers if h is not handler]
