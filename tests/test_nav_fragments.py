"""The nav rendered once per build (nav fragments) means exactly what Material's own rendering means."""

from __future__ import annotations

import posixpath
import re

import jinja2
import pytest
from conftest import ROOT, build_docs
from handbook.build.nav_fragments import BASE_URL, NavFragments, _joins_plainly, all_children
from handbook.build.template_patches import patch_templates
from handbook.markdown.emoji import title_html
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markupsafe import Markup
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import url_filter


class MaterialNavOnly(BasePlugin):
    """Turns the fragments off, so overrides/partials/nav.html falls back to Material's macro."""

    @event_priority(-200)
    def on_env(self, env, config, files):
        env.globals["nav_children"] = all_children
        return env


def primary_nav(html: str, page_url: str) -> list[str]:
    """The primary nav as a list of tags and text, with every link resolved to a site path."""
    start = html.index('<nav class="md-nav md-nav--primary')
    nav = html[start: html.index('<div class="md-sidebar md-sidebar--secondary"', start)]

    def resolve(match):
        href = match.group(1)
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page_url.rstrip("/") + "/x"), href))
        return f'href="/{path.lstrip("./")}"'

    nav = re.sub(r'href="([^"#][^"]*)"', resolve, nav)
    return [token for token in re.split(r"\s*(<[^>]+>)\s*", nav) if token.strip()]


def test_fragments_render_the_same_nav_as_material(tmp_path):
    docs = ROOT / "docs"
    ours = build_docs(docs, tmp_path / "ours")
    material = build_docs(docs, tmp_path / "material", plugins={"material-nav": MaterialNavOnly()})
    assert not ours.aborted and not material.aborted
    pages = sorted(p.relative_to(tmp_path / "ours").as_posix() for p in (tmp_path / "ours").rglob("index.html"))
    assert len(pages) > 20
    raw = [(tmp_path / build / "internal/index.html").read_text(encoding="utf-8") for build in ("ours", "material")]
    assert raw[0] != raw[1], "the fragments are in use (their URLs are spelt differently)"
    for page in pages:
        url = "/" + page[: -len("index.html")]
        a = primary_nav((tmp_path / "ours" / page).read_text(encoding="utf-8"), url)
        b = primary_nav((tmp_path / "material" / page).read_text(encoding="utf-8"), url)
        assert a == b, page
        # 404 and the printable handbook (nav_exclude) are not in the nav.
        assert any("md-nav__link--active" in token for token in a) or page in (
            "404.html", "print/index.html"), page


class Features(BasePlugin):
    """Sets the theme's features, as a fork's mkdocs.yml might."""

    def __init__(self, features: list[str]):
        super().__init__()
        self.features = features

    def on_config(self, config):
        config["theme"]["features"] = list(self.features)
        return config


def write_chapter(docs, sections: int = 4, pages: int = 3) -> None:
    """A home page, a page beside the chapter, and one chapter of sections (each an index page
    with children): the shape whose pages hold every section in their nav."""
    docs.mkdir()
    (docs / "index.md").write_text("---\ntitle: Home\nnav_order: 1\n---\nWelcome.\n")
    (docs / "about.md").write_text("---\ntitle: About\nnav_order: 3\n---\nAbout.\n")
    (docs / "chapter.md").write_text("---\ntitle: Chapter\nnav_order: 2\nhas_children: true\n---\nC.\n")
    for s in range(1, sections + 1):
        folder = docs / f"s{s}"
        folder.mkdir()
        (folder / "index.md").write_text(
            f"---\ntitle: Section {s}\nparent: Chapter\nnav_order: {s}\nhas_children: true\n---\n"
            f"Section {s}.\n")
        for p in range(1, pages + 1):
            (folder / f"p{p}.md").write_text(
                f"---\ntitle: Page {s}.{p}\nparent: Section {s}\ngrand_parent: Chapter\n"
                f"nav_order: {p}\n---\n# Page {s}.{p}\n\n## Part one\n\nText.\n")


