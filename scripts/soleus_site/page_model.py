"""What the build knows about one page, gathered once as MkDocs reads and renders it.

The page's file is read once (`PageSource`); its Markdown extension (source_lines.py) then fills
in every reference (link, picture, video file...) with the line it was written on, the page's
prose for the reading level, and, for a page with `handout: true`, the parts its handout needs.
The checks, the reading level and the handout all work from this, never from re-reading what
MkDocs wrote.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Reference:
    """A URL the page's visitor follows or loads, where it was written."""

    kind: str  # "link", "picture", "video", "video poster", "captions", "script", ...
    url: str  # as written in the Markdown (before MkDocs makes it relative to the built page)
    line: int  # 1-based line of the page's file; 0 when unknown
    alt: str | None = None  # a picture's alt text
    decorative: bool = False  # a picture whose meaning is carried by the words around it


@dataclass
class PageSource:
    """One page: its file as read, where its Markdown body starts, and what was found in it."""

    src_uri: str  # relative to docs/, e.g. "exercise.md"
    shown_path: str  # as staff know it, e.g. "docs/exercise.md"
    text: str  # the whole file, read once
    meta: dict[str, Any] = field(default_factory=dict)  # MkDocs' page.meta
    # The Markdown after shortcodes, a line at a time, and for each of its lines the line of
    # the file it came from (a shortcode's lines all come from the shortcode's own line).
    markdown_lines: list[str] = field(default_factory=list)
    file_lines: list[int] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    prose: str = ""  # the page's text, one block (paragraph, item, heading) a line
    handout_outputs: Any = None  # handout.outputs.HandoutOutputs, for a page with `handout: true`
    handout: Any = None  # handout.content.HandoutContent, once read from the page
    frame_sources: set[str] = field(default_factory=set)  # from its shortcodes (a YouTube video)
    # What its words load from other websites or run, as reported at their lines while rendering
    # (checks/published_output.py), so the check of the written page does not report them again
    load_findings: set[str] = field(default_factory=set)

    def file_line(self, markdown_index: int) -> int:
        """The file's line for a 0-based line of the expanded Markdown."""
        if 0 <= markdown_index < len(self.file_lines):
            return self.file_lines[markdown_index]
        return 0
