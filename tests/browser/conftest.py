"""Browser tests: the real handbook, built once, served on 127.0.0.1 and read in headless Chromium.

Nothing here is skipped: CI installs Playwright (the `test` extra) and Debian's chromium, so a
missing piece is a broken set-up and every browser test fails with a message saying what to install.
Playwright never downloads a browser: it drives /usr/bin/chromium (or $HANDBOOK_CHROMIUM).
"""

from __future__ import annotations

import functools
import http.server
import importlib.util
import json
import os
import re
import socket
import sys
import threading
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
DOCS = ROOT / "docs"
SCREENSHOTS = Path(os.environ.get("HANDBOOK_SCREENSHOTS", ROOT / "screenshots"))
CHROMIUM = os.environ.get("HANDBOOK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-quic",
    "--disable-sync",
    # Belt and braces: even if a page asked for another host, the name would not resolve.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
LOCAL_HOST = "127.0.0.1"
TIMEOUT_MS = 10_000  # any single Playwright wait

# Every Markdown page of the handbook, known at collection time (the build adds 404.html). Files in
# folders whose names start with a dot (docs/.snippets/) are left out by MkDocs: they are not pages.
PAGES = sorted(path for path in (p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))
               if not any(part.startswith(".") for part in path.split("/")))


def url_path(src: str) -> str:
    """The site-relative URL of a Markdown source path, with MkDocs' directory URLs."""
    stem = src[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def _load_shared_conftest():
    """tests/conftest.py (for build_docs), by path: `import conftest` might find this file."""
    name = "_handbook_tests_conftest"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "tests" / "conftest.py")
        sys.modules[name] = module = importlib.util.module_from_spec(spec)
        try:
            spec.loader.exec_module(module)
        except BaseException:
            del sys.modules[name]
            raise
    return sys.modules[name]


shared = _load_shared_conftest()
build_docs = shared.build_docs
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


# --- what is needed, failing loudly -------------------------------------------------------------

try:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright
except ImportError as err:  # pragma: no cover - exercised only on a broken set-up
    sync_playwright = None
    PlaywrightError = Exception
    _IMPORT_ERROR = err
else:
    _IMPORT_ERROR = None


def _require_browser_stack() -> None:
    if _IMPORT_ERROR is not None:
        pytest.fail(
            "The browser tests need the Python package 'playwright' (and 'axe-playwright-python'), "
            f"which could not be imported ({_IMPORT_ERROR}). Install the test extra: "
            "`.venv/bin/pip install -e '.[test]'` (or `make test`, which does it). "
            "Do not run `playwright install`: the tests use Debian's chromium.",
            pytrace=False,
        )
    try:
        import axe_playwright_python  # noqa: F401
    except ImportError as err:
        pytest.fail(
            f"The accessibility tests need 'axe-playwright-python' ({err}). "
            "Install the test extra: `.venv/bin/pip install -e '.[test]'`.",
            pytrace=False,
        )
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"The browser tests need Chromium at {CHROMIUM}, which is missing. "
            "On Debian or Ubuntu: `sudo apt-get install chromium` (.ci/run does this in CI), "
            "or point HANDBOOK_CHROMIUM at another Chromium binary.",
            pytrace=False,
        )


# --- the built handbook, served locally ---------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: one connection serves a page's many files
    mount = "/"  # where the site is served, as on GitHub Pages: site_url's path

    def translate_path(self, path):
        if not path.startswith(self.mount):
            return os.path.join(self.directory, "\0not-under-the-site's-path")
        return super().translate_path("/" + path[len(self.mount):])

    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A browser leaving a page may drop a connection mid-response; that is not a failure.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOCAL_HOST, 0))
        return sock.getsockname()[1]


