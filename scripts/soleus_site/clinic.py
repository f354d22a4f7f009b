"""The clinic's details, as staff write them once under `extra: clinic:` in mkdocs.yml.

Each detail is checked here, once, at its line in mkdocs.yml, by the library made for it: the
phone number by `phonenumbers` (Google's libphonenumber rules, region GB), the email address by
`email-validator` (no look-up on the internet), the web addresses for https. A detail that cannot
work is reported once and then left out, so the footer, the contact list and the handout never
show it and no other check repeats it. `contact_items` is the one list of how each detail is
shown and linked; every place that shows the clinic's contact uses it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import lxml.html
import phonenumbers
from email_validator import EmailNotValidError, validate_email
from phonenumbers import NumberParseException, PhoneNumberFormat, geocoder

from .problems import Problem
from .settings import CONFIG_FILE, line_of_setting

DETAILS = ("name", "description", "website", "phone", "email", "address", "booking_url",
           "clinical_author", "clinical_reviewer")
TEXT_DETAILS = ("name", "description", "address", "clinical_author", "clinical_reviewer")
REGION = "GB"  # a number written without +country code is a UK one
UK_CODE = 44
PHONE_EXAMPLE = "01234 567890"
PHONE_PUNCTUATION = set(" ()+-.")  # what people write between the digits; anything else is a mistake
HOST_NAME = re.compile(r"(?:[a-z0-9-]+\.)+[a-z]{2,}", re.I)


@dataclass(frozen=True)
class ContactItem:
    label: str  # "Phone", or "" when the text says it all
    text: str
    href: str = ""


def clinic_details(extra: dict, config_file) -> tuple[dict[str, str], list[Problem]]:
    """Every detail as text (an unknown one empty, and so shown nowhere), the phone number in the
    UK's own format as `phone` and for tel: links as `phone_dial` (E.164), the email address as
    normalised, and a problem for each detail that cannot work."""
    given = extra.get("clinic") or {}
    clinic = {key: str(given.get(key) or "").strip() for key in DETAILS}
    clinic["phone_dial"] = ""
    problems = []

    def reject(key: str, message: str) -> None:
        problems.append(Problem(CONFIG_FILE, line_of_setting(config_file, "extra", "clinic", key),
                                message))
        clinic[key] = ""

    for key in TEXT_DETAILS:  # (the others are checked as what they are, below)
        if _has_html(clinic[key]):
            reject(key, f"{key} '{clinic[key]}' has HTML in it: write it as plain text (the site "
                        f"shows each detail as it is written)")
    if clinic["phone"]:
        number, mistake = _uk_number(clinic["phone"])
        if mistake:
            reject("phone", f"phone '{clinic['phone']}' is not a UK phone number {mistake}")
        else:
            clinic["phone"] = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
            clinic["phone_dial"] = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    if clinic["email"]:
        try:
            clinic["email"] = _checked_email(clinic["email"])
        except EmailNotValidError as error:
            reject("email", f"email '{clinic['email']}' is not an email address ({_plain(error)}): "
                            f"write just the address, for example hello@example.org")
    for key in ("website", "booking_url"):
        if clinic[key] and (mistake := _web_address_mistake(clinic[key])):
            reject(key, f"{key} '{clinic[key]}' {mistake}")
    return clinic, problems


def _has_html(text: str) -> bool:
    """Whether the text holds an HTML element or comment (a lone "<", as in "< 5 minutes", does
    not)."""
    return "<" in text and len(lxml.html.fragment_fromstring(text, create_parent="p")) > 0


def dial_number(text: str) -> str | None:
    """The number to dial in E.164 form ("+441234567890"), for a tel: link; None when the text is
    not a valid phone number. A number without +country code is read as a UK one."""
    if _stray_character(text):
        return None
    try:
        number = phonenumbers.parse(text, REGION)
    except NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def email_address(text: str) -> str | None:
    """The email address as normalised (domain in lower case), or None when it is not one."""
    try:
        return _checked_email(text)
    except EmailNotValidError:
        return None


def contact_items(clinic: dict[str, str]) -> list[ContactItem]:
    """The clinic's known ways to get in touch, in the order they are shown everywhere."""
    items = []
    if clinic.get("website"):
        items.append(ContactItem("Website", shown_address(clinic["website"]), clinic["website"]))
    if clinic.get("phone"):
        items.append(ContactItem("Phone", clinic["phone"], f"tel:{clinic['phone_dial']}"))
    if clinic.get("email"):
        items.append(ContactItem("Email", clinic["email"], f"mailto:{clinic['email']}"))
    if clinic.get("address"):
        items.append(ContactItem("Address", clinic["address"]))
    if clinic.get("booking_url"):
        items.append(ContactItem("", "Book an appointment", clinic["booking_url"]))
    return items


