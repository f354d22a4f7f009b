"""What the handout reads from its page (handout/content.py): the title, what the exercise is
for, the steps and their pictures, the dosage, how it should feel, the levels and the safety
boxes, copied as the page shows them; a part it needs and cannot find is one problem at its line.
In-process, on the page tests/fixtures/handout/exercise.md (fast enough for `make mutate` to run
them against every mutant); the last take a part out of a copy of the project's exercise page and
build it: that one problem, and nothing more."""

from __future__ import annotations

import datetime
import shutil

import pytest

from conftest import EXERCISE, PROJECT_DIR, edit, handout_of, line_of, render
from soleus_site.handout.content import Box, Copier, Picture, read_handout
from soleus_site.handout.outputs import HandoutOutputs
from soleus_site.site_build import build_into


def test_the_handout_reads_each_part_of_its_page(picture_docs):
    content = handout_of(EXERCISE, picture_docs)
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


def test_a_handout_without_levels_or_dates_has_none(picture_docs):
    text = EXERCISE.replace("updated: 2026-11-25\n", "").replace("## Make it easier or harder", "## Other")
    content = handout_of(text, picture_docs)
    assert content.levels == [] and content.updated is None


@pytest.mark.parametrize("raw, has_video", [
    ("", False),
    ('<figure class="video video--file"><video controls></video></figure>', True),  # :video:'s
    ('<figure class="video video--youtube"><a href="https://www.youtube.com/watch?v=x">Play</a></figure>', True),
    ('<figure class="photo"><img src="images/heel-raise-start.svg" alt="A"></figure>', False),
    ('<div class="video">A video, one day</div>', False),
    ('<figure>A figure with no class</figure>', False),
])
def test_the_handout_knows_whether_its_page_shows_a_video(picture_docs, raw, has_video):
    """The sheet calls its QR code's page "Video" only when the page shows one (the figure a
    :video: shortcode writes)."""
    text = EXERCISE.replace("## Tips for success", f"{raw}\n\n## Tips for success")
    assert handout_of(text, picture_docs).has_video is has_video


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
def test_a_missing_part_is_one_problem_at_its_line(picture_docs, old, new, at, message):
    text = EXERCISE.replace(old, new)
    if message is None:  # no picture in the steps' section
        text = text.replace("![Top](images/heel-raise-top.svg)", "").replace(
            "![Third](images/heel-raise-mistake.svg)", "")
        message = ('the handout needs a picture of the exercise in the section "How to do it", '
                   "written as ![what the picture shows](images/picture.svg)")
    assert str(handout_of(text, picture_docs)) == f"docs/exercise.md:{line(text, at)}: {message}"


# More of each rule, from the survivors of `make mutate` ------------------------------------------

def test_the_handout_keeps_its_page_and_outputs_and_reads_dates_only_when_they_are_dates(picture_docs):
    _, root, source_map = render(EXERCISE)
    source_map.page.meta["updated"] = "last week"
    outputs = HandoutOutputs.for_page("exercise/index.html", "Heel raise")
    content = read_handout(root, source_map, outputs, "https://example.org/exercise/", picture_docs)
    assert content.page is source_map.page and content.outputs is outputs
    assert content.updated is None


def test_handout_reading_details(picture_docs):
    shutil.copy2(PROJECT_DIR / "tests" / "fixtures" / "video" / "media" / "poster.png", picture_docs / "images" / "wide.png")
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
    (picture_docs / "images" / "broken.svg").write_text("not a picture")  # its size unreadable: 4 x 3
    content = handout_of(text, picture_docs)
    assert content.steps_intro == ["<p>Don't rush. Work one leg at a time. Hold a rail.</p>"]
    assert content.pictures[:2] == [Picture("images/wide.png", "", 16, 9, "", "How to do it"),
                                    Picture("images/broken.svg", "Gone", 4, 3, "Start <em>here</em>",
                                            "How to do it")]
    assert content.dosage_by_label == {"repetitions": "up to 15.", "how often": "every other day."}
    assert content.feel == ["<p>Tired is normal.</p>", "<ol> <li>Pain up to 3 is all right.</li> </ol>"]
    assert [level.name for level in content.levels] == ["Easier", "Harder"]
    assert content.stop == Box(
        "When to stop", "<p>Stop when you lose <strong>control</strong>.</p><p>Or feel sharp pain.</p>")


def test_headings_with_nested_emphasis_a_box_without_title_and_trailing_space(picture_docs):
    text = (EXERCISE.replace("## How to do it", "## How to *do **it***")
            .replace("Tired is normal.", "Tired is normal. <span></span>")
            .replace('!!! warning "When to stop"', '!!! note ""\n    Plain.\n\n!!! warning "When to stop"'))
    content = handout_of(text, picture_docs)
    assert content.steps == ["Stand on a step.<br> Bend your knee.", "Push up. Slowly."]
    assert content.feel[0] == "<p>Tired is normal.</p>"
    assert content.stop.body == "<p>Stop when you lose <strong>control</strong>.</p>"


def test_the_handout_copies_characters_as_the_page_shows_them(picture_docs):
    text = EXERCISE.replace("Tired is normal.", "Tired &amp; normal, 1 &lt; 3, x<y & <b>z</b>, \"q\".")
    assert handout_of(text, picture_docs).feel[0] == '<p>Tired &amp; normal, 1 &lt; 3, x&lt;y &amp; z, "q".</p>'


