"""The printable handout: made from a page with `handout: true`, two sheets in clear print and a
large-print version, tagged, scannable; its PDFs made again only when what they show changes."""

from __future__ import annotations

import ctypes
import datetime
import html
import io
import math
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import lxml.html
import pypdf
import pypdfium2
import pytest
import yaml
import zxingcpp
from mkdocs.config import load_config

from conftest import PROJECT_DIR, copy_project, edit, line_of
from soleus_site.handout import ASSETS_DIR, FONTS, NOTES_LINES, pdf_form
from soleus_site.handout.outputs import HandoutOutputs
from soleus_site.site_build import build_into

OUTPUTS = HandoutOutputs("exercise/index.html", "bent-knee-heel-raise")
HANDOUT_PAGE = OUTPUTS.page
FONTS_DIR = ASSETS_DIR / "fonts"
A4, LETTER = (595.28, 841.89), (612.0, 792.0)
PAPER = {OUTPUTS.pdf_a4: A4, OUTPUTS.pdf_letter: LETTER, OUTPUTS.pdf_large_print: A4}
PDFS = tuple(PAPER)
# Smallest type allowed, in points: (body text, labels inside the drawings), and most pages
CLEAR_PRINT = (12, 12)
LARGE_PRINT = (16, 16)
PRINT = {OUTPUTS.pdf_a4: (CLEAR_PRINT, 2), OUTPUTS.pdf_letter: (CLEAR_PRINT, 2),
         OUTPUTS.pdf_large_print: (LARGE_PRINT, 4)}
# The words inside the two drawings the handout shows
LABELS = ("Knee bent", "Ball of foot", "on edge", "Heel", "down", "Knee", "still bent", "Heel",
          "high", "Wrong:", "knee", "straight")


# The exercise page's dosage list, as written
DOSAGE_LIST = (PROJECT_DIR / "docs" / "exercise.md").read_text(encoding="utf-8").partition(
    "## How many and how often\n\n")[2].partition("\n## ")[0]


def config_of(project: Path):
    return load_config(config_file=str(project / "mkdocs.yml"))


@pytest.fixture(scope="module")
def handout(built_site):
    """The real site, built with its handout: (site, config)."""
    return built_site, config_of(PROJECT_DIR)


def fold(text: str) -> str:
    """Text compared as a reader sees it: whitespace folded, line-end hyphens joined."""
    text = text.replace("\u2019", "'").replace("\u00ad", "")
    return " ".join(text.split())


def pdf_text(path: Path) -> str:
    return fold(" ".join(page.extract_text() for page in pypdf.PdfReader(path).pages))


def built_list(site: Path, heading_id: str) -> list[str]:
    """The items of the first list under a heading of the built exercise page, as plain text."""
    page = lxml.html.fromstring((site / "exercise" / "index.html").read_text(encoding="utf-8"))
    heading = page.get_element_by_id(heading_id)
    found = next((element for element in heading.itersiblings() if element.tag in ("ol", "ul")), None)
    assert found is not None, f"the built exercise page has no list under #{heading_id}"
    return [fold(item.text_content()) for item in found.findall("li")]


def front_matter(project: Path, page: str) -> dict:
    source = (project / "docs" / page).read_text(encoding="utf-8")
    return yaml.safe_load(source.split("---")[1])




@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


# What it writes -------------------------------------------------------------------------------

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


# The plan's blanks are form fields in the PDFs -------------------------------------------------

PLAN_FIELDS = {"patient": "Name", "date": "Date", "clinician": "Clinician", "sets": "Sets",
               "leg": "Leg", "repetitions": "Repetitions", "weight": "Weight",
               "times_a_week": "Times a week", "level": "Your level", "notes": "Notes",
               "phone": "Phone"}
TYPED = {"patient": "Sam Patel", "date": "1 December 2026", "clinician": "Jo Smith", "sets": "3",
         "repetitions": "12", "weight": "5 kg in a backpack", "times_a_week": "3",
         "notes": "Stop if the pain goes above 3 out of 10.", "phone": "01234 567890"}
RADIO, MULTILINE = 1 << 15, 1 << 12


