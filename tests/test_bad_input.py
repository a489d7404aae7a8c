"""Hostile and broken input: a corpus of real builds, each naming its file, never a traceback."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

GOOD = """
---
title: Home
nav_order: 1
---
# Home
"""

# Nine lists of nine, each made of the one before: 540 bytes that name 9**9 strings.
ALIAS_BOMB = ("---\ntitle: Bomb\nextra:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
              + "".join(f"  a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]\n" for i in range(1, 9))
              + "---\n# Bomb\n")

# (case id, the page's docs-relative path, its content, "file:line" the message must name, words it says)
CORPUS = [
    ("broken-yaml-quote", "a.md", "---\ntitle: 'Open\n---\n# A\n", "a.md:2", "not valid YAML"),
    ("broken-yaml-colon", "a.md", "---\ntitle: Q&A: roadmaps: now\n---\n", "a.md:2", "not valid YAML"),
    ("broken-yaml-indent", "a.md", "---\ntitle: A\n  parent: B\n---\n", "a.md:3", "not valid YAML"),
    ("broken-yaml-tab", "a.md", "---\ntitle: A\n\tnav_order: 1\n---\n", "a.md:3", "not valid YAML"),
    ("front-matter-list", "a.md", "---\n- title\n- parent\n---\n", "a.md:2", "front matter is a list"),
    ("front-matter-scalar", "a.md", "---\njust words\n---\n", "a.md:2", "front matter is the text"),
    ("duplicate-key", "a.md", "---\ntitle: A\nnav_order: 1\ntitle: B\n---\n", "a.md:4",
     "key 'title' appears twice (also on line 2)"),
    ("title-date", "a.md", "---\ntitle: 2024-01-05\n---\n", "a.md:2",
     'title is 2024-01-05, but it must be text (or a number); YAML reads 2024-01-05 as a value, '
     'so put it in quotes: `title: "2024-01-05"`'),
    ("title-boolean", "a.md", "---\ntitle: yes\n---\n", "a.md:2", "title is true, but it must be text"),
    ("title-list", "a.md", "---\ntitle: [A, B]\n---\n", "a.md:2", "title is a list, but it must be text"),
    ("title-mapping", "a.md", "---\ntitle: {a: b}\n---\n", "a.md:2", "title is a mapping, but it must be text"),
    ("title-empty", "a.md", "---\ntitle:\n---\n", "a.md:2", "has no title, so Just the Docs leaves it out"),
    ("parent-list", "a.md", "---\nparent: [Home]\n---\n", "a.md:2", "parent is a list"),
    ("nav-order-bool", "a.md", "---\nnav_order: true\n---\n", "a.md:2", "nav_order is true"),
    ("nav-order-inf", "a.md", "---\nnav_order: .inf\n---\n", "a.md:2", "nav_order is .inf"),
    ("nav-order-nan", "a.md", "---\nnav_order: .nan\n---\n", "a.md:2", "nav_order is .nan"),
    ("nav-order-list", "a.md", "---\nnav_order: [1]\n---\n", "a.md:2", "nav_order is a list"),
    ("nav-exclude-text", "a.md", "---\nnav_exclude: \"yes\"\n---\n", "a.md:2", "nav_exclude is the text 'yes'"),
    ("tags-string", "a.md", "---\ntags: discovery, research\n---\n", "a.md:2",
     "tags is the text 'discovery, research': Jekyll reads it as one tag"),
    ("tags-nested", "a.md", "---\ntags: [[a]]\n---\n", "a.md:2", "tags is a list"),
    ("description-list", "a.md", "---\ndescription: [a]\n---\n", "a.md:2", "description is a list"),
    ("unknown-key", "a.md", "---\nnav_ordr: 2\n---\n", "a.md:2", "did you mean 'nav_order'?"),
    ("unknown-key-far", "a.md", "---\ncolour: blue\n---\n", "a.md:2", "unknown key 'colour'"),
    ("parent-missing", "a.md", "---\nparent: Hom\n---\n", "a.md:2", "did you mean 'Home'?"),
    ("parent-path-missing", "a.md", "---\nparent: nowhere/index.md\n---\n", "a.md:2", "matches no page"),
    ("parent-outside-docs", "a.md", "---\nparent: ../../etc/passwd.md\n---\n", "a.md:2",
     "points outside the docs folder"),
    ("parent-self", "a.md", "---\ntitle: Loop\nparent: Loop\n---\n", "a.md:3", "parent cycle: a.md -> a.md"),
    ("next-missing", "a.md", "---\nnext: Nowhere\n---\n", "a.md:2", "next 'Nowhere' matches no page title"),
    ("prev-outside-docs", "a.md", "---\nprev: ../secret.md\n---\n", "a.md:2", "points outside the docs folder"),
    ("prev-wrong-shape", "a.md", "---\nprev: {target: index.md}\n---\n", "a.md:2", "prev is a mapping"),
    ("prev-number", "a.md", "---\nprev: 3\n---\n", "a.md:2", "prev is 3"),
    ("tie-with-home", "a.md", "---\ntitle: Another\nnav_order: 1\n---\n", "a.md:3", "ties with index.md"),
    ("not-utf8", "a.md", b"---\ntitle: Caf\xe9\n---\n", "a.md:2", "is not valid UTF-8 (byte 0xe9 at offset 14)"),
    ("not-utf8-body", "a.md", "---\ntitle: A\n---\n\nline\n".encode() + b"\xff\xfe\n", "a.md:6", "is not valid UTF-8"),
    ("unknown-emoji-title", "a.md", "---\ntitle: \":nope: A\"\n---\n", "a.md:2", ":nope: in the title"),
    ("unknown-emoji-heading", "a.md", "---\ntitle: A\n---\n\n## :nope: B\n", "a.md:5", ":nope: in this heading"),
    ("unknown-emoji-setext", "a.md", "---\ntitle: A\n---\n\nB :nope:\n===\n", "a.md:5", ":nope: in this heading"),
    ("broken-link", "a.md", "---\ntitle: A\n---\n\n[x](missing.md)\n", "a.md", "missing.md"),
    ("broken-anchor", "a.md", "---\ntitle: A\n---\n\n[x](index.md#nowhere)\n", "a.md", "nowhere"),
    # Front matter that would expand, or is too large to read quickly.
    ("alias", "a.md", "---\ntitle: A\nowner: &o Team\ndescription: *o\n---\n", "a.md:3",
     "front matter uses YAML anchors or aliases (the anchor &o"),
    ("alias-bomb", "a.md", ALIAS_BOMB, "a.md:4", "front matter uses YAML anchors or aliases"),
    ("alias-undefined", "a.md", "---\ntitle: A\ndescription: *nowhere\n---\n", "a.md:3",
     "(the alias *nowhere repeats another value)"),
    ("front-matter-too-large", "a.md", "---\ntitle: A\ndescription: " + "x" * 70_000 + "\n---\n",
     "a.md:1", "front matter is 68 KiB, over the limit of 64 KiB"),
    ("deep-nesting", "a.md", "---\ntitle: " + "[" * 5000 + "\n---\n", "a.md:2",
     "front matter is not valid YAML"),
    ("deep-nesting-checked", "a.md", "---\ntitle: '&'\nx: " + "[" * 5000 + "\n---\n", "a.md:1",
     "front matter could not be read"),
    ("control-character", "a.md", "---\ntitle: A\ndescription: B\x01\n---\n", "a.md:3",
     "front matter holds the control character U+0001"),
    ("unclosed", "a.md", "---\ntitle: A\nparent: Home\n\n# A\n\nText.\n", "a.md:1",
     "front matter opened on line 1 is never closed"),
    # Values of the wrong type or outside what the key allows.
    ("author-mapping", "a.md", "---\nauthor: {name: '<b>x</b>'}\n---\n", "a.md:2",
     "author is a mapping, but it must be text or a list of text"),
    ("subtitle-list", "a.md", "---\nsubtitle: ['<img src=x onerror=alert(1)>']\n---\n", "a.md:2",
     "subtitle is a list, but it must be text"),
    ("status-markup", "a.md", "---\nstatus: '\"><script>alert(1)</script>'\n---\n", "a.md:2",
     "but it must be one of: new, deprecated"),
    ("hide-unknown", "a.md", "---\nhide: [toc, everything]\n---\n", "a.md:2",
     "hide is a list, but it must be a list of: navigation, toc, footer, path, tags, feedback"),
    ("search-text", "a.md", "---\nsearch: exclude\n---\n", "a.md:2", "search is the text 'exclude'"),
    ("search-unknown-option", "a.md", "---\nsearch: {exclude: '<b>'}\n---\n", "a.md:2",
     "search is a mapping"),
    ("categories-number", "a.md", "---\ncategories: 3\n---\n", "a.md:2", "categories is 3"),
    ("redirect-mapping", "a.md", "---\nredirect_from: {a: b}\n---\n", "a.md:2", "redirect_from is a mapping"),
    # Keys that select a file of the theme name one that exists.
    ("icon-missing", "a.md", "---\nicon: material/nope\n---\n", "a.md:2",
     "icon 'material/nope' is not the name of one of the theme's icons"),
    ("icon-near-miss", "a.md", "---\nicon: material/compas\n---\n", "a.md:2",
     "did you mean `icon: material/compass`?"),
    ("icon-traversal", "a.md", "---\nicon: ../../../../../etc/passwd\n---\n", "a.md:2",
     "is not the name of one of the theme's icons"),
    ("template-missing", "a.md", "---\ntemplate: nope.html\n---\n", "a.md:2",
     "template 'nope.html' is not the name of a page template"),
    ("template-partial", "a.md", "---\ntemplate: partials/footer.html\n---\n", "a.md:2",
     "template 'partials/footer.html' is not"),
    ("template-traversal", "a.md", "---\ntemplate: ../mkdocs.yml\n---\n", "a.md:2", "template '../mkdocs.yml' is not"),
    ("template-redirect", "a.md", "---\ntemplate: redirect.html\n---\n", "a.md:2", "template 'redirect.html' is not"),
    # Review dates and periods past what a calendar holds.
    ("review-in-9999-years", "a.md", "---\nlast_reviewed: 2025-01-01\nreview_in: 9999 years\n---\n",
     "a.md:3", "last_reviewed 2025-01-01 plus review_in '9999 years' is after the year 9999"),
    ("review-last-day", "a.md", "---\nlast_reviewed: 9999-12-31\nreview_in: 1 day\n---\n",
     "a.md:3", "plus review_in '1 day' is after the year 9999"),
    ("review-default-period", "a.md", "---\nlast_reviewed: 9999-12-31\n---\n", "a.md:2",
     "plus review_in '6 months' is after the year 9999"),
    ("review-overflowing-timestamp", "a.md", "---\nlast_reviewed: 9999-12-31T23:59:59-23:00\n---\n",
     "a.md:2", "plus review_in '6 months' is after the year 9999"),
    # Mistakes editors made (issue 16): each gets the fix that is right.
    ("yaml-leading-colon", "a.md", "---\ntitle: :memo: Release notes\n---\n", "a.md:2",
     'put the value in quotes: `title: ":memo: Release notes"`'),
    ("yaml-colon-space", "a.md", "---\ntitle: A\ndescription: Roadmaps: a guide\n---\n", "a.md:3",
     'put the value in quotes: `description: "Roadmaps: a guide"`'),
    ("yaml-tab-named", "a.md", "---\ntitle: A\n\tnav_order: 1\n---\n", "a.md:3",
     "indented with a tab, and YAML allows only spaces"),
    ("date-two-readings", "a.md", "---\ntitle: A\nlast_reviewed: 02/11/2026\n---\n", "a.md:3",
     "2 November 2026 (day first, as in Britain) is `last_reviewed: 2026-11-02`"),
    ("emoji-typo-text", "a.md", "---\ntitle: A\n---\n\nGreat :thumbs_upp: work\n", "a.md:5",
     "did you mean `:thumbsup:`?"),
    ("emoji-typo-heading", "a.md", "---\ntitle: A\n---\n\n## :rockett: Launch\n", "a.md:5",
     "did you mean `:rocket:`?"),
    ("anchor-typo", "a.md", "---\ntitle: A\n---\n\n[x](index.md#hom)\n", "a.md:5",
     "did you mean '#home'?"),
    ("parent-path-without-md", "a.md", "---\nparent: index\n---\n", "a.md:2",
     "did you mean 'index.md'?"),
    ("date-that-does-not-exist", "a.md", "---\nlast_reviewed: 2026-11-31\n---\n", "a.md:2",
     "there is no day 31 in November 2026"),
    ("parent-far-from-any-title", "a.md", "---\nparent: Reflections on roles\n---\n", "a.md:2",
     "use the exact title of an existing page"),
    # A YAML tag asking for what its value cannot be: PyYAML's constructors raise Python errors.
    *((f"tag-{tag}-{value or 'empty'}", "a.md", f"---\ntitle: A\nnav_order: !!{tag} {value}\n---\n",
       "a.md:3", f"put the value in quotes: `nav_order: \"!!{tag}")
      for tag, value in (("int", ""), ("int", "+"), ("float", ""), ("float", "x"), ("bool", ""),
                         ("bool", "maybe"), ("timestamp", ""), ("timestamp", "soon"))),
]


@pytest.mark.parametrize("case, path, content, where, says", CORPUS, ids=[c[0] for c in CORPUS])
def test_bad_input_is_reported_with_its_file(build_site, case, path, content, where, says):
    built = build_site({"index.md": GOOD, path: content})
    assert built.aborted, f"{case}: the strict build must fail"
    text = "\n".join(built.messages)
    assert "Traceback" not in text
    matching = [m for m in built.messages if says in m]
    assert matching, f"{case}: no message says {says!r}:\n{text}"
    assert any(re.search(rf"(^|[/' ]){re.escape(where)}\b", m) for m in matching), f"{case}: {matching}"


def test_corpus_is_large_enough():
    assert len(CORPUS) >= 30


def test_every_page_still_builds_in_a_lenient_build(build_site):
    pages = {"index.md": GOOD}
    pages.update({f"case-{i}.md": content for i, (_, _, content, _, _) in enumerate(CORPUS)})
    built = build_site(pages, strict=False)
    for name in pages:
        assert (built.site_dir / name.replace(".md", "") / "index.html").exists() or name == "index.md"


@pytest.mark.parametrize("content", [
    b"\xef\xbb\xbf---\r\ntitle: Windows page\r\nnav_order: 2\r\n---\r\n\r\n# Windows page\r\n",
    b"---\r\ntitle: Windows page\r\nnav_order: 2\r\n---\r\n",
    b"\xef\xbb\xbf---\ntitle: Windows page\nnav_order: 2\n---\n",
], ids=["bom-crlf", "crlf", "bom"])
def test_byte_order_marks_and_crlf_are_read(build_site, content):
    built = build_site({"index.md": GOOD, "win.md": content})
    assert built.messages == [] and not built.aborted
    assert built.nav[1] == {"Windows page": "win.md"}


def test_empty_file_builds_with_its_file_name_as_title(build_site):
    # Just the Docs leaves a page without a title out of the nav; the handbook builds it, says so.
    built = build_site({"index.md": GOOD, "team-rituals.md": ""}, strict=False)
    assert [m.split(": ", 1)[1] for m in built.messages] == [
        "has no title, so Just the Docs leaves it out of the nav (the page is still built); add "
        "`title:` to its front matter, or start the page with a `# Heading`"]
    assert built.nav == [{"Home": "index.md"}]
    assert "<title>Team rituals - " in built.page_html("team-rituals.md")


HOSTILE = "<img src=x onerror=alert(1)><script>alert(2)</script>"


def test_front_matter_text_never_becomes_markup(build_site):
    built = build_site({
        "index.md": f"""
            ---
            title: "Home {HOSTILE}"
            nav_order: 1
            description: '"><script>alert(3)</script>'
            author: "<b onmouseover=alert(4)>"
            tags: ["<svg onload=alert(5)>", "R&D"]
            next: {{page: b.md, label: "{HOSTILE}"}}
            ---
            Text.
            """,
        "b.md": f"""
            ---
            title: "{HOSTILE} & more"
            parent: "Home {HOSTILE}"
            tags: ["<svg onload=alert(5)>"]
            ---
            Body.
            """,
        "tags.md": """
            ---
            title: Tags
            nav_order: 2
            ---
            # Tags

            <!-- material/tags -->
            """,
    })
    assert not built.aborted, built.messages
    for page in built.site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"<(img|script|svg|b)\b[^>]*(onerror|onload|onmouseover|>alert)", html), page
        assert "<script>alert" not in html, page
    home = built.page_html("index.md")
    assert "&lt;img src=x onerror=alert(1)&gt;" in home
    search = (built.site_dir / "search/search_index.json").read_text(encoding="utf-8")
    assert "<img" not in search and "<script" not in search and "<svg" not in search


def test_refused_front_matter_is_never_expanded_or_published(build_site):
    """A lenient build (what `make serve` does) builds the page's body alone: the alias bomb's 9**9
    strings and the refused YAML appear nowhere."""
    built = build_site({"index.md": GOOD, "bomb.md": ALIAS_BOMB}, strict=False)
    html = built.page_html("bomb.md")
    assert "lol" not in html and "*a7" not in html
    assert len(html) < 100_000
    assert "lol" not in (built.site_dir / "search/search_index.json").read_text(encoding="utf-8")


def _cli(monkeypatch, tmp_path, pages: dict[str, str], *args: str):
    import contextlib
    import io
    import shutil

    from conftest import ROOT, write_tree
    from handbook.cli import main as cli

    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    write_tree(tmp_path / "docs", pages)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HANDBOOK_TODAY", "2026-03-01")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(args))
    return code, out.getvalue() + err.getvalue()


@pytest.mark.parametrize("command", [["check"], ["nav"], ["renumber", "Home"],
                                     ["new", "Another page", "--parent", "Home"]])
@pytest.mark.parametrize("page", [
    "---\ntitle: A\nlast_reviewed: 9999-12-31\nreview_in: 1 day\n---\n",
    "---\ntitle: A\nlast_reviewed: 2025-01-01\nreview_in: 9999 years\n---\n",
    ALIAS_BOMB,
    "---\ntitle: A\nicon: material/nope\ntemplate: nope.html\n---\n",
], ids=["last-day", "9999-years", "alias-bomb", "icon-template"])
def test_no_handbook_command_raises_on_hostile_front_matter(monkeypatch, tmp_path, command, page):
    code, text = _cli(monkeypatch, tmp_path, {"index.md": GOOD, "a.md": page}, *command)
    assert "Traceback" not in text and code in (0, 1), text
    if command == ["check"]:
        assert code == 1 and re.search(r"docs/a\.md:\d+: ", text), text


def test_check_names_line_1_of_an_unclosed_front_matter(monkeypatch, tmp_path):
    code, text = _cli(monkeypatch, tmp_path, {"index.md": GOOD, "a.md": "---\ntitle: A\n\n# A\n"},
                      "check")
    assert code == 1
    assert "docs/a.md:1: front matter opened on line 1 is never closed" in text


def test_check_reports_icons_and_templates_that_do_not_exist(monkeypatch, tmp_path):
    page = "---\ntitle: A\nicon: material/nope\ntemplate: nope.html\n---\n"
    code, text = _cli(monkeypatch, tmp_path, {"index.md": GOOD, "a.md": page}, "check")
    assert code == 1
    assert "docs/a.md:3: icon 'material/nope' is not the name of one of the theme's icons" in text
    assert "docs/a.md:4: template 'nope.html' is not the name of a page template" in text


def test_existing_icons_and_templates_build(build_site):
    built = build_site({"index.md": GOOD, "a.md": """
        ---
        title: A
        icon: material/compass
        template: main.html
        status: new
        hide: [toc]
        search: {exclude: true, boost: 2}
        subtitle: R&D <b>notes</b>
        ---
        # A
        """})
    assert not built.aborted and built.messages == []
    home = built.page_html("index.md")
    assert "<small>R&amp;D &lt;b&gt;notes&lt;/b&gt;</small>" in home
    assert "md-status--new" in home


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from([b"\xef\xbb\xbf", b"\xef\xbb", b"\xef", b"\xbb\xbf", b"\xff",
                                 b"\xe9", b"\xc3\xa9", b"\xf0\x9f\x9a\x80", b"\xf0\x9f", b"\r\n",
                                 b"\r", b"\n", b"a", b"---", b"\x00", b"\xed\xa0\x80"]),
                max_size=12).map(b"".join))
def test_files_without_a_byte_order_mark_decode_as_utf_8_sig_decodes_them(raw):
    from unittest import mock

    from handbook.pages import frontmatter
    with mock.patch.object(frontmatter, "UNMARKED", "utf-8-sig"):
        expected = frontmatter.decode(raw, "a.md")
    assert frontmatter.decode(raw, "a.md") == expected


HUGE = "9" * 400  # past a float's range: float() of it raises OverflowError


def test_a_nav_order_past_a_floats_range_is_a_number(build_site, monkeypatch, tmp_path):
    """A whole number of 400 digits sorts after every smaller one, as in Jekyll (Ruby's numbers
    have no limit), in the build and in `handbook check` and `handbook nav`: never a traceback."""
    pages = {"index.md": GOOD,
             "a.md": f"---\ntitle: A\nnav_order: {HUGE}\n---\n# A\n",
             "b.md": f"---\ntitle: B\nnav_order: -{HUGE}\n---\n# B\n",
             "c.md": "---\ntitle: C\nnav_order: 5\n---\n# C\n"}
    built = build_site(pages)
    assert not built.aborted, built.messages
    assert built.pages == ["b.md", "index.md", "c.md", "a.md"]
    for command in (["check"], ["nav"]):
        (tmp_path / command[0]).mkdir()
        code, text = _cli(monkeypatch, tmp_path / command[0], pages, *command)
        assert "Traceback" not in text and code in (0, 1), text
        assert "nav_order" not in text, text  # a number, not a problem
    assert [line.split()[0] for line in text.splitlines() if line.strip()] == ["B", "Home", "C", "A"]
