"""Running a build (site_build.py): MkDocs builds into a temporary folder that replaces site/ only
when there is no error, so a failed build leaves the last good site byte for byte and no
temporary folder behind; every page in docs/ is in the nav; and a mistake in mkdocs.yml's YAML
is at the line where it began. Each on a copy of the project, through scripts/build.py."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES_DIR, edit, line_of, run_build, tree_digest
from soleus_site import plugin, site_build
from soleus_site.checks import external
from soleus_site.checks.links import ExternalLink
from soleus_site.problems import Problem


def test_clean_site_builds_with_no_problems(project):
    result = run_build(project)
    assert result.returncode == 0, result.stdout
    lines = result.stdout.splitlines()
    assert lines[:3] == ["Handout of docs/exercise.md: PDFs reused (nothing they show has changed)",
                         "Handout of docs/seated-raise.md: PDFs reused (nothing they show has changed)",
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


# ------------------------------------------------------------------------------------------------
# Running a build (site_build.py) on a copy of the tiny fixture site (tests/fixtures/tiny-site:
# two pages, no handout), in-process: about a third of a second a build. What staff see: MkDocs'
# own messages in our `file:line: ...` form, a failed build leaving the last good site, the
# external check only on request.

NHS = "https://www.nhs.uk/live-well/exercise/"
CLINIC = "https://clinic.example.org/"  # the clinic's website, in the theme's footer


@pytest.fixture
def tiny(tmp_path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES_DIR / "tiny-site", project)
    return project


def build(project: Path, output: Path | None = None, external: bool = False) -> site_build.Outcome:
    return site_build.build_into(project, output or project.parent / "out", external)


def nav_line(project: Path) -> int:
    """The line of mkdocs.yml's nav: setting."""
    lines = (project / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.startswith("nav:"))


def messages(outcome: site_build.Outcome) -> list[str]:
    return [str(problem) for problem in outcome.problems]


def test_a_clean_build_has_no_problem_and_keeps_its_reading_levels(tiny, tmp_path):
    outcome = build(tiny, tmp_path / "out")
    assert outcome.problems == [] and not outcome.failed
    assert outcome.reading_levels == {"docs/index.md": None, "docs/running.md": None}
    assert list(outcome.reading_levels) == ["docs/index.md", "docs/running.md"]
    assert (outcome.notes, outcome.reading_grade) == ([], 7)
    assert set(outcome.timings) >= {"checks", "source lines"}
    assert (tmp_path / "out" / "running" / "index.html").is_file()


def test_the_plugins_settings_are_read(tiny):
    edit(tiny / "mkdocs.yml", "  - soleus\n", "  - soleus:\n      reading_grade: 5\n")
    assert build(tiny).reading_grade == 5


def test_problems_are_in_file_and_line_order_each_once(tiny):
    edit(tiny / "docs" / "running.md", "[home](index.md)", "[home](index.md) [gone](gone.md) [gone](gone.md)")
    edit(tiny / "docs" / "index.md", "[about running](running.md)", "[about running](runing.md)")
    assert messages(build(tiny)) == [
        "docs/index.md:10: link 'runing.md': page or file not found (did you mean 'running.md'?)",
        "docs/running.md:10: link 'gone.md': page or file not found",
    ]


def test_a_nav_entry_with_no_page_and_the_page_left_out_are_at_their_lines(tiny):
    edit(tiny / "mkdocs.yml", "  - Running: running.md", "  - Running: runing.md")
    nav, entry = nav_line(tiny), line_of(tiny / "mkdocs.yml", "runing.md")
    outcome = build(tiny)
    assert messages(outcome) == [
        f"mkdocs.yml:{nav}: page 'running.md' is not in the nav: add it under 'nav:', for example  "
        f"- Page title: running.md",
        f"mkdocs.yml:{entry}: nav lists 'runing.md', but there is no docs/runing.md (did you mean "
        f"'running.md'?)"]
    assert outcome.failed


