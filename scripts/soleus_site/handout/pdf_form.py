"""The plan's form fields in a handout PDF, finished after WeasyPrint writes them, so that every
PDF reader shows the same thing.

WeasyPrint (pdf_forms=True) makes each input of the sheet a field, but leaves their drawing to
the reader: text fields have no appearance, a box to tick has an appearance only for "ticked"
(none for "not ticked", which poppler then draws as nothing even once ticked), the radio group's
widgets are named like fields of their own, and the form asks every reader to redraw the fields
(NeedAppearances). This module, run on the PDF WeasyPrint wrote:

- gives each radio group's widget an on state named by its option (e.g. /Right) and an /Off
  state, as normal (/N) and pressed-down (/D) appearances: a tick, or nothing (the box itself is
  drawn on the page); the widgets are no longer named as fields, and each widget's tag in the
  structure tree gets the option's name as its alternate description ("Leg: Right");
- draws each text field's value (empty, in the published PDFs) with the field's own font and size,
  on one line, or wrapped on the notes' ruled lines for a multi-line field;
- takes NeedAppearances away, so readers show the appearances as they are.

`fill` puts values in the fields the same way (what a reader does when one types or ticks); the
tests use it. pypdf reads and writes the file: pure Python, already used to read the PDFs back in
the tests, and its output is the same bytes for the same input.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Mapping

import pypdf
from pypdf.generic import (ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject,
                           NameObject, NumberObject, TextStringObject)

RADIO = 1 << 15  # field flags (PDF 32000-1, 12.7.4.2 and 12.7.4.3)
MULTILINE = 1 << 12
INSET = 1.0  # pt between a field's left edge and its text (the field's line is the page's)
TICK_WIDTH = 0.16  # of the box's side: the tick's stroke, as the page's CSS tick


@dataclass
class FieldFont:
    """The font a text field's DA names, as its appearance needs it: resource name, size,
    colour, the embedded font's glyph ids and widths (1/1000 em), ascent and descent."""

    name: str
    size: float
    colour: str  # a PDF colour operator, e.g. "0.067 0.067 0.067 rg"
    reference: object
    glyphs: dict[int, int]
    widths: dict[int, float]
    ascent: float
    descent: float

    def width(self, text: str) -> float:
        """How wide `text` prints, in points."""
        return sum(self.widths.get(self.glyphs.get(ord(char), 0), 0) for char in text) \
            * self.size / 1000

    def encoded(self, text: str) -> str:
        """`text` as a hex string of 2-byte glyph ids (Identity-H, CID = glyph id)."""
        return "".join(f"{self.glyphs.get(ord(char), 0):04x}" for char in text)


def finish(data: bytes, notes_lines: int) -> bytes:
    """The PDF WeasyPrint wrote, with its fields finished (see the module's docstring);
    `notes_lines`: how many lines a multi-line field has room for."""
    writer = _writer(data)
    form = writer.root_object["/AcroForm"]
    if "/NeedAppearances" in form:
        del form["/NeedAppearances"]
    fonts: dict[str, FieldFont] = {}
    alternates = _structure_elements(writer)
    # WeasyPrint lists a radio group's widgets among the fields too: they are its kids only
    kids = {kid.idnum for reference in form["/Fields"]
            for kid in reference.get_object().get("/Kids", [])}
    form[NameObject("/Fields")] = ArrayObject(
        reference for reference in form["/Fields"] if reference.idnum not in kids)
    for field in (reference.get_object() for reference in form["/Fields"]):
        if field.get("/FT") == "/Tx":
            font = _field_font(field, form, fonts)
            field[NameObject("/DA")] = TextStringObject(
                f"/{font.name} {_number(font.size)} Tf {font.colour}")
            _draw_text(writer, field, font, str(field.get("/V", "")), notes_lines)
        elif field.get("/FT") == "/Btn" and int(field.get("/Ff", 0)) & RADIO:
            options = [str(option) for option in field.get("/Opt", [])]
            if "/Opt" in field:  # the states are named by the options themselves
                del field["/Opt"]
            for kid, option in zip(field["/Kids"], options):
                widget = kid.get_object()
                for key in ("/T", "/TU", "/FT", "/V"):  # a widget of the group, not a field
                    if key in widget:
                        del widget[key]
                _draw_box(writer, widget, NameObject(_state(option)))
                tag = alternates.get(widget.get("/StructParent"))
                if tag is not None:
                    tag[NameObject("/Alt")] = TextStringObject(f"{field['/TU']}: {option}")
    return _written(writer)


