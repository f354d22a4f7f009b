"""Boxes ("!!! warning "When to stop"") that a screen reader announces as what they are.

Python-Markdown's admonition extension writes a box as

    <div class="admonition warning"><p class="admonition-title">When to stop</p>...</div>

which reaches a screen reader as two plain paragraphs: no heading to jump to, no role, and the
box's colour and icon (the only sign it is a warning) are not read. WCAG 1.3.1 (Info and
Relationships) asks that what the page shows by its look is also in its structure. So, for every
box on every page, without staff writing any HTML, this treeprocessor makes:

    <div class="admonition warning" role="note" aria-labelledby="box-1">
      <p class="admonition-title" id="box-1" role="heading" aria-level="3">
        <span class="md-visually-hidden">Warning: </span>When to stop</p>...</div>

- the title a heading one level below the section it is in (an h2 section gives level 3), so
  the heading outline stays in order; `role="heading"` on the paragraph rather than an <h3>,
  so the title keeps Material's box styles and is not taken into the table of contents;
- the box a named `note` (ARIA's role for content set apart from the main text; `alert` is for
  messages that appear while the page is in use, and would be read out on load);
- a word, read but not shown, saying what kind of box it is ("Warning:").

It runs after the table of contents and after the build's own readers (source_lines.PageFacts,
priority 2), so the handout and the reading level see the box as written.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from .page_tools import box_of

# The word read before a box's title, by box type; other types read their own name ("Tip:").
BOX_WORDS = {
    "warning": "Warning", "caution": "Warning", "attention": "Warning",
    "danger": "Urgent warning", "error": "Urgent warning",
    "note": "Note", "important": "Important", "tldr": "Summary", "abstract": "Summary",
}
HEADING = re.compile(r"^h([1-6])$")


def box_word(box_type: str) -> str:
    return BOX_WORDS.get(box_type, box_type.capitalize())


class BoxSemantics(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        level = 1  # the level of the last heading met, in document order
        count = 0
        for element in root.iter():
            heading = HEADING.match(element.tag) if isinstance(element.tag, str) else None
            if heading:
                level = int(heading.group(1))
                continue
            box = box_of(element)
            # A folding box ("??? type", a <details>) is already a named group, by its summary
            if box is None or element.tag == "details":
                continue
            title = box.title
            if title is None:  # a box written with an empty title ("!!! note """) has none
                continue
            count += 1
            title_id = f"box-{count}"
            element.set("role", "note")
            element.set("aria-labelledby", title_id)
            title.set("id", title_id)
            title.set("role", "heading")
            title.set("aria-level", str(min(level + 1, 6)))
            word = etree.Element("span", {"class": "md-visually-hidden"})
            word.text = f"{box_word(box.kind or 'note')}: "
            word.tail = title.text
            title.text = None
            title.insert(0, word)


class BoxSemanticsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After "toc" (5) and the build's readers (source_lines.PageFacts, 2); before MkDocs'
        # "relpath" (0).
        md.treeprocessors.register(BoxSemantics(md), "soleus_box_semantics", 1)
