"""The handbook's own content rules: a setting in mkdocs.yml, the same verdict in the build and in
`handbook check`, each problem with its file, line and fix, and every rule on the Contributing page."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, as_checked, build_docs, handbook_config, write_tree
from handbook.cli import main as cli
from handbook.pages.content_rules import content_problems, content_rules_enabled, word_count
from handbook.pages.frontmatter import read_page
from handbook.pages.schema import validate

WORDS = " ".join(["word"] * 310)
HOME = ("---\ntitle: Home\nnav_order: 1\nowner: Editors\nlast_reviewed: 2026-11-01\n"
        f"description: The home page.\ntags: [home]\n---\n\n{WORDS}\n")
CHAPTER = HOME.replace("title: Home", "title: Internal product management").replace(
    "nav_order: 1", "nav_order: 2")
THIN = ("---\ntitle: Running a pilot\nparent: Internal product management\nnav_order: 2\n---\n\n"
        "A pilot is a small trial with real users.\n")


def problems_of(path: str, text: str, chapters: dict[str, str] | None = None) -> list[str]:
    page, _ = read_page(text.encode(), path)
    record, _ = validate(page)
    return [f"{p.path}:{p.line}: {p.message}" for p in content_problems(page, record, chapters or {})]


def test_the_setting_lives_in_one_place():
    assert content_rules_enabled({"handbook": {"content_rules": True}})
    for extra in (None, {}, {"handbook": None}, {"handbook": {"content_rules": "yes"}}):
        assert not content_rules_enabled(extra)


def test_a_thin_page_without_description_or_tags_gets_one_message_per_rule_with_its_fix():
    found = problems_of("internal/running-a-pilot.md", THIN)
    assert found == [
        "internal/running-a-pilot.md:5: has no description; add `description: One sentence saying what the "
        "page helps with.` to the front matter",
        "internal/running-a-pilot.md:5: has no tags; add two to four topics from the Tags page, e.g. "
        "`tags: [discovery, research]`",
        "internal/running-a-pilot.md:7: has 9 words; a handbook page needs at least 300 words of practical "
        "advice (code, link targets and tables do not count): add an example, a checklist or the "
        "pitfalls, or merge it into a related page",
    ]


def test_a_page_in_a_chapter_folder_is_told_which_parent_to_write():
    text = HOME.replace("title: Home", "title: Risks")
    assert problems_of("internal/risks.md", text, {"internal": "Internal product management"}) == [
        "internal/risks.md:8: is in internal/ but has no parent; add "
        "`parent: Internal product management`"]
    chapter = text.replace("nav_order: 1", "parent: Home\nnav_order: 1")
    assert "has a parent; delete the `parent:` line" in problems_of("internal/index.md", chapter)[0]


def test_unreadable_front_matter_is_one_problem_not_a_list_of_missing_keys():
    assert problems_of("a.md", "---\ntitle: 'open\n---\n\nText.\n") == []


def test_words_in_code_and_link_targets_do_not_count():
    assert word_count("One two [three](four-five.md)\n```\nsix seven\n```\n| eight |") == 4


def test_generated_pages_are_exempt_from_the_word_count():
    text = HOME.replace(WORDS, "Tags.\n\n<!-- material/tags -->")
    assert problems_of("tags.md", text) == []


@pytest.fixture
def thin_project(tmp_path, monkeypatch):
    def make(content_rules: bool) -> Path:
        write_tree(tmp_path / "docs", {"index.md": HOME, "internal/index.md": CHAPTER,
                                         "internal/running-a-pilot.md": THIN})
        (tmp_path / "mkdocs.yml").write_text(handbook_config(content_rules), encoding="utf-8")
        monkeypatch.chdir(tmp_path)
        monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
        monkeypatch.setenv("HANDBOOK_TODAY", "2026-11-30")  # the build and check judge the same day
        return tmp_path

    return make


def check_messages(capsys) -> list[str]:
    cli.main(["check"])
    return [line for line in capsys.readouterr().err.splitlines() if line]


def test_build_and_check_give_the_same_verdict_with_the_rules_on(thin_project, capsys):
    root = thin_project(True)
    built = build_docs(root / "docs", root / "site", strict=True, content_rules=True)
    assert built.aborted
    checked = check_messages(capsys)
    assert as_checked(built, root / "docs") == sorted(checked)
    assert len([m for m in checked if "running-a-pilot" in m]) == 4  # description, tags, words, owner


def test_a_copied_just_the_docs_site_has_the_rules_off(thin_project, capsys):
    root = thin_project(False)
    built = build_docs(root / "docs", root / "site", strict=True)
    assert not built.aborted
    checked = check_messages(capsys)
    assert as_checked(built, root / "docs") == sorted(checked)
    assert [m for m in checked if "running-a-pilot" in m and "no owner" not in m] == []


def test_the_contributing_page_lists_every_content_rule():
    text = (ROOT / "docs/contributing.md").read_text(encoding="utf-8")
    section = text.split("## What every page needs", 1)[1].split("\n## ", 1)[0]
    for words in ("`description`", "`tags`", "`nav_order`", "`parent`", "300 words",
                  "content_rules"):
        assert words in section, words


def test_in_github_actions_every_problem_is_also_an_annotation(thin_project, capsys, monkeypatch):
    root = thin_project(True)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    build_docs(root / "docs", root / "site", strict=True, content_rules=True)
    built_out = capsys.readouterr().out
    assert cli.main(["check"]) == 1
    check_out = capsys.readouterr().out
    wanted = ("::error file=docs/internal/running-a-pilot.md,line=5::has no description; add "
              "`description: One sentence saying what the page helps with.` to the front matter")
    assert wanted in check_out.splitlines()
    check_lines = [line for line in check_out.splitlines() if line.startswith("::")]
    assert len(check_lines) == 4
    # The build names the docs folder from wherever it is; the annotation names the same line.
    assert any(line.endswith(wanted.split("running-a-pilot.md", 1)[1])
               for line in built_out.splitlines())


def test_annotations_escape_what_github_would_misread():
    from handbook.problems import Problem

    problem = Problem("a,b.md", 2, "50% done\nnext", "warning")
    assert problem.annotation() == "::warning file=docs/a%2Cb.md,line=2::50%25 done%0Anext"
