"""Pages copied from a Just the Docs site, built for real: callouts, buttons, Liquid, the list of
children at the bottom of a parent page, and a `tags:` string. What a reader sees is asserted on
the HTML; every message the build gives is asserted too."""

from __future__ import annotations

import re

from conftest import ROOT

HOME = "---\ntitle: Home\nnav_order: 1\n---\n# Home\n\nWelcome.\n"


def text_of(html: str) -> str:
    article = html.split("<article", 1)[1].split("</article>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", article))


def test_callouts_become_admonitions_with_their_titles(build_site):
    page = ("---\ntitle: Callouts\nnav_order: 2\n---\n# Callouts\n\n"
            "{: .warning }\n> Back up the board first.\n\n"
            "{: .note-title }\n> Before you start\n>\n> Read the brief.\n\n"
            "{: .important }\nA paragraph callout.\n\n"
            "{: .highlight }\nA highlighted paragraph.\n")
    built = build_site({"index.md": HOME, "callouts.md": page})
    assert built.messages == [] and not built.aborted
    html = built.page_html("callouts.md")
    assert re.search(r'<div class="admonition warning jtd-red"><p class="admonition-title">Warning</p>'
                     r'\s*<p>Back up the board first.</p>', html)
    assert re.search(r'<div class="admonition note jtd-purple"><p class="admonition-title">Before '
                     r'you start</p>\s*<p>Read the brief.</p>', html)
    assert re.search(r'<div class="admonition important jtd-blue"><p class="admonition-title">'
                     r'Important</p><p>A paragraph callout.</p>', html)
    assert re.search(r'<div class="admonition highlight jtd-yellow"><p>A highlighted paragraph.</p>', html)
    assert "{:" not in text_of(html)


def test_buttons_stay_and_look_like_buttons(build_site):
    page = ("---\ntitle: Start\nnav_order: 2\n---\n# Start\n\nWords first.\n\n"
            "[Begin the course](index.md){: .btn .btn-primary } [Read the source](https://example.org){: .btn }\n\n"
            "👉 **[Ask for a seat](https://example.org/seat)**\n")
    built = build_site({"index.md": HOME, "start.md": page})
    assert built.messages == []
    html = built.page_html("start.md")
    assert re.search(r'<a class="btn btn-primary" href="\.\./">Begin the course</a>', html)
    assert '<a class="btn" href="https://example.org">Read the source</a>' in html
    assert "Ask for a seat" in text_of(html)
    css = (ROOT / "docs" / "stylesheets" / "handbook.css").read_text(encoding="utf-8")
    assert re.search(r"\.md-typeset a\.btn \{[^}]*display: inline-block", css)
    assert ".md-typeset a.btn-primary" in css


def test_liquid_renders_its_common_forms_and_reports_the_rest(build_site):
    page = ("---\ntitle: Liquid\nnav_order: 2\n---\n# Liquid\n\n"
            "{% raw %}\nWrite {{ page.title }} to print the title.\n{% endraw %}\n\n"
            "{% highlight yaml %}\nnav_order: 2\n{% endhighlight %}\n\n"
            "[Home]({{ site.baseurl }}/index.md), [again]({{ '/index.md' | relative_url }}) "
            "and [once more]({% link index.md %}).\n\n"
            "This page is {{ page.title }}.\n\n"
            "{% include footer.html %}\n")
    built = build_site({"index.md": HOME, "liquid.md": page}, strict=False)
    assert [m.split(": ", 1)[0].rsplit("/", 1)[1] for m in built.messages] == ["liquid.md:19"]
    assert "Liquid `{% include footer.html %}` is left out" in built.messages[0]
    html = built.page_html("liquid.md")
    text = text_of(html)
    assert "Write {{ page.title }} to print the title." in text
    assert re.search(r'<code><span class="n(?:t|l)">nav_order', html) or "nav_order: 2" in text
    assert html.count('href="../"') >= 3
    assert "This page is Liquid." in text
    assert "{%" not in text.replace("{{ page.title }}", "")
    assert "endhighlight" not in html


def test_parent_pages_list_their_children_unless_has_toc_is_false(build_site):
    pages = {
        "index.md": HOME,
        "guide/index.md": "---\ntitle: Guide\nnav_order: 2\nchild_nav_order: reversed\n---\n# Guide\n",
        "guide/a.md": "---\ntitle: First\nparent: Guide\nnav_order: 1\nsummary: Where to begin\n---\n# A\n",
        "guide/b.md": "---\ntitle: Second\nparent: Guide\nnav_order: 2\n---\n# B\n",
        "quiet/index.md": "---\ntitle: Quiet\nnav_order: 3\nhas_toc: false\n---\n# Quiet\n",
        "quiet/c.md": "---\ntitle: Child\nparent: Quiet\n---\n# C\n",
    }
    built = build_site(pages)
    assert built.messages == []
    html = built.page_html("guide/index.md")
    listing = html.split('<h2 class="text-delta">Table of contents</h2>', 1)[1].split("</ul>", 1)[0]
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', listing) == [("b/", "Second"), ("a/", "First")]
    assert "</a> - Where to begin</li>" in listing
    assert "text-delta" not in built.page_html("quiet/index.md")
    assert "text-delta" not in built.page_html("guide/a.md")


def test_a_tags_string_is_one_tag_with_a_warning(build_site):
    page = "---\ntitle: Career\nnav_order: 2\ntags: career\n---\n# Career\n"
    built = build_site({"index.md": HOME, "career.md": page}, strict=False)
    assert len(built.messages) == 1 and "tags is the text 'career'" in built.messages[0]
    assert re.search(r'class="md-tag[^"]*"[^>]*>\s*career', built.page_html("career.md"))


def test_a_missing_anchor_is_reported_once_with_its_line(build_site):
    pages = {"index.md": HOME + "\n## Cadence\n\nSee [the plan](plan.md#outcomes).\n",
             "plan.md": "---\ntitle: Plan\nnav_order: 2\n---\n# Plan\n\n## Outcomes\n\n"
                        "Back to [cadence](index.md#cadense) and [here](#outcomes).\n"}
    built = build_site(pages, strict=False)
    assert [m.split("/docs0/", 1)[-1] for m in built.messages] == [
        "plan.md:9: link 'index.md#cadense' goes to '#cadense', which is no heading or anchor on "
        "index.md; did you mean '#cadence'? (a heading's anchor is the part after # in its ¶ link)"]


def test_files_starting_with_an_underscore_are_not_published_as_in_jekyll(build_site):
    built = build_site({"index.md": HOME, "_config.yml": "nav_sort: case_insensitive\n",
                        "_posts/2024-01-01-hello.md": "---\ntitle: Hello\n---\n# Hello\n",
                        "_draft.md": "---\ntitle: Draft\n---\n# Draft\n"})
    assert built.messages == [] and built.nav == [{"Home": "index.md"}]
    assert not (built.site_dir / "_posts").exists() and not (built.site_dir / "_draft").exists()
