"""Published pictures are clean: the copy of a photo in site/ carries none of its hidden details.

A phone's photo carries more than its picture: where it was taken (GPS), when, the phone's make,
model and serial number, the owner's name, an editor's history (EXIF with its maker notes, XMP,
IPTC, comments; in a PNG, text and eXIf chunks; in a WebP, EXIF and XMP chunks). MkDocs would
publish the file as it is. Instead, each JPEG, PNG and WebP picture MkDocs copies from docs/ is a
`CleanPicture`, a MkDocs File whose copy is `publish_picture`:

- a picture with nothing hidden (`hidden_details` finds none) is copied byte for byte, so the
  build stays fast and its output stable (finding out reads its header, never its pixels);
- one with hidden details is written again with Pillow, keeping what showing it the same needs
  and nothing else: its EXIF orientation turned into its pixels (ImageOps.exif_transpose), so it
  stands as the camera meant; its ICC colour profile; a PNG's transparency and colour chunks
  (gAMA, cHRM, sRGB, cICP); an animation's frames, their durations and its loop. A JPEG keeps its
  own quantisation tables and chroma subsampling (Pillow's quality="keep"), so it is decoded and
  encoded again at its own quality, not made worse by a second choice of quality; a lossless WebP
  stays lossless, a lossy one is written at quality 90 (WebP has no "keep");
- one too large to open safely (page_tools.MAX_PIXELS), or one Pillow cannot read as a JPEG, PNG
  or WebP picture, is not published at all: the first is an error at the line that shows it
  (checks/pictures.py), the second at the file (UNREADABLE).

The files in docs/ are never changed.
"""

from __future__ import annotations

import io
import os
import shutil
import struct
from pathlib import Path
from typing import Callable

from mkdocs.structure.files import File
from PIL import Image, ImageOps, ImageSequence, JpegImagePlugin, PngImagePlugin

from .page_tools import exif_orientation, header_only, too_many_pixels

CLEANED_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp"}

# What publish_picture did with a picture
COPIED, CLEANED, TOO_LARGE, UNREADABLE_PICTURE = "copied", "cleaned", "too large", "unreadable"

KIND_NAMES = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WebP"}
UNREADABLE = ("this picture could not be read as a {kind} picture (it may be damaged, or of "
              "another kind under this name, such as an iPhone's HEIC), so it is not published: "
              "open it in a picture editor and save it again as a JPEG or PNG")
CLEANED_NOTE = ("Pictures: hidden details (such as where and when a photo was taken, the camera and "
                "its owner) left out of the published copy of {count}; docs/ is unchanged")

# A JPEG's segments before its picture that showing it needs (by marker, how its data starts and
# its length if it must be that): JFIF (pixel density, without a thumbnail: 14 bytes), the ICC
# colour profile, Adobe's colour transform. Any other (Exif and XMP in APP1, IPTC in APP13, MPF's
# second pictures in APP2, JFXX thumbnails, makers' own, comments) is hidden detail. (A thumbnail
# may show the photo as it was before it was cropped.)
JPEG_NEEDED = (("APP0", b"JFIF\0", 14), ("APP2", b"ICC_PROFILE\0", None), ("APP14", b"Adobe", None))
# A PNG's chunks that showing it needs or that say nothing of who, where or when (its picture,
# palette, transparency, colour, pixel density, animation). Any other (tEXt, zTXt, iTXt with XMP,
# eXIf, tIME, programs' own) is hidden detail.
PNG_NEEDED = {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"cHRM", b"gAMA", b"iCCP", b"sBIT", b"sRGB",
              b"cICP", b"mDCV", b"cLLI", b"bKGD", b"hIST", b"pHYs", b"sPLT", b"acTL", b"fcTL", b"fdAT"}
PNG_COLOUR = (b"cHRM", b"gAMA", b"sRGB", b"cICP")  # written again as they were (the ICC profile by Pillow)
# A WebP's chunks that showing it needs (its picture, alpha, animation, ICC profile); EXIF and
# XMP, or any other, are hidden detail.
WEBP_NEEDED = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP"}
WEBP_LOSSY_QUALITY = 90
AFTER_THE_END = "after the end"  # data after a picture's end: not shown, so not published


