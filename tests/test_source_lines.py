"""Where each link is written (source_lines.py): a problem is reported at the line of the page's
file the link is on, even when the same link is written twice in one paragraph, or on a line
with a tab (which Python-Markdown turns into spaces before it parses)."""

from __future__ import annotations

import pytest
from mkdocs.structure.files import File, Files
from page_rendering import render

from conftest import edit, line_of, run_build
from soleus_site.checks.links import SiteMap, check_references


def test_the_same_link_twice_in_a_paragraph_is_reported_at_each_line(project):
    edit(project / "docs" / "running.md", "## ", "See [a](runing.md) and\nagain [b](runing.md).\n\n## ")
    result = run_build(project)
    first = line_of(project / "docs" / "running.md", "See [a](runing.md)")
    assert result.stdout.splitlines()[:3] == [
        f"docs/running.md:{first}: link 'runing.md': page or file not found (did you mean 'running.md'?)",
        f"docs/running.md:{first + 1}: link 'runing.md': page or file not found (did you mean 'running.md'?)",
        "2 errors, 0 warnings"]


# ------------------------------------------------------------------------------------------------
# The line of every link and picture (source_lines.py), as staff read it in a problem
# `docs/page.md:LINE: ...`: each small page is rendered in-process with the Markdown extension, and
# its links checked against a small site, in milliseconds.

FRONT = "---\ntitle: T\n---\n\n# Page\n\n"  # what follows starts on line 7


@pytest.fixture
def site(tmp_path) -> SiteMap:
    """A site with these pages and a picture, and nothing else."""
    docs = tmp_path / "docs"
    names = ["page.md", "exercise.md", "running.md", "images/start.svg"]
    for name in names:
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("x")
    return SiteMap(Files([File(name, str(docs), str(tmp_path / "site"), True) for name in names]),
                   "https://example.org/")


def problems(text: str, site: SiteMap) -> list[str]:
    """What the build says about a page's links and pictures, in the page's order."""
    page, _, _ = render(text)
    return [str(problem) for problem in
            check_references(page.references, page.shown_path, page.src_uri, "page/index.html", site, [])]


def lines(text: str) -> list[tuple[str, int]]:
    page, _, _ = render(text)
    return [(reference.url, reference.line) for reference in page.references]


def test_a_broken_link_later_on_a_table_row_is_at_that_rows_line(site):
    text = FRONT + (
        "| Exercise | More |\n"
        "| --- | --- |\n"
        "| [Heel raise](exercise.md) ![Start](images/start.svg) | [Broken](nowhere.md) |\n"  # line 9
        "| [Running](running.md) | [Also broken](gone.md) |\n"  # line 10
        "\n"
        "After the table, [another](missing.md).\n")  # line 12
    assert problems(text, site) == [
        "docs/page.md:9: link 'nowhere.md': page or file not found",
        "docs/page.md:10: link 'gone.md': page or file not found",
        "docs/page.md:12: link 'missing.md': page or file not found",
    ]
    assert lines(text) == [("exercise.md", 9), ("images/start.svg", 9), ("nowhere.md", 9),
                           ("running.md", 10), ("gone.md", 10), ("missing.md", 12)]


def test_three_cells_of_one_row_and_a_cell_written_like_the_next_rows(site):
    text = FRONT + (
        "| A | B | C |\n"
        "| --- | --- | --- |\n"
        "| [One](exercise.md) | [Two](running.md) | [Broken](nowhere.md) |\n"  # line 9
        "| [Two](running.md) | [Broken](nowhere.md) | plain |\n")  # line 10
    assert problems(text, site) == ["docs/page.md:9: link 'nowhere.md': page or file not found",
                                    "docs/page.md:10: link 'nowhere.md': page or file not found"]
    assert lines(text) == [("exercise.md", 9), ("running.md", 9), ("nowhere.md", 9),
                           ("running.md", 10), ("nowhere.md", 10)]


def test_two_links_on_one_line_of_a_paragraph_and_one_on_the_next(site):
    text = FRONT + ("See [the exercise](exercise.md) and ![Start](images/start.svg) and [this](gone.md),\n"
                    "then [running](running.md) and [that](nowhere.md).\n"  # line 8
                    "\n"
                    "[Again](gone.md) on its own.\n")  # line 10
    assert problems(text, site) == ["docs/page.md:7: link 'gone.md': page or file not found",
                                    "docs/page.md:8: link 'nowhere.md': page or file not found",
                                    "docs/page.md:10: link 'gone.md': page or file not found"]
    assert lines(text) == [("exercise.md", 7), ("images/start.svg", 7), ("gone.md", 7),
                           ("running.md", 8), ("nowhere.md", 8), ("gone.md", 10)]


