"""Copies of Material's templates are guarded: each partial copied into overrides/ names the
Material version it came from, that version is the installed one (pyproject pins the minor), and
apart from the changes marked `{#- handbook: why #}` ... `{#- /handbook #}` it is Material's
template as installed, so an upgrade cannot drift silently. Changes made in Python instead of a
copy (handbook.build.template_patches) must still find their text in Material's templates."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import version
from pathlib import Path

import jinja2
import pytest
from conftest import ROOT
from handbook.build.template_patches import PATCHES, TemplateDrift, patch_source
from packaging.specifiers import SpecifierSet

MATERIAL = Path(__import__("material").__file__).parent / "templates"
OVERRIDES = ROOT / "overrides"
HEADER = re.compile(r"\A\{#-\n(.*?)\n-#\}\n", re.DOTALL)
COPIED_FROM = re.compile(r"Copied from Material (\d+\.\d+\.\d+) (\S+);")
CHANGE = re.compile(r"^[ \t]*\{#- handbook: [^\n]*#\}\n.*?^[ \t]*\{#- /handbook #\}\n",
                    re.DOTALL | re.MULTILINE)
COPIES = sorted(p.relative_to(OVERRIDES).as_posix() for p in OVERRIDES.rglob("*.html")
                if COPIED_FROM.search(p.read_text(encoding="utf-8")))


def upstream(name: str) -> str:
    """Material's template without its "automatically generated" header."""
    return HEADER.sub("", (MATERIAL / name).read_text(encoding="utf-8"), count=1)


def matches_ignoring_changes(copy: str, original: str) -> bool:
    """Whether `copy` is `original` with each marked change standing in for some of its lines."""
    pieces = CHANGE.split(copy)
    pattern = "(?:.*\n)*?".join(re.escape(piece) for piece in pieces)
    return re.fullmatch(pattern, original) is not None


def test_copies_are_found():
    assert set(COPIES) >= {"partials/nav.html", "partials/content.html", "partials/footer.html"}


def test_overrides_are_copies_or_the_handbook_own():
    """Every file in overrides/ that has Material's name is a guarded copy."""
    for path in OVERRIDES.rglob("*.html"):
        name = path.relative_to(OVERRIDES).as_posix()
        if (MATERIAL / name).exists() and name != "main.html":
            assert name in COPIES, f"{name} shadows Material's template without saying so"


@pytest.mark.parametrize("name", COPIES)
def test_copy_names_the_installed_material(name):
    text = (OVERRIDES / name).read_text(encoding="utf-8")
    copied, path = COPIED_FROM.search(text).groups()
    assert path == name
    assert copied == version("mkdocs-material"), (
        f"overrides/{name} was copied from Material {copied}; compare it with the installed "
        f"{version('mkdocs-material')} and update it and its header")


@pytest.mark.parametrize("name", COPIES)
def test_copy_is_material_apart_from_its_marked_changes(name):
    copy = HEADER.sub("", (OVERRIDES / name).read_text(encoding="utf-8"), count=1)
    assert CHANGE.search(copy), f"overrides/{name} marks none of its changes"
    assert matches_ignoring_changes(copy, upstream(name)), (
        f"overrides/{name} differs from Material's outside its marked changes: Material changed "
        "it upstream, or a change is not marked")


def test_the_comparison_catches_drift():
    copy = "a\n{#- handbook: x #}\nmine\n{#- /handbook #}\nc\n"
    assert matches_ignoring_changes(copy, "a\ntheirs\nmore\nc\n")
    assert not matches_ignoring_changes(copy, "a\ntheirs\nC\n")
    assert not matches_ignoring_changes(copy, "z\na\nb\nc\n")


@pytest.mark.parametrize("name", sorted(PATCHES))
def test_patches_apply_to_the_installed_material(name):
    assert not (OVERRIDES / name).exists()  # a copy would hide the patched template
    patched = patch_source(name, (MATERIAL / name).read_text(encoding="utf-8"))
    for _, new in PATCHES[name]:
        assert new in patched
    jinja2.Environment().parse(patched)


def test_a_patch_whose_text_is_gone_stops_the_build():
    with pytest.raises(TemplateDrift, match="update PATCHES"):
        patch_source("partials/nav-item.html", "{{ nav_item.name }}")


def test_material_is_pinned_to_the_minor_the_copies_came_from():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    spec = next(d for d in project["dependencies"] if d.startswith("mkdocs-material"))
    allowed = SpecifierSet(spec.removeprefix("mkdocs-material"))
    installed = version("mkdocs-material")
    major, minor, _ = installed.split(".")
    assert installed in allowed
    assert f"{major}.{int(minor) + 1}.0" not in allowed
    assert f"{major}.{int(minor) - 1}.99" not in allowed


def test_only_the_patched_templates_go_through_the_patches():
    """A patched template is Material's with its patches; every other template is loaded by the
    theme's own loader, as it is (the patching loader refuses it)."""
    from handbook.build.template_patches import PatchingLoader, patch_templates

    inner = jinja2.FileSystemLoader([str(OVERRIDES), str(MATERIAL)])
    env = jinja2.Environment(loader=inner)
    patch_templates(env)
    patch_templates(env)  # twice is once
    assert isinstance(env.loader, jinja2.ChoiceLoader) and env.loader.loaders[1] is inner
    assert len(env.loader.loaders) == 2
    for name in PATCHES:
        assert env.loader.get_source(env, name)[0] == patch_source(name, inner.get_source(env, name)[0])
    with pytest.raises(jinja2.TemplateNotFound):
        PatchingLoader(inner).get_source(env, "partials/footer.html")
    footer = "partials/footer.html"
    assert env.loader.get_source(env, footer)[:2] == inner.get_source(env, footer)[:2]