def test_a_mistake_in_mkdocs_yml_is_at_its_line_and_says_how_to_mend_it(tiny):
    edit(tiny / "mkdocs.yml", "    name: Tiny Clinic", "   name: Tiny Clinic")
    line = line_of(tiny / "mkdocs.yml", "website: https://clinic")  # where YAML sees the mistake
    outcome = build(tiny)
    assert messages(outcome) == [
        f"mkdocs.yml:{line}: MkDocs encountered an error parsing the configuration file: mapping "
        f"values are not allowed here in \"{tiny / 'mkdocs.yml'}\", line {line}, column 12 (check the "
        f"spaces at the start of each line, and put text containing ': ' in quotes)"]
    assert (outcome.reading_levels, outcome.reading_grade, outcome.failed) == ({}, None, True)


def test_a_setting_mkdocs_refuses_is_mkdocs_own_message_and_fails_the_build(tiny):
    edit(tiny / "mkdocs.yml", "  - soleus\n", "  - soleus\n  - no-such-plugin\n")
    outcome = build(tiny)
    assert messages(outcome) == ["Config value 'plugins': The \"no-such-plugin\" plugin is not installed"]
    assert (outcome.failed, outcome.reading_grade, outcome.reading_levels) == (True, None, {})


def test_mkdocs_own_messages_without_a_line_are_kept_whole(tiny):
    edit(tiny / "mkdocs.yml", "    not_found: ignore", "    not_found: warn")
    edit(tiny / "docs" / "index.md", "[about running](running.md)", "[about running](runing.md)")
    assert messages(build(tiny)) == [
        "Doc file 'index.md' contains a link 'runing.md', but the target is not found among "
        "documentation files.",
        "docs/index.md:10: link 'runing.md': page or file not found (did you mean 'running.md'?)"]


def test_the_build_leaves_mkdocs_logging_as_it_found_it(tiny):
    logger = logging.getLogger("mkdocs")
    handlers = list(logger.handlers)
    build(tiny)
    assert (logger.handlers, logger.propagate) == (handlers, True)


@pytest.fixture
def visited(monkeypatch) -> list[str]:
    asked = []

    def visit(url, timeout, retries):
        asked.append(url)
        return {"status": "broken", "detail": "HTTP 410"} if url == NHS else {"status": "ok"}

    monkeypatch.setattr(external, "_visit", visit)
    return asked


def test_other_websites_are_visited_only_on_request_and_remembered_in_the_cache(tiny, visited):
    assert build(tiny).problems == [] and visited == []
    outcome = build(tiny, external=True)
    assert outcome.problems == [Problem("docs/index.md", 12, f"link '{NHS}': broken (HTTP 410)")]
    assert visited == [CLINIC, NHS]
    assert NHS in (tiny / ".cache" / "external-links.json").read_text()


def test_the_external_check_is_given_every_link_to_another_website(tiny, monkeypatch):
    given = []
    monkeypatch.setattr(plugin, "check_external",  # the plugin visits them, when asked
                        lambda links, cache: given.append((links, cache)) or [])
    build(tiny, external=True)
    # the clinic's website, in the theme's footer, is where staff can mend it: mkdocs.yml
    assert given == [([ExternalLink("docs/index.md", 12, NHS),
                       ExternalLink("mkdocs.yml", line_of(tiny / "mkdocs.yml", CLINIC), CLINIC)],
                      tiny / ".cache" / "external-links.json")]


def test_no_external_check_when_mkdocs_yml_cannot_be_read(tiny, visited):
    edit(tiny / "mkdocs.yml", "    name: Tiny Clinic", "   name: Tiny Clinic")
    assert [problem.file for problem in build(tiny, external=True).problems] == ["mkdocs.yml"]
    assert visited == []


# build_site: site/ replaced only by a good build -----------------------------------------------

def test_a_good_build_replaces_the_site_and_leaves_no_temporary_folder(tiny):
    site = tiny / "site"
    (site / "old").mkdir(parents=True)
    (site / "old" / "page.html").write_text("old")
    outcome = site_build.build_site(tiny, site)
    assert outcome.problems == []
    assert (site / "running" / "index.html").is_file() and not (site / "old").exists()
    assert sorted(path.name for path in tiny.iterdir()) == [".cache", "docs", "mkdocs.yml", "site", "theme"]


def test_a_first_build_makes_the_site(tiny):
    assert site_build.build_site(tiny, tiny / "site").problems == []
    assert (tiny / "site" / "index.html").is_file()
    assert not (tiny / "site.old").exists()


