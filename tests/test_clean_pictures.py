"""Published pictures are clean (published_pictures.py): a JPEG, PNG or WebP of docs/ is published
without its hidden details (EXIF with GPS, owner and serial number, XMP, IPTC, comments, PNG text
chunks, data after its end), standing and coloured as before (EXIF orientation turned into its
pixels, ICC profile and transparency kept, a JPEG at its own quality); one with nothing hidden is
copied byte for byte; one too large to open safely, or unreadable, is not published. docs/ is
never changed. In-process on small pictures made here with Pillow; the last build a copy of the
project with a phone's photo on the exercise page and its handout."""

from __future__ import annotations

import hashlib
import io
import os
import struct
from pathlib import Path

import lxml.html
import pytest
from PIL import (ExifTags, Image, ImageChops, ImageCms, ImageDraw, ImageOps, ImageSequence,
                 ImageStat, JpegImagePlugin, PngImagePlugin)

from conftest import (assert_failed_and_site_kept, edit, jpeg_header, line_of, png_header,
                      problems_of, run_build, tree_digest)
from soleus_site.page_tools import image_size, pixel_size
from soleus_site.published_pictures import (CLEANED, COPIED, TOO_LARGE, UNREADABLE_PICTURE,
                                            CleanPicture, hidden_details, publish_picture,
                                            unreadable_message)

OWNER, SERIAL, PLACE = "Jane Patient", "SN123456789", "12 Acacia Avenue"
SECRETS = (OWNER.encode(), SERIAL.encode(), PLACE.encode(), b"PhoneMaker")
XMP = ('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-'
       'syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>'
       f'{OWNER}</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>').encode()
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def phone_exif(orientation: int = 1) -> Image.Exif:
    """EXIF as a phone writes it: make and model, the owner, the serial number, where."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make], exif[ExifTags.Base.Model] = "PhoneMaker", "Phone 15"
    exif[ExifTags.Base.Artist] = OWNER
    exif[ExifTags.Base.Orientation] = orientation
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.BodySerialNumber] = SERIAL
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.CameraOwnerName] = OWNER
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef], gps[ExifTags.GPS.GPSLatitude] = "N", (51.0, 30.0, 12.5)
    gps[ExifTags.GPS.GPSLongitudeRef], gps[ExifTags.GPS.GPSLongitude] = "W", (0.0, 7.0, 40.2)
    return exif


def scene(mode: str = "RGB", size=(96, 64)) -> Image.Image:
    """A picture whose way up can be seen: a red block at the top left, a blue one at the bottom
    right, on a gradient."""
    picture = Image.linear_gradient("L").resize(size).convert(mode)
    draw = ImageDraw.Draw(picture)
    draw.rectangle((0, 0, size[0] // 3, size[1] // 4), fill="red")
    draw.rectangle((size[0] * 2 // 3, size[1] * 3 // 4, size[0], size[1]), fill="blue")
    if mode == "RGBA":  # and a see-through corner
        draw.rectangle((0, size[1] * 3 // 4, size[0] // 3, size[1]), fill=(0, 0, 0, 0))
    return picture


def phone_photo(path: Path, orientation: int = 6, **options) -> Path:
    """A JPEG as a phone leaves it: EXIF (GPS, owner, serial number), XMP, a comment, an ICC
    colour profile, and an orientation to turn it by."""
    scene().save(path, "JPEG", quality=85, exif=phone_exif(orientation), xmp=XMP,
                 comment=PLACE.encode(), icc_profile=SRGB, **options)
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def published(source: Path) -> tuple[str, Path]:
    """What publish_picture did, and where it wrote the copy; docs/'s file left as it was."""
    before = digest(source)
    target = source.parent / "site" / source.name
    done = publish_picture(source, target)
    assert digest(source) == before
    return done, target


