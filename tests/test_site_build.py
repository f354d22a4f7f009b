"""Running a build (site_build.py): MkDocs builds into a temporary folder that replaces site/ only
when there is no error, so a failed build leaves the last good site byte for byte and no
temporary folder behind; every page in docs/ is in the nav; and a mistake in mkdocs.yml's YAML
is at the line where it began. Each on a copy of the project, through scripts/build.py."""

from __future__ import annotations

from conftest import edit, line_of, run_build, tree_digest


def test_clean_site_builds_with_no_problems(project):
    result = run_build(project)
    assert result.returncode == 0, result.stdout
    lines = result.stdout.splitlines()
    assert lines[:2] == ["Handout of docs/exercise.md: PDFs reused (nothing they show has changed)",
                         "Reading level (Flesch-Kincaid grade; target 7 or below):"]
    assert lines[-1].startswith("Built site/ in ")
    assert (project / "site" / "exercise" / "index.html").is_file()
    assert not list(project.glob(".site-*")), "the temporary build folder was left behind"


def test_failed_build_leaves_the_last_good_site_byte_for_byte(project):
    assert run_build(project).returncode == 0
    before = tree_digest(project / "site")
    edit(project / "docs" / "index.md", "(running.md)", "(runing.md)")
    edit(project / "docs" / "exercise.md", "Bend your knee, so", "Bend your knees, so")
    assert run_build(project).returncode == 1
    assert tree_digest(project / "site") == before
    assert not list(project.glob(".site-*"))


def test_page_left_out_of_the_nav(project):
    (project / "docs" / "extra.md").write_text(
        "---\ntitle: Extra\ndescription: An extra page.\nupdated: 2026-11-25\n"
        "review_due: 2027-11-25\n---\n\n# Extra\n")
    nav_line = next(n for n, line in enumerate((project / "mkdocs.yml").read_text().splitlines(), 1)
                    if line.startswith("nav:"))
    result = run_build(project)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        f"mkdocs.yml:{nav_line}: page 'extra.md' is not in the nav: add it under 'nav:', "
        f"for example  - Page title: extra.md")


def test_a_bracket_never_closed_in_mkdocs_yml_is_at_its_line(project):
    """Not the line after, where YAML stopped (issue 21)."""
    config = project / "mkdocs.yml"
    edit(config, "copyright: Active Podiatry", "copyright: [Active Podiatry")
    opened, stopped = line_of(config, "copyright: [Active"), line_of(config, "edit_uri:")
    result = run_build(project)
    assert result.returncode == 1
    assert result.stdout.splitlines()[:2] == [
        f"mkdocs.yml:{opened}: MkDocs encountered an error parsing the configuration file: while "
        f"parsing a flow sequence in \"{config.resolve()}\", line {opened}, column 12 expected ',' "
        f"or ']', but got '?' in \"{config.resolve()}\", line {stopped}, column 1 (check the "
        f"spaces at the start of each line, and put text containing ': ' in quotes)",
        "1 error, 0 warnings"]


def test_where_yaml_stopped_in_mkdocs_yml_is_the_line_when_nothing_was_left_open(project):
    config = project / "mkdocs.yml"
    edit(config, "copyright: Active Podiatry", "copyright: Active Podiatry\n  owner: the clinic")
    line = line_of(config, "owner: the clinic")
    result = run_build(project)
    assert result.stdout.splitlines()[:2] == [
        f"mkdocs.yml:{line}: MkDocs encountered an error parsing the configuration file: mapping "
        f"values are not allowed here in \"{config.resolve()}\", line {line}, column 8 (check the "
        f"spaces at the start of each line, and put text containing ': ' in quotes)",
        "1 error, 0 warnings"]
