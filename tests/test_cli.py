"""The editors' command line (`handbook new|check|nav|renumber`) on real temporary projects.

Most tests call `main([...])` in-process, from inside a copy of the project (the repository's
mkdocs.yml beside a small docs tree); a few run the installed `handbook` script, and one builds the
result with MkDocs, strictly, to prove that what `handbook new` writes is what the build accepts.
"""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, build_docs, write_tree
from handbook.cli import main as cli
from handbook.pages.editing import EditError, file_stem, next_nav_order, set_nav_order
from handbook.pages.frontmatter import read_page
from handbook.cli.project import read_assets, read_sources
from handbook.pages.schema import validate
from handbook.build.site import build_site

SCRIPT = ROOT / ".venv" / "bin" / "handbook"
TODAY = "2026-03-01"

# Every page has an owner and a review date, so the tree has no problems, not even notes.
GOVERNED = "owner: Docs team\nlast_reviewed: 2026-02-01\n"
PAGES = {
    "index.md": f"---\ntitle: Home\nnav_order: 1\n{GOVERNED}---\n# Home\n\nWelcome.\n",
    "guide/index.md": ("---\ntitle: Guide\nnav_order: 2\nowner: Guide team\n"
                       "last_reviewed: 2026-02-01\nreview_in: 1 year\n---\n# Guide\n\nHow to.\n"),
    "guide/one.md": f"---\ntitle: Step one\nparent: Guide\nnav_order: 10\n{GOVERNED}---\nOne.\n",
    "guide/two.md": f"---\ntitle: Step two\nparent: Guide\nnav_order: 20\n{GOVERNED}---\nTwo.\n",
    "about.md": f"---\ntitle: About\nnav_order: 3\n{GOVERNED}---\nAbout.\n",
    "hidden.md": f"---\ntitle: Hidden\nnav_exclude: true\n{GOVERNED}---\nHidden.\n",
}


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder (the repository's mkdocs.yml and `PAGES`) that is the current folder."""

    def make(pages: dict[str, str | bytes] | None = None) -> Path:
        shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
        write_tree(tmp_path / "docs", PAGES if pages is None else pages)
        monkeypatch.chdir(tmp_path)
        return tmp_path

    monkeypatch.delenv("HANDBOOK_TODAY", raising=False)
    return make


@pytest.fixture
def handbook(capsys):
    def run(*args: str) -> Run:
        code = cli.main(list(args))
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err
        return Run(code, captured.out, captured.err)

    return run


def front_matter(path: Path) -> dict:
    page, problems = read_page(path.read_bytes(), path.name)
    assert problems == []
    return page.meta


def nav_paths(root: Path) -> list[str]:
    """The reading order of the project at `root`, as the build computes it."""
    docs = root / "docs"
    site = build_site(read_sources(docs), assets=read_assets(docs))
    return site.tree.reading_order()


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.md"))}


# ---------------------------------------------------------------------------------------------
# handbook new


def test_new_writes_a_complete_page_after_its_siblings(project, handbook):
    root = project()
    result = handbook("new", "Running a pilot", "--parent", "Guide", "--today", TODAY)
    assert result.code == 0
    assert result.out == "docs/guide/running-a-pilot.md\n"
    assert "In the nav: under 'Guide', after 'Step two' (nav_order 30)." in result.err
    assert "owner" not in result.err  # inherited from the parent, so no note about it
    path = root / "docs/guide/running-a-pilot.md"
    meta = front_matter(path)
    assert meta == {"title": "Running a pilot", "parent": "Guide", "nav_order": 30,
                    "owner": "Guide team", "last_reviewed": datetime.date(2026, 3, 1),
                    "review_in": "1 year"}
    page, _ = read_page(path.read_bytes(), "guide/running-a-pilot.md")
    assert validate(page)[1] == []
    assert page.first_heading is None  # Material shows the title; no `# Title` to keep in step
    body = page.body.strip()
    assert body.startswith("<!--") and body.endswith("-->") and body.count("-->") == 1
    assert "under 'Guide', after 'Step two'" in body
    assert nav_paths(root) == ["index.md", "guide/index.md", "guide/one.md", "guide/two.md",
                               "guide/running-a-pilot.md", "about.md"]
    assert handbook("check", "--today", TODAY).code == 0


def test_new_page_passes_the_strict_mkdocs_build(project, handbook, tmp_path):
    root = project()
    result = handbook("new", "Running a pilot", "--parent", "Guide", "--today", TODAY,
                      "--description", "How to run a pilot.", "--tag", "delivery")
    assert result.code == 0
    built = build_docs(root / "docs", tmp_path / "site", strict=True)
    assert not built.aborted, built.messages
    assert built.messages == []
    assert {"Guide": [{"Guide": "guide/index.md"}, {"Step one": "guide/one.md"},
                      {"Step two": "guide/two.md"},
                      {"Running a pilot": "guide/running-a-pilot.md"}]} in built.nav
    html = built.page_html("guide/running-a-pilot.md")
    assert "Running a pilot" in html and "Write the page here" not in html.split("<!--")[0]


def test_new_titles_with_yaml_symbols_and_emoji_round_trip(project, handbook):
    root = project()
    title = 'Q&A: "roadmaps" #1 — it\'s 🚀 time'
    result = handbook("new", title, "--parent", "guide/index.md", "--today", TODAY)
    assert result.code == 0, result.err
    assert result.out == "docs/guide/q-and-a-roadmaps-1-its-time.md\n"
    meta = front_matter(root / "docs/guide/q-and-a-roadmaps-1-its-time.md")
    assert meta["title"] == title
    assert handbook("check", "--today", TODAY).code == 0


def test_new_at_the_top_level_numbers_after_the_largest_and_asks_for_an_owner(project, handbook):
    root = project()
    result = handbook("new", "Glossary", "--today", TODAY)
    assert result.code == 0
    assert result.out == "docs/glossary.md\n"
    assert "at the top level, after 'About' (nav_order 4)" in result.err  # 1, 2, 3 -> 4
    assert "no owner" in result.err and "--owner" in result.err
    meta = front_matter(root / "docs/glossary.md")
    assert "parent" not in meta and "owner" not in meta and "description" not in meta
    assert meta["review_in"] == "6 months"


@pytest.mark.parametrize("orders, expected", [
    ([10, 20], 30), ([10, 25], 26), ([1, 2.5], 3), ([], 10), ([7.5], 8), ([-10], 0),
])
def test_next_nav_order(orders, expected):
    assert next_nav_order(orders) == expected


def test_new_under_a_page_without_children_gets_10(project, handbook):
    root = project()
    assert handbook("new", "Detail", "--parent", "Step one", "--today", TODAY).code == 0
    meta = front_matter(root / "docs/guide/detail.md")
    assert meta["nav_order"] == 10 and meta["parent"] == "Step one"


def test_new_options_fill_the_front_matter(project, handbook, monkeypatch):
    root = project()
    monkeypatch.setenv("HANDBOOK_TODAY", "2026-04-02")
    result = handbook("new", "Pilot", "--parent", "docs/guide/index.md", "--file", "pilots.md",
                      "--description", "How to run a pilot.", "--tag", "delivery", "--tag", "risk",
                      "--owner", "Pilot team", "--review-in", "90 days")
    assert result.code == 0, result.err
    assert result.out == "docs/guide/pilots.md\n"
    text = (root / "docs/guide/pilots.md").read_text(encoding="utf-8")
    assert text.startswith(
        "---\ntitle: Pilot\nparent: Guide\nnav_order: 30\ndescription: How to run a pilot.\n"
        "tags:\n  - delivery\n  - risk\nowner: Pilot team\nlast_reviewed: 2026-04-02\n"
        "review_in: 90 days\n---\n")
    assert "description" not in result.err


def test_new_from_a_subfolder_prints_the_path_from_there(project, handbook, monkeypatch):
    root = project()
    monkeypatch.chdir(root / "docs" / "guide")
    result = handbook("new", "Pilot", "--parent", "index.md", "--today", TODAY)
    assert result.code == 0
    assert result.out == "pilot.md\n"
    assert (root / "docs/guide/pilot.md").is_file()


def test_new_names_a_shared_parent_title_with_grand_parent(project, handbook):
    pages = dict(PAGES)
    pages["other/index.md"] = f"---\ntitle: Other\nnav_order: 4\n{GOVERNED}---\nOther.\n"
    pages["other/one.md"] = f"---\ntitle: Step one\nparent: Other\nnav_order: 1\n{GOVERNED}---\n1\n"
    root = project(pages)
    result = handbook("new", "Detail", "--parent", "other/one.md", "--today", TODAY)
    assert result.code == 0, result.err
    meta = front_matter(root / "docs/other/detail.md")
    assert (meta["parent"], meta["grand_parent"]) == ("Step one", "Other")
    site = build_site(read_sources(root / "docs"))
    assert site.tree.parent_of["other/detail.md"] == "other/one.md"
    assert handbook("check", "--today", TODAY).code == 0


def test_new_names_a_parent_by_path_when_grand_parent_cannot_tell(project, handbook):
    pages = dict(PAGES)
    pages["a/topic.md"] = f"---\ntitle: Topic\nnav_order: 5\n{GOVERNED}---\nA.\n"
    pages["b/topic.md"] = f"---\ntitle: Topic\nnav_order: 6\n{GOVERNED}---\nB.\n"
    root = project(pages)
    assert handbook("new", "Detail", "--parent", "b/topic.md", "--today", TODAY).code == 0
    assert front_matter(root / "docs/b/detail.md")["parent"] == "b/topic.md"


# Refusals: one line, exit 1 (or 2 for a usage error), nothing written.

def test_new_refuses_an_unknown_parent_with_a_suggestion(project, handbook):
    root = project()
    before = snapshot(root)
    result = handbook("new", "Pilot", "--parent", "Giude")
    assert result.code == 1
    assert result.err == ("handbook new: --parent 'Giude' matches no page title; "
                          "did you mean 'Guide'?\n")
    assert result.out == "" and snapshot(root) == before


def test_new_refuses_a_parent_title_shared_by_several_pages(project, handbook):
    pages = dict(PAGES)
    pages["other/one.md"] = f"---\ntitle: Step one\nnav_order: 5\n{GOVERNED}---\n1\n"
    root = project(pages)
    before = snapshot(root)
    result = handbook("new", "Detail", "--parent", "Step one")
    assert result.code == 1
    assert "is the title of 2 pages: docs/guide/one.md" in result.err
    assert "docs/other/one.md" in result.err and "pass the path" in result.err
    assert result.err.count("\n") == 1 and snapshot(root) == before


def test_new_refuses_an_existing_file_and_suggests_file(project, handbook):
    root = project()
    (root / "docs/guide/pilot.md").write_text("mine\n", encoding="utf-8")
    result = handbook("new", "Pilot", "--parent", "Guide")
    assert result.code == 1
    assert result.err.startswith("docs/guide/pilot.md: already exists;")
    assert "--file pilot-2.md" in result.err
    assert (root / "docs/guide/pilot.md").read_text(encoding="utf-8") == "mine\n"


def test_new_refuses_a_sibling_with_the_same_title(project, handbook):
    root = project()
    before = snapshot(root)
    result = handbook("new", "step TWO", "--parent", "Guide", "--file", "again.md")
    assert result.code == 1
    assert result.err.startswith(
        "docs/guide/two.md: already has the title 'Step two' under 'Guide'")
    assert snapshot(root) == before


def test_new_refuses_a_file_that_would_share_an_address(project, handbook):
    project()
    result = handbook("new", "Guide book", "--file", "guide.md")
    assert result.code == 1
    assert "same address as docs/guide/index.md" in result.err


def test_new_refuses_a_title_without_letters_for_a_file_name(project, handbook):
    project()
    result = handbook("new", "🚀", "--parent", "Guide")
    assert result.code == 1 and "--file" in result.err


def test_new_refuses_a_title_that_the_build_would_warn_about(project, handbook):
    root = project()
    before = snapshot(root)
    result = handbook("new", ":not_an_emoji: Launch", "--parent", "Guide")
    assert result.code == 1
    assert "nothing was written" in result.err and ":not_an_emoji:" in result.err
    assert snapshot(root) == before


@pytest.mark.parametrize("args, says", [
    (["new", "   "], "the title is blank"),
    (["new", "Pilot", "--today", "1 March"], "YYYY-MM-DD"),
    (["new", "Pilot", "--file", "guide/pilot.md"], "--file pilot.md"),
    (["new", "Pilot", "--file", "pilot.txt"], "ending in .md"),
    (["new", "Pilot", "--review-in", "soon"], "6 months"),
    (["renumber"], "one of the arguments"),
    (["renumber", "Guide", "--top"], "not allowed with"),
    (["frobnicate"], "invalid choice"),
    ([], "usage"),
])
def test_usage_errors_exit_2_in_one_line(project, handbook, args, says):
    root = project()
    before = snapshot(root)
    result = handbook(*args)
    assert result.code == 2
    assert says in result.err
    assert args == [] or result.err.count("\n") == 1
    assert snapshot(root) == before


def test_a_bad_handbook_today_is_a_usage_error(project, handbook, monkeypatch):
    project()
    monkeypatch.setenv("HANDBOOK_TODAY", "tomorrow")
    result = handbook("check")
    assert result.code == 2
    assert result.err.startswith("handbook check: HANDBOOK_TODAY:")


def test_help_has_examples_for_every_command(handbook):
    result = handbook("--help")
    assert result.code == 0 and "examples:" in result.out
    for command in ("new", "check", "nav", "renumber"):
        assert command in result.out
        assert handbook(command, "--help").out.count(f"handbook {command}") >= 2


def test_without_mkdocs_yml_every_command_says_how_to_fix_it(tmp_path, monkeypatch, handbook):
    monkeypatch.chdir(tmp_path)
    for args in (["new", "Pilot"], ["check"], ["nav"], ["renumber", "--top"]):
        result = handbook(*args)
        assert result.code == 1
        assert "no mkdocs.yml in" in result.err and "--config" in result.err
        assert result.err.count("\n") == 1


def test_config_option_and_broken_config(project, handbook, tmp_path, monkeypatch):
    root = project()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = handbook("check", "--config", str(root / "mkdocs.yml"), "--today", TODAY)
    assert result.code == 0 and "6 pages checked: no problems" in result.out
    assert handbook("-f", str(root / "mkdocs.yml"), "nav").code == 0
    missing = handbook("check", "-f", "nowhere.yml")
    assert missing.code == 1 and "nowhere.yml does not exist" in missing.err
    (root / "mkdocs.yml").write_text("site_name: x\nnav: [\n", encoding="utf-8")
    broken = handbook("check", "-f", str(root / "mkdocs.yml"))
    assert broken.code == 1 and "is not valid YAML" in broken.err
    (root / "mkdocs.yml").write_text("site_name: x\ndocs_dir: pages\n", encoding="utf-8")
    no_docs = handbook("nav", "-f", str(root / "mkdocs.yml"))
    assert no_docs.code == 1 and "docs_dir 'pages' is not a folder" in no_docs.err


# ---------------------------------------------------------------------------------------------
# handbook check


def test_check_passes_a_clean_project(project, handbook):
    project()
    result = handbook("check", "--today", TODAY)
    assert (result.code, result.out, result.err) == (0, "6 pages checked: no problems\n", "")


def test_check_reports_each_problem_in_the_editors_form(project, handbook):
    pages = dict(PAGES)
    pages["bad.md"] = f"---\ntitle: Bad\nparent: Giude\nnav_ordr: 2\n{GOVERNED}---\nBad.\n"
    project(pages)
    result = handbook("check", "--today", TODAY)
    assert result.code == 1
    assert result.err.splitlines() == [
        "docs/bad.md:3: parent 'Giude' matches no page title; did you mean 'Guide'? "
        "(the page is listed at the top level until then)",
        "docs/bad.md:4: unknown key 'nav_ordr'; did you mean 'nav_order'?",
    ]
    assert result.out == "7 pages checked: 2 problems\n"


def test_check_shows_notes_but_does_not_fail_on_them(project, handbook):
    pages = dict(PAGES)
    pages["about.md"] = "---\ntitle: About\nnav_order: 3\n---\nAbout.\n"  # no owner: a note
    project(pages)
    result = handbook("check", "--today", TODAY)
    assert result.code == 0
    assert result.err.startswith("docs/about.md: no owner and no last_reviewed: ")
    assert result.err.count("\n") == 1
    assert result.out == "6 pages checked: no problems (1 note)\n"


def test_check_reads_the_files_mkdocs_publishes(project, handbook):
    pages = dict(PAGES)
    broken = "---\ntitle: [oops\n---\n"
    pages.update({".drafts/x.md": broken, "guide/.notes.md": broken, "templates/t.md": broken,
                  "guide/README.md": broken, "img/picture.png": b"\x89PNG"})
    root = project(pages)
    assert read_assets(root / "docs") == {"img/picture.png"}
    assert list(read_sources(root / "docs")) == [
        "about.md", "guide/index.md", "guide/one.md", "guide/two.md", "hidden.md", "index.md"]
    result = handbook("check", "--today", TODAY)
    assert result.code == 1
    assert result.err == ("docs/guide/README.md: is left out of the site because guide/index.md is "
                          "published at the same address (guide/index.html); rename or delete one "
                          "of them\n")


def test_check_names_files_from_the_current_folder(project, handbook, monkeypatch):
    pages = dict(PAGES)
    pages["guide/bad.md"] = f"---\ntitle: Bad\nparent: Guide\nnav_order: yes\n{GOVERNED}---\n"
    root = project(pages)
    monkeypatch.chdir(root / "docs" / "guide")
    result = handbook("check", "--today", TODAY)
    assert result.code == 1
    # Problems are named by the docs folder as seen from here, so each path opens from here.
    assert result.err.startswith("../guide/bad.md:4: nav_order is true, but it must be a number")
    assert Path(result.err.split(":")[0]).is_file()
    monkeypatch.chdir(root / "docs")
    assert handbook("check", "--today", TODAY).err.startswith("guide/bad.md:4:")


def test_check_does_not_import_mkdocs(project):
    """`handbook check` starts fast because it never loads MkDocs or Material (its start-up time
    is measured by bench/unit_speed.py)."""
    root = project()
    code = ("import sys; from handbook.cli import main as cli; "
            "code = cli.main(['check', '--today', '2026-03-01']); "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'mkdocs', 'material'})); "
            "sys.exit(code)")
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


