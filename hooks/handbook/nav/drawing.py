"""Where each page goes in the nav, found the way Just the Docs' templates draw it.

JtD draws from the top: the top-level pages (no `parent`), then under each page the pages whose
`parent` is its title and that pass its checks (`components/nav/children.html`): a `grand_parent`
must be the page's own parent, an `ancestor` must be the page or one above it, and a page whose
`parent` names a top-level page (and has neither key) goes only under that top-level page. A page
JtD would draw twice is drawn once here, where JtD draws it first; a page JtD would draw nowhere (its
parent matches no title, a cycle, checks that fail everywhere) is reported and listed at the top
level. Pages under `nav_exclude: true`, under `has_children: false` and without a title are built
but not listed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from handbook.markdown.emoji import strip_emoji
from handbook.nav.missing_parents import missing_parent_problems
from handbook.nav.order import REVERSED, order_siblings, tie_problems
from handbook.pages.schema import PageRecord
from handbook.pages.values import liquid_contains, liquid_eq, ruby_str
from handbook.problems import Problem

if TYPE_CHECKING:
    from handbook.nav.tree import PageIndex

Titles = tuple  # the titles (as YAML typed them) of the pages above a page, top first


@dataclass
class Drawing:
    """One build's placement of pages; made and filled by `draw_nav`, then read by the tree."""

    roots: tuple[str, ...] = ()
    children: dict[str, tuple[str, ...]] = field(default_factory=dict)
    parent_of: dict[str, str | None] = field(default_factory=dict)
    excluded: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)


