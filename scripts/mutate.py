"""Mutation testing of the modules that guard staff and patients, and of the build around them
(`make mutate`).

mutmut (pinned in requirements-mutate.txt) makes small changes ("mutants") to each function of
the modules below, one at a time, and runs the tests that call that function; a mutant
that no test notices "survives". At the end this prints, per module, killed/total and the
percentage, the survivors explained as equivalent (EQUIVALENT below: no input tells them from the
code) and the mutation score, killed out of the others; then every survivor, so each can be killed
by a test or explained.

The work happens in .mutate/ (never in the project's own files): a copy of the project with the
package in src/ (mutmut's layout), rebuilt on every run so the result is that of the files as
they are. Tests are chosen per function by mutmut from the tests that called it, out of
MUTATE_TESTS: fast tests that call the modules in-process, so it runs in minutes on two cores
(the plugin's, site_build's and the build command's tests build the tiny site in
tests/fixtures/tiny-site, in a tenth of a second).
(Builds run through `scripts/build.py` in a subprocess are invisible to mutmut's choice of tests,
and a whole build per mutant would take hours; the full suite is `make test`.)

    .venv/bin/python scripts/mutate.py            run, then print the table and the survivors
    .venv/bin/python scripts/mutate.py --report   print them again from the last run
    .venv/bin/python scripts/mutate.py --module plugin.py   one module only (--module again for more)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
WORK_DIR = PROJECT_DIR / ".mutate"
PACKAGE = "soleus_site"
# The modules that guard staff and patients: the checks (what a published page loads or runs
# among them), the shortcodes, the clinic's details, each page's Content-Security-Policy, the
# published pictures' metadata, what the handout reads from its page, and the problems' form.
SAFETY_MODULES = (
    "checks/front_matter.py",
    "checks/links.py",
    "checks/page_content.py",
    "checks/published_files.py",
    "checks/published_output.py",
    "checks/pictures.py",
    "page_tools.py",
    "shortcodes.py",
    "clinic.py",
    "csp.py",
    "published_pictures.py",
    "handout/content.py",
    "problems.py",
)
# The build around them: the plugin's one pass, where each part of a page was written, running a
# build, the handout's page and PDFs, and the staff's build command (scripts/build.py's work).
BUILD_MODULES = (
    "plugin.py",
    "source_lines.py",
    "site_build.py",
    "handout/sheet.py",
    "handout/pdf.py",
    "cli.py",
)
MODULES = SAFETY_MODULES + BUILD_MODULES
# Fast tests that call those modules in-process (mutmut runs, for each mutant, only those of
# them that called the mutated function).
MUTATE_TESTS = (
    "tests/test_problems.py",
    "tests/test_front_matter.py",
    "tests/test_shortcodes.py",
    "tests/test_pacer.py",
    "tests/test_clinic.py",
    "tests/test_links.py",
    "tests/test_published_files.py",
    "tests/test_published_output.py",
    "tests/test_csp.py",
    "tests/test_clean_pictures.py",
    "tests/test_page_content.py",
    "tests/test_pictures_check.py",
    "tests/test_handout_content.py",
    "tests/test_handout_sheet.py",
    "tests/test_source_lines.py",
    "tests/test_handout_pdf_cache.py",
    "tests/test_cli.py",
    "tests/test_site_build.py",
    "tests/test_plugin_in_process.py",
    "tests/test_handout_pdf.py",
    # Not the tests that build the real site or drive a browser (markers set in tests/conftest.py):
    # run by `make test`, too slow to run for each mutant. The tiny fixture site's builds stay.
    "-m", "not build and not browser",
)
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "tests")
IGNORED = shutil.ignore_patterns("__pycache__", "node_modules", "*.egg-info", ".cache")
# mutmut's exit codes for a mutant: the tests failed (1, 3, 37), or never ended (a timeout: the
# mutant loops forever, which the tests catch as surely as a failure)
TIMED_OUT = {36, 24, -24, 152, 255}
KILLED = {1, 3, 37} | TIMED_OUT

# Survivors looked at one by one and found equivalent (no input can tell them from the code) or
# harmless, each with why. The report marks them; any other survivor is new and needs a test (or,
# once understood, a line here). mutmut numbers the mutants of each function in order, so a
# change to a function can renumber its survivors: look at them again then.
SAME_WHEN = {
    "marked": "every YAML error safe_load raises, but the ReaderError handled before it, is a "
              "MarkedYAMLError with its problem and mark: the defaults guard against others",
    "strip": "the path never has the characters this changes at that end",
    "guard": "a path that leads above the site is never one of the site's files, so exists() says "
             "None anyway: the guard is for clarity",
    "both sides": "the same change is made to both sides of the comparison",
    "markdown": "a page written in Markdown never has it there: a Markdown picture always has its "
                "src, **bold** is always <strong>, and raw HTML is kept aside by Markdown, not in "
                "the tree (so no <b>, <script> or headerlink inside a copied paragraph)",
    "falsy": "None and the original are both false, or both the default",
    "fence": "a code fence's own opening or closing line is never a shortcode line",
    "no id": "neither is a valid YouTube ID, so the message is the same",
    "x end": "differs only for a word ending in a capital X, and then says the same",
    "case": "the name is looked up without regard to case (a codec, a package's metadata, a CSS "
            "media type)",
    "print": "WeasyPrint renders HTML for print by default",
    "strict": "MkDocs' own warnings are collected and reported as errors by the build either way; "
              "strict mode only makes MkDocs stop at its very end, after the site is written",
    "dest": "nothing reads args.command: argparse names the command by its metavar in the help "
            "and its errors",
    "registry": "the name and priority of a Markdown processor: a name nothing looks up, or a "
                "priority one step away that keeps the same order among the processors (the "
                "reference patterns also keep working beside Python-Markdown's own)",
    "theme part": "the theme writes the page's content once, and a page whose content is not found "
                  "(or empty) leaves the whole page as the theme's part either way",
    "on_config first": "MkDocs calls on_config, which makes the state and sets source_map, before "
                       "anything reads them",
    "url_for": "shortcodes ask url_for only for files that exist and are not pages (video, "
               "posters, captions), whose URL is their docs path",
    "missing": "an attribute that is not there reads as '' or as 'XXXX', and neither is a value "
               "the check looks for ('refresh', a kind of link that only names a page)",
    "one }": "lxml's names hold at most one '}' (the end of their {namespace}), so splitting once "
             "from either end, or twice, leaves the same last part",
    "no scheme": "without ':' a value has no scheme: urlsplit finds none either, and 'xxxx' is no "
                 "scheme that runs code (the test only spares parsing each plain address)",
    "line": "lxml gives every element it parses from a file, and every syntax error (1 for an "
            "empty file), its line, so the default is never used",
    "locale": "the same where the locale's encoding is UTF-8, as for the build and the tests "
              "(LANG=C.UTF-8); encoding='utf-8' keeps it so on a machine that is not: not pinned",
    "2 GiB": "harmless, not equivalent: differs only for a size of 2 GiB or more read as negative, "
             "in a damaged file (no picture within page_tools.MAX_PIXELS has such a chunk)",
    "default never used": "Pillow always gives it (every PNG and WebP it opens has n_frames, every "
                          "animation its loop, every frame once read its duration)",
    "save_all": "Pillow saves every frame when it is given append_images and save_all is not "
                "given (or None)",
    "unused data": "only the colour chunks' data is used, and those are read; the data of others "
                   "and the size of 'after the end' are never looked at",
    "empty chunk": "differs only for an empty chunk (a header with no data) at the end of the file "
                   "or of a frame, which holds no picture",
    "on_startup first": "MkDocs calls on_startup with its command before any build (`mkdocs build`, "
                        "`mkdocs serve`, `mkdocs gh-deploy`, and scripts/build.py's build_into), and "
                        "it sets `serving`, so the value __init__ gives it is never read",
    "backstop": "the written page's own check (on_post_page) is a backstop for a route into the "
                "page's content that the rendered tree's check (_check_loads) does not see; none "
                "is known (headings, tables, boxes and their titles, footnotes, definition lists, "
                "md_in_html, captions, tabs, reference-style pictures and raw HTML are all seen "
                "there: tried in-process), so each problem it locates is then dropped as already "
                "reported, wherever and however it was located",
}
EQUIVALENT = {
    "page_tools.x_field_line__mutmut_10": "falsy",  # "" and None are both not a mapping
    "checks.front_matter.x__unreadable__mutmut_51": "marked",
    "checks.front_matter.x__unreadable__mutmut_54": "marked",
    "checks.front_matter.x__unreadable__mutmut_62": "marked",
    "checks.front_matter.x__unreadable__mutmut_65": "marked",
    "checks.front_matter.x__never_closed__mutmut_5": "marked",
    "checks.links.x_check_reference__mutmut_59": "PurePosixPath's name already drops a final '/'",
    "checks.links.x_check_reference__mutmut_60": "PurePosixPath's name already drops a final '/'",
    "checks.links.x_check_reference__mutmut_62": "x end",
    "checks.links.xǁSiteMapǁexists__mutmut_4": "strip",
    "checks.links.xǁSiteMapǁexists__mutmut_5": "strip",
    "checks.links.xǁSiteMapǁresolve__mutmut_16": "guard",
    "checks.links.xǁSiteMapǁresolve__mutmut_18": "guard",
    "checks.links.xǁSiteMapǁresolve__mutmut_20": "guard",
    "checks.links.xǁSiteMapǁresolve__mutmut_22": "guard",
    "checks.pictures.x__plain__mutmut_11": "both sides",
    "checks.pictures.x__plain__mutmut_2": "both sides",
    "page_tools.x_image_size__mutmut_26": "an SVG without a viewBox is unreadable either way",
    "page_tools.x_page_text__mutmut_16": "a codec's name is the same in capitals",
    "page_tools.x_exif_orientation__mutmut_7": "no EXIF reads as orientation 1 either way: b'' "
        "loads as an empty EXIF, b'XXXX' raises SyntaxError, which returns 1",
    **{f"page_tools.x_exif_orientation__mutmut_{n}": "an EXIF without an orientation gives None "
       "(no default), which is not in 1 to 8, so 1 as with the default 1" for n in (11, 13)},
    "page_tools.x_exif_orientation__mutmut_22": "orientation 1 left out of range(2, 9) gives the "
        "fallback, which is 1 too",
    "checks.pictures.x_too_many_pixels_message__mutmut_24": "MAX_PIXELS is Pillow's fixed "
        "89_478_485 (tested), whose limit in megapixels is 89 divided by 1_000_000 or 1_000_001",
    "checks.pictures.x_size_pictures__mutmut_10": "markdown",
    "checks.pictures.x_size_pictures__mutmut_13": "markdown",
    "checks.pictures.x_size_pictures__mutmut_8": "markdown",
    "clinic.x__plain__mutmut_10": "x end",
    "clinic.x__stray_character__mutmut_2": "falsy",
    "clinic.x__web_address_mistake__mutmut_14": "neither default holds a '.'",
    "clinic.x__web_address_mistake__mutmut_33": "the first part before '/' is the same however "
        "often it splits",
    "clinic.x__web_address_mistake__mutmut_36": "as _33",
    "handout.content.x__label__mutmut_14": "x end",
    "handout.content.x__label__mutmut_20": "markdown",
    "handout.content.x__label__mutmut_21": "markdown",
    "handout.content.x__read__mutmut_195": "Markdown makes two lists that follow each other one "
        "list, so the element after the first list is never a second <ul>",
    "handout.content.x__read__mutmut_75": "line_of(None) is 0, as the other branch",
    "handout.content.x__read__mutmut_153": "as _75 (the heading of 'When to get help')",
    "handout.content.x__read__mutmut_246": "iter(None) also visits elements that are no picture: "
        "they have no src, so their file is docs/ itself, which is no file, and they are left out",
    "handout.content.xǁCopierǁ_text_html__mutmut_2": "falsy",
    **{f"handout.content.xǁCopierǁouter__mutmut_{n}": "markdown" for n in (7, 8, 9, 12, 13, 14, 15)},
    "handout.content.xǁCopierǁpicture__mutmut_9": "markdown",
    "handout.content.xǁCopierǁpicture__mutmut_11": "markdown",
    "handout.content.xǁCopierǁpicture__mutmut_14": "markdown",
    "handout.content.xǁCopierǁpicture__mutmut_26": "when the picture's grandparent is no "
        "<figure>, it has no <figcaption> child either",
    "handout.content.xǁCopierǁpicture__mutmut_31": "as _26",
    "handout.content.xǁCopierǁtext__mutmut_11": "falsy",
    "problems.x_closest__mutmut_11": "n limits how many matches come back; the best is first",
    "problems.x_closest__mutmut_8": "as _11 (n=3 is difflib's default)",
    "problems.x_closest__mutmut_9": "0.6 is difflib's default cutoff",
    "shortcodes.x_expand_shortcodes__mutmut_46": "fence",
    "shortcodes.x_expand_shortcodes__mutmut_47": "fence",  # and an unclosed block's end, len(lines), is past every line
    "shortcodes.x_expand_shortcodes__mutmut_59": "fence",
    "shortcodes.x_self_hosted_video__mutmut_72": "falsy",  # quote=True is html.escape's default
    "shortcodes.x_youtube_facade__mutmut_7": "falsy",
    "shortcodes.x_youtube_id_from__mutmut_33": "no id",
    "shortcodes.x_youtube_id_from__mutmut_55": "no id",
    # The build around the safety modules
    "cli.x_main__mutmut_101": "falsy",
    "cli.x_main__mutmut_84": "falsy",  # external=None: no --external
    **{f"cli.x_command_check__mutmut_{n}": "check's temporary folder is removed either way: its "
       "name and where it is made do not show" for n in range(1, 7)},
    "site_build.x__config_error_line__mutmut_4": "yaml_error_mark finds no mark on anything "
        "but a YAML error, so the guard changes nothing",
    **{f"site_build.x__replace__mutmut_{n}": "the old site's folder is removed at the end either "
       "way: its name does not show" for n in (4, 5)},
    **{f"site_build.x_build_site__mutmut_{n}": "the temporary site is removed either way: its name "
       "does not show, and made in the project it is on the same disk as site/, so the rename "
       "into place never copies (a second disk, which no test has, would tell)" for n in range(4, 10)},
    **{f"site_build.x_build_into__mutmut_{n}": "the plugin asks only whether the command is "
       "serve, and reads no `dirty`" for n in (29, 30, 33, 34, 35)},
    **{f"cli.x_main__mutmut_{n}": "dest" for n in (13, 15, 16)},
    **{f"handout.pdf.x_make_pdfs__mutmut_{n}": "case" for n in (10, 16)},
    "handout.pdf.x_make_pdfs__mutmut_18": "the key's length only names the cache's files: one build "
        "after the change makes the PDFs again, as after any change of what they are made from",
    **{f"handout.pdf.x_write_pdf__mutmut_{n}": "print" for n in (37, 41)},
    **{f"handout.sheet.x__render__mutmut_{n}": "falsy" for n in (164, 166)},  # a hint is shown if any
    "handout.sheet.x__render__mutmut_15": "falsy",  # the template asks only whether there is a ladder
    "handout.sheet.x__render__mutmut_181": "x end",
    "handout.content.x__read__mutmut_313": "a figure without a class has no \"video\" in \"XXXX\" "
        "either",
    "handout.pdf.x_write_pdf__mutmut_45": "case",
    **{f"site_build.x_build_into__mutmut_{n}": "falsy" for n in (10, 12)},
    **{f"site_build.x_build_into__mutmut_{n}": "strict" for n in (15, 18, 21)},
    "plugin.xǁSoleusPluginǁ__init____mutmut_1": "on_config first",
    "source_lines.xǁSourceMapǁ__init____mutmut_6": "the page's tree processor (PageFacts.run) "
        "sets the parents before anything reads them",
    "plugin.xǁSoleusPluginǁon_config__mutmut_33": "Markdown is rendered only for a page, between "
        "on_page_markdown and on_page_content, while `rendering` is set",
    "plugin.xǁSoleusPluginǁon_page_content__mutmut_1": "falsy",
    **{f"plugin.xǁSoleusPluginǁon_page_markdown__mutmut_{n}": "url_for" for n in (37, 38, 43, 44)},
    "plugin.xǁSoleusPluginǁon_page_markdown__mutmut_88": "no reader reads Rendering.files",
    "plugin.xǁSoleusPluginǁon_page_markdown__mutmut_31": "a page always has a title (from the nav, "
        "its heading or its file name), so the last default is never used",
    **{f"plugin.xǁSoleusPluginǁon_page_read_source__mutmut_{n}": "case" for n in (12, 26)},
    **{f"plugin.xǁSoleusPluginǁon_post_page__mutmut_{n}": "theme part" for n in (6, 8, 12)},
    "plugin.xǁSoleusPluginǁ_write_handout__mutmut_20": "Material's own favicon, which the site's "
        "theme always has (the tiny test site sets its own)",
    "plugin.xǁSoleusPluginǁ_write_handout__mutmut_21": "as _20",
    **{f"source_lines.xǁSourceLinesExtensionǁextendMarkdown__mutmut_{n}": "registry"
       for n in (2, 11, 12, 13, 15, 24, 25, 26, 28, 39, 40, 41, 43, 54, 55, 56)},
    "source_lines.xǁSourceLinesExtensionǁ__init____mutmut_4": "on_config first",
    "source_lines.xǁSourceMapǁ__init____mutmut_4": "PageFacts sets parents before anything reads them",
    "source_lines.xǁSourceMapǁfind_in_block__mutmut_1": "every call gives the occurrence",
    "source_lines.xǁSourceMapǁhtml_text__mutmut_7": "parse_html keeps only elements, never text, so "
        "every item has text_content",
    **{f"source_lines.xǁSourceMapǁraw_html__mutmut_{n}": "with this site's Markdown extensions "
       "Python-Markdown keeps only text in its stash of raw HTML (md_in_html included), never an "
       "element" for n in range(3, 10)},
    "source_lines.x__without_comments__mutmut_14": "case",
    **{f"source_lines.x__without_comments__mutmut_{n}": "Python-Markdown stashes an HTML comment "
       "at the top level of raw HTML on its own, so no other part follows it there" for n in (6, 16)},
    "source_lines.x_url_references__mutmut_15": "an element without a class is not decorative "
        "either way",
    "source_lines.xǁPageFactsǁwalk__mutmut_36": "as url_references _15: no class, no headerlink",
    **{f"source_lines.xǁPageFactsǁwalk__mutmut_{n}": "only for no text, which holds no raw HTML "
       "either way" for n in (56, 59)},
    "source_lines.xǁPageFactsǁwalk__mutmut_101": "differs only for raw HTML with '<!--' but no "
        "comment (inside an attribute's value), which lxml would then write again in its own form, "
        "with the same meaning",
    "source_lines.xǁPageFactsǁwalk__mutmut_6": "harmless, not equivalent: a reference in a block "
        "whose line was not found gets 0 (unknown) rather than 1; that happens when the block's "
        "first line has a tab (Python-Markdown expands it), a flaw left for its own fix",
    "source_lines.xǁBlockLinesǁfind_blocks__mutmut_22": "before inline Markdown is read, a block's "
        "text holds at most one raw HTML placeholder and nothing else, so the joiner never shows",
    "source_lines.xǁSourceMapǁparse_html__mutmut_7": "lxml raises on none of the raw HTML "
        "Python-Markdown stashes that we could find ('</a>', '<', '<!' all parse), so the guard is "
        "never reached in the tests",
    "handout.sheet.x__width__mutmut_1": "the label widths are worked out once a process "
        "(lru_cache), before mutmut forks for the mutant, so its default never runs; the sheet's "
        "test pins them (--label: 2.584em, ...)",
    "handout.sheet.x__shown_date__mutmut_3": "the template shows a date's words only when there is "
        "a date",
    **{f"handout.sheet.x_qr_svg__mutmut_{n}": "segno's default for it is the same (border 4, dark "
       "#000, no title, no description)" for n in (4, 11, 12, 16, 17)},
    **{f"handout.sheet.x_qr_svg__mutmut_{n}": "case" for n in (25, 28, 32)},
    "handout.sheet.x_qr_svg__mutmut_7": "falsy",
    **{f"handout.sheet.x_render_page__mutmut_{n}": "falsy" for n in (112, 114)},
    "handout.sheet.x_render_page__mutmut_129": "x end",
    # What a published page loads or runs, each page's policy, the published pictures' metadata
    "checks.published_output.x__css_loads_with_lines__mutmut_2": "falsy",
    "checks.published_output.x__foreign__mutmut_21": "the host is only looked up among "
        "SETTING_OF_HOST's (Google's fonts), where neither '' nor 'XXXX' is (for an address with "
        "no host name, such as https://:443/)",
    **{f"checks.published_output.x__local__mutmut_{n}": "one }" for n in (5, 6, 8)},
    **{f"checks.published_output.x__runs_code__mutmut_{n}": "no scheme" for n in (3, 8)},
    "checks.published_output.x__runs_code__mutmut_28": "a value whose characters from the 6th "
        "start with 'image/' has no 'svg' there",
    "checks.published_output.x__runs_code__mutmut_29": "harmless, not equivalent: differs only "
        "for a made-up type with 'svg' just after 'image/' and 7 more characters "
        "(data:image/abcdefgsvg); the SVG type, image/svg+xml, is refused either way",
    "checks.published_output.x_candidates__mutmut_2": "lxml's comments and processing "
        "instructions have no attributes and are none of ACTIVE_TAGS: never candidates either way",
    **{f"checks.published_output.x_element_findings__mutmut_{n}": "missing" for n in (58, 96)},
    "checks.published_output.x_element_findings__mutmut_102": "harmless: differs only for a "
        "<link rel> that lists all eight kinds of NAMING_LINKS at once",
    **{f"checks.published_output.x_stylesheet_problems__mutmut_{n}": "locale" for n in (3, 5)},
    "checks.published_output.x_stylesheet_problems__mutmut_8": "case",
    **{f"checks.published_output.x_svg_problems__mutmut_{n}": "lxml's default XMLParser (5.0 and "
       "later) is SVG_PARSER: internal entities only, no network, no huge trees (SVG_PARSER says "
       "so whatever lxml's defaults)" for n in (3, 5)},
    **{f"checks.published_output.x_svg_problems__mutmut_{n}": "line" for n in (14, 31, 42)},
    "checks.published_output.x_svg_problems__mutmut_45": "falsy",
    **{f"published_pictures.x__frames__mutmut_{n}": "default never used" for n in (5, 7, 10)},
    **{f"published_pictures.x__png_chunks__mutmut_{n}": "unused data" for n in (28, 46)},
    "published_pictures.x__webp_chunks__mutmut_51": "unused data",
    **{f"published_pictures.x__png_chunks__mutmut_{n}": "any data after IEND, one byte or more, "
       "reads as true either way" for n in (43, 44)},
    **{f"published_pictures.x__png_chunks__mutmut_{n}": "2 GiB" for n in (21,)},
    **{f"published_pictures.x__webp_chunks__mutmut_{n}": "2 GiB" for n in (14, 32)},
    **{f"published_pictures.x__webp_lossless__mutmut_{n}": "2 GiB" for n in (16, 39)},
    **{f"published_pictures.x__webp_lossless__mutmut_{n}": "empty chunk" for n in (6, 7, 28, 29)},
    "published_pictures.x__save_jpeg__mutmut_8": "falsy",  # comment=None: no comment either
    "published_pictures.x__save_jpeg__mutmut_15": "case",
    **{f"published_pictures.x__save_jpeg__mutmut_{n}": "quality='keep' takes the quantisation "
       "tables and subsampling from the JPEG as read, which the other branch gives Pillow itself: "
       "the same file" for n in (29, 30)},
    **{f"published_pictures.x__save_png__mutmut_{n}": "default never used" for n in (8, 11, 14, 39, 41, 44)},
    **{f"published_pictures.x__save_png__mutmut_{n}": "save_all" for n in (22, 29)},
    **{f"published_pictures.x__save_png__mutmut_{n}": "Pillow takes each frame's duration from its "
       "own info when none is given, and each frame is a copy that keeps it" for n in (24, 31)},
    "published_pictures.x__save_png__mutmut_32": "Pillow takes the loop from the first frame's "
        "info when none is given, which frames[0] (a copy) keeps",
    **{f"published_pictures.x__save_png__mutmut_{n}": "case" for n in (35, 54)},
    "published_pictures.x__save_webp__mutmut_12": "case",
    **{f"published_pictures.x__save_webp__mutmut_{n}": "default never used" for n in (22, 25, 28, 48, 50, 53)},
    "published_pictures.x__save_webp__mutmut_29": "Pillow writes a WebP of one frame with save_all "
        "as it writes it without (its _save_all falls back to _save)",
    **{f"published_pictures.x__save_webp__mutmut_{n}": "save_all" for n in (34, 39)},
    "published_pictures.x__turned__mutmut_2": "ImageOps.exif_transpose of a picture that already "
        "stands right is a copy of it, saved the same way (a JPEG by _save_jpeg's other branch, "
        "which gives the same file)",
    **{f"published_pictures.x_hidden_details__mutmut_{n}": "case" for n in (28, 36)},
    "plugin.xǁSoleusPluginǁ_docs_file__mutmut_3": "a URL with a host names no file of the site: its "
        "path, from the site's root, is no docs file either",
    "plugin.xǁSoleusPluginǁon_nav__mutmut_7": "every nav item (page, section, link) has a "
        "children attribute in MkDocs 1.6",
    "plugin.xǁSoleusPluginǁon_page_markdown__mutmut_26": "only for a page with no title in its "
        "front matter, which is an error that fails the build (its handout is then named 'handout')",
    **{f"plugin.xǁSoleusPluginǁon_page_markdown__mutmut_{n}": "MkDocs' Markdown is always the end "
       "of the file as read (front matter taken off the start), so the other branch is not used"
       for n in (67, 69, 74, 76)},
    "plugin.xǁSoleusPluginǁon_page_markdown__mutmut_91": "no reader reads Rendering.files",
    **{f"plugin.xǁSoleusPluginǁ__init____mutmut_{n}": "on_startup first" for n in (2, 3)},
    "plugin.xǁSoleusPluginǁon_config__mutmut_10": "only for a site without site_url: "
        "urlsplit('XXXX') has no host either, so site_host is '' both ways",
    "plugin.xǁSoleusPluginǁon_config__mutmut_11": "only for a site_url without a host: no address "
        "a page loads has the host 'XXXX' (urlsplit gives hosts in lower case), so nothing is taken "
        "for the site's own either way, as with ''",
    "plugin.xǁSoleusPluginǁon_config__mutmut_71": "as _33: current_page is asked only while a page "
        "is rendered, when `rendering` is set",
    "plugin.xǁSoleusPluginǁon_files__mutmut_25": "the test after it asks file.abs_src_path first, so "
        "the path made for a file without one is never looked at",
    "plugin.xǁSoleusPluginǁ_published_file_problems__mutmut_11": "a file without a source path: "
        "Path('XXXX') has no .css or .svg suffix, as Path('') (the working folder) has none",
    "plugin.x__on_this_computer__mutmut_4": "an address without a host: 'XXXX' is no IP address, as "
        "'' is not, so both are not this computer's",
    **{f"plugin.xǁSoleusPluginǁ_page_line__mutmut_{n}": "backstop"
       for n in (2, 3, 6, 8, 9, 10, 11, 13)},
    "plugin.xǁSoleusPluginǁ_published_problems__mutmut_4": "backstop",  # the page's fallback file
    "plugin.xǁSoleusPluginǁon_post_page__mutmut_45": "backstop",
    **{f"plugin.xǁSoleusPluginǁon_post_page__mutmut_{n}": "_published_problems reads `dest` and "
       "`config` only for the theme's part (no source); the page's words are located from their "
       "source" for n in (44, 46)},
    **{f"plugin.xǁSoleusPluginǁon_post_page__mutmut_{n}": "the element made to hold the written "
       "content has no attributes and is no <meta>, <base> or <style>, so it is never checked, "
       "whatever its tag" for n in (40, 41)},
    "plugin.xǁSoleusPluginǁ_template_line__mutmut_13": "harmless, not equivalent: without "
        "encoding= a template is read in the locale's encoding, UTF-8 on this machine and CI's "
        "(LANG=C.UTF-8); it differs only where the locale is not UTF-8 and a template has text "
        "that is not ASCII",
    "plugin.xǁSoleusPluginǁ_template_line__mutmut_15": "case",
}



def prepare(modules=MODULES) -> None:
    """A fresh copy of the project in .mutate/, with the package in src/."""
    shutil.rmtree(WORK_DIR, ignore_errors=True)
    WORK_DIR.mkdir()
    for part in PROJECT_PARTS:
        source = PROJECT_DIR / part
        if source.is_dir():
            shutil.copytree(source, WORK_DIR / part, ignore=IGNORED)
        else:
            shutil.copy2(source, WORK_DIR / part)
    # scripts/ without the package, which is in src/ (mutmut puts its mutated copy first on the
    # tests' path; a build a test runs in a subprocess uses the installed, unmutated package).
    shutil.copytree(PROJECT_DIR / "scripts", WORK_DIR / "scripts",
                    ignore=shutil.ignore_patterns(PACKAGE, "lighthouse", "__pycache__"))
    shutil.copytree(PROJECT_DIR / "scripts" / PACKAGE, WORK_DIR / "src" / PACKAGE, ignore=IGNORED)
    (WORK_DIR / "pyproject.toml").write_text(_config(modules), encoding="utf-8")


def _config(modules=MODULES) -> str:
    def toml_list(items) -> str:
        return "[" + ", ".join(json.dumps(item) for item in items) + "]"

    return "\n".join([
        "[tool.mutmut]",
        f'source_paths = ["src/{PACKAGE}"]',
        f"only_mutate = {toml_list(f'src/{PACKAGE}/{module}' for module in modules)}",
        f"also_copy = {toml_list(['mkdocs.yml', 'docs', 'overrides', 'scripts'])}",
        f"pytest_add_cli_args_test_selection = {toml_list(MUTATE_TESTS)}",
        'pytest_add_cli_args = ["-p", "no:cacheprovider"]',
        "use_git_change_detection = false",
        "",
        "[tool.pytest.ini_options]",
        'testpaths = ["tests"]',
        "",
    ])


def run_mutmut(max_children: int | None) -> int:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [str(Path(sys.executable).with_name("mutmut")), "run"]
    if max_children:
        command += ["--max-children", str(max_children)]
    # mutmut redraws a progress line many times a second: it goes to a log, and its last state here
    log = WORK_DIR / "mutmut.log"
    with log.open("w", encoding="utf-8") as out:
        code = subprocess.call(command, cwd=WORK_DIR, env=env, stdout=out, stderr=subprocess.STDOUT)
    text = log.read_text(encoding="utf-8", errors="replace")
    last = text.replace("\r", "\n").split("⠋")[-1].strip().splitlines()
    print("\n".join(line for line in last[-4:] if line.strip()) or text[-2000:])
    if code:
        print(text[-3000:])
    return code


def results(modules=MODULES) -> dict[str, dict[str, int | None]]:
    """Each module's mutants and their exit codes, from mutmut's files (of the last run)."""
    found = {}
    for module in modules:
        meta = WORK_DIR / "mutants" / "src" / PACKAGE / (module + ".meta")
        if meta.is_file():
            found[module] = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
    return found


def report(out=sys.stdout, modules=MODULES) -> int:
    """The table of killed/total per module, then every survivor; 1 when there is no result."""
    found = results(modules)
    if not found:
        print("No results: run  make mutate  first.", file=out)
        return 1
    rows = []
    for module, codes in found.items():
        killed = sum(code in KILLED for code in codes.values())
        equivalent = sum(code not in KILLED and _short(name) in EQUIVALENT for name, code in codes.items())
        rows.append((module, killed, equivalent, len(codes)))
    rows.append(("all", *(sum(row[i] for row in rows) for i in (1, 2, 3))))
    # The mutation score leaves out the mutants no test could tell from the code (explained below)
    width = max(len(row[0]) for row in rows)
    print(f"\n{'module':<{width}}  killed/total      %  equivalent  score %", file=out)
    for module, killed, equivalent, total in rows:
        print(f"{module:<{width}}  {killed:>6}/{total:<5}  {_percent(killed, total)}  {equivalent:>10}  "
              f"{_percent(killed, total - equivalent):>7}", file=out)
    left = [(name, code) for codes in found.values() for name, code in codes.items()
            if code not in KILLED]
    known = [(name, code) for name, code in left if _short(name) in EQUIVALENT]
    new = [(name, code) for name, code in left if _short(name) not in EQUIVALENT]
    if known:
        print(f"\nNot killed, looked at and equivalent or harmless ({len(known)}):", file=out)
        for name, code in sorted(known):
            reason = EQUIVALENT[_short(name)]
            print(f"  {name}: {_status(code)}: {SAME_WHEN.get(reason, reason)}", file=out)
    print(f"\nNot killed and not looked at yet ({len(new)})" + (
        "; see one with  cd .mutate && ../.venv/bin/mutmut show NAME, then kill it with a test"
        if new else ""), file=out)
    for name, code in sorted(new):
        print(f"  {name}: {_status(code)}", file=out)
    return 0


def _short(name: str) -> str:
    return name.removeprefix(PACKAGE + ".")


def _percent(killed: int, total: int) -> str:
    return f"{100 * killed / total:5.1f}" if total else "    -"


def _status(code: int | None) -> str:
    return {0: "survived", None: "not checked", 33: "no tests", 5: "no tests"}.get(code, f"exit code {code}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--report", action="store_true", help="only print the last run's results")
    parser.add_argument("--max-children", type=int, help="mutants run at once (default: cores)")
    parser.add_argument("--module", action="append", choices=MODULES, metavar="MODULE",
                        help="only this module, as named in the table (e.g. plugin.py); may be "
                             "given more than once (default: every module)")
    args = parser.parse_args(argv)
    modules = tuple(args.module or MODULES)
    if not args.report:
        started = time.monotonic()
        prepare(modules)
        code = run_mutmut(args.max_children)
        print(f"\nmutmut finished in {(time.monotonic() - started) / 60:.1f} min (exit code {code})")
        if code:
            return code
    return report(modules=modules)


if __name__ == "__main__":
    sys.exit(main())
