"""Finding the handbook (its mkdocs.yml and docs folder) and reading its files, without MkDocs.

The command line uses this instead of MkDocs' own config and file collection so that it starts in a
fraction of a second; the rules it copies (default exclusions, `exclude_docs`, index/README clashes)
are MkDocs 1.6's, so `handbook check` and `mkdocs build` see the same pages.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from handbook.build.symlinks import behind_links, link_problems
from handbook.pages.address import PAGE_SUFFIXES, is_page
from handbook.pages.address import dest_path as site_address
from handbook.jekyll.site_settings import SiteSettings, read_settings
from handbook.problems import Problem

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")
MARKDOWN_SUFFIXES = PAGE_SUFFIXES  # a file with any of these endings is built as a page


class ProjectError(Exception):
    """The handbook cannot be found or read; the message says what and how to fix it."""


class ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml as plain data. `!ENV` is resolved the way MkDocs does; other tags (such as
    `!!python/name:...` and `!relative`) name Python objects or build-time values the command line
    never needs, so they load as None instead of failing."""


def _env_tag(loader: ConfigLoader, node: yaml.Node) -> Any:
    # `!ENV NAME` or `!ENV [NAME, OTHER_NAME, default]`: the first variable set, else the default.
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(loader.construct_scalar(node))
    if isinstance(node, yaml.SequenceNode):
        items = loader.construct_sequence(node)
        for name in items[:-1] if len(items) > 1 else items:
            if isinstance(name, str) and name in os.environ:
                return os.environ[name]
        return items[-1] if len(items) > 1 else None
    return None


ConfigLoader.add_constructor("!ENV", _env_tag)
ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Project:
    """Where the handbook is and the few mkdocs.yml settings that decide which files are pages."""

    config_file: Path
    docs_dir: Path
    use_directory_urls: bool = True
    exclude_docs: tuple[str, ...] = ()  # gitignore-style patterns, added to MkDocs' defaults
    draft_docs: tuple[str, ...] = ()  # left out of `mkdocs build`, so left out here too
    custom_dir: Path | None = None  # the theme's overrides folder (its templates and icons)
    site_settings: SiteSettings = SiteSettings()  # extra.just_the_docs, as the build reads it


@dataclass(frozen=True)
class DocsFiles:
    """Everything MkDocs would publish from the docs folder: page bytes, other files, problems."""

    sources: dict[str, bytes]
    assets: set[str]
    problems: tuple[Problem, ...] = field(default=())


def find_config(start: Path, config: Path | None = None) -> Path:
    """`config` if given, else mkdocs.yml in `start` or the nearest folder above it."""
    if config is not None:
        if config.is_dir():
            for name in CONFIG_NAMES:
                if (config / name).is_file():
                    return config / name
            raise ProjectError(f"{_shown(config)} is a folder with no mkdocs.yml in it; "
                               "pass the path of the handbook's mkdocs.yml")
        if not config.is_file():
            raise ProjectError(f"{_shown(config)} does not exist; pass the path of the handbook's "
                               "mkdocs.yml, e.g. --config path/to/handbook/mkdocs.yml")
        return config
    start = start.resolve()
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
    raise ProjectError(f"no mkdocs.yml in {start} or any folder above it; run handbook inside the "
                       "handbook's repository, or pass --config path/to/mkdocs.yml")


def load_config(config_file: Path, _seen: tuple[Path, ...] = ()) -> dict[str, Any]:
    """mkdocs.yml as a dict, with `INHERIT:` files merged underneath as MkDocs merges them."""
    if config_file.resolve() in _seen:
        raise ProjectError(f"{_shown(config_file)}: INHERIT goes round in a circle; "
                           "point INHERIT at a file that does not inherit this one")
    try:
        text = config_file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise ProjectError(f"{_shown(config_file)}: cannot be read ({_reason(err)}); "
                           "check that it is a UTF-8 text file you can open") from err
    try:
        data = yaml.load(text, Loader=ConfigLoader)  # noqa: S506 - ConfigLoader is a SafeLoader
    except yaml.MarkedYAMLError as err:
        line = f":{err.problem_mark.line + 1}" if err.problem_mark else ""
        raise ProjectError(f"{_shown(config_file)}{line}: is not valid YAML ({err.problem}); "
                           "fix the indentation or quoting there (mkdocs build fails on it too)"
                           ) from err
    except yaml.YAMLError as err:
        raise ProjectError(f"{_shown(config_file)}: is not valid YAML ({err}); "
                           "fix it (mkdocs build fails on it too)") from err
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ProjectError(f"{_shown(config_file)}: is not a set of `key: value` settings; "
                           "it must start with settings such as `site_name: My handbook`")
    parent = data.pop("INHERIT", None)
    if isinstance(parent, str):
        base = load_config(config_file.parent / parent, (*_seen, config_file.resolve()))
        data = _merge(base, data)
    return data


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    # MkDocs merges INHERIT deeply: nested settings are combined, everything else is replaced.
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def open_project(start: Path, config: Path | None = None) -> Project:
    """The handbook that `start` (usually the current folder) is in, or the one `config` names."""
    config_file = find_config(start, config)
    settings = load_config(config_file)
    docs_setting = settings.get("docs_dir", "docs")
    if not isinstance(docs_setting, str) or not docs_setting.strip():
        raise ProjectError(f"{_shown(config_file)}: docs_dir is {docs_setting!r}; "
                           "set it to the docs folder, e.g. `docs_dir: docs`")
    docs_dir = (config_file.parent / docs_setting).resolve()
    if not docs_dir.is_dir():
        raise ProjectError(f"{_shown(config_file)}: docs_dir '{docs_setting}' is not a folder "
                           f"({docs_dir}); create it, or set docs_dir to the folder that holds "
                           "the pages")
    use_directory_urls = settings.get("use_directory_urls", True)
    return Project(
        config_file=config_file,
        docs_dir=docs_dir,
        use_directory_urls=use_directory_urls if isinstance(use_directory_urls, bool) else True,
        exclude_docs=_patterns(settings.get("exclude_docs")),
        draft_docs=_patterns(settings.get("draft_docs")),
        custom_dir=_custom_dir(config_file, settings.get("theme")),
        site_settings=read_settings(settings.get("extra") if isinstance(settings.get("extra"), dict)
                                    else None)[0],
    )


