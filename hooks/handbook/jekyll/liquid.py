"""Liquid, as Jekyll renders it before Markdown, for the forms Just the Docs pages use:
`{% raw %}` (its text as written), `{% comment %}` (nothing), `{% highlight lang %}` (a fenced code
block), `{{ site.baseurl }}` and `site.url` (empty: the handbook is served from its root),
`{{ "/path" | relative_url }}` (the path), `{% link path %}` (the page's address from the site's
root, which the link checker resolves) and `{{ page.key }}` (the page's own front matter).

Anything else (`{% include %}`, `{% if %}`, `{{ site.data... }}`) is left out of the page, never
shown as text, and reported with its line. Line breaks are kept, so later line numbers stay right.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from handbook.pages.values import ruby_str

TOKEN = re.compile(r"\{%-?\s*(.*?)\s*-?%\}|\{\{-?\s*(.*?)\s*-?\}\}", re.DOTALL)
TAG_NAME = re.compile(r"(\w+)\s*(.*)", re.DOTALL)
STRING = re.compile(r"""^(?:"([^"]*)"|'([^']*)')$""")
FILTER_ARG = re.compile(r"""^(\w+)\s*(?::\s*(?:"([^"]*)"|'([^']*)'))?$""")
EMPTY_SITE_VALUES = {"site.baseurl", "site.url"}  # served from the root: both are ""
# Block tags whose content Jekyll does not output, and block tags whose content the handbook keeps
# (it cannot evaluate the condition, so it shows what was written inside).
DROPPED_BLOCKS = {"comment": "endcomment", "capture": "endcapture"}
KEPT_BLOCKS = {"if", "endif", "unless", "endunless", "for", "endfor", "case", "endcase", "when",
               "else", "elsif", "tablerow", "endtablerow"}
FIX = ("replace it with what it stands for (text, or a relative link such as [Roadmaps](roadmaps.md)), "
       "or wrap it in {% raw %}...{% endraw %} to show it as written")


def has_liquid(text: str) -> bool:
    return "{" in text and ("{%" in text or "{{" in text)  # most pages: one fast scan


def render_liquid(text: str, meta: Mapping[str, Any], first_line: int = 1
                  ) -> tuple[str, list[tuple[int, str]]]:
    """`text` with its Liquid rendered or left out, and (line, message) for each part left out."""
    out: list[str] = []
    problems: list[tuple[int, str]] = []
    pos = 0
    fence: list[str] = []  # the open highlight block's fence
    while (match := TOKEN.search(text, pos)):
        _unclosed(text, pos, match.start(), first_line, problems)
        out.append(text[pos:match.start()])
        pos = match.end()
        line = first_line + text.count("\n", 0, match.start())
        source = match.group(0)
        keep_lines = "\n" * source.count("\n")
        if match.group(1) is not None:
            name, args = _tag(match.group(1))
            if name == "raw":
                end = re.compile(r"\{%-?\s*endraw\s*-?%\}").search(text, pos)
                stop = end.start() if end else len(text)
                out.append(text[pos:stop])
                pos = end.end() if end else len(text)
                if not end:
                    problems.append((line, "{% raw %} is never closed by {% endraw %}; the rest of "
                                           "the page is shown as written"))
                continue
            if name in DROPPED_BLOCKS:
                end = re.compile(rf"\{{%-?\s*{DROPPED_BLOCKS[name]}\s*-?%\}}").search(text, pos)
                stop = end.end() if end else pos
                out.append(keep_lines + "\n" * text.count("\n", pos, stop))
                if name != "comment" or not end:
                    problems.append((line, f"Liquid `{_short(source)}` is left out: the handbook "
                                           f"does not run Liquid; {FIX}"))
                pos = stop
                continue
            rendered = _render_tag(name, args, fence)
        else:
            rendered = _render_output(match.group(2), meta)
        if rendered is None:
            problems.append((line, f"Liquid `{_short(source)}` is left out: the handbook cannot "
                                   f"render it; {FIX}"))
            rendered = ""
        out.append(rendered + keep_lines)
    _unclosed(text, pos, len(text), first_line, problems)
    out.append(text[pos:])
    return "".join(out), problems


def _unclosed(text: str, start: int, end: int, first_line: int, problems: list) -> None:
    """A `{%` or `{{` that no `%}` or `}}` closes: Jekyll fails on it; reported, left as written."""
    for match in re.finditer(r"\{%|\{\{", text[start:end]):
        line = first_line + text.count("\n", 0, start + match.start())
        problems.append((line, f"`{match.group(0)}` starts Liquid that is never closed; close it "
                               "or wrap the text in {% raw %}...{% endraw %}"))


def _tag(body: str) -> tuple[str, str]:
    match = TAG_NAME.match(body)
    return (match.group(1), match.group(2).strip()) if match else ("", body)


def _render_tag(name: str, args: str, fence: list[str]) -> str | None:
    if name == "highlight":
        language = args.split()[0] if args.split() else ""
        fence[:] = ["~~~~~~"]  # longer than any fence a code sample is likely to hold
        return f"{fence[0]}{language}"
    if name == "endhighlight":
        closing = fence[0] if fence else "~~~~~~"
        fence.clear()
        return closing
    if name == "link":
        path = args.strip().strip("'\"")
        return "/" + path.lstrip("/") if path else None
    if name in KEPT_BLOCKS:
        return None
    return None


def _render_output(expression: str, meta: Mapping[str, Any]) -> str | None:
    """`{{ value | filter: 'arg' | ... }}` for literal text, `site.baseurl`, `site.url` and
    `page.key`, through relative_url, absolute_url, append and prepend."""
    parts = [part.strip() for part in expression.split("|")]
    value = _value(parts[0], meta)
    if value is None:
        return None
    for part in parts[1:]:
        match = FILTER_ARG.match(part)
        if not match:
            return None
        name, argument = match.group(1), next((g for g in match.group(2, 3) if g is not None), None)
        if name in ("relative_url", "absolute_url") and argument is None:
            value = value if value.startswith(("/", "#")) or "://" in value else "/" + value
        elif name == "append" and argument is not None:
            value += argument
        elif name == "prepend" and argument is not None:
            value = argument + value
        else:
            return None
    return value


def _value(expression: str, meta: Mapping[str, Any]) -> str | None:
    if (literal := STRING.match(expression)):
        return next(g for g in literal.groups() if g is not None)
    if expression in EMPTY_SITE_VALUES:
        return ""
    if expression.startswith("page.") and "." not in expression[5:]:
        value = meta.get(expression[5:])
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return ruby_str(value)
    return None


def _short(source: str) -> str:
    flat = " ".join(source.split())
    return flat if len(flat) <= 60 else flat[:57] + "..."
