"""`handbook diff [BASE]`: what a pull request changes in the published handbook, as Markdown.

Plumbing only: the handbook at BASE is read from git (review/revision.py), the working tree from
disk, both are arranged by the build's model and compared (review/diff.py), and the report is
written (review/report.py). Exit codes: 0 nothing needs a reviewer's eye, 1 something does, 2 the
comparison could not be made.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from handbook.cli.common import add_today, command_parser, today_from

if TYPE_CHECKING:
    from handbook.review.codeowners import CodeOwners

# Every `handbook` command builds this command's parser, so what only `diff` needs (the
# comparison, the report, CODEOWNERS patterns) is imported when it runs: a twentieth of a start-up.

NOTHING, NEEDS_EYE, CANNOT = 0, 1, 2

NAME = "diff"
SUMMARY = "report what a change does to the published handbook"  # in `handbook --help`
HELP = """\
Compare the handbook at BASE (a git revision; default: where the current branch left main) with
the working tree, and print a Markdown report for the reviewer of a pull request: pages added,
removed, renamed, moved in the nav and retitled; Previous/Next buttons that change; addresses that
change or stop working without a `redirect_from`; problems new and fixed; the CODEOWNERS teams who
must approve; review dates; where the changed pages are in the `site-preview` artifact.
Nothing is checked out and no site is built: BASE is read from git's object store.

examples:
  handbook diff                       (against the merge base with main)
  handbook diff origin/main
  handbook diff origin/main --comment comment.md --summary "$GITHUB_STEP_SUMMARY" \\
      --run-url "$RUN_URL"

exit codes: 0 nothing needs a reviewer's eye (text edits, review dates, fixed problems),
1 something does (the nav, an address, a new problem, an owner), 2 the comparison could not be
made (BASE or main missing, not a git clone, no handbook).
"""


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = command_parser(commands, common, NAME, SUMMARY, HELP, run)
    parser.add_argument("base", nargs="?", metavar="BASE",
                        help="the revision to compare with (default: the merge base with main)")
    parser.add_argument("--comment", metavar="FILE", type=Path,
                        help="also write the pull-request comment (hidden marker, report cut to "
                             "GitHub's 65,536 characters) to FILE")
    parser.add_argument("--summary", metavar="FILE", type=Path,
                        help="also add the report, cut to GitHub's 1 MiB, to FILE (in CI: "
                             "$GITHUB_STEP_SUMMARY)")
    parser.add_argument("--run-url", metavar="URL",
                        help="the CI run whose summary holds the whole report and whose "
                             "artifacts hold the site preview")
    add_today(parser)


def run(args: argparse.Namespace) -> int:
    from handbook.cli.project import ProjectError
    from handbook.review.report import comment, summary
    from handbook.review.revision import GitError

    try:
        report, needs_eye = make_report(args)
    except (GitError, ProjectError, ValueError) as error:
        print(f"{args.prog}: {error}", file=sys.stderr)
        return CANNOT
    for file, text, mode in ((args.comment, comment(report, args.run_url), "w"),
                             (args.summary, summary(report), "a")):
        if file is None:
            continue
        try:
            with open(file, mode, encoding="utf-8", errors="replace") as out:
                out.write(text)
        except OSError as error:
            print(f"{args.prog}: {file}: cannot be written ({error.strerror})", file=sys.stderr)
            return CANNOT
    write_out(report)
    return NEEDS_EYE if needs_eye else NOTHING


def make_report(args: argparse.Namespace) -> tuple[str, bool]:
    from handbook.cli.project import excluder, open_project, read_docs
    from handbook.pages.theme import handbook_theme
    from handbook.review.diff import compare, read_version
    from handbook.review.report import ReportContext, render
    from handbook.review.revision import (
        GitError,
        commit_of,
        merge_base_with_main,
        read_docs_at,
        repository_root,
    )

    project = open_project(Path.cwd(), Path(args.config) if args.config else None)
    root = repository_root(project.docs_dir)
    if args.base is None:
        commit, label = merge_base_with_main(root)
    else:
        commit, label = commit_of(root, args.base), args.base
    try:
        docs_folder = project.docs_dir.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        raise GitError(f"the docs folder {project.docs_dir} is outside the git repository "
                       f"{root}") from None
    docs_folder = "" if docs_folder == "." else docs_folder
    today = today_from(args)
    udu = project.use_directory_urls
    udu_then = directory_urls_at(root, commit, project.config_file, udu)
    then = read_docs_at(root, commit, docs_folder, excluder(project), udu_then)
    now = read_docs(project)
    theme = handbook_theme(project.custom_dir)
    before = read_version(then.sources, then.assets, then.problems, today, udu_then, theme)
    after = read_version(now.sources, now.assets, now.problems, today, udu, theme)

    owners, location = codeowners_at(root, commit)
    prefix = f"{docs_folder}/" if docs_folder else ""
    teams = (lambda path: owners.owners_of(prefix + path)) if owners else None
    diff = compare(before, after, teams)
    context = ReportContext(base=label, merge_base=args.base is None, commit=commit[:10],
                            docs_prefix=prefix,
                            run_url=args.run_url, use_directory_urls=udu, codeowners=location)
    return render(diff, context), diff.needs_review


def directory_urls_at(root: Path, commit: str, config_file: Path, now: bool) -> bool:
    """`use_directory_urls` in mkdocs.yml at the base (it decides every address), else `now`."""
    import yaml

    from handbook.cli.project import ConfigLoader
    from handbook.review.revision import read_file

    try:
        raw = read_file(root, commit, config_file.resolve().relative_to(root.resolve()).as_posix())
        settings = yaml.load(raw or b"", Loader=ConfigLoader)  # ConfigLoader is a SafeLoader
    except (ValueError, yaml.YAMLError):
        return now
    value = settings.get("use_directory_urls", True) if isinstance(settings, dict) else now
    return value if isinstance(value, bool) else True


def codeowners_at(root: Path, commit: str) -> tuple[CodeOwners | None, str | None]:
    """The CODEOWNERS file GitHub would use: the base revision's (the pull request's target)."""
    from handbook.review.codeowners import LOCATIONS, CodeOwners
    from handbook.review.revision import read_file

    for location in LOCATIONS:
        raw = read_file(root, commit, location)
        if raw is not None:
            return CodeOwners.parse(raw.decode("utf-8", "replace"), location), location
    return None, None


def write_out(report: str) -> None:
    """The report in UTF-8 whatever the terminal's encoding (titles have emoji; it has arrows)."""
    sys.stdout.flush()
    try:
        sys.stdout.buffer.write(report.encode("utf-8", "replace"))  # a file name not in UTF-8
        sys.stdout.buffer.flush()
    except AttributeError:  # a stream without bytes underneath
        sys.stdout.write(report)
