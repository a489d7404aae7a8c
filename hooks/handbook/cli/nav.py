"""`handbook nav`: the navigation the build makes from the front matter, as an indented list."""

from __future__ import annotations

import argparse

from handbook.build.site import HandbookSite
from handbook.cli.common import Handbook, command_parser, err, out, today_from
from handbook.problems import Problem

NAV_KEYS = ("title", "parent", "grand_parent", "ancestor", "nav_order", "nav_exclude", "has_children",
            "child_nav_order")

NAME = "nav"
SUMMARY = "show the navigation as an indented list"  # in `handbook --help`
HELP = """\
Show the navigation the build makes from the front matter: one line per page,
`title  [nav_order]  path`, children indented under their parent, in the order readers see.
Pages kept out of the nav with `nav_exclude: true` are listed at the end. Problems that change
the nav (an unknown parent, a tie, ...) are shown on stderr.

examples:
  handbook nav
  handbook nav | grep -i roadmap
"""


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    command_parser(commands, common, NAME, SUMMARY, HELP, run)


def run(args: argparse.Namespace) -> int:
    handbook = Handbook.open(args.config)
    site = handbook.build(today_from(args))
    for problem in nav_problems(site):
        err(problem.render(handbook.prefix))
    for line in nav_listing(site):
        out(line)
    return 0


def nav_listing(site: HandbookSite) -> list[str]:
    """The lines `handbook nav` prints: the nav in reading order, then the excluded pages."""
    tree = site.tree
    lines = []
    stack = [(path, 0) for path in reversed(tree.roots)]
    while stack:
        path, depth = stack.pop()
        lines.append(nav_line(site, path, depth))
        stack.extend((child, depth + 1) for child in reversed(tree.children.get(path, ())))
    if tree.excluded:
        lines += ["", "Not in the nav (nav_exclude, no title, or under has_children: false):"]
        lines += [nav_line(site, path, 1) for path in sorted(tree.excluded)]
    return lines


def nav_line(site: HandbookSite, path: str, depth: int) -> str:
    order = site.records[path].nav_order
    shown = "-" if order is None else (f"'{order}'" if isinstance(order, str) else str(order))
    return f"{'  ' * depth}{site.titles[path]}  [{shown}]  {path}"


def nav_problems(site: HandbookSite) -> list[Problem]:
    """The problems that change where a page is listed: the tree's own (parents, cycles, ties), a
    rejected value of a nav key, and front matter that could not be read at all."""
    tree_problems = set(site.tree.problems)
    found = []
    for problem in site.problems:
        record = site.records.get(problem.path)
        nav_lines = {record.key_lines.get(key) for key in NAV_KEYS} - {None} if record else set()
        if (problem in tree_problems or problem.line in nav_lines
                or problem.message.startswith("front matter ")):
            found.append(problem)
    return found
