"""Files that are not what they seem: symbolic links in docs/ and hostile pages given to `handbook
import`. Nothing from outside docs/ (or the old site) is read, published or copied, and each case
gets one clear message, never a traceback or a hang."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, build_docs, write_tree
from handbook.cli import main as cli
from handbook.jekyll.images import image_kind

HOME = "---\ntitle: Home\nnav_order: 1\n---\n# Home\n\nWelcome.\n"
SECRET = "handbook-secret-3f9c"  # in a file outside docs/: must never reach site/


def run_handbook(root: Path, monkeypatch, *args: str) -> tuple[int, str]:
    monkeypatch.chdir(root)
    monkeypatch.setenv("HANDBOOK_TODAY", "2026-03-01")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(args))
    text = out.getvalue() + err.getvalue()
    assert "Traceback" not in text
    return code, text


def site_bytes(site: Path) -> bytes:
    return b"".join(p.read_bytes() for p in site.rglob("*") if p.is_file()) if site.exists() else b""


# --- Symbolic links in docs/ -----------------------------------------------------------------------

@pytest.fixture
def handbook_root(tmp_path) -> Path:
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    write_tree(tmp_path / "docs", {"index.md": HOME})
    (tmp_path / "outside.md").write_text(f"---\ntitle: Outside\n---\n{SECRET}\n", encoding="utf-8")
    return tmp_path


LINKS = {
    # name: (link in docs/, what it points to (relative to the project), words of the message)
    "file-outside": ("leak.md", "../outside.md", "is a symbolic link to '../outside.md' ("),
    "etc-passwd": ("passwd.md", "/etc/passwd", "is a symbolic link to '/etc/passwd' (/etc/passwd), "
                   "outside the docs folder"),
    "proc-environ": ("env.md", "/proc/self/environ", "outside the docs folder"),
    "folder-outside": ("other", "..", "outside the docs folder"),
    "dangling": ("gone.png", "nothing-here.png", "which does not exist"),
}


@pytest.mark.parametrize("strict", [True, False], ids=["strict", "lenient"])
@pytest.mark.parametrize("case", LINKS)
def test_a_link_out_of_docs_is_named_with_its_target_and_never_published(handbook_root, case, strict):
    """A strict build stops before MkDocs walks docs/; a lenient one (`mkdocs serve`) reports the
    link and builds without it."""
    name, target, says = LINKS[case]
    os.symlink(target, handbook_root / "docs" / name)
    site = handbook_root / "site"
    built = build_docs(handbook_root / "docs", site, strict=strict)
    assert built.aborted is strict
    mine = [m for m in built.messages if m.startswith(f"{handbook_root}/docs/{name}: ")]
    assert len(mine) == 1 and says in mine[0], built.messages
    assert SECRET.encode() not in site_bytes(site) and b"root:x:0:0" not in site_bytes(site)
    if not strict:
        assert (site / "index.html").is_file() and not (site / name).exists()
        assert not (site / name.replace(".md", "")).exists()


def test_a_loop_of_links_is_one_message_naming_the_loop(handbook_root):
    docs = handbook_root / "docs"
    os.symlink("b.md", docs / "a.md")
    os.symlink("a.md", docs / "b.md")
    (docs / "sub").mkdir()
    os.symlink("..", docs / "sub" / "up")
    built = build_docs(docs, handbook_root / "site", strict=True)
    assert built.aborted
    assert [m.split(": ", 1)[0].rsplit("/docs/", 1)[1] for m in built.messages if "/docs/" in m] == [
        "a.md", "sub/up"]
    assert any("is a loop of symbolic links (a.md -> b.md -> a.md)" in m for m in built.messages)
    assert any("a folder that holds the link itself" in m for m in built.messages)
    assert len(built.messages) == 3  # the two links, and "nothing was built"


def test_a_folder_loop_in_a_lenient_build_is_one_message_and_builds_once(handbook_root):
    docs = handbook_root / "docs"
    (docs / "sub").mkdir()
    (docs / "sub" / "page.md").write_text("---\ntitle: Page\n---\n# Page\n", encoding="utf-8")
    os.symlink("..", docs / "sub" / "up")
    built = build_docs(docs, handbook_root / "site", strict=False)
    assert not built.aborted
    assert [m for m in built.messages if "symbolic link" in m] == [
        f"{docs}/sub/up: is a symbolic link to '..', a folder that holds the link itself, so the "
        "docs folder would repeat inside itself forever; delete the link"]
    assert sorted(built.pages) == ["index.md", "sub/page.md"]
    assert not (handbook_root / "site" / "sub" / "up").exists()


def test_links_inside_docs_are_followed_as_before(handbook_root):
    docs = handbook_root / "docs"
    (docs / "guide").mkdir()
    (docs / "guide" / "real.md").write_text("---\ntitle: Real\n---\n# Real\n", encoding="utf-8")
    os.symlink("guide", docs / "alias")
    built = build_docs(docs, handbook_root / "site", strict=False)
    assert not built.aborted
    assert (handbook_root / "site" / "alias" / "real" / "index.html").exists()


def test_handbook_check_reports_the_links_and_reads_nothing_through_them(handbook_root, monkeypatch):
    docs = handbook_root / "docs"
    os.symlink("../outside.md", docs / "leak.md")
    os.symlink("..", docs / "up")
    code, text = run_handbook(handbook_root, monkeypatch, "check")
    assert code == 1
    assert "docs/leak.md: is a symbolic link to '../outside.md'" in text
    assert "docs/up: is a symbolic link to '..'" in text
    assert SECRET not in text and "Outside" not in text


# --- handbook import -------------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
SVG_PLAIN = b'<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"><rect width="2" height="2"/></svg>'
SVG_SCRIPT = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@pytest.mark.parametrize(("data", "kind"), [
    (PNG, "PNG"), (b"\xff\xd8\xff\xe0JFIF", "JPEG"), (b"GIF89a\x01\x00", "GIF"),
    (b"RIFF\x10\x00\x00\x00WEBPVP8 ", "WebP"), (SVG_PLAIN, "SVG"),
    (b'<?xml version="1.0"?>\n' + SVG_PLAIN, "SVG"),
    (SVG_SCRIPT, None),
    (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', None),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><text>x</text></a></svg>',
     None),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>', None),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><image href="https://tracker.example/x.png"/></svg>',
     None),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://x.example/a.css);</style></svg>',
     None),
    (b'<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>', None),
    (b"root:x:0:0:root:/root:/bin/bash\n", None), (b"<html><script>x</script></html>", None),
    (b"", None),
], ids=lambda v: v if isinstance(v, str) else None)
def test_images_are_known_by_their_bytes(data, kind):
    assert image_kind(data) == kind


@pytest.fixture
def old_site(tmp_path) -> Path:
    """A handbook in tmp_path and an old Jekyll site in tmp_path/old, with a secret beside it."""
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    write_tree(tmp_path / "docs", {"index.md": HOME})
    write_tree(tmp_path / "old", {"_config.yml": "title: Old\n"})
    (tmp_path / "old" / "docs").mkdir()
    (tmp_path / "secret.png").write_bytes(PNG + SECRET.encode())  # outside the old site
    return tmp_path


def test_import_never_copies_a_file_from_outside_the_old_site(old_site, monkeypatch):
    page = ("---\ntitle: Climb\n---\n# Climb\n\n![s](../../../../../../../etc/passwd)\n"
            "![t](../../secret.png)\n![u](/../secret.png)\n![v](%2e%2e/%2e%2e/secret.png)\n"
            "![w](a%00.png)\n![x](" + "a" * 5000 + ".png)\n")
    (old_site / "old" / "docs" / "climb.md").write_text(page, encoding="utf-8")
    code, text = run_handbook(old_site, monkeypatch, "import", "old/docs", "--dest", "docs/old")
    assert code == 0
    copied = {p.name for p in (old_site / "docs").rglob("*") if p.is_file()}
    assert copied == {"index.md", "climb.md"}
    assert SECRET.encode() not in site_bytes(old_site / "docs")
    assert "Nothing left to fix by hand" not in text  # the images are still to fix
    assert "etc/passwd" in text


def test_import_copies_real_images_and_refuses_the_rest(old_site, monkeypatch):
    images = old_site / "old" / "docs"
    (images / "chart.png").write_bytes(PNG + b" chart")
    (images / "plain.svg").write_bytes(SVG_PLAIN)
    (images / "evil.svg").write_bytes(SVG_SCRIPT)
    (images / "fake.png").write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (images / "page.md").write_text("# Page\n\n![a](chart.png) ![b](plain.svg) ![c](evil.svg) "
                                    "![d](fake.png)\n", encoding="utf-8")
    code, text = run_handbook(old_site, monkeypatch, "import", "old/docs/page.md", "--dest", "docs")
    assert code == 0
    copied = sorted(p.name for p in (old_site / "docs" / "assets" / "images").iterdir())
    assert copied == ["chart.png", "plain.svg"]
    assert "not copied, as the file is not an image (or is an SVG with scripts or links in it): " \
           "evil.svg, fake.png" in text


def test_import_refuses_a_page_that_links_out_of_the_old_site(old_site, monkeypatch):
    os.symlink("/etc/passwd", old_site / "old" / "docs" / "x.md")
    (old_site / "old" / "docs" / "fine.md").write_text("# Fine\n", encoding="utf-8")
    code, text = run_handbook(old_site, monkeypatch, "import", "old/docs", "--dest", "docs/old")
    assert code == 1
    assert "x.md is a symbolic link to /etc/passwd, outside the old site" in text
    assert not (old_site / "docs" / "old").exists()  # nothing was written


def test_import_does_not_walk_a_folder_link_out_of_the_old_site(old_site, monkeypatch, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    write_tree(elsewhere, {"stolen.md": f"# Stolen\n\n{SECRET}\n"})
    os.symlink(elsewhere, old_site / "old" / "docs" / "linked")
    (old_site / "old" / "docs" / "fine.md").write_text("# Fine\n", encoding="utf-8")
    code, text = run_handbook(old_site, monkeypatch, "import", "old/docs", "--dest", "docs/old")
    assert code == 0
    assert sorted(p.name for p in (old_site / "docs" / "old").iterdir()) == ["fine.md"]


def test_import_refuses_a_binary_page(old_site, monkeypatch):
    (old_site / "old" / "docs" / "blob.md").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00binary")
    code, text = run_handbook(old_site, monkeypatch, "import", "old/docs", "--dest", "docs/old")
    assert code == 1 and "blob.md is not a text file (it holds NUL bytes)" in text
    assert not (old_site / "docs" / "old").exists()


@pytest.mark.parametrize(("raw", "encoding", "written"), [
    (b"---\ntitle: Caf\xe9 \x93notes\x94\n---\n# Caf\xe9\n", "Windows-1252", "title: Café “notes”"),
    (b"---\ntitle: Na\xefve \x81\n---\n# Na\xefve\n", "Latin-1", "title: Naïve \x81"),
])
def test_import_decodes_older_encodings_and_says_so(old_site, monkeypatch, raw, encoding, written):
    (old_site / "old" / "docs" / "cafe.md").write_bytes(raw)
    code, text = run_handbook(old_site, monkeypatch, "import", "old/docs", "--dest", "docs/old")
    assert code == 0
    page = (old_site / "docs" / "old" / "cafe.md").read_text(encoding="utf-8")
    assert written in page and "\ufffd" not in page
    assert f"read as {encoding} (the file is not UTF-8) and written as UTF-8" in text


@pytest.mark.parametrize("dest", ["docs/index.md", "docs/index.md/sub", "docs/new-page.md"])
def test_a_bad_dest_is_a_usage_error(old_site, monkeypatch, dest):
    (old_site / "old" / "docs" / "fine.md").write_text("# Fine\n", encoding="utf-8")
    code, text = run_handbook(old_site, monkeypatch, "import", "old/docs", "--dest", dest)
    assert code == 2
    assert f"--dest {dest}: " in text and "but --dest takes a folder" in text
    assert (old_site / "docs" / "index.md").read_text(encoding="utf-8") == HOME


def test_a_pipe_in_docs_is_named_and_never_read(handbook_root, monkeypatch):
    os.mkfifo(handbook_root / "docs" / "pipe.md")
    built = build_docs(handbook_root / "docs", handbook_root / "site", strict=False)
    assert [m for m in built.messages if "/docs/pipe.md: " in m] == [
        f"{handbook_root}/docs/pipe.md: is not a regular file (a pipe, socket or device), which would "
        "stall the build; delete it"]
    code, text = run_handbook(handbook_root, monkeypatch, "check")
    assert code == 1 and "docs/pipe.md: is not a regular file" in text


def test_import_refuses_a_pipe(old_site, monkeypatch):
    os.mkfifo(old_site / "old" / "docs" / "pipe.md")
    code, text = run_handbook(old_site, monkeypatch, "import", "old/docs", "--dest", "docs/old")
    assert code == 1 and "pipe.md is not a regular file" in text


def test_import_never_writes_through_a_link_in_docs(old_site, monkeypatch, tmp_path):
    """A link already in docs/ (say, from a pull request) must not make the import write outside."""
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    (old_site / "docs" / "old").mkdir()
    os.symlink(victim, old_site / "docs" / "old" / "fine.md")
    os.symlink(tmp_path / "planted.png", old_site / "docs" / "assets")  # dangling: would be created
    (old_site / "old" / "docs" / "fine.md").write_text("# Fine\n\n![c](chart.png)\n", encoding="utf-8")
    (old_site / "old" / "docs" / "chart.png").write_bytes(PNG)
    code, text = run_handbook(old_site, monkeypatch, "import", "old/docs", "--dest", "docs/old",
                              "--force")
    assert code == 1 and "would be written through a symbolic link" in text
    assert victim.read_text(encoding="utf-8") == "keep me\n"
    os.unlink(old_site / "docs" / "old" / "fine.md")
    code, text = run_handbook(old_site, monkeypatch, "import", "old/docs", "--dest", "docs/old")
    assert code == 0 and not (tmp_path / "planted.png").exists()
