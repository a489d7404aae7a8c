"""Moving a page without breaking a link: the plan for `handbook move OLD NEW`.

The plan is pure text in, text out: the moved page (its own relative links re-based to its new
folder, its old address added to `redirect_from`), and every page whose links, `parent`, `prev`
or `next` named the old file, rewritten to name the new one. Nothing else in any file changes.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from handbook.markdown.links import find_links, page_url, relative_link, resolve, rewrite
from handbook.pages.frontmatter import FRONT_MATTER, read_page

PATH_KEYS = ("parent", "prev", "next")  # front-matter keys whose value may be a page's path


class MoveRefused(Exception):
    """The move cannot be made safely; the message says why and what to do."""


@dataclass(frozen=True)
class MovePlan:
    old: str
    new: str
    texts: Mapping[str, str]  # the new text of every page that changes, the moved page by `new`
    address: str  # the old address, now in the moved page's redirect_from
    relinked: tuple[str, ...]  # pages whose links or keys were rewritten


def address_of(path: str, use_directory_urls: bool = True) -> str:
    """A page's address from the site root, as `redirect_from` writes it: `/overview/roadmaps/`."""
    url = page_url(path, use_directory_urls)
    return "/" if url in ("./", "") else "/" + url.removeprefix("./")


def plan_move(sources: Mapping[str, str], assets: Collection[str], old: str, new: str,
              use_directory_urls: bool = True) -> MovePlan:
    """The edits that move the page `old` to `new` (docs-relative paths)."""
    if old not in sources:
        raise MoveRefused(f"{old} is not a page in docs/; give the path of the page to move, e.g. "
                          "overview/roadmaps.md")
    if not new.endswith((".md", ".markdown")) or new.startswith("/") or ".." in new.split("/"):
        raise MoveRefused(f"{new} is not a page path inside docs/; give one ending in .md, e.g. "
                          "overview/planning/roadmaps.md")
    if new in sources or new in assets:
        raise MoveRefused(f"{new} already exists; choose another name")
    address = address_of(old, use_directory_urls)
    if address_of(new, use_directory_urls) in {address_of(p, use_directory_urls) for p in sources
                                                if p != old}:
        raise MoveRefused(f"{new} would be published at the same address as another page")
    texts: dict[str, str] = {}
    for path, text in sources.items():
        if path == old:
            continue
        changed = _relink(text, path, path, old, new, set(sources), assets)
        changed = _rekey(changed, old, new)
        if changed != text:
            texts[path] = changed
    moved = _relink(sources[old], old, new, old, new, set(sources), assets)
    texts[new] = add_redirect(moved, address)
    return MovePlan(old, new, texts, address, tuple(sorted(p for p in texts if p != new)))


def _relink(text: str, path: str, now: str, old: str, new: str, pages: Collection[str],
            assets: Collection[str]) -> str:
    """`text`, read at `path` and written to `now`, with links to `old` pointing at `new` and (when
    the page itself moves) every relative link re-based to its new folder."""
    page, _ = read_page(text.encode("utf-8"), path)
    body, first = page.body, page.body_line
    replacements = []
    for link in find_links(body, first):
        if link.kind.startswith("html-"):
            continue  # raw HTML holds built addresses, which the redirect keeps working
        target = resolve(link.url, path, pages, assets)
        if target.kind not in ("page", "asset") or not target.path:
            continue
        # A link to the moved page is rewritten whatever its form; the moved page's own relative
        # links are re-based to its new folder; other links are left as written.
        if target.path != old and (path == now or target.form != "relative"):
            continue
        destination = new if target.path == old else target.path
        url = relative_link(destination, now) + _query(link.url) + target.fragment
        if url != link.url:
            replacements.append((link, url))
    if not replacements:
        return text
    head = text[: len(text) - len(body)]
    return head + rewrite(body, replacements)


def _query(url: str) -> str:
    query = url.split("#", 1)[0].partition("?")[2]
    return "?" + query if query else ""


def _rekey(text: str, old: str, new: str) -> str:
    """`parent: old.md` (and prev/next) rewritten to the new path; titles are left alone."""
    match = FRONT_MATTER.match(text)
    if not match:
        return text
    pattern = re.compile(rf"^((?:{'|'.join(PATH_KEYS)}):[ \t]*)(['\"]?){re.escape(old)}\2[ \t]*$",
                         re.MULTILINE)
    front = pattern.sub(lambda m: f"{m.group(1)}{m.group(2)}{new}{m.group(2)}", match.group(1))
    return text[: match.start(1)] + front + text[match.end(1):]


def add_redirect(text: str, address: str) -> str:
    """The page with `address` added to `redirect_from` (a YAML list), keeping everything else."""
    match = FRONT_MATTER.match(text)
    if not match:
        return f"---\nredirect_from:\n  - {address}\n---\n{text}"
    front = match.group(1)
    lines = front.split("\n")
    key = next((n for n, line in enumerate(lines) if line.startswith("redirect_from:")), None)
    if key is None:
        front = front + f"redirect_from:\n  - {address}\n"
    else:
        value = lines[key][len("redirect_from:"):].strip()
        end = key + 1
        while end < len(lines) and lines[end].startswith((" ", "-")) and lines[end].strip():
            end += 1
        existing = [line.strip()[1:].strip() for line in lines[key + 1:end]]
        if value.startswith("[") and value.endswith("]"):
            existing = [v.strip() for v in value[1:-1].split(",") if v.strip()]
        elif value:
            existing = [value]
        if address in [v.strip("'\"") for v in existing]:
            return text
        block = ["redirect_from:", *(f"  - {v}" for v in [*existing, address])]
        front = "\n".join([*lines[:key], *block, *lines[end:]])
    return text[: match.start(1)] + front + text[match.end(1):]
