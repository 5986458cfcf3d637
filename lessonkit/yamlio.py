"""Safe YAML loading that keeps where every top-level key was written and how."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Entry:
    """One top-level key: its value, the scalar text as written, and its 1-based line."""

    key: str
    value: Any
    raw: Optional[str]  # scalar text as written (None for lists and mappings)
    quoted: bool
    line: int
    column: int
    value_line: int
    item_lines: list[int] = field(default_factory=list)  # the line of each item of a list value


@dataclass
class YamlDocument:
    data: Any = None
    entries: dict[str, Entry] = field(default_factory=dict)
    duplicates: list[Entry] = field(default_factory=list)
    error: Optional[str] = None
    error_line: Optional[int] = None

    @property
    def is_mapping(self) -> bool:
        return self.error is None and isinstance(self.data, dict)


def load_yaml(text: str, first_line: int = 1) -> YamlDocument:
    """Parse one YAML document. first_line is the file line the text starts on.

    Only the safe schema is used: tags such as ``!!python/object`` are refused, never built.
    """
    document = YamlDocument()
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        document.data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        document.error = " ".join(str(part) for part in (error.context, error.problem) if part) or str(error)
        document.error_line = first_line + mark.line if mark else first_line
        return document
    except yaml.YAMLError as error:
        document.error, document.error_line = str(error).splitlines()[0], first_line
        return document
    except RecursionError:
        document.error, document.error_line = "YAML nested too deeply", first_line
        return document
    finally:
        loader.dispose()
    if isinstance(node, yaml.MappingNode) and isinstance(document.data, dict):
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            scalar = isinstance(value_node, yaml.ScalarNode)
            entry = Entry(
                key=key_node.value,
                value=document.data.get(_constructed_key(key_node, document.data)),
                raw=value_node.value if scalar else None,
                quoted=scalar and value_node.style in ("'", '"'),
                line=first_line + key_node.start_mark.line,
                column=key_node.start_mark.column + 1,
                value_line=first_line + value_node.start_mark.line,
                item_lines=[first_line + item.start_mark.line for item in value_node.value]
                if isinstance(value_node, yaml.SequenceNode)
                else [],
            )
            if entry.key in document.entries:
                document.duplicates.append(entry)
            document.entries[entry.key] = entry
    return document


def _constructed_key(key_node: yaml.ScalarNode, data: dict) -> Any:
    """The key as PyYAML built it (``yes`` becomes True, ``1`` becomes 1)."""
    if key_node.value in data:
        return key_node.value
    for key in data:
        if str(key).lower() == key_node.value.lower() or str(key) == key_node.value:
            return key
    return key_node.value
