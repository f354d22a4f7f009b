"""scripts/build.py, the staff's one command, run on a copy of the project: its commands and
--help; its report (every problem at once, each as `file:line: what is wrong`, then the count,
warnings published and said); its exit code; `check` leaving site/ alone; `serve` going through
the same plugin; and on GitHub Actions each problem also an annotation on its line."""

from __future__ import annotations

import datetime
import importlib.util
import io
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from PIL import Image

from conftest import (ANATOMY, FIXTURES_DIR, PROJECT_DIR, edit, free_port, line_of,
                      plant, problems_of, run_build)
from soleus_site.checks import external
from soleus_site.problems import Problem

TODAY = datetime.date.today()


def test_help_lists_each_command(project):
    result = run_build(project, "--help")
    assert result.returncode == 0
    for line in ("    build     Build the site into site/, check every link and page, and replace "
                 "site/ only if all is well.",
                 "    check     Build into a temporary folder and report problems; site/ is not touched.",
                 "    serve     Preview the site at http://127.0.0.1:8000, rebuilding and rechecking "
                 "on every save.",
                 "    new-page  Create a page in docs/ with the right front matter, and add it to the "
                 "nav in mkdocs.yml."):
        assert line in result.stdout.splitlines()
    assert "bench" not in result.stdout, "the bench is scripts/bench/run.py, for developers"


# Each kind of staff mistake, reported once, exactly ----------------------------------------------

