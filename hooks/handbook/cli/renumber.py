"""`handbook renumber`: number a parent's pages 10, 20, 30... in their current order. The plan
(`plan_renumber`) is pure; the command checks on an in-memory build that the nav keeps its order
before it writes anything."""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from handbook.build.site import HandbookSite
from handbook.cli.common import (
    Handbook,
    Refused,
    command_parser,
    err,
    out,
    resolve_page,
    shown_order,
    today_from,
    where,
)
from handbook.nav.tree import PageIndex
from handbook.pages.editing import EditError, set_nav_order
from handbook.pages.schema import is_number

NAME = "renumber"
SUMMARY = "number a parent's pages 10, 20, 30..."  # in `handbook --help`
HELP = """\
Give the pages under a parent nav_order 10, 20, 30... in their current order, so that there is
room to slot pages in between. The order of the nav does not change; pages with nav_exclude are
left alone. Only files whose nav_order changes are written.

examples:
  handbook renumber "Internal product management"
  handbook renumber overview/index.md --dry-run
  handbook renumber --top                          (the top-level pages)
"""


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = command_parser(commands, common, NAME, SUMMARY, HELP, run)
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("parent", nargs="?", metavar="PARENT",
                       help="the parent page: its exact title or its path from docs/")
    which.add_argument("--top", action="store_true", help="renumber the top-level pages")
    parser.add_argument("--dry-run", action="store_true", help="show the changes; write nothing")


@dataclass(frozen=True)
class Renumbering:
    """One page whose nav_order changes: `old` as `handbook nav` shows it, `new` the number."""

    path: str
    old: str
    new: int


def plan_renumber(site: HandbookSite, children: tuple[str, ...] | list[str]) -> list[Renumbering]:
    """10, 20, 30... for `children` in their nav order; pages that already have theirs are left."""
    plan = []
    for position, path in enumerate(children, start=1):
        record, order = site.records[path], position * 10
        if not (is_number(record.nav_order) and record.nav_order == order):
            plan.append(Renumbering(path, shown_order(record), order))
    return plan


def run(args: argparse.Namespace) -> int:
    today = today_from(args)
    handbook = Handbook.open(args.config)
    site = handbook.build(today)
    tree = site.tree
    if args.top:
        parent_path, children = None, tree.roots
    else:
        index = PageIndex(site.records.values())
        parent_path = resolve_page(index, handbook, args.parent, "parent",
                                   "handbook renumber {path}").path
        children = tree.children.get(parent_path, ())
        if parent_path in tree.excluded:
            out(f"nothing to change: {handbook.shown(parent_path)} is not in the nav (nav_exclude)")
            return 0
    plan = plan_renumber(site, children)
    edited = edited_sources(handbook, plan)
    after = handbook.build(today, {**handbook.files.sources, **edited}).tree
    if (after.roots, dict(after.children), after.excluded) != (tree.roots, dict(tree.children),
                                                               tree.excluded):
        # Cannot happen with distinct, increasing numbers; checked so a surprise never reorders.
        raise Refused(f"nothing was written: renumbering {where(site, parent_path)} would change "
                      "the order of the nav; set the nav_order values by hand")
    if not plan:
        out("nothing to change")
        return 0
    for change in plan:
        if not args.dry_run:
            try:
                (handbook.project.docs_dir / change.path).write_bytes(edited[change.path])
            except OSError as error:
                raise Refused(f"cannot be written ({error.strerror}); check that you may write "
                              "to it", handbook.shown(change.path)) from None
        out(f"{handbook.shown(change.path)}: nav_order {change.old} -> {change.new}")
    if args.dry_run:
        err("dry run: nothing was written")
    return 0


def edited_sources(handbook: Handbook, plan: list[Renumbering]) -> dict[str, bytes]:
    """Each planned page's bytes with its new nav_order, or a refusal naming every page that
    cannot be edited safely (nothing is written then)."""
    edited: dict[str, bytes] = {}
    refusals: list[str] = []
    for change in plan:
        try:
            edited[change.path] = set_nav_order(handbook.files.sources[change.path], change.new)
        except EditError as error:
            refusals.append(f"{handbook.shown(change.path)}: {error}")
    if refusals:
        for line in refusals:
            err(line)
        raise Refused("nothing was written; fix the pages above, then run the command again")
    return edited
