"""Emoji headings and titles, on the HTML of real builds and on the pure functions."""

from __future__ import annotations

import json
import re

import pytest

from handbook.markdown.emoji import emojize, github_slug, slugify, title_html, unknown_shortcodes

PAGES = {
    "index.md": """
        ---
        title: Home
        nav_order: 1
        ---
        # Home

        See [outcomes](lifecycle.md#business-outcomes), [the old anchor](lifecycle.md#dart-business-outcomes),
        [launch](lifecycle.md#launch) and [the party](lifecycle.md#tada).
        """,
    "lifecycle.md": """
        ---
        title: ":compass: Discovery"
        nav_order: 2
        ---
        # :compass: Discovery

        ## :dart: Business outcomes

        Body text with :heart: in it.

        ## 🎯 Business outcomes

        ## 🚀 Launch

        ## :tada:

        ## :white_check_mark: Validate
        """,
    "child.md": """
        ---
        title: Child
        parent: ":compass: Discovery"
        ---
        # Child
        """,
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from conftest import build_docs, write_tree

    root = tmp_path_factory.mktemp("emoji")
    write_tree(root / "docs", PAGES)
    return build_docs(root / "docs", root / "site")


def headings(html: str) -> dict[str, str]:
    return {m.group(2): m.group(3) for m in re.finditer(r'<h(\d) id="([^"]+)">(.*?)</h\1>', html, re.S)}


def test_build_is_clean(built):
    assert not built.aborted and built.messages == []


def test_heading_ids_are_made_from_words(built):
    ids = list(headings(built.page_html("lifecycle.md")))
    assert ids == ["discovery", "business-outcomes", "business-outcomes_1", "launch", "tada", "validate"]


def test_shortcode_headings_carry_a_github_alias_anchor(built):
    html = built.page_html("lifecycle.md")
    for alias, target in [("dart-business-outcomes", "business-outcomes"),
                          ("white_check_mark-validate", "validate"), ("compass-discovery", "discovery")]:
        assert re.search(rf'<h\d id="{target}"><span class="heading-alias" id="{alias}"></span>', html), alias
    assert html.count('id="launch"') == 1  # literal emoji: no alias needed


def test_emoji_render_as_characters_and_are_decorative_in_headings(built):
    found = headings(built.page_html("lifecycle.md"))
    assert '<span aria-hidden="true" class="emoji" data-shortcode="dart">🎯</span> Business outcomes' in found["business-outcomes"]
    assert '<span aria-hidden="true" class="emoji">🎯</span> Business outcomes' in found["business-outcomes_1"]
    assert '<span aria-label="tada" class="emoji" data-shortcode="tada" role="img">🎉</span>' in found["tada"]
    assert "❤" in built.page_html("lifecycle.md")


def test_titles_show_emoji_everywhere_and_never_the_shortcode(built):
    page = built.page_html("lifecycle.md")
    child = built.page_html("child.md")
    assert "<title>🧭 Discovery - " in page
    nav = page[page.index("md-nav--primary"):]
    assert '<span class="emoji" aria-hidden="true">🧭</span> Discovery' in nav
    footer = child[child.index('<footer class="md-footer">'):]
    assert '<span class="emoji" aria-hidden="true">🧭</span> Discovery' in footer
    assert 'aria-label="Previous: 🧭 Discovery"' in footer
    crumbs = child[child.index('class="md-path"'):]
    assert "🧭" in crumbs[: crumbs.index("</nav>")]
    assert built.nav[1] == {"🧭 Discovery": [{"🧭 Discovery": "lifecycle.md"}, {"Child": "child.md"}]}
    for html_file in built.site_dir.rglob("*.html"):
        text = html_file.read_text(encoding="utf-8")
        assert ":compass:" not in text and ":dart:" not in text, html_file


def test_table_of_contents_keeps_the_emoji(built):
    page = built.page_html("lifecycle.md")
    toc = page[page.index("md-nav--secondary"):]
    assert re.search(r'href="#business-outcomes" class="md-nav__link">\s*<span class="md-ellipsis">\s*🎯 Business outcomes', toc)


def test_search_index_holds_words_not_shortcodes(built):
    index = json.loads((built.site_dir / "search/search_index.json").read_text(encoding="utf-8"))
    text = json.dumps(index, ensure_ascii=False)
    assert not re.search(r":[a-z_]+:", text)
    titles = {doc["location"]: doc["title"] for doc in index["docs"]}
    assert titles["lifecycle/#business-outcomes"] == "🎯 Business outcomes"
    assert titles["lifecycle/"] == "🧭 Discovery"


def test_no_emoji_images_from_another_host(built):
    html = built.page_html("lifecycle.md")
    assert "twemoji" not in html and "jsdelivr" not in html and "<img" not in html


def test_unknown_shortcodes_are_reported_with_file_and_line(build_site):
    built = build_site({
        "index.md": """
            ---
            title: ":not_an_emoji: Home"
            ---
            # Home

            ## :rocket: Fine

            ```
            ## :also_not_one: inside code, ignored
            ```

            ## :not_an_emoji: Odd

            Setext :also_wrong:
            -------------------
            """,
    })
    assert built.aborted
    assert any(m.endswith("index.md:2: :not_an_emoji: in the title is not an emoji shortcode, so it is shown "
                          "as typed; check the name (GitHub's names, e.g. `:dart:`), or paste the emoji itself")
               for m in built.messages), built.messages
    assert any("index.md:12: :not_an_emoji: in this heading" in m for m in built.messages)
    assert any("index.md:14: :also_wrong: in this heading" in m for m in built.messages)
    assert not any("also_not_one" in m for m in built.messages)


@pytest.mark.parametrize("text, slug", [
    ("🎯 Business outcomes", "business-outcomes"),
    ("🚀 Launch", "launch"),
    ("🎉", "tada"),
    ("⚙️ Iterate", "iterate"),
    ("👩🏽‍💻 Engineers", "engineers"),
    ("Café ☕", "cafe"),
    ("🇬🇧", "gb"),
])
def test_slugify(text, slug):
    assert slugify(text, "-") == slug


def test_github_slug_and_emojize():
    assert github_slug(":dart: Business outcomes") == "dart-business-outcomes"
    assert github_slug(":white_check_mark: Validate") == "white_check_mark-validate"
    assert emojize(":compass: Discovery :nope:") == "🧭 Discovery :nope:"
    assert unknown_shortcodes(":nope: at 10:30: and :dart:") == [":nope:"]


def test_title_html_escapes_and_hides_decorative_emoji():
    assert title_html("<b>Q&A</b> :rocket:") == '&lt;b&gt;Q&amp;A&lt;/b&gt; <span class="emoji" aria-hidden="true">🚀</span>'
    assert title_html(":tada:") == '<span class="emoji" role="img" aria-label="tada">🎉</span>'


def test_an_alias_never_duplicates_a_heading_id(build_site):
    built = build_site({"index.md": """
        ---
        title: Home
        ---
        # Home

        ## :dart: Goals

        ## Dart goals

        ## :dart: Goals
        """})
    html = built.page_html("index.md")
    ids = re.findall(r' id="([^"]+)"', html)
    assert ids.count("dart-goals") == 1
    assert "goals" in ids and "goals_1" in ids