class CleanPicture(File):
    """A JPEG, PNG or WebP picture of docs/ whose copy in site/ is made by `publish(self)`."""

    def __init__(self, file: File, publish: Callable[[CleanPicture], None]):
        super().__init__(file.src_uri, file.src_dir, file.dest_dir, file.use_directory_urls,
                         dest_uri=file.dest_uri, inclusion=file.inclusion)
        self.publish = publish

    def copy_file(self, dirty: bool = False) -> None:
        if dirty and not self.is_modified():  # as MkDocs' own (mkdocs serve --dirty)
            return
        self.publish(self)


def publish_picture(source: Path, target: Path) -> str:
    """Write the picture's published copy: COPIED as it is, CLEANED of its hidden details, or not
    at all (TOO_LARGE, UNREADABLE_PICTURE)."""
    try:
        with header_only(), Image.open(source) as picture:
            size, kind = picture.size, picture.format
            hidden = hidden_details(source, picture)
    except (OSError, SyntaxError, ValueError):
        return UNREADABLE_PICTURE
    if too_many_pixels(size):
        return TOO_LARGE
    if kind not in ("JPEG", "MPO", "PNG", "WEBP"):
        return UNREADABLE_PICTURE
    os.makedirs(target.parent, exist_ok=True)
    if not hidden:
        shutil.copyfile(source, target)
        return COPIED
    try:
        data = clean_copy(source)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return UNREADABLE_PICTURE
    target.write_bytes(data)
    return CLEANED


def unreadable_message(source: Path) -> str:
    """What to tell staff about a picture publish_picture found UNREADABLE_PICTURE."""
    return UNREADABLE.format(kind=KIND_NAMES[source.suffix.lower()])


def hidden_details(source: Path, picture: Image.Image) -> list[str]:
    """What the picture carries beyond what showing it needs (the names of its segments or
    chunks, and "after the end" for data after the picture's end, which nothing shows); [] when
    nothing. `picture` is it opened by Pillow, its header read."""
    if picture.format in ("JPEG", "MPO"):  # Pillow has read every segment before the picture
        hidden = [marker for marker, data in picture.applist
                  if not any(marker == needed and data.startswith(start) and length in (None, len(data))
                             for needed, start, length in JPEG_NEEDED)]
        # A JPEG ends with its EOI marker (FF D9); some cameras pad it with zeros
        return hidden + ([AFTER_THE_END] if not source.read_bytes().rstrip(b"\0").endswith(b"\xff\xd9")
                         else [])
    if picture.format == "PNG":
        return [kind.decode("latin-1") for kind, _ in _png_chunks(source) if kind not in PNG_NEEDED]
    if picture.format == "WEBP":
        return [kind.decode("latin-1") for kind, _ in _webp_chunks(source) if kind not in WEBP_NEEDED]
    return []


def clean_copy(source: Path) -> bytes:
    """The picture written again with what showing it needs and nothing else (see the module's
    text). Only for a picture within page_tools.MAX_PIXELS: it is decoded."""
    out = io.BytesIO()
    with Image.open(source) as picture:
        if picture.format in ("JPEG", "MPO"):
            _save_jpeg(picture, out)
        elif picture.format == "PNG":
            _save_png(picture, out, [(kind, data) for kind, data in _png_chunks(source, read=PNG_COLOUR)
                                     if kind in PNG_COLOUR])
        else:
            _save_webp(picture, out, lossless=_webp_lossless(source))
    return out.getvalue()


def _turned(picture: Image.Image) -> Image.Image | None:
    """The picture stood the way its EXIF orientation says, or None when it already does (as
    page_tools.pixel_size sizes it)."""
    return ImageOps.exif_transpose(picture) if exif_orientation(picture) != 1 else None


def _save_jpeg(picture: Image.Image, out) -> None:
    # Only the first picture of an MPO (what browsers show), without its comment (Pillow would
    # copy it), with its ICC profile (Pillow would not)
    options = dict(format="JPEG", icc_profile=picture.info.get("icc_profile"), comment=b"",
                   progressive=bool(picture.info.get("progressive")))
    turned = _turned(picture)
    if turned is None and picture.format == "JPEG":
        picture.save(out, quality="keep", **options)
    else:  # "keep" takes a JPEG as read: given what it would take from it, the same
        (turned or picture).save(out, qtables=picture.quantization,
                                 subsampling=JpegImagePlugin.get_sampling(picture), **options)


