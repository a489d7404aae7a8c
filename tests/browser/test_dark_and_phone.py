"""Diagrams follow the colour scheme (the system's, and Material's palette toggle) and stay legible on
a phone; on a phone the header keeps the site name whole and the page's facts stay short; the Tags
page fits a screen or two."""

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


@pytest.mark.xfail(strict=True, reason="the Tags page grew to about 2,800 px at 1280x900 with the "
                   "44 pages of the content issue; it needs a denser layout (open)")
def test_the_tags_page_fits_a_screen_or_two(site, page):
    open_page(page, site.url("tags.md"))
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= 2 * page.viewport_size["height"], height
    fundamentals = page.locator("article h2[id='tag:fundamentals'] + ul li")
    assert 0 < fundamentals.count() <= 6  # a tag on most pages would narrow nothing down
    for site_page in ("Contributing", "Review status", "Home", "Tags"):
        assert site_page not in fundamentals.all_inner_texts()
