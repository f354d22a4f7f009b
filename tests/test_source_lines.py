"""Where each link is written (source_lines.py): a problem is reported at the line of the page's
file the link is on, even when the same link is written twice in one paragraph, or on a line
with a tab (which Python-Markdown turns into spaces before it parses)."""

from __future__ import annotations

import pytest

from conftest import FRONT, edit, line_of, render, run_build


def test_the_same_link_twice_in_a_paragraph_is_reported_at_each_line(project):
    edit(project / "docs" / "running.md", "## ", "See [a](runing.md) and\nagain [b](runing.md).\n\n## ")
    result = run_build(project)
    first = line_of(project / "docs" / "running.md", "See [a](runing.md)")
    assert result.stdout.splitlines()[:3] == [
        f"docs/running.md:{first}: link 'runing.md': page or file not found (did you mean 'running.md'?)",
        f"docs/running.md:{first + 1}: link 'runing.md': page or file not found (did you mean 'running.md'?)",
        "2 errors, 0 warnings"]


# A tab, as Word and some editors leave it (issue 21) ------------------------------------------
# Python-Markdown expands tabs to spaces before it parses: a block is still found at its line.

@pytest.mark.parametrize("markdown, expected", [
    ("See\tthe [exercise](exercise.md) now.\n", [("exercise.md", 7)]),
    ("Para one.\n\nA\tb [e](e.md) and\nmore [f](f.md)\n\nThen [g](g.md) here.\n",
     [("e.md", 9), ("f.md", 10), ("g.md", 12)]),
    ("- First\titem\n  see [a](a.md)\n", [("a.md", 8)]),
    ("1.\tStep [b](b.md)\n2.\tStep\twith [c](c.md)\n", [("b.md", 7), ("c.md", 8)]),
    ("- top [t](t.md)\n\t- sub\t[d](d.md)\n\t- [e](e.md)\n", [("t.md", 7), ("d.md", 8), ("e.md", 9)]),
    ("| a\t| b |\n| --- | --- |\n| 1\t| [x](x.md)\tand more |\n", [("x.md", 9)]),
    ("!!! note\n\n\tIn a box\twith [n](n.md).\n", [("n.md", 9)]),
    ("A picture:\t![A calf](images/calf.png)\n", [("images/calf.png", 7)]),
])
def test_a_link_on_a_line_with_a_tab_keeps_its_line(markdown, expected):
    page, _, _ = render(FRONT + markdown)
    assert [(reference.url, reference.line) for reference in page.references] == expected


def test_a_broken_link_after_a_tab_is_reported_at_its_line(project):
    page = project / "docs" / "running.md"
    edit(page, "## ", "- Pasted\tfrom Word: [a](runing.md)\n\t- and\tindented: [b](runing.md)\n\n## ")
    result = run_build(project)
    first = line_of(page, "[a](runing.md)")
    assert result.stdout.splitlines()[:3] == [
        f"docs/running.md:{first}: link 'runing.md': page or file not found (did you mean 'running.md'?)",
        f"docs/running.md:{first + 1}: link 'runing.md': page or file not found (did you mean 'running.md'?)",
        "2 errors, 0 warnings"]
