"""The handout page (handout/sheet.py and its template): beside the exercise page, a proper page
that uses only local files, shows the clinic's details it knows and leaves out the rest, gives the
page's own date, and returns every address and id it wrote, for the link check. On the real site
as built once per run, or (the clinic's phone) a copy of the project."""

from __future__ import annotations

import datetime
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import lxml.html
import pytest
from page_rendering import render

from conftest import (EXERCISE, HANDOUT_PAGE, OUTPUTS, PROJECT_DIR, config_of, edit, front_matter,
                      handout_of, pdf_text)
from soleus_site.handout.content import read_handout
from soleus_site.handout.outputs import HandoutOutputs
from soleus_site.handout.sheet import LinkedPage, SiteInfo, qr_svg, render_page
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


def test_the_handout_page_asks_for_its_fonts_with_its_stylesheet(handout):
    """The fonts its stylesheet names are preloaded from the page's head, so they are fetched at
    once, not once the stylesheet has arrived: the words move less as they load (Lighthouse's
    layout shift on the handout page: 0.075, then 0, and performance 98 to 100 on a phone)."""
    site, _ = handout
    page = lxml.html.parse(str(site / HANDOUT_PAGE)).getroot()
    preloaded = [(link.get("href"), link.get("as"), link.get("type"), link.get("crossorigin"))
                 for link in page.head.xpath("link[@rel='preload']")]
    stylesheet = (site / HANDOUT_PAGE).parent.joinpath("handout.css").read_text(encoding="utf-8")
    fonts = re.findall(r'src: url\("(fonts/[^"]+\.ttf)"\)', stylesheet)
    assert len(fonts) == 2
    assert preloaded == [(font, "font", "font/ttf", "") for font in fonts]
    assert all((site / HANDOUT_PAGE).parent.joinpath(font).is_file() for font in fonts)


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


# ------------------------------------------------------------------------------------------------
# The handout's page and sheet (handout/sheet.py `render_page` with handout.html), rendered
# in-process from a small exercise page read as the build reads it: write_handout writes exactly
# this HTML as the built handout page (exercise/handout/index.html). Fast: no site is built.

SHEET_PAGE = """\
---
title: Heel raise
description: A heel raise for the calf.
handout: true
---

# The exercise: heel raise

This makes your calf stronger.

!!! warning "Check with us first"
    Ask us first after surgery.

## How to do it

![Start: on the step](images/start.svg)

1. Stand on a step.
2. Push up slowly.

## How many and how often

- **Sets:** 2 to 3 &lt;b&gt;sets&lt;/b&gt; & a rest.
- **Repetitions:** up to 15 <i>slow</i> ones.
- **How often:** every other day.

## How it should feel

Tired is normal.

!!! warning "When to stop"
    Stop when it hurts.

## When to get help

!!! danger "A possible blood clot"
    Call 999.
"""
SITE = SiteInfo("Strengthen your soleus", "https://example.org/soleus/", "assets/favicon.svg",
                {"name": "Active Podiatry", "description": "", "website": "https://example.org/",
                 "phone": "", "phone_dial": "", "email": "", "address": "", "booking_url": "",
                 "clinical_author": "", "clinical_reviewer": ""})


@pytest.fixture
def content(tmp_path):
    docs = tmp_path / "docs"
    (docs / "images").mkdir(parents=True)
    (docs / "images" / "start.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" '
                                               'viewBox="0 0 480 360"/>', encoding="utf-8")
    return sheet_content_of(SHEET_PAGE, docs)


def sheet_html(content, site, for_pdf=False) -> str:
    """The sheet's HTML as render_page writes it."""
    return render_page(content, site, for_pdf).html


def sheet_content_of(text: str, docs: Path):
    _, root, source_map = render(text, "exercise.md")
    content = read_handout(root, source_map, HandoutOutputs.for_page("exercise/index.html", "Heel raise"),
                           "https://example.org/soleus/exercise/", docs)
    assert not hasattr(content, "message"), content  # a Problem: the page lacks a part
    return content


