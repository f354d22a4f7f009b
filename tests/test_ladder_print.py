"""The ladder (docs/ladder.md) printed from a browser: one sheet of A4, printed on both sides, in
clear print (body text at least 12 pt, headings larger). The first side carries the safety texts
(check with us first, when to stop, when to get help); the second, what to expect and the six
levels, whole, with the pain rules above them. At 12 pt the page takes about 1.75 sides even with
the tightest spacing, so one side cannot hold it (docs/stylesheets/extra.css, its print section).
Only the ladder prints so: the exercise page prints as it did."""

from __future__ import annotations

import io

import lxml.html
import markdown
import pytest

from conftest import PROJECT_DIR, fold

SAFETY = ("check-first", "when-to-stop", "get-help")
CLEAR_PRINT_PX = 16  # 12 pt: 1 pt is 4/3 CSS px


def safety_boxes(name: str) -> list[tuple[str, str]]:
    """Each box of docs/safety/<name>.md: its title and its words, as a reader sees them."""
    source = (PROJECT_DIR / "docs" / "safety" / f"{name}.md").read_text(encoding="utf-8")
    html = markdown.markdown(source, extensions=["admonition"])
    boxes = lxml.html.fromstring(f"<div>{html}</div>").find_class("admonition")
    assert boxes, f"docs/safety/{name}.md has no box"
    titles = [box.find_class("admonition-title")[0] for box in boxes]
    for title in titles:
        title.drop_tree()
    return [(fold(title.text_content()), fold(box.text_content())) for title, box in zip(titles, boxes)]


def printed(page) -> list[str]:
    """The page printed on A4 as Chromium prints it (the page's own @page margins, as its print
    dialog's "Default" margins take them): each side's text, whitespace folded."""
    from pypdf import PdfReader

    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    return [fold(side.extract_text()) for side in pdf.pages]


def levels(site) -> list[str]:
    """The six levels' names, from the list under "The six levels" of the built ladder page."""
    page = lxml.html.fromstring((site / "ladder" / "index.html").read_text(encoding="utf-8"))
    heading = page.get_element_by_id("the-six-levels")
    steps = next(element for element in heading.itersiblings() if element.tag == "ol")
    return [fold(step.find("strong").text_content()) for step in steps.findall("li")]


def test_the_ladder_prints_on_one_sheet_of_a4_safety_on_one_side_the_six_levels_on_the_other(
        visit, built_site):
    page = visit("ladder/", 1280).page
    sides = printed(page)
    assert len(sides) == 2, f"the ladder prints on {len(sides)} sides of A4, not 2 (one sheet)"
    safety, ladder = sides

    # The first side: the title, then every safety box, whole, with its title
    assert safety.startswith("The ladder: six levels of heel raise Start at the level you can do")
    for name in SAFETY:
        for title, words in safety_boxes(name):
            assert title in safety, f"the box {title!r} (docs/safety/{name}.md) is not on side 1"
            assert words in safety, f"the words of {title!r} are not whole on side 1"
    assert "When to get help" in safety
    assert "Where this advice comes from." in safety
    assert "What to expect" not in safety and "Move on when" not in safety

    # The second side: what to expect, then the pain rules and all six levels, whole
    assert ladder.startswith("What to expect Your calf may feel tired")
    assert "The six levels Go up for 2 seconds and down for 3." in ladder
    assert "The pain rules: move on only when you stay in control" in ladder
    names = levels(built_site)
    assert len(names) == 6
    assert [ladder.index(name) for name in names] == sorted(ladder.index(name) for name in names)
    assert (ladder.count("Move on when:"), ladder.count("Step back if:")) == (6, 6)
    assert ladder.endswith("Step back if: the pain rules say so: go back to the last weight that was "
                           "fine.")
    assert not any(title in ladder for name in SAFETY for title, _ in safety_boxes(name))


def test_the_ladder_prints_its_text_at_12_pt_or_more_and_its_headings_larger(visit):
    page = visit("ladder/", 1280).page
    page.emulate_media(media="print")
    sizes = page.evaluate("""() => {
        const size = selector => [...document.querySelectorAll(selector)]
            .filter(element => element.checkVisibility() && element.textContent.trim())
            .map(element => parseFloat(getComputedStyle(element).fontSize))
        return {body: size("article.md-typeset p, article.md-typeset li"),
                h1: size("article.md-typeset h1"), h2: size("article.md-typeset h2")}
    }""")
    assert len(sizes["body"]) > 30
    assert min(sizes["body"]) >= CLEAR_PRINT_PX, f"text at {min(sizes['body']) * 0.75} pt in print"
    assert min(sizes["h2"]) > max(sizes["body"]) and min(sizes["h1"]) > min(sizes["h2"])


@pytest.mark.parametrize(("path", "sides"), [("exercise/", 5)])
def test_other_pages_print_as_before(visit, path, sides):
    """The ladder's print rules are the ladder's only: the exercise page prints on as many sides
    as before them, at Material's own print size, its article not made a column."""
    page = visit(path, 1280).page
    assert len(printed(page)) == sides
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('article.md-typeset')).fontSize") \
        == "13.6px"  # Material's print size, 0.68rem
    assert page.evaluate(
        "getComputedStyle(document.querySelector('article.md-typeset')).display") == "block"