# ---------------------------------------------------------------------------------------------
# handbook nav

NAV_PAGES = {
    "index.md": "---\ntitle: Home\nnav_order: 1\n---\n",
    "guide/index.md": "---\ntitle: Guide\nnav_order: 2.5\n---\n",
    "guide/b.md": "---\ntitle: Bee\nparent: Guide\nnav_order: b\n---\n",
    "guide/a.md": "---\ntitle: Ant\nparent: Guide\n---\n",
    "guide/one.md": "---\ntitle: ':rocket: One'\nparent: Guide\nnav_order: 1\ncolour: red\n---\n",
    "guide/deep.md": "---\ntitle: Deep\nparent: guide/one.md\nnav_order: 1\n---\n",
    "lost.md": "---\ntitle: Lost\nparent: Nowhere\nnav_order: 9\n---\n",
    "old/index.md": "---\ntitle: Old\nnav_exclude: true\n---\n",
    "old/under.md": "---\ntitle: Under old\nparent: Old\nnav_order: 1\n---\n",
}


def test_nav_prints_the_tree_in_order_then_the_excluded_pages(project, handbook):
    project(NAV_PAGES)
    result = handbook("nav")
    assert result.code == 0
    assert result.out.splitlines() == [
        "Home  [1]  index.md",
        "Guide  [2.5]  guide/index.md",
        "  🚀 One  [1]  guide/one.md",
        "    Deep  [1]  guide/deep.md",
        "  Bee  ['b']  guide/b.md",
        "  Ant  [-]  guide/a.md",
        "Lost  [9]  lost.md",
        "",
        "Not in the nav (nav_exclude, no title, or under has_children: false):",
        "  Old  [-]  old/index.md",
        "  Under old  [1]  old/under.md",
    ]
    # The unknown parent changes the nav; the unknown key `colour` does not.
    assert result.err.splitlines() == [
        "docs/lost.md:3: parent 'Nowhere' matches no page title; use the exact title of an "
        "existing page, or its path such as 'internal/index.md' (the page is listed at the top "
        "level until then)"]


