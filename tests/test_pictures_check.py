"""Pictures on a page (checks/pictures.py): alt text that describes the picture, not its file
name; a size a phone can load (a warning above 500 KB, an error above 5 MB); no more pixels than
can be opened safely (an error at its line, or at the file when no page shows it); and each
picture's width and height written, the first loading early and the rest lazily. In-process on
small pages (fast enough for `make mutate` to run them against every mutant); the last plant a
20 MB photo, and pictures whose headers say they are huge, in a copy of the project. (The
committed drawings and clip are tested in test_pictures.py.)"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from PIL import Image

from conftest import (ANATOMY, FRONT, PROJECT_DIR, assert_failed_and_site_kept, jpeg_header,
                      line_of, plant, plugin_settings, png_header, problems_of, render, run_build,
                      tree_digest)
from soleus_site.checks.pictures import picture_problems, size_pictures
from soleus_site.page_tools import MAX_PIXELS, image_size


SETTINGS = plugin_settings()  # the plugin's defaults, as mkdocs.yml leaves them


def picture_messages(text: str, docs: Path) -> list[str]:
    page, _, _ = render(text)
    return [str(problem) for problem in picture_problems(
        page, lambda url: docs / url if (docs / url).is_file() else None,
        SETTINGS.picture_warn_kb, SETTINGS.picture_max_kb)]


def test_pictures_need_alt_text_that_is_not_their_file_name(picture_docs):
    text = (f"{FRONT}![](images/heel-raise-top.svg)\n\n![heel raise start](images/heel-raise-start.svg)\n\n"
            f"![  ](images/missing.svg)\n\n![The top](images/heel-raise-top.svg)\n")
    assert picture_messages(text, picture_docs) == [
        "docs/exercise.md:7: picture 'images/heel-raise-top.svg' has no alt text: describe what "
        "it shows inside the square brackets, for example ![Side view of the exercise]"
        "(images/picture.svg)",
        "docs/exercise.md:9: warning: picture 'images/heel-raise-start.svg' has its file name as "
        "alt text: describe what the picture shows inside the square brackets, for someone who "
        "cannot see it",
        "docs/exercise.md:11: picture 'images/missing.svg' has no alt text: describe what it shows "
        "inside the square brackets, for example ![Side view of the exercise](images/picture.svg)"]


@pytest.mark.parametrize("size, message", [
    (500_000, None),
    (500_001, "warning: picture 'images/big.png' is 500 KB, slow to load on a phone: make it "
              "smaller than 500 KB (for example, save it at most 1600 pixels wide, as a JPEG for photos)"),
    (1_250_000, "warning: picture 'images/big.png' is 1.2 MB, slow to load on a phone: make it "
                "smaller than 500 KB (for example, save it at most 1600 pixels wide, as a JPEG for photos)"),
    (5_000_000, "warning: picture 'images/big.png' is 5.0 MB, slow to load on a phone: make it "
                "smaller than 500 KB (for example, save it at most 1600 pixels wide, as a JPEG for photos)"),
    (5_000_001, "picture 'images/big.png' is 5.0 MB, too large to publish on a phone: make it "
                "smaller than 500 KB (for example, save it at most 1600 pixels wide, as a JPEG for photos)"),
])
def test_heavy_pictures_warn_above_500_kb_and_fail_above_5_mb(picture_docs, size, message):
    (picture_docs / "images" / "big.png").write_bytes(b"\0" * size)
    assert picture_messages(f"{FRONT}![A calf](images/big.png)\n", picture_docs) == (
        [] if message is None else [f"docs/exercise.md:7: {message}"])


TOO_MANY_PIXELS = ("is {size} pixels ({megapixels} megapixels), too many to open safely (the limit "
                   "is 89 megapixels): save it smaller, for example at most 1600 pixels wide, as "
                   "a JPEG for photos")


def test_a_picture_too_large_to_open_is_an_error_at_its_line_not_a_traceback(picture_docs):
    (picture_docs / "images" / "huge.png").write_bytes(png_header(20000, 20000))
    (picture_docs / "images" / "phone.jpg").write_bytes(jpeg_header(16320, 12240))  # 200 megapixels
    text = (f"{FRONT}![A calf](images/huge.png)\n\n![The top](images/heel-raise-top.svg)\n\n"
            f"![A runner](images/phone.jpg)\n")
    assert picture_messages(text, picture_docs) == [
        "docs/exercise.md:7: picture 'images/huge.png' "
        + TOO_MANY_PIXELS.format(size="20000 x 20000", megapixels=400),
        "docs/exercise.md:11: picture 'images/phone.jpg' "
        + TOO_MANY_PIXELS.format(size="16320 x 12240", megapixels=200)]
    assert Image.MAX_IMAGE_PIXELS == MAX_PIXELS == 89_478_485  # Pillow's limit, as it was


@pytest.mark.parametrize("height, too_many", [(MAX_PIXELS, False), (MAX_PIXELS + 1, True)])
def test_the_most_pixels_a_picture_may_have_is_pillows_limit(picture_docs, height, too_many):
    (picture_docs / "images" / "tall.png").write_bytes(png_header(1, height))
    assert picture_messages(f"{FRONT}![A calf](images/tall.png)\n", picture_docs) == (
        [f"docs/exercise.md:7: picture 'images/tall.png' is 1 x {height} pixels (89 megapixels), "
         f"too many to open safely (the limit is 89 megapixels): save it smaller, for example at "
         f"most 1600 pixels wide, as a JPEG for photos"] if too_many else [])


def test_a_huge_picture_heavy_in_bytes_too_is_one_error(picture_docs):
    (picture_docs / "images" / "huge.png").write_bytes(png_header(20000, 20000) + bytes(6_000_000))
    assert picture_messages(f"{FRONT}![A calf](images/huge.png)\n", picture_docs) == [
        "docs/exercise.md:7: picture 'images/huge.png' "
        + TOO_MANY_PIXELS.format(size="20000 x 20000", megapixels=400)]


def test_pictures_get_their_size_the_first_early_the_rest_lazily(picture_docs):
    _, root, _ = render(f"{FRONT}![A](images/heel-raise-start.svg)\n\n![B](images/none.svg)\n\n"
                        f'<img src="images/heel-raise-top.svg" alt="C" width="9" loading="eager" decoding="sync">\n')
    size_pictures(root, lambda src: picture_docs / src if (picture_docs / src).is_file() else None)
    attributes = [dict(img.attrib) for img in root.iter("img")]
    assert attributes[:2] == [
        {"src": "images/heel-raise-start.svg", "alt": "A", "width": "480", "height": "480",
         "fetchpriority": "high", "decoding": "async"},
        {"src": "images/none.svg", "alt": "B", "loading": "lazy", "decoding": "async"}]


def test_image_size_of_svg_png_and_unreadable_files(tmp_path):
    (tmp_path / "a.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0,0 16.4 9.6"/>')
    (tmp_path / "b.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    (tmp_path / "c.svg").write_text("not xml")
    (tmp_path / "d.png").write_bytes(b"not a png")
    shutil.copy2(PROJECT_DIR / "tests" / "fixtures" / "video" / "media" / "poster.png", tmp_path / "e.PNG")
    (tmp_path / "g.png").write_bytes(png_header(20000, 20000))  # read, though too large to open
    assert [image_size(tmp_path / name) for name in ("a.svg", "b.svg", "c.svg", "d.png", "e.PNG", "f.svg",
                                                     "g.png")] == [
        (16, 10), None, None, None, (16, 9), None, (20000, 20000)]
    assert Image.MAX_IMAGE_PIXELS == MAX_PIXELS  # Pillow's limit, as it was


# More of each rule, from the survivors of `make mutate` ------------------------------------------

def test_alt_text_that_is_the_file_name_with_underscores(picture_docs):
    shutil.copy2(picture_docs / "images" / "heel-raise-top.svg", picture_docs / "images" / "calf_photo.svg")
    assert picture_messages(f"{FRONT}![Calf photo](images/calf_photo.svg)\n", picture_docs) == [
        "docs/exercise.md:7: warning: picture 'images/calf_photo.svg' has its file name as alt "
        "text: describe what the picture shows inside the square brackets, for someone who cannot see it"]


def test_every_picture_is_checked_after_links_and_missing_files(picture_docs):
    text = f"{FRONT}[A link](anatomy.md) ![A](images/gone.svg) ![](images/heel-raise-top.svg)\n"
    assert picture_messages(text, picture_docs) == [
        "docs/exercise.md:7: picture 'images/heel-raise-top.svg' has no alt text: describe what "
        "it shows inside the square brackets, for example ![Side view of the exercise](images/picture.svg)"]


@pytest.mark.parametrize("size, shown, is_error", [
    (1_000_000, "1.0 MB, slow to load", False), (1_050_000, "1.1 MB, slow to load", False),
    (6_000_000, "6.0 MB, too large to publish", True),
])
def test_picture_sizes_in_mb_and_which_fail(picture_docs, size, shown, is_error):
    (picture_docs / "images" / "big.png").write_bytes(b"\0" * size)
    page, _, _ = render(f"{FRONT}![A calf](images/big.png)\n")
    [problem] = picture_problems(page, lambda url: picture_docs / url, SETTINGS.picture_warn_kb,
                                 SETTINGS.picture_max_kb)
    assert f"is {shown} on a phone" in problem.message and problem.is_error is is_error


def test_sizes_and_loading_already_written_are_kept(picture_docs):
    shutil.copy2(PROJECT_DIR / "tests" / "fixtures" / "video" / "media" / "poster.png", picture_docs / "images" / "wide.png")
    _, root, _ = render(f'{FRONT}![A](images/wide.png)\n\n![B](images/wide.png){{ width="5" }}\n\n'
                        f'![C](images/wide.png){{ height="5" }}\n\n'
                        f'![D](images/wide.png){{ loading="eager" decoding="sync" }}\n\n'
                        f'![E](images/wide.png){{ fetchpriority="low" }}\n')
    size_pictures(root, lambda src: picture_docs / src)
    assert [dict(img.attrib) for img in root.iter("img")] == [
        {"src": "images/wide.png", "alt": "A", "width": "16", "height": "9", "fetchpriority": "high", "decoding": "async"},
        {"src": "images/wide.png", "alt": "B", "width": "5", "loading": "lazy", "decoding": "async"},
        {"src": "images/wide.png", "alt": "C", "height": "5", "loading": "lazy", "decoding": "async"},
        {"src": "images/wide.png", "alt": "D", "loading": "eager", "decoding": "sync", "width": "16", "height": "9"},
        {"src": "images/wide.png", "alt": "E", "fetchpriority": "low", "width": "16", "height": "9", "decoding": "async"}]


def test_a_videos_huge_poster_is_named_by_its_file_not_as_a_picture(tmp_path):
    from types import SimpleNamespace

    from soleus_site.page_model import Reference

    (tmp_path / "heel-raise.jpg").write_bytes(jpeg_header(16320, 12240))
    page = SimpleNamespace(shown_path="docs/exercise.md", references=[
        Reference("video poster", "media/heel-raise.jpg", 9)])
    assert [str(problem) for problem in picture_problems(
        page, lambda url: tmp_path / "heel-raise.jpg", 500, 5000)] == [
        "docs/exercise.md:9: poster 'heel-raise.jpg' "
        + TOO_MANY_PIXELS.format(size="16320 x 12240", megapixels=200)]


def test_megapixels_are_rounded_from_millions_of_pixels():
    from soleus_site.checks.pictures import too_many_pixels_message

    # 101.5 million pixels: 102 megapixels (a divisor one more than a million would give 101)
    assert too_many_pixels_message("picture 'images/wide.png'", (101_500, 1000)) == (
        "picture 'images/wide.png' " + TOO_MANY_PIXELS.format(size="101500 x 1000", megapixels=102))
    assert too_many_pixels_message("picture 'images/a.png'", (1600, 1200)) is None
    assert too_many_pixels_message("picture 'images/a.png'", None) is None


def test_a_huge_picture_no_page_shows_is_an_error_at_its_file(tmp_path):
    from soleus_site.checks.pictures import unshown_picture_problems
    from soleus_site.problems import Problem

    for name, data in (("unused.jpg", jpeg_header(12000, 9000)), ("shown.png", png_header(20000, 20000)),
                       ("small.jpg", jpeg_header(1600, 1200))):
        (tmp_path / name).write_bytes(data)
    problems = unshown_picture_problems(
        {tmp_path / name: f"docs/images/{name}" for name in ("shown.png", "unused.jpg", "small.jpg")},
        {tmp_path / "shown.png"})
    message = "this picture " + TOO_MANY_PIXELS.format(size="12000 x 9000", megapixels=108)
    assert [str(problem) for problem in problems] == [f"docs/images/unused.jpg: {message}"]
    assert problems == [Problem("docs/images/unused.jpg", 0, message)]


@pytest.mark.parametrize("name", ["drawing.svg", "drawing.SVG"])
def test_a_file_named_svg_has_no_pixel_size_whatever_it_holds(tmp_path, name):
    from soleus_site.page_tools import pixel_size

    (tmp_path / name).write_bytes(png_header(64, 32))
    (tmp_path / "photo.PNG").write_bytes(png_header(64, 32))
    assert (pixel_size(tmp_path / name), pixel_size(tmp_path / "photo.PNG")) == (None, (64, 32))


@pytest.mark.parametrize("orientation, read", [
    (None, 1), (1, 1), (2, 2), (6, 6), (8, 8), (0, 1), (9, 1), (300, 1), ("garbage", 1)])
def test_exif_orientation_is_1_to_8_and_1_when_missing_or_unreadable(orientation, read):
    from PIL import ExifTags

    from soleus_site.page_tools import exif_orientation

    picture = Image.new("RGB", (4, 2))
    if orientation == "garbage":
        picture.info["exif"] = b"Exif\x00\x00garbage"  # says it is EXIF, and is not
    elif orientation is not None:
        exif = Image.Exif()
        exif[ExifTags.Base.Make] = "PhoneMaker"
        exif[ExifTags.Base.Orientation] = orientation
        picture.info["exif"] = exif.tobytes()
    else:
        exif = Image.Exif()
        exif[ExifTags.Base.Make] = "PhoneMaker"  # EXIF, without an orientation
        picture.info["exif"] = exif.tobytes()
    assert exif_orientation(picture) == read


def test_a_box_is_an_admonition_div_or_a_details_and_nothing_else():
    from xml.etree import ElementTree as etree

    from soleus_site.page_tools import box_of

    note = box_of(etree.fromstring('<div class="admonition note"><p class="admonition-title">N</p></div>'))
    assert (note.kind, note.title.text) == ("note", "N")
    assert box_of(etree.fromstring('<div class="grid cards"><p>x</p></div>')) is None
    assert box_of(etree.fromstring('<p class="admonition note">x</p>')) is None


# In a copy of the project: the build fails and site/ is left as it was ---------------------------

@pytest.mark.usefixtures("good_site")
def test_a_picture_too_heavy_for_a_phone_is_an_error(project):
    before = tree_digest(project / "site")
    picture = project / "docs" / "images" / "calf-photo.jpg"
    photo = io.BytesIO()
    Image.new("RGB", (16, 16), "tan").save(photo, "JPEG")
    picture.write_bytes(photo.getvalue() + bytes(20_000_000))
    line = plant(project, "![A runner's calf, from behind](images/calf-photo.jpg)")
    result = run_build(project)
    assert problems_of(result) == [
        f"{ANATOMY}:{line}: picture 'images/calf-photo.jpg' is 20.0 MB, too large to publish on a "
        f"phone: make it smaller than 500 KB (for example, save it at most 1600 pixels wide, as "
        f"a JPEG for photos)", "1 error, 0 warnings"]
    assert_failed_and_site_kept(project, result, before)


@pytest.mark.usefixtures("good_site")
def test_pictures_too_large_to_open_are_errors_at_their_lines_or_files(project):
    """A huge picture on a page, a video's huge poster and a huge picture no page shows: each an
    error where staff can find it, not a traceback; the build fails and site/ is kept."""
    before = tree_digest(project / "site")
    (project / "docs" / "images" / "calf-photo.png").write_bytes(png_header(20000, 20000))
    (project / "docs" / "media" / "heel-raise.webp").unlink()  # the poster, now a JPEG
    (project / "docs" / "media" / "heel-raise.jpg").write_bytes(jpeg_header(16320, 12240))
    (project / "docs" / "images" / "unused.jpg").write_bytes(jpeg_header(12000, 9000))
    line = plant(project, "![A runner's calf, from behind](images/calf-photo.png)")
    video = line_of(project / "docs" / "exercise.md", ":video: media/heel-raise.mp4")
    result = run_build(project)
    assert problems_of(result) == [
        f"{ANATOMY}:{line}: picture 'images/calf-photo.png' "
        + TOO_MANY_PIXELS.format(size="20000 x 20000", megapixels=400),
        f"docs/exercise.md:{video}: poster 'heel-raise.jpg' "
        + TOO_MANY_PIXELS.format(size="16320 x 12240", megapixels=200),
        "docs/images/unused.jpg: this picture " + TOO_MANY_PIXELS.format(size="12000 x 9000", megapixels=108),
        "3 errors, 0 warnings"]
    assert_failed_and_site_kept(project, result, before)
