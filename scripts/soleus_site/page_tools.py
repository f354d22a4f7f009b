"""What several parts of the build need to know about a page, in one place: the checks, the
handout and the shortcodes all import from here (and never from each other).

    page_text(data)            a page's file as text: without a byte order mark, LF line endings
    field_line(page, name)     the line of a front matter field
    docs_path(path, src_uri)   a path written in a page, as a path in docs/
    image_size(path)           a picture's width and height
    box_of(element)            whether an element is a box ("!!! type" or "??? type"), its type
                               and its title
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from pathlib import Path

import yaml
from PIL import Image, UnidentifiedImageError

from .page_model import PageSource

FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(?P<body>.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)


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


def image_size(path: Path) -> tuple[int, int] | None:
    """Width and height of an SVG (from its viewBox), PNG or JPEG; None if unreadable."""
    if path.suffix.lower() == ".svg":
        try:
            _, svg = next(etree.iterparse(path, events=("start",)))
            _, _, width, height = (float(part) for part in
                                   svg.get("viewBox", "").replace(",", " ").split())
        except (etree.ParseError, StopIteration, ValueError, OSError):
            return None
        return round(width), round(height)
    try:
        with Image.open(path) as picture:  # reads the header only
            return picture.size
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
