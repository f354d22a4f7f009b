"""Prepare for a patient: on the handout page a clinician types a patient's plan, the printed sheet
shows it in place of the blanks, and nothing is stored or sent (Debian's Chromium, via Playwright)."""

from __future__ import annotations

import datetime
import io

import pypdf
import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import HANDOUTS, WCAG_TAGS

HANDOUT = "exercise/handout/"
TYPED = {"patient": "Sam Patel", "sets": "3", "repetitions": "12", "weight": "5 kg in a backpack",
         "times_a_week": "3", "notes": "Stop if the pain goes above 3 out of 10.",
         "clinician": "Jo Smith"}
# What the printed sheet says once the form is filled (the date as a patient reads it)
PRINTED = ("Name Sam Patel", "Date 1 December 2026", "Clinician Jo Smith", "Sets 3",
           "Repetitions 12", "Weight 5 kg in a backpack", "Times a week 3",
           "Notes Stop if the pain goes above 3 out of 10.")
BLANK_PLAN = ("Name Date Clinician Sets Leg: Left Right Both Repetitions Weight Times a week "
              "Your level (tick one) Easier:", "Notes Your session record")
# A podiatrist's realistic plan: each entry prints whole on its line, and the sheet keeps its pages
REALISTIC = {
    "patient": "Samantha Okonkwo-Richardson",
    "clinician": "J. Patel, Podiatrist (HCPC CH12345)",
    "sets": "3",
    "repetitions": "12 slow (3 s down)",
    "weight": "5 kg in a backpack",
    "times_a_week": "3 (Mon, Wed, Fri)",
    "notes": "Start on both feet for the first week. Keep the knee bent and lower slowly over 3 "
             "seconds. Stop if pain goes above 5 out of 10 or is worse the next morning. Review "
             "in 4 weeks at the clinic.",
}
FORM_WORDS = ("Prepare for a patient", "it is gone when you close this page", "Clear the form")


def printed(page) -> str:
    """The page as it prints on A4 (print media), as text."""
    return " ".join(" ".join(p.extract_text().split()) for p in printed_pages(page))


def printed_pages(page, paper: str = "A4") -> list:
    return pypdf.PdfReader(io.BytesIO(page.pdf(format=paper))).pages


def fill_in(page) -> None:
    for name, value in TYPED.items():
        page.fill(f'.prepare [name="{name}"]', value)
    page.fill('.prepare [name="date"]', "2026-12-01")
    page.check('.prepare [name="leg"][value="Right"]')
    page.check('.prepare [name="level"][value="Easier"]')


def ticked(page) -> list[str]:
    return page.eval_on_selector_all(
        ".sheet .box--ticked", "boxes => boxes.map(box => box.dataset.plan + ': ' + box.dataset.value)")


def test_what_the_clinician_types_prints_on_the_sheet_and_nothing_leaves_the_page(visit):
    current = visit(HANDOUT, 1280)
    requests = []
    current.page.on("request", lambda request: requests.append(request.url))
    fill_in(current.page)
    # Sending the form (Enter in a box, or a submit button added one day) goes nowhere
    current.page.press('.prepare [name="sets"]', "Enter")
    current.page.evaluate("() => { document.querySelector('.prepare form').requestSubmit() }")
    current.page.wait_for_timeout(300)  # a navigation would have started by now
    text = printed(current.page)

    for words in PRINTED:
        assert words in text
    for words in FORM_WORDS:
        assert words not in text
    assert ticked(current.page) == ["leg: Right", "level: Easier"]
    assert current.page.eval_on_selector(
        '.sheet .box[data-value="Right"]', "box => getComputedStyle(box, '::after').content") == '""'
    assert requests == [] and current.other_hosts == []
    assert current.page.url.endswith(HANDOUT)
    assert current.page.evaluate(
        "[localStorage.length, sessionStorage.length, document.cookie]") == [0, 0, ""]
    assert current.context.cookies() == []


def test_print_button_prints_and_clear_empties_the_sheet(visit):
    current = visit(HANDOUT, 1280)
    fill_in(current.page)
    current.page.evaluate(
        "() => { window.print = () => { window.printedTimes = (window.printedTimes || 0) + 1 } }")
    current.page.get_by_role("button", name="Print the sheet").click()
    assert current.page.evaluate("window.printedTimes") == 1

    current.page.get_by_role("button", name="Clear the form").click()
    current.page.wait_for_function("() => document.querySelector('.value[data-plan=\"patient\"]').textContent === ''")
    assert ticked(current.page) == []
    today = datetime.date.today()
    assert current.page.text_content('.value[data-plan="date"]') == f"{today.day} {today:%B %Y}"
    assert current.page.text_content('.value[data-plan="sets"]') == ""


