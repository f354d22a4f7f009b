"""The soleus plugin's one pass (plugin.py), on a copy of the tiny fixture site
(tests/fixtures/tiny-site: two pages) built in-process, about a third of a second a build: each
kind of problem staff can make, reported once at its line; what is left out of the site; the
built pages' escaped titles and kept dates; a handout (with a fake WeasyPrint, so no PDF is really
drawn) made, then reused. Then, built as `mkdocs build` or `mkdocs serve` would (run_mkdocs), with
each problem as the plugin logged it: what a page's words and the theme load from other websites
or run, at the line that wrote it; each page's Content-Security-Policy; drafts; the site's address;
published pictures; the site's stylesheets and SVG pictures."""

from __future__ import annotations

import logging
import os
import re
import shutil
from contextlib import contextmanager
from pathlib import Path

import lxml.html
import pytest

import page_rendering
from conftest import FIXTURES_DIR, edit, line_of
from page_rendering import MKDOCS_YML, markdown_extensions
from soleus_site import site_build
from soleus_site.handout import pdf
from soleus_site.problems import Problem


@pytest.fixture
def tiny(tmp_path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES_DIR / "tiny-site", project)
    return project


def build(project: Path) -> site_build.Outcome:
    return site_build.build_into(project, project / "site")


def messages(outcome) -> list[str]:
    return [str(problem) for problem in outcome.problems]


def write(project: Path, name: str, text: str) -> Path:
    path = project / "docs" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def add_to_nav(project: Path, *entries: str) -> None:
    edit(project / "mkdocs.yml", "  - Running: running.md\n",
         "  - Running: running.md\n" + "".join(f"  - {entry}\n" for entry in entries))


FRONT = """\
---
title: {title}
description: A page of the tiny guide.
updated: 2026-01-10
review_due: {due}
---
"""
SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 30"/>'


def page(title: str, body: str, due: str = "2099-01-10") -> str:
    return FRONT.format(title=title, due=due) + "\n" + body  # the body starts on line 8


def test_the_tiny_site_and_the_in_process_pages_read_markdown_as_the_real_site_does():
    """The tiny site's mkdocs.yml and tests/page_rendering.py use the real mkdocs.yml's Markdown
    extensions, with their settings: what these fast tests find is what the real build finds."""
    real = markdown_extensions(MKDOCS_YML)
    assert real[0][:4] == ["abbr", "admonition", "attr_list", "md_in_html"]
    assert markdown_extensions(FIXTURES_DIR / "tiny-site" / "mkdocs.yml") == real
    assert (page_rendering.EXTENSIONS, page_rendering.EXTENSION_CONFIGS) == real


def test_each_kind_of_mistake_on_a_page_is_one_problem_at_its_line(tiny):
    write(tiny, "images/calf.svg", SVG)
    write(tiny, "winter.md", page("Winter", (
        "# Winter\n"  # 8
        "\n"
        "![Calf](images/calf.svg) ![Heel](images/heel.svg)\n"  # 10
        "\n"
        "Read [running](running.md#running), [nowhere](running.md#nowhere) and [x](x.md).\n"  # 12
        "\n"
        ":video: media/clip.mp4 \"Clip\"\n"  # 14
        "\n"
        "<script>alert(1)</script>\n"  # 16
        "\n"
        "Mail [us](mailto:not-an-address).\n"  # 18
    ), due="2000-01-01"))
    add_to_nav(tiny, "Winter: winter.md")
    outcome = build(tiny)
    assert messages(outcome) == [
        "docs/winter.md:5: warning: review was due on 1 January 2000: check the page is still "
        "right, then set 'updated:' to today and 'review_due:' to the next review date",
        "docs/winter.md:10: warning: picture 'images/calf.svg' has its file name as alt text: "
        "describe what the picture shows inside the square brackets, for someone who cannot see it",
        "docs/winter.md:10: picture 'images/heel.svg': file not found (did you mean 'calf.svg'?)",
        "docs/winter.md:12: link 'running.md#nowhere': no heading 'nowhere' on that page",
        "docs/winter.md:12: link 'x.md': page or file not found",
        "docs/winter.md:14: file 'media/clip.mp4' not found (looked for docs/media/clip.mp4); check "
        "the spelling, or add the file there",
        "docs/winter.md:16: <script> is not allowed in a page: it can run code or show another "
        "website; remove it (to show a video, use the :video: shortcode)",
        "docs/winter.md:18: link 'mailto:not-an-address': 'not-an-address' is not an email address "
        "(write it as mailto:name@example.org)",
    ]
    # The picture that is there is sized in the built page
    html = (tiny / "site" / "winter" / "index.html").read_text(encoding="utf-8")
    assert ('<img alt="Calf" decoding="async" fetchpriority="high" height="30" '
            'src="../images/calf.svg" width="40" />') in html


def test_the_pages_title_and_description_are_escaped(tiny):
    edit(tiny / "docs" / "running.md", "title: Running", "title: Running <b>fast</b> & far")
    edit(tiny / "docs" / "index.md", "description: The home page", "description: The <i>home</i> page")
    assert build(tiny).problems == []
    running = (tiny / "site" / "running" / "index.html").read_text(encoding="utf-8")
    assert "<title>Running &lt;b&gt;fast&lt;/b&gt; &amp; far - Tiny guide</title>" in running
    assert "<b>" not in running
    home = (tiny / "site" / "index.html").read_text(encoding="utf-8")
    assert ('<meta name="description" content="The &lt;i&gt;home&lt;/i&gt; page of a tiny guide '
            'for runners.">') in home


def test_a_date_that_is_not_a_date_is_reported_and_left_off_the_page(tiny):
    edit(tiny / "docs" / "running.md", "updated: 2026-01-10", "updated: soon")
    assert messages(build(tiny)) == [
        "docs/running.md:4: 'updated: soon' is not a date: write it as YYYY-MM-DD, for example "
        "updated: 2026-11-25"]
    running = (tiny / "site" / "running" / "index.html").read_text(encoding="utf-8")
    home = (tiny / "site" / "index.html").read_text(encoding="utf-8")
    assert "Page last updated" not in running and "soon" not in running
    assert "<p>Next review due: 10 January 2099</p>" in running
    assert "<p>Page last updated: 10 January 2026</p>" in home


def test_a_file_that_must_not_be_published_is_an_error_and_left_out(tiny):
    write(tiny, "patients.csv", "name,phone\n")
    write(tiny, "images/calf.svg", SVG)
    outcome = build(tiny)
    assert messages(outcome) == [
        "docs/patients.csv: files of this kind (.csv) are not published: move it out of docs/ "
        "(docs/ holds only pages, pictures, video, captions, stylesheets, scripts, fonts and PDFs)"]
    assert not (tiny / "site" / "patients.csv").exists()
    assert (tiny / "site" / "images" / "calf.svg").is_file()


