"""Link previews: the social image a page's `image` names, found among the docs folder's files."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from handbook.markdown.links import resolve
from handbook.pages.schema import PageRecord
from handbook.problems import Problem


def social_images(records: Iterable[PageRecord], assets: Collection[str]
                  ) -> tuple[dict[str, str], list[Problem]]:
    """{page: its social image (a docs-relative file or an external URL)}, and a problem for each
    `image` that names no file."""
    images: dict[str, str] = {}
    problems: list[Problem] = []
    for record in records:
        if record.image:
            image, problem = social_image(record, assets)
            if image:
                images[record.path] = image
            if problem:
                problems.append(problem)
    return images, problems


def social_image(record: PageRecord, assets: Collection[str]) -> tuple[str | None, Problem | None]:
    """The file (or URL) a page's `image` names, for link previews. Jekyll sites write it relative
    to the page, from the site root (`/assets/...`), or relative to the site root without the
    `/`."""
    value = record.image or ""
    for candidate in (value,) if value.startswith("/") else (value, "/" + value):
        target = resolve(candidate, record.path, (), assets)
        if target.kind == "external":
            return value, None
        if target.kind == "asset":
            return target.path, None
    return None, Problem(
        record.path, record.line_of("image"),
        f"image '{value}' is not a file in docs/, so the page has no social image; copy the image "
        "into docs/assets/images/ and give its path, e.g. `image: /assets/images/roadmap.png`",
        "warning")
