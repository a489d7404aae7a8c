"""Problems shown where the editor looks: under `mkdocs serve` only, a page with problems shows them
at its top (file, line, message) and a build with problems that would fail `make build` shows a
banner on every page. A real build never contains them."""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterable, MutableMapping

from handbook.problems import Problem

SERVING = "HANDBOOK_SERVING"  # set by on_startup for the serving process (see set_serving)
FAILING = ("error", "warning")
BANNER_LIMIT = 5  # problems listed in the banner; the rest are counted
# Where a notice goes in a finished page: at the top of the article (Material), else of the body.
ARTICLE_START = re.compile(r"<article\b[^>]*>")
BODY_START = re.compile(r"<body\b[^>]*>")


def set_serving(command: str, environ: MutableMapping[str, str] | None = None) -> None:
    """Remember, for this process, whether MkDocs is serving. MkDocs loads hook modules afresh for
    every rebuild of `mkdocs serve` and calls on_startup only once, so the answer lives in the
    process's environment, which is what a process-wide fact is."""
    environ = os.environ if environ is None else environ
    if command == "serve":
        environ[SERVING] = "1"
    else:
        environ.pop(SERVING, None)


def serving(environ: MutableMapping[str, str] | None = None) -> bool:
    return (os.environ if environ is None else environ).get(SERVING) == "1"


def _item(problem: Problem, prefix: str) -> str:
    return f"<li><code>{html.escape(problem.render(prefix))}</code></li>"


def page_notice(problems: Iterable[Problem], prefix: str) -> str:
    """The box at the top of a page with problems ('' when it has none); notes, which do not fail
    the build, stay in the terminal."""
    listed = [p for p in problems if p.severity in FAILING]
    if not listed:
        return ""
    items = "".join(_item(p, prefix) for p in listed)
    return ('<div class="admonition failure handbook-problems" role="alert">'
            f'<p class="admonition-title">This page has {len(listed)} problem'
            f'{"" if len(listed) == 1 else "s"} (shown only in the preview)</p>'
            f"<ul>{items}</ul><p>Fix them in the file; this preview reloads when you save.</p></div>")


def build_banner(problems: Iterable[Problem], prefix: str) -> str:
    """The banner on every page when the build has problems that `make build` would fail on."""
    failing = [p for p in problems if p.severity in FAILING]
    if not failing:
        return ""
    items = "".join(_item(p, prefix) for p in failing[:BANNER_LIMIT])
    more = len(failing) - BANNER_LIMIT
    rest = f"<p>... and {more} more; run <code>make check</code> for the full list.</p>" if more > 0 else ""
    return ('<div class="admonition danger handbook-build-problems" role="alert">'
            f'<p class="admonition-title">The build has {len(failing)} problem'
            f'{"" if len(failing) == 1 else "s"}: <code>make build</code> would fail</p>'
            f"<ul>{items}</ul>{rest}</div>")


def insert_notice(page_html: str, notice: str) -> str:
    """The finished page with `notice` at the top of its article (or body)."""
    if not notice:
        return page_html
    for start in (ARTICLE_START, BODY_START):
        found = start.search(page_html)
        if found:
            return page_html[: found.end()] + notice + page_html[found.end():]
    return notice + page_html
