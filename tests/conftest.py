"""Shared fixtures and helpers: the real site built once, copies of the project to change and
build, a page rendered as the build's plugin sees it, the real handout's files and text, and a
browser; and which tests are slow, by marker."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import io
import json
import logging
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import traceback
import zlib
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pypdf
import pytest
import yaml
from mkdocs.config import load_config

import page_rendering

from soleus_site.handout.content import read_handout
from soleus_site.handout.outputs import HandoutOutputs
from soleus_site.site_build import copy_site_sources

PROJECT_DIR = Path(__file__).resolve().parents[1]
FIXTURES_DIR = Path(__file__).resolve().parent / "fixtures"
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "scripts")
PAGES = ("index", "anatomy", "running", "weakness", "exercise", "ladder", "seated-raise", "self-test",
         "back-to-running", "how-we-can-help", "references")


def plugin_settings():
    """The soleus plugin's settings as mkdocs.yml leaves them: its defaults."""
    from soleus_site.plugin import SoleusConfig

    settings = SoleusConfig()
    settings.load_dict({})
    errors, _ = settings.validate()
    assert errors == []
    return settings


def copy_project(destination: Path) -> Path:
    """A copy of what the site is built from, safe to change in a test, with the PDFs the real
    site's build made in its cache: a build of the copy makes its PDFs again only when the test
    changed what they show (a few seconds each time otherwise)."""
    copy_site_sources(PROJECT_DIR, destination, PROJECT_PARTS)
    shutil.copytree(_real_site_pdf_cache(), _pdf_cache(destination))
    return destination


def _pdf_cache(project: Path) -> Path:
    from soleus_site.plugin import HANDOUT_CACHE

    return plugin_settings().cache(project, HANDOUT_CACHE)


@functools.cache
def _real_build() -> tuple[Path, dict]:
    """The real site, built once for the whole run (scripts/build.py's way: MkDocs in strict mode,
    with our plugin), which also fills the project's PDF cache: (its folder, what the build
    reported: its problems and each page's reading level). `make test` runs the tests in two
    processes (pytest-xdist): the first to get here builds it into the run's folder, and the
    other waits for it and reads the same site and report."""
    from filelock import FileLock

    from soleus_site.site_build import build_into

    run_dir = Path(os.environ[RUN_DIR_VARIABLE])
    site, report = run_dir / "site", run_dir / "site-report.json"
    with FileLock(run_dir / "site.lock"):
        if not report.exists():
            outcome = build_into(PROJECT_DIR, site)
            report.write_text(json.dumps({"problems": [str(problem) for problem in outcome.problems],
                                          "reading_levels": outcome.reading_levels}))
    reported = json.loads(report.read_text())
    assert reported["problems"] == [], "the real site does not build:\n" + "\n".join(reported["problems"])
    return site, reported


def _real_site() -> Path:
    return _real_build()[0]


def _real_site_pdf_cache() -> Path:
    _real_site()
    return _pdf_cache(PROJECT_DIR)


def edit(path: Path, old: str, new: str) -> None:
    """Change the first `old` in a file to `new`; `old` must be there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path.name}: the test needs updating"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, text: str) -> int:
    """The number of the first line holding `text`."""
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def run_build(project: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """The copy's scripts/build.py with these arguments, as staff run it, from the copy's folder:
    its exit code, and what it printed as text. It runs in this process (a build takes about a
    second here, three in a new Python); an exception is printed as a traceback, exit code 1, as
    Python would. `env` adds variables to the environment, or takes one out with None."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with _environment({"NO_MKDOCS_2_WARNING": "1", "COLUMNS": "200", **(env or {})}), \
            contextlib.chdir(project), contextlib.redirect_stdout(stdout), \
            contextlib.redirect_stderr(stderr):
        try:
            code = _load_script(project / "scripts" / "build.py").main(list(args))
        except SystemExit as exit:  # argparse, for a wrong command or --help
            code = exit.code if isinstance(exit.code, int) else 0 if exit.code is None else 1
            if isinstance(exit.code, str):
                print(exit.code, file=sys.stderr)
        except Exception:
            traceback.print_exc()
            code = 1
    return subprocess.CompletedProcess(["scripts/build.py", *args], code, stdout.getvalue(),
                                       stderr.getvalue())


