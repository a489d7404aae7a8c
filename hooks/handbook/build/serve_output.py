"""What `mkdocs serve` writes to its site folder: only the pages whose HTML changed.

MkDocs empties the site folder before every build and writes every page again: at a thousand pages
that is a thousand folders made and a thousand files written, most of the time a rebuild takes once
the pages themselves come from the cache (serve_cache.py). Under `serve` only, `ServedSite` keeps
the previous build's files instead, and ends each build with exactly the files a clean build would
have:

1. before MkDocs cleans the folder, the previous build's files are moved into a hidden folder
   inside it (MkDocs' cleaning leaves names that start with a dot alone) and, right after the
   cleaning (the first `on_files`, before any plugin writes), moved back;
2. a page whose final HTML is the HTML the previous build wrote to the same file is not written
   again (its file is already there);
3. after the build, every file the build did not write is deleted: a file is known to be the
   previous build's own by its size, modification time and inode, recorded after that build, and
   unless it is a page kept in step 2 it is one this build no longer has (a page deleted or
   renamed, a redirect, an image).

When there is no record of the previous build (the first build, or one after a failed build) the
previous files are moved aside and deleted, and every page is written, as MkDocs would.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile


PREVIOUS = ".handbook-previous"

Stat = tuple[int, int, int]  # modification time (ns), size, inode


def _stat(path: str) -> Stat | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_mtime_ns, found.st_size, found.st_ino


class ServedSite:
    """The site folder of one `mkdocs serve` process, across its builds."""

    def __init__(self) -> None:
        self.site_dir: str | None = None
        self.files: dict[str, Stat] | None = None  # the last finished build's files, by path
        # The last finished build's pages, path -> HTML (the same strings the template cache holds,
        # so keeping them costs nothing; comparing them is a memory comparison, no hashing).
        self.pages: dict[str, str] = {}
        self.building: dict[str, str] = {}  # the same for the build in progress
        self.kept: set[str] = set()  # pages of the build in progress not written again
        self.kept_sources: set[str] = set()  # the same by source file, as MkDocs names them
        self.restored = False

    # --- before the build --------------------------------------------------------------------

    def before_cleaning(self, site_dir: str) -> str | None:
        """Move the previous build's files out of MkDocs' way. Returns a folder to delete in the
        background when they are not to be kept."""
        site_dir = os.path.abspath(site_dir)
        keep = self.files is not None and self.site_dir == site_dir
        self.site_dir, self.building, self.restored = site_dir, {}, False
        self.kept, self.kept_sources = set(), set()
        try:
            # The previous build's files, and a hidden folder of them left by a build that failed.
            entries = [entry for entry in os.listdir(site_dir)
                       if not entry.startswith(".") or entry == PREVIOUS and not keep]
        except OSError:
            entries = []
        if not entries:
            return None
        if keep:
            previous = os.path.join(site_dir, PREVIOUS)
            shutil.rmtree(previous, ignore_errors=True)
            os.mkdir(previous)
            if _move(entries, site_dir, previous):
                return None
            # Something could not be moved: MkDocs' cleaning deletes what is left; start afresh.
            self.files = None
            return previous if os.path.isdir(previous) else None
        aside = tempfile.mkdtemp(prefix=".handbook-old-", dir=os.path.dirname(site_dir))
        _move(entries, site_dir, aside)  # whatever could not be moved, MkDocs' cleaning deletes
        return aside

    def restore(self) -> None:
        """Put the previous build's files back, after MkDocs' cleaning and before any write (the
        tags plugin writes tags.json in `on_env`)."""
        if self.site_dir is None or self.files is None:
            return
        previous = os.path.join(self.site_dir, PREVIOUS)
        if not os.path.isdir(previous):
            self.files = None
            return
        # A name the build has already written (none should have been) stays the build's; the
        # old one is deleted with the hidden folder, and whatever was restored is judged file by
        # file after the build, so a partial restore is still exact.
        entries = [entry for entry in os.listdir(previous)
                   if not os.path.lexists(os.path.join(self.site_dir, entry))]
        _move(entries, previous, self.site_dir)
        self.restored = True
        shutil.rmtree(previous, ignore_errors=True)

    # --- pages -------------------------------------------------------------------------------

    def page_output(self, source: str, path: str, output: str) -> str:
        """The HTML MkDocs should write to `path` for the page `source`: empty (MkDocs then
        writes nothing) when the file already holds it."""
        path = os.path.abspath(path)
        self.building[path] = output
        if self.restored and self.pages.get(path) == output and self.files is not None \
                and self.files.get(path) == _stat(path):
            self.kept.add(path)
            self.kept_sources.add(source)
            return ""
        return output

    def is_kept(self, source: str) -> bool:
        """Whether the page `source` (docs-relative) was left as the previous build wrote it."""
        return source in self.kept_sources

    # --- after the build ---------------------------------------------------------------------

    def after_build(self) -> None:
        """Delete the previous build's files that this build did not write, and record the rest."""
        if self.site_dir is None:
            return
        previous = self.files if self.restored else None
        files: dict[str, Stat] = {}
        for parent, folders, names in os.walk(self.site_dir, topdown=False):
            for name in names:
                path = os.path.join(parent, name)
                found = _stat(path)
                if found is None:
                    continue
                if previous is not None and previous.get(path) == found and path not in self.kept:
                    os.unlink(path)  # the previous build's, and not this build's
                    continue
                files[path] = found
            if parent != self.site_dir and previous is not None and not os.listdir(parent):
                os.rmdir(parent)  # emptied above: a clean build has no such folder
        self.files, self.pages = files, self.building
        self.building, self.restored = {}, False

    def after_partial_build(self) -> None:
        """After one page was rebuilt alone (serve_partial.py): record the files it wrote again,
        so that the next full build knows them as its predecessor's."""
        if self.files is None or self.site_dir is None:
            return
        files: dict[str, Stat] = {}
        for parent, _, names in os.walk(self.site_dir):
            for name in names:
                path = os.path.join(parent, name)
                found = _stat(path)
                if found is not None:
                    files[path] = found
        self.files = files
        self.pages.update(self.building)
        self.building = {}

    def abandon(self) -> None:
        """After a failed build nothing is known of the folder: the next build starts afresh."""
        self.files, self.pages, self.building, self.restored = None, {}, {}, False


class KeptPagesFilter(logging.Filter):
    """MkDocs says "Page skipped ... Generated empty output" of each page whose file `site` kept
    as the previous build wrote it; that is not news to an editor, so it is not logged."""

    def __init__(self, site: ServedSite) -> None:
        super().__init__()
        self.site = site

    def filter(self, record: logging.LogRecord) -> bool:
        message = str(record.msg)
        return not (message.startswith("Page skipped: '") and self.site.is_kept(message.split("'")[1]))


def _move(entries: list[str], source: str, target: str) -> bool:
    """Rename each entry from `source` into `target`; False if any could not be moved."""
    moved = True
    for entry in entries:
        try:
            os.rename(os.path.join(source, entry), os.path.join(target, entry))
        except OSError:
            moved = False
    return moved
