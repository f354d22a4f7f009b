"""A Markdown extension that knows which line of the page each part of it was written on.

Python-Markdown keeps no positions, so the extension keeps them itself, in two steps:

1. Before inline Markdown is read (`BlockLines`, ahead of Python-Markdown's "inline" step), each
   block (heading, paragraph, list item, table cell, raw HTML block...) still holds its Markdown
   text as written. Walking the blocks in document order, each is found in the page's Markdown
   lines from where the previous block was found: its first line of text is on that line.
2. Once the page's elements are complete (`PageFacts`, after the table of contents and before
   MkDocs rewrites links), every link and picture is recorded with its line: the line of its
   block, or the line within that block where its URL is written. Links in raw HTML (including
   what shortcodes write) are read with an HTML parser, lxml, which counts lines as it parses.

Lines are counted in the Markdown after shortcodes, and mapped back to the page's file through
`PageSource.file_lines`, so a link made by a shortcode is reported at the shortcode's line.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as etree
from contextlib import nullcontext
from typing import Callable, ContextManager, Iterator

import lxml.html
from lxml import etree as lxml_etree
from markdown import Extension, Markdown
from markdown.inlinepatterns import (IMAGE_REFERENCE_RE, REFERENCE_RE, ImageReferenceInlineProcessor,
                                     ReferenceInlineProcessor)
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

from .page_model import PageSource, Reference

# The attributes whose URL a visitor's browser follows or loads, by tag, and what to call them.
URL_ATTRIBUTES = {
    "a": (("href", "link"),), "link": (("href", "link"),), "img": (("src", "picture"),),
    "script": (("src", "script"),), "iframe": (("src", "frame"),),
    "video": (("src", "video"), ("poster", "video poster")), "source": (("src", "video"),),
    "audio": (("src", "audio"),), "track": (("src", "captions"),), "embed": (("src", "file"),),
    "object": (("data", "file"),),
}
DECORATIVE_CLASSES = {"video__poster"}  # the play link around it carries the words
SAME_ROW_TAGS = {"td", "th"}  # table cells share their row's line


def url_references(element, line_for: Callable[[str], int]) -> Iterator[Reference]:
    """Each URL an element (of either tree: Python-Markdown's or lxml's) points to, with the
    line `line_for(url)` gives."""
    for attribute, kind in URL_ATTRIBUTES.get(element.tag, ()):
        if element.get(attribute) is not None:
            url = element.get(attribute).strip()
            classes = set((element.get("class") or "").split())
            yield Reference(kind, url, line_for(url), element.get("alt"),
                            decorative=bool(classes & DECORATIVE_CLASSES))


class SourceMap:
    """Lines of a page's elements, and the raw HTML Python-Markdown set aside while parsing."""

    def __init__(self, md: Markdown, page: PageSource):
        self.md = md
        self.page = page
        # The page's Markdown lines as Python-Markdown reads them: it expands every tab to spaces
        # (to its tab_length) before it parses, so a block's text is found in these, not in the
        # lines as written (a tab pasted from Word, a list indented with tabs). Same lines, so
        # the same indexes.
        self.lines = [line.expandtabs(md.tab_length) for line in page.markdown_lines]
        self.blocks: dict[etree.Element, tuple[int, int]] = {}  # element -> (first index, lines)
        self.parents: dict[etree.Element, etree.Element] = {}
        self.parsed: dict[str, list] = {}  # raw HTML -> its lxml elements
        self.raw_nodes: list[tuple[object, int]] = []  # elements of the page's raw HTML, with lines
        self.comments: list[tuple[str, int]] = []  # HTML comments taken out: (text, line)
        self.missing_references: list[tuple[str, str]] = []  # (text, "[id]"): no line defines id

    # Raw HTML ------------------------------------------------------------------------------

    def raw_html(self, index: int) -> str:
        raw = self.md.htmlStash.rawHtmlBlocks[index]
        return raw if isinstance(raw, str) else etree.tostring(raw, encoding="unicode")

    def pieces(self, text: str | None) -> Iterator[tuple[str, str]]:
        """("text", words) and ("html", raw HTML) pieces of an element's text or tail."""
        text = text or ""
        position = 0
        for match in HTML_PLACEHOLDER_RE.finditer(text):
            if match.start() > position:
                yield "text", text[position:match.start()]
            yield "html", self.raw_html(int(match.group(1)))
            position = match.end()
        if position < len(text):
            yield "text", text[position:]

    def parse_html(self, raw: str) -> list:
        """Raw HTML as lxml elements (an entity such as &rsquo; gives none), parsed once for all
        the page's readers."""
        if "<" not in raw:
            return []
        if raw not in self.parsed:
            try:
                self.parsed[raw] = [element for element in lxml.html.fragments_fromstring(raw)
                                    if not isinstance(element, str)]
            except (lxml_etree.ParserError, ValueError):
                self.parsed[raw] = []  # only an end tag, such as </a>
        return self.parsed[raw]

    def html_text(self, raw: str) -> str:
        """The words raw HTML shows: an entity's character, an element's text."""
        if "<" not in raw:
            return html.unescape(raw)
        return "".join(element.text_content() if hasattr(element, "text_content") else element
                       for element in self.parse_html(raw))

    # Lines ---------------------------------------------------------------------------------

    def block_of(self, element: etree.Element) -> tuple[int, int] | None:
        while element is not None:
            if element in self.blocks:
                return self.blocks[element]
            element = self.parents.get(element)
        return None

    def line_of(self, element: etree.Element) -> int:
        """The file's line where the element (or the block holding it) starts; 0 if unknown."""
        block = self.block_of(element)
        return self.page.file_line(block[0]) if block else 0

    def find_in_block(self, element: etree.Element, needle: str, occurrence: int = 0) -> int | None:
        """The Markdown line (0-based) where `needle` is written for the `occurrence`-th time
        (from 0) in the element's block; None when it is not written there as is (as with a
        reference-style link, whose URL is defined elsewhere)."""
        block = self.block_of(element)
        if not block:
            return None
        first, count = block
        seen = 0
        for index, line in enumerate(self.lines[first:first + count], start=first):
            seen += line.count(needle)
            if seen > occurrence:
                return index
        return None


