"""Reading level of each built page, as a Flesch-Kincaid school grade.

Patient information should read at age 9 to 11 (Patient Information Forum): about US grade 4 to 6.
The text is taken from the built page's article, so it is what a patient reads, after shortcodes.
"""

from __future__ import annotations

from html.parser import HTMLParser

import textstat

TARGET_GRADE = 7  # warn above this; the one place the target is set
MINIMUM_WORDS = 30  # below this a grade means little: a title alone scores as hard prose
BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "figcaption",
          "summary", "blockquote"}
SKIPPED = {"script", "style", "code", "pre", "aside"}  # code and the page's dates are not prose


BLOCK_END = "\0"


class _ArticleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_article = 0
        self.skipped: list[str] = []  # open tags whose text is not prose
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.in_article += 1
        elif tag in SKIPPED or (tag == "a" and ("class", "headerlink") in attrs) or self.skipped:
            self.skipped.append(tag)

    def handle_endtag(self, tag):
        if self.skipped and self.skipped[-1] == tag:
            self.skipped.pop()
        elif tag == "article":
            self.in_article -= 1
        elif tag in BLOCKS and self.in_article:
            self.parts.append(BLOCK_END)  # a list item or heading ends a sentence, punctuated or not

    def handle_data(self, data):
        if self.in_article and not self.skipped:
            self.parts.append(data)


def page_text(html: str) -> str:
    """The prose of a built page's article: one block (paragraph, list item, heading) a line."""
    parser = _ArticleText()
    parser.feed(html)
    blocks = (" ".join(block.split()) for block in "".join(parser.parts).split(BLOCK_END))
    return "\n".join(block if block[-1] in ".!?:;" else block + "." for block in blocks if block)


def grade(text: str) -> float | None:
    """The text's Flesch-Kincaid grade, or None when it is too short to measure."""
    return textstat.flesch_kincaid_grade(text) if len(text.split()) >= MINIMUM_WORDS else None
