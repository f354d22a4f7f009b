"""The build as a MkDocs plugin (`soleus` in mkdocs.yml): named there and in pyproject.toml, its
settings read from mkdocs.yml, a new state for each build, as `mkdocs serve` builds again with
the same plugin, and MkDocs' own link messages (which have no line) off, so staff see ours only."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import tomllib
from importlib.metadata import entry_points

import pytest
import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from conftest import PROJECT_DIR, edit, line_of, tree_digest
from soleus_site.page_tools import page_text
from soleus_site.plugin import PLUGIN_NAME, SoleusConfig, SoleusPlugin
from soleus_site.site_build import build_into


def test_mkdocs_yml_names_search_and_the_plugin_and_no_hooks():
    config = yaml.load((PROJECT_DIR / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert config["plugins"] == ["search", {"soleus": {"ladder_page": "ladder.md"}}]
    assert "hooks" not in config
    assert not (PROJECT_DIR / "overrides" / "hooks").exists()


def test_mkdocs_yml_shows_every_setting_with_its_default():
    """Staff find each setting under `- soleus:` in mkdocs.yml: set (ladder_page), or in a comment
    with its default."""
    text = (PROJECT_DIR / "mkdocs.yml").read_text(encoding="utf-8")
    shown = dict(re.findall(r"^      # (\w+): (\S+)", text, re.M))
    defaults = {name: option.default for name, option in SoleusConfig._schema}
    assert shown == {name: str(value).lower() if isinstance(value, bool) else str(value)
                     for name, value in defaults.items() if name != "ladder_page"}
    assert defaults["video_warn_mb"] == 20
    assert defaults["ladder_page"] == ""  # a site without a ladder: handouts link to none
    written = yaml.load(text, Loader=yaml.BaseLoader)["plugins"][1]["soleus"]
    assert sorted([*written, *shown]) == sorted(defaults)  # each setting set, or shown


def test_the_plugin_is_installed_under_its_name():
    project = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["entry-points"]["mkdocs.plugins"] == {
        "soleus": "soleus_site.plugin:SoleusPlugin"}
    [installed] = entry_points(group="mkdocs.plugins", name=PLUGIN_NAME)
    assert installed.load() is SoleusPlugin


def test_settings_in_mkdocs_yml_change_what_the_build_reports(project):
    edit(project / "mkdocs.yml", "  - soleus:\n",
         "  - soleus:\n      reading_grade: 6\n      review_notice_days: 400\n")
    outcome = build_into(project, project / "site")
    assert outcome.reading_grade == 6
    above = sorted(page for page, level in outcome.reading_levels.items() if level and level > 6)
    assert above == ["docs/how-we-can-help.md"]
    warnings = [str(problem) for problem in outcome.problems]
    for page in above:
        assert any(warning.startswith(f"{page}: warning: reading level is grade ")
                   and warning.endswith("above the target of 6: use shorter sentences and "
                                        "everyday words") for warning in warnings)
    # Every page is due for review within 400 days
    assert sum("review is due" in warning for warning in warnings) == len(list((project / "docs").glob("*.md")))


def test_two_builds_in_one_process_each_report_only_their_own_problems(tmp_path, project):
    """As `mkdocs serve` does: the same plugin builds again after a page is saved."""
    anatomy, running = project / "docs" / "anatomy.md", project / "docs" / "running.md"
    edit(anatomy, "Next: [why", "See [nowhere](nowhere.md).\n\nNext: [why")
    logging.getLogger("mkdocs").propagate = False  # the problems are asserted, not printed
    try:
        first = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(tmp_path / "one"))
        plugin = first.plugins[PLUGIN_NAME]
        first.plugins.on_startup(command="serve", dirty=False)
        mkdocs_build(first)
        assert [str(problem) for problem in plugin.state.problems] == [
            f"docs/anatomy.md:{line_of(anatomy, '(nowhere.md)')}: link 'nowhere.md': page or file "
            "not found"]

        edit(anatomy, "See [nowhere](nowhere.md).\n\n", "")
        edit(running, "Next: [what", "See [elsewhere](elsewhere.md).\n\nNext: [what")
        second = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(tmp_path / "two"))
        assert second.plugins[PLUGIN_NAME] is plugin  # serve keeps its plugins from build to build
        mkdocs_build(second)
    finally:
        logging.getLogger("mkdocs").propagate = True
    assert [str(problem) for problem in plugin.state.problems] == [
        f"docs/running.md:{line_of(running, '(elsewhere.md)')}: link 'elsewhere.md': page or file "
        "not found"]
    assert set(plugin.state.pages) == {"index.md", "anatomy.md", "running.md", "weakness.md",
                                       "exercise.md", "ladder.md", "seated-raise.md", "self-test.md",
                                       "back-to-running.md", "how-we-can-help.md", "references.md"}


def test_mkdocs_itself_shows_each_broken_link_once_with_its_line(project):
    """`mkdocs build` and `mkdocs serve` use the same plugin: MkDocs' own line-less link messages
    are off, so staff see ours only."""
    edit(project / "docs" / "index.md", "(running.md)", "(runing.md)")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(project / "out")],
                            cwd=project, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    line = line_of(project / "docs" / "index.md", "(runing.md)")
    assert [message for message in result.stderr.splitlines() if "runing" in message] == [
        f"ERROR   -  docs/index.md:{line}: link 'runing.md': page or file not found "
        f"(did you mean 'running.md'?)"]


# A page saved on Windows (CRLF), an old Mac (CR) or with a byte order mark (issue 21) -------------

# How a page's file may be saved: its line endings, and whether it starts with a byte order mark
SAVED_AS = {"Windows, with a byte order mark": ("\r\n", True), "an old Mac": ("\r", False),
            "a byte order mark only": ("\n", True)}
BOM = b"\xef\xbb\xbf"


def saved_as(text: str, how: str) -> bytes:
    """A page's text (LF) as a file saved that way."""
    newline, bom = SAVED_AS[how]
    return (BOM if bom else b"") + text.replace("\n", newline).encode("utf-8")


