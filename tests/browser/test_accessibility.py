"""Accessibility: axe-core's WCAG 2.2 AA rules on every built page, and the keyboard alone."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

from .conftest import (NEXT_BUTTON, PAGES, SEARCH_INPUT, active_element, h2_headings, new_context,
                       open_page, url_path, wait_for_result, wait_for_settled_results)

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
BUILT_PAGES = [*PAGES, "404.html"]


@pytest.fixture(scope="module")
def axe(browser):  # `browser` first: it fails with a clear message if a package is missing
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def _report(page_name: str, violations: list[dict]) -> str:
    lines = [f"{len(violations)} axe-core violation(s) ({', '.join(WCAG_TAGS)}) on {page_name}:"]
    for violation in violations:
        lines.append("")
        lines.append(f"- {violation['id']} [{violation.get('impact')}]: {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"][:10]:
            lines.append(f"  * element: {' '.join(json.dumps(t) for t in node['target'])}")
            lines.append(f"    html:    {' '.join(node['html'].split())[:300]}")
            summary = node.get("failureSummary") or ""
            for detail in summary.splitlines():
                if detail.strip():
                    lines.append(f"    {detail.strip()}")
        if len(violation["nodes"]) > 10:
            lines.append(f"  ... and {len(violation['nodes']) - 10} more element(s)")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def axe_page(browser):
    """One tab for the whole module: axe runs page after page in it."""
    ctx = new_context(browser)
    yield ctx.new_page()
    ctx.close()


@pytest.mark.parametrize("src", BUILT_PAGES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_page_has_no_wcag_violations(site, axe, axe_page, scheme, src):
    """Both of Material's colour schemes: the palette follows the reader's system preference."""
    axe_page.emulate_media(color_scheme=scheme)
    path = src if src.endswith(".html") else url_path(src)
    response = axe_page.goto(site.url(path), wait_until="load")
    assert response is not None
    if src != "404.html":
        assert response.ok, f"{src} answered {response.status}"
    axe_page.wait_for_selector("article.md-content__inner", state="attached")
    shown = axe_page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    expected = {"light": "default", "dark": "slate"}[scheme]
    assert shown == expected, f"the {scheme} colour scheme shows {shown}"
    results = axe.run(axe_page, options=AXE_OPTIONS)
    violations = results.response["violations"]
    if violations:
        pytest.fail(_report(f"{src} ({scheme} colour scheme)", violations), pytrace=False)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_tags_page_with_every_tags_pages_shown_has_no_wcag_violations(site, axe, page, scheme):
    """The Tags page shows its listing only for the tag chosen (or every tag, #all-tags); the test
    above sees the index alone."""
    page.emulate_media(color_scheme=scheme)
    open_page(page, site.url("tags.md") + "#all-tags")
    page.wait_for_selector("article h2[id='tag:discovery']", state="visible")
    # From the top, as the test above sees pages: scrolled to #all-tags, the sticky header covers
    # the chips above it, which axe counts as targets too small.
    page.evaluate("window.scrollTo(0, 0)")
    violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
    if violations:
        pytest.fail(_report(f"tags.md#all-tags ({scheme} colour scheme)", violations), pytrace=False)


def _tab_until(page, selector: str, limit: int) -> list[dict]:
    """Press Tab until the focused element matches `selector`; returns the elements passed."""
    passed = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return passed
        passed.append(active_element(page))
    where = "\n".join(f"  {e['tag']}.{e['cls']} {e['href']} {e['text']!r}" for e in passed[-15:])
    pytest.fail(f"{selector} not reached after {limit} presses of Tab on {page.url}; "
                f"the last elements focused were:\n{where}")


def test_keyboard_only_search_open_result_and_next(site, page):
    """Tab to the search, type, open a result with the keyboard, then Tab to the Next button."""
    open_page(page, site.url("index.md"))

    page.keyboard.press("Tab")
    first = active_element(page)
    assert "md-skip" in first["cls"].split(), (
        f"the first Tab stop is not 'Skip to content': {first}")

    anchor = next((a for a, text in h2_headings(site.built.page_html("overview/lifecycle.md"))
                   if text.endswith("Business outcomes")), None)
    assert anchor, "overview/lifecycle.md has no 'Business outcomes' heading"
    _tab_until(page, SEARCH_INPUT, limit=15)
    page.keyboard.type("Business outcomes", delay=20)
    target = urlsplit(site.url("overview/lifecycle.md")).path
    assert wait_for_result(page, target, anchor), (
        f"typing 'Business outcomes' did not list overview/lifecycle.md#{anchor}")
    wait_for_settled_results(page)

    # Material moves the focus through the results with the arrow keys; Enter opens one.
    for _ in range(40):
        page.keyboard.press("ArrowDown")
        focused = active_element(page)
        where = urlsplit(focused["href"])
        if where.path == target and where.fragment == anchor:
            break
    else:
        pytest.fail(f"ArrowDown never reached the 'Business outcomes' result; focus: {focused}")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert site.src_of(page.url) == "overview/lifecycle.md"
    assert urlsplit(page.url).fragment == anchor

    _tab_until(page, NEXT_BUTTON, limit=600)
    expected = site.pages[site.pages.index("overview/lifecycle.md") + 1]
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert site.src_of(page.url) == expected