def test_a_folder_in_docs_that_is_a_link_stops_the_build_before_mkdocs_walks_it(tiny, tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "secret.md").write_text("# Secret")
    os.symlink(tmp_path / "elsewhere", tiny / "docs" / "linked")
    outcome = build(tiny)
    assert messages(outcome) == [
        f"docs/linked: is a link to another folder ({tmp_path / 'elsewhere'}), which is never "
        f"published: put the folder itself in docs/, or delete the link"]
    assert outcome.failed
    assert not (tiny / "site" / "linked").exists()


def test_a_clinic_detail_that_cannot_work_is_at_its_line_in_mkdocs_yml(tiny):
    edit(tiny / "mkdocs.yml", "    website: https://clinic.example.org/",
         "    website: https://clinic.example.org/\n    email: not-an-address")
    assert messages(build(tiny)) == [
        f"mkdocs.yml:{line_of(tiny / 'mkdocs.yml', 'not-an-address')}: email 'not-an-address' is not "
        f"an email address (an email address must have an @-sign): write just the address, for "
        f"example hello@example.org"]


def test_a_page_not_saved_as_utf8_is_an_error_at_its_line_and_the_rest_is_still_checked(tiny):
    path = tiny / "docs" / "running.md"
    path.write_bytes(path.read_bytes().replace(b"Run slowly", b"Run \xe9slowly")
                     .replace(b"[home](index.md)", b"[home](indx.md)"))
    assert messages(build(tiny)) == [
        "docs/running.md:10: column 30: this file is not saved as UTF-8 (byte 0xE9 is not UTF-8 "
        "text): save it as UTF-8 in your editor (\"Save with encoding\", then UTF-8)",
        "docs/running.md:10: link 'indx.md': page or file not found (did you mean 'index.md'?)"]


def test_links_to_headings_of_other_pages_and_to_the_themes_own_ids(tiny):
    # the tiny theme's navigation is <nav id="site-nav">
    edit(tiny / "docs" / "running.md", "Go back [home](index.md).",
         "Go back [home](index.md#home), [to the top](#running), [the menu](#site-nav) or "
         "[nowhere](#nowhere).")
    assert messages(build(tiny)) == [
        "docs/running.md:10: link '#nowhere': no heading 'nowhere' on this page"]


def test_a_title_two_pages_share_and_a_page_above_the_reading_level_are_warnings(tiny):
    edit(tiny / "mkdocs.yml", "  - soleus\n", "  - soleus:\n      reading_grade: 2\n")
    edit(tiny / "docs" / "running.md", "title: Running", "title: Home")
    edit(tiny / "docs" / "running.md", "Run slowly at first.",
         "Consequently, physiological adaptation of musculotendinous structures necessitates "
         "progressive, individualised loading, particularly following prolonged inactivity. " * 4)
    outcome = build(tiny)
    assert messages(outcome) == [
        "docs/running.md: warning: reading level is grade 29.2, above the target of 2: use shorter "
        "sentences and everyday words",
        "docs/running.md:2: warning: title 'Home' is also the title of docs/index.md: give each "
        "page its own title"]
    assert (outcome.reading_levels, outcome.reading_grade) == (
        {"docs/index.md": None, "docs/running.md": 29.2}, 2)


# A page's handout, with a fake WeasyPrint ---------------------------------------------------------

HEEL_RAISE = """\
---
title: Heel raise
description: A heel raise for the calf.
handout: true
updated: 2026-01-10
review_due: 2099-01-10
---

# The exercise: heel raise

This makes your calf stronger.

!!! warning "Check with us first"
    Ask us first after surgery.

## How to do it

![Start: on the step](images/start.svg)

1. Stand on a step.
2. Push up slowly.

## How many and how often

- **Sets:** 2 to 3.

## How it should feel

Tired is normal.

!!! warning "When to stop"
    Stop when it hurts.

## When to get help

!!! danger "A possible blood clot"
    Call 999.
"""


def fake_weasyprint(monkeypatch, drawn: list | None = None, pages: dict | None = None) -> None:
    """PDFs 'drawn' in no time: each is noted in `drawn` by its paper stylesheet, and takes 2
    pages, or as many as `pages` says for its stylesheet."""
    def write_pdf(sheet_html, handout_dir, target, paper_stylesheet):
        if drawn is not None:
            drawn.append(paper_stylesheet.name)
        target.write_bytes(b"%PDF fake")
        return (pages or {}).get(paper_stylesheet.name, 2)

    monkeypatch.setattr(pdf, "write_pdf", write_pdf)


@pytest.fixture
def heel_raise(tiny) -> Path:
    write(tiny, "images/start.svg", SVG)
    write(tiny, "heel-raise.md", HEEL_RAISE)
    add_to_nav(tiny, "Heel raise: heel-raise.md")
    return tiny


def test_a_handout_page_gets_its_handout_made_once_then_reused(heel_raise, monkeypatch):
    drawn = []
    fake_weasyprint(monkeypatch, drawn)
    outcome = build(heel_raise)
    assert (outcome.problems, outcome.notes) == ([], ["Handout of docs/heel-raise.md: PDFs made"])
    assert drawn == ["paper-a4.css", "paper-letter.css", "paper-large-print.css"]
    handout = heel_raise / "site" / "heel-raise" / "handout"
    assert sorted(path.name for path in handout.glob("*.*")) == [
        "handout-narrow.css", "handout.css", "heel-raise-a4.pdf", "heel-raise-large-print.pdf",
        "heel-raise-letter.pdf", "index.html", "plan.js", "qr-page.svg"]
    assert "Stand on a step." in (handout / "index.html").read_text(encoding="utf-8")
    drawn.clear()
    outcome = build(heel_raise)
    assert (outcome.problems, outcome.notes, drawn) == (
        [], ["Handout of docs/heel-raise.md: PDFs reused (nothing they show has changed)"], [])
    assert (handout / "heel-raise-letter.pdf").read_bytes() == b"%PDF fake"


def test_links_to_the_handout_and_its_headings_are_checked(heel_raise, monkeypatch):
    fake_weasyprint(monkeypatch)
    edit(heel_raise / "docs" / "running.md", "Go back [home](index.md).",
         "Print [the sheet](../heel-raise/handout/#your-plan), [the PDF]"
         "(../heel-raise/handout/heel-raise-a4.pdf) or [no such part](../heel-raise/handout/#nope).")
    assert messages(build(heel_raise)) == [
        "docs/running.md:10: link '../heel-raise/handout/#nope': no heading 'nope' on that page"]


def test_a_pdf_longer_than_its_pages_is_a_warning_at_handout_true(heel_raise, monkeypatch):
    fake_weasyprint(monkeypatch, pages={"paper-letter.css": 3})
    assert messages(build(heel_raise)) == [
        "docs/heel-raise.md:4: warning: the handout's US Letter PDF takes 3 pages; it should fit on "
        "2 (shorten a step, tip, caption or the dosage on this page, or ask for the handout's "
        "layout to be changed)"]


