"""What a written page loads and runs (checks/published_output.py): a load from another website
before any click, or active content, is an error where staff can mend it, by whichever route it
reached the page; the site is left as it was."""

from __future__ import annotations

import lxml.html
import pytest

from conftest import edit, line_of, run_build, tree_digest
from soleus_site.checks.published_output import (Finding, candidates, findings, located,
                                                 settings_problems, stylesheet_problems, svg_problems)
from soleus_site.problems import Problem

SITE = "activepodiatry.co.uk"
LOADS = "from another website before the visitor clicks anything (that site learns who is reading)"
HOW_TO_SHOW = ("save the file in docs/ and use it from there, or link to the other site so a "
               "visitor chooses to go")
SHOW_HERE = f"({HOW_TO_SHOW})"


def messages(html: str) -> list[str]:
    return [finding.message for finding in findings(lxml.html.document_fromstring(html), SITE)]


@pytest.mark.parametrize("html, url", [
    ('<img src="https://t.example/p.gif" alt="">', "https://t.example/p.gif"),
    ('<img src="a.png" srcset="a.png 1x, //cdn.example/b.png 2x" alt="">', "//cdn.example/b.png"),
    ('<video src="https://v.example/c.mp4"></video>', "https://v.example/c.mp4"),
    ('<video src="c.mp4" poster="https://v.example/p.jpg"></video>', "https://v.example/p.jpg"),
    ('<audio><source src="https://v.example/a.mp3"></audio>', "https://v.example/a.mp3"),
    ('<link rel="stylesheet" href="https://css.example/s.css">', "https://css.example/s.css"),
    ('<link rel="preconnect" href="https://fonts.gstatic.com">', "https://fonts.gstatic.com"),
    ('<object data="https://o.example/f.pdf"></object>', "https://o.example/f.pdf"),
    ('<p style="background: url(\'https://bg.example/b.png\')">x</p>', "https://bg.example/b.png"),
    ('<style>@import "https://css.example/i.css";</style>', "https://css.example/i.css"),
    ('<style>.a { background: url(https://bg.example/c.png) }</style>', "https://bg.example/c.png"),
    ('<svg><image href="https://i.example/d.png"/></svg>', "https://i.example/d.png"),
    ('<svg><image xlink:href="https://i.example/d.png"/></svg>', "https://i.example/d.png"),
    ('<img src="a.png" srcset="a.png 1x,https://cdn.example/b.png 2x" alt="">', "https://cdn.example/b.png"),
    ('<img src="http://t.example/p.gif" alt="">', "http://t.example/p.gif"),
    ('<p style="background: image-set(\'https://bg.example/a.png\' 1x)">x</p>', "https://bg.example/a.png"),
    ('<p style="background: image-set(url(https://bg.example/a.png) 1x)">x</p>', "https://bg.example/a.png"),
    ('<style>@font-face { font-family: f; src: src("https://f.example/f.woff2") }</style>', "https://f.example/f.woff2"),
    # after the elements every page starts with
    ('<meta charset="utf-8"><style>p { color: red }</style><img src="https://t.example/p.gif" alt="">',
     "https://t.example/p.gif"),
    # a <link> that names a page but also loads: an alternative stylesheet, a prefetch, an icon
    ('<link rel="alternate stylesheet" href="https://css.example/s.css">', "https://css.example/s.css"),
    ('<link rel="next prefetch" href="https://p.example/2/">', "https://p.example/2/"),
    ('<link rel="alternate icon" href="https://i.example/f.ico">', "https://i.example/f.ico"),
])
def test_a_load_from_another_website_is_found_by_every_route(html, url):
    assert messages(html) == [f"loads {url} {LOADS} {SHOW_HERE}"]


@pytest.mark.parametrize("html", [
    '<a href="https://nhs.uk/">a link the visitor clicks</a>',
    '<link rel="canonical" href="https://example.org/page/">',
    '<link rel="Prev Help" href="https://example.org/page/">',  # only names pages
    f'<img src="https://{SITE}/soleus/images/a.png" alt="">',  # the site's own address
    '<img src="images/a.png" srcset="images/a.png 1x, images/b.png 2x" alt="">',
    '<img src="data:image/png;base64,iVBORw0KGgo=" alt="">',
    '<p style="color: red">x</p>',
    f'<p style="background: url(https://{SITE}/soleus/b.png)">x</p>',
    f'<style>@import "https://{SITE}/soleus/x.css";</style>',
    '<p style="color: red">@import "https://css.example/i.css"; goes at the top</p>',  # words
    '<input type="image" src="data:image/png;base64,iVBORw0KGgo=" alt="Go">',  # a picture
    '<input type="image" src="DATA:Image/PNG;base64,iVBORw0KGgo=" alt="Go">',
    '<img src="//cdn.example/a.png" alt="">',  # refused by the link check, in its own words
])
def test_what_loads_nothing_from_elsewhere_and_runs_nothing_is_left_alone(html):
    assert messages(html) == []


