"""Links to a heading that is not there (`roadmaps.md#cadense`), reported with the line they are
on. MkDocs checks the same after rendering but names no line; its check is set to `info` in
mkdocs.yml so each broken anchor is reported once, here."""

from __future__ import annotations

import difflib
from collections.abc import Collection, Mapping

from handbook.markdown.links import find_links
from handbook.problems import Problem


def missing_anchors(path: str, text: str, first_line: int,
                    wanted: Mapping[str, Mapping[str, str]],
                    present: Mapping[str, Collection[str] | None]) -> list[Problem]:
    """`wanted` is MkDocs' record of the page's links with anchors ({target page: {anchor: link
    as written}}); `present` the anchors each page has once rendered (None: not rendered)."""
    lines: dict[str, int] = {}
    for link in find_links(text, first_line):
        lines.setdefault(link.url, link.line)
    problems = []
    for target, anchors in wanted.items():
        ids = present.get(target)
        if ids is None:
            continue
        for anchor, url in anchors.items():
            if anchor in ids:
                continue
            guess = difflib.get_close_matches(anchor, sorted(ids), n=1, cutoff=0.6)
            hint = f"did you mean '#{guess[0]}'?" if guess else "remove the '#...' part or fix it"
            where = "this page" if target == path else target
            problems.append(Problem(
                path, lines.get(url, lines.get(url.replace("&", "&amp;"))),
                f"link '{url}' goes to '#{anchor}', which is no heading or anchor on {where}; "
                f"{hint} (a heading's anchor is the part after # in its ¶ link)", "warning"))
    return problems
