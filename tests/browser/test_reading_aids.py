"""What a reader gets besides the text: a copy button that copies a template exactly, and the full
form of an abbreviation wherever it appears."""

from __future__ import annotations

from .conftest import new_context, open_page

COPY_BUTTON = 'article .md-code__button[data-md-type="copy"]'


def test_a_template_is_copied_exactly_with_one_click(browser, site):
    context = new_context(browser, permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        open_page(page, site.url("toolkit/one-pager.md"))
        block = page.locator("article pre").first
        block.hover()
        button = page.locator(COPY_BUTTON).first
        button.click()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.startswith("# [Short name of the problem, not the solution]")
        assert "## Decision needed" in copied
        assert copied.strip() == block.locator("code").inner_text().strip()
    finally:
        context.close()


def test_an_abbreviation_shows_its_full_form(page, site):
    open_page(page, site.url("internal/slos-and-error-budgets.md"))
    slo = page.locator("article abbr", has_text="SLO").first
    assert slo.get_attribute("title") == "Service level objective"
