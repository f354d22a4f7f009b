"""The pacer (`:pacer: up=2 down=3`, shortcodes.py and docs/javascripts/pacer.js): the HTML it
writes and its errors, in-process; and in the browser, with Playwright's fake clock instead of
real waits: its beat on time, Start/Stop and sound by keyboard, the count of raises said once a
raise, nothing loaded or stored, and the pace in words without JavaScript and on paper; and on the
real site, each pacer's beat is the pace its page states in its own words. (Axe checks the pages
that show it in test_browser.py; the dot's contrast, which axe does not, is here.)"""

from __future__ import annotations

import re

import lxml.html
import pytest

from conftest import PAGES, fold, messages, page_html
from soleus_site.shortcodes import PageContext, expand_shortcodes

USAGE = "for example  :pacer: up=2 down=3  (seconds up, seconds down)"


def expand(markdown: str):
    context = PageContext(src_path="exercise.md", shown_path="docs/exercise.md", docs_dir=None,
                          url_for=lambda path: path)
    return expand_shortcodes(markdown, context, first_line=7)


def pacer_html(up: int, down: int, words: str) -> list[str]:
    return [
        f'<div class="pacer" role="group" aria-label="Pacer" data-up="{up}" data-down="{down}">',
        f'<p class="pacer__words">{words}</p>',
        '<div class="pacer__controls" hidden>',
        '<button type="button" class="pacer__start">Start</button>',
        '<label class="pacer__sound"><input type="checkbox"> Sound</label>',
        '<span class="pacer__track" aria-hidden="true"><span class="pacer__dot"></span></span>',
        '<span class="pacer__word"></span>',
        '<span class="pacer__count" aria-live="polite"></span>',
        '</div>',
        '</div>']


@pytest.mark.parametrize("line, up, down, words", [
    (":pacer: up=2 down=3", 2, 3, "Go up for 2 seconds and down for 3."),
    (":pacer:", 2, 3, "Go up for 2 seconds and down for 3."),  # the clinic's pace
    (":pacer: down=4 up=1", 1, 4, "Go up for 1 second and down for 4."),
    (":pacer: up=10", 10, 3, "Go up for 10 seconds and down for 3."),
    (":pacer: up=1 down=10", 1, 10, "Go up for 1 second and down for 10."),
    (":pacer: down=4", 2, 4, "Go up for 2 seconds and down for 4."),
])
def test_the_pacer_is_the_pace_in_words_with_controls_hidden_until_its_script_shows_them(line, up, down, words):
    expanded = expand(f"Intro\n{line}")
    assert expanded.problems == []
    assert expanded.lines == ["Intro", *pacer_html(up, down, words)]
    assert expanded.file_lines == [7] + [8] * 10


@pytest.mark.parametrize("args, expected", [
    ("up=2 speed=3", f"pacer: unknown option 'speed=' (the options are up= and down=, {USAGE})"),
    ("up 2", f"pacer: unexpected 'up' (write the pace as up= and down=, {USAGE})"),
    ("2", f"pacer: unexpected '2' (write the pace as up= and down=, {USAGE})"),
    ("left=2", f"pacer: unknown option 'left=' (the options are up= and down=, {USAGE})"),
    ("up=2=3", f"pacer: up=2=3 is not a whole number of seconds from 1 to 10 ({USAGE})"),
    ("up=\u00b2", f"pacer: up=\u00b2 is not a whole number of seconds from 1 to 10 ({USAGE})"),
    ("up=two", f"pacer: up=two is not a whole number of seconds from 1 to 10 ({USAGE})"),
    ("down=0", f"pacer: down=0 is not a whole number of seconds from 1 to 10 ({USAGE})"),
    ("down=11", f"pacer: down=11 is not a whole number of seconds from 1 to 10 ({USAGE})"),
    ("up=1.5", f"pacer: up=1.5 is not a whole number of seconds from 1 to 10 ({USAGE})"),
    ("up=-2", f"pacer: up=-2 is not a whole number of seconds from 1 to 10 ({USAGE})"),
    ("up=", f"pacer: up= is not a whole number of seconds from 1 to 10 ({USAGE})"),
    ("up=\u0662", f"pacer: up=\u0662 is not a whole number of seconds from 1 to 10 ({USAGE})"),
    ("up=2 up=3", f"pacer: up= is given twice (give it once, {USAGE})"),
])
def test_a_pacer_that_cannot_be_used_is_an_error_at_its_line(args, expected):
    assert messages(expand(f"# Page\n\n:pacer: {args}").problems) == [f"docs/exercise.md:9: {expected}"]


# In the browser ------------------------------------------------------------------------------