@pytest.mark.parametrize("html, message", [
    ('<p onclick="steal()">x</p>', "the event handler onclick=\"steal()\" runs code in the visitor's browser (remove it)"),
    ('<img src="a.png" ONERROR="steal()" alt="">', "the event handler onerror=\"steal()\" runs code in the visitor's browser (remove it)"),
    ('<map name="m"><area href="javascript:go()" alt="a"></map>', "the address 'javascript:go()' runs code in the visitor's browser (remove it)"),
    ('<svg><a xlink:href="javascript:go()"><text>x</text></a></svg>', "the address 'javascript:go()' runs code in the visitor's browser (remove it)"),
    ('<button formaction="vbscript:go()">x</button>', "the address 'vbscript:go()' runs code in the visitor's browser (remove it)"),
    ('<form action="data:text/html,x"></form>', "the address 'data:text/html,x' runs code in the visitor's browser (remove it)"),
    # an SVG picture may run its own scripts; a data: address the visitor opens is no picture
    ('<input type="image" src="data:image/svg+xml,<svg onload=go()>" alt="Go">', "the address 'data:image/svg+xml,<svg onload=go()>' runs code in the visitor's browser (remove it)"),
    ('<map name="m"><area href="data:image/png;base64,iVBORw0KGgo=" alt="a"></map>', "the address 'data:image/png;base64,iVBORw0KGgo=' runs code in the visitor's browser (remove it)"),
    ('<meta http-equiv="Refresh" content="0;url=https://evil.example/">', 'a <meta http-equiv="refresh"> sends the visitor elsewhere (remove it, and link to the page instead)'),
    ('<base href="https://evil.example/">', "a <base> changes where every link of the page leads (remove it)"),
])
def test_active_content_is_found_whatever_its_element(html, message):
    assert messages(html) == [message]


def test_each_finding_holds_the_words_that_find_its_line_and_the_host_it_loads_from():
    """The plugin looks for `value` in the page's lines (in lower case) to say where it was written,
    and for `host` among the hosts a setting in mkdocs.yml loads from."""
    document = lxml.html.document_fromstring(
        '<meta charset="utf-8"><p onclick="steal()">x</p><img src=" http://t.example/p.gif " alt="">'
        '<map name="m"><area href=" javascript:go() " alt="a"></map><meta http-equiv="refresh" '
        'content="0"><base href="/">')
    runs = "runs code in the visitor's browser"
    assert list(findings(document, SITE)) == [
        Finding(f'the event handler onclick="steal()" {runs}', "remove it", "onclick"),
        Finding(f"loads http://t.example/p.gif {LOADS}", HOW_TO_SHOW, "http://t.example/p.gif", "t.example"),
        Finding(f"the address 'javascript:go()' {runs}", "remove it", "javascript:go()"),
        Finding('a <meta http-equiv="refresh"> sends the visitor elsewhere',
                "remove it, and link to the page instead", "refresh"),
        Finding("a <base> changes where every link of the page leads", "remove it", "<base"),
    ]


def test_the_elements_that_may_load_or_run_something_are_the_only_candidates():
    """A page's navigation, headings and plain links are passed over (the theme's part of each page
    is checked element by element)."""
    document = lxml.html.document_fromstring(
        '<html><head><meta charset="utf-8"><link rel="icon" href="a.png"><style>p {}</style></head>'
        '<body><nav><a href="/x/">X</a><a href="https://nhs.uk/" class="md-nav__link">NHS</a>'
        '<ul><li><a href="#a">A</a></li></ul></nav><!-- a comment --><h2 id="h">H</h2>'
        '<img src="a.png" alt=""><p onclick="go()">x</p><svg><use xlink:href="#i"/></svg>'
        '<form action="/s"></form></body></html>')
    assert [element.tag for element in candidates(document)] == [
        "meta", "link", "style", "img", "p", "use", "form"]


def test_a_finding_is_located_at_the_first_place_that_holds_it_else_at_the_fallback():
    finding = Finding("loads x", "do y", "x")
    nowhere = lambda found: None  # noqa: E731
    in_settings = lambda found: ("mkdocs.yml", 12) if found.value == "x" else None  # noqa: E731
    in_template = lambda found: ("overrides/main.html", 3)  # noqa: E731
    assert located(finding, [nowhere, in_settings, in_template], "site/index.html") == Problem(
        "mkdocs.yml", 12, "loads x (do y)")
    assert located(finding, [nowhere], "site/index.html") == Problem("site/index.html", 0, "loads x (do y)")
    assert located(finding, [], "site/404.html") == Problem("site/404.html", 0, "loads x (do y)")


