"""The front page reads as the handbook's cover, and the book ends on its closing page: the site's
own pages stay in the nav but out of the Next/Previous chain."""

from __future__ import annotations

import re

from .conftest import NEXT_BUTTON, PREV_BUTTON, open_page

SITE_PAGES = ["contributing.md", "review-status.md", "accessibility.md", "tags.md"]
CLOSING = "what-to-read-next.md"


def chapters(site) -> list[tuple[str, str]]:
    """(title, source) of every top-level chapter: a top-level nav entry with pages under it."""
    found = []
    for item in site.built.nav:
        for title, value in item.items():
            if isinstance(value, list):
                found.append((title, next(iter(value[0].values()))))
    return found


def test_the_front_page_is_the_cover(site, page):
    open_page(page, site.url("index.md"))
    assert page.title() == "Product Management Handbook"
    assert page.locator("article h1").inner_text().strip().rstrip("¶") == "Product Management Handbook"
    promise = page.locator("article p.handbook-promise")
    assert promise.count() == 1 and len(promise.inner_text().split()) >= 10
    assert page.locator("article .md-tags:visible").count() == 0  # no tag chip above the title
    tips = page.locator("article .admonition.tip .admonition-title").all_inner_texts()
    assert len(tips) == 3, tips  # the start-here paths
    assert page.locator("article .grid .admonition.tip").count() == 3


def test_every_chapter_has_a_card_saying_what_the_reader_gets(site, page):
    open_page(page, site.url("index.md"))
    cards = page.locator("article .grid.cards > ul > li")
    listed = {}
    for i in range(cards.count()):
        card = cards.nth(i)
        link = card.locator("a").first
        href = link.evaluate("a => a.href")
        listed[site.src_of(href)] = (link.inner_text(), card.inner_text())
    expected = chapters(site)
    assert len(expected) >= 4
    assert sorted(listed) == sorted(src for _, src in expected), (
        "one card per top-level chapter, linking to it; add a card to docs/index.md for each chapter")
    for title, src in expected:
        words, text = listed[src]
        assert " ".join(words.split()).endswith(title), (title, words)
        assert "You get:" in text, f"the card for {title} does not say what the reader gets"
    # Cards sit side by side on a laptop screen.
    boxes = [cards.nth(i).bounding_box() for i in range(2)]
    assert abs(boxes[0]["y"] - boxes[1]["y"]) < 2 and boxes[0]["x"] < boxes[1]["x"]


def test_the_book_ends_on_its_closing_page(site, page):
    order = site.reading_order
    assert order[-1] == CLOSING and order[0] == "index.md"
    assert not set(SITE_PAGES) & set(order)
    open_page(page, site.url(CLOSING))
    assert page.locator(NEXT_BUTTON).count() == 0
    last_chapter_page = order[-2]
    assert site.src_of(page.locator(PREV_BUTTON).evaluate("a => a.href")) == last_chapter_page
    text = page.locator("article").inner_text()
    assert re.search(r"what to read next", text, re.I) and "contributing guide" in text
    open_page(page, site.url(last_chapter_page))
    assert site.src_of(page.locator(NEXT_BUTTON).evaluate("a => a.href")) == CLOSING


def test_site_pages_are_in_the_nav_but_outside_next_and_previous(site, page):
    for src in SITE_PAGES:
        open_page(page, site.url(src))
        assert page.locator(NEXT_BUTTON).count() == 0, src
        assert page.locator(PREV_BUTTON).count() == 0, src
        active = page.locator(".md-nav--primary .md-nav__link--active")
        assert active.count() >= 1, f"{src} is not in the nav"
    open_page(page, site.url("index.md"))
    nav = page.locator(".md-nav--primary").inner_text()
    for title in ("Contributing", "Review status", "Accessibility statement", "Tags",
                  "What to read next"):
        assert title in nav
    # And in the nav, the closing page comes after the chapters and before the site pages.
    assert nav.index("What to read next") < nav.index("Contributing")
