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

from conftest import PROJECT_DIR, plugin_settings
from soleus_site.checks.page_content import page_content_problems
from soleus_site.checks.pictures import picture_problems, size_pictures
from soleus_site.page_tools import image_size
from soleus_site.handout.content import Box, Picture, read_handout
from soleus_site.handout.outputs import HandoutOutputs
from soleus_site.page_model import PageSource
from soleus_site.source_lines import SourceLinesExtension

SETTINGS = plugin_settings()  # the plugin's defaults, as mkdocs.yml leaves them

# mkdocs.yml's markdown_extensions
EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "tables", "toc",
              "pymdownx.blocks.caption", "pymdownx.details", "pymdownx.superfences"]


def render(text: str, src: str = "exercise.md"):
    """(page, element tree, source map) of a page's file, as the build's plugin sees them."""
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
        page, lambda url: docs / url if (docs / url).is_file() else None,
        SETTINGS.picture_warn_kb, SETTINGS.picture_max_kb)]


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


# What a handout reads from its page ------------------------------------------------------------

EXERCISE = """---
title: Heel raise
updated: 2026-11-25
review_due: 2027-11-25
handout: true
---

# The exercise: heel raise {#top}

This makes your calf **stronger**. See [why](anatomy.md).

<p>Raw words</p>

!!! warning "Check with us first"
    Ask us first after **surgery**.

## How to do it

Work one leg at a time. <span>Hold</span> a rail.

<div class="note">Only raw HTML</div>

![Start: on the step](images/heel-raise-start.svg)

/// caption
Start *here*
///

1. Stand on a step.  
   Bend your knee.
2. Push up. <span>Slowly</span>.

![Top](images/heel-raise-top.svg)

![Third](images/heel-raise-mistake.svg)

## Tips for success

- Keep your **knee bent**.

![Mistake: knee straight](images/heel-raise-mistake.svg)

## How many and how often

- **Repetitions:** up to 15.
- **How   Often:** every other day.
- Rest well.

## How it should feel

Tired is normal.

<p>Raw only</p>

- Pain up to 3 is all right.

## Make it easier or harder

- **Easier:** both feet.
- **Harder:** hold a weight.

!!! warning "When to stop"
    Stop when you lose **control**.

## When to get help

!!! danger "A possible blood clot"
    Call **999**.

!!! warning "See your GP"
    - Calf pain when you walk.
"""


def handout_of(text: str, docs: Path):
    _, root, source_map = render(text)
    return read_handout(root, source_map, HandoutOutputs.for_page("exercise/index.html", "Heel raise"),
                        "https://example.org/exercise/", docs)


def test_the_handout_reads_each_part_of_its_page(docs):
    content = handout_of(EXERCISE, docs)
    assert (content.title, content.page_heading) == ("Heel raise", "The exercise: heel raise")
    assert content.page_url == "https://example.org/exercise/"
    assert content.purpose == "This makes your calf <strong>stronger</strong>. See why."
    assert content.steps_intro == ["<p>Work one leg at a time. Hold a rail.</p>"]
    assert content.steps == ["Stand on a step.<br> Bend your knee.", "Push up. Slowly."]
    assert content.dosage == ["<strong>Repetitions:</strong> up to 15.",
                              "<strong>How Often:</strong> every other day.", "Rest well."]
    assert content.dosage_by_label == {"repetitions": "up to 15.", "how often": "every other day."}
    assert content.feel == ["<p>Tired is normal.</p>", "<ul> <li>Pain up to 3 is all right.</li> </ul>"]
    assert [(level.name, level.text) for level in content.levels] == [
        ("Easier", "<strong>Easier:</strong> both feet."),
        ("Harder", "<strong>Harder:</strong> hold a weight.")]
    assert content.check_first == Box("Check with us first",
                                      "<p>Ask us first after <strong>surgery</strong>.</p>")
    assert content.stop == Box("When to stop", "<p>Stop when you lose <strong>control</strong>.</p>")
    assert content.get_help == [Box("A possible blood clot", "<p>Call <strong>999</strong>.</p>"),
                                Box("See your GP", "<ul> <li>Calf pain when you walk.</li> </ul>")]
    # The first two pictures of the steps and the first of the tips (the common mistake)
    assert content.pictures == [
        Picture("images/heel-raise-start.svg", "Start: on the step", 480, 480, "Start <em>here</em>",
                "How to do it"),
        Picture("images/heel-raise-top.svg", "Top", 480, 480, "", "How to do it"),
        Picture("images/heel-raise-mistake.svg", "Mistake: knee straight", 480, 480, "",
                "Tips for success")]
    assert (content.updated, content.review_due) == (datetime.date(2026, 11, 25),
                                                      datetime.date(2027, 11, 25))


