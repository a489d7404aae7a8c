"""How long an editor waits under `make serve`: from saving a page to the browsers being told to reload.

Generates the benchmark's synthetic handbook (bench/build_speed.py), starts `mkdocs serve` on it on
127.0.0.1, then several times changes one page's `nav_order` and times the span from the save to
MkDocs' "Reloading browsers" line (the moment the live-reload endpoint answers open pages).
Run: `.venv/bin/python bench/serve_reload.py --pages 1000 --edits 3`.
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


def measure(pages: int, edits: int, workdir: Path) -> list[float]:
    project = build_speed.snapshot_project(workdir / "project")
    _, configs, _ = build_speed.prepare(pages, workdir, project)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(project / "hooks"))
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(configs["a"]),
         "-a", f"127.0.0.1:{free_port()}", "--livereload"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=workdir)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=read_lines, args=(server.stdout, lines), daemon=True).start()
    try:
        wait_for(lines, r"Serving on http://127\.0\.0\.1", timeout=600)
        page = next(p for p in sorted((workdir / "docs").rglob("*.md")) if "nav_order: 3\n" in p.read_text())
        original = page.read_text(encoding="utf-8")
        waits = []
        for edit in range(edits):
            time.sleep(1.0)
            order = "nav_order: 3\n" if edit % 2 else "nav_order: 3.5\n"
            saved = time.monotonic()
            page.write_text(re.sub(r"nav_order: 3(\.5)?\n", order, original, count=1), encoding="utf-8")
            reloaded = wait_for(lines, r"Reloading browsers", timeout=600)
            waits.append(reloaded - saved)
            print(f"edit {edit + 1}: {waits[-1]:.2f} s from saving {page.name} to the reload", flush=True)
        return waits
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="handbook-serve-") as tmp:
        waits = measure(args.pages, args.edits, Path(tmp))
    print(f"{args.pages} pages: median {statistics.median(waits):.2f} s from save to reload "
          f"(min {min(waits):.2f}, max {max(waits):.2f}, {len(waits)} edits)")


if __name__ == "__main__":
    main()
