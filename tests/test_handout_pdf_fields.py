"""The plan's fields in the handout PDFs (handout/pdf_form.py): a named, empty field for each blank
of the plan, drawn as it is, and what is typed into them on the printed sheet. Filled with a
podiatrist's realistic plan: every value whole inside its field, and exactly the chosen boxes
ticked, in poppler (Evince, Okular) and in PDFium (Chrome, Edge) alike; the sheets still take 2, 2
and 4 pages."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pypdf
import pypdfium2
import pytest
from PIL import Image

from conftest import HANDOUT_PDFS, PDFS, PRINT, built_list, fold, page_of
from soleus_site.handout import NOTES_LINES, pdf_form

# Each blank of the plan is a named, empty field --------------------------------------------------

PLAN_FIELDS = {"patient": "Name", "date": "Date", "clinician": "Clinician", "sets": "Sets",
               "leg": "Leg", "repetitions": "Repetitions", "weight": "Weight",
               "times_a_week": "Times a week", "level": "Your level", "notes": "Notes",
               "phone": "Phone"}
TYPED = {"patient": "Sam Patel", "date": "1 December 2026", "clinician": "Jo Smith", "sets": "3",
         "repetitions": "12", "weight": "5 kg in a backpack", "times_a_week": "3",
         "notes": "Stop if the pain goes above 3 out of 10.", "phone": "01234 567890"}
RADIO, MULTILINE = 1 << 15, 1 << 12


@pytest.mark.parametrize("pdf", HANDOUT_PDFS)
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
    levels = [line.split(":")[0] for line in built_list(site, "make-it-easier-or-harder", page_of(pdf))]
    assert levels == ["Easier", "Standard", "Harder"]
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


# Filled with a podiatrist's realistic plan -------------------------------------------------------

REALISTIC = {
    "patient": "Samantha Okonkwo-Richardson",
    "date": "12 December 2026",
    "clinician": "J. Patel, Podiatrist (HCPC CH12345)",
    "sets": "3",
    "repetitions": "12 slow (3 s down)",
    "weight": "5 kg in a backpack",
    "times_a_week": "3 (Mon, Wed, Fri)",
    "phone": "01234 567890 (ext 2)",
    "notes": "Start on both feet for the first week. Keep the knee bent and lower slowly over 3 "
             "seconds. Stop if pain goes above 5 out of 10 or is worse the next morning. Review "
             "in 4 weeks at the clinic.",
}
DPI = 100
PDFTOPPM = shutil.which("pdftoppm")


def options(reader: pypdf.PdfReader, group: str) -> list[str]:
    """A radio group's options, in the order of its boxes: each widget's on state."""
    field = next(field.get_object() for field in reader.trailer["/Root"]["/AcroForm"]["/Fields"]
                 if field.get_object()["/T"] == group)
    return [next(str(state)[1:] for state in kid.get_object()["/AP"]["/N"] if state != "/Off")
            for kid in field["/Kids"]]


def widgets(reader: pypdf.PdfReader) -> list[tuple[int, str, str | None, list[float]]]:
    """Each widget: (page index, its field's name, its on state for a box or None, Rect)."""
    found = []
    for index, page in enumerate(reader.pages):
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Widget":
                continue
            field = annotation.get("/Parent", annotation).get_object()
            state = None
            if field.get("/FT") == "/Btn":
                state = next(str(key)[1:] for key in annotation["/AP"]["/N"] if key != "/Off")
            found.append((index, str(field["/T"]), state, [float(v) for v in annotation["/Rect"]]))
    return found


@pytest.fixture(scope="module")
def filled(handout, tmp_path_factory):
    """Each PDF, its blank and its filled bytes, the middle level chosen from its own options."""
    site, _ = handout
    folder = tmp_path_factory.mktemp("filled")
    made = {}
    for pdf in PDFS:
        blank = (site / pdf).read_bytes()
        levels = options(pypdf.PdfReader(io.BytesIO(blank)), "level")
        chosen = {"leg": "Right", "level": levels[len(levels) // 2]}
        data = pdf_form.fill(blank, {**REALISTIC, **chosen}, NOTES_LINES)
        (folder / pdf.replace("/", "_")).write_bytes(data)
        made[pdf] = (blank, data, chosen, folder / pdf.replace("/", "_"))
    return made


def poppler_pages(data: bytes, folder, name: str) -> list[Image.Image]:
    source = folder / f"{name}.pdf"
    source.write_bytes(data)
    subprocess.run([PDFTOPPM, "-r", str(DPI), "-png", str(source), str(folder / name)], check=True)
    return [Image.open(path).convert("L") for path in sorted(folder.glob(f"{name}-*.png"),
                                                               key=lambda p: int(p.stem.rsplit("-", 1)[1]))]


def pdfium_pages(data: bytes) -> list[Image.Image]:
    document = pypdfium2.PdfDocument(data)
    document.init_forms()  # draw the form fields, as a reader shows them
    return [document[index].render(scale=DPI / 72, may_draw_forms=True).to_pil().convert("L")
            for index in range(len(document))]


def ink(image: Image.Image, rect: list[float], page_height: float) -> int:
    """How many dark pixels are inside a widget's rectangle."""
    x0, y0, x1, y1 = min(rect[0], rect[2]), min(rect[1], rect[3]), max(rect[0], rect[2]), max(rect[1], rect[3])
    scale = DPI / 72
    box = (round(x0 * scale) + 1, round((page_height - y1) * scale) + 1,
           round(x1 * scale) - 1, round((page_height - y0) * scale) - 1)
    return sum(1 for value in image.crop(box).getdata() if value < 128)


@pytest.mark.skipif(PDFTOPPM is None, reason="pdftoppm (poppler-utils) is missing: run  make test")
@pytest.mark.parametrize("renderer", ("poppler", "pdfium"))
@pytest.mark.parametrize("pdf", PDFS)
def test_exactly_the_chosen_boxes_show_a_tick_in_each_reader(filled, pdf, renderer, tmp_path):
    blank, data, chosen, _ = filled[pdf]
    if renderer == "poppler":
        before, after = (poppler_pages(blank, tmp_path, "blank"), poppler_pages(data, tmp_path, "filled"))
    else:
        before, after = pdfium_pages(blank), pdfium_pages(data)
    reader = pypdf.PdfReader(io.BytesIO(data))
    ticked, boxes = [], 0
    for index, name, state, rect in widgets(reader):
        if state is None:
            continue
        boxes += 1
        height = float(reader.pages[index].mediabox.height)
        added = ink(after[index], rect, height) - ink(before[index], rect, height)
        if added > 10:  # a tick: tens of dark pixels at 100 dpi
            ticked.append((name, state))
        else:
            assert added == 0, (name, state, added)
    assert boxes == 6
    assert sorted(ticked) == sorted(chosen.items())


@pytest.mark.parametrize("pdf", PDFS)
def test_every_value_is_whole_inside_its_field(filled, pdf):
    _, data, chosen, _ = filled[pdf]
    reader = pypdf.PdfReader(io.BytesIO(data))
    fields = reader.get_fields()
    assert {name: fields[name]["/V"] for name in REALISTIC} == REALISTIC
    assert {name: fields[name]["/V"] for name in chosen} == {
        name: f"/{value}" for name, value in chosen.items()}
    checked = set()
    for page in reader.pages:
        for annotation in page.get("/Annots", []):
            field = annotation.get_object()
            if field.get("/FT") != "/Tx":
                continue
            name, value = str(field["/T"]), str(field["/V"])
            x0, y0, x1, y1 = (float(v) for v in field["/Rect"])
            width, height = abs(x1 - x0), abs(y1 - y0)
            font_name, size = re.search(r"/(\S+) ([\d.]+) Tf", str(field["/DA"])).groups()
            size = float(size)
            font = field["/AP"]["/N"]["/Resources"]["/Font"][f"/{font_name}"].get_object()
            advance, to_unicode = font_metrics(font)
            stream = field["/AP"]["/N"].get_object().get_data().decode("latin-1")
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            ascent, descent = (float(descriptor[key]) * size / 1000 for key in ("/Ascent", "/Descent"))
            lines, baseline = [], None
            for move, hexa in re.findall(r"([-\d.]+ [-\d.]+) Td|<([0-9a-f]*)> Tj", stream):
                if move:
                    baseline = (baseline or 0) + float(move.split()[1])
                    continue
                codes = [int(hexa[i:i + 4], 16) for i in range(0, len(hexa), 4)]
                text = "".join(to_unicode[code] for code in codes)
                lines.append(text)
                # each line fits the field's width, measured with the PDF font's own widths ...
                assert sum(advance[code] for code in codes) * size / 1000 <= width - 1, (name, text)
                # ... and its height: its glyphs, ascent to descent, are inside the rectangle
                assert baseline + descent >= 0 and baseline + ascent <= height, (name, text)
            # The whole value, in order: only the spaces where a line breaks are left out
            assert " ".join(lines) == value, name
            if name == "notes":  # a multi-line field with room for 3 lines at least
                assert int(field.get("/Ff", 0)) & (1 << 12)
                assert height >= 3 * (ascent - descent)
            checked.add(name)
    assert checked == set(REALISTIC)


def font_metrics(font) -> tuple[dict[int, float], dict[int, str]]:
    """A Type0 font's glyph widths (1/1000 em, from /W) and its ToUnicode map (code to text)."""
    descendant = font["/DescendantFonts"][0].get_object()
    widths, items = {}, list(descendant["/W"])
    while items:
        first = int(items.pop(0))
        if isinstance(items[0], pypdf.generic.ArrayObject):
            for offset, width in enumerate(items.pop(0)):
                widths[first + offset] = float(width)
        else:
            last, width = int(items.pop(0)), float(items.pop(0))
            for code in range(first, last + 1):
                widths[code] = width
    cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
    to_unicode = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, text in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            to_unicode[int(code, 16)] = bytes.fromhex(text).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for first, last, text in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            start = int(text, 16)
            for offset, code in enumerate(range(int(first, 16), int(last, 16) + 1)):
                to_unicode[code] = chr(start + offset)
    return widths, to_unicode


@pytest.mark.parametrize("pdf", PDFS)
def test_the_filled_sheets_keep_their_pages(filled, pdf):
    _, data, _, _ = filled[pdf]
    assert len(pypdf.PdfReader(io.BytesIO(data)).pages) == PRINT[pdf][1]


def test_the_levels_to_tick_are_the_pages_own(filled, handout):
    site, _ = handout
    names = [line.split(":")[0] for line in built_list(site, "make-it-easier-or-harder")]
    for pdf in PDFS:
        blank, _, _, _ = filled[pdf]
        assert options(pypdf.PdfReader(io.BytesIO(blank)), "level") == names
        assert options(pypdf.PdfReader(io.BytesIO(blank)), "leg") == ["Left", "Right", "Both"]
