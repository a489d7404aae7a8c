"""Material's templates changed by a line or a loop, in Python instead of copied files: the loader
hands Jinja Material's own template with each change applied, so an upgrade of Material can never
leave a stale copy behind. A change whose text Material no longer has stops the build with a
message, instead of being skipped silently.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

import jinja2

# template -> ((Material's text, the handbook's text), ...); each text occurs exactly once.
PATCHES: Mapping[str, tuple[tuple[str, str], ...]] = MappingProxyType({
    # Titles are escaped, with decorative emoji hidden from screen readers (hooks/titles.py).
    "partials/nav-item.html": (
        ("{{ nav_item.title }}", "{{ nav_item.title | title_html }}"),
        # A section's children off the page's path pasted from their fragments, rendered once per
        # build (handbook/build/nav_fragments.py); the child on the path through the macro.
        ("""{% for item in nav_item.children %}
              {% if not index or item != index %}
                {{ render(item, path ~ "_" ~ loop.index, level + 1, nav_item) }}
              {% endif %}
            {% endfor %}""",
         """{% for entry in nav_children(nav_item, index, base_url, page) %}
              {% if entry is string %}
                {{ entry }}
              {% else %}
                {{ render(entry[0], path ~ "_" ~ entry[1], level + 1, nav_item) }}
              {% endif %}
            {% endfor %}"""),
    ),
    "partials/path-item.html": (("{{ nav_item.title }}", "{{ nav_item.title | title_html }}"),),
    "fragments/tags/default/listing.html": (
        ("{{ mapping.item.title }}", "{{ mapping.item.title | title_html }}"),
        # The Tags page lays each tag's pages out in a row (docs/stylesheets/handbook.css).
        ("<ul>", '<ul class="handbook-tag-pages">'),),
    # data-md-component="source" makes Material's JavaScript fetch stars and forks from the code
    # host's API in every reader's browser: no third-party requests.
    "partials/source.html": (
        (' class="md-source" data-md-component="source">', ' class="md-source">'),
        ("{{ config.repo_name }}", "{{ config.repo_name | e }}"),
    ),
})


class TemplateDrift(Exception):
    """Material's template no longer has the text a patch changes."""


def patch_source(name: str, source: str,
                 patches: Mapping[str, tuple[tuple[str, str], ...]] = PATCHES) -> str:
    """`source` (the template `name`) with its patches applied."""
    for old, new in patches.get(name, ()):
        if source.count(old) != 1:
            raise TemplateDrift(
                f"Material's {name} has {source.count(old)} copies of {old!r} where the handbook "
                f"expects one; update PATCHES in handbook/build/template_patches.py for the "
                "installed Material")
        source = source.replace(old, new)
    return source


class PatchingLoader(jinja2.BaseLoader):
    """A loader for the templates in PATCHES only: each read through the theme's own loader and
    patched. Asked first by a ChoiceLoader, it refuses every other template, which the theme's
    loader then loads itself."""

    def __init__(self, inner: jinja2.BaseLoader):
        self.inner = inner

    def get_source(self, environment: jinja2.Environment,
                   template: str) -> tuple[str, str | None, Callable[[], bool] | None]:
        if template not in PATCHES:
            raise jinja2.TemplateNotFound(template)
        source, filename, uptodate = self.inner.get_source(environment, template)
        return patch_source(template, source), filename, uptodate

    def list_templates(self) -> list[str]:
        return [name for name in self.inner.list_templates() if name in PATCHES]


def patch_templates(env: jinja2.Environment) -> None:
    """Make `env` load Material's templates with the handbook's patches; every patch is tried at
    once, so a drifted template fails the build before any page is rendered."""
    loader = env.loader
    if loader is None or (isinstance(loader, jinja2.ChoiceLoader)
                          and isinstance(loader.loaders[0], PatchingLoader)):
        return
    for name in PATCHES:
        patch_source(name, loader.get_source(env, name)[0])
    env.loader = jinja2.ChoiceLoader([PatchingLoader(loader), loader])
