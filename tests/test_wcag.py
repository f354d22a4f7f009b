"""WCAG 2.2 AA as an auditor checks it by hand, in a real browser (Debian's Chromium, driven by
Playwright): the keyboard's path through a page, the focus ring's contrast, what the sticky
header covers, and what a screen reader is told (the accessibility tree). axe-core
(test_browser.py) finds none of these."""

from __future__ import annotations

import io
import re

import lxml.html
import pytest

from conftest import PAGES, page_html, page_path

# The focused element: what a screen reader calls it, and where it is on the screen.
FOCUSED = """() => {
    const el = document.activeElement, box = el.getBoundingClientRect(), style = getComputedStyle(el)
    const name = (el.getAttribute("aria-label") || el.innerText || el.value || el.title || "").trim()
    return {name: name.split("\\n")[0], tag: el.tagName, inArticle: !!el.closest("article"),
            inHeader: !!el.closest(".md-header"), expanded: el.getAttribute("aria-expanded"),
            left: box.left, top: box.top, right: box.right, bottom: box.bottom,
            width: box.width, height: box.height, viewport: innerWidth,
            shown: el.checkVisibility({visibilityProperty: true, opacityProperty: true})}
}"""


# Waits until what is sliding or fading (the search panel, the drawer) has stopped.
SETTLED = "() => Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)))"


def tab(page, key="Tab", settle=0):
    page.keyboard.press(key)
    if settle:
        page.wait_for_timeout(settle)
    return page.evaluate(FOCUSED)


def on_screen(stop) -> bool:
    """Seen by a sighted keyboard user: shown, of some size, and inside the screen's width."""
    return (stop["shown"] and stop["width"] > 0 and stop["height"] > 0
            and stop["left"] >= 0 and stop["right"] <= stop["viewport"])


def stops_until_article(page, limit=40, settle=300):
    """Each Tab stop from the top of the page to the first one in the page's article."""
    stops = []
    for _ in range(limit):
        stop = tab(page, settle=settle)
        stops.append(stop)
        if stop["inArticle"]:
            return stops
    raise AssertionError(f"no Tab stop in the article after {limit} presses: {stops}")


# 2.4.7 Focus Visible, 2.1.1 Keyboard -----------------------------------------------------------

def test_on_a_phone_tab_reaches_the_menu_button_and_nothing_hidden(visit):
    current = visit("exercise/", 360)
    stops = stops_until_article(current.page)
    assert [stop["name"] for stop in stops] == [
        "Skip to content", "Menu", "Switch to dark mode", "Search", "Print the handout"]
    assert [stop["name"] for stop in stops if not on_screen(stop)] == []


def test_on_a_phone_the_menu_opens_and_closes_by_keyboard(visit):
    current = visit("exercise/", 360)
    tab(current.page)
    menu = tab(current.page)
    assert (menu["name"], menu["expanded"]) == ("Menu", "false")
    current.page.keyboard.press("Enter")
    current.page.wait_for_timeout(400)  # the drawer slides in
    first = current.page.evaluate(FOCUSED)
    assert first["name"] == "Strengthen your soleus" and on_screen(first)
    drawer = [tab(current.page) for _ in range(3)]
    assert [stop["name"] for stop in drawer] == ["Home", "The soleus muscle", "Why it matters for runners"]
    assert all(on_screen(stop) for stop in drawer)
    current.page.keyboard.press("Escape")
    current.page.wait_for_timeout(400)
    back = current.page.evaluate(FOCUSED)
    assert (back["name"], back["expanded"]) == ("Menu", "false")
    assert current.page.evaluate("document.getElementById('__drawer').checked") is False


def test_on_a_desktop_every_tab_stop_before_the_article_is_on_screen(visit):
    current = visit("exercise/", 1280)
    stops = stops_until_article(current.page)
    names = [stop["name"] for stop in stops]
    assert names[:4] == ["Skip to content", "Strengthen your soleus", "Switch to dark mode", "Search"]
    assert names[-1] == "Print the handout"
    assert [name for name, stop in zip(names, stops) if not on_screen(stop)] == []


# 1.4.11 Non-text Contrast of the focus ring (and 2.4.7: a ring on every stop) -------------------

