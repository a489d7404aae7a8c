"""Page governance: review periods, the overdue notice, the page's facts, the Review status page,
`pages.json` with dates from git, and link-preview tags."""

from __future__ import annotations

import datetime
import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import build_docs, write_tree
from handbook.pages.frontmatter import read_page
from handbook.governance.reviews import (
    add_period,
    governance_problems,
    json_lines,
    review_of,
    today,
)
from handbook.pages.schema import validate
from handbook.build.site import build_site

D = datetime.date
TODAY = "2026-11-23"


def record(front_matter: str, path: str = "page.md"):
    page, problems = read_page(f"---\n{front_matter}\n---\n# Page\n".encode(), path)
    assert problems == []
    return validate(page)


@pytest.mark.parametrize("start, period, due", [
    (D(2026, 3, 1), "90 days", D(2026, 5, 30)),
    (D(2026, 3, 1), "6 weeks", D(2026, 4, 12)),
    (D(2026, 3, 1), "6 months", D(2026, 9, 1)),
    (D(2026, 3, 1), "1 year", D(2027, 3, 1)),
    (D(2026, 8, 31), "6 months", D(2027, 2, 28)),   # no 31 February: the month's last day
    (D(2027, 8, 31), "6 months", D(2028, 2, 29)),   # leap year
    (D(2024, 2, 29), "1 year", D(2025, 2, 28)),
    (D(2026, 11, 30), "3 Months", D(2027, 2, 28)),  # case and plural are forgiven
    (D(2026, 1, 15), "1 day", D(2026, 1, 16)),
])
def test_review_periods(start, period, due):
    assert add_period(start, period) == due


@pytest.mark.parametrize("last_reviewed, review_in, status, days_left", [
    ("2025-11-22", "1 year", "overdue", -1),
    ("2025-11-23", "1 year", "due-soon", 0),       # due today: not yet overdue
    ("2026-06-10", "6 months", "due-soon", 17),
    ("2026-06-23", "6 months", "due-soon", 30),
    ("2026-06-24", "6 months", "current", 31),
    ("2026-05-24", None, "due-soon", 1),          # no review_in: 6 months
])
def test_review_status_as_of_a_day(last_reviewed, review_in, status, days_left):
    front = f"title: P\nowner: Team\nlast_reviewed: {last_reviewed}"
    if review_in:
        front += f"\nreview_in: {review_in}"
    page, problems = record(front)
    review = review_of(page, D(2026, 11, 23))
    assert (review.status, review.days_left, review.overdue) == (status, days_left, status == "overdue")


def test_a_page_without_review_dates_is_unknown_and_noted_not_failed():
    page, _ = record("title: P")
    review = review_of(page, D(2026, 11, 23))
    assert (review.status, review.due, review.owner) == ("unknown", None, None)
    [note] = governance_problems(page, D(2026, 11, 23))
    assert note.severity == "info"
    assert "no owner and no last_reviewed" in note.message
    assert "`owner: " in note.message and "`last_reviewed: YYYY-MM-DD`" in note.message
    assert "2026-11-23" not in note.message  # today's date would record a review that never happened


def test_a_review_date_in_the_future_is_a_warning_on_its_line():
    page, _ = record("title: P\nowner: Team\nlast_reviewed: 2027-01-05")
    [problem] = governance_problems(page, D(2026, 11, 23))
    assert (problem.line, problem.severity) == (4, "warning")
    assert "2027-01-05 is after today (2026-11-23)" in problem.message


@pytest.mark.parametrize("line, says", [
    ("last_reviewed: 01/03/2026", "last_reviewed is the text '01/03/2026', but it must be a date written YYYY-MM-DD"),
    ("last_reviewed: 2026-02-30", "last_reviewed is the text '2026-02-30'"),
    ("review_in: 6 monhts", "review_in is the text '6 monhts', but it must be a period such as `90 days`"),
    ("review_in: 6", "review_in is 6, but it must be a period"),
    ("review_in: 0 days", "review_in is the text '0 days'"),
    ("owner: ''", "owner is blank text, but it must be a team or person"),
])
def test_bad_governance_values_name_the_key_line_and_an_example(line, says):
    page, problems = read_page(f"---\ntitle: P\n{line}\n---\n".encode(), "p.md")
    _, problems = validate(page)
    [problem] = problems
    assert problem.line == 3 and problem.severity == "error"
    assert says in problem.message
    assert any(fix in problem.message for fix in ("for example", "in quotes", "`last_reviewed: 20",
                                                 "there is no day"))


