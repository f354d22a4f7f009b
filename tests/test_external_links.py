"""Links to other websites, checked only on request (build.py --external), against a local server."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import PROJECT_DIR, free_port, serve
from soleus_site.checks.external import check_external
from soleus_site.checks.links import ExternalLink
from soleus_site.problems import Problem
from soleus_site.site_build import build_into


@pytest.fixture
def other_website(tmp_path):
    (tmp_path / "www").mkdir()
    (tmp_path / "www" / "article.html").write_text("<p>here</p>")
    server, url = serve(tmp_path / "www")
    yield url
    server.shutdown()


def test_missing_page_is_an_error_and_a_dead_host_only_a_warning(other_website, tmp_path):
    dead = f"http://127.0.0.1:{free_port()}/"
    links = [ExternalLink("docs/references.md", 12, other_website + "article.html"),
             ExternalLink("docs/references.md", 14, other_website + "gone.html#part"),
             ExternalLink("mkdocs.yml", 96, dead)]
    problems = check_external(links, tmp_path / "cache.json", timeout=2, retries=0)
    assert [(p.file, p.line, p.severity, p.message.split(" (")[0]) for p in problems] == [
        ("docs/references.md", 14, "error", f"link '{other_website}gone.html#part': broken"),
        ("mkdocs.yml", 96, "warning", f"link '{dead}': unreachable"),
    ]
    assert str(problems[0]) == f"docs/references.md:14: link '{other_website}gone.html#part': broken (HTTP 404)"


def test_results_are_cached_for_a_day_except_unreachable_hosts(other_website, tmp_path):
    cache = tmp_path / "cache.json"
    links = [ExternalLink("docs/index.md", 3, other_website + "gone.html")]
    assert len(check_external(links, cache, timeout=2, retries=0)) == 1
    (tmp_path / "www" / "gone.html").write_text("<p>back</p>")
    # Still cached as broken: the site is not asked again within a day.
    assert check_external(links, cache, timeout=2, retries=0) == [
        Problem("docs/index.md", 3, f"link '{other_website}gone.html': broken (HTTP 404)")]
    stored = json.loads(cache.read_text())
    assert stored[other_website + "gone.html"]["status"] == "broken"


@pytest.mark.build
def test_a_build_visits_other_websites_only_when_asked(other_website, tmp_path):
    """`build --external` turns the plugin's external_links on for that build only: the next build
    in the same process (as under `mkdocs serve`) visits nothing."""
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    shutil.copytree(PROJECT_DIR / "overrides", project / "overrides")  # the pages' policy
    (project / "mkdocs.yml").write_text("site_name: Tiny\nsite_url: https://example.org/\n"
                                        "theme:\n  name: material\n  custom_dir: overrides\n  font: false\n"
                                        "extra:\n  generator: false\nplugins:\n  - soleus\n")
    (project / "docs" / "index.md").write_text(
        "---\ntitle: Tiny\ndescription: One link to another website.\nupdated: 2026-11-25\n"
        f"review_due: 2027-11-25\n---\n\n# Tiny\n\nRead [the article]({other_website}gone.html).\n")
    gone = f"docs/index.md:10: link '{other_website}gone.html': broken (HTTP 404)"

    def messages(external: bool) -> list[str]:
        outcome = build_into(project, tmp_path / f"site-{external}", external)
        return [str(problem) for problem in outcome.problems if "not secure" not in problem.message]

    assert messages(external=True) == [gone]
    assert messages(external=False) == []
    assert json.loads((project / ".cache" / "external-links.json").read_text()).keys() == {
        f"{other_website}gone.html"}
