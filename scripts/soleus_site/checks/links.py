"""Where every link, picture and file a page loads is checked.

A reference written in a page keeps the line it was written on (source_lines.py); it is resolved
the way MkDocs resolves it, through MkDocs' own `Files`: first as a file of docs/ named relative
to the page ("exercise.md#how-to-do-it", "images/start.svg"), then as an address of the built
site ("../anatomy/"). An anchor must be a heading (or other id) of the page it points to. The
links the theme's templates write (navigation, footer, the handout page) are checked the same
way, against the same map of the built site.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from mkdocs.structure.files import Files

from ..clinic import dial_number, email_address
from ..page_model import Reference
from ..page_tools import docs_path
from ..problems import Problem, closest, suggest

PAGE_SUFFIXES = ("", ".md", ".html")
SCRIPT_SCHEMES = ("javascript", "data", "vbscript", "blob")


@dataclass
class ExternalLink:
    file: str
    line: int
    url: str


@dataclass
class SiteMap:
    """Every file the built site will hold (by its path in site/), and each page's ids."""

    files: Files
    site_url: str
    ids: dict[str, set[str]] = field(default_factory=dict)  # built page -> its ids
    other_outputs: set[str] = field(default_factory=set)  # written by the build itself

    def __post_init__(self):
        self.dest_paths = {file.dest_uri for file in self.files}
        self.base_path = urlsplit(self.site_url).path or "/"
        self.origin = self.site_url[: len(self.site_url) - len(urlsplit(self.site_url).path)]
        self.page_names = sorted(file.src_uri for file in self.files.documentation_pages())
        self.file_names = sorted({PurePosixPath(file.src_uri).name for file in self.files})

    def exists(self, site_path: str) -> str | None:
        """The site file a path serves, as a web server would (a folder serves its index.html)."""
        site_path = site_path.strip("/")
        for candidate in (site_path, posixpath.join(site_path, "index.html").lstrip("/")):
            if candidate in self.dest_paths or candidate in self.other_outputs:
                return candidate
        return None

    def resolve(self, path: str, src_uri: str | None, dest_uri: str) -> str | None:
        """The built file a relative URL path leads to: as a docs/ file named from the page's
        source (MkDocs' own rule), else as an address from the built page."""
        if src_uri is not None:
            file = self.files.get_file_from_path(docs_path(path, src_uri))
            if file is not None:
                return file.dest_uri
        built = posixpath.normpath(posixpath.join(posixpath.dirname(dest_uri), path))
        return None if built == ".." or built.startswith("../") else self.exists(
            "" if built == "." else built)


def check_references(references: list[Reference], file: str, src_uri: str | None, dest_uri: str,
                     site: SiteMap, external: list[ExternalLink]) -> list[Problem]:
    """A problem for each reference that does not work; links to other websites are added to
    `external`, to be visited only on request."""
    problems = []
    for reference in references:
        message = check_reference(reference, src_uri, dest_uri, site)
        if message == "external":
            external.append(ExternalLink(file, reference.line, reference.url))
            if urlsplit(reference.url).scheme == "http":
                problems.append(Problem(file, reference.line, f"{reference.kind} '{reference.url}'"
                                        f" is not secure (http://): use https:// if the site "
                                        f"offers it", "warning"))
        elif message:
            problems.append(Problem(file, reference.line, message))
    return problems


def check_reference(reference: Reference, src_uri: str | None, dest_uri: str,
                    site: SiteMap) -> str:
    """What is wrong with one reference ("" when nothing is, "external" for another website).
    `src_uri` is the page's source when the reference was written in it; None for the theme's."""
    url = reference.url
    parts = urlsplit(url)
    what = f"{reference.kind} '{url}'"
    if parts.scheme == "mailto":
        address = unquote(parts.path)
        return "" if email_address(address) else (
            f"{what}: '{address}' is not an email address (write it as mailto:name@example.org)")
    if parts.scheme == "tel":
        return "" if dial_number(unquote(parts.path)) else (
            f"{what}: a phone link needs the number in digits, for example tel:+441234567890")
    if parts.scheme in SCRIPT_SCHEMES:
        if src_uri is None:  # the theme's own
            return ""
        return (f"{what}: '{parts.scheme}:' addresses are not allowed in a page (they can run code "
                f"or hide what they show): link to a page, a file or a website")
    if parts.scheme or parts.netloc:
        if site.origin and url.startswith(site.origin + site.base_path):
            parts = urlsplit(url[len(site.origin):])  # our own address: check it here
        elif parts.scheme in ("http", "https"):
            return "external"
        else:
            return f"{what}: '{parts.scheme or '//'}' links are not allowed; use https://"
    if parts.path.startswith("/"):
        if not parts.path.startswith(site.base_path):
            return (f"{what}: starts with '/', so it points outside the site (published at "
                    f"{site.base_path}); use a relative link such as 'anatomy.md'")
        target = site.exists(unquote(parts.path[len(site.base_path):]))
    elif parts.path:
        target = site.resolve(unquote(parts.path), src_uri, dest_uri)
    else:
        target = dest_uri  # "#anchor": this page
    if target is None:
        name = PurePosixPath(unquote(parts.path).rstrip("/")).name
        if PurePosixPath(name).suffix in PAGE_SUFFIXES:
            pages = {PurePosixPath(page).stem: page for page in site.page_names}
            close = closest(PurePosixPath(name).stem, pages)
            hint = f" (did you mean '{pages[close]}'?)" if close else ""
        else:
            hint = suggest(name, site.file_names)
        kind = "page or file" if reference.kind == "link" else "file"
        return f"{what}: {kind} not found{hint}"
    if parts.fragment and target in site.ids:
        anchor = unquote(parts.fragment)
        if anchor not in site.ids[target]:
            where = "this page" if target == dest_uri else "that page"
            hint = suggest(parts.fragment, sorted(site.ids[target]), "'#{}'")
            return f"{what}: no heading '{parts.fragment}' on {where}{hint}"
    return ""
