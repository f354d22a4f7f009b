"""Reading level of each page, as a Flesch-Kincaid school grade.

Patient information should read at age 9 to 11 (Patient Information Forum): about US grade 4 to 6.
The text is the page's own, after shortcodes, taken from its element tree as it is built: what a
patient reads, without code, heading permalinks or the page's dates.
"""

from __future__ import annotations

import hashlib
import json
import os
import xml.etree.ElementTree as etree
from importlib.metadata import version
from pathlib import Path

from ..page_model import PageSource
from ..problems import Problem
from ..source_lines import SourceMap

MINIMUM_WORDS = 30  # below this a grade means little: a title alone scores as hard prose
BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "figcaption",
          "summary", "blockquote"}
SKIPPED = {"script", "style", "code", "pre", "aside"}  # code is not prose
BLOCK_END = "\0"
TEXTSTAT_VERSION = version("textstat")  # a new version may count syllables differently


def page_prose(root: etree.Element, source_map: SourceMap) -> str:
    """The page's prose: one block (paragraph, list item, heading) a line, each ending a sentence."""
    parts: list[str] = []

    def add_text(text: str | None) -> None:
        for kind, piece in source_map.pieces(text):
            if kind == "text":
                parts.append(piece)
            else:  # raw HTML: an entity, or a block a shortcode wrote
                for element in source_map.parse_html(piece):
                    visit(element)
                if "<" not in piece:
                    parts.append(source_map.html_text(piece))

    def visit(element) -> None:
        if not isinstance(element.tag, str):  # an HTML comment
            add_text(element.tail)
            return
        if element.tag not in SKIPPED and "headerlink" not in (element.get("class") or "").split():
            add_text(element.text)
            for child in element:
                visit(child)
            if element.tag in BLOCKS:
                parts.append(BLOCK_END)  # a list item or heading ends a sentence, punctuated or not
        add_text(element.tail)

    visit(root)
    blocks = (" ".join(block.split()) for block in "".join(parts).split(BLOCK_END))
    return "\n".join(block if block[-1] in ".!?:;" else block + "." for block in blocks if block)


def grade(text: str) -> float | None:
    """The text's Flesch-Kincaid grade, or None when it is too short to measure."""
    import textstat  # here, not at the top: when every grade is cached, it is never loaded (0.1 s)

    return textstat.flesch_kincaid_grade(text) if len(text.split()) >= MINIMUM_WORDS else None


class GradeCache:
    """Grades kept in a file by a hash of the text: counting syllables is the slowest check, and
    most pages are the same as at the last build. Only this build's texts are kept."""

    def __init__(self, path: Path):
        self.path = path
        try:
            self.known = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.known = {}
        self.used: dict[str, float | None] = {}

    def grade(self, text: str) -> float | None:
        key = hashlib.sha256(f"{TEXTSTAT_VERSION}\n{text}".encode()).hexdigest()[:24]
        self.used[key] = self.known[key] if key in self.known else grade(text)
        return self.used[key]

    def save(self) -> None:
        if self.used != self.known:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Written whole, then put in place: a build started meanwhile reads the old file or
            # the new one, never half of one
            written = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
            written.write_text(json.dumps(self.used, sort_keys=True), encoding="utf-8")
            os.replace(written, self.path)


def reading_level_warning(page: PageSource, level: float | None, target: int) -> list[Problem]:
    """A warning when the page reads above the target grade (the plugin's reading_grade)."""
    if level is None or level <= target:
        return []
    return [Problem(page.shown_path, 0, f"reading level is grade {level:.1f}, above the target of "
                    f"{target}: use shorter sentences and everyday words", "warning")]
