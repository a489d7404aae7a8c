"""`handbook import`: copy pages from an older Jekyll site into the handbook, cleaned, then list
what is left to fix by hand. The cleaning is `handbook.jekyll.importer`'s."""

from __future__ import annotations

import argparse
from pathlib import Path

from handbook.cli.common import (
    FAILING,
    Handbook,
    Refused,
    UsageError,
    add_today,
    command_parser,
    err,
    out,
    today_from,
)
from handbook.jekyll.importer import ImportRefused, dest_problem, import_pages
from handbook.jekyll.importer import summary as import_summary
from handbook.problems import plural

NAME = "import"
SUMMARY = "copy pages from an older Jekyll site, cleaned"  # in `handbook --help`
HELP = """\
Copy pages from an older Jekyll site (Just the Docs or another theme) into the handbook, cleaned:
front matter kept (a `title` added from the first heading when it has none), text decoded in the
wrong encoding repaired ("Iâ€™ll" -> "I’ll", emoji too), links that name a handbook page or
another imported page rewritten to relative .md links, images the old site has copied into docs/,
and hand-written prev/next button blocks removed (the footer's buttons come from the nav). Then
every problem left in the imported pages is listed, with file and line, for you to fix by hand.

A folder is searched for Markdown files, keeping its sub-folders. An existing page is never
overwritten without --force; nothing is written when one would be.

examples:
  handbook import ../old-site/docs/discovery/*.md --dest docs/discovery
  handbook import ../old-site/docs/discovery --dest docs/discovery --dry-run
"""


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = command_parser(commands, common, NAME, SUMMARY, HELP, run)
    parser.add_argument("sources", nargs="+", metavar="SOURCE",
                        help="Markdown files or folders of the old site")
    parser.add_argument("--dest", required=True, metavar="docs/FOLDER",
                        help="the folder inside docs/ the pages go into")
    parser.add_argument("--force", action="store_true", help="overwrite pages that exist")
    parser.add_argument("--dry-run", action="store_true",
                        help="say what would be written, write nothing")
    add_today(parser)


def run(args: argparse.Namespace) -> int:
    today = today_from(args)
    handbook = Handbook.open(args.config)
    docs_dir = handbook.project.docs_dir.resolve()
    dest = (handbook.cwd / args.dest).resolve()
    try:
        folder = dest.relative_to(docs_dir).as_posix()
    except ValueError:
        raise UsageError(f"--dest {args.dest} is not inside the docs folder "
                         f"({handbook.prefix or './'}); e.g. --dest {handbook.prefix}imported"
                         ) from None
    problem = dest_problem(docs_dir, folder)
    if problem:
        raise UsageError(f"--dest {args.dest}: {problem}; e.g. --dest {handbook.prefix}imported")
    try:
        result = import_pages([Path(source) for source in args.sources], folder, docs_dir,
                              handbook.files.sources, set(handbook.files.assets),
                              force=args.force, dry_run=args.dry_run,
                              use_directory_urls=handbook.project.use_directory_urls,
                              prefix=handbook.prefix)
    except ImportRefused as error:
        raise Refused(str(error)) from None
    except OSError as error:
        raise Refused(f"cannot write the pages ({error}); nothing more was imported") from None
    for report in result.cleaned:
        out(("would write " if args.dry_run else "") + import_summary(report, handbook.prefix))
    if result.overwritten:
        err(f"overwrote {plural(len(result.overwritten), 'existing page')} (--force)")
    imported = {report.dest for report in result.cleaned}
    if args.dry_run:
        return 0
    site = Handbook.open(args.config).build(today)
    left = [p for p in site.problems if p.path in imported and p.severity in FAILING]
    if left:
        err(f"Still to fix by hand ({plural(len(left), 'problem')}):")
        for problem in left:
            err("  " + problem.render(handbook.prefix))
    else:
        err("Nothing left to fix by hand.")
    return 0