def _load_script(path: Path):
    """A script as a new module, so it prints to the sys.stdout of the moment."""
    spec = importlib.util.spec_from_file_location(f"script_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@contextlib.contextmanager
def _environment(changes: dict[str, str | None]):
    saved = dict(os.environ)
    for name, value in changes.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file of a folder and a hash of its bytes: equal digests, byte-identical folders."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def mkdocs_build(project: Path, site: Path) -> subprocess.CompletedProcess:
    """`mkdocs build --strict --quiet` of a project folder, MkDocs' own command line run in this
    process (as a new Python would, in a fraction of the time): exit code and output as text.
    (test_plugin.py runs it once in a new Python too.)"""
    from click.testing import CliRunner
    from mkdocs.__main__ import cli

    logger = logging.getLogger("mkdocs")
    saved = logger.handlers[:], logger.propagate, logger.level
    try:
        with _environment({"NO_MKDOCS_2_WARNING": "1"}):
            result = CliRunner().invoke(cli, ["build", "--strict", "--quiet", "-f",
                                              str(project / "mkdocs.yml"), "-d", str(site)])
    finally:  # the command line's log handler goes with it
        logger.handlers[:], logger.propagate, logger.level = saved
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return subprocess.CompletedProcess(["mkdocs", "build"], result.exit_code, result.stdout,
                                       result.stderr)


# What the run's processes share, in one folder for the run, made by the run's own process before
# pytest-xdist starts the others (which inherit its environment) and removed once they are done.
RUN_DIR_VARIABLE = "SOLEUS_TESTS_RUN_DIR"


def pytest_configure(config):
    if not hasattr(config, "workerinput"):
        os.environ[RUN_DIR_VARIABLE] = tempfile.mkdtemp(prefix="soleus-tests-")


def pytest_unconfigure(config):
    if not hasattr(config, "workerinput"):
        shutil.rmtree(os.environ.pop(RUN_DIR_VARIABLE), ignore_errors=True)


@pytest.fixture(scope="session")
def built_site() -> Path:
    """The real site with its handout, built once as scripts/build.py builds it (MkDocs in
    strict mode, with our plugin). Tests only read it."""
    return _real_site()


@pytest.fixture(scope="session")
def real_reading_levels(built_site) -> dict[str, float | None]:
    """Each page's reading level, as the build of the real site (built_site) reported it."""
    return _real_build()[1]["reading_levels"]


def page_html(site: Path, page: str) -> str:
    path = site / "index.html" if page == "index" else site / page / "index.html"
    return path.read_text(encoding="utf-8")


class _Text(HTMLParser):
    """The visible text of the page's article, whitespace folded."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if self.depth or (tag == "article"):
            self.depth += tag not in VOID_TAGS

    def handle_endtag(self, tag):
        if self.depth and tag not in VOID_TAGS:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
             "source", "track", "wbr"}


def article_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


# A copy of the project, changed and built by one test ---------------------------------------

@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project (copy_project), for one test to change and build."""
    return copy_project(tmp_path / "project")


@pytest.fixture
def good_site(project, built_site) -> Path:
    """The copy's site/ as a good build leaves it (the real site's), so a failed build can be seen
    to leave it byte for byte."""
    shutil.copytree(built_site, project / "site")
    return project / "site"


MARK = "## What it does"  # a heading of docs/anatomy.md: things are planted just above it
ANATOMY = "docs/anatomy.md"


def plant(project: Path, text: str, page: str = ANATOMY, before: str = MARK) -> int:
    """Put `text` on its own just above `before` in a page; the line it starts on."""
    edit(project / page, before, f"{text}\n\n{before}")
    return line_of(project / page, text.split("\n")[0])


def problems_of(result) -> list[str]:
    """The build's problem lines and the count after them."""
    lines = result.stdout.splitlines()
    count = next(i for i, line in enumerate(lines) if line.endswith(("warning", "warnings")))
    return lines[:count + 1]


def assert_failed_and_site_kept(project: Path, result, before: dict) -> None:
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1] == "Build failed: site/ was left as it was."
    assert tree_digest(project / "site") == before


def messages(problems) -> list[str]:
    """Problems as staff read them."""
    return [str(problem) for problem in problems]


# A page as the build's plugin sees it, without building the site ----------------------------

FRONT = "---\ntitle: T\n---\n\n# Page\n\n"  # what follows starts on line 7


def render(text: str, src: str = "exercise.md"):
    """(page, element tree, source map) of a page's file, as the build's plugin sees them, with
    headings' permalinks as the real site has them (tests/page_rendering.py renders it)."""
    return page_rendering.render(text, src, toc={"permalink": True})


