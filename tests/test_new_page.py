"""`scripts/build.py new-page "Title"` (new_page.py), what `make new-page` runs: a page in docs/
with the right front matter, added to the nav, that builds; the same title again is refused."""

from __future__ import annotations

import datetime

from conftest import run_build


def test_new_page_is_created_in_the_nav_and_builds(project):
    result = run_build(project, "new-page", "Running in winter: cold calves")
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == (
        "Created docs/running-in-winter-cold-calves.md and added it to the nav in mkdocs.yml.")
    today = datetime.date.today()
    text = (project / "docs" / "running-in-winter-cold-calves.md").read_text()
    assert text.startswith(f'---\ntitle: "Running in winter: cold calves"\n'
                           f'description: "Running in winter: cold calves"\nupdated: {today}\n')
    assert '  - "Running in winter: cold calves": running-in-winter-cold-calves.md\n' in (
        project / "mkdocs.yml").read_text()
    build = run_build(project)
    assert build.returncode == 0, build.stdout
    assert (project / "site" / "running-in-winter-cold-calves" / "index.html").is_file()
    assert run_build(project, "new-page", "Running in winter: cold calves").returncode == 1