def read_source(path, project_dir):
    """What the plugin hands MkDocs for a page's file, and the PageSource it keeps."""
    from types import SimpleNamespace

    from soleus_site.plugin import BuildState

    plugin = SoleusPlugin()
    plugin.state = BuildState(project_dir=project_dir)
    logging.getLogger("mkdocs").propagate = False  # the problems are asserted, not printed
    try:
        file = SimpleNamespace(abs_src_path=str(path), src_uri=path.name)
        plugin._read_page(file)  # as on_files reads each page, once
        text = plugin.on_page_read_source(SimpleNamespace(file=file), config=None)
    finally:
        logging.getLogger("mkdocs").propagate = True
    return text, plugin.state


@pytest.mark.parametrize("how", SAVED_AS)
def test_a_page_however_saved_is_handed_to_mkdocs_with_lf_line_endings(tmp_path, how):
    from mkdocs.utils.meta import get_data

    from soleus_site.checks.front_matter import front_matter_problems

    text = (PROJECT_DIR / "docs" / "exercise.md").read_text(encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "exercise.md").write_bytes(saved_as(text, how))
    handed, state = read_source(tmp_path / "docs" / "exercise.md", tmp_path)
    assert handed == text
    source = state.pages["exercise.md"]
    assert (source.text, state.problems) == (text, [])
    source.meta = get_data(handed)[1]
    assert source.meta["handout"] is True
    assert front_matter_problems(source) == []


@pytest.mark.parametrize("how", SAVED_AS)
def test_a_page_not_in_utf8_however_saved_is_reported_at_its_line_column_and_byte(tmp_path, how):
    (tmp_path / "docs").mkdir()
    page = tmp_path / "docs" / "a.md"
    page.write_bytes(saved_as("---\ntitle: T\n---\n\nThe soleus", how) + b"\x92s calf\n")
    handed, state = read_source(page, tmp_path)
    assert handed == "---\ntitle: T\n---\n\nThe soleus\ufffds calf\n"
    assert [str(problem) for problem in state.problems] == [
        "docs/a.md:5: column 11: this file is not saved as UTF-8 (byte 0x92 is not UTF-8 text): "
        "save it as UTF-8 in your editor (\"Save with encoding\", then UTF-8)"]


@pytest.mark.parametrize("how", ["Windows, with a byte order mark", "an old Mac"])
def test_a_site_saved_on_windows_or_an_old_mac_builds_byte_for_byte_as_with_lf(tmp_path, project, built_site, how):
    """Every page (and every safety text) saved that way: the same site, to the byte, as the
    real one, with no problem; the exercise page and its handout included."""
    pages = sorted((project / "docs").rglob("*.md"))
    for page in pages:
        page.write_bytes(saved_as(page.read_text(encoding="utf-8"), how))
    assert project / "docs" / "exercise.md" in pages and project / "docs" / "safety" / "get-help.md" in pages
    outcome = build_into(project, tmp_path / "site")
    assert outcome.problems == []
    built, real = tree_digest(tmp_path / "site"), tree_digest(built_site)
    assert "exercise/index.html" in built and "exercise/handout/index.html" in built
    assert sorted(name for name in built.keys() | real.keys() if built.get(name) != real.get(name)) == []


def test_problems_in_a_page_saved_on_windows_or_an_old_mac_are_the_same_at_the_same_lines(tmp_path, project):
    """The same mistakes, in a page saved with LF, CRLF and a byte order mark, and CR: the same
    problems at the same lines (front matter, a shortcode, a link in Markdown and in raw HTML,
    the handout)."""
    page = project / "docs" / "exercise.md"
    edit(page, "updated: 20", "updated: soon\nold_updated: 20")
    edit(page, "## How to do it", "See [the anatomy](anatomy.md#nowhere).\n\n:vidoe: x\n\n"
                                  "<p>A box\n<a href=\"runing.md\">running</a></p>\n\n## How to do it")
    edit(page, "## How many and how often", "## How much")
    lines = {text: line_of(page, text) for text in (
        "updated: soon", "(anatomy.md#nowhere)", ":vidoe:", "runing.md", "handout: true")}
    found = {}
    for how in ("LF", *SAVED_AS):
        if how != "LF":
            page.write_bytes(saved_as(page.read_text(encoding="utf-8"), how))
        found[how] = [str(problem) for problem in build_into(project, tmp_path / "site").problems
                      if problem.is_error]
        page.write_text(page_text(page.read_bytes()), encoding="utf-8")  # LF again
    assert found["LF"] == [
        f"docs/exercise.md:{lines['updated: soon']}: 'updated: soon' is not a date: write it as "
        f"YYYY-MM-DD, for example updated: 2026-11-25",
        f"docs/exercise.md:{lines['handout: true']}: the handout needs a section headed \"How many "
        f"and how often\" with a bulleted list: repetitions, sets, how often, and once you add "
        f"weights",
        f"docs/exercise.md:{lines['(anatomy.md#nowhere)']}: link 'anatomy.md#nowhere': no heading "
        f"'nowhere' on that page",
        f"docs/exercise.md:{lines[':vidoe:']}: unknown shortcode ':vidoe:' (did you mean ':video:'?)",
        f"docs/exercise.md:{lines['runing.md']}: link 'runing.md': page or file not found (did you "
        f"mean 'running.md'?)"]
    assert found == {how: found["LF"] for how in found}
