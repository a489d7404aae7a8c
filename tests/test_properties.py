"""Property tests: random front-matter trees never crash, lose, duplicate or misorder a page."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handbook.nav.tree import order_key
from handbook.build.site import build_site

TITLES = st.sampled_from(["Alpha", "alpha", "Beta", "Gamma", "Delta", ":rocket: Launch", "Q&A", "Ünïcode"])
ORDERS = st.one_of(st.none(), st.integers(-3, 3), st.floats(-3, 3, allow_nan=False, allow_infinity=False),
                   st.sampled_from(["a", "B", "c"]))


@st.composite
def handbooks(draw):
    """2-12 pages with random titles, parents (by title or path), orders and exclusions."""
    count = draw(st.integers(2, 12))
    paths = [f"p{i}.md" if i % 3 else f"d{i}/index.md" for i in range(count)]
    titles = [draw(TITLES) for _ in paths]
    pages = {}
    for path, title in zip(paths, titles):
        meta = {"title": title}
        parent = draw(st.one_of(st.none(), st.sampled_from(titles), st.sampled_from(paths)))
        if parent is not None:
            meta["parent"] = parent
        order = draw(ORDERS)
        if order is not None:
            meta["nav_order"] = order
        if draw(st.booleans()) and draw(st.booleans()):
            meta["nav_exclude"] = True
        pages[path] = ("---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n").encode()
    return pages


def flatten(nav):
    """Every page path in an MkDocs nav config, a section's own page counted once."""
    out = []
    for entry in nav:
        ((title, value),) = entry.items()
        if isinstance(value, str):
            out.append(value)
        else:
            ((_, own),) = value[0].items()
            out.append(own)
            out += flatten(value[1:])
    return out


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(handbooks())
def test_random_trees_keep_every_page_once_and_in_order(sources):
    site = build_site(sources)
    tree = site.tree
    listed = flatten(site.mkdocs_nav())

    # exclusion: a page is excluded exactly when it or an ancestor says nav_exclude
    def excluded(path, seen=()):
        record = site.records[path]
        parent = tree.parent_of[path]
        return record.nav_exclude or (parent is not None and parent not in seen
                                      and excluded(parent, seen + (path,)))

    expected = sorted(p for p in sources if not excluded(p))
    assert sorted(listed) == expected            # nothing lost, nothing extra
    assert len(listed) == len(set(listed))       # nothing twice
    assert tree.reading_order() == listed        # the buttons visit each nav page once, in nav order
    for parent, children in [(None, tree.roots), *tree.children.items()]:
        keys = [(order_key(site.records[c]), site.records[c].title.casefold(), site.records[c].title, c)
                for c in children]
        assert keys == sorted(keys)              # the ordering contract
        for child in children:
            assert tree.parent_of[child] == parent


BROKEN_VALUES = st.sampled_from([
    "title: [a, b]", "title: {x: 1}", "nav_order: true", "nav_order: .nan", "nav_order: [2]",
    "nav_exclude: 'yes'", "tags: one, two", "parent: Nowhere at all", "prev: 7", "next: {x: y}",
    "nav_ordr: 1", "title: 'unclosed", "title: a: b: c", "- just a list", "parent: ../outside.md",
    "description: [x]", "grand_parent: 3",
])


@settings(max_examples=150, deadline=None)
@given(BROKEN_VALUES, st.integers(0, 3), st.sampled_from(["bad.md", "deep/er/bad.md", "x y.md"]))
def test_random_broken_front_matter_names_its_file(broken, position, path):
    lines = ["title: Fine", "nav_order: 2", "description: ok"]
    lines.insert(min(position, len(lines)), broken)
    sources = {
        "index.md": b"---\ntitle: Home\nnav_order: 1\n---\n",
        path: ("---\n" + "\n".join(lines) + "\n---\n# Page\n").encode(),
    }
    site = build_site(sources)
    assert any(p.path == path and p.severity != "info" for p in site.problems), site.problems
    assert sorted(flatten(site.mkdocs_nav())) == sorted(sources)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(handbooks())
def test_real_builds_follow_the_pure_nav(sources):
    """MkDocs' own final nav (captured after every plugin) matches the pure model, page for page."""
    import tempfile
    from pathlib import Path

    from conftest import build_docs, nav_as_data, write_tree

    site = build_site(sources)
    with tempfile.TemporaryDirectory() as tmp:
        write_tree(Path(tmp) / "docs", sources)
        built = build_docs(Path(tmp) / "docs", Path(tmp) / "site", strict=False)
        assert built.pages == site.tree.reading_order()
        assert built.nav == nav_as_data_from_config(site.mkdocs_nav())
        for path in sources:
            assert (Path(tmp) / "site").joinpath(
                path[: -len("index.md")] + "index.html" if path.endswith("index.md")
                else path[:-3] + "/index.html").exists()


def nav_as_data_from_config(nav):
    """The nav config in the shape `conftest.nav_as_data` gives MkDocs' nav objects."""
    out = []
    for entry in nav:
        ((title, value),) = entry.items()
        out.append({title: value if isinstance(value, str) else nav_as_data_from_config(value)})
    return out
