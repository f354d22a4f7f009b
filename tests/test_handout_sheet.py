"""The handout page (handout/sheet.py and its template): beside the exercise page, a proper page
that uses only local files, shows the clinic's details it knows and leaves out the rest, gives the
page's own date, and returns every address and id it wrote, for the link check. On the real site
as built once per run, or (the clinic's phone) a copy of the project."""

from __future__ import annotations

import datetime
import re
from html.parser import HTMLParser
from urllib.parse import urlparse

import pytest

from conftest import (EXERCISE, HANDOUT_PAGE, OUTPUTS, PROJECT_DIR, config_of, edit, front_matter,
                      handout_of, pdf_text)
from soleus_site.site_build import build_into


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs: list[tuple[str, str, dict]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("src", "href"):
            if attrs.get(name):
                self.refs.append((tag, attrs[name], attrs))


def test_handout_page_is_a_proper_page(handout):
    site, _ = handout
    page = (site / HANDOUT_PAGE).read_text(encoding="utf-8")
    assert re.search(r'<html lang="en(-GB)?">', page)
    assert re.search(r"<title>[^<]{10,}</title>", page)
    assert re.search(r'<meta name="description" content="[^"]{30,}">', page)
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert '<a class="toolbar__back" href="../">' in page
    assert 'href="bent-knee-heel-raise-a4.pdf"' in page
    assert 'href="bent-knee-heel-raise-letter.pdf"' in page
    assert '<a href="bent-knee-heel-raise-large-print.pdf">large-print PDF (A4)</a>' in page
    # 6 weeks x 7 days, every other day; 3 legs and 3 levels to tick in the plan
    assert page.count('<span class="box"') == 3 + 3  # 3 legs and 3 levels to tick in the plan
    assert page.count('<th scope="col">Date</th>') == 2  # the session record's two halves


def test_handout_page_uses_only_local_files(handout):
    site, config = handout
    page_path = site / HANDOUT_PAGE
    parser = _Refs()
    parser.feed(page_path.read_text(encoding="utf-8"))
    own_site = urlparse(config.site_url).netloc
    clinic_site = urlparse(config.extra["clinic"]["website"]).netloc
    assets = [(tag, ref) for tag, ref, attrs in parser.refs
              if tag in ("img", "script", "source", "video", "audio", "iframe")
              or (tag == "link" and attrs.get("rel") != "canonical")]
    assert len(assets) >= 4  # stylesheet, two pictures, QR code
    stylesheets = []
    for tag, ref in assets:
        assert not urlparse(ref).scheme and not ref.startswith("//"), ref
        file = (page_path.parent / ref).resolve()
        assert file.is_file() and site.resolve() in file.parents, ref
        if ref.endswith(".css"):
            stylesheets.append(file)
    for stylesheet in stylesheets:
        for ref in re.findall(r"url\(\s*['\"]?([^'\")]+)", stylesheet.read_text()):
            assert not urlparse(ref).scheme, ref
            assert (stylesheet.parent / ref).is_file(), ref
    for tag, ref, attrs in parser.refs:
        if tag == "a":
            url = urlparse(ref)
            if url.scheme in ("http", "https"):
                assert url.netloc in (own_site, clinic_site), ref
            elif url.scheme not in ("mailto", "tel"):
                target = (page_path.parent / url.path).resolve()
                assert target.is_file() or (target / "index.html").is_file(), ref


def test_empty_clinic_details_are_left_out_and_known_ones_shown(handout, project):
    site, _ = handout
    page = (site / HANDOUT_PAGE).read_text(encoding="utf-8")
    clinic = config_of(PROJECT_DIR).extra["clinic"]
    for label, key in (("Email:", "email"), ("Book an appointment", "booking_url")):
        assert (label in page) == bool(clinic[key])
    # No number yet: a line for the clinician to write it on, and no link
    assert clinic["phone"] == ""
    assert "Phone: <span class=\"blank\"" in page and "tel:" not in page

    edit(project / "mkdocs.yml", 'phone: ""', 'phone: "01234 567 890"')
    assert build_into(project, project / "site").problems == []
    page = (project / "site" / HANDOUT_PAGE).read_text(encoding="utf-8")
    assert 'Phone: <a href="tel:+441234567890">01234 567890</a>' in page
    assert 'class="blank"' not in page
    assert "Email:" not in page
    assert "Phone: 01234 567890" in pdf_text(project / "site" / OUTPUTS.pdf_a4)


def test_the_last_updated_date_is_the_pages_own(handout):
    site, _ = handout
    updated: datetime.date = front_matter(PROJECT_DIR, "exercise.md")["updated"]
    assert (f'<time datetime="{updated.isoformat()}">{updated.day} {updated:%B %Y}</time>'
            in (site / HANDOUT_PAGE).read_text(encoding="utf-8"))


# Every address and id the sheet wrote, for the link check ----------------------------------------

@pytest.mark.parametrize("for_pdf", [False, True], ids=["page", "pdf sheet"])
def test_the_sheet_returns_every_address_and_id_it_wrote(picture_docs, for_pdf):
    """The link check takes the handout page's links and ids from render_page, not by parsing the
    page: a link written past link(), or an id past anchor(), would go unchecked."""
    import lxml.html

    from soleus_site.clinic import clinic_details
    from soleus_site.handout import SiteInfo
    from soleus_site.handout.sheet import render_page
    from soleus_site.source_lines import URL_ATTRIBUTES

    clinic, _ = clinic_details({"clinic": {"name": "Active Podiatry", "website": "https://example.org/",
                                           "email": "hello@example.org"}}, PROJECT_DIR / "mkdocs.yml")
    sheet = render_page(handout_of(EXERCISE, picture_docs), SiteInfo("Soleus", "https://example.org/",
                                                             "assets/favicon.png", clinic), for_pdf)
    document = lxml.html.document_fromstring(sheet.html)
    written = [(kind, element.get(attribute)) for element in document.iter(*URL_ATTRIBUTES)
               for attribute, kind in URL_ATTRIBUTES[element.tag] if element.get(attribute) is not None]
    assert sheet.links == written
    assert ("link", "mailto:hello@example.org") in written and ("picture", "qr-page.svg") in written
    assert sheet.ids == set(document.xpath("//@id")) and "tracker" in sheet.ids
