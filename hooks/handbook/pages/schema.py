"""The front-matter contract: every key an editor may write, what it accepts, and the page record.

`KEYS` is the one table of known keys. `validate` checks a page's front matter against it and turns
it into a `PageRecord`; each problem names the key, its line, the bad value and a correct example.
"""

from __future__ import annotations

import datetime
import difflib
import math
import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from handbook.pages.dates import iso_advice
from handbook.pages.frontmatter import PageSource
from handbook.pages.theme import ThemeFiles
from handbook.pages.titles import leading_heading_title
from handbook.pages.values import ruby_str
from handbook.problems import Problem


def _text(value: Any) -> bool:
    return isinstance(value, str) and value.strip() != ""


def is_number(value: Any) -> bool:
    """A finite int or float, and not a bool (YAML's `true` is an int to Python). Every int is
    finite; one past a float's range (`nav_order:` and 400 digits) is a number too, as in Ruby."""
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or isinstance(value, float) and math.isfinite(value)


def _number_or_text(value: Any) -> bool:
    return is_number(value) or _text(value)


def _flag(value: Any) -> bool:
    return isinstance(value, bool)


def _text_list(value: Any) -> bool:
    return isinstance(value, list) and all(_text(item) for item in value)


def _text_or_text_list(value: Any) -> bool:
    return _text(value) or (isinstance(value, list) and bool(value) and _text_list(value))


def _one_of(*allowed: str) -> Callable[[Any], bool]:
    return lambda value: isinstance(value, str) and value.strip() in allowed


def _list_of(*allowed: str) -> Callable[[Any], bool]:
    return lambda value: isinstance(value, list) and all(
        isinstance(item, str) and item.strip() in allowed for item in value)


def _search_options(value: Any) -> bool:
    # What Material's search plugin reads: `exclude` (a flag) and `boost` (a number).
    checks = {"exclude": _flag, "boost": is_number}
    return (isinstance(value, dict) and bool(value)
            and all(key in checks and checks[key](item) for key, item in value.items()))


def _date_or_text(value: Any) -> bool:
    return isinstance(value, (datetime.date, datetime.datetime)) or _text(value)


REVIEW_PERIOD = re.compile(r"^\s*([1-9][0-9]{0,3})\s*(day|week|month|year)s?\s*$", re.IGNORECASE)


