"""Safety checks that once survived a planted bug (issue 15): each test here fails when its
guard is deleted. The fast ones call the check itself; `mkdocs serve` and `.ci/run` are run for
real."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import FIXTURES_DIR, PROJECT_DIR, copy_project, edit, line_of
from soleus_site.checks.front_matter import front_matter_problems
from soleus_site.page_model import PageSource
from soleus_site.shortcodes import PageContext, expand_shortcodes

MEDIA = FIXTURES_DIR / "video" / "media"


def page_context(docs: Path, src_path: str = "exercise.md") -> PageContext:
    return PageContext(src_path=src_path, shown_path=f"docs/{src_path}", docs_dir=docs,
                       url_for=lambda path: path)


def shortcode_messages(docs: Path, markdown: str, src_path: str = "exercise.md") -> list[str]:
    expanded = expand_shortcodes(markdown, page_context(docs, src_path), first_line=5)
    return [str(problem) for problem in expanded.problems]


# :video: -----------------------------------------------------------------------------------

@pytest.fixture
def docs(tmp_path) -> Path:
    """docs/ with a complete clip (video, poster, captions), and a clip beside docs/, outside it."""
    docs = tmp_path / "docs"
    shutil.copytree(MEDIA, docs / "media")
    for name in ("clip.mp4", "clip.png", "clip.vtt", "poster.png"):
        shutil.copy2(MEDIA / name, tmp_path / name)
    return docs


@pytest.mark.parametrize("source", ["../clip.mp4", "media/../../clip.mp4", "../docs/../clip.mp4"])
def test_a_video_outside_docs_is_refused_though_the_file_is_there(docs, source):
    assert (docs / "media" / source).resolve().is_file() or (docs / source).resolve().is_file()
    assert shortcode_messages(docs, f'Intro\n:video: {source} "Clip"') == [
        f"docs/exercise.md:6: '{source}' goes outside docs/"]


def test_a_youtube_poster_outside_docs_is_refused(docs):
    assert shortcode_messages(docs, ':video: fixtureID01 "Clip" poster=../poster.png') == [
        "docs/exercise.md:5: '../poster.png' goes outside docs/"]


def test_a_video_in_a_subfolder_may_name_a_file_up_to_docs_but_not_beyond(docs):
    (docs / "guides").mkdir()
    assert shortcode_messages(docs, ':video: ../media/clip.mp4 "Clip"', "guides/page.md") == []
    assert shortcode_messages(docs, ':video: ../../clip.mp4 "Clip"', "guides/page.md") == [
        "docs/guides/page.md:5: '../../clip.mp4' goes outside docs/"]


def test_a_self_hosted_video_without_captions_is_refused(docs):
    (docs / "media" / "clip.vtt").unlink()
    assert shortcode_messages(docs, ':video: media/clip.mp4 "Clip"') == [
        "docs/exercise.md:5: video 'media/clip.mp4' needs a captions file (.vtt) beside it, "
        "named docs/media/clip.<type>"]


def test_a_self_hosted_video_without_poster_or_captions_names_both(docs):
    (docs / "media" / "clip.vtt").unlink()
    (docs / "media" / "clip.png").unlink()
    assert shortcode_messages(docs, ':video: media/clip.mp4 "Clip"') == [
        "docs/exercise.md:5: video 'media/clip.mp4' needs a poster image (.jpg or .png) and a "
        "captions file (.vtt) beside it, named docs/media/clip.<type>"]


def test_a_complete_self_hosted_video_has_its_captions_track(docs):
    expanded = expand_shortcodes(':video: media/clip.mp4 "Clip"', page_context(docs))
    assert expanded.problems == []
    assert ('<track kind="captions" src="media/clip.vtt" srclang="en" label="English" default>'
            in "\n".join(expanded.lines))


# Front matter --------------------------------------------------------------------------------

FRONT_MATTER = """---
title: Running in winter
description: {description}
updated: 2026-11-25
review_due: 2027-11-25
---

