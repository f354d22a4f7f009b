"""The built site: every page, every point of the clinic's article, nothing from other hosts, and
titles and descriptions printed as written, never run."""

from __future__ import annotations

import datetime
import os
import re
import subprocess
import sys
from html import escape
from html.parser import HTMLParser
from urllib.parse import urlparse

import lxml.html
import pytest

from conftest import PAGES, PROJECT_DIR, article_text, edit, page_html, run_build

# Every point of the article (../shared/source/how-to-strengthen-the-soleus.txt), page by page.
ARTICLE_POINTS = {
    "index": [
        "The soleus is a muscle deep in your calf.",
        "Go straight to the exercise",
        "This guide comes from an article by Active Podiatry, a sports podiatry clinic in England.",
    ],
    "anatomy": [
        "Your calf is the back of your lower leg. The soleus is one of its muscles.",
        "Both run down to the Achilles tendon.",
        "The calf muscles work hardest when your foot pushes off the ground. Experts call this "
        "moment push-off , or the late stance phase of gait.",
        "At push-off, the calf muscles point your foot down. This movement is called plantar flexion .",
        "The soleus is shorter than the gastrocnemius, and it crosses only your ankle.",
        "When you bend your knee, the gastrocnemius goes slack, so the soleus does more of the work.",
    ],
    "running": [
        "The soleus is an important muscle for runners. It makes a large share of the power when "
        "your foot pushes off the ground.",
        "Our article says that the soleus takes around two thirds (2/3) of the whole load in running.",
        "That figure is ours: we have not found a study that gives it.",
        "Hamner and others, 2010", "Dorn and others, 2012", "Bohm and others, 2023",
    ],
    "weakness": [
        "When we assess runners, we often find that the soleus is weak.",
        "a tight calf", "a higher risk of calf strains", "compensatory overload",
        "shin splints", "Achilles tendinopathy", "Our first article called this Achilles tendinitis",
        "plantar fasciitis",
        "Swelling in one calf or thigh, with warm, red or darker skin (this can be harder to see on "
        "brown or black skin);",
        "Call NHS 111 , or ask your GP for an urgent appointment.",
        "If you are also short of breath , have chest pain or are coughing up blood , call 999 .",
        "A sudden, sharp pain in your heel or calf, often with a \"pop\"",
        "urgent treatment centre or A&E the same day",
        "Pain that lasts or gets worse:",
    ],
    "exercise": [
        "The soleus crosses only your ankle.",
        "Stand with the ball of one foot on the edge of the step, with your heel hanging over it.",
        "Bend your knee, so it moves forward over your toes.",
        "Push up through the ball of your foot (the padded part just behind your toes) into a heel "
        "raise. Keep your knee bent.",
        "Slowly lower your heel below the step.",
        "Stop the repetitions when you start to lose control, or if the pain in your calf goes above "
        "5 out of 10.",
        "Imagine your knee is locked in a metal brace and you cannot straighten it.",
        "do fewer repetitions so you stay in control.",
        "More \"time under tension\" (the time your muscle is working) makes it harder.",
        "Hold one weight, such as a kettlebell or a milk carton, in the hand that is not on the "
        "rail, or wear a backpack with weight in it.",
        "do up to 15 in 1 set.",
        "build up to 3 sets of 15, with 1 to 2 minutes' rest between sets. This is your baseline",
        "every other day (3 or 4 times a week) for about 6 weeks.",
        "Once you add weight: use enough that the last 2 or 3 of 8 to 12 repetitions are hard. Do "
        "it about 3 times a week, to keep your strength.",
        "Work one leg at a time. On a step, keep one hand on a rail or a wall the whole time.",
        "Then repeat, and change legs.",
        "0 to 3: fine. Carry on. 4 to 5: all right, but do not go higher. More than 5: too much. "
        "Stop, and do fewer next time.",
        "Any pain should settle by the next morning. If your calf is more painful or stiff the next "
        "morning, do less next time.",
        "When you can do 10 full heel raises on both feet, move on to one foot at a time.",
        "the glutes (the muscles in your bottom); the hamstrings (the back of your thigh); "
        "the quadriceps (the front of your thigh).",
    ],
    # The programme pages (issue 23): the article's plan, and no other part of the article
    "ladder": ["Our plan builds strength over about 6 weeks of raises every other day."],
    "seated-raise": [],
    "self-test": [],
    "back-to-running": [],
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


@pytest.mark.parametrize("page", PAGES)
def test_no_script_holds_up_the_pages_words(built_site, page):
    """Material's script and ours run once the page is read (defer), in the order written: the
    words show first (Lighthouse's first paint on a slow phone: 1.5 s, then 1.1 s)."""
    document = lxml.html.fromstring(page_html(built_site, page))
    scripts = [(script.get("src").rsplit("/", 1)[-1], script.get("defer"))
               for script in document.iter("script") if script.get("src")]
    names = [name for name, _ in scripts]
    assert names[0].startswith("bundle.") and names[1:] == ["video.js", "keyboard.js", "pacer.js"]
    assert all(defer is not None for _, defer in scripts), scripts


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
    for label, name in (("Page last updated", "updated"), ("Next review due", "review_due")):
        date = datetime.date.fromisoformat(re.search(rf"^{name}: (.+)$", source, re.M).group(1))
        assert (f'<p>{label}: <time datetime="{date}">{date.day} {date:%B %Y}</time></p>'
                in html)


def test_footer_shows_only_known_clinic_details(built_site):
    html = page_html(built_site, "index")
    assert 'Published by\n    <a href="https://activepodiatry.co.uk/">Active Podiatry</a>' in html
    assert "tel:" not in html
    assert "Phone" not in html
    assert "Book an appointment" not in html


@pytest.mark.build
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


# What the theme prints is escaped ----------------------------------------------------------------

@pytest.mark.usefixtures("good_site")
def test_titles_and_descriptions_are_shown_intact_and_never_run(project):
    edit(project / "docs" / "running.md", "description: ",
         "description: 'Why \"push-off\" <matters> & more'\nold_description: ")
    edit(project / "docs" / "running.md", "title: ",
         "title: 'Runners \"&\" <script>alert(1)</script> calves'\nold_title: ")
    result = run_build(project)
    assert result.returncode == 0, result.stdout
    page = (project / "site" / "running" / "index.html").read_text(encoding="utf-8")
    assert ('<meta name="description" content="Why &#34;push-off&#34; &lt;matters&gt; &amp; more">'
            in page)
    assert "<title>Runners &#34;&amp;&#34; &lt;script&gt;alert(1)&lt;/script&gt; calves" in page
    assert "<script>alert(1)" not in page
