"""Reading level (checks/reading_level.py): after a build, each page's Flesch-Kincaid grade is
listed, and a page above the target (grade 7) is a warning that says how to make it easier."""

from __future__ import annotations

import re

from conftest import edit, run_build


def test_reading_level_of_every_page_is_reported_and_a_hard_page_warns(project):
    edit(project / "docs" / "how-we-can-help.md", "It finds any weak muscles, in your soleus or anywhere else.",
         "Notwithstanding considerable interindividual anatomical variability, the comprehensive "
         "evaluation systematically identifies musculotendinous insufficiencies affecting the "
         "gastrocnemius-soleus complex, which constitutes the predominant plantarflexor musculature.")
    result = run_build(project)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert re.fullmatch(r"docs/how-we-can-help\.md: warning: reading level is grade \d+\.\d, above the "
                        r"target of 7: use shorter sentences and everyday words", lines[0])
    assert lines[1:5] == ["0 errors, 1 warning", "Handout of docs/exercise.md: PDFs reused (nothing they show has changed)",
                          "Handout of docs/seated-raise.md: PDFs reused (nothing they show has changed)",
                          "Reading level (Flesch-Kincaid grade; target 7 or below):"]
    assert [line.split()[0] for line in lines[5:-1]] == [
        "docs/anatomy.md", "docs/back-to-running.md", "docs/exercise.md", "docs/how-we-can-help.md",
        "docs/index.md", "docs/ladder.md", "docs/references.md", "docs/running.md",
        "docs/seated-raise.md", "docs/self-test.md", "docs/weakness.md"]