# Each mistake: (file to change, text to find, replacement, expected report with {line}).
MISTAKES = {
    "missing anchor": (
        "docs/anatomy.md", "(exercise.md)", "(exercise.md#how-to-doit)",
        "docs/anatomy.md:{line}: link 'exercise.md#how-to-doit': no heading 'how-to-doit' on that "
        "page (did you mean '#how-to-do-it'?)"),
    "missing page": (
        "docs/index.md", "[Why it matters for runners](running.md)",
        "[Why it matters for runners](runing.md)",
        "docs/index.md:{line}: link 'runing.md': page or file not found (did you mean 'running.md'?)"),
    "link written with spaces": (
        "docs/index.md", "[Why it matters for runners](running.md)",
        "[Why it matters for runners](how we can help.md)",
        "docs/index.md:{line}: link 'how we can help.md': page or file not found (did you mean "
        "'how-we-can-help.md'?)"),
    "broken link on the second line of a box": (
        "docs/index.md", "    professional before you start a new exercise.",
        "    professional before you start a new exercise. See [who wrote it](#who-wrote-this-guid).",
        "docs/index.md:{line}: link '#who-wrote-this-guid': no heading 'who-wrote-this-guid' on "
        "this page (did you mean '#who-wrote-this-guide'?)"),
    "broken link in raw HTML": (
        "docs/how-we-can-help.md", "## Contact us", '<a href="../anatomyy/">Anatomy</a>\n\n## Contact us',
        "docs/how-we-can-help.md:{line}: link '../anatomyy/': page or file not found "
        "(did you mean 'anatomy.md'?)"),
    "missing picture": (
        "docs/anatomy.md", "## What it does", "![The calf muscles](images/calf.png)\n\n## What it does",
        "docs/anatomy.md:{line}: picture 'images/calf.png': file not found"),
    "picture without alt text": (
        "docs/anatomy.md", "## What it does", "![](assets/favicon.svg)\n\n## What it does",
        "docs/anatomy.md:{line}: picture 'assets/favicon.svg' has no alt text: describe what it "
        "shows inside the square brackets, for example ![Side view of the exercise]"
        "(images/picture.svg)"),
    "root-absolute link outside the site": (
        "docs/index.md", "(references.md)", "(/references/)",
        "docs/index.md:{line}: link '/references/': starts with '/', so it points outside the "
        "site (published at /soleus/); use a relative link such as 'anatomy.md'"),
    "malformed email link": (
        "docs/how-we-can-help.md", "## Contact us", "[Email us](mailto:clinic)\n\n## Contact us",
        "docs/how-we-can-help.md:{line}: link 'mailto:clinic': 'clinic' is not an email address "
        "(write it as mailto:name@example.org)"),
    "malformed phone link": (
        "docs/how-we-can-help.md", "## Contact us", "[Call us](tel:call-us)\n\n## Contact us",
        "docs/how-we-can-help.md:{line}: link 'tel:call-us': a phone link needs the number in "
        "digits, for example tel:+441234567890"),
    "video source missing": (
        "docs/exercise.md", "## How many and how often", ':video: media/heel-rase.mp4 "Demo"\n\n## How many and how often',
        "docs/exercise.md:{line}: file 'media/heel-rase.mp4' not found (looked for "
        "docs/media/heel-rase.mp4); check the spelling, or add the file there"),
    "video source malformed": (
        "docs/exercise.md", "## How many and how often", ':video: heel raise "Demo"\n\n## How many and how often',
        "docs/exercise.md:{line}: video needs a source and a title in quotes; write it as  "
        ":video: media/clip.mp4 \"Title\"  or  :video: https://youtu.be/VIDEO_ID \"Title\""),
    "unknown shortcode": (
        "docs/exercise.md", "## How many and how often", ":vidoe: media/clip.mp4\n\n## How many and how often",
        "docs/exercise.md:{line}: unknown shortcode ':vidoe:' (did you mean ':video:'?)"),
    "date that is not a date": (
        "docs/running.md", "updated: 2026-11-25", "updated: last week",
        "docs/running.md:{line}: 'updated: last week' is not a date: write it as YYYY-MM-DD, "
        "for example updated: 2026-11-25"),
    "impossible date": (
        "docs/running.md", "review_due: 2027-11-25", "review_due: 2027-13-25",
        "docs/running.md:{line}: 'review_due: 2027-13-25' is not a real date (month must be in "
        "1..12): write it as YYYY-MM-DD, for example 2026-11-25"),
    "missing description": (
        "docs/weakness.md", "description: A weak soleus", "summary: A weak soleus",
        "docs/weakness.md:1: front matter has no 'description:' (one or two sentences shown in "
        "search results and link previews)"),
    "malformed front matter": (
        "docs/weakness.md", "title: What happens if the soleus is weak",
        "title: Weak soleus: what happens",
        "docs/weakness.md:{line}: front matter is not valid: mapping values are not allowed here "
        "(each line should be 'name: value'; put a value containing ': ' in quotes)"),
    "nav entry for a missing page": (
        "mkdocs.yml", "  - Sources: references.md", "  - Sources: references.md\n  - More: referencs.md",
        "mkdocs.yml:{line}: nav lists 'referencs.md', but there is no docs/referencs.md "
        "(did you mean 'references.md'?)"),
}


@pytest.mark.parametrize("mistake", MISTAKES)
def test_each_mistake_is_reported_with_file_and_line_and_the_build_fails(project, mistake):
    file, old, new, expected = MISTAKES[mistake]
    edit(project / file, old, new)
    probe = new.split("\n")[-1 if file == "mkdocs.yml" else 0] if "{line}" in expected else None
    expected = expected.format(line=line_of(project / file, probe) if probe else 0)
    result = run_build(project)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[:2] == [expected, "1 error, 0 warnings"]
    assert lines[-1] == "Build failed: site/ was left as it was."


def test_every_problem_is_listed_at_once(project):
    edit(project / "docs" / "anatomy.md", "(exercise.md)", "(exercise.md#how-to-doit)")
    edit(project / "docs" / "index.md", "(running.md)", "(runing.md)")
    edit(project / "docs" / "running.md", "updated: 2026-11-25", "updated: soon")
    result = run_build(project)
    assert result.returncode == 1
    assert [line.split(":")[0] for line in result.stdout.splitlines()[:3]] == [
        "docs/anatomy.md", "docs/index.md", "docs/running.md"]
    assert result.stdout.splitlines()[3] == "3 errors, 0 warnings"


# Warnings: published, and said -------------------------------------------------------------------

