"""GitHub: the build's problems as annotations on their lines, and a workflow zizmor passes."""

from __future__ import annotations

import datetime
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import PROJECT_DIR, copy_project, edit, line_of
from conftest import run_build as conftest_run_build
from soleus_site.problems import Problem

WORKFLOWS = PROJECT_DIR / ".github" / "workflows"
TODAY = datetime.date.today()


def _load_build_script():
    spec = importlib.util.spec_from_file_location("build_script", PROJECT_DIR / "scripts" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


workflow_command = _load_build_script().workflow_command


def run_build(project: Path, *args: str, github: bool) -> subprocess.CompletedProcess:
    """scripts/build.py on a copy, as on GitHub Actions (GITHUB_ACTIONS=true) or not (unset)."""
    return conftest_run_build(project, *args, env={"GITHUB_ACTIONS": "true" if github else None})


def commands(result: subprocess.CompletedProcess) -> list[str]:
    """The workflow commands written, from either stream."""
    return [line for line in (result.stdout + result.stderr).splitlines() if line.startswith("::")]


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


@pytest.fixture
def broken_link(project):
    edit(project / "docs" / "index.md", "(running.md)", "(runing.md)")
    return project, line_of(project / "docs" / "index.md", "(runing.md)")


@pytest.mark.parametrize("command", ["build", "check"])
def test_an_error_is_annotated_on_its_line_and_the_report_is_unchanged(broken_link, command):
    project, line = broken_link
    result = run_build(project, command, github=True)
    assert result.returncode == 1
    assert commands(result) == [
        f"::error file=docs/index.md,line={line}::link 'runing.md': page or file not found "
        f"(did you mean 'running.md'?)"]
    assert result.stdout.splitlines()[:2] == [
        f"docs/index.md:{line}: link 'runing.md': page or file not found (did you mean 'running.md'?)",
        "1 error, 0 warnings"]


def test_a_warning_is_annotated_as_a_warning(project):
    soon = TODAY + datetime.timedelta(days=10)
    edit(project / "docs" / "running.md", "review_due: 2027-11-25", f"review_due: {soon}")
    result = run_build(project, "build", github=True)
    assert result.returncode == 0, result.stdout
    line = line_of(project / "docs" / "running.md", "review_due:")
    assert commands(result) == [
        f"::warning file=docs/running.md,line={line}::review is due on {soon.strftime('%-d %B %Y')}, "
        f"in 10 days: check the page is still right, then set 'updated:' to today and "
        f"'review_due:' to the next review date"]


def test_without_github_actions_nothing_is_annotated(broken_link):
    project, line = broken_link
    result = run_build(project, "check", github=False)
    assert result.returncode == 1
    assert commands(result) == []
    assert result.stdout.splitlines()[:2] == [
        f"docs/index.md:{line}: link 'runing.md': page or file not found (did you mean 'running.md'?)",
        "1 error, 0 warnings"]


@pytest.mark.parametrize("problem, expected", [
    (Problem("docs/index.md", 12, "link 'x.md': not found"),
     "::error file=docs/index.md,line=12::link 'x.md': not found"),
    (Problem("mkdocs.yml", 0, "no 'nav:'"), "::error file=mkdocs.yml::no 'nav:'"),
    (Problem("", 0, "MkDocs stopped"), "::error::MkDocs stopped"),
    (Problem("docs/running.md", 4, "review is due", "warning"),
     "::warning file=docs/running.md,line=4::review is due"),
    # Properties escape % \r \n : and , ; the message only % \r \n, % first.
    (Problem("docs/a,b:c 100%.md", 3, "100% sure, really: %0A\r\nnext", "warning"),
     "::warning file=docs/a%2Cb%3Ac 100%25.md,line=3::100%25 sure, really: %250A%0D%0Anext"),
])
def test_workflow_command_form_and_escaping(problem, expected):
    assert workflow_command(problem) == expected


def zizmor() -> str:
    found = Path(sys.executable).with_name("zizmor")
    if found.exists():
        return str(found)
    if on_path := shutil.which("zizmor"):
        return on_path
    if os.environ.get("CI") == "true":
        pytest.fail("zizmor is missing: CI must install requirements-test.txt", pytrace=False)
    pytest.skip("zizmor is missing: run  make test  to install it")


def test_zizmor_finds_nothing_in_the_workflows():
    """zizmor, offline (it never uses the network): actions pinned to commits, checkout without
    kept credentials, least-privilege permissions, no template injection."""
    result = subprocess.run([zizmor(), "--offline", "--no-progress", "--color", "never",
                             str(WORKFLOWS.relative_to(PROJECT_DIR))],
                            capture_output=True, text=True, cwd=PROJECT_DIR)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report." in result.stdout


def test_each_action_is_pinned_to_a_commit_with_its_version_noted():
    for workflow in WORKFLOWS.glob("*.y*ml"):
        for number, line in enumerate(workflow.read_text().splitlines(), 1):
            if "uses:" in line:
                assert re.search(r"uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), \
                    f"{workflow.name}:{number}: pin to a commit, version in a comment: {line.strip()}"


def test_pull_requests_are_built_and_their_site_kept_for_review():
    workflow = yaml.safe_load((WORKFLOWS / "publish.yml").read_text())
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key `on` as True
    steps = workflow["jobs"]["test-and-build"]["steps"]
    build = next(i for i, step in enumerate(steps) if "scripts/build.py" in step.get("run", ""))
    kept = [step for step in steps[build:] if step.get("uses", "").startswith("actions/upload-artifact@")]
    assert [(step["if"], step["with"]["path"]) for step in kept] == [
        ("github.event_name == 'pull_request'", "site")]
