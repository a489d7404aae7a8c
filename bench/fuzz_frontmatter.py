"""Fuzzing the front-matter reader: thousands of hostile pages, none may raise or stall.

Each example is a page's bytes: YAML-ish text built from pieces that break parsers (anchors,
aliases, tags, flow brackets, tabs, control characters, huge numbers, dates past 9999, unclosed
quotes and blocks, byte-order marks, bytes that are not UTF-8), or real YAML dumped from random
values under every known key. Each page is read (`read_page`), validated (`validate`) and built
into a small handbook with `build_site` (nav, reviews, links), as the build and `handbook check` do.
Anything that raises is a finding; the slowest examples are listed, as the hang guard. Not run in
CI (it takes minutes):

    .venv/bin/python bench/fuzz_frontmatter.py                  # 5000 examples of each kind
    .venv/bin/python bench/fuzz_frontmatter.py --examples 500   # quick check
"""

from __future__ import annotations

import argparse
import datetime
import heapq
import sys
import time
import traceback
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

from handbook.build.site import build_site  # noqa: E402
from handbook.pages.frontmatter import read_page  # noqa: E402
from handbook.pages.schema import KEYS, validate  # noqa: E402

HOME = b"---\ntitle: Home\nnav_order: 1\n---\n# Home\n"
PIECES = st.sampled_from([
    "title", "parent", "nav_order", "last_reviewed", "review_in", "tags", "icon", "template", "x",
    ": ", ":", "-", "- ", "\n", "\n  ", "\t", " ", "&a ", "*a", "&b", "*b", "<<: *a", "!!str ",
    "!!python/object:os.system ", "!!binary ", "!ENV ", "[", "]", "{", "}", ",", "'", '"', "#",
    "|", ">", "?", "%YAML 1.1\n", "---\n", "...\n", "9999-12-31", "0000-00-00", "2026-02-30",
    "9999 years", "1 day", "1e999", ".nan", "-.inf", "0x" + "f" * 40, "9" * 5000, "~", "null",
    "yes", "no", "<script>alert(1)</script>", "\"><img src=x onerror=1>", "R&D", "\u2028",
    "\x00", "\x01", "\x85", "\ufeff", "\U0001F680", "é", "\\", "%", "@", "`",
])
VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30),
              st.dates(), st.datetimes(min_value=datetime.datetime(1, 1, 2),
                                       max_value=datetime.datetime(9999, 12, 30))),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=12)


@st.composite
def raw_front_matter(draw) -> bytes:
    body = "".join(draw(st.lists(PIECES, max_size=40)))
    closing = draw(st.sampled_from(["---\n", "...\n", "", "--- \n"]))
    page = "---\n" + body + "\n" + closing + "# Page\n"
    data = page.encode("utf-8", "surrogatepass")
    if draw(st.booleans()) and draw(st.booleans()):
        data = data.replace("é".encode(), b"\xe9")  # not UTF-8: Latin-1 bytes
    return data


@st.composite
def dumped_front_matter(draw) -> bytes:
    keys = draw(st.lists(st.sampled_from(sorted(KEYS) + ["extra", "nav"]), max_size=8, unique=True))
    meta = {key: draw(VALUES) for key in keys}
    try:
        text = yaml.safe_dump(meta, allow_unicode=True)
    except (yaml.YAMLError, ValueError):
        text = "title: x\n"
    return ("---\n" + text + "---\n# Page\n").encode("utf-8", "surrogatepass")


class Findings:
    """What the runs found: exceptions (by type and place) and the slowest examples."""

    def __init__(self) -> None:
        self.runs = 0
        self.errors: dict[str, tuple[bytes, str]] = {}
        self.slowest: list[tuple[float, bytes]] = []

    def check(self, page: bytes) -> None:
        self.runs += 1
        start = time.perf_counter()
        try:
            source, _ = read_page(page, "fuzz.md")
            validate(source)
            build_site({"index.md": HOME, "fuzz.md": page}, today=datetime.date(2026, 3, 1))
        except Exception as err:  # a finding: record it, keep fuzzing
            where = traceback.extract_tb(err.__traceback__)[-1]
            key = f"{type(err).__name__} at {Path(where.filename).name}:{where.lineno}"
            self.errors.setdefault(key, (page, f"{type(err).__name__}: {err}"[:300]))
        elapsed = time.perf_counter() - start
        heapq.heappush(self.slowest, (elapsed, page))
        if len(self.slowest) > 3:
            heapq.heappop(self.slowest)


def fuzz(strategy, examples: int, findings: Findings) -> None:
    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def run(page: bytes) -> None:
        findings.check(page)

    run()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=5000, help="examples of each kind")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    results = {}
    for name, strategy in (("raw YAML-ish text", raw_front_matter()),
                           ("YAML dumped from random values", dumped_front_matter())):
        findings = Findings()
        fuzz(strategy, args.examples, findings)
        results[name] = findings
    print("| kind | examples | exceptions | slowest example (ms) |\n| --- | --- | --- | --- |")
    for name, findings in results.items():
        slowest = max(findings.slowest)[0] * 1000 if findings.slowest else 0
        print(f"| {name} | {findings.runs} | {len(findings.errors)} | {slowest:.1f} |")
    for name, findings in results.items():
        for key, (page, message) in findings.errors.items():
            print(f"\n{name}: {key}\n  {message}\n  page: {page[:300]!r}")
    for name, findings in results.items():
        for seconds, page in sorted(findings.slowest, reverse=True):
            print(f"slowest ({name}): {seconds * 1000:.1f} ms, {len(page)} bytes: {page[:120]!r}")
    print(f"\ntotal {time.perf_counter() - started:.0f} s")
    return 1 if any(f.errors for f in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