def test_a_handout_without_levels_or_dates_has_none(docs):
    text = EXERCISE.replace("updated: 2026-11-25\n", "").replace("## Make it easier or harder", "## Other")
    content = handout_of(text, docs)
    assert content.levels == [] and content.updated is None


def line(text: str, needle: str) -> int:
    return next(number for number, written in enumerate(text.split("\n"), 1) if needle in written)


@pytest.mark.parametrize("old, new, at, message", [
    ("# The exercise: heel raise {#top}", "Title", "handout: true",
     "the handout needs the page's title (a first-level heading, # Title)"),
    ("This makes your calf **stronger**. See [why](anatomy.md).", "", "# The exercise",
     "the handout needs a short paragraph under the page's title saying what the exercise is for"),
    ("1. Stand on a step.", "- Stand on a step.", "## How to do it",
     'the handout needs a section headed "How to do it" with a numbered list of steps'),
    ("## How to do it", "## Steps", "handout: true",
     'the handout needs a section headed "How to do it" with a numbered list of steps'),
    ('!!! warning "Check with us first"', '!!! warning "First"', "handout: true",
     'the handout needs the "Check with us first" box: add the line :safety: check-first to the '
     "page"),
    ("## When to get help", "## Help", "handout: true",
     'the handout needs a section headed "When to get help" with the urgent signs: add the line '
     ":safety: get-help under it"),
    ('!!! danger "A possible blood clot"\n    Call **999**.\n\n!!! warning "See your GP"\n'
     "    - Calf pain when you walk.", "Call 999.", "## When to get help",
     'the handout needs a section headed "When to get help" with the urgent signs: add the line '
     ":safety: get-help under it"),
    ("## How many and how often", "## Dose", "handout: true",
     'the handout needs a section headed "How many and how often" with a bulleted list: '
     "repetitions, sets, how often, and once you add weights"),
    ('!!! warning "When to stop"', '!!! warning "Careful"', "handout: true",
     'the handout needs the "When to stop" box: add the line :safety: when-to-stop to the page'),
    ("## How it should feel", "## Feel", "handout: true",
     'the handout needs a section headed "How it should feel": what pain is all right while '
     "exercising and the next day"),
    ("- **Harder:** hold", "- Harder: hold", "## Make it easier or harder",
     'each item under "Make it easier or harder" needs to start with its level in bold, for '
     "example **Easier:** start with both feet"),
    ("![Start: on the step](images/heel-raise-start.svg)", "", "## How to do it", None),
])
def test_a_missing_part_is_one_problem_at_its_line(docs, old, new, at, message):
    text = EXERCISE.replace(old, new)
    if message is None:  # no picture in the steps' section
        text = text.replace("![Top](images/heel-raise-top.svg)", "").replace(
            "![Third](images/heel-raise-mistake.svg)", "")
        message = ('the handout needs a picture of the exercise in the section "How to do it", '
                   "written as ![what the picture shows](images/picture.svg)")
    assert str(handout_of(text, docs)) == f"docs/exercise.md:{line(text, at)}: {message}"


# More of each rule, from the survivors of `make mutate` ------------------------------------------

def test_a_box_is_reported_at_its_own_line_not_at_a_line_naming_its_type():
    assert content_messages("!!! tipp\n    A tipp for you.\n\n- Item\n\n    !!! zzz\n        Nested.\n") == [
        "docs/exercise.md:1: box type 'tipp' is not one the site knows, so it would show without "
        "its colour and icon (did you mean 'tip'?)",
        "docs/exercise.md:6: box type 'zzz' is not one the site knows, so it would show without "
        "its colour and icon (for example warning, note or tip)"]


def test_a_folding_box_and_a_box_without_text_are_checked_at_their_lines():
    assert content_messages("Intro.\n\n??? warnin \"Open me\"\n    Hidden.\n\n!!! zzz\n\n"
                            "!!! tip\n    Ok.\n\n!!! zzz \"Again\"\n") == [
        "docs/exercise.md:3: box type 'warnin' is not one the site knows, so it would show without "
        "its colour and icon (did you mean 'warning'?)",
        "docs/exercise.md:6: box type 'zzz' is not one the site knows, so it would show without "
        "its colour and icon (for example warning, note or tip)",
        "docs/exercise.md:11: box type 'zzz' is not one the site knows, so it would show without "
        "its colour and icon (for example warning, note or tip)"]


