"""Hostile and broken input: a corpus of real builds, each naming its file, never a traceback."""

from __future__ import annotations

import re

import pytest

GOOD = """
---
title: Home
nav_order: 1
---
# Home
"""

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
    ("title-number", "a.md", "---\ntitle: 2024\n---\n", "a.md:2",
     'title is 2024, but it must be text; YAML reads 2024 as a value, so put it in quotes: `title: "2024"`'),
    ("title-boolean", "a.md", "---\ntitle: yes\n---\n", "a.md:2", "title is true, but it must be text"),
    ("title-list", "a.md", "---\ntitle: [A, B]\n---\n", "a.md:2", "title is a list, but it must be text"),
    ("title-mapping", "a.md", "---\ntitle: {a: b}\n---\n", "a.md:2", "title is a mapping, but it must be text"),
    ("title-empty", "a.md", "---\ntitle:\n---\n", "a.md:2", "title is empty"),
    ("parent-list", "a.md", "---\nparent: [Home]\n---\n", "a.md:2", "parent is a list"),
    ("nav-order-bool", "a.md", "---\nnav_order: true\n---\n", "a.md:2", "nav_order is true"),
    ("nav-order-inf", "a.md", "---\nnav_order: .inf\n---\n", "a.md:2", "nav_order is .inf"),
    ("nav-order-nan", "a.md", "---\nnav_order: .nan\n---\n", "a.md:2", "nav_order is .nan"),
    ("nav-order-list", "a.md", "---\nnav_order: [1]\n---\n", "a.md:2", "nav_order is a list"),
    ("nav-exclude-text", "a.md", "---\nnav_exclude: \"yes\"\n---\n", "a.md:2", "nav_exclude is the text 'yes'"),
    ("tags-string", "a.md", "---\ntags: discovery, research\n---\n", "a.md:2",
     "tags is the text 'discovery, research', but it must be a list"),
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
    built = build_site({"index.md": GOOD, "team-rituals.md": ""})
    assert not built.aborted and built.messages == []
    assert {"Team rituals": "team-rituals.md"} in built.nav
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
