"""Build-speed benchmark: this project's front-matter navigation against a hand-written `nav:`.

For each size N it generates a synthetic handbook of N Markdown pages (a home page, a Tags page and
sections of about 20 pages in Just-the-Docs front matter), then builds it, alternating a, b, a, b:

  (a) project  the project's own mkdocs.yml (hooks/navigation.py, overrides/, no `nav:`), with its
               paths made absolute and docs_dir pointed at the generated pages;
  (b) vanilla  the same file with a written `nav:` of the same tree, and no hooks or custom_dir.

Every build is a fresh `python -m mkdocs build --strict` process, timed by wall clock; its CPU
time and peak memory (max RSS) are read with os.wait4() for that one process. (a) is built from a
copy of mkdocs.yml, hooks/ and overrides/ taken at the start, so edits during a run cannot mix
versions. `--profile N` instead builds (a) once in this process under cProfile and reports the
hooks' share of the build.

    make bench                                   # sizes 100, 1000, 3000; 3 builds of each
    make bench BENCH_ARGS="--sizes 100 --repeat 1"
    make bench BENCH_ARGS="--profile 1000"
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import platform
import posixpath
import pstats
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
# What a build of (a) uses from the project; copied once per run (see snapshot_project).
PROJECT_PARTS = ("mkdocs.yml", "hooks", "overrides")
RESULTS_FILE = ROOT / "bench" / "results" / "latest.json"
SEED = 1729
SECTION_SIZE = 20  # a section's index page plus 19 children
VARIANTS = {
    "a": "project: mkdocs.yml with its hooks and overrides, nav from front matter",
    "b": "vanilla: same theme, features and plugins, a written nav:, no hooks or custom_dir,"
         " stock Markdown extensions only (no handbook.* code)",
}

# --- Vocabulary for titles and prose -------------------------------------------------------------

TOPICS = """Discovery Roadmap Pricing Onboarding Retention Research Experiment Backlog Release
Stakeholder Metrics Strategy Vision Feedback Accessibility Compliance Platform Integration Support
Migration Launch Prototype Workshop Interview Survey Dashboard Forecast Budget Hiring Partnership
Localisation Security Privacy Performance Reliability Analytics Segmentation Positioning Messaging
Adoption Churn Activation Referral Billing Procurement Governance Architecture Documentation
Training Escalation Incident Capacity Planning""".split()
ASPECTS = """basics principles checklists patterns pitfalls reviews rituals templates signals
trade-offs decisions habits playbooks questions rules measures loops handovers budgets risks
criteria workflows examples interviews notes""".split()
CONTEXTS = """for startups, for platform teams, in government, for internal tools, at scale,
for new managers, in regulated markets, for B2B products, for consumer apps, across time zones,
with small teams, under deadline""".split(",")
WORDS = """product team user users customer research problem outcome value evidence roadmap
release decision trade-off scope delivery metric signal goal strategy vision stakeholder feedback
experiment hypothesis risk budget quarter sprint backlog interview survey insight pattern journey
service policy design engineer designer analyst leader sponsor partner market segment cohort funnel
retention adoption onboarding pricing launch review plan priority estimate capacity dependency
constraint assumption learning prototype test measure baseline target trend question answer story
context handover standard principle habit ritual workshop meeting document template checklist
lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt labore
dolore magna aliqua enim minim veniam quis nostrud exercitation ullamco laboris nisi aliquip
commodo consequat duis aute irure reprehenderit voluptate velit esse cillum fugiat nulla pariatur
excepteur sint occaecat cupidatat proident sunt culpa officia deserunt mollit anim
clear small early often carefully quickly openly honestly rarely usually always never together
explain decide compare listen write share check agree reduce improve ship learn ask choose
the a of to and in for with on by from that this each every most some few""".split()
CONNECTIVES = ["However,", "In practice,", "For example,", "Over time,", "As a rule,",
               "Even so,", "In short,", "At first,", "Meanwhile,", "Above all,"]
TAGS = """discovery delivery research strategy roadmaps metrics stakeholders communication pricing
onboarding retention experiments accessibility compliance platforms security privacy analytics
hiring leadership documentation support launches budgets governance""".split()
# Every page has the Goals and Launch headings; two or three of these are added.
EXTRA_HEADINGS = [":mag: Evidence", ":bulb: Ideas worth trying", ":warning: Common mistakes",
                  ":busts_in_silhouette: Who is involved", ":bar_chart: Measuring progress",
                  ":compass: Choosing a direction", ":memo: Writing it down",
                  ":hammer_and_wrench: Tools", ":speech_balloon: Talking about it",
                  ":calendar: Timing", ":seedling: Starting small",
                  ":white_check_mark: Checks before you ship"]


# --- The synthetic handbook -----------------------------------------------------------------------

@dataclass(eq=False)  # pages compare by identity
class Page:
    """One generated page: where it lives and its front matter."""

    path: str  # docs-relative, POSIX
    title: str
    nav_order: int
    description: str
    tags: list[str]
    parent: str | None = None  # the section index's title (Just the Docs `parent`)
    children: list[Page] = field(default_factory=list)


@dataclass
class Handbook:
    """A home page, sections (index pages with children) and a Tags page, in nav order; in the
    one-chapter shape the sections hang under one top-level chapter page."""

    home: Page
    sections: list[Page]
    tags_page: Page
    chapter: Page | None = None

    def pages(self) -> list[Page]:
        """Every page, in reading order."""
        out = [self.home] + ([self.chapter] if self.chapter else [])
        for section in self.sections:
            out += [section, *section.children]
        return out + [self.tags_page]


def slugify(text: str) -> str:
    """A file or folder name from a title."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def unique_title(rng: random.Random, used: set[str]) -> str:
    """A new title such as 'Pricing trade-offs for platform teams' whose slug is not in `used`."""
    while True:
        title = f"{rng.choice(TOPICS)} {rng.choice(ASPECTS)}"
        if slugify(title) in used or rng.random() < 0.5:
            title += " " + rng.choice(CONTEXTS).strip()
        if slugify(title) not in used:  # titles and file names both unique
            used.add(slugify(title))
            return title


def sentence(rng: random.Random, words: tuple[int, int] = (8, 18)) -> str:
    """One sentence of varied lorem-like prose, with the odd inline emphasis or code span."""
    chosen = [rng.choice(WORDS) for _ in range(rng.randint(*words))]
    if rng.random() < 0.2:
        i = rng.randrange(len(chosen))
        chosen[i] = rng.choice(["**{}**", "*{}*", "`{}`"]).format(chosen[i])
    if len(chosen) > 10 and rng.random() < 0.4:
        chosen[rng.randrange(3, len(chosen) - 3)] += ","
    text = " ".join(chosen)
    text = text[0].upper() + text[1:]
    if rng.random() < 0.15:
        text = rng.choice(CONNECTIVES) + " " + text[0].lower() + text[1:]
    return text + "."


def paragraph(rng: random.Random, sentences: tuple[int, int] = (3, 5)) -> str:
    """A paragraph of a few sentences."""
    return " ".join(sentence(rng) for _ in range(rng.randint(*sentences)))


SHAPES = {
    "sections": "sections of 20 pages, each a top-level item",
    "chapter": "one top-level chapter holding every section of 20 pages (every page's pruned nav "
               "lists all sections: the worst case for nav rendering)",
}


def plan_handbook(n: int, seed: int = SEED, shape: str = "sections") -> Handbook:
    """The pages of an N-page handbook: titles, paths, parents, order, descriptions and tags."""
    if n < 4:
        raise SystemExit("a handbook needs at least 4 pages (home, a chapter, one section, tags)")
    rng = random.Random(f"{seed}:plan:{n}")
    used = {"home", "tags", "index"}

    def front(path: str, title: str, order: int, parent: str | None = None) -> Page:
        """A page with a generated description and two to four tags."""
        tags = rng.sample(TAGS, rng.randint(2, 4))
        return Page(path, title, order, sentence(rng, (10, 20)), tags, parent)

    home = front("index.md", "Home", 1)
    chapter = None
    if shape == "chapter":
        chapter = front("chapter/index.md", "The whole handbook", 2)
    sections = []
    remaining = n - 2 - (chapter is not None)
    while remaining > 0:
        size = min(SECTION_SIZE, remaining)
        remaining -= size
        title = unique_title(rng, used)
        folder = (chapter.path.rsplit("/", 1)[0] + "/" if chapter else "") + slugify(title)
        section = front(f"{folder}/index.md", title, len(sections) + 2,
                        parent=chapter.title if chapter else None)
        for order in range(1, size):
            child_title = unique_title(rng, used)
            section.children.append(front(f"{folder}/{slugify(child_title)}.md", child_title,
                                          order, parent=title))
        sections.append(section)
    tags_page = front("tags.md", "Tags", len(sections) + 3)
    return Handbook(home, sections, tags_page, chapter)


def link(page: Page, target: Page) -> str:
    """A Markdown link from `page` to `target`, relative to the page's folder."""
    href = posixpath.relpath(target.path, posixpath.dirname(page.path) or ".")
    return f"[{target.title}]({href})"


def table(rng: random.Random) -> str:
    """A small Markdown table."""
    header = "| Step | Owner | Signal | Notes |\n| --- | --- | --- | --- |"
    rows = [
        f"| {i} | {rng.choice(['Product', 'Design', 'Engineering', 'Research', 'Support'])} "
        f"| {rng.choice(WORDS)} {rng.choice(WORDS)} | {sentence(rng, (4, 8))} |"
        for i in range(1, rng.randint(5, 7))
    ]
    return "\n".join([header, *rows])


def render_page(page: Page, book: Handbook, seed: int = SEED) -> str:
    """A page's Markdown: front matter, about 600 words, a table, lists, emoji headings, links."""
    rng = random.Random(f"{seed}:{page.path}")
    meta = {"title": page.title}
    if page.parent:
        meta["parent"] = page.parent
    meta.update(nav_order=page.nav_order, description=page.description, tags=page.tags)
    head = "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) + "---\n\n"
    body = [f"# {page.title}", paragraph(rng, (4, 5))]

    if page is book.tags_page:
        return head + "\n\n".join(body + ["<!-- material/tags -->"]) + "\n"
    if page is book.home or page is book.chapter:
        body.append("## :books: Sections")
        body.append("\n".join(f"- {link(page, s)}: {s.description}" for s in book.sections))
        return head + "\n\n".join(body) + "\n"

    # Three cross-links: a neighbour in the same section, a page of another section, and the index
    # of another section.
    section = next(s for s in book.sections if page is s or page in s.children)
    neighbours = [p for p in [section, *section.children] if p is not page] or [book.home]
    others = [s for s in book.sections if s is not section] or [book.home]
    elsewhere = rng.choice(others)
    elsewhere = rng.choice([elsewhere, *elsewhere.children])
    links = [rng.choice(neighbours), elsewhere, rng.choice(others)]

    body += [
        f"This page builds on {link(page, links[0])}. {paragraph(rng, (2, 3))}",
        "## :dart: Goals",
        paragraph(rng),
        "\n".join(f"- {sentence(rng, (5, 10))}" for _ in range(rng.randint(4, 6))),
    ]
    extras = rng.sample(EXTRA_HEADINGS, rng.randint(2, 3))
    body += [f"## {extras[0]}", paragraph(rng), table(rng), paragraph(rng, (2, 3))]
    body += [
        "## :rocket: Launch",
        paragraph(rng),
        "\n".join(f"{i}. {sentence(rng, (6, 12))}" for i in range(1, rng.randint(4, 6))),
        f"Compare this with {link(page, links[1])}. {paragraph(rng, (2, 3))}",
    ]
    for heading in extras[1:]:
        body += [f"## {heading}", paragraph(rng)]
    if rng.random() < 0.3:
        body.append('!!! tip "In practice"\n\n    ' + paragraph(rng, (1, 2)))
    body.append(f"For the wider picture, read {link(page, links[2])}.")
    return head + "\n\n".join(body) + "\n"


def write_handbook(book: Handbook, docs: Path) -> int:
    """Write every page under `docs`, plus the project's non-Markdown docs files (CSS, images),
    so `extra_css` resolves the same way in both builds. Returns the number of words written."""
    words = 0
    for page in book.pages():
        text = render_page(page, book)
        words += len(text.split("---\n", 2)[-1].split())
        target = docs / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for asset in (ROOT / "docs").rglob("*"):
        if asset.is_file() and asset.suffix not in (".md", ".markdown"):
            target = docs / asset.relative_to(ROOT / "docs")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(asset, target)
    return words


def mkdocs_nav(book: Handbook) -> list:
    """The hand-written `nav:` of the same tree: each section is {title: [index, children...]}."""
    sections: list = []
    for section in book.sections:
        if section.children:
            children = [{child.title: child.path} for child in section.children]
            sections.append({section.title: [section.path, *children]})
        else:
            sections.append({section.title: section.path})
    if book.chapter:
        sections = [{book.chapter.title: [book.chapter.path, *sections]}]
    return [{book.home.title: book.home.path}, *sections,
            {book.tags_page.title: book.tags_page.path}]


# --- The two configurations -----------------------------------------------------------------------

def snapshot_project(dest: Path) -> Path:
    """Copy mkdocs.yml, hooks/ and overrides/ to `dest`, and build (a) from the copy, so every build
    of one run uses the same code even if someone edits the project meanwhile. The builds import the
    `handbook` package from the copy too (PYTHONPATH, ahead of the editable install)."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=ignore)
        elif source.exists():
            shutil.copy2(source, dest / part)
    return dest


def _sub_once(pattern: str, replace, text: str) -> str:
    """re.sub that insists on exactly one match, so a changed mkdocs.yml fails loudly."""
    new, count = re.subn(pattern, replace, text, flags=re.MULTILINE)
    if count != 1:
        raise SystemExit(f"bench: expected one match of {pattern!r} in mkdocs.yml, got {count}")
    return new


def _with_docs_dir(text: str, docs: Path) -> str:
    """The config text with `docs_dir` set to the generated pages."""
    return _sub_once(r"^docs_dir:.*$", lambda m: f"docs_dir: {json.dumps(str(docs))}", text)


def config_project(docs: Path, project: Path) -> str:
    """(a): the project's mkdocs.yml, text for text, with docs_dir, custom_dir and hooks absolute
    (in `project`, the snapshot)."""
    text = _with_docs_dir((project / "mkdocs.yml").read_text(encoding="utf-8"), docs)
    # The generated pages are a copied site, not this handbook: its own content rules (owner,
    # review dates...) are off, as for any site copied from Just the Docs.
    text = _sub_once(r"^(\s+content_rules:\s*)true\s*$", lambda m: m.group(1) + "false", text)
    text = _sub_once(r"^(\s+custom_dir:\s*)(\S+)\s*$",
                     lambda m: m.group(1) + json.dumps(str(project / m.group(2))), text)

    def absolute_hooks(match: re.Match) -> str:
        """Each item of the `hooks:` list as an absolute path."""
        return re.sub(r"^(\s+-\s*)(\S+)",
                      lambda m: m.group(1) + json.dumps(str(project / m.group(2))),
                      match.group(0), flags=re.MULTILINE)

    return _sub_once(r"^hooks:[ \t]*\n(?:[ \t]+-.*\n?)+", absolute_hooks, text)


def config_vanilla(docs: Path, book: Handbook, project: Path) -> str:
    """(b): the same file with a written `nav:` and none of the project's Python code: no hooks, no
    custom_dir, no `handbook.*` Markdown extension, toc's default slugify, and pymdownx's stock
    `to_alt` emoji generator (Unicode characters, as the project's generator writes)."""
    text = _with_docs_dir((project / "mkdocs.yml").read_text(encoding="utf-8"), docs)
    text = _sub_once(r"^\s+custom_dir:.*\n", "", text)
    text = _sub_once(r"^hooks:[ \t]*\n(?:[ \t]+-.*\n?)+", "", text)
    text = re.sub(r"^(\s*emoji_generator:\s*)!!python/name:handbook\.\S+",
                  r"\1!!python/name:pymdownx.emoji.to_alt", text, flags=re.MULTILINE)
    text = re.sub(r"^\s*[\w-]+:\s*!!python/name:handbook\..*\n", "", text, flags=re.MULTILINE)
    text = re.sub(r"^([ \t]*)-[ \t]*handbook\.[\w.]+:?[ \t]*\n(?:\1[ \t]+\S.*\n)*", "", text,
                  flags=re.MULTILINE)
    # (A list item naming a handbook extension; not "pm-handbook.github.io" in site_url.)
    leftover = re.search(r"^[^#\n]*python/name:handbook\.|^\s*-\s*handbook\.", text, re.MULTILINE)
    if leftover:
        raise SystemExit(f"bench: cannot make a vanilla config; left in it: {leftover.group(0)}")
    nav = yaml.safe_dump({"nav": mkdocs_nav(book)}, sort_keys=False, allow_unicode=True, width=1000)
    return text.rstrip("\n") + "\n\n" + nav


def prepare(n: int, workdir: Path, project: Path, shape: str = "sections"
            ) -> tuple[Handbook, dict[str, Path], int]:
    """Generate an N-page handbook under `workdir` and write both configs next to it."""
    book = plan_handbook(n, shape=shape)
    docs = workdir / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    words = write_handbook(book, docs)
    configs = {"a": workdir / "mkdocs-a.yml", "b": workdir / "mkdocs-b.yml"}
    configs["a"].write_text(config_project(docs, project), encoding="utf-8")
    configs["b"].write_text(config_vanilla(docs, book, project), encoding="utf-8")
    return book, configs, words


# --- Measuring builds -----------------------------------------------------------------------------

@dataclass
class Sample:
    """One build: wall time, CPU time (user + system), peak RSS and MkDocs' own "built in" time."""

    seconds: float
    cpu_seconds: float
    peak_mib: float
    reported_seconds: float | None


def run_build(config: Path, site: Path, project: Path,
              engine: tuple[str, ...] = (sys.executable, "-m", "mkdocs")) -> Sample:
    """Build in a fresh `python -m mkdocs build --strict` process (or `engine`'s); raise if it fails.

    Not `-q`: MkDocs' quiet flag raises the log level to ERROR, so warnings are never emitted and
    `--strict` could not fail on them. The (short) INFO output goes to a temporary file.
    """
    cmd = [*engine, "build", "--strict", "-f", str(config), "-d", str(site)]
    pythonpath = os.pathsep.join(filter(None, [str(project / "hooks"),
                                               os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": pythonpath}
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env,
                                cwd=config.parent)
        _, status, usage = os.wait4(proc.pid, 0)  # this child's own rusage, not all children's
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        raise SystemExit(f"bench: build failed ({' '.join(cmd)}):\n{output}")
    # ru_maxrss is in KiB on Linux, in bytes on macOS.
    peak = usage.ru_maxrss / (2**20 if sys.platform == "darwin" else 2**10)
    reported = re.search(r"Documentation built in ([\d.]+) seconds", output)
    return Sample(seconds, usage.ru_utime + usage.ru_stime, peak,
                  float(reported.group(1)) if reported else None)


def bench_size(n: int, repeat: int, workdir: Path, project: Path, warmup: bool,
               shape: str = "sections") -> dict:
    """Build (a) and (b) `repeat` times each, alternating, on a fresh N-page handbook."""
    book, configs, words = prepare(n, workdir, project, shape)
    pages = len(book.pages())
    print(f"  {pages} pages, {words / pages:.0f} words per page on average; building", end="",
          flush=True)
    if warmup:  # untimed: fills the OS file cache and compiles MkDocs' and Material's .pyc files
        for variant in "ab":
            run_build(configs[variant], workdir / "site-warmup", project)
            shutil.rmtree(workdir / "site-warmup")
    samples: dict[str, list[Sample]] = {"a": [], "b": []}
    for _ in range(repeat):
        for variant in "ab":
            site = workdir / f"site-{variant}"
            samples[variant].append(run_build(configs[variant], site, project))
            shutil.rmtree(site)
            print(f" {variant}", end="", flush=True)
    print()
    result: dict = {"pages": pages, "words_per_page": round(words / pages)}
    for variant, runs in samples.items():
        median = statistics.median(s.seconds for s in runs)
        result[variant] = {
            "median_s": median,
            "ms_per_page": median / pages * 1000,
            "median_cpu_s": statistics.median(s.cpu_seconds for s in runs),
            "peak_mib": max(s.peak_mib for s in runs),
            "samples": [vars(s) for s in runs],
        }
    result["time_ratio"] = result["a"]["median_s"] / result["b"]["median_s"]
    result["cpu_ratio"] = result["a"]["median_cpu_s"] / result["b"]["median_cpu_s"]
    result["memory_ratio"] = result["a"]["peak_mib"] / result["b"]["peak_mib"]
    return result


def growth(results: dict[int, dict]) -> list[dict]:
    """Time growth between consecutive sizes, e.g. time(3000) / time(1000), for (a) and (b):
    wall time, and CPU time as `cpu_a`, `cpu_b`."""
    sizes = sorted(results)

    def ratio(large: int, small: int, variant: str, key: str) -> float:
        """One measurement at the larger size over the same at the smaller."""
        return results[large][variant][key] / results[small][variant][key]

    return [{
        "from": small, "to": large, "pages_ratio": large / small,
        "a": ratio(large, small, "a", "median_s"), "b": ratio(large, small, "b", "median_s"),
        "cpu_a": ratio(large, small, "a", "median_cpu_s"),
        "cpu_b": ratio(large, small, "b", "median_cpu_s"),
    } for small, large in zip(sizes, sizes[1:])]


def print_report(results: dict[int, dict], repeat: int) -> None:
    """The results table and the growth ratios."""
    print()
    print(f"Median wall time of {repeat} fresh `mkdocs build --strict` processes per cell "
          "(interpreter start-up included); peak MiB = the largest max RSS of those processes; "
          "cpu = median user + system CPU time of the process, less sensitive to other load.")
    for variant, description in VARIANTS.items():
        print(f"  ({variant}) {description}")
    print()
    header = ("pages", "(a) s", "(a) ms/page", "(a) MiB", "(b) s", "(b) ms/page", "(b) MiB",
              "time a/b", "mem a/b", "(a) cpu s", "(b) cpu s", "cpu a/b")
    rows = [(str(n), f"{r['a']['median_s']:.2f}", f"{r['a']['ms_per_page']:.1f}",
             f"{r['a']['peak_mib']:.0f}", f"{r['b']['median_s']:.2f}",
             f"{r['b']['ms_per_page']:.1f}", f"{r['b']['peak_mib']:.0f}",
             f"{r['time_ratio']:.3f}", f"{r['memory_ratio']:.3f}",
             f"{r['a']['median_cpu_s']:.2f}", f"{r['b']['median_cpu_s']:.2f}",
             f"{r['cpu_ratio']:.3f}")
            for n, r in sorted(results.items())]
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(header)]
    print(" | ".join(h.rjust(w) for h, w in zip(header, widths)))
    print("-+-".join("-" * w for w in widths))
    for row in rows:
        print(" | ".join(c.rjust(w) for c, w in zip(row, widths)))
    for g in growth(results):
        print(f"\nGrowth time({g['to']})/time({g['from']}) for {g['pages_ratio']:.1f}x the pages: "
              f"(a) {g['a']:.2f}  (b) {g['b']:.2f}   (CPU time: (a) {g['cpu_a']:.2f}  "
              f"(b) {g['cpu_b']:.2f})")


def environment() -> dict:
    """Versions and machine, stored with the results."""
    versions = {}
    for package in ("mkdocs", "mkdocs-material", "pymdown-extensions", "Markdown", "PyYAML",
                    "Jinja2"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    return {"python": platform.python_version(), "platform": platform.platform(),
            "cpus": os.cpu_count(), "packages": versions}


def run_benchmark(sizes: list[int], repeat: int, workdir: Path, keep: bool = False,
                  shapes: tuple[str, ...] = tuple(SHAPES)) -> dict:
    """Every shape and size in turn, then the report and bench/results/latest.json; generated
    pages are deleted after each size unless `keep`."""
    project = snapshot_project(workdir / "project")
    by_shape: dict[str, dict[int, dict]] = {}
    for s, shape in enumerate(shapes):
        results = by_shape[shape] = {}
        for i, n in enumerate(sizes):
            print(f"{shape}, N={n}:")
            folder = workdir / f"{shape}-n{n}"
            results[n] = bench_size(n, repeat, folder, project, warmup=(s == i == 0), shape=shape)
            if not keep:
                shutil.rmtree(folder / "docs")
    for shape, results in by_shape.items():
        print(f"\n=== Shape: {shape}: {SHAPES[shape]}")
        print_report(results, repeat)
    RESULTS_FILE.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "repeat": repeat, "seed": SEED, "section_size": SECTION_SIZE,
        "variants": VARIANTS, "shapes": SHAPES, "environment": environment(),
        "results": {shape: {"sizes": {str(n): r for n, r in results.items()},
                            "growth": growth(results)} for shape, results in by_shape.items()},
    }
    RESULTS_FILE.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\nWrote {RESULTS_FILE.relative_to(ROOT)}")
    return report


# --- Profiling ------------------------------------------------------------------------------------

def _under(filename: str, folder: Path) -> bool:
    """Whether a profiled function's file is inside `folder`."""
    return filename.startswith(str(folder) + os.sep)


def _short(filename: str, project: Path) -> str:
    """A profiler file name without the venv or project prefix."""
    marker = "site-packages" + os.sep
    if marker in filename:
        return filename.split(marker, 1)[1]
    if _under(filename, project):
        return filename[len(str(project)) + 1:]
    return filename


def _package(filename: str, project: Path) -> str:
    """Which package a profiled function belongs to, for the by-package summary."""
    if _under(filename, project / "hooks"):
        return "hooks/ (this project)"
    if _under(filename, project / "overrides"):
        return "overrides/ templates (this project)"
    if filename == "~" or filename.startswith("<"):
        return "built-ins (C)"
    marker = "site-packages" + os.sep
    if marker in filename:
        return filename.split(marker, 1)[1].split(os.sep)[0].removesuffix(".py")
    return "stdlib " + Path(filename).stem


def _part(filename: str, package: Path) -> str | None:
    """Which part of the handbook package a profiled function is in: its subpackage (`jekyll/`),
    except the kramdown extension, which is counted on its own."""
    if not _under(filename, package):
        return None
    rel = Path(filename).relative_to(package).as_posix()
    if rel == "markdown/kramdown.py":
        return rel
    return rel.split("/")[0] + "/" if "/" in rel else rel


def _subpackage_shares(entries: dict, package: Path) -> dict[str, float]:
    """Cumulative time of the calls into each part of the package from outside that part."""
    shares: dict[str, float] = {}
    for key, value in entries.items():
        part = _part(key[0], package)
        if part is None:
            continue
        outside = [edge for caller, edge in value[4].items()
                   if caller[0] != "~" and _part(caller[0], package) != part]
        shares[part] = shares.get(part, 0.0) + sum(edge[3] for edge in outside)
    return shares


def profile_build(n: int, variant: str, workdir: Path, top: int = 15, shape: str = "sections") -> dict:
    """Build one variant once in-process under cProfile and print where the time goes."""
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    project = snapshot_project(workdir / "project")
    sys.path.insert(0, str(project / "hooks"))  # import `handbook` from the snapshot
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    book, configs, _ = prepare(n, workdir, project, shape)
    config = load_config(config_file=str(configs[variant]), site_dir=str(workdir / "site"),
                         strict=True)
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    build(config)
    profiler.disable()
    wall = time.perf_counter() - start
    stats = pstats.Stats(profiler)
    total = stats.total_tt
    # {(file, line, function): (primitive calls, calls, own time, cumulative time, callers)}
    entries = stats.stats

    hooks_dir = project / "hooks"
    in_hooks = lambda filename: _under(filename, hooks_dir)  # noqa: E731
    # Entry points: functions under hooks/ called by Python code outside it (MkDocs events, the
    # Markdown extension, toc's slugify, the emoji generator, template filters). Their cumulative
    # time over those calls is everything the project's code costs, callees included, counted once.
    # Calls through C built-ins ("~": sorted's key, str.join's generator, lru_cache) are left out:
    # the profile cannot tell who called the built-in, and here it is always the project's own code.
    entries_in = []
    for key, value in entries.items():
        if in_hooks(key[0]):
            outside = [edge for caller, edge in value[4].items()
                       if not in_hooks(caller[0]) and caller[0] != "~"]
            if outside:
                entries_in.append((key, sum(e[1] for e in outside), sum(e[3] for e in outside)))
    entries_in.sort(key=lambda e: -e[2])
    project_s = sum(cum for _, _, cum in entries_in)
    events = sum(cum for key, _, cum in entries_in
                 if Path(key[0]).parent == hooks_dir and key[2].startswith("on_"))
    own = sum(value[2] for key, value in entries.items() if in_hooks(key[0]))
    templates = sum(value[2] for key, value in entries.items()
                    if _under(key[0], project / "overrides"))

    print(f"\nProfile of one in-process build of ({variant}), {len(book.pages())} pages: "
          f"{total:.2f} s under cProfile ({wall:.2f} s wall; the profiler slows everything).")
    if variant == "a":
        print("\nProject code entered from MkDocs, Markdown or Jinja "
              "(cumulative time of those calls):")
        for (filename, line, name), calls, cum in entries_in:
            print(f"  {cum:8.3f} s {cum / total:7.2%} {calls:8d} calls  "
                  f"{_short(filename, project)}:{line}({name})")
        print(f"\n  The hooks' own share of the build (all code under hooks/, callees included): "
              f"{project_s:.3f} s of {total:.2f} s = {project_s / total:.2%}")
        print(f"    of which MkDocs event functions (hooks/*.py on_*): {events:.3f} s = "
              f"{events / total:.2%}")
        print(f"    time in hooks/ files themselves, excluding what they call: {own:.3f} s = "
              f"{own / total:.2%}")
        print(f"  Compiled templates from overrides/ (own time; they replace Material's partials): "
              f"{templates:.3f} s = {templates / total:.2%}")
        shares = _subpackage_shares(entries, hooks_dir / "handbook")
        print("\n  By part of hooks/handbook/ (calls into it from outside it, callees included):")
        for part, seconds in sorted(shares.items(), key=lambda kv: -kv[1]):
            print(f"    {part:<34} {seconds:7.3f} s = {seconds / total:6.2%}")
        jekyll = shares.get("jekyll/", 0.0) + shares.get("markdown/kramdown.py", 0.0)
        print(f"    Jekyll clean-up (jekyll/ and the kramdown extension): {jekyll:.3f} s = "
              f"{jekyll / total:.2%}")

    by_package: dict[str, float] = {}
    for key, value in entries.items():
        package = _package(key[0], project)
        by_package[package] = by_package.get(package, 0.0) + value[2]
    print("\nOwn time by package:")
    for name, seconds in sorted(by_package.items(), key=lambda kv: -kv[1])[:top]:
        print(f"  {name:<36} {seconds:8.2f} s  {seconds / total:6.1%}")

    print(f"\nTop {top} functions by own time:")
    for (filename, line, name), value in sorted(entries.items(), key=lambda kv: -kv[1][2])[:top]:
        print(f"  {value[2]:7.2f} s {value[2] / total:6.1%} {value[1]:9d} calls  "
              f"{_short(filename, project)}:{line}({name})")
    print(f"\nTop {top} functions by cumulative time:")
    for (filename, line, name), value in sorted(entries.items(), key=lambda kv: -kv[1][3])[:top]:
        print(f"  {value[3]:7.2f} s {value[3] / total:6.1%} {value[1]:9d} calls  "
              f"{_short(filename, project)}:{line}({name})")
    return {"total_s": total, "project_s": project_s, "events_s": events, "hooks_own_s": own}


def sample_share(n: int, workdir: Path, shape: str = "sections", interval: float = 0.0005,
                 top: int = 15) -> dict:
    """Build (a) once in-process while a thread samples the building thread's stack every
    `interval` seconds, and report the share of samples with a frame of the project's code (any
    file under hooks/: the events, the `handbook` package, the Markdown extensions, the template
    filters) on the stack. Unlike cProfile, this slows nothing down and counts nested calls once,
    so the share is the share of the wall time."""
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    project = snapshot_project(workdir / "project")
    sys.path.insert(0, str(project / "hooks"))
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    book, configs, _ = prepare(n, workdir, project, shape)
    config = load_config(config_file=str(configs["a"]), site_dir=str(workdir / "site"), strict=True)
    hooks_dir = str(project / "hooks") + os.sep
    target = threading.get_ident()
    counts: dict[str, int] = {}
    totals = {"samples": 0, "project": 0}
    done = threading.Event()

    def sampler() -> None:
        while not done.wait(interval):
            frame = sys._current_frames().get(target)
            totals["samples"] += 1
            outermost = None
            while frame is not None:
                if frame.f_code.co_filename.startswith(hooks_dir):
                    outermost = (f"{frame.f_code.co_filename[len(hooks_dir):]}:"
                                 f"{frame.f_code.co_name}")
                frame = frame.f_back
            if outermost:
                totals["project"] += 1
                counts[outermost] = counts.get(outermost, 0) + 1

    switch = sys.getswitchinterval()
    sys.setswitchinterval(interval)  # let the sampler in as often as it asks
    thread = threading.Thread(target=sampler, daemon=True)
    start = time.perf_counter()
    thread.start()
    try:
        build(config)
    finally:
        done.set()
        thread.join()
        sys.setswitchinterval(switch)
    wall = time.perf_counter() - start
    share = totals["project"] / max(totals["samples"], 1)
    print(f"\nSampled one in-process build of (a), {len(book.pages())} pages, shape {shape}: "
          f"{wall:.2f} s, {totals['samples']} samples")
    print(f"  The project's share (a frame under hooks/ on the stack): {share:.2%}")
    print("  By the project's outermost function on the stack:")
    for name, count in sorted(counts.items(), key=lambda kv: -kv[1])[:top]:
        print(f"    {count / max(totals['samples'], 1):7.2%}  {name}")
    return {"wall_s": wall, "samples": totals["samples"], "share": share}


# --- Command line ---------------------------------------------------------------------------------

def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line: --sizes, --repeat, --profile, --profile-variant, --workdir."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,3000",
                        help="comma-separated page counts (default: %(default)s)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="builds of each configuration per size (default: %(default)s)")
    parser.add_argument("--shapes", default=",".join(SHAPES),
                        help="comma-separated tree shapes: " + "; ".join(
                            f"{k}: {v}" for k, v in SHAPES.items()) + " (default: %(default)s)")
    parser.add_argument("--profile", type=int, metavar="N",
                        help="instead of benchmarking, profile one in-process build of N pages "
                             "in the first of --shapes")
    parser.add_argument("--share", type=int, metavar="N",
                        help="instead of benchmarking, sample one in-process build of N pages "
                             "in the first of --shapes and report the project's share of it")
    parser.add_argument("--profile-variant", choices=list(VARIANTS), default="a",
                        help="which configuration --profile builds (default: %(default)s)")
    parser.add_argument("--workdir", type=Path,
                        help="generate and build here and keep it (default: a temporary folder)")
    args = parser.parse_args(argv)
    try:
        args.sizes = sorted({int(size) for size in args.sizes.split(",") if size.strip()})
    except ValueError:
        parser.error("--sizes takes page counts such as 100,1000")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    args.shapes = tuple(shape.strip() for shape in args.shapes.split(",") if shape.strip())
    if not args.shapes or set(args.shapes) - set(SHAPES):
        parser.error(f"--shapes takes some of: {', '.join(SHAPES)}")
    return args


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark (or the profile) in --workdir or a temporary folder."""
    args = parse_args(argv)
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
        workdir, cleanup = args.workdir.resolve(), None
    else:
        cleanup = tempfile.TemporaryDirectory(prefix="handbook-bench-")
        workdir = Path(cleanup.name)
    try:
        if args.share:
            sample_share(args.share, workdir / f"share-{args.share}", shape=args.shapes[0])
        elif args.profile:
            # The first of --shapes (give one shape to choose it).
            profile_build(args.profile, args.profile_variant, workdir / f"profile-{args.profile}",
                          shape=args.shapes[0])
        else:
            run_benchmark(args.sizes, args.repeat, workdir, keep=cleanup is None,
                          shapes=args.shapes)
    finally:
        if cleanup:
            cleanup.cleanup()


if __name__ == "__main__":
    main()
