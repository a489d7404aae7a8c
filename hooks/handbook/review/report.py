"""The review report: a `HandbookDiff` as GitHub-flavoured Markdown for a pull request's job
summary and comment, most urgent first, with every piece of page text escaped (markup.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from handbook.governance.reviews import Review, long_date
from handbook.pages.address import dest_path
from handbook.problems import Problem, plural
from handbook.review.diff import NEEDS_EYE, Button, HandbookDiff
from handbook.review.markup import code, one_line, text
from handbook.review.pages import NavPlace

MARKER = "<!-- handbook-diff: the report of `handbook diff`, updated in place -->"
COMMENT_LIMIT = 65_536  # GitHub refuses a longer comment body (characters)
SUMMARY_LIMIT = 1_024 * 1_024  # and a longer job summary (bytes)
ARTIFACT = "site-preview"


@dataclass(frozen=True)
class ReportContext:
    """What the report says about where it comes from and where to look further."""

    base: str  # how the base revision was named, e.g. "origin/main"
    merge_base: bool = False  # True: the base is where the branch left `base`
    commit: str = ""  # the base commit's short hash
    docs_prefix: str = "docs/"  # the docs folder from the repository root
    run_url: str | None = None  # the CI run: its job summary and its site-preview artifact
    use_directory_urls: bool = True
    codeowners: str | None = ".github/CODEOWNERS"  # where the teams come from (None: no file)


def render(diff: HandbookDiff, context: ReportContext) -> str:
    """The whole report (the job summary); `comment` cuts it to a comment's size."""
    sections: list[Callable[[HandbookDiff, ReportContext], list[str]]] = [
        problems_section, addresses_section, nav_section, reading_order_section,
        owners_section, reviews_section, preview_section]
    lines = ["## What this pull request changes in the handbook", "", *headline(diff, context)]
    for section in sections:
        part = section(diff, context)
        if part:
            lines += ["", *part]
    return "\n".join(lines) + "\n"


def headline(diff: HandbookDiff, context: ReportContext) -> list[str]:
    base = ("the merge base with " if context.merge_base else "") + code(context.base)
    base += f" ({code(context.commit)})" if context.commit else ""
    counts = [f"{plural(n, 'page')} {done}" for n, done in (
        (diff.edited, "edited"), (len(diff.added), "added"), (len(diff.removed), "removed"))
        if n] + ([plural(len(diff.renamed), "file") + " renamed"] if diff.renamed else [])
    what = ", ".join(counts) if counts else "no page changes"
    lines = [f"Compared with {base}: {what}."]
    if diff.needs_review:
        lines += ["", "**Needs a reviewer's eye:** " + "; ".join(attention(diff)) + "."]
    else:
        lines += ["", ("Nothing here needs a reviewer's eye beyond the text itself: the nav, the "
                       "addresses and the list of problems stay as they were.")]
    return lines


def attention(diff: HandbookDiff) -> list[str]:
    new = [p for p in diff.new_problems if p.severity in NEEDS_EYE]
    found = [(new, "new problem", "new problems"),
             (diff.lost_addresses, "address that stops working", "addresses that stop working"),
             (diff.added, "page added", "pages added"),
             (diff.removed, "page removed", "pages removed"),
             (diff.renamed, "file renamed", "files renamed"),
             (diff.moved, "page moved in the nav", "pages moved in the nav"),
             (diff.retitled, "page retitled", "pages retitled"),
             (diff.buttons, "page with another Previous or Next button",
              "pages with another Previous or Next button"),
             (diff.owners, "page changing hands", "pages changing hands")]
    return [f"{len(items)} {one if len(items) == 1 else many}"
            for items, one, many in found if items]


def problems_section(diff: HandbookDiff, context: ReportContext) -> list[str]:
    """Problems that fail the strict build, new then fixed, each in full; then the notes (info:
    they do not fail it): the new ones in full, the ones that go away counted."""
    lines: list[str] = []
    for found, heading in ((diff.new_problems, "Problems this change brings"),
                           (diff.fixed_problems, "Problems this change fixes")):
        failing = [p for p in found if p.severity in NEEDS_EYE]
        if failing:
            lines += [f"### {heading} ({len(failing)})", "",
                      *(problem_line(p, context) for p in failing), ""]
    new_notes = [p for p in diff.new_problems if p.severity not in NEEDS_EYE]
    gone = sum(1 for p in diff.fixed_problems if p.severity not in NEEDS_EYE)
    if new_notes or gone:
        lines += ["### Notes (they do not fail the build)", ""]
        lines += [problem_line(p, context) for p in new_notes]
        if gone:
            went = "note of the base version goes" if gone == 1 else "notes of the base version go"
            lines += [""] * bool(new_notes) + [f"{gone} {went} away."]
        lines.append("")
    return lines[:-1]


