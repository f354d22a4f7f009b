"""Shortcodes: one short line of Markdown that stands for something richer.

Staff write a shortcode on a line of its own:

    :video: media/heel-raise.mp4 "Bent-knee heel raise"
    :video: https://youtu.be/VIDEO_ID "Title" poster=images/poster.jpg
    :clinic-contact:
    :handout:
    :safety: when-to-stop
    :pacer: up=2 down=3

`expand_shortcodes` replaces each with HTML (or Markdown) and lists, with its
line number, every shortcode it cannot use (and a video file too heavy for a
phone on mobile data, as a warning). It also says, for each line of the
expanded Markdown, which line of the page it came from, so a link a shortcode
writes is reported at the shortcode.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Callable
from urllib.parse import parse_qs, urljoin, urlparse

from .clinic import contact_items
from .handout.outputs import HandoutOutputs
from .page_tools import image_size, page_text
from .problems import Problem, suggest

SHORTCODE_LINE = re.compile(r"^:(?P<name>[a-z][a-z-]*):(?:[ \t]+(?P<args>.*?))?[ \t]*$")
INDENTED_SHORTCODE = re.compile(r"^[ \t]+:(?P<name>[a-z][a-z-]*):(?:[ \t]|$)")
FENCE = re.compile(r"^[ \t]*(```|~~~)")
VIDEO_ARGS = re.compile(r'^(?P<source>[^\s"]+)\s+"(?P<title>[^"]+)"(?P<options>.*)$')
YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
YOUTUBE_PLAYER = "https://www.youtube-nocookie.com"  # where docs/javascripts/video.js loads it from
YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be",
                 "www.youtube-nocookie.com", "youtube-nocookie.com"}
VIDEO_FILE_TYPES = {".mp4": "video/mp4", ".webm": "video/webm"}
POSTER_TYPES = (".webp", ".jpg", ".png")  # WebP: half a JPEG's bytes for a drawn frame


class ShortcodeError(ValueError):
    """A shortcode that cannot be used, and why."""


@dataclass
class PageContext:
    """What a shortcode may need to know about the page it stands in."""

    src_path: str  # the page, relative to docs/, e.g. "exercise.md"
    shown_path: str  # the page as staff know it, e.g. "docs/exercise.md"
    docs_dir: Path
    url_for: Callable[[str], str]  # docs-relative file path -> URL relative to the page
    page_url: str = ""  # the page's absolute URL, for print
    clinic: dict = field(default_factory=dict)  # clinic.clinic_details()
    handout: HandoutOutputs | None = None  # for a page with `handout: true`
    # Origins the page may show in a frame once the visitor asks (its Content-Security-Policy)
    frame_sources: set[str] = field(default_factory=set)
    video_warn_mb: int | None = None  # a video file larger than this: a warning (None: never)
    warnings: list[str] = field(default_factory=list)  # the shortcode's, taken at its line


@dataclass
class Expanded:
    """The Markdown with its shortcodes replaced, a line at a time, with the line of the page
    each line came from; and the shortcodes that could not be used."""

    lines: list[str]
    file_lines: list[int]
    problems: list[Problem]


def expand_shortcodes(markdown: str, context: PageContext, first_line: int = 1) -> Expanded:
    """Replace every shortcode line, leaving fenced code blocks alone; list what failed, and
    every shortcode line that would silently not be used (indented, or after a code block's
    opening line that is never closed).

    `first_line` is the line of the page's file that `markdown` starts on (after front matter).
    """
    lines = markdown.split("\n")
    fences = _fences(lines)
    unclosed = fences[-1][0] if fences and fences[-1][1] is None else None
    expanded = Expanded([], [], [])

    def problem(index: int, message: str, severity: str = "error") -> None:
        expanded.problems.append(Problem(context.shown_path, first_line + index, message, severity))

    if unclosed is not None:
        problem(unclosed, f"this code block ({lines[unclosed].strip()}) is never closed, so "
                          f"what follows it is not read as the page: add a "
                          f"{lines[unclosed].strip()[:3]} line where the code ends, or delete "
                          f"this line")
    for index, line in enumerate(lines):
        in_code = any(start <= index <= (end if end is not None else len(lines))
                      for start, end in fences)
        match = SHORTCODE_LINE.match(line)
        indented = INDENTED_SHORTCODE.match(line)
        if in_code and unclosed is not None and index > unclosed and (match or indented):
            problem(index, f"shortcode ':{(match or indented).group('name')}:' was not used: it "
                           f"is inside the code block opened at line {first_line + unclosed}, "
                           f"which is never closed")
        elif match and not in_code:
            try:
                line = expand_one(match.group("name"), match.group("args") or "", context)
            except ShortcodeError as error:
                problem(index, str(error))
            for warning in context.warnings:
                problem(index, warning, "warning")
            context.warnings.clear()
        elif indented and not in_code:
            problem(index, f"shortcode ':{indented.group('name')}:' was not used: a shortcode "
                           f"must start at the beginning of its line, with no spaces before it")
        written = line.split("\n")
        expanded.lines += written
        expanded.file_lines += [first_line + index] * len(written)
    return expanded


def _fences(lines: list[str]) -> list[tuple[int, int | None]]:
    """(opening line, closing line or None) of each fenced code block, 0-based."""
    fences: list[tuple[int, int | None]] = []
    opened = None
    for index, line in enumerate(lines):
        fence = FENCE.match(line)
        if not fence:
            continue
        if opened is None:
            opened = (index, fence.group(1))
        elif fence.group(1) == opened[1]:
            fences.append((opened[0], index))
            opened = None
    return fences + ([(opened[0], None)] if opened else [])


def expand_one(name: str, args: str, context: PageContext) -> str:
    """The one dispatcher: a shortcode's name to what it stands for."""
    if name not in SHORTCODES:
        hint = suggest(name, SHORTCODES, "':{}:'").removeprefix(" (").removesuffix(")") or (
            "known: " + ", ".join(f":{known}:" for known in SHORTCODES))
        raise ShortcodeError(f"unknown shortcode ':{name}:' ({hint})")
    return SHORTCODES[name](args, context)


