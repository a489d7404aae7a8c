"""Real builds of small trees: MkDocs' final nav, the nav and footer HTML, and the build's verdict."""

from __future__ import annotations

import re

PAGES = {
    "index.md": """
        ---
        title: Home
        nav_order: 1
        ---
        # Home
        """,
    "guide/start.md": """
        ---
        title: Guide
        nav_order: 2
        ---
        # Guide
        """,
    "guide/one.md": """
        ---
        title: Step one
        parent: Guide
        nav_order: 1
        ---
        # Step one
        """,
    "other/two.md": """
        ---
        title: Step two
        parent: guide/start.md
        nav_order: 2
        ---
        # Step two
        """,
    "about.md": """
        ---
        title: About
        nav_order: 3
        ---
        # About
        """,
    "hidden.md": """
        ---
        title: Hidden
        nav_exclude: true
        ---
        # Hidden
        """,
}


def footer_links(html: str) -> dict[str, tuple[str, str]]:
    footer = html[html.index('<footer class="md-footer">'):]
    links = {}
    for href, rel, body in re.findall(r'<a href="([^"]+)" rel="(prev|next)"[^>]*>(.*?)</a>', footer, re.S):
        title = re.search(r'<div class="md-ellipsis">(.*?)</div>', body, re.S).group(1).strip()
        links[rel] = (href, title)
    return links


def test_nav_comes_from_front_matter(build_site):
    built = build_site(PAGES)
    assert not built.aborted, built.messages
    assert built.messages == []
    assert built.nav == [
        {"Home": "index.md"},
        {"Guide": [{"Guide": "guide/start.md"}, {"Step one": "guide/one.md"}, {"Step two": "other/two.md"}]},
        {"About": "about.md"},
    ]
    assert built.pages == ["index.md", "guide/start.md", "guide/one.md", "other/two.md", "about.md"]


def test_section_label_opens_its_page_and_is_not_repeated(build_site):
    html = build_site(PAGES).page_html("guide/one.md")
    nav = html[html.index("md-nav--primary"):]
    nav = nav[: nav.index("</nav>\n", nav.index("md-nav__list"))]
    assert re.search(r'<a href="\.\./start/" class="md-nav__link', nav)
    assert len(re.findall(r'href="\.\./start/"', nav)) == 1


def test_buttons_follow_reading_order_with_rel_links(build_site):
    built = build_site(PAGES)
    assert footer_links(built.page_html("index.md")) == {"next": ("guide/start/", "Guide")}
    assert footer_links(built.page_html("guide/start.md")) == {
        "prev": ("../..", "Home"), "next": ("../one/", "Step one")}
    assert footer_links(built.page_html("other/two.md")) == {
        "prev": ("../../guide/one/", "Step one"), "next": ("../../about/", "About")}
    assert footer_links(built.page_html("about.md")) == {"prev": ("../other/two/", "Step two")}
    head = built.page_html("guide/one.md")
    assert '<link rel="prev" href="../start/">' in head and '<link rel="next" href="../../other/two/">' in head


def test_excluded_page_is_built_but_not_listed(build_site):
    built = build_site(PAGES)
    assert "hidden.md" not in built.pages
    html = built.page_html("hidden.md")
    assert "<h1" in html and 'rel="next"' not in html.split('<footer class="md-footer">')[1]
    assert "hidden/" not in built.page_html("index.md")


def test_per_page_overrides_change_buttons(build_site):
    pages = dict(PAGES)
    pages["index.md"] = """
        ---
        title: Home
        nav_order: 1
        next: {page: about.md, label: Skip to the end}
        ---
        # Home
        """
    pages["about.md"] = """
        ---
        title: About
        nav_order: 3
        prev: false
        ---
        # About
        """
    pages["guide/one.md"] = """
        ---
        title: Step one
        parent: Guide
        nav_order: 1
        next: Hidden
        ---
        # Step one
        """
    built = build_site(pages)
    assert built.messages == []
    assert footer_links(built.page_html("index.md")) == {"next": ("about/", "Skip to the end")}
    assert footer_links(built.page_html("about.md")) == {}
    assert footer_links(built.page_html("guide/one.md"))["next"] == ("../../hidden/", "Hidden")


def test_every_problem_is_reported_and_fails_the_strict_build(build_site):
    pages = dict(PAGES)
    pages["other/two.md"] = """
        ---
        title: Step two
        parent: Gide
        nav_ordr: 2
        ---
        # Step two
        """
    pages["about.md"] = """
        ---
        title: About
        nav_order: 1
        ---
        # About
        """
    built = build_site(pages)
    assert built.aborted
    text = "\n".join(built.messages)
    assert "other/two.md:3: parent 'Gide' matches no page title; did you mean 'Guide'?" in text
    assert "other/two.md:4: unknown key 'nav_ordr'; did you mean 'nav_order'?" in text
    assert re.search(r"about\.md:3: nav_order 1 ties with index\.md", text)
    assert "Traceback" not in text
    # nothing is lost: the orphan is still in the nav, at the top level
    assert "other/two.md" in built.pages


def test_broken_yaml_and_bad_encoding_are_reported_not_crashed(build_site):
    pages = dict(PAGES)
    pages["about.md"] = "---\ntitle: 'About\nnav_order: 3\n---\n# About\n"
    pages["latin.md"] = "---\ntitle: Caf\xe9\n---\n# Caf\xe9\n".encode("latin-1")
    built = build_site(pages, strict=False)
    text = "\n".join(built.messages)
    assert "about.md:2: front matter is not valid YAML" in text
    assert "latin.md:2: is not valid UTF-8 (byte 0xe9 at offset 14)" in text
    assert (built.site_dir / "latin/index.html").exists()


def test_no_state_survives_between_builds(build_site):
    first = build_site(PAGES)
    changed = dict(PAGES)
    changed["about.md"] = PAGES["about.md"].replace("nav_order: 3", "nav_order: 0")
    second = build_site(changed)
    assert first.pages[-1] == "about.md" and second.pages[0] == "about.md"
    assert build_site(PAGES).nav == first.nav
