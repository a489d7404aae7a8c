"""Colour emoji without an emoji font: Twemoji's drawings, vendored, copied into the site as needed.

Every emoji stays a character in the HTML (search, copying and the page `<title>` keep it); its span
names its drawing (`data-twemoji="1f3af"`), and a stylesheet written at build time paints that
drawing over the character. Only the drawings a build uses are copied; nothing comes from a CDN.
"""

from __future__ import annotations

import bisect
import functools
import lzma
import os
import re
import tarfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType

# Every drawing of npm's @twemoji/svg, in sorted order, 64 to an .xz archive named after its first
# (see twemoji/README.md): a build unpacks only the few archives holding the drawings it uses.
ARCHIVE = Path(__file__).resolve().parent / "twemoji" / "svg-15.0.0"
ASSET_DIR = "assets/emoji"  # in the built site
STYLESHEET = f"{ASSET_DIR}/twemoji.css"
CREDIT = "Emoji graphics: Twemoji by Twitter, Inc and other contributors, CC-BY 4.0"
USED = re.compile(r'data-twemoji="([0-9a-f-]+)"')


# Called for every emoji of every page (the pymdownx generator, literal emoji, titles), with the
# few dozen a handbook uses: kept by the character, all the name depends on.
@functools.lru_cache(maxsize=4096)
def svg_name(char: str) -> str:
    """Twemoji's name for an emoji: code points in hex joined by `-`, without U+FE0F unless the
    sequence has a zero-width joiner (`🎯` -> `1f3af`, `❤️` -> `2764`)."""
    if "\u200d" not in char:
        char = char.replace("\ufe0f", "")
    return "-".join(f"{ord(c):x}" for c in char)


@functools.lru_cache(maxsize=64)
def _read_chunk(path: str, mtime_ns: int, size: int, names: frozenset[str]) -> Mapping[str, bytes]:
    """The drawings `names` (those of them the archive has) by name, the archive unpacked only as
    far as the last of them: a build uses a drawing or two of an archive's 64. Cached by
    everything the value depends on (a serve process unpacks each archive once for its emoji)."""
    found = _plain_members(path, names)
    if found is not None:
        return MappingProxyType(found)
    found = {}
    with tarfile.open(path) as archive:
        for member in archive:
            name = member.name.removesuffix(".svg")
            if member.isfile() and name in names:
                found[name] = archive.extractfile(member).read()
                if len(found) == len(names):
                    break
    return MappingProxyType(found)


BLOCK = 512  # a tar header, and the unit a member's data is padded to
USTAR = b"ustar\x0000"


def _octal(field: bytes) -> int:
    """A header's number as tarfile reads it (up to the first NUL, spaces around)."""
    if field[:1] in (b"\x80", b"\xff"):  # base-256, which only huge values need
        raise ValueError(field)
    return int(field.split(b"\0", 1)[0].strip() or b"0", 8)


def _plain_members(path: str, names: frozenset[str]) -> dict[str, bytes] | None:
    """What _read_chunk reads with tarfile, from an archive of plain files as twemoji/README.md
    makes them: each header's name, size, type and checksum read from their fields instead of
    tarfile's full parse of every header passed on the way. None when a header is anything else
    (a prefix, another type, a name past ASCII, a bad checksum), for tarfile to read instead."""
    found: dict[str, bytes] = {}
    with lzma.open(path) as archive:
        while len(found) < len(names):
            header = archive.read(BLOCK)
            if not header or header == bytes(BLOCK):  # the end of the archive
                break
            raw_name = header[:100].split(b"\0", 1)[0]
            if (len(header) < BLOCK or header[257:265] != USTAR or header[156:157] != b"0"
                    or header[345] or not raw_name.isascii()):
                return None
            try:
                checksum, size = _octal(header[148:156]), _octal(header[124:136])
            except ValueError:
                return None
            if checksum != 256 + sum(header[:148]) + sum(header[156:]):  # the field as spaces
                return None
            name = raw_name.decode("ascii").removesuffix(".svg")
            if name in names:
                found[name] = data = archive.read(size)
                if len(data) < size:
                    return None
                archive.seek(-size % BLOCK, os.SEEK_CUR)
            else:
                archive.seek(size + -size % BLOCK, os.SEEK_CUR)
    return found


