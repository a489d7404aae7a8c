"""Golden cases for `handbook diff`'s comparison and report: one folder per kind of change in
tests/golden-diff/, each with the handbook before and after, the CODEOWNERS of the base, whether a
reviewer's eye is needed (case.yml) and the expected report (expected.md).

To add a case, write its trees and case.yml, run this file with HANDBOOK_WRITE_GOLDEN=1 to write
expected.md, and read every line of it before committing: it is the reviewer's view.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest
import yaml
from handbook.cli.project import Project, read_docs
from handbook.review.codeowners import CodeOwners
from handbook.review.diff import compare, read_version
from handbook.review.report import ReportContext, render

CASES = Path(__file__).parent / "golden-diff"
TODAY = datetime.date(2026, 3, 1)
RUN_URL = "https://github.com/pm-handbook/handbook/actions/runs/1"


def version(docs: Path):
    files = read_docs(Project(docs, docs))
    return read_version(files.sources, files.assets, files.problems, TODAY)


def report_of(case: Path) -> tuple[str, bool]:
    owners = CodeOwners.parse((case / "CODEOWNERS").read_text(encoding="utf-8"))
    diff = compare(version(case / "before"), version(case / "after"),
                   lambda path: owners.owners_of("docs/" + path))
    context = ReportContext(base="main", commit="0123456789", run_url=RUN_URL)
    return render(diff, context), diff.needs_review


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_golden_diff(case):
    folder = CASES / case
    report, needs_review = report_of(folder)
    expected_file = folder / "expected.md"
    if os.environ.get("HANDBOOK_WRITE_GOLDEN"):
        expected_file.write_text(report, encoding="utf-8")
    assert report == expected_file.read_text(encoding="utf-8")
    assert needs_review == yaml.safe_load((folder / "case.yml").read_text())["needs_review"]


def test_every_kind_of_change_has_a_case():
    """Each section of the report appears in at least one expected report."""
    reports = "\n".join(p.read_text(encoding="utf-8") for p in CASES.glob("*/expected.md"))
    for heading in ("### Problems this change brings", "### Problems this change fixes",
                    "### Addresses that change", "### Pages added", "### Pages removed",
                    "### Files renamed", "### Pages moved in the nav", "### Pages retitled",
                    "### Reading order", "### Owners who must approve", "### Review dates",
                    "### The changed pages in the preview", "the old address still works",
                    "page not found", "Nothing here needs a reviewer's eye"):
        assert heading in reports, heading
