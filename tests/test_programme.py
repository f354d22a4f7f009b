"""The programme pages of issue 23: the ladder (six levels of heel raise, with what to expect), the
seated heel raise (level 6, with its own handout: both handouts link back to the ladder), the
self-test and back to running. Each shows the three safety texts from their one file, reads at
grade 7 or below and cites its sources; each level and each stage says what to do, when to move
on and when to step back; and the exercise page and the home page lead to the ladder. How the
ladder prints: tests/test_ladder_print.py."""

from __future__ import annotations

import itertools
import re

import lxml.html
import markdown
import pytest

from conftest import HANDOUTS, PROJECT_DIR, built_list, fold, page_html, pdf_text

PROGRAMME = ("ladder", "seated-raise", "self-test", "back-to-running")
SAFETY = ("check-first", "when-to-stop", "get-help")
LEVELS = ["Both feet on a flat floor", "Both feet on a step", "Up on two, down on one",
          "One leg on a step", "One leg, with weight", "Sitting, with weight on your knee"]
STAGES = ["Stage 1: walk and run", "Stage 2: easy running", "Stage 3: speed and hills"]


def article(site, page: str):
    return lxml.html.fromstring(page_html(site, page)).find(".//article")


def text_of(element) -> str:
    return fold(element.text_content())


def safety_boxes(name: str) -> list[str]:
    """Each box of docs/safety/<name>.md as a reader sees it: its title and its words."""
    source = (PROJECT_DIR / "docs" / "safety" / f"{name}.md").read_text(encoding="utf-8")
    html = markdown.markdown(source, extensions=["admonition"])
    boxes = lxml.html.fromstring(f"<div>{html}</div>").find_class("admonition")
    assert boxes, f"docs/safety/{name}.md has no box"
    return [text_of(box) for box in boxes]


# The safety texts, from their one file -----------------------------------------------------------

@pytest.mark.parametrize("page", PROGRAMME)
def test_each_page_shows_the_three_safety_texts_from_their_one_file(built_site, page):
    source = (PROJECT_DIR / "docs" / f"{page}.md").read_text(encoding="utf-8")
    shown = text_of(article(built_site, page))
    for name in SAFETY:
        assert re.search(rf"^:safety: {name}$", source, re.M), f"{page}.md lacks :safety: {name}"
        for box in safety_boxes(name):
            assert box in shown, f"{page}: the box of docs/safety/{name}.md is not on the page"
            # Written once: the page says :safety: name, never a copy of its words
            words, page_words = box.split(), fold(source.replace("*", ""))
            copied = [" ".join(words[i:i + 8]) for i in range(len(words) - 7)
                      if " ".join(words[i:i + 8]) in page_words]
            assert copied == [], f"{page}.md copies docs/safety/{name}.md"
    assert shown.index("Check with us first") < shown.index("When to get help")


# The ladder ----------------------------------------------------------------------------------------

def ladder_levels(site):
    """The six levels' list items, from the list under "The six levels"."""
    heading = article(site, "ladder").get_element_by_id("the-six-levels")
    levels = next(element for element in heading.itersiblings() if element.tag == "ol")
    return levels.findall("li")


def test_each_ladder_level_says_what_to_do_when_to_move_on_and_when_to_step_back(built_site):
    levels = ladder_levels(built_site)
    assert [text_of(level.find("strong")).rstrip(".") for level in levels] == LEVELS
    for name, level in zip(LEVELS, levels):
        own_words = fold(" ".join([level.text or ""] + [child.text_content() + (child.tail or "")
                                                        for child in level if child.tag != "ul"]))
        what_to_do = own_words.split(".", 1)[1] if "." in own_words else ""
        assert len(what_to_do.split()) >= 5, f"level {name!r} does not say what to do"
        items = [text_of(item) for item in level.find("ul").findall("li")]
        assert [item.split(":")[0] for item in items] == ["Move on when", "Step back if"], name
        assert all(len(item.split()) >= 6 for item in items), name


def test_the_ladder_moves_on_and_steps_back_by_the_pain_rules_and_adds_load_by_its_source(built_site):
    text = text_of(article(built_site, "ladder"))
    assert ("The pain rules: move on only when you stay in control, your pain is 3 or less, and it "
            "is no worse the next morning. Step back if the pain goes above 5, you lose control, "
            "or your calf is worse the next morning.") in text
    items = [[text_of(item) for item in level.find("ul").findall("li")]
             for level in ladder_levels(built_site)]
    assert [move_on for move_on, _ in items[:4]] == [
        "Move on when: you can do 10 in a row, within the pain rules.",
        "Move on when: you can do 10 in a row, within the pain rules.",
        "Move on when: you can do 3 sets of 15 on each leg, within the pain rules.",
        "Move on when: you can do 3 sets of 15 on each leg, within the pain rules."]
    assert all(step_back.startswith("Step back if: the pain rules say so") for _, step_back in items)
    assert "add 2 to 10 % more weight" in items[4][0]