def test_every_handout_links_back_to_the_page_ladder_page_names(heel_raise, monkeypatch):
    """The ladder_page setting names the page of all the levels: the handout page's toolbar links
    to it by its title, and the sheet (on the page and in the PDFs) prints its address."""
    fake_weasyprint(monkeypatch)
    edit(heel_raise / "mkdocs.yml", "  - soleus\n", "  - soleus:\n      ladder_page: running.md\n")
    assert messages(build(heel_raise)) == []
    page = lxml.html.parse(str(heel_raise / "site" / "heel-raise" / "handout" / "index.html")).getroot()
    assert [(link.get("href"), link.text_content()) for link in page.find_class("toolbar__ladder")] == [
        ("../../running/", "Running")]
    [online] = page.find_class("online")
    assert " ".join(online.text_content().split()) == (
        "Online: scan the code, or go to example.org/tiny/heel-raise/ All the levels, and when to "
        "move on: example.org/tiny/running/")


def test_without_ladder_page_a_handout_links_to_no_ladder(heel_raise, monkeypatch):
    fake_weasyprint(monkeypatch)
    assert messages(build(heel_raise)) == []
    page = (heel_raise / "site" / "heel-raise" / "handout" / "index.html").read_text(encoding="utf-8")
    assert "toolbar__ladder" not in page and "All the levels" not in page


@pytest.mark.parametrize("setting", ["nope.md", "draft.md", "images/start.svg"])
@pytest.mark.parametrize("with_handout", [True, False])
def test_a_ladder_page_that_is_not_published_is_an_error_at_its_setting(heel_raise, monkeypatch, setting,
                                                                        with_handout):
    """A page missing, a draft, or a file that is no page: an error, whether or not a page of the
    site has a handout yet."""
    fake_weasyprint(monkeypatch)
    if not with_handout:
        edit(heel_raise / "docs" / "heel-raise.md", "handout: true\n", "")
    write(heel_raise, "draft.md", page("Draft", "# Draft\n").replace("---\n\n", "draft: true\n---\n\n", 1))
    edit(heel_raise / "mkdocs.yml", "  - soleus\n", f"  - soleus:\n      ladder_page: {setting}\n")
    outcome = build(heel_raise)
    assert messages(outcome) == [
        f"mkdocs.yml:{line_of(heel_raise / 'mkdocs.yml', 'ladder_page')}: ladder_page '{setting}' is not "
        f"a published page in docs/, so the handouts cannot link back to it (write the page's file "
        f"name as it is under docs/, for example ladder.md)"]
    assert outcome.failed  # an error: scripts/build.py publishes nothing


def test_a_handout_that_cannot_be_made_is_one_problem_and_links_to_it_are_not_reported_again(
        heel_raise, monkeypatch):
    monkeypatch.setattr(pdf, "write_pdf", lambda *args: pytest.fail("no PDF should be made"))
    edit(heel_raise / "docs" / "heel-raise.md", "## How to do it", "## How to start")
    edit(heel_raise / "docs" / "running.md", "Go back [home](index.md).",
         "Print [the sheet](../heel-raise/handout/).")
    outcome = build(heel_raise)
    assert messages(outcome) == [
        "docs/heel-raise.md:4: the handout needs a section headed \"How to do it\" with a numbered "
        "list of steps"]
    assert outcome.notes == []
    assert not (heel_raise / "site" / "heel-raise" / "handout").exists()


# What the plugin does around the pages ---------------------------------------------------------

def test_a_nav_entry_with_no_page_inside_a_section_is_reported_once(tiny):
    edit(tiny / "mkdocs.yml", "  - Running: running.md\n",
         "  - More:\n      - Running: running.md\n      - Old: old.md\n")
    assert messages(build(tiny)) == [
        f"mkdocs.yml:{line_of(tiny / 'mkdocs.yml', 'old.md')}: nav lists 'old.md', but there is no "
        f"docs/old.md"]


def test_root_absolute_links_are_checked_under_the_sites_address(tiny):
    edit(tiny / "docs" / "running.md", "Go back [home](index.md).",
         "Go [home](/tiny/) or [nowhere](/running/).")
    assert messages(build(tiny)) == [
        "docs/running.md:10: link '/running/': starts with '/', so it points outside the site "
        "(published at /tiny/); use a relative link such as 'anatomy.md'"]


def test_pictures_elsewhere_are_not_taken_for_the_sites_own(tiny):
    write(tiny, "images/calf.svg", SVG)
    edit(tiny / "docs" / "running.md", "Run slowly at first.",
         "![A calf](//cdn.example.org/images/calf.svg) ![A calf](data:images/calf.svg)")
    outcome = build(tiny)
    html = (tiny / "site" / "running" / "index.html").read_text(encoding="utf-8")
    # neither is sized from docs/images/calf.svg
    assert re.findall(r"<img [^>]*>", html) == [
        '<img alt="A calf" decoding="async" fetchpriority="high" src="//cdn.example.org/images/calf.svg" />',
        '<img alt="A calf" decoding="async" loading="lazy" src="data:images/calf.svg" />']
    assert messages(outcome) == [
        "docs/running.md:10: picture '//cdn.example.org/images/calf.svg': '//' links are not "
        "allowed; use https://",
        "docs/running.md:10: picture 'data:images/calf.svg': 'data:' addresses are not allowed in a "
        "page (they can run code or hide what they show): link to a page, a file or a website"]


def test_the_picture_size_limits_are_the_plugins_settings(tiny):
    edit(tiny / "mkdocs.yml", "  - soleus\n", "  - soleus:\n      picture_warn_kb: 1\n      picture_max_kb: 2\n")
    write(tiny, "images/light.svg", SVG + " " * 1500)
    write(tiny, "images/heavy.svg", SVG + " " * 2500)
    edit(tiny / "docs" / "running.md", "Run slowly at first.",
         "![A light calf](images/light.svg) ![A heavy calf](images/heavy.svg)")
    assert messages(build(tiny)) == [
        "docs/running.md:10: picture 'images/heavy.svg' is 2 KB, too large to publish on a phone: "
        "make it smaller than 1 KB (for example, save it at most 1600 pixels wide, as a JPEG for photos)",
        "docs/running.md:10: warning: picture 'images/light.svg' is 1 KB, slow to load on a phone: "
        "make it smaller than 1 KB (for example, save it at most 1600 pixels wide, as a JPEG for photos)"]


def test_boxes_are_headed_notes_on_the_built_page(tiny):
    edit(tiny / "docs" / "running.md", "Run slowly at first.", 'Run.\n\n!!! warning "Check first"\n    Ask us.')
    assert build(tiny).problems == []
    html = (tiny / "site" / "running" / "index.html").read_text(encoding="utf-8")
    assert ('<div aria-labelledby="box-1" class="admonition warning" role="note">\n<p aria-level="2" '
            'class="admonition-title" id="box-1" role="heading"><span class="md-visually-hidden">'
            'Warning: </span>Check first</p>') in html


def test_a_page_without_its_dates_is_reported_and_built(tiny):
    edit(tiny / "docs" / "running.md", "review_due: 2099-01-10\n", "")
    assert [problem.line for problem in build(tiny).problems] == [1]
    assert "Next review due" not in (tiny / "site" / "running" / "index.html").read_text(encoding="utf-8")