@pytest.fixture
def picture_docs(tmp_path) -> Path:
    """docs/ with the site's pictures (docs/images/), for pages that show them."""
    docs = tmp_path / "docs"
    shutil.copytree(PROJECT_DIR / "docs" / "images", docs / "images")
    return docs


def png_header(width: int, height: int) -> bytes:
    """A PNG whose header says it is width x height pixels, with next to no pixels in it: a huge
    picture's header, without a huge picture (nothing reading only its header can tell)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))


def jpeg_header(width: int, height: int) -> bytes:
    """A small JPEG whose frame header (SOF0) says it is width x height pixels."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (16, 16)).save(out, "JPEG")
    data = bytearray(out.getvalue())
    frame = data.index(b"\xff\xc0")  # marker, length (2), precision (1), height (2), width (2)
    data[frame + 5:frame + 9] = struct.pack(">HH", height, width)
    return bytes(data)


# A page with `handout: true` and every part its handout reads, written for the tests
EXERCISE = (FIXTURES_DIR / "handout" / "exercise.md").read_text(encoding="utf-8")


def handout_of(text: str, docs: Path):
    """What the handout reads from a page (its HandoutContent), or the problem it raises."""
    _, root, source_map = render(text)
    return read_handout(root, source_map, HandoutOutputs.for_page("exercise/index.html", "Heel raise"),
                        "https://example.org/exercise/", docs)


# The real site's handout -----------------------------------------------------------------------

OUTPUTS = HandoutOutputs("exercise/index.html", "bent-knee-heel-raise")
HANDOUT_PAGE = OUTPUTS.page
PDFS = (OUTPUTS.pdf_a4, OUTPUTS.pdf_letter, OUTPUTS.pdf_large_print)
# Smallest type allowed, in points: (body text, labels inside the drawings), and most pages
CLEAR_PRINT = (12, 12)
LARGE_PRINT = (16, 16)
PRINT = {OUTPUTS.pdf_a4: (CLEAR_PRINT, 2), OUTPUTS.pdf_letter: (CLEAR_PRINT, 2),
         OUTPUTS.pdf_large_print: (LARGE_PRINT, 4)}
# Every handout of the real site, by its page (docs/<page>.md has `handout: true`), and all their PDFs
HANDOUTS = {"exercise": OUTPUTS, "seated-raise": HandoutOutputs("seated-raise/index.html", "seated-heel-raise")}
HANDOUT_PDFS = tuple(pdf for outputs in HANDOUTS.values() for pdf in outputs.pdfs.values())
PRINT.update({outputs.pdfs[paper]: PRINT[OUTPUTS.pdfs[paper]] for outputs in HANDOUTS.values()
              for paper in outputs.pdfs})


def page_of(pdf: str) -> str:
    """The page a handout's PDF is made from: "exercise/handout/x-a4.pdf" -> "exercise"."""
    return pdf.split("/")[0]


def config_of(project: Path):
    return load_config(config_file=str(project / "mkdocs.yml"))


@pytest.fixture(scope="module")
def handout(built_site):
    """The real site, built with its handout: (site, config)."""
    return built_site, config_of(PROJECT_DIR)


def fold(text: str) -> str:
    """Text compared as a reader sees it: whitespace folded, line-end hyphens joined."""
    text = text.replace("\u2019", "'").replace("\u00ad", "")
    return " ".join(text.split())


def pdf_text(path: Path) -> str:
    return fold(" ".join(page.extract_text() for page in pypdf.PdfReader(path).pages))


def built_list(site: Path, heading_id: str, page_name: str = "exercise") -> list[str]:
    """The items of the first list under a heading of a built page (the exercise page), as plain
    text."""
    page = lxml.html.fromstring((site / page_name / "index.html").read_text(encoding="utf-8"))
    heading = page.get_element_by_id(heading_id)
    found = next((element for element in heading.itersiblings() if element.tag in ("ol", "ul")), None)
    assert found is not None, f"the built {page_name} page has no list under #{heading_id}"
    return [fold(item.text_content()) for item in found.findall("li")]


def front_matter(project: Path, page: str) -> dict:
    source = (project / "docs" / page).read_text(encoding="utf-8")
    return yaml.safe_load(source.split("---")[1])


