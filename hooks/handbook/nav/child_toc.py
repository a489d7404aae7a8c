"""The list of a page's children at the bottom of the page, as Just the Docs draws it
(`_includes/components/children_nav.html`): every child, in nav order, with its `summary`; none on
a page with `has_toc: false` or `has_children: false`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping

from handbook.nav.order import REVERSED, order_siblings
from handbook.nav.tree import NavTree
from handbook.pages.escaping import escape
from handbook.pages.schema import PageRecord


def child_tocs(tree: NavTree, records: Mapping[str, PageRecord], nav_sort: str
               ) -> dict[str, tuple[str, ...]]:
    """Each parent page's children, listed or not (JtD lists `nav_exclude` children here too)."""
    kids: dict[str, list[PageRecord]] = defaultdict(list)
    for path, parent in tree.parent_of.items():
        if parent is not None and records[path].nav_title is not None:
            kids[parent].append(records[path])
    tocs = {}
    for parent, group in kids.items():
        record = records[parent]
        if record.has_toc and record.has_children is not False:
            ordered = order_siblings(group, nav_sort, record.child_nav_order in REVERSED)
            tocs[parent] = tuple([r.path for r in ordered])
    return tocs


def child_toc_html(children: tuple[str, ...], titles: Mapping[str, str],
                   summaries: Mapping[str, str], url_of: Callable[[str], str]) -> str:
    """JtD's markup: a rule, "Table of contents", and a list of links with their summaries."""
    items = []
    for path in children:
        summary = summaries.get(path)
        after = f" - {escape(summary)}" if summary else ""
        items.append(f'<li><a href="{escape(url_of(path))}">{escape(titles[path])}</a>{after}</li>')
    return ('\n<hr>\n<h2 class="text-delta">Table of contents</h2>\n<ul class="child-toc">\n'
            + "\n".join(items) + "\n</ul>\n")
