"""scripts/build.py, the staff's one command, run on a copy of the project: its commands and
--help; its report (every problem at once, each as `file:line: what is wrong`, then the count,
warnings published and said); its exit code; `check` leaving site/ alone; `serve` going through
the same plugin; and on GitHub Actions each problem also an annotation on its line."""

from __future__ import annotations

import datetime
import importlib.util
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import (ANATOMY, PROJECT_DIR, copy_project, edit, free_port, line_of, plant,
                      problems_of, run_build)
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
    heavy.write_bytes((project / "docs" / "media" / "heel-raise.jpg").read_bytes() + bytes(600_000))
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


def test_serve_makes_the_handout_and_shows_a_staff_problem_at_its_line(tmp_path):
    """`scripts/build.py serve` (what `make serve` runs) goes through the same plugin as a build:
    the handout page and its PDFs are served, and a mistake is shown at its file and line."""
    project = copy_project(tmp_path / "project")  # with the real site's PDFs in its cache
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
