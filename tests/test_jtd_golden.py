"""Golden cases from Just the Docs itself: tests/golden/jtd/<case>/docs is a JtD page tree and
oracle.json beside it is the nav real Jekyll with the real theme drew for it (written by
bench/jtd_golden.py; committed facts, so these tests need no Jekyll). expected.yml lists the
problems the handbook reports; pages it reports as errors are listed by the handbook where JtD shows
them nowhere, and are left out of the comparison."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from handbook.build.site import build_site
from handbook.jekyll.site_settings import read_settings
from handbook.nav.outline import differences, outline, unjustified_reports

CASES_DIR = Path(__file__).parent / "golden" / "jtd"
CASES = sorted(p.name for p in CASES_DIR.iterdir() if (p / "oracle.json").exists())
# random-N: trees from bench/jtd_differential.py; their nav is the fact, their many problems are
# checked by name (each page reported must be one JtD draws nowhere or twice).
HAND_WRITTEN = [name for name in CASES if not name.startswith("random-")]


def jtd_pages(docs: Path) -> dict[str, bytes]:
    """The Markdown files Jekyll treats as pages: none under a name starting with `_` or `.`."""
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*.md"))
            if not any(part.startswith(("_", ".")) for part in p.relative_to(docs).parts)}


def build_case(name: str):
    docs = CASES_DIR / name / "docs"
    config = docs / "_config.yml"
    jekyll_config = yaml.safe_load(config.read_text(encoding="utf-8")) if config.exists() else {}
    settings, bad = read_settings({"just_the_docs": jekyll_config})
    assert not bad
    return build_site(jtd_pages(docs), settings=settings)


def test_there_are_jtd_cases():
    assert len(CASES) >= 8


@pytest.mark.parametrize("name", CASES)
def test_nav_is_what_just_the_docs_draws(name):
    site = build_case(name)
    oracle = json.loads((CASES_DIR / name / "oracle.json").read_text(encoding="utf-8"))
    reported = frozenset(page for p in site.problems if p.severity == "error" for page in p.pages)
    assert differences(oracle, outline(site.tree, site.titles), reported) == []
    assert unjustified_reports(oracle, reported) == []
    # Everything JtD leaves out is built but not listed, apart from the pages reported as errors
    # and those under them, which the handbook lists where JtD shows them nowhere.
    listed = {row["path"] for row in oracle}
    moved = {row["path"] for row in outline(site.tree, site.titles)} - listed
    assert site.tree.excluded == frozenset(site.records) - listed - moved
    assert all(_under_reported(site.tree, path, reported) for path in moved)


@pytest.mark.parametrize("name", HAND_WRITTEN)
def test_problems_are_reported(name):
    site = build_case(name)
    expected_file = CASES_DIR / name / "expected.yml"
    expected = yaml.safe_load(expected_file.read_text(encoding="utf-8")) if expected_file.exists() else {}
    wanted = sorted(expected.get("problems") or [], key=lambda w: (w["at"], w["says"]))
    got = [p.render("") for p in site.problems if p.severity != "info"]
    assert len(got) == len(wanted), "\n".join(got)
    for want, line in zip(wanted, got):
        assert line.startswith(want["at"] + ":"), line
        assert want["says"] in line, line


def _under_reported(tree, path: str, reported: frozenset[str]) -> bool:
    node = path
    while node is not None:
        if node in reported:
            return True
        node = tree.parent_of.get(node)
    return False


def test_site_settings_default_to_just_the_docs_and_name_bad_values():
    settings, problems = read_settings(None)
    assert settings.nav_sort == "case_sensitive" and problems == []
    assert settings.callouts["note"] == ("Note", "purple")
    settings, problems = read_settings({"just_the_docs": {
        "nav_sort": "alphabetical", "callouts": {"tip": {"title": "Tip", "color": "green"},
                                                 "odd": {"color": "pink"}}}})
    assert settings.nav_sort == "case_sensitive"
    assert settings.callouts["tip"] == ("Tip", "green") and settings.callouts["odd"] == (None, "grey-dk")
    assert problems == [
        "mkdocs.yml: extra.just_the_docs.nav_sort is 'alphabetical'; use case_sensitive or case_insensitive",
        "mkdocs.yml: callout 'odd' has colour 'pink'; use one of grey-dk, grey-lt, purple, blue, green, "
        "yellow, red"]


def test_configured_callouts_render_with_their_titles_and_colours():
    import markdown
    md = markdown.Markdown(extensions=["attr_list", "handbook.markdown.kramdown", "handbook.markdown.callouts"],
                           extension_configs={"handbook.markdown.callouts": {
                               "callouts": {"tip": ("Tip", "green")}}})
    assert md.convert("{: .tip }\n> Keep it short.") == (
        '<div class="admonition tip jtd-green"><p class="admonition-title">Tip</p><p>Keep it short.</p>\n</div>')
