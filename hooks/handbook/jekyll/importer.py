"""`handbook import`: clean copies of pages from an older Jekyll site, placed in a docs folder.

Each copy keeps its front matter (adding a `title` from the first heading when it has none), has its
mis-decoded text repaired, loses its hand-written prev/next buttons (the footer makes them from the
nav), and has every link that names a handbook page (or another page in the same import) rewritten
to a relative `.md` link. Images the old site has are copied across. What cannot be resolved is
listed for the editor; nothing is overwritten without `force`.
"""

from __future__ import annotations

import os
import posixpath
import re
import urllib.parse
from html import unescape as unescape_html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from handbook.pages.editing import front_matter_entry
from handbook.jekyll.images import image_kind
from handbook.markdown.blocks import headings
from handbook.pages.frontmatter import FRONT_MATTER, parse_front_matter, plain_inline
from handbook.jekyll.mojibake import repair_encoding
from handbook.jekyll.pager_blocks import find_pager_blocks, remove_blocks
from handbook.markdown.links import find_links, permalink_key, relative_link, relative_url, resolve, rewrite
from handbook.problems import plural
from handbook.cli.project import MARKDOWN_SUFFIXES
from handbook.pages.schema import title_from_path

JEKYLL_CONFIGS = ("_config.yml", "_config.yaml")
ENCODING_NAMES = {"cp1252": "Windows-1252", "latin-1": "Latin-1"}


class ImportRefused(Exception):
    """Nothing was written; the message says why and what to do."""


@dataclass(frozen=True)
class Incoming:
    """One page to import: where it comes from, where it goes, and the URLs it had on the old site."""

    source: Path
    dest: str  # docs-relative
    text: str  # the file, decoded once
    old_urls: tuple[str, ...]
    site_root: Path | None  # the old Jekyll site's folder (it holds _config.yml), if found
    root: Path  # nothing is read from outside it: the site root, else the folder imported from
    encoding: str | None = None  # what the file was written in, when not UTF-8


@dataclass
class Cleaned:
    """What cleaning did to one page, for the summary the editor reads."""

    dest: str
    source: Path
    text: str = ""
    repaired_runs: int = 0
    removed_blocks: int = 0
    rewritten_links: int = 0
    added_title: str | None = None
    copied_images: list[str] = field(default_factory=list)
    not_images: list[str] = field(default_factory=list)  # files linked as images that are not
    encoding: str | None = None  # what the page was decoded from, when not UTF-8


def collect(sources: Sequence[Path], dest_folder: str) -> list[Incoming]:
    """The pages named on the command line (files, or folders searched for Markdown files) and
    the docs-relative path each will have: the folder structure under a named folder is kept.
    Nothing is read from outside the old site's root, and a page that is not text is refused."""
    found: list[tuple[Path, str, Path]] = []
    for source in sources:
        if source.is_dir():
            root = jekyll_root(source) or Path(os.path.abspath(source))
            for path, relative in _markdown_files(source):
                found.append((path, relative, root))
        elif source.is_file():
            found.append((source, source.name,
                          jekyll_root(source) or Path(os.path.abspath(source)).parent))
        else:
            raise ImportRefused(f"{source}: no such file or folder; give Markdown files or folders "
                                "of the old site")
    if not found:
        raise ImportRefused("no Markdown files found in " + ", ".join(map(str, sources)))
    incoming = []
    for path, relative, root in found:
        stem, suffix = posixpath.splitext(relative)
        dest = posixpath.join(dest_folder, stem + (".md" if suffix.lower() != ".md" else suffix))
        text, encoding = read_old_page(path, root)
        site_root = jekyll_root(path)
        incoming.append(Incoming(path, dest, text, tuple(old_urls(path, site_root, text)), site_root,
                                 root, encoding))
    seen: dict[str, Path] = {}
    for page in incoming:
        if page.dest in seen:
            raise ImportRefused(f"{seen[page.dest]} and {page.source} would both become "
                                f"{page.dest}; import them into different folders")
        seen[page.dest] = page.source
    return incoming


