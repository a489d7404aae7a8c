"""Symbolic links in the docs folder: none may lead outside it, lead nowhere, or loop (and no pipe or
device may sit among the files).

MkDocs follows links when it walks docs/, so a link to `/etc/passwd` is published and a link to a
folder above it makes the walk repeat itself until paths grow too long. This walk does not follow
links; it runs before MkDocs' own (in `on_pre_build`) and before the command line reads the pages,
and what is reached through a bad link is left out of the build.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Collection
from pathlib import Path

from handbook.problems import Problem

FIX = "copy the file into docs/ instead of linking to it, or delete the link"


def link_problems(docs_dir: Path | str) -> list[Problem]:
    """One problem per bad link (one per loop of links), by docs-relative path, sorted."""
    root = Path(os.path.realpath(docs_dir))
    problems: list[Problem] = []
    looped: set[str] = set()
    for folder, subfolders, names in os.walk(docs_dir, followlinks=False):
        subfolders.sort()
        files = set(names)
        for name in sorted(subfolders + names):
            # One lstat per entry, and paths built only for the few entries with a problem.
            mode = _mode(os.path.join(folder, name))
            if not stat.S_ISLNK(mode):
                if name in files and not stat.S_ISREG(mode):
                    problems.append(Problem(_relative(folder, name, docs_dir), None,
                                            "is not a regular file (a pipe, socket or device), "
                                            "which would stall the build; delete it"))
                continue
            problem = _link_problem(Path(folder, name), _relative(folder, name, docs_dir), root,
                                    looped)
            if problem:
                problems.append(problem)
    return sorted(problems)


# What Path.is_symlink() takes for "not a link" instead of raising.
_GONE = frozenset({errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP})


def _mode(path: str) -> int:
    """The entry's own mode (not following a link); a regular file's for an entry gone since
    the walk listed it, which is neither a link nor anything to warn about."""
    try:
        return os.lstat(path).st_mode
    except OSError as err:
        if err.errno not in _GONE:
            raise
        return stat.S_IFREG


def _relative(folder: str, name: str, docs_dir: Path | str) -> str:
    return Path(folder, name).relative_to(docs_dir).as_posix()


def behind_links(path: str, links: Collection[str]) -> bool:
    """Whether the docs-relative `path` is one of `links` or reached through one (a folder link)."""
    # A plain loop, not any() over a generator: on_files asks this of every file, and most docs
    # folders have no links at all.
    for link in links:
        if path == link or path.startswith(link + "/"):
            return True
    return False


def _link_problem(link: Path, rel: str, root: Path, looped: set[str]) -> Problem | None:
    target = os.readlink(link)
    try:
        os.stat(link)
    except OSError as err:
        if err.errno != errno.ELOOP:
            return Problem(rel, None, f"is a symbolic link to '{target}', which does not exist; "
                                      f"{FIX}")
        if rel in looped:
            return None  # already named as part of an earlier link's loop
        chain = _loop_of(link, root)
        looped.update(chain)
        return Problem(rel, None, "is a loop of symbolic links (" + " -> ".join(chain + chain[:1])
                       + f") that leads to no file; {FIX}")
    resolved = Path(os.path.realpath(link))
    if resolved != root and root not in resolved.parents:
        return Problem(rel, None, f"is a symbolic link to '{target}' ({resolved}), outside the docs "
                                  f"folder, so it is not published; {FIX}")
    if resolved.is_dir() and (resolved == link.parent.resolve() or resolved in link.parent.resolve().parents):
        return Problem(rel, None, f"is a symbolic link to '{target}', a folder that holds the link "
                                  "itself, so the docs folder would repeat inside itself forever; "
                                  "delete the link")
    return None


def _loop_of(link: Path, root: Path) -> list[str]:
    """The docs-relative links of the loop `link` runs into, in the order they are followed."""
    seen: list[Path] = []
    current = Path(os.path.abspath(link))
    while current.is_symlink() and current not in seen and len(seen) < 100:
        seen.append(current)
        current = Path(os.path.abspath(current.parent / os.readlink(current)))
    start = seen.index(current) if current in seen else 0
    return [_shown(path, root) for path in seen[start:]]


def _shown(path: Path, root: Path) -> str:
    try:
        return Path(os.path.realpath(path.parent)).joinpath(path.name).relative_to(root).as_posix()
    except ValueError:
        return str(path)
