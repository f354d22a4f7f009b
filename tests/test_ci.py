""".ci/run, what CI runs: `make test`, from the project's folder, with CI=true (so a missing
Chromium fails the browser tests instead of skipping them), keeping a CI value it is given. `make`
is replaced by a stub that says what it was asked."""

from __future__ import annotations

import os
import subprocess

import pytest

from conftest import PROJECT_DIR

pytestmark = pytest.mark.build  # each runs .ci/run, a command


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
