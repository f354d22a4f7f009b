"""What a podiatrist asked for before the site and its handouts go to patients (issue 19): who
should check first, holding on, when to stop and get help, plain dosage, true technique and
anatomy, modest claims. Each sentence is checked where a patient meets it: the built page, the
handout page and the three PDFs. Every safety text is written once, in docs/safety/."""

from __future__ import annotations

import lxml.html
import pytest

from conftest import (HANDOUT_PAGE, HANDOUTS, OUTPUTS, PDFS, PROJECT_DIR, edit, fold,
                      page_html, pdf_text)
from soleus_site.shortcodes import PageContext, ShortcodeError, expand_one
from soleus_site.site_build import build_into


def page_text(site, page: str) -> str:
    """The page's article as a reader sees it."""
    return fold(lxml.html.fromstring(page_html(site, page)).find(".//article").text_content())


def sheet_text(site) -> str:
    """The handout page's sheet as a reader sees it (the clinician's form left out)."""
    document = lxml.html.fromstring((site / HANDOUT_PAGE).read_text(encoding="utf-8"))
    return fold(document.find_class("sheet")[0].text_content())


@pytest.fixture(scope="module")
def texts(built_site):
    """Every place a patient reads: the exercise page, the handout page and each PDF."""
    return {"exercise page": page_text(built_site, "exercise"),
            "handout page": sheet_text(built_site),
            **{pdf: pdf_text(built_site / pdf) for pdf in PDFS}}


# Each item: the words a patient must find on the exercise page, the handout page and every PDF.
EVERYWHERE = {
    "1 check first": [
        "Check with us first Ask us, a physiotherapist or your GP before you start if you have:",
        "torn your Achilles tendon, or had leg or ankle surgery, in the last year;",
        "a calf tear, or sudden calf pain, that no one has checked yet;",
        "a blood clot, or think you may have one;",
        "poor balance or dizzy spells, or had a fall in the last year;",
        "diabetes and numb feet.",
        "Pain where the tendon meets your heel bone? Do the raise on a flat floor, so your heel "
        "never drops below your toes."],
    "2 holding on": [
        "On a step, keep one hand on a rail or a wall the whole time.",
        "Harder: go slower, or add weight: one weight in the hand that is not on the rail, or a "
        "backpack. Never a weight in each hand on a step."],
    "3 when to stop, with a time": [
        "Stop the repetitions when you start to lose control, or if the pain in your calf goes "
        "above 5 out of 10.",
        "If pain is worse the next morning after two sessions in a row, or has not settled within "
        "two weeks, stop and contact us, a physiotherapist or your GP."],
    "6 a blood clot, told apart from soreness": [
        "Swelling in one calf or thigh, with warm, red or darker skin (this can be harder to see "
        "on brown or black skin); throbbing pain in one leg that exercise did not cause; or "
        "swollen veins that are hard or sore to touch. Call NHS 111",
        "call 999"],
    "7 a torn Achilles tendon": [
        "You may still be able to walk: go anyway, to an urgent treatment centre or A&E the same "
        "day. Do not do this exercise until you have been checked."],
    "8 calf pain on walking": [
        "Calf pain when you walk that goes away after a few minutes' rest, or a foot that is "
        "cold, pale or numb: see your GP."],
    "9 dosage in plain words": [
        "Speed: go up for 2 seconds and down for 3.",
        "with 1 to 2 minutes' rest between sets. This is your baseline: the amount to reach "
        "before you add weight.",
        "How often: every other day (3 or 4 times a week) for about 6 weeks.",
        "When to add weight: when you can do 3 sets of 15 on one leg, in control, with pain of 3 "
        "or less and no worse the next morning.",
        "Once you add weight: use enough that the last 2 or 3 of 8 to 12 repetitions are hard."],
    "10 technique": [
        "At home, use the bottom stair: face up the stairs and hold the banister.",
        "Stand with the ball of one foot on the edge of the step, with your heel hanging over it.",
        "Bend your knee, so it moves forward over your toes.",
        "Slowly lower your heel below the step.",
        "Easier: both feet on the step, knees bent,"],
    "13 can I keep running": [
        "Can I keep running? Usually, yes, with the same pain rules: 5 out of 10 or less, settled "
        "by the next morning, and not building up from week to week. If it is more, run less until "
        "it settles."],
    "14 the middle level's name": ["Standard: one leg on a step, as in the pictures."],
}


