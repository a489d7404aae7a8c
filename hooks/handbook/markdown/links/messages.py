"""What is wrong with a link that names nothing, and how to fix it: one message per broken link,
with the file it most likely meant."""

from __future__ import annotations

import difflib
import functools
import posixpath
from collections.abc import Collection
from dataclasses import dataclass
from urllib.parse import unquote

from handbook.markdown.links.find import Link
from handbook.markdown.links.resolve import Target, find_file, names_folder, split_url
from handbook.markdown.links.urls import relative_link, relative_url
from handbook.pages.address import INDEX_STEMS, PAGE_SUFFIXES, built_path
from handbook.pages.schema import title_from_path

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".bmp", ".ico", ".tif",
                  ".tiff")


def _is_image(link: Link, path: str | None) -> bool:
    if link.kind in ("image", "html-image"):
        return True
    return link.kind == "reference" and (path or "").lower().endswith(IMAGE_SUFFIXES)


def _names_page(target: Target) -> bool:
    """Whether a broken link was meant for a page (rather than a PDF, a spreadsheet...)."""
    name = posixpath.basename(target.path or "")
    return (target.form in ("extensionless", "directory", "html-suffix") or "." not in name
            or name.endswith(PAGE_SUFFIXES) or name.endswith(".html"))


@dataclass(frozen=True)
class _Broken:
    """A broken link, with what its message needs: the file it most likely meant (`guess`) and
    how a link from this page to a file is written."""

    url: str
    target: Target
    from_path: str
    is_html: bool
    guess: str | None
    use_directory_urls: bool

    def written(self, found: str) -> str:
        if self.is_html:
            return relative_url(found, self.from_path, self.use_directory_urls,
                                self.target.fragment)
        return relative_link(found, self.from_path, self.target.fragment)

    @property
    def did_you_mean(self) -> str:
        return f"did you mean '{self.guess}'?" if self.guess else ""

    @property
    def read_from(self) -> str:
        folder = posixpath.dirname(self.from_path)
        return f"docs/{folder}/" if folder else "docs/"


def broken_link_message(link: Link, url: str, target: Target, from_path: str,
                        pages: Collection[str], assets: Collection[str],
                        use_directory_urls: bool = True) -> str:
    """What is wrong with a link that resolves to nothing, and how to fix it."""
    image = _is_image(link, target.path)
    if "{%" in url or "{{" in url:
        return (f"link '{url}' contains a Jekyll Liquid tag, which the handbook does not run; "
                "replace it with the file's path relative to this page, "
                "e.g. [Roadmaps](roadmaps.md)")
    if target.kind == "outside":
        return (f"{'image' if image else 'link'} '{url}' points outside the docs folder, and only "
                "files in docs/ are published; copy the file into docs/ and link to it relatively, "
                "or link to its address on the web")
    if "@" in url and "/" not in url and "." in url and not image:
        return (f"link '{url}' matches no page; it looks like an e-mail address, so write it "
                f"as 'mailto:{url}'")
    page_like = not image and _names_page(target)
    guess = _guess(split_url(url)[0], target, from_path, pages, assets, image=image,
                   page_like=page_like, use_directory_urls=use_directory_urls)
    broken = _Broken(url, target, from_path, link.kind.startswith("html-"), guess,
                     use_directory_urls)
    if image:
        return _image_message(broken)
    if not page_like:
        fix = (f"link to it relatively (e.g. '{broken.written(guess)}'), or remove the link"
               if guess else
               f"check the file name (it is read relative to {broken.read_from}), copy the file "
               "into docs/, or remove the link")
        return f"link to '{url}' matches no file in docs/; {_then(broken.did_you_mean, fix)}"
    if broken.is_html:
        example = broken.written(guess) if guess else relative_url("index.md", from_path,
                                                                  use_directory_urls)
        fix = (f"MkDocs does not rewrite raw HTML, so write the built page's address relative to "
               f"this page (e.g. '{example}'), or use a Markdown link to the page's file")
        return f"HTML link '{url}' matches no page; {_then(broken.did_you_mean, fix)}"
    return _page_message(broken)


def _image_message(broken: _Broken) -> str:
    url, guess = broken.url, broken.guess
    if guess:
        return (f"image '{url}' is missing: there is no such file in docs/; did you mean "
                f"'{guess}'? Link to it relatively (e.g. '{broken.written(guess)}'), or remove it")
    wanted = broken.target.path or posixpath.basename(url)
    if not posixpath.dirname(wanted):
        wanted = "assets/images/" + wanted
    return (f"image '{url}' is missing: there is no such file in docs/; copy the image into "
            f"docs/{posixpath.dirname(wanted)}/ and link to it relatively "
            f"(e.g. '{broken.written(wanted)}'), or remove it")


