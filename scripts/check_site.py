"""Checks of the built site: every link, every file a page loads, every picture's alt text.

Plain Python over the built HTML, so it sees what MkDocs cannot (links in raw HTML, templates,
the nav) and would work after a change of site builder. Each problem is traced back to the line
of Markdown (or mkdocs.yml, or template) that made it, so staff know where to look.
"""

from __future__ import annotations

import difflib
import json
import posixpath
import re
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

# (tag, attribute) pairs whose URL a visitor's browser follows or loads, and what to call them.
URL_ATTRIBUTES = {
    ("a", "href"): "link", ("link", "href"): "link", ("img", "src"): "picture",
    ("script", "src"): "script", ("iframe", "src"): "frame", ("video", "src"): "video",
    ("video", "poster"): "video poster", ("source", "src"): "video", ("audio", "src"): "audio",
    ("track", "src"): "captions", ("embed", "src"): "file", ("object", "data"): "file",
}
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.I)
PHONE = re.compile(r"^\+?[0-9]{7,15}$")
DECORATIVE_IMAGE_CLASSES = {"video__poster"}  # the play link around it carries the words
EXTERNAL_CACHE_SECONDS = 24 * 3600
USER_AGENT = "Mozilla/5.0 (compatible; soleus-site-link-check)"


@dataclass(frozen=True)
class Finding:
    """A problem in the built site, before it is traced back to a source line."""

    page: str  # site-relative path of the built page, e.g. "exercise/index.html"
    url: str  # as it appears in the built HTML
    in_content: bool  # inside the page's article (so from the page's Markdown)
    message: str
    severity: str = "error"


@dataclass
class _Reference:
    kind: str
    url: str
    in_content: bool
    alt: str | None = None
    decorative: bool = False


@dataclass
class BuiltPage:
    ids: set[str] = field(default_factory=set)
    references: list[_Reference] = field(default_factory=list)


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = BuiltPage()
        self.article_depth = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if attributes.get(name):
                self.page.ids.add(attributes[name])
        in_content = self.article_depth > 0
        if tag == "article" or in_content:
            self.article_depth += tag not in _VOID
        for (ref_tag, attribute), kind in URL_ATTRIBUTES.items():
            if tag == ref_tag and attributes.get(attribute) is not None:
                classes = set((attributes.get("class") or "").split())
                self.page.references.append(_Reference(
                    kind, attributes[attribute].strip(), in_content, attributes.get("alt"),
                    decorative=bool(classes & DECORATIVE_IMAGE_CLASSES)))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if self.article_depth and tag not in _VOID:
            self.article_depth -= 1

    def handle_endtag(self, tag):
        if self.article_depth and tag not in _VOID:
            self.article_depth -= 1


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"}


def parse_page(html: str) -> BuiltPage:
    parser = _PageParser()
    parser.feed(html)
    return parser.page


def check_site(site_dir: Path, site_url: str) -> tuple[list[Finding], list[tuple[str, str, bool]]]:
    """Every internal reference in every built page; returns the findings and the external links."""
    pages = {path.relative_to(site_dir).as_posix(): parse_page(path.read_text(encoding="utf-8"))
             for path in sorted(site_dir.rglob("*.html"))}
    base_path = urlsplit(site_url).path or "/"
    site_origin = site_url[: len(site_url) - len(urlsplit(site_url).path)] if site_url else ""
    findings, external = [], []
    for page_path, page in pages.items():
        for ref in page.references:
            findings += filter(None, [
                _check_alt(page_path, ref),
                _check_reference(site_dir, pages, page_path, ref, base_path, site_origin, external),
            ])
    return findings, external


def _check_alt(page_path: str, ref: _Reference) -> Finding | None:
    if ref.kind == "picture" and ref.in_content and not ref.decorative and not (ref.alt or "").strip():
        return Finding(page_path, ref.url, True, "picture {shown} has no alt text: describe what it "
                       "shows inside the square brackets, for example ![Side view of the exercise]"
                       "(images/picture.svg)")
    return None


