"""The project's own Markdown extensions, made once per build instead of once per page."""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence

from markdown import Extension

OWN = "handbook.markdown."


def made_once(extensions: Sequence[str | Extension],
              options: Mapping[str, Mapping]) -> list[str | Extension]:
    """mkdocs.yml's `markdown_extensions` with each of the project's own, named by its module
    (`handbook.markdown.kramdown`), replaced by the extension made from its `options`
    (`mdx_configs`). MkDocs makes a Markdown converter for every page, and for a name
    Python-Markdown imports the module and makes the extension again each time; an extension
    made once is only asked to add its processors to each converter, which it does afresh."""
    return [importlib.import_module(name).makeExtension(**options.get(name, {}))
            if isinstance(name, str) and name.startswith(OWN) else name
            for name in extensions]


def extension_names(extensions: Sequence[str | Extension]) -> list[str]:
    """Each extension by name; one made once per build by its class, as its object differs
    from build to build (its options are in `mdx_configs`, under its name)."""
    return [extension if isinstance(extension, str)
            else f"{type(extension).__module__}.{type(extension).__qualname__}"
            for extension in extensions]
