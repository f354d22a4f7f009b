"""Make a synthetic copy of the site, with many extra pages, for timing the build.

Copies this project's mkdocs.yml, overrides/ and docs/ into DESTINATION (which must be empty
or absent), then adds PAGES generated pages of about 850 words each, cross-linked, all in the
nav (soleus_site/bench_site.py says how). The same PAGES always gives the same site.

Example:  .venv/bin/python scripts/make_bench_site.py /tmp/benchsite --pages 300
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from soleus_site.bench_site import DEFAULT_PAGES, make_bench_site

PROJECT_DIR = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("destination", type=Path, help="the folder to make (empty or absent)")
    parser.add_argument("--pages", type=int, default=DEFAULT_PAGES,
                        help=f"how many pages to generate (default {DEFAULT_PAGES})")
    args = parser.parse_args(argv)
    if args.pages < 2:
        parser.error("--pages must be at least 2, so pages can link to each other")
    try:
        site = make_bench_site(args.destination, PROJECT_DIR, args.pages)
    except FileExistsError as error:
        parser.error(f"{error}: give an empty or new folder")
    print(f"Made {site} with {args.pages} generated pages; build it with:  cd {site} && mkdocs build")
    return 0


if __name__ == "__main__":
    sys.exit(main())
