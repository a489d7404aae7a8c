"""Pages from an older Jekyll (Just the Docs) site, built as they are, without a clean-up first.

The fixture pages (tests/fixtures/jekyll/) go into a real docs tree beside a home page, a Planning
page (their `parent`), a page one of them links to by its old permalink and one social image. The
build must not fail (only `--strict` does), must tell the editor about every leftover problem once,
with file and line, and must show readers clean HTML: kramdown syntax applied, mis-decoded text
repaired, hand-written prev/next buttons replaced by the footer's.
"""

from __future__ import annotations

import posixpath
import re
import shutil
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, Built, build_docs, write_tree

FIXTURES = ROOT / "tests" / "fixtures" / "jekyll"
PAGES = ("okrs.md", "roadmaps.md", "stakeholder-interviews.md", "writing-a-brief.md")
FOLDER = "planning"  # where the old site kept them: /docs/planning/...
# What UTF-8 read as Windows-1252 looks like in these pages ("â€™", "ðŸš€", "âœ…", "Â ").
MOJIBAKE = ("â€", "ðŸ", "âœ", "Â")

HANDBOOK_PAGES = {
    "index.md": """
        ---
        title: Home
        nav_order: 1
        ---
        # Home

        Welcome to the handbook.
        """,
    "planning/index.md": """
        ---
        title: Planning
        nav_order: 2
        ---
        # Planning

        How teams plan their work.
        """,
    # The page stakeholder-interviews.md links to as /docs/discovery/interview-notes, found by
    # the permalink it kept from the old site.
    "discovery/interview-notes.md": """
        ---
        title: Interview notes
        nav_order: 3
        permalink: /docs/discovery/interview-notes/
        ---
        # Interview notes

        A template for notes.
        """,
    # okrs.md's social image; the other pages' images are missing.
    "assets/images/okr-card.png": b"\x89PNG\r\n\x1a\n okr card",
}


# --- Helpers -------------------------------------------------------------------------------------

def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def line_of(name: str, marker: str) -> int:
    """The 1-based line of fixture `name` that holds `marker` (which must be on exactly one)."""
    lines = [n for n, line in enumerate(fixture_text(name).split("\n"), 1) if marker in line]
    assert len(lines) == 1, f"{marker!r} is on lines {lines} of {name}"
    return lines[0]


def block_lines(name: str, first: str, last: str) -> tuple[int, int]:
    """The lines from the one holding `first` to the next one holding `last`."""
    start = line_of(name, first)
    rest = fixture_text(name).split("\n")[start - 1:]
    return start, start + next(i for i, line in enumerate(rest) if last in line)


def mis_decoded_lines(name: str) -> list[int]:
    """Lines of a fixture holding mojibake outside fenced code (code is shown as written)."""
    found, fenced = [], False
    for number, line in enumerate(fixture_text(name).split("\n"), 1):
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and any(marker in line for marker in MOJIBAKE):
            found.append(number)
    return found


def front_matter_end(name: str) -> int:
    """The line of the `---` that closes a fixture's front matter (0 if it has none)."""
    text = fixture_text(name)
    return text.split("\n---\n", 1)[0].count("\n") + 2 if text.startswith("---\n") else 0


def front_matter(name: str) -> dict:
    text = fixture_text(name)
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("---\n")[1])


@dataclass(frozen=True)
class Reported:
    """One warning: the page (docs-relative), its line, and the text after `path:line: `."""

    path: str | None
    line: int | None
    text: str


def reported(built: Built, docs: Path) -> list[Reported]:
    """Every warning of the build, split as the handbook writes them. A message that is not in
    the form `docs/x.md:3: ...` (MkDocs' own, for instance) keeps its whole text, with no path."""
    prefix = str(docs) + "/"
    found = []
    for message in built.messages:
        match = re.match(r"(.+?\.md)(?::(\d+))?: (.*)", message.removeprefix(prefix), re.DOTALL)
        if message.startswith(prefix) and match:
            line = int(match.group(2)) if match.group(2) else None
            found.append(Reported(match.group(1), line, match.group(3)))
        else:
            found.append(Reported(None, None, message))
    return found