def _page_message(broken: _Broken) -> str:
    """A Markdown link meant for a page: what the URL's form suggests, with an example."""
    url, target, guess, question = broken.url, broken.target, broken.guess, broken.did_you_mean
    if guess:
        example = broken.written(guess)
    elif target.form == "directory":
        example = broken.written(posixpath.join(target.path or "", "index.md"))
    else:
        example = broken.written(_as_page(target.path or "index.md"))
    fix = f"link to the page's file relative to this page (e.g. '{example}'), or remove the link"
    if target.form == "site-root":
        return f"site-root link '{url}' matches no page in the handbook; {_then(question, fix)}"
    if target.form == "extensionless":
        fix = (f"link to the page's file with its .md ending, relative to this page "
               f"(e.g. '{example}'), or remove the link")
        return f"extensionless link '{url}' matches no page; {_then(question, fix)}"
    if target.form == "directory":
        return (f"folder link '{url}' matches no page (the folder has no index.md or README.md); "
                f"{_then(question, fix)}")
    if target.form == "html-suffix":
        fix = f"link to the page's Markdown file instead (e.g. '{example}'), or remove the link"
        return (f"link '{url}' names a built .html page that matches no page; "
                f"{_then(question, fix)}")
    if guess:
        return (f"link to '{url}' matches no page; did you mean '{guess}'? Link to the page's "
                f"file, e.g. [{title_from_path(guess)}]({example})")
    return (f"link to '{url}' matches no page; check the file name (it is read relative to "
            f"{broken.read_from}), or remove the link")


def _then(question: str, fix: str) -> str:
    return f"{question} {fix[:1].upper()}{fix[1:]}" if question else fix


def _as_page(path: str) -> str:
    path = path.removesuffix(".html")
    return path if path.endswith(PAGE_SUFFIXES) else path + ".md"


def _guess(written: str, target: Target, from_path: str, pages: Collection[str],
           assets: Collection[str], *, image: bool, page_like: bool,
           use_directory_urls: bool) -> str | None:
    """The file a broken link most likely meant: the link read against the page's built address
    (MkDocs' own guess), then the one file of that name elsewhere, then the closest spelling."""
    wanted = target.path or ""
    if not wanted:
        return None
    if "%" in written:
        written = unquote(written)
    if not image and not written.startswith("/"):
        here = built_path(from_path, use_directory_urls).removeprefix("./")
        folder = here if here.endswith("/") else posixpath.dirname(here)
        found = find_file(posixpath.join(folder, written), names_folder(written), pages, assets)
        if found and found[0] != "outside":
            return found[1]
    kind = "image" if image else "page" if page_like else "file"
    index = _name_index(frozenset(pages if page_like else assets), kind)
    return index.closest(wanted, _stem(wanted, by_file_name=not page_like))


class _NameIndex:
    """Files by name (see `_stem`), and the guesses already made from them."""

    def __init__(self, files: frozenset[str], kind: str):
        self.by_name: dict[str, list[str]] = {}
        for path in sorted(files):
            if kind != "image" or path.lower().endswith(IMAGE_SUFFIXES):
                self.by_name.setdefault(_stem(path, by_file_name=kind != "page"), []).append(path)
        self.names: dict[str, str | None] = {}

    def closest(self, wanted: str, name: str) -> str | None:
        # Names first, folders second: 'roadmap.md' means 'overview/roadmaps.md' more surely
        # than 'overview/index.md', however alike the whole paths look.
        if name not in self.names:
            close = [name] if name in self.by_name else difflib.get_close_matches(
                name, self.by_name, n=1, cutoff=0.7)
            self.names[name] = close[0] if close else None
        found = self.names[name]
        if found is None:
            return None
        return difflib.get_close_matches(wanted, self.by_name[found], n=1, cutoff=0)[0]


# The pages of one build ask about the same files, and an imported site repeats its broken links
# on every page: keeping the indexes of the last few file sets (immutable, so never stale) makes a
# broken link's guess a lookup instead of a pass over every file.
@functools.lru_cache(maxsize=8)
def _name_index(files: frozenset[str], kind: str) -> _NameIndex:
    return _NameIndex(files, kind)


def _stem(path: str, by_file_name: bool) -> str:
    """What a file is called, ignoring its folder: a page's name without `.md` (an index page
    goes by its folder's name), any other file's name with its extension."""
    if by_file_name:
        return posixpath.basename(path).lower()
    path = path.removesuffix(".html")
    for suffix in PAGE_SUFFIXES:
        path = path.removesuffix(suffix)
    name = posixpath.basename(path)
    if name in INDEX_STEMS:
        name = posixpath.basename(posixpath.dirname(path))
    return name.lower()

