"""`handbook import`: pages of an older Jekyll site copied into the handbook, cleaned.

Each test works in a real temporary project: the repository's mkdocs.yml, a small docs/ (a home
page, a Contact page and the Planning page the fixtures name as `parent`), and beside it the old
site in old/ (its `_config.yml` at the root, the fixture pages under old/docs/planning/, and two
of the images they use under old/assets/images/). The command runs in-process through
`handbook.cli.main`, from the project folder, with HANDBOOK_TODAY set; one test runs the
installed script.
"""

from __future__ import annotations

import io
import os
import posixpath
import re
import shutil
import subprocess
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, Built, build_docs, handbook_config, write_tree
from handbook.cli import main as cli

FIXTURES = ROOT / "tests" / "fixtures" / "jekyll"
SCRIPT = ROOT / ".venv" / "bin" / "handbook"
PAGES = ("okrs.md", "roadmaps.md", "stakeholder-interviews.md", "writing-a-brief.md")
TODAY = "2026-03-01"
IMPORT = ("import", "old/docs/planning", "--dest", "docs/planning")
MOJIBAKE = ("â€", "ðŸ", "âœ", "Â")
PNG = b"\x89PNG\r\n\x1a\n"

HANDBOOK_PAGES = {
    "index.md": "---\ntitle: Home\nnav_order: 1\n---\n# Home\n\nWelcome to the handbook.\n",
    "planning/index.md": "---\ntitle: Planning\nnav_order: 2\n---\n# Planning\n\nHow we plan.\n",
    # roadmaps.md links to it as `/contact`, the old site's address.
    "contact.md": "---\ntitle: Contact\nnav_order: 9\n---\n# Contact\n\nWrite to us.\n",
}
# Images the old site has: one in a page's body, one a page's social image (`image:`).
OLD_IMAGES = {
    "assets/images/now-next-later.png": PNG + b" now, next, later",
    "assets/images/okr-card.png": PNG + b" okr card",
}


# --- Helpers -------------------------------------------------------------------------------------

@dataclass
class Run:
    code: int
    out: str
    err: str


def make_project(root: Path) -> Path:
    (root / "mkdocs.yml").write_text(handbook_config(), encoding="utf-8")
    write_tree(root / "docs", HANDBOOK_PAGES)
    old = root / "old"
    write_tree(old, {"_config.yml": "title: Product notes\ntheme: just-the-docs\n", **OLD_IMAGES})
    (old / "docs" / "planning").mkdir(parents=True)
    for name in PAGES:
        shutil.copy(FIXTURES / name, old / "docs" / "planning" / name)
    return root


def handbook(monkeypatch: pytest.MonkeyPatch, root: Path, *args: str) -> Run:
    """`handbook ARGS` run in-process from the project folder `root`."""
    monkeypatch.chdir(root)
    monkeypatch.setenv("HANDBOOK_TODAY", TODAY)
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = cli.main(list(args))
    assert "Traceback" not in err.getvalue()
    return Run(code, out.getvalue(), err.getvalue())


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def line_with(text: str, marker: str) -> int:
    """The 1-based line of `text` that holds `marker` (which must be on exactly one)."""
    lines = [n for n, line in enumerate(text.split("\n"), 1) if marker in line]
    assert len(lines) == 1, f"{marker!r} is on lines {lines}"
    return lines[0]


def fenced(text: str) -> list[str]:
    return re.findall(r"^```.*?^```$", text, flags=re.MULTILINE | re.DOTALL)


def outside_code(text: str) -> str:
    return re.sub(r"^```.*?^```$", "", text, flags=re.MULTILINE | re.DOTALL)


def fix_by_hand(err: str) -> list[str]:
    """The lines listed under "Still to fix by hand", without their indent."""
    _, found, rest = err.partition("Still to fix by hand")
    assert found, err
    return [line.strip() for line in rest.split("\n")[1:] if line.startswith("  ")]