class _Drawer:
    def __init__(self, index: PageIndex, nav_sort: str):
        self.index, self.nav_sort = index, nav_sort
        self.by_title: dict[str, list[PageRecord]] = defaultdict(list)  # JtD: `group_by: "parent"`
        self.by_path_link: dict[str, list[PageRecord]] = defaultdict(list)  # `parent: a/b.md`
        self.linked: dict[str, str] = {}  # page -> page its `parent` names by path (or emoji-free title)
        self.titled = [r for r in index.by_path.values() if r.nav_title is not None]
        self.top: list[PageRecord] = []
        self.placed: dict[str, str | None] = {}
        self.hidden: set[str] = set()
        self.lists: dict[str | None, list[str]] = defaultdict(list)
        self.deferred: list[tuple[PageRecord, str | None]] = []  # roots of subtrees JtD hides
        self.twice: set[str] = set()  # pages JtD draws under more than one page
        self.problems: list[Problem] = []
        # Parents that name no page: {value: [(page, line, message)]}, reported once per value.
        self.missing: dict[str, list[tuple[str, int | None, str]]] = defaultdict(list)
        self.as_jtd = True  # drawing what JtD draws (not yet the pages it draws nowhere)
        self.named: dict[str, list[PageRecord]] = defaultdict(list)  # pages by title, as text
        for record in self.titled:
            title = record.nav_title
            self.named[title if type(title) is str else ruby_str(title)].append(record)
        titles = self.named
        for record in self.titled:
            parent = record.parent
            if parent is None or parent == "":
                self.top.append(record)
                continue
            path, _ = index.resolve_path(parent, record.path)
            if path is None and parent not in titles:
                words = [r for r in index.by_words.get(strip_emoji(parent), ()) if r.nav_title is not None]
                path = words[0].path if words else None
            if path is not None:
                self.linked[record.path] = path
                self.by_path_link[path].append(record)
            else:
                self.by_title[parent].append(record)
        self.top_titles = [r.nav_title for r in self.top]

    # JtD's checks, `components/nav/children.html`
    def accepts(self, child: PageRecord, node: PageRecord, ancestors: Titles) -> bool:
        if child.grand_parent_value is not None and not liquid_eq(child.grand_parent_value, node.parent_value):
            return False
        if (child.ancestor is not None and not liquid_eq(child.ancestor, node.nav_title)
                and not liquid_contains(ancestors, child.ancestor)):
            return False
        return not (child.grand_parent_value is None and child.ancestor is None and ancestors
                    and liquid_contains(self.top_titles, child.parent_value))

    def children_of(self, node: PageRecord, ancestors: Titles) -> list[PageRecord]:
        # `in` first, and the title's text without a call when it is text: most pages are leaves.
        title = node.nav_title if type(node.nav_title) is str else ruby_str(node.nav_title)
        kids = ([c for c in self.by_title[title] if self.accepts(c, node, ancestors)]
                if title in self.by_title else [])
        if node.path in self.by_path_link:
            kids += self.by_path_link[node.path]
        if not kids:  # most pages: nothing to order
            return kids
        return order_siblings(kids, self.nav_sort, node.child_nav_order in REVERSED)

    def draw(self, roots: list[PageRecord], hidden: bool = False, parent: str | None = None) -> None:
        """Depth first from `roots`, as JtD's nested lists; an explicit stack, so deep trees are fine."""
        stack = [(record, parent, (), hidden) for record in reversed(roots)]
        while stack:
            record, parent, ancestors, hidden = stack.pop()
            if record.path in self.placed:
                if self.as_jtd and not hidden and record.path not in self.hidden:
                    self.twice.add(record.path)
                continue
            if record.nav_exclude and not hidden:
                self.deferred.append((record, parent))
                continue
            self.placed[record.path] = parent
            if hidden:
                self.hidden.add(record.path)
            else:
                self.lists[parent].append(record.path)
            if liquid_contains(ancestors, record.nav_title):
                self.problems.append(Problem(
                    record.path, record.line_of("title"),
                    f"the title '{record.title}' is also the title of a page above it, so Just the "
                    "Docs shows this page as '∞' with no children; give the page its own title"))
                continue
            kids = self.children_of(record, ancestors)
            if kids and record.has_children is False and not hidden:
                for kid in kids:
                    if kid.path not in self.placed:
                        self.problems.append(Problem(
                            kid.path, kid.line_of("parent"),
                            f"is left out of the nav: its parent '{record.title}' ({record.path}) "
                            "has `has_children: false`; remove that line to list it", "warning"))
                        self.deferred.append((kid, record.path))
                continue
            if kids:
                below = (*ancestors, record.nav_title)
                stack += [(kid, record.path, below, hidden) for kid in reversed(kids)]

    def draw_deferred(self) -> None:
        while self.deferred:
            record, parent = self.deferred.pop()
            self.draw([record], hidden=True, parent=parent)

    def place_the_rest(self) -> None:
        """Pages JtD draws nowhere: report each, and list it (and what hangs under it) at the top."""
        self.as_jtd = False
        while True:
            pending = [r for r in self.titled if r.path not in self.placed]
            if not pending:
                return
            roots: list[PageRecord] = []
            for record in pending:
                candidates = self.candidates(record)
                if not candidates:
                    self.unknown_parent(record)
                    roots.append(record)
                elif any(c.path in self.hidden for c in candidates):
                    self.deferred.append((record, next(c.path for c in candidates if c.path in self.hidden)))
                elif any(c.path in self.placed for c in candidates):
                    self.rejected(record, candidates)
                    roots.append(record)
            if not roots and not self.deferred:
                roots.append(self.break_cycle(pending[0]))
            self.draw(roots)
            self.draw_deferred()

    def candidates(self, record: PageRecord) -> list[PageRecord]:
        if record.path in self.linked:
            return [self.index.by_path[self.linked[record.path]]]
        return [c for c in self.named.get(record.parent or "", ()) if c.path != record.path] or \
            self.named.get(record.parent or "", [])

    def unknown_parent(self, record: PageRecord) -> None:
        _, message = self.index.resolve(record.parent or "", record.path, "parent")
        if message is None:  # names a page without a title (JtD lists none of those)
            message = f"parent '{record.parent}' names a page that has no title"
        self.missing[record.parent or ""].append((record.path, record.line_of("parent"), message))

    def rejected(self, record: PageRecord, candidates: list[PageRecord]) -> None:
        listing = _list_candidates(candidates, self.index)
        if record.grand_parent_value is not None:
            key, value = "grand_parent", record.grand_parent
        elif record.ancestor is not None:
            key, value = "ancestor", ruby_str(record.ancestor)
        else:
            key, value = "parent", record.parent
        self.problems.append(Problem(
            record.path, record.line_of(key, "parent"),
            f"{key} '{value}' matches none of the pages that parent '{record.parent}' names: "
            f"{listing}; set grand_parent to the parent title shown for the page you mean "
            "(Just the Docs shows the page nowhere; the handbook lists it at the top level)"))

    def break_cycle(self, start: PageRecord) -> PageRecord:
        walk: list[str] = []
        node = start
        while node.path not in walk:
            walk.append(node.path)
            node = next((c for c in self.candidates(node) if c.path not in self.placed), node)
        cycle = walk[walk.index(node.path):]
        first = min(cycle)
        loop = " -> ".join(cycle[cycle.index(first):] + cycle[:cycle.index(first)] + [first])
        record = self.index.by_path[first]
        self.problems.append(Problem(
            first, record.line_of("parent"),
            f"parent cycle: {loop} (each arrow leads to the page's parent); a page cannot be its "
            f"own ancestor, so change one of these `parent` values ({first} is shown at the top "
            "level until then)"))
        return record

    def report_twice(self) -> None:
        for path in sorted(self.twice):
            record = self.index.by_path[path]
            candidates = self.candidates(record)
            if len(candidates) < 2 or self.placed[path] is None:  # a cycle, reported as one
                continue
            self.problems.append(Problem(
                path, record.line_of("parent"),
                f"parent '{record.parent}' is the title of {len(candidates)} pages: "
                f"{_list_candidates(candidates, self.index)}; add `grand_parent:` with the parent "
                "title of the one you mean, or give parent as a path (e.g. "
                f"`parent: {candidates[0].path}`); Just the Docs lists the page under each, the "
                f"handbook under {self.placed[path]}"))