@pytest.mark.parametrize("pdf", PDFS)
def test_each_pdf_has_a_named_empty_field_for_each_blank_of_the_plan(handout, pdf):
    """A text field for each blank and a radio group for each choice, each named (/TU) and drawn
    (/AP) as it is, so every reader shows the same: no reader is asked to draw them itself."""
    site, _ = handout
    reader = pypdf.PdfReader(site / pdf)
    form = reader.trailer["/Root"]["/AcroForm"]
    assert "/NeedAppearances" not in form
    fields = reader.get_fields()
    assert {name: str(field["/TU"]) for name, field in fields.items()} == PLAN_FIELDS
    # only fields are listed as fields: a radio group's boxes are its kids
    assert sorted(str(field.get_object()["/T"]) for field in form["/Fields"]) == sorted(PLAN_FIELDS)
    levels = [line.split(":")[0] for line in built_list(site, "make-it-easier-or-harder")]
    for name, field in fields.items():
        if name in TYPED:
            assert (field["/FT"], field["/V"]) == ("/Tx", "")
            assert bool(int(field.get("/Ff", 0)) & MULTILINE) == (name == "notes")
            assert "/N" in field.indirect_reference.get_object()["/AP"]
        else:  # a group of boxes, one to tick
            group = field.indirect_reference.get_object()
            assert (field["/FT"], field["/V"], int(field["/Ff"]) & RADIO) == ("/Btn", "/Off", RADIO)
            options = {"leg": ["Left", "Right", "Both"], "level": levels}[name]
            assert field["/_States_"] == [f"/{option}" for option in options]
            for kid, option in zip(group["/Kids"], options, strict=True):
                widget = kid.get_object()
                assert "/T" not in widget and widget["/AS"] == "/Off"
                for look in ("/N", "/D"):  # on and off, as shown and while pressed
                    assert sorted(widget["/AP"][look]) == sorted([f"/{option}", "/Off"])


@pytest.mark.parametrize("pdf", PDFS)
def test_what_is_typed_into_a_pdf_is_on_the_sheet(handout, pdf, tmp_path):
    """What one types or ticks is drawn in the field (pdf_form.fill does what a reader does), and
    printed (PDFium flattens the fields into the page, as printing does) it is all there."""
    site, _ = handout
    filled = pdf_form.fill((site / pdf).read_bytes(), {**TYPED, "leg": "Right"}, NOTES_LINES)
    document = pypdfium2.PdfDocument(filled)
    document.init_forms()
    for page in document:
        assert pypdfium2.raw.FPDFPage_Flatten(page, pypdfium2.raw.FLAT_PRINT) in (
            pypdfium2.raw.FLATTEN_SUCCESS, pypdfium2.raw.FLATTEN_NOTHINGTODO)
    buffer = io.BytesIO()
    document.save(buffer)
    printed = pypdfium2.PdfDocument(buffer.getvalue())
    text = fold(" ".join(page.get_textpage().get_text_bounded() for page in printed))
    for value in TYPED.values():
        assert value in text
    values = pypdf.PdfReader(io.BytesIO(filled)).get_fields()
    assert {name: values[name]["/V"] for name in TYPED} == TYPED
    assert (values["leg"]["/V"], values["level"]["/V"]) == ("/Right", "/Off")


# The handout page on the site -----------------------------------------------------------------