def hints(page_html: str) -> dict[str, tuple[str, list[str]]]:
    """Each dosage hint of the page's form by its field: (its text, the tags inside it)."""
    return {span.get("id"): (span.text_content(), [child.tag for child in span.iter()][1:])
            for span in lxml.html.document_fromstring(page_html).xpath("//span[@class='prepare__hint']")}


# The way back: the page's video and the ladder --------------------------------------------------

LADDER = LinkedPage("The ladder: six levels", "ladder/index.html")


def online(page_html: str) -> str:
    """The sheet's lines that lead back online, as a reader sees them (without the PDFs'
    zero-width spaces, where an address may break)."""
    [section] = lxml.html.document_fromstring(page_html).find_class("online")
    return " ".join(section.text_content().replace("\u200b", "").split())


@pytest.mark.parametrize("has_video, word", [(True, "Video"), (False, "Online")])
def test_the_sheet_says_video_only_when_its_page_shows_one(content, has_video, word):
    content.has_video = has_video
    for for_pdf in (False, True):
        assert online(sheet_html(content, SITE, for_pdf)).startswith(
            f"{word}: scan the code, or go to example.org/soleus/exercise/")


def test_the_sheet_leads_to_the_ladder_by_its_address_and_the_page_by_its_title(content):
    site = SiteInfo(SITE.site_name, SITE.site_url, SITE.favicon, SITE.clinic, ladder=LADDER)
    page = sheet_html(content, site)
    assert online(page).endswith("All the levels, and when to move on: example.org/soleus/ladder/")
    document = lxml.html.document_fromstring(page)
    assert [(a.get("href"), a.text_content()) for a in document.find_class("toolbar__ladder")] == [
        ("../../ladder/", "The ladder: six levels")]
    assert 'href="https://example.org/soleus/ladder/">example.org/<wbr>soleus/<wbr>ladder/<wbr></a>' in page
    # In the PDFs the address breaks at zero-width spaces, inside its one link (PDF/UA)
    assert ('href="https://example.org/soleus/ladder/">example.org/\u200bsoleus/\u200bladder/\u200b</a>'
            in sheet_html(content, site, for_pdf=True))


def test_without_an_address_for_the_site_the_sheet_names_the_ladder_by_its_title(content):
    site = SiteInfo(SITE.site_name, "", SITE.favicon, SITE.clinic, ladder=LADDER)
    page = sheet_html(content, site)
    assert online(page).endswith("All the levels, and when to move on: The ladder: six levels")
    assert '<a class="url" href="../../ladder/">The ladder: six levels</a>' in page


def test_the_page_preloads_the_sheets_two_fonts_and_the_pdfs_sheet_none(content):
    def preloaded(page_html):
        return [(link.get("href"), link.get("as")) for link in
                lxml.html.document_fromstring(page_html).xpath("//head/link[@rel='preload']")]

    assert preloaded(sheet_html(content, SITE)) == [
        ("fonts/AtkinsonHyperlegibleOpenZero-Regular.ttf", "font"),
        ("fonts/AtkinsonHyperlegibleOpenZero-Bold.ttf", "font")]
    assert preloaded(sheet_html(content, SITE, for_pdf=True)) == []


def test_without_a_ladder_the_sheet_names_none(content):
    page = sheet_html(content, SITE)
    assert "All the levels" not in page and "toolbar__ladder" not in page


# The handout page's Content-Security-Policy ----------------------------------------------------

def policy_of(page_html: str) -> str:
    return lxml.html.document_fromstring(page_html).xpath(
        "//meta[@http-equiv='Content-Security-Policy']/@content")[0]


def script_hashes(page_html: str) -> str:
    """The policy's words for the page's inline scripts: each one's sha256, as CSP writes it."""
    import base64
    import hashlib

    scripts = lxml.html.document_fromstring(page_html).xpath("//script[not(@src)]/text()")
    assert len(scripts) == 1  # the script that shows the form once scripts run
    return " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"
                    for text in scripts)


