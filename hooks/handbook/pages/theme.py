"""What a page may select from the theme: the page templates and icons that exist.

`icon` and `template` name files that Jinja includes; a name that does not exist fails deep inside a
template with no page named, and a name with `..` reaches outside the theme. Both are checked here
against the theme's folders, searched in the order MkDocs searches them (overrides/ first).
"""

from __future__ import annotations

import difflib
import importlib.util
import os
import re
from dataclasses import dataclass
from pathlib import Path

ICON_NAME = re.compile(r"[a-z0-9_-]+(?:/[a-z0-9_.-]+)+")
TEMPLATE_NAME = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_.-]+)*\.html")
# Folders of a theme that hold pieces of pages, not pages, and templates that are not for content
# pages (the error page, and a redirect that needs a `location` no page may set).
NOT_PAGE_TEMPLATES = ("partials/", "fragments/", ".icons/", "assets/")
SPECIAL_TEMPLATES = ("404.html", "redirect.html")


@dataclass(frozen=True)
class ThemeFiles:
    """The theme's template folders, in the order MkDocs' Jinja loader searches them."""

    dirs: tuple[Path, ...]

    def has(self, kind: str, name: str) -> bool:
        """Whether `name` is an existing icon (`kind` "icon") or page template ("template")."""
        relative = self._relative(kind, name)
        return relative is not None and any((folder / relative).is_file() for folder in self.dirs)

    def close_match(self, kind: str, name: str) -> str | None:
        """The existing name nearest to `name`, for "did you mean" (only on error: it lists a
        folder)."""
        if kind == "icon":
            set_name = name.rpartition("/")[0]
            candidates = {f"{set_name}/{Path(entry).stem}" for folder in self.dirs
                          for entry in _names(folder / ".icons" / set_name) if entry.endswith(".svg")}
        else:
            candidates = {entry for folder in self.dirs for entry in _names(folder)
                          if entry.endswith(".html") and entry not in SPECIAL_TEMPLATES}
        found = difflib.get_close_matches(name, sorted(candidates), n=1, cutoff=0.6)
        return found[0] if found else None

    @staticmethod
    def _relative(kind: str, name: str) -> str | None:
        if ".." in name.split("/"):
            return None
        if kind == "icon":
            return f".icons/{name}.svg" if ICON_NAME.fullmatch(name) else None
        if not TEMPLATE_NAME.fullmatch(name) or name in SPECIAL_TEMPLATES:
            return None
        return None if name.startswith(NOT_PAGE_TEMPLATES) else name


def _names(folder: Path) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []


def material_templates() -> Path | None:
    """The installed Material for MkDocs' templates folder, found without importing it."""
    spec = importlib.util.find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0]) / "templates"


def handbook_theme(custom_dir: Path | None) -> ThemeFiles:
    """The handbook's theme as the command line sees it: `custom_dir`, then Material's own."""
    dirs = [custom_dir] if custom_dir is not None else []
    material = material_templates()
    if material is not None:
        dirs.append(material)
    return ThemeFiles(tuple(dirs))
