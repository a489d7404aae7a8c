"""Advice that is right: the fix each message offers is the one that works."""

from __future__ import annotations

import pytest
import yaml

from handbook.build.site import build_site
from handbook.markdown.emoji_typos import body_typos
from handbook.pages.dates import iso_advice
from handbook.pages.frontmatter import read_page
from handbook.pages.tag_typos import tag_typo_problems


@pytest.mark.parametrize("line", [
    "title: :memo: Release notes", "title: Q&A: roadmaps: now", "title: @team notes",
    'description: What "we" do: a guide', "title: Ends with:", "title: [draft] Notes and more",
])
def test_the_quoted_line_offered_is_valid_yaml_with_the_same_text(line):
    _, problems = read_page(f"---\n{line}\n---\n".encode(), "a.md")
    message = problems[0].message
    assert "put the value in quotes" in message, message
    fixed = message.rsplit("`", 2)[1]
    key, value = line.split(": ", 1)
    assert yaml.safe_load(fixed) == {key: value}


def test_a_date_gets_its_iso_forms_and_never_today():
    assert iso_advice("last_reviewed", "25/11/2026") == \
        "write it `last_reviewed: 2026-11-25` (25 November 2026)"
    both = iso_advice("last_reviewed", "02/11/2026")
    assert both.index("2026-11-02") < both.index("2026-02-11")  # British reading first
    assert iso_advice("last_reviewed", "last week") is None
    assert iso_advice("last_reviewed", "2026-11-31").startswith("there is no day 31 in November 2026")
    _, problems = read_page(b"---\nlast_reviewed: last week\n---\n", "a.md")
    site = build_site({"a.md": b"---\ntitle: A\nlast_reviewed: last week\n---\n"})
    assert not any("today" in p.message for p in site.problems)


def test_emoji_typos_in_text_skip_code_and_other_words():
    body = "Nice :rockett:\n\n`:rockett:` and 10:30:45 and :param:\n\n```\n:rockett:\n```\n"
    assert body_typos(body, 5) == [(5, ":rockett:", ":rocket:")]


def test_a_tag_used_once_close_to_a_common_tag_is_flagged_at_the_tags_line():
    tags = {"a.md": (4, ["communication"]), "b.md": (5, ["communication", "data"]),
            "c.md": (6, ["comunication"]), "d.md": (7, ["careers"])}
    problems = tag_typo_problems(tags)
    assert [(p.path, p.line) for p in problems] == [("c.md", 6)]
    assert "did you mean 'communication'?" in problems[0].message
    assert "(on 2 pages)" in problems[0].message


def test_the_build_reports_a_tag_typo(build_site):
    page = "---\ntitle: {t}\ntags: [{tag}]\n---\n"
    built = build_site({"index.md": "---\ntitle: Home\nnav_order: 1\n---\n",
                        "a.md": page.format(t="A", tag="communication"),
                        "b.md": page.format(t="B", tag="communication"),
                        "c.md": page.format(t="C", tag="comunication")})
    assert built.aborted
    assert any("c.md:3: tag 'comunication'" in m for m in built.messages), built.messages
