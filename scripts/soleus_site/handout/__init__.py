"""The printable handout: one sheet a clinician gives a patient, made from a page of the site.

Any page with `handout: true` in its front matter gets one (docs/exercise.md is the first). Its
content is read from the page as it is built (content.py); `write_handout` then writes, in a
folder beside the page (outputs.py):

    handout/index.html                      a page on the site, printable from any browser
    handout/<exercise>-a4.pdf               the same sheet as a tagged PDF, A4
    handout/<exercise>-letter.pdf           and US Letter
    handout/<exercise>-large-print.pdf      and in large print (A4, body text 16 pt)

with its stylesheet, fonts, QR code and plan.js beside them. On the page, a "Prepare for a
patient" form (plan.js) writes a clinician's plan into the sheet for printing, on the device
only; in the PDFs the plan's blanks are form fields to type into. Making a PDF takes most of a build, so each
is kept in .cache/handouts/ under a hash of everything it is made from (the sheet's HTML, which
holds the page's words, the clinic's details and the QR code's address; the pictures, stylesheets
and fonts; WeasyPrint's version; pdf_form.py, which finishes the fields, and pypdf's version), and
made again only when one of them changes.

The template, stylesheets and fonts live in this folder; sheet.py makes the page and the
sheet the PDFs are made from, pdf.py the PDFs.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from . import pdf_form
from .content import HandoutContent
from .pdf import make_pdfs, too_long
from .sheet import (ASSETS_DIR, FONTS, NARROW_STYLESHEET, NOTES_LINES, PLAN_SCRIPT, QR_FILE,
                    STYLESHEET, LinkedPage, SiteInfo, qr_svg, render_page)

# What the plugin and the tests use
__all__ = ["ASSETS_DIR", "FONTS", "LinkedPage", "NOTES_LINES", "SiteInfo", "WrittenHandout", "pdf_form",
           "too_long", "write_handout"]


@dataclass
class WrittenHandout:
    files: list[Path]
    pdfs_reused: bool  # True when all the PDFs came from the cache, their inputs unchanged
    links: list[tuple[str, str]]  # the handout page's addresses, (kind, address), for the link check
    ids: set[str]  # the handout page's ids, which links may point to
    pages: dict[str, int]  # how many pages each PDF takes, by paper


def write_handout(content: HandoutContent, site: SiteInfo, site_dir: Path, docs_dir: Path,
                  cache_dir: Path) -> WrittenHandout:
    """Write the handout page, its assets and its PDFs into the page's handout folder."""
    outputs = content.outputs
    out_dir = site_dir / outputs.page_dir
    (out_dir / "fonts").mkdir(parents=True, exist_ok=True)
    written = []
    for name in (*(f"fonts/{font}" for font in FONTS), STYLESHEET, NARROW_STYLESHEET, PLAN_SCRIPT):
        shutil.copyfile(ASSETS_DIR / name, out_dir / name)
        written.append(out_dir / name)
    (out_dir / QR_FILE).write_bytes(qr_svg(content.page_url))
    page_path = site_dir / outputs.page
    page = render_page(content, site)
    page_path.write_text(page.html, encoding="utf-8")
    written += [out_dir / QR_FILE, page_path]
    # The PDFs are made from the sheet with form fields for the plan's blanks, and without the
    # page's form and script: from its fonts, stylesheets, QR code and pictures.
    made_from = [path for path in written if path not in (page_path, out_dir / PLAN_SCRIPT)]
    pdfs, reused, pages = make_pdfs(render_page(content, site, for_pdf=True).html, outputs, site_dir,
                                    made_from + [docs_dir / picture.src for picture in content.pictures],
                                    cache_dir)
    return WrittenHandout(written + pdfs, reused, page.links, page.ids, pages)
