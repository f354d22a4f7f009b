"""Front matter: the block between '---' lines at the top of every page.

Every page needs:

    ---
    title: The soleus muscle
    description: One or two sentences for search results and link previews.
    updated: 2026-11-25
    review_due: 2027-11-25
    ---

MkDocs reads it once into `page.meta`; the checks here work from that. Only when something is
wrong is the block looked at again, with YAML's own parser, to give the problem's line.
"""

from __future__ import annotations

import datetime
import html
import re

import yaml

from ..page_model import PageSource
from ..page_tools import FRONT_MATTER, field_line
from ..problems import Problem, yaml_error_mark

REQUIRED_FIELDS = {
    "title": "the page's name, shown in the browser tab and in search results",
    "description": "one or two sentences shown in search results and link previews",
    "updated": "the date the page was last updated, written YYYY-MM-DD",
    "review_due": "the date the page is next due for review, written YYYY-MM-DD",
}
DATE_FIELDS = ("updated", "review_due")
# The same block MkDocs reads (mkdocs.utils.meta.YAML_RE).
DATE_SHAPED = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


def front_matter_problems(page: PageSource) -> list[Problem]:
    """What is missing or wrong in the page's front matter, each at its line."""
    block = FRONT_MATTER.match(page.text)
    if not block:
        return [Problem(page.shown_path, 1, "the page has no front matter: start it with a '---' "
                        "line, then title:, description:, updated: and review_due:, then '---'")]
    if not page.meta:  # MkDocs could not read it: say why, and where
        return [_unreadable(page.shown_path, block.group("body"))]
    problems = []
    for name, meaning in REQUIRED_FIELDS.items():
        if name not in page.meta:
            problems.append(Problem(page.shown_path, 1, f"front matter has no '{name}:' ({meaning})"))
        elif page.meta[name] in (None, ""):
            problems.append(Problem(page.shown_path, field_line(page, name),
                                    f"'{name}:' is empty ({meaning})"))
    for name in DATE_FIELDS:
        value = page.meta.get(name)
        if value not in (None, "") and not isinstance(value, datetime.date):
            problems.append(Problem(page.shown_path, field_line(page, name),
                                    f"'{name}: {value}' is not a date: write it as YYYY-MM-DD, "
                                    f"for example {name}: 2026-11-25"))
    return problems


def review_warnings(page: PageSource, today: datetime.date, notice_days: int) -> list[Problem]:
    """A warning when the page's review is overdue or due within `notice_days`."""
    due = page.meta.get("review_due")
    if not isinstance(due, datetime.date) or due > today + datetime.timedelta(days=notice_days):
        return []
    when = due.strftime("%-d %B %Y")
    days = (due - today).days
    status = (f"review was due on {when}" if days < 0 else
              "review is due today" if days == 0 else
              f"review is due on {when}, in {days} day{'s' if days > 1 else ''}")
    return [Problem(page.shown_path, field_line(page, "review_due"),
                    f"{status}: check the page is still right, then set 'updated:' to today "
                    f"and 'review_due:' to the next review date", "warning")]


def duplicate_title_warnings(pages: list[PageSource]) -> list[Problem]:
    """A warning for each page whose title another page already has: in search results and
    browser tabs the two could not be told apart."""
    first_with: dict[str, PageSource] = {}
    problems = []
    for page in pages:
        title = html.unescape(str(page.meta.get("title") or "")).strip()
        if not title:
            continue
        other = first_with.setdefault(title.casefold(), page)
        if other is not page:
            problems.append(Problem(page.shown_path, field_line(page, "title"),
                                    f"title '{title}' is also the title of {other.shown_path}: "
                                    f"give each page its own title", "warning"))
    return problems


def _unreadable(shown_path: str, body: str) -> Problem:
    """Why MkDocs could not read the front matter, at the line YAML stopped on, or at the line
    that opened what YAML found never closed (problems.yaml_error_mark)."""
    try:
        yaml.safe_load(body)
    except ValueError as error:  # a date-shaped value that is no date, such as 2026-13-01
        for number, line in enumerate(body.split("\n"), start=2):
            value = line.partition(":")[2].strip()
            if DATE_SHAPED.fullmatch(value):
                try:
                    datetime.date.fromisoformat(value)
                except ValueError:
                    return Problem(shown_path, number, f"'{line.strip()}' is not a real date "
                                   f"({error}): write it as YYYY-MM-DD, for example 2026-11-25")
        return Problem(shown_path, 1, f"a date is not a real date ({error}): write it as "
                       f"YYYY-MM-DD, for example 2026-11-25")
    except yaml.reader.ReaderError as error:  # a character YAML refuses, such as a control code
        return Problem(shown_path, body[:error.position].count("\n") + 2,
                       f"front matter has a hidden character (code {error.character:#06x}) that "
                       "cannot be published: retype the line (it often comes with text pasted "
                       "from another program)")
    except yaml.YAMLError as error:
        mark = yaml_error_mark(error)
        reason = getattr(error, "problem", None) or str(error)
        return Problem(shown_path, mark.line + 2 if mark else 1,
                       _never_closed(error) or f"front matter is not valid: {reason} (each line "
                       f"should be 'name: value'; put a value containing ': ' in quotes)")
    return Problem(shown_path, 2, "front matter should be lines of 'name: value'")


CLOSING = {"[": "]", "{": "}"}
OPENED = ("while parsing a flow sequence", "while parsing a flow mapping",
          "while scanning a quoted scalar")  # YAML's context: where a '[', '{' or quote opened


def _never_closed(error: yaml.YAMLError) -> str | None:
    """What to say when the mistake is a '[', '{' or quote that YAML saw opened and never
    closed after it (its own words are about where it stopped, often the line after); None
    otherwise."""
    if getattr(error, "context", None) not in OPENED:
        return None
    mark = error.context_mark  # in the front matter's text: the '[', '{' or quote
    opened = mark.buffer[mark.pointer]
    if opened not in CLOSING:  # a quote: YAML read to the end and found none to close it
        return (f"front matter is not valid: the quote ({opened}) on this line is never closed "
                f"(end the value with {opened} on the same line)")
    if CLOSING[opened] in mark.buffer[mark.pointer:]:
        return None  # closed somewhere after: YAML's own words, at this line
    return (f"front matter is not valid: the '{opened}' on this line is never closed with "
            f"'{CLOSING[opened]}' (close it on the same line, or put the whole value in quotes)")
