"""The handout's rows of the second WCAG 2.2 AA hand audit (issue 22): the handout page in
Debian's Chromium (via Playwright) and its three PDFs read back (pypdf, PDFium).

- 1.3.1: the sheet's ticks say in words which option is ticked;
- 1.4.10: at 320 px nothing scrolls sideways;
- 1.4.12: with the WCAG text spacing at 320 px too, the clinic's address wraps inside the sheet;
- 1.3.5: the clinician's name has its autocomplete token, the patient's name stays off;
- 1.3.1: the page's first heading is its h1;
- PDF/UA-1: every link annotation has an area and its Link tag; the session tables keep their
  captions in the PDFs' tags;
- 3.3.1 and 3.3.3: the form's numbers are checked, with what is wrong and what to enter beside
  the field; 4.1.3: "Form cleared" is announced.
"""

from __future__ import annotations

import ctypes

import lxml.html
import pypdf
import pypdfium2
import pytest
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from conftest import HANDOUT_PAGE, HANDOUT_PDFS, PDFS, page_of
from soleus_site.handout.sheet import PLAN_RANGES

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


def test_a_number_out_of_range_is_told_beside_its_field_with_what_to_enter(visit):
    """3.3.1 and 3.3.3: sets, repetitions and times a week start with a whole number from the
    exercise page's dosage; a wrong one is described beside its field, in words, as what is
    wrong and what to enter, and the sheet is not printed until it is right."""
    current = visit(HANDOUT, 360)
    page = current.page
    page.evaluate("() => { window.print = () => { window.printedTimes = (window.printedTimes || 0) + 1 } }")
    page.fill('.prepare [name="sets"]', "30")
    page.fill('.prepare [name="repetitions"]', "lots")
    page.fill('.prepare [name="times_a_week"]', "5")
    page.focus('.prepare [name="weight"]')  # the fields are left: each is checked
    fields = page.eval_on_selector_all(".prepare [data-max]", """fields => fields.map(field => [
        field.name, field.getAttribute('aria-invalid'), field.getAttribute('aria-describedby'),
        field.getAttribute('aria-describedby').split(' ').map(id =>
            document.getElementById(id).textContent).join(' | ')])""")
    hint = "The exercise page says: "
    assert [field[:3] for field in fields] == [
        ["sets", "true", "hint-sets error-sets"],
        ["repetitions", "true", "hint-repetitions error-repetitions"],
        ["times_a_week", "true", "hint-times_a_week error-times_a_week"]]
    descriptions = {name: description.split(" | ")[1] for name, _, _, description in fields}
    assert all(description.startswith(hint) for _, _, _, description in fields)
    assert descriptions == {
        "sets": "Sets: 30 is more than the exercise page gives. Enter a whole number from 1 to "
                "3, such as 3.",
        "repetitions": "Repetitions must start with a whole number. Enter a whole number from 1 "
                       "to 15, such as 15. Words may follow it.",
        "times_a_week": "Times a week: 5 is more than the exercise page gives. Enter a whole "
                        "number from 1 to 4, such as 4."}
    # Print goes to the first wrong number instead
    page.get_by_role("button", name="Print the sheet").click()
    assert page.evaluate("() => [window.printedTimes, document.activeElement.name]") == [None, "sets"]

    # Put right (as a podiatrist writes them), each error goes as it is typed
    for name, value in {"sets": "2 to 3", "repetitions": "12 slow (3 s down)",
                        "times_a_week": "3 (Mon, Wed, Fri)"}.items():
        page.fill(f'.prepare [name="{name}"]', value)
    assert page.eval_on_selector_all(".prepare [data-max]", """fields => fields.map(field =>
        [field.getAttribute('aria-invalid'), field.getAttribute('aria-describedby'),
         document.getElementById('error-' + field.name).textContent])""") == [
        [None, "hint-sets", ""], [None, "hint-repetitions", ""], [None, "hint-times_a_week", ""]]
    page.get_by_role("button", name="Print the sheet").click()
    assert page.evaluate("() => window.printedTimes") == 1
    assert page.evaluate(
        "() => [localStorage.length, sessionStorage.length, document.cookie]") == [0, 0, ""]


def test_clearing_the_form_is_announced_and_clears_its_errors(visit):
    """4.1.3: "Form cleared", in a polite live region (role=status), when the form is cleared."""
    current = visit(HANDOUT, 360)
    page = current.page
    status = page.locator(".prepare [role=status]")  # there from the start, empty, so it is heard
    assert status.count() == 1 and status.text_content() == ""
    assert status.evaluate("status => getComputedStyle(status).display") != "none"
    page.fill('.prepare [name="sets"]', "0")
    page.focus('.prepare [name="weight"]')
    assert page.get_attribute('.prepare [name="sets"]', "aria-invalid") == "true"
    page.get_by_role("button", name="Clear the form").click()
    page.wait_for_function("() => document.querySelector('.prepare [role=status]').textContent"
                           " === 'Form cleared'", timeout=3000)
    assert page.get_attribute('.prepare [name="sets"]', "aria-invalid") is None
    assert page.text_content("#error-sets") == ""
    page.fill('.prepare [name="patient"]', "S")  # typing again: the message has gone
    assert status.text_content() == ""


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


