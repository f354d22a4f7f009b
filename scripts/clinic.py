"""The clinic's details, as staff write them once under `extra: clinic:` in mkdocs.yml."""

from __future__ import annotations

import re

DETAILS = ("name", "description", "website", "phone", "email", "address", "booking_url")


def clinic_details(extra: dict) -> dict[str, str]:
    """Every detail as text, an unknown one empty (and so shown nowhere), and the phone number
    as a tel: link dials it (digits and a leading +)."""
    given = extra.get("clinic") or {}
    clinic = {key: str(given.get(key) or "").strip() for key in DETAILS}
    clinic["phone_dial"] = re.sub(r"[^\d+]", "", clinic["phone"])
    return clinic
