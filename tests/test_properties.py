"""Property tests: random front-matter trees never crash, lose, duplicate or misorder a page."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handbook.nav.order import sort_key
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
        keys = [(sort_key(site.records[c]), site.records[c].title.casefold(), site.records[c].title, c)
                for c in children]
        assert keys == sorted(keys)              # the ordering contract
        for child in children:
            assert tree.parent_of[child] == parent


BROKEN_VALUES = st.sampled_from([
    "title: [a, b]", "title: {x: 1}", "nav_order: true", "nav_order: .nan", "nav_order: [2]",
    "nav_exclude: 'yes'", "tags: one, two", "parent: Nowhere at all", "prev: 7", "next: {x: y}",
    "nav_ordr: 1", "title: 'unclosed", "title: a: b: c", "- just a list", "parent: ../outside.md",
    "description: [x]", "grand_parent: [3]",
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

    from conftest import build_docs, write_tree

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


# --- Front matter is data, never markup ----------------------------------------------------------

import html.parser  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402

from handbook.pages.escaping import PRINTED_AS_LIST, PRINTED_AS_TEXT, SELECTORS, as_text  # noqa: E402
from handbook.pages.schema import KEYS  # noqa: E402

# Pieces of text that become an element or an attribute if printed unescaped anywhere: in text, in
# a double- or single-quoted attribute, in <title>, in a comment or a <script>.
MARKUP = st.sampled_from([
    "<inj-el data-inj-attr=1>", "\"><inj-el>", "' inj-attr='1", "\" inj-attr=\"1", "</title><inj-el>",
    "</small><inj-el>", "--><inj-el>", "</script><inj-el>", "<img src=x inj-attr=1>",
    "<script>inj()</script>",
])
PLAIN = st.sampled_from(["R&D", "AT&T", "a < b", "x > y", "Q&A: plans", "Über", "naïve", "50 %"])
MARKUP_TEXT = st.lists(st.one_of(MARKUP, PLAIN), min_size=1, max_size=4).map(" ".join)
MARKUP_VALUES = st.one_of(
    MARKUP_TEXT,
    st.lists(MARKUP_TEXT, min_size=1, max_size=3),
    st.dictionaries(st.sampled_from(["page", "label", "name", "<inj-el>"]), MARKUP_TEXT, min_size=1,
                    max_size=2),
)


class _Elements(html.parser.HTMLParser):
    """Every element and attribute name in an HTML document, and the text of a few elements."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.meta: dict[str, str] = {}
        self.small: list[str] = []
        self.title = ""
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)
        values = dict(attrs)
        if tag == "meta" and "name" in values:
            self.meta[values["name"]] = values.get("content") or ""
        self._in = tag if tag in ("title", "small") else None
        if tag == "small":
            self.small.append("")

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        elif self._in == "small":
            self.small[-1] += data


def parsed(path) -> _Elements:
    parser = _Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@st.composite
def hostile_pages(draw):
    """Two or three pages, each with markup-bearing text, lists or mappings under every key."""
    pages = {"index.md": "---\ntitle: Home\nnav_order: 1\n---\n# Home\n"}
    metas = {}
    for number in range(draw(st.integers(2, 3))):
        keys = draw(st.permutations(sorted(KEYS)))
        meta = {key: draw(MARKUP_VALUES) for key in keys}
        for key in ("title", "description", "author", "subtitle"):  # sure to be printed
            if draw(st.booleans()):
                meta[key] = draw(MARKUP_TEXT)
        path = f"p{number}.md"
        pages[path] = "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\nBody text.\n"
        metas[path] = meta
    return pages, metas


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(hostile_pages())
def test_front_matter_never_injects_markup_and_round_trips(tmp_path_factory, pages_and_metas):
    import tempfile
    from pathlib import Path

    from conftest import build_docs, write_tree

    pages, metas = pages_and_metas
    with tempfile.TemporaryDirectory(dir=tmp_path_factory.getbasetemp()) as tmp:
        write_tree(Path(tmp) / "docs", pages)
        site = Path(tmp) / "site"
        built = build_docs(Path(tmp) / "docs", site, strict=False)
        assert not built.aborted
        everything = {path: parsed(path) for path in site.rglob("*.html")}
        for path, found in everything.items():
            assert "inj-el" not in found.tags, path
            assert not {"inj-attr", "data-inj-attr"} & found.attributes, path
            raw = path.read_text(encoding="utf-8")
            assert not re.search(r"&amp;(amp|lt|gt|quot|#x27|#39);", raw), path  # escaped twice
        search = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
        for entry in search["docs"]:
            for field in ("title", "text"):
                assert "<inj-el" not in entry[field] and "&amp;amp;" not in entry[field]
        subtitles = {text for found in everything.values() for text in found.small}
        for src, meta in metas.items():
            page = everything[site / src[:-3] / "index.html"]
            for key, name in (("description", "description"), ("author", "author")):
                value = meta[key]
                if isinstance(value, str) or (key == "author" and isinstance(value, list)):
                    assert page.meta[name] == as_text(value)  # R&D shows as R&D
            if isinstance(meta["title"], str):
                assert page.title.startswith(" ".join(meta["title"].split()) + " - ")
            if isinstance(meta["subtitle"], str) and src in built.pages:  # shown in the nav; a
                assert meta["subtitle"] in subtitles  # page without a title is not listed (JtD)