def test_nav_shows_problems_with_nav_keys_and_unreadable_front_matter(project, handbook):
    project({"index.md": "---\ntitle: Home\nnav_order: first\n---\n",
             "a.md": "---\ntitle: A\nnav_order: [1\n---\n",
             "b.md": "---\ntitle: B\nnav_exclude: \"yes\"\n---\n"})
    result = handbook("nav")
    assert result.code == 0
    assert [line.split(":")[0] for line in result.err.splitlines()] == ["docs/a.md", "docs/b.md"]
    assert "A  [-]  a.md" in result.out.splitlines()


# ---------------------------------------------------------------------------------------------
# handbook renumber

RENUMBER_PAGES = {
    "index.md": "---\ntitle: Home\nnav_order: 1\n---\n",
    "guide/index.md": "---\ntitle: Guide\nnav_order: 2\n---\n",
    "guide/first.md": "---\ntitle: First\nparent: Guide\nnav_order: 10\n---\n",
    "guide/tie-b.md": "---\ntitle: Tie B\nparent: Guide\nnav_order: 15\n---\n",
    "guide/tie-a.md": "---\ntitle: Tie A\nparent: Guide\nnav_order: 15  # after First\n---\n",
    "guide/text.md": "---\ntitle: Zulu\nparent: Guide\nnav_order: alpha\n---\n",
    "guide/none.md": "---\ntitle: Mid\nparent: Guide\n---\n",
    "guide/crlf.md": (b"\xef\xbb\xbf---\r\ntitle: Crlf\r\nparent: Guide\r\nnav_order: 12.5\r\n"
                      b"---\r\nText\r\n"),
    "guide/gone.md": "---\ntitle: Gone\nparent: Guide\nnav_order: 1\nnav_exclude: true\n---\n",
}


