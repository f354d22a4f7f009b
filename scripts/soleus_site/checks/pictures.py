"""Pictures: each gets its width and height (so the page does not jump as it loads); the first
is fetched early (it is often the largest thing on screen), the rest only when scrolled near
(loading="lazy"), so a phone fetches little it does not show. A picture without alt text is an
error, at its line.

Staff write plain Markdown pictures; this adds what a fast page needs, on the page's element tree
as Python-Markdown builds it, before the HTML is written. A picture over the plugin's
picture_warn_kb (500 KB) gets a warning (phones load it slowly), one over picture_max_kb (5 MB)
is an error, and alt text that is only the file's name gets a warning. A picture with more pixels
than can be opened safely (page_tools.MAX_PIXELS, about 89 megapixels, such as a 200-megapixel
phone photo) is an error at its line instead; it is never opened to be decoded, nor published
(published_pictures.py).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from pathlib import Path
from typing import Callable

from ..page_model import PageSource
from ..page_tools import MAX_PIXELS, image_size, pixel_size, too_many_pixels
from ..problems import Problem

ALT_TEXT_MISSING = ("picture '{url}' has no alt text: describe what it shows inside the square "
                    "brackets, for example ![Side view of the exercise](images/picture.svg)")
ALT_TEXT_FILE_NAME = ("picture '{url}' has its file name as alt text: describe what the picture "
                      "shows inside the square brackets, for someone who cannot see it")
PICTURE_TOO_LARGE = ("picture '{url}' is {size}, {what} on a phone: make it smaller than "
                     "{warn_kb} KB (for example, save it at most 1600 pixels wide, as a JPEG for "
                     "photos)")
TOO_MANY_PIXELS = ("{what} is {width} x {height} pixels ({megapixels} megapixels), too many to open "
                   "safely (the limit is {limit} megapixels): save it smaller, for example at most "
                   "1600 pixels wide, as a JPEG for photos")


def too_many_pixels_message(what: str, size: tuple[int, int] | None) -> str | None:
    """What to tell staff about a picture (`what`: "picture 'images/x.jpg'") too large to open
    safely; None when it is not."""
    if size is None or not too_many_pixels(size):
        return None
    return TOO_MANY_PIXELS.format(what=what, width=size[0], height=size[1],
                                  megapixels=round(size[0] * size[1] / 1_000_000),
                                  limit=MAX_PIXELS // 1_000_000)


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


# The kinds of reference (page_model.Reference) a page shows as a picture: a video's poster too
SHOWN_PICTURES = ("picture", "video poster")


def picture_problems(page: PageSource, file_for: Callable[[str], Path | None], warn_kb: int,
                     max_kb: int) -> list[Problem]:
    """Every picture of the page with no alt text (a decorative one needs none) or its file's
    name as alt text, every picture too heavy for a phone, and every picture or video poster too
    large to open safely."""
    problems = []
    for reference in page.references:
        if reference.kind not in SHOWN_PICTURES:
            continue
        alt = (reference.alt or "").strip()
        is_picture = reference.kind == "picture"
        if is_picture and not alt and not reference.decorative:
            problems.append(Problem(page.shown_path, reference.line,
                                    ALT_TEXT_MISSING.format(url=reference.url)))
        file = file_for(reference.url)
        if file is None:
            continue
        if is_picture and alt and _plain(alt) in (_plain(file.name), _plain(file.stem)):
            problems.append(Problem(page.shown_path, reference.line, ALT_TEXT_FILE_NAME.format(
                url=reference.url), "warning"))
        # A poster is named as the :video: shortcode's messages name it: its address in the
        # built page is not what staff wrote
        pixels = too_many_pixels_message(f"picture '{reference.url}'" if is_picture
                                         else f"poster '{file.name}'", pixel_size(file))
        if pixels:  # the one thing to fix (its size in bytes goes with it)
            problems.append(Problem(page.shown_path, reference.line, pixels))
            continue
        size = file.stat().st_size
        if is_picture and size > warn_kb * 1000:
            too_large = size > max_kb * 1000
            problems.append(Problem(page.shown_path, reference.line, PICTURE_TOO_LARGE.format(
                url=reference.url, size=_shown_size(size), warn_kb=warn_kb,
                what="too large to publish" if too_large else "slow to load"),
                "error" if too_large else "warning"))
    return problems


def unshown_picture_problems(pictures: dict[Path, str], shown: set[Path]) -> list[Problem]:
    """Each picture published from docs/ (its file: as staff know it) that no page shows, so no
    line is told, and is too large to open safely: an error at the file."""
    return [Problem(name, 0, message) for path, name in pictures.items() if path not in shown
            and (message := too_many_pixels_message("this picture", pixel_size(path)))]


def _plain(text: str) -> str:
    return " ".join(text.lower().replace("-", " ").replace("_", " ").split())


def _shown_size(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{size // 1000} KB"

