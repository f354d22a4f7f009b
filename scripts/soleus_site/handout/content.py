"""What a handout says, read from its page's Markdown as Python-Markdown builds it.

A page with `handout: true` in its front matter gets a handout. Staff edit the page only: the
title, the paragraph under it, the steps (and the words before them), dosage, how it should
feel, the easier and harder levels, the safety texts ("Check with us first", "When to stop" and
the boxes under "When to get help", each written once in docs/safety/) and the pictures of the
steps (and the common mistake, the first picture under the tips) all come from it, so nothing
is typed twice. When the page lacks a part,
one problem names it, at the line that matters (the heading with no list under it, or the
page's `handout: true`).
"""

from __future__ import annotations

import datetime
import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..page_model import PageSource
from ..page_tools import box_of, docs_path, field_line, image_size
from ..problems import Problem
from ..source_lines import SourceMap
from .outputs import HandoutOutputs, short_title

# The parts of the page the handout needs, by their headings and box title.
STEPS_HEADING = "How to do it"
TIPS_HEADING = "Tips for success"
DOSAGE_HEADING = "How many and how often"
FEEL_HEADING = "How it should feel"
LEVELS_HEADING = "Make it easier or harder"  # optional: its bold labels are the plan's levels
GET_HELP_HEADING = "When to get help"
STOP_TITLE = "When to stop"
CHECK_FIRST_TITLE = "Check with us first"
# The safety texts (docs/safety/) the handout shows, and the line that puts each on the page
SAFETY_SHORTCODES = {CHECK_FIRST_TITLE: ":safety: check-first", STOP_TITLE: ":safety: when-to-stop",
                     GET_HELP_HEADING: ":safety: get-help"}
# The pictures: the first two of the steps' section (start and top of the movement) and the
# first of the tips (the common mistake)
PICTURES_SHOWN = {STEPS_HEADING: 2, TIPS_HEADING: 1}
VIDEO_CLASS = "video"  # of the figure a :video: shortcode writes (shortcodes.py)

# Tags kept when page content is copied into the handout; others are replaced by their content.
KEPT_TAGS = {"p", "ul", "ol", "li", "strong", "em", "b", "i", "code", "br", "abbr"}
DROPPED_TAGS = {"script", "style", "button", "svg", "template"}


class HandoutProblem(Exception):
    """The page lacks something its handout needs."""


@dataclass
class Picture:
    src: str  # in the built site, e.g. "images/heel-raise-start.svg"
    alt: str
    width: int
    height: int
    caption: str  # the picture's caption on the page, as clean HTML ("" when it has none)
    section: str = ""  # the heading of the page's section it is in


@dataclass
class Level:
    name: str  # the item's bold label, e.g. "Easier"
    text: str  # the whole item, as clean HTML


@dataclass
class Box:
    title: str
    body: str  # clean HTML


@dataclass
class HandoutContent:
    page: PageSource
    outputs: HandoutOutputs
    page_url: str  # the page's address, for the QR code and printed link
    title: str
    page_heading: str
    purpose: str  # clean HTML, as are the lists below
    steps: list[str]
    dosage: list[str]
    dosage_by_label: dict[str, str]  # each dosage line by its bold label, folded ("sets"), as text
    steps_intro: list[str]  # the paragraphs before the steps ("Work one leg at a time...")
    feel: list[str]  # the "How it should feel" section: paragraphs and lists, as clean HTML
    levels: list[Level]  # empty when the page has no "Make it easier or harder" list
    check_first: Box  # who should check with the clinic before starting
    stop: Box  # when to stop, and when to contact the clinic
    get_help: list[Box]  # the urgent signs: the boxes of the page's "When to get help"
    pictures: list[Picture]
    has_video: bool  # the page shows a video (:video:), which the sheet's QR code leads to
    updated: datetime.date | None
    review_due: datetime.date | None


def read_handout(root: etree.Element, source_map: SourceMap, outputs: HandoutOutputs,
                 page_url: str, docs_dir: Path) -> HandoutContent | Problem:
    """The handout's content from the page's element tree, or the problem that stops it."""
    page = source_map.page
    asked_at = field_line(page, "handout")
    try:
        return _read(root, source_map, outputs, page_url, docs_dir)
    except HandoutProblem as problem:
        message, line = problem.args if len(problem.args) == 2 else (problem.args[0], asked_at)
        return Problem(page.shown_path, line or asked_at, str(message))