def test_renumber_numbers_in_tens_and_keeps_the_order(project, handbook):
    root = project(RENUMBER_PAGES)
    before_order = nav_paths(root)
    first = root / "docs/guide/first.md"  # already 10: not written at all
    os.utime(first, ns=(1_000_000_000, 1_000_000_000))
    gone = (root / "docs/guide/gone.md").read_bytes()
    result = handbook("renumber", "Guide")
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "docs/guide/crlf.md: nav_order 12.5 -> 20",
        "docs/guide/tie-a.md: nav_order 15 -> 30",
        "docs/guide/tie-b.md: nav_order 15 -> 40",
        "docs/guide/text.md: nav_order 'alpha' -> 50",  # text 'alpha' sorts before title 'Mid'
        "docs/guide/none.md: nav_order (none) -> 60",
    ]
    assert nav_paths(root) == before_order
    assert first.stat().st_mtime_ns == 1_000_000_000
    assert (root / "docs/guide/gone.md").read_bytes() == gone  # excluded: left alone
    assert (root / "docs/guide/crlf.md").read_bytes() == (
        b"\xef\xbb\xbf---\r\ntitle: Crlf\r\nparent: Guide\r\nnav_order: 20\r\n---\r\nText\r\n")
    assert (root / "docs/guide/tie-a.md").read_text(encoding="utf-8") == (
        "---\ntitle: Tie A\nparent: Guide\nnav_order: 30  # after First\n---\n")
    assert (root / "docs/guide/none.md").read_text(encoding="utf-8") == (
        "---\ntitle: Mid\nnav_order: 60\nparent: Guide\n---\n")
    assert handbook("check").err.count("ties with") == 0
    again = handbook("renumber", "guide/index.md")
    assert (again.code, again.out) == (0, "nothing to change\n")


