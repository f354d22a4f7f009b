"""Running a build: MkDocs in strict mode with our plugin, every problem collected, and site/
replaced only when there is no error, so a failed build leaves the last good site as it was.

Our own problems come from the soleus plugin's state, already in `file:line: ...` form. MkDocs' own
messages (about mkdocs.yml and the nav) are turned into the same form here, with their line.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's banner about MkDocs 2, on every run

from mkdocs.commands.build import build as mkdocs_build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from mkdocs.exceptions import Abort, ConfigurationError  # noqa: E402

from .plugin import PLUGIN_NAME, BuildState, log as plugin_log  # noqa: E402
from .problems import Problem, suggest, yaml_error_mark  # noqa: E402
from .settings import CONFIG_FILE, line_of_setting, line_of_value  # noqa: E402

SITE_SOURCES = (CONFIG_FILE, "docs", "overrides")  # what a site is built from
MKDOCS_OMITTED = re.compile(r'^The following pages exist in the docs directory, but are not included '
                            r'in the "nav" configuration:')
MKDOCS_NAV_MISSING = re.compile(r"^A reference to '(?P<target>.+)' is included in the 'nav' "
                                r"configuration, which is not found")


@dataclass
class Outcome:
    problems: list[Problem]
    reading_levels: dict[str, float | None] = field(default_factory=dict)  # page -> grade
    notes: list[str] = field(default_factory=list)  # what the build did, e.g. PDFs reused
    timings: dict[str, float] = field(default_factory=dict)  # seconds: "checks", "handout"
    reading_grade: int | None = None  # the plugin's target, when the build got that far

    @property
    def failed(self) -> bool:
        return any(problem.is_error for problem in self.problems)


def build_site(project: Path, site_dir: Path, external: bool = False) -> Outcome:
    """Build into a temporary folder, check it, and replace site_dir only if there is no error."""
    temporary = Path(tempfile.mkdtemp(prefix=".site-", dir=project))
    try:
        outcome = build_into(project, temporary, external)
        if not outcome.failed:
            _replace(site_dir, temporary)
        return outcome
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


def build_into(project: Path, output: Path, external: bool = False) -> Outcome:
    """MkDocs with our plugin into `output`; every problem found, in file and line order."""
    config_file = project / CONFIG_FILE
    messages = _MkDocsMessages()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(messages)
    logger.propagate = False
    config = None
    try:
        config = load_config(config_file=str(config_file), strict=True, site_dir=str(output))
        if external and PLUGIN_NAME in config.plugins:
            config.plugins[PLUGIN_NAME].config["external_links"] = True  # for this build only
        config.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` does
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    except ConfigurationError as error:
        messages.problems.append(Problem(
            CONFIG_FILE, _config_error_line(error),
            f"{' '.join(str(error).split())} (check the spaces at the start of each line, and put "
            f"text containing ': ' in quotes)"))
    except Abort:
        pass  # strict mode found warnings: they are reported, and the pages are built
    finally:
        logger.removeHandler(messages)
        logger.propagate = True
    plugin = config.plugins.get(PLUGIN_NAME) if config else None
    state = plugin.state if plugin else BuildState()
    problems = state.problems + [problem for message in messages.texts
                                 for problem in mkdocs_problems(message, project)]
    problems += messages.problems
    return Outcome(sorted(set(problems)), dict(sorted(state.reading_levels.items())),
                   state.notes, state.timings, plugin.config.reading_grade if plugin else None)


def _config_error_line(error: ConfigurationError) -> int:
    """The line of mkdocs.yml a ConfigurationError is about: for YAML that could not be read (the
    YAMLError MkDocs raised it from), where the mistake began, such as a '[' never closed, not
    the line after, where YAML stopped; 0 for any other (a setting MkDocs refuses names no line)."""
    context = error.__context__
    mark = yaml_error_mark(context) if isinstance(context, yaml.YAMLError) else None
    return mark.line + 1 if mark is not None else 0


class _MkDocsMessages(logging.Handler):
    """MkDocs' own warnings and errors (ours are in the plugin's state already)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.texts: list[str] = []
        self.problems: list[Problem] = []

    def emit(self, record):
        if record.name != plugin_log.name:
            self.texts.append(record.getMessage())


def mkdocs_problems(message: str, project: Path) -> list[Problem]:
    """A MkDocs message, as problems in our one-line form."""
    if message.startswith("Aborted with"):
        return []
    config_file = project / CONFIG_FILE
    if MKDOCS_OMITTED.match(message):
        return [Problem(CONFIG_FILE, line_of_setting(config_file, "nav"),
                        f"page '{page}' is not in the nav: add it under 'nav:', for example  "
                        f"- Page title: {page}")
                for page in re.findall(r"^\s+- (.+)$", message, re.M)]
    if missing := MKDOCS_NAV_MISSING.match(message):
        target = missing["target"]
        pages = sorted(p.relative_to(project / "docs").as_posix() for p in (project / "docs").rglob("*.md"))
        return [Problem(CONFIG_FILE, line_of_value(config_file, target),
                        f"nav lists '{target}', but there is no docs/{target}{suggest(target, pages)}")]
    return [Problem("", 0, message)]


def copy_site_sources(project: Path, destination: Path, parts=SITE_SOURCES) -> Path:
    """A copy of what the site is built from (for tests and timings), safe to change."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in parts:
        source = project / part
        if source.is_dir():
            shutil.copytree(source, destination / part,
                            ignore=shutil.ignore_patterns("__pycache__", "node_modules", "*.egg-info"))
        else:
            shutil.copy2(source, destination / part)
    return destination


def _replace(site_dir: Path, new_site: Path) -> None:
    """Swap the new site in, so site/ is never half-written."""
    old = site_dir.with_name(site_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    new_site.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