def test_level_4_is_the_exercise_page_linked_not_copied_and_levels_5_and_6_cite_their_sources(built_site):
    levels = ladder_levels(built_site)
    assert [link.get("href") for link in levels[3].iter("a")] == ["../exercise/"]
    ladder = text_of(article(built_site, "ladder"))
    assert "Stand with the ball of one foot on the edge of the step" not in ladder
    assert "../references/#ratamess-2009" in [a.get("href") for a in levels[4].iter("a")]
    assert "../references/#kinoshita-2023" in [a.get("href") for a in levels[5].iter("a")]
    assert "Never a weight in each hand" in text_of(levels[4]) or "never one in each hand" in text_of(levels[4])


def test_what_to_expect_is_the_clinics_advice_with_no_invented_figure(built_site):
    heading = article(built_site, "ladder").get_element_by_id("what-to-expect")
    section = []
    for element in heading.itersiblings():
        if element.tag == "h2":
            break
        section.append(text_of(element))
    text = " ".join(section)
    assert "Our plan builds strength over about 6 weeks of raises every other day." in text
    assert "We know of no study that says when most people feel a difference." in text
    assert "If your numbers have not gone up after 6 weeks, or you cannot climb past a level, contact us." in text


@pytest.mark.parametrize("page", ["index", "exercise"])
def test_the_home_page_and_the_exercise_page_link_to_the_ladder(built_site, page):
    ladder = "ladder/" if page == "index" else "../ladder/"
    assert ladder in [link.get("href") for link in article(built_site, page).iter("a")]


# The seated heel raise, and both handouts ------------------------------------------------------------

def test_the_seated_raise_says_honestly_why_it_is_there(built_site):
    page = article(built_site, "seated-raise")
    heading = page.get_element_by_id("why-sit-down")
    why = " ".join(text_of(element) for element in
                   itertools.takewhile(lambda element: element.tag != "h2", heading.itersiblings())
                   if element.tag == "p")
    assert why.startswith("When you sit, your knee is bent at a right angle.")
    assert ("The soleus grew about the same in both legs. The gastrocnemius grew only in the leg "
            "that trained standing up (Kinoshita and others, 2023).") in why
    assert ("So this is a fair exercise for your soleus, and you need no balance to do it. It is not "
            "better than heel raises standing up.") in why
    assert "../references/#kinoshita-2023" in [link.get("href") for link in heading.getparent().iter("a")]


def test_level_6_of_the_ladder_leads_to_the_seated_raise_and_it_back(built_site):
    assert "../seated-raise/" in [link.get("href") for link in ladder_levels(built_site)[5].iter("a")]
    assert "../ladder/" in [link.get("href") for link in article(built_site, "seated-raise").iter("a")]


@pytest.mark.parametrize("pdf", HANDOUTS["seated-raise"].pdfs.values())
def test_the_seated_handout_holds_its_pages_steps_dosage_pain_guide_and_levels(built_site, pdf):
    text = pdf_text(built_site / pdf)
    parts = [built_list(built_site, heading, "seated-raise") for heading in (
        "how-to-do-it", "how-many-and-how-often", "how-it-should-feel", "make-it-easier-or-harder")]
    assert [len(items) for items in parts] == [4, 6, 3, 3]
    for line in (line for items in parts for line in items):
        assert line in text
    # Its title and the words under the page's title come first (the extracted text joins lines)
    assert text.startswith("Active Podiatry Strengthen your soleusSeated heel raiseThis exercise "
                           "makes your soleus stronger while you sit, with a weight on your knee.")
    # Its safety texts: tests/test_patient_safety.py


@pytest.mark.parametrize("page", HANDOUTS)
def test_each_handout_links_back_to_the_ladder_on_the_page_and_in_every_pdf(built_site, page):
    outputs = HANDOUTS[page]
    sheet = lxml.html.parse(str(built_site / outputs.page)).getroot()
    assert [(link.get("href"), text_of(link)) for link in sheet.find_class("toolbar__ladder")] == [
        ("../../ladder/", "The ladder: six levels of heel raise")]
    for pdf in outputs.pdfs.values():
        text = re.sub(r"/\s+", "/", pdf_text(built_site / pdf))
        assert ("All the levels, and when to move on: activepodiatry.co.uk/soleus/ladder/") in text


