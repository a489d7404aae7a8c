"""The one piece of the nav that needs MkDocs' classes: marking the page that opens each section."""

from __future__ import annotations

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page


class SectionPage(Page):
    """A page with children. MkDocs only treats `index.md` files as a section's own page; here any
    page can be one, so Material's `navigation.indexes` makes the section label open it."""

    is_index = True  # type: ignore[assignment]


def mark_section_pages(nav: Navigation) -> None:
    """Every section built from front matter starts with its own page: mark it as the index."""
    stack = list(nav.items)
    while stack:
        item = stack.pop()
        if isinstance(item, Section) and item.children:
            first = item.children[0]
            if isinstance(first, Page) and not first.is_index:
                first.__class__ = SectionPage
            stack.extend(item.children)