def assert_nothing_hidden(path: Path) -> None:
    assert not any(secret in path.read_bytes() for secret in SECRETS)
    with Image.open(path) as picture:
        assert hidden_details(path, picture) == []
        assert dict(picture.getexif()) == {}
        assert {"exif", "xmp", "comment", "photoshop"}.isdisjoint(picture.info)


def difference(a: Image.Image, b: Image.Image) -> float:
    """The mean difference of two pictures' pixels, 0 to 255."""
    assert a.size == b.size
    return max(ImageStat.Stat(ImageChops.difference(a.convert("RGBA"), b.convert("RGBA"))).mean)


def chunks(path: Path) -> list[bytes]:
    data, position, found = path.read_bytes(), 8, []
    while position < len(data):
        length, kind = struct.unpack_from(">I4s", data, position)
        found.append(kind)
        position += 12 + length
    return found


# JPEG ---------------------------------------------------------------------------------------------

def test_a_phone_photo_is_published_without_gps_owner_serial_xmp_or_comment(tmp_path):
    source = phone_photo(tmp_path / "calf.jpg")
    assert hidden_details(source, Image.open(source)) == ["APP1", "APP1", "COM"]  # Exif, XMP
    done, copy = published(source)
    assert done == CLEANED
    assert_nothing_hidden(copy)
    with Image.open(source) as original, Image.open(copy) as clean:
        # Stood the way the phone meant (orientation 6: a quarter turn), as browsers showed it
        assert original.size == (96, 64) and clean.size == (64, 96)
        assert pixel_size(source) == pixel_size(copy) == image_size(copy) == (64, 96)
        assert clean.getpixel((60, 3))[1] < 50 < clean.getpixel((3, 3))[1]  # the red block, top right
        assert difference(clean, Image.open(source).transpose(Image.Transpose.ROTATE_270)) < 1.5
        # Its colours: the ICC profile kept; its quality: the same quantisation tables
        assert clean.info["icc_profile"] == SRGB
        assert clean.quantization == original.quantization
        assert [marker for marker, _ in clean.applist] == ["APP0", "APP2"]  # JFIF, ICC profile


def test_a_photo_standing_right_keeps_its_quality_keep_tables_and_subsampling(tmp_path):
    source = tmp_path / "calf.jpg"
    scene().save(source, "JPEG", quality=70, subsampling="4:2:2", exif=phone_exif(1), progressive=True)
    done, copy = published(source)
    assert done == CLEANED
    assert_nothing_hidden(copy)
    with Image.open(source) as original, Image.open(copy) as clean:
        assert clean.size == original.size
        assert clean.quantization == original.quantization
        assert JpegImagePlugin.get_sampling(clean) == JpegImagePlugin.get_sampling(original) == 1
        assert clean.info.get("progressive") == 1
        assert difference(clean, original) < 1.0  # decoded and encoded again at its own quality
        assert abs(len(copy.read_bytes()) - len(source.read_bytes())) < 2000


@pytest.mark.parametrize("options", [{}, {"icc_profile": SRGB}, {"dpi": (300, 300)}])
def test_a_jpeg_with_nothing_hidden_is_copied_byte_for_byte(tmp_path, options):
    source = tmp_path / "calf.jpg"
    scene().save(source, "JPEG", **options)
    done, copy = published(source)
    assert (done, copy.read_bytes()) == (COPIED, source.read_bytes())


def test_a_turned_photo_keeps_its_chroma_subsampling(tmp_path):
    """Written again to stand as the phone meant, a photo keeps its full colour detail (4:4:4),
    not Pillow's default (4:2:0)."""
    source = phone_photo(tmp_path / "calf.jpg", subsampling="4:4:4")
    done, copy = published(source)
    assert done == CLEANED
    with Image.open(source) as original, Image.open(copy) as clean:
        assert JpegImagePlugin.get_sampling(clean) == JpegImagePlugin.get_sampling(original) == 0
        assert clean.quantization == original.quantization


