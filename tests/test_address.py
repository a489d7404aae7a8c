"""A page's address: the one rule (handbook.pages.address) against MkDocs' own `File`, for every
ending MkDocs reads as Markdown and both `use_directory_urls` settings."""

from __future__ import annotations

import posixpath

import pytest
from handbook.cli.project import site_address
from handbook.markdown.links import page_url, relative_url
from handbook.pages.address import PAGE_SUFFIXES, dest_path, from_page, is_page
from hypothesis import example, given, settings
from hypothesis import strategies as st
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import markdown_extensions

SEGMENT = st.text(alphabet=st.sampled_from(list("ab-_ .%(éX")), min_size=1, max_size=5).filter(
    lambda s: s.strip() == s and s not in (".", ".."))
NAMES = st.one_of(
    st.sampled_from(["index", "README", "readme", "Index"]), SEGMENT)
SUFFIXES = st.sampled_from([*PAGE_SUFFIXES, ".MD", ".html", ".png", ".md.txt", ""])
PATHS = st.builds(lambda folders, name, suffix: "/".join([*folders, name + suffix]),
                  st.lists(SEGMENT, max_size=3), NAMES, SUFFIXES).filter(
    lambda p: not p.endswith("/"))


def test_the_page_suffixes_are_mkdocs_own():
    assert sorted(PAGE_SUFFIXES) == sorted(markdown_extensions)


@settings(max_examples=500, deadline=None)
@given(PATHS, st.booleans())
def test_addresses_are_mkdocs_own(path, directory_urls):
    file = File(path, "/docs", "/site", directory_urls)
    assert is_page(path) == file.is_documentation_page()
    assert dest_path(path, directory_urls) == file.dest_uri
    assert site_address(path, directory_urls) == file.dest_uri
    assert page_url(path, directory_urls) == file.url


@settings(max_examples=300, deadline=None)
@given(PATHS, PATHS, st.booleans())
def test_relative_addresses_are_mkdocs_own(target, here, directory_urls):
    def url(path):
        return File(path, "/docs", "/site", directory_urls).url

    if not is_page(here):
        here = here + ".md"
    expected = File(target, "/docs", "/site", directory_urls).url_relative_to(
        File(here, "/docs", "/site", directory_urls))
    assert relative_url(target, here, directory_urls) == expected


@pytest.mark.parametrize("path, directory_urls, expected", [
    ("a/x.mkd", True, "a/x/index.html"),
    ("a/x.mkd", False, "a/x.html"),
    ("a/README.markdown", True, "a/index.html"),
    ("a/x.MD", True, "a/x.MD"),  # MkDocs reads endings case-sensitively: not a page
])
def test_the_case_the_two_copies_disagreed_on(path, directory_urls, expected):
    assert dest_path(path, directory_urls) == expected


# Paths with every shape posixpath treats apart: `.` and `..` parts, doubled, leading and trailing
# slashes, names that start or end with dots.
WRITTEN_PATHS = st.lists(st.sampled_from(["", ".", "..", "a", "b.md", ".md", "a.", "..x", "x..",
                                          "é", " "]), max_size=5).map("/".join)


@settings(max_examples=3000, deadline=None)
@given(st.one_of(WRITTEN_PATHS, PATHS), st.one_of(WRITTEN_PATHS, PATHS))
@example("a/b/c.md", "../../x.md")
@example("a/b.md", "../../x.md")
@example("a//b.md", "../x.md")
@example("a/./b.md", "../x.md")
@example("a/../b.md", "../x.md")
@example("/a/b.md", "../x.md")
@example("/b.md", "x.md")
def test_a_path_from_a_page_is_posixpaths_join(page, path):
    assert from_page(page, path) == posixpath.normpath(
        posixpath.join(posixpath.dirname(page), path))


@settings(max_examples=3000, deadline=None)
@given(st.one_of(PATHS, WRITTEN_PATHS, st.text(max_size=8),
                 st.text(alphabet=st.sampled_from(list("aZ09_.~/-% +é\u0660\u00b2!*'()")),
                         max_size=8)))
@example("chapter/some-page.md")
@example("\u0660.md")  # a digit, but not an ASCII one: quoted
def test_names_left_as_they_are_are_what_quote_leaves(name):
    from urllib.parse import quote

    from handbook.build.mkdocs_glue import QUOTED_AS_IT_IS
    if QUOTED_AS_IT_IS.fullmatch(name):
        assert quote(name) == name
    else:
        assert quote(name) != name


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(
    st.tuples(st.sampled_from(["a", "b/c", "_d", "e f"]),
              st.sampled_from([*PAGE_SUFFIXES, ".MD", ".png", ".html", ""])).map("".join),
    st.sampled_from(list(InclusionLevel)), max_size=8))
def test_one_pass_over_the_files_reads_what_mkdocs_lists(inclusions):
    from handbook.build.mkdocs_glue import read_assets, read_files
    from mkdocs.structure.files import Files

    files = []
    for name, inclusion in inclusions.items():
        file = File(name, "/docs", "/site", True, inclusion=inclusion)
        file.content_bytes = name.encode()
        files.append(file)
    files = Files(files)
    # The plain way: MkDocs' own list of the documentation pages, and another pass for the rest.
    expected = ({f.src_uri: f.content_bytes for f in files.documentation_pages()},
                read_assets(files))
    assert read_files(files) == expected
