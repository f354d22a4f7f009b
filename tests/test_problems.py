"""How each problem reads (problems.py): `file:line: what is wrong`, a warning said as one, a
problem of a whole file without a line, "did you mean" only when a name is close, paths shown
from the project's folder, and a YAML mistake shown where it began. In-process and fast (`make
mutate` runs them against every mutant)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from soleus_site.problems import Problem, closest, shown_path, suggest, yaml_error_mark


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


@pytest.mark.parametrize("text, line", [
    ("a: [1, 2\nb: 3\n", 0),  # a '[' never closed: its line, not the line after
    ("a: {1\nb: 3\n", 0),
    ('a: 1\nb: "two\nc: 3\n', 1),  # a quote never closed
    ("a: 1\nwords\nb: 3\n", 1),  # a line with no ':', YAML looks for it until the line after
    ("a: 1\n- b\n", 1),  # the block mapping started on line 0: where YAML stopped is the line
    ("a: b: c\n", 0),
])
def test_a_yaml_mistake_is_shown_where_it_began(text, line):
    """(issue 21) yaml_error_mark gives the 0-based line for mkdocs.yml and front matter alike."""
    with pytest.raises(yaml.YAMLError) as error:
        yaml.safe_load(text)
    assert yaml_error_mark(error.value).line == line


def test_a_yaml_error_without_a_mark_has_none():
    assert yaml_error_mark(yaml.YAMLError("no mark")) is None
