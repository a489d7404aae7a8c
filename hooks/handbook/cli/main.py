"""The editors' command line: `handbook new|check|nav|renumber` (and, later, `import`).

Each command reads the handbook once with project.py, builds it with `site.build_site` (the same
code the MkDocs hooks run, without MkDocs itself, so it starts fast) and reports in the project's
form `docs/x.md:3: what is wrong; how to fix it`. Exit codes: 0 done, 1 problems found or command
refused, 2 usage error. An editor's mistake never ends in a traceback.
"""

from __future__ import annotations

import argparse
import datetime
import os
import posixpath
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from handbook.pages.editing import EditError, file_stem, new_page_text, next_nav_order, set_nav_order
from handbook.markdown.emoji import strip_emoji
from handbook.governance.reviews import TODAY_VARIABLE
from handbook.governance.reviews import today as governance_today
from handbook.jekyll.importer import ImportRefused, dest_problem, import_pages
from handbook.jekyll.importer import summary as import_summary
from handbook.nav.tree import PageIndex
from handbook.problems import Problem, plural
from handbook.cli.project import (
    DocsFiles,
    Project,
    ProjectError,
    excluder,
    open_project,
    read_docs,
    site_address,
)
from handbook.pages.schema import REVIEW_PERIOD, PageRecord
from handbook.build.site import HandbookSite, build_site
from handbook.pages.theme import handbook_theme

PROG = "handbook"
FAILING = ("error", "warning")  # an "info" problem is shown but does not fail `check`
NAV_KEYS = ("title", "parent", "grand_parent", "nav_order", "nav_exclude")
DEFAULT_REVIEW = "6 months"


class Refused(Exception):
    """The command will not do what was asked; the message says why and what to do (exit 1).

    `where` is the file the message is about, shown first as in every other message to editors
    (`docs/x.md: already exists; ...`); without one the message follows the command's name."""

    def __init__(self, message: str, where: str | None = None):
        super().__init__(message)
        self.where = where


class UsageError(Exception):
    """An option's value is unusable, found after parsing (e.g. from the environment) (exit 2)."""


class Parser(argparse.ArgumentParser):
    """argparse, with its complaints on one line that says where to find help."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: {message}; see `{self.prog} --help`\n")


# ---------------------------------------------------------------------------------------------
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


# ---------------------------------------------------------------------------------------------
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
                          theme=handbook_theme(self.project.custom_dir))

    def docs_path(self, value: str) -> str:
        """A page named by its path from the current folder (as tab completion writes it,
        `docs/overview/index.md`) as a docs-relative path; anything else is returned as given."""
        candidate = (self.cwd / value).resolve()
        if value.endswith((".md", ".markdown")) and candidate.is_file():
            try:
                return candidate.relative_to(self.project.docs_dir).as_posix()
            except ValueError:
                pass
        return value


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


def err(line: str) -> None:
    print(line, file=sys.stderr)


def out(line: str) -> None:
    sys.stderr.flush()  # keep the two streams in order on a terminal
    print(line)


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


# ---------------------------------------------------------------------------------------------
# handbook new

NEW_HELP = """\
Create a page with complete front matter, in its parent's folder, listed after the parent's
other pages. It prints the new file's path; open it and write.

examples:
  handbook new "Running a pilot" --parent "Internal product management"
  handbook new "Running a pilot" --parent internal/index.md --owner "Platform product team"
  handbook new "Glossary"                          (a top-level page, in docs/)
  handbook new "Q&A: roadmaps" --parent Roadmaps --file roadmap-questions.md \\
      --description "Answers to the questions stakeholders ask about roadmaps." \\
      --tag roadmaps --tag stakeholders
