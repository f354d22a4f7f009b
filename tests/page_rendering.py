"""A page's Markdown rendered in-process, as the build's plugin sees it (no MkDocs, no site):
its PageSource, element tree and source map. Fast enough for `make mutate` to run per mutant."""

from __future__ import annotations

from pathlib import Path

import markdown
import yaml
from mkdocs.utils.meta import get_data

from soleus_site.page_model import PageSource
from soleus_site.source_lines import SourceLinesExtension

MKDOCS_YML = Path(__file__).resolve().parents[1] / "mkdocs.yml"


class _SettingsLoader(yaml.SafeLoader):
    """YAML as mkdocs.yml writes it; its !ENV values are not needed here."""


_SettingsLoader.add_constructor("!ENV", lambda loader, node: None)


def markdown_extensions(config_file: Path) -> tuple[list[str], dict]:
    """A site's markdown_extensions, as its mkdocs.yml lists them: (names, settings by name)."""
    listed = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_SettingsLoader)["markdown_extensions"]
    return ([entry if isinstance(entry, str) else next(iter(entry)) for entry in listed],
            {name: settings for entry in listed if isinstance(entry, dict) for name, settings in entry.items()})


# mkdocs.yml's markdown_extensions, with their settings there (toc: no permalink)
EXTENSIONS, EXTENSION_CONFIGS = markdown_extensions(MKDOCS_YML)


def render(text: str, src: str = "page.md", **configs):
    """(page, element tree, source map) of a page's whole file, front matter included; lines are
    the file's lines (no shortcodes). `configs` change extensions' settings, e.g. toc={...}."""
    page, found, _ = _convert(text, src, configs)
    return page, found["root"], found["source_map"]


def render_html(text: str, src: str = "page.md"):
    """(page, the HTML Python-Markdown writes, source map) of a page's whole file."""
    page, found, html = _convert(text, src, {})
    return page, html, found["source_map"]


def _convert(text: str, src: str, configs: dict):
    body, meta = get_data(text)
    page = PageSource(src, f"docs/{src}", text, meta)
    first = text[: len(text) - len(body)].count("\n") + 1
    page.markdown_lines = body.split("\n")
    page.file_lines = list(range(first, first + len(page.markdown_lines)))
    found = {}
    extension = SourceLinesExtension(current_page=lambda: page,
                                     readers=[lambda root, source_map: found.update(
                                         root=root, source_map=source_map)])
    html = markdown.Markdown(extensions=[*EXTENSIONS, extension],
                             extension_configs={**EXTENSION_CONFIGS, **configs}).convert(body)
    return page, found, html