BASE_FEATURES = ["navigation.indexes", "navigation.prune", "navigation.path"]


@pytest.mark.parametrize("features", [
    BASE_FEATURES,
    ["navigation.path"],  # nothing pruned: every section's fragment holds its pages
    ["navigation.prune"],  # no index pages: each section has its own label
    [*BASE_FEATURES, "navigation.tabs", "navigation.sections"],  # level 2 reads its parent
    ["navigation.sections", "navigation.expand"],
], ids=["indexes-prune", "no-prune", "no-indexes", "tabs-sections", "sections-expand"])
def test_sections_deep_in_a_chapter_render_as_material_renders_them(tmp_path, features):
    docs = tmp_path / "docs"
    write_chapter(docs)
    ours = build_docs(docs, tmp_path / "ours", plugins={"features": Features(features)})
    material = build_docs(docs, tmp_path / "material", plugins={
        "features": Features(features), "material-nav": MaterialNavOnly()})
    assert not ours.messages and not material.messages
    pages = sorted(p.relative_to(tmp_path / "ours").as_posix() for p in (tmp_path / "ours").rglob("*.html"))
    assert "s3/p2/index.html" in pages
    for page in pages:
        url = "/" + page.removesuffix("index.html")
        a = primary_nav((tmp_path / "ours" / page).read_text(encoding="utf-8"), url)
        b = primary_nav((tmp_path / "material" / page).read_text(encoding="utf-8"), url)
        assert a == b, page
    # The fragments are in use below the top level: a page deep in the chapter has its sibling
    # sections' links spelt from the placeholder base ("../../s1/"), not relative to the page.
    deep = (tmp_path / "ours" / "s3/p2/index.html").read_text(encoding="utf-8")
    mine = (tmp_path / "material" / "s3/p2/index.html").read_text(encoding="utf-8")
    assert deep != mine


class Item:
    """A nav item as the fragments read it."""

    def __init__(self, title, children=None, active=False, url=None):
        self.title, self.children, self.active, self.url = title, children, active, url


class FakeEnv:
    """Renders an item as a link to its title under the placeholder base URL, with its path id
    (which no stand-in page's fragment can be made from: every item goes through render)."""

    autoescape, finalize = False, None
    filters = {"url": lambda context, url: posixpath.join(context["base_url"], str(url))}

    @staticmethod
    def getattr(obj, name):
        return getattr(obj, name, None)

    def get_template(self, name):
        class Module:
            def render(self, item, path, level, parent=None):
                return f'<a href="{BASE_URL}/{item.title}/">{path}</a>'

        class Template:
            def make_module(self, context):
                return Module()
        return Template()


def nav_of(*items):
    class Nav:
        pass
    Nav.items = list(items)
    return Nav


def test_a_page_pastes_what_is_off_its_path_and_renders_its_path():
    """The walk itself: runs of inactive children are one pasted string each, the active child is
    handed back for the macro, and the base URL is joined as posixpath.join joins it."""
    pages = [Item("a"), Item("b"), Item("c", active=True), Item("d"), Item("e")]
    chapter = Item("ch", children=pages, active=True)
    nav = nav_of(Item("home"), chapter)
    fragments = NavFragments(FakeEnv(), {"theme": {"features": []}}, nav)
    top = fragments.children(nav, None, "../..")
    assert top == ['<a href="../../home/">__nav_1</a>', (chapter, 2)]
    inside = fragments.children(chapter, pages[0], "/site/")
    assert inside == ['<a href="/site/b/">__nav_2_2</a>', (pages[2], 3),
                      '<a href="/site/d/">__nav_2_4</a><a href="/site/e/">__nav_2_5</a>']
    chapter.active = False  # off the page's path: every child through the macro
    assert fragments.children(chapter, None, "..") == [(page, i) for i, page in enumerate(pages, 1)]


