"""Makes the handout's fonts from Atkinson Hyperlegible, with a zero that has no slash.

Atkinson Hyperlegible (by the Braille Institute, for readers with low vision) draws its zero with
a slash, so that it is never taken for the letter O. On a patient's sheet a slashed zero reads as
"Ø" ("10" as "1Ø"), and the font has no plain zero to switch to. This script keeps everything
else and gives the zero (and its tabular twin, which is drawn from it) one open counter: the
letter O's counter fitted inside the zero's own outline, so the zero stays narrower than the O
and keeps its stroke. The fonts are renamed "Atkinson Hyperlegible Open Zero", as the SIL Open
Font License asks of a changed font.

    python scripts/make_fonts.py      # writes scripts/soleus_site/handout/fonts/*.ttf

The originals, unchanged, are in scripts/font-sources/ (from the npm package
@expo-google-fonts/atkinson-hyperlegible@0.4.1). The output is the same file each time.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools.pens.recordingPen import RecordingPen
from fontTools.pens.transformPen import TransformPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent
SOURCES = ROOT / "font-sources"
FONTS_DIR = ROOT / "soleus_site" / "handout" / "fonts"
STYLES = ("Regular", "Bold")
FAMILY, NEW_FAMILY = "Atkinson Hyperlegible", "Atkinson Hyperlegible Open Zero"


def contours(font: TTFont, glyph: str) -> list[list[tuple]]:
    """A glyph's outline, one list of pen operations per contour."""
    pen = RecordingPen()
    font.getGlyphSet()[glyph].draw(pen)
    found, current = [], []
    for operation in pen.value:
        current.append(operation)
        if operation[0] in ("closePath", "endPath"):
            found.append(current)
            current = []
    return found


def bounds(contour: list[tuple]) -> tuple[float, float, float, float]:
    points = [point for _, arguments in contour for point in arguments if point is not None]
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return min(xs), min(ys), max(xs), max(ys)


def open_zero(font: TTFont) -> None:
    """The zero's outer outline with the O's counter, fitted to the zero's two counters."""
    outer, *counters = contours(font, "zero")
    o_counter = contours(font, "O")[1]
    boxes = [bounds(counter) for counter in counters]
    target = (min(b[0] for b in boxes), min(b[1] for b in boxes),
              max(b[2] for b in boxes), max(b[3] for b in boxes))
    source = bounds(o_counter)
    scale_x = (target[2] - target[0]) / (source[2] - source[0])
    scale_y = (target[3] - target[1]) / (source[3] - source[1])
    pen = TTGlyphPen(font.getGlyphSet())
    for operation, arguments in outer:
        getattr(pen, operation)(*arguments)
    fitted = TransformPen(pen, (scale_x, 0, 0, scale_y, target[0] - source[0] * scale_x,
                                target[1] - source[1] * scale_y))
    for operation, arguments in o_counter:
        getattr(fitted, operation)(*arguments)
    font["glyf"]["zero"] = pen.glyph()


def rename(font: TTFont) -> None:
    for record in font["name"].names:
        text = record.toUnicode()
        renamed = (text.replace(FAMILY, NEW_FAMILY)
                   .replace(FAMILY.replace(" ", ""), NEW_FAMILY.replace(" ", "")))
        if renamed != text:
            record.string = renamed


def main(out_dir: Path = FONTS_DIR) -> list[Path]:
    written = []
    for style in STYLES:
        font = TTFont(SOURCES / f"AtkinsonHyperlegible-{style}.ttf", recalcTimestamp=False)
        open_zero(font)
        rename(font)
        target = out_dir / f"AtkinsonHyperlegibleOpenZero-{style}.ttf"
        font.save(target)
        written.append(target)
    return written


if __name__ == "__main__":
    for path in main(Path(sys.argv[1]) if len(sys.argv) > 1 else FONTS_DIR):
        print(f"wrote {path}")
