"""scripts/build.py on a copy of the project: each kind of staff mistake, reported once, exactly."""

from __future__ import annotations

import datetime
import os
import re
import subprocess
import sys

import pytest

from conftest import copy_project, edit, line_of, run_build, tree_digest

TODAY = datetime.date.today()


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def test_clean_site_builds_with_no_problems(project):
    result = run_build(project)
    assert result.returncode == 0, result.stdout
    lines = result.stdout.splitlines()
    assert lines[:2] == ["Handout of docs/exercise.md: PDFs reused (nothing they show has changed)",
                         "Reading level (Flesch-Kincaid grade; target 7 or below):"]
    assert lines[-1].startswith("Built site/ in ")
    assert (project / "site" / "exercise" / "index.html").is_file()
    assert not list(project.glob(".site-*")), "the temporary build folder was left behind"


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


def test_every_problem_is_listed_at_once(project):
    edit(project / "docs" / "anatomy.md", "(exercise.md)", "(exercise.md#how-to-doit)")
    edit(project / "docs" / "index.md", "(running.md)", "(runing.md)")
    edit(project / "docs" / "running.md", "updated: 2026-11-25", "updated: soon")
    result = run_build(project)
    assert result.returncode == 1
    assert [line.split(":")[0] for line in result.stdout.splitlines()[:3]] == [
        "docs/anatomy.md", "docs/index.md", "docs/running.md"]
    assert result.stdout.splitlines()[3] == "3 errors, 0 warnings"


def test_review_dates_overdue_or_due_soon_warn_but_do_not_fail(project):
    overdue = TODAY - datetime.timedelta(days=3)
    soon = TODAY + datetime.timedelta(days=10)
    edit(project / "docs" / "running.md", "review_due: 2027-11-25", f"review_due: {overdue}")
    edit(project / "docs" / "anatomy.md", "review_due: 2027-11-25", f"review_due: {soon}")
    result = run_build(project)
    assert result.returncode == 0
    line = line_of(project / "docs" / "running.md", "review_due:")
    assert result.stdout.splitlines()[:3] == [
        f"docs/anatomy.md:{line}: warning: review is due on {soon.strftime('%-d %B %Y')}, in 10 "
        f"days: check the page is still right, then set 'updated:' to today and 'review_due:' "
        f"to the next review date",
        f"docs/running.md:{line}: warning: review was due on {overdue.strftime('%-d %B %Y')}: "
        f"check the page is still right, then set 'updated:' to today and 'review_due:' to the "
        f"next review date",
        "0 errors, 2 warnings",
    ]


def test_failed_build_leaves_the_last_good_site_byte_for_byte(project):
    assert run_build(project).returncode == 0
    before = tree_digest(project / "site")
    edit(project / "docs" / "index.md", "(running.md)", "(runing.md)")
    edit(project / "docs" / "exercise.md", "Bend your knee, so", "Bend your knees, so")
    assert run_build(project).returncode == 1
    assert tree_digest(project / "site") == before
    assert not list(project.glob(".site-*"))


def test_check_reports_without_touching_site(project):
    edit(project / "docs" / "index.md", "(running.md)", "(runing.md)")
    result = run_build(project, "check")
    assert result.returncode == 1
    assert "link 'runing.md': page or file not found" in result.stdout
    assert not (project / "site").exists()


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


def test_reading_level_of_every_page_is_reported_and_a_hard_page_warns(project):
    edit(project / "docs" / "how-we-can-help.md", "It finds any weak muscles, in your soleus or anywhere else.",
         "Notwithstanding considerable interindividual anatomical variability, the comprehensive "
         "evaluation systematically identifies musculotendinous insufficiencies affecting the "
         "gastrocnemius-soleus complex, which constitutes the predominant plantarflexor musculature.")
    result = run_build(project)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert re.fullmatch(r"docs/how-we-can-help\.md: warning: reading level is grade \d+\.\d, above the "
                        r"target of 7: use shorter sentences and everyday words", lines[0])
    assert lines[1:4] == ["0 errors, 1 warning", "Handout of docs/exercise.md: PDFs reused (nothing they show has changed)",
                          "Reading level (Flesch-Kincaid grade; target 7 or below):"]
    assert [line.split()[0] for line in lines[4:-1]] == [
        "docs/anatomy.md", "docs/exercise.md", "docs/how-we-can-help.md", "docs/index.md",
        "docs/references.md", "docs/running.md", "docs/weakness.md"]