@pytest.mark.usefixtures("good_site")
def test_small_slips_are_warnings(project):
    http = plant(project, "See [an old page](http://example.org/calves).")
    heavy = project / "docs" / "images" / "calf-photo.jpg"
    photo = io.BytesIO()
    Image.new("RGB", (16, 16), "tan").save(photo, "JPEG")
    heavy.write_bytes(photo.getvalue() + bytes(600_000))
    picture = plant(project, "![A runner's calf, from behind](images/calf-photo.jpg)")
    named = plant(project, "![heel-raise-top](images/heel-raise-top.svg)")
    edit(project / "docs" / "running.md", "title: ", "title: The soleus muscle\nold_title: ")
    title = line_of(project / "docs" / "running.md", "title: The soleus muscle")
    result = run_build(project)
    assert problems_of(result) == [
        f"{ANATOMY}:{http}: warning: link 'http://example.org/calves' is not secure (http://): use "
        f"https:// if the site offers it",
        f"{ANATOMY}:{picture}: warning: picture 'images/calf-photo.jpg' is "
        f"{heavy.stat().st_size // 1000} KB, slow to load "
        f"on a phone: make it smaller than 500 KB (for example, save it at most 1600 pixels wide, "
        f"as a JPEG for photos)",
        f"{ANATOMY}:{named}: warning: picture 'images/heel-raise-top.svg' has its file name as alt "
        f"text: describe what the picture shows inside the square brackets, for someone who "
        f"cannot see it",
        f"docs/running.md:{title}: warning: title 'The soleus muscle' is also the title of "
        f"docs/anatomy.md: give each page its own title",
        "0 errors, 4 warnings"]
    assert result.returncode == 0


# check and serve ---------------------------------------------------------------------------------

def test_check_reports_without_touching_site(project):
    edit(project / "docs" / "index.md", "(running.md)", "(runing.md)")
    result = run_build(project, "check")
    assert result.returncode == 1
    assert "link 'runing.md': page or file not found" in result.stdout
    assert not (project / "site").exists()


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_serve_makes_the_handout_and_shows_a_staff_problem_at_its_line(project):
    """`scripts/build.py serve` (what `make serve` runs) goes through the same plugin as a build:
    the handout page and its PDFs are served, and a mistake is shown at its file and line."""
    page = project / "docs" / "anatomy.md"
    edit(page, "(exercise.md)", "(exercise.md#how-to-doit)")
    expected = (f"docs/anatomy.md:{line_of(page, 'exercise.md#how-to-doit')}: link "
                f"'exercise.md#how-to-doit': no heading 'how-to-doit' on that page (did you mean "
                f"'#how-to-do-it'?)")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, str(project / "scripts" / "build.py"), "serve", "--dev-addr",
         f"127.0.0.1:{port}"], cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True, start_new_session=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "COLUMNS": "200"})
    output: list[str] = []
    reader = threading.Thread(target=lambda: output.extend(server.stdout), daemon=True)
    reader.start()
    try:
        base = f"http://127.0.0.1:{port}/soleus/"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and server.poll() is None:
            if "Serving on" in "".join(output):
                break
            time.sleep(0.2)
        assert "Serving on" in "".join(output), "".join(output)
        status, body = fetch(base + "exercise/handout/")
        assert status == 200
        assert b"<title>Bent-knee heel raise: exercise sheet | Active Podiatry</title>" in body
        status, pdf = fetch(base + "exercise/handout/bent-knee-heel-raise-a4.pdf")
        assert status == 200 and pdf.startswith(b"%PDF-")
        assert any(line.rstrip().endswith(expected) and "ERROR" in line for line in output), \
            "".join(output)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)


# On GitHub Actions: annotations ------------------------------------------------------------------

