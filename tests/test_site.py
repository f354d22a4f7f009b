"""The built site: every page, every point of the clinic's article, nothing from other hosts."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html import escape
from html.parser import HTMLParser
from urllib.parse import urlparse

import pytest

from conftest import PAGES, PROJECT_DIR, article_text, page_html

# Every point of the article (../shared/source/how-to-strengthen-the-soleus.txt), page by page.
ARTICLE_POINTS = {
    "index": [
        "The soleus is a muscle deep in your calf.",
        "Go straight to the exercise",
        "This guide comes from an article by Active Podiatry, a sports podiatry clinic in England.",
    ],
    "anatomy": [
        "Your calf is the back of your lower leg. It has three muscles, and the soleus is one of them.",
        "The calf muscles run down the back of your leg, from the knee to the Achilles tendon.",
        "The calf muscles work hardest when your foot pushes off the ground. Experts call this "
        "moment push-off , or the late stance phase of gait.",
        "At push-off, the calf muscles point your foot down. This movement is called plantar flexion .",
        "The soleus is the shorter of the three calf muscles. It works harder when your knee is bent.",
    ],
    "running": [
        "The soleus works harder when your knee is bent. This makes it an important muscle for runners.",
        "It makes a large share of the power when your foot pushes off the ground.",
        "In our experience, the soleus takes around two thirds (2/3) of the whole load in running.",
        "We have not found a study that gives that exact number",
        "Hamner and others, 2010", "Dorn and others, 2012", "Bohm and others, 2023",
    ],
    "weakness": [
        "When we assess runners, we often find that the soleus is weak.",
        "a tight calf", "a higher risk of calf strains", "compensatory overload",
        "shin splints", "Achilles tendinopathy", "Our first article called this Achilles tendinitis",
        "plantar fasciitis",
        "throbbing or cramping pain, usually in one leg (rarely both), in the calf or thigh;",
        "red or darker skin around it. This can be harder to see on brown or black skin.",
        "Call NHS 111 for advice straight away, or ask your GP for an urgent appointment.",
        "If you also feel short of breath , have chest pain or are coughing up blood , call 999 .",
        "You feel a sudden, sharp pain in your heel or calf, often with a snap or a \"pop\".",
        "Go to an urgent treatment centre or A&E the same day .",
        "Your pain lasts, or gets worse.",
    ],
    "exercise": [
        "The soleus is active when your knee is bent (flexed). So you need to work it in this position.",
        "Stand on a step with your heel hanging over the edge of the step. Bend your knee.",
        "Push up into a heel raise, through the ball of your foot",
        "Make sure your knee stays bent.",
        "Slowly lower yourself down, dropping your heel below the step.",
        "Stop the repetitions when you start to lose control, or if you get too much pain in your calf.",
        "Imagine your knee is locked in a metal brace and you cannot straighten it.",
        "do fewer repetitions so you stay in control.",
        "More \"time under tension\" (the time your muscle is working) makes it harder.",
        "Hold hand weights, such as kettlebells, or things from home, such as milk cartons. "
        "Or wear a weighted backpack.",
        "do up to 15 in 1 set.",
        "build up to 3 sets of 15 repetitions. This is your baseline.",
        "at first, do the exercise on alternate days (every other day) for about 6 weeks, to build strength.",
        "Once you add weights: you can do fewer repetitions, and do the exercise about 3 times a "
        "week to keep your strength.",
        "Work one leg at a time. Hold a rail or a wall for balance.",
        "Repeat, then change legs.",
        "0 to 3: fine. Carry on. 4 to 5: all right, but do not go higher. More than 5: too much. "
        "Stop, and do fewer next time.",
        "Any pain should settle by the next morning. If your calf is more painful or stiff the next "
        "morning, do less next time.",
        "When you can do 10 full heel raises with both feet, move on to one foot at a time.",
        "A sudden sharp pain or a \"pop\" in your heel or calf means going to an urgent treatment "
        "centre or A&E the same day.",
        "the glutes (the muscles in your bottom); the hamstrings (the back of your thigh); "
        "the quadriceps (the front of your thigh).",
    ],
    "how-we-can-help": [
        "Every runner who comes to Active Podiatry is offered a full strength assessment .",
        "It finds any weak muscles, in your soleus or anywhere else.",
        "Then we give you a plan of exercises made just for you, to make you stronger and fitter. "
        "This is a strength and conditioning programme. It helps you get over an injury and "
        "back to full activity.",
        "Active Podiatry , a sports podiatry clinic in England",
        "Website: activepodiatry.co.uk",
    ],
    "references": [
        "doi:10.1016/j.jbiomech.2010.06.025",
        "doi:10.1242/jeb.064527",
        "Bohm S, Mersmann F, Schroll A, Arampatzis A. Speed-specific optimal contractile conditions "
        "of the human soleus muscle from slow to maximum running speed.",
        "2023;226(22):jeb246437. doi:10.1242/jeb.246437",
        "We have not found the study that gives that exact number.",
        "Deep vein thrombosis (DVT)",
        "What we added to our article",
    ],
}


@pytest.mark.parametrize("page", PAGES)
def test_page_holds_its_part_of_the_article(built_site, page):
    text = article_text(page_html(built_site, page))
    missing = [point for point in ARTICLE_POINTS[page] if point not in text]
    assert missing == []


class _Resources(HTMLParser):
    """Every URL a browser would fetch by itself while loading the page."""

    FETCHED = {("script", "src"), ("img", "src"), ("img", "srcset"), ("iframe", "src"),
               ("video", "src"), ("video", "poster"), ("audio", "src"), ("source", "src"),
               ("source", "srcset"), ("track", "src"), ("embed", "src"), ("object", "data"),
               ("input", "src")}
    FETCHED_LINKS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "preconnect",
                     "dns-prefetch", "manifest", "apple-touch-icon"}

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            if (tag, name) in self.FETCHED and value:
                self.urls += [part.split()[0] for part in value.split(",")] if "srcset" in name else [value]
        if tag == "link" and set((attrs.get("rel") or "").split()) & self.FETCHED_LINKS:
            self.urls.append(attrs["href"])
        self.urls += re.findall(r"url\(['\"]?([^'\")]+)", attrs.get("style") or "")


@pytest.mark.parametrize("page", PAGES)
def test_page_fetches_nothing_from_another_host(built_site, page):
    parser = _Resources()
    parser.feed(page_html(built_site, page))
    assert parser.urls, "the parser found no resources at all"
    assert [url for url in parser.urls if urlparse(url).netloc or url.startswith("//")] == []


def test_stylesheets_fetch_nothing_from_another_host(built_site):
    external = [(css.name, url) for css in built_site.rglob("*.css")
                for url in re.findall(r"url\(['\"]?((?:https?:)?//[^'\")]+)", css.read_text())]
    assert external == []


@pytest.mark.parametrize("page", PAGES)
def test_page_has_a_description_and_both_review_dates(built_site, page):
    html = page_html(built_site, page)
    source = (PROJECT_DIR / "docs" / f"{page}.md").read_text(encoding="utf-8")
    expected = re.search(r"^description: (.+)$", source, re.M).group(1)
    assert f'<meta name="description" content="{escape(expected)}">' in html
    assert ('<p>Page last updated: <time datetime="2026-11-25">25 November 2026</time></p>' in html)
    assert ('<p>Next review due: <time datetime="2027-11-25">25 November 2027</time></p>' in html)


def test_footer_shows_only_known_clinic_details(built_site):
    html = page_html(built_site, "index")
    assert 'Published by\n    <a href="https://activepodiatry.co.uk/">Active Podiatry</a>' in html
    assert "tel:" not in html
    assert "Phone" not in html
    assert "Book an appointment" not in html


def test_edit_links_point_at_each_pages_source_when_the_edit_address_is_set(tmp_path):
    env = {**os.environ, "EDIT_URL": "https://github.com/example/soleus/edit/main/docs/"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d",
                             str(tmp_path)], cwd=PROJECT_DIR, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    for page in PAGES:
        assert (f'<p><a href="https://github.com/example/soleus/edit/main/docs/{page}.md" '
                f'rel="edit">Edit this page</a> (for clinic staff)</p>') in page_html(tmp_path, page)


def test_without_an_edit_address_there_is_no_edit_link_and_no_repository_widget(built_site):
    for page in PAGES:
        html = page_html(built_site, page)
        assert "Edit this page" not in html
        assert 'data-md-component="source"' not in html


def test_pictures_have_their_size_and_only_the_first_loads_at_once(built_site):
    html = page_html(built_site, "exercise")
    article = html[html.index("<article"):html.index("</article>")]
    pictures = re.findall(r"<img\b[^>]*>", article)
    assert [re.search(r'src="([^"]+)"', tag).group(1) for tag in pictures] == [
        "../images/heel-raise-start.svg", "../images/heel-raise-top.svg",
        "../images/heel-raise-mistake.svg"]
    assert all('width="480"' in tag and 'height="480"' in tag for tag in pictures)
    assert ['loading="lazy"' in tag for tag in pictures] == [False, True, True]
    assert ['fetchpriority="high"' in tag for tag in pictures] == [True, False, False]


def test_the_exercise_follows_the_steps_with_the_dosage_and_ties_maintenance_to_weights(built_site):
    """The clinic's article ties the lighter routine to adding weights, not to a date; and the
    dosage comes straight after the steps, before the tips and the video."""
    text = article_text(page_html(built_site, "exercise"))
    assert "After 6 weeks" not in text
    headings = [heading for heading in ("How to do it", "How many and how often",
                                        "How it should feel", "Make it easier or harder",
                                        "Tips for success", "Watch how it is done")
                if heading in text]
    assert sorted(headings, key=text.index) == headings
    assert len(headings) == 6
