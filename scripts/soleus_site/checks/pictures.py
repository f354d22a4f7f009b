"""Pictures: each gets its width and height (so the page does not jump as it loads); the first
is fetched early (it is often the largest thing on screen), the rest only when scrolled near
(loading="lazy"), so a phone fetches little it does not show. A picture without alt text is an
error, at its line.

Staff write plain Markdown pictures; this adds what a fast page needs, on the page's element tree
as Python-Markdown builds it, before the HTML is written. A picture over the plugin's
picture_warn_kb (500 KB) gets a warning (phones load it slowly), one over picture_max_kb (5 MB)
is an error, and alt text that is only the file's name gets a warning.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from pathlib import Path
from typing import Callable

from ..page_model import PageSource
from ..page_tools import image_size
from ..problems import Problem

ALT_TEXT_MISSING = ("picture '{url}' has no alt text: describe what it shows inside the square "
                    "brackets, for example ![Side view of the exercise](images/picture.svg)")
ALT_TEXT_FILE_NAME = ("picture '{url}' has its file name as alt text: describe what the picture "
                      "shows inside the square brackets, for someone who cannot see it")
PICTURE_TOO_LARGE = ("picture '{url}' is {size}, {what} on a phone: make it smaller than "
                     "{warn_kb} KB (for example, save it at most 1600 pixels wide, as a JPEG for "
                     "photos)")


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


def picture_problems(page: PageSource, file_for: Callable[[str], Path | None], warn_kb: int,
                     max_kb: int) -> list[Problem]:
    """Every picture of the page with no alt text (a decorative one needs none) or its file's
    name as alt text, and every picture too heavy for a phone."""
    problems = []
    for reference in page.references:
        if reference.kind != "picture":
            continue
        alt = (reference.alt or "").strip()
        if not alt and not reference.decorative:
            problems.append(Problem(page.shown_path, reference.line,
                                    ALT_TEXT_MISSING.format(url=reference.url)))
        file = file_for(reference.url)
        if file is None:
            continue
        if alt and _plain(alt) in (_plain(file.name), _plain(file.stem)):
            problems.append(Problem(page.shown_path, reference.line, ALT_TEXT_FILE_NAME.format(
                url=reference.url), "warning"))
        size = file.stat().st_size
        if size > warn_kb * 1000:
            too_large = size > max_kb * 1000
            problems.append(Problem(page.shown_path, reference.line, PICTURE_TOO_LARGE.format(
                url=reference.url, size=_shown_size(size), warn_kb=warn_kb,
                what="too large to publish" if too_large else "slow to load"),
                "error" if too_large else "warning"))
    return problems


def _plain(text: str) -> str:
    return " ".join(text.lower().replace("-", " ").replace("_", " ").split())


def _shown_size(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{size // 1000} KB"

