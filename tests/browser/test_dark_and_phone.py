"""Diagrams follow the colour scheme (the system's, and Material's palette toggle) and stay legible on
a phone; on a phone the header keeps the site name whole and the page's facts stay short; the Tags page fits a
screen or two: an index of tags, and the pages of the tag chosen."""

from __future__ import annotations

import base64
import re

import pytest

from .conftest import DOCS, new_context, open_page

DIAGRAMS = {"overview/lifecycle.md": "product-lifecycle.svg",
            "overview/double-diamond.md": "double-diamond.svg"}

# Luminance statistics of a PNG (base64) measured in the page's own canvas.
LUMINANCE = """async (png) => {
    const image = new Image();
    image.src = "data:image/png;base64," + png;
    await image.decode();
    const canvas = Object.assign(document.createElement("canvas"),
                                 {width: image.width, height: image.height});
    const context = canvas.getContext("2d");
    context.drawImage(image, 0, 0);
    const data = context.getImageData(0, 0, image.width, image.height).data;
    let white = 0, light = 0;
    const total = data.length / 4;
    for (let i = 0; i < data.length; i += 4) {
        const y = 0.2126 * data[i] + 0.7152 * data[i + 1] + 0.0722 * data[i + 2];
        if (y > 235) white++;
        if (y > 180) light++;
    }
    const corner = 0.2126 * data[0] + 0.7152 * data[1] + 0.0722 * data[2];
    return {white: white / total, light: light / total, corner};
}"""


def luminance(page, locator) -> dict:
    png = base64.b64encode(locator.screenshot()).decode("ascii")
    return page.evaluate(LUMINANCE, png)


def choose_dark_with_the_toggle(page) -> None:
    """Click Material's palette toggle until the page is dark, as a reader would."""
    for _ in range(3):
        if page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate":
            return
        page.locator("form[data-md-component=palette] label:visible").first.click()
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"


@pytest.mark.parametrize("src", sorted(DIAGRAMS))
@pytest.mark.parametrize("how", ["system", "toggle"])
def test_diagrams_are_not_white_blocks_in_dark_mode(site, browser, src, how, save_screenshot):
    ctx = new_context(browser, color_scheme="dark" if how == "system" else "light")
    try:
        page = ctx.new_page()
        open_page(page, site.url(src))
        if how == "toggle":
            choose_dark_with_the_toggle(page)
        image = page.locator("article img[src$='.svg']").first
        image.scroll_into_view_if_needed()
        page.wait_for_timeout(100)
        dark = luminance(page, image)
        assert dark["corner"] < 60, dark  # transparent: the dark page shows through
        assert dark["white"] < 0.02, dark  # no white block
        assert dark["light"] > 0.005, dark  # light text and lines on the dark page
        if how == "toggle":
            save_screenshot(page, "dark-" + DIAGRAMS[src].removesuffix(".svg"),
                            clip=image.bounding_box())
    finally:
        ctx.close()


def test_diagrams_stay_on_the_light_page_in_light_mode(site, page):
    page.emulate_media(color_scheme="light")
    open_page(page, site.url("overview/lifecycle.md"))
    light = luminance(page, page.locator("article img[src$='.svg']").first)
    assert light["corner"] > 240 and light["light"] > 0.5, light


@pytest.mark.parametrize("src", sorted(DIAGRAMS))
def test_diagram_text_is_at_least_12_css_px_on_a_phone(site, mobile_context, src):
    svg = (DOCS / "assets" / "images" / DIAGRAMS[src]).read_text(encoding="utf-8")
    smallest = min(float(size) for size in re.findall(r'font-size="([\d.]+)"', svg))
    page = mobile_context.new_page()
    open_page(page, site.url(src))
    drawn = page.locator("article img[src$='.svg']").first.evaluate(
        "i => ({shown: i.getBoundingClientRect().width, natural: i.naturalWidth})")
    assert drawn["natural"] > 0
    assert smallest * drawn["shown"] / drawn["natural"] >= 12, (smallest, drawn)


def test_the_phone_header_shows_the_whole_site_name(site, mobile_context):
    page = mobile_context.new_page()
    open_page(page, site.url("index.md"))
    name = page.locator(".md-header__title .md-header__topic").first.locator(".md-ellipsis")
    assert name.inner_text().strip() == "Product Management Handbook"
    size = name.evaluate("e => [e.scrollWidth, e.clientWidth, e.scrollHeight, e.clientHeight]")
    assert size[0] <= size[1] and size[2] <= size[3], f"the site name is cut short: {size}"