"""


def add_new(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "new", parents=[common], help="create a page with its front matter",
        description=NEW_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("title", type=title_text, help="the page's title, in quotes")
    parser.add_argument("--parent", metavar="TITLE_OR_PATH",
                        help="the page to list it under: its exact title or its path from docs/ "
                             "(default: the top level)")
    parser.add_argument("--file", type=page_file_name, metavar="NAME.md",
                        help="the file name (default: made from the title, "
                             "e.g. running-a-pilot.md)")
    parser.add_argument("--description", type=non_blank, metavar="TEXT",
                        help="one sentence for search engines and link previews")
    parser.add_argument("--tag", action="append", type=non_blank, dest="tags", metavar="TAG",
                        help="a topic for the Tags page; repeat for more")
    parser.add_argument("--owner", type=non_blank, metavar="TEAM",
                        help="who keeps the page true (default: the parent page's owner)")
    parser.add_argument("--review-in", type=review_period, metavar="PERIOD",
                        help="how often to review it, e.g. '6 months' (default: the parent's, "
                             f"else '{DEFAULT_REVIEW}')")
    add_today(parser)
    parser.set_defaults(run=run_new, prog=parser.prog)


def run_new(args: argparse.Namespace) -> int:
    today = today_from(args)
    handbook = Handbook.open(args.config)
    site = handbook.build(today)
    index = PageIndex(site.records.values())
    parent = (resolve_page(index, handbook, args.parent, "--parent", "--parent {path}")
              if args.parent else None)
    parent_path = parent.path if parent else None

    children = [path for path, up in site.tree.parent_of.items() if up == parent_path]
    same = [p for p in children
            if strip_emoji(site.records[p].title).casefold() == strip_emoji(args.title).casefold()]
    if same:
        raise Refused(f"already has the title '{site.records[same[0]].title}' "
                      f"{where(site, parent_path)}; give the new page a title of its own",
                      handbook.shown(same[0]))
    path = new_page_path(handbook, site, args, parent_path)

    hidden = parent_path in site.tree.excluded
    # The nav's current order of the parent's pages (all of them when the parent is not listed).
    siblings = (children if hidden else
                list(site.tree.children.get(parent_path, ()) if parent_path else site.tree.roots))
    numbered = [p for p in siblings if _is_number(site.records[p].nav_order)]
    order = next_nav_order(site.records[p].nav_order for p in numbered)
    if hidden:
        placement = ""
        listed = (f"Not in the nav: it sits under '{site.titles[parent_path]}', which is kept out "
                  f"of the nav (nav_exclude) with the pages under it (nav_order {order}).")
    else:
        after = f", after '{site.titles[numbered[-1]]}'" if numbered else ", first"
        placement = where(site, parent_path) + after
        listed = f"In the nav: {placement} (nav_order {order})."

    owner = args.owner or (parent.owner if parent else None)
    missing = [what for what, given in (("a one-sentence `description:`", args.description),
                                        ("two to four `tags:`", args.tags)) if not given]
    front = {
        "title": args.title,
        "parent": None,  # decided by _with_parent; keeps the keys in the documented order
        "grand_parent": None,
        "nav_order": order,
        "description": args.description,
        "tags": args.tags,
        "owner": owner,
        "last_reviewed": today,
        "review_in": args.review_in or (parent.review_in if parent else None) or DEFAULT_REVIEW,
    }
    text = _with_parent(handbook, site, index, front, _guidance(placement, missing), parent, path,
                        today)
    try:
        with open(handbook.project.docs_dir / path, "xb") as file:
            file.write(text.encode("utf-8"))
    except FileExistsError:
        raise Refused(_exists_message(path), handbook.shown(path)) from None
    except OSError as error:
        raise Refused(f"cannot be written ({error.strerror}); check that you may write to that "
                      "folder", handbook.shown(path)) from None

    out(handbook.shown(path))
    err(listed)
    if not owner:
        err("note: the page has no owner; add `owner:` (the team that keeps it true) to its "
            "front matter, or pass --owner next time")
    if missing:
        err(f"note: add {' and '.join(missing)} before you open a pull request")
    if len(numbered) < len(siblings) and not hidden:
        err(f"note: pages without a numeric nav_order {where(site, parent_path)} are listed "
            "after this one; run `handbook renumber` to number them all")
    return 0


def new_page_path(handbook: Handbook, site: HandbookSite, args: argparse.Namespace,
                  parent_path: str | None) -> str:
    """The docs-relative path for the new page, or a refusal if it is taken or would be hidden."""
    name = args.file
    if name is None:
        stem = file_stem(args.title)
        if not stem:
            raise Refused(f"the title '{args.title}' has no letters or digits to name the file "
                          "after; pass a file name, e.g. --file my-page.md")
        name = stem + ".md"
    folder = posixpath.dirname(parent_path) if parent_path else ""
    path = posixpath.join(folder, name)
    taken = {p.casefold() for p in (*handbook.files.sources, *handbook.files.assets)}
    if (handbook.project.docs_dir / path).exists() or path.casefold() in taken:
        raise Refused(_exists_message(path), handbook.shown(path))
    if excluder(handbook.project)(path):
        raise Refused("MkDocs would leave this file out of the site (exclude_docs or draft_docs "
                      "in mkdocs.yml); pass another name with --file", handbook.shown(path))
    address = site_address(path, handbook.project.use_directory_urls)
    clash = next((p for p in site.records
                  if site_address(p, handbook.project.use_directory_urls) == address), None)
    if clash:
        raise Refused(f"would be published at the same address as {handbook.shown(clash)} "
                      f"({address}); pass another name with --file", handbook.shown(path))
    return path


def _exists_message(path: str) -> str:
    stem = posixpath.splitext(posixpath.basename(path))[0]
    return f"already exists; pick another file name with --file, e.g. --file {stem}-2.md"


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _guidance(placement: str, missing: list[str]) -> str:
    lines = [
        "Write the page here, in Markdown, in place of this comment.",
        "Open with a sentence or two on who the page is for and what it helps them do, then give "
        "each section a ## heading. The title is already shown at the top of the page, so do not "
        "repeat it as a # heading.",
        (f"The page is listed in the navigation {placement}." if placement else
         "The page is not listed in the navigation, because the page it sits under is kept out "
         "of it (nav_exclude).")
        + " To move it, change nav_order or parent above; `handbook nav` shows the navigation.",
    ]
    if missing:
        lines.append(f"Add {' and '.join(missing)} to the front matter.")
    lines.append("Run `handbook check` before you open a pull request.")
    return "\n".join(lines)


def _with_parent(handbook: Handbook, site: HandbookSite, index: PageIndex, front: dict,
                 guidance: str, parent: PageRecord | None, path: str,
                 today: datetime.date) -> str:
    """The page's text, naming its parent in the plainest way that the nav resolves to that page
    without new problems: the title; the title and grand_parent (when the title is shared); the
    path. Each way is tried on an in-memory build, so what is written is known to work."""
    ways: list[dict[str, str | None]] = [{}]
    if parent is not None:
        ways = [{"parent": parent.title}]
        if len(index.by_title.get(parent.title, ())) > 1:
            grand = site.tree.parent_of.get(parent.path)
            for grand_title in dict.fromkeys(t for t in (
                    site.records[grand].title if grand else None, parent.parent) if t):
                ways.append({"parent": parent.title, "grand_parent": grand_title})
        ways.append({"parent": parent.path})
    before = {problem.render() for problem in site.problems}
    found: list[Problem] = []
    for way in ways:
        text = new_page_text({**front, **way}, guidance)
        trial = handbook.build(today, {**handbook.files.sources, path: text.encode("utf-8")})
        found = [p for p in trial.problems
                 if p.severity in FAILING and p.render() not in before]  # notes are the editor's
        if not found and trial.tree.parent_of.get(path) == (parent.path if parent else None):
            return text
    listing = "; ".join(p.render(handbook.prefix) for p in found) or "it would not be listed there"
    raise Refused(f"nothing was written: the new page would cause problems: {listing}")


# ---------------------------------------------------------------------------------------------
# handbook check

CHECK_HELP = """\
Check every page as the build does: front matter, parents, order, links and the rest. Each
problem is one line, `docs/x.md:3: what is wrong; how to fix it`, on stderr; then a summary.
Exit 0 when there are none, 1 when there are errors or warnings (notes do not fail).

