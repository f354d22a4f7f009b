"""The staff's one build command: `python scripts/build.py --help` says what it does. Its work is
in the package, soleus_site/cli.py (so the tests and `make mutate` reach it in-process); this
file gives it the project's folder."""

from __future__ import annotations

import sys
from pathlib import Path

from soleus_site.cli import print_outcome, workflow_command  # noqa: F401 (for the tests)
from soleus_site.cli import main as run

PROJECT_DIR = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    return run(argv, PROJECT_DIR)


if __name__ == "__main__":
    sys.exit(main())