# The ring's colour against what is behind it: the first opaque background found under the
# middle of the ring, to the left of the element (or to its right at the screen's edge), the
# element itself set aside. Translucent backgrounds (Material's footer) are laid over what is
# under them.
RING = """async () => {
    // What is fading in or out (the search overlay, the drawer) first ends its transition.
    await Promise.all(document.getAnimations().map(animation => animation.finished.catch(() => null)))
    const el = document.activeElement, style = getComputedStyle(el)
    const box = el.getBoundingClientRect()
    const width = parseFloat(style.outlineWidth), offset = parseFloat(style.outlineOffset)
    const rgba = (text) => { const [r, g, b, a = 1] = text.match(/[\\d.]+/g).map(Number); return [r, g, b, a] }
    let x = box.left - offset - width / 2
    if (x < 1) x = box.right + offset + width / 2
    const y = box.top + box.height / 2
    const layers = []
    for (const under of document.elementsFromPoint(x, y)) {
      if (el.contains(under)) continue
      const layer = rgba(getComputedStyle(under).backgroundColor)
      layer[3] *= parseFloat(getComputedStyle(under).opacity)
      if (layer[3] === 0) continue
      layers.push(layer)
      if (layer[3] === 1) break
    }
    const page = rgba(getComputedStyle(document.body).backgroundColor)
    let back = page[3] === 1 ? page.slice(0, 3) : [255, 255, 255]
    for (const [r, g, b, a] of layers.reverse()) back = [r, g, b].map((c, i) => c * a + back[i] * (1 - a))
    return {style: style.outlineStyle, width, ring: rgba(style.outlineColor).slice(0, 3), back}
}"""


