"""Screenshots for a human to look at (the folder is printed in the terminal summary)."""

from __future__ import annotations

from .conftest import open_page


def _chapter(site) -> str:
    """The first chapter's page: the first top-level section's index page."""
    for item in site.built.nav:
        for value in item.values():
            if isinstance(value, list):
                first = next(iter(value[0].values()))
                if isinstance(first, str):
                    return first
    raise AssertionError(f"the nav has no chapter: {site.built.nav}")


def test_screenshot_of_the_home_page(site, page, save_screenshot):
    open_page(page, site.url("index.md"))
    path = save_screenshot(page, "home")
    assert path.stat().st_size > 10_000


def test_screenshot_of_a_chapter_page(site, page, save_screenshot):
    chapter = _chapter(site)
    open_page(page, site.url(chapter))
    assert page.locator(".md-nav--primary .md-nav__link--active").count() >= 1
    path = save_screenshot(page, "chapter-" + chapter.split("/")[0])
    assert path.stat().st_size > 10_000
