"""Emoji headings and titles, on the HTML of real builds and on the pure functions."""

from __future__ import annotations

import json
import re

import pytest
from markdown.extensions.toc import unique
from markdown.util import AtomicString
from hypothesis import example, given, settings
from hypothesis import strategies as st

from handbook.markdown.blocks import headings, mask_code
from handbook.markdown.emoji import (
    EMOJI,
    SHORTCODE,
    SHORTCODE_HEADING,
    count_emoji,
    drawings_in_titles,
    emojize,
    github_slug,
    may_have_unknown_shortcodes,
    shortcode_problems,
    slugify,
    title_html,
    unknown_shortcodes,
)
from handbook.markdown.emoji_typos import body_typos
from handbook.markdown.twemoji import used_in

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


def heading_html(html: str) -> dict[str, str]:
    return {m.group(2): m.group(3) for m in re.finditer(r'<h(\d) id="([^"]+)">(.*?)</h\1>', html, re.S)}


def test_build_is_clean(built):
    assert not built.aborted and built.messages == []


def test_heading_ids_are_made_from_words(built):
    ids = list(heading_html(built.page_html("lifecycle.md")))
    assert ids == ["discovery", "business-outcomes", "business-outcomes_1", "launch", "tada", "validate"]


def test_shortcode_headings_carry_a_github_alias_anchor(built):
    html = built.page_html("lifecycle.md")
    for alias, target in [("dart-business-outcomes", "business-outcomes"),
                          ("white_check_mark-validate", "validate"), ("compass-discovery", "discovery")]:
        assert re.search(rf'<h\d id="{target}"><span class="heading-alias" id="{alias}"></span>', html), alias
    assert html.count('id="launch"') == 1  # literal emoji: no alias needed


def test_emoji_render_as_characters_and_are_decorative_in_headings(built):
    found = heading_html(built.page_html("lifecycle.md"))
    assert ('<span aria-hidden="true" class="emoji" data-shortcode="dart" data-twemoji="1f3af">🎯</span>'
            ' Business outcomes') in found["business-outcomes"]
    assert ('<span aria-hidden="true" class="emoji" data-twemoji="1f3af">🎯</span> Business outcomes'
            in found["business-outcomes_1"])
    assert ('<span aria-label="tada" class="emoji" data-shortcode="tada" data-twemoji="1f389" '
            'role="img">🎉</span>') in found["tada"]
    # In running text too (no aria-hidden: the emoji is part of the sentence).
    assert ('with <span class="emoji" data-shortcode="heart" data-twemoji="2764">❤️</span> in it'
            in built.page_html("lifecycle.md"))


def test_titles_show_emoji_everywhere_and_never_the_shortcode(built):
    page = built.page_html("lifecycle.md")
    child = built.page_html("child.md")
    assert "<title>🧭 Discovery - " in page
    nav = page[page.index("md-nav--primary"):]
    compass = '<span class="emoji" data-twemoji="1f9ed" aria-hidden="true">🧭</span> Discovery'
    assert compass in nav
    footer = child[child.index('<footer class="md-footer">'):]
    assert compass in footer
    assert 'aria-label="Previous: 🧭 Discovery"' in footer
    crumbs = child[child.index('class="md-path"'):]
    assert "🧭" in crumbs[: crumbs.index("</nav>")]
    assert built.nav[1] == {"🧭 Discovery": [{"🧭 Discovery": "lifecycle.md"}, {"Child": "child.md"}]}
    for html_file in built.site_dir.rglob("*.html"):
        text = html_file.read_text(encoding="utf-8")
        assert ":compass:" not in text and ":dart:" not in text, html_file


def test_table_of_contents_keeps_the_emoji_drawn_and_decorative(built):
    page = built.page_html("lifecycle.md")
    toc = page[page.index("md-nav--secondary"):]
    entry = re.search(r'href="#business-outcomes" class="md-nav__link">\s*<span class="md-ellipsis">'
                      r'\s*<span class="md-typeset">(.*?)</span>\s*</span>', toc, re.S)
    assert entry, toc[:2000]
    assert ('<span aria-hidden="true" class="emoji" data-shortcode="dart" data-twemoji="1f3af">🎯</span>'
            ' Business outcomes') in entry.group(1)
    assert 'id="' not in entry.group(1)  # the alias anchor's id stays in the heading only


