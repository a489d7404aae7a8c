"""What a change does to the published handbook: two versions' build models compared.

`compare(before, after)` takes the handbook at a base revision and as changed, each read and
arranged by `build_site` (the model the build uses, without MkDocs), and lists what a reviewer must
judge: pages added, removed, renamed, moved in the nav or retitled; Previous/Next buttons that
change; addresses that change or disappear; problems new and fixed; owners, teams and review dates.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field

from handbook.build.site import HandbookSite, build_site
from handbook.governance.reviews import Review
from handbook.pages.address import dest_path
from handbook.pages.frontmatter import read_page
from handbook.pages.theme import ThemeFiles
from handbook.problems import Problem, sorted_problems
from handbook.review.pages import (
    NavPlace,
    match_renamed,
    moved_among_siblings,
    page_address,
    place_of,
    redirect_files,
)

NEEDS_EYE = ("error", "warning")  # a new "info" problem is listed but needs nobody's eye
GONE = "\0gone"  # stands for a page of the base that is not in the new version


@dataclass(frozen=True)
class Version:
    """One version of the handbook as a reviewer compares it."""

    site: HandbookSite
    sources: Mapping[str, bytes]
    problems: tuple[Problem, ...]  # the build's, and the docs folder's (address clashes)
    redirects: Mapping[str, frozenset[str]]  # page: the files its `redirect_from` writes
    use_directory_urls: bool = True

    def address(self, path: str) -> str:
        return page_address(path, self.use_directory_urls)

    def file(self, path: str) -> str:
        return dest_path(path, self.use_directory_urls)


def read_version(sources: Mapping[str, bytes], assets: Collection[str] = (),
                 file_problems: Sequence[Problem] = (), today: datetime.date | None = None,
                 use_directory_urls: bool = True, theme: ThemeFiles | None = None) -> Version:
    """Build the model of one version (no MkDocs, no HTML) from its page bytes; `theme` is the
    templates and icons pages may name (the working tree's, for both versions)."""
    site = build_site(sources, assets=assets, today=today, use_directory_urls=use_directory_urls,
                      theme=theme)
    redirects = {}
    for path, raw in sources.items():
        if b"redirect_from" not in raw:  # the build's records do not keep it: read the few that
            continue  # have one again
        files = redirect_files(read_page(raw, path)[0].meta.get("redirect_from"))
        if files:
            redirects[path] = files
    problems = tuple(sorted_problems([*file_problems, *site.problems]))
    return Version(site, sources, problems, redirects, use_directory_urls)


@dataclass(frozen=True)
class PageEntry:
    """A page added or removed: where it is (was) in the nav and who owns it."""

    path: str
    title: str
    place: NavPlace
    owner: str | None


@dataclass(frozen=True)
class Moved:
    path: str
    title: str
    before: NavPlace
    after: NavPlace


@dataclass(frozen=True)
class Changed:
    """A value that changes on one page (a title, an owner, a button, a review)."""

    path: str
    title: str
    before: object
    after: object


@dataclass(frozen=True)
class Button:
    """A Previous or Next button as a reader sees it: the page it opens and its text (the page's
    title unless `label` sets it). A retitled page changes the text, not the button."""

    path: str | None
    label: str | None = None
    text: str | None = field(default=None, compare=False)
    title: str | None = field(default=None, compare=False)  # the page it opens


@dataclass(frozen=True)
class AddressChange:
    """An address a page had before: where it goes now. `after` is the page's new address (None:
    the page is gone); `kept_by` is the page whose `redirect_from` keeps the old address (or, when
    `redirect` is False, the page now published there); None: readers get "page not found"."""

    path: str
    title: str
    before: str
    after: str | None
    kept_by: str | None
    redirect: bool = False


@dataclass(frozen=True)
class Approval:
    """A CODEOWNERS team asked to approve, the page owners it stands for and the pages involved."""

    team: str
    owners: tuple[str, ...]
    pages: tuple[str, ...]


@dataclass(frozen=True)
class HandbookDiff:
    added: tuple[PageEntry, ...] = ()
    removed: tuple[PageEntry, ...] = ()
    renamed: tuple[tuple[str, str], ...] = ()  # (old path, new path)
    moved: tuple[Moved, ...] = ()
    retitled: tuple[Changed, ...] = ()
    buttons: tuple[Changed, ...] = ()  # before/after: (Previous, Next) as Buttons
    addresses: tuple[AddressChange, ...] = ()
    new_problems: tuple[Problem, ...] = ()
    fixed_problems: tuple[Problem, ...] = ()
    owners: tuple[Changed, ...] = ()
    reviews: tuple[Changed, ...] = ()  # before/after: Review
    approvals: tuple[Approval, ...] = ()
    changed: tuple[PageEntry, ...] = ()  # pages whose file is new or edited, in the new version
    edited: int = 0  # pages whose file changed in place

    @property
    def lost_addresses(self) -> tuple[AddressChange, ...]:
        return tuple(a for a in self.addresses if a.kept_by is None)

    @property
    def needs_review(self) -> bool:
        """Anything beyond text edits and review dates: the nav, addresses, new problems, owners."""
        return bool(self.added or self.removed or self.renamed or self.moved or self.retitled
                    or self.buttons or self.lost_addresses or self.owners
                    or any(p.severity in NEEDS_EYE for p in self.new_problems))


def compare(before: Version, after: Version,
            teams: Callable[[str], Sequence[str]] | None = None) -> HandbookDiff:
    """Everything that changes from `before` to `after`. `teams(path)` names the CODEOWNERS teams
    of a docs-relative path (None: no CODEOWNERS)."""
    old, new = before.site, after.site
    removed_paths = sorted(set(old.records) - set(new.records))
    added_paths = sorted(set(new.records) - set(old.records))
    renamed = match_renamed(removed_paths, added_paths, before.sources, after.sources,
                            old.records, new.records)
    forward = {path: path for path in old.records if path in new.records} | renamed
    backward = {b: a for a, b in forward.items()}
    removed_paths = [p for p in removed_paths if p not in renamed]
    added_paths = [p for p in added_paths if p not in backward]
    edited = [path for path in sorted(backward)
              if before.sources[backward[path]] != after.sources[path]]
    changed = sorted({*added_paths, *edited, *renamed.values()})

    new_problems, fixed_problems = match_problems(before.problems, after.problems, forward)
    return HandbookDiff(
        added=tuple(entry(new, p) for p in added_paths),
        removed=tuple(entry(old, p) for p in removed_paths),
        renamed=tuple(sorted(renamed.items())),
        moved=moved_pages(old, new, forward, edited),
        retitled=tuple(Changed(path, new.titles[path], old.titles[was], new.titles[path])
                       for was, path in sorted(forward.items(), key=lambda i: i[1])
                       if old.titles[was] != new.titles[path]),
        buttons=button_changes(old, new, forward),
        addresses=address_changes(before, after, forward),
        new_problems=new_problems,
        fixed_problems=fixed_problems,
        owners=tuple(Changed(path, new.titles[path], old.records[was].owner,
                             new.records[path].owner)
                     for was, path in sorted(forward.items(), key=lambda i: i[1])
                     if old.records[was].owner != new.records[path].owner),
        reviews=review_changes(old, new, forward),
        approvals=approvals(old, new, changed, removed_paths, renamed, teams),
        changed=tuple(entry(new, path) for path in changed),
        edited=sum(1 for path in edited if backward[path] == path),
    )


def entry(site: HandbookSite, path: str) -> PageEntry:
    return PageEntry(path, site.titles[path], place_of(site, path), site.records[path].owner)


def moved_pages(old: HandbookSite, new: HandbookSite, forward: Mapping[str, str],
                edited: Collection[str]) -> tuple[Moved, ...]:
    """Pages under another parent, into or out of the nav, or in another order among the
    siblings they had before (not those merely shifted by a page added or removed beside them)."""
    moved = set()
    for was, path in forward.items():
        old_parent, new_parent = old.tree.parent_of[was], new.tree.parent_of[path]
        # A parent that is gone counts as another parent: its pages have moved, even to the top.
        parent_then = forward.get(old_parent, GONE) if old_parent else None
        listed_then, listed_now = was not in old.tree.excluded, path not in new.tree.excluded
        if parent_then != new_parent or listed_then != listed_now:
            moved.add(path)
    for parent in {None, *old.tree.children}:
        siblings = old.tree.roots if parent is None else old.tree.children[parent]
        after_parent = forward.get(parent) if parent else None
        if parent and after_parent is None:
            continue
        now = new.tree.roots if after_parent is None else new.tree.children.get(after_parent, ())
        moved.update(moved_among_siblings([forward.get(p) for p in siblings], now, edited))
    backward = {b: a for a, b in forward.items()}
    return tuple(Moved(path, new.titles[path], place_of(old, backward[path]), place_of(new, path))
                 for path in sorted(moved))


def buttons_of(site: HandbookSite) -> dict[str, tuple[Button, Button]]:
    """Each page's Previous and Next buttons: reading-order neighbours, unless `prev`/`next`
    in its front matter says otherwise (as the build applies them)."""
    order = site.tree.reading_order()
    found = {}
    for index, path in enumerate(order):
        neighbours = {"prev": order[index - 1] if index else None,
                      "next": order[index + 1] if index + 1 < len(order) else None}
        pair = []
        for direction in ("prev", "next"):
            link = site.pager.get(path, {}).get(direction)
            target = neighbours[direction]
            if link is not None:
                target = None if not link.shown else (link.path or target)
            label = link.label if link is not None and link.shown and target else None
            title = site.titles[target] if target else None
            pair.append(Button(target, label, label or title, title))
        found[path] = (pair[0], pair[1])
    return found


def button_changes(old: HandbookSite, new: HandbookSite,
                   forward: Mapping[str, str]) -> tuple[Changed, ...]:
    """Pages listed in both versions whose Previous or Next button opens another page (or has
    another label), in the new reading order."""
    before, after = buttons_of(old), buttons_of(new)
    backward = {b: a for a, b in forward.items()}
    changes = []
    for path in after:  # buttons_of keeps the reading order
        was = backward.get(path)
        if was is None or was not in before:
            continue  # new to the nav: reported as added or moved
        then = tuple(Button(forward.get(b.path) if b.path else None, b.label)
                     for b in before[was])
        if then != after[path]:
            changes.append(Changed(path, new.titles[path], before[was], after[path]))
    return tuple(changes)


def address_changes(before: Version, after: Version,
                    forward: Mapping[str, str]) -> tuple[AddressChange, ...]:
    """Every address a page had before that no longer shows that page, and what answers there
    now."""
    served = {after.file(path): path for path in after.site.records}
    redirected = {file: path for path, files in after.redirects.items() for file in files}
    changes = []
    for was in sorted(before.site.records):
        path = forward.get(was)
        old_address = before.address(was)
        new_address = after.address(path) if path else None
        if new_address == old_address:
            continue
        old_file = before.file(was)  # what answers at the old address is the file written there
        kept_by = redirected.get(old_file) or served.get(old_file)
        changes.append(AddressChange(was, before.site.titles[was], old_address, new_address,
                                     kept_by, old_file in redirected))
    return tuple(changes)


LINE_REFERENCE = re.compile(r"\b(lines?) \d+(?:-\d+)?|(\.\w+):\d+\b")


def problem_key(problem: Problem, forward: Mapping[str, str]) -> tuple[str, str, str]:
    """What identifies a problem across versions: its file (as renamed), kind and words, with
    line numbers left out (an edit above a problem moves it without changing it)."""
    words = LINE_REFERENCE.sub(lambda m: f"{m.group(1)} N" if m.group(1) else f"{m.group(2)}:N",
                               problem.message)
    return forward.get(problem.path, problem.path), problem.severity, words


def match_problems(before: Sequence[Problem], after: Sequence[Problem],
                   forward: Mapping[str, str]) -> tuple[tuple[Problem, ...], tuple[Problem, ...]]:
    """(new, fixed): problems of `after` with no match in `before`, and the other way round.
    A problem that occurs n times before and m times after is new (or fixed) |m - n| times."""
    then: dict[tuple[str, str, str], list[Problem]] = defaultdict(list)
    now: dict[tuple[str, str, str], list[Problem]] = defaultdict(list)
    for problem in before:
        then[problem_key(problem, forward)].append(problem)
    for problem in after:
        now[problem_key(problem, {})].append(problem)
    counts = Counter({key: len(found) for key, found in now.items()})
    counts.subtract({key: len(found) for key, found in then.items()})
    new = [p for key, n in counts.items() if n > 0 for p in now[key][-n:]]
    fixed = [p for key, n in counts.items() if n < 0 for p in then[key][n:]]
    return tuple(sorted_problems(new)), tuple(sorted_problems(fixed))


def review_changes(old: HandbookSite, new: HandbookSite,
                   forward: Mapping[str, str]) -> tuple[Changed, ...]:
    def facts(review: Review) -> tuple[object, ...]:
        return review.last_reviewed, review.review_in, review.due

    return tuple(Changed(path, new.titles[path], old.reviews[was], new.reviews[path])
                 for was, path in sorted(forward.items(), key=lambda i: i[1])
                 if facts(old.reviews[was]) != facts(new.reviews[path]))


def approvals(old: HandbookSite, new: HandbookSite, changed: Sequence[str],
              removed: Sequence[str], renamed: Mapping[str, str],
              teams: Callable[[str], Sequence[str]] | None) -> tuple[Approval, ...]:
    """The teams GitHub asks to approve: those of every file added, edited, removed or renamed
    (a renamed file counts at its old and its new path), with the page owners they stand for."""
    touched = [(path, new) for path in changed] + [(path, old) for path in removed]
    touched += [(path, old) for path in renamed]
    pages: dict[str, set[str]] = defaultdict(set)
    owners: dict[str, set[str]] = defaultdict(set)
    for path, site in touched:
        for team in (teams(path) if teams else ()) or ("",):
            pages[team].add(path)
            owners[team].add(site.records[path].owner or "")
    return tuple(Approval(team, tuple(sorted(o for o in owners[team] if o)),
                          tuple(sorted(pages[team]))) for team in sorted(pages))
