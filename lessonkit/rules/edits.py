"""Building blocks for the rules' fixes: where something is written on a page, and edits that
keep a line inside the block quotes and list items it sits in.

Positions are those of page.lines (1-based, front matter included); see findings.Edit.
"""

from __future__ import annotations

import re
from typing import Optional
from urllib.parse import unquote

from ..findings import Edit

NOT_A_MARKER = re.compile(r"[^>\s]")  # list markers (-, *, 1., (a)...) in a line's prefix
ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")  # pandoc's backslash escapes of ASCII punctuation


def line_text(page, line: int) -> str:
    return page.lines[line - 1] if 0 < line <= len(page.lines) else ""


def written_column(page, line: int, text: str) -> Optional[int]:
    """The column where text, which runs to the end of the line, starts on it. (The parser gives
    the columns of div fences inside a block quote from the quote's content, not the line.)"""
    source = line_text(page, line)
    return len(source) - len(text) + 1 if text and source.endswith(text) else None


def prefix_of(page, line: int, text: str) -> Optional[str]:
    """What stands before text, which runs to the end of the line (None when it does not)."""
    column = written_column(page, line, text)
    return None if column is None else line_text(page, line)[: column - 1]


def continuation(prefix: str) -> str:
    """What a new line in the same containers starts with, given the text before a block on its
    first line: block quote markers are kept, list markers become spaces."""
    return NOT_A_MARKER.sub(" ", prefix)


def blank_line_above(page, line: int) -> Edit:
    """An edit inserting a blank line above line, inside the block quotes that hold the line (a
    quote's blank line keeps its '>' markers; a list item's is simply empty). A '>' that starts
    a quote pandoc does not see (under text) is not one of them."""
    depth = sum(1 for block in page.parsed.blocks if block.kind == "blockquote" and block.line <= line <= block.end_line)
    markers = re.match(r"(?:[ \t]*>){%d}" % depth, line_text(page, line)) if depth else None
    blank = markers.group(0) if markers else ">" * depth
    return Edit.insert(line, 1, blank + "\n")


def line_after(page, line: int, text: str) -> Edit:
    """An edit adding text as a line of its own after line (also after a last line that has no
    line end)."""
    if line < len(page.lines):
        return Edit.insert(line + 1, 1, text + "\n")
    return Edit.insert(line, len(line_text(page, line)) + 1, "\n" + text)


def last_text_line(page, line: int) -> int:
    """The last line at or above line that is not blank."""
    while line > 1 and not line_text(page, line).strip():
        line -= 1
    return line


def unescape(text: str) -> str:
    return ESCAPED.sub(r"\1", text)


def written_target(page, link) -> Optional[tuple[int, int, str]]:
    """(line, column, text) of a link's or image's target as written in the page, or None when it
    is not written in the link itself (a reference link whose definition is elsewhere) or cannot
    be found unambiguously."""
    if link.reference is not None:
        return _defined_target(page, link)
    source = line_text(page, link.end_line)[: link.end_column - 1]
    start = link.column - 1 if link.line == link.end_line else 0
    if link.autolink:
        if not (source.endswith(">") and source[start:].startswith("<")):
            return None
        found = (start + 1, source[start + 1 : -1])
    else:
        opening = source.rfind("](", start)
        if opening < 0 or not source.endswith(")"):
            return None
        inside = source[opening + 2 : -1]
        stripped = inside.lstrip()
        offset = opening + 2 + len(inside) - len(stripped)
        if stripped.startswith("<"):
            close = stripped.find(">")
            if close < 0:
                return None
            found = (offset + 1, stripped[1:close])
        else:
            found = (offset, re.split(r"[ \t]", stripped, maxsplit=1)[0])
    column, text = found
    if unquote(unescape(text)) != link.target:
        return None
    return link.end_line, column + 1, text


def _defined_target(page, link) -> Optional[tuple[int, int, str]]:
    label = " ".join(link.reference.split()).casefold() or " ".join(link.text.split()).casefold()
    for definition in page.parsed.reference_definitions:
        if " ".join(definition.label.split()).casefold() != label:
            continue
        source = line_text(page, definition.line)
        match = re.match(r"[ ]{0,3}\[(?:[^\]\\]|\\.)+\]:[ \t]*<?", source)
        if match is None:
            return None
        text = re.split(r"[ \t>]", source[match.end():], maxsplit=1)[0]
        if unquote(unescape(text)) != link.target:
            return None
        return definition.line, match.end() + 1, text
    return None


def replace_in_line(line: int, column: int, old: str, new: str) -> Edit:
    """Replace old, written at (line, column), by new."""
    return Edit(line, column, line, column + len(old), new)
