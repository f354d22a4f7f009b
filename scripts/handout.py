"""The printable handout: one sheet a clinician gives a patient, made from the exercise page.

`make_handout(site_dir, config)` reads the BUILT exercise page (site/exercise/index.html)
and writes:

    site/handout/index.html                      a page on the site, printable from any browser
    site/handout/soleus-heel-raise-a4.pdf        the same sheet as a tagged PDF, A4
    site/handout/soleus-heel-raise-letter.pdf    and US Letter

with its stylesheet, fonts and QR code beside them. Staff edit docs/exercise.md only: the
steps, tips, dosage and the stop rule come from the page, so nothing is typed twice. If the
page lacks something the handout needs, `HandoutError` says what, in words staff can act on.

It is plain Python over built HTML (no MkDocs API beyond the loaded config), so the site could
change builders later. The template, stylesheet and fonts live in scripts/handout/.
"""

from __future__ import annotations

import datetime
import html
import posixpath
import re
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlparse

from clinic import clinic_details

# What the handout writes, relative to the built site. The build's link check and the
# exercise page's links to the handout use these.
HANDOUT_DIR = "handout"
HANDOUT_PAGE = "handout/index.html"
HANDOUT_PDF_A4 = "handout/soleus-heel-raise-a4.pdf"
HANDOUT_PDF_LETTER = "handout/soleus-heel-raise-letter.pdf"
HANDOUT_OUTPUTS = (HANDOUT_PAGE, HANDOUT_PDF_A4, HANDOUT_PDF_LETTER)

# Where the handout's content comes from.
EXERCISE_SOURCE = "exercise.md"  # in docs/
EXERCISE_PAGE = "exercise/index.html"  # in the built site
EXERCISE_URL = "exercise/"  # relative to site_url
# When to get help: the short form of docs/weakness.md's "When to get help" section (the whole
# section does not fit on one sheet). Keep the two in step; tests/test_handout.py checks that the
# page still gives the same numbers. (what is happening, what to do)
GET_HELP = (
    ("Calf pain with swelling, warmth or redness:", "call NHS 111."),
    ("Calf pain with shortness of breath or chest pain:", "call 999."),
    ('A sudden sharp pain or a "pop", or pain that lasts or gets worse:',
     "stop and see a professional."),
)
PICTURES = {"start": "images/heel-raise-start.svg", "top": "images/heel-raise-top.svg"}

# The parts of the exercise page the handout needs, by their headings and box title.
STEPS_HEADING = "How to do it"
TIPS_HEADING = "Tips for success"
DOSAGE_HEADING = "How many and how often"
STOP_TITLE = "When to stop"
UPDATED_LABEL = "Page last updated"

ASSETS_DIR = Path(__file__).resolve().parent / "handout"
TEMPLATE = "handout.html"
STYLESHEET = "handout.css"
NARROW_STYLESHEET = "handout-narrow.css"  # phones only
FONTS = ("AtkinsonHyperlegible-Regular.ttf", "AtkinsonHyperlegible-Bold.ttf", "OFL.txt")
QR_FILE = "qr-exercise-page.svg"
PAPER_STYLESHEETS = {HANDOUT_PDF_A4: "paper-a4.css", HANDOUT_PDF_LETTER: "paper-letter.css"}
TRACKER_WEEKS = 6
TRACKER_DAYS = 7


class HandoutError(Exception):
    """The handout cannot be made; the message names the file to fix and what it needs,
    as  file: what is needed  (for example  docs/exercise.md: the handout needs ...)."""

    @property
    def file(self) -> str:
        """The file to fix, as the message names it."""
        return str(self).partition(": ")[0]


# Reading built HTML ---------------------------------------------------------------------------

VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
             "source", "track", "wbr"}
