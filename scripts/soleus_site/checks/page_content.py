"""What a page may hold. Staff write Markdown, and shortcodes embed what a page needs, so HTML
that runs code or shows another site's content is an error at its line: <script>, <iframe>,
<object>, <embed> and <form> (what else a page loads or runs: published_output.py). (The theme's
own scripts are not affected.)
HTML comments are taken out of the page (source_lines.py) and never published; one with words
in it gets a warning, as notes for staff belong outside the page. A box ("!!! type") must be a
type the theme knows, or it loses its colour and icon; a reference link [text][id] needs its
`[id]: address` line, or it is printed as brackets.
"""

from __future__ import annotations

import re

import xml.etree.ElementTree as etree

from ..page_model import PageSource
from ..page_tools import box_of
from ..problems import Problem, suggest
from ..source_lines import SourceMap

FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "form"}
# Material for MkDocs' box types, and the other names it gives them.
BOX_TYPES = {
    "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important", "success",
    "check", "done", "question", "help", "faq", "warning", "caution", "attention", "failure",
    "fail", "missing", "danger", "error", "bug", "example", "quote", "cite",
}


# A line that opens a box: "!!! type", "??? type" or "???+ type" (then maybe a title)
BOX_OPENING = re.compile(r"\s*(?:!!!|\?\?\?\+?)\s+(?P<kind>[\w-]+)")


def page_content_problems(root: etree.Element, source_map: SourceMap) -> list[Problem]:
    page = source_map.page
    problems = []
    for node, line in source_map.raw_nodes:
        if node.tag in FORBIDDEN_TAGS:
            problems.append(Problem(page.shown_path, line, f"<{node.tag}> is not allowed in a page: "
                                    f"it can run code or show another website; remove it (to show "
                                    f"a video, use the :video: shortcode)"))
    for text, line in source_map.comments:
        if text.strip():
            problems.append(Problem(page.shown_path, line, "a comment (<!-- ... -->) was left out "
                                    "of the published page: keep notes for staff outside the "
                                    "page's file", "warning"))
    boxes_seen: dict[str, int] = {}
    for box, kind in _boxes(root):
        boxes_seen[kind] = boxes_seen.get(kind, -1) + 1
        if kind not in BOX_TYPES:
            problems.append(Problem(page.shown_path,
                                    _nth_line(page, lambda line: _opens_box(line, kind),
                                              boxes_seen[kind]),
                                    f"box type '{kind}' is not one the site knows, so it "
                                    f"would show without its colour and icon"
                                    f"{suggest(kind, sorted(BOX_TYPES)) or ' (for example warning, note or tip)'}"))
    seen: dict[str, int] = {}
    for text, written in source_map.missing_references:
        needle = f"]{written}"
        seen[needle] = seen.get(needle, -1) + 1
        problems.append(Problem(page.shown_path,
                                _nth_line(page, lambda line: line.count(needle), seen[needle]),
                                f"link [{text}]{written} has no address: add a line "
                                f"'{written}: https://...' (or the page's file name) below the "
                                f"paragraph, or write the link as [{text}](address)"))
    return problems


def _boxes(root: etree.Element):
    """Each box on the page that names its type, with the type."""
    for element in root.iter():
        if (box := box_of(element)) and box.kind:
            yield element, box.kind


def _opens_box(line: str, kind: str) -> bool:
    """Whether the line is a '!!! type' (or '??? type') of this type."""
    return bool((match := BOX_OPENING.match(line)) and match["kind"] == kind)


def _nth_line(page: PageSource, times_on_line, occurrence: int) -> int:
    """The file line of the n-th (from 0) thing on the page, counted by times_on_line(line):
    Python-Markdown keeps no lines, and a box may have no text of its own to find. 0 when the
    page has fewer."""
    seen = 0
    for index, line in enumerate(page.markdown_lines):
        seen += times_on_line(line)
        if seen > occurrence:
            return page.file_line(index)
    return 0
