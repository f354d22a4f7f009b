"""A new page, made the way every page is: front matter filled in, and listed in the nav."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

from .settings import CONFIG_FILE


class NewPageError(ValueError):
    """The page cannot be made; the message says why and what to do."""


def new_page(project: Path, title: str, description: str | None = None) -> str:
    """Create docs/<slug>.md with its front matter and add it to the end of the nav; its path."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    if not slug:
        raise NewPageError("new-page needs a title with at least one letter or number, for example:\n"
                           '  python scripts/build.py new-page "Running in winter"')
    page = project / "docs" / f"{slug}.md"
    if page.exists():
        raise NewPageError(f"docs/{slug}.md already exists: edit it, or choose another title")
    today = datetime.date.today()
    review_due = today.replace(year=today.year + 1) if (today.month, today.day) != (2, 29) \
        else today + datetime.timedelta(days=365)
    page.write_text(f"---\ntitle: {yaml_text(title)}\ndescription: {yaml_text(description or title)}\n"
                    f"updated: {today}\nreview_due: {review_due}\n---\n\n# {title}\n",
                    encoding="utf-8")
    config = project / CONFIG_FILE
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    nav_start = next(i for i, line in enumerate(lines) if line.startswith("nav:"))
    last_entry = nav_start
    for i in range(nav_start + 1, len(lines)):
        if lines[i].startswith((" ", "\t")) and lines[i].strip():
            last_entry = i
        elif lines[i].strip():
            break
    lines.insert(last_entry + 1, f"  - {yaml_text(title)}: {slug}.md\n")
    config.write_text("".join(lines), encoding="utf-8")
    return f"docs/{slug}.md"


def yaml_text(text: str) -> str:
    """Text as a YAML value, quoted when a colon, quote or hash would confuse YAML.

    A JSON string is also a valid YAML string, escapes included."""
    return json.dumps(text, ensure_ascii=False) if re.search(r"[:#'\"]", text) else text
