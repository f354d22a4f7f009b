"""A page's front matter (checks/front_matter.py): a title, a description, and `updated:` and
`review_due:` as real dates, each mistake one error at its line with how to write it; a review
due within 30 days or overdue, and a title two pages share, are warnings. Most tests call the
check itself, in-process (fast enough for `make mutate` to run them against every mutant); the
last plant the mistake in a copy of the project and build it."""

from __future__ import annotations

import datetime

import pytest

from conftest import edit, line_of, messages, run_build
from soleus_site.checks.front_matter import (duplicate_title_warnings, front_matter_problems,
                                             review_warnings)
from soleus_site.page_model import PageSource
from soleus_site.page_tools import field_line

TODAY = datetime.date(2026, 11, 25)
REAL_TODAY = datetime.date.today()  # what a build compares review dates with


def page(text: str, meta: dict | None = None) -> PageSource:
    return PageSource("winter.md", "docs/winter.md", text, meta if meta is not None else {})


GOOD = ("---\ntitle: Winter\ndescription: Running when it is cold.\nupdated: 2026-11-25\n"
        "review_due: 2027-11-25\n---\n\n# Winter\n")
GOOD_META = {"title": "Winter", "description": "Running when it is cold.",
             "updated": datetime.date(2026, 11, 25), "review_due": datetime.date(2027, 11, 25)}


def test_complete_front_matter_has_no_problem():
    assert front_matter_problems(page(GOOD, dict(GOOD_META))) == []


def test_no_front_matter():
    assert messages(front_matter_problems(page("# Winter\n"))) == [
        "docs/winter.md:1: the page has no front matter: start it with a '---' line, then "
        "title:, description:, updated: and review_due:, then '---'"]


def test_each_missing_field_is_named_once():
    assert messages(front_matter_problems(page("---\ntitle: Winter\n---\n", {"title": "Winter"}))) == [
        "docs/winter.md:1: front matter has no 'description:' (one or two sentences shown in "
        "search results and link previews)",
        "docs/winter.md:1: front matter has no 'updated:' (the date the page was last updated, "
        "written YYYY-MM-DD)",
        "docs/winter.md:1: front matter has no 'review_due:' (the date the page is next due for "
        "review, written YYYY-MM-DD)"]


def test_empty_title_and_date_that_is_not_a_date_at_their_lines():
    text = GOOD.replace("title: Winter", "title:").replace("updated: 2026-11-25", "updated: soon")
    meta = {**GOOD_META, "title": None, "updated": "soon"}
    assert messages(front_matter_problems(page(text, meta))) == [
        "docs/winter.md:2: 'title:' is empty (the page's name, shown in the browser tab and in "
        "search results)",
        "docs/winter.md:4: 'updated: soon' is not a date: write it as YYYY-MM-DD, for example "
        "updated: 2026-11-25"]


def test_an_empty_date_is_empty_not_a_wrong_date():
    text = GOOD.replace("review_due: 2027-11-25", "review_due:")
    assert messages(front_matter_problems(page(text, {**GOOD_META, "review_due": None}))) == [
        "docs/winter.md:5: 'review_due:' is empty (the date the page is next due for review, "
        "written YYYY-MM-DD)"]


@pytest.mark.parametrize("body, expected", [
    ("title: Winter\nupdated: 2026-13-01\n",
     "docs/winter.md:3: 'updated: 2026-13-01' is not a real date (month must be in 1..12): "
     "write it as YYYY-MM-DD, for example 2026-11-25"),
    ("title: Winter: the cold\n",
     "docs/winter.md:2: front matter is not valid: mapping values are not allowed here (each "
     "line should be 'name: value'; put a value containing ': ' in quotes)"),
    ("- just\n- a list\n",
     "docs/winter.md:2: front matter should be lines of 'name: value'"),
])
def test_front_matter_mkdocs_could_not_read_says_why_at_its_line(body, expected):
    assert messages(front_matter_problems(page(f"---\n{body}---\n# Winter\n"))) == [expected]



# What YAML found never closed: at the line that opened it, not the line after (issue 21)
NOT_VALID = "front matter is not valid: "
BRACKET = "(close it on the same line, or put the whole value in quotes)"


