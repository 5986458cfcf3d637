"""Applying edits to a text: pure functions, below the rules (which try a repair on a page's
text before they offer it) and the fix engine (which applies the repairs to the files).

Edits (findings.Edit) address the text as pandoc reads it: 1-based lines and columns, LF line
ends. A text as written may end its lines with CRLF or CR; its positions map onto it line by
line, so the line ends outside the edits stay as they were.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

from .findings import Edit

LINE_END = re.compile(r"\r\n|\r|\n")
Ranges = list[tuple[int, int, str]]  # (start, end, text): offsets into the text as written


def dominant_newline(raw: str) -> str:
    """The line end most lines of raw use (LF for a text without any)."""
    counts = Counter(LINE_END.findall(raw))
    return counts.most_common(1)[0][0] if counts else "\n"


def locator(raw: str) -> Callable[[int, int], int]:
    """A function mapping (line, column) of raw as pandoc reads it onto an offset in raw; built
    once for a text, it answers each position without walking the text again."""
    starts, lengths = [], []
    position = 0
    for match in LINE_END.finditer(raw):
        starts.append(position)
        lengths.append(match.start() - position)
        position = match.end()
    starts.append(position)
    lengths.append(len(raw) - position)
    count, size = len(starts), len(raw)

    def offset(line: int, column: int) -> int:
        if line > count:
            return size
        index = max(line, 1) - 1
        return starts[index] + min(max(column, 1) - 1, lengths[index])

    return offset


def edit_ranges(offset: Callable[[int, int], int], edits: Iterable[Edit]) -> Ranges:
    """The edits as (start, end, text) offsets, given a text's locator()."""
    return [(offset(*edit.start), offset(*edit.end), edit.text) for edit in edits]


def apply_ranges(raw: str, ranges: Ranges, newline: str = "\n") -> str:
    """raw with non-overlapping ranges replaced, in one pass over the text; "\\n" in a range's
    text is written as newline. Insertions at one place come out in the order of their texts."""
    pieces, position = [], 0
    for start, end, text in sorted(ranges):
        pieces.append(raw[position:start])
        pieces.append(text.replace("\n", newline) if newline != "\n" else text)
        position = end
    pieces.append(raw[position:])
    return "".join(pieces)


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """text (LF line ends) with non-overlapping edits applied: what a page reads after a fix."""
    return apply_ranges(text, edit_ranges(locator(text), edits))
