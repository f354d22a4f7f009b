"""The clinic's details, as staff write them once under `extra: clinic:` in mkdocs.yml.

Each detail is checked here, once, at its line in mkdocs.yml; a detail that cannot work (a phone
number that cannot be dialled, an email address without '@') is reported and then left out, so
the footer, the contact list and the handout never show it. `contact_items` is the one list of
how each detail is shown and linked; every place that shows the clinic's contact uses it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlparse

from .problems import Problem
from .settings import CONFIG_FILE, line_of_setting

DETAILS = ("name", "description", "website", "phone", "email", "address", "booking_url")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.I)
DIALLABLE = re.compile(r"^\+?[0-9]{7,15}$")


@dataclass(frozen=True)
class ContactItem:
    label: str  # "Phone", or "" when the text says it all
    text: str
    href: str = ""


def clinic_details(extra: dict, config_file) -> tuple[dict[str, str], list[Problem]]:
    """Every detail as text (an unknown one empty, and so shown nowhere), the phone number's
    digits for tel: links as `phone_dial`, and a problem for each detail that cannot work."""
    given = extra.get("clinic") or {}
    clinic = {key: str(given.get(key) or "").strip() for key in DETAILS}
    problems = []

    def reject(key: str, message: str) -> None:
        problems.append(Problem(CONFIG_FILE, line_of_setting(config_file, "extra", "clinic", key),
                                message))
        clinic[key] = ""

    clinic["phone_dial"] = re.sub(r"[\s().-]", "", clinic["phone"])
    if clinic["phone"] and not DIALLABLE.match(clinic["phone_dial"]):
        reject("phone", f"phone '{clinic['phone']}' cannot be dialled: write the number in digits, "
                        f"for example +44 1234 567890")
        clinic["phone_dial"] = ""
    if clinic["email"] and not EMAIL.match(clinic["email"]):
        reject("email", f"email '{clinic['email']}' is not an email address: write it as "
                        f"name@example.org")
    for key in ("website", "booking_url"):
        if clinic[key] and urlparse(clinic[key]).scheme not in ("https", "http"):
            reject(key, f"{key} '{clinic[key]}' is not a web address: write it in full, starting "
                        f"with https://")
    return clinic, problems


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
    parsed = urlparse(url)
    shown = parsed.netloc.removeprefix("www.") + parsed.path + (f"?{parsed.query}" if parsed.query else "")
    return shown if keep_final_slash else shown.rstrip("/")