def subject(text: str) -> str:
    """What a warning is about, for counting: `mis-decoded`, `prev/next`, `image '/x.png'`..."""
    if text.startswith("mis-decoded text:"):
        return "mis-decoded"
    if text.startswith("hand-written prev/next buttons"):
        return "prev/next"
    if "so the page has no social image" in text:
        return "social " + text.split(" is not a file")[0]
    named = re.match(r"((?:site-root |extensionless |HTML )?link(?: to)?|image) '([^']*)'", text)
    return f"{named.group(1)} '{named.group(2)}'" if named else text


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    parent: Element | None
    text: str = ""  # all the text inside, children's included

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


class _Elements(HTMLParser):
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
            "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[Element] = []
        self.open: list[Element] = []

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: v or "" for k, v in attrs}, self.open[-1] if self.open else None)
        self.found.append(element)
        if tag not in self.VOID:
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.found.append(Element(tag, {k: v or "" for k, v in attrs},
                                  self.open[-1] if self.open else None))

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index].tag == tag:
                del self.open[index:]
                break

    def handle_data(self, data):
        for element in self.open:
            element.text += data


def elements(html: str, tag: str | None = None, cls: str | None = None) -> list[Element]:
    parser = _Elements()
    parser.feed(html)
    return [e for e in parser.found
            if (tag is None or e.tag == tag) and (cls is None or cls in e.classes)]


def one(html: str, tag: str, **where: str) -> Element:
    """The one element `tag` whose text starts with `text` and/or has the attributes given."""
    text = where.pop("text", None)
    found = [e for e in elements(html, tag)
             if (text is None or e.text.strip().startswith(text))
             and all(e.attrs.get(name) == value for name, value in where.items())]
    assert len(found) == 1, f"{len(found)} <{tag}> elements match {text!r} {where}"
    return found[0]


def article(html: str) -> str:
    """The page's content, without Material's header, nav and footer."""
    return html[html.index("<article"):html.index("</article>")]


def without_code(html: str) -> str:
    return re.sub(r"<pre\b.*?</pre>|<code\b.*?</code>", "", html, flags=re.DOTALL)


def page_url(src: str) -> str:
    """A page's folder in the built site: `planning/okrs.md` -> `planning/okrs/`."""
    stem = src.removesuffix(".md")
    return stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else stem + "/"


def built_target(built: Built, src: str, href: str) -> Path:
    """The file a relative link on page `src` opens in the built site."""
    path = posixpath.normpath(posixpath.join(page_url(src), href.split("#")[0]))
    target = built.site_dir / path
    return target / "index.html" if target.is_dir() else target


def toc_links(html: str) -> set[str]:
    """Where the links of the page's one `div.toc` point."""
    found = elements(html)
    [toc] = [e for e in found if e.tag == "div" and "toc" in e.classes]

    def inside(element: Element | None) -> bool:
        while element is not None and element is not toc:
            element = element.parent
        return element is toc

    return {e.attrs["href"] for e in found if e.tag == "a" and inside(e)}


def ids(html: str) -> set[str]:
    return {e.attrs["id"] for e in elements(html) if "id" in e.attrs}


# --- The build of the fixture pages --------------------------------------------------------------

@dataclass
class JekyllSite:
    docs: Path
    built: Built
    problems: list[Reported] = field(default_factory=list)

    def about(self, page: str, line: int | None = None) -> list[Reported]:
        return [p for p in self.problems
                if p.path == f"{FOLDER}/{page}" and (line is None or p.line == line)]


