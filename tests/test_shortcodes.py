"""The shortcodes staff write on a page (shortcodes.py): `:video:` (a self-hosted clip with its
poster and captions, or a YouTube video shown as a poster that loads nothing before play),
`:clinic-contact:` and `:handout:`; each one that cannot be used is an error at its line, as is
one inside a code block never closed, or indented. Most tests call expand_shortcodes in-process
(fast enough for `make mutate` to run them against every mutant); the last build fixture pages
(tests/fixtures/video/) or a copy of the project with the real plugin. (`:safety:` is tested here
in-process, and in test_patient_safety.py with the real texts it shows.)"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import (FIXTURES_DIR, assert_failed_and_site_kept, copy_project, edit, line_of,
                      messages, mkdocs_build, plant, plugin_settings, problems_of, run_build,
                      tree_digest)
from soleus_site.shortcodes import PageContext, expand_shortcodes, self_hosted_video

MEDIA = FIXTURES_DIR / "video" / "media"


@pytest.fixture
def docs(tmp_path) -> Path:
    """docs/ with a complete clip (video, poster, captions) in media/."""
    shutil.copytree(MEDIA, tmp_path / "docs" / "media")
    return tmp_path / "docs"


@pytest.fixture
def clip_outside_docs(docs) -> None:
    """A complete clip beside docs/, outside it."""
    for name in ("clip.mp4", "clip.png", "clip.vtt", "poster.png"):
        shutil.copy2(MEDIA / name, docs.parent / name)


def page_context(docs: Path, src_path: str = "exercise.md") -> PageContext:
    return PageContext(src_path=src_path, shown_path=f"docs/{src_path}", docs_dir=docs,
                       url_for=lambda path: path)


def shortcode_messages(docs: Path, markdown: str, src_path: str = "exercise.md") -> list[str]:
    expanded = expand_shortcodes(markdown, page_context(docs, src_path), first_line=5)
    return [str(problem) for problem in expanded.problems]


def expand(docs: Path, markdown: str, **context):
    page_context = PageContext(src_path="exercise.md", shown_path="docs/exercise.md", docs_dir=docs,
                               url_for=lambda path: "../" + path, **context)
    return expand_shortcodes(markdown, page_context, first_line=7)


def shortcode_problems(docs: Path, markdown: str) -> list[str]:
    return messages(expand(docs, markdown).problems)


VIDEO_USAGE = ('write it as  :video: media/clip.mp4 "Title"  or  '
               ':video: https://youtu.be/VIDEO_ID "Title"')


# :video: outside docs/, and its captions (issue 15) ----------------------------------------------

@pytest.mark.usefixtures("clip_outside_docs")
@pytest.mark.parametrize("source", ["../clip.mp4", "media/../../clip.mp4", "../docs/../clip.mp4"])
def test_a_video_outside_docs_is_refused_though_the_file_is_there(docs, source):
    assert (docs / "media" / source).resolve().is_file() or (docs / source).resolve().is_file()
    assert shortcode_messages(docs, f'Intro\n:video: {source} "Clip"') == [
        f"docs/exercise.md:6: '{source}' goes outside docs/"]


@pytest.mark.usefixtures("clip_outside_docs")
def test_a_youtube_poster_outside_docs_is_refused(docs):
    assert shortcode_messages(docs, ':video: fixtureID01 "Clip" poster=../poster.png') == [
        "docs/exercise.md:5: '../poster.png' goes outside docs/"]


@pytest.mark.usefixtures("clip_outside_docs")
def test_a_video_in_a_subfolder_may_name_a_file_up_to_docs_but_not_beyond(docs):
    (docs / "guides").mkdir()
    assert shortcode_messages(docs, ':video: ../media/clip.mp4 "Clip"', "guides/page.md") == []
    assert shortcode_messages(docs, ':video: ../../clip.mp4 "Clip"', "guides/page.md") == [
        "docs/guides/page.md:5: '../../clip.mp4' goes outside docs/"]


def test_a_self_hosted_video_without_captions_is_refused(docs):
    (docs / "media" / "clip.vtt").unlink()
    assert shortcode_messages(docs, ':video: media/clip.mp4 "Clip"') == [
        "docs/exercise.md:5: video 'media/clip.mp4' needs a captions file (.vtt) beside it, "
        "named docs/media/clip.<type>"]


def test_a_self_hosted_video_without_poster_or_captions_names_both(docs):
    (docs / "media" / "clip.vtt").unlink()
    (docs / "media" / "clip.png").unlink()
    assert shortcode_messages(docs, ':video: media/clip.mp4 "Clip"') == [
        "docs/exercise.md:5: video 'media/clip.mp4' needs a poster image (.webp, .jpg or .png) and a "
        "captions file (.vtt) beside it, named docs/media/clip.<type>"]


def test_a_complete_self_hosted_video_has_its_captions_track(docs):
    expanded = expand_shortcodes(':video: media/clip.mp4 "Clip"', page_context(docs))
    assert expanded.problems == []
    assert ('<track kind="captions" src="media/clip.vtt" srclang="en" label="English" default>'
            in "\n".join(expanded.lines))


# A video too heavy for a phone on mobile data (issue 21) ---------------------------------------

VIDEO_WARN_MB = plugin_settings().video_warn_mb  # the plugin's default, as mkdocs.yml leaves it


def grow(path: Path, size: int) -> None:
    """Make a file `size` bytes long (sparse: no 20 MB written)."""
    with path.open("r+b") as file:
        file.truncate(size)


def test_a_video_over_20_mb_is_a_warning_at_its_line_and_still_shown(docs):
    assert VIDEO_WARN_MB == 20
    grow(docs / "media" / "clip.mp4", 20_000_001)
    expanded = expand(docs, 'Intro\n\n:video: media/clip.mp4 "Clip"\n\n:video: fixtureID01 "Another"',
                      video_warn_mb=VIDEO_WARN_MB)
    assert messages(expanded.problems) == [
        "docs/exercise.md:9: warning: video 'media/clip.mp4' is 20.0 MB, a lot to download on a "
        "phone's mobile data: make it smaller than 20 MB (for example, export it at 720p, or "
        "shorten it: a minute at 720p is about 19 MB)"]
    assert '<source src="../media/clip.mp4" type="video/mp4">' in "\n".join(expanded.lines)


@pytest.mark.parametrize("mp4, webm, limit, warned", [
    (20_000_000, None, 20, []),
    (20_000_001, None, None, []),  # no limit given: never
    (25_000_000, 31_500_000, 20, [("webm", "31.5"), ("mp4", "25.0")]),  # the one offered first, first
    (25_000_000, 1_000_000, 20, [("mp4", "25.0")]),
    (5_000_001, None, 5, [("mp4", "5.0")]),
])
def test_each_file_of_a_video_over_the_setting_is_named(docs, mp4, webm, limit, warned):
    grow(docs / "media" / "clip.mp4", mp4)
    if webm:
        (docs / "media" / "clip.webm").touch()
        grow(docs / "media" / "clip.webm", webm)
    expanded = expand(docs, ':video: media/clip.mp4 "Clip"', video_warn_mb=limit)
    assert messages(expanded.problems) == [
        f"docs/exercise.md:7: warning: video 'media/clip.{kind}' is {size} MB, a lot to download "
        f"on a phone's mobile data: make it smaller than {limit} MB (for example, export it at "
        f"720p, or shorten it: a minute at 720p is about 19 MB)" for kind, size in warned]


def test_a_video_that_cannot_be_shown_is_an_error_without_a_warning_of_its_size(docs):
    grow(docs / "media" / "clip.mp4", 30_000_000)
    (docs / "media" / "clip.vtt").unlink()
    assert messages(expand(docs, ':video: media/clip.mp4 "Clip"', video_warn_mb=20).problems) == [
        "docs/exercise.md:7: video 'media/clip.mp4' needs a captions file (.vtt) beside it, "
        "named docs/media/clip.<type>"]


# Each shortcode ----------------------------------------------------------------------------------

@pytest.mark.parametrize("line, expected", [
    (":vidoe: x", "unknown shortcode ':vidoe:' (did you mean ':video:'?)"),
    (":zzz:", "unknown shortcode ':zzz:' (known: :video:, :clinic-contact:, :handout:, :safety:, :pacer:)"),
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
        "docs/exercise.md:7: 'clip.png' is not a readable WebP, JPEG or PNG image"]


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
        f'data-youtube-id="{video_id}" data-video-title="A &lt;clip&gt; &amp; more" '
        'aria-label="Play video: A &lt;clip&gt; &amp; more">'
        '<img decoding="async" class="video__poster" src="../media/poster.png" alt="" width="16" '
        'height="9" loading="lazy"><span class="video__play" aria-hidden="true"></span>'
        '<span class="video__label">Play video</span></a>',
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


# More of each rule, from the survivors of `make mutate` ------------------------------------------

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


def test_a_youtube_video_without_a_poster_shows_only_the_play_button(docs):
    assert expand(docs, ':video: fixtureID01 "Clip"').lines[1] == (
        '<a class="video__start" href="https://www.youtube.com/watch?v=fixtureID01" '
        'data-youtube-id="fixtureID01" data-video-title="Clip" aria-label="Play video: Clip">'
        '<span class="video__play" aria-hidden="true"></span><span class="video__label">Play '
        'video</span></a>')


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


# :video: on fixture pages built with the real plugin ---------------------------------------------

VIDEO_FIXTURES = FIXTURES_DIR / "video"
GOOD_PAGES = ("youtube-id.md", "youtube-url.md", "local-file.md")


def project_with(project, pages):
    """The copy of the project with the video fixtures' media and the given pages in docs/fixtures/."""
    with (project / "mkdocs.yml").open("a") as config:
        config.write("not_in_nav: fixtures/\n")
    target = project / "docs" / "fixtures"
    shutil.copytree(VIDEO_FIXTURES / "media", target / "media")
    for page in pages:
        shutil.copy2(VIDEO_FIXTURES / page, target / page)
    return project


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("video")
    result = mkdocs_build(project_with(copy_project(tmp_path / "project"), GOOD_PAGES), tmp_path / "site")
    assert result.returncode == 0, result.stderr
    return tmp_path / "site" / "fixtures"


