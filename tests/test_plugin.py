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

import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from conftest import PROJECT_DIR, copy_project, edit, line_of
from soleus_site.plugin import PLUGIN_NAME, SoleusConfig, SoleusPlugin
from soleus_site.site_build import build_into


def test_mkdocs_yml_names_search_and_the_plugin_and_no_hooks():
    config = yaml.load((PROJECT_DIR / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert config["plugins"] == ["search", "soleus"]
    assert "hooks" not in config
    assert not (PROJECT_DIR / "overrides" / "hooks").exists()


def test_mkdocs_yml_shows_every_setting_with_its_default():
    """Staff find each setting, and its default, in the comment under `- soleus` in mkdocs.yml."""
    shown = dict(re.findall(r"^  #   (\w+): (\S+)", (PROJECT_DIR / "mkdocs.yml").read_text(encoding="utf-8"),
                            re.M))
    defaults = {name: option.default for name, option in SoleusConfig._schema}
    assert shown == {name: str(value).lower() if isinstance(value, bool) else str(value)
                     for name, value in defaults.items()}
    assert defaults["video_warn_mb"] == 20


def test_the_plugin_is_installed_under_its_name():
    project = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["entry-points"]["mkdocs.plugins"] == {
        "soleus": "soleus_site.plugin:SoleusPlugin"}
    [installed] = entry_points(group="mkdocs.plugins", name=PLUGIN_NAME)
    assert installed.load() is SoleusPlugin


def test_settings_in_mkdocs_yml_change_what_the_build_reports(tmp_path):
    project = copy_project(tmp_path / "project")
    edit(project / "mkdocs.yml", "  - soleus\n",
         "  - soleus:\n      reading_grade: 6\n      review_notice_days: 400\n")
    outcome = build_into(project, project / "site")
    assert outcome.reading_grade == 6
    above = sorted(page for page, level in outcome.reading_levels.items() if level and level > 6)
    assert above == ["docs/how-we-can-help.md", "docs/references.md"]
    warnings = [str(problem) for problem in outcome.problems]
    for page in above:
        assert any(warning.startswith(f"{page}: warning: reading level is grade ")
                   and warning.endswith("above the target of 6: use shorter sentences and "
                                        "everyday words") for warning in warnings)
    # Every page is due for review within 400 days
    assert sum("review is due" in warning for warning in warnings) == 7


def test_two_builds_in_one_process_each_report_only_their_own_problems(tmp_path):
    """As `mkdocs serve` does: the same plugin builds again after a page is saved."""
    project = copy_project(tmp_path / "project")
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
                                       "exercise.md", "how-we-can-help.md", "references.md"}


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
