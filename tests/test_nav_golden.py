"""Golden cases for the pure nav logic: tests/golden/<rule>/docs/ in, expected.yml beside it.

expected.yml holds `nav` (MkDocs nav config: {title: path} or {title: [section page, children...]}),
`reading_order` (paths) and `problems`: every problem the build reports (notes aside), each with
`at: file[:line]`, `says:` a part of the message and `severity:` (error or warning).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from handbook.build.site import build_site

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "expected.yml").exists())


def load_case(name: str):
    docs = GOLDEN / name / "docs"
    sources = {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*.md")}
    expected = yaml.safe_load((GOLDEN / name / "expected.yml").read_text(encoding="utf-8"))
    return sources, expected


def test_there_are_golden_cases():
    assert len(CASES) >= 10


@pytest.mark.parametrize("name", CASES)
def test_golden_case(name):
    sources, expected = load_case(name)
    site = build_site(sources)
    if "nav" in expected:
        assert site.mkdocs_nav() == expected["nav"]
    if "reading_order" in expected:
        assert site.tree.reading_order() == expected["reading_order"]
    if "excluded" in expected:
        assert sorted(site.tree.excluded) == sorted(expected["excluded"])
    if "pager" in expected:
        got = {path: {d: {"page": link.path, "label": link.label, "shown": link.shown}
                      for d, link in links.items()} for path, links in site.pager.items()}
        assert got == expected["pager"]
    wanted = sorted(expected["problems"], key=lambda w: w["at"])
    # Notes (a page with no owner or review date) are governance's business, tested elsewhere.
    problems = [p for p in site.problems if p.severity != "info"]
    rendered = [p.render("") for p in problems]
    assert len(rendered) == len(wanted), "\n".join(rendered)
    for want, problem, got in zip(wanted, problems, rendered):
        assert got.startswith(want["at"] + ":"), got
        assert want["says"] in got, got
        assert problem.severity == want["severity"], got


@pytest.mark.parametrize("name", CASES)
def test_golden_case_states_every_severity(name):
    _, expected = load_case(name)
    assert "problems" in expected
    assert all(want.get("severity") in ("error", "warning") for want in expected["problems"])