def test_search_index_holds_words_not_shortcodes(built):
    index = json.loads((built.site_dir / "search/search_index.json").read_text(encoding="utf-8"))
    text = json.dumps(index, ensure_ascii=False)
    assert not re.search(r":[a-z_]+:", text)
    titles = {doc["location"]: doc["title"] for doc in index["docs"]}
    assert titles["lifecycle/#business-outcomes"] == "🎯 Business outcomes"
    assert titles["lifecycle/"] == "🧭 Discovery"


def test_emoji_drawings_come_from_the_site_itself(built):
    html = built.page_html("lifecycle.md")
    assert "jsdelivr" not in html and "<img" not in html and "cdn" not in html.lower()
    assert 'href="../assets/emoji/twemoji.css"' in html
    emoji = built.site_dir / "assets" / "emoji"
    css = (emoji / "twemoji.css").read_text(encoding="utf-8")
    drawn = set(re.findall(r'data-twemoji="([0-9a-f-]+)"', css))
    # Every emoji of the pages and titles (🧭 is in a title only), and no other.
    assert drawn == {"1f9ed", "1f3af", "2764", "1f680", "1f389", "2705"}, drawn
    assert sorted(p.name for p in emoji.glob("*.svg")) == sorted(f"{n}.svg" for n in drawn)
    assert (emoji / "1f3af.svg").read_text(encoding="utf-8").startswith("<svg")
    assert "url(1f3af.svg)" in css and "CC-BY 4.0" in css


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


@settings(max_examples=1000)
@given(st.one_of(st.text(), st.text(st.sampled_from("aZ09 -_\t\n\u00a0\u2003e\u0301\u00e9\u212a\u01c5"
                                                    "\ufb01!\u2014:.\U0001F3AF"))),
       st.sampled_from(["-", "_"]))
def test_words_are_slugified_as_toc_slugifies_them(text, separator):
    from markdown.extensions.toc import slugify as toc_slugify

    from handbook.markdown.emoji import words_slugify

    assert words_slugify(text, separator) == toc_slugify(text, separator)


@settings(max_examples=1000)
@given(st.text(st.characters(max_codepoint=0x7f)), st.sampled_from(["-", "_"]))
def test_ascii_headings_are_slugified_as_toc_slugifies_them(text, separator):
    # slugify's shortcut for ASCII (no emoji, nothing for NFKD to do) against toc's own.
    from markdown.extensions.toc import slugify as toc_slugify

    assert slugify.__wrapped__(text, separator) == toc_slugify(text, separator)


def test_github_slug_and_emojize():
    assert github_slug(":dart: Business outcomes") == "dart-business-outcomes"
    assert github_slug(":white_check_mark: Validate") == "white_check_mark-validate"
    assert emojize(":compass: Discovery :nope:") == "🧭 Discovery :nope:"
    assert unknown_shortcodes(":nope: at 10:30: and :dart:") == [":nope:"]


def test_title_html_escapes_and_hides_decorative_emoji():
    assert title_html("<b>Q&A</b> :rocket:") == (
        '&lt;b&gt;Q&amp;A&lt;/b&gt; <span class="emoji" data-twemoji="1f680" aria-hidden="true">🚀</span>')
    assert title_html(":tada:") == (
        '<span class="emoji" data-twemoji="1f389" role="img" aria-label="tada">🎉</span>')


def home_with(build_site, *headings: str) -> tuple[str, list[str]]:
    """The built home page holding `headings` (each a `## ...` line), and its ids in order."""
    body = "\n\n".join(headings)
    html = build_site({"index.md": f"---\ntitle: Home\n---\n# Home\n\n{body}\n"}).page_html("index.md")
    return html, re.findall(r' id="([^"]+)"', html)


def test_an_alias_never_duplicates_a_heading_id(build_site):
    html, ids = home_with(build_site, "## :dart: Goals", "## Dart goals", "## :dart: Goals")
    assert ids.count("dart-goals") == 1
    assert "goals" in ids and "goals_1" in ids


def test_an_alias_never_renames_a_repeated_heading(build_site):
    # The second "Dart" is dart_1, as toc numbers repeats and the anchor check expects; the alias
    # of ":dart:_1" is dart_1 too, so the heading keeps its id and the alias is left out.
    html, _ = home_with(build_site, "## Dart", "## Dart", "## :dart:_1")
    assert re.findall(r'<h2 id="([^"]+)"', html) == ["dart", "dart_1", "_1"]
    assert "heading-alias" not in html


