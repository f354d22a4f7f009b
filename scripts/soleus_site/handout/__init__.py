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

The template, stylesheets and fonts live in this folder.
"""

from __future__ import annotations

import hashlib
import io
import shutil
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path, PurePosixPath

import jinja2
import segno
from markupsafe import Markup
from mkdocs.utils import get_relative_url

from ..clinic import contact_items, shown_address
from . import pdf_form
from .content import GET_HELP_HEADING, STEPS_HEADING, Box, HandoutContent

ASSETS_DIR = Path(__file__).resolve().parent
TEMPLATE = "handout.html"
STYLESHEET = "handout.css"
NARROW_STYLESHEET = "handout-narrow.css"  # phones only
FONTS = ("AtkinsonHyperlegibleOpenZero-Regular.ttf", "AtkinsonHyperlegibleOpenZero-Bold.ttf", "OFL.txt")
QR_FILE = "qr-page.svg"
# Each PDF's own stylesheet: the paper size, and what is set for it (the large print's type size).
PAPERS = {"a4": "paper-a4.css", "letter": "paper-letter.css",
          "large-print": "paper-large-print.css"}
# The most pages each should take: a clinician prints the clear-print sheet on two sides of one
# sheet of paper. More gets a warning.
PAGE_LIMITS = {"a4": 2, "letter": 2, "large-print": 4}
PAPER_NAMES = {"a4": "A4", "letter": "US Letter", "large-print": "large-print"}
# The plan a clinician fills in: each blank's name (in the page's form and the PDFs' fields)
# and its words on the sheet. The dosage line each one's hint comes from, by its bold label.
PLAN = {"patient": "Name", "date": "Date", "leg": "Leg", "clinician": "Clinician",
        "level": "Your level", "sets": "Sets", "repetitions": "Repetitions", "weight": "Weight",
        "times_a_week": "Times a week", "notes": "Notes"}
PLAN_HINTS = {"sets": "sets", "repetitions": "repetitions", "times_a_week": "how often"}
# The longest entry each blank should take whole, on its line, at the sheet's type size (a
# podiatrist's realistic plan): each blank is at least as wide as its name and this, in bold
# (the page prints the form's values in bold; a PDF's typed values are regular, so narrower).
# The notes take NOTES_LINES lines across the box instead.
PLAN_ROOM = {"patient": "Samantha Okonkwo-Richardson", "date": "12 December 2026",
             "clinician": "J. Patel, Podiatrist (HCPC CH12345)", "sets": "2 to 3",
             "repetitions": "12 slow (3 s down)", "weight": "5 kg in a backpack",
             "times_a_week": "3 (Mon, Wed, Fri)", "level": "Standard, both feet"}
NOTES_LINES = 3
PHONE_ROOM = "01234 567890 (ext 2)"  # the "Phone:" line, while mkdocs.yml has no number
LEGS = ("Left", "Right", "Both")
PLAN_SCRIPT = "plan.js"  # fills the sheet's plan from the form, on the page only
CACHED_VERSIONS = 4  # of each handout's PDF, in .cache/handouts/
# The session record: a row for each session (3 or 4 a week for 2 to 3 weeks), in two
# tables side by side; the patient writes the date, what they did, the pain during it and how
# the calf was the next morning.
RECORD_ROWS = 8
NEXT_MORNING = ("better", "same", "worse")


@dataclass
class WrittenHandout:
    files: list[Path]
    pdfs_reused: bool  # True when all the PDFs came from the cache, their inputs unchanged
    page_html: str  # the handout page as written, for the link check
    pages: dict[str, int]  # how many pages each PDF takes, by paper


@dataclass
class SiteInfo:
    """What the sheet needs from mkdocs.yml."""

    site_name: str
    site_url: str
    favicon: str  # in the built site, e.g. "assets/favicon.svg"
    clinic: dict


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
    page_html = render_page(content, site)
    page_path.write_text(page_html, encoding="utf-8")
    written += [out_dir / QR_FILE, page_path]

    # The PDFs are made from the sheet with form fields for the plan's blanks, and without the
    # page's form and script.
    pdf_html = render_page(content, site, for_pdf=True)
    inputs = hashlib.sha256(pdf_html.encode())
    for path in sorted({*written, *(docs_dir / picture.src for picture in content.pictures),
                        *(ASSETS_DIR / paper for paper in PAPERS.values())}):
        if path not in (page_path, out_dir / PLAN_SCRIPT):
            inputs.update(path.read_bytes())
    inputs.update(version("weasyprint").encode())
    # and what finishes their fields
    inputs.update(Path(pdf_form.__file__).read_bytes() + version("pypdf").encode())
    key = inputs.hexdigest()[:20]
    reused = True
    pages = {}
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
    return WrittenHandout(written, reused, page_html, pages)


def too_long(pages: dict[str, int]) -> list[str]:
    """What to tell staff about each PDF that takes more pages than it should."""
    return [f"the handout's {PAPER_NAMES[paper]} PDF takes {count} pages; it should fit on "
            f"{PAGE_LIMITS[paper]} (shorten a step, tip, caption or the dosage on this page, or "
            "ask for the handout's layout to be changed)"
            for paper, count in pages.items() if count > PAGE_LIMITS[paper]]


def qr_svg(url: str) -> bytes:
    """A QR code for `url` as SVG, with the standard quiet zone of 4 modules."""
    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(
        buffer, kind="svg", border=4, dark="#000", light="#fff", xmldecl=False,
        omitsize=True, title=None, desc=None)
    return buffer.getvalue()


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(ASSETS_DIR), autoescape=True,
                              trim_blocks=True, lstrip_blocks=True,
                              undefined=jinja2.StrictUndefined)


def render_page(content: HandoutContent, site: SiteInfo, for_pdf: bool = False) -> str:
    """The handout page, or (for_pdf) the sheet the PDFs are made from: the same sheet, with
    fillable fields for the plan and without the page's form."""
    outputs = content.outputs
    from_handout = lambda site_path: get_relative_url(site_path, outputs.page)  # noqa: E731
    safe = Markup  # page content is already cleaned by content.Copier
    page_url_shown = shown_address(content.page_url, keep_final_slash=True)
    return _environment().get_template(TEMPLATE).render(
        content=content,
        steps=[safe(step) for step in content.steps],
        steps_intro=[safe(paragraph) for paragraph in content.steps_intro],
        feel=[safe(block) for block in content.feel],
        legs=LEGS,
        for_pdf=for_pdf,
        plan=PLAN,
        label_widths=_label_widths(),
        field_bases=_field_bases(),
        notes_lines=NOTES_LINES,
        phone_room=_width(PHONE_ROOM, bold=True),
        dosage_hints={name: content.dosage_by_label.get(label, "")
                      for name, label in PLAN_HINTS.items()},
        plan_script=PLAN_SCRIPT,
        levels=[(level.name, safe(level.text)) for level in content.levels],
        steps_heading=STEPS_HEADING,
        get_help_heading=GET_HELP_HEADING,
        dosage=[safe(line) for line in content.dosage],
        purpose=safe(content.purpose),
        check_first=_safe_box(content.check_first),
        stop=_safe_box(content.stop),
        get_help=[_safe_box(box) for box in content.get_help],
        pictures=[(picture, from_handout(picture.src), safe(picture.caption))
                  for picture in content.pictures],
        clinic=site.clinic,
        contact=contact_items(site.clinic),
        site_name=site.site_name,
        handout_url=site.site_url.rstrip("/") + "/" + outputs.page_dir,
        page_url=content.page_url,
        page_url_shown=page_url_shown,
        page_url_breakable=Markup("/<wbr>".join(Markup.escape(part)
                                                for part in page_url_shown.split("/"))),
        page_link=from_handout(outputs.page_dest.removesuffix("index.html")),
        favicon=from_handout(site.favicon),
        qr_file=QR_FILE,
        stylesheet=STYLESHEET,
        narrow_stylesheet=NARROW_STYLESHEET,
        pdf_a4=PurePosixPath(outputs.pdf_a4).name,
        pdf_letter=PurePosixPath(outputs.pdf_letter).name,
        pdf_large_print=PurePosixPath(outputs.pdf_large_print).name,
        record_rows=RECORD_ROWS,
        next_morning=NEXT_MORNING,
        updated=content.updated,
        updated_shown=_shown_date(content.updated),
        review_due=content.review_due,
        review_due_shown=_shown_date(content.review_due),
    )


