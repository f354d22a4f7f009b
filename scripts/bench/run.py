"""The bench (make bench): how fast the site builds, and how light and good its pages are.

With no command, runs `all`: `build`, then `pages`. Each prints a table and changes nothing in
the project but its cache (.cache/).

build (build_times.py): medians of several rounds, after a warm-up round, of bare MkDocs +
Material, our full build with no PDF cache (first run) and with it (second run), and the checks'
share of the second run; on this site and on a generated 300-page one; each target met or NOT met.

pages (page_weight.py): per page, what a phone 360 px wide downloads on first load with an empty
cache (every request; text gzipped at level 9), against the exercise page's 100 KB budget, and
Lighthouse's four scores (medians). Needs /usr/bin/chromium, and Lighthouse in lighthouse/
(make bench installs it with npm).

make-site (bench_site.py): the generated site alone, to build or profile by hand.

Examples:
  .venv/bin/python scripts/bench/run.py build --runs 1
  .venv/bin/python scripts/bench/run.py make-site /tmp/benchsite --pages 300
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's banner about MkDocs 2, on every run

from bench_site import DEFAULT_PAGES, make_bench_site  # noqa: E402

PROJECT_DIR = Path(__file__).resolve().parents[2]
RUNS = 3
RUNS_HELP = {"all": "timed build rounds, and Lighthouse runs per page",
             "build": "timed build rounds", "pages": "Lighthouse runs per page"}


def command_all(args) -> int:
    """Build timings, then page weights and Lighthouse scores (what make bench runs)."""
    code = command_build(args)
    print()
    return command_pages(args) or code


def command_build(args) -> int:
    """Time bare MkDocs and our full build (PDFs made, then reused) on this site and a 300-page one."""
    from build_times import run_build_times

    return run_build_times(PROJECT_DIR, args.runs)


def command_pages(args) -> int:
    """Per page: first-load KB on a phone (gzip -9, empty cache) and Lighthouse's scores."""
    from page_weight import run_page_weight

    return run_page_weight(PROJECT_DIR, args.runs, with_lighthouse=not args.no_lighthouse)


def command_make_site(args) -> int:
    """Copy this site into a folder and add generated pages, all in the nav, to build by hand."""
    try:
        site = make_bench_site(args.destination, PROJECT_DIR, args.pages)
    except FileExistsError as error:
        print(f"{error}: give an empty or new folder")
        return 2
    print(f"Made {site} with {args.pages} generated pages; build it with:  cd {site} && mkdocs build")
    return 0


def at_least(minimum: int):
    """An argparse type: a whole number no smaller than `minimum`."""
    def parse(text: str) -> int:
        number = int(text)
        if number < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}")
        return number
    return parse


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench/run.py", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", metavar="command")
    for name, function in (("all", command_all), ("build", command_build),
                           ("pages", command_pages), ("make-site", command_make_site)):
        command = commands.add_parser(name, help=function.__doc__, description=function.__doc__)
        command.set_defaults(run=function)
        if name in RUNS_HELP:
            command.add_argument("--runs", type=at_least(1), default=RUNS,
                                 help=f"{RUNS_HELP[name]} (default {RUNS})")
        if name in ("all", "pages"):
            command.add_argument("--no-lighthouse", action="store_true",
                                 help="only the first-load figures, no Lighthouse")
    commands.choices["make-site"].add_argument("destination", type=Path,
                                               help="the folder to make (empty or absent)")
    commands.choices["make-site"].add_argument(
        "--pages", type=at_least(2), default=DEFAULT_PAGES,
        help=f"how many pages to generate, at least 2 so they can link to each other "
             f"(default {DEFAULT_PAGES})")
    parser.set_defaults(run=command_all, runs=RUNS, no_lighthouse=False)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
