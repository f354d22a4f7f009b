"""The links the theme writes around each page (navigation, footer, the handout page), checked
once for the whole site.

The navigation is the same on every page, so each link is kept once, by where it leads, with the
first page it is on. A broken one is reported where staff can mend it: the handout page's at its
page's `handout: true`, a clinic detail's at its line in mkdocs.yml, else at the built page.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable
from urllib.parse import urlsplit

from ..page_model import PageSource, Reference
from ..page_tools import field_line
from ..problems import Problem
from ..settings import CONFIG_FILE, line_of_value
from ..source_lines import URL_ATTRIBUTES
from .links import ExternalLink, SiteMap, check_reference


@dataclass
class ThemeLinks:
    # (kind, target, anchor) -> (built page, reference), the first page each is on
    found: dict[tuple[str, str, str], tuple[str, Reference]] = field(default_factory=dict)
    seen: set[tuple[str, str, str]] = field(default_factory=set)

    def keep(self, document, dest: str) -> None:
        """The links of a built page's theme part (an lxml document), each new one kept."""
        self.keep_links(((kind, element.get(attribute) or "")
                         for element in document.iter(*URL_ATTRIBUTES)
                         for attribute, kind in URL_ATTRIBUTES[element.tag]), dest)

    def keep_links(self, links: Iterable[tuple[str, str]], dest: str) -> None:
        """Links of the built page `dest`, each (kind, address) as written; each new one kept."""
        folder = posixpath.dirname(dest)
        parent = posixpath.dirname(folder)
        for kind, url in links:
            url = url.strip()
            # "../x" leads to the same place from every folder with the same parent: seen once.
            seen = (kind, parent, url) if url.startswith("../") else None
            if not url or seen in self.seen:
                continue
            if seen:
                self.seen.add(seen)
            parts = urlsplit(url)
            key = ((kind, url, "") if parts.scheme or parts.netloc else
                   (kind, posixpath.normpath(posixpath.join(folder, parts.path)) if parts.path
                    else dest, parts.fragment))
            if key not in self.found:
                self.found[key] = (dest, Reference(kind, url, 0))

    def problems(self, site: SiteMap, nav_links: set[str], handout_pages: dict[str, PageSource],
                 config_file: Path, external: list[ExternalLink]) -> list[Problem]:
        """A problem for each broken link, where staff can mend it; links to other websites are
        added to `external`, to be visited only on request."""
        problems = []
        for (_, target, _), (dest, reference) in self.found.items():
            if target in nav_links:
                continue  # a nav entry naming a missing page: reported by MkDocs, at its line
            verdict = check_reference(reference, None, dest, site)
            if not verdict:
                continue
            owner = handout_pages.get(dest)
            if owner:  # the handout page: made from the page that asks for it
                file, line = owner.shown_path, field_line(owner, "handout")
            elif line := line_of_value(config_file, reference.url):
                file = CONFIG_FILE  # a detail from mkdocs.yml, such as the clinic's website
            else:
                file = f"site/{dest}"  # written by the theme
            if verdict == "external":
                external.append(ExternalLink(file, line, reference.url))
            else:
                problems.append(Problem(file, line, verdict))
        return problems
