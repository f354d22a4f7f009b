"""Nothing silently replaced or leaked (issue 21): two files for one address, a draft, an http://
site address, HTML in a clinic detail. Each is an error where staff can mend it, or, for a draft,
a page left out of everything the site publishes."""

from __future__ import annotations

import json

import lxml.html

from conftest import edit, line_of, run_build, tree_digest

DRAFT = ("---\ntitle: Running in winter\ndescription: Not ready yet.\ndraft: true\n"
         "updated: 2026-11-25\nreview_due: 2027-11-25\n---\n\n# Running in winter\n\n"
         "Unfinished words about frost.\n")


def test_two_files_for_one_address_an_http_site_address_and_html_in_a_detail_are_errors(project):
    assert run_build(project).returncode == 0
    before = tree_digest(project / "site")
    (project / "docs" / "exercise").mkdir()
    (project / "docs" / "exercise" / "index.md").write_text(DRAFT.replace("draft: true\n", ""),
                                                           encoding="utf-8")
    config = project / "mkdocs.yml"
    edit(config, '"https://activepodiatry.co.uk/soleus/"', '"http://activepodiatry.co.uk/soleus/"')
    edit(config, '    address: ""', '    address: "1 High St<img src=x onerror=alert(1)>"')
    result = run_build(project, env={"SITE_URL": None})
    assert result.returncode == 1
    expected = [
        "docs/exercise/index.md: is published at the same address as docs/exercise.md (exercise/), "
        "so one would silently replace the other: rename or delete one",
        f"mkdocs.yml:{line_of(config, 'site_url:')}: site_url 'http://activepodiatry.co.uk/soleus/' is "
        f"not a secure (https://) address: publish the site at an https:// address and write it "
        f"here (every page's canonical link and the handout's QR code lead there)",
        f"mkdocs.yml:{line_of(config, 'address:')}: address '1 High St<img src=x onerror=alert(1)>' "
        f"has HTML in it: write it as plain text (the site shows each detail as it is written)",
    ]
    assert [line for line in result.stdout.splitlines() if line in expected] == expected
    assert tree_digest(project / "site") == before


def test_a_clinic_detail_is_printed_as_written_never_as_html(project):
    config = project / "mkdocs.yml"
    edit(config, "    description: a sports podiatry clinic in England",
         '    description: sports & "running" podiatry < 5 minutes from the station')
    assert run_build(project).returncode == 0
    shown = "sports &amp; &#34;running&#34; podiatry &lt; 5 minutes from the station"
    for page in ("index.html", "anatomy/index.html", "404.html", "exercise/handout/index.html"):
        html = (project / "site" / page).read_text(encoding="utf-8")
        assert shown in html.replace("&quot;", "&#34;"), page
    footer = lxml.html.parse(str(project / "site" / "index.html")).getroot().find(".//footer")
    assert 'sports & "running" podiatry < 5 minutes from the station' in footer.text_content()


def test_a_draft_is_left_out_of_every_page_the_search_index_and_the_sitemap(project):
    (project / "docs" / "winter.md").write_text(DRAFT, encoding="utf-8")
    edit(project / "mkdocs.yml", "  - Sources: references.md\n",
         "  - Sources: references.md\n  - Running in winter: winter.md\n")
    result = run_build(project)
    assert result.returncode == 0, result.stdout
    assert "docs/winter.md is a draft (draft: true): not published; make serve shows it" in result.stdout.splitlines()
    site = project / "site"
    assert not (site / "winter").exists()
    published = "".join(path.read_text(encoding="utf-8", errors="replace") for path in site.rglob("*")
                        if path.is_file() and path.suffix in (".html", ".json", ".xml"))
    assert "winter" not in published.lower() and "frost" not in published
    assert all("frost" not in doc["text"] for doc in
               json.loads((site / "search" / "search_index.json").read_text())["docs"])
    # "Next" on the page before it leads past it
    references = lxml.html.parse(str(site / "references" / "index.html")).getroot()
    assert references.xpath("//a[@rel='next']") == []


def test_a_local_preview_address_may_be_http(project):
    """This computer's own address is never published (the bench serves the site there)."""
    result = run_build(project, "check", env={"SITE_URL": "http://127.0.0.1:8000/soleus/"})
    assert result.returncode == 0, result.stdout
