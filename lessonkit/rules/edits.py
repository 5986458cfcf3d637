"""Building blocks for the rules and their fixes: where something is written on a page, edits
that keep a line inside the block quotes and list items it sits in, and the inline text of each
paragraph as pandoc reads it (inline_texts).

Positions are those of page.lines (1-based, front matter included); see findings.Edit.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Optional
from urllib.parse import unquote

from markdown_it.common.utils import normalizeReference

from ..findings import Edit
from ..markdown.inline import BLANK, knitted, read_inline

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


def page_index(page, context, name: str, build):
    """build(page), computed once per page for one lint (in the context's shared cache): an index
    that keeps a rule's work per finding from growing with the page."""
    key = (name, page.rel)
    if key not in context.cache:
        context.cache[key] = build(page)
    return context.cache[key]


def _quote_depths(page) -> list[int]:
    """For each line (index 1..), how many block quotes hold it."""
    steps = [0] * (len(page.lines) + 2)
    for block in page.parsed.blocks:
        if block.kind == "blockquote" and block.line <= len(page.lines):
            steps[block.line] += 1
            steps[min(block.end_line, len(page.lines)) + 1] -= 1
    depth, depths = 0, []
    for step in steps:
        depth += step
        depths.append(depth)
    return depths


def _paragraphs(page) -> tuple[list[int], list]:
    found = sorted((b for b in page.parsed.blocks if b.kind == "paragraph"), key=lambda b: b.line)
    return [b.line for b in found], found


def paragraph_at(page, context, line: int):
    """The paragraph holding line, or None (paragraphs never share a line)."""
    starts, paragraphs = page_index(page, context, "paragraphs", _paragraphs)
    index = bisect_right(starts, line) - 1
    return paragraphs[index] if index >= 0 and paragraphs[index].end_line >= line else None


def blank_line_above(page, line: int, context) -> Edit:
    """An edit inserting a blank line above line, inside the block quotes that hold the line (a
    quote's blank line keeps its '>' markers; a list item's is simply empty). A '>' that starts
    a quote pandoc does not see (under text) is not one of them."""
    depths = page_index(page, context, "quote-depths", _quote_depths)
    depth = depths[line] if line < len(depths) else 0
    markers = re.match(r"(?:[ \t]*>){%d}" % depth, line_text(page, line)) if depth else None
    blank = markers.group(0) if markers else ">" * depth
    return Edit.insert(line, 1, blank + "\n")


def line_after(page, line: int, text: str) -> Edit:
    """An edit adding text as a line of its own after line (also after a last line that has no
    line end)."""
    if line < len(page.lines):
        return Edit.insert(line + 1, 1, text + "\n")
    return Edit.insert(line, len(line_text(page, line)) + 1, "\n" + text)


def _last_text_lines(page) -> list[int]:
    found, last = [1], 1  # index 0 unused
    for number, text in enumerate(page.lines, start=1):
        last = number if text.strip() else last
        found.append(last)
    return found


def last_text_line(page, line: int, context) -> int:
    """The last line at or above line that is not blank (line 1 when there is none)."""
    found = page_index(page, context, "last-text-lines", _last_text_lines)
    return found[max(1, min(line, len(found) - 1))]


def unescape(text: str) -> str:
    return ESCAPED.sub(r"\1", text)


def written_target(page, link) -> Optional[tuple[int, int, str]]:
    """(line, column, text) of a link's or image's target as written in the page, or None when it
    is not written in the link itself (a reference link whose definition is elsewhere) or cannot
    be found unambiguously."""
    if link.reference is not None:
        return _defined_target(page, link)
    source = line_text(page, link.end_line)
    end = link.end_column - 1  # the link's text ends before end (sliced no further: a line may be long)
    start = link.column - 1 if link.line == link.end_line else 0
    if link.autolink:
        if not (source[end - 1 : end] == ">" and source[start : start + 1] == "<"):
            return None
        found = (start + 1, source[start + 1 : end - 1])
    else:
        opening = source.rfind("](", start, end)
        if opening < 0 or source[end - 1 : end] != ")":
            return None
        inside = source[opening + 2 : end - 1]
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


# --- inline text as pandoc reads it (LK212, LK409-LK411, LK903) ----------------------------------
# Each paragraph, heading and table row is read as pandoc's inline parser reads it, left to right
# (lessonkit.markdown.inline): backslash escapes, code spans, TeX math, raw HTML and comments,
# link targets and attribute blocks are set apart from the text, and on an R Markdown page
# knitr's inline code (`r expr`) counts as the value it becomes. What is left is what the page
# shows as text.


PREFIX = re.compile(r"[ \t>]*")
FIRST_LINE_MARKER = re.compile(r"(?:[-*+]|[0-9]+[.)]|[A-Za-z][.)]|\([0-9A-Za-z]+\)|#\.|#{1,6})(?=[ \t]|$)")


@dataclass
class InlineText:
    """The inline text of one block as written (lines line..end_line of the page, joined, their
    container prefixes blanked), as pandoc reads it, and text: that with everything that is not
    plain text on the page blanked (lengths kept throughout, so offsets are shared)."""

    line: int
    end_line: int
    source: str
    read: str = ""  # what pandoc reads: source, knitted on an R Markdown page
    text: str = ""
    starts: list[int] = field(default_factory=list)  # offset of each line's start in source
    unmatched_backticks: list[tuple[int, int]] = field(default_factory=list)  # (offset, run length)
    math: list[tuple[int, int]] = field(default_factory=list)  # (offset of the opening $, of the closing $)

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column) of an offset of source."""
        index = bisect_right(self.starts, offset) - 1
        return self.line + index, offset - self.starts[index] + 1


def _inline_source(page, first: int, last: int) -> tuple[str, list[int]]:
    """The lines first..last joined, with what only places them in their containers (block quote
    markers, indentation, and on the first line a list marker or heading's #s) blanked."""
    lines, starts, offset = [], [], 0
    for number in range(first, min(last, len(page.lines)) + 1):
        line = page.lines[number - 1]
        cut = PREFIX.match(line).end()
        if number == first:
            marker = FIRST_LINE_MARKER.match(line, cut)
            cut = marker.end() if marker else cut
        lines.append(BLANK * cut + line[cut:])
        starts.append(offset)
        offset += len(line) + 1
    return "\n".join(lines), starts


def _build(page) -> list[InlineText]:
    found, seen = [], set()
    table_lines = {number for block in page.parsed.blocks if block.kind == "table"
                   for number in range(block.line, block.end_line + 1)}
    for block in page.parsed.blocks:
        if block.kind != "inline" or (block.line, block.end_line) in seen:
            continue
        seen.add((block.line, block.end_line))
        source, starts = _inline_source(page, block.line, block.end_line)
        read = knitted(source) if page.is_rmd else source
        if block.line in table_lines:
            # a table row: pandoc reads each cell on its own
            texts, offset, unmatched, math = [], 0, [], []
            for cell in re.split(r"(?<!\\)\|", read):
                text, runs, spans = read_inline(cell)
                texts.append(text)
                unmatched += [(offset + start, run) for start, run in runs]
                math += [(offset + start, offset + end) for start, end in spans]
                offset += len(cell) + 1
            text = "|".join(texts)
        else:
            text, unmatched, math = read_inline(read)
        found.append(InlineText(block.line, block.end_line, source, read, text, starts, unmatched, math))
    return found


def inline_texts(page, context) -> list[InlineText]:
    """Each inline block of the page, read as pandoc reads it (once per page and lint)."""
    return page_index(page, context, "inline-texts", _build)


# --- implicit header references (LK206, LK212) ----------------------------------------------------
# pandoc (implicit_header_references) reads [Heading text] as a link to the heading whose text, as
# written, is the label: case and runs of white space aside, markup included ([the `ls` command]).


CONTAINER_MARKS = re.compile(r"[ \t>]*(?:(?:[-+*]|[0-9]+[.)])[ \t]+)*(?:#{1,6}(?=[ \t]|$))?")
TRAILING_ATTRIBUTES = re.compile(r"[ \t]*\{[^{}]*\}[ \t]*$")
CLOSING_HASHES = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")


def _heading_labels(page) -> set[str]:
    labels = set()
    for heading in page.parsed.headings:
        text = line_text(page, heading.line)
        text = TRAILING_ATTRIBUTES.sub("", text[CONTAINER_MARKS.match(text).end() :])
        labels.add(normalizeReference(CLOSING_HASHES.sub("", text) if not heading.setext else text))
    return labels


def heading_labels(page, context) -> set[str]:
    """The reference labels the page's headings define (normalised as markdown-it does), once per page."""
    return page_index(page, context, "heading-labels", _heading_labels)