def test_a_page_with_a_byte_order_mark_and_a_byte_not_in_utf8_keeps_its_front_matter(tiny):
    path = tiny / "docs" / "running.md"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"Run slowly", b"Run \xe9slowly"))
    assert [problem.line for problem in build(tiny).problems] == [10]


def test_the_build_times_its_parts(heel_raise, monkeypatch):
    fake_weasyprint(monkeypatch)
    assert set(build(heel_raise).timings) == {"checks", "source lines", "handout"}


def test_each_problem_and_what_is_done_with_the_handout_are_logged(heel_raise, monkeypatch):
    fake_weasyprint(monkeypatch)
    edit(heel_raise / "docs" / "running.md", "[home](index.md)", "[home](indx.md)")
    edit(heel_raise / "docs" / "running.md", "review_due: 2099-01-10", "review_due: 2000-01-10")
    logged = []
    handler = logging.Handler(logging.INFO)
    handler.emit = lambda record: logged.append((record.levelname, record.getMessage()))
    logger = logging.getLogger("mkdocs.soleus_site")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)  # as `mkdocs build` and `mkdocs serve` have it
    try:
        outcome = build(heel_raise)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    # the handout is made before the links and dates are checked
    assert logged == [
        ("INFO", "Handout of docs/heel-raise.md: PDFs made"),
        ("ERROR", "docs/running.md:10: link 'indx.md': page or file not found (did you mean 'index.md'?)"),
        ("WARNING", "docs/running.md:5: warning: review was due on 10 January 2000: check the page is "
                    "still right, then set 'updated:' to today and 'review_due:' to the next review date")]
    assert sorted(logged[1:]) == sorted((problem.severity.upper(), str(problem)) for problem in outcome.problems)


