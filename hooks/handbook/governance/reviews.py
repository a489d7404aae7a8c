"""Page governance: who owns each page, when it is next due for review, and what the build shows
about it (the page's facts, the overdue notice, the Review status page and `pages.json`)."""

from __future__ import annotations

import calendar
import datetime
import json
import os
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from handbook.problems import Problem, plural
from handbook.pages.schema import REVIEW_PERIOD, PageRecord

DEFAULT_REVIEW_IN = "6 months"  # used when a page has `last_reviewed` but no `review_in`
DUE_SOON_DAYS = 30
TODAY_VARIABLE = "HANDBOOK_TODAY"  # YYYY-MM-DD: judge reviews as of this date (tests, previews)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")

Status = Literal["overdue", "due-soon", "current", "unknown"]


@dataclass(frozen=True)
class Review:
    """One page's review facts as of `today`; `due` is None when the page has no `last_reviewed`."""

    owner: str | None
    last_reviewed: datetime.date | None
    review_in: str
    due: datetime.date | None
    status: Status
    days_left: int | None  # negative when overdue

    @property
    def overdue(self) -> bool:
        return self.status == "overdue"


def today(environ: Mapping[str, str] = os.environ) -> datetime.date:
    """The date reviews are judged against: $HANDBOOK_TODAY if set, else the build machine's date."""
    value = environ.get(TODAY_VARIABLE, "").strip()
    if value:
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{TODAY_VARIABLE}={value!r} is not a date; write it as YYYY-MM-DD") from None
    return datetime.date.today()


def add_period(start: datetime.date, period: str) -> datetime.date:
    """`start` plus `90 days`, `6 weeks`, `6 months` or `1 year`; month ends are clamped
    (31 August + 6 months is 28 or 29 February)."""
    match = REVIEW_PERIOD.match(period)
    if not match:
        raise ValueError(f"not a review period: {period!r}")
    count, unit = int(match.group(1)), match.group(2).lower()
    if unit == "day":
        return start + datetime.timedelta(days=count)
    if unit == "week":
        return start + datetime.timedelta(weeks=count)
    months = count * (12 if unit == "year" else 1)
    year, month = divmod(start.month - 1 + months, 12)
    year += start.year
    day = min(start.day, calendar.monthrange(year, month + 1)[1])
    return datetime.date(year, month + 1, day)


def due_date(start: datetime.date, period: str) -> datetime.date | None:
    """`add_period`, or None when the result is past 31 December 9999, the last date Python (and
    so the build) can represent."""
    try:
        return add_period(start, period)
    except (OverflowError, ValueError):
        return None


def review_of(record: PageRecord, on: datetime.date) -> Review:
    period = record.review_in or DEFAULT_REVIEW_IN
    due = due_date(record.last_reviewed, period) if record.last_reviewed else None
    if due is None:  # never reviewed, or a due date no calendar holds (reported by governance_problems)
        return Review(record.owner, record.last_reviewed, period, None, "unknown", None)
    days_left = (due - on).days
    status: Status = ("overdue" if days_left < 0 else
                      "due-soon" if days_left <= DUE_SOON_DAYS else "current")
    return Review(record.owner, record.last_reviewed, period, due, status, days_left)


def _missing_message(missing: tuple[str, ...]) -> str:
    # Never today's date: that would record a review that did not happen.
    example = {"owner": "owner: Platform product team",
               "last_reviewed": "last_reviewed: YYYY-MM-DD"}
    return (f"no {' and no '.join(missing)}: readers cannot tell who keeps this page true or when "
            f"it was last checked; add {' and '.join(f'`{example[k]}`' for k in missing)} to the "
            "front matter" + (" (the date of the page's last full review)"
                              if "last_reviewed" in missing else ""))


# The message for a page without an owner, a review date or both, by the keys missing: the same for
# every such page (most pages of a new handbook), so written once.
MISSING_MESSAGES = {missing: _missing_message(missing)
                    for missing in (("owner",), ("last_reviewed",), ("owner", "last_reviewed"))}


def governance_problems(record: PageRecord, on: datetime.date, required: bool = False
                        ) -> list[Problem]:
    """A review date in the future is a mistake (warning); a page without an owner or a review date
    is a note for the Review status page and `handbook check` (info: it does not fail the build),
    or an error where the handbook's content rules are on (`required`)."""
    problems = []
    if record.last_reviewed and record.last_reviewed > on:
        problems.append(Problem(
            record.path, record.line_of("last_reviewed"),
            f"last_reviewed {record.last_reviewed.isoformat()} is after today ({on.isoformat()}); "
            "set it to the date the page was actually reviewed", "warning"))
    period = record.review_in or DEFAULT_REVIEW_IN
    if record.last_reviewed and due_date(record.last_reviewed, period) is None:
        problems.append(Problem(
            record.path, record.line_of("review_in", "last_reviewed"),
            f"last_reviewed {record.last_reviewed.isoformat()} plus review_in '{period}' is after "
            "the year 9999, so the page can never fall due; use the date of the last real review "
            "and a period such as `6 months`", "error"))
    if record.owner is None or record.last_reviewed is None:
        missing = ((("owner",) if record.owner is None else ())
                   + (("last_reviewed",) if record.last_reviewed is None else ()))
        problems.append(Problem(record.path, None, MISSING_MESSAGES[missing],
                                "error" if required else "info"))
    if record.review_in and record.last_reviewed is None:
        problems.append(Problem(
            record.path, record.line_of("review_in"),
            "review_in has no effect without last_reviewed; add `last_reviewed: YYYY-MM-DD`", "info"))
    return problems