def jekyll_tree(root: Path, pages=PAGES, changed: dict[str, str] | None = None) -> Path:
    """The handbook pages plus the fixture `pages` under docs/planning/, some text `changed`."""
    docs = root / "docs"
    write_tree(docs, HANDBOOK_PAGES)
    for name in pages:
        shutil.copy(FIXTURES / name, docs / FOLDER / name)
    for name, text in (changed or {}).items():
        (docs / FOLDER / name).write_text(text, encoding="utf-8")
    return docs


def build_tree(root: Path, strict: bool = False, **tree) -> JekyllSite:
    docs = jekyll_tree(root, **tree)
    built = build_docs(docs, root / "site", strict=strict)
    return JekyllSite(docs, built, reported(built, docs))


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> JekyllSite:
    return build_tree(tmp_path_factory.mktemp("jekyll"))


# --- The build and its messages -----------------------------------------------------------------

def test_pages_build_without_strict(site):
    assert not site.built.aborted
    assert site.built.pages[:2] == ["index.md", "planning/index.md"]
    assert {f"{FOLDER}/{name}" for name in PAGES} <= set(site.built.pages)
    for name in PAGES:
        assert site.built.page_html(f"{FOLDER}/{name}")


def test_strict_build_of_the_same_pages_fails(site, tmp_path):
    strict = build_docs(site.docs, tmp_path / "strict-site", strict=True)
    assert strict.aborted
    assert strict.messages  # the warnings that made it fail were shown


def test_every_warning_is_the_handbooks_and_none_repeats(site):
    # Nothing from MkDocs itself (its link checks would repeat the handbook's), no message twice,
    # and never two messages about the same thing on the same line.
    assert all(p.path is not None for p in site.problems), [
        p.text for p in site.problems if p.path is None]
    assert len(set(site.built.messages)) == len(site.built.messages)
    counts = Counter((p.path, p.line, subject(p.text)) for p in site.problems)
    assert [key for key, count in counts.items() if count > 1] == []


LINK_AND_IMAGE_PROBLEMS = [
    # (page, text on the line, what the message starts with)
    ("roadmaps.md", "](/contact)", "site-root link '/contact' matches no page"),
    ("roadmaps.md", "now-next-later.png", "image '/assets/images/now-next-later.png' is missing"),
    ("roadmaps.md", "planning-session.jpg",
     "image '/assets/images/planning-session.jpg' is missing"),
    ("stakeholder-interviews.md", "<img src=",
     "image '/assets/images/interview-map.png' is missing"),
    ("stakeholder-interviews.md", "](/assets/images/interview-notes.png)",
     "image '/assets/images/interview-notes.png' is missing"),
    ("writing-a-brief.md", "(next-steps.md)", "link to 'next-steps.md' matches no page"),
    ("writing-a-brief.md", "(problem-statements.md)",
     "link to 'problem-statements.md' matches no page"),
    ("roadmaps.md", "image:", "image '/assets/images/roadmap-card.png' is not a file in docs/, so "
                              "the page has no social image"),
    ("stakeholder-interviews.md", "image:", "image '/assets/images/interview-card.png' is not a "
                                            "file in docs/, so the page has no social image"),
]


@pytest.mark.parametrize(("page", "marker", "message"), LINK_AND_IMAGE_PROBLEMS)
def test_broken_link_or_image_is_reported_once_at_its_line(site, page, marker, message):
    about_it = [p for p in site.about(page) if subject(p.text) == subject(message)]
    assert len(about_it) == 1
    assert about_it[0].text.startswith(message)
    assert about_it[0].line == line_of(page, marker)


def test_links_and_images_that_work_are_not_reported(site):
    # okrs.md has its social image; the permalink, extensionless and .md links all name pages.
    mentioned = " ".join(p.text for p in site.problems)
    for url in ("okr-card.png", "'/docs/planning/okrs'", "'okrs#template'", "'roadmaps.md'",
                "'roadmaps'", "'/docs/discovery/interview-notes'"):
        assert url not in mentioned