def as_date(value: Any) -> datetime.date | None:
    """A YAML date (`2026-03-01`, read by YAML as a date) or the same text in quotes, else None."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", value):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _review_date(value: Any) -> bool:
    return as_date(value) is not None


def _review_period(value: Any) -> bool:
    return isinstance(value, str) and REVIEW_PERIOD.match(value) is not None


def _pager_target(value: Any) -> bool:
    if value is False or value is True or _text(value):
        return True
    return (isinstance(value, dict) and bool(value) and set(value) <= {"page", "label"}
            and all(_text(item) for item in value.values()))


# What Material's templates test `page.meta.hide` for, and the status badges its CSS draws.
HIDEABLE = ("navigation", "toc", "footer", "path", "tags", "feedback")
STATUSES = ("new", "deprecated")


def _tags(value: Any) -> bool:
    return _text(value) or _text_list(value)  # `tags: career` is one tag, as Jekyll reads it


def _tags_advice(value: Any) -> str | None:
    if isinstance(value, str):
        return (f"tags is the text {value.strip()!r}: Jekyll reads it as one tag, and so does the "
                f"handbook; write a list so more tags can follow, e.g. `tags: [{value.strip()}]`")
    return None


@dataclass(frozen=True)
class Key:
    """One front-matter key: what it accepts (as a check and in words) and an example."""

    accepts: Callable[[Any], bool]
    expects: str
    example: str
    note: str = ""
    among: str | None = None  # "icon" or "template": the value must also name one that exists
    advice: Callable[[Any], str | None] | None = None  # a warning for an accepted but odd value
    empty_ok: bool = False  # `key:` with no value means the key is not set


KEYS: dict[str, Key] = {
    # Just the Docs: what the navigation is built from.
    # Titles and the keys that name them may be numbers (`title: 2024`, `parent: 2024`), as in JtD.
    "title": Key(_number_or_text, "text (or a number)", "title: Release notes", empty_ok=True),
    "parent": Key(_number_or_text, "the title or docs-relative path of another page",
                  "parent: Internal product management"),
    "grand_parent": Key(_number_or_text, "the title of the parent's parent", "grand_parent: Overview"),
    "ancestor": Key(_number_or_text, "the title of any page above the parent",
                    "ancestor: Overview"),
    "nav_order": Key(_number_or_text, "a number (or text, sorted alphabetically)", "nav_order: 2"),
    "nav_exclude": Key(_flag, "true or false", "nav_exclude: true"),
    "has_children": Key(_flag, "true or false", "has_children: true",
                        note="children are found from their `parent`; `false` hides them, as in JtD"),
    "child_nav_order": Key(_text, "`reversed` (or `desc`), to list the children last first",
                           "child_nav_order: reversed"),
    "prev": Key(_pager_target, "false, a page path or title, or {page: ..., label: ...}",
                "prev: {page: overview/index.md, label: Back to the overview}"),
    "next": Key(_pager_target, "false, a page path or title, or {page: ..., label: ...}",
                "next: {page: internal/index.md, label: Start here}"),
    # What readers and search see.
    "description": Key(_text, "text", "description: How to write release notes colleagues read."),
    "summary": Key(_text, "text", "summary: What the page covers, for its parent's list of pages"),
    "tags": Key(_tags, "a list of text", "tags: [discovery, research]",
                advice=_tags_advice),
    "image": Key(_text, "a path to an image", "image: assets/images/lifecycle.svg"),
    # Governance: who keeps the page true, and when it was last checked.
    "owner": Key(_text, "a team or person", "owner: Platform product team"),
    "last_reviewed": Key(_review_date, "a date written YYYY-MM-DD", "last_reviewed: 2026-03-01"),
    "review_in": Key(_review_period, "a period such as `90 days`, `6 weeks`, `6 months` or `1 year`",
                     "review_in: 6 months"),
    # Material for MkDocs page options.
    # Keys that select something are checked against what exists, never printed as text.
    "hide": Key(_list_of(*HIDEABLE), "a list of: " + ", ".join(HIDEABLE), "hide: [toc]"),
    "search": Key(_search_options, "{exclude: true or false} and/or {boost: a number}",
                  "search: {exclude: true}"),
    "template": Key(_text, "the name of a page template of the theme or overrides/",
                    "template: main.html", among="template"),
    "icon": Key(_text, "the name of one of the theme's icons", "icon: material/compass",
                among="icon"),
    "status": Key(_one_of(*STATUSES), "one of: " + ", ".join(STATUSES), "status: new"),
    "subtitle": Key(_text, "text", "subtitle: A short line under the title"),
    # Jekyll and Just the Docs keys that have no effect here but are harmless.
    "layout": Key(_text, "text", "layout: default"),
    "permalink": Key(_text, "text", "permalink: /docs/overview/"),
    "last_modified_date": Key(_date_or_text, "a date", "last_modified_date: 2024-05-01"),
    "has_toc": Key(_flag, "true or false", "has_toc: false"),
    "nav_fold": Key(_flag, "true or false", "nav_fold: true"),
    "search_exclude": Key(_flag, "true or false", "search_exclude: true"),
    "render_with_liquid": Key(_flag, "true or false", "render_with_liquid: false"),
    "date": Key(_date_or_text, "a date", "date: 2024-05-01"),
    "author": Key(_text_or_text_list, "text or a list of text", "author: Sam"),
    "categories": Key(_text_or_text_list, "a list of text", "categories: [guides]"),
    "excerpt": Key(_text, "text", "excerpt: A short summary"),
    "redirect_from": Key(_text_or_text_list, "a list of paths", "redirect_from: [/old/]"),
    "lang": Key(_text, "a language code", "lang: en"),
}


@dataclass(frozen=True)
class PagerOverride:
    """A page's `prev` or `next`: no button (`shown` false), or another page and/or a label (a
    `target` of None keeps the reading order's neighbour)."""

    target: str | None
    label: str | None = None
    line: int | None = None
    shown: bool = True


@dataclass(frozen=True)
class PageRecord:
    """What the navigation needs to know about one page, after validation."""

    path: str
    title: str  # as readers see it; for a page without a title, its first heading or file name
    parent: str | None = None  # as text (`parent: 2024` is '2024'), as Jekyll matches it
    grand_parent: str | None = None
    nav_order: int | float | str | None = None
    nav_exclude: bool = False
    # The values as YAML typed them, which Just the Docs' templates compare (2024 != "2024").
    # `nav_title` is None for a page with neither `title:` nor a leading heading: JtD does not list it.
    nav_title: int | float | str | None = None
    parent_value: int | float | str | None = None
    grand_parent_value: int | float | str | None = None
    ancestor: int | float | str | None = None
    has_children: bool | None = None
    child_nav_order: str | None = None
    has_toc: bool = True
    tags: tuple[str, ...] = ()
    summary: str | None = None  # shown after the page's link in its parent's list of children
    prev: PagerOverride | None = None
    next: PagerOverride | None = None
    owner: str | None = None
    last_reviewed: datetime.date | None = None
    review_in: str | None = None
    image: str | None = None  # the social image as written in front matter
    key_lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)
    invalid_keys: frozenset[str] = field(default=frozenset(), compare=False, repr=False)

    def line_of(self, *keys: str) -> int | None:
        """The line of the first of `keys` present in the front matter."""
        for key in keys:
            if key in self.key_lines:
                return self.key_lines[key]
        return None