# A site in a real browser: Debian's Chromium (never a downloaded browser), driven by Playwright ---

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path):
    """A folder served over HTTP on a free local port, in a thread: (server, its address)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=folder))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def free_port() -> int:
    """A local port nothing listens on (the moment this returns)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def site_url(built_site):
    """The real site, served."""
    server, url = serve(built_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    """Chromium, launched once per test file. Missing, it skips the test; on CI (CI=true) it
    fails it, so a missing browser is never a silent pass."""
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing: CI must install it (apt-get install -y chromium)",
                        pytrace=False)
        pytest.skip(f"{CHROMIUM} is missing: run  make test  to install it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# Each breach of a page's Content-Security-Policy, reported to the test as it happens
REPORT_VIOLATIONS = """document.addEventListener("securitypolicyviolation", event =>
    window.reportViolation(`${event.effectiveDirective} blocked ${event.blockedURI} ` +
                           `(${event.sourceFile}:${event.lineNumber})`))"""


class Visit:
    """A page in a fresh browser context that records, and refuses, requests to other hosts, and
    records what the page's Content-Security-Policy blocked."""

    def __init__(self, browser, base_url, width=360, scheme="light"):
        self.context = browser.new_context(viewport={"width": width, "height": 800},
                                           color_scheme=scheme)
        self.base_host = urlsplit(base_url).netloc
        self.other_hosts: list[str] = []
        self.violations: list[str] = []
        self.context.route("**/*", self._route)
        self.context.expose_function("reportViolation", lambda text: self.violations.append(text))
        self.context.add_init_script(REPORT_VIOLATIONS)
        self.page = self.context.new_page()

    def _route(self, route):
        host = urlsplit(route.request.url).netloc
        if host == self.base_host:
            route.continue_()
        else:
            self.other_hosts.append(route.request.url)
            route.abort()

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser, site_url):
    """visit(path, width, scheme, base): a page of the site opened in a fresh Visit."""
    visits = []

    def open_page(path="", width=360, scheme="light", base=site_url):
        visit = Visit(browser, base, width, scheme)
        visits.append(visit)
        visit.page.goto(base + path, wait_until="networkidle")
        return visit

    yield open_page
    for visit in visits:
        visit.close()
    # Whatever the test did, the pages kept to their policies (a test that breaches one on
    # purpose empties visit.violations once it has checked them)
    assert [violation for visit in visits for violation in visit.violations] == []


def page_path(page: str) -> str:
    """A page's address under the site's, from its name in PAGES."""
    return "" if page == "index" else f"{page}/"


# Which tests are slow, by marker: `make test-fast` runs the others (in-process, in seconds).
# A test is a browser test when it drives Chromium, and a build test when it builds the real site
# or a copy of it (with Material and the PDFs: through one of these fixtures, or marked
# @pytest.mark.build) or runs a command. The tiny fixture site (tests/fixtures/tiny-site) builds
# in-process in a tenth of a second: a test that builds only it is neither. What a test builds is
# checked as it runs (only_build_tests_build), not guessed from its text.
BROWSER_FIXTURES = {"browser", "visit", "site_url", "youtube_site"}
BUILD_FIXTURES = {"built_site", "real_reading_levels", "handout", "texts", "project", "filled", "fixture_site"}


def pytest_collection_modifyitems(items):
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        elif fixtures & BUILD_FIXTURES:
            item.add_marker(pytest.mark.build)


class SlowWorkInAFastTest(AssertionError):
    """A test neither marked build nor browser built the real site or ran a command."""


@pytest.fixture(autouse=True)
def only_build_tests_build(request, monkeypatch):
    """In a test marked neither build nor browser, building a site with the Material theme (the
    real site, or a copy) or running a command fails the test, saying what it did: it belongs to
    the slow tests, by a fixture above or @pytest.mark.build."""
    if request.node.get_closest_marker("build") or request.node.get_closest_marker("browser"):
        return
    from soleus_site.plugin import SoleusPlugin

    real_on_config = SoleusPlugin.on_config

    def on_config(plugin, config):  # where every build with our plugin starts, however it is run
        if config.theme.name == "material":
            raise SlowWorkInAFastTest(f"{request.node.nodeid} builds the real site (Material) but is "
                                      f"not marked build: use the project fixture, or mark it "
                                      f"@pytest.mark.build")
        return real_on_config(plugin, config)

    class NoCommands(subprocess.Popen):
        def __init__(self, args, *rest, **kwargs):
            raise SlowWorkInAFastTest(f"{request.node.nodeid} runs a command ({args!r}) but is not "
                                      f"marked build: mark it @pytest.mark.build")

    monkeypatch.setattr(SoleusPlugin, "on_config", on_config)
    monkeypatch.setattr(subprocess, "Popen", NoCommands)
