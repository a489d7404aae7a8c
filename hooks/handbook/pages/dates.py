"""Dates editors write in other forms (`02/11/2026`, `2 November 2026`), read as the ISO dates they
may mean, so a message can offer the exact line to write instead of a guess such as today's date.

The handbook is British: a date written with numbers only is read day first; when the other reading
is a real date too, both are offered.
"""

from __future__ import annotations

import datetime
import re

NUMERIC = re.compile(r"^\s*(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})\s*$")
WORDED = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y",
          "%d %B, %Y", "%A %d %B %Y", "%A, %d %B %Y")


def _date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def readings(text: str) -> list[tuple[datetime.date, str]]:
    """The dates `text` can mean, most likely first, each with how it was read."""
    match = NUMERIC.match(text)
    if match:
        a, b, c = (int(part) for part in match.groups())
        if len(match.group(1)) == 4:  # 2026/11/02: year first, then month and day
            found = _date(a, b, c)
            return [(found, "year, month, day")] if found else []
        year = c + 2000 if len(match.group(3)) == 2 else c
        found = []
        for day, month, how in ((a, b, "day first, as in Britain"),
                                (b, a, "month first, as in the United States")):
            date = _date(year, month, day)
            if date and date not in [d for d, _ in found]:
                found.append((date, how))
        return found
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", " ".join(text.split()))
    for form in WORDED:
        try:
            return [(datetime.datetime.strptime(cleaned, form).date(), "in words")]
        except ValueError:
            continue
    return []


def iso_advice(key: str, text: str) -> str | None:
    """How to write `text` (a date in another form) as the YYYY-MM-DD line for `key`, or None."""
    found = readings(text)
    if not found:
        return _impossible(text)
    first, how = found[0]
    if len(found) == 1:
        return f"write it `{key}: {first.isoformat()}` ({first:%-d %B %Y})"
    other, other_how = found[1]
    return (f"'{text.strip()}' can be read two ways: {first:%-d %B %Y} ({how}) is "
            f"`{key}: {first.isoformat()}`; {other:%-d %B %Y} ({other_how}) is "
            f"`{key}: {other.isoformat()}`")


def _impossible(text: str) -> str | None:
    """For `2026-11-31`: the day that does not exist, so the editor checks their notes."""
    match = NUMERIC.match(text)
    if not match or len(match.group(1)) != 4:
        return None
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        return f"there is no month {month}; write the date of the review as YYYY-MM-DD"
    return (f"there is no day {day} in {datetime.date(year, month, 1):%B %Y}; write the date of "
            "the review as YYYY-MM-DD")
