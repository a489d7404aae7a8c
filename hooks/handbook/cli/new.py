"""`handbook new`: create a page with complete front matter, in its parent's folder, listed after
the parent's other pages. Where it goes and how it names its parent are decided by the pure
planners below (`plan_placement`, `parent_ways`); `run` only reads, tries and writes."""

from __future__ import annotations

import argparse
import datetime
import posixpath
from dataclasses import dataclass
from typing import Any

from handbook.build.site import HandbookSite
from handbook.cli.common import (
    FAILING,
    Handbook,
    Refused,
    add_today,
    command_parser,
    err,
    non_blank,
    out,
    page_file_name,
    resolve_page,
    review_period,
    title_text,
    today_from,
    where,
)
from handbook.cli.project import excluder
from handbook.markdown.emoji import strip_emoji
from handbook.nav.tree import PageIndex
from handbook.pages.address import dest_path
from handbook.pages.editing import file_stem, new_page_text, next_nav_order
from handbook.pages.schema import PageRecord, is_number
from handbook.problems import Problem

DEFAULT_REVIEW = "6 months"

NAME = "new"
SUMMARY = "create a page with its front matter"  # in `handbook --help`
HELP = """\
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


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = command_parser(commands, common, NAME, SUMMARY, HELP, run)
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


# --- The planners: pure functions of the built handbook ---------------------------------------

@dataclass(frozen=True)
class Placement:
    """Where a new page under `parent` goes: its nav_order and the pages it is listed after."""

    parent: str | None
    order: int
    siblings: tuple[str, ...]  # the parent's pages in nav order (all of them when it is unlisted)
    numbered: tuple[str, ...]  # those with a numeric nav_order, which the new page follows
    hidden: bool  # the parent is kept out of the nav, and so is the new page

    def listed(self, site: HandbookSite) -> str:
        """Where the page is listed, as `handbook new` says it."""
        if self.hidden:
            return (f"Not in the nav: it sits under '{site.titles[self.parent]}', which is kept "
                    "out of the nav (nav_exclude) with the pages under it "
                    f"(nav_order {self.order}).")
        return f"In the nav: {self.where(site)} (nav_order {self.order})."

    def where(self, site: HandbookSite) -> str:
        """`under 'Guide', after 'Two'`; empty for a page that is not listed."""
        if self.hidden:
            return ""
        after = f", after '{site.titles[self.numbered[-1]]}'" if self.numbered else ", first"
        return where(site, self.parent) + after


def children_of(site: HandbookSite, parent: str | None) -> list[str]:
    """Every page whose parent is `parent`, listed or not, in path order."""
    return [path for path, up in site.tree.parent_of.items() if up == parent]


def plan_placement(site: HandbookSite, parent: str | None) -> Placement:
    """The next nav_order under `parent`: after the numbered pages the nav lists there."""
    tree = site.tree
    hidden = parent in tree.excluded
    siblings = tuple(children_of(site, parent) if hidden else
                     tree.children.get(parent, ()) if parent else tree.roots)
    numbered = tuple(p for p in siblings if is_number(site.records[p].nav_order))
    order = next_nav_order(site.records[p].nav_order for p in numbered)
    return Placement(parent, order, siblings, numbered, hidden)


def same_title(site: HandbookSite, parent: str | None, title: str) -> str | None:
    """A page under `parent` whose title is `title` (ignoring case and emoji), if any."""
    wanted = strip_emoji(title).casefold()
    return next((p for p in children_of(site, parent)
                 if strip_emoji(site.records[p].title).casefold() == wanted), None)


def parent_ways(site: HandbookSite, index: PageIndex,
                parent: PageRecord | None) -> list[dict[str, str]]:
    """The ways to name `parent` in front matter, plainest first: its title; its title and
    grand_parent (when the title is shared); its path."""
    if parent is None:
        return [{}]
    ways = [{"parent": parent.title}]
    if len(index.by_title.get(parent.title, ())) > 1:
        grand = site.tree.parent_of.get(parent.path)
        for grand_title in dict.fromkeys(t for t in (
                site.records[grand].title if grand else None, parent.parent) if t):
            ways.append({"parent": parent.title, "grand_parent": grand_title})
    ways.append({"parent": parent.path})
    return ways


def guidance(placement: str, missing: list[str]) -> str:
    """The comment the new page opens with: what to write, and where the page is listed."""
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


# --- The command -------------------------------------------------------------------------------

def run(args: argparse.Namespace) -> int:
    today = today_from(args)
    handbook = Handbook.open(args.config)
    site = handbook.build(today)
    index = PageIndex(site.records.values())
    parent = (resolve_page(index, handbook, args.parent, "--parent", "--parent {path}")
              if args.parent else None)
    parent_path = parent.path if parent else None
    if (same := same_title(site, parent_path, args.title)) is not None:
        raise Refused(f"already has the title '{site.records[same].title}' "
                      f"{where(site, parent_path)}; give the new page a title of its own",
                      handbook.shown(same))
    path = new_page_path(handbook, site, args, parent_path)
    placement = plan_placement(site, parent_path)
    owner = args.owner or (parent.owner if parent else None)
    missing = [what for what, given in (("a one-sentence `description:`", args.description),
                                        ("two to four `tags:`", args.tags)) if not given]
    front = {
        "title": args.title,
        "parent": None,  # decided by first_working_text; keeps the keys in the documented order
        "grand_parent": None,
        "nav_order": placement.order,
        "description": args.description,
        "tags": args.tags,
        "owner": owner,
        "last_reviewed": today,
        "review_in": args.review_in or (parent.review_in if parent else None) or DEFAULT_REVIEW,
    }
    text = first_working_text(handbook, site, parent_ways(site, index, parent), front,
                              guidance(placement.where(site), missing), parent, path, today)
    write_new(handbook, path, text)
    out(handbook.shown(path))
    err(placement.listed(site))
    if not owner:
        err("note: the page has no owner; add `owner:` (the team that keeps it true) to its "
            "front matter, or pass --owner next time")
    if missing:
        err(f"note: add {' and '.join(missing)} before you open a pull request")
    if handbook.project.content_rules:
        err("note: this handbook asks for at least 300 words a page; `make check` (or "
            "`handbook check`) lists what the page still needs")
    if len(placement.numbered) < len(placement.siblings) and not placement.hidden:
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
    directory_urls = handbook.project.use_directory_urls
    address = dest_path(path, directory_urls)
    clash = next((p for p in site.records if dest_path(p, directory_urls) == address), None)
    if clash:
        raise Refused(f"would be published at the same address as {handbook.shown(clash)} "
                      f"({address}); pass another name with --file", handbook.shown(path))
    return path


def first_working_text(handbook: Handbook, site: HandbookSite, ways: list[dict[str, str]],
                       front: dict[str, Any], guidance_text: str, parent: PageRecord | None,
                       path: str, today: datetime.date) -> str:
    """The page's text with the first way of naming its parent that the nav resolves to that
    page without new problems. Each way is tried on an in-memory build, so what is written is
    known to work."""
    before = {problem.render() for problem in handbook.build(today, content_rules=False).problems}
    found: list[Problem] = []
    for way in ways:
        text = new_page_text({**front, **way}, guidance_text)
        trial = handbook.build(today, {**handbook.files.sources, path: text.encode("utf-8")},
                               content_rules=False)
        found = [p for p in trial.problems
                 if p.severity in FAILING and p.render() not in before]  # notes are the editor's
        if not found and trial.tree.parent_of.get(path) == (parent.path if parent else None):
            return text
    listing = "; ".join(p.render(handbook.prefix) for p in found) or "it would not be listed there"
    raise Refused(f"nothing was written: the new page would cause problems: {listing}")


def write_new(handbook: Handbook, path: str, text: str) -> None:
    """Write the page, refusing to replace a file that appeared meanwhile."""
    try:
        with open(handbook.project.docs_dir / path, "xb") as file:
            file.write(text.encode("utf-8"))
    except FileExistsError:
        raise Refused(_exists_message(path), handbook.shown(path)) from None
    except OSError as error:
        raise Refused(f"cannot be written ({error.strerror}); check that you may write to that "
                      "folder", handbook.shown(path)) from None


def _exists_message(path: str) -> str:
    stem = posixpath.splitext(posixpath.basename(path))[0]
    return f"already exists; pick another file name with --file, e.g. --file {stem}-2.md"
