"""When each page last changed, from the repository's history: one `git log` for the whole docs
folder, not one per page."""

from __future__ import annotations

import subprocess


def last_commit_dates(folder: str) -> dict[str, str]:
    """{folder-relative path: YYYY-MM-DD of the newest commit touching it}. Empty outside a git
    work tree or without git: pages then simply show no "Last updated" date."""
    try:
        result = subprocess.run(
            ["git", "-c", "core.quotePath=off", "-C", folder, "log", "--format=%x00%cs",
             "--name-only", "--no-renames", "--relative", "--", "."],
            capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=60,
            check=False)
    except (OSError, subprocess.SubprocessError):
        return {}
    if result.returncode != 0:
        return {}
    dates: dict[str, str] = {}
    date = ""
    for line in result.stdout.splitlines():
        if line.startswith("\0"):
            date = line[1:]
        elif line and line not in dates:  # newest first: the first date seen for a path wins
            dates[line] = date
    return dates