examples:
  handbook check
  handbook check --config ../handbook/mkdocs.yml
  HANDBOOK_TODAY=2026-09-01 handbook check        (judge review dates as of that day)
"""


def add_check(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "check", parents=[common], help="report every problem the build would report",
        description=CHECK_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_today(parser)
    parser.set_defaults(run=run_check, prog=parser.prog)


def run_check(args: argparse.Namespace) -> int:
    today = today_from(args)
    handbook = Handbook.open(args.config)
    site = handbook.build(today)
    problems = sorted((*handbook.files.problems, *site.problems),
                      key=lambda p: (p.path, p.line or 0, p.message))
    for problem in problems:
        err(problem.render(handbook.prefix))
    failing = sum(1 for p in problems if p.severity in FAILING)
    notes = len(problems) - failing
    summary = f"{plural(len(handbook.files.sources), 'page')} checked: "
    summary += plural(failing, "problem") if failing else "no problems"
    if notes:
        summary += f" ({plural(notes, 'note')})"
    out(summary)
    return 1 if failing else 0


# ---------------------------------------------------------------------------------------------
# handbook nav

NAV_HELP = """\
Show the navigation the build makes from the front matter: one line per page,
`title  [nav_order]  path`, children indented under their parent, in the order readers see.
Pages kept out of the nav with `nav_exclude: true` are listed at the end. Problems that change
the nav (an unknown parent, a tie, ...) are shown on stderr.