def test_links_inside_prev_next_blocks_are_not_reported_again(site):
    # The blocks are reported as blocks; their links (one names no page) are not checked.
    mentioned = " ".join(p.text for p in site.problems)
    assert "/docs/planning/index" not in mentioned
    assert "'/docs/discovery/'" not in mentioned


def test_extensionless_link_to_no_page_is_reported_once_at_its_line(tmp_path):
    alone = build_tree(tmp_path, pages=("okrs.md",))  # roadmaps.md is not in this handbook
    line = line_of("okrs.md", "[Roadmaps](roadmaps)")
    assert [p.text.split(";")[0] for p in alone.about("okrs.md") if "'roadmaps'" in p.text] == [
        "extensionless link 'roadmaps' matches no page"]
    assert [p.line for p in alone.about("okrs.md") if "'roadmaps'" in p.text] == [line]
    # The button link to the same page is part of a prev/next block, reported as such.
    button = line_of("okrs.md", "{: .btn")
    assert [subject(p.text) for p in alone.about("okrs.md", button)] == ["prev/next"]


PREV_NEXT_BLOCKS = [
    ("roadmaps.md", '<div class="nav-buttons">', "</div>"),
    ("stakeholder-interviews.md", "[← Previous", "[← Previous"),
    ("writing-a-brief.md", "**Next:**", "**Next:**"),
    ("okrs.md", "[Next: Roadmaps]", "[Next: Roadmaps]"),
]


@pytest.mark.parametrize(("page", "first", "last"), PREV_NEXT_BLOCKS)
def test_prev_next_block_is_reported_once_with_its_lines(site, page, first, last):
    start, end = block_lines(page, first, last)
    blocks = [p for p in site.about(page) if subject(p.text) == "prev/next"]
    assert [p.line for p in blocks] == [start]
    shown = f"lines {start}-{end}" if end > start else f"line {start}"
    assert f"hand-written prev/next buttons ({shown})" in blocks[0].text


@pytest.mark.parametrize("page", PAGES)
def test_each_mis_decoded_line_is_reported_once(site, page):
    lines = mis_decoded_lines(page)
    assert lines  # every fixture has some
    reported_lines = [p.line for p in site.about(page) if subject(p.text) == "mis-decoded"]
    assert reported_lines == lines


def test_mojibake_in_fenced_code_is_not_reported(site):
    line = line_of("stakeholder-interviews.md", "Code stays as written")
    assert "â€" in fixture_text("stakeholder-interviews.md").split("\n")[line - 1]
    assert site.about("stakeholder-interviews.md", line) == []


@pytest.mark.parametrize(("page", "marker", "shown"), [
    ("roadmaps.md", "Iâ€™ll", "'Iâ€™ll' should read 'I’ll'"),
    ("roadmaps.md", "# Roadmaps", "should read '🗺️'"),
    ("okrs.md", "0â€“1", "'0â€“1' should read '0–1'; 'âœ…' should read '✅'"),
    ("stakeholder-interviews.md", "5Â", "should read '5\u00a0000\u00a0€'"),
    # The last byte of "”" was lost on this line; the message shows it restored.
    ("writing-a-brief.md", "non-goals", "'goalsâ€' should read 'goals”'"),
])
def test_mis_decoded_message_shows_the_repaired_text(site, page, marker, shown):
    [problem] = [p for p in site.about(page, line_of(page, marker))
                 if subject(p.text) == "mis-decoded"]
    assert shown in problem.text


def test_no_other_warnings(site):
    expected = Counter()
    for page, marker, message in LINK_AND_IMAGE_PROBLEMS:
        expected[(f"{FOLDER}/{page}", line_of(page, marker), subject(message))] += 1
    for page, first, last in PREV_NEXT_BLOCKS:
        expected[(f"{FOLDER}/{page}", block_lines(page, first, last)[0], "prev/next")] += 1
    for page in PAGES:
        for line in mis_decoded_lines(page):
            expected[(f"{FOLDER}/{page}", line, "mis-decoded")] += 1
    assert Counter((p.path, p.line, subject(p.text)) for p in site.problems) == expected


