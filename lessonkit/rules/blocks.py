"""Block rules (LK4xx, with the heading rules of headings.py): lines whose block pandoc reads
differently from how they look, so the page shows text where the author wrote structure."""

from __future__ import annotations

import re
from typing import Optional

from ..findings import Problem, fix
from . import rule
from .edits import blank_line_above, line_text


def _more(first: int, last: int) -> str:
    more = last - first
    return f" (and the {more} line{'s' if more > 1 else ''} below it)" if more else ""


@rule("LK406", "indent-nbsp", "error")
def indent_nbsp(page, context):
    """A line indented with no-break spaces (U+00A0) where spaces would make it code or part
    of a list or block quote.

    pandoc counts only spaces and tabs as indentation; a no-break space (pasted from a web page
    or a word processor, and invisible in most editors) is text. An indented code block written
    with them becomes a paragraph of text, and a list item's second paragraph falls out of the
    list. Replace them with ordinary spaces.

    Fails (each `·` is a no-break space):

        Run it:

        ····python analysis.py

    Passes (four spaces):

        Run it:

            python analysis.py
    """
    for indent in page.parsed.nbsp_indents:
        if indent.reading == "code block":
            meant = "part of the indented code block above" if indent.start < indent.line else "an indented code block"
        elif indent.start < indent.line:
            meant = f"part of the {indent.reading} on line {indent.start}"
        else:
            meant = f"a {indent.reading}"
        yield Problem(indent.line, indent.column,
                      f"Indented with no-break spaces (U+00A0), which pandoc reads as text, not indentation: this line"
                      f"{_more(indent.line, indent.end_line)} is paragraph text, where ordinary spaces would make it "
                      f"{meant}; replace them with spaces", end_line=indent.end_line)


def _listed(swallowed) -> str:
    shown = [f"the {item.looks_like} '{item.text.strip()}' (line {item.line})" for item in swallowed[:3]]
    if len(swallowed) > 3:
        shown.append(f"{len(swallowed) - 3} more")
    return ", ".join(shown[:-1]) + " and " + shown[-1] if len(shown) > 1 else shown[0]


@rule("LK407", "table-swallows-blocks", "error")
def table_swallows_blocks(page, context):
    """A line of dashes that pandoc reads as the start of a table which takes in headings,
    code fences or divs.

    Besides pipe and grid tables, pandoc reads simple and multiline tables: a line of dashes
    (`-----` or `- - -`) with a line of text directly below it starts one, and everything
    down to the next line of dashes, blank lines and headings included, becomes text in its
    cells, cut into columns where the runs of dashes end; of a multiline table's header (the
    lines down to its second line of dashes) pandoc keeps only what comes before the first blank
    line, and drops the rest from the page altogether. A line of dashes meant as a horizontal
    rule, written without a blank line after it, swallows the page's next sections this way.
    Leave a blank line after a horizontal rule (or write it `***`).

    Fails:

        What can go wrong?

        - - -
        ## Data management

        Text.

        - - -

    Passes:

        What can go wrong?

        - - -

        ## Data management

        Text.

        - - -
    """
    for table in page.parsed.dashed_tables:
        if not table.swallowed:
            continue  # a table of text, written on purpose
        if table.form == "simple":
            fix = "leave a blank line between the text and the line of dashes under it"
        else:
            fix = "if the dashes are meant as a horizontal rule, leave a blank line after them (or write ***)"
        fates = []
        for dropped, fate in ((False, "text in its cells"), (True, "dropped from the page")):
            items = [item for item in table.swallowed if item.dropped == dropped]
            if items:
                fates.append(f"{_listed(items)} {'is' if len(items) == 1 else 'are'} {fate}")
        yield Problem(table.line, 1,
                      f"pandoc reads lines {table.line}-{table.end_line} as a {table.form} table, so "
                      f"{'; '.join(fates)}; {fix}", end_line=table.end_line)


GRID_BORDER = re.compile(r"\+(?:[-=:]+\+)+[ \t]*")
GRID_ROW = re.compile(r"[|+].*[|+][ \t]*")
CAPTION = re.compile(r"(?:Table)?:[ \t]")
CONTAINER_PREFIX = re.compile(r"[ \t>]*")


def _grid_table_in(page, paragraph) -> Optional[tuple[int, int]]:
    """(first, last line) of a grid table written inside the paragraph, below its first line."""
    lines = [CONTAINER_PREFIX.sub("", line_text(page, number), count=1)
             for number in range(paragraph.line, paragraph.end_line + 1)]
    for index in range(1, len(lines) - 2):
        if not GRID_BORDER.fullmatch(lines[index]):
            continue
        rows = index + 1
        while rows < len(lines) and GRID_ROW.fullmatch(lines[rows]) and not GRID_BORDER.fullmatch(lines[rows]):
            rows += 1
        if rows > index + 1 and rows < len(lines) and GRID_BORDER.fullmatch(lines[rows]):
            last = rows
            while last + 1 < len(lines) and GRID_ROW.fullmatch(lines[last + 1]):
                last += 1
            return paragraph.line + index, paragraph.line + last
    return None


@rule("LK408", "grid-table-not-separated", "error", fix="safe")
def grid_table_not_separated(page, context):
    """A grid table (`+---+---+` borders) written directly under a line of text, such as its
    caption, with no blank line between them.

    pandoc reads a grid table only where a block may start; under a line of text it is part of
    that paragraph, so the page shows its borders and bars as a jumble of text (and `+---+`
    with typographic dashes). A caption (`Table: ...` or `: ...`) written above the table needs
    the blank line too. Put a blank line above the table. (A pipe table under a line of text is
    LK405's.)

    Fails:

        Table: Markdown and what it renders.
        +---------------+-----------------+
        | Markdown      | Rendered        |
        +===============+=================+
        | `*emphasis*`  | *emphasis*      |
        +---------------+-----------------+

    Passes:

        Table: Markdown and what it renders.

        +---------------+-----------------+
        | Markdown      | Rendered        |
        +===============+=================+
        | `*emphasis*`  | *emphasis*      |
        +---------------+-----------------+

    The fix adds the blank line (inside the same block quotes).
    """
    for paragraph in page.parsed.blocks:
        if paragraph.kind != "paragraph" or paragraph.end_line - paragraph.line < 3:
            continue
        found = _grid_table_in(page, paragraph)
        if found is None:
            continue
        first, last = found
        above = CONTAINER_PREFIX.sub("", line_text(page, first - 1), count=1)
        what = f"the caption '{above.strip()}'" if first - 1 == paragraph.line and CAPTION.match(above) else \
            "a line of text"
        yield Problem(first, 1, f"Grid table on lines {first}-{last} is directly under {what}: pandoc reads it as part "
                                "of that paragraph and shows its borders as text; add a blank line above the table",
                      end_line=last,
                      fix=fix("Add a blank line above the table", blank_line_above(page, first, context)))
