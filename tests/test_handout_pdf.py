"""The handout's PDFs (handout/pdf.py), made for each page with `handout: true`: A4, US Letter and
large print, written beside the page; each on its paper, in at most two pages (four in large
print), in clear or large type, holding every step, dosage line and the stop rule, tagged with its
title, language and alt text, and with a QR code that opens the page. Made again only when what
they show changes, the same bytes each time; grown past their pages, a warning. On the real site
as built once per run, or a copy of the project."""

from __future__ import annotations

import ctypes
import html
import math
import re
import shutil
from pathlib import Path
from urllib.parse import urljoin

import lxml.html
import pypdf
import pypdfium2
import pytest
import zxingcpp
from lxml import etree
from weasyprint.urls import FatalURLFetchingError

from conftest import (HANDOUT_PAGE, HANDOUT_PDFS, HANDOUTS, OUTPUTS, PDFS, PRINT, PROJECT_DIR,
                      built_list, edit, front_matter, line_of, page_of, pdf_text)
from soleus_site.handout import pdf
from soleus_site.handout.sheet import ASSETS_DIR
from soleus_site.site_build import build_into

A4, LETTER = (595.28, 841.89), (612.0, 792.0)
SVG = "http://www.w3.org/2000/svg"


PAPER = {outputs.pdfs[paper]: size for outputs in HANDOUTS.values()
         for paper, size in (("a4", A4), ("letter", LETTER), ("large-print", A4))}
# Each handout's title, as its page's first heading names the exercise
TITLES = {"exercise": "Bent-knee heel raise", "seated-raise": "Seated heel raise"}
# The seated raise's handout, beside the exercise's, is made or reused on its own
SEATED_MADE = "Handout of docs/seated-raise.md: PDFs made"
SEATED_REUSED = "Handout of docs/seated-raise.md: PDFs reused (nothing they show has changed)"


def drawn_labels(site: Path, pdf: str) -> str:
    """The words inside the drawings the handout shows (the SVGs' <text>), without spaces."""
    sheet = lxml.html.parse(str(site / HANDOUTS[page_of(pdf)].page)).getroot()
    words = ""
    for img in sheet.xpath("//div[@class='pictures']//img"):
        drawing = etree.parse(str(site / HANDOUTS[page_of(pdf)].page_dir / img.get("src")))
        words += "".join(drawing.xpath("//svg:text//text()", namespaces={"svg": SVG}))
    return words.replace(" ", "")


# What it writes ----------------------------------------------------------------------------------

def test_writes_the_page_and_both_pdfs_beside_the_exercise_page(handout):
    site, _ = handout
    assert OUTPUTS.files == ("exercise/handout/index.html",
                             "exercise/handout/bent-knee-heel-raise-a4.pdf",
                             "exercise/handout/bent-knee-heel-raise-letter.pdf",
                             "exercise/handout/bent-knee-heel-raise-large-print.pdf")
    for output in OUTPUTS.files:
        assert (site / output).stat().st_size > 1000
    assert sorted(p.name for p in (site / "exercise" / "handout").iterdir()) == [
        "bent-knee-heel-raise-a4.pdf", "bent-knee-heel-raise-large-print.pdf",
        "bent-knee-heel-raise-letter.pdf", "fonts",
        "handout-narrow.css", "handout.css", "index.html", "plan.js", "qr-page.svg"]


@pytest.mark.parametrize("pdf", PDFS)
def test_pdf_holds_every_step_tip_dosage_line_and_the_stop_rule(handout, pdf):
    site, _ = handout
    text = pdf_text(site / pdf)
    steps = built_list(site, "how-to-do-it")
    dosage = built_list(site, "how-many-and-how-often")
    feel = built_list(site, "how-it-should-feel")
    levels = built_list(site, "make-it-easier-or-harder")
    assert len(steps) == 4 and len(dosage) == 6
    assert len(feel) == 3 and len(levels) == 3
    for line in steps + dosage + feel + levels:
        assert line in text
    assert ("How to do it Work one leg at a time. On a step, keep one hand on a rail or a wall the "
            "whole time.") in text
    assert ("How it should feel Your calf will feel tired, and it may burn a little as you work."
            in text)
    assert ("If your calf is more painful or stiff the next morning, do less next time. Pain and "
            "stiffness should not build up from week to week.") in text
    assert ("When to stop Stop the repetitions when you start to lose control, or if the pain in "
            "your calf goes above 5 out of 10.") in text
    assert "Active Podiatry" in text
    assert ("Your plan (your clinician fills this in) Name Date Clinician Sets Leg: Left Right "
            "Both Repetitions Weight Times a week Your level (tick one) Easier:") in text
    assert re.search(r"Your level \(tick one\) .* Notes ", text)
    assert ("Your session record After each session, write the date, what you did and the most "
            "pain you felt (0 to 10). The next morning, write how your calf feels: better, same or "
            "worse.") in text
    assert text.count("Date Sets \u00d7 reps Weight Pain (0\u201310) Next morning") == 2
    assert "Most pain" not in text and "Day 1" not in text
    assert "Phone:" in text  # a line to write the clinic's number on, while mkdocs.yml has none
    assert "After 6 weeks" not in text
    meta = front_matter(PROJECT_DIR, "exercise.md")
    updated, review_due = meta["updated"], meta["review_due"]
    assert (f"Version: {updated.day} {updated:%B %Y} \u00b7 Next review due: "
            f"{review_due.day} {review_due:%B %Y}") in text
    assert "Page 1 of 2" in text or "Page 1 of 4" in text