class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs: list[tuple[str, str, dict]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("src", "href"):
            if attrs.get(name):
                self.refs.append((tag, attrs[name], attrs))


def test_handout_page_is_a_proper_page(handout):
    site, _ = handout
    page = (site / HANDOUT_PAGE).read_text(encoding="utf-8")
    assert re.search(r'<html lang="en(-GB)?">', page)
    assert re.search(r"<title>[^<]{10,}</title>", page)
    assert re.search(r'<meta name="description" content="[^"]{30,}">', page)
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert '<a class="toolbar__back" href="../">' in page
    assert 'href="bent-knee-heel-raise-a4.pdf"' in page
    assert 'href="bent-knee-heel-raise-letter.pdf"' in page
    assert '<a href="bent-knee-heel-raise-large-print.pdf">large-print PDF (A4)</a>' in page
    # 6 weeks x 7 days, every other day; 3 legs and 3 levels to tick in the plan
    assert page.count('<span class="box"') == 3 + 3  # 3 legs and 3 levels to tick in the plan
    assert page.count('<th scope="col">Date</th>') == 2  # the session record's two halves


def test_handout_page_uses_only_local_files(handout):
    site, config = handout
    page_path = site / HANDOUT_PAGE
    parser = _Refs()
    parser.feed(page_path.read_text(encoding="utf-8"))
    own_site = urlparse(config.site_url).netloc
    clinic_site = urlparse(config.extra["clinic"]["website"]).netloc
    assets = [(tag, ref) for tag, ref, attrs in parser.refs
              if tag in ("img", "script", "source", "video", "audio", "iframe")
              or (tag == "link" and attrs.get("rel") != "canonical")]
    assert len(assets) >= 4  # stylesheet, two pictures, QR code
    stylesheets = []
    for tag, ref in assets:
        assert not urlparse(ref).scheme and not ref.startswith("//"), ref
        file = (page_path.parent / ref).resolve()
        assert file.is_file() and site.resolve() in file.parents, ref
        if ref.endswith(".css"):
            stylesheets.append(file)
    for stylesheet in stylesheets:
        for ref in re.findall(r"url\(\s*['\"]?([^'\")]+)", stylesheet.read_text()):
            assert not urlparse(ref).scheme, ref
            assert (stylesheet.parent / ref).is_file(), ref
    for tag, ref, attrs in parser.refs:
        if tag == "a":
            url = urlparse(ref)
            if url.scheme in ("http", "https"):
                assert url.netloc in (own_site, clinic_site), ref
            elif url.scheme not in ("mailto", "tel"):
                target = (page_path.parent / url.path).resolve()
                assert target.is_file() or (target / "index.html").is_file(), ref


def test_empty_clinic_details_are_left_out_and_known_ones_shown(handout, project):
    site, _ = handout
    page = (site / HANDOUT_PAGE).read_text(encoding="utf-8")
    clinic = config_of(PROJECT_DIR).extra["clinic"]
    for label, key in (("Email:", "email"), ("Book an appointment", "booking_url")):
        assert (label in page) == bool(clinic[key])
    # No number yet: a line for the clinician to write it on, and no link
    assert clinic["phone"] == ""
    assert "Phone: <span class=\"blank\"" in page and "tel:" not in page

    edit(project / "mkdocs.yml", 'phone: ""', 'phone: "01234 567 890"')
    assert build_into(project, project / "site").problems == []
    page = (project / "site" / HANDOUT_PAGE).read_text(encoding="utf-8")
    assert 'Phone: <a href="tel:+441234567890">01234 567890</a>' in page
    assert 'class="blank"' not in page
    assert "Email:" not in page
    assert "Phone: 01234 567890" in pdf_text(project / "site" / OUTPUTS.pdf_a4)


# Staff edit the page only ---------------------------------------------------------------------

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


@pytest.mark.parametrize("change, message", [
    (("## How to do it", "## Steps"),
     '{handout_line}: the handout needs a section headed "How to do it" with a numbered list of steps'),
    ((":safety: check-first\n", ""),
     '{handout_line}: the handout needs the "Check with us first" box: add the line :safety: '
     "check-first to the page"),
    (("## When to get help\n\n:safety: get-help\n", "## When to get help\n\nSee your GP.\n"),
     '{help_line}: the handout needs a section headed "When to get help" with the urgent signs: '
     "add the line :safety: get-help under it"),
    ((DOSAGE_LIST, "Do up to 15 in 1 set.\n"),
     '{line}: the handout needs a section headed "How many and how often" with a bulleted list: '
     "repetitions, sets, how often, and once you add weights"),
    (("## How it should feel", "## Feelings"),
     '{handout_line}: the handout needs a section headed "How it should feel": what pain is all '
     "right while exercising and the next day"),
    (("- **Easier:** both feet", "- Easier: both feet"),
     '{levels_line}: each item under "Make it easier or harder" needs to start with its level in '
     "bold, for example **Easier:** start with both feet"),
    ((":safety: when-to-stop\n", ""),
     '{handout_line}: the handout needs the "When to stop" box: add the line :safety: '
     "when-to-stop to the page"),
])
def test_a_missing_part_is_one_problem_at_its_line_and_nothing_more(project, change, message):
    exercise = project / "docs" / "exercise.md"
    edit(exercise, *change)
    expected = "docs/exercise.md:" + message.format(
        handout_line=line_of(exercise, "handout: true"), line=line_of(exercise, "## How many and how often"),
        help_line=line_of(exercise, "## When to get help"),
        levels_line=line_of(exercise, "## Make it easier or harder"))
    outcome = build_into(project, project / "site")
    assert [str(problem) for problem in outcome.problems] == [expected]
    assert outcome.notes == []


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


def test_a_misspelt_picture_in_the_steps_is_one_problem_at_its_line(project):
    exercise = project / "docs" / "exercise.md"
    edit(exercise, "(images/heel-raise-top.svg)", "(images/heel-raise-topp.svg)")
    outcome = build_into(project, project / "site")
    assert [str(problem) for problem in outcome.problems] == [
        f"docs/exercise.md:{line_of(exercise, 'heel-raise-topp.svg')}: "
        "picture 'images/heel-raise-topp.svg': file not found (did you mean 'heel-raise-top.svg'?)"]


def test_a_page_without_steps_is_reported_at_its_heading(project):
    exercise = project / "docs" / "exercise.md"
    text = exercise.read_text(encoding="utf-8")
    steps = text[text.index("1. Stand with the ball"):text.index("![Side view: standing")]
    edit(exercise, steps, "")
    outcome = build_into(project, project / "site")
    assert [str(problem) for problem in outcome.problems] == [
        f'docs/exercise.md:{line_of(exercise, "## How to do it")}: the handout needs a section '
        f'headed "How to do it" with a numbered list of steps']


def test_the_last_updated_date_is_the_pages_own(handout):
    site, _ = handout
    updated: datetime.date = front_matter(PROJECT_DIR, "exercise.md")["updated"]
    assert (f'<time datetime="{updated.isoformat()}">{updated.day} {updated:%B %Y}</time>'
            in (site / HANDOUT_PAGE).read_text(encoding="utf-8"))


# The sheet's type --------------------------------------------------------------------------------

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