def test_renumber_dry_run_writes_nothing(project, handbook):
    root = project(RENUMBER_PAGES)
    before = snapshot(root)
    result = handbook("renumber", "Guide", "--dry-run")
    assert result.code == 0
    assert len(result.out.splitlines()) == 5
    assert "dry run: nothing was written" in result.err
    assert snapshot(root) == before


def test_renumber_top_level_adds_front_matter_where_there_is_none(project, handbook):
    pages = {"index.md": "---\ntitle: Home\nnav_order: 1\n---\n",
             "about.md": "---\ntitle: About\nnav_order: 2\n---\n",
             "zeta.md": "# Zeta\r\n\r\nNo front matter.\r\n"}
    root = project(pages)
    before_order = nav_paths(root)
    result = handbook("renumber", "--top")
    assert result.code == 0
    assert result.out.splitlines() == ["docs/index.md: nav_order 1 -> 10",
                                       "docs/about.md: nav_order 2 -> 20",
                                       "docs/zeta.md: nav_order (none) -> 30"]
    assert (root / "docs/zeta.md").read_bytes() == (
        b"---\r\nnav_order: 30\r\n---\r\n# Zeta\r\n\r\nNo front matter.\r\n")
    assert nav_paths(root) == before_order


def test_renumber_refuses_unknown_and_ambiguous_parents(project, handbook):
    pages = dict(RENUMBER_PAGES)
    pages["other.md"] = "---\ntitle: First\nnav_order: 3\n---\n"
    root = project(pages)
    before = snapshot(root)
    unknown = handbook("renumber", "Giude")
    assert unknown.code == 1
    assert unknown.err == ("handbook renumber: parent 'Giude' matches no page title; "
                           "did you mean 'Guide'?\n")
    shared = handbook("renumber", "First")
    assert shared.code == 1 and "is the title of 2 pages" in shared.err
    assert "e.g. handbook renumber guide/first.md" in shared.err
    assert snapshot(root) == before


