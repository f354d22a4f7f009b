"""What may be published from docs/ (checks/published_files.py): only the kinds of file a page
needs, never a link to a file or folder elsewhere (a link to a folder stops the build before
MkDocs looks through it), and only pages saved as UTF-8 (read with LF line endings and without a
byte order mark, however they were saved); each refusal names its file (and, for UTF-8, the line,
column and byte). The first tests call the check in-process (fast enough for
`make mutate` to run them against every mutant); the last plant the file in a copy of the project:
the build fails with the exact words and leaves site/ byte for byte."""

from __future__ import annotations

import os

import pytest
from mkdocs.structure.files import File, Files

from conftest import assert_failed_and_site_kept, problems_of, run_build, tree_digest
from soleus_site.checks.published_files import not_utf8_problem, published_files_problems
from soleus_site.page_tools import page_text


def test_only_the_kinds_of_file_a_page_needs_are_published(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("page.md", "patients.csv", "notes", "style.CSS"):
        (docs / name).write_text("x")
    (docs / "passwd.md").symlink_to("/etc/passwd")
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "theme.py").write_text("x")
    files = Files([File(name, str(docs), str(tmp_path / "site"), True)
                   for name in ("page.md", "patients.csv", "notes", "style.CSS", "passwd.md")]
                  + [File("theme.py", str(theme), str(tmp_path / "site"), True)])
    found = [(file.src_uri, str(problem)) for file, problem in
             published_files_problems(files, docs, tmp_path)]
    kinds = ("is not published: move it out of docs/ (docs/ holds only pages, pictures, video, "
             "captions, stylesheets, scripts, fonts and PDFs)")
    assert found == [
        ("patients.csv", f"docs/patients.csv: files of this kind (.csv) {kinds.replace('is not', 'are not')}"),
        ("notes", f"docs/notes: files of this kind (no ending) {kinds.replace('is not', 'are not')}"),
        ("passwd.md", "docs/passwd.md: is a link to another file (/etc/passwd), which is never "
                      "published: put the file itself in docs/, or delete the link")]


def test_a_page_not_in_utf8_names_line_column_and_byte():
    data = "title\nCaf\u00e9".encode("latin-1")
    error = pytest.raises(UnicodeDecodeError, data.decode, "utf-8").value
    assert str(not_utf8_problem("docs/a.md", error)) == (
        "docs/a.md:2: column 4: this file is not saved as UTF-8 (byte 0xE9 is not UTF-8 text): "
        "save it as UTF-8 in your editor (\"Save with encoding\", then UTF-8)")


# More of each rule, from the survivors of `make mutate` ------------------------------------------

def test_a_files_problem_belongs_to_the_whole_file(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "notes.txt").write_text("x")
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "theme.py").write_text("x")
    files = Files([File("theme.py", str(theme), str(tmp_path / "site"), True),
                   File("notes.txt", str(docs), str(tmp_path / "site"), True)])
    [(file, problem)] = list(published_files_problems(files, docs, tmp_path))
    assert (file.src_uri, problem.file, problem.line) == ("notes.txt", "docs/notes.txt", 0)


def test_a_folder_in_docs_that_is_a_link_is_found_before_mkdocs_looks(tmp_path):
    from soleus_site.checks.published_files import linked_folder_problems

    docs = tmp_path / "docs"
    (docs / "images" / "old").mkdir(parents=True)
    (docs / "images" / "system").symlink_to("/etc")
    (docs / "linked").symlink_to(tmp_path)
    assert [(problem.file, problem.line, problem.message) for problem in
            linked_folder_problems(docs, tmp_path)] == [
        ("docs/linked", 0, f"is a link to another folder ({tmp_path}), which is never published: "
                           f"put the folder itself in docs/, or delete the link"),
        ("docs/images/system", 0, "is a link to another folder (/etc), which is never published: "
                                  "put the folder itself in docs/, or delete the link")]