def test_the_forms_ranges_hold_the_exercise_pages_own_dosage(built_site):
    """The numbers the form accepts are the exercise page's dosage ("build up to 3 sets of 15",
    "do up to 15 in 1 set", "3 or 4 times a week"): its own numbers are never an error."""
    page = handout_page(built_site)
    ranges = {field.get("name"): (int(field.get("data-min")), int(field.get("data-max")))
              for field in page.xpath("//input[@data-max]")}
    assert ranges == {name: (low, high) for name, (low, high, _) in PLAN_RANGES.items()}
    hints = {name: page.get_element_by_id(f"hint-{name}").text_content() for name in ranges}
    assert "up to 3 sets of 15" in hints["sets"] and ranges["sets"] == (1, 3)
    assert "up to 15 in 1 set" in hints["repetitions"] and ranges["repetitions"] == (1, 15)
    assert "3 or 4 times a week" in hints["times_a_week"] and ranges["times_a_week"] == (1, 4)


# The PDFs (PDF/UA-1) ------------------------------------------------------------------------------

def structure_parents(reader: pypdf.PdfReader) -> dict[int, DictionaryObject]:
    """Each /StructParent key's structure element (the structure tree's ParentTree)."""
    found = {}

    def walk(node):
        node = node.get_object()
        numbers = node.get("/Nums", [])
        for key, value in zip(numbers[::2], numbers[1::2]):
            found[int(key)] = value.get_object()
        for kid in node.get("/Kids", []):
            walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"])
    return found


def kids(element: DictionaryObject) -> list:
    found = element.get("/K", [])
    return list(found) if isinstance(found, ArrayObject) else [found]


@pytest.mark.parametrize("pdf", HANDOUT_PDFS)
def test_every_link_annotation_has_an_area_and_its_link_tag(handout, pdf):
    """PDF/UA-1 (7.18.5): each link annotation is inside a Link structure element (the <wbr>s
    in the video's address made six zero-wide ones, outside any Link)."""
    site, _ = handout
    reader = pypdf.PdfReader(site / pdf)
    parents = structure_parents(reader)
    links = []
    for page in reader.pages:
        for reference in page.get("/Annots", []):
            annotation = reference.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            x0, y0, x1, y1 = (float(value) for value in annotation["/Rect"])
            element = parents.get(int(annotation.get("/StructParent", -1)))
            links.append((annotation["/A"]["/URI"], abs(x1 - x0) > 1 and abs(y1 - y0) > 1,
                          element.get("/S") if element is not None else None,
                          element is not None and any(
                              isinstance(kid.get_object(), DictionaryObject)
                              and kid.get_object().get("/Obj") == reference for kid in kids(element))))
    # The page's address (the video's; two lines in large print), the ladder's and the clinic's
    # website
    assert len(links) in (3, 4)
    assert {uri for uri, *_ in links} == {f"https://activepodiatry.co.uk/soleus/{page_of(pdf)}/",
                                          "https://activepodiatry.co.uk/soleus/ladder/",
                                          "https://activepodiatry.co.uk/"}
    assert all(rest == [True, "/Link", True] for _, *rest in links), links


def marked_text(pdf_path) -> dict[tuple[int, int], str]:
    """The text of each marked-content sequence of the PDF, by (page index, MCID), as PDFium
    reads it."""
    found: dict[tuple[int, int], str] = {}
    document = pypdfium2.PdfDocument(pdf_path)
    for index, page in enumerate(document):
        text_page = page.get_textpage()
        for obj in page.get_objects(max_depth=1):
            if obj.type != pypdfium2.raw.FPDF_PAGEOBJ_TEXT:
                continue
            mcid = pypdfium2.raw.FPDFPageObj_GetMarkedContentID(obj)
            length = pypdfium2.raw.FPDFTextObj_GetText(obj, text_page, None, 0)
            buffer = (ctypes.c_ushort * (length // 2))()
            pypdfium2.raw.FPDFTextObj_GetText(obj, text_page, buffer, length)
            text = ctypes.string_at(buffer, length).decode("utf-16-le").rstrip("\x00")
            found[index, mcid] = found.get((index, mcid), "") + text
    return found


@pytest.mark.parametrize("pdf", PDFS)
def test_the_session_tables_keep_their_captions_in_the_pdfs_tags(handout, pdf):
    """PDF/UA-1: the session record's tables say which sessions they hold to a screen reader in
    the PDF as on the page ("Sessions 1 to 4"): a Caption first in each Table, with its text
    (clipped on paper, never drawn), where print had left it out."""
    site, _ = handout
    reader = pypdf.PdfReader(site / pdf)
    pages = {page.indirect_reference.idnum: index for index, page in enumerate(reader.pages)}
    text = marked_text(site / pdf)
    tables = []

    def walk(node):
        node = node.get_object()
        if isinstance(node, ArrayObject):
            for kid in node:
                walk(kid)
        elif isinstance(node, DictionaryObject):
            if node.get("/S") == "/Table":
                tables.append(node)
            if "/K" in node:
                walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"])

    def content_of(element, page=None) -> str:
        page = element.raw_get("/Pg").idnum if "/Pg" in element else page
        parts = []
        for kid in kids(element):
            if isinstance(kid, IndirectObject) or isinstance(kid, DictionaryObject):
                kid_element = kid.get_object()
                if "/S" in kid_element:
                    parts.append(content_of(kid_element, page))
                elif "/MCID" in kid_element:
                    on = kid_element.raw_get("/Pg").idnum if "/Pg" in kid_element else page
                    parts.append(text[pages[on], int(kid_element["/MCID"])])
            else:
                parts.append(text[pages[page], int(kid)])
        return "".join(parts)

    captions = [(kids(table)[0].get_object().get("/S"), " ".join(content_of(kids(table)[0].get_object()).split()))
                for table in tables]
    assert captions == [("/Caption", "Sessions 1 to 4"), ("/Caption", "Sessions 5 to 8")]