def _chunks(folder: Path) -> list[tuple[str, Path]]:
    """(first file name, archive) of each archive in `folder`, in order."""
    return sorted((path.name.removesuffix(".tar.xz") + ".svg", path)
                  for path in folder.glob("*.tar.xz"))


def drawings(wanted: Iterable[str], archive: Path = ARCHIVE) -> Mapping[str, bytes]:
    """{name: SVG bytes} for those of the `wanted` names the vendored set has."""
    chunks = _chunks(archive)
    starts = [start for start, _ in chunks]
    by_chunk: dict[Path, set[str]] = {}
    for name in sorted(set(wanted)):
        index = bisect.bisect_right(starts, name + ".svg") - 1
        if index >= 0:
            by_chunk.setdefault(chunks[index][1], set()).add(name)
    found: dict[str, bytes] = {}
    for path, names in by_chunk.items():
        stat = os.stat(path)
        found.update(_read_chunk(str(path), stat.st_mtime_ns, stat.st_size, frozenset(names)))
    return MappingProxyType(dict(sorted(found.items())))


def candidates(name: str) -> tuple[str, str]:
    """The file names a drawing may have: as given, and without U+FE0F (as Twemoji names a few)."""
    return name, "-".join(part for part in name.split("-") if part != "fe0f")


def drawing_for(name: str, available: Mapping[str, bytes]) -> str | None:
    """The vendored drawing for `name`, if `available` has it under one of its candidate names."""
    return next((candidate for candidate in candidates(name) if candidate in available), None)


def used_in(html: str) -> set[str]:
    """The drawings a rendered page (or title) asks for."""
    return set(USED.findall(html)) if "data-twemoji" in html else set()


def stylesheet(names: Mapping[str, str]) -> str:
    """The CSS that paints each used emoji, {name in the markup: drawing file name}. URLs are
    relative to the stylesheet, so one file serves pages at any depth."""
    rules = [
        "/* Generated by the build (handbook/markdown/twemoji.py). " + CREDIT + ". */",
        "span.emoji[data-twemoji]{display:inline-block;width:1.2em;height:1.2em;overflow:hidden;"
        "vertical-align:-0.2em;line-height:1.2;text-align:center;white-space:nowrap;"
        # Printing leaves out backgrounds unless told otherwise; the drawing is the content.
        "background:no-repeat center/contain;"
        "-webkit-print-color-adjust:exact;print-color-adjust:exact}",
        "@media (forced-colors:active){span.emoji[data-twemoji]{forced-color-adjust:none}}",
    ]
    for name, drawing in sorted(names.items()):
        rules.append(f'span.emoji[data-twemoji="{name}"]{{background-image:url({drawing}.svg);'
                     "color:transparent}")
    return "\n".join(rules) + "\n"


def write_assets(used: Iterable[str], site_dir: str, archive: Path = ARCHIVE) -> list[str]:
    """Write the stylesheet and the drawings `used` into the built site; return the names that
    have no drawing (those emoji stay plain characters)."""
    used = set(used)
    available = drawings({candidate for name in used for candidate in candidates(name)}, archive)
    found, missing = {}, []
    for name in sorted(used):
        drawing = drawing_for(name, available)
        if drawing is None:
            missing.append(name)
        else:
            found[name] = drawing
    folder = os.path.join(site_dir, *ASSET_DIR.split("/"))
    os.makedirs(folder, exist_ok=True)
    for drawing in set(found.values()):
        with open(os.path.join(folder, drawing + ".svg"), "wb") as out:
            out.write(available[drawing])
    with open(os.path.join(site_dir, *STYLESHEET.split("/")), "w", encoding="utf-8") as out:
        out.write(stylesheet(found))
    return missing


def character_of(name: str) -> str:
    """The emoji a drawing name stands for (`1f3af` -> `🎯`), for messages."""
    return "".join(chr(int(part, 16)) for part in name.split("-"))
