"""Differential test against Just the Docs: build random front-matter trees with the JtD oracle (real
Jekyll with the real theme, ../shared/jtd-oracle/build) and with the handbook, and compare the navs.

Ties (siblings JtD sorts as equal, shown in any order) compare as sets; pages the handbook reports as
errors (JtD draws them twice or nowhere; the handbook lists them once and names them) are left out
of the comparison, with what hangs under them; JtD's '∞' entries match any title.

Usage: .venv/bin/python bench/jtd_differential.py [--trees 300] [--seed 1] [--keep DIR]
Prints one line per tree that differs and a summary; --keep writes each differing tree (its pages,
the oracle's nav and the differences) into DIR for a closer look.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

from jtd_golden import DEFAULT_ORACLE, oracle_nav  # noqa: E402

from handbook.build.site import build_site  # noqa: E402
from handbook.jekyll.site_settings import SiteSettings  # noqa: E402
from handbook.nav.order import CASE_INSENSITIVE, CASE_SENSITIVE  # noqa: E402
from handbook.nav.outline import differences, outline, unjustified_reports  # noqa: E402

WORDS = ["Alpha", "alpha", "Beta", "beta", "Gamma", "Setup", "Install", "Guide", "guide", "Zulu",
         "_under", "Émile", "10 things", "9 things", "Apple pie", "Linux", "Windows"]
NUMBERS = [2024, 2023, 7, 1.5, 10]


def random_title(rng: random.Random) -> object:
    return rng.choice(NUMBERS) if rng.random() < 0.2 else rng.choice(WORDS)


def random_tree(rng: random.Random, tidy: bool = False) -> tuple[dict[str, str], str]:
    """A folder of pages ({path: text}) with random JtD front matter, and its nav_sort. A `tidy`
    tree is shaped like a real site: parents come before their children, and titles repeat less."""
    count = rng.randint(3, 14)
    titles = [random_title(rng) for _ in range(count)]
    if tidy:
        titles = [t if i == 0 or t not in titles[:i] or rng.random() < 0.2 else f"{t} {i}"
                  for i, t in enumerate(titles)]
    pages = {}
    for i, title in enumerate(titles):
        meta: dict[str, object] = {}
        earlier = titles[:i] if i and (tidy or rng.random() < 0.8) else titles  # some cycles
        untitled = rng.random() < 0.08
        if not untitled:
            meta["title"] = title
        if rng.random() < 0.65 and (i or not tidy):
            parent = rng.choice(earlier) if tidy or rng.random() < 0.95 else "Nowhere"
            if isinstance(parent, int) and rng.random() < 0.3:
                parent = str(parent)  # a quoted number: matches by text, not in typed checks
            meta["parent"] = parent
            if rng.random() < 0.15:
                meta["grand_parent"] = rng.choice(titles)
            if rng.random() < 0.1:
                meta["ancestor"] = rng.choice(titles)
        roll = rng.random()
        if roll < 0.35:
            meta["nav_order"] = rng.choice([1, 2, 3, 2.5, -1, 10])
        elif roll < 0.5:
            meta["nav_order"] = rng.choice(["a", "B", "10", "c", "Zed"])
        if rng.random() < 0.07:
            meta["nav_exclude"] = True
        if rng.random() < 0.07:
            meta["has_children"] = rng.choice([False, True])
        if rng.random() < 0.12:
            meta["child_nav_order"] = rng.choice(["reversed", "desc", "asc"])
        body = ""
        if untitled and rng.random() < 0.5:
            body = f"# Heading {i}\n"
        elif untitled:
            body = "Words first.\n\n# Too late for a title\n"
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) if meta else ""
        pages[f"p{i:02d}.md"] = (f"---\n{front}---\n" if meta else "") + body
    nav_sort = CASE_INSENSITIVE if rng.random() < 0.2 else CASE_SENSITIVE
    return pages, nav_sort


def mark_ties(rows: list[dict], nav_sort: str) -> None:
    """The oracle marks ties by its unfolded sort keys; with case_insensitive, `a` and `A` tie too."""
    if nav_sort != CASE_INSENSITIVE:
        return
    for row in rows:
        key = row.get("key")
        if key and isinstance(key[1], str):
            row["key"] = [key[0], key[1].translate(str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                                                                 "abcdefghijklmnopqrstuvwxyz"))]
    groups: dict[tuple, list[dict]] = {}
    chain: list[str] = []
    for row in rows:
        del chain[row["depth"]:]
        groups.setdefault(tuple(chain), []).append(row)
        chain.append(row["path"])
    for members in groups.values():
        keys = [json.dumps(r["key"]) for r in members]
        for row, key in zip(members, keys):
            row["tied"] = keys.count(key) > 1


def compare(pages: dict[str, str], nav_sort: str, oracle: Path) -> tuple[list[str], list[dict], int]:
    """Differences between the oracle's nav and the handbook's for one tree."""
    with tempfile.TemporaryDirectory(prefix="jtd-diff-") as tmp:
        docs = Path(tmp)
        for path, text in pages.items():
            (docs / path).write_text(text, encoding="utf-8")
        if nav_sort != CASE_SENSITIVE:
            (docs / "_config.yml").write_text(f"nav_sort: {nav_sort}\n", encoding="utf-8")
        expected = oracle_nav(oracle, docs)
    mark_ties(expected, nav_sort)
    site = build_site({p: t.encode() for p, t in pages.items()}, settings=SiteSettings(nav_sort))
    reported = frozenset(page for p in site.problems if p.severity == "error" for page in p.pages)
    got = outline(site.tree, site.titles)
    found = differences(expected, got, reported)
    found += unjustified_reports(expected, reported)
    return found, expected, len(reported)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trees", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--oracle", type=Path, default=DEFAULT_ORACLE)
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--tidy", action="store_true", help="trees shaped like real sites")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    differing = pages_total = reported_total = 0
    for number in range(args.trees):
        pages, nav_sort = random_tree(rng, args.tidy)
        found, expected, reported = compare(pages, nav_sort, args.oracle)
        pages_total += len(pages)
        reported_total += reported
        if found:
            differing += 1
            print(f"tree {number}: {len(found)} difference(s): {found[0]}", flush=True)
            if args.keep:
                folder = args.keep / f"tree-{number:04d}"
                folder.mkdir(parents=True, exist_ok=True)
                for path, text in pages.items():
                    (folder / path).write_text(text, encoding="utf-8")
                (folder / "oracle.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1))
                (folder / "differences.txt").write_text("\n".join(found) + "\n")
                (folder / "nav_sort.txt").write_text(nav_sort + "\n")
    print(f"{args.trees} trees, {pages_total} pages: {args.trees - differing} agree with Just the "
          f"Docs, {differing} differ; {reported_total} pages reported as errors and left out of "
          "the comparison")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
