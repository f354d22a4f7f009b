"""MkDocs hook: check each page's front matter, expand its shortcodes, size its pictures, and
in the live preview make the handout and check the built site, as scripts/build.py does.

The work is done by plain Python in scripts/ (clinic.py, front_matter.py, shortcodes.py,
images.py, and build.py's checks); this file only connects it to MkDocs and reports problems as
`docs/page.md:LINE: what is wrong`, so staff know where to look.
"""

from __future__ import annotations

import logging
import posixpath
import sys
from pathlib import Path

from mkdocs.utils import get_relative_url

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from build import check_built_site, handout_reports  # noqa: E402
from clinic import clinic_details  # noqa: E402
from front_matter import DATE_FIELDS, read_front_matter  # noqa: E402
from images import size_images  # noqa: E402
from shortcodes import PageContext, expand_shortcodes  # noqa: E402

log = logging.getLogger("mkdocs.hooks.pages")
serving = False


def on_startup(command, dirty):
    global serving
    serving = command == "serve"


def on_config(config):
    # One tidy copy of the clinic's details for templates, shortcodes and the handout.
    config.extra["clinic"] = clinic_details(config.extra)
    return config


def on_page_markdown(markdown, page, config, files):
    source = page.file.content_string
    project_dir = Path(config.config_file_path).resolve().parent
    shown_path = Path(page.file.abs_src_path).resolve().relative_to(project_dir).as_posix()

    _, problems = read_front_matter(source)
    for problem in problems:
        log.error(f"{shown_path}:{problem.line}: {problem.message}")
    for name in DATE_FIELDS:  # a date the template cannot show is dropped, and reported above
        if not hasattr(page.meta.get(name), "strftime"):
            page.meta.pop(name, None)

    def url_for(docs_path: str) -> str:
        file = files.get_file_from_path(docs_path)
        return get_relative_url(file.url if file else docs_path, page.url)

    context = PageContext(
        src_path=page.file.src_path,
        docs_dir=Path(config.docs_dir),
        url_for=url_for,
        page_url=page.canonical_url or "",
        clinic=config.extra["clinic"],
    )
    expanded, problems = expand_shortcodes(markdown, context)
    lines_before_body = source[: len(source) - len(markdown)].count("\n") if source.endswith(markdown) else 0
    for problem in problems:
        log.error(f"{shown_path}:{problem.line + lines_before_body}: {problem.message}")
    return expanded


def on_page_content(html, page, config, files):
    def file_for(src: str):
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page.url), src))
        file = files.get_file_from_path(target)
        return Path(file.abs_src_path) if file and file.abs_src_path else None

    return size_images(html, file_for)


def on_post_build(config):
    # scripts/build.py makes the handout and checks the site itself. In the live preview, do the
    # same after every save, so staff see a broken link or a missing alt text at once.
    if serving:
        site_dir = Path(config.site_dir)
        project_dir = Path(config.config_file_path).resolve().parent
        reports = handout_reports(site_dir, config)
        reports += check_built_site(project_dir, site_dir, config).reports
        for report in reports:
            log.warning(str(report))
