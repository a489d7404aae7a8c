"""One verdict: `handbook check` reports exactly what the strict build reports, message for message,
over the bad-input corpus (tests/test_bad_input.py) and over mistakes editors made."""

from __future__ import annotations

import pytest

from conftest import as_checked, build_docs, handbook_config, write_tree
from handbook.cli import main as cli
from test_bad_input import CORPUS, GOOD


def verdicts(tmp_path, monkeypatch, capsys, pages, content_rules=False):
    """(the build's messages, check's messages), both as `docs/x.md:3: ...` lines."""
    root = tmp_path / "project"
    write_tree(root / "docs", pages)
    (root / "mkdocs.yml").write_text(handbook_config(content_rules), encoding="utf-8")
    monkeypatch.chdir(root)
    monkeypatch.setenv("HANDBOOK_TODAY", "2026-11-30")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    built = build_docs(root / "docs", tmp_path / "site", strict=True, content_rules=content_rules)
    capsys.readouterr()
    code = cli.main(["check"])
    checked = sorted(line for line in capsys.readouterr().err.splitlines() if line)
    return built, as_checked(built, root / "docs"), checked, code


@pytest.mark.parametrize("case, path, content, where, says", CORPUS, ids=[c[0] for c in CORPUS])
def test_check_reports_exactly_what_the_build_reports(tmp_path, monkeypatch, capsys, case, path,
                                                      content, where, says):
    built, from_build, from_check, code = verdicts(tmp_path, monkeypatch, capsys,
                                                   {"index.md": GOOD, path: content})
    assert from_check == from_build
    assert built.aborted and code == 1
    # Nothing the build says is left out of the comparison (MkDocs' own lines included).
    assert len(from_build) == len(built.messages) + len(built.notes)


def test_a_missing_parent_is_one_message_in_the_build_check_and_nav(tmp_path, monkeypatch, capsys):
    """Titled, untitled and nav_exclude pages naming one missing title: one message, the same in
    all three (an untitled page used to get a second message of its own)."""
    pages = {"index.md": GOOD,
             "a.md": "---\ntitle: A\nparent: Roles\n---\n# A\n",
             "draft.md": "---\nparent: Roles\n---\nWords before any heading.\n",
             "hidden.md": "---\ntitle: Hidden\nparent: Roles\nnav_exclude: true\n---\n# Hidden\n"}
    built, from_build, from_check, code = verdicts(tmp_path, monkeypatch, capsys, pages)
    assert from_check == from_build and code == 1
    roles = [line for line in from_check if "parent 'Roles'" in line]
    assert roles == [
        "docs/a.md:3: parent 'Roles' matches no page title; use the exact title of an existing "
        "page, or its path such as 'internal/index.md' (also named by draft.md:2, hidden.md:3; "
        "a.md is listed at the top level until then)"]
    cli.main(["nav"])
    assert [line for line in capsys.readouterr().err.splitlines() if "'Roles'" in line] == roles
