"""Every address a page gives (checks/links.py, which also checks the theme's own links for
checks/theme_links.py): pages, headings, pictures and files through MkDocs' map of the site's
files, root-absolute links, `mailto:` and `tel:`; each broken one says why, with "did you mean"
when a name is close, and other websites are kept for `--external`. In-process, on a small map of
files (fast enough for `make mutate` to run them against every mutant). Broken links in a whole
build: test_cli.py (the report) and test_source_lines.py (their lines)."""

from __future__ import annotations

import pytest
from mkdocs.structure.files import File, Files

from soleus_site.checks.links import SiteMap, check_reference
from soleus_site.page_model import Reference
from soleus_site.problems import Problem


@pytest.fixture
def site(tmp_path) -> SiteMap:
    docs = tmp_path / "docs"
    names = ["index.md", "anatomy.md", "exercise.md", "images/start.svg", "media/clip.mp4"]
    for name in names:
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("x")
    files = Files([File(name, str(docs), str(tmp_path / "site"), True) for name in names])
    return SiteMap(files, "https://example.org/soleus/",
                   {"exercise/index.html": {"how-to-do-it", "tips"},
                    "anatomy/index.html": {"what-it-does"}}, {"404.html"})


def verdict(site: SiteMap, url: str, kind: str = "link", src_uri: str | None = "anatomy.md") -> str:
    return check_reference(Reference(kind, url, 3), src_uri, "anatomy/index.html", site)


@pytest.mark.parametrize("url", [
    "exercise.md", "exercise.md#how-to-do-it", "../exercise/", "../exercise/#tips", "#what-it-does",
    "images/start.svg", "../images/start.svg", "/soleus/exercise/", "/soleus/", "../404.html",
    "https://example.org/soleus/exercise/#tips", "mailto:clinic@example.org", "tel:+441234567890",
    "index.md", "",
])
def test_links_that_work(site, url):
    assert verdict(site, url) == ""


@pytest.mark.parametrize("url, kind, expected", [
    ("exercis.md", "link", "link 'exercis.md': page or file not found (did you mean 'exercise.md'?)"),
    ("../exercse/", "link", "link '../exercse/': page or file not found (did you mean 'exercise.md'?)"),
    ("images/strt.svg", "picture", "picture 'images/strt.svg': file not found (did you mean 'start.svg'?)"),
    ("images/zzz.svg", "picture", "picture 'images/zzz.svg': file not found"),
    ("exercise.md#how-to-doit", "link",
     "link 'exercise.md#how-to-doit': no heading 'how-to-doit' on that page (did you mean '#how-to-do-it'?)"),
    ("#what-it-doe", "link",
     "link '#what-it-doe': no heading 'what-it-doe' on this page (did you mean '#what-it-does'?)"),
    ("../../outside.md", "link", "link '../../outside.md': page or file not found"),
    ("/exercise/", "link", "link '/exercise/': starts with '/', so it points outside the site "
                           "(published at /soleus/); use a relative link such as 'anatomy.md'"),
    ("https://example.org/soleus/exercse/", "link",
     "link 'https://example.org/soleus/exercse/': page or file not found (did you mean 'exercise.md'?)"),
    ("mailto:clinic", "link",
     "link 'mailto:clinic': 'clinic' is not an email address (write it as mailto:name@example.org)"),
    ("tel:call-us", "link",
     "link 'tel:call-us': a phone link needs the number in digits, for example tel:+441234567890"),
    ("javascript:alert(1)", "link", "link 'javascript:alert(1)': 'javascript:' addresses are not "
     "allowed in a page (they can run code or hide what they show): link to a page, a file or a website"),
    ("data:text/html,hi", "picture", "picture 'data:text/html,hi': 'data:' addresses are not "
     "allowed in a page (they can run code or hide what they show): link to a page, a file or a website"),
    ("ftp://example.org/x", "link", "link 'ftp://example.org/x': 'ftp' links are not allowed; use https://"),
    ("//example.org/x", "link", "link '//example.org/x': '//' links are not allowed; use https://"),
])
def test_links_that_do_not_work_say_why(site, url, kind, expected):
    assert verdict(site, url, kind) == expected


