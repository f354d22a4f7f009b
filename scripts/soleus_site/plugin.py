"""The build's one pass, as a MkDocs plugin (`soleus` under `plugins:` in mkdocs.yml).

    on_startup / on_config  a new BuildState for each build (under `mkdocs serve`, each rebuild);
                        the clinic's details, checked once; the Markdown extension that keeps
                        each part of a page with its line (source_lines.py), and the one that
                        gives every box a heading and a role (boxes.py)
    on_files            only what may be published kept; each JPEG, PNG and WebP picture of docs/
                        a CleanPicture, whose copy in site/ leaves out its hidden details
                        (published_pictures.py: camera, place, owner...)
    on_page_read_source each page's file read once
    on_page_markdown    front matter (from page.meta) checked; shortcodes expanded
      (rendering)       every link and picture recorded with its line; pictures sized; the
                        page's prose and, for a `handout: true` page, its handout content kept
      (copying)         each picture's published copy written clean, or copied as it is
    on_post_page        the theme's part of the built page (navigation, footer) parsed once
    on_post_build       handouts written (PDFs only when their inputs changed); then every
                        link checked against the site's files and each page's ids, the review
                        dates and reading levels; links to other websites visited only
                        when the `external_links` setting is on

Every problem is logged as `file:line: what is wrong (how to fix it)` as soon as it is found, for
`mkdocs serve` and `mkdocs build`, and kept in the plugin's `state` for scripts/build.py, which
prints them all. The plugin's settings (SoleusConfig) are each set once, in mkdocs.yml.
"""

from __future__ import annotations

import datetime
import ipaddress
import logging
import posixpath
import time
from contextlib import contextmanager
from functools import partial
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

import lxml.html
from markupsafe import escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Link
from mkdocs.utils import get_relative_url
from mkdocs.utils.meta import get_data

from .checks.external import check_external
from .checks.front_matter import (DATE_FIELDS, duplicate_title_warnings,
                                  front_matter_problems, review_warnings)
from .checks.links import ExternalLink, SiteMap, check_references
from .checks.page_content import FORBIDDEN_TAGS, page_content_problems
from .checks.published_output import (SETTING_OF_HOST, Finding, candidates, element_findings, findings,
                                       located, settings_problems, stylesheet_problems,
                                       svg_problems)
from .checks.pictures import (SHOWN_PICTURES, picture_problems, size_pictures,
                              unshown_picture_problems)
from .checks.published_files import (PUBLISHED_KINDS, linked_folder_problems, not_utf8_problem,
                                     published_files_problems, same_address_problems)
from .checks.reading_level import GradeCache, page_prose, reading_level_warning
from .checks.theme_links import ThemeLinks
from . import csp
from .clinic import clinic_details
from .handout import LinkedPage, SiteInfo, too_long, write_handout
from .handout.content import HandoutContent, read_handout
from .handout.outputs import HandoutOutputs
from .page_model import PageSource
from .page_tools import docs_path, field_line, page_text
from .problems import Problem, shown_path
from .published_pictures import (CLEANED, CLEANED_NOTE, CLEANED_SUFFIXES, COPIED, UNREADABLE_PICTURE,
                                 CleanPicture, publish_picture, unreadable_message)
from .settings import CONFIG_FILE, line_of_plugin_setting, line_of_setting, line_of_value
from .shortcodes import PageContext, expand_shortcodes
from .boxes import BoxSemanticsExtension  # noqa: I001
from .source_lines import SourceLinesExtension, SourceMap

log = logging.getLogger("mkdocs.soleus_site")
PLUGIN_NAME = "soleus"  # as mkdocs.yml names it, and pyproject.toml's entry point
# In the plugin's cache_dir: made PDFs, and each page's reading level by its text
HANDOUT_CACHE = "handouts"
READING_LEVEL_CACHE = "reading-levels.json"
EXTERNAL_CACHE = "external-links.json"
# Files MkDocs itself writes beside the pages, which links may point to.
MKDOCS_OUTPUTS = {"404.html", "sitemap.xml", "sitemap.xml.gz", "search/search_index.json"}


