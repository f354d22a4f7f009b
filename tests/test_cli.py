"""scripts/build.py, the staff's one build command, driven in-process through its `main([...])`
on a copy of the tiny fixture site (tests/fixtures/tiny-site: two pages, no handout), so each
test takes well under a second. Other websites are never visited: the one function that goes
on the network (checks.external._visit) is replaced by a fake that records what it was asked."""

from __future__ import annotations

import importlib.util
import io
import shutil
import uuid
from pathlib import Path

import pytest

from conftest import FIXTURES_DIR, PROJECT_DIR
from soleus_site.checks import external
from soleus_site.problems import Problem

NHS = "https://www.nhs.uk/live-well/exercise/"  # docs/index.md's one link to another website
CLINIC = "https://clinic.example.org/"  # the clinic's website, in the theme's footer
READING_LEVELS = ["Reading level (Flesch-Kincaid grade; target 7 or below):",
                  "  docs/index.md    too short to measure",
                  "  docs/running.md  too short to measure"]


@pytest.fixture
def tiny(tmp_path) -> Path:
    """A copy of the tiny site with scripts/build.py in it, as staff have it."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURES_DIR / "tiny-site", project)
    (project / "scripts").mkdir()
    shutil.copy2(PROJECT_DIR / "scripts" / "build.py", project / "scripts" / "build.py")
    return project


def build_py(project: Path):
    """The project's scripts/build.py as a module (its PROJECT_DIR is the project's folder)."""
    spec = importlib.util.spec_from_file_location(f"build_py_{uuid.uuid4().hex}",
                                                  project / "scripts" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def visited(monkeypatch) -> list[str]:
    """Each address the external check visits (the NHS page answers 404); nothing leaves the
    machine."""
    asked = []

    def visit(url, timeout, retries):
        asked.append(url)
        return {"status": "broken", "detail": "HTTP 404"} if url == NHS else {"status": "ok"}

    monkeypatch.setattr(external, "_visit", visit)
    return asked


def output_lines(capsys) -> list[str]:
    return capsys.readouterr().out.splitlines()


def test_build_external_visits_the_sites_links_to_other_websites_and_fails_on_a_broken_one(
        tiny, visited, capsys):
    code = build_py(tiny).main(["build", "--external"])
    assert visited == [CLINIC, NHS]
    assert output_lines(capsys) == [
        f"docs/index.md:12: link '{NHS}': broken (HTTP 404)",
        "1 error, 0 warnings",
        *READING_LEVELS,
        "Build failed: site/ was left as it was.",
    ]
    assert code == 1
    assert not (tiny / "site").exists()


def test_check_external_visits_the_sites_links_to_other_websites(tiny, visited, capsys):
    code = build_py(tiny).main(["check", "--external"])
    assert visited == [CLINIC, NHS]
    assert output_lines(capsys) == [f"docs/index.md:12: link '{NHS}': broken (HTTP 404)",
                                    "1 error, 0 warnings", *READING_LEVELS]
    assert code == 1
    assert not (tiny / "site").exists()


@pytest.mark.parametrize("command", [["build"], ["check"], []])
def test_without_external_no_other_website_is_visited(tiny, visited, capsys, command):
    assert build_py(tiny).main(command) == 0
    assert visited == []
    lines = output_lines(capsys)
    assert lines[:3] == READING_LEVELS
    if command == ["check"]:
        assert lines[3:] == ["No problems found."]
        assert not (tiny / "site").exists()
    else:  # build, the default command
        assert len(lines) == 4 and lines[3].startswith("Built site/ in ")
        assert (tiny / "site" / "running" / "index.html").is_file()


# The other commands, and what --help says ----------------------------------------------------

def test_new_page_creates_the_page_and_lists_it_in_the_nav(tiny, capsys):
    assert build_py(tiny).main(["new-page", "Running in winter", "--description", "Cold runs."]) == 0
    assert output_lines(capsys) == [
        "Created docs/running-in-winter.md and added it to the nav in mkdocs.yml.",
        "Next: write the page, and check its description (line 3) says what the page is about."]
    page = (tiny / "docs" / "running-in-winter.md").read_text(encoding="utf-8")
    assert page.startswith("---\ntitle: Running in winter\ndescription: Cold runs.\nupdated: ")
    assert "  - Running in winter: running-in-winter.md\n" in (tiny / "mkdocs.yml").read_text()


def test_new_page_that_cannot_be_made_says_why(tiny, capsys):
    assert build_py(tiny).main(["new-page", "Running"]) == 1
    assert output_lines(capsys) == ["docs/running.md already exists: edit it, or choose another title"]


def test_serve_runs_mkdocs_serve_on_the_projects_settings(tiny, monkeypatch):
    from soleus_site import cli

    called = []
    monkeypatch.setattr(cli.subprocess, "call", lambda command: called.append(command) or 7)
    assert build_py(tiny).main(["serve"]) == 7
    assert build_py(tiny).main(["serve", "--dev-addr", "0.0.0.0:9000"]) == 7
    assert called == [[cli.sys.executable, "-m", "mkdocs", "serve", "--dev-addr", address,
                       "-f", str(tiny / "mkdocs.yml")] for address in ("127.0.0.1:8000", "0.0.0.0:9000")]


def test_bench_times_the_project_with_the_runs_asked_for(tiny, monkeypatch):
    from soleus_site import bench

    called = []
    monkeypatch.setattr(bench, "run_bench", lambda project, runs: called.append((project, runs)) or 5)
    assert build_py(tiny).main(["bench"]) == 5
    assert build_py(tiny).main(["bench", "--runs", "1"]) == 5
    assert called == [(tiny, 3), (tiny, 1)]


HELP = '''\
usage: scripts/build.py [-h] command ...

Build the soleus site, check it, and catch staff mistakes before they reach a patient.

Run with no command to build everything into site/. Every problem is listed at once, one line
each, as  file:line: what is wrong (and how to fix it); then a count. Errors fail the build and
leave the last good site/ untouched; warnings do not. On GitHub Actions (GITHUB_ACTIONS=true)
each problem is also written to stderr as a workflow command, which a pull request shows on its
line.

positional arguments:
  command
    build     Build the site into site/, check every link and page, and replace site/ only if all is well.
    check     Build into a temporary folder and report problems; site/ is not touched.
    serve     Preview the site at http://127.0.0.1:8000, rebuilding and rechecking on every save.
    bench     Time bare MkDocs and our full build (PDFs made, then reused) on this site and a 300-page one.
    new-page  Create a page in docs/ with the right front matter, and add it to the nav in mkdocs.yml.

options:
  -h, --help  show this help message and exit
'''
COMMAND_HELP = {
    "build": '''\
usage: scripts/build.py build [-h] [--external]

Build the site into site/, check every link and page, and replace site/ only if all is well.

options:
  -h, --help  show this help message and exit
  --external  also visit every link to another website (needs the internet)
''',
    "check": '''\
usage: scripts/build.py check [-h] [--external]

Build into a temporary folder and report problems; site/ is not touched.

options:
  -h, --help  show this help message and exit
  --external  also visit every link to another website (needs the internet)
''',
    "serve": '''\
usage: scripts/build.py serve [-h] [--dev-addr DEV_ADDR]

Preview the site at http://127.0.0.1:8000, rebuilding and rechecking on every save.

options:
  -h, --help           show this help message and exit
  --dev-addr DEV_ADDR  address to serve on (default 127.0.0.1:8000)
''',
    "bench": '''\
usage: scripts/build.py bench [-h] [--runs RUNS]

Time bare MkDocs and our full build (PDFs made, then reused) on this site and a 300-page one.

options:
  -h, --help   show this help message and exit
  --runs RUNS  runs of each step (default 3)
''',
    "new-page": '''\
usage: scripts/build.py new-page [-h] [--description DESCRIPTION] title

Create a page in docs/ with the right front matter, and add it to the nav in mkdocs.yml.

positional arguments:
  title                 the page title, e.g. "Running in winter"

options:
  -h, --help            show this help message and exit
  --description DESCRIPTION
                        one or two sentences for search results
''',
}


@pytest.mark.parametrize("argv, expected", [(["--help"], HELP)] + [
    ([command, "--help"], text) for command, text in COMMAND_HELP.items()])
def test_help_says_what_each_command_does(tiny, monkeypatch, capsys, argv, expected):
    monkeypatch.setenv("COLUMNS", "200")
    with pytest.raises(SystemExit) as exit:
        build_py(tiny).main(argv)
    assert exit.value.code == 0
    assert capsys.readouterr().out == expected


def test_an_unknown_command_is_refused(tiny, capsys):
    with pytest.raises(SystemExit) as exit:
        build_py(tiny).main(["publish"])
    assert exit.value.code == 2
    assert "invalid choice: 'publish'" in capsys.readouterr().err


# What the build prints -------------------------------------------------------------------------

def outcome(problems=(), notes=(), levels=None):
    from soleus_site.site_build import Outcome

    return Outcome(list(problems), levels or {}, list(notes), {}, 7)


ERROR = Problem("docs/index.md", 12, "link 'runing.md': page or file not found")
WARNING = Problem("mkdocs.yml", 3, "a warning, with: a colon, and 100%", "warning")


def printed(result, github: bool, monkeypatch) -> tuple[int, str, str]:
    from soleus_site.cli import print_outcome

    if github:
        monkeypatch.setenv("GITHUB_ACTIONS", "true")
    else:
        monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    out, annotations = io.StringIO(), io.StringIO()
    code = print_outcome(result, out, annotations)
    return code, out.getvalue(), annotations.getvalue()


@pytest.mark.parametrize("github", [False, True])
def test_each_problem_then_the_count_the_notes_and_the_reading_levels(monkeypatch, github):
    result = outcome([ERROR, WARNING], ["Handout of docs/exercise.md: PDFs made"],
                     {"docs/index.md": 6.04, "docs/references.md": None})
    code, out, annotations = printed(result, github, monkeypatch)
    assert code == 1
    assert out == (
        "docs/index.md:12: link 'runing.md': page or file not found\n"
        "mkdocs.yml:3: warning: a warning, with: a colon, and 100%\n"
        "1 error, 1 warning\n"
        "Handout of docs/exercise.md: PDFs made\n"
        "Reading level (Flesch-Kincaid grade; target 7 or below):\n"
        "  docs/index.md        6.0\n"
        "  docs/references.md  too short to measure\n")
    assert annotations == ("::error file=docs/index.md,line=12::link 'runing.md': page or file not found\n"
                           "::warning file=mkdocs.yml,line=3::a warning, with: a colon, and 100%25\n"
                           if github else "")


@pytest.mark.parametrize("github", [False, True])
def test_warnings_alone_do_not_fail(monkeypatch, github):
    code, out, annotations = printed(outcome([WARNING, WARNING]), github, monkeypatch)
    assert (code, out.splitlines()[-1]) == (0, "0 errors, 2 warnings")
    assert annotations.count("::warning ") == (2 if github else 0)


def test_nothing_to_say_prints_nothing(monkeypatch):
    assert printed(outcome(), True, monkeypatch) == (0, "", "")


def test_print_outcome_writes_to_stdout_and_annotations_to_stderr(monkeypatch, capsys):
    from soleus_site.cli import print_outcome

    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert print_outcome(outcome([ERROR])) == 1
    captured = capsys.readouterr()
    assert captured.out == "docs/index.md:12: link 'runing.md': page or file not found\n1 error, 0 warnings\n"
    assert captured.err == "::error file=docs/index.md,line=12::link 'runing.md': page or file not found\n"


@pytest.mark.parametrize("problem, expected", [
    (Problem("docs/a,b:c.md", 4, "50% done\r\nnext"), "::error file=docs/a%2Cb%3Ac.md,line=4::50%25 done%0D%0Anext"),
    (Problem("docs/a.md", 0, "whole file"), "::error file=docs/a.md::whole file"),
    (Problem("", 0, "no file", "warning"), "::warning::no file"),
    (Problem("", 7, "a line only"), "::error line=7::a line only"),
])
def test_workflow_commands_carry_file_line_and_escaped_text(problem, expected):
    from soleus_site.cli import workflow_command

    assert workflow_command(problem) == expected


def test_build_says_how_long_it_took(tiny, capsys):
    assert build_py(tiny).main(["build"]) == 0
    last = output_lines(capsys)[-1]
    assert last.startswith("Built site/ in ") and last.endswith(" s.")
    assert 0 <= float(last.removeprefix("Built site/ in ").removesuffix(" s.")) < 60


def test_check_builds_in_a_temporary_folder_inside_the_project_and_removes_it(tiny, monkeypatch, capsys):
    from soleus_site import cli

    seen = []
    real_build_into = cli.build_into

    def build_into(project, output, external=False):
        seen.append((project, output.parent, output.name, output.is_dir()))
        return real_build_into(project, output, external)

    monkeypatch.setattr(cli, "build_into", build_into)
    assert build_py(tiny).main(["check"]) == 0
    [(project, parent, name, existed)] = seen
    assert (project, parent, name.startswith(".check-"), existed) == (tiny, tiny, True, True)
    assert not (tiny / name).exists()
