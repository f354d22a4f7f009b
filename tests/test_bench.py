"""The bench's own tools (scripts/bench/), in-process and fast: the generated site it times, where
it finds the plugin's caches, and its command line. Timings and page weights are not tested."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from markdown.extensions.toc import slugify
from mkdocs.config import load_config

from conftest import PROJECT_DIR, edit
from soleus_site.plugin import HANDOUT_CACHE, READING_LEVEL_CACHE
from soleus_site.site_build import SITE_SOURCES, copy_site_sources

BENCH_DIR = PROJECT_DIR / "scripts" / "bench"
sys.path.insert(0, str(BENCH_DIR))  # run.py's folder, as when it is run

import bench_site  # noqa: E402
import build_times  # noqa: E402
import run  # noqa: E402

LINK = re.compile(r"\]\(([^)]+)\)")


def files_under(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def small_site(tmp_path) -> Path:
    return bench_site.make_bench_site(tmp_path / "site", PROJECT_DIR, 3)


def test_a_generated_site_is_the_real_one_plus_its_pages_and_their_nav_entries(small_site, tmp_path):
    real = files_under(copy_site_sources(PROJECT_DIR, tmp_path / "real"))
    generated = files_under(small_site)
    assert sorted(set(generated) - set(real)) == [
        "docs/generated/page-001.md", "docs/generated/page-002.md", "docs/generated/page-003.md"]
    assert set(real) - set(generated) == set()
    assert [name for name in real if real[name] != generated[name]] == ["mkdocs.yml"]
    real_lines = real["mkdocs.yml"].decode().splitlines()
    generated_lines = generated["mkdocs.yml"].decode().splitlines()
    nav_end = max(n for n, line in enumerate(real_lines) if line.startswith("  - "))
    assert generated_lines == real_lines[:nav_end + 1] + [
        "  - Generated:",
        "      - Running notes 1: generated/page-001.md",
        "      - Running notes 2: generated/page-002.md",
        "      - Running notes 3: generated/page-003.md",
    ] + real_lines[nav_end + 1:]
    nav = load_config(config_file=str(small_site / "mkdocs.yml"))["nav"]
    assert nav[-1] == {"Generated": [{f"Running notes {n}": f"generated/page-00{n}.md"}
                                     for n in (1, 2, 3)]}


def test_each_generated_link_leads_to_a_file_or_heading_that_exists(small_site):
    folder = small_site / "docs" / bench_site.GENERATED_DIR
    links = anchors = 0
    for page in sorted(folder.glob("*.md")):
        for target in LINK.findall(page.read_text(encoding="utf-8")):
            path, _, anchor = target.partition("#")
            assert (folder / path).resolve().is_file(), f"{page.name}: {target}"
            if anchor:  # the id Python-Markdown's toc gives one of that page's headings
                headings = re.findall(r"^## (.+)$", (folder / path).read_text(encoding="utf-8"), re.M)
                assert anchor in [slugify(heading, "-") for heading in headings], f"{page.name}: {target}"
                anchors += 1
            links += 1
    # on each page: a picture, the exercise page, and the 2 other pages, each at one of its headings
    assert (links, anchors) == (3 * 4, 3 * 2)


def test_the_same_pages_give_the_same_site(small_site, tmp_path):
    again = bench_site.make_bench_site(tmp_path / "again", PROJECT_DIR, 3)
    assert files_under(again) == files_under(small_site)


def test_the_caches_cleared_between_runs_are_where_the_plugin_keeps_them(tmp_path):
    site = copy_site_sources(PROJECT_DIR, tmp_path / "site", SITE_SOURCES)
    edit(site / "mkdocs.yml", "  - soleus:\n", "  - soleus:\n      cache_dir: elsewhere/cache\n")
    assert build_times.plugin_caches(site) == (site / "elsewhere" / "cache" / HANDOUT_CACHE,
                                               site / "elsewhere" / "cache" / READING_LEVEL_CACHE)


def test_make_site_leaves_a_folder_with_files_alone(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("mine")
    assert run.main(["make-site", str(tmp_path), "--pages", "3"]) == 2
    assert capsys.readouterr().out == f"{tmp_path} is not empty: give an empty or new folder\n"
    assert files_under(tmp_path) == {"notes.txt": b"mine"}


@pytest.mark.build
def test_help_lists_each_command():
    result = subprocess.run([sys.executable, str(BENCH_DIR / "run.py"), "--help"],
                            capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    for line in ("    all       Build timings, then page weights and Lighthouse scores (what make "
                 "bench runs).",
                 "    build     Time bare MkDocs and our full build (PDFs made, then reused) on "
                 "this site and a 300-page one.",
                 "    pages     Per page: first-load KB on a phone (gzip -9, empty cache) and "
                 "Lighthouse's scores.",
                 "    make-site",
                 "              Copy this site into a folder and add generated pages, all in the "
                 "nav, to build by hand."):
        assert line in lines
    assert lines[0] == "usage: scripts/bench/run.py [-h] command ..."