def test_empty_boxes_of_one_type_are_each_at_their_own_line():
    assert content_messages("!!! tip \"zzz tips\"\n    A.\n\n!!! zzz\n    B.\n\n!!! zzz\n\n"
                            "???+ zzz\n\n??? \"Only a title\"\n    C.\n") == [
        f"docs/exercise.md:{line}: box type 'zzz' is not one the site knows, so it would show "
        "without its colour and icon (for example warning, note or tip)" for line in (4, 7, 9)]


def test_a_box_written_in_html_is_checked_for_the_whole_file():
    assert content_messages('<div class="admonition zzz" markdown="1">\nText\n</div>\n') == [
        "docs/exercise.md: box type 'zzz' is not one the site knows, so it would show without "
        "its colour and icon (for example warning, note or tip)"]


def test_a_div_with_only_the_admonition_class_is_not_a_box_type():
    assert content_messages('<div class="admonition" markdown="1">\nText\n</div>\n') == []


def test_alt_text_that_is_the_file_name_with_underscores(docs):
    shutil.copy2(docs / "images" / "heel-raise-top.svg", docs / "images" / "calf_photo.svg")
    assert picture_messages(f"{FRONT}![Calf photo](images/calf_photo.svg)\n", docs) == [
        "docs/exercise.md:7: warning: picture 'images/calf_photo.svg' has its file name as alt "
        "text: describe what the picture shows inside the square brackets, for someone who cannot see it"]


def test_every_picture_is_checked_after_links_and_missing_files(docs):
    text = f"{FRONT}[A link](anatomy.md) ![A](images/gone.svg) ![](images/heel-raise-top.svg)\n"
    assert picture_messages(text, docs) == [
        "docs/exercise.md:7: picture 'images/heel-raise-top.svg' has no alt text: describe what "
        "it shows inside the square brackets, for example ![Side view of the exercise](images/picture.svg)"]


@pytest.mark.parametrize("size, shown, is_error", [
    (1_000_000, "1.0 MB, slow to load", False), (1_050_000, "1.1 MB, slow to load", False),
    (6_000_000, "6.0 MB, too large to publish", True),
])
def test_picture_sizes_in_mb_and_which_fail(docs, size, shown, is_error):
    (docs / "images" / "big.png").write_bytes(b"\0" * size)
    page, _, _ = render(f"{FRONT}![A calf](images/big.png)\n")
    [problem] = picture_problems(page, lambda url: docs / url, SETTINGS.picture_warn_kb,
                                 SETTINGS.picture_max_kb)
    assert f"is {shown} on a phone" in problem.message and problem.is_error is is_error


def test_sizes_and_loading_already_written_are_kept(docs):
    shutil.copy2(PROJECT_DIR / "tests" / "fixtures" / "video" / "media" / "poster.png", docs / "images" / "wide.png")
    _, root, _ = render(f'{FRONT}![A](images/wide.png)\n\n![B](images/wide.png){{ width="5" }}\n\n'
                        f'![C](images/wide.png){{ height="5" }}\n\n'
                        f'![D](images/wide.png){{ loading="eager" decoding="sync" }}\n\n'
                        f'![E](images/wide.png){{ fetchpriority="low" }}\n')
    size_pictures(root, lambda src: docs / src)
    assert [dict(img.attrib) for img in root.iter("img")] == [
        {"src": "images/wide.png", "alt": "A", "width": "16", "height": "9", "fetchpriority": "high", "decoding": "async"},
        {"src": "images/wide.png", "alt": "B", "width": "5", "loading": "lazy", "decoding": "async"},
        {"src": "images/wide.png", "alt": "C", "height": "5", "loading": "lazy", "decoding": "async"},
        {"src": "images/wide.png", "alt": "D", "loading": "eager", "decoding": "sync", "width": "16", "height": "9"},
        {"src": "images/wide.png", "alt": "E", "fetchpriority": "low", "width": "16", "height": "9", "decoding": "async"}]


def test_the_handout_keeps_its_page_and_outputs_and_reads_dates_only_when_they_are_dates(docs):
    _, root, source_map = render(EXERCISE)
    source_map.page.meta["updated"] = "last week"
    outputs = HandoutOutputs.for_page("exercise/index.html", "Heel raise")
    content = read_handout(root, source_map, outputs, "https://example.org/exercise/", docs)
    assert content.page is source_map.page and content.outputs is outputs
    assert content.updated is None