def test_jekyll_front_matter_keys_are_not_unknown(site):
    keys = set().union(*(front_matter(name) for name in PAGES if name != "writing-a-brief.md"))
    assert {"layout", "permalink", "nav_order", "parent", "tags", "description", "image"} <= keys
    assert [p.text for p in site.problems if "unknown key" in p.text] == []
    # The only warnings about front matter are the social images that are missing.
    for name in PAGES:
        in_front_matter = [p for p in site.about(name)
                           if p.line is None or p.line <= front_matter_end(name)]
        assert [subject(p.text).split()[0] for p in in_front_matter] in ([], ["social"])


# --- What readers see ----------------------------------------------------------------------------

@pytest.mark.parametrize("page", PAGES)
def test_no_kramdown_syntax_is_left_outside_code(site, page):
    content = article(site.built.page_html(f"{FOLDER}/{page}"))
    assert "{:" not in without_code(content)
    if page == "stakeholder-interviews.md":  # the fenced example keeps it, as written
        assert "{: .note }" in content


def test_ial_on_the_same_line_classes_the_image(site):
    html = article(site.built.page_html(f"{FOLDER}/roadmaps.md"))
    image = one(html, "img", alt="Now, next, later board")
    assert image.classes == {"photocredit"}
    assert image.parent.tag == "p" and "photocredit" not in image.parent.classes


def test_ial_on_the_next_line_classes_the_paragraph(site):
    html = article(site.built.page_html(f"{FOLDER}/roadmaps.md"))
    image = one(html, "img", alt="A team planning session")
    assert image.parent.tag == "p" and image.parent.classes == {"photocredit"}
    assert image.classes == set()


def test_note_ial_makes_the_paragraph_after_it_a_callout(site):
    # Just the Docs' callout: an admonition titled as the site's `callouts:` setting says.
    html = article(site.built.page_html(f"{FOLDER}/stakeholder-interviews.md"))
    [note] = elements(html, cls="note")
    assert note.tag == "div" and note.classes >= {"admonition", "note", "jtd-purple"}
    assert note.text.startswith("NoteBook interviews before the planning cycle starts")
    assert one(html, "p", **{"class": "admonition-title"}).text == "Note"


def test_no_toc_ial_classes_the_heading_above_it(site):
    roadmaps = article(site.built.page_html(f"{FOLDER}/roadmaps.md"))
    assert one(roadmaps, "h1", text="Roadmaps").classes == {"no_toc"}
    assert one(roadmaps, "h2", text="Table of contents").classes == {"no_toc", "text-delta"}
    interviews = article(site.built.page_html(f"{FOLDER}/stakeholder-interviews.md"))
    assert one(interviews, "h2", text="Who to talk to").classes == {"no_toc"}


def test_toc_idiom_becomes_a_table_of_contents(site):
    html = article(site.built.page_html(f"{FOLDER}/roadmaps.md"))
    links = toc_links(html)
    assert {"#outcomes", "#cadence"} <= links
    assert {href.lstrip("#") for href in links} <= ids(html)
    assert "TOC" not in [e.text.strip() for e in elements(html, "li")]


def test_toc_leaves_out_headings_marked_no_toc(site):
    # kramdown (and Just the Docs) leave headings marked `{: .no_toc }` out of `{:toc}`.
    html = article(site.built.page_html(f"{FOLDER}/roadmaps.md"))
    assert toc_links(html) == {"#outcomes", "#cadence"}