def test_a_failed_build_leaves_the_last_good_site_as_it_was(tiny):
    site = tiny / "site"
    site.mkdir()
    (site / "index.html").write_text("last good")
    edit(tiny / "docs" / "index.md", "[about running](running.md)", "[about running](runing.md)")
    assert site_build.build_site(tiny, site).failed
    assert [path.name for path in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text() == "last good"
    assert sorted(path.name for path in tiny.iterdir()) == [".cache", "docs", "mkdocs.yml", "site", "theme"]


def test_a_warning_alone_does_not_fail_the_build(tiny):
    edit(tiny / "docs" / "index.md", "review_due: 2099-01-10", f"review_due: 2000-01-10")
    outcome = site_build.build_site(tiny, tiny / "site")
    assert [(problem.line, problem.severity) for problem in outcome.problems] == [(5, "warning")]
    assert not outcome.failed and (tiny / "site" / "index.html").is_file()


# MkDocs' messages in our form, and copies of a site's sources ----------------------------------

def test_mkdocs_messages_in_our_form(tiny):
    assert site_build.mkdocs_problems("Aborted with 2 warnings in strict mode!", tiny) == []
    omitted = ("The following pages exist in the docs directory, but are not included in the "
               '"nav" configuration:\n  - running.md\n  - more/winter.md')
    assert site_build.mkdocs_problems(omitted, tiny) == [
        Problem("mkdocs.yml", nav_line(tiny), f"page '{page}' is not in the nav: add it under 'nav:', for "
                                  f"example  - Page title: {page}")
        for page in ("running.md", "more/winter.md")]
    (tiny / "docs" / "more").mkdir()
    (tiny / "docs" / "more" / "winter.md").write_text("# Winter")
    missing = ("A reference to 'more/wintr.md' is included in the 'nav' configuration, which is "
               "not found in the documentation files.")
    assert site_build.mkdocs_problems(missing, tiny) == [Problem(
        "mkdocs.yml", 0, "nav lists 'more/wintr.md', but there is no docs/more/wintr.md (did you "
                         "mean 'more/winter.md'?)")]
    assert site_build.mkdocs_problems("Something else: line 3", tiny) == [
        Problem("", 0, "Something else: line 3")]


def test_a_copy_of_the_sources_leaves_out_caches(tiny, tmp_path):
    (tiny / "docs" / "__pycache__").mkdir()
    (tiny / "docs" / "__pycache__" / "x.pyc").write_text("x")
    (tiny / "docs" / "node_modules").mkdir()
    (tiny / "docs" / "notes.egg-info").mkdir()
    (tiny / "overrides").mkdir()
    (tiny / "overrides" / "main.html").write_text("{% extends 'base.html' %}")
    copy = site_build.copy_site_sources(tiny, tmp_path / "a" / "copy")
    assert copy == tmp_path / "a" / "copy"
    assert sorted(path.relative_to(copy).as_posix() for path in copy.rglob("*")) == [
        "docs", "docs/favicon.svg", "docs/index.md", "docs/running.md", "mkdocs.yml", "overrides",
        "overrides/main.html"]
    assert (copy / "mkdocs.yml").read_text() == (tiny / "mkdocs.yml").read_text()
    only = site_build.copy_site_sources(tiny, tmp_path / "b", ("docs",))
    assert sorted(path.name for path in only.iterdir()) == ["docs"]


def test_a_build_is_made_in_a_temporary_folder_inside_the_project_then_swapped_in(tiny, monkeypatch, visited):
    seen = []
    real_build_into = site_build.build_into

    def build_into(project, output, external=False):
        seen.append((output.parent, output.name, output.is_dir(), external))
        return real_build_into(project, output, external)

    monkeypatch.setattr(site_build, "build_into", build_into)
    assert len(site_build.build_site(tiny, tiny / "site", True).problems) == 1  # the NHS link (faked)
    [(parent, name, existed, external)] = seen
    assert (parent, name.startswith(".site-"), existed, external) == (tiny, True, True, True)
    assert not (tiny / name).exists() and not (tiny / "site").exists()  # the link is an error


def test_a_site_old_left_by_an_interrupted_build_is_cleared(tiny):
    (tiny / "site").mkdir()
    (tiny / "site.old" / "stale").mkdir(parents=True)
    assert site_build.build_site(tiny, tiny / "site").problems == []
    assert not (tiny / "site.old").exists() and (tiny / "site" / "index.html").is_file()


def test_sources_can_be_copied_into_a_folder_that_exists(tiny, tmp_path):
    (tmp_path / "copy").mkdir()
    assert (site_build.copy_site_sources(tiny, tmp_path / "copy", ("mkdocs.yml",)) / "mkdocs.yml").is_file()


def test_a_missing_mkdocs_yml_is_one_problem(tiny):
    (tiny / "mkdocs.yml").unlink()
    assert messages(build(tiny)) == [
        f"mkdocs.yml: Config file '{tiny / 'mkdocs.yml'}' does not exist. (check the spaces at the "
        f"start of each line, and put text containing ': ' in quotes)"]


def test_mkdocs_messages_are_not_also_passed_on_to_the_console(tiny, caplog):
    edit(tiny / "mkdocs.yml", "    not_found: ignore", "    not_found: warn")
    edit(tiny / "docs" / "index.md", "[about running](running.md)", "[about running](runing.md)")
    with caplog.at_level(logging.INFO):
        assert len(build(tiny).problems) == 2
    assert [record.name for record in caplog.records if record.name.startswith("mkdocs")] == []


def test_other_websites_problems_come_with_the_rest(tiny, visited):
    edit(tiny / "docs" / "index.md", "[about running](running.md)", "[about running](runing.md)")
    assert messages(build(tiny, external=True)) == [
        "docs/index.md:10: link 'runing.md': page or file not found (did you mean 'running.md'?)",
        f"docs/index.md:12: link '{NHS}': broken (HTTP 410)"]


# site/ replaced whole or not at all, on the tiny site (what test_failed_build_... checks on the
# real one), and the first line of a YAML mistake ----------------------------------------------

def replace_site(project: Path) -> site_build.Outcome:
    """The tiny site built as `scripts/build.py build` builds it: into site/, replaced whole."""
    return site_build.build_site(project, project / "site")


def folders_left(project: Path) -> list[str]:
    """What the build may have left beside site/: its temporary folder, or the old site."""
    return sorted(path.name for path in project.iterdir() if path.name.startswith((".site-", "site.old")))


def test_a_good_build_replaces_site_whole_and_leaves_nothing_beside_it(tiny):
    (tiny / "site").mkdir()
    (tiny / "site" / "deleted-page.html").write_text("an old page, since deleted")
    assert replace_site(tiny).problems == []
    assert sorted(path.name for path in (tiny / "site").iterdir()) == [
        "favicon.svg", "index.html", "running", "sitemap.xml", "sitemap.xml.gz"]
    assert folders_left(tiny) == []


def test_an_old_site_left_by_a_build_that_was_stopped_does_not_stop_the_next(tiny):
    """A build stopped (Ctrl+C, a power cut) between moving site/ aside and removing it leaves
    site.old/ behind: the next build clears it and goes on."""
    replace_site(tiny)
    (tiny / "site.old").mkdir()
    (tiny / "site.old" / "index.html").write_text("the site before last")
    assert replace_site(tiny).problems == []
    assert (tiny / "site" / "running" / "index.html").is_file()
    assert folders_left(tiny) == []


def test_a_failed_build_leaves_site_byte_for_byte_and_nothing_beside_it(tiny):
    replace_site(tiny)
    before = tree_digest(tiny / "site")
    edit(tiny / "docs" / "index.md", "[about running](running.md)", "[about running](runing.md)")
    assert replace_site(tiny).failed
    assert tree_digest(tiny / "site") == before
    assert folders_left(tiny) == []


def test_a_bracket_never_closed_in_the_tiny_sites_mkdocs_yml_is_at_its_line(tiny):
    config = tiny / "mkdocs.yml"
    edit(config, "site_name: Tiny guide", "site_name: [Tiny guide")
    opened, stopped = line_of(config, "site_name: [Tiny"), line_of(config, "site_url:")
    assert messages(build(tiny)) == [
        f"mkdocs.yml:{opened}: MkDocs encountered an error parsing the configuration file: while "
        f"parsing a flow sequence in \"{config}\", line {opened}, column 12 expected ',' "
        f"or ']', but got ':' in \"{config}\", line {stopped}, column 9 (check the "
        f"spaces at the start of each line, and put text containing ': ' in quotes)"]