def test_a_caption_of_two_paragraphs_keeps_a_space_between_them(picture_docs):
    text = EXERCISE.replace("Start *here*\n///", "Start *here*.\n\nThen up.\n///")
    assert handout_of(text, picture_docs).pictures[0].caption == "Start <em>here</em>. Then up."


# In a copy of the project: one problem at its line, and no handout -------------------------------

# The exercise page's dosage list, as written
DOSAGE_LIST = (PROJECT_DIR / "docs" / "exercise.md").read_text(encoding="utf-8").partition(
    "## How many and how often\n\n")[2].partition("\n## ")[0]


@pytest.mark.parametrize("change, message", [
    (("## How to do it", "## Steps"),
     '{handout_line}: the handout needs a section headed "How to do it" with a numbered list of steps'),
    ((":safety: check-first\n", ""),
     '{handout_line}: the handout needs the "Check with us first" box: add the line :safety: '
     "check-first to the page"),
    (("## When to get help\n\n:safety: get-help\n", "## When to get help\n\nSee your GP.\n"),
     '{help_line}: the handout needs a section headed "When to get help" with the urgent signs: '
     "add the line :safety: get-help under it"),
    ((DOSAGE_LIST, "Do up to 15 in 1 set.\n"),
     '{line}: the handout needs a section headed "How many and how often" with a bulleted list: '
     "repetitions, sets, how often, and once you add weights"),
    (("## How it should feel", "## Feelings"),
     '{handout_line}: the handout needs a section headed "How it should feel": what pain is all '
     "right while exercising and the next day"),
    (("- **Easier:** both feet", "- Easier: both feet"),
     '{levels_line}: each item under "Make it easier or harder" needs to start with its level in '
     "bold, for example **Easier:** start with both feet"),
    ((":safety: when-to-stop\n", ""),
     '{handout_line}: the handout needs the "When to stop" box: add the line :safety: '
     "when-to-stop to the page"),
])
def test_a_missing_part_is_one_problem_at_its_line_and_nothing_more(project, change, message):
    exercise = project / "docs" / "exercise.md"
    edit(exercise, *change)
    expected = "docs/exercise.md:" + message.format(
        handout_line=line_of(exercise, "handout: true"), line=line_of(exercise, "## How many and how often"),
        help_line=line_of(exercise, "## When to get help"),
        levels_line=line_of(exercise, "## Make it easier or harder"))
    outcome = build_into(project, project / "site")
    assert [str(problem) for problem in outcome.problems] == [expected]
    # This page's handout is not made; the seated raise's is, from its own page
    assert outcome.notes == ["Handout of docs/seated-raise.md: PDFs reused (nothing they show has changed)"]


def test_a_misspelt_picture_in_the_steps_is_one_problem_at_its_line(project):
    exercise = project / "docs" / "exercise.md"
    edit(exercise, "(images/heel-raise-top.svg)", "(images/heel-raise-topp.svg)")
    outcome = build_into(project, project / "site")
    assert [str(problem) for problem in outcome.problems] == [
        f"docs/exercise.md:{line_of(exercise, 'heel-raise-topp.svg')}: "
        "picture 'images/heel-raise-topp.svg': file not found (did you mean 'heel-raise-top.svg'?)"]


def test_a_page_without_steps_is_reported_at_its_heading(project):
    exercise = project / "docs" / "exercise.md"
    text = exercise.read_text(encoding="utf-8")
    steps = text[text.index("1. Stand with the ball"):text.index("![Side view: standing")]
    edit(exercise, steps, "")
    outcome = build_into(project, project / "site")
    assert [str(problem) for problem in outcome.problems] == [
        f'docs/exercise.md:{line_of(exercise, "## How to do it")}: the handout needs a section '
        f'headed "How to do it" with a numbered list of steps']


# From the survivors of `make mutate` ------------------------------------------------------------

def test_a_list_item_is_copied_without_the_space_raw_html_leaves_at_its_end(picture_docs):
    text = (EXERCISE.replace("- Pain up to 3 is all right.", "- Pain up to 3 is all right. <span></span>")
            .replace("- Rest well.", "- Rest well. <span></span>"))
    content = handout_of(text, picture_docs)
    assert content.feel == ["<p>Tired is normal.</p>", "<ul> <li>Pain up to 3 is all right.</li> </ul>"]
    assert content.dosage[-1] == "Rest well."


def test_an_urgent_sign_in_a_box_without_a_title_has_an_empty_title(picture_docs):
    text = EXERCISE.replace('!!! warning "See your GP"', '!!! warning ""')
    assert handout_of(text, picture_docs).get_help == [
        Box("A possible blood clot", "<p>Call <strong>999</strong>.</p>"),
        Box("", "<ul> <li>Calf pain when you walk.</li> </ul>")]


def test_a_picture_read_on_its_own_is_in_no_section(picture_docs):
    _, root, source_map = render(EXERCISE)
    img = next(root.iter("img"))
    assert Copier(source_map).picture(img, picture_docs) == Picture(
        "images/heel-raise-start.svg", "Start: on the step", 480, 480, "Start <em>here</em>", "")