def problem_line(problem: Problem, context: ReportContext) -> str:
    where = context.docs_prefix + problem.path
    if problem.line is not None:
        where += f":{problem.line}"
    severity = {"error": "", "warning": " (warning)"}.get(problem.severity, "")
    return f"- {code(where)}{severity}: {text(problem.message)}"


def addresses_section(diff: HandbookDiff, context: ReportContext) -> list[str]:
    if not diff.addresses:
        return []
    lines = [f"### Addresses that change ({len(diff.addresses)})", "",
             "Links from elsewhere (bookmarks, other sites, search engines) use these addresses."]
    for change in diff.addresses:
        now = (f"the page moves to {code(change.after)}" if change.after else "the page is gone")
        if change.kept_by is None:
            fix = (f"**readers of the old address get \"page not found\"**; add "
                   f"{code('redirect_from: ' + change.before)} to the front matter of "
                   + (f"{code(context.docs_prefix + forward_path(diff, change.path))}"
                      if change.after else "the page that replaces it"))
        elif change.redirect:
            fix = (f"the old address still works: the `redirect_from` of "
                   f"{code(context.docs_prefix + change.kept_by)} sends readers on")
        else:
            fix = f"the old address now shows {code(context.docs_prefix + change.kept_by)}"
        lines.append(f"- {code(change.before)} (**{text(change.title)}**): {now}; {fix}")
    return lines


def forward_path(diff: HandbookDiff, path: str) -> str:
    return dict(diff.renamed).get(path, path)


def nav_section(diff: HandbookDiff, context: ReportContext) -> list[str]:
    prefix = context.docs_prefix
    parts: list[tuple[str, list[str]]] = [
        ("Pages added", [f"- **{text(p.title)}** ({code(prefix + p.path)}): {place(p.place)}"
                         + (f"; owner: {text(p.owner)}" if p.owner else "; no owner")
                         for p in diff.added]),
        ("Pages removed", [f"- **{text(p.title)}** ({code(prefix + p.path)}), was "
                           f"{place(p.place)}" for p in diff.removed]),
        ("Files renamed", [f"- {code(prefix + old)} → {code(prefix + new)}"
                           for old, new in diff.renamed]),
        ("Pages moved in the nav", [f"- **{text(m.title)}** ({code(prefix + m.path)}): "
                                    f"{place(m.before)} → {place(m.after)}" for m in diff.moved]),
        ("Pages retitled", [f"- {code(prefix + r.path)}: **{text(r.before)}** → "
                            f"**{text(r.after)}**" for r in diff.retitled]),
    ]
    lines: list[str] = []
    for heading, items in parts:
        if items:
            lines += [f"### {heading} ({len(items)})", "", *items, ""]
    return lines[:-1]


def place(where: NavPlace) -> str:
    if not where.listed:
        trail = f" (under {' › '.join(text(t) for t in where.trail)})" if where.trail else ""
        return "not in the nav" + trail
    parent = ("under " + " › ".join(text(t) for t in where.trail) if where.trail
              else "at the top level")
    return f"{parent} ({ordinal(where.position)} of {where.count})"


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def reading_order_section(diff: HandbookDiff, context: ReportContext) -> list[str]:
    if not diff.buttons:
        return []
    verb = "gets" if len(diff.buttons) == 1 else "get"
    lines = ["### Reading order", "",
             (f"{plural(len(diff.buttons), 'page')} in the nav {verb} another Previous or Next "
              "button (in reading order):")]
    for change in diff.buttons:
        said = []
        for label, then, now in zip(("Previous", "Next"), change.before, change.after,
                                    strict=True):
            if then != now:
                # Two pages with one title: name their files.
                files = context.docs_prefix if then.text == now.text else None
                said.append(f"{label}: {button(then, files)} → {button(now, files)}")
        lines.append(f"- **{text(change.title)}**: " + "; ".join(said))
    return lines


def button(value: Button, files: str | None = None) -> str:
    """A button's text, with its page's file (after the docs prefix `files`) when asked."""
    if not value.path:
        return "none"
    shown = f"**{text(value.text)}**"
    if value.label:
        shown += f" (opens **{text(value.title)}**)"
    return shown + (f" ({code(files + value.path)})" if files is not None else "")


