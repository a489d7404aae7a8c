"""A problem found in an editor's page: where it is, what is wrong and how to fix it."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

# GitHub's workflow commands for annotations, by severity: they show on the pull request's lines.
ANNOTATION = {"error": "error", "warning": "warning", "info": "notice"}


@dataclass(frozen=True, order=True)
class Problem:
    """One problem, shown at one page. `line` is 1-based, or None when no line applies. `also` are
    the other pages the same problem is about, which the message names (several pages whose
    `parent` names one missing title: one cause, one fix, one message)."""

    path: str
    line: int | None
    message: str
    severity: Literal["error", "warning", "info"] = "error"
    also: tuple[str, ...] = ()

    @property
    def pages(self) -> tuple[str, ...]:
        """Every page the problem is about, the one it is shown at first."""
        return (self.path, *self.also)

    def render(self, docs_prefix: str = "docs/") -> str:
        """`docs/internal/x.md:3: <message>`, the form editors and their editors can jump to."""
        where = f"{docs_prefix}{self.path}"
        if self.line is not None:
            where += f":{self.line}"
        return f"{where}: {self.message}"

    def annotation(self, docs_prefix: str = "docs/") -> str:
        """`::error file=docs/x.md,line=3::<message>`: a GitHub annotation on the file's line."""
        where = f"file={_escape(docs_prefix + self.path, True)}"
        if self.line is not None:
            where += f",line={self.line}"
        return f"::{ANNOTATION[self.severity]} {where}::{_escape(self.message, False)}"


def _escape(text: str, is_property: bool) -> str:
    # GitHub's escaping rules for workflow commands (actions/toolkit, command.ts).
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if is_property else text


def in_github_actions(environ: Mapping[str, str] | None = None) -> bool:
    """True in a GitHub Actions job, which sets GITHUB_ACTIONS=true."""
    return (os.environ if environ is None else environ).get("GITHUB_ACTIONS") == "true"


def annotations(problems: Iterable[Problem], docs_prefix: str = "docs/") -> list[str]:
    """The problems as GitHub annotations when running in GitHub Actions, else nothing."""
    return [p.annotation(docs_prefix) for p in problems] if in_github_actions() else []


def sorted_problems(problems: list[Problem]) -> list[Problem]:
    """Problems in a stable order: by file, then line, then text."""
    return sorted(problems, key=lambda p: (p.path, p.line or 0, p.message))


def plural(count: int, word: str) -> str:
    """`1 page`, `3 pages`: counts in messages."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