def show(value: Any) -> str:
    """A value as an editor wrote it in YAML."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else ("-.inf" if value < 0 else ".inf")
    if isinstance(value, str):
        return f"the text {value!r}" if value.strip() else "blank text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return str(value)


def title_from_path(path: str) -> str:
    """MkDocs' fallback title: the file (or, for index.md, folder) name in words."""
    stem = posixpath.splitext(posixpath.basename(path))[0]
    if stem in ("index", "README") and posixpath.dirname(path):
        stem = posixpath.basename(posixpath.dirname(path))
    elif stem in ("index", "README"):
        return "Home"
    words = stem.replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else path


def validate(source: PageSource, theme: ThemeFiles | None = None) -> tuple[PageRecord, list[Problem]]:
    """Check a page's front matter against `KEYS` and build its record; bad values are left out.
    With `theme`, icons and templates are also checked to exist."""
    valid, stripped, invalid, problems = _checked_values(source, theme)
    nav_title = stripped["title"]
    if nav_title is None:
        nav_title = leading_heading_title(source.body)
    if nav_title is None and source.has_front_matter and source.body_line == 1:
        # Front matter that is not YAML is reported; keep the page listed meanwhile.
        nav_title = source.first_heading or title_from_path(source.path)
    # ruby_str of a text is that text: asked only of other values.
    shown = nav_title if type(nav_title) is str else ruby_str(nav_title)
    title = shown or source.first_heading or title_from_path(source.path)
    parent, grand_parent = stripped["parent"], stripped["grand_parent"]
    tags = valid["tags"] if "tags" in valid else ()
    # `in` and subscripts rather than dict.get and helpers: a page's record costs few calls.
    record = PageRecord(
        path=source.path,
        title=" ".join(title.split()),
        # _as_text, written out: most values are texts already.
        parent=parent if parent is None or type(parent) is str else ruby_str(parent),
        grand_parent=(grand_parent if grand_parent is None or type(grand_parent) is str
                      else ruby_str(grand_parent)),
        nav_order=stripped["nav_order"],
        nav_exclude=valid["nav_exclude"] if "nav_exclude" in valid else False,
        nav_title=nav_title if shown.strip() else None,
        parent_value=parent,
        grand_parent_value=grand_parent,
        ancestor=stripped["ancestor"],
        has_children=stripped["has_children"],
        child_nav_order=stripped["child_nav_order"],
        has_toc=valid["has_toc"] if "has_toc" in valid else True,
        tags=tuple(map(str.strip, [tags] if isinstance(tags, str) else tags)),
        summary=stripped["summary"],
        prev=_pager_override(valid, "prev", source.key_lines) if "prev" in valid else None,
        next=_pager_override(valid, "next", source.key_lines) if "next" in valid else None,
        owner=" ".join(valid["owner"].split()) if "owner" in valid else None,
        last_reviewed=as_date(valid["last_reviewed"]) if "last_reviewed" in valid else None,
        review_in=" ".join(valid["review_in"].split()).lower() if "review_in" in valid else None,
        image=stripped["image"],
        key_lines=source.key_lines,
        invalid_keys=frozenset(invalid),
    )
    return record, problems


# The checks that accept some values on sight, by their exact type: any text that is not blank,
# any whole number of a size front matter has (`is_number` would convert it to a float), either
# flag, a list of texts none of which is blank. `validate` accepts such values without asking the
# check (a call or more for each), and asks the check about every other value: the values of plain
# front matter (pages/plain_yaml.py) are nearly all of these types. tests/test_schema.py compares
# validate with and without this table on generated front matter.
ON_SIGHT: dict[Callable[[Any], bool], frozenset[type]] = {
    _text: frozenset({str}),
    _number_or_text: frozenset({str, int}),
    _flag: frozenset({bool}),
    _tags: frozenset({str, list}),
    _text_or_text_list: frozenset({str, list}),
    _date_or_text: frozenset({str}),
    _pager_target: frozenset({str, bool}),
}
LARGEST_ON_SIGHT = 10 ** 18
# By key, for the loop in `_checked_values`.
ON_SIGHT_BY_KEY: dict[str, frozenset[type]] = {
    key: ON_SIGHT.get(spec.accepts, frozenset()) for key, spec in KEYS.items()}
