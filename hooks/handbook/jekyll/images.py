"""Which files an import may copy as images: decided by their bytes, never by their names.

An old site's `![x](../../../etc/passwd)` or `logo.svg` holding a script must not land in docs/ and
be published; only files that start the way an image format starts are images, and an SVG only when
it is a plain drawing (no scripts, event handlers, embedded HTML or outside references).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

# The first bytes of each raster format browsers show (the formats' own signatures).
SIGNATURES: tuple[tuple[str, re.Pattern[bytes]], ...] = (
    ("PNG", re.compile(rb"\x89PNG\r\n\x1a\n")),
    ("JPEG", re.compile(rb"\xff\xd8\xff")),
    ("GIF", re.compile(rb"GIF8[79]a")),
    ("WebP", re.compile(rb"RIFF....WEBP", re.DOTALL)),
    ("AVIF", re.compile(rb"....ftypavi[fs]", re.DOTALL)),
    ("ICO", re.compile(rb"\x00\x00\x01\x00")),
    ("BMP", re.compile(rb"BM")),
)
SVG_START = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<svg[\s>]",
                       re.DOTALL)
# Elements that run code, embed other documents or pull in other files.
SVG_ACTIVE = frozenset({"script", "foreignobject", "iframe", "embed", "object", "handler",
                        "listener", "set", "animate"})
SAFE_REFERENCE = re.compile(r"\s*#")  # links inside the drawing itself
# Code or outside files reached from an attribute or a stylesheet: `javascript:`, `url(http...)`.
ACTIVE_TEXT = re.compile(r"javascript\s*:|url\(\s*['\"]?\s*(?!#)|@import", re.IGNORECASE)


def image_kind(data: bytes) -> str | None:
    """`"PNG"`, `"SVG"`, ... when `data` is an image a page may show; None otherwise."""
    for kind, signature in SIGNATURES:
        if signature.match(data):
            return kind
    if SVG_START.match(data) and plain_svg(data):
        return "SVG"
    return None


def plain_svg(data: bytes) -> bool:
    """An SVG drawing with nothing active in it. Documents with a DOCTYPE are refused unread (it
    is where entity expansion bombs live, and drawings do not need one)."""
    if b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
        return False
    try:
        root = ElementTree.fromstring(data)
    except (ElementTree.ParseError, ValueError):
        return False
    if _local(root.tag) != "svg":
        return False
    for element in root.iter():
        if _local(element.tag).lower() in SVG_ACTIVE:
            return False
        for name, value in element.attrib.items():
            name = _local(name).lower()
            if name.startswith("on"):
                return False
            if name == "href" and not SAFE_REFERENCE.match(value):
                return False
            if ACTIVE_TEXT.search(value):
                return False
        if ACTIVE_TEXT.search(element.text or ""):
            return False
    return True


def _local(name: str) -> str:
    """A tag or attribute name without its XML namespace."""
    return name.rpartition("}")[2] if isinstance(name, str) else ""