def test_a_clinic_detail_set_once_appears_in_footer_contact_list_and_handout(project):
    edit(project / "mkdocs.yml", 'phone: ""', 'phone: "+44 (0)1234 567890"')
    edit(project / "mkdocs.yml", 'email: ""', 'email: "Hello@Example.ORG"')
    edit(project / "mkdocs.yml", 'booking_url: ""', 'booking_url: "https://example.org/book"')
    assert run_build(project).returncode == 0
    site = project / "site"
    footer = (site / "index.html").read_text()
    assert 'Phone: <a href="tel:+441234567890">01234 567890</a>.' in footer
    assert 'Email: <a href="mailto:Hello@example.org">Hello@example.org</a>.' in footer
    contact = (site / "how-we-can-help" / "index.html").read_text()
    assert '<li>Phone: <a href="tel:+441234567890">01234 567890</a></li>' in contact
    assert '<li><a href="https://example.org/book">Book an appointment</a></li>' in contact
    assert 'href="tel:+441234567890"' in (site / "exercise" / "handout" / "index.html").read_text()
    assert "+4401234567890" not in footer + contact


def test_a_phone_number_that_cannot_be_dialled_points_at_the_setting(project):
    edit(project / "mkdocs.yml", 'phone: ""', 'phone: "01234 56789O"')
    result = run_build(project)
    assert result.returncode == 1
    line = line_of(project / "mkdocs.yml", 'phone: "01234 56789O"')
    assert result.stdout.splitlines()[:2] == [
        f"mkdocs.yml:{line}: phone '01234 56789O' is not a UK phone number (it has a letter in it): "
        f"write it in digits, for example 01234 567890", "1 error, 0 warnings"]


def test_feedback_link_appears_under_each_page_once_the_clinic_email_is_known(project):
    assert run_build(project).returncode == 0
    assert "Tell us what you think" not in (project / "site" / "anatomy" / "index.html").read_text()
    edit(project / "mkdocs.yml", 'email: ""', 'email: "hello@example.org"')
    assert run_build(project).returncode == 0
    assert ('<a href="mailto:hello@example.org?subject=Feedback%3A%20The%20soleus%20muscle">'
            'Tell us what you think of this page</a>') in (
        project / "site" / "anatomy" / "index.html").read_text()


def test_the_same_link_twice_in_a_paragraph_is_reported_at_each_line(project):
    edit(project / "docs" / "running.md", "## ", "See [a](runing.md) and\nagain [b](runing.md).\n\n## ")
    result = run_build(project)
    first = line_of(project / "docs" / "running.md", "See [a](runing.md)")
    assert result.stdout.splitlines()[:3] == [
        f"docs/running.md:{first}: link 'runing.md': page or file not found (did you mean 'running.md'?)",
        f"docs/running.md:{first + 1}: link 'runing.md': page or file not found (did you mean 'running.md'?)",
        "2 errors, 0 warnings"]


def test_mkdocs_itself_shows_each_broken_link_once_with_its_line(project):
    """`mkdocs build` and `mkdocs serve` use the same plugin: MkDocs' own line-less link messages
    are off, so staff see ours only."""
    edit(project / "docs" / "index.md", "(running.md)", "(runing.md)")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(project / "out")],
                            cwd=project, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    line = line_of(project / "docs" / "index.md", "(runing.md)")
    assert [message for message in result.stderr.splitlines() if "runing" in message] == [
        f"ERROR   -  docs/index.md:{line}: link 'runing.md': page or file not found "
        f"(did you mean 'running.md'?)"]