@pytest.mark.parametrize("after", [b"\n", b"XX", b"....ftypmp42 a phone's clip"])
def test_whatever_follows_a_jpegs_end_is_hidden_detail(tmp_path, after):
    source = tmp_path / "photo.jpg"
    source.write_bytes(jpeg_header(16, 16) + after)
    with Image.open(source) as picture:
        assert hidden_details(source, picture) == ["after the end"]
    done, copy = published(source)
    assert done == CLEANED and copy.read_bytes().endswith(b"\xff\xd9")


def test_a_jpeg_padded_with_zeros_is_copied_but_data_after_its_end_is_left_out(tmp_path):
    (tmp_path / "padded.jpg").write_bytes(jpeg_header(16, 16) + bytes(100))
    assert published(tmp_path / "padded.jpg")[0] == COPIED
    (tmp_path / "motion.jpg").write_bytes(jpeg_header(16, 16) + b"....ftypmp42 a phone's clip")
    done, copy = published(tmp_path / "motion.jpg")
    assert done == CLEANED and b"ftypmp42" not in copy.read_bytes()


def test_a_jfif_thumbnail_is_left_out(tmp_path):
    """A thumbnail in the JFIF segment (2 x 2 pixels here) may show the photo before it was
    cropped: it is hidden detail too."""
    data = jpeg_header(16, 16)
    start = data.index(b"\xff\xe0")
    length = struct.unpack_from(">H", data, start + 2)[0]
    jfif = data[start + 4:start + 2 + length - 2] + bytes([2, 2]) + bytes(range(12))
    (tmp_path / "thumb.jpg").write_bytes(data[:start] + b"\xff\xe0" + struct.pack(">H", len(jfif) + 2)
                                         + jfif + data[start + 2 + length:])
    with Image.open(tmp_path / "thumb.jpg") as picture:
        assert hidden_details(tmp_path / "thumb.jpg", picture) == ["APP0"]
    done, copy = published(tmp_path / "thumb.jpg")
    assert done == CLEANED
    assert [(marker, len(data)) for marker, data in Image.open(copy).applist] == [("APP0", 14)]


def test_an_mpo_is_published_as_its_first_picture_alone(tmp_path):
    source = tmp_path / "depth.jpg"
    scene().save(source, "MPO", save_all=True, append_images=[scene("L")], exif=phone_exif(1))
    assert Image.open(source).format == "MPO"
    done, copy = published(source)
    assert done == CLEANED
    assert_nothing_hidden(copy)
    with Image.open(copy) as clean:
        assert (clean.format, getattr(clean, "n_frames", 1), clean.size) == ("JPEG", 1, (96, 64))


# PNG ----------------------------------------------------------------------------------------------

def png_with_text(path: Path, picture: Image.Image, **options) -> Path:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", OWNER)
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    info.add(b"tIME", struct.pack(">HBBBBB", 2026, 1, 2, 3, 4, 5))
    info.add(b"gAMA", struct.pack(">I", 45455))
    picture.save(path, "PNG", pnginfo=info, exif=phone_exif(1), **options)
    return path


def test_a_png_is_published_without_its_text_and_exif_keeping_transparency_and_colour(tmp_path):
    source = png_with_text(tmp_path / "diagram.png", scene("RGBA"), icc_profile=SRGB)
    assert hidden_details(source, Image.open(source)) == ["tEXt", "iTXt", "tIME", "eXIf"]
    done, copy = published(source)
    assert done == CLEANED
    assert_nothing_hidden(copy)
    assert chunks(copy) == [b"IHDR", b"iCCP", b"gAMA", b"IDAT", b"IEND"]
    with Image.open(source) as original, Image.open(copy) as clean:
        assert (clean.mode, clean.size, clean.info["icc_profile"]) == ("RGBA", (96, 64), SRGB)
        assert difference(clean, original) == 0  # PNG loses nothing


