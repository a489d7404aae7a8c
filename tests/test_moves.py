"""Moved pages keep their addresses: `handbook move`, redirect pages from `redirect_from`, and the
warning for an address lost since main."""

from __future__ import annotations

import json

import pytest

from conftest import build_docs, git, git_repository
from handbook.build.redirects import moved_address_problems, plan_redirects, redirect_file
from handbook.build.site_checks import built_file
from handbook.cli import main as cli
from handbook.pages.moves import MoveRefused, add_redirect, plan_move

HOME = "---\ntitle: Home\nnav_order: 1\n---\n# Home\n\nSee [roadmaps](overview/roadmaps.md#why).\n"
PAGES = {
    "index.md": HOME,
    "overview/index.md": "---\ntitle: Overview\nnav_order: 2\n---\n# Top\n\n[Roadmaps](roadmaps.md)\n",
    "overview/roadmaps.md": ("---\ntitle: Roadmaps\nparent: Overview\nnav_order: 1\n---\n\n## Why\n\n"
                             "[Home](../index.md) and [the overview](index.md#top).\n"),
    "overview/lifecycle.md": "---\ntitle: Lifecycle\nparent: Overview\nprev: overview/roadmaps.md\n---\n",
}


def test_the_plan_rewrites_links_keys_and_the_moved_pages_own_links():
    plan = plan_move(PAGES, set(), "overview/roadmaps.md", "planning/roadmaps.md")
    assert plan.address == "/overview/roadmaps/"
    assert plan.relinked == ("index.md", "overview/index.md", "overview/lifecycle.md")
    assert "[roadmaps](planning/roadmaps.md#why)" in plan.texts["index.md"]
    assert "[Roadmaps](../planning/roadmaps.md)" in plan.texts["overview/index.md"]
    assert "prev: planning/roadmaps.md" in plan.texts["overview/lifecycle.md"]
    moved = plan.texts["planning/roadmaps.md"]
    assert "[Home](../index.md) and [the overview](../overview/index.md#top)" in moved
    assert "redirect_from:\n  - /overview/roadmaps/\n---\n" in moved


@pytest.mark.parametrize("old, new, says", [
    ("nowhere.md", "x.md", "is not a page"), ("index.md", "overview/index.md", "already exists"),
    ("overview/roadmaps.md", "../x.md", "not a page path inside docs/"),
    ("overview/roadmaps.md", "overview/roadmaps.txt", "ending in .md"),
])
def test_the_plan_refuses_what_would_lose_a_page(old, new, says):
    with pytest.raises(MoveRefused, match=says):
        plan_move(PAGES, set(), old, new)


@pytest.mark.parametrize("front, expected", [
    ("title: A\n", "title: A\nredirect_from:\n  - /b/\n"),
    ("redirect_from: /a/\ntitle: A\n", "redirect_from:\n  - /a/\n  - /b/\ntitle: A\n"),
    ("redirect_from: [/a/, /c/]\n", "redirect_from:\n  - /a/\n  - /c/\n  - /b/\n"),
    ("redirect_from:\n  - /a/\ntitle: A\n", "redirect_from:\n  - /a/\n  - /b/\ntitle: A\n"),
    ("redirect_from:\n  - /b/\n", "redirect_from:\n  - /b/\n"),
])
def test_the_old_address_is_added_to_redirect_from(front, expected):
    assert add_redirect(f"---\n{front}---\nText\n", "/b/") == f"---\n{expected}---\nText\n"


def test_redirect_plans_refuse_clashes_and_addresses_off_the_site():
    built = {"a.md": "a/index.html", "b.md": "b/index.html"}
    entries = {"a.md": (3, ["/old-a/", "/b/", "/a/", "https://evil.example/", "/../etc/x"]),
               "b.md": (4, "/old-a")}
    redirects, problems = plan_redirects(entries, built, {"img.png"})
    assert [(r.file, r.target) for r in redirects] == [("old-a/index.html", "a.md")]
    messages = [p.render("") for p in problems]
    assert "a.md:3: redirect_from '/b/' is the address of b.md" in messages[0]
    assert "is not an address on this site" in messages[1] and "is not an address" in messages[2]
    assert "b.md:4: redirect_from '/old-a' is the address of a.md" in messages[3]


