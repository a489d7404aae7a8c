"""The editors' command line: `handbook new|check|nav|renumber|import|move`.

Each command is a module of this package with a `register(commands, common)` that adds its parser
and sets `run`; the commands read the handbook once with project.py, build it with
`build.site.build_site` (the same code the MkDocs hooks run, without MkDocs itself, so it starts
fast) and report in the project's form `docs/x.md:3: what is wrong; how to fix it`. Exit codes:
0 done, 1 problems found or command refused, 2 usage error. An editor's mistake never ends in a
traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from handbook.cli import check, import_, move, nav, new, renumber
from handbook.cli.common import Refused, UsageError, err
from handbook.cli.project import ProjectError

PROG = "handbook"

# The commands, in the order `handbook --help` lists them. A new command is a new module with a
# `register` function, and one more entry here.
COMMANDS = (new, check, nav, renumber, import_, move)

MAIN_HELP = """\
The handbook's editing tool: create pages, check them and arrange the navigation without
running MkDocs. It finds mkdocs.yml in the current folder or the nearest one above it.

examples:
  handbook new "Running a pilot" --parent "Internal product management"
  handbook check
  handbook nav
  handbook renumber "Internal product management"
  handbook import ../old-site/docs/discovery --dest docs/discovery
  handbook move overview/roadmaps.md planning/roadmaps.md

`handbook COMMAND --help` explains each command.
exit codes: 0 done, 1 problems found or command refused, 2 usage error.
"""


class Parser(argparse.ArgumentParser):
    """argparse, with its complaints on one line that says where to find help."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: {message}; see `{self.prog} --help`\n")


def build_parser() -> Parser:
    # Every command takes --config; SUPPRESS keeps a command's own default from hiding a value
    # given before the command name (`handbook -f x.yml check`).
    common = Parser(add_help=False)
    common.add_argument("-f", "--config", "--config-file", metavar="FILE",
                        default=argparse.SUPPRESS,
                        help="the handbook's mkdocs.yml (default: found from the current folder)")
    parser = Parser(prog=PROG, description=MAIN_HELP,
                    formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-f", "--config", "--config-file", metavar="FILE", default=None,
                        help=argparse.SUPPRESS)
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=Parser)
    for command in COMMANDS:
        command.register(commands, common)
    return parser


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("product-management-handbook")
    except PackageNotFoundError:
        return "(not installed)"


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # --help, --version and usage errors: argparse has printed them
        return exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 2)
    if not hasattr(args, "run"):
        parser.print_help(sys.stderr)
        return 2
    try:
        return args.run(args)
    except UsageError as error:
        err(f"{args.prog}: {error}")
        return 2
    except Refused as error:
        err(f"{error.where or args.prog}: {error}")
        return 1
    except ProjectError as error:
        err(f"{args.prog}: {error}")
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `handbook nav | head`: the reader has all it wanted
        _silence_stdout()
        return 1


def _silence_stdout() -> None:
    # Python would otherwise complain again when it flushes stdout on the way out.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


if __name__ == "__main__":
    sys.exit(main())
