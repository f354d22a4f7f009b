"""Front matter: the block between '---' lines at the top of every page.

Every page needs:

    ---
    title: The soleus muscle
    description: One or two sentences for search results and link previews.
    updated: 2026-11-25
    review_due: 2027-11-25
    ---

`front_matter_problems` lists what is missing or wrong, each with its line in
the page, in words a member of staff can act on.
"""

from __future__ import annotations

import datetime
import re

import yaml

from problems import Problem

REQUIRED_FIELDS = {
    "title": "the page's name, shown in the browser tab and in search results",
    "description": "one or two sentences shown in search results and link previews",
    "updated": "the date the page was last updated, written YYYY-MM-DD",
    "review_due": "the date the page is next due for review, written YYYY-MM-DD",
}
DATE_FIELDS = ("updated", "review_due")
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?\n)(?:---|\.\.\.)[ \t]*\n", re.S)


def read_front_matter(source: str) -> tuple[dict, list[Problem]]:
    """The page's front matter and what is wrong with it."""
    match = FRONT_MATTER.match(source)
    if not match:
        return {}, [Problem(1, "the page has no front matter: start it with a '---' line, then "
                               "title:, description:, updated: and review_due:, then '---'")]
    try:
        meta = yaml.safe_load(match.group("body"))
    except ValueError as error:  # a date-shaped value that is no date, such as 2026-13-01
        line, text = _impossible_date(match.group("body"))
        return {}, [Problem(line, f"'{text}' is not a real date ({error}): write it as "
                                  f"YYYY-MM-DD, for example 2026-11-25")]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1  # +1 for 1-based, +1 for the opening '---'
        reason = getattr(error, "problem", None) or str(error)
        return {}, [Problem(line, f"front matter is not valid: {reason} (each line should be "
                                  f"'name: value'; put a value containing ': ' in quotes)")]
    if not isinstance(meta, dict):
        return {}, [Problem(2, "front matter should be lines of 'name: value'")]
    return meta, front_matter_problems(meta, match.group("body"))


def front_matter_body(source: str) -> str:
    """The text between the '---' lines, for finding a field's line."""
    match = FRONT_MATTER.match(source)
    return match.group("body") if match else ""


def front_matter_problems(meta: dict, body: str) -> list[Problem]:
    """Missing fields, empty fields and dates that are not dates."""
    problems = []
    for name, meaning in REQUIRED_FIELDS.items():
        if name not in meta:
            problems.append(Problem(1, f"front matter has no '{name}:' ({meaning})"))
        elif meta[name] in (None, ""):
            problems.append(Problem(_line_of(name, body), f"'{name}:' is empty ({meaning})"))
    for name in DATE_FIELDS:
        value = meta.get(name)
        if value not in (None, "") and not isinstance(value, datetime.date):
            problems.append(Problem(_line_of(name, body),
                                    f"'{name}: {value}' is not a date: write it as YYYY-MM-DD, "
                                    f"for example {name}: 2026-11-25"))
    return problems


def review_warnings(meta: dict, body: str, today: datetime.date, notice_days: int) -> list[Problem]:
    """A warning when the page's review is overdue or due within `notice_days`."""
    due = meta.get("review_due")
    if not isinstance(due, datetime.date) or due > today + datetime.timedelta(days=notice_days):
        return []
    when = due.strftime("%-d %B %Y")
    days = (due - today).days
    status = (f"review was due on {when}" if days < 0 else
              "review is due today" if days == 0 else
              f"review is due on {when}, in {days} day{'s' if days > 1 else ''}")
    return [Problem(_line_of("review_due", body),
                    f"{status}: check the page is still right, then set 'updated:' to today "
                    f"and 'review_due:' to the next review date", "warning")]


def _impossible_date(body: str) -> tuple[int, str]:
    for number, line in enumerate(body.split("\n"), start=2):
        value = line.partition(":")[2].strip()
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", value):
            try:
                datetime.date.fromisoformat(value)
            except ValueError:
                return number, line.strip()
    return 1, "a date"


def _line_of(name: str, body: str) -> int:
    for number, line in enumerate(body.split("\n"), start=2):
        if line.startswith(f"{name}:"):
            return number
    return 1