examples:
  handbook nav
  handbook nav | grep -i roadmap
"""


def add_nav(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "nav", parents=[common], help="show the navigation as an indented list",
        description=NAV_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.set_defaults(run=run_nav, prog=parser.prog)


def run_nav(args: argparse.Namespace) -> int:
    handbook = Handbook.open(args.config)
    site = handbook.build(today_from(args))
    for problem in nav_problems(site):
        err(problem.render(handbook.prefix))
    tree = site.tree
    stack = [(path, 0) for path in reversed(tree.roots)]
    while stack:
        path, depth = stack.pop()
        out(nav_line(site, path, depth))
        stack.extend((child, depth + 1) for child in reversed(tree.children.get(path, ())))
    if tree.excluded:
        out("")
        out("Not in the nav (nav_exclude):")
        for path in sorted(tree.excluded):
            out(nav_line(site, path, 1))
    return 0


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


# ---------------------------------------------------------------------------------------------
# handbook renumber

RENUMBER_HELP = """\
Give the pages under a parent nav_order 10, 20, 30... in their current order, so that there is
room to slot pages in between. The order of the nav does not change; pages with nav_exclude are
left alone. Only files whose nav_order changes are written.

examples:
  handbook renumber "Internal product management"
  handbook renumber overview/index.md --dry-run
  handbook renumber --top                          (the top-level pages)