@pytest.mark.parametrize("page", HANDOUTS)
def test_each_sheet_leads_to_its_pages_video(built_site, page):
    """Both pages show a video, so both sheets say so (a sheet whose page has none says
    "Online:", tests/test_plugin_in_process.py)."""
    for pdf in HANDOUTS[page].pdfs.values():
        text = re.sub(r"/\s+", "/", pdf_text(built_site / pdf))
        assert f"Video: scan the code, or go to activepodiatry.co.uk/soleus/{page}/" in text


# The self-test -------------------------------------------------------------------------------------

def test_the_self_test_is_bent_knee_to_a_beat_until_form_fails_on_both_legs_every_two_weeks(built_site):
    text = text_of(article(built_site, "self-test"))
    for words in ("counts how many heel raises you can do on one leg, with your knee bent. Do it "
                  "every 2 weeks.",
                  "Keep to the beat: up for 2 seconds, down for 3.",
                  "Stop when you can no longer keep good form:",
                  "Then test your other leg.",
                  # The beat: its source is not in our list, so the clinic's own pace, said so
                  "Our sources do not say at what pace the people in the studies below did their "
                  "raises. So we use our own pace, the same as for the exercise: up for 2 seconds, "
                  "down for 3."):
        assert words in text


def test_the_self_test_compares_the_legs_with_an_example_labelled_as_made_up(built_site):
    text = text_of(article(built_site, "self-test"))
    assert ("An example, with made-up numbers: your left leg does 20 raises and your right leg "
            "does 16. The difference is 20 − 16 = 4. Then 4 ÷ 20 = 0.2, and 0.2 × 100 = 20.") in text
    assert (20 - 16) / 20 * 100 == 20  # the example's sum is right
    table = article(built_site, "self-test").find(".//table")
    rows = [[text_of(cell) for cell in row] for row in table.iter("tr")]
    assert rows[0] == ["Week", "Left and right", "Gap (%)"]
    assert rows[1] == ["Example", "20 and 16", "20"]
    assert [row[0] for row in rows[2:]] == ["0", "2", "4", "6", "8", "10", "12"]


def test_the_self_test_gives_the_published_figures_for_what_they_are(built_site):
    page = article(built_site, "self-test")
    text = text_of(page)
    assert ("566 adults did heel raises on one leg, with the knee straight, on a slope, until they "
            "were too tired to go on. The middle number (the median) was 24 for men and 21 for "
            "women") in text
    assert "people did about 3 more when they bent their knee" in text
    links = [link.get("href") for link in page.iter("a")]
    assert {"../references/#hebert-losier-2017", "../references/#hebert-losier-2013"} <= set(links)
    assert "What these numbers do not tell you:" in text
    assert "A median is the middle: half the people did fewer, and half did more." in text


# Back to running -----------------------------------------------------------------------------------

def test_back_to_running_has_three_stages_each_with_move_on_and_step_back(built_site):
    page = article(built_site, "back-to-running")
    headings = [text_of(h2) for h2 in page.iter("h2")]
    assert [heading for heading in headings if heading.startswith("Stage")] == STAGES
    for h2 in page.iter("h2"):
        if text_of(h2) in STAGES:
            items = [text_of(item) for item in h2.getnext().findall("li")]
            assert [item.split(":")[0] for item in items] == [
                "What to do", "Move on when", "Step back if"], text_of(h2)
    text = text_of(page)
    assert ("Move on when: your pain stays at 3 or less, and is no worse the next morning, for 3 "
            "runs in a row.") in text
    assert "Step back if: your pain goes above 5, or is worse the next morning." in text
    assert "When to see us instead" in headings
    assert "../references/#silbernagel-2015" in [link.get("href") for link in page.iter("a")]


# Reading level and the clinician's list ------------------------------------------------------------

@pytest.mark.parametrize("page", PROGRAMME)
def test_each_page_reads_at_grade_7_or_below(real_reading_levels, page):
    level = real_reading_levels[f"docs/{page}.md"]
    assert level is not None and level <= 7


def test_the_clinics_own_advice_on_these_pages_is_listed_for_the_clinician(built_site):
    text = text_of(article(built_site, "references"))
    assert "The ladder, the seated heel raise, the self-test and back to running" in text
    for words in ("The six levels of the ladder and their order: our own advice.",
                  "The seated heel raise: you sit, with your knee at a right angle and a weight on "
                  "it. It works the soleus as well as a raise standing up, but not better. It needs "
                  "no balance. This is from Kinoshita and others, 2023.",
                  "The rest is our own advice: the chair, where the weight rests, the steps, the "
                  "tips, and the easier and harder versions.",
                  "What to expect (strength over about 6 weeks;",
                  "The self-test's pace (up for 2 seconds and down for 3; a metronome at 60 beats "
                  "a minute): our own advice. Our sources do not give the pace the studies used.",
                  "Back to running: the 3 stages,"):
        assert words in text
