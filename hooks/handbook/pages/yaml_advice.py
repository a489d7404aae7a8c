"""Advice for front matter YAML cannot read, aimed at what editors actually do: a value with `: ` in
it or starting with a symbol (quote it: the message gives the quoted line), an unclosed quote, a
tab where YAML allows only spaces."""

from __future__ import annotations

import re

import yaml

KEY_VALUE = re.compile(r"^(?P<indent> *)(?P<key>[A-Za-z_][\w-]*):[ \t]+(?P<value>\S.*?)\s*$")
# Characters that start YAML markup when they begin a plain value (the YAML spec's indicators).
INDICATORS = ":{}[]&*!|>%@`#,?-"
GENERIC = ("check the indentation and put values that contain ':' or start with a symbol in "
           "quotes, e.g. `title: \"Q&A: roadmaps\"`")


def yaml_advice(source: str, line: int | None, what: str) -> tuple[int | None, str]:
    """(0-based line of `source` to report, the message) for a YAML error found at `line`."""
    lines = source.split("\n")
    tabbed = next((n for n, text in enumerate(lines)
                   if "\t" in text[: len(text) - len(text.lstrip())]), None)
    if tabbed is not None:
        fixed = lines[tabbed].replace("\t", "  ").strip()
        return tabbed, ("front matter is not valid YAML: this line is indented with a tab, and "
                        "YAML allows only spaces; replace the tab with spaces (a top-level key "
                        f"starts the line: `{fixed}`)")
    candidates = [n for n in (line, (line or 0) - 1) if n is not None and 0 <= n < len(lines)]
    for number in candidates:
        advice = _quoting_advice(lines, number)
        if advice:
            return number, advice
    if line is not None and 0 < line < len(lines) and KEY_VALUE.match(lines[line]):
        indent = KEY_VALUE.match(lines[line]).group("indent")  # type: ignore[union-attr]
        if indent and KEY_VALUE.match(lines[line - 1]) and not lines[line - 1].startswith(" "):
            return line, ("front matter is not valid YAML: this line is indented, but the key "
                          "above it already has a value; start it at the beginning of the line: "
                          f"`{lines[line].strip()}`")
    return line, f"front matter is not valid YAML ({what}); {GENERIC}"


def _quoting_advice(lines: list[str], number: int) -> str | None:
    match = KEY_VALUE.match(lines[number])
    if not match:
        return None
    key, value = match.group("key"), match.group("value")
    if value[0] in "'\"":
        if len(value) > 1 and value.endswith(value[0]):
            return None
        fixed = f"{match.group('indent')}{key}: {value}{value[0]}"
        return _if_it_parses(lines, number, fixed,
                             f"front matter is not valid YAML: the quote that opens the value of "
                             f"{key} is never closed; end the value with the same quote: "
                             f"`{fixed.strip()}`")
    if value[0] in INDICATORS:
        reason = f"starts with '{value[0]}'"
    elif ": " in value or value.endswith(":"):
        reason = "contains ': '" if ": " in value else "ends with ':'"
    elif " #" in value:
        reason = "contains ' #' (the start of a YAML comment)"
    else:
        return None
    quoted = value.replace("\\", "\\\\").replace('"', '\\"')
    fixed = f'{match.group("indent")}{key}: "{quoted}"'
    return _if_it_parses(lines, number, fixed,
                         f"front matter is not valid YAML: the value of {key} {reason}, which YAML "
                         f"reads as markup; put the value in quotes: `{fixed.strip()}`")


def _if_it_parses(lines: list[str], number: int, fixed: str, message: str) -> str | None:
    """The advice, if following it makes this line (at least) readable."""
    trial = "\n".join([*lines[:number], fixed, *lines[number + 1:]])
    try:
        yaml.safe_load(trial)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark
        if mark is None or mark.line == number:
            return None
    except yaml.YAMLError:
        return None
    return message
