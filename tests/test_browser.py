"""The site in a real browser (Debian's Chromium, driven by Playwright): privacy, accessibility,
layout on a phone, the video, search and print."""

from __future__ import annotations

import re
import shutil
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import FIXTURES_DIR, PAGES, WCAG_TAGS, copy_project, mkdocs_build, page_path, serve

WIDTHS = (360, 1280)
SCHEMES = ("light", "dark")


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page", PAGES)
def test_page_is_private_and_accessible(visit, page, width, scheme):
    current = visit(page_path(page), width, scheme)
    assert current.other_hosts == []
    results = Axe().run(current.page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS},
                                               "resultTypes": ["violations"]})
    violations = [(v["id"], [node["target"] for node in v["nodes"]])
                  for v in results.response["violations"]]
    assert violations == []
    rules_run = {rule["id"] for kind in ("passes", "inapplicable", "incomplete", "violations")
                 for rule in results.response[kind]}
    assert {"color-contrast", "target-size", "link-in-text-block"} <= rules_run


@pytest.mark.parametrize("page", PAGES)
def test_no_sideways_scroll_on_a_phone(visit, page):
    current = visit(page_path(page), 360)
    overflow = current.page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow == 0


@pytest.mark.parametrize("scheme", SCHEMES)
def test_first_tab_shows_a_skip_link_and_links_show_a_focus_ring(visit, scheme):
    current = visit("exercise/", 360, scheme)
    current.page.keyboard.press("Tab")
    skip = current.page.evaluate("""() => {
        const el = document.activeElement, box = el.getBoundingClientRect()
        return {text: el.textContent.trim(), top: box.top, height: box.height,
                visible: getComputedStyle(el).visibility}
    }""")
    assert skip["text"] == "Skip to content"
    assert skip["visible"] == "visible" and skip["height"] >= 24 and skip["top"] >= 0
    current.page.keyboard.press("Enter")
    current.page.keyboard.press("Tab")
    ring = current.page.evaluate("""() => {
        const el = document.activeElement, style = getComputedStyle(el)
        return {inArticle: !!el.closest("article"), tag: el.tagName,
                style: style.outlineStyle, width: parseFloat(style.outlineWidth)}
    }""")
    assert ring == {"inArticle": True, "tag": "A", "style": "solid", "width": 3}


def test_self_hosted_clip_plays_without_loading_before_the_click(visit):
    current = visit("exercise/", 1280)
    video = current.page.locator("figure.video--file video")
    assert video.get_attribute("preload") == "none"
    assert current.page.evaluate("document.querySelector('figure.video--file video').readyState") == 0
    video.scroll_into_view_if_needed()
    current.page.evaluate("document.querySelector('figure.video--file video').muted = true")
    current.page.evaluate("document.querySelector('figure.video--file video').play()")
    current.page.wait_for_function(
        "() => document.querySelector('figure.video--file video').currentTime > 0.5", timeout=15000)
    assert current.other_hosts == []


@pytest.fixture(scope="module")
def youtube_site(tmp_path_factory):
    """The project with the YouTube fixture page, built and served."""
    tmp_path = tmp_path_factory.mktemp("youtube")
    project = copy_project(tmp_path / "project")
    with (project / "mkdocs.yml").open("a") as config:
        config.write("not_in_nav: fixtures/\n")
    shutil.copytree(FIXTURES_DIR / "video" / "media", project / "docs" / "fixtures" / "media")
    shutil.copy2(FIXTURES_DIR / "video" / "youtube-id.md", project / "docs" / "fixtures")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    server, url = serve(tmp_path / "site")
    yield url
    server.shutdown()


def test_youtube_player_loads_only_after_the_click(visit, youtube_site):
    current = visit("fixtures/youtube-id/", 1280, base=youtube_site)
    assert current.other_hosts == []
    assert current.page.locator("iframe").count() == 0
    # Its name is the words it shows, then the video's title (its aria-label)
    current.page.get_by_role("link", name="Play video: A video by its ID", exact=True).click()
    frame = current.page.locator("figure.video iframe")
    assert frame.get_attribute("src") == "https://www.youtube-nocookie.com/embed/fixtureID01?autoplay=1&rel=0"
    assert frame.get_attribute("title") == "A video by its ID"
    current.page.wait_for_timeout(500)
    assert {urlsplit(url).netloc for url in current.other_hosts} == {"www.youtube-nocookie.com"}


@pytest.mark.parametrize("query, expected_page", [("heel raise", "The exercise: bent-knee heel raise"),
                                                  ("Achilles", "What happens if the soleus is weak")])
def test_search_finds_the_exercise_and_achilles(visit, query, expected_page):
    current = visit("", 1280)
    current.page.locator("input[data-md-component='search-query']").click()
    current.page.keyboard.type(query)
    results = current.page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10000)
    titles = results.locator("h1").all_text_contents()
    assert expected_page in [title.strip() for title in titles]


# Whether the page has asked for the search index (every page's words) yet
INDEX_FETCHED = ("() => performance.getEntriesByType('resource')"
                 ".some(entry => entry.name.endsWith('/search/search_index.json'))")


@pytest.mark.parametrize("width", (360, 1280))
def test_the_search_index_is_fetched_only_once_search_is_opened(visit, width):
    """11 KB every page loaded for a search most visitors never make (overrides/main.html)."""
    page = visit("exercise/", width).page
    page.wait_for_timeout(300)
    assert page.evaluate(INDEX_FETCHED) is False
    if width == 360:  # the search button (keyboard.js's) opens search
        page.locator("button[data-toggle='__search']").click()
    else:  # focus in the search box opens search
        page.locator("input[data-md-component='search-query']").click()
    page.keyboard.type("blood clot")
    page.locator(".md-search-result__item").first.wait_for(timeout=10000)
    assert page.evaluate(INDEX_FETCHED) is True


def test_print_hides_navigation_and_shows_the_video_as_a_link(visit):
    current = visit("exercise/", 1280)
    current.page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", "figure.video--file video"):
        assert not current.page.locator(hidden).first.is_visible(), hidden
    link = current.page.locator("figure.video--file .video__print")
    assert link.is_visible()
    assert link.inner_text() == "Watch the video online at https://activepodiatry.co.uk/soleus/exercise/"