def test_a_pngs_colour_chunks_are_written_again_as_they_were(tmp_path):
    source = png_with_text(tmp_path / "diagram.png", scene())
    done, copy = published(source)
    assert done == CLEANED
    assert chunks(copy) == [b"IHDR", b"gAMA", b"IDAT", b"IEND"]
    with Image.open(copy) as clean:
        assert clean.info["gamma"] == 0.45455


def test_a_palette_png_keeps_its_transparent_colour(tmp_path):
    picture = scene().convert("P", palette=Image.Palette.ADAPTIVE, colors=16)
    source = png_with_text(tmp_path / "icon.png", picture, transparency=0)
    done, copy = published(source)
    assert done == CLEANED
    with Image.open(source) as original, Image.open(copy) as clean:
        assert (clean.mode, clean.info["transparency"]) == ("P", 0)
        assert difference(clean, original) == 0


def test_a_png_turned_by_its_exif_stands_as_it_was_meant(tmp_path):
    source = tmp_path / "turned.png"
    scene().save(source, "PNG", exif=phone_exif(8))
    done, copy = published(source)
    assert done == CLEANED
    assert_nothing_hidden(copy)
    assert pixel_size(source) == pixel_size(copy) == (64, 96)
    assert difference(Image.open(copy), Image.open(source).transpose(Image.Transpose.ROTATE_90)) == 0


@pytest.mark.parametrize("orientation, turn", [
    (2, Image.Transpose.FLIP_LEFT_RIGHT), (3, Image.Transpose.ROTATE_180), (6, Image.Transpose.ROTATE_270)])
def test_a_png_mirrored_or_turned_by_its_exif_stands_as_it_was_meant(tmp_path, orientation, turn):
    source = tmp_path / "turned.png"
    scene().save(source, "PNG", exif=phone_exif(orientation))
    done, copy = published(source)
    assert done == CLEANED
    assert_nothing_hidden(copy)
    assert difference(Image.open(copy), Image.open(source).transpose(turn)) == 0


def test_a_png_cut_short_after_its_picture_hides_nothing(tmp_path):
    """Its end (IEND) lost and a few bytes left, too few to be a chunk: it is copied as it is."""
    source = tmp_path / "cut.png"
    source.write_bytes(png_header(16, 16)[:-12] + b"\0\0\0")
    with Image.open(source) as picture:
        assert hidden_details(source, picture) == []
    assert published(source)[0] == COPIED


def test_a_png_with_nothing_hidden_is_copied_byte_for_byte_but_not_data_after_its_end(tmp_path):
    source = tmp_path / "plain.png"
    scene("RGBA").save(source, "PNG", icc_profile=SRGB, dpi=(144, 144))
    done, copy = published(source)
    assert (done, copy.read_bytes()) == (COPIED, source.read_bytes())
    for after in (b"PK\3\4 a zip of notes", b"\n"):  # even one byte
        (tmp_path / "tail.png").write_bytes(source.read_bytes() + after)
        with Image.open(tmp_path / "tail.png") as picture:
            assert hidden_details(tmp_path / "tail.png", picture) == ["after the end"]
        done, copy = published(tmp_path / "tail.png")
        assert done == CLEANED and copy.read_bytes().endswith(b"IEND\xaeB`\x82")


def test_an_animated_png_keeps_its_frames_their_durations_and_its_loop(tmp_path):
    source = tmp_path / "steps.png"
    frames = [scene(), scene().transpose(Image.Transpose.FLIP_LEFT_RIGHT), scene("L").convert("RGB")]
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", OWNER)
    frames[0].save(source, "PNG", save_all=True, append_images=frames[1:], duration=[500, 250, 1000],
                   loop=2, pnginfo=info)
    done, copy = published(source)
    assert done == CLEANED
    assert_nothing_hidden(copy)
    with Image.open(copy) as clean:
        assert (clean.n_frames, clean.info["loop"]) == (3, 2)
        shown = [(frame.info["duration"], difference(frame, frames[index]))
                 for index, frame in enumerate(ImageSequence.Iterator(clean))]
        assert shown == [(500, 0), (250, 0), (1000, 0)]