@pytest.mark.parametrize("pdf", HANDOUT_PDFS)
def test_pdf_is_the_right_paper_and_at_most_two_pages_in_clear_print(handout, pdf):
    site, _ = handout
    reader = pypdf.PdfReader(site / pdf)
    assert 1 <= len(reader.pages) <= PRINT[pdf][1]
    width, height = PAPER[pdf]
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(width, abs=1)
        assert float(page.mediabox.height) == pytest.approx(height, abs=1)


def type_sizes(pdf: Path) -> tuple[list[float], list[float]]:
    """The printed size, in points, of every piece of text in the PDF: (the text on the page, the
    labels inside the drawings). A drawing is a form XObject, so its scale is multiplied in."""
    text, labels = [], []

    def visit(objects, scale, inside_drawing):
        for obj in objects:
            matrix = obj.get_matrix()
            size_here = scale * math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c))
            if obj.type == pypdfium2.raw.FPDF_PAGEOBJ_TEXT:
                size = ctypes.c_float()
                assert pypdfium2.raw.FPDFTextObj_GetFontSize(obj, size)
                (labels if inside_drawing else text).append(round(size.value * size_here, 2))
            elif obj.type == pypdfium2.raw.FPDF_PAGEOBJ_FORM:
                visit([pypdfium2.PdfObject(pypdfium2.raw.FPDFFormObj_GetObject(obj, index),
                                           page=obj.page, pdf=obj.pdf, level=obj.level + 1)
                       for index in range(pypdfium2.raw.FPDFFormObj_CountObjects(obj))],
                      size_here, True)

    for page in pypdfium2.PdfDocument(pdf):
        visit(list(page.get_objects(max_depth=1)), 1.0, False)
    return text, labels


@pytest.mark.parametrize("pdf", HANDOUT_PDFS)
def test_print_is_clear_and_large_print_is_large(handout, pdf):
    site, _ = handout
    (body, label), _ = PRINT[pdf]
    text, labels = type_sizes(site / pdf)
    assert len(text) > 150
    assert len(labels) == len(drawn_labels(site, pdf)) > 10  # a glyph each
    assert min(text) == body
    assert min(labels) >= label


@pytest.mark.parametrize("pdf", HANDOUT_PDFS)
def test_pdf_is_tagged_with_title_language_and_alt_text(handout, pdf):
    site, _ = handout
    reader = pypdf.PdfReader(site / pdf)
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a PDF boolean)
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "en-GB"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    page_title = re.search(r"<title>(.*?)</title>", (site / HANDOUTS[page_of(pdf)].page).read_text()).group(1)
    assert reader.metadata["/Title"] == html.unescape(page_title)
    assert reader.metadata["/Title"] == f"{TITLES[page_of(pdf)]}: exercise sheet | Active Podiatry"

    figures = {}

    def walk(node):
        node = node.get_object()
        if isinstance(node, pypdf.generic.ArrayObject):
            for kid in node:
                walk(kid)
        elif isinstance(node, pypdf.generic.DictionaryObject):
            if node.get("/S") == "/Figure":
                figures[str(node.get("/Alt", ""))] = node
            if "/K" in node:
                walk(node["/K"])

    walk(catalog["/StructTreeRoot"])
    shown = {"exercise": ("heel-raise-start", "heel-raise-top", "heel-raise-mistake"),
             "seated-raise": ("seated-raise-start", "seated-raise-top")}[page_of(pdf)]
    assert {expected_alt(site, picture, page_of(pdf)) for picture in shown} == {
        alt for alt in figures if not alt.startswith("QR code")}
    assert any(alt.startswith("QR code") for alt in figures)
    assert all(alt.strip() for alt in figures)


