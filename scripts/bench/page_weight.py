"""Page weight: what a visitor's phone downloads, and Lighthouse's four scores, per page.

Builds the site for a local address, serves it with gzip -9 (as any real host would), and loads
each page in Debian's Chromium, 360 px wide, with an empty cache: the first load is every
request's body and headers as sent. Lighthouse scores are medians of several runs. Budgets: the
exercise page at most 100 KB on first load; Lighthouse 100 in every category on every page.
Prints a table; changes nothing. `scripts/bench/run.py pages` runs it.
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from soleus_site.site_build import build_into

LIGHTHOUSE_DIR = Path(__file__).resolve().parent / "lighthouse"  # package.json pins its version
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PAGES = ("", "anatomy/", "running/", "weakness/", "exercise/", "ladder/", "seated-raise/", "self-test/",
         "back-to-running/", "how-we-can-help/", "references/", "exercise/handout/",
         "seated-raise/handout/")
# The exercise page's budget (issue 20), and the programme's pages' (issue 23)
BUDGET_KB = {"exercise/": 100, "ladder/": 100, "seated-raise/": 100, "self-test/": 100,
             "back-to-running/": 100}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")


class GzipHandler(SimpleHTTPRequestHandler):
    """A static file server that gzips text (level 9), like a production host."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the base class redirects /page to /page/
            path = path / "index.html"
        content_type = self.guess_type(str(path))
        if (not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", "")
                or not content_type.startswith(COMPRESSED_TYPES)):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        return _BytesFile(body)


class _BytesFile:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, *args):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


def serve(folder: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=folder))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def first_load(base_url: str) -> dict[str, tuple[int, int]]:
    """Per page: bytes transferred and number of requests, with an empty cache."""
    from playwright.sync_api import sync_playwright

    figures = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS[1:])
        for page_path in PAGES:
            context = browser.new_context(viewport={"width": 360, "height": 800})
            page = context.new_page()
            requests = []
            page.on("requestfinished", lambda request: requests.append(request))
            page.goto(base_url + page_path, wait_until="networkidle")
            transferred = sum(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"]
                              for r in requests)
            figures[page_path] = (transferred, len(requests))
            context.close()
        browser.close()
    return figures


def lighthouse(url: str, runs: int) -> dict[str, int] | None:
    """Lighthouse's mobile scores (0-100) for one page, each the median of `runs` runs (scores
    move a point or two between runs, as Lighthouse's own docs warn); None when not installed."""
    binary = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        return None
    runs_scores = [_lighthouse_once(binary, url) for _ in range(runs)]
    return {name: round(statistics.median(scores[name] for scores in runs_scores))
            for name in CATEGORIES}


def _lighthouse_once(binary: Path, url: str) -> dict[str, int]:
    result = subprocess.run(
        [str(binary), url, "--quiet", "--output=json", "--output-path=stdout",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={' '.join(CHROMIUM_ARGS)}"],
        capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=300)
    if result.returncode:
        raise RuntimeError(f"lighthouse failed for {url}:\n{result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    return {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}


def run_page_weight(project_dir: Path, runs: int = 3, with_lighthouse: bool = True) -> int:
    """Build the project's site, serve it, and print each page's first load and Lighthouse's
    scores (medians of `runs` runs); 1 when the site does not build, else 0."""
    output = Path(tempfile.mkdtemp(prefix=".bench-", dir=project_dir))
    server, base_url = serve(output)
    site_url = os.environ.get("SITE_URL")
    try:
        os.environ["SITE_URL"] = base_url  # canonical links and the QR code point at this server
        outcome = build_into(project_dir, output)
        if outcome.failed:
            print("The site does not build: run  python scripts/build.py  to see why.")
            return 1
        transfers = first_load(base_url)
        print("Page weight: first load at 360 px, empty cache, gzip -9, every request"
              + (f"; Lighthouse (mobile), median of {runs} runs" if with_lighthouse else ""))
        print(f"{'page':<18} {'first load':>10} {'requests':>8}  "
              + "  ".join(f"{c[:11]:>11}" for c in CATEGORIES))
        over_budget = []
        for page_path in PAGES:
            size, count = transfers[page_path]
            scores = lighthouse(base_url + page_path, runs) if with_lighthouse else None
            shown = ("  ".join(f"{scores[c]:>11}" for c in CATEGORIES) if scores
                     else "(lighthouse not installed: make bench installs it)" if with_lighthouse
                     else "")
            budget = BUDGET_KB.get(page_path)
            flag = f"  (budget {budget} KB)" if budget else ""
            if budget and size > budget * 1024:
                over_budget.append(page_path)
            print(f"{'/' + page_path:<18} {size / 1024:>7.1f} KB {count:>8}  {shown}{flag}")
        for page_path in over_budget:
            print(f"over budget: /{page_path}")
        return 0
    finally:
        server.shutdown()
        if site_url is None:
            os.environ.pop("SITE_URL", None)
        else:
            os.environ["SITE_URL"] = site_url
        shutil.rmtree(output, ignore_errors=True)