def test_the_handout_page_may_run_only_its_own_inline_script_and_nothing_from_elsewhere(content):
    page = sheet_html(content, SITE)
    assert policy_of(page) == (
        "default-src 'self'; img-src 'self' data:; "
        f"script-src 'self' {script_hashes(page)}; "
        "style-src 'self' 'unsafe-inline'; "  # the blanks' widths are style attributes
        "frame-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'")


def test_in_the_preview_the_handout_page_lets_mkdocs_live_reload_script_run(content):
    preview = SiteInfo(SITE.site_name, SITE.site_url, SITE.favicon, SITE.clinic, preview=True)
    assert "script-src 'self' 'unsafe-inline';" in policy_of(sheet_html(content, preview))


def test_the_sheet_the_pdfs_are_made_from_has_no_policy_and_the_page_is_the_default(content):
    """The PDFs run nothing: their sheet has no policy; render_page makes the page unless asked."""
    def policies(page_html):
        return lxml.html.document_fromstring(page_html).xpath("//meta[@http-equiv='Content-Security-Policy']")

    assert policies(sheet_html(content, SITE, for_pdf=True)) == []
    assert len(policies(render_page(content, SITE).html)) == 1


# The form's dosage hints -----------------------------------------------------------------------

def test_html_in_the_pages_dosage_shows_as_text_in_the_forms_hints(content):
    page = sheet_html(content, SITE)
    # As written: the page's &lt;b&gt; is the text <b>, escaped again on the handout page
    assert ('<span class="prepare__hint" id="hint-sets">The exercise page says: 2 to 3 '
            '&lt;b&gt;sets&lt;/b&gt; &amp; a rest.</span>') in page
    assert hints(page) == {
        "hint-sets": ("The exercise page says: 2 to 3 <b>sets</b> & a rest.", []),
        "hint-repetitions": ("The exercise page says: up to 15 slow ones.", []),
        "hint-times_a_week": ("The exercise page says: every other day.", []),
    }


def test_each_hint_is_the_description_of_its_field(content):
    form = lxml.html.document_fromstring(sheet_html(content, SITE)).get_element_by_id("prepare")
    described = {field.get("name"): field.get("aria-describedby")
                 for field in form.xpath(".//input[@type='text']")}
    assert described == {"patient": None, "level": None, "sets": "hint-sets",
                         "repetitions": "hint-repetitions", "weight": None,
                         "times_a_week": "hint-times_a_week", "clinician": None}


def test_the_pdfs_sheet_has_no_prepare_form_and_so_no_hints(content):
    sheet = sheet_html(content, SITE, for_pdf=True)
    assert 'id="prepare"' not in sheet and "prepare__hint" not in sheet


# The patient's name ----------------------------------------------------------------------------

def autocomplete_of(field) -> str | None:
    """A field's autocomplete as the browser reads it: its own attribute, else its form's."""
    if field.get("autocomplete") is not None:
        return field.get("autocomplete")
    form = next(field.iterancestors("form"), None)
    return form.get("autocomplete") if form is not None else None


def test_the_browser_is_told_not_to_remember_the_patients_name(content):
    document = lxml.html.document_fromstring(sheet_html(content, SITE))
    [patient] = document.xpath("//input[@name='patient']")
    [label] = document.xpath("//label[@for='plan-patient']")
    assert (patient.get("id"), patient.get("type")) == ("plan-patient", "text")
    assert " ".join(label.text_content().split()) == "Patient\u2019s name (optional)"
    assert autocomplete_of(patient) == "off"


# The whole sheet: every part of the page in its place, on the page and in the PDFs' sheet -------

