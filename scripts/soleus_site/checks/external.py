"""Links to other websites, visited only on request (`build.py build --external`).

Each address is visited once, concurrently, and the answer kept for a day in .cache/. A missing
page (404, 410) is an error; a network failure or a refusal is a warning, as the link may well
work for a visitor.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..problems import Problem
from .links import ExternalLink

EXTERNAL_CACHE_SECONDS = 24 * 3600
USER_AGENT = "Mozilla/5.0 (compatible; soleus-site-link-check)"


def check_external(links: list[ExternalLink], cache_file: Path,
                   timeout: float = 10, retries: int = 2) -> list[Problem]:
    """A problem for each link whose page is gone (error) or whose site did not answer (warning)."""
    cache = json.loads(cache_file.read_text()) if cache_file.is_file() else {}
    now = time.time()
    urls = sorted({link.url.split("#")[0] for link in links})
    stale = [url for url in urls if now - cache.get(url, {}).get("checked", 0) > EXTERNAL_CACHE_SECONDS]
    with ThreadPoolExecutor(max_workers=8) as pool:
        for url, outcome in zip(stale, pool.map(lambda u: _visit(u, timeout, retries), stale)):
            cache[url] = {"checked": now, **outcome} if outcome["status"] != "unreachable" else outcome
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    cache_file.write_text(json.dumps(cache, indent=1, sort_keys=True))
    problems = []
    for link in links:
        outcome = cache[link.url.split("#")[0]]
        if outcome["status"] == "broken":
            problems.append(Problem(link.file, link.line,
                                    f"link '{link.url}': broken ({outcome['detail']})"))
        elif outcome["status"] == "unreachable":
            problems.append(Problem(link.file, link.line,
                                    f"link '{link.url}': unreachable ({outcome['detail']})", "warning"))
    return problems


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
