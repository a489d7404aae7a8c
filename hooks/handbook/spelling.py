"""Whether a name an editor wrote is a typo of a known one, for "did you mean" advice that is only
given when it is right: a slip of a letter or two, never a different page, tag or emoji."""

from __future__ import annotations

from collections.abc import Iterable


def typo_distance(a: str, b: str) -> int:
    """Edits (insert, delete, replace, swap two neighbours) from `a` to `b` (optimal string
    alignment distance), case-insensitively."""
    a, b = a.casefold(), b.casefold()
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, start=1):
        row = [i] + [0] * len(b)
        for j, other in enumerate(b, start=1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (char != other))
            if i > 1 and j > 1 and char == b[j - 2] and a[i - 2] == other:
                row[j] = min(row[j], previous2[j - 2] + 1)
        previous2, previous = previous, row
    return previous[-1]


def allowed_slips(name: str) -> int:
    """How many slips still make a typo: one in a short name, about one in five characters."""
    return max(1, len(name) // 5)


def closest_typo(wanted: str, known: Iterable[str]) -> str | None:
    """The known name that `wanted` is most plausibly a typo of, or None if none is close."""
    best, best_distance = None, allowed_slips(wanted) + 1
    for name in sorted(set(known)):
        if name == wanted or abs(len(name) - len(wanted)) >= best_distance:
            continue
        distance = typo_distance(wanted, name)
        if distance < best_distance:
            best, best_distance = name, distance
    return best
