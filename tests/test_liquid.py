"""Liquid as Jekyll renders its common forms, and everything else left out and reported with its
line (handbook/jekyll/liquid.py)."""

from __future__ import annotations

import pytest

from handbook.jekyll.liquid import render_liquid


@pytest.mark.parametrize(("source", "rendered"), [
    ("{{ site.baseurl }}/guide/", "/guide/"),
    ("{{ site.url }}{{ site.baseurl }}/x.md", "/x.md"),
    ('{{ "/assets/a.png" | relative_url }}', "/assets/a.png"),
    ("{{ 'guide/' | absolute_url }}", "/guide/"),
    ("{{ site.baseurl | append: '/x/' }}", "/x/"),
    ("{% link docs/guide.md %}", "/docs/guide.md"),
    ("{{ page.title }} and {{ page.nav_order }}", "Roadmaps and 2"),
    ("{% raw %}{{ kept }} {% tag %}{% endraw %}", "{{ kept }} {% tag %}"),
    ("a{% comment %} gone {% endcomment %}b", "ab"),
    ("{%- raw -%}x{%- endraw -%}", "x"),
])
def test_common_forms_render_as_in_jekyll(source, rendered):
    assert render_liquid(source, {"title": "Roadmaps", "nav_order": 2}) == (rendered, [])


def test_highlight_becomes_a_fenced_code_block():
    text, problems = render_liquid("{% highlight ruby linenos %}\nputs 1\n{% endhighlight %}\n", {})
    assert (text, problems) == ("~~~~~~ruby\nputs 1\n~~~~~~\n", [])


@pytest.mark.parametrize("source", [
    "{% include footer.html %}", "{{ site.data.team }}", "{% if page.x %}", "{{ page.tags }}",
    "{{ 'x' | upcase }}", "{% capture x %}text{% endcapture %}", "{% post_url 2020-01-01-hi %}",
])
def test_anything_else_is_left_out_and_reported_with_its_line(source):
    text, problems = render_liquid(f"one\n\n{source}\n", {"tags": ["a"]}, first_line=5)
    assert text == "one\n\n\n" and "{" not in text
    assert [line for line, _ in problems] == [7]
    assert "is left out" in problems[0][1] and "{% raw %}" in problems[0][1]


def test_line_breaks_are_kept_so_later_lines_stay_right():
    source = "{% comment %}\na\nb\n{% endcomment %}\n{% include x %}\n"
    text, problems = render_liquid(source, {})
    assert text.count("\n") == source.count("\n") and [line for line, _ in problems] == [5]


def test_unclosed_liquid_and_raw_are_reported():
    assert [line for line, _ in render_liquid("a {{ b\n", {})[1]] == [1]
    text, problems = render_liquid("{% raw %}\n{{ x }}\n", {})
    assert text == "\n{{ x }}\n" and "never closed" in problems[0][1]