def test_today_comes_from_the_environment_or_the_clock():
    assert today({"HANDBOOK_TODAY": "2026-01-31"}) == D(2026, 1, 31)
    assert today({}) == datetime.date.today()
    with pytest.raises(ValueError, match="HANDBOOK_TODAY='31/01/2026' is not a date; write it as YYYY-MM-DD"):
        today({"HANDBOOK_TODAY": "31/01/2026"})


# --- Real builds --------------------------------------------------------------------------------

PAGES = {
    "index.md": """
        ---
        title: Home
        nav_order: 1
        owner: Handbook editors
        last_reviewed: 2026-10-01
        review_in: 1 year
        ---
        # Home

        Welcome.
        """,
    "guide/index.md": """
        ---
        title: Guide
        nav_order: 2
        owner: Platform <team> & friends
        last_reviewed: 2025-09-10
        review_in: 1 year
        ---
        # Guide

        Old advice.
        """,
    "guide/soon.md": """
        ---
        title: Soon | due
        parent: Guide
        owner: Platform <team> & friends
        last_reviewed: 2026-06-10
        review_in: 6 months
        ---
        Body without its own heading.
        """,
    "guide/later.md": """
        ---
        title: Later
        parent: Guide
        owner: Research ops
        last_reviewed: 2026-02-02
        review_in: 90 days
        ---
        # Later
        """,
    "orphan.md": """
        ---
        title: Nobody's page
        nav_order: 3
        ---
        # Nobody's page
        """,
    "review-status.md": """
        ---
        title: Review status
        nav_order: 9
        owner: Handbook editors
        last_reviewed: 2026-11-01
        ---
        # Review status

        <!-- handbook:review-status -->
        """,
}


@pytest.fixture
def governed(tmp_path, monkeypatch):
    monkeypatch.setenv("HANDBOOK_TODAY", TODAY)
    write_tree(tmp_path / "docs", PAGES)
    return build_docs(tmp_path / "docs", tmp_path / "site", strict=True)


def article(html: str) -> str:
    return html.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]


def test_governed_site_builds_strictly(governed):
    assert not governed.aborted, governed.messages
    assert governed.messages == []  # the page with no owner is a note, not a warning


def test_an_overdue_page_shows_the_notice_under_its_title(governed):
    body = article(governed.page_html("guide/index.md"))
    notice = re.search(r'<div class="admonition warning handbook-review-notice".*?</div>', body, re.S)
    assert notice, body
    assert body.index("</h1>") < notice.start()
    text = " ".join(re.sub(r"<[^>]+>", " ", notice.group(0)).split())
    assert text.startswith("Review overdue This page was due for review on 10 September 2026 by "
                           "Platform &lt;team&gt; &amp; friends.")
    assert '<time datetime="2026-09-10">' in notice.group(0)
    # Only the overdue pages carry it; a page with no heading of its own gets it under the fallback h1.
    assert "handbook-review-notice" in article(governed.page_html("guide/later.md"))
    for current in ("index.md", "guide/soon.md", "orphan.md"):
        assert "handbook-review-notice" not in governed.page_html(current), current


def test_every_page_states_its_owner_and_review_dates(governed):
    info = article(governed.page_html("guide/soon.md")).split('class="handbook-page-info"', 1)[1]
    text = " ".join(re.sub(r"<[^>]+>", " ", info).split())
    assert "Owner Platform &lt;team&gt; &amp; friends" in text
    assert "Last reviewed 10 June 2026" in text
    assert "Next review 10 December 2026" in text
    assert "(overdue)" not in text
    assert 'href="https://github.com/pm-handbook/handbook/edit/main/docs/guide/soon.md"' in info
    assert "Edit this page" in text
    orphan = " ".join(re.sub(r"<[^>]+>", " ", article(governed.page_html("orphan.md"))).split())
    assert "Owner Not set Last reviewed Not recorded" in orphan
    assert "Next review" not in orphan
    overdue = " ".join(re.sub(r"<[^>]+>", " ", article(governed.page_html("guide/index.md"))).split())
    assert "Next review 10 September 2026 (overdue)" in overdue