"""


def add_renumber(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "renumber", parents=[common], help="number a parent's pages 10, 20, 30...",
        description=RENUMBER_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("parent", nargs="?", metavar="PARENT",
                       help="the parent page: its exact title or its path from docs/")
    which.add_argument("--top", action="store_true", help="renumber the top-level pages")
    parser.add_argument("--dry-run", action="store_true", help="show the changes; write nothing")
    parser.set_defaults(run=run_renumber, prog=parser.prog)


def run_renumber(args: argparse.Namespace) -> int:
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

    changes: list[tuple[str, str, int]] = []
    edited: dict[str, bytes] = {}
    refusals: list[str] = []
    for position, path in enumerate(children, start=1):
        record, order = site.records[path], position * 10
        if _is_number(record.nav_order) and record.nav_order == order:
            continue
        try:
            edited[path] = set_nav_order(handbook.files.sources[path], order)
        except EditError as error:
            refusals.append(f"{handbook.shown(path)}: {error}")
            continue
        changes.append((path, _shown_order(record), order))
    if refusals:
        for line in refusals:
            err(line)
        raise Refused("nothing was written; fix the pages above, then run the command again")

    after = handbook.build(today, {**handbook.files.sources, **edited}).tree
    if (after.roots, dict(after.children), after.excluded) != (tree.roots, dict(tree.children),
                                                               tree.excluded):
        # Cannot happen with distinct, increasing numbers; checked so a surprise never reorders.
        raise Refused(f"nothing was written: renumbering {where(site, parent_path)} would change "
                      "the order of the nav; set the nav_order values by hand")
    if not changes:
        out("nothing to change")
        return 0
    for path, old, new in changes:
        if not args.dry_run:
            try:
                (handbook.project.docs_dir / path).write_bytes(edited[path])
            except OSError as error:
                raise Refused(f"cannot be written ({error.strerror}); check that you may write "
                              "to it", handbook.shown(path)) from None
        out(f"{handbook.shown(path)}: nav_order {old} -> {new}")
    if args.dry_run:
        err("dry run: nothing was written")
    return 0


def _shown_order(record: PageRecord) -> str:
    if "nav_order" in record.invalid_keys:
        return "(invalid)"
    if record.nav_order is None:
        return "(none)"
    return f"'{record.nav_order}'" if isinstance(record.nav_order, str) else str(record.nav_order)


# ---------------------------------------------------------------------------------------------
# The parser and main()

# ---------------------------------------------------------------------------------------------
# handbook import

IMPORT_HELP = """\
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


def add_import(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "import", parents=[common], help="copy pages from an older Jekyll site, cleaned",
        description=IMPORT_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sources", nargs="+", metavar="SOURCE",
                        help="Markdown files or folders of the old site")
    parser.add_argument("--dest", required=True, metavar="docs/FOLDER",
                        help="the folder inside docs/ the pages go into")
    parser.add_argument("--force", action="store_true", help="overwrite pages that exist")
    parser.add_argument("--dry-run", action="store_true",
                        help="say what would be written, write nothing")
    add_today(parser)
    parser.set_defaults(run=run_import, prog=parser.prog)


def run_import(args: argparse.Namespace) -> int:
    today = today_from(args)
    handbook = Handbook.open(args.config)
    docs_dir = handbook.project.docs_dir.resolve()
    dest = (handbook.cwd / args.dest).resolve()
    try:
        folder = dest.relative_to(docs_dir).as_posix()
    except ValueError:
        raise UsageError(f"--dest {args.dest} is not inside the docs folder "
                         f"({handbook.prefix or './'}); e.g. --dest {handbook.prefix}imported") from None
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


def add_today(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--today", type=iso_date, metavar="YYYY-MM-DD",
                        help="the date to use as today (default: $HANDBOOK_TODAY, else the clock)")


# One entry per command: (adds its parser, which sets `run`). A new command such as `import` is one
# more function here and one more entry.
COMMANDS: tuple[Callable[[argparse._SubParsersAction, argparse.ArgumentParser], None], ...] = (
    add_new, add_check, add_nav, add_renumber, add_import,
)

MAIN_HELP = """\
The handbook's editing tool: create pages, check them and arrange the navigation without
running MkDocs. It finds mkdocs.yml in the current folder or the nearest one above it.

examples:
  handbook new "Running a pilot" --parent "Internal product management"
  handbook check
  handbook nav
  handbook renumber "Internal product management"
  handbook import ../old-site/docs/discovery --dest docs/discovery

`handbook COMMAND --help` explains each command.
exit codes: 0 done, 1 problems found or command refused, 2 usage error.
"""


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
    for add in COMMANDS:
        add(commands, common)
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
