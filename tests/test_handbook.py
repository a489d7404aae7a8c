"""The real handbook: a strict build of docs/ in a temporary folder, and what every page must have."""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import ROOT, build_docs
from handbook.pages.frontmatter import read_page

DOCS = ROOT / "docs"
# MkDocs leaves out files in folders whose names start with a dot, such as the shared abbreviations in
# docs/.snippets/: they are appended to pages, not published as pages.
PAGES = sorted(path for path in (p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))
               if not any(part.startswith(".") for part in path.split("/")))
ABBREVIATIONS = DOCS / ".snippets" / "abbreviations.md"


def _meta(src: str) -> dict:
    return read_page((DOCS / src).read_bytes(), src)[0].meta


# Topic pages: every page that sits under a chapter (chapter front pages and the top-level pages,
# such as Contributing and the Glossary, are not topics).
TOPICS = [src for src in PAGES if _meta(src).get("parent")]


@pytest.fixture(scope="module")
def handbook(tmp_path_factory):
    return build_docs(DOCS, tmp_path_factory.mktemp("site"), strict=True)


def test_strict_build_succeeds_without_warnings(handbook):
    assert not handbook.aborted
    assert handbook.messages == []


@pytest.mark.parametrize("src", PAGES)
def test_every_page_is_built(handbook, src):
    html = handbook.page_html(src)
    assert "<article" in html


def test_handbook_has_at_least_forty_topic_pages():
    assert len(TOPICS) >= 40


@pytest.mark.parametrize("src", PAGES)
def test_front_matter_is_complete(src):
    page, problems = read_page((DOCS / src).read_bytes(), src)
    assert problems == []
    for key in ("title", "nav_order", "description", "tags"):
        assert page.meta.get(key) not in (None, ""), f"{src} has no {key}"
    top_level = src.count("/") == 0 or src.endswith("/index.md") and src.count("/") == 1
    assert ("parent" in page.meta) != top_level, f"{src}: parent is needed exactly below the top level"


@pytest.mark.parametrize("src", [p for p in PAGES if p != "tags.md"])
def test_every_page_has_substance(src):
    body = (DOCS / src).read_text(encoding="utf-8").split("---", 2)[2]
    prose = re.sub(r"```.*?```|\(.*?\)|\|", " ", body, flags=re.S)
    assert len(re.findall(r"[A-Za-z][A-Za-z'-]*", prose)) >= 300


class _Resources(HTMLParser):
    """Every URL the browser would load by itself: src=, stylesheets, preloads and preconnects."""

    LOADING_RELS = {"stylesheet", "preconnect", "dns-prefetch", "preload", "prefetch", "modulepreload",
                    "icon", "manifest"}

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("src", "srcset", "poster", "data"):
            if attrs.get(name):
                self.urls.append(attrs[name])
        rels = set((attrs.get("rel") or "").lower().split())
        if tag == "link" and rels & self.LOADING_RELS and attrs.get("href"):
            self.urls.append(attrs["href"])


def _built_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_no_page_loads_anything_from_another_host(handbook):
    offenders = []
    for page in _built_pages(handbook.site_dir):
        html = page.read_text(encoding="utf-8")
        parser = _Resources()
        parser.feed(html)
        for url in parser.urls:
            if urlsplit(url.strip()).netloc or url.strip().startswith("//"):
                offenders.append(f"{page.relative_to(handbook.site_dir)}: {url}")
        for url in re.findall(r"@import\s+url\(['\"]?(https?:[^'\")]+)", html):
            offenders.append(f"{page.relative_to(handbook.site_dir)}: {url}")
    assert offenders == []


def test_stylesheets_fetch_no_fonts_from_another_host(handbook):
    for css in handbook.site_dir.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        assert not re.search(r"url\(['\"]?(https?:)?//", text), css


def test_drawings_are_served_by_the_site_with_text_alternatives(handbook):
    html = handbook.page_html("overview/double-diamond.md")
    images = re.findall(r"<img [^>]*>", html)
    svg = [tag for tag in images if ".svg" in tag]
    assert svg, "the Double Diamond page shows its drawing"
    for tag in svg:
        assert re.search(r'alt="[^"]{20,}"', tag), tag
    assert (handbook.site_dir / "assets/images/double-diamond.svg").exists()


def test_repository_link_does_not_ask_the_code_host_for_statistics(handbook):
    html = handbook.page_html("index.md")
    assert 'class="md-source"' in html
    assert 'data-md-component="source"' not in html


def test_lifecycle_stages_use_emoji_headings_with_word_ids(handbook):
    html = handbook.page_html("overview/lifecycle.md")
    assert re.search(r'<h2 id="business-outcomes"><span class="heading-alias" id="dart-business-outcomes"></span>'
                     r'<span aria-hidden="true" class="emoji" data-shortcode="dart">🎯</span> Business outcomes', html)
    assert '<h2 id="launch">' in html