def test_analytics_in_the_settings_is_an_error_at_its_line(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Soleus\nextra:\n  clinic: x\n  analytics:\n    provider: google\n")
    assert [str(problem) for problem in settings_problems(config, {"analytics": {"provider": "google"}})] == [
        "mkdocs.yml:4: analytics would send every visit to another website (Google Analytics) from a "
        "site for patients: remove it (your web host's own visit counts need no code on the pages)"]
    assert settings_problems(config, {"clinic": "x"}) == []
    assert settings_problems(config, {"analytics": None}) == []


def test_a_links_own_address_is_left_to_the_link_check():
    """The link check says why a javascript: link is refused, in its own words (checks/links.py)."""
    assert messages('<a href="javascript:go()">x</a><img src="javascript:go()" alt="">') == []


def test_a_stylesheet_of_the_site_loads_nothing_from_elsewhere(tmp_path):
    css = tmp_path / "extra.css"
    css.write_text('.a { color: red }\n@import url("https://css.example/i.css");\n'
                   '.b {\n  background: url(https://bg.example/b.png);\n}\n'
                   '@font-face { src: url(fonts/own.woff2) }\n'
                   '@import url(https://css.example/j.css);\n@import "https://css.example/k.css";\n')
    assert [str(problem) for problem in stylesheet_problems(css, "docs/extra.css", SITE)] == [
        f"docs/extra.css:2: loads https://css.example/i.css {LOADS} {SHOW_HERE}",
        f"docs/extra.css:4: loads https://bg.example/b.png {LOADS} {SHOW_HERE}",
        f"docs/extra.css:7: loads https://css.example/j.css {LOADS} {SHOW_HERE}",  # once
        f"docs/extra.css:8: loads https://css.example/k.css {LOADS} {SHOW_HERE}"]


def test_a_stylesheet_not_in_utf8_is_still_checked_and_the_sites_own_address_is_not_reported(tmp_path):
    css = tmp_path / "extra.css"
    css.write_bytes(b"/* caf\xe9 */\n.a { background: url(https://bg.example/b.png) }\n"
                    b".b { background: url(https://activepodiatry.co.uk/soleus/b.png) }\n")
    assert [str(problem) for problem in stylesheet_problems(css, "docs/extra.css", SITE)] == [
        f"docs/extra.css:2: loads https://bg.example/b.png {LOADS} {SHOW_HERE}"]


def test_an_svg_picture_that_cannot_be_read_is_an_error_at_the_line_where_it_breaks(tmp_path):
    svg = tmp_path / "x.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg">\n<g>\n</svg>\n')
    assert [str(problem) for problem in svg_problems(svg, "docs/images/x.svg", SITE)] == [
        "docs/images/x.svg:3: the picture cannot be read as SVG: Opening and ending tag mismatch: g "
        "line 2 and svg, line 3, column 7 (save it again from the drawing program as plain SVG)"]


def test_an_svg_picture_that_runs_code_or_loads_from_elsewhere_is_refused_at_its_lines(tmp_path):
    svg = tmp_path / "x.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n'
                   '<script>alert(1)</script>\n<rect width="1" height="1" onload="go()"/>\n'
                   '<foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject>\n'
                   '<image xlink:href="https://i.example/d.png"/>\n<use href="#own"/>\n'
                   '<a href="javascript:go()"><text>x</text></a>\n'
                   '<foreignObject><img xmlns="http://www.w3.org/1999/xhtml" src="//t.example/p.gif"/></foreignObject>\n'
                   '<image href="https://activepodiatry.co.uk/soleus/images/a.png"/>\n</svg>\n')
    assert [str(problem) for problem in svg_problems(svg, "docs/images/x.svg", SITE)] == [
        "docs/images/x.svg:2: <script> in a picture runs code or shows a page when the picture's "
        "address is opened (save the drawing as plain SVG, without scripts or embedded HTML)",
        "docs/images/x.svg:3: the event handler onload=\"go()\" runs code in the visitor's browser (remove it)",
        "docs/images/x.svg:4: <foreignobject> in a picture runs code or shows a page when the "
        "picture's address is opened (save the drawing as plain SVG, without scripts or embedded HTML)",
        f"docs/images/x.svg:5: loads https://i.example/d.png {LOADS} {SHOW_HERE}",
        # no link check reads a picture's links
        "docs/images/x.svg:7: the address 'javascript:go()' runs code in the visitor's browser (remove it)",
        "docs/images/x.svg:8: <foreignobject> in a picture runs code or shows a page when the "
        "picture's address is opened (save the drawing as plain SVG, without scripts or embedded HTML)",
        f"docs/images/x.svg:8: loads //t.example/p.gif {LOADS} {SHOW_HERE}"]
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg"><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>')
    assert [problem.message.split(":")[0] for problem in svg_problems(svg, "docs/images/x.svg", SITE)] == [
        "the picture cannot be read as SVG"]


