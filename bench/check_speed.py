"""How long `handbook check` takes on this handbook, beside the strict build it stands in for.

Each run is a fresh process (Python's start-up included), timed by wall clock; the table shows the
median and the CPU time (user + system) of the same runs. Usage:

    .venv/bin/python bench/check_speed.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def timed(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child) for one run; raises if it fails."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"bench: {' '.join(cmd)} failed:\n{result.stderr[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    pages = sum(1 for _ in (ROOT / "docs").rglob("*.md"))
    with tempfile.TemporaryDirectory() as site:
        commands = {
            "handbook check": [str(BIN / "handbook"), "check"],
            "mkdocs build --strict": [str(BIN / "mkdocs"), "build", "--strict", "-q", "-d", site],
        }
        for cmd in commands.values():  # warm the file cache and the .pyc files
            timed(cmd)
        rows = []
        for name, cmd in commands.items():
            runs = [timed(cmd) for _ in range(args.repeat)]
            rows.append((name, statistics.median(w for w, _ in runs),
                         statistics.median(c for _, c in runs)))
    print(f"This handbook ({pages} pages), median of {args.repeat} fresh processes each:\n")
    print("| Command | Wall time (s) | CPU time (s) |")
    print("| --- | ---: | ---: |")
    for name, wall, cpu in rows:
        print(f"| `{name}` | {wall:.2f} | {cpu:.2f} |")


if __name__ == "__main__":
    main()