class SoleusConfig(base.Config):
    """The plugin's settings, each with its default; staff may set them in mkdocs.yml."""

    reading_grade = c.Type(int, default=7)  # a page above this Flesch-Kincaid grade: a warning
    review_notice_days = c.Type(int, default=30)  # warn this many days before a review is due
    picture_warn_kb = c.Type(int, default=500)  # a picture above this: a warning
    picture_max_kb = c.Type(int, default=5000)  # a picture above this: an error
    # A video file above this (MB, of 1,000,000 bytes): a warning at its :video: line. A visitor
    # who presses play downloads it, often on a phone's mobile data, where every MB counts
    # against a monthly allowance and a slow signal makes a large file stall. 20 MB is a minute
    # of 720p video at about 2.5 Mbit/s (2.5 / 8 x 60 = 18.75 MB): more than an exercise's
    # demonstration needs (the heel raise clip is 19 seconds and 0.2 MB), and 2% of a 1 GB month.
    # A longer or sharper video is better on YouTube (the :video: shortcode takes its link).
    video_warn_mb = c.Type(int, default=20)
    cache_dir = c.Type(str, default=".cache")  # handout PDFs, reading levels, other websites
    # The page of all the levels (in docs/), which every handout links back to; "": none
    ladder_page = c.Type(str, default="")
    # Also visit every link to another website (needs the internet; answers kept a day in
    # cache_dir). Off by default: `scripts/build.py build --external` turns it on for one build.
    external_links = c.Type(bool, default=False)

    def cache(self, project_dir: Path, name: str) -> Path:
        return project_dir / self.cache_dir / name


class Rendering(NamedTuple):
    """The page Python-Markdown is rendering, for the readers of its element tree."""

    source: PageSource
    page: object  # MkDocs' Page
    files: Files
    config: object  # MkDocs' config


@dataclass
class BuildState:
    """What one build found: filled as MkDocs goes, read by scripts/build.py at the end."""

    project_dir: Path = Path(".")
    site_host: str = ""  # site_url's: what is not from there is from another website
    problems: list[Problem] = field(default_factory=list)
    pages: dict[str, PageSource] = field(default_factory=dict)  # by src_uri
    reading_levels: dict[str, float | None] = field(default_factory=dict)  # by shown path
    external: list[ExternalLink] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the build did, e.g. PDFs reused
    timings: dict[str, float] = field(default_factory=dict)  # seconds, by part
    files: Files | None = None
    dest_files: dict = field(default_factory=dict)  # the files by their path in site/, once asked
    ids: dict[str, set[str]] = field(default_factory=dict)  # built page -> its ids
    theme_links: ThemeLinks = field(default_factory=ThemeLinks)  # navigation, footer, handout page
    theme_elements: set = field(default_factory=set)  # the theme's, checked for what they load
    written: set[str] = field(default_factory=set)  # files the build writes itself, in site/
    # What was done with each picture's published copy (published_pictures.publish_picture)
    pictures: dict[Path, str] = field(default_factory=dict)
    nav_links: set[str] = field(default_factory=set)  # nav entries that are not pages
    rendering: Rendering | None = None  # the page being rendered

    def report(self, problems: list[Problem]) -> None:
        for problem in problems:
            self.problems.append(problem)
            log.log(logging.ERROR if problem.is_error else logging.WARNING, str(problem))

    @contextmanager
    def timed(self, part: str):
        started = time.perf_counter()
        try:
            yield
        finally:
            self.timings[part] = self.timings.get(part, 0.0) + time.perf_counter() - started