@dataclass
class Site:
    """The handbook built into `site_dir` and served at `base_url` (ending in '/')."""

    built: object  # conftest.Built
    base_url: str

    @property
    def site_dir(self) -> Path:
        return self.built.site_dir

    @property
    def pages(self) -> list[str]:
        """Markdown sources in the order the nav lists them."""
        return self.built.pages

    @functools.cached_property
    def reading_order(self) -> list[str]:
        """The pages Next and Previous walk: the nav's, less the site pages that stand outside the
        reading order (front matter `prev: false` and `next: false`)."""
        from handbook.pages.frontmatter import read_page
        from handbook.pages.schema import validate
        from handbook.nav.pager import standalone_pages

        records = [validate(read_page((DOCS / src).read_bytes(), src)[0])[0] for src in self.pages]
        standalone = standalone_pages(records)
        return [src for src in self.pages if src not in standalone]

    def url(self, src_or_path: str) -> str:
        path = url_path(src_or_path) if src_or_path.endswith(".md") else src_or_path
        return self.base_url + path

    def src_of(self, url: str) -> str:
        """The Markdown source of a page URL on this server (ignores the fragment and query)."""
        path = urlsplit(url).path.removeprefix(urlsplit(self.base_url).path)
        for src in self.pages:
            if url_path(src) == path:
                return src
        return f"<not a handbook page: {path or '/'}>"


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Site:
    built = build_docs(DOCS, tmp_path_factory.mktemp("browser-site"), strict=True, content_rules=None)
    assert not built.aborted and built.messages == [], (
        "the strict build of the handbook failed:\n" + "\n".join(built.messages))
    # Served under the path of the site's address (/handbook/ on GitHub Pages), as it is published:
    # a page that names its files from the site root would break here as it would there.
    mount = urlsplit(shared.load_config(str(ROOT / "mkdocs.yml")).site_url or "/").path
    handler = functools.partial(type("Handler", (_QuietHandler,), {"mount": mount}),
                                directory=str(built.site_dir))
    server = _QuietServer((LOCAL_HOST, 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="handbook-http", daemon=True)
    thread.start()
    try:
        yield Site(built, f"http://{LOCAL_HOST}:{server.server_address[1]}{mount}")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# --- the browser --------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    _require_browser_stack()
    with sync_playwright() as playwright:
        try:
            instance = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True, timeout=30_000)
        except PlaywrightError as err:
            pytest.fail(f"Chromium at {CHROMIUM} would not start under Playwright: {err}",
                        pytrace=False)
        yield instance
        instance.close()


@dataclass
class Traffic:
    """Every request a browser context made, and those that left 127.0.0.1 (which were blocked)."""

    requests: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)


FOREIGN_URL = re.compile(r"^(?!(?:https?|wss?)://127\.0\.0\.1(?::\d+)?(?:/|$)|data:|blob:|about:)")


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.hostname == LOCAL_HOST


def new_context(browser, traffic: Traffic | None = None, **options):
    """A fresh context that records every request and aborts any that would leave 127.0.0.1."""
    options.setdefault("viewport", {"width": 1280, "height": 900})
    options.setdefault("service_workers", "block")
    context = browser.new_context(**options)
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    traffic = traffic if traffic is not None else Traffic()

    def on_request(request):
        traffic.requests.append(request.url)
        if not _is_local(request.url):
            origin = request.frame.url if _has_frame(request) else "a worker"
            traffic.foreign.append(f"{request.url}  (asked for by {origin})")

    def block(route):
        route.abort("blockedbyclient")

    context.on("request", on_request)
    # Only requests for another host come back to Python (a regex is matched inside Playwright's
    # driver), so the site's own files load at full speed.
    context.route(FOREIGN_URL, block)
    context.traffic = traffic
    return context


def _has_frame(request) -> bool:
    try:
        return request.frame is not None
    except PlaywrightError:  # requests from service or web workers have no frame
        return False


@pytest.fixture
def context(browser):
    ctx = new_context(browser)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def mobile_context(browser):
    ctx = new_context(browser, viewport={"width": 375, "height": 812}, device_scale_factor=2,
                      is_mobile=True, has_touch=True)
    yield ctx
    ctx.close()


# --- screenshots, reported in the terminal summary ------------------------------------------------

