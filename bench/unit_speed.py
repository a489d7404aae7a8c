#!/usr/bin/env python3
"""Speed of the project's pure code on its own, outside a build: the checks that once were
wall-clock limits in unit tests (which flake on a busy machine) are measured here instead.

    .venv/bin/python bench/unit_speed.py     # each case 5 times; the median against its budget

Each budget is what a slow CI machine comfortably meets; the script exits 1 when a median is over
its budget, so a regression shows up when someone runs the benchmarks, never as a flaky test.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from handbook.jekyll.mojibake import repair_encoding  # noqa: E402
from handbook.markdown.links import check_links, relative_link  # noqa: E402


def clean_pages() -> Callable[[], None]:
    """1000 clean ~4 KB pages with emoji, curly quotes and accents, none of them mis-decoded."""
    rng = random.Random(7)
    words = "roadmap outcome stakeholder discovery interview backlog team the of to and".split()
    extras = ["I’ll", "“quoted”", "🚀", "👉", "🗺️", "—", "…", "it’s", "café", "naïve"]
    pages = [" ".join(rng.choice(words) if rng.random() < 0.95 else rng.choice(extras)
                      for _ in range(600))[:4000] for _ in range(1000)]

    def run() -> None:
        assert not any(repair_encoding(text)[1] for text in pages)
    return run


def linked_pages() -> Callable[[], None]:
    """40 pages with 20 links each that need rewriting, code spans and fenced code."""
    paths = ["index.md"] + [f"section-{i // 10}/page-{i}.md" for i in range(1, 40)]
    body = "Product managers write things down so that teams can decide without them. " * 5 + "\n\n"
    texts = {}
    for n, path in enumerate(paths):
        parts = [body]
        for k in range(10):
            other = paths[(n + k * 7) % len(paths)]
            parts.append(f"See [page {k}](/{other[:-3]}) and [{k}]({relative_link(other, path)}). "
                         f"`[code](x.md)` ![d](/assets/d{k}.png)\n\n{body}")
        parts.append("```\n[fenced](y.md)\n```\n")
        texts[path] = "".join(parts)
    assets = {f"assets/d{k}.png" for k in range(10)}

    def run() -> None:
        for path, text in texts.items():
            problems, replacements = check_links(path, text, 1, set(paths), assets, {})
            assert problems == [] and len(replacements) == 20
    return run


def check_command() -> Callable[[], None]:
    """`handbook check` on the repository's own handbook, as a fresh process."""
    def run() -> None:
        subprocess.run([sys.executable, "-m", "handbook.cli.main", "check"], cwd=ROOT,
                       capture_output=True, check=False)
    return run


CASES = [
    ("repair_encoding, 1000 clean pages", clean_pages, 0.25),
    ("check_links, 40 pages x 20 rewrites", linked_pages, 0.5),
    ("handbook check, whole process", check_command, 2.0),
]


def main() -> int:
    over = 0
    print(f"{'case':40} | median s | budget s")
    print(f"{'-' * 40}-+----------+---------")
    for name, make, budget in CASES:
        run = make()
        times = []
        for _ in range(5):
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
        median = statistics.median(times)
        over += median > budget
        print(f"{name:40} | {median:8.3f} | {budget:8.2f}{'  OVER' if median > budget else ''}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
