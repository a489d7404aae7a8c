"""The few site-wide settings a Just the Docs site keeps in its `_config.yml` (`nav_sort`, the
callout names and colours), read from one place: `extra: just_the_docs:` in mkdocs.yml. Editors
never need to touch it; without it, Just the Docs' defaults apply."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from handbook.nav.order import CASE_INSENSITIVE, CASE_SENSITIVE

# The callouts of Just the Docs' own documentation site, which its docs present as the example
# configuration: name -> (title, colour).
DEFAULT_CALLOUTS: Mapping[str, tuple[str | None, str]] = {
    "highlight": (None, "yellow"),
    "important": ("Important", "blue"),
    "new": ("New", "green"),
    "note": ("Note", "purple"),
    "warning": ("Warning", "red"),
}
COLOURS = ("grey-dk", "grey-lt", "purple", "blue", "green", "yellow", "red")


@dataclass(frozen=True)
class SiteSettings:
    """`nav_sort`: case_sensitive (JtD's default) or case_insensitive; `callouts`: name -> (title,
    colour), as JtD's `callouts:` setting."""

    nav_sort: str = CASE_SENSITIVE
    callouts: Mapping[str, tuple[str | None, str]] = field(default_factory=lambda: dict(DEFAULT_CALLOUTS))


def read_settings(extra: Mapping[str, Any] | None) -> tuple[SiteSettings, list[str]]:
    """The settings under `extra: just_the_docs:` of mkdocs.yml, and a message per bad value."""
    section = (extra or {}).get("just_the_docs") or {}
    problems: list[str] = []
    if not isinstance(section, Mapping):
        return SiteSettings(), ["mkdocs.yml: extra.just_the_docs must be a mapping such as "
                                "`{nav_sort: case_insensitive}`"]
    nav_sort = section.get("nav_sort", CASE_SENSITIVE)
    if nav_sort not in (CASE_SENSITIVE, CASE_INSENSITIVE):
        problems.append(f"mkdocs.yml: extra.just_the_docs.nav_sort is {nav_sort!r}; use "
                        f"{CASE_SENSITIVE} or {CASE_INSENSITIVE}")
        nav_sort = CASE_SENSITIVE
    callouts = dict(DEFAULT_CALLOUTS)
    configured = section.get("callouts") or {}
    if not isinstance(configured, Mapping):
        problems.append("mkdocs.yml: extra.just_the_docs.callouts must map names to "
                        "`{title: ..., color: ...}`")
        configured = {}
    for name, spec in configured.items():
        spec = spec if isinstance(spec, Mapping) else {}
        title, colour = spec.get("title"), spec.get("color", "grey-dk")
        if colour not in COLOURS:
            problems.append(f"mkdocs.yml: callout {name!r} has colour {colour!r}; use one of "
                            + ", ".join(COLOURS))
            colour = "grey-dk"
        callouts[str(name)] = (str(title) if title is not None else None, colour)
    return SiteSettings(nav_sort, callouts), problems
