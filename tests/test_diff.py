"""`handbook diff` on real temporary git repositories: a sample pull request read as a reviewer
would, the base read from git without a checkout, the exit codes, the comment's size limit, the
CODEOWNERS rules and, through GitHub's own Markdown renderer, page text that stays text."""

from __future__ import annotations

import html
import os
import re
import subprocess
from pathlib import Path

import cmarkgfm
import pytest
from conftest import ROOT
from handbook.cli import main as cli
from handbook.review.codeowners import CodeOwners
from handbook.review.markup import WORD_JOINER, code, one_line, text
from handbook.review.pages import redirect_files
from handbook.review.report import COMMENT_LIMIT, MARKER, SUMMARY_LIMIT, comment, summary
from hypothesis import given, settings
from hypothesis import strategies as st

SCRIPT = ROOT / ".venv" / "bin" / "handbook"
GIT_ENV = {"GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def page(title: str, parent: str | None = None, order: int | None = None, extra: str = "",
         body: str | None = None, owner: str = "Guide team") -> str:
    front = [f"title: {title}", *([f"parent: {parent}"] if parent else []),
             *([f"nav_order: {order}"] if order is not None else []),
             f"owner: {owner}", "last_reviewed: 2026-02-01", *([extra] if extra else [])]
    return "---\n" + "\n".join(front) + "\n---\n" + (body or f"# {title}\n\nWords.\n")


BASE = {
    "mkdocs.yml": "site_name: Sample handbook\n",
    ".github/CODEOWNERS": ("*  @org/maintainers\n/docs/  @org/editors\n"
                           "/docs/guide/  @org/guide-team\n/docs/practice/  @org/practice-team\n"),
    "docs/index.md": page("Home", order=1, owner="Handbook editors"),
    "docs/guide/index.md": page("Guide", order=2),
    "docs/guide/one.md": page("Step one", "Guide", 10),
    "docs/guide/two.md": page("Step two", "Guide", 20),
    "docs/practice/index.md": page("Practice", order=3, owner="Practice team"),
    "docs/practice/habits.md": page("Habits", "Practice", 10, owner="Practice team"),
    "docs/about.md": page("About", order=4, owner="Handbook editors",
                          body="# About\n\nStart with [the guide](guide/start.md).\n"),
}


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-c", "init.defaultBranch=main", *args], cwd=repo, check=True,
                          capture_output=True, text=True, env={**os.environ, **GIT_ENV})
    return done.stdout


