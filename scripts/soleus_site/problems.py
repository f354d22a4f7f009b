"""A problem found while building: which file, which line, what is wrong and how to fix it."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

import yaml


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


# What YAML was reading when it found a mistake, when the mistake is where that began: a '[',
# '{' or quote opened there and never closed, or a line that is not 'name: value' (YAML stops
# on the line after, where it runs out of hope).
YAML_STARTED_HERE = ("while parsing a flow sequence", "while parsing a flow mapping",
                     "while scanning a quoted scalar", "while scanning a simple key")


def yaml_error_mark(error: yaml.YAMLError):
    """Where to show a YAML mistake (a yaml Mark: 0-based line and column): the line that opened
    what was never closed (PyYAML's context_mark, "... started here"), else where YAML stopped
    (its problem_mark); None when it says neither (mkdocs.yml and front matter alike)."""
    context = getattr(error, "context_mark", None)
    if context is not None and error.context in YAML_STARTED_HERE:  # a MarkedYAMLError
        return context
    return getattr(error, "problem_mark", None)
