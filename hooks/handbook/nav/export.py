"""The nav for an engine that runs no hooks: the tree the hooks build, written out as the `nav:`
block of mkdocs.yml, so plain MkDocs (or any engine that reads mkdocs.yml) lists the pages in the
handbook's order."""

from __future__ import annotations

from collections.abc import Mapping

import yaml

from handbook.nav.tree import NavTree

HEADER = """\
# The handbook's navigation, made from each page's front matter by `handbook nav --format mkdocs`.
# For an engine that runs no hooks: put this block in mkdocs.yml (and remove the `hooks:` key).
# Make it again after any change to a title, parent, nav_order or nav_exclude: it is a copy.
"""


class _NavDumper(yaml.SafeDumper):
    """Safe YAML (every title quoted as it needs) with list items indented under their key, as
    MkDocs' own documentation writes `nav:`."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


def mkdocs_nav_block(tree: NavTree, titles: Mapping[str, str]) -> str:
    """`nav:` as YAML: a page is `- Title: path`; a page with children is a section of that title
    that opens with the page itself, then its children in order. Pages kept out of the nav
    (`nav_exclude`, and the pages under them) are left out, as the hooks leave them out."""
    entries = tree.to_mkdocs_nav(titles)
    body = yaml.dump({"nav": entries}, Dumper=_NavDumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=1_000_000)
    return HEADER + body
