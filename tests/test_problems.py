"""How each problem reads (problems.py): `file:line: what is wrong`, a warning said as one, a
problem of a whole file without a line, "did you mean" only when a name is close, and paths shown
from the project's folder. In-process and fast (`make mutate` runs them against every mutant)."""

from __future__ import annotations

from pathlib import Path

import pytest

from soleus_site.problems import Problem, closest, shown_path, suggest


@pytest.mark.parametrize("problem, shown", [
    (Problem("docs/a.md", 3, "broken"), "docs/a.md:3: broken"),
    (Problem("docs/a.md", 3, "late", "warning"), "docs/a.md:3: warning: late"),
    (Problem("docs/a.md", 0, "not published"), "docs/a.md: not published"),
    (Problem("", 0, "MkDocs says"), "MkDocs says"),
])
def test_a_problem_reads_file_line_message(problem, shown):
    assert str(problem) == shown
    assert problem.is_error is (problem.severity == "error")


def test_suggestions_only_when_close():
    assert suggest("runing", ["running", "anatomy"]) == " (did you mean 'running'?)"
    assert suggest("vidoe", ["video"], "':{}:'") == " (did you mean ':video:'?)"
    assert suggest("zzz", ["running"]) == ""
    assert closest("anatomyy", ["anatomy", "exercise"]) == "anatomy"
    assert closest("xyz", ["anatomy"]) is None


def test_shown_path_is_from_the_project(tmp_path):
    assert shown_path(tmp_path / "docs" / "a.md", tmp_path) == "docs/a.md"
    assert shown_path(Path("/elsewhere/a.md"), tmp_path) == "/elsewhere/a.md"