# Videos ---------------------------------------------------------------------

VIDEO_USAGE = ('write it as  :video: media/clip.mp4 "Title"  or  '
               ':video: https://youtu.be/VIDEO_ID "Title"')


def video(args: str, context: PageContext) -> str:
    """A video that sends nothing to another website until the visitor presses play."""
    source, title, options = parse_video_args(args)
    youtube_id = youtube_id_from(source)
    if youtube_id:
        poster = options.pop("poster", None)
        reject_unknown_options(options)
        poster_html = poster_img(check_docs_file(poster, context), context) if poster else ""
        context.frame_sources.add(YOUTUBE_PLAYER)
        return youtube_facade(youtube_id, title, poster_html)
    if PurePosixPath(source).suffix.lower() in VIDEO_FILE_TYPES:
        reject_unknown_options(options)
        return self_hosted_video(check_docs_file(source, context), title, context)
    raise ShortcodeError(f"video source '{source}' is neither a YouTube video (an 11-character "
                            f"ID or a youtube.com / youtu.be link) nor an .mp4 or .webm file; "
                            f"{VIDEO_USAGE}")


def parse_video_args(args: str) -> tuple[str, str, dict[str, str]]:
    """The source, the title (in double quotes) and any name=value options after it."""
    match = VIDEO_ARGS.match(args)
    if not match:
        raise ShortcodeError(f"video needs a source and a title in quotes; {VIDEO_USAGE}")
    options = {}
    for word in match.group("options").split():
        key, equals, value = word.partition("=")
        if not equals:
            raise ShortcodeError(f"video: unexpected '{word}' after the title "
                                 f"(put the whole title in one pair of quotes)")
        options[key] = value
    return match.group("source"), match.group("title"), options


