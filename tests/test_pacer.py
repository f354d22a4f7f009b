"""The pacer (`:pacer: up=2 down=3`, shortcodes.py and docs/javascripts/pacer.js): the HTML it
writes and its errors, in-process."""

from __future__ import annotations

import pytest

from conftest import messages
from soleus_site.shortcodes import PageContext, expand_shortcodes

USAGE = "for example  :pacer: up=2 down=3  (seconds up, seconds down)"


def expand(markdown: str):
    context = PageContext(src_path="exercise.md", shown_path="docs/exercise.md", docs_dir=None,
                          url_for=lambda path: path)
    return expand_shortcodes(markdown, context, first_line=7)


def pacer_html(up: int, down: int, words: str) -> list[str]:
    return [
        f'<div class="pacer" role="group" aria-label="Pacer" data-up="{up}" data-down="{down}">',
        f'<p class="pacer__words">{words}</p>',
        '<div class="pacer__controls" hidden>',
        '<button type="button" class="pacer__start">Start</button>',
        '<label class="pacer__sound"><input type="checkbox"> Sound</label>',
        '<span class="pacer__track" aria-hidden="true"><span class="pacer__dot"></span></span>',
        '<span class="pacer__word"></span>',
        '<span class="pacer__count" aria-live="polite"></span>',
        '</div>',
        '</div>']


@pytest.mark.parametrize("line, up, down, words", [
    (":pacer: up=2 down=3", 2, 3, "Go up for 2 seconds and down for 3."),
    (":pacer:", 2, 3, "Go up for 2 seconds and down for 3."),  # the clinic's pace
    (":pacer: down=4 up=1", 1, 4, "Go up for 1 second and down for 4."),
    (":pacer: up=10", 10, 3, "Go up for 10 seconds and down for 3."),
])
def test_the_pacer_is_the_pace_in_words_with_controls_hidden_until_its_script_shows_them(line, up, down, words):
    expanded = expand(f"Intro\n{line}")
    assert expanded.problems == []
    assert expanded.lines == ["Intro", *pacer_html(up, down, words)]
    assert expanded.file_lines == [7] + [8] * 10


@pytest.mark.parametrize("args, expected", [
    ("up=2 speed=3", f"pacer: unknown option 'speed=' (the options are up= and down=, {USAGE})"),
    ("up 2", f"pacer: unexpected 'up' (write the pace as up= and down=, {USAGE})"),
    ("up=two", f"pacer: up=two is not a whole number of seconds from 1 to 10 ({USAGE})"),
    ("down=0", f"pacer: down=0 is not a whole number of seconds from 1 to 10 ({USAGE})"),
    ("down=11", f"pacer: down=11 is not a whole number of seconds from 1 to 10 ({USAGE})"),
    ("up=1.5", f"pacer: up=1.5 is not a whole number of seconds from 1 to 10 ({USAGE})"),
    ("up=-2", f"pacer: up=-2 is not a whole number of seconds from 1 to 10 ({USAGE})"),
    ("up=", f"pacer: up= is not a whole number of seconds from 1 to 10 ({USAGE})"),
    ("up=\u0662", f"pacer: up=\u0662 is not a whole number of seconds from 1 to 10 ({USAGE})"),
    ("up=2 up=3", f"pacer: up= is given twice (give it once, {USAGE})"),
])
def test_a_pacer_that_cannot_be_used_is_an_error_at_its_line(args, expected):
    assert messages(expand(f"# Page\n\n:pacer: {args}").problems) == [f"docs/exercise.md:9: {expected}"]