def expected_alt(site: Path, picture: str, page: str = "exercise") -> str:
    """The alt text the page gives the picture, or else the drawing's own title."""
    page = (site / page / "index.html").read_text(encoding="utf-8")
    for img in re.findall(r"<img\b[^>]*>", page):
        if f"{picture}.svg" in img:
            alt = re.search(r'alt="([^"]*)"', img)
            if alt and alt.group(1).strip():
                return html.unescape(alt.group(1).strip())
    svg = (site / "images" / f"{picture}.svg").read_text(encoding="utf-8")
    title = re.search(r"<title[^>]*>(.*?)</title>", svg, re.S).group(1)
    return html.unescape(" ".join(title.split()))


@pytest.mark.parametrize("pdf", HANDOUT_PDFS)
def test_qr_code_opens_the_exercise_page_and_the_link_is_printed(handout, pdf):
    site, config = handout
    exercise_url = urljoin(config.site_url, f"{page_of(pdf)}/")
    document = pypdfium2.PdfDocument(site / pdf)
    page = document[len(document) - 1]  # the code is at the end of the sheet
    image = page.render(scale=200 / 72).to_pil()
    codes = zxingcpp.read_barcodes(image)
    assert [(code.format, code.text) for code in codes] == [(zxingcpp.BarcodeFormat.QRCode,
                                                           exercise_url)]
    shown = exercise_url.removeprefix("https://").removeprefix("http://")
    assert shown in re.sub(r"/\s+", "/", pdf_text(site / pdf))
    assert "https://" + shown not in pdf_text(site / pdf)


def test_pdfs_are_reproducible(project):
    """Made again from the same page, without the cache, each PDF of both handouts is the same
    file."""
    made = ["Handout of docs/exercise.md: PDFs made", SEATED_MADE]
    shutil.rmtree(project / ".cache" / "handouts")  # the real site's PDFs, which it would reuse
    assert build_into(project, project / "site").notes == made
    shutil.rmtree(project / ".cache" / "handouts")
    assert build_into(project, project / "site2").notes == made
    for pdf in HANDOUT_PDFS:
        assert (project / "site2" / pdf).read_bytes() == (project / "site" / pdf).read_bytes()


# Staff edit the page only ------------------------------------------------------------------------

def test_pdfs_are_reused_when_unchanged_and_remade_when_a_step_changes(project):
    shutil.rmtree(project / ".cache" / "handouts")  # the real site's PDFs, which it would reuse
    first = build_into(project, project / "site")
    assert first.notes == ["Handout of docs/exercise.md: PDFs made", SEATED_MADE]
    made = {pdf: (project / "site" / pdf).read_bytes() for pdf in HANDOUT_PDFS}

    second = build_into(project, project / "site2")
    assert second.notes == ["Handout of docs/exercise.md: PDFs reused (nothing they show has changed)",
                            SEATED_REUSED]
    assert {pdf: (project / "site2" / pdf).read_bytes() for pdf in HANDOUT_PDFS} == made

    old = "Slowly lower your heel below the step."
    new = "Lower your heel below the step over 3 seconds."
    edit(project / "docs" / "exercise.md", old, new)
    third = build_into(project, project / "site3")
    assert third.problems == []
    assert third.notes == ["Handout of docs/exercise.md: PDFs made", SEATED_REUSED]
    for pdf in PDFS:
        text = pdf_text(project / "site3" / pdf)
        assert new in text
        assert old not in text
    assert new in (project / "site3" / HANDOUT_PAGE).read_text(encoding="utf-8")


def test_a_clinic_detail_change_remakes_the_pdfs(project):
    build_into(project, project / "site")
    edit(project / "mkdocs.yml", 'email: ""', 'email: "hello@example.org"')
    outcome = build_into(project, project / "site2")
    assert outcome.notes == ["Handout of docs/exercise.md: PDFs made", SEATED_MADE]
    for pdf in HANDOUT_PDFS:
        assert "hello@example.org" in pdf_text(project / "site2" / pdf)