def read_old_page(path: Path, root: Path) -> tuple[str, str | None]:
    """A page's text and its encoding (see `decode_legacy`), or ImportRefused when it is not a
    regular text file within `root`."""
    if not path.is_symlink() and not path.is_file():
        raise ImportRefused(f"{path} is not a regular file (a pipe, socket or device); nothing "
                            "was imported. Leave it out")
    if not inside(path, root):
        raise ImportRefused(f"{path} is a symbolic link to {os.path.realpath(path)}, outside the "
                            f"old site ({root}); nothing was imported. Copy the page into the "
                            "old site, or leave it out")
    raw = path.read_bytes()
    if b"\0" in raw:
        raise ImportRefused(f"{path} is not a text file (it holds NUL bytes); nothing was "
                            "imported. Leave it out, or re-save it as UTF-8 text")
    return decode_legacy(raw)


def _markdown_files(folder: Path) -> Iterable[tuple[Path, str]]:
    """Markdown files under `folder` (not `_`/`.` ones), without following folder links."""
    for parent, subfolders, names in os.walk(folder, followlinks=False):
        subfolders[:] = sorted(n for n in subfolders if not n.startswith(("_", ".")))
        for name in sorted(names):
            path = Path(parent, name)
            if path.suffix.lower() in MARKDOWN_SUFFIXES and not name.startswith(("_", ".")):
                yield path, path.relative_to(folder).as_posix()


def inside(path: Path, root: Path) -> bool:
    """Whether `path`, with every link in it followed, is a file within `root`."""
    try:
        real, real_root = Path(os.path.realpath(path)), Path(os.path.realpath(root))
        return real.is_file() and real_root in real.parents
    except (OSError, ValueError):  # a name no file system takes (a NUL byte, too long)
        return False


def decode_legacy(raw: bytes) -> tuple[str, str | None]:
    """A page's text with LF line ends, and the encoding it was written in when that is not
    UTF-8: Windows-1252 (what old Windows editors saved), else Latin-1, which maps every byte."""
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        return text, (None if encoding == "utf-8-sig" else ENCODING_NAMES[encoding])
    raise AssertionError("latin-1 decodes any bytes")


def jekyll_root(path: Path) -> Path | None:
    """The nearest folder above `path` holding a Jekyll `_config.yml`, i.e. the old site's root.
    Found from the path as given: a link is not followed to look for it elsewhere."""
    for folder in Path(os.path.abspath(path)).parents:
        if any((folder / name).is_file() for name in JEKYLL_CONFIGS):
            return folder
    return None


def old_urls(path: Path, root: Path | None, text: str) -> list[str]:
    """The site-root URLs a page answered to on the old site: from its place under the site root,
    and its `permalink`."""
    urls = []
    if root is not None:
        stem = posixpath.splitext(Path(os.path.abspath(path)).relative_to(root).as_posix())[0]
        if posixpath.basename(stem) in ("index", "README"):
            stem = posixpath.dirname(stem)
        urls.append("/" + stem)
    match = FRONT_MATTER.match(text)
    permalink = parse_front_matter(match.group(1), path.name)[0].get("permalink") if match else None
    if isinstance(permalink, str) and permalink.startswith("/"):
        urls.append(permalink)
    return urls


def clean_page(page: Incoming, pages: set[str], assets: set[str], permalinks: Mapping[str, str],
               docs_dir: Path, use_directory_urls: bool = True,
               copy_images: bool = True) -> Cleaned:
    """The cleaned text of one page. `pages`/`assets` are the handbook's (including this
    import's pages); `permalinks` maps this import's old-site URLs to their new paths."""
    report = Cleaned(page.dest, page.source, encoding=page.encoding)
    text, runs = repair_encoding(page.text)
    report.repaired_runs = sum(len(run.runs) for run in runs)

    blocks = find_pager_blocks(text)
    if blocks:
        text = remove_blocks(text, blocks, drop_lines=True)
        report.removed_blocks = len(blocks)

    match = FRONT_MATTER.match(text)
    head, body = (text[:match.end()], text[match.end():]) if match else ("", text)
    replacements = []
    for link in find_links(body):
        new = _new_target(link, page, pages, assets, permalinks, docs_dir, use_directory_urls,
                          copy_images, report)
        if new is not None and new != link.url:
            replacements.append((link, new))
    if replacements:
        body = rewrite(body, replacements)
        report.rewritten_links = len(replacements)

    meta, _, unreadable = parse_front_matter(match.group(1), page.dest) if match else ({}, {}, [])
    image = meta.get("image")  # the social image: a site-root path stays valid once the file is here
    if isinstance(image, str) and image.startswith("/") and image.lstrip("/") not in assets:
        copied = _copy_image(image, page, docs_dir, assets, report, write=copy_images)
        if copied and copied == posixpath.normpath(image.lstrip("/")):
            report.copied_images.append(copied)
    if unreadable:  # broken YAML is left for the editor; `handbook check` says where
        report.text = head + body
    else:
        report.text, report.added_title = _with_title(head + body, page.dest,
                                                      meta if match else None)
    return report


