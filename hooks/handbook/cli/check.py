"""`handbook check`: every problem the build would report, one line each, and a summary."""

from __future__ import annotations

import argparse
from collections.abc import Iterable

from handbook.cli.common import FAILING, Handbook, add_today, command_parser, err, out, today_from
from handbook.problems import Problem, annotations, plural

NAME = "check"
SUMMARY = "report every problem the build would report"  # in `handbook --help`
HELP = """\
Check every page as the build does: front matter, parents, order, links and the rest. Each
problem is one line, `docs/x.md:3: what is wrong; how to fix it`, on stderr; then a summary.
Exit 0 when there are none, 1 when there are errors or warnings (notes do not fail).

examples:
  handbook check
  handbook check --config ../handbook/mkdocs.yml
  HANDBOOK_TODAY=2026-09-01 handbook check        (judge review dates as of that day)
"""


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = command_parser(commands, common, NAME, SUMMARY, HELP, run)
    add_today(parser)


def summary(pages: int, problems: Iterable[Problem]) -> tuple[str, bool]:
    """The closing line (`7 pages checked: 2 problems (1 note)`) and whether the check fails."""
    severities = [p.severity for p in problems]
    failing = sum(1 for s in severities if s in FAILING)
    notes = len(severities) - failing
    line = f"{plural(pages, 'page')} checked: "
    line += plural(failing, "problem") if failing else "no problems"
    if notes:
        line += f" ({plural(notes, 'note')})"
    return line, failing > 0


def run(args: argparse.Namespace) -> int:
    today = today_from(args)
    handbook = Handbook.open(args.config)
    site = handbook.build(today)
    problems = sorted((*handbook.files.problems, *site.problems),
                      key=lambda p: (p.path, p.line or 0, p.message))
    for problem in problems:
        err(problem.render(handbook.prefix))
    for annotation in annotations(problems, handbook.prefix):  # in GitHub Actions
        out(annotation)
    line, failed = summary(len(handbook.files.sources), problems)
    out(line)
    return 1 if failed else 0