def test_every_page_with_handout_true_gets_its_own_handout(project):
    exercise = (project / "docs" / "exercise.md").read_text(encoding="utf-8")
    second = (exercise.replace('title: "The exercise: bent-knee heel raise"',
                               'title: "Another exercise: straight-knee heel raise"')
              .replace("# The exercise: bent-knee heel raise", "# Another exercise: straight-knee heel raise")
              .replace("Bend your knee, so it moves forward over your toes.", "Keep your knee straight."))
    (project / "docs" / "straight-knee.md").write_text(second, encoding="utf-8")
    edit(project / "mkdocs.yml", "  - Sources: references.md",
         "  - Sources: references.md\n  - Straight knee: straight-knee.md")
    outcome = build_into(project, project / "site")
    assert outcome.problems == []
    assert outcome.notes == ["Handout of docs/exercise.md: PDFs reused (nothing they show has changed)",
                             SEATED_REUSED, "Handout of docs/straight-knee.md: PDFs made"]
    site = project / "site"
    first = pdf_text(site / OUTPUTS.pdf_a4)
    other = pdf_text(site / "straight-knee/handout/straight-knee-heel-raise-a4.pdf")
    assert "Bend your knee, so it moves forward" in first and "Keep your knee straight." not in first
    assert "Keep your knee straight." in other and "Bend your knee" not in other
    assert "<title>Straight-knee heel raise: exercise sheet | Active Podiatry</title>" in (
        site / "straight-knee" / "handout" / "index.html").read_text(encoding="utf-8")
    assert ('<a href="handout/">Print the handout</a> (PDF: <a href="handout/straight-knee-heel-'
            'raise-a4.pdf">A4</a>, <a href="handout/straight-knee-heel-raise-letter.pdf">Letter</a>, '
            '<a href="handout/straight-knee-heel-raise-large-print.pdf">large print</a>)') in (site / "straight-knee" / "index.html").read_text(encoding="utf-8")


def test_a_handout_grown_past_its_pages_is_a_warning_at_handout_true(project):
    exercise = project / "docs" / "exercise.md"
    line = ("- **Stay steady:** move smoothly up and down, and do fewer repetitions when your calf "
            "starts to wobble.\n")
    edit(exercise, "## How many and how often\n\n", "## How many and how often\n\n" + line * 8)
    outcome = build_into(project, project / "site")
    at = f"docs/exercise.md:{line_of(exercise, 'handout: true')}: warning: the handout's"
    fix = ("(shorten a step, tip, caption or the dosage on this page, or ask for the handout's "
           "layout to be changed)")
    assert [str(problem) for problem in outcome.problems] == [
        f"{at} A4 PDF takes 3 pages; it should fit on 2 {fix}",
        f"{at} US Letter PDF takes 3 pages; it should fit on 2 {fix}",
        f"{at} large-print PDF takes 5 pages; it should fit on 4 {fix}"]
    assert outcome.notes == ["Handout of docs/exercise.md: PDFs made", SEATED_REUSED]
    # The same again from the cache: the page counts are kept with the cached PDFs
    again = build_into(project, project / "site2")
    assert [str(problem) for problem in again.problems] == [
        str(problem) for problem in outcome.problems]
    assert again.notes == ["Handout of docs/exercise.md: PDFs reused (nothing they show has changed)",
                           SEATED_REUSED]


# ------------------------------------------------------------------------------------------------
# One handout PDF drawn by WeasyPrint (handout/pdf.py `write_pdf`) from a tiny sheet, in-process
# (about a second), and what staff are told when a PDF takes too many pages (`too_long`).

SHEET = """<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Heel raise</title>
<style>@font-face { font-family: Sheet; src: url(fonts/sheet.ttf); } body { font-family: Sheet; }</style>
</head><body>
<h1>Heel raise</h1>
<p>Stand on a step.</p>
<img src="start.svg" alt="Start: on the step" width="40" height="30">
<img src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 4 3'/%3E" alt="A dot" style="width: 4px; height: 3px">
<style>.printed { display: none; } @media print { .printed { display: block; } }</style>
<p class="printed">Printed on paper.</p>
<form><p><label for="field-patient">Name</label> <input id="field-patient" name="patient" title="Name"></p>
<p><label for="field-notes">Notes</label> <textarea id="field-notes" name="notes" title="Notes" rows="3"></textarea></p></form>
<div style="break-before: page"><p>Page two.</p></div>
</body></html>"""


