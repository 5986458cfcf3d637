"""Safe YAML loading that keeps where every top-level key was written and how."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional


def _yaml():
    """PyYAML, imported on first use: a lint whose results come from the cache reads no YAML."""
    import yaml

    return yaml

# Aliases let a few lines of YAML stand for billions of values ("billion laughs"): anything that
# walks or prints such a value hangs. A document whose aliases expand to more than this many
# values beyond what is written is refused, and so is an alias inside its own anchor.
ALIAS_EXPANSION_LIMIT = 10_000


class _AliasBomb(Exception):
    def __init__(self, node, message: str) -> None:
        super().__init__(message)
        self.node = node
        self.message = message


def _check_aliases(root) -> None:
    """Raise _AliasBomb when the node graph (aliases are shared nodes) expands too far."""
    sizes: dict[int, int] = {}
    distinct = [0]
    active: set[int] = set()

    yaml = _yaml()

    def size(node, top) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in active:
            raise _AliasBomb(top, "an alias refers to the anchor it is inside (a recursive alias)")
        distinct[0] += 1
        active.add(key)
        if isinstance(node, yaml.SequenceNode):
            total = 1 + sum(size(child, top) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            total = 1 + sum(size(k, top) + size(v, top) for k, v in node.value)
        else:
            total = 1
        active.discard(key)
        sizes[key] = total
        if total > 10 * distinct[0] + ALIAS_EXPANSION_LIMIT:
            raise _AliasBomb(top, f"aliases expand to over {total - 1} values (a 'billion laughs' document)")
        return total

    if isinstance(root, yaml.MappingNode):
        for key_node, value_node in root.value:
            size(key_node, key_node)
            size(value_node, key_node)
    size(root, root)


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


class _RepeatedKey(Exception):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message, self.line = message, line


def _compose(text: str, first_line: int, check=None):
    """(node, data, error, error line) of one YAML document, with the safe schema only: tags
    such as ``!!python/object`` are refused, never built. check(node) may raise _RepeatedKey."""
    yaml = _yaml()
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _check_aliases(node)
            if check is not None:
                check(node)
        return node, (loader.construct_document(node) if node is not None else None), None, None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = " ".join(str(part) for part in (error.context, error.problem) if part) or str(error)
        return None, None, message, first_line + mark.line if mark else first_line
    except _AliasBomb as error:
        return None, None, error.message, first_line + error.node.start_mark.line
    except _RepeatedKey as error:
        return None, None, error.message, error.line
    except yaml.YAMLError as error:
        return None, None, str(error).splitlines()[0], first_line
    except RecursionError:
        return None, None, "YAML nested too deeply", first_line
    finally:
        loader.dispose()


def load_yaml(text: str, first_line: int = 1) -> YamlDocument:
    """Parse one YAML document. first_line is the file line the text starts on."""
    yaml = _yaml()
    document = YamlDocument()
    node, document.data, document.error, document.error_line = _compose(text, first_line)
    if document.error is not None:
        return document
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


def _constructed_key(key_node, data: dict) -> Any:
    """The key as PyYAML built it (``yes`` becomes True, ``1`` becomes 1)."""
    if key_node.value in data:
        return key_node.value
    for key in data:
        if str(key).lower() == key_node.value.lower() or str(key) == key_node.value:
            return key
    return key_node.value


@dataclass
class YamlTree:
    """A YAML document with the line of every key and list item, by path: "rows.2.at" is the
    `at` key of the second item of `rows` (items count from 1, as people count them)."""

    data: Any = None
    lines: dict[str, int] = field(default_factory=dict)
    error: Optional[str] = None
    error_line: Optional[int] = None

    def line(self, path: str) -> Optional[int]:
        """The line of path, or of the nearest key above it that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path.rpartition(".")[0]
        return None


def load_tree(text: str) -> YamlTree:
    """Parse one YAML document (safe schema only) keeping the line of every key and list item.
    A key written twice in one mapping is an error, as it is for config.yaml."""
    tree = YamlTree()
    _, tree.data, tree.error, tree.error_line = _compose(
        text, 1, check=lambda node: _node_lines(_yaml(), node, "", tree.lines))
    return tree


def _node_lines(yaml, node, path: str, lines: dict[str, int], depth: int = 0) -> None:
    if depth > 100:
        raise RecursionError
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            child = f"{path}.{key_node.value}" if path else key_node.value
            if key_node.value in seen:
                raise _RepeatedKey(f"key {child!r} is written twice", 1 + key_node.start_mark.line)
            seen.add(key_node.value)
            lines[child] = 1 + key_node.start_mark.line
            _node_lines(yaml, value_node, child, lines, depth + 1)
    elif isinstance(node, yaml.SequenceNode):
        for number, item in enumerate(node.value, 1):
            child = f"{path}.{number}" if path else str(number)
            lines[child] = 1 + item.start_mark.line
            _node_lines(yaml, item, child, lines, depth + 1)