def test_an_svg_pictures_entities_are_read_as_a_browser_reads_them_but_never_a_file(tmp_path):
    """A browser expands the picture's own entities: a load hidden in one is found; an entity
    that would read a file or an address is not read, and the picture is refused."""
    svg = tmp_path / "x.svg"
    svg.write_text('<!DOCTYPE svg [<!ENTITY s "@import \'https://css.example/i.css\';">]>\n'
                   '<svg xmlns="http://www.w3.org/2000/svg">\n<style>&s;</style>\n</svg>\n')
    assert [str(problem) for problem in svg_problems(svg, "docs/images/x.svg", SITE)] == [
        f"docs/images/x.svg:3: loads https://css.example/i.css {LOADS} {SHOW_HERE}"]
    svg.write_text('<!DOCTYPE svg [<!ENTITY e SYSTEM "file:///etc/hostname">]>\n'
                   '<svg xmlns="http://www.w3.org/2000/svg">\n<text>&e;</text>\n</svg>\n')
    assert [str(problem) for problem in svg_problems(svg, "docs/images/x.svg", SITE)] == [
        "docs/images/x.svg:3: the picture cannot be read as SVG: Entity 'e' not defined, line 3, "
        "column 10 (save it again from the drawing program as plain SVG)"]


def test_every_route_to_the_published_site_is_an_error_at_the_line_that_made_it(project):
    """Markdown, attr_list, raw HTML, mkdocs.yml settings and a template: each finding at its line,
    and the site left as it was."""
    assert run_build(project).returncode == 0
    before = tree_digest(project / "site")
    page = project / "docs" / "anatomy.md"
    with page.open("a", encoding="utf-8") as text:
        text.write('\n![A pixel](https://t.example/p.gif)\n\nTap here.\n{: onclick="steal()" }\n\n'
                   '![Drawing](images/soleus-anatomy.svg){ onerror="steal()" }\n\n'
                   '<p style="background: url(https://bg.example/b.png)">Styled</p>\n\n'
                   '<map name="m"><area href="javascript:go()" alt="a" shape="rect" coords="0,0,1,1"></map>\n')
    config = project / "mkdocs.yml"
    edit(config, "  - path: javascripts/keyboard.js\n    defer: true\n",
         "  - path: javascripts/keyboard.js\n    defer: true\n  - https://cdn.example/t.js\n")
    edit(config, "  font: false\n", "")
    edit(config, "extra:\n", "extra:\n  analytics:\n    provider: google\n    property: G-TEST\n")
    edit(project / "overrides" / "main.html", "{% block content %}",
         '{% block extrahead %}<link rel="stylesheet" href="https://css.example/s.css">{% endblock %}\n'
         "{% block content %}")
    result = run_build(project)
    assert result.returncode == 1
    line = lambda text: line_of(page, text)  # noqa: E731
    fonts = f"(the theme loads its font from Google: write  font: false  under theme:, and the site uses the reader's own fonts)"
    assert result.stdout.splitlines()[:10] == [
        f"docs/anatomy.md:{line('t.example')}: loads https://t.example/p.gif {LOADS} {SHOW_HERE}",
        f"docs/anatomy.md:{line('onclick')}: the event handler onclick=\"steal()\" runs code in the visitor's browser (remove it)",
        f"docs/anatomy.md:{line('onerror')}: the event handler onerror=\"steal()\" runs code in the visitor's browser (remove it)",
        f"docs/anatomy.md:{line('bg.example')}: loads https://bg.example/b.png {LOADS} {SHOW_HERE}",
        f"docs/anatomy.md:{line('javascript:go()')}: the address 'javascript:go()' runs code in the visitor's browser (remove it)",
        f"mkdocs.yml:{line_of(config, 'theme:')}: loads https://fonts.googleapis.com/css?family=Roboto:300,300i,400,400i,700,700i%7CRoboto+Mono:400,400i,700,700i&display=fallback {LOADS} {fonts}",
        f"mkdocs.yml:{line_of(config, 'theme:')}: loads https://fonts.gstatic.com {LOADS} {fonts}",
        f"mkdocs.yml:{line_of(config, 'cdn.example')}: loads https://cdn.example/t.js {LOADS} {SHOW_HERE}",
        f"mkdocs.yml:{line_of(config, 'analytics:')}: analytics would send every visit to another website (Google Analytics) from a site for patients: remove it (your web host's own visit counts need no code on the pages)",
        f"overrides/main.html:{line_of(project / 'overrides' / 'main.html', 'css.example')}: loads https://css.example/s.css {LOADS} {SHOW_HERE}",
    ]
    assert result.stdout.splitlines()[10] == "10 errors, 0 warnings"
    assert tree_digest(project / "site") == before
