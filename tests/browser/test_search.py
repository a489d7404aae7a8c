"""Search: what a reader types into Material's search box finds the page or section they mean."""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

import pytest

from .conftest import (SEARCH_INPUT, SEARCH_RESULT_LINKS, h2_headings, new_context, open_page,
                       result_hrefs, wait_for_result)


def _titles(nav) -> dict[str, str]:
    """{source path: title} of every page in the nav."""
    out = {}
    for item in nav:
        for title, value in item.items():
            if isinstance(value, list):
                out.update(_titles(value))
            else:
                out[value] = title
    return out


def _words(text: str) -> str:
    """What a reader would type: the words of a heading, without emoji or punctuation."""
    return " ".join(re.findall(r"[A-Za-z0-9][A-Za-z0-9'-]*", text))


STOP_WORDS = set("""a an and are as at be but by do for from how if in into is it its not of on or
    so that the their there this to was what when where which who why will with you your""".split())


def _content_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOP_WORDS]


def _article_text(html: str) -> str:
    article = html.split("<article", 1)[-1].split("</article>", 1)[0]
    return re.sub(r"<[^>]+>", " ", article)


def _headings(site, src: str) -> list[tuple[str, str]]:
    return h2_headings(site.built.page_html(src))


@pytest.fixture(scope="module")
def search_page(browser, site):
    """One tab with the search open on the home page, reused for every query of this module."""
    ctx = new_context(browser)
    tab = ctx.new_page()
    open_page(tab, site.url("index.md"))
    tab.click(SEARCH_INPUT)
    yield tab
    ctx.close()


def _search(tab, query: str) -> None:
    box = tab.locator(SEARCH_INPUT)
    box.fill(query)
    box.press("End")  # Material reads the query on keyup, as when a reader types it


def _check(tab, site, query: str, src: str, fragment: str | None) -> str | None:
    _search(tab, query)
    path = urlsplit(site.url(src)).path
    if wait_for_result(tab, path, fragment):
        return None
    want = f"{src}#{fragment}" if fragment else src
    listed = list(dict.fromkeys(site.src_of(h) for h in result_hrefs(tab)))
    return f"searching {query!r} does not list {want}; the pages listed are {listed}"


def test_searching_a_page_title_lists_the_page(site, search_page):
    titles = _titles(site.built.nav)
    assert set(titles) == set(site.pages)
    # The front page is labelled "Home" in the nav; its title, the cover's, is the handbook's name.
    assert titles["index.md"] == "Home"
    titles["index.md"] = "Product Management Handbook"
    problems = [problem for src, title in titles.items()
                if (problem := _check(search_page, site, title, src, None))]
    assert not problems, "\n".join(problems)


def test_searching_the_words_of_a_section_lists_the_section(site, search_page):
    """For each page, the h2 a reader would most likely search for: a heading no other page has,
    whose words are the rarest in the handbook (Tags is left out: its headings are the tags)."""
    every = {src: _headings(site, src) for src in site.pages if src != "tags.md"}
    counts = Counter(_words(text).lower() for headings in every.values() for _, text in headings)
    pages_with = Counter(word for src in site.pages
                         for word in set(_content_words(_article_text(site.built.page_html(src)))))

    def rarity(words: str) -> float:
        return sum(1 / max(pages_with[w], 1) for w in _content_words(words))

    problems, checked = [], 0
    for src, headings in every.items():
        unique = [(anchor, _words(text)) for anchor, text in headings
                  if counts[_words(text).lower()] == 1 and _content_words(text)]
        if not unique:
            continue
        anchor, words = max(unique, key=lambda item: rarity(item[1]))
        checked += 1
        if problem := _check(search_page, site, words, src, anchor):
            problems.append(problem)
    assert checked >= len(every) - 2, "most pages should have a heading of their own to search for"
    assert not problems, "\n".join(problems)


def test_searching_the_words_of_an_emoji_heading_finds_it(site, page):
    """`## :dart: Business outcomes` is rendered as an emoji plus words; the words find it."""
    headings = dict((text, anchor) for anchor, text in _headings(site, "overview/lifecycle.md"))
    heading = next((text for text in headings if text.endswith("Business outcomes")), None)
    assert heading and heading != "Business outcomes", (
        f"overview/lifecycle.md should have an emoji heading 'Business outcomes': {list(headings)}")
    assert ":dart:" not in heading, "the shortcode was not turned into an emoji"

    open_page(page, site.url("index.md"))
    page.click(SEARCH_INPUT)
    page.keyboard.type("Business outcomes", delay=15)
    path = urlsplit(site.url("overview/lifecycle.md")).path
    assert wait_for_result(page, path, headings[heading]), (
        f"searching 'Business outcomes' lists {result_hrefs(page)[:10]}")
    result = page.locator(SEARCH_RESULT_LINKS).filter(
        has=page.locator("h1, h2, h3")).filter(has_text="Business outcomes").first
    assert "Business outcomes" in result.inner_text()