@pytest.mark.parametrize(("page", "sentence"), [
    ("roadmaps.md", "I’ll say it again: “the roadmap is a conversation” — not a contract."),
    ("roadmaps.md", "never the other way without a review… and a reason."),
    ("roadmaps.md", "with the team 👥 and quarterly with leadership 🚀."),
    ("stakeholder-interviews.md", "think — and don’t record without asking."),
    ("stakeholder-interviews.md", "the budget line reads 5\u00a0000\u00a0€ per quarter."),
    ("stakeholder-interviews.md", "every time — it’s how you find the quiet stakeholders."),
    ("okrs.md", "on a 0–1 scale. A 0.7 is a good result ✅."),
    ("writing-a-brief.md", "Keep the “non-goals” list short – three items at most – so it"),
])
def test_mis_decoded_text_is_repaired_in_the_body(site, page, sentence):
    html = article(site.built.page_html(f"{FOLDER}/{page}"))
    assert sentence in " ".join(e.text for e in elements(html, "p") + elements(html, "li"))
    assert not any(marker in without_code(html) for marker in MOJIBAKE)


def test_mojibake_in_fenced_code_is_shown_as_written(site):
    html = article(site.built.page_html(f"{FOLDER}/stakeholder-interviews.md"))
    [code] = [e for e in elements(html, "code") if "Code stays" in e.text]
    assert "Code stays as written, even Iâ€™ll here." in code.text


def test_mis_decoded_heading_is_repaired(site):
    html = article(site.built.page_html(f"{FOLDER}/roadmaps.md"))
    heading = one(html, "h1", text="Roadmaps")
    assert " ".join(heading.text.replace("¶", "").split()) == "Roadmaps 🗺️"
    [toc] = elements(html, "div", cls="toc")
    assert "Roadmaps" not in toc.text  # marked {: .no_toc }


def _roadmaps_titled_from_its_heading(keep_title: bool) -> str:
    """roadmaps.md with its `title:` replaced by the mis-decoded text of its first heading, or
    removed (so the heading gives the title)."""
    text = fixture_text("roadmaps.md")
    heading = text.split("\n")[line_of("roadmaps.md", "# Roadmaps") - 1].removeprefix("# ")
    assert "ðŸ" in heading
    return text.replace("title: Roadmaps\n", f"title: {heading}\n" if keep_title else "")


@pytest.mark.parametrize("keep_title", [True, False], ids=["front-matter-title", "first-heading"])
def test_mis_decoded_title_is_repaired_in_title_and_nav(tmp_path, keep_title):
    built = build_tree(tmp_path, pages=("roadmaps.md",), changed={
        "roadmaps.md": _roadmaps_titled_from_its_heading(keep_title)}).built
    assert {"Roadmaps 🗺️": "planning/roadmaps.md"} in built.nav[1]["Planning"]
    html = built.page_html("planning/roadmaps.md")
    assert one(html, "title").text == "Roadmaps 🗺️ - Product Management Handbook"
    assert not any(marker in html for marker in MOJIBAKE)


def test_mis_decoded_front_matter_is_reported_once_as_mis_decoded(tmp_path):
    # The mis-decoded emoji holds U+008F, a control character YAML refuses: the front matter is
    # read from the repaired text, so there is no "front matter could not be read" as well.
    roadmaps = build_tree(tmp_path, pages=("roadmaps.md",), changed={
        "roadmaps.md": _roadmaps_titled_from_its_heading(keep_title=True)})
    title_line = line_of("roadmaps.md", "title:")
    assert [subject(p.text) for p in roadmaps.about("roadmaps.md", title_line)] == ["mis-decoded"]
    assert [p.text for p in roadmaps.about("roadmaps.md") if p.line is None] == []


@pytest.mark.parametrize(("page", "gone"), [
    ("roadmaps.md", ["Back to Planning", "Next: Stakeholder interviews"]),
    ("stakeholder-interviews.md", ["Previous: Roadmaps", "Next: Discovery"]),
    ("writing-a-brief.md", ["Next:"]),
    ("okrs.md", ["Next: Roadmaps"]),
])
def test_hand_written_prev_next_block_is_left_out(site, page, gone):
    html = article(site.built.page_html(f"{FOLDER}/{page}"))
    text = " ".join(e.text for tag in ("p", "div", "a") for e in elements(html, tag))
    for label in gone:
        assert label not in text
    assert elements(html, cls="nav-buttons") == [] and elements(html, cls="btn") == []


