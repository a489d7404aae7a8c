"""The repository's own workflow files: CI runs what a developer runs, the deploy uses the official
Pages actions with full history, and CODEOWNERS agrees with the owners pages name."""

from __future__ import annotations

import fnmatch
import json
import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from handbook.cli import main as cli
from handbook.review.report import MARKER

from handbook.pages.frontmatter import read_page
from handbook.pages.schema import validate

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"

# CODEOWNERS names GitHub teams; front matter names the same teams in words.
TEAMS = {
    "@pm-handbook/handbook-editors": "Handbook editors",
    "@pm-handbook/product-practice": "Product practice team",
    "@pm-handbook/platform-product": "Platform product team",
    "@pm-handbook/public-sector-product": "Public sector product team",
    "@pm-handbook/product-leadership": "Product leadership group",
}


def workflow(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def steps(job: dict) -> list[dict]:
    return job["steps"]


def test_pull_request_workflow_runs_the_tests_and_the_strict_build_and_keeps_the_site():
    flow = workflow("pr.yml")
    assert "pull_request" in flow[True]  # YAML reads the key `on` as true
    job = flow["jobs"]["test"]
    runs = [step.get("run", "").strip() for step in steps(job)]
    assert ".ci/run" in runs and "make build" in runs
    assert runs.index(".ci/run") < runs.index("make build")
    checkout = next(s for s in steps(job) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # "Last updated" needs the history
    uploads = [s for s in steps(job) if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert "site" in [upload["with"]["path"].rstrip("/") for upload in uploads]


def test_pull_request_workflow_keeps_a_pdf_of_the_printable_handbook():
    job = workflow("pr.yml")["jobs"]["test"]  # the job that builds the site (beside report, comment)
    runs = [step.get("run", "").strip() for step in steps(job)]
    [pdf] = [run for run in runs if run.startswith(".ci/print-pdf")]
    assert runs.index("make build") < runs.index(pdf)
    site, output = pdf.split()[1:3]
    assert site == "site"
    upload = next(s for s in steps(job) if s.get("uses", "").startswith("actions/upload-artifact@")
                  and s["with"]["path"] == output)
    assert upload["with"]["if-no-files-found"] == "error"
    script = ROOT / ".ci" / "print-pdf"
    assert script.stat().st_mode & 0o111, "the script must be executable"
    assert "--print-to-pdf" in script.read_text(encoding="utf-8")


def test_deploy_workflow_publishes_with_the_official_pages_actions_and_rebuilds_daily():
    flow = workflow("deploy.yml")
    triggers = flow[True]
    assert triggers["push"]["branches"] == ["main"]
    assert triggers["schedule"], "overdue notices need a rebuild even when nothing is pushed"
    assert flow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    uses = [s.get("uses", "").split("@")[0] for job in flow["jobs"].values() for s in steps(job)]
    for action in ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert action in uses
    build = flow["jobs"]["build"]
    assert any(s.get("run", "").strip() == "make build" for s in steps(build))
    checkout = next(s for s in steps(build) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    # The site's address (sitemap, canonical links) is the one Pages publishes at, known before
    # the build.
    configure = next(s for s in steps(build) if s.get("uses", "").startswith("actions/configure-pages@"))
    make_build = next(s for s in steps(build) if s.get("run", "").strip() == "make build")
    assert steps(build).index(configure) < steps(build).index(make_build)
    assert make_build["env"]["HANDBOOK_SITE_URL"] == f"${{{{ steps.{configure['id']}.outputs.base_url }}}}/"


def test_pull_request_template_has_the_editors_checklist():
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert text.count("- [ ]") >= 5
    assert "handbook check" in text and "owner" in text


def codeowners() -> list[tuple[str, list[str]]]:
    rules = []
    for line in (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            pattern, *owners = line.split()
            rules.append((pattern, owners))
    return rules


def owners_of(path: str, rules: list[tuple[str, list[str]]]) -> list[str]:
    """GitHub's rule: the last matching pattern wins."""
    found: list[str] = []
    for pattern, owners in rules:
        anchored = pattern.lstrip("/")
        if anchored.endswith("/"):
            matched = path.startswith(anchored) if pattern.startswith("/") else f"/{anchored}" in f"/{path}"
        elif pattern == "*":
            matched = True
        else:
            matched = fnmatch.fnmatch(path, anchored) and "/" not in path[len(anchored.split("*")[0]):]
        if matched:
            found = owners
    return found


def test_codeowners_agrees_with_each_pages_owner():
    rules = codeowners()
    pages = sorted((ROOT / "docs").rglob("*.md"))
    assert len(pages) > 30
    for page in pages:
        path = page.relative_to(ROOT).as_posix()
        record, _ = validate(read_page(page.read_bytes(), path)[0])
        [team] = owners_of(path, rules)
        assert TEAMS.get(team) == record.owner, f"{path}: CODEOWNERS says {team}, page says {record.owner}"
    assert owners_of("hooks/navigation.py", rules) == ["@pm-handbook/maintainers"]
    assert owners_of("mkdocs.yml", rules) == ["@pm-handbook/maintainers"]


# ---------------------------------------------------------------------------------------------
# The pull-request report: `handbook diff` in the job summary and in one comment.

RUN_URL = "https://github.com/o/r/actions/runs/7"


def step_named(job: dict, words: str) -> dict:
    return next(s for s in steps(job) if words in s.get("name", ""))


def run_step(step: dict, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """A step's script as GitHub runs it (bash -eo pipefail), with the step's own env values
    replaced by `env` (expressions like ${{ github.base_ref }} cannot be evaluated here)."""
    assert set(step.get("env", {})) <= set(env), "every variable the step sets is given"
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                          cwd=cwd, env={**os.environ, **env}, capture_output=True, text=True,
                          check=False)


def fake_command(path: Path, script: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(0o755)


def test_pull_request_report_jobs_have_only_the_permissions_they_use():
    flow = workflow("pr.yml")
    jobs = flow["jobs"]
    assert flow["permissions"] == {"contents": "read"}
    assert "permissions" not in jobs["test"]
    assert jobs["report"]["permissions"] == {"contents": "read"}
    assert jobs["comment"]["permissions"] == {"pull-requests": "write"}
    assert jobs["comment"]["needs"] == "report"
    condition = jobs["comment"]["if"]  # a fork's pull request gets the summary, not a comment
    assert "github.event_name == 'pull_request'" in condition
    assert "github.event.pull_request.head.repo.full_name == github.repository" in condition
    for job in jobs.values():  # values reach scripts as environment variables, never spliced in
        assert all("${{" not in step.get("run", "") for step in steps(job))
    checkout = next(s for s in steps(jobs["report"]) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # the base branch is read from the history
    upload = next(s for s in steps(jobs["report"]) if s.get("uses", "").startswith("actions/upload-artifact@"))
    download = next(s for s in steps(jobs["comment"]) if s.get("uses", "").startswith("actions/download-artifact@"))
    assert upload["with"]["name"] == download["with"]["name"]
    assert upload["with"]["path"] == "comment.md"


@pytest.mark.parametrize("status, base_ref, job_fails", [
    (0, "main", False), (1, "main", False), (1, "", False), (2, "main", True)])
def test_report_step_writes_the_summary_and_fails_only_when_no_comparison(tmp_path, status,
                                                                          base_ref, job_fails):
    step = step_named(workflow("pr.yml")["jobs"]["report"], "handbook diff")
    fake_command(tmp_path / ".venv" / "bin" / "handbook", f"""
printf '%s\\n' "$@" > args.txt
while [ $# -gt 0 ]; do
  [ "$1" = --comment ] && printf 'the comment' > "$2"
  [ "$1" = --summary ] && printf 'the report\\n' >> "$2"
  shift
done
exit {status}
""")
    summary = tmp_path / "summary.md"
    done = run_step(step, tmp_path, {"BASE_REF": base_ref, "RUN_URL": RUN_URL,
                                     "GITHUB_STEP_SUMMARY": str(summary)})
    assert (done.returncode != 0) == job_fails, done.stderr
    assert summary.read_text() == "the report\n"
    args = (tmp_path / "args.txt").read_text().splitlines()
    assert args == ["diff", *(["origin/main"] if base_ref else []), "--comment", "comment.md",
                    "--summary", str(summary), "--run-url", RUN_URL]
    parsed = cli.build_parser().parse_args(args)  # the real command accepts these options
    assert parsed.run.__module__ == "handbook.cli.diff" and parsed.comment == Path("comment.md")
    assert parsed.summary == summary and parsed.run_url == RUN_URL
    assert (tmp_path / "comment.md").read_text() == "the comment"


@pytest.mark.parametrize("found, method, endpoint", [
    ("42\n57", "PATCH", "repos/o/r/issues/comments/42"),
    ("", "POST", "repos/o/r/issues/5/comments")])
def test_comment_step_updates_its_earlier_comment_or_posts_one(tmp_path, found, method, endpoint):
    step = step_named(workflow("pr.yml")["jobs"]["comment"], "Post the report")
    assert MARKER.startswith(step["env"]["MARKER"])  # the marker the report's comment starts with
    fake_command(tmp_path / "bin" / "gh", f"""
printf '%s\\n' "$*" >> calls.txt
case "$*" in *--paginate*) printf '{found}\\n' ;; esac
""")
    (tmp_path / "comment.md").write_text(MARKER + "\nthe report\n")
    done = run_step(step, tmp_path, {"GH_TOKEN": "x", "REPO": "o/r", "PR": "5",
                                     "MARKER": step["env"]["MARKER"],
                                     "PATH": f"{tmp_path / 'bin'}:{os.environ['PATH']}"})
    assert done.returncode == 0, done.stderr
    listing, write = (tmp_path / "calls.txt").read_text().splitlines()
    assert listing.startswith("api --paginate repos/o/r/issues/5/comments --jq ")
    assert write == f"api --method {method} {endpoint} -F body=@comment.md"


def test_comment_step_finds_only_its_own_comment():
    """The step's filter (gh runs it with gojq; Debian's jq reads it the same) on a page of
    comments: the bot's report is found; a person quoting the marker, or another bot comment, is
    not."""
    step = step_named(workflow("pr.yml")["jobs"]["comment"], "Post the report")
    [jq_filter] = re.findall(r"--jq '([^']+)'", step["run"])
    comments = [
        {"id": 1, "user": {"login": "editor"}, "body": MARKER + " quoted"},
        {"id": 2, "user": {"login": "github-actions[bot]"}, "body": "Deployed"},
        {"id": 3, "user": {"login": "github-actions[bot]"}, "body": MARKER + "\nthe report"},
    ]
    done = subprocess.run(["jq", "-r", jq_filter], input=json.dumps(comments), text=True,
                          capture_output=True, check=True,
                          env={**os.environ, "MARKER": step["env"]["MARKER"]})
    assert done.stdout == "3\n"

def test_make_serve_serves_at_the_readmes_address_despite_site_urls_path():
    import subprocess

    dry_run = subprocess.run(["make", "-n", "serve"], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout
    line = next(line for line in dry_run.splitlines() if "mkdocs serve" in line)
    assert "HANDBOOK_SITE_URL=http://127.0.0.1:8000/" in line and "--dev-addr 127.0.0.1:8000" in line
    assert "http://127.0.0.1:8000" in (ROOT / "README.md").read_text(encoding="utf-8")
