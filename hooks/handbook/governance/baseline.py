"""What the docs folder looked like where this branch left `main` (git's merge base), so messages can
name the real cause: the page that was removed or renamed, the file this change touched.

A handful of git commands per build; outside a git work tree, without git or without a `main`
branch there is no baseline and messages simply say less.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field

from handbook.pages.frontmatter import read_page
from handbook.pages.schema import validate

MAIN_BRANCHES = ("main", "origin/main")
PAGE_SUFFIXES = (".md", ".markdown")


@dataclass(frozen=True)
class Baseline:
    """The docs folder at the merge base with main, as far as messages need it (docs-relative)."""

    pages: frozenset[str]  # every page that existed there
    changed: frozenset[str] = frozenset()  # pages added or edited since (committed or not)
    renamed: Mapping[str, str] = field(default_factory=dict)  # old path -> new path
    # Titles pages had there, by title, for the pages removed, renamed or edited since: where a
    # parent that names no page got its title from.
    old_titles: Mapping[str, str] = field(default_factory=dict)


def _git(docs_dir: str, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", "-c", "core.quotePath=off", "-C", docs_dir, *args],
                                capture_output=True, text=True, encoding="utf-8",
                                errors="replace", timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def read_baseline(docs_dir: str, current: Mapping[str, object]) -> Baseline | None:
    """The baseline of the docs folder `docs_dir`, whose pages are now `current` (by path)."""
    # First whether docs_dir is in a work tree at all: outside one, one git command instead of three.
    prefix = _git(docs_dir, "rev-parse", "--show-prefix")
    if prefix is None:
        return None
    base = next((out.strip() for branch in MAIN_BRANCHES
                 if (out := _git(docs_dir, "merge-base", "HEAD", branch))), None)
    if not base:
        return None
    prefix = prefix.strip()
    listed = _git(docs_dir, "ls-tree", "-r", "--name-only", "--full-name", base, "--", ".")
    status = _git(docs_dir, "diff", "-M", "--name-status", "--relative", base, "--", ".")
    untracked = _git(docs_dir, "ls-files", "--others", "--exclude-standard", "--", ".")
    if listed is None or status is None:
        return None
    pages = frozenset(path[len(prefix):] for path in listed.splitlines()
                      if path.startswith(prefix) and path.endswith(PAGE_SUFFIXES)
                      and not _left_out(path[len(prefix):]))
    changed, renamed = set((untracked or "").splitlines()), {}
    for line in status.splitlines():
        parts = line.split("\t")
        if parts[0].startswith("R") and len(parts) == 3:
            renamed[parts[1]] = parts[2]
            changed.add(parts[2])
        elif len(parts) == 2 and not parts[0].startswith("D"):
            changed.add(parts[1])
    old_titles = {}
    for path in sorted((pages - set(current)) | (pages & changed) | set(renamed)):
        shown = _git(docs_dir, "show", f"{base}:{prefix}{path}")
        if shown is not None:
            record, _ = validate(read_page(shown.encode("utf-8"), path)[0])
            old_titles.setdefault(record.title, path)
    return Baseline(pages, frozenset(p for p in changed if p.endswith(PAGE_SUFFIXES)),
                    renamed, old_titles)


def _left_out(path: str) -> bool:
    """Files MkDocs (and Jekyll) never publish: in a folder or with a name starting with a dot or
    an underscore, such as the shared abbreviations in docs/.snippets/."""
    return any(part.startswith((".", "_")) for part in path.split("/"))
