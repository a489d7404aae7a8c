"""The editors' command line: `handbook new|check|nav|renumber|import` (being written)."""


def main(argv: list[str] | None = None) -> int:
    raise SystemExit("handbook: not written yet")