_SHOTS: list[Path] = []


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)  # each run overwrites its own files
    return SCREENSHOTS


@pytest.fixture
def save_screenshot(screenshot_dir):
    def _save(page, name: str, **options) -> Path:
        path = screenshot_dir / f"{name}.png"
        page.screenshot(path=str(path), **options)
        _SHOTS.append(path)
        print(f"screenshot: {path}")
        return path

    return _save


def pytest_terminal_summary(terminalreporter):
    if _SHOTS:
        terminalreporter.section("handbook screenshots")
        terminalreporter.write_line(f"written to {SCREENSHOTS}:")
        for path in _SHOTS:
            terminalreporter.write_line(f"  {path}")


# --- small helpers the test modules share ---------------------------------------------------------

SEARCH_INPUT = "input.md-search__input"
SEARCH_RESULT_LINKS = ".md-search-result__item a[href]"
NEXT_BUTTON = "a.md-footer__link--next"
PREV_BUTTON = "a.md-footer__link--prev"


def open_page(page, url: str):
    """Go to `url`, check it answered 200 and wait for the page's article."""
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, f"{url} answered {response and response.status}"
    page.wait_for_selector("article.md-content__inner", state="attached")
    return response


def result_hrefs(page) -> list[str]:
    return page.eval_on_selector_all(SEARCH_RESULT_LINKS, "links => links.map(a => a.href)")


def wait_for_result(page, path: str, fragment: str | None = None, timeout: float = 8000) -> bool:
    """Wait until the search results link to `path` (an absolute URL path), or its `#fragment`."""
    try:
        page.wait_for_function(
            """([path, fragment]) => [...document.querySelectorAll(%s)].some(a => {
                   const url = new URL(a.href);
                   return url.pathname === path
                       && (fragment === null || url.hash === "#" + fragment);
               })""" % json.dumps(SEARCH_RESULT_LINKS),
            arg=[path, fragment], timeout=timeout, polling=50)
    except PlaywrightError:
        return False
    return True


def wait_for_settled_results(page, quiet_ms: int = 300, timeout: float = 8000) -> None:
    """Wait until the search results have not changed for `quiet_ms`: the search worker answers
    each keystroke, and a late answer re-renders the list, dropping the focus from a result the
    keyboard has just reached."""
    page.wait_for_function(
        """([selector, quiet]) => {
               const now = [...document.querySelectorAll(selector)].map(a => a.href).join(" ");
               const seen = window.__handbookResults;
               if (!seen || seen.list !== now) {
                   window.__handbookResults = {list: now, since: performance.now()};
                   return false;
               }
               return performance.now() - seen.since >= quiet;
           }""", arg=[SEARCH_RESULT_LINKS, quiet_ms], timeout=timeout, polling=50)


def active_element(page) -> dict:
    return page.evaluate("""() => {
        const e = document.activeElement;
        return {tag: e.tagName.toLowerCase(), cls: e.className || "", href: e.href || "",
                text: (e.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 60)};
    }""")


class _Headings(HTMLParser):
    """The h2 headings (id and text) inside a built page's article."""

    def __init__(self):
        super().__init__()
        self.headings: list[tuple[str, str]] = []
        self._in_article = 0
        self._current: list | None = None
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self._in_article += 1
        elif tag == "h2" and self._in_article and attrs.get("id"):
            self._current = [attrs["id"], ""]
        elif (tag == "a" and self._current is not None
              and "headerlink" in (attrs.get("class") or "")):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag == "article":
            self._in_article -= 1
        elif tag == "a" and self._skip:
            self._skip -= 1
        elif tag == "h2" and self._current is not None:
            self.headings.append((self._current[0], " ".join(self._current[1].split())))
            self._current = None

    def handle_data(self, data):
        if self._current is not None and not self._skip:
            self._current[1] += data


def h2_headings(html: str) -> list[tuple[str, str]]:
    """(id, text) of each h2 in a built page's article, without the permalink sign."""
    parser = _Headings()
    parser.feed(html)
    return parser.headings
