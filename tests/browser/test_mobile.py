"""A phone-sized screen (375 x 812): the menu lists the chapters and nothing scrolls sideways."""

from __future__ import annotations

from .conftest import open_page

DRAWER_BUTTON = "label[for=__drawer].md-header__button"


def _chapters(site) -> list[str]:
    """The titles of the top-level sections of the nav (the handbook's chapters)."""
    return [title for item in site.built.nav for title, value in item.items()
            if isinstance(value, list)]


def test_menu_opens_and_lists_the_chapters(site, mobile_context, save_screenshot):
    chapters = _chapters(site)
    assert len(chapters) >= 4, site.built.nav
    page = mobile_context.new_page()
    open_page(page, site.url("index.md"))
    drawer = page.locator(".md-sidebar--primary")
    menu = page.locator(DRAWER_BUTTON)
    assert menu.is_visible(), "the menu button is not shown on a phone"
    assert not drawer.locator(".md-nav--primary").is_visible() or not _in_view(page, drawer), (
        "the menu is open before it is asked for")

    menu.click()
    assert page.locator("#__drawer").is_checked()
    page.wait_for_function(
        "el => { const r = el.getBoundingClientRect(); return r.left >= 0 && r.right > 0; }",
        arg=drawer.element_handle(), timeout=5000)  # the drawer has slid in
    page.wait_for_timeout(300)  # let the slide finish before the screenshot
    links = drawer.locator(".md-nav--primary > .md-nav__list > .md-nav__item")
    shown = [" ".join(text.split()) for text in links.all_inner_texts()]
    missing = [title for title in chapters if not any(title in item for item in shown)]
    assert not missing, f"the opened menu does not list {missing}; it lists {shown}"
    for title in chapters:
        assert drawer.get_by_role("link", name=title, exact=True).first.is_visible(), title
    save_screenshot(page, "mobile-menu-open")


def _in_view(page, locator) -> bool:
    box = locator.bounding_box()
    return bool(box) and box["x"] + box["width"] > 0 and box["x"] < page.viewport_size["width"]


def test_no_page_scrolls_sideways_on_a_phone(site, mobile_context):
    page = mobile_context.new_page()
    overflowing = []
    for src in site.pages:
        open_page(page, site.url(src))
        widths = page.evaluate("""() => ({scroll: document.documentElement.scrollWidth,
                                         inner: window.innerWidth})""")
        if widths["scroll"] > widths["inner"]:
            culprits = page.evaluate("""() => [...document.querySelectorAll("article *")]
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
                             && !e.closest(".md-typeset__scrollwrap, pre, .highlight"))
                .slice(0, 5).map(e => e.tagName.toLowerCase()
                                      + (e.className ? "." + e.className : "")
                                      + " " + (e.textContent || "").trim().slice(0, 40))""")
            overflowing.append(
                f"{src}: scrollWidth {widths['scroll']} > {widths['inner']}; {culprits}")
    assert not overflowing, "pages that scroll sideways at 375px:\n" + "\n".join(overflowing)