@pytest.mark.parametrize("body, expected", [
    ("title: [Draft, Winter\ndescription: Cold.\nupdated: 2026-11-25\n",
     f"docs/winter.md:2: {NOT_VALID}the '[' on this line is never closed with ']' {BRACKET}"),
    ("title: Winter\ndescription: [Draft, Cold.\n",
     f"docs/winter.md:3: {NOT_VALID}the '[' on this line is never closed with ']' {BRACKET}"),
    ("title: Winter\ntags: [a,\n  b,\n  c\ndescription: Cold.\n",
     f"docs/winter.md:3: {NOT_VALID}the '[' on this line is never closed with ']' {BRACKET}"),
    ("title: {Winter\ndescription: Cold.\n",
     f"docs/winter.md:2: {NOT_VALID}the '{{' on this line is never closed with '}}' {BRACKET}"),
    ('title: Winter\ndescription: "Cold.\nupdated: 2026-11-25\n',
     f'docs/winter.md:3: {NOT_VALID}the quote (") on this line is never closed (end the value '
     f'with " on the same line)'),
    ("title: 'Winter\ndescription: Cold.\n",
     f"docs/winter.md:2: {NOT_VALID}the quote (') on this line is never closed (end the value "
     f"with ' on the same line)"),
    ("title: 'It''s cold\ndescription: Cold.\n",  # '' is a quote inside the value
     f"docs/winter.md:2: {NOT_VALID}the quote (') on this line is never closed (end the value "
     f"with ' on the same line)"),
    # Closed further down, so YAML's own words; still at the line of the '['
    ("tags: [a\ndescription: [Cold]\n",
     f"docs/winter.md:2: {NOT_VALID}expected ',' or ']', but got ':' (each line should be "
     f"'name: value'; put a value containing ': ' in quotes)"),
    # A line that is not 'name: value': YAML looks for its ':' until the next line
    ("title: Winter\njust some words\ndescription: Cold.\n",
     f"docs/winter.md:3: {NOT_VALID}could not find expected ':' (each line should be "
     f"'name: value'; put a value containing ': ' in quotes)"),
    # Where YAML stopped is the line at fault: no change
    ("title: Winter\n- a list\n",
     f"docs/winter.md:3: {NOT_VALID}expected <block end>, but found '-' (each line should be "
     f"'name: value'; put a value containing ': ' in quotes)"),
    ('title: "Winter" cold\n',
     f"docs/winter.md:2: {NOT_VALID}expected <block end>, but found '<scalar>' (each line should "
     f"be 'name: value'; put a value containing ': ' in quotes)"),
    ("title: [Winter, cold: wet: icy]\n",
     f"docs/winter.md:2: {NOT_VALID}expected ',' or ']', but got ':' (each line should be "
     f"'name: value'; put a value containing ': ' in quotes)"),
])
def test_what_is_never_closed_is_at_the_line_that_opened_it(body, expected):
    assert messages(front_matter_problems(page(f"---\n{body}---\n\n# Winter\n"))) == [expected]

@pytest.mark.parametrize("due, expected", [
    (TODAY + datetime.timedelta(days=31), None),
    (TODAY + datetime.timedelta(days=30), "review is due on 25 December 2026, in 30 days"),
    (TODAY + datetime.timedelta(days=1), "review is due on 26 November 2026, in 1 day"),
    (TODAY, "review is due today"),
    (TODAY - datetime.timedelta(days=1), "review was due on 24 November 2026"),
])
def test_review_warnings_from_30_days_before(due, expected):
    warnings = review_warnings(page(GOOD, {**GOOD_META, "review_due": due}), TODAY, 30)
    assert messages(warnings) == ([] if expected is None else [
        f"docs/winter.md:5: warning: {expected}: check the page is still right, then set "
        f"'updated:' to today and 'review_due:' to the next review date"])


def test_review_warning_needs_a_real_date():
    assert review_warnings(page(GOOD, {**GOOD_META, "review_due": "soon"}), TODAY, 30) == []


def test_a_title_two_pages_share_is_a_warning_on_the_second():
    first = PageSource("a.md", "docs/a.md", GOOD, {"title": "Winter"})
    second = PageSource("b.md", "docs/b.md", GOOD, {"title": " winter "})
    untitled = PageSource("c.md", "docs/c.md", GOOD, {})
    assert messages(duplicate_title_warnings([first, untitled, second])) == [
        "docs/b.md:2: warning: title 'winter' is also the title of docs/a.md: give each page "
        "its own title"]


def test_field_line_is_1_when_the_field_or_block_is_missing():
    assert field_line(page(GOOD), "review_due") == 5
    assert field_line(page(GOOD), "handout") == 1
    assert field_line(page("# no front matter"), "title") == 1
    assert field_line(page("---\n[unclosed\n---\n"), "title") == 1


# More of each rule, from the survivors of `make mutate` ------------------------------------------

def test_a_date_error_with_no_date_shaped_line_is_at_line_1():
    page_ = page("---\ntitle: T\nupdated: [2026-13-01]\n---\n")
    assert messages(front_matter_problems(page_)) == [
        "docs/winter.md:1: a date is not a real date (month must be in 1..12): write it as "
        "YYYY-MM-DD, for example 2026-11-25"]


def test_the_impossible_date_is_found_after_the_first_colon_of_its_line():
    page_ = page("---\nnote: x:2026-13-01\nupdated: 2026-13-01\n---\n")
    assert messages(front_matter_problems(page_)) == [
        "docs/winter.md:3: 'updated: 2026-13-01' is not a real date (month must be in 1..12): "
        "write it as YYYY-MM-DD, for example 2026-11-25"]


