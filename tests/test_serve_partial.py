"""The decisions behind `mkdocs serve`'s one-page rebuild (handbook/build/serve_partial.py): which
saves name one page alone, which changes to the site no other page shows, and the search index's
entries by page. The rebuild itself is checked against clean builds in test_serve_incremental.py."""

from __future__ import annotations

import dataclasses
import types

import pytest
from mkdocs.structure.files import File, Files

from handbook.build.serve_partial import FOLDER, ChangedPaths, changed_page, same_but_text, split_entries
from handbook.build.site import build_site

PAGE = "---\ntitle: {title}\nparent: Home\n---\n\n{body}\n"


@pytest.fixture
def docs(tmp_path):
    folder = tmp_path / "docs"
    (folder / "guide").mkdir(parents=True)
    for path in ("index.md", "guide/a.md", "guide/b.md", "logo.png"):
        (folder / path).write_text("x", encoding="utf-8")
    files = Files([File(path, str(folder), str(tmp_path / "site"), True)
                   for path in ("index.md", "guide/a.md", "guide/b.md", "logo.png")])
    return folder, files


def test_one_saved_page_is_rebuilt_alone(docs):
    folder, files = docs
    assert changed_page([str(folder / "guide/a.md")], str(folder), files) == "guide/a.md"
    # Saved twice, or through a temporary file renamed over it (the temporary file is gone).
    assert changed_page([str(folder / "guide/a.md")] * 2, str(folder), files) == "guide/a.md"
    assert changed_page([str(folder / "guide/.a.md.swp"), str(folder / "guide/a.md")],
                        str(folder), files) == "guide/a.md"


@pytest.mark.parametrize("saved", [
    ["guide/a.md", "guide/b.md"],  # two pages
    ["logo.png"],  # not a page's text
    ["guide/new.md"],  # a page that was not built
    ["../mkdocs.yml"],  # outside docs/
    [FOLDER],  # a folder made, deleted or moved
    [],  # nothing known: the polling observer, or a build asked for by hand
])
def test_anything_else_is_a_full_build(docs, saved):
    folder, files = docs
    (folder / "guide/new.md").write_text("x", encoding="utf-8")
    paths = [p if p == FOLDER else str(folder / p) for p in saved]
    assert changed_page(paths, str(folder), files) is None


def test_a_deleted_page_is_a_full_build(docs):
    folder, files = docs
    (folder / "guide/a.md").unlink()
    assert changed_page([str(folder / "guide/a.md")], str(folder), files) is None


def test_events_name_files_and_folders():
    changed = ChangedPaths()

    def event(kind, path, folder=False, dest=""):
        return types.SimpleNamespace(event_type=kind, src_path=path, dest_path=dest,
                                     is_directory=folder)

    changed.record(event("modified", "/d/a.md"))
    changed.record(event("moved", "/d/.a.md.tmp", dest="/d/a.md"))
    changed.record(event("modified", "/d", folder=True))  # its files' events say what changed
    assert changed.take() == {"/d/a.md", "/d/.a.md.tmp"}
    assert changed.take() == set()
    changed.record(event("created", "/d/new", folder=True))
    assert changed.take() == {FOLDER}


def site(pages: dict[str, str]):
    sources = {"index.md": b"---\ntitle: Home\n---\n\nWelcome.\n"}
    sources.update({path: text.encode() for path, text in pages.items()})
    return build_site(sources)


def test_a_body_edit_changes_nothing_else():
    pages = {"a.md": PAGE.format(title="A", body="Some words."),
             "b.md": PAGE.format(title="B", body="See [A](a.md#details).")}  # b's own problem
    before = site(pages)
    assert same_but_text(before, site({**pages, "a.md": PAGE.format(
        title="A", body="Other words, and [a link](b.md).")}), "a.md")
    # A page's own problems may change (a line, a word count) when the banner every served page
    # shows is the same: here five other pages' problems come first in it.
    pages.update({f"b{n}.md": PAGE.format(title=f"B{n}", body="[x](missing.md)") for n in range(5)})
    pages["z.md"] = PAGE.format(title="Z", body="[x](missing.md)")
    before = site(pages)
    after = site({**pages, "z.md": PAGE.format(title="Z", body="Words.\n\n[x](missing.md)")})
    assert before.problems != after.problems
    assert same_but_text(before, after, "z.md")
    assert not same_but_text(before, after, "b1.md")


@pytest.mark.parametrize("edited", [
    PAGE.format(title="A renamed", body="Some words.\n\n## Details"),  # the nav shows titles
    PAGE.format(title="A", body="Some words.\n\n## Particulars"),  # b.md's link now misses
    "---\ntitle: A\nparent: Home\nnav_order: 2\n---\n\nSome words.\n\n## Details\n",  # order
    "---\ntitle: A\nparent Home\n---\n\nSome words.\n\n## Details\n",  # a new problem: the banner
])
def test_what_other_pages_show_is_seen(edited):
    pages = {"a.md": PAGE.format(title="A", body="Some words.\n\n## Details"),
             "b.md": PAGE.format(title="B", body="See [A](a.md#details).")}
    before = site(pages)
    after = site({**pages, "a.md": edited})
    assert not same_but_text(before, after, "a.md")


def test_every_field_of_the_site_is_compared():
    """A field added to HandbookSite is compared unless same_but_text is told otherwise."""
    pages = {"a.md": PAGE.format(title="A", body="Words.")}
    before = site(pages)
    for field in dataclasses.fields(before):
        if field.name in ("repaired", "problems"):
            continue
        changed = dataclasses.replace(before, **{field.name: object()})
        assert not same_but_text(before, changed, "a.md"), field.name


def test_search_entries_by_page():
    entries = ["a1", "a2", "b1", "c1"]
    ranges = {"a.md": (0, 2), "b.md": (2, 3), "c.md": (3, 4)}
    assert split_entries(entries, ranges, ["a.md", "b.md", "x.md", "c.md"]) == {
        "a.md": ["a1", "a2"], "b.md": ["b1"], "x.md": [], "c.md": ["c1"]}
    # Ranges that leave entries out, overlap or follow another order: not this build's.
    assert split_entries(entries, {"a.md": (0, 2), "c.md": (3, 4)}, ["a.md", "c.md"]) is None
    assert split_entries(entries, {"a.md": (0, 3), "b.md": (2, 4)}, ["a.md", "b.md"]) is None
    assert split_entries(entries, ranges, ["b.md", "a.md", "c.md"]) is None