RICH = """\
---
title: Heel raise
description: A heel raise for the calf.
handout: true
updated: 2026-03-05
review_due: 2027-03-05
---

# The exercise: heel raise

This makes your calf **stronger**.

!!! warning "Check with us first"
    Ask us first after **surgery**.

## How to do it

Work *one* leg at a time.

![Start: on the step](images/start.svg)

/// caption
Start *here*
///

![Top: heels up](images/top.svg)

1. Stand on a **step**.
2. Push up slowly.

## Tips for success

![Mistake: knee straight](images/mistake.svg)

/// caption
Keep it *bent*
///

## How many and how often

- **Sets:** 2 to 3.
- **Repetitions:** up to 15.

## How it should feel

Tired is **normal**.

## Make it easier or harder

- **Easier:** both *feet*.
- **Harder:** hold a weight.

!!! warning "When to stop"
    Stop when it **hurts**.

## When to get help

!!! danger "A possible blood clot"
    Call **999**.

!!! warning "See your GP"
    If it *swells*.
"""

CLINIC = {"name": "Active Podiatry", "description": "a clinic", "website": "https://example.org/",
          "phone": "01234 567890", "phone_dial": "+441234567890", "email": "hi@example.org",
          "address": "", "booking_url": "", "clinical_author": "J. Patel, Podiatrist",
          "clinical_reviewer": "A. Reviewer"}