def owners_section(diff: HandbookDiff, context: ReportContext) -> list[str]:
    if not diff.approvals and not diff.owners:
        return []
    lines = ["### Owners who must approve", ""]
    if context.codeowners is None:
        lines.append("No CODEOWNERS file at the base revision, so GitHub asks no team.")
    for approval in diff.approvals:
        pages = ", ".join(code(context.docs_prefix + p) for p in approval.pages)
        if not approval.team:
            if context.codeowners is not None:
                lines.append(f"- no CODEOWNERS rule names a team for {pages}")
            continue
        owners = f" ({', '.join(text(o) for o in approval.owners)})" if approval.owners else ""
        lines.append(f"- {code(approval.team)}{owners}: {pages}")
    for change in diff.owners:
        lines.append(f"- **{text(change.title)}**: owner {owner(change.before)} → "
                     f"{owner(change.after)}; check that CODEOWNERS names the new owner's team")
    return lines


def owner(value: object) -> str:
    return f"**{text(value)}**" if value else "none"


def reviews_section(diff: HandbookDiff, context: ReportContext) -> list[str]:
    if not diff.reviews:
        return []
    lines = [f"### Review dates ({len(diff.reviews)})", ""]
    for change in diff.reviews:
        then, now = cast(Review, change.before), cast(Review, change.after)
        lines.append(f"- **{text(change.title)}**: last reviewed {day(then.last_reviewed)} → "
                     f"{day(now.last_reviewed)}; review every {text(then.review_in)}"
                     + ("" if then.review_in == now.review_in else f" → {text(now.review_in)}")
                     + f"; next review due {day(then.due)} → {day(now.due)}")
    return lines


def day(value: object) -> str:
    return long_date(value) if value else "never"  # type: ignore[arg-type]


def preview_section(diff: HandbookDiff, context: ReportContext) -> list[str]:
    if not diff.changed:
        return []
    where = (f"the [{ARTIFACT} artifact of this run]({link(context.run_url)})" if context.run_url
             else f"the {code(ARTIFACT)} artifact")
    serve = code("python3 -m http.server -d site-preview")
    lines = ["### The changed pages in the preview", "",
             (f"Download {where}, unzip it, run {serve} and open these pages (their files "
              "inside the artifact):"), ""]
    for page in diff.changed:
        built = dest_path(page.path, context.use_directory_urls)
        address = built.removesuffix("index.html")
        lines.append(f"- **{text(page.title)}** ({code(context.docs_prefix + page.path)}): "
                     f"{code(built)}, {code('http://localhost:8000/' + address)}")
    return lines


def link(url: str) -> str:
    """A link destination that stays one whatever the URL holds (spaces, parentheses)."""
    return "<" + one_line(url).replace("<", "%3C").replace(">", "%3E") + ">"


def comment(report: str, summary_url: str | None, limit: int = COMMENT_LIMIT) -> str:
    """The pull-request comment: the hidden marker that finds it again, then the report, cut with
    a pointer to the job summary when it is longer than GitHub takes (counted in characters)."""
    where = (f"[the job summary]({link(summary_url)})" if summary_url
             else "the job summary of the run")
    pointer = (f"\n\n**The report is cut here**: it is longer than a comment can be "
               f"({limit:,} characters). Read all of it in {where}.\n")
    return cut(f"{MARKER}\n{report}", limit, pointer, len)


def summary(report: str, limit: int = SUMMARY_LIMIT) -> str:
    """The job summary: the report, cut (in bytes, as GitHub counts there) when it is too long."""
    pointer = ("\n\n**The report is cut here**: it is longer than a job summary can be "
               f"({limit:,} bytes). Run `handbook diff` in a clone of the branch to read all "
               "of it.\n")
    return cut(report, limit, pointer, lambda part: len(part.encode("utf-8", "replace")))


def cut(text: str, limit: int, pointer: str, size: Callable[[str], int]) -> str:
    """`text` if it fits in `limit`, else its longest run of whole lines that fits with `pointer`
    after it (never a line cut in two: an item's markup stays whole)."""
    if size(text) <= limit:
        return text
    room = limit - size(pointer)
    end = room
    while size(text[:end]) > room:  # characters that take several bytes
        end -= size(text[:end]) - room
    line_end = text.rfind("\n", 0, end)
    return text[: line_end if line_end > 0 else end] + pointer
