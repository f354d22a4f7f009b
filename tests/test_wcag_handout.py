"""The handout's rows of the second WCAG 2.2 AA hand audit (issue 22): the handout page in
Debian's Chromium (via Playwright).

- 1.4.10: at 320 px nothing scrolls sideways;
- 1.3.5: the clinician's name has its autocomplete token, the patient's name stays off;
"""

from __future__ import annotations

import lxml.html

from conftest import HANDOUT_PAGE

HANDOUT = "exercise/handout/"
SCROLL = "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"


# The handout page -------------------------------------------------------------------------------

def test_nothing_scrolls_sideways_at_320_px(visit):
    """1.4.10: at 320 CSS px (1280 px at 400 %), the "Phone:" blank keeps to its column."""
    current = visit(HANDOUT, 320)
    assert current.page.evaluate(SCROLL) == [320, 320]
    blank, line = current.page.evaluate("""() => [document.querySelector('.phone .blank'),
        document.querySelector('.phone')].map(box => box.getBoundingClientRect().right)""")
    assert blank <= line


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