@pytest.fixture
def handout_dir(tmp_path):
    folder = tmp_path / "handout"
    (folder / "fonts").mkdir(parents=True)
    (folder / "fonts" / "sheet.ttf").write_bytes(
        (ASSETS_DIR / "fonts" / "AtkinsonHyperlegibleOpenZero-Regular.ttf").read_bytes())
    (folder / "start.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 30">'
                                      '<rect width="40" height="30"/></svg>', encoding="utf-8")
    return folder


@pytest.mark.parametrize("paper, size", [("a4", (595, 842)), ("letter", (612, 792))])
def test_a_pdf_is_drawn_on_its_paper_from_local_files_with_its_field(handout_dir, tmp_path, paper, size):
    target = tmp_path / f"{paper}.pdf"
    assert pdf.write_pdf(SHEET, handout_dir, target, ASSETS_DIR / pdf.PAPERS[paper]) == 2
    reader = pypdf.PdfReader(target)
    assert len(reader.pages) == 2
    assert tuple(round(value) for value in reader.pages[0].mediabox[2:]) == size
    assert "Stand on a step." in reader.pages[0].extract_text()
    assert "Printed on paper." in reader.pages[0].extract_text()  # the print stylesheet's rules
    assert list(reader.get_fields()) == ["patient", "notes"]
    assert "/NeedAppearances" not in reader.trailer["/Root"]["/AcroForm"]
    # the sheet's own font, found beside it
    fonts = {font.get_object()["/BaseFont"].partition("+")[2] for page in reader.pages
             for font in page["/Resources"]["/Font"].values()}
    assert fonts == {"Sheet", "Sheet-Bold"}
    # Tagged PDF/UA-1, and an identifier made from the content: the same sheet, the same bytes
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a PDF boolean)
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert (reader.trailer["/Root"]["/Lang"], reader.metadata["/Title"]) == ("en-GB", "Heel raise")
    assert b"pdfuaid" in reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    again = tmp_path / "again.pdf"
    pdf.write_pdf(SHEET, handout_dir, again, ASSETS_DIR / pdf.PAPERS[paper])
    assert again.read_bytes() == target.read_bytes()
    assert reader.trailer["/ID"][0] == reader.trailer["/ID"][1]


def test_a_picture_that_is_missing_stops_the_pdf(handout_dir, tmp_path):
    (handout_dir / "start.svg").unlink()
    with pytest.raises(FatalURLFetchingError, match="start.svg"):
        pdf.write_pdf(SHEET, handout_dir, tmp_path / "a4.pdf", ASSETS_DIR / pdf.PAPERS["a4"])


DISCARD = "http://127.0.0.1:9/start.svg"  # nothing answers there: no request leaves the machine


def test_the_sheet_may_not_fetch_anything_from_another_website(handout_dir, tmp_path):
    sheet = SHEET.replace('src="start.svg"', f'src="{DISCARD}"')
    with pytest.raises(FatalURLFetchingError, match=DISCARD) as refused:
        pdf.write_pdf(sheet, handout_dir, tmp_path / "a4.pdf", ASSETS_DIR / pdf.PAPERS["a4"])
    assert str(refused.value.__cause__) == f"URI uses disallowed protocol: {DISCARD}"


@pytest.mark.parametrize("css", [f"@page {{ size: A4; background: url({DISCARD}); }}",
                                 f"@import url({DISCARD.replace('.svg', '.css')});"])
def test_nor_may_its_paper_stylesheet(handout_dir, tmp_path, css):
    paper = tmp_path / "paper.css"
    paper.write_text(css, encoding="utf-8")
    with pytest.raises(FatalURLFetchingError, match="http://127.0.0.1:9/"):
        pdf.write_pdf(SHEET, handout_dir, tmp_path / "a4.pdf", paper)


def test_only_a_pdf_longer_than_its_pages_is_told(handout_dir):
    assert pdf.too_long({"a4": 2, "letter": 2, "large-print": 4}) == []
    assert pdf.too_long({"a4": 3, "letter": 2, "large-print": 5}) == [
        "the handout's A4 PDF takes 3 pages; it should fit on 2 (shorten a step, tip, caption or "
        "the dosage on this page, or ask for the handout's layout to be changed)",
        "the handout's large-print PDF takes 5 pages; it should fit on 4 (shorten a step, tip, "
        "caption or the dosage on this page, or ask for the handout's layout to be changed)"]
    assert pdf.too_long({"letter": 3}) == [
        "the handout's US Letter PDF takes 3 pages; it should fit on 2 (shorten a step, tip, "
        "caption or the dosage on this page, or ask for the handout's layout to be changed)"]