def draw_nav(index: PageIndex, nav_sort: str, changed: Collection[str] = (),
             renamed: Mapping[str, str] | None = None,
             old_titles: Mapping[str, str] | None = None) -> Drawing:
    """`changed`, `renamed` and `old_titles` come from git (see nav/tree.py's build_nav_tree)."""
    drawer = _Drawer(index, nav_sort)
    for record in index.by_path.values():
        if record.nav_title is None:
            if record.parent and not drawer.candidates(record):
                _, message = index.resolve(record.parent, record.path, "parent")
                if message:  # one problem with the titled pages naming the same value
                    drawer.missing[record.parent].append(
                        (record.path, record.line_of("parent"), message))
            drawer.problems.append(Problem(
                record.path, record.line_of("title"),
                "has no title, so Just the Docs leaves it out of the nav (the page is still "
                "built); add `title:` to its front matter, or start the page with a `# Heading`",
                "warning"))
            drawer.deferred.append((record, None))
    drawer.draw(order_siblings(drawer.top, nav_sort))
    drawer.draw_deferred()
    drawer.place_the_rest()
    drawer.report_twice()
    listed = {p for p in drawer.placed if p not in drawer.hidden} if drawer.missing else set()
    drawer.problems += missing_parent_problems(
        drawer.missing, {p: r.title for p, r in index.by_path.items()}, renamed or {},
        old_titles or {}, listed)
    return _finish(drawer, index, changed)


def _finish(drawer: _Drawer, index: PageIndex, changed: Collection[str]) -> Drawing:
    by_path = index.by_path
    # A page whose parent names nothing is at the top level only until that is fixed: its ties
    # there are knock-ons, not news about the pages it lands beside.
    orphans = {path for naming in drawer.missing.values() for path, _, _ in naming}
    roots = order_siblings([by_path[p] for p in drawer.lists.pop(None, [])], drawer.nav_sort)
    problems = drawer.problems + tie_problems(roots, "at the top level", drawer.nav_sort,
                                              orphans, changed)
    for parent, kids in drawer.lists.items():
        problems += tie_problems([by_path[k] for k in kids], f"under '{by_path[parent].title}'",
                                 drawer.nav_sort, orphans, changed)
    return Drawing(tuple(r.path for r in roots), {p: tuple(k) for p, k in drawer.lists.items()},
                   dict(sorted(drawer.placed.items())), set(drawer.hidden), problems)


def _parent_title(record: PageRecord, index: PageIndex) -> str | None:
    if record.parent is None:
        return None
    path, _ = index.resolve_path(record.parent, record.path)
    return index.by_path[path].title if path else record.parent


def _list_candidates(candidates: list[PageRecord], index: PageIndex) -> str:
    return ", ".join(
        f"{c.path} (parent '{_parent_title(c, index) or 'none: top level'}')" for c in candidates)
