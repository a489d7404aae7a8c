"""The handbook's files at a git revision, read from git's object store without a checkout.

`git ls-tree` lists the docs folder at the revision and one `git cat-file --batch` process reads
every blob, so comparing with `main` costs two git calls whatever the number of pages.
"""

from __future__ import annotations

import os
import posixpath
import subprocess
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from handbook.pages.address import dest_path, from_page, is_page
from handbook.problems import Problem

DEFAULT_BRANCHES = ("main", "origin/main")  # a clone made by CI has only the remote branch
SYMLINK, SUBMODULE = "120000", "160000"
MAX_LINK_HOPS = 8


class GitError(Exception):
    """git cannot give what the comparison needs; the message says what to do instead."""


@dataclass(frozen=True)
class DocsAtRevision:
    """What MkDocs would publish from the docs folder at a revision (as `project.read_docs`)."""

    sources: dict[str, bytes]
    assets: set[str]
    problems: tuple[Problem, ...]


def git(root: Path, args: Sequence[str], stdin: bytes | None = None) -> bytes:
    """Run git in `root` and return its output; a failure is a GitError with git's own words."""
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    try:
        done = subprocess.run(["git", *args], cwd=root, input=stdin, capture_output=True,
                              env=env, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed; install git (the comparison reads the handbook's "
                       "history)") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(said[-1] if said else f"git {args[0]} failed")
    return done.stdout


def repository_root(folder: Path) -> Path:
    try:
        out = git(folder, ["rev-parse", "--show-toplevel"])
    except GitError:
        raise GitError(f"{folder} is not inside a git repository; `handbook diff` compares the "
                       "handbook with an earlier commit, so run it in a clone") from None
    return Path(out.decode("utf-8", "surrogateescape").strip())


def commit_of(root: Path, revision: str) -> str:
    """The commit a revision names (a branch, tag, `HEAD~2`, a hash)."""
    if not revision.strip() or revision.startswith("-"):
        raise GitError(f"'{revision}' is not a revision; name a branch, tag or commit, "
                       "e.g. `handbook diff origin/main`")
    try:
        out = git(root, ["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"])
    except GitError:
        raise GitError(f"'{revision}' is not a commit in this repository; name a branch, tag or "
                       "commit (`git log --oneline` lists them), and fetch it first if it is only "
                       "on the remote (e.g. `git fetch origin main`)") from None
    return out.decode().strip()


def merge_base_with_main(root: Path) -> tuple[str, str]:
    """The commit where the current branch left `main` (or `origin/main`), and that branch."""
    for branch in DEFAULT_BRANCHES:
        try:
            commit_of(root, branch)
        except GitError:
            continue
        try:
            out = git(root, ["merge-base", "HEAD", branch])
        except GitError:
            raise GitError(f"HEAD and {branch} have no commit in common (a shallow clone?); fetch "
                           "the whole history (`git fetch --unshallow`) or name the revision to "
                           "compare with, e.g. `handbook diff HEAD~1`") from None
        return out.decode().strip(), branch
    raise GitError("there is no branch 'main' (nor 'origin/main') to compare with; name the "
                   "revision to compare with, e.g. `handbook diff HEAD~1` or "
                   "`handbook diff origin/trunk`")


def read_blobs(root: Path, objects: Iterable[str]) -> dict[str, bytes]:
    """Each object's content, by object id, from one `git cat-file --batch`."""
    wanted = sorted(set(objects))
    if not wanted:
        return {}
    out = git(root, ["cat-file", "--batch"], stdin="".join(f"{o}\n" for o in wanted).encode())
    blobs: dict[str, bytes] = {}
    position = 0
    for _ in wanted:
        header_end = out.index(b"\n", position)
        oid, kind, size = out[position:header_end].decode().split(" ")
        start = header_end + 1
        blobs[oid] = out[start:start + int(size)]
        position = start + int(size) + 1  # the content is followed by a newline
        if kind != "blob":
            raise GitError(f"object {oid} is a {kind}, not a file")
    return blobs


def read_file(root: Path, commit: str, path: str) -> bytes | None:
    """One file at a commit (a repository-relative path), or None when it is not there."""
    listing = git(root, ["ls-tree", "-z", commit, "--", path])
    for entry in listing.split(b"\0"):
        if entry:
            meta, _, _ = entry.partition(b"\t")
            mode, kind, oid = meta.decode().split(" ")
            if kind == "blob" and mode != SYMLINK:
                return read_blobs(root, [oid])[oid]
    return None


def read_docs_at(root: Path, commit: str, docs_folder: str,
                 excluded: Callable[[str], bool], use_directory_urls: bool) -> DocsAtRevision:
    """The docs folder (`docs_folder`, relative to the repository root) at `commit`: page bytes,
    other files and address clashes, with the exclusions the working tree's mkdocs.yml sets."""
    prefix = docs_folder.strip("/") + "/" if docs_folder.strip("/") else ""
    listing = git(root, ["ls-tree", "-r", "-z", "--full-tree", commit, "--",
                         *([prefix] if prefix else [])])
    files: dict[str, str] = {}  # docs-relative path: object id
    links: dict[str, str] = {}
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        meta, _, name = entry.partition(b"\t")
        mode, kind, oid = meta.decode().split(" ")
        path = name.decode("utf-8", "surrogateescape")[len(prefix):]
        if kind != "blob" or mode == SUBMODULE:
            continue
        (links if mode == SYMLINK else files)[path] = oid
    blobs = read_blobs(root, [*files.values(), *links.values()])
    for path, oid in links.items():  # MkDocs follows links; one that leaves the folder is skipped
        target = _link_target(path, links, blobs, files)
        if target is not None:
            files[path] = files[target]
    kept, problems = published(sorted(p for p in files if not excluded(p)), use_directory_urls)
    sources = {path: blobs[files[path]] for path in kept if is_page(path)}
    assets = {path for path in kept if not is_page(path)}
    return DocsAtRevision(sources, assets, tuple(problems))


def _link_target(path: str, links: dict[str, str], blobs: dict[str, bytes],
                 files: dict[str, str]) -> str | None:
    for _ in range(MAX_LINK_HOPS):
        target = blobs[links[path]].decode("utf-8", "surrogateescape")
        path = from_page(path, target)
        if path in files:
            return path
        if path not in links:
            return None
    return None


def walk_order(path: str) -> tuple[tuple[int, int, str], ...]:
    """MkDocs' order of files (os.walk: a folder's files, index and README first, then its
    subfolders), which decides which of two clashing files it keeps."""
    *folders, name = path.split("/")
    stem = posixpath.splitext(name)[0]
    return (*((1, 0, folder) for folder in folders), (0, stem not in ("index", "README"), name))


def published(paths: list[str], use_directory_urls: bool) -> tuple[list[str], list[Problem]]:
    """The files MkDocs keeps when two are published at one address, and a problem for each it
    leaves out (the same rule and message as `project.walk_docs`)."""
    by_address: dict[str, str] = {}
    dropped: set[str] = set()
    problems = []
    for path in sorted(paths, key=walk_order):
        address = dest_path(path, use_directory_urls)
        earlier = by_address.get(address)
        if earlier is not None:
            dropped.add(earlier)
            problems.append(Problem(
                earlier, None,
                f"is left out of the site because {path} is published at the same address "
                f"({address}); rename or delete one of them", "warning"))
        by_address[address] = path
    return sorted(p for p in paths if p not in dropped), problems