def _read(root, source_map: SourceMap, outputs, page_url, docs_dir) -> HandoutContent:
    copy = Copier(source_map)
    heading = root.find("h1")
    if heading is None:
        raise HandoutProblem("the handout needs the page's title (a first-level heading, # Title)")
    page_heading = copy.text(heading)
    sections: dict[str, tuple[etree.Element, list[etree.Element]]] = {}
    purpose = ""
    current = None
    for element in root:
        if element.tag == "h2":
            current = sections.setdefault(_fold(copy.text(element)), (element, []))[1]
        elif current is not None:
            current.append(element)
        elif element.tag == "p" and not purpose and not copy.is_raw_html(element):
            purpose = copy.inner(element)
    if not purpose.strip():
        raise HandoutProblem("the handout needs a short paragraph under the page's title saying "
                             "what the exercise is for", source_map.line_of(heading))

    def first_list(title: str, list_tag: str, what: str) -> etree.Element:
        heading_element, elements = sections.get(_fold(title), (None, []))
        found = next((element for element in elements if element.tag == list_tag), None)
        if found is None or found.find("li") is None:
            raise HandoutProblem(f'the handout needs a section headed "{title}" with {what}',
                                 source_map.line_of(heading_element) if heading_element is not None else 0)
        return found

    steps_list = first_list(STEPS_HEADING, "ol", "a numbered list of steps")
    steps = [copy.inner(item) for item in steps_list.findall("li")]
    dosage_items = first_list(DOSAGE_HEADING, "ul", "a bulleted list: repetitions, sets, how "
                                                    "often, and once you add weights").findall("li")
    # "Sets: build up to 3 sets..." -> {"sets": "build up to 3 sets..."}, for the plan's hints
    dosage_by_label = {_fold(label): copy.text(item).removeprefix(copy.text(item[0])).strip()
                       for item in dosage_items if (label := _label(copy, item))}
    boxes: dict[str, Box] = {}
    for box in copy.boxes(root):
        boxes.setdefault(_fold(box.title), box)  # the first box of each title, as on the page

    def safety_box(title: str) -> Box:
        box = boxes.get(_fold(title))
        if box is None or not box.body.strip():
            raise HandoutProblem(f'the handout needs the "{title}" box: add the line '
                                 f'{SAFETY_SHORTCODES[title]} to the page')
        return box

    check_first, stop = safety_box(CHECK_FIRST_TITLE), safety_box(STOP_TITLE)
    help_heading, help_section = sections.get(_fold(GET_HELP_HEADING), (None, []))
    get_help = [box for element in help_section for box in copy.boxes(element)]
    if not get_help:
        raise HandoutProblem(f'the handout needs a section headed "{GET_HELP_HEADING}" with the '
                             f'urgent signs: add the line {SAFETY_SHORTCODES[GET_HELP_HEADING]} '
                             f'under it', source_map.line_of(help_heading) if help_heading is not None else 0)
    feel = [copy.outer(element) for element in sections.get(_fold(FEEL_HEADING), (None, []))[1]
            if element.tag in ("p", "ul", "ol") and not copy.is_raw_html(element)]
    if not feel:
        raise HandoutProblem(f'the handout needs a section headed "{FEEL_HEADING}": what pain '
                             'is all right while exercising and the next day')
    levels = [Level(_label(copy, item), copy.inner(item)) for element in
              sections.get(_fold(LEVELS_HEADING), (None, []))[1][:1] if element.tag == "ul"
              for item in element.findall("li")]
    if any(not level.name for level in levels):
        heading_element = sections[_fold(LEVELS_HEADING)][0]
        raise HandoutProblem(f'each item under "{LEVELS_HEADING}" needs to start with its level '
                             'in bold, for example **Easier:** start with both feet',
                             source_map.line_of(heading_element))
    steps_heading, steps_section = sections[_fold(STEPS_HEADING)]
    steps_intro = [copy.outer(element) for element in steps_section[:steps_section.index(steps_list)]
                   if element.tag == "p" and element.find(".//img") is None
                   and not copy.is_raw_html(element)]
    def pictures_in(title: str, shown: int) -> list[Picture]:
        found = [copy.picture(img, docs_dir, title)
                 for element in sections.get(_fold(title), (None, []))[1] for img in element.iter("img")]
        # A picture whose file is missing is left out: the link check reports it at its line.
        return [picture for picture in found if (docs_dir / picture.src).is_file()][:shown]

    pictures = [picture for title, shown in PICTURES_SHOWN.items()
                for picture in pictures_in(title, shown)]
    if not any(picture.section == STEPS_HEADING for picture in pictures):
        raise HandoutProblem(f'the handout needs a picture of the exercise in the section "'
                             f'{STEPS_HEADING}", written as ![what the picture shows]'
                             f'(images/picture.svg)', source_map.line_of(steps_heading))
    return HandoutContent(
        page=source_map.page, outputs=outputs, page_url=page_url,
        title=short_title(page_heading), page_heading=page_heading, purpose=purpose,
        steps=steps, dosage=[copy.inner(item) for item in dosage_items],
        dosage_by_label=dosage_by_label, steps_intro=steps_intro, feel=feel, levels=levels,
        check_first=check_first, stop=stop, get_help=get_help, pictures=pictures,
        has_video=any(node.tag == "figure" and VIDEO_CLASS in (node.get("class") or "").split()
                      for node, _ in source_map.raw_nodes),
        updated=_date(source_map.page.meta.get("updated")),
        review_due=_date(source_map.page.meta.get("review_due")))