@dataclass
class Imported:
    root: Path
    run: Run

    def page(self, name: str) -> str:
        return (self.root / "docs" / "planning" / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> Imported:
    """One import of the fixture pages, shared by the tests that only read its results."""
    root = make_project(tmp_path_factory.mktemp("import"))
    with pytest.MonkeyPatch.context() as monkeypatch:
        return Imported(root, handbook(monkeypatch, root, *IMPORT))


@pytest.fixture
def project(tmp_path) -> Path:
    return make_project(tmp_path)


# --- What the import writes and says --------------------------------------------------------

def test_import_writes_every_page_and_one_summary_line_each(imported):
    assert imported.run.code == 0
    lines = imported.run.out.splitlines()
    assert [line.split(" ")[0] for line in lines] == [f"docs/planning/{name}" for name in PAGES]
    for line, name in zip(lines, PAGES, strict=True):
        assert line.startswith(f"docs/planning/{name} (from old/docs/planning/{name}): ")
        assert (imported.root / "docs" / "planning" / name).is_file()


@pytest.mark.parametrize("name", [n for n in PAGES if n != "writing-a-brief.md"])
def test_import_keeps_front_matter_byte_for_byte(imported, name):
    original = fixture_text(name)
    front_matter = original[:original.index("\n---\n") + len("\n---\n")]
    assert imported.page(name).startswith(front_matter)
    assert imported.page(name).count("\n---\n") == original.count("\n---\n")  # nothing added


def test_import_adds_a_title_from_the_first_heading_when_there_is_no_front_matter(imported):
    assert not fixture_text("writing-a-brief.md").startswith("---")
    text = imported.page("writing-a-brief.md")
    assert text.startswith(
        "---\ntitle: Writing a product brief\n---\n\n# Writing a product brief\n")
    assert "title 'Writing a product brief' added" in imported.run.out.splitlines()[3]


@pytest.mark.parametrize("name", PAGES)
def test_import_repairs_mis_decoded_text_outside_code(imported, name):
    original, text = fixture_text(name), imported.page(name)
    assert any(marker in outside_code(original) for marker in MOJIBAKE)
    assert [marker for marker in MOJIBAKE if marker in outside_code(text)] == []
    assert "runs of mis-decoded text repaired" in imported.run.out.splitlines()[PAGES.index(name)]


@pytest.mark.parametrize(("name", "sentence"), [
    ("roadmaps.md", "# Roadmaps 🗺️\n"),
    ("roadmaps.md", "I’ll say it again: “the roadmap is a conversation” — not a contract."),
    ("stakeholder-interviews.md", "the budget line reads 5\u00a0000\u00a0€ per quarter."),
    ("writing-a-brief.md", "Keep the “non-goals” list short – three items at most – so it"),
    ("okrs.md", "on a 0–1 scale. A 0.7 is a good result ✅."),
])
def test_import_writes_the_repaired_text(imported, name, sentence):
    assert sentence in imported.page(name)


def test_import_leaves_code_blocks_as_written(imported):
    [block] = fenced(fixture_text("stakeholder-interviews.md"))
    assert "Iâ€™ll" in block
    assert fenced(imported.page("stakeholder-interviews.md")) == [block]


@pytest.mark.parametrize(("name", "block"), [
    ("roadmaps.md", ['<div class="nav-buttons">', "Back to Planning", "Next: Stakeholder"]),
    ("stakeholder-interviews.md", ["[← Previous: Roadmaps]", "[Next: Discovery →]"]),
    ("writing-a-brief.md", ["**Next:**"]),
    ("okrs.md", ["[Next: Roadmaps]", "{: .btn"]),
])
def test_import_removes_hand_written_prev_next_blocks(imported, name, block):
    assert block[0] in fixture_text(name)
    text = imported.page(name)
    for piece in block:
        assert piece not in text
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert "1 prev/next block removed" in imported.run.out.splitlines()[PAGES.index(name)]


def test_import_keeps_a_further_reading_list_that_is_not_a_pager(imported):
    text = imported.page("writing-a-brief.md")
    assert "- [Next steps after a brief](next-steps.md)\n" in text
    assert "- [Back to basics: problem statements](problem-statements.md)" in text


@pytest.mark.parametrize(("name", "before", "after"), [
    # Site-root and permalink addresses of pages imported with it.
    ("roadmaps.md", "[how we set OKRs](/docs/planning/okrs)", "[how we set OKRs](okrs.md)"),
    ("roadmaps.md", "[the OKR template](okrs#template)", "[the OKR template](okrs.md#template)"),
    ("okrs.md", "\n[Roadmaps](roadmaps)\n", "\n[Roadmaps](roadmaps.md)\n"),
    # The old site's address of a page the handbook already has.
    ("roadmaps.md", "[talk to us](/contact)", "[talk to us](../contact.md)"),
    # A relative .md link that works is left alone.
    ("writing-a-brief.md", "- [Roadmaps](roadmaps.md)", "- [Roadmaps](roadmaps.md)"),
])
def test_import_rewrites_links_that_name_a_page_as_relative_md_links(imported, name, before, after):
    assert before in fixture_text(name)
    text = imported.page(name)
    assert after in text
    if before != after:
        assert before not in text


def test_import_copies_an_image_the_old_site_has_and_rewrites_its_link(imported):
    copied = imported.root / "docs" / "assets" / "images" / "now-next-later.png"
    assert copied.read_bytes() == OLD_IMAGES["assets/images/now-next-later.png"]
    assert ("![Now, next, later board](../assets/images/now-next-later.png){:.photocredit}"
            in imported.page("roadmaps.md"))
    assert "copied docs/assets/images/now-next-later.png" in imported.run.out.splitlines()[1]


def test_import_copies_a_social_image_the_old_site_has(imported):
    copied = imported.root / "docs" / "assets" / "images" / "okr-card.png"
    assert copied.read_bytes() == OLD_IMAGES["assets/images/okr-card.png"]
    assert "image: /assets/images/okr-card.png\n" in imported.page("okrs.md")  # still valid
    assert "copied docs/assets/images/okr-card.png" in imported.run.out.splitlines()[0]


def test_import_copies_only_the_images_the_old_site_has(imported):
    images = imported.root / "docs" / "assets" / "images"
    assert sorted(p.name for p in images.iterdir()) == ["now-next-later.png", "okr-card.png"]


def test_import_lists_what_is_left_to_fix_by_hand_with_file_and_line(imported):
    roadmaps = imported.page("roadmaps.md")
    interviews = imported.page("stakeholder-interviews.md")
    brief = imported.page("writing-a-brief.md")
    expected = [
        ("roadmaps.md", line_with(roadmaps, "image:"), "image '/assets/images/roadmap-card.png'"),
        ("roadmaps.md", line_with(roadmaps, "planning-session.jpg"),
         "image '/assets/images/planning-session.jpg' is missing"),
        ("stakeholder-interviews.md", line_with(interviews, "image:"),
         "image '/assets/images/interview-card.png'"),
        ("stakeholder-interviews.md", line_with(interviews, "<img src="),
         "image '/assets/images/interview-map.png' is missing"),
        ("stakeholder-interviews.md", line_with(interviews, "interview-notes.png"),
         "image '/assets/images/interview-notes.png' is missing"),
        ("stakeholder-interviews.md", line_with(interviews, "](/docs/discovery/interview-notes)"),
         "site-root link '/docs/discovery/interview-notes' matches no page"),
        ("writing-a-brief.md", line_with(brief, "(next-steps.md)"),
         "link to 'next-steps.md' matches no page"),
        ("writing-a-brief.md", line_with(brief, "(problem-statements.md)"),
         "link to 'problem-statements.md' matches no page"),
    ]
    listed = fix_by_hand(imported.run.err)
    assert len(listed) == len(expected)
    for (name, line, message), shown in zip(expected, listed, strict=True):
        assert shown.startswith(f"docs/planning/{name}:{line}: {message}")


def test_check_after_import_finds_none_of_what_the_import_fixed(imported):
    with pytest.MonkeyPatch.context() as monkeypatch:
        checked = handbook(monkeypatch, imported.root, "check")
    about_imported = [line for line in checked.err.splitlines()
                      if line.startswith(tuple(f"docs/planning/{name}" for name in PAGES))]
    assert about_imported  # the problems left to fix, at least
    for line in about_imported:
        assert "mis-decoded" not in line and "prev/next" not in line
        for url in ("'/docs/planning/okrs'", "'okrs#template'", "'okrs.md'", "'/contact'",
                    "'roadmaps'", "'roadmaps.md'", "now-next-later.png", "okr-card.png"):
            assert url not in line
    # What the import listed is exactly what `check` finds wrong in those pages.
    for line in fix_by_hand(imported.run.err):
        assert line in about_imported


@pytest.fixture(scope="module")
def imported_site(imported) -> Built:
    return build_docs(imported.root / "docs", imported.root / "site", strict=False)


def test_imported_pages_build_without_strict(imported_site):
    assert not imported_site.aborted
    assert {f"planning/{name}" for name in PAGES} <= set(imported_site.pages)
    assert [m for m in imported_site.messages if "mis-decoded" in m or "prev/next" in m] == []


@pytest.mark.parametrize(("name", "pattern", "target"), [
    ("roadmaps.md", r'<a href="([^"]*)">how we set OKRs</a>', "planning/okrs/index.html"),
    ("roadmaps.md", r'<a href="([^"]*)">the OKR template</a>', "planning/okrs/index.html"),
    ("roadmaps.md", r'<a href="([^"]*)">talk to us</a>', "contact/index.html"),
    ("okrs.md", r'<p><a href="([^"]*)">Roadmaps</a></p>', "planning/roadmaps/index.html"),
    ("roadmaps.md", r'<img alt="Now, next, later board" class="photocredit" src="([^"]*)"',
     "assets/images/now-next-later.png"),
    ("okrs.md", r'<meta property="og:image" content="([^"]*)"', "assets/images/okr-card.png"),
])
def test_resolved_links_work_in_the_built_site(imported_site, name, pattern, target):
    page = "planning/" + name.removesuffix(".md") + "/"
    [href] = re.findall(pattern, imported_site.page_html(f"planning/{name}"))
    opened = posixpath.normpath(posixpath.join(page, href.split("#")[0]))
    if href.split("#")[0].endswith("/"):
        opened = posixpath.join(opened, "index.html")
    assert opened == target
    assert (imported_site.site_dir / opened).is_file()


# --- Refusals and options ----------------------------------------------------------------------

def own_okrs_page(project: Path) -> Path:
    """A page of the handbook's own where the import would put okrs.md."""
    existing = project / "docs" / "planning" / "okrs.md"
    existing.write_text("---\ntitle: Objectives\nparent: Planning\n---\nOur own page.\n")
    return existing


def test_import_refuses_and_writes_nothing_when_a_page_exists(project, monkeypatch):
    own_okrs_page(project)
    before = snapshot(project / "docs")
    run = handbook(monkeypatch, project, *IMPORT)
    assert run.code == 1
    assert run.out == ""
    assert "docs/planning/okrs.md" in run.err and "--force" in run.err
    assert "nothing was written" in run.err
    assert snapshot(project / "docs") == before


def test_force_overwrites_an_existing_page(project, monkeypatch):
    existing = own_okrs_page(project)
    run = handbook(monkeypatch, project, *IMPORT, "--force")
    assert run.code == 0
    assert "Our own page." not in existing.read_text(encoding="utf-8")
    assert existing.read_text(encoding="utf-8").startswith("---\nlayout: default\ntitle: OKRs\n")
    assert "overwrote 1 existing page (--force)" in run.err
    assert len(run.out.splitlines()) == len(PAGES)


def test_dry_run_writes_nothing(project, monkeypatch):
    before = snapshot(project)
    run = handbook(monkeypatch, project, *IMPORT, "--dry-run")
    assert run.code == 0
    assert [line.split(" (from")[0] for line in run.out.splitlines()] == [
        f"would write docs/planning/{name}" for name in PAGES]
    assert snapshot(project) == before


def test_dry_run_says_what_a_real_run_would_do(project, monkeypatch):
    # Images to copy and the links to them included, though no image is written.
    dry = handbook(monkeypatch, project, *IMPORT, "--dry-run").out.splitlines()
    real = handbook(monkeypatch, project, *IMPORT).out.splitlines()
    assert dry == [f"would write {line}" for line in real]


def test_dest_outside_docs_is_a_usage_error(project, monkeypatch):
    before = snapshot(project)
    run = handbook(monkeypatch, project, "import", "old/docs/planning", "--dest", "imported")
    assert run.code == 2
    assert "--dest imported is not inside the docs folder" in run.err
    assert snapshot(project) == before


def test_missing_source_is_refused_in_one_line(project, monkeypatch):
    before = snapshot(project)
    run = handbook(monkeypatch, project, "import", "old/docs/no-such-folder",
                   "--dest", "docs/planning")
    assert run.code == 1
    assert len(run.err.strip().splitlines()) == 1
    assert "old/docs/no-such-folder: no such file or folder" in run.err
    assert snapshot(project) == before


def test_installed_script_imports(project):
    env = {**os.environ, "HANDBOOK_TODAY": TODAY}
    done = subprocess.run([str(SCRIPT), *IMPORT], cwd=project, capture_output=True, text=True,
                          env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert len(done.stdout.splitlines()) == len(PAGES)
    assert "Still to fix by hand" in done.stderr
    for name in PAGES:
        assert (project / "docs" / "planning" / name).is_file()


# --- Old pages unlike the fixtures -------------------------------------------------------------

def test_import_copies_a_relative_image_that_climbs_to_the_site_root(project, monkeypatch):
    # Just the Docs pages often write `../../assets/images/x.png`, which from the import folder
    # points outside docs/ until the image is copied in.
    write_tree(project / "old", {
        "docs/models/double-diamond.md": (
            "---\ntitle: The double diamond\n---\n# The double diamond\n\n"
            "![Discover, define, develop, deliver](../../assets/images/double-diamond.png)\n"),
        "assets/images/double-diamond.png": PNG + b" diamond",
    })
    run = handbook(monkeypatch, project, "import", "old/docs/models", "--dest", "docs/models")
    assert run.code == 0
    assert (project / "docs/assets/images/double-diamond.png").read_bytes() == PNG + b" diamond"
    text = (project / "docs/models/double-diamond.md").read_text(encoding="utf-8")
    assert "](../assets/images/double-diamond.png)" in text


def test_import_fills_in_a_blank_title_instead_of_adding_a_second_one(project, monkeypatch):
    write_tree(project / "old", {
        "docs/notes/meeting-notes.md": ("---\nlayout: default\ntitle:\nnav_order: 4\n---\n\n"
                                        "# Meeting notes\n\nWhat we decided.\n"),
    })
    run = handbook(monkeypatch, project, "import", "old/docs/notes", "--dest", "docs/notes")
    assert run.code == 0
    text = (project / "docs/notes/meeting-notes.md").read_text(encoding="utf-8")
    head = text.split("\n---\n")[0]
    assert [line for line in head.split("\n") if line.startswith("title:")] == [
        "title: Meeting notes"]
    assert yaml.safe_load(head.removeprefix("---\n"))["title"] == "Meeting notes"
