"""Front-matter text made safe for Material's templates, which print it as HTML without escaping.

Page titles stay plain text for MkDocs (templates in overrides/ escape them with `title_html`); the
copies Material reads from `page.meta` are escaped here, once, before any template or plugin sees them.
"""

from __future__ import annotations

import html
from typing import Any

# Keys of page.meta that Material prints raw: <title> and the header (title), <meta> tags
# (description, author), tag chips, tag listings and the search index (tags).
TEXT_KEYS = ("description", "author")


def escape_meta(meta: dict[str, Any], title: str, invalid_keys=frozenset()) -> dict[str, Any]:
    """A copy of `meta` for templates and plugins: printable text HTML-escaped, `title` as readers
    see it, and values the schema rejected (already reported) left out, so no plugin trips on them."""
    safe = {key: value for key, value in meta.items() if key not in invalid_keys}
    safe["title"] = html.escape(title)
    for key in TEXT_KEYS:
        if isinstance(safe.get(key), str):
            safe[key] = html.escape(safe[key])
    if isinstance(safe.get("tags"), list):
        safe["tags"] = [html.escape(tag) if isinstance(tag, str) else tag for tag in safe["tags"]]
    return safe
