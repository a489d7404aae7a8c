"""The navigation's shared HTML, rendered once per build instead of once per page.

With `navigation.prune`, every page still renders an entry for every top-level item, so a build
does pages x items template work. An item that does not contain the current page renders the same
on every page except for its relative URLs, so it is rendered once here with a placeholder base
URL; the nav partial (overrides/partials/nav.html) pastes it with the page's own base URL and
renders only the item on the current page's path through Material's macro.
"""

from __future__ import annotations

from typing import Any

# Not a possible output of escaped text or of MkDocs' URL normalisation, so it only marks URLs.
BASE_URL = "<handbook-base-url>"


def render_nav_fragments(env: Any, config: Any, nav: Any) -> list[str]:
    """Each top-level nav item as Material renders it on a page outside that item."""
    module = env.get_template("partials/nav-item.html").make_module({
        "config": config,
        "features": config["theme"]["features"] or [],
        "page": None,
        "base_url": BASE_URL,
    })
    return [str(module.render(item, f"__nav_{index}", 1))
            for index, item in enumerate(nav.items, start=1)]