def test_renumber_refuses_when_a_page_cannot_be_edited_safely(project, handbook):
    pages = {"index.md": "---\ntitle: Home\nnav_order: 1\n---\n",
             "a.md": "---\ntitle: A\nnav_order: 2\n---\n",
             "broken.md": "---\ntitle: [Broken\n---\n"}
    root = project(pages)
    before = snapshot(root)
    result = handbook("renumber", "--top")
    assert result.code == 1
    assert result.err.splitlines() == [
        "docs/broken.md: front matter is not valid YAML; fix it first "
        "(`handbook check` shows where)",
        "handbook renumber: nothing was written; fix the pages above, then run the command again"]
    assert snapshot(root) == before


ORDERS = st.one_of(st.none(), st.integers(-3, 30), st.sampled_from([1.5, 2.5, 10.0]),
                   st.sampled_from(["a", "B", "c", "10"]))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(["Ant", "bee", "Cat", "ant"]), ORDERS), max_size=7))
def test_renumber_never_changes_the_order(children):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
        pages = {"p/index.md": "---\ntitle: Parent\nnav_order: 1\n---\n"}
        for number, (title, order) in enumerate(children):
            written = yaml.safe_dump(order).split("\n")[0]
            line = "" if order is None else f"nav_order: {written}\n"
            pages[f"p/c{number}.md"] = f"---\ntitle: {title}\nparent: Parent\n{line}---\n"
        write_tree(root / "docs", pages)
        before = nav_paths(root)
        assert cli.main(["renumber", "Parent", "-f", str(root / "mkdocs.yml")]) == 0
        assert nav_paths(root) == before
        site = build_site(read_sources(root / "docs"))
        kids = site.tree.children.get("p/index.md", ())
        assert [site.records[k].nav_order for k in kids] == [10 * (i + 1) for i in range(len(kids))]