def test_an_animated_png_of_two_frames_keeps_both_and_its_colour(tmp_path):
    source = tmp_path / "steps.png"
    frames = [scene(), scene().transpose(Image.Transpose.FLIP_LEFT_RIGHT)]
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", OWNER)
    info.add(b"gAMA", struct.pack(">I", 45455))
    frames[0].save(source, "PNG", save_all=True, append_images=frames[1:], duration=[400, 800],
                   loop=0, pnginfo=info)
    done, copy = published(source)
    assert done == CLEANED
    assert_nothing_hidden(copy)
    assert b"gAMA" in chunks(copy)
    with Image.open(copy) as clean:
        assert (clean.n_frames, clean.info["loop"], clean.info["gamma"]) == (2, 0, 0.45455)
        assert [(frame.info["duration"], difference(frame, frames[index]))
                for index, frame in enumerate(ImageSequence.Iterator(clean))] == [(400, 0), (800, 0)]


# WebP ---------------------------------------------------------------------------------------------

def published_clean_webp(source: Path, lossless: bool) -> Path:
    """The published copy of a WebP that held EXIF and XMP: cleaned, nothing hidden left, and
    still lossless (VP8L) or lossy (VP8) as the source was."""
    assert hidden_details(source, Image.open(source)) == ["EXIF", "XMP "]
    done, copy = published(source)
    assert done == CLEANED
    assert_nothing_hidden(copy)
    data = copy.read_bytes()
    assert (b"VP8L" in data, b"VP8 " in data) == (lossless, not lossless)
    return copy


@pytest.mark.parametrize("lossless", [False, True])
def test_a_webp_is_published_without_exif_and_xmp_lossy_or_lossless_as_it_was(tmp_path, lossless):
    source = tmp_path / "calf.webp"
    scene("RGBA").save(source, "WEBP", lossless=lossless, quality=80, exif=phone_exif(1), xmp=XMP,
                       icc_profile=SRGB)
    copy = published_clean_webp(source, lossless)
    with Image.open(source) as original, Image.open(copy) as clean:
        assert (clean.mode, clean.size, clean.info["icc_profile"]) == ("RGBA", (96, 64), SRGB)
        assert difference(clean, original) < (0.01 if lossless else 2.0)


def test_a_lossy_webp_is_written_again_at_quality_90_a_lossless_one_as_it_was(tmp_path):
    for lossless in (False, True):
        source = tmp_path / "calf.webp"
        scene().save(source, "WEBP", lossless=lossless, quality=50, exif=phone_exif(1))
        done, copy = published(source)
        assert done == CLEANED
        expected = io.BytesIO()
        Image.open(source).save(expected, "WEBP", **({"lossless": True} if lossless else {"quality": 90}))
        assert copy.read_bytes() == expected.getvalue()


def test_a_lossless_webp_with_an_odd_sized_colour_profile_stays_lossless(tmp_path):
    """Chunks are padded to an even size: the picture after an odd-sized profile is still found."""
    profile = SRGB + b"\0" * (1 - len(SRGB) % 2)
    source = tmp_path / "calf.webp"
    scene("RGBA").save(source, "WEBP", lossless=True, icc_profile=profile, xmp=XMP)
    done, copy = published(source)
    assert done == CLEANED
    assert b"VP8L" in copy.read_bytes() and b"VP8 " not in copy.read_bytes()
    with Image.open(source) as original, Image.open(copy) as clean:
        assert clean.info["icc_profile"] == profile
        assert difference(clean, original) == 0


def shown(path: Path) -> list[tuple[int, Image.Image]]:
    """Each frame of an animation: how long it shows, and its picture."""
    found = []
    with Image.open(path) as picture:
        for frame in ImageSequence.Iterator(picture):
            frame.load()  # a WebP's frame tells its duration once read
            found.append((frame.info["duration"], frame.copy()))
    return found