def test_a_pages_view_of_the_nav_changes_only_with_what_its_nav_shows():
    """`mkdocs serve` keys each page's HTML by NavFragments.view: an edit in one section changes
    the view of that section's pages, not of a page in another section."""

    def view(first_title, page):
        a, c = Item(first_title, url="a/"), Item("C", url="c/")
        s1, s2 = Item("S1", [a, Item("B", url="b/")]), Item("S2", [c, Item("D", url="d/")])
        chapter = Item("Chapter", [s1, s2], active=True)
        nav = nav_of(Item("Home", url=""), chapter)
        for item in (s1, a) if page == "a" else (s2, c):
            item.active = True
        return NavFragments(FakeEnv(), {"theme": {"features": []}}, nav).view(nav)

    assert view("A", "c") == view("A renamed", "c"), "S1's edit is not on C's nav path"
    assert view("A", "a") != view("A renamed", "a")
    assert view("A", "a") != view("A", "c")


def _tree(shape, counter, config):
    """MkDocs' own nav objects from a nested list: "page", "index" (a section's index page) or a
    list (a section of those)."""
    counter[0] += 1
    n = counter[0]
    if isinstance(shape, list):
        section = Section(f"Section {n}", [_tree(child, counter, config) for child in shape])
        for child in section.children:
            child.parent = section
        return section
    name = f"s{n}/index.md" if shape == "index" else f"p{n}.md"
    return Page(f"Page {n}", File(name, "/docs", "/site", True), config)


def _subtree(item):
    yield item
    for child in getattr(item, "children", None) or ():
        yield from _subtree(child)


class CheckingEnv(FakeEnv):
    """FakeEnv, but a fragment rendered while anything in it is active fails the test."""

    def get_template(self, name):
        class Module:
            def render(self, item, path, level, parent=None):
                assert not any(i.active for i in _subtree(item)), "rendered on the page's path"
                return f'<a href="{BASE_URL}/{item.title}/">{path}</a>'

        class Template:
            def make_module(self, context):
                return Module()
        return Template()


SHAPES = st.recursive(st.sampled_from(["page", "index"]),
                      lambda kids: st.lists(kids, min_size=1, max_size=4), max_leaves=14)


def _random_nav(shapes):
    """A nav of the drawn shapes: the nav, every item in it, its pages, and a page not in it."""
    config = {"site_url": None, "repo_url": None}
    counter = [0]
    items = [_tree(shape, counter, config) for shape in shapes]
    every = [item for top in items for item in _subtree(top)]
    unlisted = Page("Not in the nav", File("elsewhere.md", "/docs", "/site", True), config)
    return (Navigation(items, []), every, [item for item in every if isinstance(item, Page)],
            unlisted)


@settings(max_examples=300, deadline=None)
@given(st.lists(SHAPES, min_size=1, max_size=4), st.data())
def test_the_path_from_the_pages_ancestors_is_the_active_flags(shapes, data):
    """children() finds the page's path from page.ancestors; without a page it reads every
    child's `active` flag, which MkDocs sets on the page and its ancestors. Both give the same
    walk on every page, for every section, index and base URL, one page after another with the
    same build's caches; and a fragment is rendered only while it is off the page's path."""
    nav, every, pages, unlisted = _random_nav(shapes)
    visits = data.draw(st.lists(st.sampled_from([None, unlisted, *pages]), max_size=6))
    fast = NavFragments(CheckingEnv(), {"theme": {"features": []}}, nav)
    slow = NavFragments(CheckingEnv(), {"theme": {"features": []}}, nav)
    sections = [nav, *(item for item in every if isinstance(item, Section))]
    for page in visits:
        if page is not None:
            page.active = True
        for section in sections:
            kids = section.items if section is nav else section.children
            index_page = next((kid for kid in kids if getattr(kid, "is_index", False)), None)
            for index in (None, index_page):
                for base_url in ("", "../..", "/site/"):
                    assert (fast.children(section, index, base_url, page)
                            == slow.children(section, index, base_url)), (page, section, index)
        if page is not None:
            page.active = False


