"""The project's Markdown extensions made once per build (handbook.markdown.extensions): the same
site as when Python-Markdown makes them for every page, build after build as under `mkdocs serve`."""

from __future__ import annotations

import markdown
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import ROOT
from handbook.build.signatures import config_signature
from handbook.markdown.callouts import CalloutExtension
from handbook.markdown.emoji import gemoji_index
from handbook.markdown.emoji_headings import EmojiHeadingsExtension, to_span
from handbook.markdown.extensions import extension_names, made_once
from handbook.markdown.kramdown import KramdownExtension
from test_jekyll_pages import jekyll_tree
from test_reproducible import differences


def test_only_the_projects_own_extensions_are_made_with_their_options():
    names = ["toc", "handbook.markdown.kramdown", "handbook.markdown.callouts", "abbr",
             "handbook.markdown.emoji_headings"]
    callouts = {"warning": ("Careful", "red")}
    made = made_once(names, {"handbook.markdown.callouts": {"callouts": callouts},
                             "toc": {"permalink": True}})
    assert names[0] == "toc" and len(names) == 5  # the list given is left as it was
    assert made[0] == "toc" and made[3] == "abbr"
    assert isinstance(made[1], KramdownExtension) and isinstance(made[4], EmojiHeadingsExtension)
    assert isinstance(made[2], CalloutExtension) and made[2].getConfig("callouts") == callouts
    assert extension_names(made) == [
        "toc", "handbook.markdown.kramdown.KramdownExtension",
        "handbook.markdown.callouts.CalloutExtension", "abbr",
        "handbook.markdown.emoji_headings.EmojiHeadingsExtension"]


def test_one_extension_object_serves_many_pages_as_a_new_one_for_each():
    source = "## :dart: Goals\n{: .no_toc }\n\n{: .note }\nA callout.\n\n{: .warning }\n> Quote."
    names = ["attr_list", "toc", "pymdownx.emoji", "handbook.markdown.kramdown",
             "handbook.markdown.callouts", "handbook.markdown.emoji_headings"]
    options = {"pymdownx.emoji": {"emoji_index": gemoji_index, "emoji_generator": to_span}}
    shared = made_once(names, options)

    def page(extensions: list) -> str:
        return markdown.Markdown(extensions=extensions, extension_configs=options).convert(source)

    expected = page(names)
    assert "admonition note" in expected and "admonition warning" in expected
    assert 'id="dart-goals"' in expected and 'class="no_toc"' in expected
    assert [page(shared) for _ in range(3)] == [expected] * 3


def load(docs, site):
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), docs_dir=str(docs),
                         site_dir=str(site), strict=False)
    # A site's own callout titles reach the callouts extension (navigation.py's on_config).
    config["extra"] = {"handbook": {"content_rules": False},
                       "just_the_docs": {"callouts": {"note": {"title": "Remember", "color": "green"}}}}
    return config


def test_builds_with_extensions_made_once_and_made_per_page_are_the_same(tmp_path, monkeypatch):
    """The Jekyll fixture pages (kramdown attribute lists, callouts, emoji headings), built twice
    with the extensions made once per build, as `mkdocs serve` rebuilds, and once with the names
    left to Python-Markdown: the same files, byte for byte; each build makes its own."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the sitemap's date
    docs = jekyll_tree(tmp_path)
    made = []
    for run in ("first", "again"):
        config = load(docs, tmp_path / run)
        build(config)
        made.append([e for e in config["markdown_extensions"] if not isinstance(e, str)])
    assert [len(objects) for objects in made] == [3, 3]
    assert not {id(e) for e in made[0]} & {id(e) for e in made[1]}  # nothing kept from a build

    per_page = load(docs, tmp_path / "per-page")
    hook = per_page["hooks"]["hooks/navigation.py"]  # the module MkDocs loaded
    monkeypatch.setattr(hook, "made_once", lambda names, options: list(names))
    build(per_page)
    assert all(isinstance(e, str) for e in per_page["markdown_extensions"])
    page = tmp_path / "per-page" / "planning" / "stakeholder-interviews" / "index.html"
    assert "jtd-green" in page.read_text("utf-8") and ">Remember</p>" in page.read_text("utf-8")
    assert differences(tmp_path / "per-page", tmp_path / "first") == []
    assert differences(tmp_path / "per-page", tmp_path / "again") == []


def test_serves_key_for_the_configuration_is_the_same_from_build_to_build(tmp_path):
    """`mkdocs serve` reuses a page's results only while the configuration's signature is
    unchanged: extension objects, new in every build, must not change it."""
    docs = jekyll_tree(tmp_path)
    configs = [load(docs, tmp_path / "site") for _ in range(2)]
    for config in configs:
        config.plugins.on_config(config)  # as a build starts
    made = [[e for e in config["markdown_extensions"] if not isinstance(e, str)]
            for config in configs]
    assert len(made[0]) == 3 and not {id(e) for e in made[0]} & {id(e) for e in made[1]}
    assert config_signature(configs[0], []) == config_signature(configs[1], [])