def _new_target(link, page: Incoming, pages: set[str], assets: set[str],
                permalinks: Mapping[str, str], docs_dir: Path, use_directory_urls: bool,
                copy_images: bool, report: Cleaned) -> str | None:
    """The URL a link should have in the handbook, or None to leave it as it is."""
    html = link.kind.startswith("html")
    url = unescape_html(link.url) if html else link.url
    target = resolve(url, page.dest, pages, assets, permalinks, html=html,
                     use_directory_urls=use_directory_urls)
    if target.kind in ("page", "asset"):
        if target.form == "relative":
            return None
        return _written(target.path, page.dest, target.fragment, html, use_directory_urls)
    if target.kind in ("missing", "outside") and link.kind in ("image", "html-image"):
        copied = _copy_image(url, page, docs_dir, assets, report, write=copy_images)
        if copied:
            report.copied_images.append(copied)
            return _written(copied, page.dest, "", html, use_directory_urls)
    return None


def _written(path: str, from_path: str, fragment: str, html: bool, use_directory_urls: bool) -> str:
    if html:
        return relative_url(path, from_path, use_directory_urls, fragment)
    return relative_link(path, from_path, fragment)


def _copy_image(url: str, page: Incoming, docs_dir: Path, assets: set[str], report: Cleaned,
                write: bool = True) -> str | None:
    """Copy an image the old site has into docs/ (same place under the site root, or
    assets/images/ for a page-relative one) unless a different file is already there; `write`
    False only says where it would go (--dry-run)."""
    clean = urllib.parse.unquote(url.split("#")[0].split("?")[0])
    if "://" in clean or clean.startswith("//") or not clean:
        return None
    if clean.startswith("/"):
        if page.site_root is None:
            return None
        found = page.site_root / clean.lstrip("/")
        wanted = posixpath.normpath(clean.lstrip("/"))
    else:
        found = page.source.parent / clean
        wanted = posixpath.join("assets/images", posixpath.basename(clean))
    if wanted.startswith("../") or not inside(found, page.root):
        return None  # never read outside the old site, whatever the link says
    try:
        content = found.read_bytes()
    except OSError:
        content = b""
    if image_kind(content) is None:
        report.not_images.append(url)
        return None
    target = docs_dir / wanted
    if through_link(docs_dir, wanted):
        return None  # writing would follow the link, perhaps out of docs/
    if target.exists() and target.read_bytes() != content:
        stem, suffix = posixpath.splitext(wanted)
        wanted = f"{stem}-imported{suffix}"
        target = docs_dir / wanted
        if target.exists():
            return None
    if write and not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    assets.add(wanted)
    return wanted


def _with_title(text: str, dest: str, meta: dict | None) -> tuple[str, str | None]:
    """Add `title:` (from the first heading, else the file name) when the front matter (`meta`,
    None when the page has none) lacks it."""
    match = FRONT_MATTER.match(text)
    if meta is not None and isinstance(meta.get("title"), str) and meta["title"].strip():
        return text, None
    body = text[match.end():] if match else text
    title = next((plain_inline(heading) for _, _, heading in headings(body) if plain_inline(heading)),
                 None) or title_from_path(dest)
    line = front_matter_entry("title", title)
    if match and meta and "title" in meta:  # blank: fill it in, keep its place
        blank = re.compile(r"^title[ \t]*:.*\n", re.MULTILINE)
        front = blank.sub(lambda _: line, match.group(0), count=1)
        return front + text[match.end():], title
    if match:
        return "---\n" + line + text[len("---\n"):], title
    return "---\n" + line + "---\n\n" + text.lstrip("\n"), title


