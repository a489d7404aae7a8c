"""Front matter made safe for Material's templates and plugins, which print `page.meta` as HTML
without escaping it.

This is the one boundary where front matter leaves the build model for templates: every text value
of every key is HTML-escaped here, once, whatever its type (text, or text inside lists and
mappings). Page titles stay plain text for MkDocs (templates in overrides/ escape them with
`title_html`); the copy in `page.meta` is escaped like the rest.
"""

from __future__ import annotations

import datetime
import html
from typing import Any

# What the installed Material templates and plugins read from `page.meta` (tests/test_properties.py
# checks this against the templates, so an upgrade that reads a new key fails a test):
# printed as one piece of text: <title> and the header (title), <meta> tags (description, author),
# the nav entry's second line (subtitle). A list written for them is shown as "a, b".
PRINTED_AS_TEXT = ("title", "description", "author", "subtitle")
# printed item by item: tag chips, tag listings and the search index (tags).
PRINTED_AS_LIST = ("tags",)
# select something and are never printed as text: an icon, a template, parts of the page to hide, a
# status badge, search options. The schema checks each against what exists or is allowed, so they
# are passed on as they are (escaping `material/x` or `main.html` would only break the name).
SELECTORS = ("icon", "template", "hide", "status", "search")
# Values that hold no text, told by their exact type: escape_all keeps them as they are.
_NO_TEXT = frozenset({int, float, bool, type(None), datetime.date, datetime.datetime})


def escape_meta(meta: dict[str, Any], title: str, invalid_keys=frozenset()) -> dict[str, Any]:
    """A copy of `meta` for templates and plugins: every text HTML-escaped once, `title` as readers
    see it, and values the schema rejected (already reported) left out, so no plugin trips on them."""
    safe: dict[str, Any] = {}
    # The usual values (texts, numbers, lists of texts) are told by their exact type: no
    # isinstance call for each (as_text and escape_all of a text are the text, escaped).
    for key, value in meta.items():
        if key in invalid_keys or (type(key) is not str and not isinstance(key, str)):
            continue
        kind = type(value)
        if key in SELECTORS:
            safe[key] = value
        elif kind is str:
            safe[key] = escape(value)
        elif key in PRINTED_AS_TEXT:
            safe[key] = escape(as_text(value))
        elif kind in _NO_TEXT:
            safe[key] = value
        elif kind is list:
            safe[key] = escape_list(value)
        else:
            safe[key] = escape_all(value)
    safe["title"] = escape(title)
    # `tags: career`: one tag, as Jekyll reads it (a list, the usual value, needs no isinstance).
    if "tags" in safe and type(safe["tags"]) is not list and isinstance(safe["tags"], str):
        safe["tags"] = [safe["tags"].strip()]
    return safe


def escape(text: str) -> str:
    """html.escape(text), which replaces these five characters; most texts have none of them,
    which five scans tell faster than five replacements."""
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
        return html.escape(text)
    return text


def escape_list(value: list) -> list:
    """escape_all(value) for a list. A list of texts without any of the five characters (tags,
    as a rule) is copied as it is: one check of its texts joined instead of one for each text
    (join refuses a list holding anything but texts)."""
    try:
        joined = "".join(value)
    except TypeError:
        joined = None
    if joined is not None and escape(joined) is joined:  # escape() returns such a text as it is
        return list(value)
    return [escape(item) if type(item) is str else escape_all(item) for item in value]


def as_text(value: Any) -> str:
    """A value as one line of text: a list's items joined with commas."""
    if isinstance(value, (list, tuple)):
        return ", ".join(as_text(item) for item in value)
    return str(value)


def escape_all(value: Any) -> Any:
    """`value` with every text in it HTML-escaped, inside lists and mappings too; other values
    (numbers, dates, flags) cannot hold markup and are kept as they are."""
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, list):
        return escape_list(value)
    if isinstance(value, dict):
        return {escape_all(key): escape_all(item) for key, item in value.items()}
    return value