def test_handout_reading_details(docs):
    shutil.copy2(PROJECT_DIR / "tests" / "fixtures" / "video" / "media" / "poster.png", docs / "images" / "wide.png")
    text = (EXERCISE
            .replace("## How to do it", "## How to *do* it")
            .replace("Work one leg at a time.", "![](images/wide.png)\n\nDon't rush. Work one leg at a time.")
            .replace("![Start: on the step](images/heel-raise-start.svg)", "![Gone](images/broken.svg)")
            .replace("- Keep your **knee bent**.", "- Keep your **knee bent**.\n\n- Breathe.")
            .replace("- Rest well.", "- Rest **well**.")
            .replace("- Pain up to 3 is all right.", "1. Pain up to 3 is all right.")
            .replace("- **Harder:** hold a weight.", "- **Harder:** hold a weight.\n\nMore:\n\n- **Hardest:** two weights.")
            .replace('!!! warning "When to stop"\n    Stop when you lose **control**.',
                     '??? warning "When to stop"\n    Stop when you lose **control**.\n\n    Or feel sharp pain.'))
    (docs / "images" / "broken.svg").write_text("not a picture")  # its size unreadable: 4 x 3
    content = handout_of(text, docs)
    assert content.steps_intro == ["<p>Don't rush. Work one leg at a time. Hold a rail.</p>"]
    assert content.pictures[:2] == [Picture("images/wide.png", "", 16, 9, "", "How to do it"),
                                    Picture("images/broken.svg", "Gone", 4, 3, "Start <em>here</em>",
                                            "How to do it")]
    assert content.dosage_by_label == {"repetitions": "up to 15.", "how often": "every other day."}
    assert content.feel == ["<p>Tired is normal.</p>", "<ol> <li>Pain up to 3 is all right.</li> </ol>"]
    assert [level.name for level in content.levels] == ["Easier", "Harder"]
    assert content.stop == Box(
        "When to stop", "<p>Stop when you lose <strong>control</strong>.</p><p>Or feel sharp pain.</p>")


def test_headings_with_nested_emphasis_a_box_without_title_and_trailing_space(docs):
    text = (EXERCISE.replace("## How to do it", "## How to *do **it***")
            .replace("Tired is normal.", "Tired is normal. <span></span>")
            .replace('!!! warning "When to stop"', '!!! note ""\n    Plain.\n\n!!! warning "When to stop"'))
    content = handout_of(text, docs)
    assert content.steps == ["Stand on a step.<br> Bend your knee.", "Push up. Slowly."]
    assert content.feel[0] == "<p>Tired is normal.</p>"
    assert content.stop.body == "<p>Stop when you lose <strong>control</strong>.</p>"


def test_the_handout_copies_characters_as_the_page_shows_them(docs):
    text = EXERCISE.replace("Tired is normal.", "Tired &amp; normal, 1 &lt; 3, x<y & <b>z</b>, \"q\".")
    assert handout_of(text, docs).feel[0] == '<p>Tired &amp; normal, 1 &lt; 3, x&lt;y &amp; z, "q".</p>'


def test_a_caption_of_two_paragraphs_keeps_a_space_between_them(docs):
    text = EXERCISE.replace("Start *here*\n///", "Start *here*.\n\nThen up.\n///")
    assert handout_of(text, docs).pictures[0].caption == "Start <em>here</em>. Then up."


@pytest.mark.parametrize("for_pdf", [False, True], ids=["page", "pdf sheet"])
def test_the_sheet_returns_every_address_and_id_it_wrote(docs, for_pdf):
    """The link check takes the handout page's links and ids from render_page, not by parsing the
    page: a link written past link(), or an id past anchor(), would go unchecked."""
    import lxml.html

    from soleus_site.clinic import clinic_details
    from soleus_site.handout import SiteInfo
    from soleus_site.handout.sheet import render_page
    from soleus_site.source_lines import URL_ATTRIBUTES

    clinic, _ = clinic_details({"clinic": {"name": "Active Podiatry", "website": "https://example.org/",
                                           "email": "hello@example.org"}}, PROJECT_DIR / "mkdocs.yml")
    sheet = render_page(handout_of(EXERCISE, docs), SiteInfo("Soleus", "https://example.org/",
                                                             "assets/favicon.png", clinic), for_pdf)
    document = lxml.html.document_fromstring(sheet.html)
    written = [(kind, element.get(attribute)) for element in document.iter(*URL_ATTRIBUTES)
               for attribute, kind in URL_ATTRIBUTES[element.tag] if element.get(attribute) is not None]
    assert sheet.links == written
    assert ("link", "mailto:hello@example.org") in written and ("picture", "qr-page.svg") in written
    assert sheet.ids == set(document.xpath("//@id")) and "tracker" in sheet.ids
