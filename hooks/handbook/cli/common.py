"""What every `handbook` command shares: the handbook as a command sees it (read once, built without
MkDocs), refusals and usage errors, option types checked while parsing, and output."""

from __future__ import annotations

import argparse
import datetime
import os
import posixpath
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from handbook.build.site import HandbookSite, build_site
from handbook.cli.project import DocsFiles, Project, open_project, read_docs
from handbook.governance.reviews import TODAY_VARIABLE
from handbook.governance.reviews import today as governance_today
from handbook.nav.tree import PageIndex
from handbook.pages.address import is_page
from handbook.pages.editing import file_stem
from handbook.pages.schema import REVIEW_PERIOD, PageRecord
from handbook.pages.theme import handbook_theme

FAILING = ("error", "warning")  # an "info" problem is shown but does not fail a command


class Refused(Exception):
    """The command will not do what was asked; the message says why and what to do (exit 1).

    `where` is the file the message is about, shown first as in every other message to editors
    (`docs/x.md: already exists; ...`); without one the message follows the command's name."""

    def __init__(self, message: str, where: str | None = None):
        super().__init__(message)
        self.where = where


class UsageError(Exception):
    """An option's value is unusable, found after parsing (e.g. from the environment) (exit 2)."""


def command_parser(commands: argparse._SubParsersAction, common: argparse.ArgumentParser,
                   name: str, summary: str, description: str,
                   run: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
    """A command's parser: `summary` in `handbook --help`, `description` (with examples) in
    `handbook NAME --help`, and `run` called with the parsed options."""
    parser = commands.add_parser(name, parents=[common], help=summary, description=description,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.set_defaults(run=run, prog=parser.prog)
    return parser


# Option values: checked while parsing, so a bad one is a usage error before anything is read.

def title_text(value: str) -> str:
    title = " ".join(value.split())
    if not title:
        raise argparse.ArgumentTypeError("the title is blank; give the page's title in quotes, "
                                         'e.g. handbook new "Release notes"')
    return title


def iso_date(value: str) -> datetime.date:
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            return datetime.date.fromisoformat(value.strip())
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"'{value}' is not a date written YYYY-MM-DD, e.g. 2026-03-01")


def review_period(value: str) -> str:
    if not REVIEW_PERIOD.match(value):
        raise argparse.ArgumentTypeError(
            f"'{value}' is not a review period; write e.g. '90 days', '6 weeks', '6 months' "
            "or '1 year'")
    return " ".join(value.split()).lower()


def page_file_name(value: str) -> str:
    has_folder = "/" in value or "\\" in value
    if has_folder or value.startswith(".") or not value.endswith((".md", ".markdown")):
        name = posixpath.basename(value.replace("\\", "/"))
        stem = file_stem(posixpath.splitext(name)[0] if name.endswith(".md") else name) or "my-page"
        raise argparse.ArgumentTypeError(
            f"'{value}' is not a page file name; give a name ending in .md, without folders "
            f"(the page goes in its parent's folder), e.g. --file {stem}.md")
    return value


def non_blank(value: str) -> str:
    text = " ".join(value.split())
    if not text:
        raise argparse.ArgumentTypeError("is blank; leave the option out or give some text")
    return text


def add_today(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--today", type=iso_date, metavar="YYYY-MM-DD",
                        help="the date to use as today (default: $HANDBOOK_TODAY, else the clock)")


def today_from(args: argparse.Namespace) -> datetime.date:
    """`--today`, else $HANDBOOK_TODAY, else the clock: tests and reviews of old states pin it."""
    if getattr(args, "today", None):
        return args.today
    try:
        return governance_today()  # the build's own rule, so check and build agree on "today"
    except ValueError:
        value = os.environ.get(TODAY_VARIABLE, "")
        raise UsageError(f"{TODAY_VARIABLE}: '{value}' is not a date written YYYY-MM-DD; fix or "
                         "unset it") from None


# The handbook as one command sees it.

@dataclass(frozen=True)
class Handbook:
    """The project found from the current folder, its files read once, and where it is from here."""

    project: Project
    files: DocsFiles
    cwd: Path

    @classmethod
    def open(cls, config: str | None) -> Handbook:
        cwd = Path.cwd()
        project = open_project(cwd, Path(config) if config else None)
        return cls(project, read_docs(project), cwd)

    @property
    def prefix(self) -> str:
        """The docs folder as seen from the current folder, ready to put before a page's path."""
        rel = os.path.relpath(self.project.docs_dir, self.cwd).replace(os.sep, "/")
        return "" if rel == "." else rel + "/"

    def shown(self, path: str) -> str:
        """A docs-relative path as the editor can open it from the current folder."""
        if not self.prefix.startswith(".."):
            return self.prefix + path
        return os.path.relpath(self.project.docs_dir / path, self.cwd).replace(os.sep, "/")

    def build(self, today: datetime.date | None = None,
              sources: dict[str, bytes] | None = None) -> HandbookSite:
        return build_site(self.files.sources if sources is None else sources,
                          assets=self.files.assets, today=today,
                          use_directory_urls=self.project.use_directory_urls,
                          theme=handbook_theme(self.project.custom_dir),
                          settings=self.project.site_settings)

    def docs_path(self, value: str) -> str:
        """A page named by its path from the current folder (as tab completion writes it,
        `docs/overview/index.md`) as a docs-relative path; anything else is returned as given."""
        candidate = (self.cwd / value).resolve()
        if is_page(value) and candidate.is_file():
            try:
                return candidate.relative_to(self.project.docs_dir).as_posix()
            except ValueError:
                pass
        return value


def resolve_page(index: PageIndex, handbook: Handbook, value: str, what: str,
                 retry: str) -> PageRecord:
    """The one page that a title or path names, or a refusal with a suggestion or the choices.

    `what` names the value in messages (`--parent`); `retry` is the command to suggest with a
    path in place of `{path}`."""
    value = handbook.docs_path(value)
    candidates, message = index.resolve(value, "", what)
    if message:
        raise Refused(message)
    if len(candidates) > 1:
        listing = ", ".join(f"{handbook.shown(c.path)} (parent '{c.parent or 'none: top level'}')"
                            for c in candidates)
        raise Refused(f"{what} '{value}' is the title of {len(candidates)} pages: {listing}; "
                      "pass the path of the one you mean, e.g. "
                      + retry.format(path=candidates[0].path))
    return candidates[0]


def where(site: HandbookSite, parent: str | None) -> str:
    return f"under '{site.titles[parent]}'" if parent else "at the top level"


def shown_order(record: PageRecord) -> str:
    """A page's nav_order as `handbook nav` and `renumber` print it."""
    if "nav_order" in record.invalid_keys:
        return "(invalid)"
    if record.nav_order is None:
        return "(none)"
    return f"'{record.nav_order}'" if isinstance(record.nav_order, str) else str(record.nav_order)


def err(line: str) -> None:
    print(line, file=sys.stderr)


def out(line: str) -> None:
    sys.stderr.flush()  # keep the two streams in order on a terminal
    print(line)