def test_an_alias_never_takes_the_id_of_an_emoji_only_heading(build_site):
    html, ids = home_with(build_site, "## :dart: :tada:", "## :dart: Tada")
    assert ids.count("dart-tada") == 1 and "dart-tada_1" not in ids
    assert '<h2 id="dart-tada">' in html


def test_twemoji_names_follow_twemojis_file_names():
    from handbook.markdown.twemoji import candidates, drawing_for, drawings, svg_name

    assert svg_name("🎯") == "1f3af"
    assert svg_name("❤️") == "2764"  # U+FE0F dropped without a joiner
    assert svg_name("#️⃣") == "23-20e3"
    assert svg_name("❤️\u200d🔥") == "2764-fe0f-200d-1f525"
    chars = ("🎯", "❤️", "⚙️", "#️⃣", "❤️\u200d🔥", "👩🏽\u200d💻", "🇬🇧", "©️")
    wanted = {candidate for char in chars for candidate in candidates(svg_name(char))}
    available = drawings(wanted | {"10ffff"})
    for char in chars:
        assert drawing_for(svg_name(char), available), char
    assert "10ffff" not in available and all(v.startswith(b"<svg") for v in available.values())
    import tarfile

    from handbook.markdown.twemoji import ARCHIVE
    # The whole set is vendored, each drawing in the archive named after the first drawing at or
    # before it (the one drawings() looks in).
    archives = sorted(ARCHIVE.glob("*.tar.xz"))
    names = []
    for index, path in enumerate(archives):
        with tarfile.open(path) as archive:
            members = archive.getnames()
        first = path.name.removesuffix(".tar.xz") + ".svg"
        following = (archives[index + 1].name.removesuffix(".tar.xz") + ".svg"
                     if index + 1 < len(archives) else None)
        assert members[0] == first and all(
            first <= name and (following is None or name < following) for name in members), path
        names += members
    assert len(names) > 3700 and names == sorted(names)
    assert drawings(name.removesuffix(".svg") for name in names[::97]).keys() == {
        name.removesuffix(".svg") for name in names[::97]}


def test_an_emoji_without_a_drawing_is_reported_with_its_page(build_site):
    built = build_site({"index.md": """
        ---
        title: Home
        ---
        # Home

        ## \U0001FAE9 Tired (Unicode 16, newer than the vendored Twemoji 15)
        """})
    assert any(m.endswith("index.md: the emoji \U0001FAE9 (1fae9) has no Twemoji drawing, so readers "
                          "without an emoji font see a box; choose another emoji, or update the "
                          "vendored Twemoji (hooks/handbook/markdown/twemoji/README.md)")
               for m in built.messages), built.messages


def test_a_missing_drawing_is_a_warning_naming_the_page(tmp_path):
    from handbook.markdown.twemoji import write_assets

    missing = write_assets({"1f3af", "10ffff"}, str(tmp_path))
    assert missing == ["10ffff"]
    css = (tmp_path / "assets/emoji/twemoji.css").read_text(encoding="utf-8")
    assert "1f3af" in css and "10ffff" not in css


def test_emoji_beside_words_in_a_link_are_decorative(build_site):
    built = build_site({"index.md": """
        ---
        title: Home
        ---
        # Home

        [:compass: Discovery](index.md) and [:tada:](index.md) and :rocket: alone.
        """})
    html = built.page_html("index.md")
    assert ('<a href="./"><span aria-hidden="true" class="emoji" data-shortcode="compass" '
            'data-twemoji="1f9ed">🧭</span> Discovery</a>') in html
    assert '<a href="./"><span class="emoji" data-shortcode="tada" data-twemoji="1f389">🎉</span></a>' in html
    assert '<span class="emoji" data-shortcode="rocket" data-twemoji="1f680">🚀</span> alone' in html


SHORTCODE_PIECES = [":", "::", ":dart:", ":rockett:", ":nope:", ":Dart:", ":1x:", ":a:b:", "dart", "x",
                    " ", "\n", "# ", "## ", "\n===\n", "\n---\n", "`", "``", "```\n", "~~~\n",
                    "<!--", "-->", "\\", "\\:", "    ", "- ", "\u212a", "_", "+1", "-"]