@pytest.mark.parametrize("data, line, column", [
    (b"\n\xe9", 2, 1), (b"a\nb\nc\xe9", 3, 2), (b"a\n\xe9b\nc", 2, 1), (b"\xe9\n", 1, 1),
])
def test_the_first_byte_that_is_not_utf8_is_at_its_line_and_column(data, line, column):
    error = pytest.raises(UnicodeDecodeError, data.decode, "utf-8").value
    problem = not_utf8_problem("docs/a.md", error)
    assert (problem.line, problem.message.split(":")[0]) == (line, f"column {column}")



@pytest.mark.parametrize("data, line, column", [
    (b"a\r\nb\r\nc\xe9", 3, 2), (b"a\rb\rc\xe9", 3, 2), (b"a\r\xe9", 2, 1), (b"a\r\r\n\xe9", 3, 1),
    (b"\xef\xbb\xbfab\xe9", 1, 3), (b"\xef\xbb\xbfa\r\nb\xe9", 2, 2),
])
def test_lines_end_at_crlf_or_cr_and_a_byte_order_mark_is_no_column(data, line, column):
    """As the build reads a page (utf-8-sig, then CRLF and CR as LF): the same line and column
    as the file saved with LF, and the byte that is not UTF-8 (issue 21)."""
    error = pytest.raises(UnicodeDecodeError, data.decode, "utf-8-sig").value
    problem = not_utf8_problem("docs/a.md", error)
    assert (problem.line, problem.message.split(":")[0]) == (line, f"column {column}")
    assert "(byte 0xE9 is not UTF-8 text)" in problem.message


@pytest.mark.parametrize("data", [
    b"---\ntitle: T\n---\n\nA\tline\n", b"---\r\ntitle: T\r\n---\r\n\r\nA\tline\r\n",
    b"---\rtitle: T\r---\r\rA\tline\r", b"\xef\xbb\xbf---\r\ntitle: T\n---\r\rA\tline\n",
])
def test_a_page_is_read_with_lf_line_endings_and_no_byte_order_mark(data):
    """page_tools.page_text, as the plugin reads every page (issue 21): a tab is left as it is."""
    assert page_text(data) == "---\ntitle: T\n---\n\nA\tline\n"


def test_a_page_not_in_utf8_is_refused_unless_told_to_replace():
    with pytest.raises(UnicodeDecodeError):
        page_text(b"Caf\xe9\r\n")
    assert page_text(b"\xef\xbb\xbfCaf\xe9\r\n", errors="replace") == "Caf\ufffd\n"

def test_two_files_published_at_one_address_are_an_error_at_the_second(tmp_path):
    """exercise.md and exercise/index.md are both exercise/, README.md and index.md both the home
    page (/): an error at the file that comes second, naming the first. A file from elsewhere (the
    theme's) or one MkDocs makes itself is not staff's to rename, and the others are still seen."""
    from soleus_site.checks.published_files import same_address_problems

    docs = tmp_path / "docs"
    (docs / "exercise").mkdir(parents=True)
    for name in ("exercise.md", "exercise/index.md", "README.md", "index.md", "about.md"):
        (docs / name).write_text("x")
    theme = tmp_path / "theme"
    (theme / "exercise").mkdir(parents=True)
    (theme / "exercise" / "index.html").write_text("x")
    site = str(tmp_path / "site")
    made = File("404.html", None, site, True)  # as MkDocs makes one: no file of its own
    made.abs_src_path = None
    files = Files([File(name, str(docs), site, True) for name in
                   ("index.md", "exercise/index.md", "about.md", "README.md", "exercise.md")]
                  + [File("exercise/index.html", str(theme), site, True), made])
    same = ("so one would silently replace the other: rename or delete one")
    problems = same_address_problems(files, docs, tmp_path)
    assert [str(problem) for problem in problems] == [
        f"docs/exercise/index.md: is published at the same address as docs/exercise.md (exercise/), {same}",
        f"docs/index.md: is published at the same address as docs/README.md (/), {same}"]
    assert [(problem.file, problem.line, problem.severity) for problem in problems] == [
        ("docs/exercise/index.md", 0, "error"), ("docs/index.md", 0, "error")]
    assert same_address_problems(Files([File("index.md", str(docs), site, True),
                                        File("about.md", str(docs), site, True)]), docs, tmp_path) == []
    # The home page's ./ is shown as /, and only the home page's: a page whose name ends in a dot
    (docs / "v2.").mkdir()
    for name in ("v2..md", "v2./index.md"):
        (docs / name).write_text("x")
    [problem] = same_address_problems(Files([File(name, str(docs), site, True)
                                             for name in ("v2..md", "v2./index.md")]), docs, tmp_path)
    assert str(problem) == f"docs/v2./index.md: is published at the same address as docs/v2..md (v2./), {same}"


