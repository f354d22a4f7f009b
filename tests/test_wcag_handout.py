"""The handout's rows of the second WCAG 2.2 AA hand audit (issue 22): the handout page in
Debian's Chromium (via Playwright).

- 1.3.1: the sheet's ticks say in words which option is ticked;
- 1.4.10: at 320 px nothing scrolls sideways;
- 1.4.12: with the WCAG text spacing at 320 px too, the clinic's address wraps inside the sheet;
- 1.3.5: the clinician's name has its autocomplete token, the patient's name stays off;
- 1.3.1: the page's first heading is its h1;
"""

from __future__ import annotations

import lxml.html

from conftest import HANDOUT_PAGE

HANDOUT = "exercise/handout/"
# The text spacing a reader may set (WCAG 1.4.12)
TEXT_SPACING = ("* { line-height: 1.5 !important; letter-spacing: 0.12em !important;"
                " word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }")
SCROLL = "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"


# The handout page -------------------------------------------------------------------------------

def test_the_sheets_ticks_say_which_option_is_ticked(visit):
    """1.3.1: the ticks are a drawing; the accessibility tree says which box is ticked."""
    current = visit(HANDOUT, 360)
    plan = current.page.locator(".sheet .your-plan")
    assert "Leg: Left (not ticked) Right (not ticked) Both (not ticked)" in plan.aria_snapshot()

    current.page.check('.prepare [name="leg"][value="Right"]')
    current.page.check('.prepare [name="level"][value="Easier"]')
    current.page.check('.prepare [name="leg"][value="Left"]')  # a change of mind
    snapshot = plan.aria_snapshot()
    assert "Leg: Left (ticked) Right (not ticked) Both (not ticked)" in snapshot
    levels = current.page.eval_on_selector_all(
        ".sheet .levels li", "items => items.map(item => item.innerText.split(':')[0].trim() + ' ' +"
        " item.querySelector('.tick-state').textContent.trim())")
    assert levels == ["Easier (ticked)", "Standard (not ticked)", "Harder (not ticked)"]
    assert (snapshot.count("(ticked)"), snapshot.count("(not ticked)")) == (2, 4)


def test_nothing_scrolls_sideways_at_320_px(visit):
    """1.4.10: at 320 CSS px (1280 px at 400 %), the "Phone:" blank keeps to its column."""
    current = visit(HANDOUT, 320)
    assert current.page.evaluate(SCROLL) == [320, 320]
    blank, line = current.page.evaluate("""() => [document.querySelector('.phone .blank'),
        document.querySelector('.phone')].map(box => box.getBoundingClientRect().right)""")
    assert blank <= line


def test_with_wider_text_spacing_the_clinics_address_wraps_inside_the_sheet_at_320_px(visit):
    """1.4.12: with the spacing a reader may set, at 320 px, the clinic's web address (and every
    other word at the sheet's end) wraps inside the sheet, and nothing scrolls sideways."""
    current = visit(HANDOUT, 320)
    current.page.add_style_tag(content=TEXT_SPACING)
    current.page.wait_for_function(
        "() => getComputedStyle(document.querySelector('.contact')).wordSpacing !== '0px'")
    assert current.page.evaluate(SCROLL) == [320, 320]
    past_the_sheet = current.page.evaluate("""() => {
        const sheet = document.querySelector('.sheet').getBoundingClientRect();
        return [...document.querySelectorAll('.sheet__end a, .sheet__end p')]
            .filter(box => box.getBoundingClientRect().right > sheet.right + 0.5
                           || box.scrollWidth > box.clientWidth + 1)
            .map(box => box.textContent.trim().slice(0, 30));
    }""")
    assert past_the_sheet == []
    address = current.page.locator(".contact a", has_text="activepodiatry")
    assert address.count() == 1


def handout_page(site) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring((site / HANDOUT_PAGE).read_text(encoding="utf-8"))


def test_the_clinicians_name_may_be_filled_in_by_the_browser_and_the_patients_never(built_site):
    """1.3.5: the clinician's own name has its purpose (autocomplete="name"); the patient's name
    keeps its form's autocomplete="off": the browser never remembers patients' names."""
    page = handout_page(built_site)
    [form] = page.xpath("//form[contains(@class, 'prepare__form')]")
    [patient] = form.xpath(".//input[@name='patient']")
    [clinician] = form.xpath(".//input[@name='clinician']")
    assert form.get("autocomplete") == "off"
    assert patient.get("autocomplete") is None  # so the form's "off"
    assert clinician.get("autocomplete") == "name"


def test_the_pages_first_heading_is_its_h1(built_site):
    """1.3.1: the sheet's title comes first, then the clinician's form, then the sheet."""
    headings = [(heading.tag, " ".join(heading.text_content().split()))
                for heading in handout_page(built_site).iter("h1", "h2", "h3")]
    assert headings[:3] == [("h1", "Bent-knee heel raise"), ("h2", "Prepare for a patient"),
                            ("h2", "! Check with us first")]
    assert [tag for tag, _ in headings].count("h1") == 1