@pytest.mark.parametrize("lossless", [False, True])
def test_an_animated_webp_keeps_its_frames_their_durations_its_loop_and_its_kind(tmp_path, lossless):
    source = tmp_path / "steps.webp"
    frames = [scene(), scene().transpose(Image.Transpose.FLIP_LEFT_RIGHT)]
    frames[0].save(source, "WEBP", save_all=True, append_images=frames[1:], duration=[400, 800],
                   loop=2, lossless=lossless, exif=phone_exif(1), xmp=XMP)
    copy = published_clean_webp(source, lossless)
    assert Image.open(copy).n_frames == 2 and Image.open(copy).info["loop"] == 2
    assert [duration for duration, _ in shown(copy)] == [400, 800]
    for (_, clean), (_, original) in zip(shown(copy), shown(source)):
        assert difference(clean, original) < (0.01 if lossless else 2.0)


def test_an_animation_of_lossy_and_lossless_frames_is_written_lossy(tmp_path):
    """A frame of noise with see-through parts (lossy, with its alpha apart) then a flat one
    (lossless): WebP has no "keep", so the animation is written lossy, at quality 90."""
    noise = Image.effect_noise((64, 64), 80).convert("RGBA")
    noise.putalpha(Image.linear_gradient("L").resize((64, 43)).resize((64, 64)))
    flat = Image.new("RGBA", (64, 64), (255, 0, 0, 128))
    source = tmp_path / "mixed.webp"
    noise.save(source, "WEBP", save_all=True, append_images=[flat], allow_mixed=True,
               duration=[100, 200], quality=50, exif=phone_exif(1))
    data = source.read_bytes()
    assert all(kind in data for kind in (b"VP8L", b"VP8 ", b"ALPH"))
    # the first frame's alpha is of an odd size (3105 bytes), padded, before its picture
    assert struct.unpack_from("<I", data, data.index(b"ALPH") + 4)[0] == 3105
    done, copy = published(source)
    assert done == CLEANED
    assert (b"VP8L" in copy.read_bytes(), b"VP8 " in copy.read_bytes()) == (False, True)
    assert [duration for duration, _ in shown(copy)] == [100, 200]


def test_an_animated_webp_with_a_byte_after_its_end_is_published_without_it(tmp_path):
    source = tmp_path / "steps.webp"
    frames = [scene(), scene().transpose(Image.Transpose.FLIP_LEFT_RIGHT)]
    frames[0].save(source, "WEBP", save_all=True, append_images=frames[1:], duration=[400, 800],
                   lossless=True)
    source.write_bytes(source.read_bytes() + b"\n")
    assert hidden_details(source, Image.open(source)) == ["after the end"]
    done, copy = published(source)
    assert done == CLEANED
    data = copy.read_bytes()
    assert len(data) == 8 + struct.unpack_from("<I", data, 4)[0]
    assert (b"VP8L" in data, b"VP8 " in data) == (True, False)
    assert [duration for duration, _ in shown(copy)] == [400, 800]


@pytest.mark.parametrize("after", [b"\n", b"PK\3\4 a zip of notes"])
def test_whatever_follows_a_webps_end_is_left_out(tmp_path, after):
    source = tmp_path / "calf.webp"
    scene().save(source, "WEBP", lossless=True)
    source.write_bytes(source.read_bytes() + after)
    with Image.open(source) as picture:
        assert hidden_details(source, picture) == ["after the end"]
    done, copy = published(source)
    assert done == CLEANED
    assert len(copy.read_bytes()) == 8 + struct.unpack_from("<I", copy.read_bytes(), 4)[0]


