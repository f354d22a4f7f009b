"""The safety modules' rules one at a time, called directly: fast enough for `make mutate` to run
them against every mutant (issue 15). Each asserts what staff or a patient would notice: the exact
message, its line, or what is published."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest
from mkdocs.structure.files import File, Files

from conftest import FIXTURES_DIR
from soleus_site.checks.front_matter import (duplicate_title_warnings, front_matter_problems,
                                             review_warnings)
from soleus_site.checks.links import SiteMap, check_reference
from soleus_site.checks.published_files import not_utf8_problem, published_files_problems
from soleus_site.page_tools import field_line
from soleus_site.page_model import PageSource, Reference
from soleus_site.problems import Problem, closest, shown_path, suggest
from soleus_site.shortcodes import PageContext, expand_shortcodes

TODAY = datetime.date(2026, 11, 25)


# problems.py ---------------------------------------------------------------------------------

@pytest.mark.parametrize("problem, shown", [
    (Problem("docs/a.md", 3, "broken"), "docs/a.md:3: broken"),
    (Problem("docs/a.md", 3, "late", "warning"), "docs/a.md:3: warning: late"),
    (Problem("docs/a.md", 0, "not published"), "docs/a.md: not published"),
    (Problem("", 0, "MkDocs says"), "MkDocs says"),
])
def test_a_problem_reads_file_line_message(problem, shown):
    assert str(problem) == shown
    assert problem.is_error is (problem.severity == "error")


def test_suggestions_only_when_close():
    assert suggest("runing", ["running", "anatomy"]) == " (did you mean 'running'?)"
    assert suggest("vidoe", ["video"], "':{}:'") == " (did you mean ':video:'?)"
    assert suggest("zzz", ["running"]) == ""
    assert closest("anatomyy", ["anatomy", "exercise"]) == "anatomy"
    assert closest("xyz", ["anatomy"]) is None


def test_shown_path_is_from_the_project(tmp_path):
    assert shown_path(tmp_path / "docs" / "a.md", tmp_path) == "docs/a.md"
    assert shown_path(Path("/elsewhere/a.md"), tmp_path) == "/elsewhere/a.md"


# Front matter ----------------------------------------------------------------------------------

def page(text: str, meta: dict | None = None) -> PageSource:
    return PageSource("winter.md", "docs/winter.md", text, meta if meta is not None else {})


GOOD = ("---\ntitle: Winter\ndescription: Running when it is cold.\nupdated: 2026-11-25\n"
        "review_due: 2027-11-25\n---\n\n# Winter\n")
GOOD_META = {"title": "Winter", "description": "Running when it is cold.",
             "updated": datetime.date(2026, 11, 25), "review_due": datetime.date(2027, 11, 25)}


def messages(problems) -> list[str]:
    return [str(problem) for problem in problems]


def test_complete_front_matter_has_no_problem():
    assert front_matter_problems(page(GOOD, dict(GOOD_META))) == []


def test_no_front_matter():
    assert messages(front_matter_problems(page("# Winter\n"))) == [
        "docs/winter.md:1: the page has no front matter: start it with a '---' line, then "
        "title:, description:, updated: and review_due:, then '---'"]


def test_each_missing_field_is_named_once():
    assert messages(front_matter_problems(page("---\ntitle: Winter\n---\n", {"title": "Winter"}))) == [
        "docs/winter.md:1: front matter has no 'description:' (one or two sentences shown in "
        "search results and link previews)",
        "docs/winter.md:1: front matter has no 'updated:' (the date the page was last updated, "
        "written YYYY-MM-DD)",
        "docs/winter.md:1: front matter has no 'review_due:' (the date the page is next due for "
        "review, written YYYY-MM-DD)"]


def test_empty_title_and_date_that_is_not_a_date_at_their_lines():
    text = GOOD.replace("title: Winter", "title:").replace("updated: 2026-11-25", "updated: soon")
    meta = {**GOOD_META, "title": None, "updated": "soon"}
    assert messages(front_matter_problems(page(text, meta))) == [
        "docs/winter.md:2: 'title:' is empty (the page's name, shown in the browser tab and in "
        "search results)",
        "docs/winter.md:4: 'updated: soon' is not a date: write it as YYYY-MM-DD, for example "
        "updated: 2026-11-25"]


def test_an_empty_date_is_empty_not_a_wrong_date():
    text = GOOD.replace("review_due: 2027-11-25", "review_due:")
    assert messages(front_matter_problems(page(text, {**GOOD_META, "review_due": None}))) == [
        "docs/winter.md:5: 'review_due:' is empty (the date the page is next due for review, "
        "written YYYY-MM-DD)"]


@pytest.mark.parametrize("body, expected", [
    ("title: Winter\nupdated: 2026-13-01\n",
     "docs/winter.md:3: 'updated: 2026-13-01' is not a real date (month must be in 1..12): "
     "write it as YYYY-MM-DD, for example 2026-11-25"),
    ("title: Winter: the cold\n",
     "docs/winter.md:2: front matter is not valid: mapping values are not allowed here (each "
     "line should be 'name: value'; put a value containing ': ' in quotes)"),
    ("- just\n- a list\n",
     "docs/winter.md:2: front matter should be lines of 'name: value'"),
])
def test_front_matter_mkdocs_could_not_read_says_why_at_its_line(body, expected):
    assert messages(front_matter_problems(page(f"---\n{body}---\n# Winter\n"))) == [expected]


@pytest.mark.parametrize("due, expected", [
    (TODAY + datetime.timedelta(days=31), None),
    (TODAY + datetime.timedelta(days=30), "review is due on 25 December 2026, in 30 days"),
    (TODAY + datetime.timedelta(days=1), "review is due on 26 November 2026, in 1 day"),
    (TODAY, "review is due today"),
    (TODAY - datetime.timedelta(days=1), "review was due on 24 November 2026"),
])
def test_review_warnings_from_30_days_before(due, expected):
    warnings = review_warnings(page(GOOD, {**GOOD_META, "review_due": due}), TODAY, 30)
    assert messages(warnings) == ([] if expected is None else [
        f"docs/winter.md:5: warning: {expected}: check the page is still right, then set "
        f"'updated:' to today and 'review_due:' to the next review date"])


def test_review_warning_needs_a_real_date():
    assert review_warnings(page(GOOD, {**GOOD_META, "review_due": "soon"}), TODAY, 30) == []


def test_a_title_two_pages_share_is_a_warning_on_the_second():
    first = PageSource("a.md", "docs/a.md", GOOD, {"title": "Winter"})
    second = PageSource("b.md", "docs/b.md", GOOD, {"title": " winter "})
    untitled = PageSource("c.md", "docs/c.md", GOOD, {})
    assert messages(duplicate_title_warnings([first, untitled, second])) == [
        "docs/b.md:2: warning: title 'winter' is also the title of docs/a.md: give each page "
        "its own title"]


def test_field_line_is_1_when_the_field_or_block_is_missing():
    assert field_line(page(GOOD), "review_due") == 5
    assert field_line(page(GOOD), "handout") == 1
    assert field_line(page("# no front matter"), "title") == 1
    assert field_line(page("---\n[unclosed\n---\n"), "title") == 1


# Shortcodes ------------------------------------------------------------------------------------

@pytest.fixture
def docs(tmp_path) -> Path:
    shutil.copytree(FIXTURES_DIR / "video" / "media", tmp_path / "docs" / "media")
    return tmp_path / "docs"


def expand(docs: Path, markdown: str, **context):
    page_context = PageContext(src_path="exercise.md", shown_path="docs/exercise.md", docs_dir=docs,
                               url_for=lambda path: "../" + path, **context)
    return expand_shortcodes(markdown, page_context, first_line=7)


def shortcode_problems(docs: Path, markdown: str) -> list[str]:
    return messages(expand(docs, markdown).problems)


VIDEO_USAGE = ('write it as  :video: media/clip.mp4 "Title"  or  '
               ':video: https://youtu.be/VIDEO_ID "Title"')


@pytest.mark.parametrize("line, expected", [
    (":vidoe: x", "unknown shortcode ':vidoe:' (did you mean ':video:'?)"),
    (":zzz:", "unknown shortcode ':zzz:' (known: :video:, :clinic-contact:, :handout:, :safety:)"),
    (":video: heel raise", f"video needs a source and a title in quotes; {VIDEO_USAGE}"),
    (':video: media/clip.mp4 "A" "B"', "video: unexpected '\"B\"' after the title (put the "
                                       "whole title in one pair of quotes)"),
    (':video: media/clip.mp4 "Clip" poster=media/poster.png',
     "video: unknown option 'poster=' (the only option is poster=, for YouTube videos)"),
    (':video: fixtureID01 "Clip" start=3',
     "video: unknown option 'start=' (the only option is poster=, for YouTube videos)"),
    (':video: https://vimeo.com/1 "Clip"',
     "video source 'https://vimeo.com/1' is neither a YouTube video (an 11-character ID or a "
     f"youtube.com / youtu.be link) nor an .mp4 or .webm file; {VIDEO_USAGE}"),
    (':video: https://www.youtube.com/watch?v=short "Clip"',
     "'https://www.youtube.com/watch?v=short' is a YouTube link without a valid video ID "
     "(11 letters, digits, - or _)"),
    (':video: https://youtu.be/ "Clip"',
     "'https://youtu.be/' is a YouTube link without a valid video ID (11 letters, digits, - or _)"),
    (':video: https://www.youtube.com/embed/a/b "Clip"',
     "'https://www.youtube.com/embed/a/b' is a YouTube link without a valid video ID (11 "
     "letters, digits, - or _)"),
    (':video: /media/clip.mp4 "Clip"',
     "'/media/clip.mp4' must be a file in docs/, named relative to this page (for example "
     "media/clip.mp4)"),
    (':video: fixtureID01 "Clip" poster=https://example.org/p.png',
     "'https://example.org/p.png' must be a file in docs/, named relative to this page (for "
     "example media/clip.mp4)"),
    (':video: media/clip.webm "Clip"', "file 'media/clip.webm' not found (looked for "
                                       "docs/media/clip.webm); check the spelling, or add the file there"),
    (":clinic-contact: now", ":clinic-contact: takes nothing after it"),
    (":handout: now", ":handout: takes nothing after it"),
    (":handout:", ":handout: links to this page's printable handout: add 'handout: true' to "
                  "the page's front matter to make one"),
])
def test_a_shortcode_that_cannot_be_used_is_an_error_at_its_line(docs, line, expected):
    assert shortcode_problems(docs, f"# Page\n\n{line}") == [f"docs/exercise.md:9: {expected}"]


def test_a_poster_that_is_not_a_picture(docs):
    (docs / "media" / "clip.png").write_bytes(b"not a picture")
    assert shortcode_problems(docs, ':video: media/clip.mp4 "Clip"') == [
        "docs/exercise.md:7: 'clip.png' is not a readable PNG or JPEG image"]


@pytest.mark.parametrize("source, video_id", [
    ("fixtureID01", "fixtureID01"), ("youtube:fixtureID01", "fixtureID01"),
    ("https://youtu.be/fixtureID01", "fixtureID01"),
    ("https://www.youtube.com/watch?v=fixtureID01&t=3", "fixtureID01"),
    ("https://m.youtube.com/shorts/fixtureID01", "fixtureID01"),
    ("https://www.youtube-nocookie.com/embed/fixtureID01", "fixtureID01"),
    ("http://youtube.com/live/fixtureID01", "fixtureID01"),
])
def test_youtube_sources_become_a_facade_that_loads_nothing(docs, source, video_id):
    expanded = expand(docs, f':video: {source} "A <clip> & more" poster=media/poster.png')
    assert expanded.problems == []
    assert expanded.lines == [
        '<figure class="video video--youtube">',
        f'<a class="video__start" href="https://www.youtube.com/watch?v={video_id}" '
        f'data-youtube-id="{video_id}" data-video-title="A &lt;clip&gt; &amp; more">'
        '<img decoding="async" class="video__poster" src="../media/poster.png" alt="" width="16" '
        'height="9" loading="lazy"><span class="video__play" aria-hidden="true"></span>'
        '<span class="video__label">Play video<span class="md-visually-hidden">: A &lt;clip&gt; '
        '&amp; more</span></span></a>',
        '<figcaption>A &lt;clip&gt; &amp; more. <span class="video__notice">Pressing play loads '
        'the video from YouTube.</span></figcaption>',
        f'<p class="video__print">Watch the video: https://www.youtube.com/watch?v={video_id}</p>',
        '</figure>']
    assert expanded.file_lines == [7] * 5


def test_a_self_hosted_video_offers_webm_first_with_poster_captions_and_download(docs):
    shutil.copy2(docs / "media" / "clip.mp4", docs / "media" / "clip.webm")
    expanded = expand(docs, 'Intro\n:video: media/clip.mp4 "Our clip"',
                      page_url="https://example.org/exercise/")
    assert expanded.problems == []
    assert expanded.lines == [
        "Intro",
        '<figure class="video video--file">',
        '<video controls preload="none" playsinline width="16" height="9" '
        'poster="../media/clip.png" aria-label="Our clip">',
        '<source src="../media/clip.webm" type="video/webm">',
        '<source src="../media/clip.mp4" type="video/mp4">',
        '<track kind="captions" src="../media/clip.vtt" srclang="en" label="English" default>',
        '<a href="../media/clip.mp4">Download the video: Our clip</a>',
        '</video>',
        '<figcaption>Our clip. <a href="../media/clip.mp4" download>Download the video</a> to '
        'watch it offline.</figcaption>',
        '<p class="video__print">Watch the video online at https://example.org/exercise/</p>',
        '</figure>']
    assert expanded.file_lines == [7] + [8] * 10


def test_code_blocks_are_left_alone_and_an_unclosed_one_swallows_shortcodes(docs):
    markdown = "```\n:handout:\n```\n~~~\n:video: x\n ```\n:clinic-contact:"
    assert shortcode_problems(docs, markdown) == [
        "docs/exercise.md:10: this code block (~~~) is never closed, so what follows it is not "
        "read as the page: add a ~~~ line where the code ends, or delete this line",
        "docs/exercise.md:11: shortcode ':video:' was not used: it is inside the code block "
        "opened at line 10, which is never closed",
        "docs/exercise.md:13: shortcode ':clinic-contact:' was not used: it is inside the code "
        "block opened at line 10, which is never closed"]


def test_an_indented_shortcode_is_an_error_but_a_word_between_colons_is_not(docs):
    assert shortcode_problems(docs, "  :handout:\nThe ratio is 1:2: fine\n\t:video: x") == [
        "docs/exercise.md:7: shortcode ':handout:' was not used: a shortcode must start at the "
        "beginning of its line, with no spaces before it",
        "docs/exercise.md:9: shortcode ':video:' was not used: a shortcode must start at the "
        "beginning of its line, with no spaces before it"]


def test_clinic_contact_lists_only_known_details(docs):
    from soleus_site.clinic import clinic_details

    clinic, problems = clinic_details({"clinic": {
        "name": "Active Podiatry", "description": "sports podiatry",
        "website": "https://activepodiatry.co.uk/", "email": ""}},
        "mkdocs.yml")
    assert problems == []
    expanded = expand(docs, ":clinic-contact:", clinic=clinic)
    assert expanded.problems == []
    assert expanded.lines[0] == "- **Active Podiatry**, sports podiatry"
    assert expanded.file_lines == [7] * len(expanded.lines)
    assert not any("Email" in line for line in expanded.lines)


# Links -----------------------------------------------------------------------------------------

@pytest.fixture
def site(tmp_path) -> SiteMap:
    docs = tmp_path / "docs"
    names = ["index.md", "anatomy.md", "exercise.md", "images/start.svg", "media/clip.mp4"]
    for name in names:
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("x")
    files = Files([File(name, str(docs), str(tmp_path / "site"), True) for name in names])
    return SiteMap(files, "https://example.org/soleus/",
                   {"exercise/index.html": {"how-to-do-it", "tips"},
                    "anatomy/index.html": {"what-it-does"}}, {"404.html"})


def verdict(site: SiteMap, url: str, kind: str = "link", src_uri: str | None = "anatomy.md") -> str:
    return check_reference(Reference(kind, url, 3), src_uri, "anatomy/index.html", site)


@pytest.mark.parametrize("url", [
    "exercise.md", "exercise.md#how-to-do-it", "../exercise/", "../exercise/#tips", "#what-it-does",
    "images/start.svg", "../images/start.svg", "/soleus/exercise/", "/soleus/", "../404.html",
    "https://example.org/soleus/exercise/#tips", "mailto:clinic@example.org", "tel:+441234567890",
    "index.md", "",
])
def test_links_that_work(site, url):
    assert verdict(site, url) == ""


@pytest.mark.parametrize("url, kind, expected", [
    ("exercis.md", "link", "link 'exercis.md': page or file not found (did you mean 'exercise.md'?)"),
    ("../exercse/", "link", "link '../exercse/': page or file not found (did you mean 'exercise.md'?)"),
    ("images/strt.svg", "picture", "picture 'images/strt.svg': file not found (did you mean 'start.svg'?)"),
    ("images/zzz.svg", "picture", "picture 'images/zzz.svg': file not found"),
    ("exercise.md#how-to-doit", "link",
     "link 'exercise.md#how-to-doit': no heading 'how-to-doit' on that page (did you mean '#how-to-do-it'?)"),
    ("#what-it-doe", "link",
     "link '#what-it-doe': no heading 'what-it-doe' on this page (did you mean '#what-it-does'?)"),
    ("../../outside.md", "link", "link '../../outside.md': page or file not found"),
    ("/exercise/", "link", "link '/exercise/': starts with '/', so it points outside the site "
                           "(published at /soleus/); use a relative link such as 'anatomy.md'"),
    ("https://example.org/soleus/exercse/", "link",
     "link 'https://example.org/soleus/exercse/': page or file not found (did you mean 'exercise.md'?)"),
    ("mailto:clinic", "link",
     "link 'mailto:clinic': 'clinic' is not an email address (write it as mailto:name@example.org)"),
    ("tel:call-us", "link",
     "link 'tel:call-us': a phone link needs the number in digits, for example tel:+441234567890"),
    ("javascript:alert(1)", "link", "link 'javascript:alert(1)': 'javascript:' addresses are not "
     "allowed in a page (they can run code or hide what they show): link to a page, a file or a website"),
    ("data:text/html,hi", "picture", "picture 'data:text/html,hi': 'data:' addresses are not "
     "allowed in a page (they can run code or hide what they show): link to a page, a file or a website"),
    ("ftp://example.org/x", "link", "link 'ftp://example.org/x': 'ftp' links are not allowed; use https://"),
    ("//example.org/x", "link", "link '//example.org/x': '//' links are not allowed; use https://"),
])
def test_links_that_do_not_work_say_why(site, url, kind, expected):
    assert verdict(site, url, kind) == expected


def test_other_websites_are_left_to_the_external_check(site):
    assert verdict(site, "https://nhs.uk/") == "external"
    assert verdict(site, "http://nhs.uk/") == "external"


def test_the_themes_own_script_links_are_its_own_a_pages_are_not(site):
    """A page's `javascript:` link is an error; the theme's own (src_uri None) is not checked."""
    assert verdict(site, "javascript:void(0)", src_uri=None) == ""
    assert verdict(site, "javascript:void(0)").startswith("link 'javascript:void(0)': 'javascript:'")


def test_a_themes_link_is_read_as_an_address_not_as_a_docs_file(site):
    """The theme writes built addresses: 'exercise.md' from a theme is no page of the site."""
    assert verdict(site, "exercise.md", src_uri=None) == (
        "link 'exercise.md': page or file not found (did you mean 'exercise.md'?)")
    assert verdict(site, "../exercise/", src_uri=None) == ""


# What is published -----------------------------------------------------------------------------

def test_only_the_kinds_of_file_a_page_needs_are_published(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("page.md", "patients.csv", "notes", "style.CSS"):
        (docs / name).write_text("x")
    (docs / "passwd.md").symlink_to("/etc/passwd")
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "theme.py").write_text("x")
    files = Files([File(name, str(docs), str(tmp_path / "site"), True)
                   for name in ("page.md", "patients.csv", "notes", "style.CSS", "passwd.md")]
                  + [File("theme.py", str(theme), str(tmp_path / "site"), True)])
    found = [(file.src_uri, str(problem)) for file, problem in
             published_files_problems(files, docs, tmp_path)]
    kinds = ("is not published: move it out of docs/ (docs/ holds only pages, pictures, video, "
             "captions, stylesheets, scripts, fonts and PDFs)")
    assert found == [
        ("patients.csv", f"docs/patients.csv: files of this kind (.csv) {kinds.replace('is not', 'are not')}"),
        ("notes", f"docs/notes: files of this kind (no ending) {kinds.replace('is not', 'are not')}"),
        ("passwd.md", "docs/passwd.md: is a link to another file (/etc/passwd), which is never "
                      "published: put the file itself in docs/, or delete the link")]


def test_a_page_not_in_utf8_names_line_column_and_byte():
    data = "title\nCaf\u00e9".encode("latin-1")
    error = pytest.raises(UnicodeDecodeError, data.decode, "utf-8").value
    assert str(not_utf8_problem("docs/a.md", data, error)) == (
        "docs/a.md:2: column 4: this file is not saved as UTF-8 (byte 0xE9 is not UTF-8 text): "
        "save it as UTF-8 in your editor (\"Save with encoding\", then UTF-8)")


# More of each rule, from the survivors of `make mutate` ------------------------------------------

def test_a_date_error_with_no_date_shaped_line_is_at_line_1():
    page_ = page("---\ntitle: T\nupdated: [2026-13-01]\n---\n")
    assert messages(front_matter_problems(page_)) == [
        "docs/winter.md:1: a date is not a real date (month must be in 1..12): write it as "
        "YYYY-MM-DD, for example 2026-11-25"]


def test_the_impossible_date_is_found_after_the_first_colon_of_its_line():
    page_ = page("---\nnote: x:2026-13-01\nupdated: 2026-13-01\n---\n")
    assert messages(front_matter_problems(page_)) == [
        "docs/winter.md:3: 'updated: 2026-13-01' is not a real date (month must be in 1..12): "
        "write it as YYYY-MM-DD, for example 2026-11-25"]


def test_an_empty_quoted_date_is_empty_not_a_wrong_date():
    text = GOOD.replace("updated: 2026-11-25", 'updated: ""')
    assert messages(front_matter_problems(page(text, {**GOOD_META, "updated": ""}))) == [
        "docs/winter.md:4: 'updated:' is empty (the date the page was last updated, written YYYY-MM-DD)"]


def test_review_due_in_two_days_is_plural():
    warnings = review_warnings(page(GOOD, {**GOOD_META, "review_due": TODAY + datetime.timedelta(days=2)}),
                               TODAY, 30)
    assert messages(warnings)[0].startswith("docs/winter.md:5: warning: review is due on 27 November "
                                            "2026, in 2 days: ")


def test_different_titles_and_untitled_pages_are_not_duplicates():
    pages = [PageSource("a.md", "docs/a.md", GOOD, {"title": "Winter"}),
             PageSource("b.md", "docs/b.md", GOOD, {"title": "Summer"}),
             PageSource("c.md", "docs/c.md", GOOD, {}), PageSource("d.md", "docs/d.md", GOOD, {"title": ""})]
    assert duplicate_title_warnings(pages) == []


def test_each_reference_of_a_page_is_checked_and_other_websites_kept_for_later(site):
    from soleus_site.checks.links import ExternalLink, check_references

    references = [Reference("link", "exercise.md", 4), Reference("link", "http://nhs.uk/", 5),
                  Reference("picture", "images/none.svg", 6, "A"), Reference("link", "https://nhs.uk/", 7)]
    external: list[ExternalLink] = []
    problems = check_references(references, "docs/anatomy.md", "anatomy.md", "anatomy/index.html",
                                site, external)
    assert problems == [
        Problem("docs/anatomy.md", 5, "link 'http://nhs.uk/' is not secure (http://): use https:// "
                                      "if the site offers it", "warning"),
        Problem("docs/anatomy.md", 6, "picture 'images/none.svg': file not found")]
    assert external == [ExternalLink("docs/anatomy.md", 5, "http://nhs.uk/"),
                        ExternalLink("docs/anatomy.md", 7, "https://nhs.uk/")]


def test_links_from_a_page_in_a_folder_and_up_to_the_home_page(tmp_path):
    docs = tmp_path / "docs"
    names = ["index.md", "guides/winter.md", "images/start.svg"]
    for name in names:
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("x")
    files = Files([File(name, str(docs), str(tmp_path / "site"), True) for name in names])
    site = SiteMap(files, "https://example.org")
    assert site.base_path == "/"

    def check(url):
        return check_reference(Reference("link", url, 1), "guides/winter.md", "guides/winter/index.html", site)

    assert [check(url) for url in ("../images/start.svg", "../../", "../index.md", "/images/start.svg")] == [""] * 4
    assert check("images/start.svg") == "link 'images/start.svg': page or file not found (did you mean 'start.svg'?)"
    assert site.exists("/images/start.svg/") == "images/start.svg"
    assert site.exists("/guides/winter/") == "guides/winter/index.html"


def test_a_link_to_the_folder_above_a_page_leads_to_the_home_page(site):
    assert verdict(site, "../") == ""
    assert verdict(site, "../..") == "link '../..': page or file not found"


def test_a_files_problem_belongs_to_the_whole_file(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "notes.txt").write_text("x")
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "theme.py").write_text("x")
    files = Files([File("theme.py", str(theme), str(tmp_path / "site"), True),
                   File("notes.txt", str(docs), str(tmp_path / "site"), True)])
    [(file, problem)] = list(published_files_problems(files, docs, tmp_path))
    assert (file.src_uri, problem.file, problem.line) == ("notes.txt", "docs/notes.txt", 0)


def test_a_folder_in_docs_that_is_a_link_is_found_before_mkdocs_looks(tmp_path):
    from soleus_site.checks.published_files import linked_folder_problems

    docs = tmp_path / "docs"
    (docs / "images" / "old").mkdir(parents=True)
    (docs / "images" / "system").symlink_to("/etc")
    (docs / "linked").symlink_to(tmp_path)
    assert [(problem.file, problem.line, problem.message) for problem in
            linked_folder_problems(docs, tmp_path)] == [
        ("docs/linked", 0, f"is a link to another folder ({tmp_path}), which is never published: "
                           f"put the folder itself in docs/, or delete the link"),
        ("docs/images/system", 0, "is a link to another folder (/etc), which is never published: "
                                  "put the folder itself in docs/, or delete the link")]


@pytest.mark.parametrize("data, line, column", [
    (b"\n\xe9", 2, 1), (b"a\nb\nc\xe9", 3, 2), (b"a\n\xe9b\nc", 2, 1), (b"\xe9\n", 1, 1),
])
def test_the_first_byte_that_is_not_utf8_is_at_its_line_and_column(data, line, column):
    error = pytest.raises(UnicodeDecodeError, data.decode, "utf-8").value
    problem = not_utf8_problem("docs/a.md", data, error)
    assert (problem.line, problem.message.split(":")[0]) == (line, f"column {column}")


# The clinic's details --------------------------------------------------------------------------

def test_contact_items_in_order_with_their_links():
    from soleus_site.clinic import ContactItem, contact_items

    assert contact_items({"website": "https://www.example.org/", "phone": "01234 567890",
                          "phone_dial": "+441234567890", "email": "a@example.org",
                          "address": "1 High Street", "booking_url": "https://example.org/book"}) == [
        ContactItem("Website", "example.org", "https://www.example.org/"),
        ContactItem("Phone", "01234 567890", "tel:+441234567890"),
        ContactItem("Email", "a@example.org", "mailto:a@example.org"),
        ContactItem("Address", "1 High Street"),
        ContactItem("", "Book an appointment", "https://example.org/book")]


@pytest.mark.parametrize("url, keep, shown", [
    ("https://www.example.org/", False, "example.org"),
    ("https://www.example.org/", True, "example.org/"),
    ("https://example.org/X/", False, "example.org/X"),
    ("https://example.org/a?q=1", False, "example.org/a?q=1"),
])
def test_shown_address(url, keep, shown):
    from soleus_site.clinic import shown_address

    assert shown_address(url, keep) == shown


@pytest.mark.parametrize("phone, mistake", [
    ("01234 56789", "(no UK number has these digits): check each digit, and write it like 01234 567890"),
    ("+80012345678", "(it does not start with 0 or +44): write the clinic's UK number, for example 01234 567890"),
])
def test_phone_mistakes(phone, mistake):
    from soleus_site.clinic import _uk_number

    assert _uk_number(phone) == (None, mistake)


@pytest.mark.parametrize("url, mistake", [
    ("http://example.org/a://b", "is not a secure address (it starts with http://): write it with "
                                 "https:// instead, as https://example.org/a://b"),
    ("example.org/book/now", "is not a full web address (it does not start with https://): write "
                             "it as https://example.org/book/now"),
])
def test_web_address_mistakes(url, mistake):
    from soleus_site.clinic import _web_address_mistake

    assert _web_address_mistake(url) == mistake


# Shortcodes, more ----------------------------------------------------------------------------------

@pytest.mark.parametrize("line, expected", [
    (':video: fixtureID01 "Clip" poster=..', "'..' goes outside docs/"),
    (':video: fixtureID01 "Clip" poster=media/../..', "'media/../..' goes outside docs/"),
    (':video: fixtureID01 "Clip" poster=media/a=b.png', "file 'media/a=b.png' not found (looked "
     "for docs/media/a=b.png); check the spelling, or add the file there"),
    (':video: https://www.youtube.com/watch?t=3 "Clip"', "'https://www.youtube.com/watch?t=3' is a "
     "YouTube link without a valid video ID (11 letters, digits, - or _)"),
    (':video: https://www.youtube.com/user/fixtureID01 "Clip"', "'https://www.youtube.com/user/"
     "fixtureID01' is a YouTube link without a valid video ID (11 letters, digits, - or _)"),
    (':video: https://youtu.be/Xfixture01X/ "Clip"', None),
    (':video: https://www.youtube.com/embed/Xfixture01X "Clip"', None),
])
def test_more_video_sources(docs, line, expected):
    assert shortcode_problems(docs, line) == ([] if expected is None else [f"docs/exercise.md:7: {expected}"])


def test_titles_with_an_apostrophe_are_safe_in_attributes(docs):
    youtube = "\n".join(expand(docs, ':video: fixtureID01 "Sam\'s clip"').lines)
    assert 'data-video-title="Sam&#x27;s clip"' in youtube and "<img" not in youtube
    local = expand(docs, ':video: media/clip.mp4 "Sam\'s clip"').lines
    assert 'aria-label="Sam&#x27;s clip">' in local[1]
    assert local[-2] == '<p class="video__print">Watch the video online</p>'


def test_shortcodes_after_a_closed_code_block_are_used(docs):
    markdown = "```python\ncode\n```\n~~~\nmore\n~~~\n```python\n:handout:"
    assert shortcode_problems(docs, markdown) == [
        "docs/exercise.md:13: this code block (```python) is never closed, so what follows it is "
        "not read as the page: add a ``` line where the code ends, or delete this line",
        "docs/exercise.md:14: shortcode ':handout:' was not used: it is inside the code block "
        "opened at line 13, which is never closed"]
    assert shortcode_problems(docs, "```\ncode\n```\n:handout:") == [
        "docs/exercise.md:10: :handout: links to this page's printable handout: add 'handout: "
        "true' to the page's front matter to make one"]


def test_lines_count_from_1_by_default(docs):
    context = PageContext(src_path="exercise.md", shown_path="docs/exercise.md", docs_dir=docs,
                          url_for=lambda path: path)
    expanded = expand_shortcodes("a\n:handout: x", context)
    assert messages(expanded.problems) == ["docs/exercise.md:2: :handout: takes nothing after it"]
    assert expanded.file_lines == [1, 2]


def test_handout_links_name_the_page_and_its_three_pdfs(docs):
    from soleus_site.handout.outputs import HandoutOutputs

    expanded = expand(docs, ":handout:", handout=HandoutOutputs.for_page("exercise/index.html", "Heel raise"))
    assert expanded.lines == [
        '<p class="handout-links"><a href="handout/">Print the handout</a> (PDF: <a href="handout/'
        'heel-raise-a4.pdf">A4</a>, <a href="handout/heel-raise-letter.pdf">Letter</a>, <a href='
        '"handout/heel-raise-large-print.pdf">large print</a>)</p>']


def test_clinic_contact_without_a_description_and_with_every_detail(docs):
    clinic = {"name": "Active Podiatry", "website": "https://example.org/", "phone": "01234 567890",
              "phone_dial": "+441234567890", "email": "", "address": "1 High Street", "booking_url": ""}
    assert expand(docs, ":clinic-contact:", clinic=clinic).lines == [
        "- **Active Podiatry**", "- Website: [example.org](https://example.org/)",
        "- Phone: [01234 567890](tel:+441234567890)", "- Address: 1 High Street"]


def test_front_matter_with_a_control_character_is_one_error_at_its_line():
    assert messages(front_matter_problems(page("---\ntitle: T\ndescription: a\x07b\n---\n"))) == [
        "docs/winter.md:3: front matter has a hidden character (code 0x0007) that cannot be "
        "published: retype the line (it often comes with text pasted from another program)"]


def test_a_link_into_a_folder_whose_name_starts_with_x(tmp_path):
    docs = tmp_path / "docs"
    (docs / "Xrays").mkdir(parents=True)
    (docs / "Xrays" / "index.md").write_text("x")
    site = SiteMap(Files([File("Xrays/index.md", str(docs), str(tmp_path / "site"), True)]),
                   "https://example.org/")
    assert (site.exists("Xrays/"), site.exists("/Xrays")) == ("Xrays/index.html", "Xrays/index.html")


def test_a_youtube_video_without_a_poster_shows_only_the_play_button(docs):
    assert expand(docs, ':video: fixtureID01 "Clip"').lines[1] == (
        '<a class="video__start" href="https://www.youtube.com/watch?v=fixtureID01" '
        'data-youtube-id="fixtureID01" data-video-title="Clip"><span class="video__play" '
        'aria-hidden="true"></span><span class="video__label">Play video<span '
        'class="md-visually-hidden">: Clip</span></span></a>')


def test_the_booking_link_has_no_label(docs):
    clinic = {"name": "Active Podiatry", "booking_url": "https://example.org/book"}
    assert expand(docs, ":clinic-contact:", clinic=clinic).lines == [
        "- **Active Podiatry**", "- [Book an appointment](https://example.org/book)"]


@pytest.mark.parametrize("page_url, printed", [
    ("https://example.org/soleus/exercise/",
     '<span class="handout-links__print">: https://example.org/soleus/exercise/handout/</span>'),
    ("", ""),  # no site address known: nothing to print
])
def test_handout_links_name_every_pdf_and_print_the_handouts_address(docs, page_url, printed):
    from soleus_site.handout.outputs import HandoutOutputs

    expanded = expand(docs, ":handout:", page_url=page_url,
                      handout=HandoutOutputs("exercise/index.html", "heel-raise"))
    assert expanded.problems == []
    assert expanded.lines == [
        '<p class="handout-links"><a href="handout/">Print the handout</a> (PDF: '
        '<a href="handout/heel-raise-a4.pdf">A4</a>, <a href="handout/heel-raise-letter.pdf">'
        'Letter</a>, <a href="handout/heel-raise-large-print.pdf">large print</a>)'
        f'{printed}</p>']