def luminance(rgb) -> float:
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4
    r, g, b = map(channel, rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one, two) -> float:
    high, low = sorted((luminance(one), luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", ("light", "dark"))
@pytest.mark.parametrize("width", (360, 1280))
def test_every_tab_stop_has_a_ring_of_3_to_1_against_its_background(visit, width, scheme):
    current = visit("exercise/", width, scheme)
    seen, weak = [], []
    for _ in range(80):
        stop = tab(current.page)
        if stop["tag"] == "BODY" or (seen and stop["name"] == seen[0]):
            break  # past the end of the page
        if stop["tag"] == "VIDEO":  # Chromium draws the ring of its own video controls
            continue
        ring = current.page.evaluate(RING)
        ratio = contrast(ring["ring"], ring["back"])
        seen.append(stop["name"])
        if not (ring["style"] == "solid" and ring["width"] >= 2 and ratio >= 3
                and stop["width"] > 0 and stop["height"] > 0):
            weak.append((stop["name"], ring["style"], ring["width"], round(ratio, 2),
                         stop["width"], stop["height"]))
    assert len(seen) > 10
    assert weak == []


# 2.4.11 Focus Not Obscured ----------------------------------------------------------------

@pytest.mark.parametrize("width", (360, 1280))
def test_shift_tab_never_leaves_focus_under_the_sticky_header(visit, width):
    current = visit("exercise/", width)
    page = current.page
    page.keyboard.press("End")
    page.wait_for_timeout(300)
    header_bottom = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    hidden = []
    for _ in range(40):
        stop = tab(page, "Shift+Tab", settle=100)
        if stop["inHeader"] or stop["name"] == "Skip to content":
            break
        if stop["tag"] == "VIDEO":
            continue
        covered = page.evaluate("""() => {
            const el = document.activeElement, box = el.getBoundingClientRect()
            const line = el.getClientRects()[0] || box  // a link over two lines: its first
            const top = document.elementFromPoint(line.left + line.width / 2, line.top + line.height / 2)
            return !(top && (el.contains(top) || top.contains(el)))
        }""")
        if stop["top"] < header_bottom or covered:
            hidden.append((stop["name"], round(stop["top"]), covered))
    assert hidden == []


# 1.3.1 Info and Relationships: the boxes ------------------------------------------------------

def test_boxes_are_notes_with_a_heading_that_says_what_kind(visit):
    current = visit("weakness/", 1280)
    assert current.page.locator("div.admonition").count() == 3
    for kind, title in (("Urgent warning", "A possible blood clot (DVT): get urgent advice"),
                        ("Urgent warning", "A possible torn Achilles tendon: go the same day"),
                        ("Warning", "See your GP, or us")):
        note = current.page.get_by_role("note", name=f"{kind}: {title}", exact=True)
        assert note.count() == 1
        assert note.get_by_role("heading", name=f"{kind}: {title}", exact=True, level=3).count() == 1
    exercise = visit("exercise/", 1280).page
    assert exercise.get_by_role("heading", name="Warning: When to stop", level=3).is_visible()
    assert exercise.get_by_role("note", name="Warning: When to stop").count() == 1


# 4.1.3 Status Messages: search results ---------------------------------------------------------

def test_the_number_of_search_results_is_a_status_message(visit):
    current = visit("", 1280)
    current.page.locator("input[data-md-component='search-query']").click()
    current.page.keyboard.type("heel raise")
    current.page.locator(".md-search-result__item").first.wait_for(timeout=10000)
    status = current.page.get_by_role("status")
    assert status.count() == 1
    assert re.fullmatch(r"\d+ matching documents", status.inner_text().strip())


# 2.4.3 Focus Order: leaving search ---------------------------------------------------------------

def test_esc_from_search_on_a_desktop_returns_focus_to_where_it_was(visit):
    page = visit("exercise/", 1280).page
    for _ in range(3):
        before = tab(page)
    assert before["name"] == "Switch to dark mode"
    assert tab(page)["name"] == "Search"
    page.keyboard.type("calf")
    page.locator(".md-search-result__item").first.wait_for(timeout=10000)
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert page.evaluate("document.getElementById('__search').checked") is False
    assert page.evaluate(FOCUSED)["name"] == "Switch to dark mode"


def test_on_a_phone_search_opens_from_its_button_and_esc_returns_to_it(visit):
    page = visit("exercise/", 360).page
    for _ in range(4):
        button = tab(page)
    assert (button["name"], button["expanded"]) == ("Search", "false")
    page.keyboard.press("Enter")
    page.wait_for_timeout(400)
    field = page.evaluate(FOCUSED)
    assert (field["tag"], field["name"]) == ("INPUT", "Search") and on_screen(field)
    page.keyboard.type("calf")
    page.keyboard.press("Escape")
    page.wait_for_timeout(400)
    back = page.evaluate(FOCUSED)
    assert (back["name"], back["expanded"]) == ("Search", "false")
    # Tabbing on past the button goes to the page, and does not open search over it.
    assert tab(page)["name"] == "Print the handout"
    assert page.evaluate("document.getElementById('__search').checked") is False


# 4.1.2 Name, Role, Value: the light/dark switch ---------------------------------------------------

@pytest.mark.parametrize("width", (360, 1280))
def test_the_light_dark_switch_is_one_button_named_for_what_it_does(visit, width):
    page = visit("exercise/", width, "light").page
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    form = page.locator("form[data-md-component='palette']")
    assert form.aria_snapshot() == '- button "Switch to dark mode"'
    form.get_by_role("button").focus()
    page.keyboard.press("Space")
    page.wait_for_timeout(300)
    assert page.evaluate(scheme) == "slate"
    assert form.aria_snapshot() == '- button "Switch to light mode"'
    assert page.evaluate(FOCUSED)["name"] == "Switch to light mode"
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    assert page.evaluate(scheme) == "default"
    assert page.evaluate(FOCUSED)["name"] == "Switch to dark mode"


def test_in_the_dark_scheme_the_switch_offers_light(visit):
    page = visit("", 1280, "dark").page
    assert page.locator("form[data-md-component='palette']").aria_snapshot() == \
        '- button "Switch to light mode"'


# Names without "¶"; the page's language (3.1.1) ---------------------------------------------------

@pytest.mark.parametrize("page", PAGES)
def test_no_name_has_a_pilcrow_and_the_language_is_british_english(visit, page):
    current = visit(page_path(page), 1280).page
    tree = current.locator("body").aria_snapshot()
    assert "¶" not in tree
    assert current.evaluate("document.documentElement.lang") == "en-GB"


# Print -----------------------------------------------------------------------------------------

def test_a_printed_page_starts_on_page_1_with_small_pictures_and_the_handout_address(visit):
    from pypdf import PdfReader

    page = visit("exercise/", 1280).page
    page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(img => img.loading = 'eager')")
    page.wait_for_load_state("networkidle")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    texts = [" ".join(sheet.extract_text().split()) for sheet in pdf.pages]
    assert texts[0].startswith("The exercise: bent-knee heel raise This exercise makes your soleus")
    assert ("Print the handout (PDF: A4, Letter, large print): "
            "https://activepodiatry.co.uk/soleus/exercise/handout/") in texts[0]
    assert [len(text) for text in texts[:-1] if len(text) < 200] == []  # no sheet (nearly) empty
    page.emulate_media(media="print")
    heights = page.evaluate("[...document.querySelectorAll('article figure img')]"
                            ".map(img => Math.round(img.getBoundingClientRect().height))")
    assert len(heights) == 3 and all(0 < height <= 227 for height in heights)  # 6 cm at 96 px/in


# 2.1.4 Character Key Shortcuts ---------------------------------------------------------------

def test_single_keys_neither_change_the_page_nor_open_search(visit):
    page = visit("exercise/", 1280).page
    moves = []
    page.on("framenavigated", lambda frame: moves.append(frame.url))
    link = page.locator("article a").first
    link.focus()
    for key in ("n", ".", "p", ",", "s", "f", "/"):  # Material's next, previous and search keys
        page.keyboard.press(key)
        assert page.evaluate("document.getElementById('__search').checked") is False, key
    page.wait_for_timeout(300)  # a navigation would have started by now
    assert moves == [] and page.url.endswith("/exercise/")
    assert page.evaluate(FOCUSED)["name"] == link.inner_text().strip()
    # Search still opens from its box (on a phone, its button: test_on_a_phone_search_opens...).
    page.locator("input[data-md-component='search-query']").click()
    page.wait_for_function("() => document.getElementById('__search').checked")


# The menu drawer on a phone (2.4.7, 2.1.1; 1.4.11) ------------------------------------------------

NAV = ["Home", "The soleus muscle", "Why it matters for runners", "When the soleus is weak",
       "The exercise", "The ladder", "Seated heel raise", "Test your soleus", "Back to running",
       "How we can help", "Sources"]


def test_on_a_phone_the_open_menu_has_no_hidden_tab_stop(visit):
    """The page's table of contents is not in the drawer: its links were Tab stops off to the
    side of the drawer, whose own control (a label) Tab never reached."""
    page = visit("exercise/", 360).page
    page.locator("button[data-toggle='__drawer']").click()
    page.wait_for_function("() => document.activeElement.closest('.md-sidebar--primary')"
                           " && document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0")
    stops = [tab(page) for _ in NAV]
    assert [stop["name"] for stop in stops] == NAV
    assert [stop["name"] for stop in stops if not (on_screen(stop) and stop["bottom"] <= 800)] == []


def test_on_a_phone_the_menus_first_stop_has_a_ring_of_3_to_1(visit):
    page = visit("exercise/", 360, "light").page
    page.locator("button[data-toggle='__drawer']").focus()
    page.keyboard.press("Enter")  # by keyboard, so the browser shows the ring
    page.wait_for_function("() => document.activeElement.closest('.md-nav__title')")
    ring = page.evaluate(RING)
    assert page.evaluate(FOCUSED)["name"] == "Strengthen your soleus"
    assert ring["style"] == "solid" and contrast(ring["ring"], ring["back"]) >= 3


# Search: the focus ring (1.4.11, 2.4.7), its text (1.4.3), Tab on a phone (2.4.3) -----------------

# The focused element's text colour and the colour under it (its own and its ancestors'
# backgrounds, translucent ones laid over the next)
TEXT_COLOURS = """(el) => {
    const rgba = (text) => { const [r, g, b, a = 1] = text.match(/[\\d.]+/g).map(Number); return [r, g, b, a] }
    const layers = []
    for (let under = el; under; under = under.parentElement) {
      const layer = rgba(getComputedStyle(under).backgroundColor)
      if (layer[3] === 0) continue
      layers.push(layer)
      if (layer[3] === 1) break
    }
    let back = [255, 255, 255]
    for (const [r, g, b, a] of layers.reverse()) back = [r, g, b].map((c, i) => c * a + back[i] * (1 - a))
    const [r, g, b, a] = rgba(getComputedStyle(el).color)
    return {text: el.textContent.trim(), fg: [r, g, b].map((c, i) => c * a + back[i] * (1 - a)), back}
}"""


@pytest.mark.parametrize("scheme", ("light", "dark"))
def test_search_results_ring_and_text_stand_out(visit, scheme):
    page = visit("", 1280, scheme).page
    page.locator("input[data-md-component='search-query']").click()
    page.keyboard.type("heel raise")
    page.locator(".md-search-result__item").first.wait_for(timeout=10000)
    page.keyboard.press("ArrowDown")  # Material's way to the first result
    ring = page.evaluate(RING)
    first_title = page.locator(".md-search-result__item").first.locator("h1").first.inner_text()
    assert first_title in ("The exercise: bent-knee heel raise", "Level 6: seated heel raise")
    assert page.evaluate(FOCUSED)["name"] == first_title  # the first result
    assert ring["style"] == "solid" and contrast(ring["ring"], ring["back"]) >= 3
    weak = []
    for line in page.locator(".md-search-result__meta, .md-search-result h1, .md-search-result p").all():
        colours = line.evaluate(TEXT_COLOURS)
        if colours["text"] and contrast(colours["fg"], colours["back"]) < 4.5:
            weak.append((colours["text"][:30], round(contrast(colours["fg"], colours["back"]), 2)))
    assert len(page.locator(".md-search-result p").all()) > 1  # the focused result's lines, and others'
    assert weak == []


def test_on_a_phone_the_open_search_box_has_a_ring_of_3_to_1(visit):
    page = visit("exercise/", 360, "light").page
    page.locator("button[data-toggle='__search']").click()
    page.wait_for_function("() => document.activeElement.matches('input.md-search__input')")
    ring = page.evaluate(RING)
    assert ring["style"] == "solid" and contrast(ring["ring"], ring["back"]) >= 3


def test_on_a_phone_tab_stays_in_the_open_search(visit):
    """Material closed search at Tab, and focus went on to a link of the page far below."""
    page = visit("anatomy/", 360).page
    page.locator("button[data-toggle='__search']").click()
    page.wait_for_function("() => document.activeElement.matches('input.md-search__input')")
    page.keyboard.type("calf")
    page.locator(".md-search-result__item").first.wait_for(timeout=10000)
    page.evaluate(SETTLED)
    first = tab(page)
    assert page.evaluate("document.getElementById('__search').checked") is True
    assert first["tag"] == "A" and on_screen(first) and first["bottom"] <= 800
    assert page.evaluate("document.activeElement.closest('.md-search-result') !== null")
    assert tab(page, "Shift+Tab")["tag"] == "INPUT"
    assert tab(page, "Shift+Tab")["tag"] == "A"  # round to the last result
    assert page.evaluate("document.getElementById('__search').checked") is True


# 2.4.7 Focus Visible: the hidden "Back to top" button ------------------------------------------------

def test_back_to_top_is_out_of_reach_until_it_shows(visit):
    page = visit("exercise/", 1280).page
    top = page.locator(".md-top")
    assert top.evaluate("button => { button.focus(); return document.activeElement === button }") is False
    assert "Back to top" not in page.locator("body").aria_snapshot()
    page.evaluate("() => scrollTo(0, 3000)")  # Material shows it as one scrolls back up
    page.wait_for_timeout(100)
    page.evaluate("() => scrollTo(0, 2500)")
    page.wait_for_function("() => !document.querySelector('.md-top').hidden")
    assert page.get_by_role("button", name="Back to top").is_visible()


# 1.4.1 Use of Color, 1.3.1: the current page in the navigation -------------------------------------

def test_the_current_page_is_marked_by_more_than_colour(visit):
    page = visit("exercise/", 1280).page
    links = page.locator(".md-sidebar--primary nav.md-nav--primary > ul > li > a")
    marks = links.evaluate_all("""links => links.map(link => [link.textContent.trim(),
        link.getAttribute("aria-current"), getComputedStyle(link).fontWeight,
        getComputedStyle(link).textDecorationLine])""")
    assert [mark for mark in marks if mark[1]] == [["The exercise", "page", "700", "underline"]]
    assert {(weight, line) for _, current, weight, line in marks if not current} == {("400", "none")}
    assert page.locator("[aria-current]").count() == 1


# 1.3.1 Info and Relationships: the sources are numbered in one run --------------------------------

def test_the_sources_are_numbered_1_to_10_across_their_headings(built_site):
    """Four lists under four headings: each list after the first goes on from the number it is
    written with (without sane_lists, Markdown starts every list at 1, whatever its number)."""
    page = lxml.html.fromstring(page_html(built_site, "references"))
    numbers = []
    for numbered in page.xpath("//article//ol"):
        number = int(numbered.get("start", 1)) - 1
        for item in numbered.findall("li"):  # the HTML rule: a value sets the count, else one more
            number = int(item.get("value", number + 1))
            numbers.append(number)
    assert numbers == list(range(1, 11))


# 1.3.1: words for a screen reader only ------------------------------------------------------

def test_words_for_a_screen_reader_are_not_shown(visit):
    page = visit("exercise/", 1280).page
    hidden = page.locator(".md-visually-hidden")
    assert "Warning: " in hidden.all_text_contents()
    boxes = hidden.evaluate_all("spans => spans.map(span => span.getBoundingClientRect())"
                                ".map(box => [box.width, box.height])")
    assert all(width <= 1 and height <= 1 for width, height in boxes), boxes
    assert page.get_by_role("heading", name="Warning: When to stop", level=3).is_visible()