def test_further_reading_that_starts_with_next_and_back_is_kept(site):
    html = article(site.built.page_html(f"{FOLDER}/writing-a-brief.md"))
    items = [" ".join(e.text.split()) for e in elements(html, "li")]
    assert "Next steps after a brief" in items
    assert "Back to basics: problem statements" in items


@pytest.mark.parametrize("page", PAGES)
def test_footer_has_prev_and_next_from_the_nav(site, page):
    src = f"{FOLDER}/{page}"
    order = site.built.pages
    here = order.index(src)
    html = site.built.page_html(src)
    footer = html[html.index('<footer class="md-footer">'):]
    for rel, neighbour in (("prev", here - 1), ("next", here + 1)):
        links = [e for e in elements(footer, "a") if e.attrs.get("rel") == rel]
        if 0 <= neighbour < len(order):
            [link] = links
            assert "md-footer__link" in link.classes
            assert built_target(site.built, src, link.attrs["href"]) == (
                site.built.site_dir / page_url(order[neighbour]) / "index.html")
        else:
            assert links == []


@pytest.mark.parametrize(("page", "text", "href", "target"), [
    ("roadmaps.md", "how we set OKRs", "../okrs/", "planning/okrs.md"),  # site-root, by permalink
    ("roadmaps.md", "the OKR template", "../okrs/#template", "planning/okrs.md"),  # extensionless
    ("okrs.md", "Roadmaps", "../roadmaps/", "planning/roadmaps.md"),  # extensionless
    ("stakeholder-interviews.md", "discovery section", "../../discovery/interview-notes/",
     "discovery/interview-notes.md"),  # site-root, by the permalink it kept
])
def test_old_style_link_to_an_existing_page_points_to_its_built_url(site, page, text, href, target):
    src = f"{FOLDER}/{page}"
    html = article(site.built.page_html(src))
    link = one(html, "a", text=text, href=href)
    opened = built_target(site.built, src, link.attrs["href"])
    assert opened == site.built.site_dir / page_url(target) / "index.html"
    assert opened.is_file()
    if "#" in href:
        assert href.split("#")[1] in ids(opened.read_text(encoding="utf-8"))


@pytest.mark.parametrize("page", [p for p in PAGES if p != "writing-a-brief.md"])
def test_description_is_the_meta_description(site, page):
    html = site.built.page_html(f"{FOLDER}/{page}")
    meta = one(html, "meta", name="description")
    assert meta.attrs["content"] == front_matter(page)["description"]


def test_social_image_that_exists_is_the_og_image(site):
    src = f"{FOLDER}/okrs.md"
    html = site.built.page_html(src)
    image = one(html, "meta", property="og:image")
    assert built_target(site.built, src, image.attrs["content"]) == (
        site.built.site_dir / "assets/images/okr-card.png")
    assert (site.built.site_dir / "assets/images/okr-card.png").is_file()


def test_missing_social_image_gives_no_og_image_and_a_warning_at_its_line(site):
    html = site.built.page_html(f"{FOLDER}/roadmaps.md")
    assert [e for e in elements(html, "meta") if e.attrs.get("property") == "og:image"] == []
    [warning] = [p for p in site.about("roadmaps.md") if subject(p.text).startswith("social")]
    assert warning.line == line_of("roadmaps.md", "image:")
    assert "'/assets/images/roadmap-card.png'" in warning.text


def test_page_without_front_matter_is_titled_from_its_first_heading(site):
    assert not fixture_text("writing-a-brief.md").startswith("---")
    assert fixture_text("writing-a-brief.md").startswith("# Writing a product brief\n")
    assert {"Writing a product brief": "planning/writing-a-brief.md"} in site.built.nav
    html = site.built.page_html(f"{FOLDER}/writing-a-brief.md")
    assert one(html, "title").text == "Writing a product brief - Product Management Handbook"


