"""The handout's PDFs: A4, US Letter and large print, each made from the sheet with WeasyPrint
(tagged, PDF/UA-1, with fillable fields that pdf_form.py finishes), and kept in the cache under a
hash of everything it is made from, so a PDF is made again only when something it shows changes."""

from __future__ import annotations

import hashlib
import shutil
from importlib.metadata import version
from pathlib import Path

from . import pdf_form
from .outputs import HandoutOutputs
from .sheet import ASSETS_DIR, NOTES_LINES

# Each PDF's own stylesheet: the paper size, and what is set for it (the large print's type size).
PAPERS = {"a4": "paper-a4.css", "letter": "paper-letter.css",
          "large-print": "paper-large-print.css"}
# The most pages each should take: a clinician prints the clear-print sheet on two sides of one
# sheet of paper. More gets a warning.
PAGE_LIMITS = {"a4": 2, "letter": 2, "large-print": 4}
PAPER_NAMES = {"a4": "A4", "letter": "US Letter", "large-print": "large-print"}
CACHED_VERSIONS = 4  # of each handout's PDF, in .cache/handouts/


def make_pdfs(pdf_html: str, outputs: HandoutOutputs, site_dir: Path, made_from: list[Path],
              cache_dir: Path) -> tuple[list[Path], bool, dict[str, int]]:
    """Each PDF into the handout's folder, from the cache when nothing it is made from (the sheet
    and the files in `made_from`) has changed: (files written, whether all were reused, pages
    each takes by paper)."""
    inputs = hashlib.sha256(pdf_html.encode())
    # Each file by what it holds, in an order that does not depend on where the site is built
    for digest in sorted(hashlib.sha256(path.read_bytes()).digest()
                         for path in {*made_from, *(ASSETS_DIR / paper for paper in PAPERS.values())}):
        inputs.update(digest)
    inputs.update(version("weasyprint").encode())
    # and what finishes their fields
    inputs.update(Path(pdf_form.__file__).read_bytes() + version("pypdf").encode())
    key = inputs.hexdigest()[:20]
    out_dir = site_dir / outputs.page_dir
    written, reused, pages = [], True, {}
    for paper, target in outputs.pdfs.items():
        # The cached file's name ends in its page count: "...-<key>-2p.pdf"
        cached = next(cache_dir.glob(f"{outputs.name}-{paper}-{key}-*p.pdf"), None)
        if cached is None:
            reused = False
            cache_dir.mkdir(parents=True, exist_ok=True)
            part = cache_dir / f"{outputs.name}-{paper}-{key}.part"
            count = write_pdf(pdf_html, out_dir, part, ASSETS_DIR / PAPERS[paper])
            cached = part.rename(cache_dir / f"{outputs.name}-{paper}-{key}-{count}p.pdf")
            # Keep a few versions: the live preview's sheet (its QR code has the preview's
            # address) and the published one are both reused as staff switch between them.
            versions = sorted(cache_dir.glob(f"{outputs.name}-{paper}-*.pdf"),
                              key=lambda path: path.stat().st_mtime, reverse=True)
            for stale in versions[CACHED_VERSIONS:]:
                stale.unlink()
        shutil.copyfile(cached, site_dir / target)
        written.append(site_dir / target)
        pages[paper] = int(cached.name.rpartition("-")[2].removesuffix("p.pdf"))
    return written, reused, pages


def too_long(pages: dict[str, int]) -> list[str]:
    """What to tell staff about each PDF that takes more pages than it should."""
    return [f"the handout's {PAPER_NAMES[paper]} PDF takes {count} pages; it should fit on "
            f"{PAGE_LIMITS[paper]} (shorten a step, tip, caption or the dosage on this page, or "
            "ask for the handout's layout to be changed)"
            for paper, count in pages.items() if count > PAGE_LIMITS[paper]]


def write_pdf(sheet_html: str, handout_dir: Path, target: Path, paper_stylesheet: Path) -> int:
    """The sheet as a tagged PDF (PDF/UA-1) with fillable fields, from local files only (its
    pictures, fonts and QR code are found from handout_dir); the extra stylesheet sets the
    paper size (and fits the sheet to it). Returns how many pages it takes."""
    import weasyprint  # here, not at the top: a build whose PDFs are reused never loads it (0.4 s)

    fetcher = weasyprint.URLFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)
    options = dict(
        stylesheets=[weasyprint.CSS(filename=str(paper_stylesheet), url_fetcher=fetcher)],
        pdf_variant="pdf/ua-1",
        pdf_identifier=True,  # a hash of the content: the same sheet gives the same file
        pdf_forms=True,  # the plan's inputs become fields a clinician can type into
    )
    document = weasyprint.HTML(string=sheet_html, base_url=handout_dir.as_uri() + "/",
                               url_fetcher=fetcher, media_type="print").render(**options)
    # Each field drawn as it is (pdf_form.py): the same in every reader
    target.write_bytes(pdf_form.finish(document.write_pdf(**options), NOTES_LINES))
    return len(document.pages)
