"""A problem found while building: which file, which line, what is wrong and how to fix it."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    file: str  # as staff know it, e.g. "docs/exercise.md" or "mkdocs.yml"; "" when unknown
    line: int  # 1-based; 0 when the problem belongs to the whole file
    message: str
    severity: str = "error"  # or "warning", which does not fail the build

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: " if self.file else ""
        return where + ("warning: " if self.severity == "warning" else "") + self.message

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def closest(word: str, choices) -> str | None:
    """The choice closest to a misspelt word, or None when none is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def suggest(word: str, choices, shown: str = "'{}'") -> str:
    """ " (did you mean 'x'?)" for the closest choice, or "" when none is close."""
    close = closest(word, choices)
    return f" (did you mean {shown.format(close)}?)" if close else ""


def shown_path(path: Path, project_dir: Path) -> str:
    """A file's path as staff know it: from the folder that holds mkdocs.yml."""
    for candidate in (path, path.parent.resolve() / path.name):
        try:
            return candidate.relative_to(project_dir).as_posix()
        except ValueError:
            pass
    return path.as_posix()