def reject_unknown_options(options: dict[str, str]) -> None:
    if options:
        raise ShortcodeError(f"video: unknown option '{next(iter(options))}=' "
                                f"(the only option is poster=, for YouTube videos)")


def youtube_id_from(source: str) -> str | None:
    """The video's ID from a bare ID, 'youtube:ID' or any common YouTube link."""
    source = source.removeprefix("youtube:")
    if YOUTUBE_ID.match(source):
        return source
    url = urlparse(source)
    if url.scheme not in ("http", "https") or url.hostname not in YOUTUBE_HOSTS:
        return None
    if url.hostname == "youtu.be":
        candidate = url.path.strip("/")
    elif url.path == "/watch":
        candidate = parse_qs(url.query).get("v", [""])[0]
    else:  # /embed/ID, /shorts/ID, /live/ID
        parts = url.path.strip("/").split("/")
        candidate = parts[1] if len(parts) == 2 and parts[0] in ("embed", "shorts", "live") else ""
    if not YOUTUBE_ID.match(candidate):
        raise ShortcodeError(f"'{source}' is a YouTube link without a valid video ID "
                                f"(11 letters, digits, - or _)")
    return candidate


def check_docs_file(path: str, context: PageContext) -> str:
    """The docs-relative path of a file named relative to the page; it must exist."""
    if urlparse(path).scheme or path.startswith("/"):
        raise ShortcodeError(f"'{path}' must be a file in docs/, named relative to this page "
                             f"(for example media/clip.mp4)")
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(context.src_path), path))
    if resolved == ".." or resolved.startswith("../"):
        raise ShortcodeError(f"'{path}' goes outside docs/")
    if not (context.docs_dir / resolved).is_file():
        raise ShortcodeError(f"file '{path}' not found (looked for docs/{resolved}); "
                             f"check the spelling, or add the file there")
    return resolved


def youtube_facade(video_id: str, title: str, poster_html: str) -> str:
    watch_url = f"https://www.youtube.com/watch?v={video_id}"
    title_text = html.escape(title)  # quotes too: it is also an attribute's value
    return (
        f'<figure class="video video--youtube">\n'
        # Its name, for a screen reader and speech input, starts with the words it shows
        f'<a class="video__start" href="{watch_url}" data-youtube-id="{video_id}" '
        f'data-video-title="{title_text}" aria-label="Play video: {title_text}">'
        f'{poster_html}<span class="video__play" aria-hidden="true"></span>'
        f'<span class="video__label">Play video</span></a>\n'
        f'<figcaption>{title_text}. <span class="video__notice">Pressing play loads the video '
        f'from YouTube.</span></figcaption>\n'
        f'<p class="video__print">Watch the video: {watch_url}</p>\n'
        f'</figure>'
    )


def self_hosted_video(path: str, title: str, context: PageContext) -> str:
    stem = PurePosixPath(path).with_suffix("")
    poster = _companion(stem, POSTER_TYPES, context)
    captions = _companion(stem, (".vtt",), context)
    missing = [kind for kind, found in (("a poster image (.webp, .jpg or .png)", poster),
                                        ("a captions file (.vtt)", captions)) if not found]
    if missing:
        raise ShortcodeError(f"video '{path}' needs " + " and ".join(missing) +
                                f" beside it, named docs/{stem}.<type>")
    width, height = _poster_size(context.docs_dir / poster)
    sources = "".join(
        f'<source src="{context.url_for(str(file))}" type="{VIDEO_FILE_TYPES[file.suffix]}">\n'
        for file in (stem.with_suffix(".webm"), stem.with_suffix(".mp4"))
        if (context.docs_dir / file).is_file()
    )
    context.warnings += video_size_warnings([file for file in (stem.with_suffix(".webm"), PurePosixPath(path))
                                             if (context.docs_dir / file).is_file()], context)
    main_url = context.url_for(path)
    title_text = html.escape(title)
    print_link = f' at {html.escape(context.page_url)}' if context.page_url else ""
    return (
        f'<figure class="video video--file">\n'
        f'<video controls preload="none" playsinline width="{width}" height="{height}" '
        f'poster="{context.url_for(poster)}" aria-label="{html.escape(title, quote=True)}">\n'
        f'{sources}'
        f'<track kind="captions" src="{context.url_for(captions)}" srclang="en" '
        f'label="English" default>\n'
        f'<a href="{main_url}">Download the video: {title_text}</a>\n'
        f'</video>\n'
        f'<figcaption>{title_text}. <a href="{main_url}" download>Download the video</a> '
        f'to watch it offline.</figcaption>\n'
        f'<p class="video__print">Watch the video online{print_link}</p>\n'
        f'</figure>'
    )


