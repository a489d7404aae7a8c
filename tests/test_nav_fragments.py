"""The nav rendered once per build (nav fragments) means exactly what Material's own rendering means."""

from __future__ import annotations

import posixpath
import re

from mkdocs.plugins import BasePlugin, event_priority

from conftest import ROOT, build_docs


class MaterialNavOnly(BasePlugin):
    """Turns the fragments off, so overrides/partials/nav.html falls back to Material's macro."""

    @event_priority(-200)
    def on_env(self, env, config, files):
        env.globals["nav_fragments"] = []
        return env


def primary_nav(html: str, page_url: str) -> list[str]:
    """The primary nav as a list of tags and text, with every link resolved to a site path."""
    start = html.index('<nav class="md-nav md-nav--primary"')
    nav = html[start: html.index('<div class="md-sidebar md-sidebar--secondary"', start)]

    def resolve(match):
        href = match.group(1)
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page_url.rstrip("/") + "/x"), href))
        return f'href="/{path.lstrip("./")}"'

    nav = re.sub(r'href="([^"#][^"]*)"', resolve, nav)
    return [token for token in re.split(r"\s*(<[^>]+>)\s*", nav) if token.strip()]


def test_fragments_render_the_same_nav_as_material(tmp_path):
    docs = ROOT / "docs"
    ours = build_docs(docs, tmp_path / "ours")
    material = build_docs(docs, tmp_path / "material", plugins={"material-nav": MaterialNavOnly()})
    pages = sorted(p.relative_to(tmp_path / "ours").as_posix() for p in (tmp_path / "ours").rglob("index.html"))
    assert len(pages) > 20
    raw = [(tmp_path / build / "internal/index.html").read_text(encoding="utf-8") for build in ("ours", "material")]
    assert raw[0] != raw[1], "the fragments are in use (their URLs are spelt differently)"
    for page in pages:
        url = "/" + page[: -len("index.html")]
        a = primary_nav((tmp_path / "ours" / page).read_text(encoding="utf-8"), url)
        b = primary_nav((tmp_path / "material" / page).read_text(encoding="utf-8"), url)
        assert a == b, page
        # 404 and the printable handbook (nav_exclude) are not in the nav.
        assert any("md-nav__link--active" in token for token in a) or page in (
            "404.html", "print/index.html"), page