def write(repo: Path, files: dict[str, str]) -> None:
    for path, content in files.items():
        target = repo / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A handbook repository with BASE committed on main; the current folder."""
    write(tmp_path, BASE)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "The handbook")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HANDBOOK_TODAY", "2026-03-01")
    return tmp_path


def sample_pull_request(repo: Path) -> None:
    """A moved page, a retitled chapter, a new page with a problem and a fixed broken link."""
    git(repo, "checkout", "-q", "-b", "editor/sample")
    git(repo, "mv", "docs/guide/two.md", "docs/practice/two.md")
    write(repo, {
        "docs/practice/two.md": page("Step two", "Practice in depth", 20,
                                     extra="redirect_from: /guide/two/"),
        "docs/practice/index.md": page("Practice in depth", order=3, owner="Practice team"),
        "docs/practice/habits.md": page("Habits", "Practice in depth", 10, owner="Practice team"),
        "docs/practice/pilots.md": page("Running a pilot", "Practice in depth", 30,
                                        owner="Practice team",
                                        body="# Running a pilot\n\nSee [the plan](plan.md).\n"),
    })
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Move step two, retitle Practice, add pilots")
    # The fix is not committed yet: the working tree is what is compared.
    fixed = "# About\n\nStart with [the guide](guide/index.md).\n"
    write(repo, {"docs/about.md": page("About", order=4, owner="Handbook editors", body=fixed)})


def run(capsys, *args: str) -> tuple[int, str, str]:
    code_ = cli.main(["diff", *args])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code_, captured.out, captured.err


def test_a_reviewer_can_judge_the_sample_pull_request_from_the_report(repo, capsys):
    sample_pull_request(repo)
    status, report, err = run(capsys)
    assert status == 1 and err == ""
    assert "Compared with the merge base with `main`" in report
    assert "3 pages edited, 1 page added, 1 file renamed." in report
    # The new page's problem, with file and line; the fixed link, with its line in the base.
    assert ("### Problems this change brings (1)\n\n- `docs/practice/pilots.md:10` (warning): "
            "link to 'plan\\.md' matches no page") in report
    assert ("### Problems this change fixes (1)\n\n- `docs/about.md:9` (warning): link to "
            "'guide/start\\.md' matches no page") in report
    # The moved page: old and new place; its old address kept by its redirect_from.
    assert ("- **Step two** (`docs/practice/two.md`): under Guide (2nd of 2) → under Practice in "
            "depth (2nd of 3)") in report
    assert ("- `/guide/two/` (**Step two**): the page moves to `/practice/two/`; the old address "
            "still works: the `redirect_from` of `docs/practice/two.md` sends readers on") in report
    assert "- `docs/guide/two.md` → `docs/practice/two.md`" in report
    # The retitled chapter, once; its pages are edited but do not move.
    assert "- `docs/practice/index.md`: **Practice** → **Practice in depth**" in report
    assert "**Habits** (`docs/practice/habits.md`): under" not in report
    assert ("- **Running a pilot** (`docs/practice/pilots.md`): under Practice in depth (3rd of 3)"
            "; owner: Practice team") in report
    # The teams GitHub asks, from the base's CODEOWNERS: both ends of the moved file count.
    assert "- `@org/editors` (Handbook editors): `docs/about.md`" in report
    assert "- `@org/guide-team` (Guide team): `docs/guide/two.md`" in report
    assert ("- `@org/practice-team` (Guide team, Practice team): `docs/practice/habits.md`, "
            "`docs/practice/index.md`, `docs/practice/pilots.md`, `docs/practice/two.md`") in report
    assert ("- **Running a pilot** (`docs/practice/pilots.md`): `practice/pilots/index.html`, "
            "`http://localhost:8000/practice/pilots/`") in report
    assert "page not found" not in report
    assert git(repo, "status", "--porcelain") == " M docs/about.md\n"  # nothing checked out


def test_the_installed_command_writes_the_comment_and_needs_no_checkout(repo):
    sample_pull_request(repo)
    head = git(repo, "rev-parse", "HEAD")
    done = subprocess.run([str(SCRIPT), "diff", "main", "--comment", "comment.md",
                           "--run-url", "https://github.com/o/r/actions/runs/7"],
                          cwd=repo, capture_output=True, text=True, check=False)
    assert done.returncode == 1, done.stderr
    body = (repo / "comment.md").read_text(encoding="utf-8")
    assert body == f"{MARKER}\n{done.stdout}"
    assert "[site-preview artifact of this run](<https://github.com/o/r/actions/runs/7>)" in body
    assert git(repo, "rev-parse", "HEAD") == head


def test_text_edits_alone_need_no_reviewers_eye(repo, capsys):
    write(repo, {"docs/guide/one.md": page("Step one", "Guide", 10, body="# Step one\n\nMore.\n")})
    status, report, _ = run(capsys, "HEAD")
    assert status == 0
    assert "Compared with `HEAD`" in report and "1 page edited." in report
    assert "Nothing here needs a reviewer's eye" in report


def test_a_removed_page_without_redirect_is_named_with_the_line_to_add(repo, capsys):
    (repo / "docs/guide/one.md").unlink()
    status, report, _ = run(capsys, "HEAD")
    assert status == 1
    assert ("- `/guide/one/` (**Step one**): the page is gone; **readers of the old address get "
            "\"page not found\"**; add `redirect_from: /guide/one/`") in report


def test_the_default_base_is_origin_main_in_a_ci_clone(repo, tmp_path_factory, monkeypatch,
                                                        capsys):
    clone = tmp_path_factory.mktemp("clone") / "handbook"
    git(repo, "clone", "-q", str(repo), str(clone))
    git(clone, "checkout", "-q", "-b", "topic")
    git(clone, "branch", "-q", "-D", "main")
    monkeypatch.chdir(clone)
    status, report, _ = run(capsys)
    assert status == 0 and "the merge base with `origin/main`" in report


def test_broken_pages_and_links_at_the_base_are_read_as_the_build_reads_them(tmp_path,
                                                                            monkeypatch, capsys):
    """A base with a page that is not UTF-8, broken YAML, a symlinked page and a link leaving
    the repository: no traceback; the symlink is the page it names, the link out is not read."""
    write(tmp_path, BASE)
    (tmp_path / "docs/bad.md").write_bytes(b"---\ntitle: 'Open\n---\n\xff\xfe\n")
    os.symlink("guide/one.md", tmp_path / "docs/alias.md")
    os.symlink("../../../etc/passwd", tmp_path / "docs/secret.md")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    (tmp_path / "docs/bad.md").write_text("---\ntitle: Fixed\n---\n# Fixed\n", encoding="utf-8")
    (tmp_path / "docs/secret.md").unlink()
    (tmp_path / "docs/alias.md").unlink()
    monkeypatch.chdir(tmp_path)
    status, report, err = run(capsys, "HEAD")
    assert status == 1 and err == ""
    assert "### Problems this change fixes (3)" in report  # and the alias's tie with its target
    assert "`docs/bad.md:2`: front matter is not valid YAML" in report
    assert "`docs/bad.md:4`: is not valid UTF\\-8" in report
    assert "- **Step one** (`docs/alias.md`), was" in report  # the link read as its target
    # Two pages with one title: the buttons name their files.
    assert ("- **Guide**: Next: **Step one** (`docs/alias.md`) → **Step one** "
            "(`docs/guide/one.md`)") in report
    assert "secret" not in report and "root:" not in report


def test_a_file_name_that_is_not_utf8_is_shown_not_fatal(repo, capsys):
    with open(os.fsencode(repo / "docs") + b"/pilot\xff.md", "w", encoding="utf-8") as page_file:
        page_file.write(page("Pilot", "Guide", 30, body="# Pilot\n\n[gone](nope.md)\n"))
    status, report, err = run(capsys, "HEAD", "--summary", "summary.md")
    assert (status, err) == (1, "")
    assert "- `docs/pilot\ufffd.md:10` (warning): link to 'nope\\.md' matches no page" in report


@pytest.mark.parametrize("args, said", [
    (["no-such-branch"], "'no-such-branch' is not a commit in this repository"),
    (["--", "--output=x"], "'--output=x' is not a revision"),
])
def test_an_unknown_base_is_a_usage_error(repo, capsys, args, said):
    status, out, err = run(capsys, *args)
    assert (status, out) == (2, "")
    assert err.startswith("handbook diff: ") and said in err and err.count("\n") == 1


def test_without_main_it_asks_for_a_base(repo, capsys):
    git(repo, "branch", "-q", "-m", "main", "trunk")
    status, out, err = run(capsys)
    assert (status, out) == (2, "")
    assert "there is no branch 'main' (nor 'origin/main')" in err
    assert "handbook diff HEAD~1" in err


def test_outside_git_it_says_so(tmp_path, monkeypatch, capsys):
    write(tmp_path, {"mkdocs.yml": "site_name: x\n", "docs/index.md": page("Home")})
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    status, out, err = run(capsys)
    assert (status, out) == (2, "")
    assert "is not inside a git repository" in err


def test_a_long_report_is_cut_for_the_comment_with_a_pointer_to_the_summary():
    report = "## Report\n\n" + "".join(f"- item {n} {'x' * 50}\n" for n in range(3000))
    body = comment(report, "https://github.com/o/r/actions/runs/7")
    assert len(body) <= COMMENT_LIMIT < len(report)
    assert body.startswith(MARKER + "\n## Report\n")
    kept, _, pointer = body.partition("\n\n**The report is cut here**")
    assert kept.endswith("x" * 50)  # whole items only
    assert "[the job summary](<https://github.com/o/r/actions/runs/7>)" in pointer
    assert comment("short\n", None) == f"{MARKER}\nshort\n"


def test_a_report_too_long_for_a_job_summary_is_cut_in_bytes():
    report = "".join(f"- **Étape {n}** 🚀 {'é' * 40}\n" for n in range(20_000))
    cut = summary(report)
    assert len(cut.encode("utf-8")) <= SUMMARY_LIMIT < len(report.encode("utf-8"))
    kept, _, pointer = cut.partition("\n\n**The report is cut here**")
    assert kept.endswith("é" * 40) and report.startswith(kept)
    assert "Run `handbook diff`" in pointer
    assert summary("short\n") == "short\n"


def test_addresses_follow_each_versions_use_directory_urls(repo, capsys):
    write(repo, {"mkdocs.yml": "site_name: Sample handbook\nuse_directory_urls: false\n"})
    status, report, _ = run(capsys, "HEAD", "--summary", "summary.md")
    assert status == 1
    assert ("- `/guide/one/` (**Step one**): the page moves to `/guide/one.html`; **readers of the "
            "old address get \"page not found\"**") in report
    assert "- **Step one** (`docs/guide/one.md`)" not in report  # no page file changed
    assert (repo / "summary.md").read_text(encoding="utf-8") == report


def test_redirect_from_keeps_the_files_the_build_writes_for_it():
    assert redirect_files(["/guide/two/", "/old", "/x.html", "relative/", 3, "/a%20b/"]) == {
        "guide/two/index.html", "old/index.html", "x.html", "a b/index.html"}
    assert redirect_files("/guide/two/") == {"guide/two/index.html"}
    assert redirect_files(None) == frozenset()


def test_codeowners_follows_githubs_rules():
    owners = CodeOwners.parse("\n".join([
        "# comment", "*  @org/all", "*.md  @org/writers  # trailing comment", "/docs/  @org/docs",
        "docs/roles/  @org/roles", "/docs/roles/seniority.md", "/build/logs/  @org/ops",
    ]))
    assert owners.owners_of("README.md") == ("@org/writers",)
    assert owners.owners_of("hooks/x.py") == ("@org/all",)
    assert owners.owners_of("docs/x.md") == ("@org/docs",)
    assert owners.owners_of("docs/roles/index.md") == ("@org/roles",)
    assert owners.owners_of("docs/roles/seniority.md") == ()  # the last match names nobody
    assert owners.owners_of("src/build/logs/x") == ("@org/all",)  # `/` anchors to the root


def test_the_repositorys_codeowners_names_each_pages_team():
    owners = CodeOwners.parse((ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8"))
    assert owners.owners_of("docs/internal/release-notes.md") == ("@pm-handbook/platform-product",)
    assert owners.owners_of("docs/index.md") == ("@pm-handbook/handbook-editors",)
    assert owners.owners_of("docs/stylesheets/handbook.css") == ("@pm-handbook/maintainers",)


# GitHub's renderer, as it renders comments: raw HTML allowed through (so that a leak shows).
def gfm(markdown: str) -> str:
    return cmarkgfm.github_flavored_markdown_to_html(
        markdown, options=cmarkgfm.cmark.Options.CMARK_OPT_UNSAFE)


# Pieces of markup, joined at random: characters that start Markdown, HTML, entities, mentions
# and the beginnings of bare links.
MARKUP_HEAVY = st.sampled_from(list("<>&\"'`*_~[]()!#|\\$@:/.-+= \n\taz09")
                               + ["www.", "http://", "<img src=x>", "@org/team", "&amp;", "<!--",
                                  "\u2028", "é", "1. ", "> ", "---", ":dart:"])


@settings(max_examples=300, deadline=None)
@given(st.lists(MARKUP_HEAVY, min_size=1, max_size=24).map("".join).filter(one_line))
def test_page_text_renders_on_github_as_typed(value):
    rendered = gfm(f"- **{text(value)}**")
    inner = re.fullmatch(r"<ul>\n<li><strong>(.*)</strong></li>\n</ul>\n", rendered, re.DOTALL)
    assert inner, rendered
    shown = inner.group(1)
    assert "<" not in shown  # no element: every `<` is an entity
    assert not re.search(r"@[A-Za-z0-9]", shown)  # no mention
    assert html.unescape(shown).replace(WORD_JOINER, "") == one_line(value)


@settings(max_examples=300, deadline=None)
@given(st.lists(MARKUP_HEAVY, min_size=1, max_size=24).map("".join).filter(one_line))
def test_file_names_render_as_code_as_typed(value):
    rendered = gfm(f"- {code(value)}")
    inner = re.fullmatch(r"<ul>\n<li><code>(.*)</code></li>\n</ul>\n", rendered, re.DOTALL)
    assert inner, rendered
    assert html.unescape(inner.group(1)) == one_line(value)
