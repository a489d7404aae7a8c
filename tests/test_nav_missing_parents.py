"""A `parent` that names no titled page: Just the Docs draws the page nowhere, with everything under
it (it looks for a page's children only among the pages whose parent is that page's title,
components/nav/children.html). The handbook lists the page at the top level and reports the missing
title once, about every page that names it, so no page JtD hides is listed without a report."""

from __future__ import annotations

from handbook.build.site import build_site
from handbook.nav.missing_parents import missing_parent_problems

PAGES = {
    "index.md": "---\ntitle: Home\nnav_order: 1\n---\n",
    "b.md": "---\ntitle: B\nparent: Roles\nnav_order: 3\n---\n",
    "a.md": "---\ntitle: A\nparent: Roles\nnav_order: 2\n---\n",
    "draft.md": "---\nparent: Roles\n---\nWords before any heading.\n",  # no title
    "hidden.md": "---\ntitle: Hidden\nparent: Roles\nnav_exclude: true\n---\n",
    "a-more.md": "---\ntitle: More on A\nparent: A\n---\n",
}


def test_every_page_naming_a_missing_parent_is_in_its_one_problem():
    site = build_site({path: text.encode() for path, text in PAGES.items()})
    about_roles = [p for p in site.problems if "parent 'Roles'" in p.message]
    assert len(about_roles) == 1, about_roles  # the page without a title is not reported apart
    problem = about_roles[0]
    assert problem.render("") == (
        "a.md:3: parent 'Roles' matches no page title; use the exact title of an existing page, or "
        "its path such as 'internal/index.md' (also named by b.md:3, draft.md:2, hidden.md:3; a.md "
        "and b.md are listed at the top level until then)")
    assert problem.severity == "error"
    assert sorted(problem.pages) == ["a.md", "b.md", "draft.md", "hidden.md"]
    # JtD shows none of them; the handbook lists those it would list, where an editor looks first.
    assert site.tree.roots == ("index.md", "a.md", "b.md")
    assert site.tree.children["a.md"] == ("a-more.md",)
    assert {"draft.md", "hidden.md"} <= site.tree.excluded
    # `make serve` shows it at the top of each of those pages, not only the first.
    for path in problem.pages:
        assert problem in site.problems_by_path[path], path


def test_the_problem_is_shown_at_the_first_listed_page_and_names_the_others():
    missing = {"Roles": [("hidden.md", 3, "parent 'Roles' matches no page title;"),
                         ("b.md", 4, "parent 'Roles' matches no page title;"),
                         ("a.md", 3, "parent 'Roles' matches no page title;")]}
    [problem] = missing_parent_problems(missing, {}, {}, {}, listed={"a.md", "b.md"})
    assert (problem.path, problem.line, problem.also) == ("a.md", 3, ("b.md", "hidden.md"))
    assert problem.message.endswith(
        "(also named by b.md:4, hidden.md:3; a.md and b.md are listed at the top level until then)")


def test_a_page_left_out_anyway_is_not_said_to_be_listed():
    alone = {"Roles": [("hidden.md", 3, "parent 'Roles' matches no page title;")]}
    [problem] = missing_parent_problems(alone, {}, {}, {}, listed=set())
    assert problem.message == "parent 'Roles' matches no page title;" and problem.also == ()
    listed = {"Roles": [("a.md", 3, "m;"), ("b.md", 3, "m;")]}
    [problem] = missing_parent_problems(listed, {}, {}, {}, listed={"a.md", "b.md"})
    assert problem.message == ("m; (also named by b.md:3; these 2 pages are listed at the top level "
                               "until then)")
