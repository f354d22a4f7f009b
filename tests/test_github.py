"""GitHub: a workflow that tests and builds every push, keeps a pull request's built site for
review, pins each action to a commit, and in which zizmor finds nothing. (The build's problems as
annotations on their lines are tested in test_cli.py.)"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import PROJECT_DIR

WORKFLOWS = PROJECT_DIR / ".github" / "workflows"


def zizmor() -> str:
    found = Path(sys.executable).with_name("zizmor")
    if found.exists():
        return str(found)
    if on_path := shutil.which("zizmor"):
        return on_path
    if os.environ.get("CI") == "true":
        pytest.fail("zizmor is missing: CI must install requirements-test.txt", pytrace=False)
    pytest.skip("zizmor is missing: run  make test  to install it")


@pytest.mark.build
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