RAW_AND_REFERENCES = FRONT + (
    '<div class="note">\n'  # 7
    "<p>Intro</p>\n"
    '<a href="gone1.md">x</a>\n'  # 9
    "<!-- a note -->\n"  # 10
    "</div>\n"
    "\n"
    'Text with <a href="gone2.md">raw</a> and <img src="images/x.png" alt="X"> here,\n'  # 13
    'then <a href="gone3.md">more</a> <!-- inline -->.\n'  # 14
    "\n"
    "[a][ref] and [b][missing] and ![pic][ref] and ![c][nope]\n"  # 16
    "\n"
    "[ref]: gone4.md\n"  # 18
    "\n"
    "## Heading {#h}\n"  # 20
    "\n"
    '<p>Same <a href="gone2.md">twice</a></p>\n')  # 22


def test_links_in_raw_html_and_reference_links_are_at_their_lines():
    page, _, source_map = render(RAW_AND_REFERENCES)
    assert [(reference.kind, reference.url, reference.line, reference.alt)
            for reference in page.references] == [
        ("link", "gone1.md", 9, None), ("link", "gone2.md", 13, None),
        ("picture", "images/x.png", 13, "X"), ("link", "gone3.md", 14, None),
        ("link", "gone4.md", 16, None), ("picture", "gone4.md", 16, "pic"),
        ("link", "gone2.md", 22, None)]
    assert [(node.tag, line) for node, line in source_map.raw_nodes] == [
        ("div", 7), ("p", 8), ("a", 9), ("a", 13), ("img", 13), ("a", 14), ("p", 22), ("a", 22)]
    assert source_map.missing_references == [("b", "[missing]"), ("c", "[nope]")]


def test_html_comments_are_kept_with_their_lines_and_taken_out_of_the_page():
    from page_rendering import render_html

    _, html, source_map = render_html(RAW_AND_REFERENCES)
    assert source_map.comments == [(" a note ", 10), (" inline ", 14)]
    assert "<!--" not in html and "note" in html
    assert '<div class="note">\n<p>Intro</p>\n<a href="gone1.md">x</a>\n\n</div>' in html
    assert 'then <a href="gone3.md">more</a> .</p>' in html


def test_more_raw_html_after_emphasis_an_empty_comment_and_html_kept_as_written():
    from page_rendering import render_html

    text = FRONT + ("**Bold** then <a href='gone.md'>raw</a> <!---->.\n"  # 7
                    "\n"
                    "<!-- first --><div>kept</div>\n"  # 9
                    "\n"
                    "<p>As <a href='written.md'>written</a><br/></p>\n")  # 11
    page, html, source_map = render_html(text)
    assert [(reference.url, reference.line) for reference in page.references] == [
        ("gone.md", 7), ("written.md", 11)]
    assert source_map.comments == [("", 7), (" first ", 9)]
    assert "<div>kept</div>" in html
    assert "<p>As <a href='written.md'>written</a><br/></p>" in html  # no comment: left as it is


def test_a_header_row_at_the_top_of_a_page_and_a_box_whose_title_is_not_written():
    text = ("| [A](gone.md) | B |\n"  # 1, no front matter
            "| --- | --- |\n"
            "| x | [C](c.md) |\n"  # 3
            "\n"
            "!!! note\n"  # 5: the title "Note" is not written
            "    Body [y](gone2.md)\n")  # 6
    assert lines(text) == [("gone.md", 1), ("c.md", 3), ("gone2.md", 6)]


def test_the_same_paragraph_written_twice_is_at_each_line():
    assert lines(FRONT + "[Same](gone.md)\n\n[Same](gone.md)\n") == [("gone.md", 7), ("gone.md", 9)]


def test_heading_permalinks_are_not_links_to_check_and_the_posters_play_link_carries_the_words():
    text = FRONT + ('## Part {#part}\n\n<img class="video__poster other" src="poster.png" alt="">\n'
                    '<img class="picture" src="photo.png" alt="">\n')
    page, _, _ = render(text, toc={"permalink": True})
    assert [(reference.url, reference.decorative) for reference in page.references] == [
        ("poster.png", True), ("photo.png", False)]


def test_reference_ids_are_matched_as_markdown_matches_them():
    text = FRONT + "[a][Two  Words], [b][] and ![c][]\n\n[two words]: one.md\n[b]: two.md\n[c]: three.png\n"
    page, _, source_map = render(text)
    assert [reference.url for reference in page.references] == ["one.md", "two.md", "three.png"]
    assert source_map.missing_references == []