class BlockLines(Treeprocessor):
    """Step 1: the first Markdown line of each block, while blocks still hold their Markdown."""

    def __init__(self, md: Markdown, extension: "SourceLinesExtension"):
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        page = self.extension.current_page()
        if page is None:
            return
        with self.extension.timed():
            self.find_blocks(root, page)

    def find_blocks(self, root: etree.Element, page: PageSource) -> None:
        source_map = SourceMap(self.md, page)
        self.extension.source_map = source_map
        lines = source_map.lines
        cursor = 0
        row_end = 0  # the line after the table row last read: the next row starts there or later
        for element in root.iter():
            if element.tag == "tr":
                cursor = max(cursor, row_end)
            text = "".join(piece for _, piece in source_map.pieces(element.text))
            written = [line.strip() for line in text.split("\n") if line.strip()]
            if not written:
                continue
            found = next((index for index in range(cursor, len(lines))
                          if written[0] in lines[index]), None)
            if found is None:
                continue
            source_map.blocks[element] = (found, len(text.strip("\n").split("\n")))
            if element.tag in SAME_ROW_TAGS:
                cursor, row_end = found, found + 1
            else:
                cursor = found + len(written)


class PageFacts(Treeprocessor):
    """Step 2: every reference with its line; then the page's other readers (pictures, prose,
    handout), given the finished tree and its source map."""

    def __init__(self, md: Markdown, extension: "SourceLinesExtension"):
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        source_map = self.extension.source_map
        if source_map is None or self.extension.current_page() is not source_map.page:
            return
        with self.extension.timed():
            source_map.parents = {child: parent for parent in root.iter() for child in parent}
            self.walk(root, source_map)
        for reader in self.extension.readers:
            reader(root, source_map)
        self.extension.source_map = None

    def walk(self, root: etree.Element, source_map: SourceMap) -> None:
        """Every reference of the page with its line (into `page.references`); every element of
        its raw HTML with its line (into `source_map.raw_nodes`). HTML comments are taken out of
        the page here, so they never reach the built site (`source_map.comments` keeps them)."""
        found_before: dict[tuple, int] = {}  # (block, needle) -> times already found in that block
        stash = self.md.htmlStash.rawHtmlBlocks

        def in_block(element, needle: str) -> int:
            """The line where `needle` (a URL, a tag) is written inside the element's block: one
            written twice in a block is found at its first place, then at its second."""
            block = source_map.block_of(element)
            if not block:
                return 0
            occurrence = found_before.get((block, needle), 0)
            found_before[(block, needle)] = occurrence + 1
            index = source_map.find_in_block(element, needle, occurrence)
            return source_map.page.file_line(block[0] if index is None else index)

        references = source_map.page.references = []
        for element in root.iter():
            if "headerlink" not in (element.get("class") or "").split():  # made by toc
                references += url_references(element, lambda url: in_block(element, url))
            for text, owner in ((element.text, element), (element.tail, source_map.parents.get(element))):
                whole_block = (owner is element and element in source_map.blocks
                               and HTML_PLACEHOLDER_RE.fullmatch((text or "").strip()))
                for match in HTML_PLACEHOLDER_RE.finditer(text or ""):
                    raw = source_map.raw_html(int(match.group(1)))
                    parsed = source_map.parse_html(raw)
                    for node in (node for top in parsed for node in top.iter()):
                        if whole_block:  # lxml counts the lines of the raw block itself
                            line = source_map.page.file_line(source_map.blocks[element][0]
                                                             + node.sourceline - 1)
                            line_for = lambda url, line=line: line  # noqa: E731
                        else:
                            line = in_block(owner, "<!--" if node.tag is lxml_etree.Comment
                                            else f"<{node.tag}")
                            line_for = lambda url, owner=owner: in_block(owner, url)  # noqa: E731
                        if node.tag is lxml_etree.Comment:
                            source_map.comments.append((node.text or "", line))
                        else:
                            source_map.raw_nodes.append((node, line))
                            references += url_references(node, line_for)
                    if "<!--" in raw and any(node.tag is lxml_etree.Comment
                                             for top in parsed for node in top.iter()):
                        stash[int(match.group(1))] = _without_comments(parsed)


