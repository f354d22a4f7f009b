"""What a page holds, checked on the page as Python-Markdown builds it, in-process and fast: the
publishing gate's rules for a page's content, pictures, and what a handout reads from its page
(issue 15: fast enough for `make mutate` to run against every mutant). Each test writes its own
small page, so it keeps its meaning when the site's pages are edited."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import markdown
import pytest
from mkdocs.utils.meta import get_data

from conftest import PROJECT_DIR
from soleus_site.checks.page_content import page_content_problems
from soleus_site.checks.pictures import image_size, picture_problems, size_pictures
from soleus_site.handout.content import Picture, read_handout
from soleus_site.handout.outputs import HandoutOutputs
from soleus_site.page_model import PageSource
from soleus_site.source_lines import SourceLinesExtension

# mkdocs.yml's markdown_extensions
EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "tables", "toc",
              "pymdownx.blocks.caption", "pymdownx.details", "pymdownx.superfences"]


def render(text: str, src: str = "exercise.md"):
    """(page, element tree, source map) of a page's file, as the build's hook sees them."""
    body, meta = get_data(text)
    page = PageSource(src, f"docs/{src}", text, meta)
    first = text[: len(text) - len(body)].count("\n") + 1
    page.markdown_lines = body.split("\n")
    page.file_lines = list(range(first, first + len(page.markdown_lines)))
    found = {}
    extension = SourceLinesExtension(current_page=lambda: page,
                                     readers=[lambda root, source_map: found.update(
                                         root=root, source_map=source_map)])
    markdown.Markdown(extensions=[*EXTENSIONS, extension],
                      extension_configs={"toc": {"permalink": True}}).convert(body)
    return page, found["root"], found["source_map"]


def content_messages(text: str) -> list[str]:
    _, root, source_map = render(text)
    return [str(problem) for problem in page_content_problems(root, source_map)]


FRONT = "---\ntitle: T\n---\n\n# Page\n\n"  # what follows starts on line 7


# The page's content ------------------------------------------------------------------------------

@pytest.mark.parametrize("html, message", [
    ("<script>alert(1)</script>", "<script> is not allowed in a page: it can run code or show "
     "another website; remove it (to show a video, use the :video: shortcode)"),
    ('<iframe src="https://example.org/"></iframe>', "<iframe> is not allowed in a page: it can "
     "run code or show another website; remove it (to show a video, use the :video: shortcode)"),
    ('<form action="https://example.org/"><input></form>', "<form> is not allowed in a page: it "
     "can run code or show another website; remove it (to show a video, use the :video: shortcode)"),
    ('<p onclick="steal()">Hi</p>', "'onclick=' is not allowed in a page: it runs code when "
     "clicked or loaded; remove it"),
    ('<img src="x.png" alt="x" ONERROR="steal()">', "'onerror=' is not allowed in a page: it runs "
     "code when clicked or loaded; remove it"),
])
def test_html_that_runs_code_is_an_error_at_its_line(html, message):
    assert content_messages(f"{FRONT}Intro.\n\n{html}\n") == [f"docs/exercise.md:9: {message}"]


def test_a_comment_with_words_is_a_warning_an_empty_one_is_not():
    assert content_messages(f"{FRONT}Intro.\n\n<!-- ask Sam -->\n\n<!-- -->\n") == [
        "docs/exercise.md:9: warning: a comment (<!-- ... -->) was left out of the published "
        "page: keep notes for staff outside the page's file"]


def test_an_unknown_box_type_is_an_error_at_its_line():
    text = f'{FRONT}Intro.\n\n!!! warnin "Careful"\n    Stop.\n\n!!! zzz\n    Hidden.\n\n!!! tip\n    Ok.\n'
    assert content_messages(text) == [
        "docs/exercise.md:9: box type 'warnin' is not one the site knows, so it would show "
        "without its colour and icon (did you mean 'warning'?)",
        "docs/exercise.md:12: box type 'zzz' is not one the site knows, so it would show without "
        "its colour and icon (for example warning, note or tip)"]


def test_a_reference_link_without_its_address_is_an_error_at_each_use():
    text = (f"{FRONT}See [the steps][steps] and [the tips][tips].\n\nAgain [the steps][steps].\n\n"
            "[tips]: exercise.md#tips\n")
    assert content_messages(text) == [
        "docs/exercise.md:7: link [the steps][steps] has no address: add a line '[steps]: "
        "https://...' (or the page's file name) below the paragraph, or write the link as "
        "[the steps](address)",
        "docs/exercise.md:9: link [the steps][steps] has no address: add a line '[steps]: "
        "https://...' (or the page's file name) below the paragraph, or write the link as "
        "[the steps](address)"]


def test_a_clean_page_has_no_problem():
    assert content_messages(f"{FRONT}Intro with <abbr>HTML</abbr>.\n\n!!! warning\n    Stop.\n") == []


# Pictures ------------------------------------------------------------------------------------------

@pytest.fixture
def docs(tmp_path) -> Path:
    docs = tmp_path / "docs"
    shutil.copytree(PROJECT_DIR / "docs" / "images", docs / "images")
    return docs


def picture_messages(text: str, docs: Path) -> list[str]:
    page, _, _ = render(text)
    return [str(problem) for problem in picture_problems(
        page, lambda url: docs / url if (docs / url).is_file() else None)]


def test_pictures_need_alt_text_that_is_not_their_file_name(docs):
    text = (f"{FRONT}![](images/heel-raise-top.svg)\n\n![heel raise start](images/heel-raise-start.svg)\n\n"
            f"![  ](images/missing.svg)\n\n![The top](images/heel-raise-top.svg)\n")
    assert picture_messages(text, docs) == [
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
def test_heavy_pictures_warn_above_500_kb_and_fail_above_5_mb(docs, size, message):
    (docs / "images" / "big.png").write_bytes(b"\0" * size)
    assert picture_messages(f"{FRONT}![A calf](images/big.png)\n", docs) == (
        [] if message is None else [f"docs/exercise.md:7: {message}"])


def test_pictures_get_their_size_the_first_early_the_rest_lazily(docs):
    _, root, _ = render(f"{FRONT}![A](images/heel-raise-start.svg)\n\n![B](images/none.svg)\n\n"
                        f'<img src="images/heel-raise-top.svg" alt="C" width="9" loading="eager" decoding="sync">\n')
    size_pictures(root, lambda src: docs / src if (docs / src).is_file() else None)
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
    assert [image_size(tmp_path / name) for name in ("a.svg", "b.svg", "c.svg", "d.png", "e.PNG", "f.svg")] == [
        (16, 10), None, None, None, (16, 9), None]
