"""Clean-up of Jekyll pages: mis-decoded text repaired, hand-written prev/next blocks removed."""

from __future__ import annotations

import random
import re
import textwrap
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (registers "sloppy-windows-1252")
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handbook.jekyll.mojibake import SUSPECT, Mojibake, repair_encoding
from handbook.jekyll.pager_blocks import PagerBlock, find_pager_blocks, remove_blocks

FIXTURES = Path(__file__).parent / "fixtures" / "jekyll"


def misdecode(text: str) -> str:
    """What a page shows when its UTF-8 is read as Windows-1252, the way browsers read it."""
    return text.encode("utf-8").decode("sloppy-windows-1252")


def page(source: str) -> str:
    return textwrap.dedent(source).lstrip("\n")


# --- repair_encoding ----------------------------------------------------------------------------

@pytest.mark.parametrize(("bad", "good"), [
    ("Iâ€™ll write the brief.", "I’ll write the brief."),
    ("Launch ðŸš€ day", "Launch 🚀 day"),
    ("ðŸ‘ˆ Back to Planning", "👈 Back to Planning"),
    ("5Â\u00a0000 users", "5\u00a0000 users"),
    ("â€œOutcomesâ€\x9d over outputs", "“Outcomes” over outputs"),
    ("the cafÃ© chat", "the café chat"),
    ("# Roadmaps ðŸ—ºï¸\x8f", "# Roadmaps 🗺️"),
    ("Ã‰tÃ© planning", "Été planning"),
])
def test_repairs_mis_decoded_text(bad, good):
    repaired, found = repair_encoding(bad)
    assert repaired == good
    assert [m.line for m in found] == [1]


def test_runs_are_whole_words_an_editor_can_search_for():
    _, found = repair_encoding("Intro\nIâ€™ll say ðŸš€ and donâ€™t stop.", first_line=10)
    assert found == [Mojibake(11, (("Iâ€™ll", "I’ll"), ("ðŸš€", "🚀"), ("donâ€™t", "don’t")))]


@pytest.mark.parametrize("clean", [
    "Plain ASCII text with 'straight' quotes and &amp; entities.",
    "Curly “quotes” and ‘single’ ones, it’s fine — really… 🚀 👉 🗺️",
    "café, naïve, résumé’s, Zürich’s, São Paulo, à la carte, 5\u00a0000\u00a0€",
    "Ligatures ﬁ and full-width ＡＢＣ and combining e\u0301 stay as written.",
    "A café… and “naïve” — words next to punctuation.",
    "HTML stays: &lt;b&gt; &rarr; &nbsp; <span>ok</span>",
    "Emoji sequences: 👩\u200d💻 👍🏽 ✅ ⚠️ ❤️",
])
def test_never_changes_correct_text(clean):
    repaired, found = repair_encoding(clean)
    assert repaired is clean
    assert found == []


def test_code_is_left_as_written():
    text = page("""
        Iâ€™ll fix this line.

        ```text
        Iâ€™ll stay: a fenced example of mojibake.
        ```

        ~~~
        ðŸš€ stays too
        ~~~

        !!! note
            ```
            Iâ€™ll stay inside an admonition's fence.
            ```

        Inline `Iâ€™ll` stays, but Iâ€™ll is fixed.
        """)
    repaired, found = repair_encoding(text)
    assert [m.line for m in found] == [1, 16]
    assert repaired.count("Iâ€™ll") == 3 and "ðŸš€ stays" in repaired
    assert "Inline `Iâ€™ll` stays, but I’ll is fixed." in repaired


@pytest.mark.parametrize(("bad", "good"), [
    # Windows-1252 has no character for 0x9D, 0x8F or 0x8D: converters drop them or write U+FFFD.
    ("â€œOutcomesâ€ over outputs", "“Outcomes” over outputs"),
    ("â€œOutcomesâ€\ufffd over outputs", "“Outcomes” over outputs"),
    ("Roadmaps ðŸ—ºï¸ and more", "Roadmaps 🗺️ and more"),
    ("The PM ðŸ‘©â€ðŸ’» codes", "The PM 👩\u200d💻 codes"),
])
def test_restores_bytes_windows_1252_cannot_show(bad, good):
    assert repair_encoding(bad)[0] == good