# Each change of the beat's word, with the (fake) clock's time, and each change of the count
RECORD = """() => {
    window.changes = []
    window.counts = []
    const pacer = document.querySelector(".pacer")
    new MutationObserver(() => changes.push([performance.now(),
        pacer.querySelector(".pacer__word").textContent])).observe(
        pacer.querySelector(".pacer__word"), {childList: true, characterData: true, subtree: true})
    new MutationObserver(() => counts.push(pacer.querySelector("[aria-live]").textContent)).observe(
        pacer.querySelector("[aria-live]"), {childList: true, characterData: true, subtree: true})
}"""


def open_with_clock(visit, page: str):
    current = visit(page)
    current.page.clock.install(time=0)
    current.page.clock.pause_at(1000)  # time moves only as the test says
    current.page.evaluate(RECORD)
    return current


@pytest.mark.parametrize("page", ["exercise/", "self-test/"])
def test_the_beat_keeps_time_over_ten_changes(visit, page):
    current = open_with_clock(visit, page)
    current.page.get_by_role("button", name="Start").click()
    current.page.clock.run_for(25_000)
    changes = current.page.evaluate("changes")
    start = changes[0][0]
    expected = [(0, "Up"), (2000, "Down"), (5000, "Up"), (7000, "Down"), (10000, "Up"),
                (12000, "Down"), (15000, "Up"), (17000, "Down"), (20000, "Up"), (22000, "Down")]
    assert [word for _, word in changes[:10]] == [word for _, word in expected]
    assert all(abs(time - start - at) <= 50 for (time, _), (at, _) in zip(changes, expected)), changes
    assert len(changes) == 11  # and the next Up, at 25 s: no extra change, no flashing
    assert current.page.locator(".pacer__word").inner_text() == "Up"


def test_a_late_timer_neither_drifts_the_beat_nor_catches_up_in_a_burst(visit):
    """A timer can fire late (a phone busy, a tab in the background): the next change is still on
    the clock's time, and changes missed are skipped, never played in a rush (WCAG 2.3.1)."""
    current = open_with_clock(visit, "exercise/")
    page = current.page
    page.get_by_role("button", name="Start").click()
    page.clock.run_for(1000)
    page.clock.fast_forward(1500)  # the Down due at 2 s fires at 2.5 s
    page.clock.run_for(2500)  # the next Up is at 5 s all the same
    page.clock.fast_forward(6500)  # at 11.5 s: the Down at 7 s and the Up at 10 s missed
    page.clock.run_for(500)
    changes = page.evaluate("changes")
    start = changes[0][0]
    assert [(round(time - start), word) for time, word in changes] == [
        (0, "Up"), (2500, "Down"), (5000, "Up"), (11500, "Up"), (12000, "Down")]
    assert page.evaluate("counts") == ["1 raise", "2 raises"]


def test_start_stop_and_sound_by_keyboard(visit):
    current = open_with_clock(visit, "exercise/")
    page = current.page
    page.locator(".pacer__words").click()  # the point Tab starts from, as a reader's click leaves it
    page.keyboard.press("Tab")
    button = page.locator(".pacer button")
    assert page.evaluate("document.activeElement === document.querySelector('.pacer button')")
    page.keyboard.press("Enter")
    assert button.inner_text() == "Stop"
    page.clock.run_for(2500)
    assert page.locator(".pacer__word").inner_text() == "Down"
    page.keyboard.press("Space")
    assert button.inner_text() == "Start"
    page.clock.run_for(5000)
    assert [word for _, word in page.evaluate("changes")] == ["Up", "Down", ""]
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement === document.querySelector('.pacer input')")
    page.keyboard.press("Space")
    assert page.locator(".pacer input[type=checkbox]").is_checked()


def test_the_count_of_raises_is_said_once_a_raise(visit):
    current = open_with_clock(visit, "self-test/")
    page = current.page
    live = page.locator(".pacer [aria-live=polite]")
    page.get_by_role("button", name="Start").click()
    page.clock.run_for(15_000 + 4000)  # 3 raises of 5 seconds, and most of a 4th
    assert live.inner_text() == "3 raises"
    assert page.evaluate("counts") == ["1 raise", "2 raises", "3 raises"]  # not at each Up or Down
    page.get_by_role("button", name="Stop").click()
    page.get_by_role("button", name="Start").click()  # starting again counts from 0
    page.clock.run_for(5000)
    assert page.evaluate("counts")[-2:] == ["", "1 raise"]


