"""Text from pages made inert in GitHub-flavoured Markdown: a title, a file name or a problem's
words in the review report shows as typed, never as markup, HTML, a mention or a link."""

from __future__ import annotations

import re

# CommonMark's backslash escapes for every character that starts markup inline (GitHub adds `~`
# for strikethrough and `$` for maths); `<` and `&` as entities so no HTML or entity gets through.
ESCAPES = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()#+-.!|>~$"}
                        | {"&": "&amp;", "<": "&lt;"})
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
SURROGATE = re.compile("[\ud800-\udfff]")  # a file name's bytes that are not UTF-8
WORD_JOINER = "\u2060"  # invisible; breaks `@team` mentions and bare-URL autolinks
MENTION = re.compile(r"@(?=[A-Za-z0-9])")
AUTOLINK = re.compile(r"(?i)(?<=:)(?=//)|(?<=www)(?=\\\.)")


def one_line(text: str) -> str:
    """Control characters and line breaks as spaces, runs of spaces as one, bytes that are not
    UTF-8 as the replacement character."""
    return " ".join(CONTROL.sub(" ", SURROGATE.sub("\ufffd", text)).split())


def text(value: object) -> str:
    """Plain text for the report: escaped so it shows exactly as written."""
    escaped = one_line(str(value)).translate(ESCAPES)
    escaped = MENTION.sub("@" + WORD_JOINER, escaped)
    return AUTOLINK.sub(WORD_JOINER, escaped)


def code(value: object) -> str:
    """A code span that holds any text (a file name may contain backticks)."""
    content = one_line(str(value)) or " "
    longest = max((len(run) for run in re.findall(r"`+", content)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if content[0] in "` " or content[-1] in "` " else ""
    return f"{fence}{pad}{content}{pad}{fence}"