def test_the_date_starts_as_today_and_the_dosage_hints_are_the_pages_own(visit):
    current = visit(HANDOUT, 360)
    today = datetime.date.today()
    assert current.page.input_value('.prepare [name="date"]') == today.isoformat()
    hints = {name: current.page.eval_on_selector(
        f'.prepare [name="{name}"]',
        "field => document.getElementById(field.getAttribute('aria-describedby')).textContent")
        for name in ("sets", "repetitions", "times_a_week")}
    assert hints == {
        "sets": "The exercise page says: build up to 3 sets of 15, with 1 to 2 minutes' rest "
                "between sets. This is your baseline: the amount to reach before you add weight.",
        "repetitions": "The exercise page says: do up to 15 in 1 set. A repetition is one full "
                       "raise and lower.",
        "times_a_week": "The exercise page says: every other day (3 or 4 times a week) for about "
                        "6 weeks.",
    }


@pytest.mark.parametrize("width", (360, 1280))
@pytest.mark.parametrize("handout_page", [outputs.page_dir for outputs in HANDOUTS.values()])
def test_the_handout_page_and_its_form_are_accessible(visit, handout_page, width):
    current = visit(handout_page, width)
    results = Axe().run(current.page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS},
                                               "resultTypes": ["violations"]})
    assert [(v["id"], [node["target"] for node in v["nodes"]])
            for v in results.response["violations"]] == []
    labels = current.page.eval_on_selector_all(
        ".prepare input, .prepare textarea",
        "fields => fields.map(field => field.labels[0].textContent.trim())")
    assert labels == ["Patient\u2019s name (optional)", "Date", "Left", "Right", "Both",
                      "Easier", "Standard", "Harder", "Sets", "Repetitions", "Weight",
                      "Times a week", "Notes", "Clinician\u2019s name"]
    overflow = current.page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow == 0


def test_without_javascript_there_is_no_form_and_the_blank_sheet_prints(browser, site_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(site_url + HANDOUT)
        assert not page.is_visible(".prepare")
        text = printed(page)
    finally:
        context.close()
    for words in BLANK_PLAN:
        assert words in text
    for words in FORM_WORDS:
        assert words not in text


@pytest.mark.parametrize("width", (360, 1280))
def test_with_wider_text_spacing_nothing_on_the_sheet_spills(visit, width):
    """WCAG 1.4.12: with the spacing a reader may set, no word of the sheet spills out of its box."""
    current = visit(HANDOUT, width)
    current.page.add_style_tag(content=(
        "* { line-height: 1.5 !important; letter-spacing: 0.12em !important;"
        " word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }"))
    spilling = current.page.evaluate(
        "[...document.querySelectorAll('.sheet *')]"
        ".filter(box => !box.closest('.visually-hidden') && box.clientWidth > 0"
        " && box.scrollWidth > box.clientWidth + 1)"
        ".map(box => box.tagName + ' ' + box.textContent.trim().slice(0, 20))")
    assert spilling == []


def test_the_form_is_on_the_page_before_its_script_arrives(visit, site_url):
    """The form takes its place from the first paint, so nothing on the page moves when plan.js
    arrives (a form shown only by the script pushed the sheet down and delayed the largest paint)."""
    current = visit(HANDOUT, 360)
    held = []
    current.context.route("**/plan.js", lambda route: held.append(route))
    current.page.goto(site_url + HANDOUT, wait_until="commit")
    current.page.wait_for_selector(".sheet__footer", state="attached")
    assert held and current.page.is_visible(".prepare")
    held[0].continue_()


def test_a_realistic_plan_prints_whole_and_the_sheet_keeps_its_two_pages(visit):
    current = visit(HANDOUT, 1280)
    for name, value in REALISTIC.items():
        current.page.fill(f'.prepare [name="{name}"]', value)
    current.page.fill('.prepare [name="date"]', "2026-12-12")
    current.page.check('.prepare [name="leg"][value="Right"]')
    middle = current.page.eval_on_selector_all(
        '.prepare [name="level"]', "levels => levels[Math.floor(levels.length / 2)].value")
    current.page.check(f'.prepare [name="level"][value="{middle}"]')

    for paper in ("A4", "Letter"):
        pages = printed_pages(current.page, paper)
        text = " ".join(" ".join(page.extract_text().split()) for page in pages)
        assert len(pages) == 2, paper
        for value in (*REALISTIC.values(), "12 December 2026"):
            assert value in text
    assert ticked(current.page) == ["leg: Right", f"level: {middle}"]
    # As printed, each entry stays inside its line: it wraps there rather than spill or be cut
    current.page.emulate_media(media="print")
    spilling = current.page.eval_on_selector_all(".sheet .value", """values => values.filter(value => {
        const line = value.closest(".field").getBoundingClientRect();
        return [...value.getClientRects()].some(part =>
            part.left < line.left - 0.5 || part.right > line.right + 0.5 ||
            part.top < line.top - 0.5 || part.bottom > line.bottom + 0.5);
    }).map(value => value.dataset.plan)""")
    assert spilling == []