def test_other_websites_are_left_to_the_external_check(site):
    assert verdict(site, "https://nhs.uk/") == "external"
    assert verdict(site, "http://nhs.uk/") == "external"


def test_the_themes_own_script_links_are_its_own_a_pages_are_not(site):
    """A page's `javascript:` link is an error; the theme's own (src_uri None) is not checked."""
    assert verdict(site, "javascript:void(0)", src_uri=None) == ""
    assert verdict(site, "javascript:void(0)").startswith("link 'javascript:void(0)': 'javascript:'")


def test_a_themes_link_is_read_as_an_address_not_as_a_docs_file(site):
    """The theme writes built addresses: 'exercise.md' from a theme is no page of the site."""
    assert verdict(site, "exercise.md", src_uri=None) == (
        "link 'exercise.md': page or file not found (did you mean 'exercise.md'?)")
    assert verdict(site, "../exercise/", src_uri=None) == ""


# More of each rule, from the survivors of `make mutate` ------------------------------------------

def test_each_reference_of_a_page_is_checked_and_other_websites_kept_for_later(site):
    from soleus_site.checks.links import ExternalLink, check_references

    references = [Reference("link", "exercise.md", 4), Reference("link", "http://nhs.uk/", 5),
                  Reference("picture", "images/none.svg", 6, "A"), Reference("link", "https://nhs.uk/", 7)]
    external: list[ExternalLink] = []
    problems = check_references(references, "docs/anatomy.md", "anatomy.md", "anatomy/index.html",
                                site, external)
    assert problems == [
        Problem("docs/anatomy.md", 5, "link 'http://nhs.uk/' is not secure (http://): use https:// "
                                      "if the site offers it", "warning"),
        Problem("docs/anatomy.md", 6, "picture 'images/none.svg': file not found")]
    assert external == [ExternalLink("docs/anatomy.md", 5, "http://nhs.uk/"),
                        ExternalLink("docs/anatomy.md", 7, "https://nhs.uk/")]


def test_links_from_a_page_in_a_folder_and_up_to_the_home_page(tmp_path):
    docs = tmp_path / "docs"
    names = ["index.md", "guides/winter.md", "images/start.svg"]
    for name in names:
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("x")
    files = Files([File(name, str(docs), str(tmp_path / "site"), True) for name in names])
    site = SiteMap(files, "https://example.org")
    assert site.base_path == "/"

    def check(url):
        return check_reference(Reference("link", url, 1), "guides/winter.md", "guides/winter/index.html", site)

    assert [check(url) for url in ("../images/start.svg", "../../", "../index.md", "/images/start.svg")] == [""] * 4
    assert check("images/start.svg") == "link 'images/start.svg': page or file not found (did you mean 'start.svg'?)"
    assert site.exists("/images/start.svg/") == "images/start.svg"
    assert site.exists("/guides/winter/") == "guides/winter/index.html"


def test_a_link_to_the_folder_above_a_page_leads_to_the_home_page(site):
    assert verdict(site, "../") == ""
    assert verdict(site, "../..") == "link '../..': page or file not found"


def test_a_link_into_a_folder_whose_name_starts_with_x(tmp_path):
    docs = tmp_path / "docs"
    (docs / "Xrays").mkdir(parents=True)
    (docs / "Xrays" / "index.md").write_text("x")
    site = SiteMap(Files([File("Xrays/index.md", str(docs), str(tmp_path / "site"), True)]),
                   "https://example.org/")
    assert (site.exists("Xrays/"), site.exists("/Xrays")) == ("Xrays/index.html", "Xrays/index.html")