# Running in winter
"""


def front_matter_messages(description: str, meta_description) -> list[str]:
    import datetime

    text = FRONT_MATTER.format(description=description)
    meta = {"title": "Running in winter", "description": meta_description,
            "updated": datetime.date(2026, 11, 25), "review_due": datetime.date(2027, 11, 25)}
    return [str(problem) for problem in
            front_matter_problems(PageSource("winter.md", "docs/winter.md", text, meta))]


@pytest.mark.parametrize("written, read", [("", None), ('""', ""), ("''", "")])
def test_an_empty_description_is_an_error_at_its_line(written, read):
    assert front_matter_messages(written, read) == [
        "docs/winter.md:3: 'description:' is empty (one or two sentences shown in search results "
        "and link previews)"]


def test_an_empty_description_fails_the_real_build_at_its_line(tmp_path):
    from soleus_site.site_build import build_into

    project = copy_project(tmp_path / "project")
    page = project / "docs" / "weakness.md"
    description = next(line for line in page.read_text().splitlines()
                       if line.startswith("description:"))
    edit(page, description, "description:")
    outcome = build_into(project, tmp_path / "site")
    assert [str(problem) for problem in outcome.problems if problem.is_error] == [
        f"docs/weakness.md:{line_of(page, 'description:')}: 'description:' is empty (one or two "
        f"sentences shown in search results and link previews)"]


# mkdocs serve --------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_serve_makes_the_handout_and_shows_a_staff_problem_at_its_line(tmp_path):
    """`scripts/build.py serve` (what `make serve` runs) goes through the same plugin as a build:
    the handout page and its PDFs are served, and a mistake is shown at its file and line."""
    project = copy_project(tmp_path / "project")  # with the real site's PDFs in its cache
    page = project / "docs" / "anatomy.md"
    edit(page, "(exercise.md)", "(exercise.md#how-to-doit)")
    expected = (f"docs/anatomy.md:{line_of(page, 'exercise.md#how-to-doit')}: link "
                f"'exercise.md#how-to-doit': no heading 'how-to-doit' on that page (did you mean "
                f"'#how-to-do-it'?)")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, str(project / "scripts" / "build.py"), "serve", "--dev-addr",
         f"127.0.0.1:{port}"], cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True, start_new_session=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "COLUMNS": "200"})
    output: list[str] = []
    reader = threading.Thread(target=lambda: output.extend(server.stdout), daemon=True)
    reader.start()
    try:
        base = f"http://127.0.0.1:{port}/soleus/"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and server.poll() is None:
            if "Serving on" in "".join(output):
                break
            time.sleep(0.2)
        assert "Serving on" in "".join(output), "".join(output)
        status, body = fetch(base + "exercise/handout/")
        assert status == 200
        assert b"<title>Bent-knee heel raise: exercise sheet | Active Podiatry</title>" in body
        status, pdf = fetch(base + "exercise/handout/bent-knee-heel-raise-a4.pdf")
        assert status == 200 and pdf.startswith(b"%PDF-")
        assert any(line.rstrip().endswith(expected) and "ERROR" in line for line in output), \
            "".join(output)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)


# .ci/run ---------------------------------------------------------------------------------------

def run_ci_script(tmp_path, **env) -> str:
    """.ci/run with `make` replaced by a stub that says what it was asked, from where, with CI."""
    stub = tmp_path / "bin"
    stub.mkdir()
    (stub / "make").write_text('#!/bin/sh\necho "make $* in $(pwd) with CI=${CI-unset}"\n')
    (stub / "make").chmod(0o755)
    environment = {name: value for name, value in os.environ.items() if name != "CI"}
    environment.update(env, PATH=f"{stub}{os.pathsep}{os.environ['PATH']}")
    result = subprocess.run(["sh", str(PROJECT_DIR / ".ci" / "run")], capture_output=True,
                            text=True, env=environment, cwd=tmp_path, timeout=30)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_ci_runs_the_tests_with_ci_true_so_a_missing_browser_fails(tmp_path):
    """Without CI=true a missing Chromium would skip the browser tests instead of failing them."""
    assert run_ci_script(tmp_path) == f"make test in {PROJECT_DIR} with CI=true\n"


def test_ci_keeps_a_ci_value_it_is_given(tmp_path):
    assert run_ci_script(tmp_path, CI="true") == f"make test in {PROJECT_DIR} with CI=true\n"