@lru_cache(maxsize=2)
def _font(bold: bool = False):
    from PIL import ImageFont

    return ImageFont.truetype(str(ASSETS_DIR / "fonts" / FONTS[int(bold)]), 1000)


def _width(text: str, bold: bool = False) -> str:
    """How wide `text` prints in the sheet's font, in em (CSS)."""
    return f"{_font(bold).getlength(text) / 1000:.3f}em"


@lru_cache(maxsize=1)
def _label_widths() -> dict[str, str]:
    """How wide each plan field's name prints, in em of the sheet's font: a PDF's field starts
    just after its name on the line."""
    return {name: _width(label) for name, label in PLAN.items()}


@lru_cache(maxsize=1)
def _field_bases() -> dict[str, str]:
    """The least width of each blank's line (CSS flex-basis, em): its name, a space and its
    longest entry (PLAN_ROOM) in bold; the notes take the whole width."""
    return {**{name: f"{(_font().getlength(PLAN[name] + ' ') + _font(True).getlength(entry)) / 1000 + 0.3:.3f}em"
               for name, entry in PLAN_ROOM.items()}, "notes": "100%"}


def _safe_box(box: Box) -> Box:
    return Box(box.title, Markup(box.body))  # page content is already cleaned by content.Copier


def _shown_date(date) -> str:
    return f"{date.day} {date:%B %Y}" if date else ""


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