def test_youtube_id_shows_a_local_poster_and_a_play_link_without_loading_youtube(fixture_site):
    html = (fixture_site / "youtube-id" / "index.html").read_text()
    assert ('<a class="video__start" href="https://www.youtube.com/watch?v=fixtureID01" '
            'data-youtube-id="fixtureID01" data-video-title="A video by its ID" '
            'aria-label="Play video: A video by its ID">') in html
    assert ('<img decoding="async" class="video__poster" src="../media/poster.png" alt="" width="16" height="9" '
            'loading="lazy">') in html
    assert "<iframe" not in html
    # YouTube's player is named only by the page's policy, which lets it load after the click
    assert html.count("youtube-nocookie") == 1
    assert "frame-src https://www.youtube-nocookie.com;" in html
    assert '<p class="video__print">Watch the video: https://www.youtube.com/watch?v=fixtureID01</p>' in html


def test_youtube_link_is_reduced_to_its_id(fixture_site):
    html = (fixture_site / "youtube-url" / "index.html").read_text()
    assert 'data-youtube-id="fixtureID02"' in html
    assert 'href="https://www.youtube.com/watch?v=fixtureID02"' in html
    assert "<iframe" not in html


def test_local_file_plays_in_the_page_with_poster_and_captions_and_loads_nothing_first(fixture_site):
    html = (fixture_site / "local-file" / "index.html").read_text()
    assert ('<video controls preload="none" playsinline width="16" height="9" '
            'poster="../media/clip.png" aria-label="Our own clip">') in html
    assert '<source src="../media/clip.mp4" type="video/mp4">' in html
    assert ('<track kind="captions" src="../media/clip.vtt" srclang="en" label="English" default>'
            in html)
    assert "autoplay" not in html
    assert (fixture_site / "media" / "clip.mp4").is_file()


