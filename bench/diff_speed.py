"""How long `handbook diff` takes on a pull request, by handbook size.

For each size N it writes build_speed.py's synthetic handbook of N pages into a new git repository,
commits it on `main`, then makes a typical pull request on a branch: 1% of the pages edited (a
sentence added), one page moved to another section (its `parent` changed), one file renamed and
one page removed. It then runs `handbook diff` (against the merge base with main) as a fresh
process, `--repeat` times, and reports the median wall-clock time and the report's size. For
comparison, it times one `mkdocs build` of the same pages with the project's mkdocs.yml.

    .venv/bin/python bench/diff_speed.py                     # sizes 100, 1000, 3000
    .venv/bin/python bench/diff_speed.py --sizes 1000 --repeat 5
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_speed import config_project, plan_handbook, snapshot_project, write_handbook

ROOT = Path(__file__).resolve().parent.parent
HANDBOOK = ROOT / ".venv" / "bin" / "handbook"
GIT_ENV = {"GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.org",
           "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.org",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "init.defaultBranch=main", *args], cwd=repo, check=True,
                   capture_output=True, env={**os.environ, **GIT_ENV})


def make_pull_request(repo: Path, n: int) -> None:
    """The handbook on main, and a branch that edits, moves, renames and removes pages."""
    book = plan_handbook(n)
    docs = repo / "docs"
    write_handbook(book, docs)
    (repo / "mkdocs.yml").write_text("site_name: Bench handbook\n", encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "handbook")
    git(repo, "checkout", "-q", "-b", "pr")
    pages = [page for page in book.pages() if page.parent]
    for page in pages[:: max(1, len(pages) // max(1, n // 100))]:
        path = docs / page.path
        path.write_text(path.read_text(encoding="utf-8") + "\nOne more sentence.\n",
                        encoding="utf-8")
    moved, renamed, removed = pages[1], pages[2], pages[3]
    if len(book.sections) > 1:
        path = docs / moved.path
        path.write_text(path.read_text(encoding="utf-8").replace(
            f"parent: {moved.parent}", f"parent: {book.sections[-1].title}", 1), encoding="utf-8")
    git(repo, "mv", f"docs/{renamed.path}", f"docs/{renamed.path[:-3]}-renamed.md")
    git(repo, "rm", "-q", f"docs/{removed.path}")
    git(repo, "commit", "-q", "-am", "a pull request")


def timed(command: list[str], cwd: Path) -> tuple[float, int, bytes]:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, check=False,
                          env={**os.environ, "HANDBOOK_TODAY": "2026-03-01"})
    return time.perf_counter() - start, done.returncode, done.stdout


def bench(n: int, repeat: int, workdir: Path) -> dict:
    repo = workdir / f"handbook-{n}"
    repo.mkdir()
    make_pull_request(repo, n)
    runs = [timed([str(HANDBOOK), "diff"], repo) for _ in range(repeat)]
    codes = {code for _, code, _ in runs}
    if codes - {0, 1}:
        raise SystemExit(f"handbook diff failed at {n} pages (exit {codes})")
    project = snapshot_project(workdir / f"project-{n}")
    config = workdir / f"mkdocs-{n}.yml"
    config.write_text(config_project(repo / "docs", project), encoding="utf-8")
    build, code, _ = timed([sys.executable, "-m", "mkdocs", "build", "-f", str(config),
                            "-d", str(workdir / f"site-{n}")], repo)
    return {"pages": n, "diff_s": statistics.median(t for t, _, _ in runs),
            "report_chars": len(runs[0][2].decode("utf-8")), "build_s": build,
            "build_ok": code == 0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 3000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rows = [bench(n, args.repeat, Path(tmp)) for n in args.sizes]
    print("| pages | handbook diff (median) | report | one mkdocs build |")
    print("| ---: | ---: | ---: | ---: |")
    for row in rows:
        build = f"{row['build_s']:.1f} s" + ("" if row["build_ok"] else " (failed)")
        print(f"| {row['pages']} | {row['diff_s']:.2f} s | {row['report_chars']:,} chars | {build} |")


if __name__ == "__main__":
    main()