VIDEO_TOO_LARGE = ("video '{path}' is {size:.1f} MB, a lot to download on a phone's mobile data: "
                   "make it smaller than {limit} MB (for example, export it at 720p, or shorten "
                   "it: a minute at 720p is about 19 MB)")


def video_size_warnings(files: list[PurePosixPath], context: PageContext) -> list[str]:
    """A warning for each of a video's files (docs-relative) over the plugin's video_warn_mb:
    a visitor who presses play downloads one of them, often on a phone's mobile data."""
    if context.video_warn_mb is None:
        return []
    sizes = {file: (context.docs_dir / file).stat().st_size for file in files}
    return [VIDEO_TOO_LARGE.format(path=file, size=size / 1_000_000, limit=context.video_warn_mb)
            for file, size in sizes.items() if size > context.video_warn_mb * 1_000_000]


def _poster_size(path: Path) -> tuple[int, int]:
    size = image_size(path)
    if not size:
        raise ShortcodeError(f"'{path.name}' is not a readable WebP, JPEG or PNG image")
    return size


def _companion(stem: PurePosixPath, suffixes: tuple[str, ...], context: PageContext) -> str | None:
    for suffix in suffixes:
        if (context.docs_dir / stem.with_suffix(suffix)).is_file():
            return str(stem.with_suffix(suffix))
    return None


def poster_img(path: str, context: PageContext) -> str:
    width, height = _poster_size(context.docs_dir / path)
    return (f'<img decoding="async" class="video__poster" src="{context.url_for(path)}" alt="" '
            f'width="{width}" height="{height}" loading="lazy">')


# Clinic details -------------------------------------------------------------

def clinic_contact(args: str, context: PageContext) -> str:
    """The clinic's known details, from mkdocs.yml, as a Markdown list; unknown ones are left out."""
    if args:
        raise ShortcodeError(":clinic-contact: takes nothing after it")
    clinic = context.clinic
    lines = [f"- **{clinic['name']}**" + (f", {clinic['description']}" if clinic.get("description") else "")]
    for item in contact_items(clinic):
        shown = f"[{item.text}]({item.href})" if item.href else item.text
        lines.append(f"- {item.label}: {shown}" if item.label else f"- {shown}")
    return "\n".join(lines)


# Safety texts ----------------------------------------------------------------

# Each safety text (who should check first, when to stop, when to get help) is written once, as
# Markdown, in docs/safety/<name>.md (not published as a page of its own: mkdocs.yml's
# exclude_docs). Every page that needs it, and so every handout made from such a page, shows that
# one text.
SAFETY_DIR = "safety"


def safety_text(args: str, context: PageContext) -> str:
    """The safety text docs/safety/<name>.md, as written there."""
    folder = context.docs_dir / SAFETY_DIR
    known = sorted(path.stem for path in folder.glob("*.md"))
    name = args.strip()
    if name in known:
        return page_text((folder / f"{name}.md").read_bytes()).strip("\n")
    known_list = f"(known: {', '.join(known) or 'none'}; each is a file docs/{SAFETY_DIR}/<name>.md)"
    if not name:
        raise ShortcodeError(f":safety: needs the name of a safety text, for example "
                             f":safety: when-to-stop {known_list}")
    raise ShortcodeError(f"unknown safety text '{name}' "
                         + (suggest(name, known, "':safety: {}'").lstrip() or known_list))