def _without_comments(parsed: list) -> str:
    """Raw HTML written again without its comments."""
    kept = []
    for top in parsed:
        if top.tag is lxml_etree.Comment:
            kept.append(top.tail or "")
            continue
        for comment in [node for node in top.iter() if node.tag is lxml_etree.Comment]:
            comment.drop_tree()
        kept.append(lxml.html.tostring(top, encoding="unicode"))
    return "".join(kept)


class SourceLinesExtension(Extension):
    """Registers both steps. `current_page` says which page MkDocs is rendering; each reader is
    called with the finished tree of that page and its SourceMap; `timed()` measures the two
    steps' own work."""

    def __init__(self, current_page: Callable[[], PageSource | None],
                 readers: list[Callable[[etree.Element, SourceMap], None]],
                 timed: Callable[[], ContextManager] = nullcontext):
        super().__init__()
        self.current_page = current_page
        self.readers = readers
        self.timed = timed
        self.source_map: SourceMap | None = None

    def extendMarkdown(self, md: Markdown) -> None:
        # Before "inline" (20); after "toc" (5) and "attr_list" (8), before MkDocs' "relpath" (0).
        md.treeprocessors.register(BlockLines(md, self), "soleus_block_lines", 25)
        md.treeprocessors.register(PageFacts(md, self), "soleus_page_facts", 2)
        # Python-Markdown's own reference links, also noting a [text][id] whose id is undefined.
        md.inlinePatterns.register(_NotedReference(REFERENCE_RE, md, self), "reference", 170)
        md.inlinePatterns.register(_NotedImageReference(IMAGE_REFERENCE_RE, md, self),
                                   "image_reference", 140)


class _NotingMissing:
    """Python-Markdown leaves a [text][id] with no `[id]: address` line as plain text; this
    notes it, so the build can say so."""

    def __init__(self, pattern: str, md: Markdown, extension: SourceLinesExtension):
        super().__init__(pattern, md)
        self.extension = extension

    def evalId(self, data: str, index: int, text: str):
        id, end, handled = super().evalId(data, index, text)
        if handled and " ".join(id.split()) not in self.md.references and self.extension.source_map:
            self.extension.source_map.missing_references.append((text, data[index:end].strip()))
        return id, end, handled


class _NotedReference(_NotingMissing, ReferenceInlineProcessor):
    pass


class _NotedImageReference(_NotingMissing, ImageReferenceInlineProcessor):
    pass
