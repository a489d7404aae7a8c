"""Short keys for plain data: what `mkdocs serve`'s caches (serve_cache.py) and build_site's memo
(site.py) store each result under. Pure Python: no MkDocs."""

from __future__ import annotations

import hashlib
import marshal
from typing import Any


def digest(*parts: object) -> bytes:
    """A short, collision-resistant key for parts that are plain data (strings, numbers, bytes and
    tuples or lists of them; anything else by its repr). Long strings are hashed, not repr'd."""
    hasher = hashlib.blake2b(digest_size=20)
    try:
        # Plain data in one C call. Format 2 has no back-references, so equal values always give
        # equal bytes; any other object (a str subclass, a date) is refused, and walked below.
        data = marshal.dumps(parts, 2)
    except ValueError:
        hasher.update(b"walked:")
        _feed(hasher, parts)
    else:
        hasher.update(b"marshal:")
        hasher.update(data)
    return hasher.digest()


def _feed(hasher: Any, value: object) -> None:
    if isinstance(value, str):
        data = value.encode("utf-8", "surrogatepass")
        hasher.update(b"s%d:" % len(data))
        hasher.update(data)
    elif isinstance(value, bytes):
        hasher.update(b"b%d:" % len(value))
        hasher.update(value)
    elif isinstance(value, (tuple, list)):
        hasher.update(b"(%d:" % len(value))
        for item in value:
            _feed(hasher, item)
    else:
        _feed(hasher, f"{type(value).__name__}:{value!r}")