def test_the_pacer_loads_nothing_with_its_sound_on_and_stores_nothing(visit):
    current = open_with_clock(visit, "exercise/")
    page = current.page
    stored = "() => [Object.keys(localStorage), Object.keys(sessionStorage), document.cookie]"
    before = page.evaluate(stored)
    page.evaluate("""() => {  // count the clicks the pacer makes
        window.clicks = 0
        const start = OscillatorNode.prototype.start
        OscillatorNode.prototype.start = function (...args) { clicks++; return start.apply(this, args) }
    }""")
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.locator(".pacer input[type=checkbox]").check()
    page.get_by_role("button", name="Start").click()
    page.clock.run_for(11_000)
    page.get_by_role("button", name="Stop").click()
    assert page.evaluate("clicks") == 5  # Up, Down, Up, Down, Up: made in the page, nothing fetched
    # (Chromium asks for the tab's icon once, by itself, after the page has loaded)
    assert [url for url in requests if not url.endswith("/assets/favicon.svg")] == []
    assert current.other_hosts == []
    assert page.evaluate(stored) == before
    assert page.evaluate("indexedDB.databases().then((found) => found.length)") == 0


def test_reduced_motion_keeps_the_words_without_the_moving_dot(visit):
    current = open_with_clock(visit, "exercise/")
    page = current.page
    assert page.locator(".pacer__track").is_visible()
    page.emulate_media(reduced_motion="reduce")
    assert not page.locator(".pacer__track").is_visible()
    page.get_by_role("button", name="Start").click()
    page.clock.run_for(2500)
    assert page.locator(".pacer__word").inner_text() == "Down"


def contrast(first: str, second: str) -> float:
    """WCAG's contrast ratio of a computed colour ("rgb(r, g, b)" or "rgba(r, g, b, a)") on an
    opaque one."""
    def channels(colour: str) -> list[float]:
        return [float(part) for part in colour[colour.index("(") + 1:-1].split(",")]

    back = channels(second)[:3]
    *front, alpha = channels(first) + [1.0] * (4 - len(channels(first)))
    shown = [f * alpha + b * (1 - alpha) for f, b in zip(front, back)]

    def luminance(rgb: list[float]) -> float:
        channels = [c / 255 for c in rgb]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    lighter, darker = sorted((luminance(shown), luminance(back)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_dot_stands_out_from_the_page_and_the_words_are_readable(visit, scheme):
    """3:1 for the beat's dot (WCAG 1.4.11), 4.5:1 for the button's and the pacer's words (1.4.3:
    axe checks them too, in test_browser.py)."""
    page = visit("exercise/", 360, scheme).page
    colours = page.evaluate("""() => {
        const colour = (selector, property) =>
            getComputedStyle(document.querySelector(selector))[property]
        return {dot: colour(".pacer__dot", "backgroundColor"),
                page: getComputedStyle(document.querySelector(".md-main")).backgroundColor === "rgba(0, 0, 0, 0)"
                    ? colour("body", "backgroundColor") : colour(".md-main", "backgroundColor"),
                word: colour(".pacer__word", "color"),
                button: colour(".pacer button", "color"), buttonBack: colour(".pacer button", "backgroundColor")}
    }""")
    assert contrast(colours["dot"], colours["page"]) >= 3, colours
    assert contrast(colours["word"], colours["page"]) >= 4.5, colours
    assert contrast(colours["button"], colours["buttonBack"]) >= 4.5, colours


def test_print_shows_the_pace_in_words_only(visit):
    page = visit("exercise/", 1280).page
    page.emulate_media(media="print")
    assert page.locator(".pacer__words").is_visible()
    assert not page.locator(".pacer button").is_visible()
    assert not page.locator(".pacer__track").is_visible()


def test_without_javascript_the_pace_is_in_words_and_the_controls_hidden(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "self-test/")
        assert page.locator(".pacer__words").inner_text() == "Go up for 2 seconds and down for 3."
        assert page.locator(".pacer__words").is_visible()
        assert not page.locator(".pacer button").is_visible()
        assert not page.locator(".pacer__track").is_visible()
    finally:
        context.close()


# On the real site: the beat is the pace the page states ------------------------------------------

STATED_PACE = re.compile(r"up for (\d+) seconds?,? (?:and )?down for (\d+)", re.I)


def test_each_pacers_beat_is_the_pace_its_page_states_in_its_own_words(built_site):
    """The exercise pages' "Speed:" line and the self-test's steps say the pace; the pacer under
    them beats it, and no page says another."""
    beats = {}
    for page in PAGES:
        article = lxml.html.fromstring(page_html(built_site, page)).find(".//article")
        pacers = article.find_class("pacer")
        if not pacers:
            continue
        [pacer] = pacers
        beats[page] = (int(pacer.get("data-up")), int(pacer.get("data-down")))
        pacer.drop_tree()  # the page's own words, not the pacer's
        stated = {(int(up), int(down)) for up, down in STATED_PACE.findall(fold(article.text_content()))}
        assert stated == {beats[page]}, page
    assert beats == {"exercise": (2, 3), "seated-raise": (2, 3), "self-test": (2, 3)}