# ---------------------------------------------------------------------------------------------
# The text edits behind `renumber`


@pytest.mark.parametrize("before, after", [
    (b"---\ntitle: A\nnav_order: 3  # keep\n---\nx\n",
     b"---\ntitle: A\nnav_order: 20  # keep\n---\nx\n"),
    (b"---\r\ntitle: A\r\n---\r\n", b"---\r\ntitle: A\r\nnav_order: 20\r\n---\r\n"),
    (b"\xef\xbb\xbf---\ntitle: >-\n  Long\n  title\ntags: [a]\n---\n",
     b"\xef\xbb\xbf---\ntitle: >-\n  Long\n  title\nnav_order: 20\ntags: [a]\n---\n"),
    (b"---\ndescription: d\n---\n", b"---\ndescription: d\nnav_order: 20\n---\n"),
    (b"---\nnav_order:\n  - 1\ntitle: A\n---\n", b"---\nnav_order: 20\ntitle: A\n---\n"),
    (b"---\nnav_order:\ntitle: A\n---\n", b"---\nnav_order: 20\ntitle: A\n---\n"),
    (b"---\nnav_order: \"b # c\"\n---\n", b"---\nnav_order: 20\n---\n"),
    (b"Text only", b"---\nnav_order: 20\n---\nText only"),
])
def test_set_nav_order_changes_only_the_value(before, after):
    assert set_nav_order(before, 20) == after