@pytest.mark.parametrize("item", EVERYWHERE)
@pytest.mark.parametrize("where", ["exercise page", "handout page", *PDFS])
def test_each_safety_point_is_on_the_page_the_handout_page_and_every_pdf(texts, item, where):
    for words in EVERYWHERE[item]:
        assert words in texts[where], f"{item}: {words!r} is not on the {where}"


# The seated heel raise's handout carries the same texts, from the same files
SHARED = ("1 check first", "3 when to stop, with a time", "6 a blood clot, told apart from soreness",
          "7 a torn Achilles tendon", "8 calf pain on walking", "13 can I keep running")


@pytest.fixture(scope="module")
def seated_texts(built_site):
    return {pdf: pdf_text(built_site / pdf) for pdf in HANDOUTS["seated-raise"].pdfs.values()}


@pytest.mark.parametrize("item", SHARED)
@pytest.mark.parametrize("pdf", HANDOUTS["seated-raise"].pdfs.values())
def test_the_seated_handout_carries_the_same_safety_texts(seated_texts, item, pdf):
    for words in EVERYWHERE[item]:
        assert words in seated_texts[pdf], f"{item}: {words!r} is not in {pdf}"


@pytest.mark.parametrize("where", ["exercise page", "handout page", *PDFS])
def test_who_should_check_first_comes_before_the_steps(texts, where):
    text = texts[where]
    assert text.index("Check with us first") < text.index("How to do it Work one leg")


@pytest.mark.parametrize("where", ["exercise page", "handout page", *PDFS])
def test_nothing_says_drop_or_points_below_or_above_where_paper_disagrees(texts, where):
    """Item 10 and 14: "lower", not "drop"; no "below" or "above" that is wrong on paper."""
    text = texts[where]
    for words in ("dropping your heel", "as shown above", "see the tips below",
                  'Tips for success" below', "how many and how often below",
                  "The exercise: one foot"):
        assert words not in text


@pytest.mark.parametrize("where", ["handout page", *PDFS])
def test_the_sheet_offers_other_formats_and_asks_for_feedback(texts, where):
    assert ("This sheet does not replace an assessment by a health professional. Ask us for large "
            "print, Easy Read, audio or another language. Tell us what you think.") in texts[where]


def test_the_weakness_page_gives_the_same_help_and_plain_claims(built_site):
    text = page_text(built_site, "weakness")
    for item in ("6 a blood clot, told apart from soreness", "7 a torn Achilles tendon",
                 "8 calf pain on walking"):
        for words in EVERYWHERE[item]:
            assert words in text
    assert "a weak soleus may be linked to: a tight calf;" in text
    assert "shin splints: pain along the inside edge of your shin bone, at the front of your" in text
    assert "can lead to" not in text


def test_the_anatomy_says_why_a_bent_knee_matters_as_modestly_as_the_evidence(built_site):
    text = page_text(built_site, "anatomy")
    assert "The soleus starts just below your knee, so it crosses only your ankle." in text
    assert "The gastrocnemius starts just above your knee, so it crosses your knee and your ankle." in text
    assert ("When you bend your knee, the gastrocnemius goes slack, so the soleus does more of the "
            "work. The change is small,") in text
    assert "three" not in text.lower() and "works harder" not in text
    exercise = page_text(built_site, "exercise")
    assert "Bending your knee slackens the gastrocnemius, so the soleus does more of the work." in exercise


def test_the_running_page_gives_the_two_thirds_as_ours_and_speed_in_plain_words(built_site):
    text = page_text(built_site, "running")
    assert ("Our article says that the soleus takes around two thirds (2/3) of the whole load in "
            "running. That figure is ours: we have not found a study that gives it.") in text
    assert "From a jog up to fast running (about 15 miles or 25 km an hour)" in text
    assert "metres a second" not in text