def fill(data: bytes, values: Mapping[str, str], notes_lines: int) -> bytes:
    """A finished PDF with `values` in its fields, by field name: a text field's text, or the
    option to tick in a radio group (as a reader does when one types or ticks)."""
    writer = _writer(data)
    form = writer.root_object["/AcroForm"]
    fonts: dict[str, FieldFont] = {}
    for field in (reference.get_object() for reference in form["/Fields"]):
        name = str(field.get("/T"))
        if name not in values:
            continue
        if field.get("/FT") == "/Tx":
            field[NameObject("/V")] = TextStringObject(values[name])
            _draw_text(writer, field, _field_font(field, form, fonts), values[name], notes_lines)
        else:
            state = NameObject(_state(values[name]))
            field[NameObject("/V")] = state
            for kid in field["/Kids"]:
                widget = kid.get_object()
                ticked = state in widget["/AP"]["/N"]
                widget[NameObject("/AS")] = state if ticked else NameObject("/Off")
    return _written(writer)


def wrapped(text: str, font: FieldFont, width: float) -> list[str]:
    """`text` broken into lines no wider than `width` points, between words (a word longer than
    a line is broken between letters), keeping the line breaks typed."""
    lines = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if font.width(candidate) <= width or not line:
                line = candidate
            else:
                lines.append(line)
                line = word
            while font.width(line) > width and len(line) > 1:
                cut = 1
                while font.width(line[:cut + 1]) <= width:
                    cut += 1
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line)
    return lines


def _state(option: str) -> str:
    """The name of an option's on state (pypdf writes a space in it as #20)."""
    return "/" + option


def _number(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".")


def _rectangle(widget) -> tuple[float, float]:
    x0, y0, x1, y1 = (float(value) for value in widget["/Rect"])
    return abs(x1 - x0), abs(y1 - y0)