def test_malformed_sources_fail_the_build_naming_file_and_line(tmp_path, project):
    result = mkdocs_build(project_with(project, ["malformed.md"]), tmp_path / "site")
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert errors == [
        "ERROR   -  docs/fixtures/malformed.md:10: video source 'https://vimeo.com/12345' is "
        "neither a YouTube video (an 11-character ID or a youtube.com / youtu.be link) nor an "
        ".mp4 or .webm file; write it as  :video: media/clip.mp4 \"Title\"  or  "
        ":video: https://youtu.be/VIDEO_ID \"Title\"",
        "ERROR   -  docs/fixtures/malformed.md:12: file 'media/missing.mp4' not found (looked for "
        "docs/fixtures/media/missing.mp4); check the spelling, or add the file there",
        "ERROR   -  docs/fixtures/malformed.md:14: 'https://www.youtube.com/watch?v=short' is a "
        "YouTube link without a valid video ID (11 letters, digits, - or _)",
    ]


# In a copy of the project: the build fails and site/ is left as it was ---------------------------

@pytest.mark.usefixtures("good_site")
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


@pytest.mark.usefixtures("good_site")
def test_an_indented_shortcode_is_an_error_not_text(project):
    before = tree_digest(project / "site")
    edit(project / "docs" / "exercise.md", ":video: media", "    :video: media")
    line = line_of(project / "docs" / "exercise.md", "    :video: media")
    result = run_build(project)
    assert problems_of(result) == [
        f"docs/exercise.md:{line}: shortcode ':video:' was not used: a shortcode must start at the "
        f"beginning of its line, with no spaces before it", "1 error, 0 warnings"]
    assert_failed_and_site_kept(project, result, before)