@dataclass(frozen=True)
class ImportResult:
    cleaned: tuple[Cleaned, ...]
    overwritten: tuple[str, ...]


def through_link(docs_dir: Path, relative: str) -> bool:
    """Whether writing `relative` under `docs_dir` would follow a symbolic link on the way."""
    place = docs_dir
    for part in relative.split("/"):
        place = place / part
        if place.is_symlink():
            return True
    return False


def dest_problem(docs_dir: Path, folder: str) -> str | None:
    """Why `folder` (docs-relative) cannot receive pages, or None when it can: it, or a folder on
    the way to it, is a file, or it is named like a page."""
    if folder.lower().endswith(MARKDOWN_SUFFIXES):
        return f"'{folder}' is named like a page, but --dest takes a folder"
    place = docs_dir
    for part in [p for p in folder.split("/") if p not in ("", ".")]:
        place = place / part
        if place.exists() and not place.is_dir():
            return f"'{place.relative_to(docs_dir).as_posix()}' is a file, but --dest takes a folder"
    return None


def import_pages(sources: Sequence[Path], dest_folder: str, docs_dir: Path,
                 existing_pages: Iterable[str], assets: set[str], *, force: bool = False,
                 dry_run: bool = False, use_directory_urls: bool = True,
                 prefix: str = "docs/") -> ImportResult:
    """Clean and write every page; refuses (writing nothing) when a page exists and not `force`."""
    dest_folder = posixpath.normpath(dest_folder).strip("/")
    if dest_folder.startswith(".."):
        raise ImportRefused(f"--dest must be a folder inside {docs_dir}")
    incoming = collect(sources, "" if dest_folder == "." else dest_folder)
    existing = set(existing_pages)
    linked = [p.dest for p in incoming if through_link(docs_dir, p.dest)]
    if linked:
        raise ImportRefused(
            "these pages would be written through a symbolic link, perhaps out of the docs folder: "
            + ", ".join(prefix + d for d in linked) + "; nothing was written. Replace the link by "
            "a real folder or file, or import into another folder with --dest")
    clashes = [p.dest for p in incoming if p.dest in existing or (docs_dir / p.dest).exists()]
    if clashes and not force:
        raise ImportRefused(
            "these pages already exist: " + ", ".join(prefix + c for c in clashes)
            + "; nothing was written. Use "
            "--force to overwrite them, or import into another folder with --dest")
    permalinks = {permalink_key(url): page.dest for page in incoming for url in page.old_urls}
    pages = existing | {page.dest for page in incoming}
    cleaned = []
    for page in incoming:
        report = clean_page(page, pages, assets, permalinks, docs_dir, use_directory_urls,
                            copy_images=not dry_run)
        if not dry_run:
            target = docs_dir / page.dest
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(report.text, encoding="utf-8", newline="\n")
        cleaned.append(report)
    return ImportResult(tuple(cleaned), tuple(clashes))


def summary(report: Cleaned, docs_prefix: str) -> str:
    """`docs/x/y.md (from old/y.md): title added, 3 runs of mis-decoded text repaired, ...`"""
    done = []
    if report.encoding:
        done.append(f"read as {report.encoding} (the file is not UTF-8) and written as UTF-8; "
                    "check its accented letters")
    if report.added_title:
        done.append(f"title '{report.added_title}' added")
    if report.repaired_runs:
        done.append(f"{plural(report.repaired_runs, 'run')} of mis-decoded text repaired")
    if report.removed_blocks:
        done.append(f"{plural(report.removed_blocks, 'prev/next block')} removed")
    if report.rewritten_links:
        done.append(f"{plural(report.rewritten_links, 'link')} rewritten")
    if report.copied_images:
        done.append("copied " + ", ".join(f"{docs_prefix}{path}" for path in report.copied_images))
    if report.not_images:
        done.append("not copied, as the file is not an image (or is an SVG with scripts or links "
                    "in it): " + ", ".join(report.not_images))
    return (f"{docs_prefix}{report.dest} (from {report.source}): "
            + ("; ".join(done) if done else "copied as it was"))
