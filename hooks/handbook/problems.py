"""A problem found in an editor's page: where it is, what is wrong and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, order=True)
class Problem:
    """One problem with one page. `line` is 1-based, or None when no line applies."""

    path: str
    line: int | None
    message: str
    severity: Literal["error", "warning", "info"] = "error"

    def render(self, docs_prefix: str = "docs/") -> str:
        """`docs/internal/x.md:3: <message>`, the form editors and their editors can jump to."""
        where = f"{docs_prefix}{self.path}"
        if self.line is not None:
            where += f":{self.line}"
        return f"{where}: {self.message}"


def sorted_problems(problems: list[Problem]) -> list[Problem]:
    """Problems in a stable order: by file, then line, then text."""
    return sorted(problems, key=lambda p: (p.path, p.line or 0, p.message))


def plural(count: int, word: str) -> str:
    """`1 page`, `3 pages`: counts in messages."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
