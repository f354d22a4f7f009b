"""The 404 page: plain words for a lost visitor, and links back that work at any depth, wherever
the site is served: at site_url's path (https://activepodiatry.co.uk/soleus/ -> /soleus/), or at
another (a preview, a fork's GitHub Pages address). Its addresses are relative to the site's root,
which its first script finds and makes its <base> (overrides/404.html)."""

from __future__ import annotations

import functools
import io
import mimetypes
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
import pytest

from conftest import PAGES, article_text, page_html

SITE_PATH = "/soleus/"  # the path of site_url in mkdocs.yml
HEADING = "Page not found"
SENTENCE = "We cannot find that page. It may have moved, or the address may have a typing mistake."
LINKS = {  # link text -> href, relative to the site's root (the page's <base>)
    "Go to the start of the guide": "./",
    "Go to the exercise": "./exercise/",
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


def test_links_back_are_relative_to_the_sites_root(built_site):
    assert article_links(built_site) == LINKS


def test_links_back_lead_to_built_pages(built_site):
    for href in list(article_links(built_site).values())[:2]:
        target = built_site / href / "index.html"
        assert target.is_file(), f"{href} leads to {target}, which was not built"


def test_only_the_404_page_may_set_a_base_on_the_sites_own_host(built_site):
    def base_uri(html):
        return re.search(r"base-uri [^;\"]+", html).group()
    assert base_uri(not_found_html(built_site)) == "base-uri 'self'"
    assert {base_uri(page_html(built_site, page)) for page in PAGES} == {"base-uri 'none'"}


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


# The 404 page in a browser, served as GitHub Pages serves it -----------------------------------

class _PagesHandler(SimpleHTTPRequestHandler):
    """The site under `prefix`, and its 404.html with the status 404 for any address under the
    prefix that is not one of its files, as GitHub Pages serves a project's site."""

    def __init__(self, *args, site: Path, prefix: str, **kwargs):
        self.site, self.prefix = site, prefix
        super().__init__(*args, directory=str(site), **kwargs)

    def log_message(self, *args):
        pass

    def send_head(self):
        path = unquote(urlsplit(self.path).path)
        if not path.startswith(self.prefix):
            self.send_error(404)
            return None
        target = (self.site / path.removeprefix(self.prefix)).resolve()
        if target.is_dir() and not path.endswith("/"):
            self.send_response(301)
            self.send_header("Location", path + "/")
            self.end_headers()
            return None
        if target.is_dir():
            target = target / "index.html"
        status = 200
        if not (target.is_file() and target.is_relative_to(self.site.resolve())):
            target, status = self.site / "404.html", 404
        body = target.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", mimetypes.guess_type(target.name)[0] or "application/octet-stream")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@pytest.fixture(scope="module", params=[SITE_PATH, "/a-fork/preview/"])
def pages_site(request, built_site):
    """The real site served under site_url's path, or under another: (address of the server, prefix)."""
    handler = functools.partial(_PagesHandler, site=built_site, prefix=request.param)
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", request.param
    server.shutdown()


def test_the_404_page_works_at_a_deep_unknown_address(visit, pages_site):
    server, prefix = pages_site
    lost = prefix.lstrip("/") + "a/b/c/nope/"
    current = visit(lost, 360, base=server)
    page = current.page
    assert page.title() == "Page not found - Strengthen your soleus"
    # Its stylesheets loaded (the header is the clinic's green), and its scripts ran (the menu
    # is a button, keyboard.js's)
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor") == \
        "rgb(0, 105, 92)"
    links = page.locator("article a, nav.md-nav--primary a.md-nav__link").evaluate_all(
        "links => links.map(link => link.href)")
    site = server + prefix.lstrip("/")
    inside = [link for link in links if link.startswith(server)]
    # The page's two links and the menu's eleven pages, each under the address the site is served at
    assert len(inside) == 13 and all(link.startswith(site) for link in inside), links
    assert all(page.request.get(link).status == 200 for link in inside)
    # The skip link stays on this page
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.url == server + lost + "#page-not-found"
    page.wait_for_timeout(200)  # Material closes the menu and search 125 ms after the # changes
    # Search finds the pages (Material reads the site's root from its settings, set by the page)
    page.get_by_role("button", name="Search").click()
    page.keyboard.type("calf")
    result = page.locator(".md-search-result__link").first
    result.wait_for(timeout=10000)
    assert result.evaluate("link => link.href").startswith(site)
    page.keyboard.press("Escape")
    # The menu opens, and its links lead to the pages
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("link", name="The exercise", exact=True).click()
    page.wait_for_url(site + "exercise/")
    assert page.get_by_role("heading", level=1).first.inner_text().startswith("The exercise")
