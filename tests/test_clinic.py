"""The clinic's details in mkdocs.yml (clinic.py): each checked once, by the library made for it
(phonenumbers, email-validator), at its line, and left out when wrong; in a build, each detail
set once is shown wherever the site shows it (footer, contact list, handout, feedback link). Most
tests call clinic.py in-process (fast enough for `make mutate` to run them against every mutant);
the last build a copy of the project."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import edit, line_of, run_build, tree_digest
from soleus_site.clinic import ContactItem, clinic_details, contact_items, dial_number, email_address
from soleus_site.problems import Problem

CONFIG = """\
site_name: Test
extra:
  generator: false
  clinic:
    name: Active Podiatry
    website: "{website}"
    phone: "{phone}"
    email: "{email}"
    address: ""
    booking_url: "{booking_url}"
"""
LINE = {"website": 6, "phone": 7, "email": 8, "booking_url": 10}


def details(tmp_path: Path, **given: str) -> tuple[dict[str, str], list[Problem]]:
    """clinic_details of a small mkdocs.yml with these details (the others empty)."""
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(CONFIG.format(**{key: given.get(key, "") for key in LINE}), encoding="utf-8")
    for key, value in given.items():  # the test's own line numbers are right
        assert line_of(config_file, f'{key}: "{value}"') == LINE[key]
    return clinic_details(yaml.safe_load(config_file.read_text(encoding="utf-8"))["extra"], config_file)


def error(key: str, message: str) -> Problem:
    return Problem("mkdocs.yml", LINE[key], message)


# Phone numbers -------------------------------------------------------------------------------

@pytest.mark.parametrize("written, shown, dial", [
    ("+44 (0)1234 567890", "01234 567890", "+441234567890"),  # was tel:+4401234567890
    ("01234 567890", "01234 567890", "+441234567890"),
    ("(01234) 567890", "01234 567890", "+441234567890"),
    ("+44 1234 567890", "01234 567890", "+441234567890"),
    ("0044 1234 567890", "01234 567890", "+441234567890"),
    ("01234567890", "01234 567890", "+441234567890"),
    ("020 7946 0958", "020 7946 0958", "+442079460958"),
    ("+44 (0) 20-7946-0958", "020 7946 0958", "+442079460958"),
])
def test_a_uk_number_however_written_is_shown_in_uk_format_and_dialled_in_e164(tmp_path, written, shown, dial):
    clinic, problems = details(tmp_path, phone=written)
    assert problems == []
    assert (clinic["phone"], clinic["phone_dial"]) == (shown, dial)
    assert contact_items(clinic) == [ContactItem("Phone", shown, f"tel:{dial}")]


@pytest.mark.parametrize("written, reason_and_fix", [
    ("01234 56789O", "(it has a letter in it): write it in digits, for example 01234 567890"),
    ("01234 567890X", "(it has a letter in it): write it in digits, for example 01234 567890"),
    ("0800 FLOWERS", "(it has a letter in it): write it in digits, for example 01234 567890"),
    ("call us", "(it has a letter in it): write it in digits, for example 01234 567890"),
    ("01234 567890 #2", "(it has '#' in it): write one number, in digits only, for example 01234 567890"),
    ("01234 567890, 01234 567891",
     "(it has ',' in it): write one number, in digits only, for example 01234 567890"),
    ("0123 456", "(it is too short): write all of it, with the area code, for example 01234 567890"),
    ("567890", "(it is too short): write all of it, with the area code, for example 01234 567890"),
    ("+44 (0)", "(it is too short): write all of it, with the area code, for example 01234 567890"),
    ("01234 5678901", "(it is too long): check it for an extra digit, and write it like 01234 567890"),
    ("+44 (0)1234 5678900",
     "(it is too long): check it for an extra digit, and write it like 01234 567890"),
    ("01234 567890 01234 567890",  # too long for phonenumbers even to read
     "(it is too long): check it for an extra digit, and write it like 01234 567890"),
    ("07700 900123", "(no UK number has these digits): check each digit, and write it like 01234 567890"),
    ("+41 44 668 18 00",
     "(+41 is the code for Switzerland): write the clinic's UK number, for example 01234 567890"),
    ("+999 1234 5678",
     "(it does not start with 0 or +44): write the clinic's UK number, for example 01234 567890"),
])
def test_a_phone_that_is_not_a_uk_number_is_one_error_at_its_line_and_left_out(tmp_path, written, reason_and_fix):
    clinic, problems = details(tmp_path, phone=written, email="hello@example.org")
    assert problems == [error("phone", f"phone '{written}' is not a UK phone number {reason_and_fix}")]
    assert (clinic["phone"], clinic["phone_dial"]) == ("", "")
    assert [item.label for item in contact_items(clinic)] == ["Email"]


def test_the_example_message_of_the_issue_word_for_word(tmp_path):
    _, problems = details(tmp_path, phone="01234 56789O")
    assert [str(problem) for problem in problems] == [
        "mkdocs.yml:7: phone '01234 56789O' is not a UK phone number (it has a letter in it): "
        "write it in digits, for example 01234 567890"]


def test_dial_number_for_a_pages_own_tel_links():
    assert dial_number("+44 (0)1234 567890") == "+441234567890"
    assert dial_number("01234-567-890") == "+441234567890"
    assert dial_number("+41 44 668 18 00") == "+41446681800"  # any country's valid number dials
    for not_a_number in ("01234 56789O", "0800 FLOWERS", "0123 456", "07700 900123", "clinic", ""):
        assert dial_number(not_a_number) is None, not_a_number


# Email ---------------------------------------------------------------------------------------

def test_an_email_address_is_shown_as_normalised(tmp_path):
    clinic, problems = details(tmp_path, email="Hello@Example.ORG")
    assert problems == []
    assert clinic["email"] == "Hello@example.org"
    assert contact_items(clinic) == [ContactItem("Email", "Hello@example.org", "mailto:Hello@example.org")]


@pytest.mark.parametrize("written, reason", [
    ("clinic", "an email address must have an @-sign"),
    ("hello@example", "the part after the @-sign is not valid; it should have a period"),
    ("hello @example.org", "the email address contains invalid characters before the @-sign: a space"),
    ("mailto:hello@example.org",
     "the email address contains invalid characters before the @-sign: ':'"),
    ("Active Podiatry <hello@example.org>",
     "a display name and angle brackets around the email address are not permitted here"),
    ("hello@@example.org", "the part after the @-sign contains invalid characters: '@'"),
])
def test_an_email_that_is_not_an_address_is_one_error_at_its_line_and_left_out(tmp_path, written, reason):
    clinic, problems = details(tmp_path, email=written, phone="01234 567890")
    assert problems == [error("email", f"email '{written}' is not an email address ({reason}): "
                                       f"write just the address, for example hello@example.org")]
    assert clinic["email"] == ""
    assert [item.label for item in contact_items(clinic)] == ["Phone"]


def test_email_address_for_a_pages_own_mailto_links():
    assert email_address("Hello@Example.ORG") == "Hello@example.org"
    for not_an_address in ("clinic", "hello@example", "hello@@example.org", ""):
        assert email_address(not_an_address) is None, not_an_address


# Web addresses -------------------------------------------------------------------------------

@pytest.mark.parametrize("key", ["website", "booking_url"])
@pytest.mark.parametrize("written, mistake", [
    ("http://activepodiatry.co.uk/book",
     "is not a secure address (it starts with http://): write it with https:// instead, as "
     "https://activepodiatry.co.uk/book"),
    ("activepodiatry.co.uk/book",
     "is not a full web address (it does not start with https://): write it as "
     "https://activepodiatry.co.uk/book"),
    ("ftp://activepodiatry.co.uk/",
     "is not a web address: write it in full, starting with https://, for example https://example.org/"),
    ("mailto:hello@example.org",
     "is not a web address: write it in full, starting with https://, for example https://example.org/"),
    ("https://",
     "is not a web address: write it in full, starting with https://, for example https://example.org/"),
    ("https://active podiatry.co.uk/",
     "is not a web address (it has a space in it): write it in full, for example https://example.org/"),
])
def test_a_web_address_that_is_not_https_is_one_error_at_its_line_and_left_out(tmp_path, key, written, mistake):
    clinic, problems = details(tmp_path, **{key: written})
    assert problems == [error(key, f"{key} '{written}' {mistake}")]
    assert clinic[key] == ""
    assert contact_items(clinic) == []


def test_https_addresses_are_kept_and_linked(tmp_path):
    clinic, problems = details(tmp_path, website="https://activepodiatry.co.uk/",
                               booking_url="https://example.org/book")
    assert problems == []
    assert contact_items(clinic) == [
        ContactItem("Website", "activepodiatry.co.uk", "https://activepodiatry.co.uk/"),
        ContactItem("", "Book an appointment", "https://example.org/book")]


def test_each_wrong_detail_is_reported_once_at_its_own_line(tmp_path):
    _, problems = details(tmp_path, website="http://example.org/", phone="0123 456", email="clinic",
                          booking_url="example.org/book")
    assert [(problem.line, problem.message.split()[0]) for problem in problems] == [
        (7, "phone"), (8, "email"), (6, "website"), (10, "booking_url")]


def test_empty_details_are_not_checked_and_not_shown(tmp_path):
    clinic, problems = details(tmp_path)
    assert problems == []
    assert contact_items(clinic) == []


# Each rule, from the survivors of `make mutate` --------------------------------------------------

def test_contact_items_in_order_with_their_links():
    from soleus_site.clinic import ContactItem, contact_items

    assert contact_items({"website": "https://www.example.org/", "phone": "01234 567890",
                          "phone_dial": "+441234567890", "email": "a@example.org",
                          "address": "1 High Street", "booking_url": "https://example.org/book"}) == [
        ContactItem("Website", "example.org", "https://www.example.org/"),
        ContactItem("Phone", "01234 567890", "tel:+441234567890"),
        ContactItem("Email", "a@example.org", "mailto:a@example.org"),
        ContactItem("Address", "1 High Street"),
        ContactItem("", "Book an appointment", "https://example.org/book")]


@pytest.mark.parametrize("url, keep, shown", [
    ("https://www.example.org/", False, "example.org"),
    ("https://www.example.org/", True, "example.org/"),
    ("https://example.org/X/", False, "example.org/X"),
    ("https://example.org/a?q=1", False, "example.org/a?q=1"),
])
def test_shown_address(url, keep, shown):
    from soleus_site.clinic import shown_address

    assert shown_address(url, keep) == shown


@pytest.mark.parametrize("phone, mistake", [
    ("01234 56789", "(no UK number has these digits): check each digit, and write it like 01234 567890"),
    ("+80012345678", "(it does not start with 0 or +44): write the clinic's UK number, for example 01234 567890"),
])
def test_phone_mistakes(phone, mistake):
    from soleus_site.clinic import _uk_number

    assert _uk_number(phone) == (None, mistake)


@pytest.mark.parametrize("url, mistake", [
    ("http://example.org/a://b", "is not a secure address (it starts with http://): write it with "
                                 "https:// instead, as https://example.org/a://b"),
    ("example.org/book/now", "is not a full web address (it does not start with https://): write "
                             "it as https://example.org/book/now"),
])
def test_web_address_mistakes(url, mistake):
    from soleus_site.clinic import _web_address_mistake

    assert _web_address_mistake(url) == mistake


# The whole build -----------------------------------------------------------------------------

def test_a_bad_phone_fails_the_build_once_at_its_line_and_keeps_the_last_good_site(project):
    assert run_build(project).returncode == 0
    before = tree_digest(project / "site")
    edit(project / "mkdocs.yml", 'phone: ""', 'phone: "01234 56789O"')
    result = run_build(project)
    assert result.returncode == 1
    line = line_of(project / "mkdocs.yml", 'phone: "01234 56789O"')
    lines = result.stdout.splitlines()
    assert lines[:5] == [
        f"mkdocs.yml:{line}: phone '01234 56789O' is not a UK phone number (it has a letter in it): "
        f"write it in digits, for example 01234 567890",
        "1 error, 0 warnings",
        "Handout of docs/exercise.md: PDFs reused (nothing they show has changed)",  # phone left out
        "Handout of docs/seated-raise.md: PDFs reused (nothing they show has changed)",
        "Reading level (Flesch-Kincaid grade; target 7 or below):"]
    assert all(re.fullmatch(r"  docs/[a-z-]+\.md +\d+\.\d", level) for level in lines[5:-1]), lines
    assert len(lines[5:-1]) == len(list((project / "docs").glob("*.md")))
    assert lines[-1] == "Build failed: site/ was left as it was."
    assert tree_digest(project / "site") == before
    assert not list(project.glob(".site-*"))


def test_a_clinic_detail_set_once_appears_in_footer_contact_list_and_handout(project):
    edit(project / "mkdocs.yml", 'phone: ""', 'phone: "+44 (0)1234 567890"')
    edit(project / "mkdocs.yml", 'email: ""', 'email: "Hello@Example.ORG"')
    edit(project / "mkdocs.yml", 'booking_url: ""', 'booking_url: "https://example.org/book"')
    assert run_build(project).returncode == 0
    site = project / "site"
    footer = (site / "index.html").read_text()
    assert 'Phone: <a href="tel:+441234567890">01234 567890</a>.' in footer
    assert 'Email: <a href="mailto:Hello@example.org">Hello@example.org</a>.' in footer
    contact = (site / "how-we-can-help" / "index.html").read_text()
    assert '<li>Phone: <a href="tel:+441234567890">01234 567890</a></li>' in contact
    assert '<li><a href="https://example.org/book">Book an appointment</a></li>' in contact
    assert 'href="tel:+441234567890"' in (site / "exercise" / "handout" / "index.html").read_text()
    assert "+4401234567890" not in footer + contact


def test_a_phone_number_that_cannot_be_dialled_points_at_the_setting(project):
    edit(project / "mkdocs.yml", 'phone: ""', 'phone: "01234 56789O"')
    result = run_build(project)
    assert result.returncode == 1
    line = line_of(project / "mkdocs.yml", 'phone: "01234 56789O"')
    assert result.stdout.splitlines()[:2] == [
        f"mkdocs.yml:{line}: phone '01234 56789O' is not a UK phone number (it has a letter in it): "
        f"write it in digits, for example 01234 567890", "1 error, 0 warnings"]


def test_feedback_link_appears_under_each_page_once_the_clinic_email_is_known(project):
    assert run_build(project).returncode == 0
    assert "Tell us what you think" not in (project / "site" / "anatomy" / "index.html").read_text()
    edit(project / "mkdocs.yml", 'email: ""', 'email: "hello@example.org"')
    assert run_build(project).returncode == 0
    assert ('<a href="mailto:hello@example.org?subject=Feedback%3A%20The%20soleus%20muscle">'
            'Tell us what you think of this page</a>') in (
        project / "site" / "anatomy" / "index.html").read_text()


# HTML in a detail shown as text, from the survivors of `make mutate` ------------------------------

@pytest.mark.parametrize("written, html", [
    ("12 High St <b>Leeds</b>", True),
    ("12 High St <!-- old: 10 Low St -->", True),
    ("<p>12 High St</p><p>Leeds</p>", True),
    ("Parking < 5 minutes away", False),  # a lone "<" is text
    ("12 High St, Leeds", False),
])
def test_an_address_with_html_in_it_is_an_error_at_its_line_and_left_out(tmp_path, written, html):
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(CONFIG.format(website="", phone="", email="", booking_url="")
                           .replace('address: ""', f'address: "{written}"'), encoding="utf-8")
    assert line_of(config_file, "address:") == 9
    clinic, problems = clinic_details(yaml.safe_load(config_file.read_text(encoding="utf-8"))["extra"],
                                      config_file)
    assert (clinic["address"], clinic["name"]) == ("" if html else written, "Active Podiatry")
    assert [str(problem) for problem in problems] == ([
        f"mkdocs.yml:9: address '{written}' has HTML in it: write it as plain text (the site shows "
        f"each detail as it is written)"] if html else [])
