"""build_site's memo (what `mkdocs serve` keeps of each page between rebuilds) never changes the
result: after any edit, a build through a memo that has seen the earlier version equals a build
without one."""

from __future__ import annotations

import datetime

from conftest import ROOT, handbook_pages
from handbook.build.digest import digest
from handbook.build.site import build_site
from hypothesis import given, settings
from hypothesis import strategies as st

TODAY = datetime.date(2026, 12, 1)
SOURCES = {path: (ROOT / "docs" / path).read_bytes() for path in handbook_pages()}
ASSETS = ("images/lifecycle.svg",)


class Memo:
    def __init__(self):
        self.store, self.hits = {}, 0

    def __call__(self, key, compute):
        k = digest(key)
        if k in self.store:
            self.hits += 1
            return self.store[k]
        value = self.store[k] = compute()
        return value


def build(sources, memo=None):
    return build_site(sources, assets=ASSETS, today=TODAY, content_rules=True, memo=memo)


EDITS = st.sampled_from([
    lambda text: text + b"\nA new paragraph with a [link](nowhere.md) and [one](#no-such-anchor).\n",
    lambda text: text.replace(b"title: ", b"title: Renamed ", 1),
    lambda text: text.replace(b"\n## ", b"\n## Changed ", 1),
    lambda text: text.replace(b"---\n", b"", 2),  # front matter gone
    lambda text: b"",
])


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(sorted(SOURCES)), EDITS), min_size=1, max_size=3))
def test_a_build_through_the_memo_equals_a_build_without(edits):
    memo = Memo()
    sources = dict(SOURCES)
    assert build(sources, memo) == build(sources)
    for path, edit in edits:
        sources[path] = edit(sources[path])
        assert build(sources, memo) == build(sources)
    assert memo.hits > 0


def test_renaming_a_heading_another_page_links_to_is_seen_through_the_memo():
    """A page's anchor problems depend on the headings of the pages it links to."""
    target = "contributing.md"
    linked = [p for p, text in SOURCES.items() if b"contributing.md#" in text and p != target]
    assert linked, "the handbook links to one of Contributing's headings"
    memo = Memo()
    sources = dict(SOURCES)
    before = build(sources, memo)
    sources[target] = sources[target].replace(b"\n## ", b"\n## Renamed ")
    after = build(sources, memo)
    assert after == build(sources) and after.problems != before.problems
    assert any(p.path in linked and "#page-ownership-and-reviews" in p.message for p in after.problems)