def test_pages_json_lists_every_page(governed):
    text = (governed.site_dir / "pages.json").read_text(encoding="utf-8")
    entries = json.loads(text)
    assert [e["path"] for e in entries] == sorted(PAGES)
    # A line a page, so that a diff or grep of two builds' files shows one page's change.
    lines = text.splitlines()
    assert lines[0] == "[" and lines[-1] == "]" and len(lines) == len(entries) + 2
    assert [json.loads(line.rstrip(",")) for line in lines[1:-1]] == entries
    by_path = {e["path"]: e for e in entries}
    assert by_path["guide/index.md"] == {
        "title": "Guide", "url": "guide/", "path": "guide/index.md",
        "owner": "Platform <team> & friends", "last_reviewed": "2025-09-10",
        "review_due": "2026-09-10", "overdue": True,
    }  # no last_updated: this docs folder is not in git
    assert by_path["guide/soon.md"]["overdue"] is False
    assert by_path["guide/soon.md"]["review_due"] == "2026-12-10"
    assert by_path["orphan.md"] == {
        "title": "Nobody's page", "url": "orphan/", "path": "orphan.md", "owner": None,
        "last_reviewed": None, "review_due": None, "overdue": False}
    assert by_path["guide/later.md"]["review_due"] == "2026-05-03"


def test_review_status_page_lists_overdue_and_due_soon_pages_by_owner(governed):
    body = article(governed.page_html("review-status.md"))
    text = " ".join(re.sub(r"<[^>]+>", " ", body).split())
    assert "As of 23 November 2026: 2 overdue , 1 due in the next 30 days, 2 up to date and 1 without a review date." in text
    overdue = body.split('id="overdue"', 1)[1].split('id="due-in-the-next-30-days"', 1)[0]
    # Owners in alphabetical order, each with its own table; links go to the pages.
    assert overdue.index("Platform &lt;team&gt; &amp; friends") < overdue.index("Research ops")
    assert '<a href="../guide/">Guide</a>' in overdue
    assert '<a href="../guide/later/">Later</a>' in overdue
    assert "10 September 2026 (74 days ago)" in overdue
    soon = body.split('id="due-in-the-next-30-days"', 1)[1].split('id="no-review-date"', 1)[0]
    assert '<a href="../guide/soon/">Soon | due</a>' in soon
    assert "10 December 2026 (in 17 days)" in soon
    unknown = body.split('id="no-review-date"', 1)[1]
    assert "Nobody&#x27;s page" in unknown or "Nobody's page" in unknown
    assert "(no owner)" in unknown


def test_a_malformed_today_stops_the_build_with_a_message(tmp_path, monkeypatch):
    monkeypatch.setenv("HANDBOOK_TODAY", "next tuesday")
    write_tree(tmp_path / "docs", {"index.md": "# Home\n"})
    built = build_docs(tmp_path / "docs", tmp_path / "site", strict=False)
    assert built.aborted
    assert any("HANDBOOK_TODAY='next tuesday' is not a date; write it as YYYY-MM-DD" in m
               for m in built.messages), built.messages


def git(cwd: Path, *args: str, date: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org"}
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{date}T12:00:00+00:00"
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def test_last_updated_comes_from_the_last_commit_touching_each_page(tmp_path, monkeypatch):
    monkeypatch.setenv("HANDBOOK_TODAY", TODAY)
    repo = tmp_path / "repo"
    write_tree(repo / "docs", {"index.md": "# Home\n", "a.md": "# A\n", "b é.md": "# B\n"})
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "first", date="2026-01-05")
    (repo / "docs" / "a.md").write_text("# A\n\nMore.\n", encoding="utf-8")
    git(repo, "commit", "-qam", "second", date="2026-03-09")
    (repo / "docs" / "new.md").write_text("# New\n", encoding="utf-8")  # not committed yet

    built = build_docs(repo / "docs", tmp_path / "site", strict=False)
    entries = {e["path"]: e for e in json.loads((built.site_dir / "pages.json").read_text("utf-8"))}
    assert entries["index.md"]["last_updated"] == "2026-01-05"
    assert entries["a.md"]["last_updated"] == "2026-03-09"
    assert entries["b é.md"]["last_updated"] == "2026-01-05"
    assert "last_updated" not in entries["new.md"]
    text = " ".join(re.sub(r"<[^>]+>", " ", article(built.page_html("a.md"))).split())
    assert "Last updated 9 March 2026" in text
    assert '<time datetime="2026-03-09">' in built.page_html("a.md")
    assert "Last updated" not in built.page_html("new.md")


