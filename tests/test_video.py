"""The :video: shortcode, on fixture pages built with the real plugin."""

from __future__ import annotations

import shutil

import pytest

from conftest import FIXTURES_DIR, copy_project, mkdocs_build

VIDEO_FIXTURES = FIXTURES_DIR / "video"
GOOD_PAGES = ("youtube-id.md", "youtube-url.md", "local-file.md")


def project_with(tmp_path, pages):
    """A copy of the project with the video fixtures' media and the given pages in docs/fixtures/."""
    project = copy_project(tmp_path / "project")
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
    result = mkdocs_build(project_with(tmp_path, GOOD_PAGES), tmp_path / "site")
    assert result.returncode == 0, result.stderr
    return tmp_path / "site" / "fixtures"


def test_youtube_id_shows_a_local_poster_and_a_play_link_without_loading_youtube(fixture_site):
    html = (fixture_site / "youtube-id" / "index.html").read_text()
    assert ('<a class="video__start" href="https://www.youtube.com/watch?v=fixtureID01" '
            'data-youtube-id="fixtureID01" data-video-title="A video by its ID">') in html
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


def test_malformed_sources_fail_the_build_naming_file_and_line(tmp_path):
    result = mkdocs_build(project_with(tmp_path, ["malformed.md"]), tmp_path / "site")
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