def _date(value) -> datetime.date | None:
    return value if isinstance(value, datetime.date) else None


def _label(copy: "Copier", item: etree.Element) -> str:
    """The bold words an item starts with, without their colon ("**Easier:** ..." -> "Easier")."""
    first = item[0] if len(item) and not (item.text or "").strip() else None
    return copy.text(first).rstrip(": ") if first is not None and first.tag in ("strong", "b") else ""


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


class Copier:
    """Page content as simple, safe HTML for the handout: emphasis and lists kept, links turned
    into their words, raw HTML into its text."""

    def __init__(self, source_map: SourceMap):
        self.source_map = source_map

    def is_raw_html(self, element: etree.Element) -> bool:
        pieces = list(self.source_map.pieces(element.text))
        return len(element) == 0 and [kind for kind, _ in pieces if _.strip()] == ["html"]

    def _plain(self, text: str | None) -> str:
        """Text with raw HTML turned into its words, each run of spaces or line breaks one space."""
        return re.sub(r"\s+", " ", "".join(piece if kind == "text" else self.source_map.html_text(piece)
                                           for kind, piece in self.source_map.pieces(text)))

    def _text_html(self, text: str | None) -> str:
        return html.escape(self._plain(text), quote=False)

    def inner(self, element: etree.Element) -> str:
        inner = self._text_html(element.text) + "".join(self.outer(child, tail=True)
                                                         for child in element)
        return inner.strip() if element.tag in ("p", "li") else inner

    def outer(self, element: etree.Element, tail: bool = False) -> str:
        after = self._text_html(element.tail) if tail else ""
        if "headerlink" in (element.get("class") or "").split() or element.tag in DROPPED_TAGS:
            return after
        inner = self.inner(element)
        if element.tag not in KEPT_TAGS:
            return inner + after
        if element.tag == "br":
            return "<br>" + after
        return f"<{element.tag}>{inner}</{element.tag}>" + after

    def text(self, element: etree.Element) -> str:
        """The visible words, whitespace folded, without heading permalinks."""
        parts = [self._plain(element.text)]

        def visit(node: etree.Element) -> None:
            if "headerlink" not in (node.get("class") or "").split() and node.tag not in DROPPED_TAGS:
                parts.append(self._plain(node.text))
                for child in node:
                    visit(child)
            parts.append(self._plain(node.tail))

        for child in element:
            visit(child)
        return " ".join("".join(parts).split())

    def boxes(self, root: etree.Element) -> Iterator[Box]:
        """Each box ("!!! warning ...") in root, root included: its title and its body as clean
        HTML."""
        for element in root.iter():
            if box := box_of(element):
                yield Box(self.text(box.title) if box.title is not None else "",
                          "".join(self.outer(child) for child in element if child is not box.title))

    def picture(self, img: etree.Element, docs_dir: Path, section: str = "") -> Picture:
        page = self.source_map.page
        src = docs_path(img.get("src", ""), page.src_uri)
        size = image_size(docs_dir / src) or (4, 3)
        figure = self.source_map.parents.get(self.source_map.parents.get(img))
        caption = figure.find("figcaption") if figure is not None and figure.tag == "figure" else None
        return Picture(src, (img.get("alt") or "").strip(), size[0], size[1],
                       " ".join(self.inner(child) for child in caption) if caption is not None else "",
                       section)