def _visit_all(fragments, reference, sections, visits, indexes, bases):
    """Each page of `visits` in turn, as Material asks: every section with its one index (or
    none) and the page's own base URL; children() must answer as the reference's full walk."""
    for page in visits:
        if page is not None:
            page.active = True
        base_url = bases[id(page)]
        for section in sections:
            index = indexes[id(section)]
            assert (fragments.children(section, index, base_url, page)
                    == reference._walk_children(section, index, base_url, page)), (page, section)
        if page is not None:
            page.active = False


def _material_indexes(nav, sections, use_indexes):
    """The index Material's macro hands each section: its first child if that is an index page
    (with navigation.indexes), else none."""
    indexes = {}
    for section in sections:
        kids = section.items if section is nav else section.children
        first = kids[0] if kids else None
        indexes[id(section)] = first if use_indexes and getattr(first, "is_index", False) else None
    return indexes


@settings(max_examples=300, deadline=None)
@given(st.lists(SHAPES, min_size=1, max_size=4), st.booleans(), st.data())
def test_the_shortcuts_answer_as_the_walk(shapes, use_indexes, data):
    """children() answers most asks without walking the page's path: by the page's parent for a
    section above or beside the page, and from its siblings' fragments joined once for the
    page's own section. Page after page, both answer as the walk does."""
    nav, every, pages, unlisted = _random_nav(shapes)
    visits = data.draw(st.lists(st.sampled_from([None, unlisted, *pages]), max_size=12))
    bases = {id(page): data.draw(st.sampled_from(["", "..", "../..", "/site/"]))
             for page in [None, unlisted, *pages]}
    sections = [nav, *(item for item in every if isinstance(item, Section))]
    indexes = _material_indexes(nav, sections, use_indexes)
    fast = NavFragments(CheckingEnv(), {"theme": {"features": []}}, nav)
    slow = NavFragments(CheckingEnv(), {"theme": {"features": []}}, nav)
    _visit_all(fast, slow, sections, visits, indexes, bases)


def test_the_shortcuts_are_taken():
    """Every page of a chapter visited twice: after a section's first pages, its pages are
    answered by the shortcuts (and as the walk answers)."""
    config = {"site_url": None, "repo_url": None}
    counter = [0]
    items = [_tree(shape, counter, config)
             for shape in ["page", [["index", "page", "page", "page"], ["page", "page"]], "page"]]
    nav = Navigation(items, [])
    every = [item for top in items for item in _subtree(top)]
    pages = [item for item in every if isinstance(item, Page)]
    sections = [nav, *(item for item in every if isinstance(item, Section))]
    fast = NavFragments(CheckingEnv(), {"theme": {"features": []}}, nav)
    slow = NavFragments(CheckingEnv(), {"theme": {"features": []}}, nav)
    # A page whose parent is a section that does not list it has no child of it on the path.
    stray = Page("Stray", File("stray.md", "/docs", "/site", True), config)
    stray.parent = sections[2]
    bases = {id(page): "../" * (len(page.ancestors)) for page in [*pages, stray]}
    _visit_all(fast, slow, sections, [*pages, *pages, stray], _material_indexes(nav, sections, True),
               bases)
    assert sum(own is not None for own in fast._own.values()) == 2  # both sections
    assert fast._by_parent


class DrawnEnv(FakeEnv):
    """Renders each item as the text drawn for it: placeholders whole, in halves, or none."""

    def __init__(self, texts):
        self.texts = texts

    def get_template(self, name):
        texts = self.texts

        class Module:
            def render(self, item, path, level, parent=None):
                return texts.get(item.title, "")  # a stand-in page: no plain links

        class Template:
            def make_module(self, context):
                return Module()
        return Template()