def test_an_empty_quoted_date_is_empty_not_a_wrong_date():
    text = GOOD.replace("updated: 2026-11-25", 'updated: ""')
    assert messages(front_matter_problems(page(text, {**GOOD_META, "updated": ""}))) == [
        "docs/winter.md:4: 'updated:' is empty (the date the page was last updated, written YYYY-MM-DD)"]


def test_review_due_in_two_days_is_plural():
    warnings = review_warnings(page(GOOD, {**GOOD_META, "review_due": TODAY + datetime.timedelta(days=2)}),
                               TODAY, 30)
    assert messages(warnings)[0].startswith("docs/winter.md:5: warning: review is due on 27 November "
                                            "2026, in 2 days: ")


def test_different_titles_and_untitled_pages_are_not_duplicates():
    pages = [PageSource("a.md", "docs/a.md", GOOD, {"title": "Winter"}),
             PageSource("b.md", "docs/b.md", GOOD, {"title": "Summer"}),
             PageSource("c.md", "docs/c.md", GOOD, {}), PageSource("d.md", "docs/d.md", GOOD, {"title": ""})]
    assert duplicate_title_warnings(pages) == []


def test_front_matter_with_a_control_character_is_one_error_at_its_line():
    assert messages(front_matter_problems(page("---\ntitle: T\ndescription: a\x07b\n---\n"))) == [
        "docs/winter.md:3: front matter has a hidden character (code 0x0007) that cannot be "
        "published: retype the line (it often comes with text pasted from another program)"]


# An empty description (issue 15) -----------------------------------------------------------------

FRONT_MATTER = """---
title: Running in winter
description: {description}
updated: 2026-11-25
review_due: 2027-11-25
---

# Running in winter
"""


def front_matter_messages(description: str, meta_description) -> list[str]:
    import datetime

    text = FRONT_MATTER.format(description=description)
    meta = {"title": "Running in winter", "description": meta_description,
            "updated": datetime.date(2026, 11, 25), "review_due": datetime.date(2027, 11, 25)}
    return [str(problem) for problem in
            front_matter_problems(PageSource("winter.md", "docs/winter.md", text, meta))]


@pytest.mark.parametrize("written, read", [("", None), ('""', ""), ("''", "")])
def test_an_empty_description_is_an_error_at_its_line(written, read):
    assert front_matter_messages(written, read) == [
        "docs/winter.md:3: 'description:' is empty (one or two sentences shown in search results "
        "and link previews)"]


# The whole build ---------------------------------------------------------------------------------

def test_an_empty_description_fails_the_real_build_at_its_line(tmp_path, project):
    from soleus_site.site_build import build_into

    page = project / "docs" / "weakness.md"
    description = next(line for line in page.read_text().splitlines()
                       if line.startswith("description:"))
    edit(page, description, "description:")
    outcome = build_into(project, tmp_path / "site")
    assert [str(problem) for problem in outcome.problems if problem.is_error] == [
        f"docs/weakness.md:{line_of(page, 'description:')}: 'description:' is empty (one or two "
        f"sentences shown in search results and link previews)"]



def test_an_unclosed_bracket_in_front_matter_fails_the_build_at_its_line(project):
    page = project / "docs" / "weakness.md"
    title = next(line for line in page.read_text().splitlines() if line.startswith("title:"))
    edit(page, title, "title: [Draft Weak soleus")
    result = run_build(project)
    assert result.returncode == 1
    assert result.stdout.splitlines()[:2] == [
        f"docs/weakness.md:{line_of(page, 'title: [Draft')}: front matter is not valid: the '[' "
        f"on this line is never closed with ']' (close it on the same line, or put the whole "
        f"value in quotes)",
        "1 error, 0 warnings"]

def test_review_dates_overdue_or_due_soon_warn_but_do_not_fail(project):
    overdue = REAL_TODAY - datetime.timedelta(days=3)
    soon = REAL_TODAY + datetime.timedelta(days=10)
    edit(project / "docs" / "running.md", "review_due: 2027-11-25", f"review_due: {overdue}")
    edit(project / "docs" / "anatomy.md", "review_due: 2027-11-25", f"review_due: {soon}")
    result = run_build(project)
    assert result.returncode == 0
    line = line_of(project / "docs" / "running.md", "review_due:")
    assert result.stdout.splitlines()[:3] == [
        f"docs/anatomy.md:{line}: warning: review is due on {soon.strftime('%-d %B %Y')}, in 10 "
        f"days: check the page is still right, then set 'updated:' to today and 'review_due:' "
        f"to the next review date",
        f"docs/running.md:{line}: warning: review was due on {overdue.strftime('%-d %B %Y')}: "
        f"check the page is still right, then set 'updated:' to today and 'review_due:' to the "
        f"next review date",
        "0 errors, 2 warnings",
    ]
