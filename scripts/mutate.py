"""Mutation testing of the modules that guard staff and patients (`make mutate`).

mutmut (pinned in requirements-mutate.txt) makes small changes ("mutants") to each function of
the safety modules below, one at a time, and runs the tests that call that function; a mutant
that no test notices "survives". At the end this prints, per module, killed/total and the
percentage, then every survivor with its change, so each can be killed by a test or explained.

The work happens in .mutate/ (never in the project's own files): a copy of the project with the
package in src/ (mutmut's layout), rebuilt on every run so the result is that of the files as
they are. Tests are chosen per function by mutmut from the tests that called it, out of
MUTATE_TESTS: fast tests that call the modules in-process, so it runs in minutes on two cores.
(Builds run through `scripts/build.py` in a subprocess are invisible to mutmut's choice of tests,
and a whole build per mutant would take hours; the full suite is `make test`.)

    .venv/bin/python scripts/mutate.py            run, then print the table and the survivors
    .venv/bin/python scripts/mutate.py --report   print them again from the last run
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
# The modules that guard staff and patients: the checks, the shortcodes, the clinic's details,
# what the handout reads from its page, and the problems' form.
SAFETY_MODULES = (
    "checks/front_matter.py",
    "checks/links.py",
    "checks/page_content.py",
    "checks/published_files.py",
    "checks/pictures.py",
    "page_tools.py",
    "shortcodes.py",
    "clinic.py",
    "handout/content.py",
    "problems.py",
)
# Fast tests that call those modules in-process (mutmut runs, for each mutant, only those of
# them that called the mutated function).
MUTATE_TESTS = (
    "tests/test_problems.py",
    "tests/test_front_matter.py",
    "tests/test_shortcodes.py",
    "tests/test_clinic.py",
    "tests/test_links.py",
    "tests/test_published_files.py",
    "tests/test_page_content.py",
    "tests/test_pictures_check.py",
    "tests/test_handout_content.py",
    "tests/test_handout_sheet.py",
    # whole builds (and the real site's handout, built once per run): run by `make test`, too
    # slow to run for each mutant
    "--deselect", "tests/test_front_matter.py::test_an_empty_description_fails_the_real_build_at_its_line",
    "--deselect", "tests/test_front_matter.py::test_review_dates_overdue_or_due_soon_warn_but_do_not_fail",
    "--deselect", "tests/test_shortcodes.py::test_youtube_id_shows_a_local_poster_and_a_play_link_without_loading_youtube",
    "--deselect", "tests/test_shortcodes.py::test_youtube_link_is_reduced_to_its_id",
    "--deselect", "tests/test_shortcodes.py::test_local_file_plays_in_the_page_with_poster_and_captions_and_loads_nothing_first",
    "--deselect", "tests/test_shortcodes.py::test_malformed_sources_fail_the_build_naming_file_and_line",
    "--deselect", "tests/test_shortcodes.py::test_a_code_block_never_closed_and_the_shortcode_it_swallows",
    "--deselect", "tests/test_shortcodes.py::test_an_indented_shortcode_is_an_error_not_text",
    "--deselect", "tests/test_clinic.py::test_a_clinic_detail_set_once_appears_in_footer_contact_list_and_handout",
    "--deselect", "tests/test_clinic.py::test_a_phone_number_that_cannot_be_dialled_points_at_the_setting",
    "--deselect", "tests/test_clinic.py::test_feedback_link_appears_under_each_page_once_the_clinic_email_is_known",
    "--deselect", "tests/test_published_files.py::test_a_file_of_another_kind_in_docs_is_not_published",
    "--deselect", "tests/test_published_files.py::test_links_to_files_outside_docs_are_never_followed",
    "--deselect", "tests/test_published_files.py::test_a_link_to_a_folder_stops_the_build_before_it_is_looked_through",
    "--deselect", "tests/test_published_files.py::test_a_page_not_saved_as_utf8_names_its_first_bad_byte",
    "--deselect", "tests/test_page_content.py::test_code_or_a_silent_loss_in_a_page_is_an_error_at_its_line",
    "--deselect", "tests/test_page_content.py::test_a_comment_is_taken_out_of_the_page_with_a_warning",
    "--deselect", "tests/test_pictures_check.py::test_a_picture_too_heavy_for_a_phone_is_an_error",
    "--deselect", "tests/test_handout_content.py::test_a_missing_part_is_one_problem_at_its_line_and_nothing_more",
    "--deselect", "tests/test_handout_content.py::test_a_misspelt_picture_in_the_steps_is_one_problem_at_its_line",
    "--deselect", "tests/test_handout_content.py::test_a_page_without_steps_is_reported_at_its_heading",
    "--deselect", "tests/test_handout_sheet.py::test_handout_page_is_a_proper_page",
    "--deselect", "tests/test_handout_sheet.py::test_handout_page_uses_only_local_files",
    "--deselect", "tests/test_handout_sheet.py::test_empty_clinic_details_are_left_out_and_known_ones_shown",
    "--deselect", "tests/test_handout_sheet.py::test_the_last_updated_date_is_the_pages_own",
)
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "tests")
IGNORED = shutil.ignore_patterns("__pycache__", "node_modules", "*.egg-info", ".cache")
KILLED = {1, 3, 37}

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
    "handout.content.x__read__mutmut_193": "Markdown makes two lists that follow each other one "
        "list, so the element after the first list is never a second <ul>",
    "handout.content.x__read__mutmut_75": "line_of(None) is 0, as the other branch",
    "handout.content.x__read__mutmut_232": "iter(None) also visits elements that are no picture: "
        "they have no src, so their file is docs/ itself, which is no file, and they are left out",
    "handout.content.xǁCopierǁ_text_html__mutmut_2": "falsy",
    **{f"handout.content.xǁCopierǁouter__mutmut_{n}": "markdown" for n in (7, 8, 9, 12, 13, 14, 15)},
    "handout.content.xǁCopierǁpicture__mutmut_10": "markdown",
    "handout.content.xǁCopierǁpicture__mutmut_13": "markdown",
    "handout.content.xǁCopierǁpicture__mutmut_8": "markdown",
    "handout.content.xǁCopierǁpicture__mutmut_25": "when the picture's grandparent is no "
        "<figure>, it has no <figcaption> child either",
    "handout.content.xǁCopierǁpicture__mutmut_30": "as _25",
    "handout.content.xǁCopierǁpicture__mutmut_55": "a caption of several paragraphs: today they "
        "are run together ('hereThen'), a small flaw left unpinned (see the issue's note)",
    "handout.content.xǁCopierǁtext__mutmut_11": "falsy",
    "problems.x_closest__mutmut_11": "n limits how many matches come back; the best is first",
    "problems.x_closest__mutmut_8": "as _11 (n=3 is difflib's default)",
    "problems.x_closest__mutmut_9": "0.6 is difflib's default cutoff",
    "shortcodes.x_expand_shortcodes__mutmut_42": "fence",
    "shortcodes.x_expand_shortcodes__mutmut_43": "fence",
    "shortcodes.x_expand_shortcodes__mutmut_55": "fence",
    "shortcodes.x_self_hosted_video__mutmut_61": "falsy",  # quote=True is html.escape's default
    "shortcodes.x_youtube_facade__mutmut_7": "falsy",
    "shortcodes.x_youtube_id_from__mutmut_33": "no id",
    "shortcodes.x_youtube_id_from__mutmut_55": "no id",
}



def prepare() -> None:
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
    (WORK_DIR / "pyproject.toml").write_text(_config(), encoding="utf-8")


def _config() -> str:
    def toml_list(items) -> str:
        return "[" + ", ".join(json.dumps(item) for item in items) + "]"

    return "\n".join([
        "[tool.mutmut]",
        f'source_paths = ["src/{PACKAGE}"]',
        f"only_mutate = {toml_list(f'src/{PACKAGE}/{module}' for module in SAFETY_MODULES)}",
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


def results() -> dict[str, dict[str, int | None]]:
    """Each safety module's mutants and their exit codes, from mutmut's files."""
    found = {}
    for module in SAFETY_MODULES:
        meta = WORK_DIR / "mutants" / "src" / PACKAGE / (module + ".meta")
        if meta.is_file():
            found[module] = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
    return found


def report(out=sys.stdout) -> int:
    """The table of killed/total per module, then every survivor; 1 when there is no result."""
    found = results()
    if not found:
        print("No results: run  make mutate  first.", file=out)
        return 1
    rows = []
    for module, codes in found.items():
        killed = sum(code in KILLED for code in codes.values())
        rows.append((module, killed, len(codes)))
    width = max(len(row[0]) for row in rows)
    print(f"\n{'module':<{width}}  killed/total      %", file=out)
    for module, killed, total in rows:
        print(f"{module:<{width}}  {killed:>6}/{total:<5}  {_percent(killed, total)}", file=out)
    killed, total = sum(row[1] for row in rows), sum(row[2] for row in rows)
    print(f"{'all':<{width}}  {killed:>6}/{total:<5}  {_percent(killed, total)}", file=out)
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
    return {0: "survived", None: "not checked", 33: "no tests", 5: "no tests", 36: "timeout",
            24: "timeout", -24: "timeout", 152: "timeout", 255: "timeout"}.get(code, f"exit code {code}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--report", action="store_true", help="only print the last run's results")
    parser.add_argument("--max-children", type=int, help="mutants run at once (default: cores)")
    args = parser.parse_args(argv)
    if not args.report:
        started = time.monotonic()
        prepare()
        code = run_mutmut(args.max_children)
        print(f"\nmutmut finished in {(time.monotonic() - started) / 60:.1f} min (exit code {code})")
        if code:
            return code
    return report()


if __name__ == "__main__":
    sys.exit(main())
