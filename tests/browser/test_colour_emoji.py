"""Emoji in colour on a machine without an emoji font (Debian's chromium here has none): the site
paints each emoji with its own Twemoji drawing, in headings, the table of contents and the nav."""

from __future__ import annotations

import base64

from .conftest import open_page

LIFECYCLE = "overview/lifecycle.md"

# Counts the strongly coloured pixels of a PNG (given as base64) in the page's own canvas: a tofu
# box or a black-and-white glyph has none, Twemoji's red target has hundreds.
COLOURED_PIXELS = """async (png) => {
    const image = new Image();
    image.src = "data:image/png;base64," + png;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext("2d");
    context.drawImage(image, 0, 0);
    const data = context.getImageData(0, 0, image.width, image.height).data;
    let coloured = 0;
    for (let i = 0; i < data.length; i += 4) {
        const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
        if (Math.max(r, g, b) - Math.min(r, g, b) > 80) coloured++;
    }
    return {coloured, total: data.length / 4};
}"""


def coloured_pixels(page, locator) -> dict:
    png = locator.screenshot()
    return page.evaluate(COLOURED_PIXELS, base64.b64encode(png).decode("ascii"))


def test_an_emoji_heading_shows_a_colour_glyph_without_an_emoji_font(site, page, save_screenshot):
    open_page(page, site.url(LIFECYCLE))
    heading = page.locator("article h2#business-outcomes")
    emoji = heading.locator("span.emoji")
    assert emoji.get_attribute("aria-hidden") == "true"
    assert emoji.text_content() == "🎯"  # still the character, for search and copying
    counts = coloured_pixels(page, emoji)
    assert counts["coloured"] > counts["total"] * 0.2, counts
    save_screenshot(page, "emoji-heading", clip=heading.bounding_box())
    # The same words without the emoji have no colour: the colour is the emoji's.
    words = coloured_pixels(page, page.locator("article h2#user-needs"))
    emoji_only = coloured_pixels(page, page.locator("article h2#user-needs span.emoji"))
    assert words["coloured"] <= emoji_only["coloured"] + 5, (words, emoji_only)


def test_emoji_are_drawn_from_the_site_in_headings_and_the_toc(site, page):
    open_page(page, site.url(LIFECYCLE))
    styles = page.evaluate("""() => [...document.querySelectorAll(
            ".md-sidebar--secondary span.emoji, article :is(h2, h3) span.emoji")].map(e => {
        const style = getComputedStyle(e);
        return {text: e.textContent, hidden: e.getAttribute("aria-hidden"),
                image: style.backgroundImage, colour: style.color, width: e.offsetWidth};
    })""")
    assert len(styles) >= 20, styles  # the lifecycle's headings, twice (page and TOC)
    for style in styles:
        assert style["hidden"] == "true", style
        assert style["image"].startswith(f'url("{site.base_url}assets/emoji/'), style
        assert style["colour"] == "rgba(0, 0, 0, 0)", style  # the character stays underneath
        assert style["width"] > 0, style
    toc = page.locator(".md-sidebar--secondary a[href='#business-outcomes'] span.emoji")
    assert coloured_pixels(page, toc)["coloured"] > 20


def test_every_drawing_the_stylesheet_names_is_served(site, page):
    open_page(page, site.url(LIFECYCLE))
    failed = page.evaluate("""async () => {
        const sheet = [...document.styleSheets].find(s => (s.href || "").endsWith("twemoji.css"));
        const urls = [...sheet.cssRules].map(r => r.style && r.style.backgroundImage)
            .filter(u => u && u.startsWith("url(")).map(u => new URL(u.slice(5, -2), sheet.href).href);
        const answers = await Promise.all(urls.map(u => fetch(u).then(r => [u, r.status])));
        return {count: urls.length, failed: answers.filter(([u, s]) => s !== 200)};
    }""")
    assert failed["count"] >= 10 and failed["failed"] == [], failed
