"""The handout's PDF cache (handout/pdf.py `make_pdfs`): a PDF is made again exactly when
something it is made from changes (the sheet, its files, the paper stylesheets), and otherwise
copied from the cache. In-process and fast: WeasyPrint is replaced by a fake `write_pdf` that
writes what it was given (the sheet and its paper stylesheet) into the "PDF", and the paper
stylesheets are copies in tmp_path, so a test can change one."""

from __future__ import annotations

import pytest

from soleus_site.handout import pdf
from soleus_site.handout.outputs import HandoutOutputs

OUTPUTS = HandoutOutputs.for_page("exercise/index.html", "The exercise: heel raise")
SHEET = "<p>Stand on a step.</p>"


class Papers:
    """The paper stylesheets (copies), the PDFs made (by paper stylesheet) and the folders."""

    def __init__(self, tmp_path, monkeypatch):
        self.assets = tmp_path / "assets"
        self.assets.mkdir()
        for paper, name in pdf.PAPERS.items():
            (self.assets / name).write_text(f"@page {{ size: {paper}; }}\n", encoding="utf-8")
        monkeypatch.setattr(pdf, "ASSETS_DIR", self.assets)
        monkeypatch.setattr(pdf, "write_pdf", self.write_pdf)
        self.made: list[str] = []
        self.site = tmp_path / "site"
        (self.site / OUTPUTS.page_dir).mkdir(parents=True)
        self.cache = tmp_path / "cache" / "handouts"
        self.picture = tmp_path / "start.svg"
        self.picture.write_text("<svg/>", encoding="utf-8")

    def write_pdf(self, sheet_html, handout_dir, target, paper_stylesheet):
        assert handout_dir == self.site / OUTPUTS.page_dir
        self.made.append(paper_stylesheet.name)
        target.write_text(sheet_html + "\n" + paper_stylesheet.read_text(encoding="utf-8"),
                          encoding="utf-8")
        return 3 if "large" in paper_stylesheet.name else 2

    def make(self, sheet: str = SHEET):
        self.made.clear()
        return pdf.make_pdfs(sheet, OUTPUTS, self.site, [self.picture], self.cache)

    def pdf_text(self, paper: str) -> str:
        return (self.site / OUTPUTS.pdfs[paper]).read_text(encoding="utf-8")


@pytest.fixture
def papers(tmp_path, monkeypatch) -> Papers:
    return Papers(tmp_path, monkeypatch)


ALL_MADE = ["paper-a4.css", "paper-letter.css", "paper-large-print.css"]


def test_pdfs_are_made_once_then_copied_from_the_cache(papers):
    written, reused, pages = papers.make()
    assert (papers.made, reused, pages) == (ALL_MADE, False, {"a4": 2, "letter": 2, "large-print": 3})
    assert written == [papers.site / OUTPUTS.pdfs[paper] for paper in ("a4", "letter", "large-print")]
    assert papers.pdf_text("a4") == SHEET + "\n@page { size: a4; }\n"
    written, reused, pages = papers.make()
    assert (papers.made, reused, pages) == ([], True, {"a4": 2, "letter": 2, "large-print": 3})
    assert papers.pdf_text("letter") == SHEET + "\n@page { size: letter; }\n"


@pytest.mark.parametrize("paper", ["a4", "letter", "large-print"])
def test_a_changed_paper_stylesheet_gives_new_pdfs_not_the_cached_ones(papers, paper):
    papers.make()
    stylesheet = papers.assets / pdf.PAPERS[paper]
    stylesheet.write_text("@page { size: 100mm 150mm; }\n", encoding="utf-8")
    _, reused, _ = papers.make()
    assert (papers.made, reused) == (ALL_MADE, False)
    assert papers.pdf_text(paper) == SHEET + "\n@page { size: 100mm 150mm; }\n"


def test_a_changed_sheet_or_picture_gives_new_pdfs(papers):
    papers.make()
    _, reused, _ = papers.make("<p>Stand on a low step.</p>")
    assert (papers.made, reused) == (ALL_MADE, False)
    assert papers.pdf_text("a4") == "<p>Stand on a low step.</p>\n@page { size: a4; }\n"
    papers.picture.write_text("<svg><g/></svg>", encoding="utf-8")
    _, reused, _ = papers.make("<p>Stand on a low step.</p>")
    assert (papers.made, reused) == (ALL_MADE, False)


def test_the_cache_keeps_the_four_latest_versions_of_each_pdf(papers):
    import os

    sheets = [f"<p>Version {n}</p>" for n in range(6)]
    for when, sheet in enumerate(sheets):
        papers.make(sheet)
        for path in papers.cache.glob("*.pdf"):  # each version a minute older than the next
            if sheet in path.read_text(encoding="utf-8"):
                os.utime(path, (1_000_000 + 60 * when, 1_000_000 + 60 * when))
    kept = sorted(path.read_text(encoding="utf-8").split("\n")[0] for path in papers.cache.glob("*-a4-*.pdf"))
    assert kept == sorted(sheets[2:])
    assert len(list(papers.cache.glob("*.pdf"))) == 12
    _, reused, _ = papers.make(sheets[2])  # the oldest kept
    assert (reused, papers.made) == (True, [])


def test_the_same_sheet_and_files_built_elsewhere_reuse_the_pdfs(papers, tmp_path):
    """Where the site is built (a temporary folder beside docs/, or one elsewhere) does not
    change what the PDFs show, so it does not make them again."""
    papers.make()
    elsewhere = tmp_path / "0-elsewhere" / "start.svg"  # sorts before the other folders
    elsewhere.parent.mkdir()
    elsewhere.write_bytes(papers.picture.read_bytes())
    papers.made.clear()
    _, reused, _ = pdf.make_pdfs(SHEET, OUTPUTS, papers.site, [elsewhere], papers.cache)
    assert (papers.made, reused) == ([], True)
