"""The handout's type: the Atkinson Hyperlegible Open Zero fonts it ships (a zero without a slash,
which reads as "Ø" on paper), made byte for byte by scripts/make_fonts.py, and embedded in each
PDF instead of the original fonts."""

from __future__ import annotations

import pypdf
import pytest

from conftest import PDFS, PROJECT_DIR
from soleus_site.handout import ASSETS_DIR, FONTS


FONTS_DIR = ASSETS_DIR / "fonts"


def test_the_sheets_zero_has_no_slash_and_stays_narrower_than_the_letter_o():
    """A slashed zero reads as "Ø" on paper: the shipped fonts draw it open (one counter), still
    narrower than the O, and are the files scripts/make_fonts.py makes from the originals."""
    from fontTools.ttLib import TTFont

    for name in FONTS[:2]:
        font = TTFont(FONTS_DIR / name)
        zero, letter_o = font["glyf"]["zero"], font["glyf"]["O"]
        assert (zero.numberOfContours, letter_o.numberOfContours) == (2, 2)
        assert font["hmtx"]["zero"][0] < font["hmtx"]["O"][0] - 50
        assert font["name"].getDebugName(1) == "Atkinson Hyperlegible Open Zero"
        original = TTFont(PROJECT_DIR / "scripts" / "font-sources" / name.replace("OpenZero", ""))
        assert original["glyf"]["zero"].numberOfContours == 3  # the outline and two counters


def test_make_fonts_makes_the_shipped_fonts_byte_for_byte(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_fonts", PROJECT_DIR / "scripts" / "make_fonts.py")
    make_fonts = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_fonts)
    for path in make_fonts.main(tmp_path):
        assert path.read_bytes() == (FONTS_DIR / path.name).read_bytes()


@pytest.mark.parametrize("pdf", PDFS)
def test_each_pdf_embeds_the_open_zero_font(handout, pdf):
    site, _ = handout
    names = {str(font["/BaseFont"]).split("+")[-1]
             for page in pypdf.PdfReader(site / pdf).pages
             for font in page["/Resources"]["/Font"].values()}
    assert names >= {"Atkinson-Hyperlegible-Open-Zero", "Atkinson-Hyperlegible-Open-Zero-Bold"}
    assert not names & {"Atkinson-Hyperlegible", "Atkinson-Hyperlegible-Bold"}
