"""Where a setting is written in mkdocs.yml, so a problem with it names its line.

YAML's own parser keeps each node's position: composing the file (without running its tags, such
as `!ENV`) gives the line of any key or value exactly.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

CONFIG_FILE = "mkdocs.yml"


@lru_cache(maxsize=8)
def _positions(config_file: Path, modified: float) -> tuple[dict[tuple, int], dict[str, int]]:
    """(key path -> line, scalar value -> first line it is written on), 1-based."""
    keys: dict[tuple, int] = {}
    values: dict[str, int] = {}

    def walk(node, path: tuple) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                keys.setdefault((*path, key.value), key.start_mark.line + 1)
                walk(value, (*path, key.value))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                keys.setdefault((*path, index), item.start_mark.line + 1)
                walk(item, (*path, index))
        elif isinstance(node, yaml.ScalarNode):
            values.setdefault(str(node.value), node.start_mark.line + 1)

    try:
        walk(yaml.compose(config_file.read_text(encoding="utf-8")), ())
    except (OSError, yaml.YAMLError):
        pass  # MkDocs reports an unreadable mkdocs.yml itself
    return keys, values


def line_of_setting(config_file: str | Path, *path: str) -> int:
    """The line of a key in mkdocs.yml, e.g. line_of_setting(file, "extra", "clinic", "phone")."""
    config_file = Path(config_file)
    return _positions(config_file, config_file.stat().st_mtime)[0].get(path, 0)


def line_of_value(config_file: str | Path, value: str) -> int:
    """The first line of mkdocs.yml holding this value, e.g. a nav entry's 'anatomy.md'."""
    config_file = Path(config_file)
    return _positions(config_file, config_file.stat().st_mtime)[1].get(value, 0)


def line_of_plugin_setting(config_file: str | Path, plugin: str, name: str) -> int:
    """The line of a plugin's setting in mkdocs.yml (under `- plugin:` in `plugins:`); when the
    setting is not written there, the plugin's own line."""
    config_file = Path(config_file)
    keys, values = _positions(config_file, config_file.stat().st_mtime)
    for wanted in ((plugin, name), (plugin,)):
        line = next((line for path, line in keys.items()
                     if path[:1] == ("plugins",) and path[2:] == wanted), 0)
        if line:
            return line
    return values.get(plugin, 0)  # written `- plugin`, without settings