FRAGMENT_TEXTS = st.lists(st.sampled_from(["a/", BASE_URL, BASE_URL[:7], BASE_URL[7:]]),
                          max_size=3).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(SHAPES, min_size=1, max_size=4), st.data())
def test_a_sections_runs_are_cut_from_its_fragments_joined_once(shapes, data):
    """The shortcut for a page's own section joins its children's fragments and rebases them once,
    then cuts each page's runs out of that text by the fragments' lengths, rebased: whatever each
    fragment holds (no placeholder, several, or halves that join into one), and whatever the base
    URL, it answers as the walk does."""
    nav, every, pages, unlisted = _random_nav(shapes)
    texts = {item.title: data.draw(FRAGMENT_TEXTS) for item in every}
    visits = data.draw(st.lists(st.sampled_from(pages), min_size=2, max_size=12))
    # As in a build, the pages of a section share their base URL (so its shortcut is taken).
    by_parent = {id(page.parent): data.draw(st.sampled_from(["", "../x/", "/site/", BASE_URL]))
                 for page in pages}
    bases = {id(page): by_parent[id(page.parent)] for page in pages}
    sections = [nav, *(item for item in every if isinstance(item, Section))]
    fast = NavFragments(DrawnEnv(texts), {"theme": {"features": []}}, nav)
    slow = NavFragments(DrawnEnv(texts), {"theme": {"features": []}}, nav)
    _visit_all(fast, slow, sections, visits, _material_indexes(nav, sections, False), bases)


def _chapter_of_three(titles):
    config = {"site_url": None, "repo_url": None}
    pages = [Page(title, File(f"p{n}.md", "/docs", "/site", True), config)
             for n, title in enumerate(titles)]
    section = Section("Chapter", pages)
    for page in pages:
        page.parent = section
    nav = Navigation([section], pages)
    return nav, section, pages


class TitleEnv(FakeEnv):
    """Renders an item as its bare title, so that a test can spell any fragment."""

    def get_template(self, name):
        class Module:
            def render(self, item, path, level, parent=None):
                return item.title

        class Template:
            def make_module(self, context):
                return Module()
        return Template()


def test_a_marker_made_by_joining_two_fragments_is_rebased_as_the_walk_rebases_it():
    """The shortcut for a page's own section rebases each fragment once; where two fragments
    joined spell the placeholder, only the walk (which rebases each joined run) is used."""
    nav, section, pages = _chapter_of_three(["a" + BASE_URL[:5], BASE_URL[5:] + "b", "c"])
    fast = NavFragments(TitleEnv(), {"theme": {"features": []}}, nav)
    slow = NavFragments(TitleEnv(), {"theme": {"features": []}}, nav)
    _visit_all(fast, slow, [nav, section], pages * 2, {id(nav): None, id(section): None},
               {id(page): "../x" for page in pages})
    assert fast.children(section, None, "../x", pages[2])[0] == "a../xb"


class EscapingEnv(TitleEnv):
    autoescape = True


@pytest.mark.parametrize("env, kind", [(TitleEnv(), str), (EscapingEnv(), Markup)])
def test_pasted_runs_are_marked_safe_where_jinja_escapes(env, kind):
    """With autoescape on, Jinja would escape a pasted run unless it is Markup; with it off (as
    MkDocs makes its environment) a run is a plain string, which Jinja prints as it is."""
    nav, section, pages = _chapter_of_three(["<a>", "<b>", "<c>"])
    fragments = NavFragments(env, {"theme": {"features": []}}, nav)
    runs = [entry for page in pages * 2 for section_ in (nav, section)
            for entry in fragments.children(section_, None, "", page) if isinstance(entry, str)]
    assert any(fragments._own.values()), "the shortcut for a page's own section was taken"
    assert runs and all(type(run) is kind for run in runs)
    template = jinja2.Environment(autoescape=env.autoescape).from_string(
        "{% for e in runs %}{% if e is string %}{{ e }}{% endif %}{% endfor %}")
    assert "&lt;" not in template.render(runs=runs)