def _custom_dir(config_file: Path, theme: Any) -> Path | None:
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    return (config_file.parent / custom).resolve() if isinstance(custom, str) and custom else None


def _patterns(value: Any) -> tuple[str, ...]:
    # MkDocs takes gitignore-style lines, written as one block of text (or, loosely, a list).
    if isinstance(value, str):
        lines: Iterable[Any] = value.splitlines()
    elif isinstance(value, list):
        lines = value
    else:
        return ()
    return tuple(line for line in (str(item).strip() for item in lines) if line)


def excluder(project: Project) -> Callable[[str], bool]:
    """A test for 'MkDocs leaves this file out': its defaults (`.*`, `/templates/`) plus the
    project's `exclude_docs` and `draft_docs` (left out of `mkdocs build`)."""
    extra = project.exclude_docs + project.draft_docs
    spec = None
    if extra:
        # Imported only for projects with patterns of their own: it costs a tenth of a start-up.
        import pathspec

        spec = pathspec.GitIgnoreSpec.from_lines(list(extra))

    def excluded(path: str) -> bool:
        parts = path.split("/")
        if any(part.startswith(".") for part in parts):
            return True
        if len(parts) > 1 and parts[0] == "templates":
            return True
        return bool(spec and spec.match_file(path))

    return excluded


def walk_docs(project: Project) -> tuple[list[str], list[Problem]]:
    """Docs-relative POSIX paths of every file MkDocs would publish, sorted, and the clashes it
    would warn about (`README.md` beside `index.md`, `x.md` beside `x/index.md`)."""
    excluded = excluder(project)
    found: list[str] = []
    # Links that lead out of docs/ or loop stop the build; here they are reported and not followed.
    link_trouble = link_problems(project.docs_dir)
    bad = {problem.path for problem in link_trouble}
    # Same walk as MkDocs (links followed, each folder's files before its subfolders, index and
    # README first) so that, when two pages clash, the one MkDocs drops is the one reported.
    for folder, subfolders, names in os.walk(project.docs_dir, followlinks=not link_trouble):
        if link_trouble:
            subfolders[:] = [n for n in subfolders if not os.path.islink(os.path.join(folder, n))]
            names = [n for n in names if not os.path.islink(os.path.join(folder, n))]
        rel = Path(folder).relative_to(project.docs_dir).as_posix()
        subfolders.sort()
        names.sort(key=lambda n: (posixpath.splitext(n)[0] not in ("index", "README"), n))
        for name in names:
            path = name if rel == "." else f"{rel}/{name}"
            if not excluded(path) and not behind_links(path, bad):
                found.append(path)
    problems = list(link_trouble)
    by_address: dict[str, str] = {}
    dropped = set()
    for path in found:
        address = site_address(path, project.use_directory_urls)
        earlier = by_address.get(address)
        if earlier is not None:
            dropped.add(earlier)
            problems.append(Problem(
                earlier, None,
                f"is left out of the site because {path} is published at the same address "
                f"({address}); rename or delete one of them", "warning",
            ))
        by_address[address] = path
    return sorted(p for p in found if p not in dropped), problems


def read_docs(project: Project) -> DocsFiles:
    """Every page's bytes and every other file's path, read once; unreadable files are problems."""
    paths, problems = walk_docs(project)
    sources: dict[str, bytes] = {}
    assets: set[str] = set()
    for path in paths:
        if not is_page(path):
            assets.add(path)
            continue
        try:
            sources[path] = (project.docs_dir / path).read_bytes()
        except OSError as err:
            problems.append(Problem(path, None, f"cannot be read ({_reason(err)}); check that the "
                                    "file exists and that you may read it"))
    return DocsFiles(sources, assets, tuple(problems))


def read_sources(docs_dir: Path | str) -> dict[str, bytes]:
    """Every page under `docs_dir` (MkDocs' default exclusions applied), by docs-relative path."""
    return read_docs(Project(Path(docs_dir), Path(docs_dir))).sources


def read_assets(docs_dir: Path | str) -> set[str]:
    """Every other published file under `docs_dir` (images, stylesheets...), by docs-relative
    path."""
    return read_docs(Project(Path(docs_dir), Path(docs_dir))).assets


def _shown(path: Path) -> str:
    """A path as the editor would type it: relative to the current folder when it is below it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel


def _reason(err: BaseException) -> str:
    return getattr(err, "strerror", None) or str(err)
