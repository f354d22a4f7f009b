"""The Content-Security-Policy every published page carries (csp.py): only the site's own files and
the theme's inline scripts, each by its hash, may run; nothing loads from another website; a frame
only from YouTube's player, and only on a page with a YouTube video."""

from __future__ import annotations

import base64
import hashlib
import shutil

import lxml.html
import pytest

from conftest import HANDOUTS, PAGES, edit, page_path, run_build, serve
from soleus_site import csp

POLICY_META = "//meta[@http-equiv='Content-Security-Policy']/@content"


def digest(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


def test_the_policy_allows_the_sites_own_files_and_the_scripts_it_names():
    assert csp.policy(["a()", "b()", "a()"]) == (
        "default-src 'self'; img-src 'self' data:; "
        f"script-src 'self' {' '.join(sorted([digest('a()'), digest('b()')]))}; style-src 'self'; "
        "frame-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'")
    assert "frame-src https://www.youtube-nocookie.com;" in csp.policy([], {"https://www.youtube-nocookie.com"})
    assert "style-src 'self' 'unsafe-inline';" in csp.policy([], style_attributes=True)
    # make serve's preview: MkDocs adds a live-reload script to each page it serves
    assert "script-src 'self' 'unsafe-inline';" in csp.policy(["a()"], preview=True)


def test_only_scripts_a_browser_runs_are_inline_scripts():
    document = lxml.html.document_fromstring(
        '<html><head><script>run()</script><script type="module">m()</script>'
        '<script src="x.js"></script><script id="__config" type="application/json">{"a": 1}</script>'
        '</head><body><script type="text/javascript">t()</script><script></script></body></html>')
    assert csp.inline_scripts(document) == ["run()", "m()", "t()", ""]  # an empty one, by its hash


def published_pages(site):
    return sorted(path for path in site.rglob("*.html"))


def test_every_published_page_has_one_policy_naming_exactly_its_inline_scripts(built_site):
    pages = published_pages(built_site)
    assert {path.relative_to(built_site).as_posix() for path in pages} >= {
        "404.html", *(outputs.page for outputs in HANDOUTS.values()),
        *(f"{page}/index.html" for page in PAGES if page != "index")}
    for path in pages:
        document = lxml.html.parse(str(path)).getroot()
        policies = document.xpath(POLICY_META)
        assert len(policies) == 1, path
        directives = dict(part.strip().split(" ", 1) for part in policies[0].split(";"))
        hashes = sorted(digest(script) for script in csp.inline_scripts(document))
        assert directives["script-src"] == " ".join(["'self'", *hashes]), path
        assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'"
        assert directives["frame-src"] == "'none'", path  # the real site has no YouTube video
        # The policy comes first, before anything the page loads or runs; the charset is still
        # declared within the first 1024 bytes
        head = document.find("head")
        assert head[0].get("http-equiv") == "Content-Security-Policy", path
        assert b'<meta charset="utf-8">' in path.read_bytes()[:1024], path


def test_a_page_with_a_youtube_video_may_frame_only_youtubes_player(project):
    edit(project / "docs" / "running.md", "\n## ", "\n:video: https://youtu.be/aqz-KE-bpKQ \"A clip\"\n\n## ")
    result = run_build(project)
    assert result.returncode == 0, result.stdout
    policies = {page: lxml.html.parse(str(project / "site" / page / "index.html")).getroot().xpath(POLICY_META)[0]
                for page in ("running", "anatomy")}
    assert "frame-src https://www.youtube-nocookie.com;" in policies["running"]
    assert "frame-src 'none';" in policies["anatomy"]


def test_a_template_without_the_policy_is_an_error_and_nothing_is_published(project):
    edit(project / "overrides" / "main.html",
         '<meta http-equiv="Content-Security-Policy" content="{{ content_security_policy }}">', "")
    result = run_build(project)
    assert result.returncode == 1
    assert ("docs/index.md: the page has no Content-Security-Policy: the theme's templates must keep "
            "the meta tag with content_security_policy (see overrides/main.html)") in result.stdout.splitlines()
    assert "site/404.html: the page has no Content-Security-Policy" in result.stdout
    assert not (project / "site").exists()


# In a browser ---------------------------------------------------------------------------------

INJECT = """() => { const script = document.createElement("script")
    script.textContent = "window.injected = true"; document.head.append(script)
    return window.injected === true }"""


def policy_blocks_an_injected_script(current) -> bool:
    """Whether the page's policy stops a script that is not the theme's from running."""
    ran = current.page.evaluate(INJECT)
    current.page.wait_for_timeout(50)  # the violation event arrives after the script is refused
    blocked = not ran and any(v.startswith("script-src-elem blocked inline") for v in current.violations)
    current.violations.clear()
    return blocked


OTHER_PAGES = [*(outputs.page_dir for outputs in HANDOUTS.values()), "404.html"]  # beside PAGES, which test_browser.py visits at
# both widths in both schemes (every visit asserts, when it ends, that nothing was blocked)


@pytest.mark.parametrize("path", [*(page_path(page) for page in PAGES), *OTHER_PAGES])
def test_every_page_runs_under_its_policy(visit, path):
    current = visit(path)
    assert current.violations == []  # the page itself: nothing blocked
    # The inline scripts the policy names ran: the theme's, or the handout page's own
    assert current.page.evaluate("document.documentElement.classList.contains('js')"
                                 if path.endswith("handout/") else "typeof __md_scope === 'object'")
    assert policy_blocks_an_injected_script(current)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("path", OTHER_PAGES)
def test_the_handout_and_404_pages_break_no_policy_at_either_width(visit, path, width, scheme):
    assert visit(path, width, scheme).violations == []


def test_without_its_policy_a_page_would_run_a_script_that_is_not_ours(visit, built_site, tmp_path):
    """The check above fails on a page whose policy is taken out."""
    shutil.copytree(built_site, tmp_path / "site")
    page = tmp_path / "site" / "anatomy" / "index.html"
    html = page.read_text(encoding="utf-8")
    meta = lxml.html.tostring(lxml.html.document_fromstring(html).find("head")[0], encoding="unicode").strip()
    assert meta.startswith('<meta http-equiv="Content-Security-Policy"') and meta in html
    page.write_text(html.replace(meta, ""), encoding="utf-8")
    server, url = serve(tmp_path / "site")
    try:
        assert not policy_blocks_an_injected_script(visit("anatomy/", base=url))
    finally:
        server.shutdown()


def test_a_build_after_a_preview_in_the_same_process_has_the_strict_policy(tmp_path, project):
    """MkDocs keeps a plugin for the process once it has started (as `mkdocs serve` does): a build
    after it starts the plugin again, as `mkdocs build`, so no preview policy is published."""
    from mkdocs.config import load_config

    from soleus_site.site_build import build_into

    load_config(config_file=str(project / "mkdocs.yml")).plugins.on_startup(command="serve", dirty=False)
    assert build_into(project, tmp_path / "site").problems == []
    policy = lxml.html.parse(str(tmp_path / "site" / "index.html")).getroot().xpath(POLICY_META)[0]
    assert "'unsafe-inline'" not in policy and "script-src 'self' 'sha256-" in policy


def test_only_the_page_that_asks_may_set_a_base_on_its_own_host():
    assert csp.policy([], base=True) == (
        "default-src 'self'; img-src 'self' data:; script-src 'self'; style-src 'self'; "
        "frame-src 'none'; object-src 'none'; base-uri 'self'; form-action 'none'")
    assert "; base-uri 'none'; " in csp.policy([], base=False)