# The printable handout -------------------------------------------------------

def handout_links(args: str, context: PageContext) -> str:
    """Links to the page's handout and its PDFs, which the build makes from the page."""
    if args:
        raise ShortcodeError(":handout: takes nothing after it")
    if context.handout is None:
        raise ShortcodeError(":handout: links to this page's printable handout: add "
                             "'handout: true' to the page's front matter to make one")
    outputs = context.handout
    # On paper a link goes nowhere: its address is printed after it (shown only in print).
    address = urljoin(context.page_url, outputs.relative(outputs.page_dir)) if context.page_url else ""
    printed = (f'<span class="handout-links__print">: {html.escape(address)}</span>'
               if address else "")
    return (f'<p class="handout-links"><a href="{outputs.relative(outputs.page_dir)}">'
            f'Print the handout</a> (PDF: <a href="{outputs.relative(outputs.pdf_a4)}">A4</a>, '
            f'<a href="{outputs.relative(outputs.pdf_letter)}">Letter</a>, '
            f'<a href="{outputs.relative(outputs.pdf_large_print)}">large print</a>){printed}</p>')


# The pacer -------------------------------------------------------------------

# The clinic's pace, as the exercise and self-test pages word it: up for 2 seconds, down for 3.
PACER_DEFAULTS = {"up": 2, "down": 3}
PACER_SECONDS = range(1, 11)  # whole seconds: the beat never changes more than once a second
PACER_USAGE = "for example  :pacer: up=2 down=3  (seconds up, seconds down)"


def pacer(args: str, context: PageContext) -> str:
    """A tempo guide: the pace in words, and (with JavaScript: docs/javascripts/pacer.js) a
    Start/Stop button, a beat that rises for `up` seconds and falls for `down`, an optional click
    and the count of raises for a screen reader. Nothing is loaded, sent or stored."""
    seconds = dict(PACER_DEFAULTS)
    given = set()
    for word in args.split():
        key, equals, value = word.partition("=")
        if not equals:
            raise ShortcodeError(f"pacer: unexpected '{word}' (write the pace as up= and down=, "
                                 f"{PACER_USAGE})")
        if key not in PACER_DEFAULTS:
            raise ShortcodeError(f"pacer: unknown option '{key}=' (the options are up= and "
                                 f"down=, {PACER_USAGE})")
        if key in given:
            raise ShortcodeError(f"pacer: {key}= is given twice (give it once, {PACER_USAGE})")
        if not (value.isascii() and value.isdigit() and int(value) in PACER_SECONDS):
            raise ShortcodeError(f"pacer: {key}={value} is not a whole number of seconds from "
                                 f"{PACER_SECONDS[0]} to {PACER_SECONDS[-1]} ({PACER_USAGE})")
        given.add(key)
        seconds[key] = int(value)
    up, down = seconds["up"], seconds["down"]
    return (
        f'<div class="pacer" role="group" aria-label="Pacer" data-up="{up}" data-down="{down}">\n'
        f'<p class="pacer__words">Go up for {up} second{"s" * (up != 1)} and down for '
        f'{down}.</p>\n'
        f'<div class="pacer__controls" hidden>\n'
        f'<button type="button" class="pacer__start">Start</button>\n'
        f'<label class="pacer__sound"><input type="checkbox"> Sound</label>\n'
        f'<span class="pacer__track" aria-hidden="true"><span class="pacer__dot"></span></span>\n'
        f'<span class="pacer__word"></span>\n'
        f'<span class="pacer__count" aria-live="polite"></span>\n'
        f'</div>\n'
        f'</div>'
    )


SHORTCODES: dict[str, Callable[[str, PageContext], str]] = {
    "video": video,
    "clinic-contact": clinic_contact,
    "handout": handout_links,
    "safety": safety_text,
    "pacer": pacer,
}