def test_leaves_mojibake_it_cannot_repair_unreported():
    # 👍 ends in 0x8D; without it the emoji could be any of five, so nothing is guessed.
    text = "Thumbs ðŸ‘ up"
    assert repair_encoding(text) == (text, [])


WORDS = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJéèêàâçïîôöüñÉ", min_size=1, max_size=10
)
TOKENS = st.one_of(
    WORDS,
    WORDS.map(lambda w: f"“{w}”"),
    WORDS.map(lambda w: f"‘{w}’"),
    WORDS.map(lambda w: f"{w}’s"),
    WORDS.map(lambda w: f"{w}…"),
    WORDS.map(lambda w: f"({w}),"),
    st.sampled_from(["—", "–", "€", "£5", "©", "°", "5\u00a0km", "🚀", "👈", "👉", "🎯", "✅", "🗺️",
                     "⚠️", "👩\u200d💻", "&amp;", "`code`", "**bold**"]),
)
SENTENCES = st.lists(TOKENS, min_size=1, max_size=12).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.text().filter(lambda t: not SUSPECT.search(t)))
def test_property_text_without_the_pattern_is_never_changed(text):
    assert repair_encoding(text) == (text, [])


@settings(max_examples=300, deadline=None)
@given(st.lists(SENTENCES, min_size=1, max_size=4).map("\n".join))
def test_property_correct_text_is_never_changed(text):
    assert repair_encoding(text) == (text, [])


@settings(max_examples=300, deadline=None)
@given(st.lists(SENTENCES, min_size=1, max_size=4))
def test_property_mis_decoded_text_is_repaired(lines):
    # Every other line mis-decoded: pages mix correct UTF-8 with mojibake.
    bad = [misdecode(line) if i % 2 == 0 else line for i, line in enumerate(lines)]
    repaired, found = repair_encoding("\n".join(bad))
    assert repaired == "\n".join(lines)
    assert all(m.line % 2 == 1 for m in found)


@settings(max_examples=200, deadline=None)
@given(st.lists(TOKENS.filter(lambda t: "€" not in t and "\u00a0" not in t), min_size=1, max_size=8)
       .map(" ".join))
def test_property_strict_cp1252_mojibake_is_repaired(line):
    # Python's strict codec fails on 0x8D, 0x8F, 0x9D: leave those characters out here.
    try:
        bad = line.encode("utf-8").decode("cp1252")
    except UnicodeDecodeError:
        return
    assert repair_encoding(bad)[0] == line


def test_clean_pages_with_emoji_quotes_and_accents_are_left_alone():
    """Correct text that shares characters with mojibake is never "repaired" (its speed is
    measured by bench/unit_speed.py)."""
    rng = random.Random(7)
    words = "roadmap outcome stakeholder discovery interview backlog team the of to and".split()
    extras = ["I’ll", "“quoted”", "🚀", "👉", "🗺️", "—", "…", "it’s", "café", "naïve"]
    for _ in range(200):
        tokens = [rng.choice(words) if rng.random() < 0.95 else rng.choice(extras)
                  for _ in range(600)]
        text = " ".join(tokens)[:4000]
        assert repair_encoding(text) == (text, [])


# --- find_pager_blocks --------------------------------------------------------------------------

NAV_BUTTONS = """\
<div class="nav-buttons">
    <a href="/docs/planning/index" class="btn btn-secondary">👈 Back to Planning</a>
    <a href="/docs/planning/okrs" class="btn btn-primary">Next: OKRs 👉</a>
</div>"""


