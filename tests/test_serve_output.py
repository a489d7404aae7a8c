"""`mkdocs serve`'s site folder (handbook/build/serve_output.py) and how it notices saves
(serve_watch.py), each on its own; tests/test_serve_incremental.py checks the whole server."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from handbook.build.serve_output import PREVIOUS, ServedSite
from handbook.build.serve_watch import watch_with_events
from mkdocs.livereload import LiveReloadServer
from watchdog.observers.polling import PollingObserver


def files(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text() for p in site.rglob("*") if p.is_file()}


def write(site: Path, name: str, text: str) -> None:
    (site / name).parent.mkdir(parents=True, exist_ok=True)
    (site / name).write_text(text)


def build(served: ServedSite, site: Path, pages: dict[str, str], others: dict[str, str],
          early: dict[str, str] | None = None) -> set[str]:
    """One build as MkDocs runs it: clean (names with a dot survive), write every file, and each
    page only if `page_output` gives it something to write. Returns the pages not written."""
    aside = served.before_cleaning(str(site))
    for entry in os.listdir(site):  # MkDocs' clean_directory
        if not entry.startswith("."):
            path = site / entry
            os.system(f"rm -rf '{path}'") if path.is_dir() else path.unlink()
    for name, text in (early or {}).items():  # written before the restore: it must not be undone
        write(site, name, text)
    served.restore()
    for name, text in others.items():
        write(site, name, text)
    skipped = set()
    for name, html in pages.items():
        output = served.page_output(name, str(site / name), html)
        if output:
            write(site, name, output)
        else:
            skipped.add(name)
    served.after_build()
    if aside:
        os.system(f"rm -rf '{aside}'")
    return skipped


def test_unchanged_pages_stay_and_what_a_build_no_longer_has_goes(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    served = ServedSite()
    pages = {"a/index.html": "A", "b/index.html": "B", "c/index.html": "C"}
    others = {"search/search_index.json": "[1]", "img/x.png": "png"}
    assert build(served, site, pages, others) == set()
    assert files(site) == {**pages, **others}
    # b changes, c is deleted, d is added, the image goes: only b and d are written.
    pages2 = {"a/index.html": "A", "b/index.html": "B2", "d/index.html": "D"}
    others2 = {"search/search_index.json": "[2]"}
    time.sleep(0.01)  # a later modification time for whatever is written again
    assert build(served, site, pages2, others2) == {"a/index.html"}
    assert files(site) == {**pages2, **others2}
    assert not (site / "c").exists() and not (site / "img").exists(), "emptied folders go too"
    assert not (site / PREVIOUS).exists()


def test_a_file_written_before_the_old_files_are_back_is_kept(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    served = ServedSite()
    build(served, site, {"a/index.html": "A"}, {}, early={"tags.json": "1"})
    time.sleep(0.01)
    build(served, site, {"a/index.html": "A"}, {}, early={"tags.json": "2"})
    assert files(site) == {"a/index.html": "A", "tags.json": "2"}


def test_a_file_changed_behind_the_servers_back_is_written_again(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    served = ServedSite()
    build(served, site, {"a/index.html": "A"}, {})
    (site / "a/index.html").write_text("tampered")
    assert build(served, site, {"a/index.html": "A"}, {}) == set()
    assert files(site) == {"a/index.html": "A"}


def test_after_a_failed_build_every_page_is_written(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    served = ServedSite()
    build(served, site, {"a/index.html": "A"}, {})
    served.before_cleaning(str(site))
    served.abandon()
    assert build(served, site, {"a/index.html": "A"}, {}) == set()
    assert files(site) == {"a/index.html": "A"}


def test_the_server_hears_a_save_without_polling(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(docs))
    assert isinstance(server.observer, PollingObserver)
    assert watch_with_events(server)
    assert not isinstance(server.observer, PollingObserver)
    assert list(server._watched_paths) == [str(docs)]
    (docs / "read.md").write_text("read")
    heard = threading.Event()
    server.observer.start()
    try:
        # A build reads every page: reading is not a change, or the server would rebuild for ever.
        assert (docs / "read.md").read_text() == "read"
        time.sleep(0.5)
        with server._rebuild_cond:
            assert not server._want_rebuild, "reading a page asked for a rebuild"
        saved = time.monotonic()
        (docs / "page.md").write_text("saved")
        while time.monotonic() - saved < 5 and not heard.is_set():
            with server._rebuild_cond:
                if server._want_rebuild:
                    heard.set()
            time.sleep(0.005)
    finally:
        server.observer.stop()
        server.observer.join()
    assert heard.is_set()