def test_a_video_over_the_setting_in_mkdocs_yml_is_a_warning_and_the_site_is_built(project):
    """The limit is the plugin's video_warn_mb, set in mkdocs.yml: the clip's .webm over it is a
    warning at the :video: line, its .mp4 under it is not; a warning does not stop the build."""
    edit(project / "mkdocs.yml", "  - soleus:\n", "  - soleus:\n      video_warn_mb: 3\n")
    grow(project / "docs" / "media" / "heel-raise.mp4", 2_500_000)
    grow(project / "docs" / "media" / "heel-raise.webm", 3_500_000)
    line = line_of(project / "docs" / "exercise.md", ":video: media/heel-raise.mp4")
    result = run_build(project)
    assert problems_of(result) == [
        f"docs/exercise.md:{line}: warning: video 'media/heel-raise.webm' is 3.5 MB, a lot to "
        f"download on a phone's mobile data: make it smaller than 3 MB (for example, export it "
        f"at 720p, or shorten it: a minute at 720p is about 19 MB)", "0 errors, 1 warning"]
    assert result.returncode == 0
    assert (project / "site" / "media" / "heel-raise.webm").stat().st_size == 3_500_000


# The safety texts, called in-process (test_patient_safety.py builds the site with the real ones) --

@pytest.fixture
def safety_docs(docs) -> Path:
    """docs/safety/ with two texts (one saved by Notepad: a byte order mark, CRLF) and a file that
    is not one (not .md)."""
    (docs / "safety").mkdir()
    (docs / "safety" / "when-to-stop.md").write_bytes(
        b"\xef\xbb\xbf\r\n!!! warning \"Stop if\"\r\n    the pain is sharp  \r\n\r\n")
    (docs / "safety" / "get-help.md").write_text("X-ray: go to A&E if you cannot stand on it.\n", encoding="utf-8")
    (docs / "safety" / "notes.txt").write_text("not a safety text\n", encoding="utf-8")
    return docs


def test_a_safety_text_is_shown_as_written_in_its_file(safety_docs):
    expanded = expand(safety_docs, "Intro\n:safety:  when-to-stop  \nEnd")
    assert expanded.problems == []
    assert expanded.lines == ["Intro", '!!! warning "Stop if"', "    the pain is sharp  ", "End"]  # only blank lines trimmed
    assert expanded.file_lines == [7, 8, 8, 9]
    assert expand(safety_docs, ":safety: get-help").lines == ["X-ray: go to A&E if you cannot stand on it."]


SAFETY_KNOWN = "(known: get-help, when-to-stop; each is a file docs/safety/<name>.md)"


@pytest.mark.parametrize("line, expected", [
    (":safety:", f"docs/exercise.md:7: :safety: needs the name of a safety text, for example "
                 f":safety: when-to-stop {SAFETY_KNOWN}"),
    (":safety: when-to-stp", "docs/exercise.md:7: unknown safety text 'when-to-stp' "
                             "(did you mean ':safety: when-to-stop'?)"),
    (":safety: notes", f"docs/exercise.md:7: unknown safety text 'notes' {SAFETY_KNOWN}"),
    (":safety: WHEN-TO-STOP", "docs/exercise.md:7: unknown safety text 'WHEN-TO-STOP' "
                              f"{SAFETY_KNOWN}"),
])
def test_a_safety_text_that_is_not_there_is_an_error_naming_the_known_ones(safety_docs, line, expected):
    expanded = expand(safety_docs, line)
    assert messages(expanded.problems) == [expected]
    assert [problem.severity for problem in expanded.problems] == ["error"]
    assert expanded.lines == [line]  # left as written: the build fails


def test_without_a_safety_folder_no_text_is_known(docs):
    assert shortcode_problems(docs, ":safety: get-help") == [
        "docs/exercise.md:7: unknown safety text 'get-help' (known: none; each is a file "
        "docs/safety/<name>.md)"]


# What only a direct call tells ------------------------------------------------------------------

def test_every_shortcode_problem_is_an_error_and_a_size_a_warning(docs):
    grow(docs / "media" / "clip.mp4", 20_000_001)
    expanded = expand(docs, ':zzz:\n :video: x\n```\n:video: media/clip.mp4 "Clip"', video_warn_mb=20)
    # unknown; indented; the code block never closed; the shortcode it swallows
    assert [problem.severity for problem in expanded.problems] == ["error"] * 4
    expanded = expand(docs, ':video: media/clip.mp4 "Clip"', video_warn_mb=20)
    assert [problem.severity for problem in expanded.problems] == ["warning"]


def test_a_youtube_video_lets_the_page_frame_only_the_no_cookie_player(docs):
    context = page_context(docs)
    expand_shortcodes(':video: fixtureID01 "Clip"', context)
    assert context.frame_sources == {"https://www.youtube-nocookie.com"}


def test_a_videos_size_warnings_add_to_those_already_taken(docs):
    grow(docs / "media" / "clip.mp4", 21_050_001)
    context = page_context(docs)
    context.video_warn_mb = 20
    context.warnings.append("earlier")
    self_hosted_video("media/clip.mp4", "Clip", context)
    assert [warning.split(" MB")[0] for warning in context.warnings] == [
        "earlier", "video 'media/clip.mp4' is 21.1"]  # MB of 1,000,000 bytes
