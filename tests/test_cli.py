"""scripts/build.py, the staff's one build command, driven in-process through its `main([...])`
on a copy of the tiny fixture site (tests/fixtures/tiny-site: two pages, no handout), so each
test takes well under a second. Other websites are never visited: the one function that goes
on the network (checks.external._visit) is replaced by a fake that records what it was asked."""

from __future__ import annotations

import importlib.util
import shutil
import uuid
from pathlib import Path

import pytest

from conftest import FIXTURES_DIR, PROJECT_DIR
from soleus_site.checks import external

NHS = "https://www.nhs.uk/live-well/exercise/"  # docs/index.md's one link to another website
READING_LEVELS = ["Reading level (Flesch-Kincaid grade; target 7 or below):",
                  "  docs/index.md    too short to measure",
                  "  docs/running.md  too short to measure"]


@pytest.fixture
def tiny(tmp_path) -> Path:
    """A copy of the tiny site with scripts/build.py in it, as staff have it."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURES_DIR / "tiny-site", project)
    (project / "scripts").mkdir()
    shutil.copy2(PROJECT_DIR / "scripts" / "build.py", project / "scripts" / "build.py")
    return project


def build_py(project: Path):
    """The project's scripts/build.py as a module (its PROJECT_DIR is the project's folder)."""
    spec = importlib.util.spec_from_file_location(f"build_py_{uuid.uuid4().hex}",
                                                  project / "scripts" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def visited(monkeypatch) -> list[str]:
    """Each address the external check visits (the NHS page answers 404); nothing leaves the
    machine."""
    asked = []

    def visit(url, timeout, retries):
        asked.append(url)
        return {"status": "broken", "detail": "HTTP 404"} if url == NHS else {"status": "ok"}

    monkeypatch.setattr(external, "_visit", visit)
    return asked


def output_lines(capsys) -> list[str]:
    return capsys.readouterr().out.splitlines()


def test_build_external_visits_the_sites_links_to_other_websites_and_fails_on_a_broken_one(
        tiny, visited, capsys):
    code = build_py(tiny).main(["build", "--external"])
    assert visited == [NHS]
    assert output_lines(capsys) == [
        f"docs/index.md:12: link '{NHS}': broken (HTTP 404)",
        "1 error, 0 warnings",
        *READING_LEVELS,
        "Build failed: site/ was left as it was.",
    ]
    assert code == 1
    assert not (tiny / "site").exists()


def test_check_external_visits_the_sites_links_to_other_websites(tiny, visited, capsys):
    code = build_py(tiny).main(["check", "--external"])
    assert visited == [NHS]
    assert output_lines(capsys) == [f"docs/index.md:12: link '{NHS}': broken (HTTP 404)",
                                    "1 error, 0 warnings", *READING_LEVELS]
    assert code == 1
    assert not (tiny / "site").exists()


@pytest.mark.parametrize("command", [["build"], ["check"], []])
def test_without_external_no_other_website_is_visited(tiny, visited, capsys, command):
    assert build_py(tiny).main(command) == 0
    assert visited == []
    lines = output_lines(capsys)
    assert lines[:3] == READING_LEVELS
    if command == ["check"]:
        assert lines[3:] == ["No problems found."]
        assert not (tiny / "site").exists()
    else:  # build, the default command
        assert len(lines) == 4 and lines[3].startswith("Built site/ in ")
        assert (tiny / "site" / "running" / "index.html").is_file()
