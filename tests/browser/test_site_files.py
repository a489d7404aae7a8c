"""What the site publishes besides the pages, fetched as a browser (or a crawler, or an assistant)
would: the sitemap with every page, canonical addresses, llms.txt / llms-full.txt, and the
printable handbook, on screen, in print and as a PDF made by .ci/print-pdf."""

from __future__ import annotations

import re
import subprocess
from urllib.parse import urlsplit

from handbook.pages.frontmatter import read_page

from .conftest import DOCS, PAGES, ROOT, open_page, url_path

SITE_URL = re.compile(r'<link rel="canonical" href="([^"]+)">')


def site_url(site) -> str:
    """The published address the build used (mkdocs.yml's site_url), read from the home page."""
    home = (site.site_dir / "index.html").read_text(encoding="utf-8")
    return SITE_URL.search(home).group(1)


def fetch(page, url: str) -> str:
    response = page.request.get(url)
    assert response.ok, f"{url} answered {response.status}"
    return response.text()


def test_the_sitemap_lists_every_page(site, page):
    base = site_url(site)
    assert urlsplit(base).scheme == "https" and base.endswith("/")
    locs = re.findall(r"<loc>([^<]+)</loc>", fetch(page, site.url("sitemap.xml")))
    assert sorted(locs) == sorted(base + url_path(src) for src in PAGES)


def test_each_page_names_its_canonical_address(site, page):
    base = site_url(site)
    for src in ("index.md", "overview/lifecycle.md", "tags.md"):
        open_page(page, site.url(src))
        canonical = page.locator("link[rel=canonical]").get_attribute("href")
        assert canonical == base + url_path(src)
        assert page.locator("meta[property='og:url']").get_attribute("content") == canonical
    for src in PAGES:  # and every built page, without a browser
        html = (site.site_dir / url_path(src) / "index.html").read_text(encoding="utf-8")
        assert f'<link rel="canonical" href="{base + url_path(src)}">' in html, src
        assert f'<meta property="og:url" content="{base + url_path(src)}">' in html, src


def test_llms_txt_indexes_every_page_with_its_description(site, page):
    base = site_url(site)
    text = fetch(page, site.url("llms.txt"))
    assert text.startswith("# Product Management Handbook\n\n> ")
    links = dict(re.findall(r"^- \[[^\]]+\]\(([^)]+)\)(?:: (.*))?$", text, re.M))
    assert sorted(links) == sorted(base + url_path(src) for src in site.pages)
    for src in site.pages:
        source, _ = read_page((DOCS / src).read_bytes(), src)
        assert links[base + url_path(src)] == str(source.meta["description"]).strip(), src
    headings = re.findall(r"^## (.+)$", text, re.M)
    assert headings[-1] == "Optional"  # the site's own pages: skippable, by the convention
    full = fetch(page, site.url("llms-full.txt"))
    assert re.findall(r"^Page: (.+)$", full, re.M)[:2] == ["Home", "Overview of product management"]
    assert full.count("\nAddress: ") == len(site.pages)
    assert ":dart:" not in full and "🎯" in full


def test_the_printable_handbook_holds_every_chapter_in_reading_order(site, page):
    open_page(page, site.url("print.md"))
    sections = page.locator("article section.handbook-print-page")
    ids = sections.evaluate_all("nodes => nodes.map(n => n.id)")
    expected = ["page-" + (re.sub(r"[^a-z0-9]+", "-", url_path(src)).strip("-") or "home")
                for src in site.reading_order]
    assert ids == expected
    headings = sections.locator("h1").all_inner_texts()
    assert len(headings) == len(site.reading_order)
    all_ids = page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
    repeated = sorted({i for i in all_ids if all_ids.count(i) > 1})
    assert not repeated, f"ids repeat on the print page: {repeated}"
    # Each copy button copies its own code block (Material names a block after the closest id).
    copied = page.locator("article .md-code__button[data-clipboard-target]").evaluate_all(
        "buttons => buttons.map(b => b.dataset.clipboardTarget)")
    assert copied and len(copied) == len(set(copied)), copied
    # A link to another printed page jumps within the print page.
    link = page.locator("#page-home a[href^='#page-overview']").first
    link.click()
    assert urlsplit(page.url).path == urlsplit(site.url("print.md")).path
    assert urlsplit(page.url).fragment.startswith("page-overview")
    # Every image on the page loads.
    broken = page.evaluate("""() => [...document.querySelectorAll('article img')]
        .filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)""")
    assert broken == []


def test_printing_starts_each_page_on_a_new_sheet(site, page):
    open_page(page, site.url("print.md"))
    page.emulate_media(media="print")
    breaks = page.locator("section.handbook-print-page").evaluate_all(
        "nodes => nodes.map(n => getComputedStyle(n).breakBefore)")
    assert set(breaks) == {"page"}
    assert not page.locator(".handbook-print-intro").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    pdf = page.pdf()
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
    assert pdf.startswith(b"%PDF") and pages >= len(site.reading_order), pages


def test_ci_prints_the_handbook_to_pdf_with_chromium(site, tmp_path):
    out = tmp_path / "handbook.pdf"
    done = subprocess.run([str(ROOT / ".ci" / "print-pdf"), str(site.site_dir), str(out)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    pdf = out.read_bytes()
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) >= len(site.reading_order)
