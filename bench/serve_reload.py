"""How long an editor waits under `make serve`: from saving a page to the browsers being told to reload.

Generates the benchmark's synthetic handbook (bench/build_speed.py, either shape), starts
`mkdocs serve` on it on 127.0.0.1, for (a) the project and (b) vanilla Material with a written
`nav:` on the same pages, and times the span from a save to MkDocs' "Reloading browsers" line (the
moment the live-reload endpoint answers open pages) for two kinds of edit of one page:

  body  a sentence added to the page's text;
  nav   the page moved to the front of its section (`nav_order`), then back with a new title,
        alternately, so each edit changes the nav, the reading order and every page's nav HTML
        for (a); (b) reads its nav from `nav:`, so for it this is a front-matter-only edit.

Run: `.venv/bin/python bench/serve_reload.py --pages 1000 --edits 5 --shape chapter`.
"""

from __future__ import annotations

import argparse
import os
import queue
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_speed  # noqa: E402  (the generator and config writer live there)

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def read_lines(stream, lines: queue.Queue) -> None:
    for line in stream:
        lines.put((time.monotonic(), line))
    lines.put((time.monotonic(), None))


def wait_for(lines: queue.Queue, pattern: str, timeout: float) -> float:
    """The time at which a log line matching `pattern` appeared."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            when, line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
        except queue.Empty:
            raise SystemExit(f"serve_reload: no {pattern!r} within {timeout:.0f} s") from None
        if line is None:
            raise SystemExit("serve_reload: mkdocs serve exited")
        if "ERROR" in line or "Traceback" in line:
            print(line.rstrip(), file=sys.stderr)
        if re.search(pattern, line):
            return when
        if time.monotonic() > deadline:
            raise SystemExit(f"serve_reload: no {pattern!r} within {timeout:.0f} s")


def edited(original: str, kind: str, edit: int) -> str:
    """The page's text after edit number `edit` of this kind (alternating, so no edit is a no-op)."""
    if kind == "body":
        return original + f"\nA sentence added in edit {edit}.\n"
    # Every nav edit really changes the nav from the one before it: the page moves to the front
    # of its section, then back with a new title, and so on.
    if edit % 2 == 0:
        return re.sub(r"nav_order: 3\n", "nav_order: 0.5\n", original, count=1)
    return re.sub(r"^title: (.*)$", rf"title: \1 (edit {edit})", original, count=1, flags=re.M)


def measure(config: Path, docs: Path, edits: int, kinds: list[str], env: dict) -> dict[str, list[float]]:
    """Start `mkdocs serve` with `config`, make `edits` edits of each kind, and return the waits."""
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(config),
         "-a", f"127.0.0.1:{free_port()}", "--livereload"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=config.parent)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=read_lines, args=(server.stdout, lines), daemon=True).start()
    waits: dict[str, list[float]] = {kind: [] for kind in kinds}
    try:
        wait_for(lines, r"Serving on http://127\.0\.0\.1", timeout=900)
        page = next(p for p in sorted(docs.rglob("*.md")) if "nav_order: 3\n" in p.read_text())
        original = page.read_text(encoding="utf-8")
        for kind in kinds:
            for edit in range(edits):
                time.sleep(1.0)
                saved = time.monotonic()
                page.write_text(edited(original, kind, edit), encoding="utf-8")
                reloaded = wait_for(lines, r"Reloading browsers", timeout=900)
                waits[kind].append(reloaded - saved)
                print(f"  {kind} edit {edit + 1}: {waits[kind][-1]:.2f} s", flush=True)
        page.write_text(original, encoding="utf-8")
        return waits
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def run(pages: int, edits: int, shape: str, workdir: Path, kinds: list[str],
        variants: str = "ab") -> dict:
    project = build_speed.snapshot_project(workdir / "project")
    _, configs, _ = build_speed.prepare(pages, workdir, project, shape)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(project / "hooks"))
    results = {}
    for variant in variants:
        print(f"({variant}) {build_speed.VARIANTS[variant]}", flush=True)
        results[variant] = measure(configs[variant], workdir / "docs", edits, kinds, env)
    return results


def report(results: dict, pages: int, shape: str) -> None:
    print(f"\n{pages} pages, shape {shape}: seconds from saving a page to the browser reload")
    print("edit | (a) median | (a) min | (a) max | (b) median | (b) min | (b) max | a/b")
    print("-----+------------+---------+---------+------------+---------+---------+-----")
    for kind in next(iter(results.values())):
        a, b = results.get("a", {}).get(kind, [0.0]), results.get("b", {}).get(kind, [0.0])
        print(f"{kind:>4} | {statistics.median(a):10.2f} | {min(a):7.2f} | {max(a):7.2f} | "
              f"{statistics.median(b):10.2f} | {min(b):7.2f} | {max(b):7.2f} | "
              f"{statistics.median(a) / statistics.median(b) if statistics.median(b) else 0:.2f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=3, help="edits of each kind")
    parser.add_argument("--shape", choices=list(build_speed.SHAPES), default="chapter")
    parser.add_argument("--kinds", default="body,nav", help="edit kinds: body, nav")
    parser.add_argument("--variants", default="ab", choices=["ab", "a", "b"],
                        help="which configurations to serve (default: both, side by side)")
    args = parser.parse_args(argv)
    kinds = [k for k in args.kinds.split(",") if k]
    if not kinds or set(kinds) - {"body", "nav"}:
        parser.error("--kinds takes body, nav or both")
    with tempfile.TemporaryDirectory(prefix="handbook-serve-") as tmp:
        results = run(args.pages, args.edits, args.shape, Path(tmp), kinds, args.variants)
    report(results, args.pages, args.shape)


if __name__ == "__main__":
    main()