@settings(max_examples=500)
@given(st.lists(st.sampled_from(SHORTCODE_PIECES), max_size=30).map("".join))
def test_the_quick_test_for_unknown_shortcodes_misses_none(text):
    """shortcode_problems and body_typos skip the heading and line scans when the quick test finds
    no unknown `:name:`: then no heading, line or line with its code blanked may hold one."""
    if may_have_unknown_shortcodes(text):
        return
    assert not any(unknown_shortcodes(words) for _, _, words in headings(text))
    assert not any(unknown_shortcodes(m.group(0)) for m in SHORTCODE_HEADING.finditer(text))
    assert not any(unknown_shortcodes(line) for line in mask_code(text).split("\n"))
    assert not any(unknown_shortcodes(line) for line in text.split("\n"))
    assert shortcode_problems("p.md", None, None, text, 1) == []
    assert body_typos(text, 1) == []


@settings(max_examples=500)
@given(st.lists(st.sampled_from(SHORTCODE_PIECES + ["\U0001F3AF", ":tada::dart:", ":+1:", ":-1:"]),
                max_size=30).map("".join))
def test_emojize_replaces_each_known_shortcode_as_one_substitution_would(text):
    from handbook.markdown.emoji import _index

    by_name = _index()[0]
    assert emojize(text) == SHORTCODE.sub(lambda m: by_name.get(m.group(1), m.group(0)), text)


TITLE_PIECES = ["Plan", " ", ":", ":dart:", ":not_an_emoji:", "\U0001F3AF", "\u2764\ufe0f", '"',
                "&", "<b>", "data-twemoji=\"1f3af\"", "\u00e9"]


@settings(max_examples=500)
@given(st.lists(st.lists(st.sampled_from(TITLE_PIECES), max_size=6).map("".join), max_size=6))
def test_the_drawings_titles_ask_for_are_found_as_title_html_shows_them(titles):
    """Titles of ASCII without a ':' are not converted; the others are, and each drawing is
    noted for the first title asking for it, as converting every title would note it."""
    titles = {f"p{n}.md": title for n, title in enumerate(titles)}
    every: dict[str, str] = {}
    for path, title in titles.items():
        for name in used_in(title_html(title)):
            every.setdefault(name, path)
    assert drawings_in_titles(titles) == every


EMOJI_PIECES = ["a", " ", "#", "*", "1", "\ufe0f", "\u20e3", "\u200d", "\U0001F3AF", "\U0001F3FB",
                "\U0001F1EB", "\U0001F1F7", "\u00a9", "\u2122", "\u2764", "\u00e9", "\n", "<", "x1"]


@settings(max_examples=1000)
@given(st.lists(st.sampled_from(EMOJI_PIECES), max_size=30).map("".join))
def test_counting_emoji_where_they_can_start_counts_them_all(text):
    assert count_emoji(text) == len(EMOJI.findall(text))
    # Every emoji holds a character past ASCII, as emoji_headings' test for loose emoji assumes.
    assert count_emoji(text) <= len(text) - len(text.encode("ascii", "ignore"))


@settings(max_examples=500)
@given(st.lists(st.tuples(st.sampled_from(["p", "em", "span.emoji", "code"]),
                          st.lists(st.sampled_from(EMOJI_PIECES), max_size=4).map("".join),
                          st.lists(st.sampled_from(EMOJI_PIECES), max_size=4).map("".join),
                          st.booleans(),
                          # A span's own text: one emoji or more (the count then says "loose").
                          st.lists(st.sampled_from(["\U0001F3AF", "\u2764\ufe0f", "\U0001F1EB"]),
                                   min_size=1, max_size=2).map("".join)),
                max_size=8))
def test_loose_emoji_are_found_by_the_text_outside_the_spans(elements):
    """_has_loose_emoji's byte count against reading the text outside span.emoji directly: when
    that text is ASCII no emoji is loose, whatever the spans hold; otherwise the emoji are
    counted."""
    import xml.etree.ElementTree as etree

    from handbook.markdown.emoji_headings import _has_loose_emoji

    root = etree.Element("div")
    parent = root
    spans = 0
    for tag, text, tail, nest, emoji in elements:
        name, _, cls = tag.partition(".")
        el = etree.SubElement(parent, name, {"class": cls} if cls else {})
        el.text, el.tail = (emoji if cls else text or None), tail or None
        spans += cls == "emoji"
        if nest and not cls:
            parent = el
    outside = "".join(
        (el.tail or "") + ("" if el.get("class") == "emoji" else el.text or "")
        for el in root.iter() if el is not root) + (root.text or "")
    whole = "".join(root.itertext())
    expected = False if outside.isascii() else count_emoji(whole) > spans
    assert _has_loose_emoji(root, _emoji_spans(root)) == expected


