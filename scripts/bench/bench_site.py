"""A synthetic copy of the site, with many extra pages, for timing the build (make bench).

Copies a project's mkdocs.yml, overrides/ and docs/ into a destination (which must be empty or
absent), then adds generated pages, docs/generated/page-001.md and so on: each
about 850 words of plain prose under 4 to 6 headings, with front matter like the real pages, a
picture, a link to the exercise page and links to 5 other generated pages (some to a heading).
All generated pages are added to the nav under "Generated". The same PAGES always gives the
same site, so timings can be compared. Its command line:  scripts/bench/run.py make-site.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from soleus_site.site_build import copy_site_sources

GENERATED_DIR = "generated"  # under docs/
DEFAULT_PAGES = 300
WORDS_PER_PAGE = 850
LINKS_PER_PAGE = 5
SEED = 2026
FRONT_MATTER_DATES = "updated: 2026-11-25\nreview_due: 2027-11-25\n"
PICTURE = ("![Side view: standing on the ball of one foot on the edge of a step, heel below the "
           "step, knee bent.](../images/heel-raise-start.svg)")
EXERCISE_LINK = "Try [the bent-knee heel raise](../exercise.md) three times a week."

# Plain words only, so each heading's id is its words in lower case joined by '-'.
HEADINGS = [
    "Why calves matter", "Easy runs", "Long runs", "Hills", "Rest days", "Warm up",
    "Cool down", "Strength work", "How often", "Shoes", "Sore calves", "Getting started",
    "Building up", "Race day", "After a run", "Sleep and food", "Common mistakes", "When to stop",
]
SENTENCES = [
    "Your calf has two main muscles.", "The soleus sits deep in your lower leg.",
    "It works hard every time your foot lands.", "A strong calf helps you run for longer.",
    "Start with a few slow heel raises.", "Keep your knee bent a little as you rise.",
    "Lower your heel slowly below the step.", "Rest for a minute between sets.",
    "Most runners feel better after a few weeks.", "Do not rush the first steps.",
    "Run at a pace where you can still talk.", "Easy miles build a strong base.",
    "Hills make your calves work harder.", "Walk the steep parts if you need to.",
    "A rest day lets your muscles repair.", "Sleep is part of your training.",
    "Drink water before and after you run.", "Wear shoes that fit you well.",
    "Change your shoes when the soles wear thin.", "A short warm up makes the first mile easier.",
    "Jog gently for five minutes to start.", "Stretch your calves when you finish.",
    "Some soreness the next day is normal.", "Sharp pain is a sign to stop.",
    "Ask us if the pain does not go away.", "Add a little more each week.",
    "Too much too soon can lead to injury.", "Strength work twice a week is a good start.",
    "You can do heel raises at home.", "Hold on to a wall for balance.",
    "Count slowly as you go up and down.", "Keep your back straight and your hips level.",
    "Good form matters more than speed.", "Small gains add up over time.",
    "Write down what you did each day.", "Listen to how your legs feel.",
    "A calm run is still a good run.", "Eat a small meal a few hours before a long run.",
    "On race day, do nothing new.", "Thank your legs for the work they do.",
]


def plan_headings(pages: int, rng: random.Random) -> list[list[str]]:
    """For each page, 4 to 6 distinct headings, so links can point at headings that exist."""
    return [rng.sample(HEADINGS, rng.randint(4, 6)) for _ in range(pages)]


def slug(heading: str) -> str:
    """The id the toc extension gives a heading made of plain words."""
    return re.sub(r"[^\w\s-]", "", heading).strip().lower().replace(" ", "-")


def page_name(number: int) -> str:
    """The file name of generated page `number` (1-based), e.g. page-007.md."""
    return f"page-{number:03d}.md"


def page_title(number: int) -> str:
    """The title of generated page `number`."""
    return f"Running notes {number}"


def link_sentences(number: int, headings: list[list[str]], rng: random.Random) -> list[str]:
    """Sentences linking page `number` to 5 other pages; the first 3 to one of their headings."""
    others = rng.sample([n for n in range(1, len(headings) + 1) if n != number],
                        min(LINKS_PER_PAGE, len(headings) - 1))
    sentences = []
    for index, other in enumerate(others):
        target = page_name(other)
        if index < 3:
            heading = rng.choice(headings[other - 1])
            target += "#" + slug(heading)
            sentences.append(f"See [{heading.lower()} in {page_title(other).lower()}]({target}).")
        else:
            sentences.append(f"There is more in [{page_title(other).lower()}]({target}).")
    return sentences


def page_markdown(number: int, headings: list[list[str]], rng: random.Random) -> str:
    """One generated page: front matter, a title, then prose under its headings."""
    title = page_title(number)
    own = headings[number - 1]
    extras = link_sentences(number, headings, rng) + [EXERCISE_LINK]
    lines = [f"---\ntitle: {title}\ndescription: Plain notes for runners on calf strength, "
             f"rest and running, part {number}.\n{FRONT_MATTER_DATES}---\n", f"# {title}\n"]
    words = 0
    for index, heading in enumerate(own):
        lines.append(f"## {heading}\n")
        if index == 1:
            lines.append(PICTURE + "\n")
        goal = WORDS_PER_PAGE * (index + 1) // len(own)
        while words < goal:
            paragraph = rng.sample(SENTENCES, rng.randint(4, 6))
            if extras and (index == len(own) - 1 or rng.random() < 0.3):
                paragraph.append(extras.pop())
            words += sum(len(sentence.split()) for sentence in paragraph)
            lines.append(" ".join(paragraph) + "\n")
    lines.extend(sentence + "\n" for sentence in extras)  # any link not placed yet
    return "\n".join(lines)


def add_to_nav(config_text: str, pages: int) -> str:
    """mkdocs.yml's text with a "Generated" section appended to the end of its nav."""
    lines = config_text.splitlines()
    start = next(i for i, line in enumerate(lines) if re.match(r"nav:\s*(#.*)?$", line))
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end][0] in " \t-#"):
        end += 1
    while not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#"):
        end -= 1  # keep blank lines and comments after the nav where they were
    indent = re.match(r"\s*", next(line for line in lines[start + 1:end] if line.strip()))[0]
    section = [f"{indent}- Generated:"] + [
        f"{indent}    - {page_title(n)}: {GENERATED_DIR}/{page_name(n)}" for n in range(1, pages + 1)]
    return "\n".join(lines[:end] + section + lines[end:]) + "\n"


def make_bench_site(destination: Path, project: Path, pages: int = DEFAULT_PAGES) -> Path:
    """Copy the project's site into `destination` and add `pages` generated pages; return it."""
    destination = Path(destination)
    if destination.exists() and any(destination.iterdir()):
        raise FileExistsError(f"{destination} is not empty")
    copy_site_sources(project, destination)
    rng = random.Random(SEED)
    headings = plan_headings(pages, rng)
    folder = destination / "docs" / GENERATED_DIR
    folder.mkdir()
    for number in range(1, pages + 1):
        (folder / page_name(number)).write_text(page_markdown(number, headings, rng), encoding="utf-8")
    config = destination / "mkdocs.yml"
    config.write_text(add_to_nav(config.read_text(encoding="utf-8"), pages), encoding="utf-8")
    return destination
