"""Takes the README's screenshots: the front page, a chapter page, dark mode and a phone.

    .venv/bin/python .github/screenshots/take.py      (or `make screenshots`)

Builds the handbook into a temporary folder, serves it on 127.0.0.1 and photographs it with
Debian's chromium through Playwright (as the browser tests do); every request for another host is
refused. The PNGs are written next to this file.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CHROMIUM = os.environ.get("HANDBOOK_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}

# (file name, page, viewport, colour scheme, element to scroll to the top or None)
SHOTS = [
    ("front-page.png", "", LAPTOP, "light", None),
    ("chapter-page.png", "overview/lifecycle/", LAPTOP, "light", "#business-outcomes"),
    ("dark-mode.png", "overview/lifecycle/", LAPTOP, "dark", "article img"),
    ("phone.png", "overview/lifecycle/", PHONE, "light", "#discovery"),
]


def build(site_dir: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    mkdocs = Path(sys.executable).with_name("mkdocs")
    subprocess.run([str(mkdocs), "build", "--quiet", "--site-dir", str(site_dir)], cwd=ROOT,
                   env=env, check=True)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        pass


def serve(site_dir: Path) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        site_dir = Path(folder) / "site"
        build(site_dir)
        server = serve(site_dir)
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for name, path, viewport, scheme, anchor in SHOTS:
                context = browser.new_context(viewport=viewport, color_scheme=scheme,
                                              is_mobile=viewport is PHONE, has_touch=viewport is PHONE)
                context.route(lambda url: not url.startswith(base) and not url.startswith("data:"),
                              lambda route: route.abort())
                page = context.new_page()
                page.goto(base + path, wait_until="load")
                if anchor:
                    page.locator(anchor).first.evaluate(
                        "e => window.scrollTo(0, e.getBoundingClientRect().top + scrollY - 90)")
                page.wait_for_timeout(300)
                page.screenshot(path=str(HERE / name))
                print(f"wrote {(HERE / name).relative_to(ROOT)}")
                context.close()
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    main()