# --- Jekyll keys, permalinks and correct text, built strictly -----------------------------------

JEKYLL_KEYS_PAGES = {
    "index.md": """
        ---
        title: Home
        nav_order: 1
        ---
        # Home

        Start with [pricing](/docs/pricing/) or [the same page](/docs/pricing).
        """,
    "guides.md": "---\ntitle: Guides\nnav_order: 2\n---\n# Guides\n\nGuides.\n",
    "guides/pricing.md": """
        ---
        layout: default
        title: Pricing
        parent: Guides
        nav_order: 1
        permalink: /docs/pricing/
        description: How we decide what to charge.
        image: /assets/images/pricing.png
        tags: [pricing, strategy]
        ---
        # Pricing

        Charge for the value, not the cost.
        """,
    "assets/images/pricing.png": b"\x89PNG\r\n\x1a\n pricing",
}


def test_jekyll_keys_build_strictly_without_warnings(build_site):
    built = build_site(JEKYLL_KEYS_PAGES, strict=True)
    assert not built.aborted
    assert built.messages == []
    html = built.page_html("guides/pricing.md")
    assert one(html, "meta", name="description").attrs["content"] == "How we decide what to charge."
    assert [e.text.strip() for e in elements(article(html), "span", cls="md-tag")] == [
        "pricing", "strategy"]


def test_permalink_makes_a_site_root_link_to_it_resolve(build_site):
    built = build_site(JEKYLL_KEYS_PAGES, strict=True)
    html = article(built.page_html("index.md"))
    for text in ("pricing", "the same page"):
        link = one(html, "a", text=text)
        assert link.attrs["href"] == "guides/pricing/"
        assert built_target(built, "index.md", link.attrs["href"]).is_file()


def test_unknown_key_beside_jekyll_keys_is_still_reported(build_site):
    # The check that lets the Jekyll keys through still catches a key it does not know.
    pages = dict(JEKYLL_KEYS_PAGES)
    pages["guides/pricing.md"] = pages["guides/pricing.md"].replace(
        "layout: default", "layout: default\n        layuot: wide")
    built = build_site(pages, strict=False)
    assert [m for m in built.messages if "unknown key 'layuot'" in m] != []


CORRECT_TEXT = """
    ---
    title: Café culture 🚀
    nav_order: 2
    description: Naïve “quotes” and emoji 🚀, all correct UTF-8.
    ---
    # Café culture 🚀

    A naïve plan meets a “real” customer — and the résumé says “déjà vu”… 🎯 ✅

    The budget is 5\u00a0000\u00a0€; « café\u00a0» and „Grüße“ and “CAFÉ” are right as written.

    - Ångström, São Paulo, Zoë’s, Øresund, Straße, piñata
    """


def test_valid_text_with_quotes_emoji_and_accents_reports_nothing(build_site):
    built = build_site({"index.md": "---\ntitle: Home\nnav_order: 1\n---\n# Home\n",
                        "cafe.md": CORRECT_TEXT}, strict=True)
    assert not built.aborted
    assert built.messages == []
    assert {"Café culture 🚀": "cafe.md"} in built.nav
    html = built.page_html("cafe.md")
    assert one(html, "title").text == "Café culture 🚀 - Product Management Handbook"
    text = " ".join(e.text for e in elements(article(html), "p") + elements(article(html), "li"))
    assert "A naïve plan meets a “real” customer — and the résumé says “déjà vu”… 🎯 ✅" in text
    assert "5\u00a0000\u00a0€; « café\u00a0» and „Grüße“ and “CAFÉ” are right as written." in text
    assert "Ångström, São Paulo, Zoë’s, Øresund, Straße, piñata" in text