def test_search_index_has_no_shortcodes(handbook):
    text = (handbook.site_dir / "search/search_index.json").read_text(encoding="utf-8")
    assert not re.search(r":[a-z][a-z0-9_+-]*:", text)


@pytest.mark.parametrize("src", PAGES)
def test_every_page_has_an_owner_and_review_dates(src):
    from handbook.pages.schema import validate

    record, problems = validate(read_page((DOCS / src).read_bytes(), src)[0])
    assert problems == []
    assert record.owner and record.last_reviewed and record.review_in, src


def test_every_page_states_its_owner_and_the_site_lists_every_page(handbook):
    import json

    entries = json.loads((handbook.site_dir / "pages.json").read_text(encoding="utf-8"))
    assert sorted(e["path"] for e in entries) == PAGES
    for src in PAGES:
        assert 'class="handbook-page-info"' in handbook.page_html(src), src
    review = handbook.page_html("review-status.md")
    assert "<!-- handbook:review-status -->" not in review and 'id="overdue"' in review


def _article(html: str) -> str:
    return html[html.index("<article"):html.index("</article>")]


def _linked_pages(handbook, src: str) -> set[str]:
    """The other pages a page's text links to, as site paths (tags and the page itself left out)."""
    stem = src[: -len(".md")]
    base = "/" + (stem[: -len("index")] if stem == "index" or stem.endswith("/index") else stem + "/")
    found = set()
    for href in re.findall(r'href="([^"#]*)(?:#[^"]*)?"', _article(handbook.page_html(src))):
        if not href or urlsplit(href).scheme or href.startswith("//"):
            continue
        target = posixpath.normpath(posixpath.join(base, href)).rstrip("/") + "/"
        if target not in {base, "/tags/"}:
            found.add(target)
    return found


@pytest.mark.parametrize("src", TOPICS)
def test_every_topic_page_links_to_at_least_two_related_pages(handbook, src):
    assert len(_linked_pages(handbook, src)) >= 2, f"{src} links to fewer than two other pages"


def test_abbreviations_are_tooltips_on_every_page_and_the_shared_list_is_not_published(handbook):
    html = handbook.page_html("overview/requirements-and-prioritisation.md")
    assert '<abbr title="Reach, impact, confidence and effort">RICE</abbr>' in html
    assert '<abbr title="Service level objective">SLO</abbr>' in handbook.page_html(
        "internal/slos-and-error-budgets.md")
    assert not (handbook.site_dir / ".snippets").exists()
    definitions = re.findall(r"^(\*\[[^\]]+\]:.*)$", ABBREVIATIONS.read_text(encoding="utf-8"), flags=re.M)
    for page in _built_pages(handbook.site_dir):
        text = re.sub(r"<code>.*?</code>", "", page.read_text(encoding="utf-8"), flags=re.S)
        assert "tooltips on every page" not in text, page  # the file's own comments stay hidden
        assert not [line for line in definitions if line in text], page


def test_every_abbreviation_is_explained_in_the_glossary():
    defined = re.findall(r"^\*\[([^\]]+)\]:", ABBREVIATIONS.read_text(encoding="utf-8"), flags=re.M)
    assert len(defined) >= 20
    glossary = (DOCS / "glossary.md").read_text(encoding="utf-8")
    missing = [abbr for abbr in defined if not re.search(rf"^{re.escape(abbr)}\b", glossary, flags=re.M)]
    assert missing == []


def test_glossary_defines_at_least_forty_terms(handbook):
    assert len(re.findall(r"<dt[ >]", handbook.page_html("glossary.md"))) >= 40


TEMPLATES = [src for src in TOPICS if src.startswith("toolkit/")]


def test_templates_can_be_copied_in_one_click(handbook):
    assert len(TEMPLATES) >= 6
    for src in TEMPLATES:
        assert re.search(r"<pre[^>]*>.*?<code", handbook.page_html(src), flags=re.S), src
    # Material adds a copy button to every code block when the feature is on.
    assert '"content.code.copy"' in handbook.page_html("toolkit/one-pager.md")


@pytest.mark.parametrize("src", [p for p in PAGES if p.endswith("/index.md")])
def test_every_chapter_gives_further_reading(src):
    text = (DOCS / src).read_text(encoding="utf-8")
    assert re.search(r"^## Further reading$", text, flags=re.M), src


def test_spelling_of_learned_is_consistent():
    offenders = [src for src in PAGES if re.search(r"\blearnt\b", (DOCS / src).read_text(encoding="utf-8"))]
    assert offenders == []


def test_the_shared_abbreviations_hold_only_definitions_and_comments():
    # The file is appended to every page: a stray line of text would appear at the foot of all of them.
    for number, line in enumerate(ABBREVIATIONS.read_text(encoding="utf-8").splitlines(), start=1):
        assert (not line.strip() or re.fullmatch(r"\*\[[^\]]+\]: \S.*", line)
                or re.fullmatch(r'\[//\]: # "[^"]*"', line)), f"{ABBREVIATIONS.name}:{number}: {line!r}"
