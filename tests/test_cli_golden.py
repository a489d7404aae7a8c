"""Golden cases for the command line's planners: tests/golden-cli/<case>/docs/ in, expected.yml
beside it with what `handbook nav` lists, where `handbook new` puts a page under each parent
(its nav_order and the page it follows), what `handbook renumber` changes, and the ways `new`
tries to name a parent."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from handbook.build.site import build_site
from handbook.cli.nav import nav_listing
from handbook.cli.new import parent_ways, plan_placement
from handbook.cli.renumber import plan_renumber
from handbook.nav.tree import PageIndex

GOLDEN = Path(__file__).parent / "golden-cli"
CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "expected.yml").exists())


def load_case(name: str):
    docs = GOLDEN / name / "docs"
    sources = {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*.md")}
    expected = yaml.safe_load((GOLDEN / name / "expected.yml").read_text(encoding="utf-8"))
    return build_site(sources), expected


def test_there_are_golden_cases():
    assert len(CASES) >= 4


@pytest.mark.parametrize("name", CASES)
def test_nav_listing(name):
    site, expected = load_case(name)
    assert nav_listing(site) == expected["nav"].rstrip("\n").split("\n")


@pytest.mark.parametrize("name", CASES)
def test_new_page_placement(name):
    site, expected = load_case(name)
    for want in expected["new"]:
        placement = plan_placement(site, want["parent"])
        after = placement.numbered[-1] if placement.numbered else None
        assert (placement.order, after, placement.hidden) == (
            want["nav_order"], want["after"], want["hidden"]), want


@pytest.mark.parametrize("name", CASES)
def test_renumbering(name):
    site, expected = load_case(name)
    for want in expected["renumber"]:
        parent = want["parent"]
        children = site.tree.children.get(parent, ()) if parent else site.tree.roots
        got = [[c.path, c.old, c.new] for c in plan_renumber(site, children)]
        assert got == want["changes"], want


@pytest.mark.parametrize("name", [n for n in CASES if "ways" in load_case(n)[1]])
def test_ways_to_name_a_parent(name):
    site, expected = load_case(name)
    index = PageIndex(site.records.values())
    for want in expected["ways"]:
        assert parent_ways(site, index, site.records[want["parent"]]) == want["ways"]