def test_the_sheet_shows_the_common_mistake_with_the_two_steps(built_site):
    document = lxml.html.fromstring((built_site / HANDOUT_PAGE).read_text(encoding="utf-8"))
    pictures = [img.get("src") for img in document.find_class("pictures")[0].iter("img")]
    assert pictures == ["../../images/heel-raise-start.svg", "../../images/heel-raise-top.svg",
                        "../../images/heel-raise-mistake.svg"]
    captions = [fold(caption.text_content()) for caption in document.iter("figcaption")]
    assert captions == ["1 Start: heel down", "2 Top: knee still bent", "Wrong: knee straightens"]


def test_every_added_point_is_listed_for_the_clinician_to_confirm(built_site):
    text = page_text(built_site, "references")
    for words in ("Check with us first (a torn Achilles tendon",
                  "When to stop and when to contact us (pain above 5 out of 10;",
                  "Calf pain when walking that eases with rest",
                  "Where shin splints hurt",
                  "one weight in the free hand or a backpack, never a weight in each hand on a step",
                  "How many and how often (up for 2 seconds and down for 3, 1 to 2 minutes' rest",
                  "Why a bent knee matters (the soleus crosses only the ankle;",
                  "Can I keep running?", "The handout's session record, and other formats"):
        assert words in text


# One place for each safety text ----------------------------------------------------------------

def context(tmp_path):
    (tmp_path / "safety").mkdir()
    (tmp_path / "safety" / "when-to-stop.md").write_text('!!! warning "When to stop"\n\n    Stop.\n')
    (tmp_path / "safety" / "get-help.md").write_text("Call 999.\n")
    return PageContext(src_path="exercise.md", shown_path="docs/exercise.md", docs_dir=tmp_path,
                       url_for=lambda path: path)


def test_a_safety_shortcode_is_the_text_of_its_file(tmp_path):
    assert expand_one("safety", "when-to-stop", context(tmp_path)) == (
        '!!! warning "When to stop"\n\n    Stop.')


@pytest.mark.parametrize("args, message", [
    ("when-to-stp", "unknown safety text 'when-to-stp' (did you mean ':safety: when-to-stop'?)"),
    ("something", "unknown safety text 'something' (known: get-help, when-to-stop; each is a file "
                  "docs/safety/<name>.md)"),
    ("", ":safety: needs the name of a safety text, for example :safety: when-to-stop (known: "
         "get-help, when-to-stop; each is a file docs/safety/<name>.md)"),
])
def test_an_unknown_safety_text_says_which_ones_there_are(tmp_path, args, message):
    with pytest.raises(ShortcodeError) as error:
        expand_one("safety", args, context(tmp_path))
    assert str(error.value) == message


def test_the_safety_texts_are_not_published_as_pages(built_site):
    assert not (built_site / "safety").exists()
    assert sorted(path.name for path in (PROJECT_DIR / "docs" / "safety").iterdir()) == [
        "check-first.md", "get-help.md", "how-it-should-feel.md", "when-to-stop.md"]


def test_a_safety_text_changed_in_docs_changes_on_every_page_and_pdf_that_shows_it(project):
    old = "or has not settled within two\n    weeks, stop and contact us"
    new = "or has not settled within ten\n    days, stop and contact us"
    edit(project / "docs" / "safety" / "when-to-stop.md", old, new)
    edit(project / "docs" / "safety" / "get-help.md", "go anyway", "go all the same")
    edit(project / "mkdocs.yml", 'clinical_author: ""', 'clinical_author: "J. Patel, Podiatrist (HCPC CH12345)"')
    outcome = build_into(project, project / "site")
    assert [problem for problem in outcome.problems if problem.is_error] == []
    site = project / "site"
    for text in (page_text(site, "exercise"), sheet_text(site),
                 *(pdf_text(site / pdf) for pdf in PDFS)):
        assert "or has not settled within ten days, stop and contact us" in text
        assert "within two weeks" not in text
        assert "You may still be able to walk: go all the same" in text
    assert "You may still be able to walk: go all the same" in page_text(site, "weakness")
    assert "<p>Written by: J. Patel, Podiatrist (HCPC CH12345)</p>" in page_html(site, "exercise")
    assert "Clinical review:" not in page_html(site, "exercise")
    for text in (sheet_text(site), pdf_text(site / OUTPUTS.pdf_a4)):
        assert "Written by J. Patel, Podiatrist (HCPC CH12345)." in text
        assert "Reviewed by" not in text
