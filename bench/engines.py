"""Build speed by engine: the project's own build of the same synthetic handbook (configuration (a)
of build_speed.py: hooks, overrides, nav from front matter) with MkDocs 1.6 and with ProperDocs.

Each build is a fresh `python -m mkdocs|properdocs build --strict` process, alternating engines,
after one untimed build of each; the table shows medians, and ProperDocs' time over MkDocs'.
ProperDocs runs from .venv-properdocs (`make test` or `make bench-engines` creates it).

    make bench-engines                                    # 100 and 1000 pages, 3 builds of each
    make bench-engines BENCH_ARGS="--sizes 100 --repeat 1"
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from build_speed import ROOT, prepare, run_build, snapshot_project

ENGINES = {
    "mkdocs": (sys.executable, "-m", "mkdocs"),
    "properdocs": (str(ROOT / ".venv-properdocs" / "bin" / "python"), "-m", "properdocs"),
}


def bench_size(n: int, repeat: int, workdir: Path, project: Path) -> dict[str, dict]:
    book, configs, _ = prepare(n, workdir, project)
    for engine in ENGINES.values():  # untimed: file cache and .pyc files
        run_build(configs["a"], workdir / "site-warmup", project, engine)
    samples: dict[str, list] = {name: [] for name in ENGINES}
    for _ in range(repeat):
        for name, engine in ENGINES.items():
            samples[name].append(run_build(configs["a"], workdir / f"site-{name}", project, engine))
            shutil.rmtree(workdir / f"site-{name}")
    pages = len(book.pages())
    return {name: {"pages": pages,
                   "median_s": statistics.median(s.seconds for s in runs),
                   "cpu_s": statistics.median(s.cpu_seconds for s in runs),
                   "peak_mib": max(s.peak_mib for s in runs)}
            for name, runs in samples.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000", help="page counts, comma-separated")
    parser.add_argument("--repeat", type=int, default=3, help="timed builds per engine and size")
    args = parser.parse_args(argv)
    if not Path(ENGINES["properdocs"][0]).exists():
        parser.exit(1, "bench: .venv-properdocs is missing; run `make bench-engines`\n")
    sizes = [int(size) for size in args.sizes.split(",")]
    print(f"Median of {args.repeat} fresh `build --strict` processes per cell; peak = max RSS.")
    print(f"{'pages':>6} | {'engine':<10} | {'wall s':>7} | {'ms/page':>7} | {'cpu s':>6} | "
          f"{'peak MiB':>8} | {'time vs mkdocs':>14}")
    with tempfile.TemporaryDirectory(prefix="bench-engines-") as tmp:
        project = snapshot_project(Path(tmp) / "project")
        for n in sizes:
            result = bench_size(n, args.repeat, Path(tmp) / f"n{n}", project)
            for name, r in result.items():
                ratio = r["median_s"] / result["mkdocs"]["median_s"]
                print(f"{r['pages']:>6} | {name:<10} | {r['median_s']:>7.2f} | "
                      f"{r['median_s'] / r['pages'] * 1000:>7.1f} | {r['cpu_s']:>6.2f} | "
                      f"{r['peak_mib']:>8.0f} | {ratio:>14.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
