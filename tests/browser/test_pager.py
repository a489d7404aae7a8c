"""Previous and Next: a reader can walk the whole handbook in reading order, both ways."""

from __future__ import annotations

from urllib.parse import urlsplit

from .conftest import NEXT_BUTTON, PREV_BUTTON, open_page


def _walk(page, site, button: str) -> list[str]:
    """Click `button` until a page has none; the Markdown sources visited, in order."""
    visited = [site.src_of(page.url)]
    for _ in range(len(site.pages) + 5):  # bounded: a loop in the pager must not hang the suite
        link = page.locator(button)
        if link.count() == 0:
            return visited
        assert link.count() == 1, f"{visited[-1]} has {link.count()} '{button}' buttons"
        # Wait for the next page itself: scrolling to the button lets Material's anchor tracking
        # rewrite the URL (a same-page navigation), which would otherwise end the wait early.
        here = urlsplit(page.url).path
        with page.expect_navigation(url=lambda url, here=here: urlsplit(url).path != here,
                                    wait_until="load"):
            link.click()
        visited.append(site.src_of(page.url))
    raise AssertionError(f"still walking after {len(visited)} pages: {visited}")


def _first_repeat(visited: list[str]) -> str:
    seen = set()
    for src in visited:
        if src in seen:
            return f"; {src} is visited twice"
        seen.add(src)
    return ""


def test_next_walks_the_whole_handbook_in_reading_order(site, page):
    open_page(page, site.url("index.md"))
    visited = _walk(page, site, NEXT_BUTTON)
    assert visited == site.pages, (
        f"Next from the home page visits\n  {visited}\n"
        f"but the nav's reading order is\n  {site.pages}"
        + _first_repeat(visited))


def test_previous_walks_back_from_the_last_page(site, page):
    open_page(page, site.url(site.pages[-1]))
    visited = _walk(page, site, PREV_BUTTON)
    expected = list(reversed(site.pages))
    assert visited == expected, (
        f"Previous from {site.pages[-1]} visits\n  {visited}\nbut the reverse reading order is\n"
        f"  {expected}" + _first_repeat(visited))


def test_keyboard_shortcuts_n_and_p(site, page):
    """Material's shortcuts: `n` goes to the next page, `p` to the previous one."""
    middle = len(site.pages) // 2
    open_page(page, site.url(site.pages[middle]))
    page.locator("body").focus()
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("n")
    assert site.src_of(page.url) == site.pages[middle + 1]
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("p")
    assert site.src_of(page.url) == site.pages[middle]
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("p")
    assert site.src_of(page.url) == site.pages[middle - 1]


def test_first_and_last_pages_have_no_button_beyond_the_ends(site, page):
    open_page(page, site.url(site.pages[0]))
    assert page.locator(PREV_BUTTON).count() == 0
    open_page(page, site.url(site.pages[-1]))
    assert page.locator(NEXT_BUTTON).count() == 0