# In a copy of the project: the build fails and site/ is left as it was ---------------------------

@pytest.mark.usefixtures("good_site")
def test_a_file_of_another_kind_in_docs_is_not_published(project):
    before = tree_digest(project / "site")
    (project / "docs" / "patient-list.csv").write_text("name,NHS number\nA Patient,943 476 5919\n")
    (project / "docs" / "exercise-sheet.docx").write_bytes(b"PK\x03\x04 a Word file")
    result = run_build(project)
    assert problems_of(result) == [
        "docs/exercise-sheet.docx: files of this kind (.docx) are not published: move it out of "
        "docs/ (docs/ holds only pages, pictures, video, captions, stylesheets, scripts, fonts "
        "and PDFs)",
        "docs/patient-list.csv: files of this kind (.csv) are not published: move it out of docs/ "
        "(docs/ holds only pages, pictures, video, captions, stylesheets, scripts, fonts and PDFs)",
        "2 errors, 0 warnings"]
    assert_failed_and_site_kept(project, result, before)


@pytest.mark.usefixtures("good_site")
def test_links_to_files_outside_docs_are_never_followed(project):
    before = tree_digest(project / "site")
    os.symlink("/etc/hostname", project / "docs" / "hostname.md")
    os.symlink("/proc/self/environ", project / "docs" / "environ.js")  # the build's secrets
    result = run_build(project)
    assert problems_of(result) == [
        "docs/environ.js: is a link to another file (/proc/self/environ), which is never "
        "published: put the file itself in docs/, or delete the link",
        "docs/hostname.md: is a link to another file (/etc/hostname), which is never published: "
        "put the file itself in docs/, or delete the link",
        "2 errors, 0 warnings"]
    assert_failed_and_site_kept(project, result, before)


@pytest.mark.usefixtures("good_site")
def test_a_link_to_a_folder_stops_the_build_before_it_is_looked_through(project):
    before = tree_digest(project / "site")
    os.symlink("/proc/self", project / "docs" / "process")  # through it: the whole machine
    result = run_build(project)
    assert problems_of(result) == [
        "docs/process: is a link to another folder (/proc/self), which is never published: put "
        "the folder itself in docs/, or delete the link",
        "1 error, 0 warnings"]
    assert_failed_and_site_kept(project, result, before)


@pytest.mark.usefixtures("good_site")
def test_a_page_not_saved_as_utf8_names_its_first_bad_byte(project):
    before = tree_digest(project / "site")
    page = project / "docs" / "running.md"
    page.write_bytes(page.read_bytes().replace(b"The soleus is an important", b"The soleus\x92s is an important", 1))
    lines = page.read_bytes().split(b"\n")
    line = next(n for n, text in enumerate(lines, 1) if b"\x92" in text)
    column = lines[line - 1].index(b"\x92") + 1
    result = run_build(project)
    assert problems_of(result) == [
        f"docs/running.md:{line}: column {column}: this file is not saved as UTF-8 (byte 0x92 is "
        f"not UTF-8 text): save it as UTF-8 in your editor (\"Save with encoding\", then UTF-8)",
        "1 error, 0 warnings"]
    assert "Traceback" not in result.stdout + result.stderr
    assert_failed_and_site_kept(project, result, before)
