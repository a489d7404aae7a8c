"""Shortcodes that name no emoji (`:rockett:`), with the emoji name they are a typo of. In body
text a `:word:` is only reported when it is close to an emoji's name: other `:words:` are more
likely text than a slip."""

from __future__ import annotations

import dataclasses

from handbook.markdown.blocks import headings, mask_code
from handbook.markdown.emoji import (
    _index,
    may_have_unknown_shortcodes,
    shortcode_problems,
    unknown_shortcodes,
)
from handbook.problems import Problem
from handbook.spelling import closest_typo

# The fix shortcode_problems gives; replaced by the likely spelling when there is one.
GENERIC_FIX = "check the name (GitHub's names, e.g. `:dart:`), or paste the emoji itself"


def emoji_guess(code: str) -> str | None:
    """`:rockett:` -> `:rocket:`, or None when no emoji name is a close spelling."""
    name = closest_typo(code.strip(":"), _index()[0])
    return f":{name}:" if name else None


def did_you_mean(code: str) -> str:
    """The fix for an unknown shortcode: its likely spelling, or where the names come from."""
    guess = emoji_guess(code)
    if guess:
        return f"did you mean `{guess}`? (or paste the emoji itself)"
    return "check the name (GitHub's names, e.g. `:dart:`), or paste the emoji itself"


def emoji_problems(path: str, title: object, title_line: int | None, body: str,
                   body_line: int) -> list[Problem]:
    """Unknown shortcodes in the title and headings (emoji.shortcode_problems), each with its
    likely spelling, and typos of emoji names in the text."""
    if not (isinstance(title, str) and ":" in title) and not may_have_unknown_shortcodes(body):
        return []  # most pages: one scan of the body finds every shortcode an emoji's name
    problems = []
    for problem in shortcode_problems(path, title, title_line, body, body_line):
        code = problem.message.split(" ", 1)[0]
        problems.append(dataclasses.replace(
            problem, message=problem.message.replace(GENERIC_FIX, did_you_mean(code))))
    problems += [Problem(path, line, f"{code} in the text is not an emoji shortcode, so it is "
                         f"shown as typed; {did_you_mean(code)}", "warning")
                 for line, code, _ in body_typos(body, body_line)]
    return problems


def body_typos(body: str, first_line: int) -> list[tuple[int, str, str]]:
    """(line, shortcode, its likely spelling) for typos of emoji names in the body's text, outside
    code and headings (headings are reported on their own)."""
    if not may_have_unknown_shortcodes(body):
        return []
    heading_lines = {line for line, _, _ in headings(body, first_line)}
    found = []
    for number, line in enumerate(mask_code(body).split("\n"), start=first_line):
        if number in heading_lines or ":" not in line:
            continue
        for code in unknown_shortcodes(line):
            guess = emoji_guess(code)
            if guess:
                found.append((number, code, guess))
    return found
