"""The handout's sheet: the page on the site and the HTML its PDFs are made from, from one
template (handout.html) with its stylesheets, fonts, QR code and plan.js, all in this folder."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin

import jinja2
import segno
from markupsafe import Markup
from mkdocs.utils import get_relative_url

from .. import csp
from ..clinic import contact_items, shown_address
from .content import GET_HELP_HEADING, STEPS_HEADING, Box, HandoutContent

ASSETS_DIR = Path(__file__).resolve().parent
TEMPLATE = "handout.html"
STYLESHEET = "handout.css"
NARROW_STYLESHEET = "handout-narrow.css"  # phones only
FONTS = ("AtkinsonHyperlegibleOpenZero-Regular.ttf", "AtkinsonHyperlegibleOpenZero-Bold.ttf", "OFL.txt")
WEB_FONTS = tuple(font for font in FONTS if font.endswith(".ttf"))  # preloaded by the page
QR_FILE = "qr-page.svg"
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
# What the page's form accepts for these blanks: an entry starting with a whole number, or "2 to
# 3", from the least to the most the exercise pages' dosage gives (docs/exercise.md, "How many and
# how often": "build up to 3 sets of 15", "do up to 15 in 1 set", "3 or 4 times a week"; once
# weight is added, 8 to 12 repetitions, about 3 times a week; docs/seated-raise.md: 8 to 12, up
# to 3 sets, 2 or 3 times a week), words after it allowed ("12 slow (3 s down)"). A plan beyond
# them would contradict the sheet it is printed on. The noun names the number in the form's error
# message.
PLAN_RANGES = {"sets": (1, 3, "sets"), "repetitions": (1, 15, "repetitions"),
               "times_a_week": (1, 4, "times a week")}
# How the page tells a screen reader whether a box is ticked: (ticked, not ticked); the page
# carries both, and plan.js shows the first when the clinician ticks the box's option in the form
TICK_WORDS = (" (ticked)", " (not ticked)")
PHONE_ROOM = "01234 567890 (ext 2)"  # the "Phone:" line, while mkdocs.yml has no number
LEGS = ("Left", "Right", "Both")
PLAN_SCRIPT = "plan.js"  # fills the sheet's plan from the form, on the page only
# The session record: a row for each session (3 or 4 a week for 2 to 3 weeks), in two
# tables side by side; the patient writes the date, what they did, the pain during it and how
# the calf was the next morning.
RECORD_ROWS = 8
NEXT_MORNING = ("better", "same", "worse")


@dataclass(frozen=True)
class LinkedPage:
    """A page of the site that every sheet links to."""

    title: str
    dest_uri: str  # its built file, e.g. "ladder/index.html"


@dataclass
class SiteInfo:
    """What the sheet needs from mkdocs.yml."""

    site_name: str
    site_url: str
    favicon: str  # in the built site, e.g. "assets/favicon.svg"
    clinic: dict
    preview: bool = False  # made for `mkdocs serve`, which adds its live-reload script
    ladder: LinkedPage | None = None  # the page of all the levels (the plugin's ladder_page)



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


@dataclass
class RenderedSheet:
    """A sheet as written, with every address and id the template wrote into it (the template
    writes each through link() and anchor()), for the link check: nothing is parsed again."""

    html: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)  # (kind, address), as source_lines names kinds
    ids: set[str] = field(default_factory=set)
    inline_scripts: list[str] = field(default_factory=list)

    def inline_script(self, text: str) -> str:
        self.inline_scripts.append(str(text))
        return text

    def link(self, address: str, kind: str = "link") -> str:
        self.links.append((kind, address))
        return address

    def anchor(self, name: str) -> str:
        self.ids.add(name)
        return name


def render_page(content: HandoutContent, site: SiteInfo, for_pdf: bool = False) -> RenderedSheet:
    """The handout page, or (for_pdf) the sheet the PDFs are made from: the same sheet, with
    fillable fields for the plan and without the page's form."""
    sheet = RenderedSheet()
    html = _render(content, site, for_pdf, sheet)
    # The blanks' widths are style attributes: the page's policy allows inline styles.
    sheet.html = html if for_pdf else csp.with_policy(
        html, csp.policy(sheet.inline_scripts, style_attributes=True, preview=site.preview))
    return sheet


def _render(content: HandoutContent, site: SiteInfo, for_pdf: bool, sheet: RenderedSheet) -> str:
    outputs = content.outputs
    from_handout = lambda site_path: get_relative_url(site_path, outputs.page)  # noqa: E731
    safe = Markup  # page content is already cleaned by content.Copier
    page_url_shown = shown_address(content.page_url, keep_final_slash=True)
    ladder = None
    if site.ladder:
        # On paper the ladder's address, which a patient can type; without one, its title
        ladder_path = site.ladder.dest_uri.removesuffix("index.html")
        ladder = {"title": site.ladder.title, "link": from_handout(ladder_path),
                  "href": from_handout(ladder_path), "text": site.ladder.title}
        if site.site_url:
            ladder_url = urljoin(site.site_url, ladder_path)
            ladder.update(href=ladder_url,
                          text=_breakable(shown_address(ladder_url, keep_final_slash=True), for_pdf))
    return _environment().get_template(TEMPLATE).render(
        link=sheet.link,
        anchor=sheet.anchor,
        inline_script=sheet.inline_script,
        content_security_policy=csp.PLACEHOLDER,
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
        plan_ranges=PLAN_RANGES,
        tick_words=TICK_WORDS,
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
        page_url_breakable=_breakable(page_url_shown, for_pdf),
        has_video=content.has_video,
        ladder=ladder,
        page_link=from_handout(outputs.page_dest.removesuffix("index.html")),
        favicon=from_handout(site.favicon),
        qr_file=QR_FILE,
        stylesheet=STYLESHEET,
        web_fonts=WEB_FONTS,
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


def _breakable(address: str, for_pdf: bool) -> Markup:
    """An address shown on the sheet, which may break after each "/": at a <wbr> on the page;
    in the PDFs at a zero-width space in the text, since each <wbr> inside a link would be a link
    annotation of its own, zero wide and outside the Link tag (PDF/UA)."""
    return Markup(("/\u200b" if for_pdf else "/<wbr>").join(Markup.escape(part) for part in address.split("/")))


def _safe_box(box: Box) -> Box:
    return Box(box.title, Markup(box.body))  # page content is already cleaned by content.Copier


def _shown_date(date) -> str:
    return f"{date.day} {date:%B %Y}" if date else ""
