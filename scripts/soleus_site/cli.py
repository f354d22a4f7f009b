"""Build the soleus site, check it, and catch staff mistakes before they reach a patient.

Run with no command to build everything into site/. Every problem is listed at once, one line
each, as  file:line: what is wrong (and how to fix it); then a count. Errors fail the build and
leave the last good site/ untouched; warnings do not. On GitHub Actions (GITHUB_ACTIONS=true)
each problem is also written to stderr as a workflow command, which a pull request shows on its
line.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .new_page import NewPageError, new_page
from .problems import Problem
from .settings import CONFIG_FILE
from .site_build import Outcome, build_into, build_site

SITE_DIR = "site"
DEV_ADDRESS = "127.0.0.1:8000"


def print_outcome(outcome: Outcome, out=None, annotations=None) -> int:
    """Every problem and a count, what the build did, then the reading levels; 1 on an error.

    On GitHub Actions every problem is also written to `annotations` (stderr by default) as a
    workflow command, which GitHub shows on the problem's line; what goes to `out` (stdout by
    default) is unchanged.
    """
    out = sys.stdout if out is None else out
    errors = sum(problem.is_error for problem in outcome.problems)
    for problem in outcome.problems:
        print(problem, file=out)
    if outcome.problems and os.environ.get("GITHUB_ACTIONS") == "true":
        out.flush()  # the report first in the log, then its annotations
        annotations = sys.stderr if annotations is None else annotations
        for problem in outcome.problems:
            print(workflow_command(problem), file=annotations)
        annotations.flush()
    if outcome.problems:
        print(f"{_plural(errors, 'error')}, {_plural(len(outcome.problems) - errors, 'warning')}",
              file=out)
    for note in outcome.notes:
        print(note, file=out)
    if outcome.reading_levels:
        print(f"Reading level (Flesch-Kincaid grade; target {outcome.reading_grade} or below):",
              file=out)
        width = max(map(len, outcome.reading_levels))
        for page, level in outcome.reading_levels.items():
            shown = "too short to measure" if level is None else f"{level:4.1f}"
            print(f"  {page:<{width}}  {shown}", file=out)
    return 1 if errors else 0


def workflow_command(problem: Problem) -> str:
    """A problem as a GitHub workflow command: `::error file=docs/x.md,line=3::message`."""
    properties = []
    if problem.file:
        properties.append(f"file={_escape_property(problem.file)}")
    if problem.line:
        properties.append(f"line={problem.line}")
    command = "error" if problem.is_error else "warning"
    if properties:
        command += " " + ",".join(properties)
    return f"::{command}::{_escape_data(problem.message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def command_build(args) -> int:
    """Build the site into site/, check every link and page, and replace site/ only if all is well."""
    started = time.monotonic()
    code = print_outcome(build_site(args.project_dir, args.project_dir / SITE_DIR, args.external))
    if code:
        print(f"Build failed: {SITE_DIR}/ was left as it was.")
    else:
        print(f"Built {SITE_DIR}/ in {time.monotonic() - started:.1f} s.")
    return code


def command_check(args) -> int:
    """Build into a temporary folder and report problems; site/ is not touched."""
    with tempfile.TemporaryDirectory(prefix=".check-", dir=args.project_dir) as output:
        outcome = build_into(args.project_dir, Path(output), args.external)
    code = print_outcome(outcome)
    if not outcome.problems:
        print("No problems found.")
    return code


def command_serve(args) -> int:
    """Preview the site at http://127.0.0.1:8000, rebuilding and rechecking on every save."""
    return subprocess.call([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", args.dev_addr,
                            "-f", str(args.project_dir / CONFIG_FILE)])


def command_new_page(args) -> int:
    """Create a page in docs/ with the right front matter, and add it to the nav in mkdocs.yml."""
    try:
        path = new_page(args.project_dir, args.title, args.description)
    except NewPageError as error:
        print(error)
        return 1
    print(f"Created {path} and added it to the nav in {CONFIG_FILE}.\n"
          f"Next: write the page, and check its description (line 3) says what the page is about.")
    return 0


def main(argv: list[str] | None, project_dir: Path) -> int:
    """Run the command `argv` names (a build when it names none) on the project in project_dir."""
    parser = argparse.ArgumentParser(prog="scripts/build.py", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", metavar="command")
    for name, function in (("build", command_build), ("check", command_check),
                           ("serve", command_serve), ("new-page", command_new_page)):
        command = commands.add_parser(name, help=function.__doc__, description=function.__doc__)
        command.set_defaults(run=function)
        if name in ("build", "check"):
            command.add_argument("--external", action="store_true",
                                 help="also visit every link to another website (needs the internet)")
    commands.choices["serve"].add_argument("--dev-addr", default=DEV_ADDRESS,
                                           help=f"address to serve on (default {DEV_ADDRESS})")
    commands.choices["new-page"].add_argument("title", help='the page title, e.g. "Running in winter"')
    commands.choices["new-page"].add_argument("--description",
                                              help="one or two sentences for search results")
    parser.set_defaults(run=command_build, external=False, project_dir=project_dir)
    args = parser.parse_args(argv)
    return args.run(args)

