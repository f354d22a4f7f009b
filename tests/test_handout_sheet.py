"""The handout's page and sheet (handout/sheet.py `render_page` with handout.html), rendered
in-process from a small exercise page read as the build reads it: write_handout writes exactly
this HTML as the built handout page (exercise/handout/index.html). Fast: no site is built."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from page_rendering import render
from soleus_site.handout.content import read_handout
from soleus_site.handout.outputs import HandoutOutputs
from soleus_site.handout.sheet import SiteInfo, render_page

EXERCISE = """\
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
    return handout_of(EXERCISE, docs)


def handout_of(text: str, docs: Path):
    _, root, source_map = render(text, "exercise.md")
    content = read_handout(root, source_map, HandoutOutputs.for_page("exercise/index.html", "Heel raise"),
                           "https://example.org/soleus/exercise/", docs)
    assert not hasattr(content, "message"), content  # a Problem: the page lacks a part
    return content


def hints(page_html: str) -> dict[str, tuple[str, list[str]]]:
    """Each dosage hint of the page's form by its field: (its text, the tags inside it)."""
    return {span.get("id"): (span.text_content(), [child.tag for child in span.iter()][1:])
            for span in lxml.html.document_fromstring(page_html).xpath("//span[@class='prepare__hint']")}


# The form's dosage hints -----------------------------------------------------------------------

def test_html_in_the_pages_dosage_shows_as_text_in_the_forms_hints(content):
    page = render_page(content, SITE)
    # As written: the page's &lt;b&gt; is the text <b>, escaped again on the handout page
    assert ('<span class="prepare__hint" id="hint-sets">The exercise page says: 2 to 3 '
            '&lt;b&gt;sets&lt;/b&gt; &amp; a rest.</span>') in page
    assert hints(page) == {
        "hint-sets": ("The exercise page says: 2 to 3 <b>sets</b> & a rest.", []),
        "hint-repetitions": ("The exercise page says: up to 15 slow ones.", []),
        "hint-times_a_week": ("The exercise page says: every other day.", []),
    }


def test_each_hint_is_the_description_of_its_field(content):
    form = lxml.html.document_fromstring(render_page(content, SITE)).get_element_by_id("prepare")
    described = {field.get("name"): field.get("aria-describedby")
                 for field in form.xpath(".//input[@type='text']")}
    assert described == {"patient": None, "level": None, "sets": "hint-sets",
                         "repetitions": "hint-repetitions", "weight": None,
                         "times_a_week": "hint-times_a_week", "clinician": None}


def test_the_pdfs_sheet_has_no_prepare_form_and_so_no_hints(content):
    sheet = render_page(content, SITE, for_pdf=True)
    assert 'id="prepare"' not in sheet and "prepare__hint" not in sheet


# The patient's name ----------------------------------------------------------------------------

def autocomplete_of(field) -> str | None:
    """A field's autocomplete as the browser reads it: its own attribute, else its form's."""
    if field.get("autocomplete") is not None:
        return field.get("autocomplete")
    form = next(field.iterancestors("form"), None)
    return form.get("autocomplete") if form is not None else None


def test_the_browser_is_told_not_to_remember_the_patients_name(content):
    document = lxml.html.document_fromstring(render_page(content, SITE))
    [patient] = document.xpath("//input[@name='patient']")
    [label] = document.xpath("//label[@for='plan-patient']")
    assert (patient.get("id"), patient.get("type")) == ("plan-patient", "text")
    assert " ".join(label.text_content().split()) == "Patient\u2019s name (optional)"
    assert autocomplete_of(patient) == "off"
