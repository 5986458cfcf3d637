"""Lines indented with no-break spaces (U+00A0), which pandoc reads as text.

pandoc, like CommonMark, counts only spaces and tabs as indentation. A line that starts with
no-break spaces (pasted from a web page or a word processor) is paragraph text to it: an
indented code block becomes a paragraph, a list item's next paragraph falls out of the list.
The page is read a second time with those no-break spaces as spaces, and a line is recorded
where that reading puts it in a code block, a list or a block quote that the first does not.
A line that holds nothing but no-break spaces and an HTML comment is left alone: that is the
spacer idiom, a paragraph of one no-break space for vertical space.
"""

from __future__ import annotations

import re
from typing import Optional

from .model import Block, NbspIndent

NBSP = "\u00a0"
# the no-break spaces of a line's indentation; a line with nothing else but a comment is the
# spacer idiom (a paragraph of one no-break space, for vertical space), not indentation
NBSP_INDENT = re.compile(r"^([ \t>]*)(\u00a0[ \t\u00a0]*)(?=\S)(?!<!--.*-->[ \t]*$)", re.MULTILINE)
CONTAINERS = ("bullet_list", "ordered_list", "blockquote")


def nbsp_indented_lines(text: str) -> list[tuple[int, int]]:
    """(line, column) of the first no-break space of each line indented with them (1-based)."""
    found = []
    for match in NBSP_INDENT.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        found.append((line, match.end(1) - match.start() + 1))
    return found


def with_spaces(text: str) -> str:
    """The text with the no-break spaces of line indentation turned into spaces."""
    return NBSP_INDENT.sub(lambda m: m.group(1) + m.group(2).replace(NBSP, " "), text)


def _innermost(blocks: list[Block], line: int) -> Optional[Block]:
    found = None
    for block in blocks:
        if block.line > line:
            break
        if block.end_line >= line:
            found = block
    return found


def _containers(blocks: list[Block], line: int) -> set[tuple[str, int]]:
    return {(b.kind, b.line) for b in blocks if b.kind in CONTAINERS and b.line <= line <= b.end_line}


LIST_MARKER = re.compile(r"([ \t]*)(?:[-+*]|[0-9]+[.)]|[a-zA-Z][.)]|\(?[ivxlcdm]+[.)])(?:[ \t]|$)")


def _item_start(lines: list[str], first: int, line: int) -> int:
    """The line of the list item holding line, in the list that starts on line first: the last
    line above it with a marker as indented as the list's first one (the item's own marker)."""
    opening = LIST_MARKER.match(lines[first - 1].replace(NBSP, " ")) if first <= len(lines) else None
    if opening is None:
        return first
    indent = len(opening.group(1))
    for number in range(line - 1, first - 1, -1):
        marker = LIST_MARKER.match(lines[number - 1].replace(NBSP, " "))
        if marker is not None and len(marker.group(1)) == indent:
            return number
    return first


def _reading(line: int, blocks: list[Block], spaced: list[Block], lines: list[str]) -> Optional[tuple[str, int]]:
    """(what the line would be with spaces, where that block starts: a code block's first line, a
    list item's marker line, a quote's first line), or None when the same."""
    now, then = _innermost(blocks, line), _innermost(spaced, line)
    if then is not None and then.kind == "code" and (now is None or now.kind != "code"):
        return ("code block", then.line)
    added = _containers(spaced, line) - _containers(blocks, line)
    if added:
        kind, start = max(added, key=lambda item: item[1])
        if kind == "blockquote":
            return ("block quote", start)
        return ("list item", _item_start(lines, start, line))
    return None


def nbsp_indents(indented: list[tuple[int, int]], blocks: list[Block], spaced: list[Block],
                 lines: list[str]) -> list[NbspIndent]:
    """The indented lines whose structure changes when read with spaces, consecutive lines of
    one block together."""
    found: list[NbspIndent] = []
    for line, column in indented:
        reading = _reading(line, blocks, spaced, lines)
        if reading is None:
            continue
        kind, start = reading
        last = found[-1] if found else None
        if last is not None and (last.reading, last.start) == (kind, start) and last.end_line >= line - 2:
            last.end_line = line
            continue
        found.append(NbspIndent(line, column, line, kind, start))
    return found
