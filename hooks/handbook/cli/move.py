"""`handbook move OLD NEW`: move a page, rewrite every link to it, keep its old address working.

Plumbing around `pages.moves.plan_move`, which decides every edit; this module reads the files,
writes the plan and reports.
"""

from __future__ import annotations

import argparse

from handbook.cli.common import FAILING, Handbook, Refused, command_parser, err, out, today_from
from handbook.pages.moves import MoveRefused, plan_move
from handbook.problems import plural

NAME = "move"
SUMMARY = "move a page, keeping its links and old address working"  # in `handbook --help`
HELP = """\
Move (or rename) a page. Every link to it in other pages, and any `parent`, `prev` or `next`
that names its path, is rewritten to the new path; the page's own relative links are adjusted
to its new folder; and its old address is added to its `redirect_from`, so the site keeps a
redirect there and readers' old links and bookmarks still work.

examples:
  handbook move overview/roadmaps.md planning/roadmaps.md
  handbook move docs/internal/stakeholders-and-qa.md docs/internal/stakeholders.md --dry-run
"""


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = command_parser(commands, common, NAME, SUMMARY, HELP, run)
    parser.add_argument("old", metavar="OLD", help="the page's path (from docs/ or from here)")
    parser.add_argument("new", metavar="NEW", help="its new path, ending in .md")
    parser.add_argument("--dry-run", action="store_true",
                        help="say what would change; write nothing")


def run(args: argparse.Namespace) -> int:
    handbook = Handbook.open(args.config)
    old, new = _docs_relative(handbook, args.old), _docs_relative(handbook, args.new)
    raw = handbook.files.sources
    texts, line_ends = {}, {}
    for path, data in raw.items():
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            if path == old:
                raise Refused("is not valid UTF-8; re-save it as UTF-8 first", handbook.shown(old))
            continue  # left as it is: its links cannot be read safely
        line_ends[path] = ("\ufeff" if data.startswith(b"\xef\xbb\xbf") else "",
                           "\r\n" if "\r\n" in text else "\n")
        texts[path] = text.replace("\r\n", "\n")
    try:
        plan = plan_move(texts, handbook.files.assets, old, new,
                         handbook.project.use_directory_urls)
    except MoveRefused as error:
        raise Refused(str(error)) from None
    report(handbook, plan, args.dry_run)
    if args.dry_run:
        return 0
    write(handbook, plan, line_ends)
    site = Handbook.open(args.config).build(today_from(args), content_rules=False)
    left = [p for p in site.problems if p.severity in FAILING and p.path in (new, *plan.relinked)]
    for problem in left:
        err(problem.render(handbook.prefix))
    return 0


def report(handbook: Handbook, plan, dry_run: bool) -> None:
    old, new = plan.old, plan.new
    out(f"{'would move' if dry_run else 'moved'} {handbook.shown(old)} -> {handbook.shown(new)}")
    err(f"its old address {plan.address} is in its redirect_from, so old links still work")
    if plan.relinked:
        err(f"links updated in {plural(len(plan.relinked), 'page')}: "
            + ", ".join(handbook.shown(p) for p in plan.relinked))
    if dry_run:
        err("dry run: nothing was written")


def write(handbook: Handbook, plan, line_ends) -> None:
    """Each changed page in its own byte-order mark and line ends; then the old file goes."""
    docs = handbook.project.docs_dir
    for path, text in plan.texts.items():
        bom, end = line_ends[plan.old if path == plan.new else path]
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((bom + text.replace("\n", end)).encode("utf-8"))
    (docs / plan.old).unlink()


def _docs_relative(handbook: Handbook, value: str) -> str:
    """A path given from the current folder (`docs/x.md`) or from docs/ (`x.md`), docs-relative."""
    candidate = (handbook.cwd / value).resolve()
    try:
        return candidate.relative_to(handbook.project.docs_dir.resolve()).as_posix()
    except ValueError:
        return value.replace("\\", "/").removeprefix("./")