def long_date(value: datetime.date | str) -> str:
    """`1 March 2026` (from a date or `2026-03-01`), in English whatever the machine's locale."""
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value)
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def pages_json(records: Mapping[str, PageRecord], titles: Mapping[str, str],
               reviews: Mapping[str, Review], urls: Mapping[str, str],
               last_updated: Mapping[str, str]) -> str:
    """`pages.json`: one entry per page (a line each), sorted by path, for tools and dashboards.
    `last_updated` is left out for pages git knows nothing about (and outside git)."""
    entries = []
    for path in sorted(records):
        review = reviews[path]
        entry = {
            "title": titles[path],
            "url": urls.get(path, ""),
            "path": path,
            "owner": review.owner,
            "last_reviewed": review.last_reviewed.isoformat() if review.last_reviewed else None,
            "review_due": review.due.isoformat() if review.due else None,
            "overdue": review.overdue,
        }
        if path in last_updated:
            entry["last_updated"] = last_updated[path]
        entries.append(entry)
    lines = json_lines(entries)
    return f"[\n{lines}\n]\n" if lines else "[]\n"


def json_lines(entries: list[dict[str, Any]]) -> str:
    """The entries (mappings of texts, numbers, flags and None) in JSON, a line each, joined by
    ",\n". The C encoder, not json's Python one (indent= takes that, ten times slower), encodes
    the whole list once: it parts the entries with "}, {", which becomes a line break when that
    text occurs nowhere else (the count tells; a text may hold it), else each is encoded alone."""
    encode = json.JSONEncoder(ensure_ascii=False).encode
    inside = encode(entries)[1:-1]
    if inside.count("}, {") == len(entries) - 1:
        return inside.replace("}, {", "},\n{")
    return ",\n".join([encode(entry) for entry in entries])


def review_status_markdown(from_path: str, titles: Mapping[str, str],
                           reviews: Mapping[str, Review], on: datetime.date,
                           link: Callable[[str], str]) -> str:
    """The Review status page's generated part: overdue and due-soon pages grouped by owner, then
    pages nobody has reviewed. `link(path)` gives the Markdown link target from `from_path`."""
    def page_link(path: str) -> str:
        return f"[{markdown_text(titles[path])}]({link(path)})"

    def by_owner(status: Status) -> dict[str, list[str]]:
        groups: dict[str, list[str]] = defaultdict(list)
        for path, review in reviews.items():
            if review.status == status:
                groups[review.owner or "No owner"].append(path)
        return {owner: sorted(paths, key=lambda p: (reviews[p].due, p))
                for owner, paths in sorted(groups.items(), key=lambda g: g[0].casefold())}

    counts = defaultdict(int)
    for review in reviews.values():
        counts[review.status] += 1
    out = [f"As of {long_date(on)}: **{counts['overdue']} overdue**, {counts['due-soon']} due in the "
           f"next {DUE_SOON_DAYS} days, {counts['current']} up to date and {counts['unknown']} "
           "without a review date.", ""]
    for status, heading, none_text in (
            ("overdue", "Overdue", "No page is past its review date."),
            ("due-soon", f"Due in the next {DUE_SOON_DAYS} days", "No page falls due in this period.")):
        out += [f"## {heading}", ""]
        groups = by_owner(status)
        if not groups:
            out += [none_text, ""]
        for owner, paths in groups.items():
            out += [f"### {markdown_text(owner)}", "", "| Page | Last reviewed | Review due |",
                    "| --- | --- | --- |"]
            for path in paths:
                review = reviews[path]
                days = -review.days_left if status == "overdue" else review.days_left
                when = (f"{plural(days, 'day')} ago" if status == "overdue"
                        else "today" if days == 0 else f"in {plural(days, 'day')}")
                out.append(f"| {page_link(path)} | {long_date(review.last_reviewed)} | "
                           f"{long_date(review.due)} ({when}) |")
            out.append("")
    unknown = sorted(path for path, review in reviews.items() if review.status == "unknown")
    if unknown:
        out += ["## No review date", "",
                "These pages have no `last_reviewed` date, so nobody knows whether they are still "
                "true. Their owners (or the handbook editors) should review them and add one.", ""]
        out += [f"- {page_link(path)}" + (f" ({markdown_text(reviews[path].owner)})"
                                         if reviews[path].owner else " (no owner)")
                for path in unknown]
        out.append("")
    return "\n".join(out)


# Python-Markdown's backslash escapes (plus the tables extension's `|`); `<` and `&` as entities.
MARKDOWN_SPECIALS = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()#+-.!|>"}
                                  | {"&": "&amp;", "<": "&lt;"})


def markdown_text(text: str) -> str:
    """Front-matter text (a title, an owner) as literal Markdown: no markup, links or HTML."""
    return text.translate(MARKDOWN_SPECIALS)
