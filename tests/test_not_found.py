"""The 404 page: plain words for a lost visitor, and links back that work at any depth under
site_url's path (https://activepodiatry.co.uk/soleus/ -> /soleus/)."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from conftest import PAGES, article_text, page_html

SITE_PATH = "/soleus/"  # the path of site_url in mkdocs.yml
HEADING = "Page not found"
SENTENCE = "We cannot find that page. It may have moved, or the address may have a typing mistake."
LINKS = {  # link text -> href
    "Go to the start of the guide": "/soleus/",
    "Go to the exercise": "/soleus/exercise/",
    "Visit the Active Podiatry website": "https://activepodiatry.co.uk/",
}


def not_found_html(site: Path) -> str:
    return (site / "404.html").read_text(encoding="utf-8")


def article_links(site: Path) -> dict[str, str]:
    """The links in the 404 page's article: text -> href."""
    tree = lxml.html.fromstring(not_found_html(site))
    (article,) = tree.xpath("//article")
    return {" ".join(a.text_content().split()): a.get("href") for a in article.iter("a")}


def test_words_for_a_lost_visitor(built_site):
    tree = lxml.html.fromstring(not_found_html(built_site))
    assert [h.text_content().strip() for h in tree.xpath("//article//h1")] == [HEADING]
    assert SENTENCE in article_text(not_found_html(built_site))
    assert tree.findtext(".//title") == "Page not found - Strengthen your soleus"


def test_links_back_are_absolute_under_the_site_path(built_site):
    assert article_links(built_site) == LINKS


def test_links_back_lead_to_built_pages(built_site):
    """Following each link from any depth (/soleus/a/b/c) reaches a page of the built site."""
    for href in list(article_links(built_site).values())[:2]:
        assert href.startswith(SITE_PATH)
        target = built_site / href.removeprefix(SITE_PATH) / "index.html"
        assert target.is_file(), f"{href} leads to {target}, which was not built"


def test_no_page_dates_on_the_404_page(built_site):
    html = not_found_html(built_site)
    assert "Page last updated" not in html
    assert 'class="page-info"' not in html
    # ...while the pages themselves keep them, so the check above can tell the difference.
    assert "Page last updated" in page_html(built_site, "exercise")


@pytest.mark.parametrize("page", [*PAGES, "404"])
def test_every_page_is_in_english(built_site, page):
    html = not_found_html(built_site) if page == "404" else page_html(built_site, page)
    assert '<html lang="en-GB"' in html