def test_an_ascii_title_is_only_escaped():
    assert title_html("R&D <notes> \"x\"") == "R&amp;D &lt;notes&gt; &quot;x&quot;"
    assert title_html(":dart: Goals").startswith('<span class="emoji"')


# Pieces of a heading or a paragraph, each with the text GitHub makes a heading's anchor from: as
# written, without its markup, shortcodes kept.
AS_WRITTEN = {":dart:": ":dart:", ":tada:": ":tada:", ":nope:": ":nope:",
              "\U0001F3AF": "\U0001F3AF", "\u26a0\ufe0f": "\u26a0\ufe0f", "Goals": "Goals",
              "goals": "goals", "dart": "dart", "tada": "tada", "x": "x", "*Goals*": "Goals",
              "`code`": "code", "`\U0001F3AF`": "\U0001F3AF", "`:dart:`": ":dart:",
              "[Link](x.md)": "Link", "[:dart: Link](x.md)": ":dart: Link",
              "[:tada:](x.md)": ":tada:", "[\U0001F3AF](x.md)": "\U0001F3AF"}
WRITTEN_WITH_SHORTCODE = {":dart:", ":tada:", "[:dart: Link](x.md)", "[:tada:](x.md)"}
PIECES = st.lists(st.sampled_from(sorted(AS_WRITTEN)), min_size=1, max_size=5)


def _emoji_spans(element):
    return [span for span in element.iter("span") if span.get("class") == "emoji"]


def _has_words(text: str) -> bool:
    return bool(EMOJI.sub("", text).strip())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 3), PIECES, PIECES), min_size=1, max_size=5))
# An emoji-only heading's id is made of the emoji's names, which its words do not hold.
@example([(1, [":dart:", ":tada:"], ["x"]), (1, [":dart:", "tada"], ["x"])])
def test_emoji_in_headings_and_links_follow_their_rules(sections):
    """Random headings and paragraphs of shortcodes, literal emoji, words, emphasis, code and links,
    through the extensions mkdocs.yml names: every emoji outside code is in a span; emoji beside
    words (in a heading or a link) are hidden from assistive technology, alone they are named; and
    a heading written with a shortcode carries GitHub's anchor for its text as written, unless a
    heading's id or an earlier alias already is that anchor."""
    import xml.etree.ElementTree as etree

    import markdown

    from handbook.markdown.emoji import emoji_name, gemoji_index
    from handbook.markdown.emoji_headings import to_span

    source = "\n\n".join(f"{'#' * level} {' '.join(heading)}\n\n{' '.join(paragraph)}"
                         for level, heading, paragraph in sections)
    html = markdown.Markdown(
        extensions=["attr_list", "toc", "pymdownx.emoji", "handbook.markdown.emoji_headings"],
        extension_configs={"toc": {"slugify": slugify},
                           "pymdownx.emoji": {"emoji_index": gemoji_index,
                                              "emoji_generator": to_span}}).convert(source)
    root = etree.fromstring(f"<div>{html}</div>")
    headings = [h for h in root if h.tag in ("h1", "h2", "h3")]
    assert len(headings) == len(sections)

    words = ["".join(h.itertext()) for h in headings]
    # Every heading keeps the id toc gives it (its rule for repeats included): no alias changes one.
    given: set[str] = set()
    assert [h.get("id") for h in headings] == [unique(slugify(text, "-"), given) for text in words]
    ids = given
    aliases: set[str] = set()
    for heading, text, (_, pieces, _) in zip(headings, words, sections):
        spans = _emoji_spans(heading)
        if EMOJI.search(text):
            for span in spans:
                if _has_words(text):
                    assert span.get("aria-hidden") == "true" and span.get("role") is None
                else:
                    assert span.get("role") == "img" and span.get("aria-hidden") is None
                    assert span.get("aria-label") == emoji_name(span.text).replace("_", " ")
        expected = None
        if EMOJI.search(text) and WRITTEN_WITH_SHORTCODE.intersection(pieces):
            alias = github_slug(" ".join(AS_WRITTEN[piece] for piece in pieces))
            if alias and alias not in aliases and alias not in ids:
                aliases.add(alias)
                expected = alias
        anchors = [span.get("id") for span in heading.iter("span")
                   if span.get("class") == "heading-alias"]
        assert anchors == ([expected] if expected else []), (source, html)
        if expected:
            assert heading[0].get("class") == "heading-alias" and not heading.text

    for link in root.iter("a"):
        if _has_words("".join(link.itertext())):
            assert all(span.get("aria-hidden") == "true" for span in _emoji_spans(link)), html
    for paragraph in (p for p in root if p.tag == "p"):
        for link in paragraph.iter("a"):
            if not _has_words("".join(link.itertext())):
                assert all(span.get("aria-hidden") is None for span in _emoji_spans(link)), html

    def loose(element):  # emoji outside code and outside a span.emoji
        if element.tag == "code" or element in emoji_spans:
            return [EMOJI.findall(element.tail or "")]
        return [EMOJI.findall(element.text or ""), EMOJI.findall(element.tail or ""),
                *(found for child in element for found in loose(child))]

    emoji_spans = set(_emoji_spans(root))
    assert not any(loose(root)), html