@pytest.mark.parametrize(("block", "links"), [
    (NAV_BUTTONS, ("/docs/planning/index", "/docs/planning/okrs")),
    (misdecode(NAV_BUTTONS), ("/docs/planning/index", "/docs/planning/okrs")),
    ("[← Previous](okrs.md) | [Next →](interviews.md)", ("okrs.md", "interviews.md")),
    ("[Next: Roadmaps](roadmaps){: .btn .btn-primary }", ("roadmaps",)),
    ("**Next:** [Roadmaps](roadmaps.md)", ("roadmaps.md",)),
    ("[« Back to the index](/docs/)", ("/docs/",)),
    ("Previous: [OKRs](okrs.md) · Next: [Interviews](interviews.md)", ("okrs.md", "interviews.md")),
    ("[Continue to interviews](interviews.md)", ("interviews.md",)),
    ("[Up: Planning](../index.md)", ("../index.md",)),
    ("[:arrow_left: OKRs](okrs.md)", ("okrs.md",)),
    ("⬅️ [OKRs](okrs.md)", ("okrs.md",)),
    ("[![Next](arrow.png)](interviews.md)", ("interviews.md",)),
    ('<p align="center"><a href="a.html">&larr; OKRs</a> | '
     '<a href="b.html">Roadmaps &rarr;</a></p>', ("a.html", "b.html")),
    ('<nav class="pagination">\n  <a href="a.html">OKRs</a>\n'
     '  <a href="b.html">Roadmaps</a>\n</nav>', ("a.html", "b.html")),
    ("[Previous][prev] · [Next][next]\n\n[prev]: okrs.md\n[next]: interviews.md",
     ("okrs.md", "interviews.md")),
    ("[ðŸ‘ˆ OKRs](okrs.md)", ("okrs.md",)),  # tolerated before repair too
    ("[← OKRs](okrs.md)\n[Roadmaps →](roadmaps.md)", ("okrs.md", "roadmaps.md")),
])
def test_finds_pager_blocks(block, links):
    text = f"# Planning\n\nSome words about planning.\n\n{block}\n"
    lines = block.split("\n\n")[0].count("\n") + 1
    assert find_pager_blocks(text) == [PagerBlock(5, 4 + lines, links)]


@pytest.mark.parametrize("text", [
    "We keep the [roadmap](roadmaps.md) next to the [OKRs](okrs.md) and go back to it monthly.",
    "- [Next steps](next-steps.md)\n- [Back to basics](basics.md)",
    "1. [Next steps](next-steps.md)\n2. [Previous quarter](q1.md)",
    "## [Next](next.md)",
    "[Next](next.md)\n----",
    "```\n[← Previous](a.md) | [Next →](b.md)\n```",
    "~~~md\n[Next →](b.md)\n~~~",
    "!!! note\n    ```\n    [Next →](b.md)\n    ```",
    "    [Next →](b.md)",
    "[Roadmaps](roadmaps.md)",
    "[Roadmaps](roadmaps.md) | [OKRs](okrs.md)",
    "[Back to top](#top)",
    "![Previous](arrow.png) [Roadmaps](roadmaps.md)",
    "> [Next →](b.md)",
    "| [Next](a.md) | [Back](b.md) |\n|---|---|\n| x | y |",
    '<div class="callout"><a href="okrs.md">OKRs</a> are covered on their own page.</div>',
    "Continue reading: [the OKR guide](okrs.md) explains how we score key results.",
    "[Follow up with stakeholders](follow-up.md)",
    # Buttons and calls to action are content, not a previous/next pair.
    "[Start the course](start.md){: .btn .btn-primary .fs-5 } [Read the source](https://example.org){: .btn }",
    "[Link button](https://example.org){: .btn }",
    "[Outline button](https://example.org){: .btn .btn-outline }",
    "👉 **[Ask for a seat](https://example.org/seat)**",
    '<a href="apply.md" class="btn btn-green">Apply</a>',
])
def test_does_not_flag_content(text):
    assert find_pager_blocks(f"# Planning\n\n{text}\n\nMore words.\n") == []


def test_front_matter_and_first_line():
    text = "---\ntitle: Next\nnext: '[Next](a.md)'\n---\n\n[Next →](b.md)\n"
    assert find_pager_blocks(text) == [PagerBlock(6, 6, ("b.md",))]
    body = "[Next →](b.md)\n"
    assert find_pager_blocks(body, first_line=6) == [PagerBlock(6, 6, ("b.md",))]


def test_unclosed_div_is_not_a_block():
    text = '<div class="nav-buttons">\n<a href="a.md">Next</a>\n\n' + "Words.\n\n" * 50
    assert find_pager_blocks(text) == []


# --- remove_blocks ------------------------------------------------------------------------------

PAGE = page("""
    # Roadmaps

    Plan in outcomes.

    [← OKRs](okrs.md) | [Interviews →](interviews.md)

    ## Cadence

    Review monthly.

    <div class="nav-buttons">
      <a href="okrs.md" class="btn">Back</a>
    </div>
    """)