def test_a_lost_address_is_a_warning_with_the_line_to_add():
    problems = moved_address_problems({"x.md", "y.md", "z.md"}, {"x.md": "new/x.md"},
                                      {"new/x.md", "z.md"}, [])
    rendered = [p.render("") for p in problems]
    assert rendered[0].startswith("new/x.md:1: this page was x.md at the merge base with main")
    assert "add `redirect_from: [/x/]` to its front matter" in rendered[0]
    assert rendered[1].startswith("y.md: was removed since the merge base with main")
    assert built_file("index.md") == "index.html" and built_file("a/b.md") == "a/b/index.html"
    assert redirect_file("/a/b/") == "a/b/index.html" and redirect_file("/a.html") == "a.html"


@pytest.fixture
def repository(tmp_path, monkeypatch):
    return git_repository(tmp_path, PAGES, monkeypatch)


def check(capsys) -> list[str]:
    cli.main(["check", "--today", "2026-11-30"])
    return [line for line in capsys.readouterr().err.splitlines() if "no owner" not in line]


def test_a_renamed_page_without_redirect_is_reported_by_check_and_build(repository, capsys):
    git(repository, "mv", "docs/overview/roadmaps.md", "docs/overview/roadmapping.md")
    problems = check(capsys)
    wanted = ("docs/overview/roadmapping.md:1: this page was overview/roadmaps.md at the merge "
              "base with main, so readers' links to /overview/roadmaps/ now give a 404; add "
              "`redirect_from: [/overview/roadmaps/]` to its front matter")
    assert any(p.startswith(wanted) for p in problems), problems
    built = build_docs(repository / "docs", repository / "site", strict=True)
    assert any("roadmapping.md:1: this page was overview/roadmaps.md" in m for m in built.messages)


def test_handbook_move_keeps_links_and_the_old_address(repository, capsys):
    assert cli.main(["move", "docs/overview/roadmaps.md", "docs/planning/roadmaps.md"]) == 0
    output = capsys.readouterr()
    assert output.out.strip() == "moved docs/overview/roadmaps.md -> docs/planning/roadmaps.md"
    assert not (repository / "docs/overview/roadmaps.md").exists()
    assert check(capsys) == []  # the summary line goes to stdout
    built = build_docs(repository / "docs", repository / "site", strict=True)
    assert not built.aborted, built.messages
    redirect = (repository / "site/overview/roadmaps/index.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh" content="0; url=../../planning/roadmaps/"' in redirect
    assert "overview/roadmaps/" not in (repository / "site/sitemap.xml").read_text()
    index = json.loads((repository / "site/search/search_index.json").read_text())
    assert not [d for d in index["docs"] if d["location"].startswith("overview/roadmaps")]
    assert (repository / "site/planning/roadmaps/index.html").exists()


def test_a_redirect_over_a_real_page_fails_the_build(build_site):
    built = build_site({"index.md": "---\ntitle: Home\nredirect_from: [/a/]\n---\n",
                        "a.md": "---\ntitle: A\n---\n"})
    assert built.aborted
    assert any("redirect_from '/a/' is the address of a.md" in m for m in built.messages)


@pytest.mark.parametrize("address", ["/404.html", "/sitemap.xml", "/search/search_index.json/"])
def test_a_redirect_over_a_file_mkdocs_writes_is_a_warning_not_a_crash(build_site, address):
    built = build_site({"index.md": f"---\ntitle: Home\nredirect_from: [{address}]\n---\n"})
    assert built.aborted
    assert any(f"redirect_from '{address.rstrip('/')}" in m and "already a file of the site" in m
               for m in built.messages), built.messages
