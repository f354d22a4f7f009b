"""Pictures in built pages: every <img> gets its width and height (so the page does not jump as
it loads); the first is fetched early (it is often the largest thing on screen), the rest only
when scrolled near (loading="lazy"), so a phone fetches little it does not show.

Staff write plain Markdown pictures; this adds what a fast page needs.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path
from typing import Callable

IMG_TAG = re.compile(r"<img\b[^>]*>")
ATTRIBUTE = re.compile(r'\s(?P<name>[a-z-]+)="(?P<value>[^"]*)"')
SVG_SIZE = re.compile(r'<svg\b[^>]*?\bviewBox="[-\d.]+[ ,]+[-\d.]+[ ,]+(?P<width>[\d.]+)[ ,]+(?P<height>[\d.]+)"')


def size_images(html: str, file_for: Callable[[str], Path | None]) -> str:
    """Add width, height, decoding and fetch priority or lazy loading to each <img>.

    `file_for` maps an img src to the picture's file, or None when it is not ours.
    """
    count = 0

    def complete(match: re.Match) -> str:
        nonlocal count
        tag = match.group(0)
        attributes = {m["name"]: m["value"] for m in ATTRIBUTE.finditer(tag)}
        count += 1
        added = []
        file = file_for(attributes.get("src", ""))
        if file and "width" not in attributes and "height" not in attributes:
            size = image_size(file)
            if size:
                added.append(f'width="{size[0]}" height="{size[1]}"')
        if "loading" not in attributes and "fetchpriority" not in attributes:
            added.append('fetchpriority="high"' if count == 1 else 'loading="lazy"')
        if "decoding" not in attributes:
            added.append('decoding="async"')
        return tag[:4] + " " + " ".join(added) + tag[4:] if added else tag

    return IMG_TAG.sub(complete, html)


def image_size(path: Path) -> tuple[int, int] | None:
    """Width and height of an SVG (from its viewBox), PNG or JPEG; None if unreadable."""
    data = path.read_bytes()
    if path.suffix.lower() == ".svg":
        match = SVG_SIZE.search(data[:4000].decode("utf-8", "replace"))
        return (round(float(match["width"])), round(float(match["height"]))) if match else None
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return struct.unpack(">II", data[16:24])
    if data[:2] == b"\xff\xd8":
        offset = 2
        while offset + 9 < len(data):
            marker, length = data[offset + 1], struct.unpack(">H", data[offset + 2:offset + 4])[0]
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                height, width = struct.unpack(">HH", data[offset + 5:offset + 9])
                return width, height
            offset += 2 + length
    return None