def test_shortcode_spans_each_have_their_own_attributes():
    # to_span keeps one attribute dict per shortcode; a span marked decorative (or given an alias)
    # must not change the next span made for the same shortcode.
    from handbook.markdown.emoji_headings import to_span

    first = to_span(0, ":dart:", None, None, "\U0001F3AF", None, None, None, None)
    first.set("aria-hidden", "true")
    second = to_span(0, ":dart:", None, None, "\U0001F3AF", None, None, None, None)
    assert second.attrib == {"class": "emoji", "data-shortcode": "dart", "data-twemoji": "1f3af"}
    assert second.text == "\U0001F3AF" and isinstance(second.text, AtomicString)


def plain_shortcode_index(table):
    """shortcode_index as a loop over the emoji, one at a time: the reference."""
    by_name, by_char = {}, {}
    for code, info in sorted(table["emoji"].items()):
        name = code.strip(":")
        char = "".join(chr(int(part, 16)) for part in info["unicode"].split("-"))
        by_name[name] = char
        by_char.setdefault(char.replace("\uFE0F", ""), name)
    for alias, code in table["aliases"].items():
        by_name[alias.strip(":")] = by_name[code.strip(":")]
    return by_name, by_char


def test_the_shortcode_index_of_pymdownx_table_is_the_loops():
    from handbook.markdown.emoji import _gemoji, shortcode_index

    assert shortcode_index(_gemoji()) == plain_shortcode_index(_gemoji())


# Tables shaped as gemoji's, small enough that names and characters repeat: emoji that differ only
# by U+FE0F, names that an alias also takes, code points of any length and case.
CODE_POINTS = st.sampled_from(["1f3af", "1F3AF", "fe0f", "200d", "2764", "a9", "23", "20e3",
                               "1f469", "1"])
SHORTCODES = st.sampled_from([":a:", ":b:", ":dart:", ":+1:", ":-1:", "::c::", ":x_y:"])


@settings(max_examples=500)
@given(st.dictionaries(SHORTCODES, st.lists(CODE_POINTS, min_size=1, max_size=4)
                       .map(lambda points: {"unicode": "-".join(points)}), min_size=1),
       st.data())
def test_the_shortcode_index_is_the_loops(emoji, data):
    from handbook.markdown.emoji import shortcode_index

    aliases = data.draw(st.dictionaries(SHORTCODES, st.sampled_from(sorted(emoji))))
    table = {"emoji": emoji, "aliases": aliases}
    found, expected = shortcode_index(table), plain_shortcode_index(table)
    assert found == expected and list(found[0]) == list(expected[0])


def plain_strip_emoji(text):
    """strip_emoji with both substitutions asked of every text: the reference."""
    from handbook.markdown.emoji import is_shortcode

    return " ".join(EMOJI.sub(" ", SHORTCODE.sub(
        lambda m: " " if is_shortcode(m.group(1)) else m.group(0), text)).split())


@settings(max_examples=2000)
@given(st.lists(st.sampled_from(EMOJI_PIECES + [":dart:", ":not_one:", ":", "a b", "  ", "\t",
                                                "\u00a0", "Discovery", "#", "1"]),
                max_size=12).map("".join))
def test_words_without_emoji_are_found_as_by_both_substitutions(text):
    from handbook.markdown.emoji import strip_emoji

    assert strip_emoji(text) == plain_strip_emoji(text)
