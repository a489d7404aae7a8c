"""The real cause, once: a missing parent title reported once with the pages naming it (and, from
git, the page that had it); "did you mean" only for typos; no knock-on ties from orphaned pages; a
tie reported at the file this change touched."""

from __future__ import annotations


import pytest

from conftest import git, git_repository
from handbook.build.site import build_site
from handbook.cli import main as cli
from handbook.spelling import closest_typo, typo_distance

HOME = "---\ntitle: Home\nnav_order: 1\n---\n# Home\n"
ROLES = {
    "index.md": HOME,
    "internal/index.md": "---\ntitle: Internal product management\nnav_order: 2\n---\n",
    "roles/index.md": "---\ntitle: Reflections on product-management roles\nnav_order: 3\n---\n"
                      + "".join(f"Paragraph {n} about roles.\n\n" for n in range(20)),
    **{f"roles/r{n}.md": f"---\ntitle: Role {n}\nparent: Reflections on product-management roles\n"
                         f"nav_order: {n}\n---\n" for n in (1, 2, 3, 4)},
}


class Site:
    def __init__(self, site):
        self.problems = [p for p in site.problems if p.severity != "info"]  # owner notes


def site_of(pages, **kwargs):
    return Site(build_site({p: t.encode() for p, t in pages.items()}, **kwargs))


def test_a_missing_parent_title_is_one_message_naming_every_page():
    pages = {p: t for p, t in ROLES.items() if p != "roles/index.md"}
    problems = [p.render("") for p in site_of(pages).problems]
    assert problems == [
        "roles/r1.md:3: parent 'Reflections on product-management roles' matches no page title; "
        "use the exact title of an existing page, or its path such as 'internal/index.md' (also "
        "named by roles/r2.md:3, roles/r3.md:3, roles/r4.md:3; these 4 pages are listed at the top "
        "level until then)"]


def test_orphaned_pages_cause_no_tie_warnings_about_other_pages():
    pages = {p: t for p, t in ROLES.items() if p != "roles/index.md"}
    assert not [p for p in site_of(pages).problems if "ties with" in p.message]


def test_a_typo_gets_did_you_mean_and_a_different_chapter_does_not():
    typo = {**ROLES, "roles/r1.md": ROLES["roles/r1.md"].replace("Reflections", "Reflectoins")}
    assert "did you mean 'Reflections on product-management roles'?" in site_of(typo).problems[0].message
    other = {**ROLES, "roles/r1.md": ROLES["roles/r1.md"].replace(
        "Reflections on product-management roles", "Product management roles")}
    message = site_of(other).problems[0].message
    assert "did you mean" not in message and "use the exact title" in message


@pytest.mark.parametrize("a, b, distance", [
    ("Giude", "Guide", 1), ("Hom", "Home", 1), ("comunication", "communication", 1),
    ("kitten", "sitting", 3), ("", "abc", 3)])
def test_typo_distance(a, b, distance):
    assert typo_distance(a, b) == distance


def test_closest_typo_allows_about_one_slip_in_five_letters():
    assert closest_typo("rockett", ["rocket", "pocket"]) == "rocket"
    assert closest_typo("Roles", ["Internal product management", "Rules of thumb"]) is None


def test_a_plain_parent_typo_adds_no_tie_against_an_untouched_page():
    pages = {**ROLES, "a.md": "---\ntitle: A\nparent: Hom\nnav_order: 1\n---\n"}
    problems = site_of(pages).problems
    assert [p.path for p in problems] == ["a.md"] and "did you mean 'Home'?" in problems[0].message


def test_a_tie_is_reported_at_the_changed_file():
    pages = {**ROLES, "roles/r2.md": ROLES["roles/r2.md"].replace("nav_order: 2", "nav_order: 1")}
    unknown = site_of(pages).problems
    assert [p.path for p in unknown] == ["roles/r1.md"]  # without git: the first in order
    from handbook.governance.baseline import Baseline

    known = site_of(pages, baseline=Baseline(frozenset(pages), changed=frozenset({"roles/r2.md"})))
    assert [p.render("") for p in known.problems] == [
        "roles/r2.md:4: nav_order 1 ties with roles/r1.md ('Role 1') under 'Reflections on "
        "product-management roles'; Just the Docs shows tied pages in any order, the handbook by "
        "title, then path. Give each page its own nav_order"]


def test_a_nav_order_set_twice_in_one_file_is_reported_against_that_file():
    pages = {**ROLES, "roles/r3.md": ROLES["roles/r3.md"] .replace("nav_order: 3\n",
                                                                   "nav_order: 3\nnav_order: 1\n")}
    problems = site_of(pages).problems
    assert {p.path for p in problems} == {"roles/r3.md"}
    assert len(problems) == 2  # the duplicated key, and the tie it causes


@pytest.fixture
def repository(tmp_path, monkeypatch):
    return git_repository(tmp_path, ROLES, monkeypatch)


def checked(capsys) -> list[str]:
    cli.main(["check", "--today", "2026-11-30"])
    return [line for line in capsys.readouterr().err.splitlines() if " no owner" not in line]


def test_git_names_the_removed_page_that_had_the_title(repository, capsys):
    (repository / "docs/roles/index.md").unlink()
    problems = [p for p in checked(capsys) if "parent" in p]
    assert len(problems) == 1, problems  # (and one for its lost address: tests/test_moves.py)
    assert ("roles/index.md had that title at the merge base with main and has been removed; "
            "restore that page from main, or set parent to another page's title") in problems[0]


def test_git_names_the_renamed_page_and_its_new_title(repository, capsys):
    git(repository, "mv", "docs/roles/index.md", "docs/roles/overview.md")
    path = repository / "docs/roles/overview.md"
    path.write_text(path.read_text().replace("Reflections on product-management roles", "Roles"))
    problems = checked(capsys)
    assert any("was renamed to roles/overview.md, now titled 'Roles'" in p for p in problems), problems


def test_git_names_the_file_changed_since_main_first_in_a_tie(repository, capsys):
    path = repository / "docs/roles/r3.md"
    path.write_text(path.read_text().replace("nav_order: 3", "nav_order: 1"))
    problems = checked(capsys)
    assert problems[0].startswith("docs/roles/r3.md:4: nav_order 1 ties with roles/r1.md"), problems


def test_a_broken_link_to_a_removed_or_renamed_page_says_so(repository, capsys):
    (repository / "docs/links.md").write_text(
        "---\ntitle: Links\n---\n\n[Roles](roles/index.md) and [one](roles/r1.md)\n")
    (repository / "docs/roles/index.md").unlink()
    git(repository, "mv", "docs/roles/r1.md", "docs/roles/first.md")
    problems = [p for p in checked(capsys) if p.startswith("docs/links.md:5:")]
    assert len(problems) == 2, problems
    assert problems[0].endswith("(roles/index.md was removed since the merge base with main)")
    assert "(roles/r1.md was renamed to roles/first.md since the merge base with main; " \
           "`handbook move` rewrites the links for you)" in problems[1]


def test_files_mkdocs_never_publishes_are_not_pages_lost_since_main(tmp_path, monkeypatch, capsys):
    """A file in a dot- or underscore-folder at the merge base (the shared abbreviations in
    docs/.snippets/) was never a page, so no address of it can be lost."""
    git_repository(tmp_path, {**ROLES, ".snippets/abbreviations.md": "*[OKR]: Objectives and key results\n",
                              "_drafts/idea.md": "# An idea\n"}, monkeypatch)
    assert not [line for line in checked(capsys) if "removed since the merge base" in line]
