"""Text an older Jekyll site decoded in the wrong encoding ("Iâ€™ll" for "I’ll", "ðŸš€" for "🚀"):
found by its byte pattern and repaired with ftfy, outside code."""

from __future__ import annotations

import re
from dataclasses import dataclass

import ftfy

from handbook.markdown.blocks import code_lines, code_spans

# Mojibake of UTF-8 read as Windows-1252 (or Latin-1) always has a character that was a UTF-8 lead
# byte (U+00C2-U+00F4, "Â".."ô") followed by one that was a continuation byte: U+0080-U+00BF or
# one of the 27 characters Windows-1252 puts at 0x80-0x9F ("€", "™", "œ", "Ÿ", curly quotes...).

_CP1252_HIGH = (
    "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018\u2019\u201a"
    "\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
_CONTINUATION = "\u0080-\u00bf" + _CP1252_HIGH
SUSPECT = re.compile(f"[\u00c2-\u00f4][{_CONTINUATION}]")

# The same test on the UTF-8 bytes of the page. A bytes pattern that starts with a literal byte
# lets `re` skip ahead with a fast search: over a page with no "Ã" byte pair, the check costs
# about as much as the encoding, and a clean page never reaches the per-line work.
_SUSPECT_UTF8 = re.compile(
    rb"\xc3[\x82-\xb4]"  # U+00C2-U+00F4
    rb"(?:\xc2[\x80-\xbf]"  # U+0080-U+00BF
    rb"|\xc5[\x92\x93\xa0\xa1\xb8\xbd\xbe]|\xc6\x92|\xcb[\x86\x9c]"
    rb"|\xe2(?:\x80[\x93\x94\x98\x99\x9a\x9c\x9d\x9e\xa0\xa1\xa2\xa6\xb0\xb9\xba]"
    rb"|\x82\xac|\x84\xa2))"
)

# A word, widened over letters and anything mojibake is made of, so "Iâ€™ll" is one run.
_WORD = re.compile(f"[\\w\u00a0-\u00ff{_CONTINUATION}\ufffd]+")

# Windows-1252 has no character for bytes 0x81, 0x8D, 0x8F, 0x90 and 0x9D, so a converter may
# have dropped them (or written U+FFFD). Put back the ones that are all but certain: the end of
# "”" (E2 80 9D), a zero-width joiner between emoji (E2 80 8D) and the emoji variation selector
# (EF B8 8F). Other lost bytes are ambiguous (👍 and 👏 differ only in theirs) and stay as found.
_LOST_BYTE = re.compile(f"(\u00e2\u20ac|\u00ef\u00b8)(\ufffd|(?![{_CONTINUATION}]))")


@dataclass(frozen=True)
class Mojibake:
    """A source line with mis-decoded text: each run is (text as written, repaired text)."""

    line: int
    runs: tuple[tuple[str, str], ...]


def repair_encoding(text: str, first_line: int = 1) -> tuple[str, list[Mojibake]]:
    """The text with mis-decoded words repaired ("Iâ€™ll" -> "I’ll", "ðŸš€" -> "🚀"), and where.

    Correct text is never changed: only words that hold the byte pattern of mojibake are offered to
    ftfy's encoding repair, which keeps them unless they decode to something plausible. Fenced code
    and code spans are left alone, because a page may show mojibake on purpose there.
    """
    if text.isascii() or not _SUSPECT_UTF8.search(text.encode("utf-8", "surrogatepass")):
        return text, []
    lines = text.split("\n")
    found: list[Mojibake] = []
    code = code_lines(lines)
    for index, line in enumerate(lines):
        if index in code or not SUSPECT.search(line):
            continue
        repaired, runs = _repair_line(line)
        if runs:
            lines[index] = repaired
            found.append(Mojibake(first_line + index, tuple(runs)))
    return ("\n".join(lines) if found else text), found


def _repair_line(line: str) -> tuple[str, list[tuple[str, str]]]:
    code = code_spans(line)
    runs: list[tuple[str, str]] = []
    pieces: list[str] = []
    last = 0
    for match in _WORD.finditer(line):
        word = match.group(0)
        if not SUSPECT.search(word) or any(a < match.end() and match.start() < b for a, b in code):
            continue
        fixed = _repair_word(word)
        if fixed != word:
            runs.append((word, fixed))
            pieces += [line[last:match.start()], fixed]
            last = match.end()
    return "".join(pieces) + line[last:], runs


def _repair_word(word: str) -> str:
    restored = _LOST_BYTE.sub(_restore_lost_byte, word)
    # fix_encoding only undoes mis-decoding: it never uncurls quotes, unescapes HTML or folds
    # full-width letters, as ftfy.fix_text would by default.
    fixed = ftfy.fix_encoding(restored)
    return word if fixed == restored else fixed


def _restore_lost_byte(match: re.Match[str]) -> str:
    prefix = match.group(1)
    if prefix == "\u00ef\u00b8":
        return prefix + "\x8f"
    # A mis-decoded emoji reads "ðŸ" and two more characters: a joiner sits between two of them.
    before, after = match.string[:match.start()], match.string[match.end():]
    between_emoji = "\u00f0\u0178" in before[-4:] or after.startswith("\u00f0\u0178")
    return prefix + ("\x8d" if between_emoji else "\x9d")