def test_remove_blocks_keeps_line_numbers():
    blocks = find_pager_blocks(PAGE)
    assert [(b.start_line, b.end_line) for b in blocks] == [(5, 5), (11, 13)]
    cleaned = remove_blocks(PAGE, blocks)
    assert cleaned.count("\n") == PAGE.count("\n")
    assert cleaned.split("\n")[6] == "## Cadence"
    assert "okrs.md" not in cleaned


def test_remove_blocks_can_drop_lines_and_collapse_blanks():
    cleaned = remove_blocks(PAGE, find_pager_blocks(PAGE), drop_lines=True)
    assert cleaned == "# Roadmaps\n\nPlan in outcomes.\n\n## Cadence\n\nReview monthly.\n"


def test_drop_lines_keeps_text_around_a_block_apart():
    text = "Before.\n\n<div class=\"pager\">\n<a href=\"a.md\">Next</a>\n</div>\nAfter.\n"
    blocks = find_pager_blocks(text)
    assert blocks == [PagerBlock(3, 5, ("a.md",))]
    assert remove_blocks(text, blocks, drop_lines=True) == "Before.\n\nAfter.\n"
    # Blocks from elsewhere may sit between two lines of text: they must not run together.
    assert remove_blocks("One.\nX\nTwo.\n", [PagerBlock(2, 2, ())], drop_lines=True) == \
        "One.\n\nTwo.\n"
    assert remove_blocks(text, []) is text


def test_remove_blocks_with_first_line():
    body = "Intro.\n\n[Next →](b.md)\n"
    blocks = find_pager_blocks(body, first_line=20)
    assert blocks == [PagerBlock(22, 22, ("b.md",))]
    assert remove_blocks(body, blocks, first_line=20) == "Intro.\n\n\n"


def _alternatives() -> list[str]:
    """Every text a pager's first line may start with, one per alternative of the patterns."""
    from handbook.jekyll import pager_blocks

    marks = re.sub(r"\\(.)", r"\1", pager_blocks._OPENING_MARKS)
    return [*marks, *(word + " " for word in pager_blocks._OPENING_WORDS),
            *pager_blocks._ARROW_FORMS, "\ufe0f"]


def test_the_first_character_test_lets_every_pager_opening_through():
    # _CANDIDATE_LINE asks one character class before its alternatives: any character the
    # alternatives can start with (in either case) must pass it. Outside ASCII every character
    # passes; inside, each that fails must start none of the alternatives.
    from handbook.jekyll import pager_blocks

    first = re.compile(pager_blocks._OPENING_FIRST, re.IGNORECASE)
    looks = [re.compile(re.escape(text[0]), re.IGNORECASE) for text in _alternatives()]
    turned_away = [chr(c) for c in range(128) if not first.match(chr(c))]
    assert turned_away and not [c for c in turned_away if any(look.match(c) for look in looks)]
    assert all(first.match(chr(c)) for c in range(128, 0x110000))


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(["\n", "\n\n", "\n \n", "\n```\n", " ", "\t", "x",
                                           "up", "Up", "UP", "ſection", "İndex", "\u212aey"]),
                          st.sampled_from(_alternatives()), st.characters()),
                max_size=30).map("".join))
def test_the_first_character_test_finds_what_the_alternatives_alone_find(text):
    from unittest import mock

    from handbook.jekyll import pager_blocks
    found = pager_blocks._candidate_starts(text, 0)
    alone = re.compile(pager_blocks._CANDIDATE_LINE.pattern.replace(
        f"(?={pager_blocks._OPENING_FIRST})", ""), re.IGNORECASE)
    assert alone.pattern != pager_blocks._CANDIDATE_LINE.pattern
    with mock.patch.object(pager_blocks, "_CANDIDATE_LINE", alone):
        assert pager_blocks._candidate_starts(text, 0) == found


