"""What a published page makes a visitor's browser load or run, checked on the page as the build
wrote it (before site/ is replaced), whichever route put it there: Markdown, attr_list, raw HTML,
a shortcode, a setting in mkdocs.yml or a template.

Refused, each an error:
  - a load from another website before any click: every address a browser fetches by itself
    (src, srcset, poster, data, <link> but the ones that only name a page, SVG's href, CSS url()
    and @import in a style attribute or a <style>), which would tell that site who is reading;
  - active content: an event handler attribute (onclick=...), an address that runs code
    (javascript:, vbscript:, data: other than a picture), a <meta http-equiv="refresh"> or a
    <base>, which send the visitor or the page's links elsewhere.
A link the visitor clicks (<a href>) to another website stays allowed.

Each finding is reported where staff can mend it (`Origin`): the page's line that holds what was
found, the mkdocs.yml setting that made the theme write it, a template in overrides/, or the
built page when nothing else holds it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator
from urllib.parse import urlsplit

import lxml.etree
import tinycss2

from ..problems import Problem
from ..settings import CONFIG_FILE, line_of_setting
from ..source_lines import URL_ATTRIBUTES

# Attributes whose address the browser fetches without a click, by element.
LOADED = {
    "img": ("src", "srcset"), "source": ("src", "srcset"), "video": ("src", "poster"),
    "audio": ("src",), "track": ("src",), "script": ("src",), "iframe": ("src",),
    "frame": ("src",), "embed": ("src",), "object": ("data",), "input": ("src",),
    "link": ("href",), "image": ("href",), "use": ("href",), "feimage": ("href",),
}  # (SVG's xlink:href is read as href)
# <link> kinds that only name a page, fetching nothing
NAMING_LINKS = {"canonical", "alternate", "prev", "next", "author", "license", "help", "edit"}
# Attributes that hold an address a browser may follow or run
ADDRESSES = {"href", "src", "action", "formaction", "data", "poster", "background", "cite"}
SCRIPT_SCHEMES = {"javascript", "vbscript"}
PICTURE_TAGS = {"img", "source", "video", "input"}  # where a data: picture is only a picture
# The theme's own loads that a setting in mkdocs.yml turns on, by the host they load from: the
# setting, and how to turn it off
GOOGLE_FONTS = (("theme", "font"), "the theme loads its font from Google: write  font: false  "
                "under theme:, and the site uses the reader's own fonts")
SETTING_OF_HOST = {"fonts.googleapis.com": GOOGLE_FONTS, "fonts.gstatic.com": GOOGLE_FONTS}
# An SVG is read as a browser shows it, its own entities expanded (a drawing program's, or a load
# hidden in one), but as data: no file or address read for an entity, nothing fetched, no huge trees
SVG_PARSER = lxml.etree.XMLParser(resolve_entities="internal", no_network=True, huge_tree=False)
HOW_TO_SHOW = ("save the file in docs/ and use it from there, or link to the other site so a "
               "visitor chooses to go")


@dataclass
class Finding:
    what: str  # what is wrong, e.g. "loads https://x.org/p.gif from another website"
    how: str  # how to fix it
    value: str  # the text that holds it, to find where it was written
    host: str = ""  # for a load from another website

    @property
    def message(self) -> str:
        return f"{self.what} ({self.how})"


# What makes an element able to load or run anything: its tag, or one of its attributes (an
# event handler on..., SVG's xlink:href, or href on anything but a link the visitor clicks)
ACTIVE_TAGS = {"meta", "base", "style"}
LOADING_ATTRIBUTES = {"src", "srcset", "poster", "data", "style", "action", "formaction", "background",
                      "cite"}


def findings(document, site_host: str) -> Iterator[Finding]:
    """What a page (an lxml document or element) loads from other websites or runs."""
    for element in candidates(document):
        yield from element_findings(element, site_host)


def candidates(document) -> list:
    """The elements of an lxml tree that may load or run something: a page's many plain links,
    lists and headings are passed over by their attributes' names alone (faster than an XPath
    that tests each attribute, which took 4 ms on a page with a 300-page navigation)."""
    found = []
    for element in document.iter(lxml.etree.Element):  # no comments
        tag = element.tag
        if tag in ACTIVE_TAGS:
            found.append(element)
            continue
        for name in element.keys():
            if (name in LOADING_ATTRIBUTES or name.startswith(("on", "xlink:"))
                    or (name == "href" and tag != "a")):
                found.append(element)
                break
    return found


def element_findings(element, site_host: str, in_page: bool = True) -> Iterator[Finding]:
    """What one element (of lxml's tree or Python-Markdown's) loads from other websites or runs;
    `in_page` when it is in a page, whose links the link check judges (an SVG file's are not)."""
    if not isinstance(element.tag, str):
        return  # a comment
    tag = _local(element.tag)
    attributes = {_local(name).removeprefix("xlink:"): value for name, value in element.attrib.items()}
    for written, value in element.attrib.items():
        name = _local(written).removeprefix("xlink:")
        if name.startswith("on"):
            yield Finding(f"the event handler {name}=\"{value}\" runs code in the visitor's browser",
                          "remove it", name)
        elif (name in ADDRESSES and _runs_code(value, tag)
              and not (in_page and _link_checked(tag, written))):
            yield Finding(f"the address '{value.strip()}' runs code in the visitor's browser",
                          "remove it", value.strip())
    if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
        yield Finding("a <meta http-equiv=\"refresh\"> sends the visitor elsewhere",
                      "remove it, and link to the page instead", "refresh")
    if tag == "base":
        yield Finding("a <base> changes where every link of the page leads", "remove it", "<base")
    kinds = set((attributes.get("rel") or "").lower().split())
    if tag == "link" and kinds and kinds <= NAMING_LINKS:  # "alternate stylesheet" still loads
        return
    for name in LOADED.get(tag, ()):
        for url in _addresses(attributes.get(name), name == "srcset"):
            # (the link check refuses a page's //host/... address itself)
            if not (url.startswith("//") and in_page and _link_checked(tag, name)):
                yield from _foreign(url, site_host)
    if attributes.get("style"):
        yield from _css_loads(tinycss2.parse_blocks_contents(attributes["style"]), site_host)
    if tag == "style" and element.text:
        yield from _css_loads(tinycss2.parse_stylesheet(element.text), site_host)


def stylesheet_problems(path: Path, shown: str, site_host: str) -> list[Problem]:
    """Loads from other websites in one of the site's own stylesheets, each at its line."""
    rules = tinycss2.parse_stylesheet(path.read_text(encoding="utf-8", errors="replace"))
    return [Problem(shown, line, finding.message)
            for finding, line in _css_loads_with_lines(rules, site_host)]


def settings_problems(config_file: Path, extra: dict) -> list[Problem]:
    """Settings that make the theme send every visit to another website."""
    if not extra.get("analytics"):
        return []
    return [Problem(CONFIG_FILE, line_of_setting(config_file, "extra", "analytics"),
                    "analytics would send every visit to another website (Google Analytics) from "
                    "a site for patients: remove it (your web host's own visit counts need no "
                    "code on the pages)")]


def svg_problems(path: Path, shown: str, site_host: str) -> list[Problem]:
    """An SVG picture is a page of its own when its address is opened, on the clinic's domain:
    a script, an event handler, HTML inside it (foreignObject) or a load from another website is
    an error at its line."""
    try:
        root = lxml.etree.parse(str(path), SVG_PARSER).getroot()
    except lxml.etree.XMLSyntaxError as error:
        return [Problem(shown, error.lineno or 0, f"the picture cannot be read as SVG: {error.msg} "
                        f"(save it again from the drawing program as plain SVG)")]
    problems = []
    for element in root.iter():
        if isinstance(element.tag, str) and _local(element.tag) in ("script", "foreignobject"):
            problems.append(Problem(shown, element.sourceline or 0,
                                    f"<{_local(element.tag)}> in a picture runs code or shows a page "
                                    f"when the picture's address is opened (save the drawing as "
                                    f"plain SVG, without scripts or embedded HTML)"))
        problems += [Problem(shown, element.sourceline or 0, finding.message)
                     for finding in element_findings(element, site_host, in_page=False)]
    return problems


def located(finding: Finding, places: list[Callable[[Finding], tuple[str, int] | None]],
            fallback: str) -> Problem:
    """The finding as a problem at the first place that holds it."""
    for place in places:
        if where := place(finding):
            return Problem(where[0], where[1], finding.message)
    return Problem(fallback, 0, finding.message)


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def _link_checked(tag: str, name: str) -> bool:
    """Whether the link check (checks/links.py) already judges this address, with its own words."""
    return any(attribute == name for attribute, _ in URL_ATTRIBUTES.get(tag, ()))


def _runs_code(value: str, tag: str) -> bool:
    scheme = urlsplit(value.strip()).scheme.lower() if ":" in value else ""
    if scheme in SCRIPT_SCHEMES:
        return True
    return scheme == "data" and not (tag in PICTURE_TAGS and value.strip()[5:].lower().startswith("image/")
                                     and "svg" not in value.strip()[5:20].lower())


def _addresses(value: str | None, srcset: bool) -> list[str]:
    if not value:
        return []
    if not srcset:
        return [value.strip()]
    return [candidate.strip().split()[0] for candidate in value.split(",") if candidate.strip()]


def _foreign(url: str, site_host: str) -> Iterator[Finding]:
    parts = urlsplit(url)
    if parts.netloc and parts.hostname != site_host and parts.scheme in ("", "http", "https"):
        yield Finding(f"loads {url} from another website before the visitor clicks anything "
                      f"(that site learns who is reading)", HOW_TO_SHOW, url, parts.hostname or "")


def _css_loads(rules, site_host: str) -> Iterator[Finding]:
    for finding, _ in _css_loads_with_lines(rules, site_host):
        yield finding


def _css_loads_with_lines(rules, site_host: str) -> Iterator[tuple[Finding, int]]:
    """Every url() and @import of CSS (tinycss2's nodes), with its line."""
    for node in _css_nodes(rules):
        url = None
        if node.type == "url":
            url = node.value
        elif node.type == "function" and node.lower_name in ("url", "image-set", "src"):
            url = next((arg.value for arg in node.arguments if arg.type == "string"), None)
        elif node.type == "at-rule" and node.lower_at_keyword == "import":
            # @import "x.css" (its url(x.css) is a url node of its prelude, found as any other)
            url = next((token.value for token in node.prelude if token.type == "string"), None)
        if url:
            for finding in _foreign(url.strip(), site_host):
                yield finding, node.source_line


def _css_nodes(nodes) -> Iterator:
    """Every node of tinycss2's tree: rules, declarations, their tokens and functions' arguments."""
    for node in nodes or ():
        yield node
        for part in ("prelude", "content", "arguments", "value"):
            children = getattr(node, part, None)
            if isinstance(children, list):
                yield from _css_nodes(children)
