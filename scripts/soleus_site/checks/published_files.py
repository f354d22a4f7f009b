"""What is published: only the kinds of file a page needs, never a link to a file elsewhere, and
only files saved as UTF-8 text.

MkDocs copies every file in docs/ into the site. A list of patients saved there by mistake, a
script, or a link to a system file (a symlink, which MkDocs would follow) must never be
published: each is an error naming the file, and is left out of the site. A link to a folder
stops the build before MkDocs looks through it.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..problems import Problem, shown_path

PUBLISHED_KINDS = {
    "page": {".md"},
    "picture": {".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif", ".avif", ".ico"},
    "video": {".mp4", ".webm"},
    "captions": {".vtt"},
    "stylesheet": {".css"},
    "script of the site's own": {".js"},
    "font": {".woff", ".woff2", ".ttf", ".otf"},
    "document": {".pdf"},
}
PUBLISHED_SUFFIXES = set().union(*PUBLISHED_KINDS.values())


def published_files_problems(files, docs_dir: Path, project_dir: Path):
    """(file, problem) for each file of docs/ that must not be published."""
    for file in list(files):
        if not file.abs_src_path or not _inside(Path(file.abs_src_path), docs_dir):
            continue  # the theme's own files
        path = Path(file.abs_src_path)
        shown = shown_path(path, project_dir)
        if path.is_symlink():
            yield file, _link_problem(path, project_dir)
        elif path.suffix.lower() not in PUBLISHED_SUFFIXES:
            yield file, Problem(shown, 0, f"files of this kind ({path.suffix or 'no ending'}) are "
                                          f"not published: move it out of docs/ (docs/ holds only "
                                          f"pages, pictures, video, captions, stylesheets, scripts, "
                                          f"fonts and PDFs)")


def same_address_problems(files, docs_dir: Path, project_dir: Path) -> list[Problem]:
    """A problem for each file published at an address another file of docs/ has already:
    exercise.md and exercise/index.md are both exercise/, and one would silently replace the
    other."""
    first: dict[str, Path] = {}
    problems = []
    for file in sorted(files, key=lambda file: file.src_uri):
        if not file.abs_src_path or not _inside(Path(file.abs_src_path), docs_dir):
            continue
        path = Path(file.abs_src_path)
        if (earlier := first.setdefault(file.dest_uri, path)) is not path:
            address = file.url.removeprefix("./") or "/"  # MkDocs' url of the home page is ./
            problems.append(Problem(
                shown_path(path, project_dir), 0,
                f"is published at the same address as {shown_path(earlier, project_dir)} "
                f"({address}), so one would silently replace the other: rename or delete one"))
    return problems


def linked_folder_problems(docs_dir: Path, project_dir: Path) -> list[Problem]:
    """A problem for each folder in docs/ that is a link to another folder. MkDocs would look
    through it for files to publish (through a link to / or /proc/self, the whole machine), so
    these are found before MkDocs starts looking."""
    problems = []
    for folder, subfolders, _ in os.walk(docs_dir):  # not following links
        for name in sorted(subfolders):
            if (Path(folder) / name).is_symlink():
                problems.append(_link_problem(Path(folder) / name, project_dir))
    return problems


def _link_problem(link: Path, project_dir: Path) -> Problem:
    what = "folder" if link.is_dir() else "file"
    return Problem(shown_path(link, project_dir), 0,
                   f"is a link to another {what} ({os.readlink(link)}), which is never published: "
                   f"put the {what} itself in docs/, or delete the link")


def not_utf8_problem(shown: str, error: UnicodeDecodeError) -> Problem:
    """A page that is not UTF-8: the line and column of the first byte that is not. Lines end
    as the build reads them (page_tools.page_text): at LF, CRLF or a lone CR. The error's own
    bytes are counted, as a "utf-8-sig" decoding gives them: after any byte order mark."""
    before = error.object[:error.start].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    line = before.count(b"\n") + 1
    column = len(before) - (before.rfind(b"\n") + 1) + 1
    return Problem(shown, line, f"column {column}: this file is not saved as UTF-8 (byte "
                                f"0x{error.object[error.start]:02X} is not UTF-8 text): save it as "
                                f"UTF-8 in your editor (\"Save with encoding\", then UTF-8)")


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents
