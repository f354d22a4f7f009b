"""Build the soleus site, check it, and catch staff mistakes before they reach a patient.

Run with no command to build everything into site/. Every problem is listed at once, one line
each, as  file:line: what is wrong (and how to fix it); then a count. Errors fail the build and
leave the last good site/ untouched; warnings do not.
"""

from __future__ import annotations

import argparse
import datetime
import difflib
import json
import logging
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's banner about MkDocs 2, on every run

from mkdocs.commands.build import build as mkdocs_build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from mkdocs.exceptions import Abort, ConfigurationError  # noqa: E402

from check_site import Finding, check_external, check_site  # noqa: E402
from front_matter import front_matter_body, read_front_matter, review_warnings  # noqa: E402
from handout import HandoutError, make_handout  # noqa: E402
from readability import TARGET_GRADE, grade, page_text  # noqa: E402

PROJECT_DIR = Path(__file__).resolve().parents[1]
CONFIG_FILE = "mkdocs.yml"
SITE_DIR = "site"
EXTERNAL_CACHE = ".cache/external-links.json"
REVIEW_NOTICE_DAYS = 30  # warn this many days before a page's review is due
DEV_ADDRESS = "127.0.0.1:8000"

# MkDocs reports broken links without a line number; check_site reports the same links with one.
MKDOCS_LINK_MESSAGE = re.compile(r"^Doc file '.*' contains (a link|an absolute link|an unrecognized)")
MKDOCS_OMITTED = re.compile(r'^The following pages exist in the docs directory, but are not included '
                            r'in the "nav" configuration:')
MKDOCS_NAV_MISSING = re.compile(r"^A reference to '(?P<target>.+)' is included in the 'nav' "
                                r"configuration, which is not found")
LOCATED_MESSAGE = re.compile(r"^(?P<file>[^\s:]+\.(?:md|yml)):(?P<line>\d+): (?P<message>.*)$", re.S)


@dataclass(frozen=True)
class Report:
    """One problem, where it is, and how bad."""

    file: str
    line: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: " if self.file else ""
        return where + ("warning: " if self.severity == "warning" else "") + self.message


# The build -----------------------------------------------------------------

@dataclass
class Outcome:
    reports: list[Report]
    reading_levels: dict[str, float | None]  # source page -> Flesch-Kincaid grade, if measurable

    @property
    def failed(self) -> bool:
        return any(report.severity == "error" for report in self.reports)


def build_site(project: Path, site_dir: Path, external: bool = False) -> Outcome:
    """Build into a temporary folder, check it, and replace site_dir only if there is no error."""
    temporary = Path(tempfile.mkdtemp(prefix=".site-", dir=project))
    try:
        outcome = build_into(project, temporary, external)
        if not outcome.failed:
            _replace(site_dir, temporary)
        return outcome
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


def build_into(project: Path, output: Path, external: bool = False, handout: bool = True) -> Outcome:
    """MkDocs, then the handout, then the checks of the built site (handout included)."""
    config, reports = run_mkdocs(project, output)
    if config is None:
        return Outcome(reports, {})
    if handout:
        reports += handout_reports(output, config)
    checked = check_built_site(project, output, config, external)
    # A nav entry MkDocs already reported would be reported again as a broken link.
    reported_nav_lines = {report.line for report in reports if report.file == CONFIG_FILE}
    reports += [report for report in checked.reports
                if not (report.file == CONFIG_FILE and report.line in reported_nav_lines)]
    return Outcome(sorted(set(reports), key=lambda r: (r.file, r.line, r.message)),
                   checked.reading_levels)


def handout_reports(site_dir: Path, config) -> list[Report]:
    """Make the handout from the built exercise page; a report if the page lacks what it needs."""
    try:
        make_handout(site_dir, config)
    except HandoutError as error:
        return [Report(error.file, 0, str(error).partition(": ")[2])]
    return []


def check_built_site(project: Path, site_dir: Path, config, external: bool = False) -> Outcome:
    """Every link and picture of a built site, the pages' review dates and reading levels.

    Used by the build and, after each rebuild, by the live preview (overrides/hooks/pages.py).
    """
    docs_dir = Path(config.docs_dir)
    sources = SourceFiles(project, docs_dir)
    levels = sources.reading_levels(site_dir)
    reports = review_reports(project, docs_dir)
    reports += [Report(page, 0, f"reading level is grade {level:.1f}, above the target of "
                                f"{TARGET_GRADE}: use shorter sentences and everyday words", "warning")
                for page, level in levels.items() if level is not None and level > TARGET_GRADE]
    findings, external_links = check_site(site_dir, config.site_url or "")
    if external:
        findings += check_external(external_links, project / EXTERNAL_CACHE)
    reports += map(sources.locate, findings)
    return Outcome(reports, levels)


def run_mkdocs(project: Path, output: Path):
    """MkDocs in strict mode; its warnings turned into reports with a file and line."""
    records = _CollectRecords()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(records)
    logger.propagate = False
    config = None
    try:
        config = load_config(config_file=str(project / CONFIG_FILE), strict=True, site_dir=str(output))
        mkdocs_build(config)
    except ConfigurationError as error:
        lines = re.findall(r"line (\d+), column", str(error))
        where = f"{CONFIG_FILE}:{lines[-1]}" if lines else CONFIG_FILE
        records.messages.append(f"{where}: {' '.join(str(error).split())} (check the spaces at "
                                f"the start of each line, and put text containing ': ' in quotes)")
        config = None
    except Abort:
        pass  # strict mode found warnings: they are in records, and the pages are built
    finally:
        logger.removeHandler(records)
        logger.propagate = True
    reports = [report for message in records.messages
               for report in mkdocs_reports(message, project)]
    if config is None and not reports:
        reports.append(Report(CONFIG_FILE, 0, "MkDocs could not read its settings"))
    return config, reports


class _CollectRecords(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def mkdocs_reports(message: str, project: Path) -> list[Report]:
    """A MkDocs log message, as reports in our one-line form."""
    if MKDOCS_LINK_MESSAGE.match(message) or message.startswith("Aborted with"):
        return []
    if located := LOCATED_MESSAGE.match(message):  # from our hook: already file:line
        return [Report(located["file"], int(located["line"]), located["message"])]
    config_lines = (project / CONFIG_FILE).read_text(encoding="utf-8").splitlines()
    if MKDOCS_OMITTED.match(message):
        nav_line = _line_containing(config_lines, "nav:")
        return [Report(CONFIG_FILE, nav_line, f"page '{page}' is not in the nav: add it under "
                       f"'nav:', for example  - Page title: {page}")
                for page in re.findall(r"^\s+- (.+)$", message, re.M)]
    if missing := MKDOCS_NAV_MISSING.match(message):
        target = missing["target"]
        pages = sorted(p.relative_to(project / "docs").as_posix() for p in (project / "docs").rglob("*.md"))
        close = _close(target, pages)
        return [Report(CONFIG_FILE, _line_containing(config_lines, target),
                       f"nav lists '{target}', but there is no docs/{target}{close}")]
    return [Report("", 0, message)]


def review_reports(project: Path, docs_dir: Path) -> list[Report]:
    """Warnings for pages whose review is overdue or due soon."""
    today = datetime.date.today()
    reports = []
    for page in sorted(docs_dir.rglob("*.md")):
        source = page.read_text(encoding="utf-8")
        meta, _ = read_front_matter(source)
        for problem in review_warnings(meta, front_matter_body(source), today, REVIEW_NOTICE_DAYS):
            reports.append(Report(_shown(page, project), problem.line, problem.message, problem.severity))
    return reports


class SourceFiles:
    """Finds the line of Markdown, mkdocs.yml or template that made something in the built site."""

    def __init__(self, project: Path, docs_dir: Path):
        self.project = project
        self.page_sources = {_built_path(p.relative_to(docs_dir)): p for p in docs_dir.rglob("*.md")}
        self.shared = [project / CONFIG_FILE, *sorted((project / "overrides").rglob("*.html"))]
        self._lines: dict[Path, list[str]] = {}

    def lines(self, path: Path) -> list[str]:
        """A source file's lines, read once however many findings point into it."""
        if path not in self._lines:
            self._lines[path] = path.read_text(encoding="utf-8").splitlines()
        return self._lines[path]

    def reading_levels(self, site_dir: Path) -> dict[str, float | None]:
        return {_shown(source, self.project): grade(page_text((site_dir / built).read_text("utf-8")))
                for built, source in sorted(self.page_sources.items(), key=lambda item: str(item[1]))
                if (site_dir / built).is_file()}

    def locate(self, finding: Finding) -> Report:
        page_source = self.page_sources.get(finding.page)
        searched = ([page_source] if finding.in_content and page_source else []) + self.shared
        for path in searched:
            lines = self.lines(path)
            for needle, exact in _needles(finding.url):
                number, token = _find(lines, needle)
                if number:
                    shown = token if exact else finding.url
                    return Report(_shown(path, self.project), number,
                                  finding.message.replace("{shown}", f"'{shown}'"), finding.severity)
        where = (_shown(page_source, self.project) if page_source and finding.in_content
                 else CONFIG_FILE if page_source else f"{SITE_DIR}/{finding.page}")
        return Report(where, 0, finding.message.replace("{shown}", f"'{finding.url}'"), finding.severity)


def _needles(url: str) -> list[tuple[str, bool]]:
    """What a built URL probably looked like in its source, most telling first."""
    path, _, fragment = url.partition("#")
    path = path.split("?")[0]
    relative = re.sub(r"^(\.\./|\./)+", "", path)
    name = relative.rstrip("/").rsplit("/", 1)[-1]
    markdown_name = f"{name}.md" if path.endswith("/") and name else name
    needles = [url, f"{markdown_name}#{fragment}" if fragment and markdown_name else "",
               f"#{fragment}" if fragment and not path else "",
               relative if "/" in relative.rstrip("/") else "", markdown_name,
               f"#{fragment}" if fragment else ""]
    exact = [(needle, True) for needle in dict.fromkeys(needles) if needle]
    stem = name.rsplit(".", 1)[0]
    # A phone or email link made from the clinic's details: point at the detail in mkdocs.yml.
    setting = {"tel": "phone:", "mailto": "email:"}.get(url.partition(":")[0])
    return exact + ([(stem, False)] if stem and stem != name else []) + (
        [(setting, False)] if setting else [])


def _find(lines: list[str], needle: str) -> tuple[int, str]:
    """The first line holding the needle as a whole word, else inside one; and that word."""
    words = [re.findall(r"[^\s()\[\]<>\"'=]+", line) for line in lines]
    for whole in (True, False):
        for number, line_words in enumerate(words, 1):
            for word in line_words:
                if word == needle or (not whole and needle in word):
                    return number, word
    return 0, ""


def _line_containing(lines: list[str], needle: str) -> int:
    return next((number for number, line in enumerate(lines, 1) if needle in line), 0)


def _close(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _built_path(source: Path) -> str:
    """Where MkDocs writes a page (directory URLs): anatomy.md -> anatomy/index.html."""
    parts = source.with_suffix("").parts
    if parts[-1] in ("index", "README"):
        parts = parts[:-1]
    return "/".join((*parts, "index.html"))


def _shown(path: Path, project: Path) -> str:
    return path.resolve().relative_to(project.resolve()).as_posix()


def _replace(site_dir: Path, new_site: Path) -> None:
    """Swap the new site in, so site/ is never half-written."""
    old = site_dir.with_name(site_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    new_site.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


def print_outcome(outcome: Outcome, out=sys.stdout) -> int:
    """Print every report and a count, then the reading levels; the exit code is 1 on an error."""
    errors = sum(report.severity == "error" for report in outcome.reports)
    warnings = len(outcome.reports) - errors
    for report in outcome.reports:
        print(report, file=out)
    if outcome.reports:
        print(f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}", file=out)
    if outcome.reading_levels:
        print(f"Reading level (Flesch-Kincaid grade; target {TARGET_GRADE} or below):", file=out)
        width = max(map(len, outcome.reading_levels))
        for page, level in outcome.reading_levels.items():
            shown = "too short to measure" if level is None else f"{level:4.1f}"
            print(f"  {page:<{width}}  {shown}", file=out)
    return 1 if errors else 0


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


# Commands ------------------------------------------------------------------

def command_build(args) -> int:
    """Build the site into site/, check every link and page, and replace site/ only if all is well."""
    started = time.monotonic()
    site_dir = PROJECT_DIR / SITE_DIR
    code = print_outcome(build_site(PROJECT_DIR, site_dir, args.external))
    if code:
        print(f"Build failed: {SITE_DIR}/ was left as it was.")
    else:
        print(f"Built {SITE_DIR}/ in {time.monotonic() - started:.1f} s.")
    return code


def command_check(args) -> int:
    """Build into a temporary folder and report problems; site/ is not touched."""
    with tempfile.TemporaryDirectory(prefix=".check-", dir=PROJECT_DIR) as output:
        outcome = build_into(PROJECT_DIR, Path(output), args.external)
    code = print_outcome(outcome)
    if not outcome.reports:
        print("No problems found.")
    return code


def command_serve(args) -> int:
    """Preview the site at http://127.0.0.1:8000, rebuilding and rechecking on every save."""
    return subprocess.call([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", args.dev_addr,
                            "-f", str(PROJECT_DIR / CONFIG_FILE)])


def command_bench(args) -> int:
    """Time a bare MkDocs build, our full build and the link check alone; print the medians."""
    def median_seconds(step) -> float:
        times = []
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory(prefix=".bench-", dir=PROJECT_DIR) as output:
                started = time.perf_counter()
                step(Path(output))
                times.append(time.perf_counter() - started)
        return statistics.median(times)

    with tempfile.TemporaryDirectory(prefix=".bench-", dir=PROJECT_DIR) as built:
        config, _ = run_mkdocs(PROJECT_DIR, Path(built))
        link_check = median_seconds(lambda _: check_site(Path(built), config.site_url))
    bare = median_seconds(lambda output: run_mkdocs(PROJECT_DIR, output))
    checked = median_seconds(lambda output: build_into(PROJECT_DIR, output, handout=False))
    full = median_seconds(lambda output: build_into(PROJECT_DIR, output))
    print(f"median of {args.runs} runs")
    print(f"  bare mkdocs build          {bare:7.3f} s")
    print(f"  build and checks           {checked:7.3f} s   {checked / bare:4.2f} x bare "
          f"(target: at most 2 x)")
    print(f"  link check alone           {link_check:7.3f} s   {100 * link_check / checked:4.1f} % "
          f"of the build (target: at most 10 %)")
    print(f"  full build, with handout   {full:7.3f} s")
    return 0


def command_new_page(args) -> int:
    """Create a page in docs/ with the right front matter, and add it to the nav in mkdocs.yml."""
    slug = re.sub(r"[^a-z0-9]+", "-", args.title.lower()).strip("-")
    page = PROJECT_DIR / "docs" / f"{slug}.md"
    if not slug:
        print("new-page needs a title with at least one letter or number, for example:\n"
              '  python scripts/build.py new-page "Running in winter"')
        return 1
    if page.exists():
        print(f"docs/{slug}.md already exists: edit it, or choose another title")
        return 1
    today = datetime.date.today()
    review_due = today.replace(year=today.year + 1) if (today.month, today.day) != (2, 29) \
        else today + datetime.timedelta(days=365)
    description = args.description or args.title
    page.write_text(f"---\ntitle: {_yaml_text(args.title)}\ndescription: {_yaml_text(description)}\n"
                    f"updated: {today}\nreview_due: {review_due}\n---\n\n# {args.title}\n",
                    encoding="utf-8")
    config = PROJECT_DIR / CONFIG_FILE
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    nav_start = next(i for i, line in enumerate(lines) if line.startswith("nav:"))
    last_entry = nav_start
    for i in range(nav_start + 1, len(lines)):
        if lines[i].startswith((" ", "\t")) and lines[i].strip():
            last_entry = i
        elif lines[i].strip():
            break
    lines.insert(last_entry + 1, f"  - {_yaml_text(args.title)}: {slug}.md\n")
    config.write_text("".join(lines), encoding="utf-8")
    print(f"Created docs/{slug}.md and added it to the nav in {CONFIG_FILE}.\n"
          f"Next: write the page, and check its description (line 3) says what the page is about.")
    return 0


def _yaml_text(text: str) -> str:
    """Text as a YAML value, quoted when a colon, quote or hash would confuse YAML.

    A JSON string is also a valid YAML string, escapes included."""
    return json.dumps(text, ensure_ascii=False) if re.search(r"[:#'\"]", text) else text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/build.py", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", metavar="command")
    for name, function in (("build", command_build), ("check", command_check),
                           ("serve", command_serve), ("bench", command_bench),
                           ("new-page", command_new_page)):
        command = commands.add_parser(name, help=function.__doc__, description=function.__doc__)
        command.set_defaults(run=function)
        if name in ("build", "check"):
            command.add_argument("--external", action="store_true",
                                 help="also visit every link to another website (needs the internet)")
    commands.choices["serve"].add_argument("--dev-addr", default=DEV_ADDRESS,
                                           help=f"address to serve on (default {DEV_ADDRESS})")
    commands.choices["bench"].add_argument("--runs", type=int, default=5,
                                           help="runs of each step (default 5)")
    commands.choices["new-page"].add_argument("title", help='the page title, e.g. "Running in winter"')
    commands.choices["new-page"].add_argument("--description",
                                              help="one or two sentences for search results")
    parser.set_defaults(run=command_build, external=False)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