def test_pieces_raw_html_text_and_lines_of_a_source_map():
    page, root, source_map = render(FRONT + "Text <b>bold</b> <i>it</i> end.\n")
    paragraph = root.find("p")
    placeholders = paragraph.text
    assert list(source_map.pieces(placeholders)) == [
        ("text", "Text "), ("html", "<b>"), ("text", "bold"), ("html", "</b>"), ("text", " "),
        ("html", "<i>"), ("text", "it"), ("html", "</i>"), ("text", " end.")]
    starts_and_ends_with_html = placeholders[placeholders.index("\x02"):placeholders.rindex("\x03") + 1]
    assert list(source_map.pieces(starts_and_ends_with_html)) == list(source_map.pieces(placeholders))[1:-1]
    assert list(source_map.pieces("")) == []
    assert source_map.html_text("<b>a</b><i>b</i>") == "ab"
    assert source_map.html_text("&rsquo;") == "\u2019"
    assert source_map.parse_html("</a>") == [] and source_map.html_text("</a>") == ""
    import xml.etree.ElementTree as etree
    assert source_map.line_of(etree.Element("p")) == 0
    assert source_map.line_of(paragraph) == 7


def test_markdown_with_no_page_being_built_is_left_alone():
    import markdown

    from soleus_site.source_lines import SourceLinesExtension

    pages = []
    read = []
    extension = SourceLinesExtension(current_page=lambda: pages[-1] if pages else None,
                                     readers=[lambda root, source_map: read.append(source_map.page)])
    md = markdown.Markdown(extensions=["tables", extension])
    page, _, _ = render(FRONT + "[x](y.md)\n")
    pages.append(page)
    assert md.convert("[x](y.md)") == '<p><a href="y.md">x</a></p>'
    pages.append(None)
    assert md.reset().convert("[z](z.md)") == '<p><a href="z.md">z</a></p>'
    assert read == [page] and extension.source_map is None


def test_tags_of_a_raw_html_block_are_at_their_lines_however_they_are_written():
    text = FRONT + '<DIV>\n<P>x</P>\n<A HREF="gone.md">y</A>\n</DIV>\n'  # 7 to 10
    page, _, source_map = render(text)
    assert [(node.tag, line) for node, line in source_map.raw_nodes] == [("div", 7), ("p", 8), ("a", 9)]
    assert [(reference.url, reference.line) for reference in page.references] == [("gone.md", 9)]


# A tab, as Word and some editors leave it (issue 21) ------------------------------------------
# Python-Markdown expands tabs to spaces before it parses: a block is still found at its line.

@pytest.mark.parametrize("markdown, expected", [
    ("See\tthe [exercise](exercise.md) now.\n", [("exercise.md", 7)]),
    ("Para one.\n\nA\tb [e](e.md) and\nmore [f](f.md)\n\nThen [g](g.md) here.\n",
     [("e.md", 9), ("f.md", 10), ("g.md", 12)]),
    ("- First\titem\n  see [a](a.md)\n", [("a.md", 8)]),
    ("1.\tStep [b](b.md)\n2.\tStep\twith [c](c.md)\n", [("b.md", 7), ("c.md", 8)]),
    ("- top [t](t.md)\n\t- sub\t[d](d.md)\n\t- [e](e.md)\n", [("t.md", 7), ("d.md", 8), ("e.md", 9)]),
    ("| a\t| b |\n| --- | --- |\n| 1\t| [x](x.md)\tand more |\n", [("x.md", 9)]),
    ("!!! note\n\n\tIn a box\twith [n](n.md).\n", [("n.md", 9)]),
    ("A picture:\t![A calf](images/calf.png)\n", [("images/calf.png", 7)]),
])
def test_a_link_on_a_line_with_a_tab_keeps_its_line(markdown, expected):
    page, _, _ = render(FRONT + markdown)
    assert [(reference.url, reference.line) for reference in page.references] == expected


def test_a_broken_link_after_a_tab_is_reported_at_its_line(project):
    page = project / "docs" / "running.md"
    edit(page, "## ", "- Pasted\tfrom Word: [a](runing.md)\n\t- and\tindented: [b](runing.md)\n\n## ")
    result = run_build(project)
    first = line_of(page, "[a](runing.md)")
    assert result.stdout.splitlines()[:3] == [
        f"docs/running.md:{first}: link 'runing.md': page or file not found (did you mean 'running.md'?)",
        f"docs/running.md:{first + 1}: link 'runing.md': page or file not found (did you mean 'running.md'?)",
        "2 errors, 0 warnings"]
