"""How long refusing a YAML alias bomb takes, against what expanding it would cost.

An alias bomb is front matter whose nested aliases name 9**levels strings in a few hundred bytes.
For each depth this prints the page's size, the time `read_page` takes to refuse it (median of
many runs, with `build_site` for the whole pure build), and, for the depths where that is still
bearable, what plain PyYAML plus printing the value (as a template or the search index does) costs:
the time and the size of the printed text. Also timed: refusing 64 KiB-plus front matter, and
reading an ordinary page's front matter, so the refusal can be compared with normal work.

    .venv/bin/python bench/alias_bomb.py
"""

from __future__ import annotations

import datetime
import json
import statistics
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

from handbook.build.site import build_site  # noqa: E402
from handbook.pages.frontmatter import read_page  # noqa: E402

HOME = b"---\ntitle: Home\nnav_order: 1\n---\n# Home\n"
ORDINARY = (b"---\ntitle: Writing a brief\nparent: Discovery\nnav_order: 3\ndescription: How to "
            b"write a brief.\ntags: [discovery, writing]\nowner: Platform team\n"
            b"last_reviewed: 2026-01-10\nreview_in: 6 months\n---\n# Writing a brief\n")


def bomb(levels: int) -> bytes:
    lines = ["---", "title: Bomb", "extra:", "  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"  a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels)]
    return ("\n".join(lines) + "\n---\n# Bomb\n").encode()


def median_ms(action, repeat: int = 200) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def expanded(page: bytes) -> tuple[float, int]:
    """Plain PyYAML (what MkDocs itself uses) and printing the value: seconds, characters."""
    text = page.decode().split("---\n")[1]
    start = time.perf_counter()
    value = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    printed = json.dumps(value)
    return time.perf_counter() - start, len(printed)


def main() -> int:
    today = datetime.date(2026, 3, 1)
    print("| front matter | bytes | refused by read_page (ms) | whole build_site (ms) | "
          "plain PyYAML + printing: time | printed size |")
    print("| --- | --- | --- | --- | --- | --- |")
    for levels in (3, 5, 6, 7, 9, 20):
        page = bomb(levels)
        source, problems = read_page(page, "bomb.md")
        assert source.refused and problems, "the bomb must be refused"
        refuse = median_ms(lambda: read_page(page, "bomb.md"))
        build = median_ms(lambda: build_site({"index.md": HOME, "bomb.md": page}, today=today), 50)
        if levels <= 7:
            seconds, size = expanded(page)
            plain = f"{seconds * 1000:.1f} ms | {size / 1e6:.1f} MB"
        else:
            plain = f"not run (9**{levels} strings) | ~{9 ** levels * 7 / 1e9:.2g} GB"
        print(f"| alias bomb, {levels} levels | {len(page)} | {refuse:.3f} | {build:.3f} | {plain} |")
    large = b"---\ntitle: Big\ndescription: " + b"x" * 70_000 + b"\n---\n# Big\n"
    assert read_page(large, "big.md")[0].refused
    print(f"| 70 KB of text (over the 64 KiB cap) | {len(large)} | "
          f"{median_ms(lambda: read_page(large, 'big.md')):.3f} | | | |")
    under = b"---\ntitle: Big\ndescription: " + b"x" * 60_000 + b"\n---\n# Big\n"
    print(f"| 60 KB of text (under the cap, read) | {len(under)} | "
          f"{median_ms(lambda: read_page(under, 'big.md'), 50):.3f} | | | |")
    print(f"| an ordinary page (read) | {len(ORDINARY)} | "
          f"{median_ms(lambda: read_page(ORDINARY, 'a.md')):.3f} | | | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