def test_a_linked_folder_stops_mkdocs_with_the_reason(tiny, tmp_path):
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere", tiny / "docs" / "linked")
    config = load_config(config_file=str(tiny / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    with pytest.raises(Abort, match="^a folder in docs/ is a link to another folder: the build stops "
                                    "before publishing what it leads to$"):
        mkdocs_build(config)


def test_shortcodes_on_a_page_in_a_folder_link_from_where_the_page_is_built(tiny, monkeypatch):
    fake_weasyprint(monkeypatch)
    write(tiny, "images/start.svg", SVG)
    shutil.copytree(FIXTURES_DIR / "video" / "media", tiny / "docs" / "media")
    write(tiny, "exercise/heel-raise.md", HEEL_RAISE.replace(
        "This makes your calf stronger.",
        'This makes your calf stronger.\n\n:handout:\n\n:clinic-contact:\n\n:video: ../media/clip.mp4 "Clip"'
    ).replace("(images/start.svg)", "(../images/start.svg)"))
    add_to_nav(tiny, "The exercise: exercise/heel-raise.md")  # named from its title, not the nav's
    outcome = build(tiny)
    assert (outcome.problems, outcome.notes) == ([], ["Handout of docs/exercise/heel-raise.md: PDFs made"])
    html = (tiny / "site" / "exercise" / "heel-raise" / "index.html").read_text(encoding="utf-8")
    assert_in_order(html, [
        '<p class="handout-links"><a href="handout/">Print the handout</a> (PDF: <a '
        'href="handout/heel-raise-a4.pdf">A4</a>, <a href="handout/heel-raise-letter.pdf">Letter</a>, '
        '<a href="handout/heel-raise-large-print.pdf">large print</a>)<span class="handout-links__print">: '
        'https://example.org/tiny/exercise/heel-raise/handout/</span></p>',
        "<li><strong>Tiny Clinic</strong></li>",
        '<li>Website: <a href="https://clinic.example.org/">clinic.example.org</a></li>',
        '<video controls preload="none" playsinline width="16" height="9" poster="../../media/clip.png" '
        'aria-label="Clip">',
        '<source src="../../media/clip.mp4" type="video/mp4">',
        '<track kind="captions" src="../../media/clip.vtt" srclang="en" label="English" default>',
        '<p class="video__print">Watch the video online at https://example.org/tiny/exercise/heel-raise/</p>',
    ])
    handout = (tiny / "site" / "exercise" / "heel-raise" / "handout" / "index.html").read_text(encoding="utf-8")
    assert_in_order(handout, [
        '<link rel="icon" href="../../../favicon.svg">',
        '<p class="kicker"><span class="clinic-name">Tiny Clinic</span><br>Tiny guide</p>',
        '<a class="url" href="https://example.org/tiny/exercise/heel-raise/">example.org/<wbr>tiny/<wbr>'
        'exercise/<wbr>heel-raise/<wbr></a>',
    ])


def test_two_pages_with_handouts_each_get_theirs_and_every_file_of_both_is_known(heel_raise, monkeypatch):
    fake_weasyprint(monkeypatch)
    write(heel_raise, "toe-raise.md", HEEL_RAISE.replace("title: Heel raise", "title: Toe raise")
          .replace("# The exercise: heel raise", "# The exercise: toe raise"))
    add_to_nav(heel_raise, "Toe raise: toe-raise.md")
    edit(heel_raise / "docs" / "running.md", "Go back [home](index.md).",
         "See [the heel raise's QR code](../heel-raise/handout/qr-page.svg) and "
         "[the toe raise's](../toe-raise/handout/qr-page.svg).")
    outcome = build(heel_raise)
    assert (outcome.problems, outcome.notes) == ([], ["Handout of docs/heel-raise.md: PDFs made",
                                                      "Handout of docs/toe-raise.md: PDFs made"])
    assert (heel_raise / "site" / "toe-raise" / "handout" / "toe-raise-a4.pdf").is_file()


def test_without_the_sites_address_links_from_the_root_work_and_no_address_is_printed(heel_raise, monkeypatch):
    fake_weasyprint(monkeypatch)
    edit(heel_raise / "mkdocs.yml", "site_url: https://example.org/tiny/\n", "")
    edit(heel_raise / "docs" / "heel-raise.md", "This makes your calf stronger.",
         "This makes your calf stronger.\n\n:handout:")
    edit(heel_raise / "docs" / "running.md", "Go back [home](index.md).", "Go back [home](/).")
    assert build(heel_raise).problems == []
    page = (heel_raise / "site" / "heel-raise" / "index.html").read_text(encoding="utf-8")
    assert '<a href="handout/heel-raise-large-print.pdf">large print</a>)</p>' in page  # no address
    handout = (heel_raise / "site" / "heel-raise" / "handout" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="/heel-raise/handout/">' in handout
    assert '<a class="url" href=""></a>' in handout  # the sheet cannot print an address it does not know


def assert_in_order(html: str, fragments: list[str]) -> None:
    """Each fragment is in the HTML, after the one before it."""
    position = 0
    for fragment in fragments:
        found = html.find(fragment, position)
        assert found >= 0, f"not found (after the fragment before): {fragment}"
        position = found + len(fragment)


# What a built page loads or runs, its Content-Security-Policy, drafts and previews -----------------
# Built with MkDocs in-process as `mkdocs build` or `mkdocs serve` would (run_mkdocs): each problem
# as the plugin logged it, in the order found, so one found twice would show twice.

def run_mkdocs(project: Path, command: str = "build", site_url: str | None = None):
    """The soleus plugin after MkDocs built the project into project/site with `command`'s
    settings: under "serve", as `mkdocs serve` does, the site at its local address with drafts."""
    from mkdocs.commands.build import build as build_site_with_mkdocs
    from mkdocs.config import load_config

    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(project / "site"))
    config.plugins.on_startup(command=command, dirty=False)
    serve_url = None
    if command == "serve":
        config.site_url = serve_url = site_url or "http://127.0.0.1:8000/tiny/"
    elif site_url:
        config.site_url = site_url
    try:
        build_site_with_mkdocs(config, serve_url=serve_url)
    finally:
        config.plugins.on_shutdown()
    return config.plugins["soleus"]


def logged(plugin) -> list[str]:
    return [str(problem) for problem in plugin.state.problems]


def html_of(project: Path, page: str) -> str:
    return (project / "site" / page).read_text(encoding="utf-8")


def policy_of(project: Path, page: str) -> str:
    return lxml.html.parse(str(project / "site" / page)).getroot().xpath(
        "//meta[@http-equiv='Content-Security-Policy']/@content")[0]


LOADS = "from another website before the visitor clicks anything (that site learns who is reading)"
SHOW_HERE = ("(save the file in docs/ and use it from there, or link to the other site so a visitor "
             "chooses to go)")


def test_what_a_pages_words_load_or_run_is_one_problem_at_its_line(tiny):
    """A picture from another website (on a paragraph's second line, or in raw HTML), an event
    handler from attr_list: each reported once, at its line; the site's own address is not
    another website; a <script> is reported only as not allowed."""
    write(tiny, "loads.md", page("Loads", (
        "# Loads\n"  # 8
        "\n"
        "A picture from elsewhere\n"  # 10
        "and ![Calf](https://cdn.example.com/calf.png) on the next line.\n"  # 11
        "\n"
        "![Ours](https://example.org/tiny/favicon.svg)\n"  # 13
        "\n"
        '<p>Raw <img src="https://pics.example.com/heel.png" alt="Heel"> and '  # 15
        '<img src="https://example.org/tiny/favicon.svg" alt="Ours"></p>\n'
        "\n"
        "Tap here.\n"  # 17
        '{: onclick="steal()" }\n'  # 18
        "\n"
        '<script src="https://cdn.example.com/x.js"></script>\n'  # 20
        "\n"
        "![Heel][heel]\n"  # 22: the picture's address is not on its line
        "\n"
        "[heel]: https://refs.example.com/heel.png\n"
    )))
    add_to_nav(tiny, "Loads: loads.md")
    assert logged(run_mkdocs(tiny)) == [
        "docs/loads.md:20: <script> is not allowed in a page: it can run code or show another "
        "website; remove it (to show a video, use the :video: shortcode)",
        f"docs/loads.md:11: loads https://cdn.example.com/calf.png {LOADS} {SHOW_HERE}",
        "docs/loads.md:18: the event handler onclick=\"steal()\" runs code in the visitor's browser (remove it)",
        f"docs/loads.md:22: loads https://refs.example.com/heel.png {LOADS} {SHOW_HERE}",
        f"docs/loads.md:15: loads https://pics.example.com/heel.png {LOADS} {SHOW_HERE}",
    ]


THEME_LOADS = """\
<script src="https://widgets.example.com/w.js"></script>
{% for script in config.extra_javascript %}<script src="{{ script | url }}"></script>{% endfor %}
{% if config.theme.font %}<link rel="stylesheet"
  href="https://fonts.googleapis.com/css?family={{ config.theme.font.text }}">{% endif %}
<link rel="preconnect" href="https://fonts.gstatic.com">
<img alt="" src="https://banners.example.com/{{ 'banner.png' }}">
<button onclick="history.back()">Back from {{ page.title }}</button>
<style>h1 { background: url(https://fonts.example.com/{{ page.file.name }}.png) }</style>
<img alt="" src="{{ config.site_url }}favicon.svg">
"""


def test_what_the_theme_loads_is_reported_once_at_the_setting_or_template_that_wrote_it(tiny):
    """A script from a CDN in extra_javascript: its mkdocs.yml line; a font from Google: the line
    of `font:` under theme:, with how to turn it off; a template's own load or event handler: the
    template's line, once for all pages; what no file holds as written: the built page, each
    page's own once."""
    edit(tiny / "theme" / "main.html", "</head>", THEME_LOADS + "</head>")
    edit(tiny / "mkdocs.yml", "  favicon: favicon.svg\n",
         "  favicon: favicon.svg\n  font:\n    text: Roboto\n")
    edit(tiny / "mkdocs.yml", "plugins:\n", "extra_javascript:\n  - https://cdn.example.net/t.js\nplugins:\n")
    fonts = ("(the theme loads its font from Google: write  font: false  under theme:, and the site "
             "uses the reader's own fonts)")
    template = lambda text: line_of(tiny / "theme" / "main.html", text)  # noqa: E731
    assert logged(run_mkdocs(tiny)) == [
        f"theme/main.html:{template('widgets.example.com')}: loads https://widgets.example.com/w.js "
        f"{LOADS} {SHOW_HERE}",
        f"mkdocs.yml:{line_of(tiny / 'mkdocs.yml', 'cdn.example.net')}: loads https://cdn.example.net/t.js "
        f"{LOADS} {SHOW_HERE}",
        f"mkdocs.yml:12: loads https://fonts.googleapis.com/css?family=Roboto {LOADS} {fonts}",
        f"mkdocs.yml:12: loads https://fonts.gstatic.com {LOADS} {fonts}",
        f"site/index.html: loads https://banners.example.com/banner.png {LOADS} {SHOW_HERE}",
        f"theme/main.html:{template('onclick')}: the event handler onclick=\"history.back()\" runs code "
        f"in the visitor's browser (remove it)",
        f"site/index.html: loads https://fonts.example.com/index.png {LOADS} {SHOW_HERE}",
        f"site/running/index.html: loads https://fonts.example.com/running.png {LOADS} {SHOW_HERE}",
    ]
    assert line_of(tiny / "mkdocs.yml", "  font:") == 12


def test_a_font_from_google_that_no_setting_names_is_at_the_themes_line(tiny):
    edit(tiny / "theme" / "main.html", "</head>", '<link rel="preconnect" href="https://fonts.gstatic.com">\n</head>')
    assert logged(run_mkdocs(tiny)) == [
        f"mkdocs.yml:8: loads https://fonts.gstatic.com {LOADS} (the theme loads its font from "
        f"Google: write  font: false  under theme:, and the site uses the reader's own fonts)"]
    assert line_of(tiny / "mkdocs.yml", "theme:") == 8


def test_analytics_is_refused_at_its_setting(tiny):
    edit(tiny / "mkdocs.yml", "extra:\n", "extra:\n  analytics:\n    provider: google\n    property: G-TEST\n")
    assert logged(run_mkdocs(tiny)) == [
        f"mkdocs.yml:{line_of(tiny / 'mkdocs.yml', 'analytics:')}: analytics would send every visit "
        f"to another website (Google Analytics) from a site for patients: remove it (your web host's "
        f"own visit counts need no code on the pages)"]


INLINE_SCRIPT = '<script>document.documentElement.className = "js"</script>'
NOT_FOUND_PAGE = """\
<!doctype html>
<html lang="en-GB">
<head>
<meta http-equiv="Content-Security-Policy" content="{{ content_security_policy }}">
<meta charset="utf-8">
<title>Not found - {{ config.site_name }}</title>
<script>window.root = "/"</script>
</head>
<body><h1>Page not found</h1></body>
</html>
"""


@pytest.fixture
def with_404(tiny) -> Path:
    """The tiny theme with an inline script on every page, and a 404 page of its own."""
    edit(tiny / "theme" / "main.html", '<meta charset="utf-8">', '<meta charset="utf-8">\n' + INLINE_SCRIPT)
    (tiny / "theme" / "404.html").write_text(NOT_FOUND_PAGE, encoding="utf-8")
    edit(tiny / "mkdocs.yml", "  favicon: favicon.svg\n",
         "  favicon: favicon.svg\n  static_templates:\n    - 404.html\n")
    return tiny


def csp_of(scripts: str, frames: str = "'none'", base: str = "'none'") -> str:
    return (f"default-src 'self'; img-src 'self' data:; script-src 'self'{scripts}; style-src 'self'; "
            f"frame-src {frames}; object-src 'none'; base-uri {base}; form-action 'none'")


PAGE_SCRIPT = " 'sha256-9ClOcGpyhOimDLczblPY+AvLwSOFF5K4j99oNVN6MXk='"  # INLINE_SCRIPT's text
ROOT_SCRIPT = " 'sha256-cLw2OfIvHWnM1Ko0JpKhcqQgYpSFP+zyAYMQLC1himw='"  # the 404 page's


def test_each_built_page_has_its_policy_naming_the_themes_inline_scripts(with_404):
    """The pages may run their template's inline script (by hash), the 404 page its own and set a
    <base> on the site's host; a page with a YouTube video may frame YouTube's player alone."""
    write(with_404, "clip.md", page("Clip", '# Clip\n\n:video: https://youtu.be/aqz-KE-bpKQ "A clip"\n'))
    add_to_nav(with_404, "Clip: clip.md")
    plugin = run_mkdocs(with_404)
    assert (logged(plugin), set(plugin.state.timings)) == ([], {"checks", "source lines", "handout"})
    assert policy_of(with_404, "index.html") == csp_of(PAGE_SCRIPT)
    assert policy_of(with_404, "running/index.html") == csp_of(PAGE_SCRIPT)
    assert policy_of(with_404, "clip/index.html") == csp_of(PAGE_SCRIPT, frames="https://www.youtube-nocookie.com")
    assert policy_of(with_404, "404.html") == csp_of(ROOT_SCRIPT, base="'self'")
    assert html_of(with_404, "sitemap.xml").startswith('<?xml version="1.0" encoding="UTF-8"?>\n<urlset')
    assert "content-security-policy" not in html_of(with_404, "sitemap.xml").lower()


def test_under_serve_every_page_may_run_the_live_reload_script(with_404):
    assert logged(run_mkdocs(with_404, "serve")) == []
    assert policy_of(with_404, "index.html") == csp_of(" 'unsafe-inline'")
    assert policy_of(with_404, "404.html") == csp_of(" 'unsafe-inline'", base="'self'")


def test_a_template_without_the_policy_is_an_error_at_each_page_it_writes(with_404):
    edit(with_404 / "theme" / "main.html",
         '<meta http-equiv="Content-Security-Policy" content="{{ content_security_policy }}">\n', "")
    message = ("the page has no Content-Security-Policy: the theme's templates must keep the meta "
               "tag with content_security_policy (see overrides/main.html)")
    # each about its whole file (line 0), as scripts/build.py sorts and prints them
    assert run_mkdocs(with_404).state.problems == [Problem("docs/index.md", 0, message),
                                                   Problem("docs/running.md", 0, message)]
    (with_404 / "theme" / "404.html").write_text(NOT_FOUND_PAGE.replace("{{ content_security_policy }}", ""))
    assert logged(run_mkdocs(with_404)) == [
        f"site/404.html: {message}", f"docs/index.md: {message}", f"docs/running.md: {message}"]


def test_a_draft_is_left_out_of_the_menu_and_the_site_but_shown_under_serve(tiny):
    """MkDocs' own drafts: not built, nor in any page's menu, and "Previous" and "Next" skip them;
    `mkdocs serve` shows them, for staff to preview. `draft: false` is no draft."""
    edit(tiny / "theme" / "main.html", "</main>",
         "</main>\n<p class=\"pager\">{% if page.previous_page %}<a rel=\"prev\" href=\""
         "{{ page.previous_page.url | url }}\">"
         "{{ page.previous_page.title }}</a>{% endif %} {% if page.next_page %}<a rel=\"next\" href=\""
         "{{ page.next_page.url | url }}\">{{ page.next_page.title }}</a>{% endif %}</p>")
    write(tiny, "winter.md", page("Winter", "# Winter\n\nFrost.\n").replace("---\n\n", "draft: true\n---\n\n"))
    write(tiny, "spring.md", page("Spring", "# Spring\n\nRain.\n").replace("---\n\n", "draft: false\n---\n\n"))
    write(tiny, "more/summer.md", page("Summer", "# Summer\n\nSun.\n"))
    write(tiny, "more/autumn.md", page("Autumn", "# Autumn\n\nLeaves.\n").replace("---\n\n", "draft: true\n---\n\n"))
    edit(tiny / "mkdocs.yml", "  - Home: index.md\n",
         "  - Home: index.md\n  - Winter: winter.md\n  - Spring: spring.md\n")
    add_to_nav(tiny, "More:\n      - Autumn: more/autumn.md\n      - Summer: more/summer.md")
    plugin = run_mkdocs(tiny)
    assert (logged(plugin), plugin.state.notes) == ([], [
        "docs/winter.md is a draft (draft: true): not published; make serve shows it",
        "docs/more/autumn.md is a draft (draft: true): not published; make serve shows it"])
    assert not (tiny / "site" / "winter").exists() and not (tiny / "site" / "more" / "autumn").exists()
    home = html_of(tiny, "index.html")
    assert ('<nav id="site-nav"><a href=".">Home</a> <a href="spring/">Spring</a> <a href="running/">Running</a> '
            '<a href="more/summer/">Summer</a> </nav>') in home
    assert '<p class="pager"> <a rel="next" href="spring/">Spring</a></p>' in home
    assert ('<p class="pager"><a rel="prev" href="..">Home</a> <a rel="next" href="../running/">Running</a></p>'
            in html_of(tiny, "spring/index.html"))
    assert ('<p class="pager"><a rel="prev" href="../../running/">Running</a> </p>'
            in html_of(tiny, "more/summer/index.html"))
    plugin = run_mkdocs(tiny, "serve")
    assert logged(plugin) == []
    assert "Frost." in html_of(tiny, "winter/index.html") and "Leaves." in html_of(tiny, "more/autumn/index.html")
    assert ('<nav id="site-nav"><a href=".">Home</a> <a href="winter/">Winter</a> <a href="spring/">Spring</a> '
            '<a href="running/">Running</a> <a href="more/autumn/">Autumn</a> <a href="more/summer/">Summer</a> </nav>'
            ) in html_of(tiny, "index.html")


def test_a_site_address_that_is_not_https_is_refused_unless_it_is_this_computers(tiny):
    edit(tiny / "mkdocs.yml", "site_url: https://example.org/tiny/", "site_url: http://example.org/tiny/")
    assert logged(run_mkdocs(tiny)) == [
        "mkdocs.yml:7: site_url 'http://example.org/tiny/' is not a secure (https://) address: "
        "publish the site at an https:// address and write it here (every page's canonical link "
        "and the handout's QR code lead there)"]
    assert logged(run_mkdocs(tiny, "serve", "http://127.0.0.1:8000/tiny/")) == []
    for local in ("http://127.0.0.1:8000/tiny/", "http://localhost:8000/tiny/", "http://[::1]:8000/tiny/"):
        edit(tiny / "mkdocs.yml", "site_url: http://", "site_url: https://")  # (so the build reads it again)
        edit(tiny / "mkdocs.yml", "site_url: https://", "site_url: http://")
        assert logged(run_mkdocs(tiny, site_url=local)) == [], local


@pytest.mark.parametrize("url, local", [
    ("http://127.0.0.1:8000/", True), ("http://127.8.0.1/", True), ("http://localhost/", True),
    ("http://[::1]:8000/", True), ("http://example.org/", False), ("http://10.0.0.1/", False),
    ("http://[::2]/", False), ("file:///tmp/site/", False), ("http://localhost.example.org/", False),
])
def test_only_a_loopback_address_is_this_computers(url, local):
    from soleus_site.plugin import _on_this_computer

    assert _on_this_computer(url) is local


UNREADABLE_JPEG = ("this picture could not be read as a JPEG picture (it may be damaged, or of another "
                   "kind under this name, such as an iPhone's HEIC), so it is not published: open it "
                   "in a picture editor and save it again as a JPEG or PNG")


@contextmanager
def logged_at_info():
    """What the plugin logs, at `mkdocs build`'s and `mkdocs serve`'s level (INFO), as it goes."""
    messages = []
    handler = logging.Handler(logging.INFO)
    handler.emit = lambda record: messages.append(record.getMessage())
    logger = logging.getLogger("mkdocs.soleus_site")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield messages
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def photo(path: Path, owner: str | None = "A. Person") -> Path:
    """A small JPEG, with its owner's name in its EXIF (a hidden detail) unless owner is None."""
    from PIL import ExifTags, Image

    exif = Image.Exif()
    exif[ExifTags.Base.Artist] = owner
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (40, 30), "red").save(path, "JPEG", **({"exif": exif} if owner else {}))
    return path


def test_published_pictures_leave_out_their_hidden_details_and_an_unreadable_one_is_an_error(tiny):
    photo(tiny / "docs" / "images" / "calf.jpg")
    photo(tiny / "docs" / "images" / "plain.JPG", owner=None)
    edit(tiny / "docs" / "running.md", "Run slowly at first.",
         "![A calf](images/calf.jpg) ![A shoe](images/plain.JPG)")
    plugin = run_mkdocs(tiny)
    assert (logged(plugin), plugin.state.notes) == ([], [
        "Pictures: hidden details (such as where and when a photo was taken, the camera and its "
        "owner) left out of the published copy of 1 picture; docs/ is unchanged"])
    assert b"A. Person" not in (tiny / "site" / "images" / "calf.jpg").read_bytes()
    assert ((tiny / "site" / "images" / "plain.JPG").read_bytes()
            == (tiny / "docs" / "images" / "plain.JPG").read_bytes())
    assert set(plugin.state.timings) == {"checks", "source lines", "handout", "pictures"}
    photo(tiny / "docs" / "images" / "heel.jpeg")
    write(tiny, "images/broken.jpg", "not a picture")
    edit(tiny / "docs" / "running.md", "![A calf]",
         "![A heel](images/heel.jpeg) ![A damaged photo](images/broken.jpg) ![A calf]")
    with logged_at_info() as info:
        plugin = run_mkdocs(tiny)
    assert plugin.state.problems[0] == Problem("docs/images/broken.jpg", 0, UNREADABLE_JPEG)
    assert info == [str(plugin.state.problems[0]), plugin.state.notes[0]]
    assert (logged(plugin), plugin.state.notes) == ([
        "docs/images/broken.jpg: this picture could not be read as a JPEG picture (it may be damaged, "
        "or of another kind under this name, such as an iPhone's HEIC), so it is not published: open "
        "it in a picture editor and save it again as a JPEG or PNG"], [
        "Pictures: hidden details (such as where and when a photo was taken, the camera and its "
        "owner) left out of the published copy of 2 pictures; docs/ is unchanged"])
    assert not (tiny / "site" / "images" / "broken.jpg").exists()


def test_a_handout_whose_picture_is_not_published_is_not_made(heel_raise, monkeypatch):
    monkeypatch.setattr(pdf, "write_pdf", lambda *args: pytest.fail("no PDF should be made"))
    write(heel_raise, "images/start.jpg", "not a picture")
    edit(heel_raise / "docs" / "heel-raise.md", "(images/start.svg)", "(images/start.jpg)")
    with logged_at_info() as info:
        plugin = run_mkdocs(heel_raise)
    assert info == [*plugin.state.notes, *logged(plugin)]  # the handout is looked at first
    assert (logged(plugin), plugin.state.notes) == ([
        "docs/images/start.jpg: this picture could not be read as a JPEG picture (it may be damaged, "
        "or of another kind under this name, such as an iPhone's HEIC), so it is not published: open "
        "it in a picture editor and save it again as a JPEG or PNG"],
        ["Handout of docs/heel-raise.md: not made (a picture it shows is not published)"])
    assert not (heel_raise / "site" / "heel-raise" / "handout").exists()


def test_a_handout_that_cannot_be_made_leaves_the_next_pages_handout_made(heel_raise, monkeypatch):
    fake_weasyprint(monkeypatch)
    edit(heel_raise / "docs" / "heel-raise.md", "## How to do it", "## How to start")
    write(heel_raise, "toe-raise.md", HEEL_RAISE.replace("title: Heel raise", "title: Toe raise")
          .replace("# The exercise: heel raise", "# The exercise: toe raise"))
    add_to_nav(heel_raise, "Toe raise: toe-raise.md")
    plugin = run_mkdocs(heel_raise)
    assert (logged(plugin), plugin.state.notes) == ([
        "docs/heel-raise.md:4: the handout needs a section headed \"How to do it\" with a numbered "
        "list of steps"], ["Handout of docs/toe-raise.md: PDFs made"])


def test_under_serve_the_handout_page_may_run_the_live_reload_script(heel_raise, monkeypatch):
    fake_weasyprint(monkeypatch)
    assert logged(run_mkdocs(heel_raise, "serve")) == []
    assert "script-src 'self' 'unsafe-inline';" in policy_of(heel_raise, "heel-raise/handout/index.html")
    assert logged(run_mkdocs(heel_raise)) == []
    assert "'unsafe-inline'" not in policy_of(heel_raise, "heel-raise/handout/index.html").split("style-src")[0]


def test_the_sites_stylesheets_and_svg_pictures_load_nothing_from_elsewhere(tiny):
    write(tiny, "stylesheets/extra.css", "h1 { color: red }\n\n"
          "body { background: url(https://bg.example.com/b.png) }\n"
          "p { background: url(https://example.org/tiny/favicon.svg) }\n")
    write(tiny, "images/badge.svg", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 3">\n'
          '<script>alert(1)</script>\n</svg>\n')
    edit(tiny / "docs" / "running.md", "Run slowly at first.", "![A badge](images/badge.svg)")
    assert logged(run_mkdocs(tiny)) == [
        "docs/images/badge.svg:2: <script> in a picture runs code or shows a page when the "
        "picture's address is opened (save the drawing as plain SVG, without scripts or embedded HTML)",
        f"docs/stylesheets/extra.css:3: loads https://bg.example.com/b.png {LOADS} {SHOW_HERE}",
    ]


def test_two_files_for_one_address_are_an_error(tiny):
    write(tiny, "running/index.md", page("Running again", "# Running again\n"))
    assert logged(run_mkdocs(tiny)) == [
        "docs/running/index.md: is published at the same address as docs/running.md (running/), so "
        "one would silently replace the other: rename or delete one"]


def test_a_picture_too_large_to_open_that_no_page_shows_is_an_error_at_its_file(tiny):
    from conftest import png_header

    (tiny / "docs" / "images").mkdir()
    (tiny / "docs" / "images" / "huge.png").write_bytes(png_header(20000, 20000))
    (tiny / "docs" / "images" / "shown.png").write_bytes(png_header(20000, 20000))
    (tiny / "theme" / "huge.png").write_bytes(png_header(20000, 20000))  # the theme's: not checked
    edit(tiny / "docs" / "running.md", "Run slowly at first.", "![A big photo](images/shown.png)")
    too_many = ("is 20000 x 20000 pixels (400 megapixels), too many to open safely (the limit is 89 "
                "megapixels): save it smaller, for example at most 1600 pixels wide, as a JPEG for photos")
    assert logged(run_mkdocs(tiny)) == [f"docs/running.md:10: picture 'images/shown.png' {too_many}",
                                        f"docs/images/huge.png: this picture {too_many}"]


def test_a_shortcodes_poster_named_from_the_built_page_is_checked_as_the_sites_picture(tiny):
    """The YouTube poster's address is written from the built page (exercise/clip/), not from the
    page's file: it is still known as docs/media/poster.png, and checked against the limits."""
    shutil.copytree(FIXTURES_DIR / "video" / "media", tiny / "docs" / "media")
    edit(tiny / "mkdocs.yml", "  - soleus\n", "  - soleus:\n      picture_warn_kb: 0\n")
    write(tiny, "exercise/clip.md", page("Clip", '# Clip\n\n:video: https://youtu.be/aqz-KE-bpKQ "Clip" '
                                                 'poster=../media/poster.png\n'))
    add_to_nav(tiny, "Clip: exercise/clip.md")
    assert logged(run_mkdocs(tiny)) == [
        "docs/exercise/clip.md:10: warning: picture '../../media/poster.png' is 0 KB, slow to load "
        "on a phone: make it smaller than 0 KB (for example, save it at most 1600 pixels wide, as a "
        "JPEG for photos)"]


def test_the_video_size_limit_is_the_plugins_setting(tiny):
    shutil.copytree(FIXTURES_DIR / "video" / "media", tiny / "docs" / "media")
    write(tiny, "clip.md", page("Clip", '# Clip\n\n:video: media/clip.mp4 "Clip"\n'))
    add_to_nav(tiny, "Clip: clip.md")
    assert logged(run_mkdocs(tiny)) == []
    edit(tiny / "mkdocs.yml", "  - soleus\n", "  - soleus:\n      video_warn_mb: 0\n")
    assert logged(run_mkdocs(tiny)) == [
        "docs/clip.md:10: warning: video 'media/clip.mp4' is 0.0 MB, a lot to download on a phone's "
        "mobile data: make it smaller than 0 MB (for example, export it at 720p, or shorten it: a "
        "minute at 720p is about 19 MB)"]


def test_a_linked_folder_stops_mkdocs_itself_with_the_reason(tiny, tmp_path):
    from mkdocs.exceptions import Abort

    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere", tiny / "docs" / "linked")
    with pytest.raises(Abort, match="^a folder in docs/ is a link to another folder: the build stops "
                                    "before publishing what it leads to$"):
        run_mkdocs(tiny)


def test_what_the_404_page_loads_is_reported_at_the_built_page(with_404):
    edit(with_404 / "theme" / "404.html", "<h1>",
         '<img alt="" src="https://banners.example.com/{{ \'lost.png\' }}"><h1>')
    assert logged(run_mkdocs(with_404)) == [
        f"site/404.html: loads https://banners.example.com/lost.png {LOADS} {SHOW_HERE}"]


def test_a_theme_without_overrides_has_what_it_loads_reported_at_the_built_page(tiny):
    """MkDocs' own theme, with no custom_dir of templates to look in, loads highlight.js from a
    CDN: each address, once, at the first built page that has it."""
    edit(tiny / "mkdocs.yml", "  name: null\n  custom_dir: theme\n", "  name: mkdocs\n")
    loaded = lambda page: [element.get("src") or element.get("href") for element in  # noqa: E731
                           lxml.html.parse(str(tiny / "site" / page)).getroot().xpath("//script[@src]|//link[@href]")
                           if "cdnjs.cloudflare.com" in (element.get("src") or element.get("href"))]
    problems = logged(run_mkdocs(tiny))
    assert loaded("404.html") and loaded("404.html") == loaded("index.html")
    no_policy = ("the page has no Content-Security-Policy: the theme's templates must keep the meta "
                 "tag with content_security_policy (see overrides/main.html)")
    assert problems == [*(f"site/404.html: loads {url} {LOADS} {SHOW_HERE}" for url in loaded("404.html")),
                        f"site/404.html: {no_policy}", f"docs/index.md: {no_policy}", f"docs/running.md: {no_policy}"]