@pytest.mark.parametrize("source, says", [
    (b"---\ntitle: A\n", "no closing"),
    (b"---\n{title: A}\n---\n", "one key per line"),
    (b"---\nnav_order: 1\nnav_order: 2\n---\n", "more than once"),
    (b"---\ntitle: \xff\n---\n", "UTF-8"),
])
def test_set_nav_order_refuses_what_it_cannot_edit_safely(source, says):
    with pytest.raises(EditError, match=says):
        set_nav_order(source, 20)


@pytest.mark.parametrize("title, stem", [
    ("Running a pilot", "running-a-pilot"),
    ("Q&A: Café roadmaps 🚀", "q-and-a-cafe-roadmaps"),
    (":rocket: Launch", "launch"),
    ("Don't panic", "dont-panic"),
    ("Straße, Æsop & Łódź", "strasse-aesop-and-lodz"),
    ("🚀", ""),
])
def test_file_stem(title, stem):
    assert file_stem(title) == stem


# ---------------------------------------------------------------------------------------------
# The installed script


def test_installed_script_creates_and_checks_a_page(project):
    root = project()

    def script(*args: str) -> subprocess.CompletedProcess:
        env = {**os.environ, "HANDBOOK_TODAY": TODAY}
        return subprocess.run([str(SCRIPT), *args], cwd=root, capture_output=True, text=True,
                              env=env, timeout=60)

    assert script("--help").returncode == 0
    created = script("new", "Running a pilot", "--parent", "Guide")
    assert (created.returncode, created.stdout) == (0, "docs/guide/running-a-pilot.md\n")
    checked = script("check")
    assert (checked.returncode, checked.stdout) == (0, "7 pages checked: no problems\n")
    refused = script("new", "Running a pilot", "--parent", "Guide")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    usage = script("new")
    assert usage.returncode == 2 and "Traceback" not in usage.stderr
    piped = subprocess.run(f"'{SCRIPT}' nav | head -1", shell=True, cwd=root, capture_output=True,
                           text=True, timeout=60)
    assert piped.stdout == "Home  [1]  index.md\n" and "Traceback" not in piped.stderr