def _with_marks(marks: str):
    """The patterns of pager_blocks built from other opening marks."""
    from handbook.jekyll import pager_blocks as pb

    opening = re.compile(rf"(?i)[{marks}]|(?:{'|'.join(pb._OPENING_WORDS)})\b")
    first = (rf"[{marks}{''.join(sorted({word[0] for word in pb._OPENING_WORDS}))}]"
             r"|(?-i:[^\x00-\x7f])")
    candidate = re.compile(
        rf"\n[ \t]*((?:`{{3,}}|~{{3,}})[ \t]*)?\n[ \t]*(?={first})(?="
        + opening.pattern.removeprefix("(?i)") + "|" + pb._ARROW_RE.pattern + ")", re.IGNORECASE)
    return opening, first, candidate


def test_the_patterns_are_built_from_the_marks():
    from handbook.jekyll import pager_blocks as pb

    opening, first, candidate = _with_marks(pb._OPENING_MARKS)
    assert (opening.pattern, first, candidate.pattern) == (
        pb._PAGER_OPENING.pattern, pb._OPENING_FIRST, pb._CANDIDATE_LINE.pattern)


PAGER_PIECES = st.sampled_from([
    "!!! tip", "!!! note \"Next\"", "![a](b.png)", "![Next](arrow.png) [Next](b.md)", "!",
    "![← Prev](a.md)", "!\\[Next](b.md)", "![x](y) ![z](w)", "[Next →](b.md)",
    "[![Next](n.png)](b.md)", "← [Prev](a.md)", "!<a href='a.md'>Next</a>",
    "<a href='a.md'>Next</a>", "!{: .pager } [Next](b.md)",
    "Words.", "To the [next](b.md)", "    [Next](b.md)", "```", "\n", "\n\n", "\n \n", " ", "!!",
])


@settings(max_examples=1500, deadline=None)
@given(st.lists(PAGER_PIECES, max_size=14).map("".join))
def test_a_block_that_starts_with_an_exclamation_mark_is_never_a_pager(text):
    # `!` is not among the opening marks: with it, the same blocks are found.
    from unittest import mock

    from handbook.jekyll import pager_blocks as pb
    found = pb.find_pager_blocks(text)
    opening, first, candidate = _with_marks(pb._OPENING_MARKS + "!")
    with mock.patch.multiple(pb, _PAGER_OPENING=opening, _OPENING_FIRST=first,
                             _CANDIDATE_LINE=candidate):
        assert pb.find_pager_blocks(text) == found


# --- The Jekyll fixtures -------------------------------------------------------------------------

EXPECTED = {
    # file: (lines with mojibake, pager blocks as (start, end))
    "roadmaps.md": ([12, 23, 31, 38, 43, 44], [(42, 45)]),
    "stakeholder-interviews.md": ([24, 34, 36], [(43, 43)]),
    "writing-a-brief.md": ([19], [(32, 32)]),
    "okrs.md": ([23], [(27, 27)]),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_pages(name):
    mojibake_lines, pager_lines = EXPECTED[name]
    text = (FIXTURES / name).read_text(encoding="utf-8")
    repaired, found = repair_encoding(text)
    assert [m.line for m in found] == mojibake_lines
    assert repair_encoding(repaired) == (repaired, [])  # nothing left over, nothing overdone
    for marker in ("â€", "ðŸ", "Ã", "Â"):
        code = repaired.split("```")[1] if "```" in repaired else ""
        assert marker not in repaired.replace(code, "")
    blocks = find_pager_blocks(repaired)
    assert [(b.start_line, b.end_line) for b in blocks] == pager_lines
    assert find_pager_blocks(text) == blocks  # the mis-decoded page gives the same answer
    cleaned = remove_blocks(repaired, blocks, drop_lines=True)
    assert find_pager_blocks(cleaned) == []
    assert cleaned.endswith("\n") and not cleaned.endswith("\n\n")


def test_fixture_page_details():
    roadmaps = repair_encoding((FIXTURES / "roadmaps.md").read_text(encoding="utf-8"))[0]
    assert "# Roadmaps 🗺️\n" in roadmaps
    assert "I’ll say it again: “the roadmap is a conversation” — not a contract." in roadmaps
    blocks = find_pager_blocks(roadmaps)
    assert blocks[0].links == ("/docs/planning/index", "/docs/planning/stakeholder-interviews")
    brief = (FIXTURES / "writing-a-brief.md").read_text(encoding="utf-8")
    assert "Keep the “non-goals” list short – three items" in repair_encoding(brief)[0]
    assert "naïve" in brief and "naïve" in repair_encoding(brief)[0]
