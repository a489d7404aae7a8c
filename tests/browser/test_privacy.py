"""Privacy: reading the handbook makes no request to any host but the one serving it."""

from __future__ import annotations

import time

from .conftest import SEARCH_INPUT, Traffic, new_context, open_page


class _InFlight:
    """Counts a page's unfinished requests, to wait until what a page started has settled."""

    def __init__(self, page):
        self.count = 0
        page.on("request", self._start)
        page.on("requestfinished", self._end)
        page.on("requestfailed", self._end)

    def _start(self, request):
        self.count += 1

    def _end(self, request):
        self.count -= 1

    def settle(self, page, quiet_ms: int = 150, limit_s: float = 5.0) -> None:
        deadline, quiet_since = time.monotonic() + limit_s, None
        while time.monotonic() < deadline:
            page.wait_for_timeout(25)  # lets Playwright deliver the pending events
            if self.count > 0:
                quiet_since = None
            elif quiet_since is None:
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since >= quiet_ms / 1000:
                return


def _read_every_page(page, site) -> None:
    inflight = _InFlight(page)
    for src in site.pages:
        open_page(page, site.url(src))
        # Lazy images and late fonts load only when seen: scroll to the end, then let it settle.
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        inflight.settle(page)
    page.goto(site.url("404.html"))
    inflight.settle(page)
    # The search worker fetches its index; searching must stay local too.
    open_page(page, site.url("index.md"))
    page.click(SEARCH_INPUT)
    page.keyboard.type("roadmap", delay=10)
    page.wait_for_selector(".md-search-result__item")
    inflight.settle(page)


def test_no_request_leaves_the_site_while_reading_every_page(browser, site):
    traffic = Traffic()
    ctx = new_context(browser, traffic=traffic)
    try:
        _read_every_page(ctx.new_page(), site)
    finally:
        ctx.close()
    assert len(traffic.requests) > len(site.pages), "the requests were not recorded"
    assert not traffic.foreign, (
        f"{len(traffic.foreign)} request(s) left {site.base_url} (they were blocked):\n  "
        + "\n  ".join(dict.fromkeys(traffic.foreign)))


def test_a_request_to_another_host_would_be_caught_and_blocked(browser, site):
    """The check above can fail: a page asking another host for a file is recorded and blocked."""
    traffic = Traffic()
    ctx = new_context(browser, traffic=traffic)
    try:
        page = ctx.new_page()
        open_page(page, site.url("index.md"))
        loaded = page.evaluate("""() => new Promise(done => {
            const img = new Image();
            img.onload = () => done(true);
            img.onerror = () => done(false);
            img.src = "https://fonts.example.com/pixel.png";
        })""")
    finally:
        ctx.close()
    assert loaded is False
    assert [url for url in traffic.foreign if "fonts.example.com" in url], traffic.foreign
