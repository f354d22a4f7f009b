"""Every published page's Content-Security-Policy: what a visitor's browser may load and run.

GitHub Pages sends no headers, so the policy is a `<meta http-equiv>` in each page's head, where
the theme's template (overrides/main.html, and the handout's handout.html) writes the placeholder
the plugin gives it; the plugin puts the page's own policy there once the page is written:

    default-src 'self'            nothing from another website...
    img-src 'self' data:          ...but the theme's icons, drawn as data: addresses
    script-src 'self' 'sha256-…'  our files, and the inline scripts the theme's template wrote on
                                  this page, by hash (never a script in a page's words)
    style-src 'self'              stylesheets from the site only ('unsafe-inline' on the handout
                                  page: its blanks' widths are style attributes the build writes)
    frame-src                     'none', or the YouTube player on a page with a YouTube video (it
                                  loads when the visitor presses play)
    object-src 'none'; form-action 'none'
    base-uri 'none'               ('self' on the 404 page alone: shown at any address, it makes the
                                  site's root its <base>, on the site's own host: overrides/404.html)
"""

from __future__ import annotations

import base64
import hashlib
from typing import Iterable

# Written by the templates where the policy goes; a page without it is an error.
PLACEHOLDER = "content-security-policy-written-by-the-build"
# Types of <script> a browser runs (others, such as Material's JSON configuration, are data).
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}


def policy(inline_scripts: Iterable[str], frame_sources: Iterable[str] = (),
           style_attributes: bool = False, preview: bool = False, base: bool = False) -> str:
    """The policy for a page with these inline scripts (their text, as written), which may show
    frames from these origins after a click. In `mkdocs serve`'s preview (never published), the
    live-reload script MkDocs adds to each page as it serves it, different every time, may run.
    With `base`, the page may set a <base> on its own host (the 404 page: overrides/404.html)."""
    hashes = ["'unsafe-inline'"] if preview else sorted(
        {f"'sha256-{base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()}'"
         for script in inline_scripts})
    frames = sorted(set(frame_sources)) or ["'none'"]
    return "; ".join([
        "default-src 'self'",
        "img-src 'self' data:",
        " ".join(["script-src 'self'", *hashes]),
        "style-src 'self'" + (" 'unsafe-inline'" if style_attributes else ""),
        " ".join(["frame-src", *frames]),
        "object-src 'none'",
        "base-uri 'self'" if base else "base-uri 'none'",
        "form-action 'none'",
    ])


def inline_scripts(document) -> list[str]:
    """The text of each script a browser would run that is written in the page (an lxml document)
    rather than loaded from a file."""
    return [script.text or "" for script in document.iter("script")
            if script.get("src") is None and (script.get("type") or "").strip().lower() in SCRIPT_TYPES]


def with_policy(html: str, page_policy: str) -> str | None:
    """The page with its policy in place of the placeholder, or None when the template did not
    write the placeholder exactly once."""
    if html.count(PLACEHOLDER) != 1:
        return None
    return html.replace(PLACEHOLDER, page_policy)
