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

import pypdf
import pypdfium2
import pytest
import zxingcpp

from conftest import (HANDOUT_PAGE, OUTPUTS, PDFS, PRINT, PROJECT_DIR, built_list, edit,
                      front_matter, line_of, pdf_text)
from soleus_site.site_build import build_into

A4, LETTER = (595.28, 841.89), (612.0, 792.0)


PAPER = {OUTPUTS.pdf_a4: A4, OUTPUTS.pdf_letter: LETTER, OUTPUTS.pdf_large_print: A4}


# The words inside the two drawings the handout shows
LABELS = ("Knee bent", "Ball of foot", "on edge", "Heel", "down", "Knee", "still bent", "Heel",
          "high", "Wrong:", "knee", "straight")


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


@pytest.mark.parametrize("pdf", PDFS)
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


@pytest.mark.parametrize("pdf", PDFS)
def test_print_is_clear_and_large_print_is_large(handout, pdf):
    site, _ = handout
    (body, label), _ = PRINT[pdf]
    text, labels = type_sizes(site / pdf)
    assert len(text) > 150
    assert len(labels) == len("".join(LABELS).replace(" ", ""))  # a glyph each
    assert min(text) == body
    assert min(labels) >= label


@pytest.mark.parametrize("pdf", PDFS)
def test_pdf_is_tagged_with_title_language_and_alt_text(handout, pdf):
    site, _ = handout
    reader = pypdf.PdfReader(site / pdf)
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a PDF boolean)
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "en-GB"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    page_title = re.search(r"<title>(.*?)</title>", (site / HANDOUT_PAGE).read_text()).group(1)
    assert reader.metadata["/Title"] == html.unescape(page_title)
    assert reader.metadata["/Title"].startswith("Bent-knee heel raise")

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
    for picture in ("heel-raise-start", "heel-raise-top"):
        assert expected_alt(site, picture) in figures
    assert any(alt.startswith("QR code") for alt in figures)
    assert all(alt.strip() for alt in figures)


def expected_alt(site: Path, picture: str) -> str:
    """The alt text the exercise page gives the picture, or else the drawing's own title."""
    page = (site / "exercise" / "index.html").read_text(encoding="utf-8")
    for img in re.findall(r"<img\b[^>]*>", page):
        if f"{picture}.svg" in img:
            alt = re.search(r'alt="([^"]*)"', img)
            if alt and alt.group(1).strip():
                return html.unescape(alt.group(1).strip())
    svg = (site / "images" / f"{picture}.svg").read_text(encoding="utf-8")
    title = re.search(r"<title[^>]*>(.*?)</title>", svg, re.S).group(1)
    return html.unescape(" ".join(title.split()))


@pytest.mark.parametrize("pdf", PDFS)
def test_qr_code_opens_the_exercise_page_and_the_link_is_printed(handout, pdf):
    site, config = handout
    exercise_url = urljoin(config.site_url, "exercise/")
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
    """Made again from the same page, without the cache, each PDF is the same file."""
    assert build_into(project, project / "site").notes == ["Handout of docs/exercise.md: PDFs made"]
    shutil.rmtree(project / ".cache" / "handouts")
    assert build_into(project, project / "site2").notes == ["Handout of docs/exercise.md: PDFs made"]
    for pdf in PDFS:
        assert (project / "site2" / pdf).read_bytes() == (project / "site" / pdf).read_bytes()


# Staff edit the page only ------------------------------------------------------------------------

def test_pdfs_are_reused_when_unchanged_and_remade_when_a_step_changes(project):
    first = build_into(project, project / "site")
    assert first.notes == ["Handout of docs/exercise.md: PDFs made"]
    made = {pdf: (project / "site" / pdf).read_bytes() for pdf in PDFS}

    second = build_into(project, project / "site2")
    assert second.notes == ["Handout of docs/exercise.md: PDFs reused (nothing they show has changed)"]
    assert {pdf: (project / "site2" / pdf).read_bytes() for pdf in PDFS} == made

    old = "Slowly lower your heel below the step."
    new = "Lower your heel below the step over 3 seconds."
    edit(project / "docs" / "exercise.md", old, new)
    third = build_into(project, project / "site3")
    assert third.problems == []
    assert third.notes == ["Handout of docs/exercise.md: PDFs made"]
    for pdf in PDFS:
        text = pdf_text(project / "site3" / pdf)
        assert new in text
        assert old not in text
    assert new in (project / "site3" / HANDOUT_PAGE).read_text(encoding="utf-8")


def test_a_clinic_detail_change_remakes_the_pdfs(project):
    build_into(project, project / "site")
    edit(project / "mkdocs.yml", 'email: ""', 'email: "hello@example.org"')
    outcome = build_into(project, project / "site2")
    assert outcome.notes == ["Handout of docs/exercise.md: PDFs made"]
    assert "hello@example.org" in pdf_text(project / "site2" / OUTPUTS.pdf_a4)


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
    assert outcome.notes == ["Handout of docs/exercise.md: PDFs made",
                             "Handout of docs/straight-knee.md: PDFs made"]
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
    assert outcome.notes == ["Handout of docs/exercise.md: PDFs made"]
    # The same again from the cache: the page counts are kept with the cached PDFs
    again = build_into(project, project / "site2")
    assert [str(problem) for problem in again.problems] == [
        str(problem) for problem in outcome.problems]
    assert again.notes == ["Handout of docs/exercise.md: PDFs reused (nothing they show has changed)"]
