"""Where a page's handout is published: a folder beside the page, with the printable page and
its A4, US Letter and large-print (A4) PDFs. Known before anything is built, so the page's links to its handout
and the link check agree with what the handout writes."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from mkdocs.utils import get_relative_url


@dataclass(frozen=True)
class HandoutOutputs:
    page_dest: str  # the page's built file, e.g. "exercise/index.html"
    name: str  # the PDFs' file name, e.g. "bent-knee-heel-raise"

    @classmethod
    def for_page(cls, page_dest: str, title: str) -> "HandoutOutputs":
        return cls(page_dest, re.sub(r"[^a-z0-9]+", "-", short_title(title).lower()).strip("-")
                   or "handout")

    @property
    def page_dir(self) -> str:
        """The handout's folder in the site, e.g. "exercise/handout/"."""
        return posixpath.join(posixpath.dirname(self.page_dest), "handout/").lstrip("/")

    @property
    def page(self) -> str:
        return self.page_dir + "index.html"

    @property
    def pdf_a4(self) -> str:
        return f"{self.page_dir}{self.name}-a4.pdf"

    @property
    def pdf_letter(self) -> str:
        return f"{self.page_dir}{self.name}-letter.pdf"

    @property
    def pdf_large_print(self) -> str:
        return f"{self.page_dir}{self.name}-large-print.pdf"

    @property
    def pdfs(self) -> dict[str, str]:
        """Each PDF by its paper (a key of pdf.PAPERS)."""
        return {"a4": self.pdf_a4, "letter": self.pdf_letter, "large-print": self.pdf_large_print}

    @property
    def files(self) -> tuple[str, ...]:
        return (self.page, *self.pdfs.values())

    def relative(self, site_path: str) -> str:
        """A link from the page to one of the handout's files."""
        return get_relative_url(site_path, self.page_dest)


def short_title(heading: str) -> str:
    """ "The exercise: bent-knee heel raise" -> "Bent-knee heel raise" (the exercise's own name)."""
    name = str(heading).rpartition(": ")[2].strip() or str(heading)
    return name[:1].upper() + name[1:]