def _field_font(field, form, fonts: dict[str, FieldFont]) -> FieldFont:
    """The font, size and colour of a text field's default appearance (DA)."""
    appearance = str(field.get("/DA", form.get("/DA", "")))
    name, size = re.search(r"/([^\s/]+)\s+([\d.]+)\s+Tf", appearance).groups()
    colour = re.search(r"([\d.]+\s+[\d.]+\s+[\d.]+\s+rg|[\d.]+\s+g)\b", appearance)
    if name not in fonts:
        from fontTools.ttLib import TTFont

        reference = form["/DR"]["/Font"].raw_get(f"/{name}")
        composite = reference.get_object()
        descriptor = composite["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        font = TTFont(io.BytesIO(descriptor["/FontFile2"].get_object().get_data()))
        scale = 1000 / font["head"].unitsPerEm
        glyphs = {code: font.getGlyphID(glyph) for code, glyph in font.getBestCmap().items()}
        widths = {font.getGlyphID(glyph): advance * scale
                  for glyph, (advance, _) in font["hmtx"].metrics.items()}
        fonts[name] = FieldFont(name, 0, "", reference, glyphs, widths,
                                float(descriptor["/Ascent"]), float(descriptor["/Descent"]))
    return FieldFont(**{**fonts[name].__dict__, "size": float(size),
                        "colour": colour.group(1) if colour else "0 g"})


def _draw_text(writer, field, font: FieldFont, value: str, notes_lines: int) -> None:
    """The field's normal appearance: its value in its font, on its line or lines."""
    width, height = _rectangle(field)
    glyph_height = (font.ascent - font.descent) * font.size / 1000
    if int(field.get("/Ff", 0)) & MULTILINE:
        lines = wrapped(value, font, width - 2 * INSET) if value else []
        slot = height / notes_lines  # each ruled line: the text sits on it as on the page
    else:
        lines = [value] if value else []
        slot = height
    commands = ["/Tx BMC", "q", f"0 0 {_number(width)} {_number(height)} re W n"]
    if lines:
        commands += ["BT", f"/{font.name} {_number(font.size)} Tf", font.colour]
        # the first line's glyphs (ascent to descent) in the middle of its slot
        baseline = height - slot + (slot - glyph_height) / 2 - font.descent * font.size / 1000
        commands.append(f"{_number(INSET)} {_number(baseline)} Td")
        for number, line in enumerate(lines):
            if number:
                commands.append(f"0 {_number(-slot)} Td")
            commands.append(f"<{font.encoded(line)}> Tj")
        commands.append("ET")
    commands += ["Q", "EMC"]
    field[NameObject("/AP")] = DictionaryObject({NameObject("/N"): _stream(
        writer, commands, width, height, {"/Font": DictionaryObject(
            {NameObject(f"/{font.name}"): font.reference})})})


def _draw_box(writer, widget, state: NameObject) -> None:
    """A radio widget's appearances: a tick in the box when on, nothing when off (the box is
    drawn on the page), each on a light grey while pressed."""
    width, height = _rectangle(widget)
    side = min(width, height)
    tick = ["q", "0.067 0.067 0.067 RG", f"{_number(TICK_WIDTH * side * 1.1)} w", "1 J 1 j",
            f"{_number(0.18 * width)} {_number(0.52 * height)} m",
            f"{_number(0.42 * width)} {_number(0.22 * height)} l",
            f"{_number(0.84 * width)} {_number(0.86 * height)} l", "S", "Q"]
    pressed = ["q", "0.8 g", f"0 0 {_number(width)} {_number(height)} re f", "Q"]
    widget[NameObject("/AP")] = DictionaryObject({
        NameObject("/N"): DictionaryObject({
            state: _stream(writer, tick, width, height),
            NameObject("/Off"): _stream(writer, [], width, height)}),
        NameObject("/D"): DictionaryObject({
            state: _stream(writer, pressed + tick, width, height),
            NameObject("/Off"): _stream(writer, pressed, width, height)}),
    })
    widget[NameObject("/AS")] = NameObject("/Off")
    widget[NameObject("/MK")] = DictionaryObject()  # a reader redrawing it draws no frame


def _stream(writer, commands: list[str], width: float, height: float, resources=None):
    stream = DecodedStreamObject()
    stream.set_data("\n".join(commands).encode("ascii"))
    stream.update({
        NameObject("/Type"): NameObject("/XObject"),
        NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/BBox"): ArrayObject([NumberObject(0), NumberObject(0),
                                          FloatObject(_number(width)),
                                          FloatObject(_number(height))]),
        NameObject("/Resources"): DictionaryObject(
            {NameObject(key): value for key, value in (resources or {}).items()}),
    })
    return writer._add_object(stream)


def _structure_elements(writer) -> dict[int, DictionaryObject]:
    """Each annotation's structure element, by its /StructParent key (the ParentTree)."""
    found = {}

    def walk(node):
        node = node.get_object()
        numbers = node.get("/Nums", [])
        for key, value in zip(numbers[::2], numbers[1::2]):
            value = value.get_object()
            if isinstance(value, DictionaryObject):
                found[int(key)] = value
        for kid in node.get("/Kids", []):
            walk(kid)

    tree = writer.root_object.get("/StructTreeRoot")
    if tree is not None and "/ParentTree" in tree.get_object():
        walk(tree.get_object()["/ParentTree"])
    return found


def _writer(data: bytes) -> pypdf.PdfWriter:
    """The PDF to change, as an incremental update: WeasyPrint's file stays as it is (its
    compressed object streams too) and the changed objects are added after it."""
    writer = pypdf.PdfWriter(io.BytesIO(data), incremental=True)
    # New objects take numbers from the trailer's /Size on: pypdf 7.1 would start at the last
    # cross-reference stream's own number, and a reader of the update (pypdf itself) may then
    # find that stream where the new object should be.
    size = int(writer._reader.trailer["/Size"])
    writer._objects += [None] * (size - 1 - len(writer._objects))
    return writer


def _written(writer) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
