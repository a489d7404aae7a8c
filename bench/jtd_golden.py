"""Regenerate the Just the Docs golden cases: run the JtD oracle (real Jekyll with the real theme,
../shared/jtd-oracle/build) over each tests/golden/jtd/<case>/docs and store what it draws, with its
sort keys and ties, as tests/golden/jtd/<case>/oracle.json. The tests read these files only; they
never run Jekyll.

Usage: .venv/bin/python bench/jtd_golden.py [--oracle PATH] [CASE ...]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "golden" / "jtd"
DEFAULT_ORACLE = ROOT.parent / "shared" / "jtd-oracle" / "build"


def oracle_nav(oracle: Path, docs: Path) -> list[dict]:
    """The nav JtD draws for `docs`, with each entry's sort key and tie mark."""
    done = subprocess.run([sys.executable, str(oracle), str(docs), "--keys"], capture_output=True,
                          text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"the oracle failed on {docs}: {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--oracle", type=Path, default=DEFAULT_ORACLE)
    parser.add_argument("cases", nargs="*")
    args = parser.parse_args(argv)
    names = args.cases or sorted(p.name for p in CASES.iterdir() if (p / "docs").is_dir())
    for name in names:
        nav = oracle_nav(args.oracle, CASES / name / "docs")
        text = "[\n" + ",\n".join(json.dumps(e, ensure_ascii=False) for e in nav) + "\n]\n"
        (CASES / name / "oracle.json").write_text(text, encoding="utf-8")
        print(f"{name}: {len(nav)} entries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
