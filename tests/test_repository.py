"""The repository's own workflow files: CI runs what a developer runs, the deploy uses the official
Pages actions with full history, and CODEOWNERS agrees with the owners pages name."""

from __future__ import annotations

import fnmatch
from pathlib import Path

import yaml

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
    "@pm-handbook/discovery-research": "Discovery and research team",
    "@pm-handbook/commercial-product": "Commercial product team",
}


def workflow(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def steps(job: dict) -> list[dict]:
    return job["steps"]


def test_pull_request_workflow_runs_the_tests_and_the_strict_build_and_keeps_the_site():
    flow = workflow("pr.yml")
    assert "pull_request" in flow[True]  # YAML reads the key `on` as true
    [job] = flow["jobs"].values()
    runs = [step.get("run", "").strip() for step in steps(job)]
    assert ".ci/run" in runs and "make build" in runs
    assert runs.index(".ci/run") < runs.index("make build")
    checkout = next(s for s in steps(job) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # "Last updated" needs the history
    upload = next(s for s in steps(job) if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"].rstrip("/") == "site"


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
    # MkDocs leaves out files in folders whose names start with a dot (docs/.snippets/): not pages.
    pages = sorted(p for p in (ROOT / "docs").rglob("*.md")
                   if not any(part.startswith(".") for part in p.relative_to(ROOT / "docs").parts))
    assert len(pages) > 30
    for page in pages:
        path = page.relative_to(ROOT).as_posix()
        record, _ = validate(read_page(page.read_bytes(), path)[0])
        [team] = owners_of(path, rules)
        assert TEAMS.get(team) == record.owner, f"{path}: CODEOWNERS says {team}, page says {record.owner}"
    assert owners_of("hooks/navigation.py", rules) == ["@pm-handbook/maintainers"]
    assert owners_of("mkdocs.yml", rules) == ["@pm-handbook/maintainers"]