@pytest.fixture
def rich(tmp_path):
    docs = tmp_path / "docs"
    (docs / "images").mkdir(parents=True)
    for name in ("start", "top", "mistake"):
        (docs / "images" / f"{name}.svg").write_text(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 480 360"/>', encoding="utf-8")
    return sheet_content_of(RICH, docs)


def folded(html: str) -> str:
    return " ".join(html.split())


def assert_in_order(html: str, fragments: list[str]) -> None:
    """Each fragment (whitespace folded) is in the HTML, after the one before it."""
    text, position = folded(html), 0
    for fragment in fragments:
        found = text.find(folded(fragment), position)
        assert found >= 0, f"not found (after the fragment before): {fragment}"
        position = found + len(folded(fragment))


SHEET_PARTS = [
    '<p class="kicker"><span class="clinic-name">Active Podiatry</span><br>Strengthen your soleus</p>',
    "<h1>Heel raise</h1>",
    '<p class="purpose">This makes your calf <strong>stronger</strong>.</p>',
    '<img src="../../images/start.svg" alt="Start: on the step" width="480" height="360">',
    '<figcaption><span class="num" aria-hidden="true">1</span> Start <em>here</em></figcaption>',
    '<img src="../../images/top.svg" alt="Top: heels up" width="480" height="360"> </figure>',
    '<img src="../../images/mistake.svg" alt="Mistake: knee straight" width="480" height="360">',
    "<figcaption>Keep it <em>bent</em></figcaption>",
    '<h2 id="check-first"><span class="sign" aria-hidden="true">!</span> Check with us first</h2>',
    "<p>Ask us first after <strong>surgery</strong>.</p>",
    '<h2 id="how-to">How to do it</h2> <p>Work <em>one</em> leg at a time.</p>',
    "<ol> <li>Stand on a <strong>step</strong>.</li> <li>Push up slowly.</li> </ol>",
    '<h2 id="stop"><span class="sign" aria-hidden="true">!</span> When to stop</h2>',
    "<p>Stop when it <strong>hurts</strong>.</p>",
    '<h2 id="how-many">How many and how often</h2> <ul> <li><strong>Sets:</strong> 2 to 3.</li> '
    "<li><strong>Repetitions:</strong> up to 15.</li> </ul>",
    '<h2 id="feel">How it should feel</h2> <p>Tired is <strong>normal</strong>.</p>',
    '<h2 id="get-help"><span class="sign" aria-hidden="true">!</span> When to get help</h2>',
    '<h3 id="help-1">A possible blood clot</h3> <p>Call <strong>999</strong>.</p>',
    '<h3 id="help-2">See your GP</h3> <p>If it <em>swells</em>.</p>',
]
SHEET_END = [
    "The next morning, write how your calf feels: better, same or worse.</p>",
    '<caption class="visually-hidden kept-in-print">Sessions 1 to 4</caption>',
    '<caption class="visually-hidden kept-in-print">Sessions 5 to 8</caption>',
    '<img class="qr" src="qr-page.svg" alt="QR code: scan it with your phone\'s camera to open the '
    'exercise page, example.org/soleus/exercise/" width="33" height="33">',
]
# The video's address may break after each "/": <wbr> on the page, a zero-width space in the PDFs
# (a <wbr> in a link is a link annotation of its own there)
PAGE_URL = '<a class="url" href="https://example.org/soleus/exercise/">example.org/<wbr>soleus/<wbr>exercise/<wbr></a>'
PDF_URL = ('<a class="url" href="https://example.org/soleus/exercise/">example.org/\u200bsoleus/'
           '\u200bexercise/\u200b</a>')
VERSION = ('<p class="version">Version: <time datetime="2026-03-05">5 March 2026</time> &middot; '
           'Next review due: <time datetime="2027-03-05">5 March 2027</time></p>')


def test_the_handout_page_shows_every_part_of_its_page(rich):
    page = sheet_html(rich, SITE)
    assert_in_order(page, [
        "<title>Heel raise: exercise sheet | Active Podiatry</title>",
        '<meta name="description" content="A sheet to print or download: how to do the heel raise to',
        '<meta name="dcterms.created" content="2026-03-05">',
        '<link rel="canonical" href="https://example.org/soleus/exercise/handout/">',
        '<link rel="icon" href="../../assets/favicon.svg">',
        '<link rel="stylesheet" href="handout.css">',
        '<script>document.documentElement.classList.add("js");</script>',
        '<link rel="stylesheet" href="handout-narrow.css" media="screen and (max-width: 760px)">',
        '<a class="toolbar__back" href="../">&larr; Back to the exercise page</a>',
        '<a href="heel-raise-a4.pdf">A4 PDF</a>, <a href="heel-raise-letter.pdf">US Letter PDF</a> or '
        '<a href="heel-raise-large-print.pdf">large-print PDF (A4)</a>',
        *SHEET_PARTS[:3],  # the sheet's title first, then the clinician's form
        '<legend>Level</legend> <label class="prepare__option"><input type="radio" name="level" '
        'value="Easier"> Easier</label> <label class="prepare__option"><input type="radio" '
        'name="level" value="Harder"> Harder</label>',
        *SHEET_PARTS[3:],
        '<p class="field field--patient" style="--basis: 18.116em">Name <span class="value" data-plan="patient"></span></p>',
        '<p class="field field--clinician" style="--basis: 21.438em">Clinician',
        '<p class="choice">Leg: <span class="option"><span class="box" data-plan="leg" data-value="Left" '
        'aria-hidden="true"></span> Left<span class="visually-hidden tick-state" data-plan="leg" '
        'data-value="Left" data-ticked=" (ticked)" data-not-ticked=" (not ticked)"> (not ticked)</span></span>',
        '<li><span class="box" data-plan="level" data-value="Easier" aria-hidden="true"></span> '
        "<strong>Easier:</strong> both <em>feet</em>.<span class=\"visually-hidden tick-state\" "
        'data-plan="level" data-value="Easier" data-ticked=" (ticked)" data-not-ticked=" (not ticked)">'
        ' (not ticked)</span></li>',
        '<p class="field field--notes" style="--basis: 100%; --notes-lines: 3">Notes',
        *SHEET_END,
        PAGE_URL,
        '<p class="contact"> <strong>Active Podiatry</strong>. <a href="https://example.org/">example.org</a> </p>',
        '<p class="phone">Phone: <span class="blank" style="--room: 10.228em"><span '
        'class="visually-hidden">(your clinician writes it here)</span></span></p>',
        VERSION,
        '<script src="plan.js"></script>',
    ])
    assert folded(page).count("<tr><td></td><td></td><td></td><td></td><td></td></tr>") == 8
    assert 'class="field field--level"' not in page  # the page has levels: they are ticked
    assert 'id="hint-times_a_week"' not in page  # the page says nothing of how often


def test_the_pdfs_sheet_has_fields_for_the_plan_and_the_clinics_details(rich):
    sheet = sheet_html(rich, SiteInfo("Strengthen your soleus", "https://example.org/soleus",
                                       "favicon.png", CLINIC), for_pdf=True)
    assert_in_order(sheet, [
        '<link rel="canonical" href="https://example.org/soleus/exercise/handout/">',
        '<link rel="icon" href="../../favicon.png">',
        *SHEET_PARTS,
        '<form class="your-plan" aria-labelledby="your-plan">',
        '<p class="field field--input field--patient" style="--label: 2.584em; --basis: 18.116em">'
        '<label for="field-patient">Name</label> <input id="field-patient" name="patient" title="Name"></p>',
        '<p class="field field--input field--date" style="--label: 2.034em; --basis: 11.502em">',
        '<p class="field field--input field--clinician" style="--label: 3.828em; --basis: 21.438em">',
        '<p class="field field--input field--sets" style="--label: 1.930em; --basis: 5.293em">',
        '<span class="option"><input type="radio" class="box" name="leg" value="Left" title="Leg"> Left</span>',
        '<p class="field field--input field--repetitions" style="--label: 5.035em; --basis: 14.408em">',
        '<p class="field field--input field--weight" style="--label: 3.051em; --basis: 12.599em">',
        '<p class="field field--input field--times_a_week" style="--label: 5.984em; --basis: 14.602em">',
        '<li><input type="radio" class="box" name="level" value="Easier" title="Your level"> '
        "<strong>Easier:</strong> both <em>feet</em>.</li>",
        '<p class="field field--input field--notes" style="--label: 2.575em; --basis: 100%; '
        '--notes-lines: 3"><label for="field-notes">Notes</label> <textarea id="field-notes" '
        'name="notes" title="Notes" rows="3"></textarea></p>',
        "</form>",
        *SHEET_END,
        PDF_URL,
        '<strong>Active Podiatry</strong>, a clinic. <a href="https://example.org/">example.org</a>'
        '&middot; Phone: <a href="tel:+441234567890">01234 567890</a>&middot; Email: '
        '<a href="mailto:hi@example.org">hi@example.org</a>',
        VERSION,
        '<p class="authors">Written by J. Patel, Podiatrist. Reviewed by A. Reviewer.</p>',
    ])
    assert "<script" not in sheet and 'class="phone"' not in sheet  # the phone is known


def test_without_levels_the_plan_has_a_level_line_and_without_dates_no_version(tmp_path):
    docs = tmp_path / "docs"
    (docs / "images").mkdir(parents=True)
    (docs / "images" / "start.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 3"/>')
    content = sheet_content_of(SHEET_PAGE, docs)
    page, sheet = sheet_html(content, SITE), sheet_html(content, SITE, for_pdf=True)
    assert '<p class="field field--level" style="--basis: 13.886em">Your level <span class="value" data-plan="level"></span></p>' in page
    assert '<p class="field field--input field--level" style="--label: 4.214em; --basis: 13.886em">' in sheet
    assert '<p class="phone">Phone: <input class="blank" name="phone" title="Phone" style="--room: 10.228em"></p>' in sheet
    assert '<p class="version"></p>' in page and "dcterms" not in page
    assert '<span class="num"' not in page  # no caption to number


def test_the_qr_code_opens_the_page_with_medium_error_correction():
    import segno

    url = "https://example.org/soleus/run/"  # long enough for the level to change its size
    svg = qr_svg(url).decode()
    size = segno.make(url, error="m", micro=False).symbol_size(border=4)[0]
    assert size == 37 and segno.make(url, micro=False).symbol_size(border=4)[0] == 33
    assert svg.startswith(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" class="segno">'
                          f'<path fill="#fff" d="M0 0h{size}v{size}h-{size}z"/><path class="qrline" '
                          f'stroke="#000" d="M4 4.5h7')
    assert "<title" not in svg and "<desc" not in svg and "width=" not in svg and "<?xml" not in svg
    # A short address still gets a full QR code (21 modules and the quiet zone), never a Micro QR
    # code, which phones' cameras do not all read
    assert segno.make("https://a.io/", error="m").is_micro
    assert 'viewBox="0 0 29 29"' in qr_svg("https://a.io/").decode()