# Tags kept when page content is copied into the handout; others are replaced by their content.
KEPT_TAGS = {"p", "ul", "ol", "li", "strong", "em", "b", "i", "code", "br", "abbr"}
DROPPED_TAGS = {"script", "style", "button", "svg", "template"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list["Node | str"] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find(self, tag: str, cls: str | None = None) -> "Node | None":
        return next(self.find_all(tag, cls), None)

    def find_all(self, tag: str, cls: str | None = None):
        return (node for node in self.iter()
                if node.tag == tag and (cls is None or cls in node.classes))

    def elements(self) -> list["Node"]:
        return [child for child in self.children if isinstance(child, Node)]

    def text(self) -> str:
        """The visible text, whitespace folded, without heading permalinks."""
        parts = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif "headerlink" not in child.classes and child.tag not in DROPPED_TAGS:
                parts.append(child.text())
        return " ".join("".join(parts).split())


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID_TAGS:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse_html(text: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


def clean_html(node: Node | str) -> str:
    """Page content as simple, safe HTML: emphasis and lists kept, links turned into their text."""
    if isinstance(node, str):
        return html.escape(re.sub(r"\s+", " ", node), quote=False)
    if "headerlink" in node.classes or node.tag in DROPPED_TAGS:
        return ""
    inner = "".join(clean_html(child) for child in node.children)
    if node.tag not in KEPT_TAGS:
        return inner
    if node.tag in VOID_TAGS:
        return f"<{node.tag}>"
    if node.tag in ("p", "li"):
        inner = inner.strip()
    return f"<{node.tag}>{inner}</{node.tag}>"


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def article_of(page: Node) -> Node | None:
    return (next((a for a in page.find_all("article") if "md-content__inner" in a.classes), None)
            or page.find("article") or page.find("main"))


def sections_of(article: Node) -> dict[str, list[Node]]:
    """The article's second-level sections: folded heading text -> the elements under it."""
    sections: dict[str, list[Node]] = {}
    current: list[Node] | None = None
    for element in article.elements():
        if element.tag == "h2":
            current = sections.setdefault(_fold(element.text()), [])
        elif element.tag == "h1":
            current = None
        elif current is not None:
            current.append(element)
    return sections


def admonitions_in(elements: list[Node]) -> list[tuple[str, Node, list[Node]]]:
    """(title, box, body elements) of each admonition ("!!! warning ...") among the elements."""
    found = []
    for element in elements:
        for box in element.iter():
            if (box.tag == "div" and "admonition" in box.classes) or box.tag == "details":
                title = next((child for child in box.elements()
                              if "admonition-title" in child.classes or child.tag == "summary"),
                             None)
                body = [child for child in box.elements() if child is not title]
                found.append((title.text() if title else "", box, body))
    return found


# The content ---------------------------------------------------------------------------------

@dataclass
class Picture:
    src: str  # relative to site/handout/
    alt: str
    width: str
    height: str


@dataclass
class Content:
    title: str
    page_heading: str
    purpose: str
    steps: list[str]
    tips: list[str]
    dosage: list[str]
    stop_title: str
    stop_rule: str
    pictures: dict[str, Picture]
    updated: datetime.date | None


def read_content(site_dir: Path, docs_dir: Path, shown_docs: str) -> Content:
    """Everything the handout says about the exercise, from the built exercise page."""
    exercise_src = f"{shown_docs}/{EXERCISE_SOURCE}"
    page = _read_page(site_dir, EXERCISE_PAGE)
    article = article_of(page)
    if article is None:
        raise HandoutError(f"{site_dir / EXERCISE_PAGE}: no <article> in the built exercise page")
    heading = article.find("h1")
    if heading is None:
        raise HandoutError(f"{exercise_src}: the handout needs the page's title "
                           f"(a first-level heading, # Title)")
    page_heading = heading.text()
    purpose = _first_paragraph(article)
    if not purpose:
        raise HandoutError(f"{exercise_src}: the handout needs a short paragraph under the page's "
                           f"title saying what the exercise is for")
    sections = sections_of(article)

    def items(heading: str, list_tag: str, what: str) -> list[str]:
        elements = sections.get(_fold(heading), [])
        found = next((element for element in elements if element.tag == list_tag), None)
        if found is None or not found.find("li"):
            raise HandoutError(f'{exercise_src}: the handout needs a section headed "{heading}" '
                               f"with {what}")
        return [clean_html(Node("li", children=li.children)).removeprefix("<li>")
                .removesuffix("</li>") for li in found.elements() if li.tag == "li"]

    steps = items(STEPS_HEADING, "ol", "a numbered list of steps")
    tips = items(TIPS_HEADING, "ul", "a bulleted list of tips")
    dosage = items(DOSAGE_HEADING, "ul", "a bulleted list: repetitions, sets, how often, "
                                         "and after 6 weeks")

    stop = next(((title, body) for title, _, body in admonitions_in(article.elements())
                 if _fold(title) == _fold(STOP_TITLE)), None)
    if stop is None or not "".join(clean_html(node) for node in stop[1]).strip():
        raise HandoutError(f'{exercise_src}: the handout needs a "{STOP_TITLE}" box, written as '
                           f'!!! warning "{STOP_TITLE}" with the stop rule indented under it')
    stop_rule = "".join(clean_html(node) for node in stop[1])

    return Content(
        title=_short_title(page_heading),
        page_heading=page_heading,
        purpose=purpose,
        steps=steps,
        tips=tips,
        dosage=dosage,
        stop_title=stop[0],
        stop_rule=stop_rule,
        pictures=_read_pictures(site_dir, article, exercise_src),
        updated=_updated(page, docs_dir / EXERCISE_SOURCE),
    )


def _read_page(site_dir: Path, page: str) -> Node:
    path = site_dir / page
    if not path.is_file():
        raise HandoutError(f"{path}: not found; the handout is made from the built site, so "
                           f"build the site first")
    return parse_html(path.read_text(encoding="utf-8"))


def _first_paragraph(article: Node) -> str:
    """The page's opening paragraph (not a link to this handout, should the page add one)."""
    for element in article.elements():
        if element.tag == "h2":
            break
        links_here = any(HANDOUT_DIR + "/" in link.attrs.get("href", "")
                         for link in element.find_all("a"))
        if element.tag == "p" and element.text() and not links_here:
            return clean_html(element).removeprefix("<p>").removesuffix("</p>")
    return ""


def _short_title(heading: str) -> str:
    """ "The exercise: bent-knee heel raise" -> "Bent-knee heel raise" (the exercise's own name)."""
    name = heading.rpartition(": ")[2].strip() or heading
    return name[:1].upper() + name[1:]


def _read_pictures(site_dir: Path, article: Node, exercise_src: str) -> dict[str, Picture]:
    """The start and top pictures, with the alt text the exercise page gives them.

    A picture the page does not show yet takes its alt text from the SVG's own <title>.
    """
    page_dir = posixpath.dirname(EXERCISE_PAGE)
    shown = {}
    for img in article.find_all("img"):
        src = urlparse(img.attrs.get("src", "")).path
        if src and not urlparse(img.attrs["src"]).scheme:
            shown[posixpath.normpath(posixpath.join(page_dir, src))] = img
    pictures = {}
    for name, site_path in PICTURES.items():
        file = site_dir / site_path
        if not file.is_file():
            raise HandoutError(f"{exercise_src}: the handout needs the picture "
                               f"docs/{site_path}, and it is not in the built site")
        svg = file.read_text(encoding="utf-8")
        img = shown.get(site_path)
        alt = img.attrs.get("alt", "").strip() if img is not None else ""
        if not alt:
            title = re.search(r"<title[^>]*>(.*?)</title>", svg, re.S)
            alt = html.unescape(" ".join(title.group(1).split())) if title else ""
        if not alt:
            raise HandoutError(f"{exercise_src}: the picture {site_path} needs alt text "
                               f'(write it as ![what the picture shows]({site_path}))')
        view_box = re.search(r'viewBox="[\d.\-]+ [\d.\-]+ ([\d.]+) ([\d.]+)"', svg)
        width, height = view_box.groups() if view_box else ("4", "3")
        pictures[name] = Picture(f"../{site_path}", alt, width, height)
    return pictures


def _updated(page: Node, source: Path) -> datetime.date | None:
    """ "Page last updated": the date the built page shows under that label, else front matter."""
    for paragraph in page.find_all("p"):
        time = paragraph.find("time")
        if time is not None and _fold(paragraph.text()).startswith(_fold(UPDATED_LABEL)):
            try:
                return datetime.date.fromisoformat(time.attrs.get("datetime", "")[:10])
            except ValueError:
                break
    if source.is_file():
        from front_matter import read_front_matter

        value = read_front_matter(source.read_text(encoding="utf-8"))[0].get("updated")
        if isinstance(value, datetime.date):
            return value
    return None


# Writing the handout -------------------------------------------------------------------------

def make_handout(site_dir: Path, config) -> list[Path]:
    """Write the handout page and PDFs into site_dir/handout/ from the built exercise page;
    return the files written."""
    site_dir = Path(site_dir)
    docs_dir = Path(config.docs_dir)
    content = read_content(site_dir, docs_dir, _shown_docs_dir(config))
    clinic = clinic_details(config.extra)
    if not clinic["name"]:
        raise HandoutError("mkdocs.yml: the handout needs the clinic's name (extra: clinic: name:)")
    if not config.site_url:
        raise HandoutError("mkdocs.yml: the handout needs site_url (the address the site is "
                           "published at) for its QR code and printed link")
    exercise_url = urljoin(config.site_url.rstrip("/") + "/", EXERCISE_URL)

    out_dir = site_dir / HANDOUT_DIR
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []

    fonts_dir = out_dir / "fonts"
    fonts_dir.mkdir(exist_ok=True)
    for font in FONTS:
        shutil.copyfile(ASSETS_DIR / "fonts" / font, fonts_dir / font)
        written.append(fonts_dir / font)
    for stylesheet in (STYLESHEET, NARROW_STYLESHEET):
        shutil.copyfile(ASSETS_DIR / stylesheet, out_dir / stylesheet)
        written.append(out_dir / stylesheet)

    qr_path = out_dir / QR_FILE
    qr_path.write_bytes(qr_svg(exercise_url))
    written.append(qr_path)

    page_path = site_dir / HANDOUT_PAGE
    page_path.write_text(render_page(content, clinic, config, exercise_url), encoding="utf-8")
    written.append(page_path)

    for pdf_name, paper in PAPER_STYLESHEETS.items():
        written.append(write_pdf(page_path, site_dir / pdf_name, ASSETS_DIR / paper))
    return written


def _shown_docs_dir(config) -> str:
    """docs/ as staff know it: relative to the folder that holds mkdocs.yml."""
    docs_dir = Path(config.docs_dir).resolve()
    config_file = getattr(config, "config_file_path", None)
    if config_file:
        try:
            return docs_dir.relative_to(Path(config_file).resolve().parent).as_posix()
        except ValueError:
            pass
    return docs_dir.as_posix()


def qr_svg(url: str) -> bytes:
    """A QR code for `url` as SVG, with the standard quiet zone of 4 modules."""
    import io

    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(
        buffer, kind="svg", border=4, dark="#000", light="#fff", xmldecl=False,
        omitsize=True, title=None, desc=None)
    return buffer.getvalue()


def printed_url(url: str) -> str:
    """A link short enough to type: no "https://" or "www."."""
    parsed = urlparse(url)
    return (parsed.netloc.removeprefix("www.") + parsed.path + (f"?{parsed.query}" if parsed.query
                                                                else ""))


def tracker_rows() -> list[tuple[str, list[bool]]]:
    """Week label and, for each day, whether it is an exercise day (every other day from day 1)."""
    return [(f"Week {week + 1}", [(week * TRACKER_DAYS + day) % 2 == 0
                                  for day in range(TRACKER_DAYS)])
            for week in range(TRACKER_WEEKS)]


def render_page(content: Content, clinic: dict[str, str], config, exercise_url: str) -> str:
    import jinja2
    from markupsafe import Markup

    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(ASSETS_DIR),
                                     autoescape=True, trim_blocks=True, lstrip_blocks=True,
                                     undefined=jinja2.StrictUndefined)
    safe = Markup  # page content is already cleaned by clean_html
    website = clinic.get("website", "")
    return environment.get_template(TEMPLATE).render(
        content=content,
        steps=[safe(step) for step in content.steps],
        tips=[safe(tip) for tip in content.tips],
        dosage=[safe(line) for line in content.dosage],
        purpose=safe(content.purpose),
        stop_rule=safe(content.stop_rule),
        get_help=GET_HELP,
        clinic=clinic,
        clinic_website_shown=printed_url(website).rstrip("/") if website else "",
        clinic_booking_shown=printed_url(clinic["booking_url"]).rstrip("/"),
        site_name=config.site_name,
        handout_url=urljoin(config.site_url.rstrip("/") + "/", HANDOUT_DIR + "/"),
        exercise_url=exercise_url,
        exercise_url_shown=printed_url(exercise_url),
        exercise_url_breakable=Markup("/<wbr>".join(html.escape(part) for part in
                                                    printed_url(exercise_url).split("/"))),
        exercise_link="../" + EXERCISE_URL,
        favicon="../" + (config.theme.get("favicon") or "assets/images/favicon.png"),
        qr_file=QR_FILE,
        stylesheet=STYLESHEET,
        narrow_stylesheet=NARROW_STYLESHEET,
        pdf_a4=PurePosixPath(HANDOUT_PDF_A4).name,
        pdf_letter=PurePosixPath(HANDOUT_PDF_LETTER).name,
        tracker=tracker_rows(),
        tracker_days=TRACKER_DAYS,
        updated=content.updated,
        updated_shown=(f"{content.updated.day} {content.updated:%B %Y}"
                       if content.updated else ""),
    )


def write_pdf(page_path: Path, target: Path, paper_stylesheet: Path) -> Path:
    """The handout page as a tagged PDF (PDF/UA-1), from local files only; the extra stylesheet
    sets the paper size (and fits the sheet to it)."""
    import weasyprint

    fetcher = weasyprint.URLFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)
    document = weasyprint.HTML(filename=str(page_path), url_fetcher=fetcher, media_type="print")
    document.write_pdf(
        target,
        stylesheets=[weasyprint.CSS(filename=str(paper_stylesheet), url_fetcher=fetcher)],
        pdf_variant="pdf/ua-1",
        pdf_identifier=True,  # a hash of the content: the same sheet gives the same file
    )
    return target
