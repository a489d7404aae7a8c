"""A `parent` that names no titled page: Just the Docs draws the page nowhere, with everything under
it (it looks for a page's children only among the pages whose parent is that page's title,
components/nav/children.html). The handbook lists the page at the top level and reports the missing
title once, about every page that names it, so no page JtD hides is listed without a report."""

from __future__ import annotations

from handbook.nav.missing_parents import missing_parent_problems

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