def test_social_image_and_description_become_link_preview_tags(tmp_path, monkeypatch):
    monkeypatch.setenv("HANDBOOK_TODAY", TODAY)
    # A fork's own address (mkdocs.yml reads it): Open Graph images are absolute URLs under it.
    monkeypatch.setenv("HANDBOOK_SITE_URL", "https://handbook.example.org/pm/")
    svg = (Path(__file__).parent.parent / "docs/assets/images/double-diamond.svg").read_bytes()
    write_tree(tmp_path / "docs", {
        "index.md": "# Home\n",
        "assets/images/card.svg": svg,
        "guide/rooted.md": "---\ntitle: Rooted\ndescription: 'Roadmaps & <bets>'\nimage: /assets/images/card.svg\n---\n# Rooted\n",
        "guide/relative.md": "---\ntitle: Relative\nimage: ../assets/images/card.svg\n---\n# Relative\n",
        "guide/external.md": "---\ntitle: External\nimage: https://img.example.org/x.png\n---\n# External\n",
        "guide/missing.md": "---\ntitle: Missing\n\nimage: /assets/images/gone.png\n---\n# Missing\n",
    })
    built = build_docs(tmp_path / "docs", tmp_path / "site", strict=False)
    [message] = built.messages
    assert message.endswith("guide/missing.md:4: image '/assets/images/gone.png' is not a file in docs/, "
                            "so the page has no social image; copy the image into docs/assets/images/ "
                            "and give its path, e.g. `image: /assets/images/roadmap.png`")
    rooted = built.page_html("guide/rooted.md")
    assert '<meta name="description" content="Roadmaps &amp; &lt;bets&gt;">' in rooted
    assert '<meta property="og:description" content="Roadmaps &amp; &lt;bets&gt;">' in rooted
    card = "https://handbook.example.org/pm/assets/images/card.svg"
    assert f'<meta property="og:image" content="{card}">' in rooted
    assert '<link rel="canonical" href="https://handbook.example.org/pm/guide/rooted/">' in rooted
    assert '<meta name="twitter:card" content="summary_large_image">' in rooted
    assert f'<meta property="og:image" content="{card}">' in built.page_html("guide/relative.md")
    assert '<meta property="og:image" content="https://img.example.org/x.png">' in built.page_html("guide/external.md")
    missing = built.page_html("guide/missing.md")
    assert "og:image" not in missing and '<meta name="twitter:card" content="summary">' in missing


def test_social_image_is_absolute_when_the_site_url_is_known():
    from types import SimpleNamespace

    from handbook.build.mkdocs_glue import social_image_url

    site = build_site({"a/b.md": b"---\nimage: /img/x y.png\n---\n"}, assets={"img/x y.png"})
    assert site.images == {"a/b.md": "img/x y.png"}
    page = SimpleNamespace(file=SimpleNamespace(src_uri="a/b.md"), url="a/b/")
    assert social_image_url(site, page, "https://handbook.example.org/pm/") == \
        "https://handbook.example.org/pm/img/x%20y.png"
    assert social_image_url(site, page, None) == "../../img/x%20y.png"


@pytest.mark.parametrize(("front", "message"), [
    ("title: P", "no owner and no last_reviewed: readers cannot tell who keeps this page true or "
     "when it was last checked; add `owner: Platform product team` and `last_reviewed: "
     "YYYY-MM-DD` to the front matter (the date of the page's last full review)"),
    ("title: P\nlast_reviewed: 2026-01-05", "no owner: readers cannot tell who keeps this page "
     "true or when it was last checked; add `owner: Platform product team` to the front matter"),
    ("title: P\nowner: Team", "no last_reviewed: readers cannot tell who keeps this page true or "
     "when it was last checked; add `last_reviewed: YYYY-MM-DD` to the front matter (the date of "
     "the page's last full review)"),
])
def test_each_kind_of_missing_review_key_has_its_own_words(front, message):
    # The three messages are written once (MISSING_MESSAGES), not for each page.
    page, _ = record(front)
    [note] = [p for p in governance_problems(page, D(2026, 11, 23)) if p.severity == "info"]
    assert note.message == message


JSON_TEXTS = st.lists(st.sampled_from(["a", "}, {", "}", ", ", "{", '"', "\\", "\n", "é", "\u2028"]),
                      max_size=4).map("".join)


@settings(max_examples=500)
@given(st.lists(st.fixed_dictionaries({"title": JSON_TEXTS, "owner": st.none() | JSON_TEXTS,
                                       "overdue": st.booleans()}), max_size=5))
def test_pages_json_lines_are_each_entry_encoded_alone(entries):
    """json_lines encodes the whole list once and breaks it where it parts the entries; every
    entry encoded alone, one a line, is the reference, whatever their texts hold."""
    assert json_lines(entries) == ",\n".join(json.dumps(entry, ensure_ascii=False)
                                             for entry in entries)