def test_the_page_facts_are_compact_on_a_phone(site, mobile_context, save_screenshot):
    page = mobile_context.new_page()
    open_page(page, site.url("overview/lifecycle.md"))
    facts = page.locator("article .handbook-page-info")
    facts.scroll_into_view_if_needed()
    assert page.locator(".handbook-edit-link a").is_visible()
    assert not page.locator(".handbook-edit-link__hint").is_visible()
    line = float(facts.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)"))
    height = facts.bounding_box()["height"]
    assert height <= 6 * line, f"{height}px is more than the four facts and the edit link"
    save_screenshot(page, "phone-lifecycle")


def test_the_tags_page_fits_a_screen_or_two(site, page):
    open_page(page, site.url("tags.md"))
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= 2 * page.viewport_size["height"], height
    # It stays so as the handbook grows: no page of the listing is shown until a tag is chosen,
    # and the index of tags grows with the tags, not with the pages.
    listing = page.locator("article .handbook-tag-index > *")
    assert listing.count() > 0 and not any(e.is_visible() for e in listing.all())
    fundamentals = page.locator("article h2[id='tag:fundamentals'] + ul li")
    assert 0 < fundamentals.count() <= 6  # a tag on most pages would narrow nothing down
    for site_page in ("Contributing", "Review status", "Home", "Tags"):
        assert site_page not in fundamentals.all_inner_texts()


LISTING = """() => [...document.querySelectorAll("article .handbook-tag-index > h2")].map(h => ({
    id: h.id, name: h.querySelector(".md-tag").textContent.trim(),
    pages: h.nextElementSibling.querySelectorAll("li").length}))"""
CHIPS = """() => [...document.querySelectorAll("article .handbook-tag-chips a")].map(a => ({
    id: decodeURIComponent(new URL(a.href).hash.slice(1)),
    name: a.firstChild.textContent.trim(),
    pages: Number(a.querySelector(".handbook-tag-count").textContent),
    height: a.getBoundingClientRect().height}))"""


def shown_tags(page) -> list[str]:
    return page.locator("article .handbook-tag-index > h2").evaluate_all(
        "hs => hs.filter(h => h.checkVisibility()).map(h => h.id)")


def test_the_tag_index_names_each_tag_with_its_pages_and_shows_the_one_chosen(site, page):
    open_page(page, site.url("tags.md"))
    listing = page.evaluate(LISTING)
    chips = page.evaluate(CHIPS)
    assert [(c["id"], c["name"], c["pages"]) for c in chips] == [
        (t["id"], t["name"], t["pages"]) for t in listing]
    assert min(c["height"] for c in chips) >= 24  # WCAG 2.5.8 target size
    assert shown_tags(page) == []

    page.locator("article .handbook-tag-chips a[href='#tag:discovery']").click()
    assert shown_tags(page) == ["tag:discovery"]
    pages = page.locator("article h2[id='tag:discovery'] + ul a")
    assert pages.count() > 0 and all(a.is_visible() for a in pages.all())
    assert "The Double Diamond" in pages.all_inner_texts()
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= 2 * page.viewport_size["height"], height

    page.get_by_role("link", name="show every tag with its pages").click()
    assert shown_tags(page) == [t["id"] for t in listing]


def test_a_pages_tag_chip_shows_that_tags_pages(site, page):
    open_page(page, site.url("overview/lifecycle.md"))
    with page.expect_navigation():
        page.locator("article .md-tags a.md-tag", has_text="discovery").click()
    assert site.src_of(page.url) == "tags.md"
    assert shown_tags(page) == ["tag:discovery"]
    assert page.locator("article h2[id='tag:discovery']").is_visible()
    assert "The product lifecycle" in page.locator(
        "article h2[id='tag:discovery'] + ul a").all_inner_texts()


def test_the_tags_page_on_a_dark_phone(site, browser, save_screenshot):
    context = new_context(browser, viewport={"width": 375, "height": 812}, device_scale_factor=2,
                          is_mobile=True, has_touch=True, color_scheme="dark")
    page = context.new_page()
    try:
        open_page(page, site.url("tags.md") + "#tag:careers")
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        widths = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        assert widths[0] <= widths[1], f"the Tags page scrolls sideways on a phone: {widths}"
        assert shown_tags(page) == ["tag:careers"]
        chips = page.evaluate(CHIPS)
        assert min(c["height"] for c in chips) >= 24
        height = page.evaluate("document.documentElement.scrollHeight")
        assert height <= 3 * page.viewport_size["height"], height
        save_screenshot(page, "phone-dark-tags", full_page=True)
    finally:
        context.close()