def _save_png(picture: Image.Image, out, colour: list[tuple[bytes, bytes]]) -> None:
    info = PngImagePlugin.PngInfo()
    for kind, data in colour:
        info.add(kind, data)
    # Pillow writes the ICC profile and transparency from the picture's own, and no text or EXIF
    # unless asked
    if getattr(picture, "n_frames", 1) > 1:
        frames, durations = _frames(picture)
        frames[0].save(out, format="PNG", pnginfo=info, save_all=True, append_images=frames[1:],
                       duration=durations, loop=picture.info.get("loop", 0))
    else:
        (_turned(picture) or picture).save(out, format="PNG", pnginfo=info)


def _save_webp(picture: Image.Image, out, lossless: bool) -> None:
    # Pillow writes no EXIF, XMP or ICC profile unless given
    options = dict(format="WEBP", icc_profile=picture.info.get("icc_profile"), lossless=lossless)
    if not lossless:
        options["quality"] = WEBP_LOSSY_QUALITY
    if getattr(picture, "n_frames", 1) > 1:
        frames, durations = _frames(picture)
        frames[0].save(out, save_all=True, append_images=frames[1:], duration=durations,
                       loop=picture.info.get("loop", 0), **options)
    else:
        (_turned(picture) or picture).save(out, **options)


def _frames(picture: Image.Image) -> tuple[list[Image.Image], list[int]]:
    """An animation's frames, as Pillow puts them together, and how long each shows (ms)."""
    frames, durations = [], []
    for frame in ImageSequence.Iterator(picture):
        frame.load()  # a WebP's frame tells how long it shows only once it is read
        durations.append(frame.info.get("duration", 0))
        frames.append(frame.copy())
    return frames, durations


def _png_chunks(source: Path, read=()) -> list[tuple[bytes, bytes]]:
    """Each chunk of a PNG, in order: (its type, its data if its type is in `read`, else b"")."""
    chunks = []
    with open(source, "rb") as png:
        png.seek(8)  # the signature
        while header := png.read(8):
            if len(header) < 8:
                break
            length, kind = struct.unpack(">I4s", header)
            data = png.read(length) if kind in read else b""
            if kind not in read:
                png.seek(length, os.SEEK_CUR)
            png.seek(4, os.SEEK_CUR)  # its CRC
            chunks.append((kind, data))
            if kind == b"IEND":
                if png.read(1):
                    chunks.append((AFTER_THE_END.encode(), b""))
                break
    return chunks


def _webp_chunks(source: Path) -> list[tuple[bytes, int]]:
    """Each top-level chunk of a WebP (a RIFF file), in order: (its type, its size)."""
    chunks = []
    with open(source, "rb") as webp:
        _, riff_size = struct.unpack("<4sI", webp.read(8))  # "RIFF" and the size of what follows
        webp.seek(12)  # after "WEBP"
        while webp.tell() < 8 + riff_size and len(header := webp.read(8)) == 8:
            kind, size = struct.unpack("<4sI", header)
            chunks.append((kind, size))
            webp.seek(size + size % 2, os.SEEK_CUR)  # chunks are padded to an even size
        if webp.seek(0, os.SEEK_END) > 8 + riff_size:
            chunks.append((AFTER_THE_END.encode(), 0))
    return chunks


def _webp_lossless(source: Path) -> bool:
    """Whether a WebP's pictures are lossless (VP8L), not lossy (VP8), looking into an
    animation's frames too."""
    data = source.read_bytes()
    kinds = []
    position = 12
    while position + 8 <= len(data):
        kind, size = struct.unpack_from("<4sI", data, position)
        body = position + 8
        if kind == b"ANMF":  # a frame: 16 bytes of position and timing, then its own chunks
            inner = body + 16
            while inner + 8 <= body + size:
                inner_kind, inner_size = struct.unpack_from("<4sI", data, inner)
                kinds.append(inner_kind)
                inner += 8 + inner_size + inner_size % 2
        kinds.append(kind)
        position = body + size + size % 2
    return b"VP8L" in kinds and b"VP8 " not in kinds
