"""Pictures: each gets its width and height (so the page does not jump as it loads); the first
is fetched early (it is often the largest thing on screen), the rest only when scrolled near
(loading="lazy"), so a phone fetches little it does not show. A picture without alt text is an
error, at its line.

Staff write plain Markdown pictures; this adds what a fast page needs, on the page's element tree
as Python-Markdown builds it, before the HTML is written.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from pathlib import Path
from typing import Callable

from PIL import Image, UnidentifiedImageError

from ..page_model import PageSource
from ..problems import Problem

ALT_TEXT_MISSING = ("picture '{url}' has no alt text: describe what it shows inside the square "
                    "brackets, for example ![Side view of the exercise](images/picture.svg)")


def size_pictures(root: etree.Element, file_for: Callable[[str], Path | None]) -> None:
    """Add width, height, decoding and fetch priority or lazy loading to each Markdown picture.

    `file_for` maps a picture's src to its file, or None when it is not one of ours.
    """
    for count, img in enumerate(root.iter("img")):
        file = file_for(img.get("src", ""))
        if file and img.get("width") is None and img.get("height") is None:
            size = image_size(file)
            if size:
                img.set("width", str(size[0]))
                img.set("height", str(size[1]))
        if img.get("loading") is None and img.get("fetchpriority") is None:
            img.set("fetchpriority" if count == 0 else "loading", "high" if count == 0 else "lazy")
        img.set("decoding", img.get("decoding") or "async")


def alt_text_problems(page: PageSource) -> list[Problem]:
    """Every picture of the page that has no alt text (a decorative one needs none)."""
    return [Problem(page.shown_path, reference.line, ALT_TEXT_MISSING.format(url=reference.url))
            for reference in page.references
            if reference.kind == "picture" and not reference.decorative
            and not (reference.alt or "").strip()]


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
