"""One handout PDF drawn by WeasyPrint (handout/pdf.py `write_pdf`) from a tiny sheet, in-process
(about a second), and what staff are told when a PDF takes too many pages (`too_long`)."""

from __future__ import annotations

import pypdf
import pytest
from weasyprint.urls import FatalURLFetchingError

from soleus_site.handout import pdf
from soleus_site.handout.sheet import ASSETS_DIR

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