def shown_address(url: str, keep_final_slash: bool = False) -> str:
    """A web address short enough to read and type: no "https://" or "www." (nor a final '/')."""
    parsed = urlsplit(url)
    shown = parsed.netloc.removeprefix("www.") + parsed.path + (f"?{parsed.query}" if parsed.query else "")
    return shown if keep_final_slash else shown.rstrip("/")


def _uk_number(text: str) -> tuple[phonenumbers.PhoneNumber | None, str]:
    """The parsed number, or why it is not a UK number that can be dialled, as the end of a
    message: "(reason): how to fix it"."""
    fix = f"write it in digits, for example {PHONE_EXAMPLE}"
    if stray := _stray_character(text):
        if stray.isalpha():  # phonenumbers would read it as a digit of a "vanity" number, or drop it
            return None, f"(it has a letter in it): {fix}"
        return None, f"(it has '{stray}' in it): write one number, in digits only, for example {PHONE_EXAMPLE}"
    too_short = f"(it is too short): write all of it, with the area code, for example {PHONE_EXAMPLE}"
    too_long = f"(it is too long): check it for an extra digit, and write it like {PHONE_EXAMPLE}"
    try:
        number = phonenumbers.parse(text, REGION)
    except NumberParseException as error:
        if error.error_type == NumberParseException.INVALID_COUNTRY_CODE:
            return None, f"(it does not start with 0 or +44): write the clinic's UK number, for example {PHONE_EXAMPLE}"
        return None, too_long if error.error_type == NumberParseException.TOO_LONG else too_short
    if number.country_code != UK_CODE:
        country = geocoder.country_name_for_number(number, "en")
        reason = f"+{number.country_code} is the code for {country}" if country else "it does not start with 0 or +44"
        return None, f"({reason}): write the clinic's UK number, for example {PHONE_EXAMPLE}"
    if phonenumbers.is_valid_number(number):
        return number, ""
    digits = len(str(number.national_number)) + 1  # as written in the UK, with its first 0
    if digits < 10:
        return None, too_short
    if digits > 11:
        return None, too_long
    return None, f"(no UK number has these digits): check each digit, and write it like {PHONE_EXAMPLE}"


def _stray_character(text: str) -> str:
    """The first character that is neither a digit nor what people write between digits."""
    return next((c for c in text if not c.isdecimal() and c not in PHONE_PUNCTUATION), "")


def _checked_email(text: str) -> str:
    """The normalised address; raises EmailNotValidError. There is no internet while building, so
    the domain's mail servers are not looked up."""
    return validate_email(text, check_deliverability=False).normalized


def _plain(error: EmailNotValidError) -> str:
    """email-validator's reason, as part of one line: "The part after the @-sign is not valid. It
    should have a period." becomes "the part after the @-sign is not valid; it should have a period"."""
    sentences = str(error).strip().rstrip(".").replace(": SPACE", ": a space").split(". ")
    return "; ".join(s[:1].lower() + s[1:] for s in sentences)


def _web_address_mistake(url: str) -> str:
    """What is wrong with a web address and how to fix it, or "" when it is a full https one."""
    parts = urlsplit(url)
    if any(c.isspace() for c in url):
        return "is not a web address (it has a space in it): write it in full, for example https://example.org/"
    if parts.scheme.lower() == "https" and "." in (parts.hostname or ""):
        return ""
    if parts.scheme.lower() == "http" and parts.hostname:
        return (f"is not a secure address (it starts with http://): write it with https:// instead, "
                f"as https://{url.split('://', 1)[1]}")
    if HOST_NAME.fullmatch(url.split("/", 1)[0]):  # "activepodiatry.co.uk/book": https:// left off
        return (f"is not a full web address (it does not start with https://): write it as "
                f"https://{url}")
    return "is not a web address: write it in full, starting with https://, for example https://example.org/"