class MacroOnly(NavFragments):
    """Every fragment through Material's macro: the reference for the plain-link shortcut."""

    def _link(self, item):
        return None


@pytest.fixture(scope="module")
def material_env():
    """Material's Jinja environment for the project's mkdocs.yml, with the handbook's patches."""
    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    env = config.theme.get_env()
    env.filters["title_html"] = title_html  # as hooks/titles.py sets it
    patch_templates(env)
    return env, config


TITLES = st.text(st.characters(codec="utf-8"), max_size=12) | st.sampled_from(
    ["<b>&amp;</b>", "\x00handbook-title\x00", BASE_URL, "None", "{{ x }}", ""])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.fixed_dictionaries({
    "title": TITLES,
    "name": st.from_regex(r"[a-z0-9 _%.&:#-]{1,8}(/[a-z0-9 _:-]{1,6})?", fullmatch=True),
    "typeset": st.none() | TITLES,
    "meta": st.fixed_dictionaries({}, optional={
        "icon": st.sampled_from(["", "material/home"]), "subtitle": TITLES,
        "status": st.sampled_from(["", "new", "deprecated"]), "title": TITLES}),
}), min_size=1, max_size=4))
def test_a_plain_link_is_what_materials_macro_renders(material_env, pages):
    """A page off the path without icon, subtitle, status or encryption gets its fragment from the
    macro's output for a stand-in page, with its own address and title in the stand-in's place:
    the same text as the macro renders for it, whatever the title and the address hold."""
    env, config = material_env
    items = []
    for n, spec in enumerate(pages):
        page = Page(spec["title"], File(f"{n}/{spec['name']}.md", "/docs", "/site", True), config)
        page.meta = spec["meta"]
        if spec["typeset"] is not None:
            page.typeset = {"title": spec["typeset"]}
        items.append(page)
    nav = Navigation(items, items)
    fast, slow = NavFragments(env, config, nav), MacroOnly(env, config, nav)
    for page in items:
        assert fast.fragment(page) == slow.fragment(page)
    plain = [page for page in items if not any(page.meta.get(k) for k in ("icon", "subtitle", "status"))]
    # The shortcut was taken for each plain page's kind (typeset title or not), never for others.
    assert set(fast._links) == {hasattr(page, "typeset") for page in plain}
    assert all(fast._links.values())


def test_a_plain_link_falls_back_to_the_macro_when_jinja_escapes(material_env):
    """With autoescape on, Jinja would print a title otherwise than as it is: no shortcut."""
    env, config = material_env
    escaping = env.overlay(autoescape=True)
    page = Page("<b>", File("a.md", "/docs", "/site", True), config)
    nav = Navigation([page], [page])
    fragments = NavFragments(escaping, config, nav)
    assert fragments.fragment(page) == MacroOnly(escaping, config, nav).fragment(page)
    assert "&amp;lt;b&amp;gt;" in fragments.fragment(page)  # escaped by title_html, then by Jinja
    assert fragments._links == {False: ()}


@settings(max_examples=1000, deadline=None)
@given(st.text(st.characters(codec="utf-8"), max_size=12)
       | st.from_regex(r"[ -~]{0,3}[a-z]{0,3}[:/#\\ ]?[a-z./]{0,6}", fullmatch=True))
@example(' //host/x')
@example('\x01//host')
@example('\t/x')
@example('a:b/')
@example('')
@example('.')
@example('#top')
@example('/abs/')
@example('a\\b/')
@example('mailto:x@y')
@example('a b/#c')
def test_a_plain_address_is_joined_as_mkdocs_url_filter_joins_it(url):
    """_link joins an address to the placeholder itself, without MkDocs' `url` filter, only where
    the filter gives the same text: the filter off any page is the reference."""
    if _joins_plainly(url):
        assert url_filter({"page": None, "base_url": BASE_URL}, url) == f"{BASE_URL}/{url}"
