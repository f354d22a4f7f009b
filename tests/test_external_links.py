"""Links to other websites, checked only on request (build.py --external), against a local server."""

from __future__ import annotations

import functools
import json
import socket
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from check_site import Finding, check_external


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def other_website(tmp_path):
    (tmp_path / "www").mkdir()
    (tmp_path / "www" / "article.html").write_text("<p>here</p>")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=tmp_path / "www"))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_missing_page_is_an_error_and_a_dead_host_only_a_warning(other_website, tmp_path):
    dead = f"http://127.0.0.1:{closed_port()}/"
    links = [("references/index.html", other_website + "article.html", True),
             ("references/index.html", other_website + "gone.html#part", True),
             ("index.html", dead, False)]
    findings = check_external(links, tmp_path / "cache.json", timeout=2, retries=0)
    assert [(f.page, f.url, f.severity, f.message.split(" (")[0]) for f in findings] == [
        ("references/index.html", other_website + "gone.html#part", "error", "link {shown}: broken"),
        ("index.html", dead, "warning", "link {shown}: unreachable"),
    ]
    assert findings[0].message == "link {shown}: broken (HTTP 404)"


def test_results_are_cached_for_a_day_except_unreachable_hosts(other_website, tmp_path):
    cache = tmp_path / "cache.json"
    links = [("index.html", other_website + "gone.html", True)]
    assert len(check_external(links, cache, timeout=2, retries=0)) == 1
    (tmp_path / "www" / "gone.html").write_text("<p>back</p>")
    # Still cached as broken: the site is not asked again within a day.
    assert check_external(links, cache, timeout=2, retries=0) == [
        Finding("index.html", other_website + "gone.html", True, "link {shown}: broken (HTTP 404)")]
    stored = json.loads(cache.read_text())
    assert stored[other_website + "gone.html"]["status"] == "broken"
