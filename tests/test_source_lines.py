"""Where each link is written (source_lines.py): a problem is reported at the line of the page's
file the link is on, even when the same link is written twice in one paragraph."""

from __future__ import annotations

from conftest import edit, line_of, run_build


def test_the_same_link_twice_in_a_paragraph_is_reported_at_each_line(project):
    edit(project / "docs" / "running.md", "## ", "See [a](runing.md) and\nagain [b](runing.md).\n\n## ")
    result = run_build(project)
    first = line_of(project / "docs" / "running.md", "See [a](runing.md)")
    assert result.stdout.splitlines()[:3] == [
        f"docs/running.md:{first}: link 'runing.md': page or file not found (did you mean 'running.md'?)",
        f"docs/running.md:{first + 1}: link 'runing.md': page or file not found (did you mean 'running.md'?)",
        "2 errors, 0 warnings"]