def test_a_webp_with_nothing_hidden_is_copied_byte_for_byte(tmp_path):
    source = tmp_path / "calf.webp"
    scene().save(source, "WEBP", icc_profile=SRGB)
    done, copy = published(source)
    assert (done, copy.read_bytes()) == (COPIED, source.read_bytes())


# Not published ------------------------------------------------------------------------------------

def gif() -> bytes:
    out = io.BytesIO()
    scene().save(out, "GIF", comment=PLACE.encode())
    return out.getvalue()


@pytest.mark.parametrize("name, content, done", [
    ("huge.png", png_header(20000, 20000), TOO_LARGE),
    ("phone.jpg", jpeg_header(16320, 12240), TOO_LARGE),
    ("iphone.jpg", b"\0\0\0\x18ftypheic\0\0\0\0mif1heic", UNREADABLE_PICTURE),
    ("notes.png", b"not a picture", UNREADABLE_PICTURE),
    ("animation.png", gif(), UNREADABLE_PICTURE),  # a GIF by another name
], ids=["huge PNG", "200-megapixel JPEG", "HEIC as JPEG", "not a picture", "GIF as PNG"])
def test_a_picture_too_large_to_open_or_unreadable_is_not_published(tmp_path, name, content, done):
    (tmp_path / name).write_bytes(content)
    assert published(tmp_path / name) == (done, tmp_path / "site" / name)
    assert not (tmp_path / "site" / name).exists()