def _load_build_script():
    spec = importlib.util.spec_from_file_location("build_script", PROJECT_DIR / "scripts" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


workflow_command = _load_build_script().workflow_command


def run_build_github(project: Path, *args: str, github: bool) -> subprocess.CompletedProcess:
    """scripts/build.py on a copy, as on GitHub Actions (GITHUB_ACTIONS=true) or not (unset)."""
    return run_build(project, *args, env={"GITHUB_ACTIONS": "true" if github else None})


def commands(result: subprocess.CompletedProcess) -> list[str]:
    """The workflow commands written, from either stream."""
    return [line for line in (result.stdout + result.stderr).splitlines() if line.startswith("::")]


@pytest.fixture
def broken_link(project):
    edit(project / "docs" / "index.md", "(running.md)", "(runing.md)")
    return project, line_of(project / "docs" / "index.md", "(runing.md)")


@pytest.mark.parametrize("command", ["build", "check"])
def test_an_error_is_annotated_on_its_line_and_the_report_is_unchanged(broken_link, command):
    project, line = broken_link
    result = run_build_github(project, command, github=True)
    assert result.returncode == 1
    assert commands(result) == [
        f"::error file=docs/index.md,line={line}::link 'runing.md': page or file not found "
        f"(did you mean 'running.md'?)"]
    assert result.stdout.splitlines()[:2] == [
        f"docs/index.md:{line}: link 'runing.md': page or file not found (did you mean 'running.md'?)",
        "1 error, 0 warnings"]


def test_a_warning_is_annotated_as_a_warning(project):
    soon = TODAY + datetime.timedelta(days=10)
    edit(project / "docs" / "running.md", "review_due: 2027-11-25", f"review_due: {soon}")
    result = run_build_github(project, "build", github=True)
    assert result.returncode == 0, result.stdout
    line = line_of(project / "docs" / "running.md", "review_due:")
    assert commands(result) == [
        f"::warning file=docs/running.md,line={line}::review is due on {soon.strftime('%-d %B %Y')}, "
        f"in 10 days: check the page is still right, then set 'updated:' to today and "
        f"'review_due:' to the next review date"]


def test_without_github_actions_nothing_is_annotated(broken_link):
    project, line = broken_link
    result = run_build_github(project, "check", github=False)
    assert result.returncode == 1
    assert commands(result) == []
    assert result.stdout.splitlines()[:2] == [
        f"docs/index.md:{line}: link 'runing.md': page or file not found (did you mean 'running.md'?)",
        "1 error, 0 warnings"]


@pytest.mark.parametrize("problem, expected", [
    (Problem("docs/index.md", 12, "link 'x.md': not found"),
     "::error file=docs/index.md,line=12::link 'x.md': not found"),
    (Problem("mkdocs.yml", 0, "no 'nav:'"), "::error file=mkdocs.yml::no 'nav:'"),
    (Problem("", 0, "MkDocs stopped"), "::error::MkDocs stopped"),
    (Problem("docs/running.md", 4, "review is due", "warning"),
     "::warning file=docs/running.md,line=4::review is due"),
    # Properties escape % \r \n : and , ; the message only % \r \n, % first.
    (Problem("docs/a,b:c 100%.md", 3, "100% sure, really: %0A\r\nnext", "warning"),
     "::warning file=docs/a%2Cb%3Ac 100%25.md,line=3::100%25 sure, really: %250A%0D%0Anext"),
])
def test_workflow_command_form_and_escaping(problem, expected):
    assert workflow_command(problem) == expected


# ------------------------------------------------------------------------------------------------
# scripts/build.py, the staff's one build command, driven in-process through its `main([...])`
# on a copy of the tiny fixture site (tests/fixtures/tiny-site: two pages, no handout), so each
# test takes well under a second. Other websites are never visited: the one function that goes
# on the network (checks.external._visit) is replaced by a fake that records what it was asked.

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
def test_without_external_no_other_website_is_visited(tiny, visited, capsys, command, monkeypatch):
    monkeypatch.chdir(tiny)  # as staff run it
    before = sorted(path.name for path in tiny.iterdir())
    assert build_py(tiny).main(command) == 0
    assert visited == []
    lines = output_lines(capsys)
    assert lines[:3] == READING_LEVELS
    if command == ["check"]:
        assert lines[3:] == ["No problems found."]
        # No site/ and nothing else left, only the cache of reading levels
        assert sorted(path.name for path in tiny.iterdir()) == sorted([*before, ".cache"])
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