class SoleusPlugin(BasePlugin[SoleusConfig]):
    """The build's one pass; its state is a new BuildState for each build."""

    def __init__(self):
        self.state = BuildState()
        self.serving = False  # under `mkdocs serve`, which shows drafts

    def on_startup(self, *, command, dirty):
        """Having this event makes MkDocs keep the plugin for all of `mkdocs serve`'s builds;
        each build's own state is made in on_config."""
        self.serving = command == "serve"

    def on_config(self, config):
        # A new state for each build: `mkdocs serve` builds again with the same plugin
        self.state = BuildState(project_dir=Path(config.config_file_path).resolve().parent,
                                site_host=urlsplit(config.site_url or "").hostname or "")
        linked_folders = linked_folder_problems(Path(config.docs_dir), self.state.project_dir)
        if linked_folders:
            self.state.report(linked_folders)
            raise Abort("a folder in docs/ is a link to another folder: the build stops before "
                        "publishing what it leads to")
        clinic, problems = clinic_details(config.extra, config.config_file_path)
        # Escaped once, here, for every template that prints a detail (MkDocs' templates do not
        # escape what they print; the handout's treat it as the safe text it now is)
        config.extra["clinic"] = {key: escape(value) for key, value in clinic.items()}
        self.state.report(problems + settings_problems(config.config_file_path, config.extra))
        if config.site_url and urlsplit(config.site_url).scheme != "https" and not self.serving \
                and not _on_this_computer(config.site_url):  # (a local preview, as the bench's)
            self.state.report([Problem(CONFIG_FILE, line_of_setting(config.config_file_path, "site_url"),
                                       f"site_url '{config.site_url}' is not a secure (https://) "
                                       f"address: publish the site at an https:// address and write "
                                       f"it here (every page's canonical link and the handout's QR "
                                       f"code lead there)")])
        config.markdown_extensions.append(SourceLinesExtension(
            current_page=lambda: self.state.rendering.source if self.state.rendering else None,
            readers=[self._size_pictures, self._check_content, self._check_loads, self._keep_prose,
                     self._keep_handout],
            timed=lambda: self.state.timed("source lines")))
        config.markdown_extensions.append(BoxSemanticsExtension())  # boxes as headed notes (1.3.1)
        return config

    def on_files(self, files, config):
        """Only what is meant to be public: a file of another kind, or a link to a file elsewhere,
        is an error, and is left out of the site."""
        docs_dir = Path(config.docs_dir)
        with self.state.timed("checks"):
            for file, problem in published_files_problems(files, docs_dir, self.state.project_dir):
                files.remove(file)
                self.state.report([problem])
            self.state.report(same_address_problems(files, docs_dir, self.state.project_dir))
        for file in list(files):  # each picture's copy in site/ is made by _publish_picture
            path = Path(file.abs_src_path or "")
            if (file.abs_src_path and path.suffix.lower() in CLEANED_SUFFIXES
                    and path.is_relative_to(docs_dir)):
                files.remove(file)
                files.append(CleanPicture(file, self._publish_picture))
        for file in files.documentation_pages():
            source = self._read_page(file)
            if get_data(source.text)[1].get("draft") is True:
                # MkDocs' own drafts: left out of `mkdocs build` (pages, search, sitemap, nav),
                # shown by `mkdocs serve` for staff to preview
                file.inclusion = InclusionLevel.DRAFT
                self.state.notes.append(f"{source.shown_path} is a draft (draft: true): not "
                                        f"published; make serve shows it")
        self.state.files = files
        return files

    def _publish_picture(self, file: CleanPicture) -> None:
        """A picture's copy in site/, without its hidden details (published_pictures.py)."""
        with self.state.timed("pictures"):
            source = Path(file.abs_src_path)
            self.state.pictures[source] = publish_picture(source, Path(file.abs_dest_path))

    def on_nav(self, nav, config, files):
        # A nav entry naming a missing page becomes a plain link, which MkDocs reports at its line
        # in mkdocs.yml; the theme's copy of it on every page is not reported again.
        def links(items):
            for item in items:
                if isinstance(item, Link):
                    yield item.url
                yield from links(getattr(item, "children", None) or ())

        self.state.nav_links = set(links(nav.items))
        if not self.serving:  # a draft is not published, so no page's menu leads to it
            _drop_drafts(nav)
        return nav

    def _read_page(self, file) -> PageSource:
        """A page's file, read once (when the files are listed, to know its drafts)."""
        path = Path(file.abs_src_path)
        shown = shown_path(path, self.state.project_dir)
        data = path.read_bytes()
        try:
            text = page_text(data)  # Windows' and old Macs' line endings as LF, no byte order mark
        except UnicodeDecodeError as error:
            self.state.report([not_utf8_problem(shown, error)])
            text = page_text(data, errors="replace")  # to go on and report what else is wrong
        self.state.pages[file.src_uri] = PageSource(file.src_uri, shown, text)
        return self.state.pages[file.src_uri]

    def on_page_read_source(self, page, config):
        return self.state.pages[page.file.src_uri].text

    def on_page_markdown(self, markdown, page, config, files):
        source = self.state.pages[page.file.src_uri]
        source.meta = page.meta
        with self.state.timed("checks"):
            self.state.report(front_matter_problems(source))
        for name in DATE_FIELDS:  # a date the template cannot show is dropped, and reported above
            if not hasattr(page.meta.get(name), "strftime"):
                page.meta.pop(name, None)
        handout = (HandoutOutputs.for_page(page.file.dest_uri, page.meta.get("title") or page.title or "")
                   if page.meta.get("handout") is True else None)

        def url_for(docs_path: str) -> str:
            file = files.get_file_from_path(docs_path)
            return get_relative_url(file.url if file else docs_path, page.url)

        context = PageContext(src_path=page.file.src_uri, shown_path=source.shown_path,
                              docs_dir=Path(config.docs_dir), url_for=url_for,
                              page_url=page.canonical_url or "", clinic=config.extra["clinic"],
                              handout=handout, video_warn_mb=self.config.video_warn_mb)
        body_starts = source.text[: len(source.text) - len(markdown)].count("\n") + 1 \
            if source.text.endswith(markdown) else 1
        expanded = expand_shortcodes(markdown, context, body_starts)
        self.state.report(expanded.problems)
        source.markdown_lines, source.file_lines = expanded.lines, expanded.file_lines
        source.frame_sources = context.frame_sources
        source.handout_outputs = handout
        self.state.rendering = Rendering(source, page, files, config)
        for name, value in page.meta.items():  # the theme prints them as they are: make them safe
            if isinstance(value, str):
                page.meta[name] = escape(value)
        return "\n".join(expanded.lines)

    # Readers of each page's finished element tree (see source_lines.SourceLinesExtension) ----------

    def _size_pictures(self, root, source_map: SourceMap) -> None:
        size_pictures(root, lambda src: self._docs_file(src, source_map.page))

    def _check_content(self, root, source_map: SourceMap) -> None:
        with self.state.timed("checks"):
            self.state.report(page_content_problems(root, source_map))

    def _check_loads(self, root, source_map: SourceMap) -> None:
        """What the page's words load from other websites or run, at the line that holds it."""
        page, host = source_map.page, self.state.site_host

        def report(finding: Finding, line: int, element) -> None:
            page.load_findings.add(finding.message)
            if element.tag not in FORBIDDEN_TAGS:  # else reported once, as not allowed at all
                self.state.report([Problem(page.shown_path, line, finding.message)])

        with self.state.timed("checks"):
            for element in root.iter():
                for finding in element_findings(element, host):
                    index = source_map.find_in_block(element, finding.value)
                    report(finding, source_map.line_of(element) if index is None else page.file_line(index),
                           element)
            for node, line in source_map.raw_nodes:
                for finding in element_findings(node, host):
                    report(finding, line, node)

    def _keep_prose(self, root, source_map: SourceMap) -> None:
        with self.state.timed("checks"):
            source_map.page.prose = page_prose(root, source_map)

    def _keep_handout(self, root, source_map: SourceMap) -> None:
        source, page, _, config = self.state.rendering
        if source.handout_outputs is None:
            return
        content = read_handout(root, source_map, source.handout_outputs, page.canonical_url or "",
                               Path(config.docs_dir))
        if isinstance(content, Problem):
            self.state.report([content])
        else:
            source.handout = content

    def on_page_content(self, html, page, config, files):
        self.state.rendering = None
        return html

    def on_page_context(self, context, page, config, nav):
        context["content_security_policy"] = csp.PLACEHOLDER  # the page's own, once written
        return context

    def on_template_context(self, context, template_name, config):
        context["content_security_policy"] = csp.PLACEHOLDER  # 404.html's, once written
        return context

    def on_post_page(self, output, page, config):
        """The theme's part of the built page, parsed once: its links and ids (the page's own part
        is known from its Markdown already), and the inline scripts its policy allows."""
        with self.state.timed("checks"):
            before, content, after = output.partition(page.content or "")
            theme_part = lxml.html.document_fromstring(before + after if content else output)
            self.state.theme_links.keep(theme_part, page.file.dest_uri)
            self.state.ids[page.file.dest_uri] = set(page.present_anchor_ids or ()) | set(theme_part.xpath("//@id"))
            source = self.state.pages[page.file.src_uri]
            self.state.report(self._published_problems(theme_part, page.file.dest_uri, None, config))
            if content:  # what reached the page by a route the check above does not see
                written = lxml.html.fragment_fromstring(content, create_parent="div")
                self.state.report([problem for problem in self._published_problems(
                    written, page.file.dest_uri, source, config)
                    if problem.message not in source.load_findings])
            return self._with_policy(output, theme_part, source.frame_sources, source.shown_path)

    def on_post_template(self, output_content, template_name, config):
        if not template_name.endswith(".html"):
            return output_content  # sitemap.xml
        document = lxml.html.document_fromstring(output_content)
        with self.state.timed("checks"):
            self.state.report(self._published_problems(document, template_name, None, config))
        # The 404 page alone sets a <base>: the site's root, wherever it is served (overrides/404.html)
        return self._with_policy(output_content, document, (), f"site/{template_name}",
                                 base=template_name == "404.html")

    def _published_problems(self, document, dest: str, source: PageSource | None, config) -> list[Problem]:
        """What the written page loads from other websites or runs (checks/published_output.py):
        the page's words when `source` is given, else the theme's part of it."""
        host = self.state.site_host
        if source:
            return [located(finding, [partial(self._page_line, source)], source.shown_path)
                    for finding in findings(document, host)]
        problems = []
        for element in candidates(document):
            # The theme writes the same navigation on every page: each element is checked once
            seen = (element.tag, tuple(element.attrib.items()), element.text if element.tag == "style" else None)
            if seen in self.state.theme_elements:
                continue
            self.state.theme_elements.add(seen)
            problems += [located(finding, [partial(self._setting_line, config),
                                           partial(self._template_line, config)], f"site/{dest}")
                         for finding in element_findings(element, host)]
        return problems

    @staticmethod
    def _page_line(source: PageSource, finding: Finding) -> tuple[str, int] | None:
        """The page's line that holds what was found (a shortcode's line for what it wrote)."""
        wanted = finding.value.lower()
        index = next((i for i, line in enumerate(source.markdown_lines) if wanted in line.lower()), None)
        return (source.shown_path, source.file_line(index)) if index is not None else None

    @staticmethod
    def _setting_line(config, finding: Finding) -> tuple[str, int] | None:
        """The mkdocs.yml line that made the theme write it: its value, or the setting (such as
        `theme: font:`) that makes the theme load from that host."""
        line = line_of_value(config.config_file_path, finding.value)
        if not line and finding.host in SETTING_OF_HOST:
            (section, key), finding.how = SETTING_OF_HOST[finding.host]
            line = (line_of_setting(config.config_file_path, section, key)
                    or line_of_setting(config.config_file_path, section))
        return (CONFIG_FILE, line) if line else None

    def _template_line(self, config, finding: Finding) -> tuple[str, int] | None:
        """The line of a template in overrides/ that holds it."""
        custom_dir = config.theme.custom_dir
        for template in sorted(Path(custom_dir).rglob("*.html")) if custom_dir else ():
            for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), 1):
                if finding.value.lower() in line.lower():
                    return shown_path(template, self.state.project_dir), number
        return None

    def _with_policy(self, html: str, theme_part, frame_sources, shown: str, base: bool = False) -> str:
        """The page with its Content-Security-Policy: only the theme's inline scripts may run."""
        written = csp.with_policy(html, csp.policy(csp.inline_scripts(theme_part), frame_sources,
                                                   preview=self.serving, base=base))
        if written is None:
            self.state.report([Problem(shown, 0, "the page has no Content-Security-Policy: the "
                                       "theme's templates must keep the meta tag with "
                                       "content_security_policy (see overrides/main.html)")])
            return html
        return written

    def on_post_build(self, config):
        site_dir = Path(config.site_dir)
        handouts = [source for source in self.state.pages.values() if source.handout_outputs]
        docs_dir = Path(config.docs_dir)
        ladder = self._ladder(config)
        with self.state.timed("handout"):
            for source in handouts:
                if not source.handout:
                    continue
                if all(self.state.pictures.get(docs_dir / picture.src) in (None, COPIED, CLEANED)
                       for picture in source.handout.pictures):
                    self._write_handout(source, source.handout, config, site_dir, ladder)
                else:  # an error at the picture says why
                    note = f"Handout of {source.shown_path}: not made (a picture it shows is not published)"
                    self.state.notes.append(note)
                    log.info(note)
        with self.state.timed("checks"):
            self.state.report(self._site_problems(config, handouts))
            self.state.report(self._published_file_problems(config))
            self.state.report([Problem(shown_path(path, self.state.project_dir), 0, unreadable_message(path))
                               for path, done in self.state.pictures.items() if done == UNREADABLE_PICTURE])
        if cleaned := sum(done == CLEANED for done in self.state.pictures.values()):
            note = CLEANED_NOTE.format(count=f"{cleaned} picture{'s' if cleaned > 1 else ''}")
            self.state.notes.append(note)
            log.info(note)
        if self.config.external_links:
            self.state.report(check_external(self.state.external,
                                             self.config.cache(self.state.project_dir, EXTERNAL_CACHE)))

    def _ladder(self, config) -> LinkedPage | None:
        """The page of all the levels that every handout links back to (the ladder_page setting),
        or None, with the problem, when the setting names no published page."""
        name = self.config.ladder_page
        if not name:
            return None
        file = self.state.files.get_file_from_path(name)
        source = self.state.pages.get(name)
        if file is None or source is None or file.inclusion.is_excluded():
            self.state.report([Problem(CONFIG_FILE, line_of_plugin_setting(
                config.config_file_path, PLUGIN_NAME, "ladder_page"),
                f"ladder_page '{name}' is not a published page in docs/, so the handouts cannot "
                f"link back to it (write the page's file name as it is under docs/, for example "
                f"ladder.md)")])
            return None
        return LinkedPage(str(source.meta.get("title") or name), file.dest_uri)

    def _write_handout(self, source: PageSource, content: HandoutContent, config, site_dir: Path,
                       ladder: LinkedPage | None) -> None:
        site = SiteInfo(config.site_name, config.site_url or "",
                        config.theme.get("favicon") or "assets/images/favicon.png", config.extra["clinic"],
                        preview=self.serving, ladder=ladder)
        written = write_handout(content, site, site_dir, Path(config.docs_dir),
                                self.config.cache(self.state.project_dir, HANDOUT_CACHE))
        note = (f"Handout of {source.shown_path}: PDFs reused (nothing they show has changed)"
                if written.pdfs_reused else f"Handout of {source.shown_path}: PDFs made")
        self.state.written |= {path.relative_to(site_dir).as_posix() for path in written.files}
        self.state.notes.append(note)
        log.info(note)
        self.state.report([Problem(source.shown_path, field_line(source, "handout"), message, "warning")
                      for message in too_long(written.pages)])
        self.state.theme_links.keep_links(written.links, content.outputs.page)
        self.state.ids[content.outputs.page] = written.ids

    def _published_file_problems(self, config) -> list[Problem]:
        """The site's own stylesheets and SVG pictures: what they load from other websites or
        run when opened (checks/published_output.py)."""
        docs_dir, problems = Path(config.docs_dir).resolve(), []
        check = {".css": stylesheet_problems, ".svg": svg_problems}
        for file in self.state.files:
            path = Path(file.abs_src_path or "").resolve()
            if path.suffix.lower() in check and path.is_relative_to(docs_dir):
                problems += check[path.suffix.lower()](path, shown_path(path, self.state.project_dir),
                                                       self.state.site_host)
        return problems

    def _docs_pictures(self, config) -> dict[Path, str]:
        """The pictures published from docs/: each file, and its path as staff know it."""
        docs_dir = Path(config.docs_dir)
        return {path: shown_path(path, self.state.project_dir) for file in self.state.files
                if file.abs_src_path and (path := Path(file.abs_src_path)).is_relative_to(docs_dir)
                and path.suffix.lower() in PUBLISHED_KINDS["picture"]}

    def _docs_file(self, url: str, source: PageSource) -> Path | None:
        """The docs/ file a page's relative URL names, if it is one of the site's files: named
        from the page's file (as staff write it), or from the built page (as shortcodes do)."""
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path:
            return None
        path = unquote(parts.path)
        file = self.state.files.get_file_from_path(docs_path(path, source.src_uri))
        if file is None and (page := self.state.files.get_file_from_path(source.src_uri)):
            if not self.state.dest_files:
                self.state.dest_files = {file.dest_uri: file for file in self.state.files}
            file = self.state.dest_files.get(posixpath.normpath(
                posixpath.join(posixpath.dirname(page.dest_uri), path)))
        return Path(file.abs_src_path) if file and file.abs_src_path else None

    def _site_problems(self, config, handouts: list[PageSource]) -> list[Problem]:
        """Every link of every page, the review dates and the reading levels."""
        # A handout that could not be made is reported once: links to it are not reported again.
        outputs = {path for source in handouts for path in source.handout_outputs.files}
        site = SiteMap(self.state.files, config.site_url or "", self.state.ids,
                       MKDOCS_OUTPUTS | outputs | self.state.written)
        today = datetime.date.today()
        grades = GradeCache(self.config.cache(self.state.project_dir, READING_LEVEL_CACHE))
        pages = sorted(self.state.pages.values(), key=lambda source: source.shown_path)
        problems = []
        for source in pages:
            file = self.state.files.get_file_from_path(source.src_uri)
            problems += check_references(source.references, source.shown_path, source.src_uri,
                                         file.dest_uri, site, self.state.external)
            problems += picture_problems(source, lambda url, source=source: self._docs_file(url, source),
                                         self.config.picture_warn_kb, self.config.picture_max_kb)
            problems += review_warnings(source, today, self.config.review_notice_days)
            level = grades.grade(source.prose)
            self.state.reading_levels[source.shown_path] = level
            problems += reading_level_warning(source, level, self.config.reading_grade)
        grades.save()
        problems += unshown_picture_problems(self._docs_pictures(config), {
            self._docs_file(reference.url, source) for source in pages
            for reference in source.references if reference.kind in SHOWN_PICTURES})
        problems += duplicate_title_warnings(pages)
        handout_pages = {source.handout_outputs.page: source for source in handouts}
        problems += self.state.theme_links.problems(site, self.state.nav_links, handout_pages,
                                                    config.config_file_path, self.state.external)
        return problems


def _drop_drafts(nav) -> None:
    """Take the pages that are drafts out of the navigation (MkDocs keeps them in it)."""
    def kept(items):
        for item in items:
            if getattr(item, "file", None) is not None and item.file.inclusion.is_excluded():
                continue
            if item.children:
                item.children = list(kept(item.children))
            yield item

    nav.items = list(kept(nav.items))
    nav.pages = [page for page in nav.pages if not page.file.inclusion.is_excluded()]
    for before, page, after in zip([None, *nav.pages], nav.pages, [*nav.pages[1:], None]):
        page.previous_page, page.next_page = before, after  # "Previous" and "Next" skip them too


def _on_this_computer(url: str) -> bool:
    """Whether the address is this computer's own (localhost, 127.0.0.1, ::1): never published."""
    host = urlsplit(url).hostname or ""
    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