_UNSET: dict[str, Any] = dict.fromkeys(KEYS)


def _checked_values(source: PageSource, theme: ThemeFiles | None
                    ) -> tuple[dict[str, Any], dict[str, Any], list[Any], list[Problem]]:
    """The front matter's valid values as written; the same with texts stripped of surrounding
    spaces, and None for every key not set; the keys left out; a problem for each of them."""
    problems: list[Problem] = []
    valid: dict[str, Any] = {}
    stripped = _UNSET.copy()
    invalid = []
    # Written out with few calls (no isinstance, no dict.get): this runs for every key of every page.
    for key, value in source.meta.items():
        if type(key) is str:
            spec = KEYS[key] if key in KEYS else None
        else:  # a str subclass, as no loader makes, is looked up as before
            spec = KEYS.get(key) if isinstance(key, str) else None
        if spec is None:
            problems.append(Problem(source.path, _line(source, key), _unknown_key_message(key),
                                    "warning"))
            invalid.append(key)
            continue
        if value is None and spec.empty_ok:
            invalid.append(key)
            continue
        kind = type(value)
        accepted = False
        if kind in ON_SIGHT_BY_KEY[key]:
            if kind is str:
                text = value.strip()
                accepted = text != ""
            else:
                text = value
                accepted = (kind is bool
                            or (kind is int and -LARGEST_ON_SIGHT < value < LARGEST_ON_SIGHT)
                            or (kind is list and _text_items(value)))
        if not accepted:
            if not spec.accepts(value):
                problems.append(Problem(source.path, _line(source, key),
                                        _wrong_value_message(key, value, spec)))
                invalid.append(key)
                continue
            text = _stripped(value)
        if spec.among and theme is not None and not theme.has(spec.among, value):
            problems.append(Problem(source.path, _line(source, key),
                                    _missing_choice_message(key, value, spec, theme)))
            invalid.append(key)
            continue
        valid[key] = value
        stripped[key] = text
        advice = spec.advice(value) if spec.advice else None
        if advice:
            problems.append(Problem(source.path, _line(source, key), advice, "warning"))
    return valid, stripped, invalid, problems


def _text_items(value: list[Any]) -> bool:
    """One or more items, each a text (of the exact type str) that is not blank."""
    if not value:
        return False
    for item in value:
        if type(item) is not str:
            return False
    return "" not in map(str.strip, value)  # stripped in C, with no call for each item


def _line(source: PageSource, key: Any) -> int | None:
    return source.key_lines.get(key) if isinstance(key, str) else None


def _wrong_value_message(key: str, value: Any, spec: Key) -> str:
    message = f"{key} is {show(value)}, but it must be {spec.expects}"
    if spec.accepts is _review_date and isinstance(value, str) and iso_advice(key, value):
        return f"{message}; {iso_advice(key, value)}"
    if spec.accepts(str(value)) and isinstance(value, (bool, int, float, datetime.date)):
        shown = show(value)
        return f'{message}; YAML reads {shown} as a value, so put it in quotes: `{key}: "{shown}"`'
    return f"{message}; for example `{spec.example}`"


def _missing_choice_message(key: str, value: str, spec: Key, theme: ThemeFiles) -> str:
    guess = theme.close_match(spec.among or "", value.strip())
    fix = f"did you mean `{key}: {guess}`?" if guess else f"for example `{spec.example}`"
    return f"{key} {value!r} is not {spec.expects}; {fix}"


def _as_text(value: Any) -> str | None:
    """A stripped value as text, as Jekyll matches it (`parent: 2024` is '2024')."""
    return value if value is None or type(value) is str else ruby_str(value)


def _stripped(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _pager_override(valid: dict[str, Any], key: str, lines: Mapping[str, int]) -> PagerOverride | None:
    value = valid.get(key)
    line = lines.get(key)
    if value is None or value is True:
        return None
    if value is False:
        return PagerOverride(target=None, line=line, shown=False)
    if isinstance(value, str):
        return PagerOverride(target=value.strip(), line=line)
    return PagerOverride(target=_stripped(value.get("page")), label=_stripped(value.get("label")),
                         line=line)


def _unknown_key_message(key: Any) -> str:
    if not isinstance(key, str):
        return f"key {key!r} is not text; front-matter keys are words such as `title`"
    guess = difflib.get_close_matches(key.lower(), KEYS, n=1, cutoff=0.6)
    if guess:
        return f"unknown key '{key}'; did you mean '{guess[0]}'?"
    return (f"unknown key '{key}'; remove it, or use one of the known keys: "
            + ", ".join(sorted(KEYS)))