def _check_reference(site_dir, pages, page_path, ref, base_path, site_origin, external):
    url = ref.url
    parts = urlsplit(url)
    what = f"{ref.kind} {{shown}}"
    if parts.scheme == "mailto":
        address = unquote(parts.path)
        if not EMAIL.match(address):
            return Finding(page_path, url, ref.in_content,
                           f"{what}: '{address}' is not an email address (write it as mailto:name@example.org)")
        return None
    if parts.scheme == "tel":
        if not PHONE.match(re.sub(r"[\s().-]", "", unquote(parts.path))):
            return Finding(page_path, url, ref.in_content,
                           f"{what}: a phone link needs the number in digits, for example tel:+441234567890")
        return None
    if parts.scheme in ("data", "javascript", "blob"):
        return None
    if parts.scheme or parts.netloc:
        if site_origin and url.startswith(site_origin + base_path):
            url = url[len(site_origin):]  # our own address, e.g. the canonical link: check it here
            parts = urlsplit(url)
        elif parts.scheme in ("http", "https"):
            external.append((page_path, url, ref.in_content))
            return None
        else:
            return Finding(page_path, url, ref.in_content,
                           f"{what}: '{parts.scheme or '//'}' links are not allowed; use https://")
    if url.startswith("/"):
        if not url.startswith(base_path):
            return Finding(page_path, url, ref.in_content,
                           f"{what}: starts with '/', so it points outside the site (published at "
                           f"{base_path}); use a relative link such as 'anatomy.md'")
        target = unquote(parts.path[len(base_path):])
    else:
        target = _join(posixpath.dirname(page_path), unquote(parts.path)) if parts.path else page_path
        if target is None:
            return Finding(page_path, url, ref.in_content, f"{what}: goes above the site's top folder")
    target = _existing_file(site_dir, target)
    if target is None:
        suggestion = _suggest_file(site_dir, parts.path)
        return Finding(page_path, url, ref.in_content, f"{what}: {'file' if ref.kind != 'link' else 'page or file'} not found{suggestion}")
    if parts.fragment and target.endswith(".html"):
        ids = pages[target].ids if target in pages else set()
        if unquote(parts.fragment) not in ids:
            where = "this page" if target == page_path else "that page"
            close = difflib.get_close_matches(parts.fragment, sorted(ids), n=1, cutoff=0.6)
            hint = f" (did you mean '#{close[0]}'?)" if close else ""
            return Finding(page_path, url, ref.in_content,
                           f"{what}: no heading '{parts.fragment}' on {where}{hint}")
    return None


def _join(folder: str, relative: str) -> str | None:
    """A relative URL path resolved from a folder of the site; None when it climbs out."""
    joined = posixpath.normpath(posixpath.join(folder, relative))
    if joined == ".." or joined.startswith("../"):
        return None
    joined = "" if joined == "." else joined
    return joined + "/" if relative.endswith("/") and joined else joined


def _existing_file(site_dir: Path, target: str) -> str | None:
    """The site file a URL path serves, as a server would: a folder serves its index.html."""
    candidate = site_dir / target
    if target == "" or target.endswith("/") or candidate.is_dir():
        index = (target.rstrip("/") + "/index.html").lstrip("/")
        return index if (site_dir / index).is_file() else None
    return target if candidate.is_file() else None


def _suggest_file(site_dir: Path, url_path: str) -> str:
    """A near miss among the site's pages (for a page link) or files (for anything else)."""
    name = PurePosixPath(unquote(url_path).rstrip("/")).name
    if PurePosixPath(name).suffix in ("", ".md", ".html"):
        pages = sorted(p.parent.name for p in site_dir.rglob("index.html") if p.parent != site_dir)
        close = difflib.get_close_matches(PurePosixPath(name).stem, pages, n=1, cutoff=0.6)
        return f" (did you mean '{close[0]}.md'?)" if close else ""
    files = sorted({p.name for p in site_dir.rglob("*.*") if p.is_file()})
    close = difflib.get_close_matches(name, files, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


# External links, only on request ----------------------------------------------

def check_external(links: list[tuple[str, str, bool]], cache_file: Path,
                   timeout: float = 10, retries: int = 2) -> list[Finding]:
    """Visit each external URL once (concurrently, cached for a day).

    A missing page (404, 410) is an error; a network failure or a refusal is a warning, as the
    link may well work for a visitor.
    """
    cache = json.loads(cache_file.read_text()) if cache_file.is_file() else {}
    now = time.time()
    urls = sorted({url.split("#")[0] for _, url, _ in links})
    stale = [url for url in urls if now - cache.get(url, {}).get("checked", 0) > EXTERNAL_CACHE_SECONDS]
    with ThreadPoolExecutor(max_workers=8) as pool:
        for url, outcome in zip(stale, pool.map(lambda u: _visit(u, timeout, retries), stale)):
            cache[url] = {"checked": now, **outcome} if outcome["status"] != "unreachable" else outcome
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    cache_file.write_text(json.dumps(cache, indent=1, sort_keys=True))
    findings = []
    for page, url, in_content in links:
        outcome = cache[url.split("#")[0]]
        if outcome["status"] == "broken":
            findings.append(Finding(page, url, in_content, f"link {{shown}}: broken ({outcome['detail']})"))
        elif outcome["status"] == "unreachable":
            findings.append(Finding(page, url, in_content,
                                    f"link {{shown}}: unreachable ({outcome['detail']})", "warning"))
    return findings


def _visit(url: str, timeout: float, retries: int) -> dict:
    detail = ""
    for attempt in range(retries + 1):
        for method in ("HEAD", "GET"):
            request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
            try:
                with urllib.request.urlopen(request, timeout=timeout):
                    return {"status": "ok"}
            except urllib.error.HTTPError as error:
                if error.code in (404, 410):
                    return {"status": "broken", "detail": f"HTTP {error.code}"}
                detail = f"HTTP {error.code}"  # e.g. 405 for HEAD, 403 for robots: try GET, retry
            except (urllib.error.URLError, TimeoutError, OSError) as error:
                detail = str(getattr(error, "reason", error))
                break
        time.sleep(0.5 * (attempt + 1))
    return {"status": "unreachable", "detail": detail}