def test_every_key_the_theme_reads_from_page_meta_is_escaped_or_checked():
    """The key lists in handbook.pages.escaping come from the installed Material templates and
    plugins (and MkDocs, and overrides/): a key they read that the schema accepts must be printed
    escaped or be a checked selector, so an upgrade that starts printing a new key fails here."""
    import importlib.util
    from pathlib import Path

    from conftest import ROOT

    roots = [Path(list(importlib.util.find_spec(name).submodule_search_locations)[0])
             for name in ("material", "mkdocs")] + [ROOT / "overrides"]
    read = set()
    patterns = (r"\bmeta\.(\w+)", r"\bmeta\.get\(\s*[\"'](\w+)", r"\bmeta\[\s*[\"'](\w+)")
    for root in roots:
        for path in list(root.rglob("*.html")) + list(root.rglob("*.py")):
            text = path.read_text(encoding="utf-8", errors="replace")
            for pattern in patterns:
                read.update(re.findall(pattern, text))
    assert {"title", "description", "author", "subtitle", "icon", "status", "hide", "template",
            "search", "tags"} <= read  # the scan finds what it must
    handled = set(PRINTED_AS_TEXT) | set(PRINTED_AS_LIST) | set(SELECTORS)
    assert sorted((read & set(KEYS)) - handled) == []


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["\"><inj-el inj-attr=1>", "'><inj-el>", "a&b", "x y"]), min_size=1,
                max_size=3, unique=True))
def test_file_names_never_inject_markup(tmp_path_factory, names):
    """Names of pages and folders reach URLs, edit links and titles; none becomes markup."""
    import tempfile
    from pathlib import Path

    from conftest import build_docs, write_tree

    pages = {"index.md": "# Home\n"}
    pages.update({f"{name}.md": "Body.\n" for name in names})
    pages.update({f"{name}/index.md": "Folder.\n" for name in names})
    with tempfile.TemporaryDirectory(dir=tmp_path_factory.getbasetemp()) as tmp:
        write_tree(Path(tmp) / "docs", pages)
        site = Path(tmp) / "site"
        assert not build_docs(Path(tmp) / "docs", site, strict=False).aborted
        for path in site.rglob("*.html"):
            found = parsed(path)
            assert "inj-el" not in found.tags and "inj-attr" not in found.attributes, path


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("&<>\"'a é;#x")), max_size=20))
def test_front_matter_text_is_escaped_as_html_escape_does(text):
    from handbook.pages.escaping import escape
    assert escape(text) == html.escape(text)


class _Text(str):
    """A subclass of str, which no loader makes: escape_meta must treat it as text all the same."""


_META_SCALARS = st.one_of(
    st.text(alphabet=st.sampled_from(list("&<>\"'a é ")), max_size=6),
    st.text(alphabet=st.sampled_from(list("&<a ")), max_size=4).map(_Text),
    st.none(), st.booleans(), st.integers(-3, 3), st.floats(allow_nan=False), st.dates())
_META_VALUES = st.recursive(_META_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.tuples(inner),
    st.dictionaries(st.one_of(st.text(alphabet="a<&", max_size=2), st.integers(0, 2)), inner,
                    max_size=2)), max_leaves=5)
_META_KEYS = st.one_of(st.sampled_from([*PRINTED_AS_TEXT, *PRINTED_AS_LIST, *SELECTORS, "parent",
                                        "nav_order", "x&y"]),
                       st.sampled_from(["title", "tags", "owner"]).map(_Text), st.integers(0, 2),
                       st.none(), st.dates())


def _escaped(value):
    """The definition: every text in `value` (keys of mappings too) escaped by html.escape."""
    if isinstance(value, str):
        return html.escape(value)
    if isinstance(value, list):
        return [_escaped(item) for item in value]
    if isinstance(value, dict):
        return {_escaped(key): _escaped(item) for key, item in value.items()}
    return value


@settings(max_examples=2000, deadline=None)
@given(st.dictionaries(_META_KEYS, _META_VALUES, max_size=6), st.text(max_size=5),
       st.sets(st.sampled_from(["title", "tags", "parent", "icon"])))
def test_page_meta_is_escaped_as_its_definition_says(meta, title, invalid):
    # Texts are told by their exact type first (escaping.py); every value, of every type, must come
    # out as this plain definition of the escaping says.
    from handbook.pages.escaping import escape_meta
    expected = {}
    for key, value in meta.items():
        if key in invalid or not isinstance(key, str):
            continue
        expected[key] = (value if key in SELECTORS else
                         html.escape(as_text(value)) if key in PRINTED_AS_TEXT else _escaped(value))
    expected["title"] = html.escape(title)
    if isinstance(expected.get("tags"), str):
        expected["tags"] = [expected["tags"].strip()]
    got = escape_meta(meta, title, frozenset(invalid))
    assert [(k, _kind(v), v) for k, v in got.items()] == \
        [(k, _kind(v), v) for k, v in expected.items()]


def _kind(value):
    """A value's type, any text counted as str (escape() returns a text it leaves unchanged as it
    is), inside lists and mappings too."""
    if isinstance(value, str):
        return "str"
    if isinstance(value, list):
        return [_kind(item) for item in value]
    if isinstance(value, dict):
        return {key: _kind(item) for key, item in value.items()}
    return type(value).__name__
