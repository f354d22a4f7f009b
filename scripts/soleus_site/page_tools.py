"""What several parts of the build need to know about a page, in one place: the checks, the
handout and the shortcodes all import from here (and never from each other).

    page_text(data)            a page's file as text: without a byte order mark, LF line endings
    field_line(page, name)     the line of a front matter field
    docs_path(path, src_uri)   a path written in a page, as a path in docs/
    image_size(path)           a picture's width and height, from its header (even a huge one's)
    pixel_size(path)           the same for a picture made of pixels (not an SVG), as shown
    exif_orientation(picture)  which way a photo's EXIF says to turn it
    too_many_pixels(size)      whether a picture is too large to open (decode) safely
    header_only()              Pillow opening pictures to read their headers, never to decode
    box_of(element)            whether an element is a box ("!!! type" or "??? type"), its type
                               and its title
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml
from PIL import ExifTags, Image, UnidentifiedImageError

from .page_model import PageSource

FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(?P<body>.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
# The most pixels a picture may have: Pillow's own limit (about 89 megapixels). Decoding a picture
# takes memory for every pixel (a 200-megapixel phone photo, 600 MB), so Pillow warns over this
# and refuses over twice this (DecompressionBombError, "could be decompression bomb DOS attack").
# A picture over it is an error at its line (checks/pictures.py); it is never decoded.
MAX_PIXELS = Image.MAX_IMAGE_PIXELS
QUARTER_TURNS = {5, 6, 7, 8}  # EXIF orientations that turn a picture a quarter (with or without a flip)


def page_text(data: bytes, errors: str = "strict") -> str:
    """A page's file as text, however it was saved: UTF-8 with or without a byte order mark (as
    Notepad and Word write it), and Windows (CRLF) or old Mac (CR) line endings as LF, so that
    MkDocs' front matter, the shortcodes, the source lines and the handout all see the lines the
    way an LF file gives them. A file that is not UTF-8 raises UnicodeDecodeError, unless
    `errors` says otherwise (as bytes.decode)."""
    return data.decode("utf-8-sig", errors).replace("\r\n", "\n").replace("\r", "\n")


def field_line(page: PageSource, name: str) -> int:
    """The line of a front matter field, from YAML's own positions; 1 when it is not there."""
    block = FRONT_MATTER.match(page.text)
    try:
        node = yaml.compose(block.group("body")) if block else None
    except yaml.YAMLError:
        node = None
    if isinstance(node, yaml.MappingNode):
        for key, _ in node.value:
            if key.value == name:
                return key.start_mark.line + 2  # +1 for 1-based, +1 for the opening '---'
    return 1


def docs_path(path: str, src_uri: str) -> str:
    """A path written in a page, as a path in docs/ (MkDocs' own rule for links to files)."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path))


def too_many_pixels(size: tuple[int, int]) -> bool:
    """Whether a picture of this width and height is too large to open (decode) safely."""
    return size[0] * size[1] > MAX_PIXELS


@contextmanager
def header_only():
    """Pillow's pixel limit lifted while pictures are opened to read their headers (their size,
    kind, metadata), which takes no memory for pixels: so a huge picture's size can be told to
    staff, not end the build in a traceback. Nothing may decode a picture meanwhile: decode only
    after checking too_many_pixels, outside this. (The build runs in one thread.)"""
    limit = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None
    try:
        yield
    finally:
        Image.MAX_IMAGE_PIXELS = limit


def exif_orientation(picture: Image.Image) -> int:
    """A picture's EXIF orientation (1 to 8; 1, as stored, when it has none or it cannot be read),
    from the EXIF Pillow has read with the header: finding it never decodes the picture. (Pillow's
    getexif() may, for a PNG, and falls back on XMP's orientation, which browsers do not follow.)"""
    exif = Image.Exif()
    try:
        exif.load(picture.info.get("exif") or b"")
    except SyntaxError:  # not EXIF after all
        return 1
    orientation = exif.get(ExifTags.Base.Orientation, 1)
    return orientation if orientation in range(1, 9) else 1


def image_size(path: Path) -> tuple[int, int] | None:
    """Width and height of an SVG (from its viewBox), PNG or JPEG, however large (read from its
    header: see too_many_pixels); None if unreadable."""
    if path.suffix.lower() == ".svg":
        try:
            _, svg = next(etree.iterparse(path, events=("start",)))
            _, _, width, height = (float(part) for part in
                                   svg.get("viewBox", "").replace(",", " ").split())
        except (etree.ParseError, StopIteration, ValueError, OSError):
            return None
        return round(width), round(height)
    return pixel_size(path)


def pixel_size(path: Path) -> tuple[int, int] | None:
    """Width and height in pixels of a PNG, JPEG, WebP... however large, as it is shown: a photo
    its EXIF orientation says to turn a quarter is as wide as it is stored high (a browser turns a
    JPEG, and its published copy is turned: published_pictures.py). None if it is not such a
    picture, or unreadable."""
    if path.suffix.lower() == ".svg":
        return None
    try:
        with header_only(), Image.open(path) as picture:
            width, height = picture.size
            return (height, width) if exif_orientation(picture) in QUARTER_TURNS else (width, height)
    except (UnidentifiedImageError, OSError):
        return None


@dataclass
class BoxFound:
    kind: str  # "warning", "note"...; "" for a box written without a type
    title: etree.Element | None  # its title (<p class="admonition-title"> or <summary>), if any


def box_of(element: etree.Element) -> BoxFound | None:
    """The box an element is, as Python-Markdown writes it: "!!! type" is a div of class
    "admonition type", "??? type" (pymdownx.details) a details of class "type". None otherwise."""
    classes = _classes(element)
    if element.tag == "div" and classes[:1] == ["admonition"]:
        kind = classes[1] if len(classes) > 1 else ""
    elif element.tag == "details":
        kind = classes[0] if classes else ""
    else:
        return None
    title = next((child for child in element
                  if child.tag == "summary" or "admonition-title" in _classes(child)), None)
    return BoxFound(kind, title)


def _classes(element: etree.Element) -> list[str]:
    return (element.get("class") or "").split()