def test_a_damaged_photo_with_hidden_details_is_not_published(tmp_path):
    data = phone_photo(tmp_path / "whole.jpg").read_bytes()
    (tmp_path / "cut.jpg").write_bytes(data[: len(data) * 2 // 3])
    assert published(tmp_path / "cut.jpg")[0] == UNREADABLE_PICTURE
    assert not (tmp_path / "site" / "cut.jpg").exists()


def test_a_jpeg_made_huge_only_in_its_header_is_never_decoded(tmp_path):
    """Its header says 200 megapixels and it has EXIF: it is refused before Pillow decodes it."""
    data = bytearray(phone_photo(tmp_path / "photo.jpg", orientation=1).read_bytes())
    frame = data.index(b"\xff\xc0")
    data[frame + 5:frame + 9] = struct.pack(">HH", 12240, 16320)
    (tmp_path / "photo.jpg").write_bytes(bytes(data))
    assert published(tmp_path / "photo.jpg")[0] == TOO_LARGE
    assert Image.MAX_IMAGE_PIXELS == 89_478_485


@pytest.mark.parametrize("name, kind", [("a.jpg", "JPEG"), ("B.JPEG", "JPEG"), ("c.PNG", "PNG"),
                                        ("d.webp", "WebP")])
def test_staff_are_told_which_kind_of_picture_could_not_be_read(name, kind):
    assert unreadable_message(Path("docs/images") / name) == (
        f"this picture could not be read as a {kind} picture (it may be damaged, or of another kind "
        "under this name, such as an iPhone's HEIC), so it is not published: open it in a picture "
        "editor and save it again as a JPEG or PNG")


def test_a_clean_picture_is_the_same_file_to_mkdocs_and_publishes_itself(tmp_path):
    """Only its copy differs: where it comes from and goes, its address and whether it is in the
    site are MkDocs' own; `mkdocs serve --dirty` publishes it again only once it has changed."""
    from mkdocs.structure.files import File, InclusionLevel

    docs, site = tmp_path / "docs", tmp_path / "site"
    (docs / "images").mkdir(parents=True)
    (docs / "images" / "calf.jpg").write_bytes(jpeg_header(16, 16))
    file = File("images/calf.jpg", str(docs), str(site), use_directory_urls=False,
                dest_uri="pictures/calf.jpg", inclusion=InclusionLevel.NOT_IN_NAV)
    published_now = []
    picture = CleanPicture(file, published_now.append)
    assert [(getattr(picture, name), getattr(file, name)) for name in (
        "src_uri", "abs_src_path", "dest_uri", "abs_dest_path", "url", "use_directory_urls",
        "inclusion")] == [(getattr(file, name),) * 2 for name in (
        "src_uri", "abs_src_path", "dest_uri", "abs_dest_path", "url", "use_directory_urls",
        "inclusion")]
    assert (picture.dest_uri, picture.inclusion) == ("pictures/calf.jpg", InclusionLevel.NOT_IN_NAV)
    picture.copy_file()
    assert published_now == [picture]
    (site / "pictures").mkdir(parents=True)
    (site / "pictures" / "calf.jpg").write_bytes(b"published")  # newer than docs/'s
    picture.copy_file(dirty=True)
    assert published_now == [picture]
    picture.copy_file()
    assert published_now == [picture, picture]
    os.utime(docs / "images" / "calf.jpg", (4_000_000_000, 4_000_000_000))  # changed since
    picture.copy_file(dirty=True)
    assert published_now == [picture] * 3


# In a copy of the project ------------------------------------------------------------------------

def test_a_phone_photo_on_a_page_and_its_handout_is_published_clean(project):
    """The photo shown on the exercise page and on its handout: site/'s copy (and the handout's
    PDFs, made from it) carry nothing of its hidden details; it stands and measures as it did;
    docs/'s file is byte for byte as it was."""
    photo = phone_photo(project / "docs" / "images" / "calf-photo.jpg")
    before = digest(photo)
    page = project / "docs" / "exercise.md"
    edit(page, "(images/heel-raise-top.svg)", "(images/calf-photo.jpg)")
    line = line_of(page, "(images/calf-photo.jpg)")
    result = run_build(project)
    assert result.returncode == 0, result.stdout
    assert digest(photo) == before
    copy = project / "site" / "images" / "calf-photo.jpg"
    with Image.open(photo) as original, Image.open(copy) as clean:
        assert "exif" in original.info and "xmp" in original.info and "comment" in original.info
        assert dict(clean.getexif()) == {} and clean.getexif().get_ifd(ExifTags.IFD.GPSInfo) == {}
        assert {"exif", "xmp", "comment"}.isdisjoint(clean.info)
        assert ImageOps.exif_transpose(original).size == clean.size == (64, 96)
    for file in sorted((project / "site").rglob("*")):  # the page, the handout, its PDFs...
        if file.is_file():
            assert not any(secret in file.read_bytes() for secret in SECRETS), file
    html = lxml.html.fromstring((project / "site" / "exercise" / "index.html").read_bytes())
    [img] = html.xpath("//img[contains(@src, 'calf-photo.jpg')]")
    assert (img.get("width"), img.get("height")) == ("64", "96"), f"line {line}"
    assert ("Pictures: hidden details (such as where and when a photo was taken, the camera and its "
            "owner) left out of the published copy of 1 picture; docs/ is unchanged") in result.stdout


@pytest.mark.usefixtures("good_site")
def test_an_unreadable_picture_is_an_error_at_its_file_and_not_published(project):
    """An iPhone's HEIC photo saved as .jpg, on the exercise page and its handout: an error at
    the file, and the handout is not made without it (not a traceback)."""
    before = tree_digest(project / "site")
    (project / "docs" / "images" / "calf-photo.jpg").write_bytes(b"\0\0\0\x18ftypheic\0\0\0\0mif1heic")
    edit(project / "docs" / "exercise.md", "(images/heel-raise-top.svg)", "(images/calf-photo.jpg)")
    result = run_build(project)
    assert problems_of(result) == [
        "docs/images/calf-photo.jpg: this picture could not be read as a JPEG picture (it may be "
        "damaged, or of another kind under this name, such as an iPhone's HEIC), so it is not "
        "published: open it in a picture editor and save it again as a JPEG or PNG",
        "1 error, 0 warnings"]
    assert "Handout of docs/exercise.md: not made (a picture it shows is not published)" in result.stdout
    assert_failed_and_site_kept(project, result, before)
