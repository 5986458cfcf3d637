"""pandoc's grid tables, whose cells hold blocks (headings, code, even divs), and its simple and
multiline tables, whose cells hold only text.

    +---------------+---------------+
    | ## A heading  | ::: callout   |
    |               | Text.         |
    |               | :::           |
    +===============+===============+

Each cell is parsed on its own, as pandoc does, and its blocks join the page's token stream
(with their lines) between grid_table_open and grid_table_close tokens. Column bounds come from
the table's first border line; rows are the lines between border lines.
"""

from __future__ import annotations

import re

from markdown_it.rules_block import StateBlock

from .divs import CLOSER, div_state
from .model import DashedTable, TableText

BORDER = re.compile(r"\+(?:[-=:]+\+)+[ \t]*$")


def _cells(lines: list[str], bounds: list[int]) -> list[tuple[str, int]]:
    """(text, 0-based column where it starts) of each cell of one row: the lines cut at the
    column bounds, dedented."""
    cells = []
    for left, right in zip(bounds, bounds[1:]):
        pieces = [line[left + 1 : right].rstrip() for line in lines]
        indent = min((len(p) - len(p.lstrip(" ")) for p in pieces if p.strip()), default=0)
        cells.append(("\n".join(p[indent:] for p in pieces), left + 1 + indent))
    return cells


def grid_table(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    pos = state.bMarks[start_line] + state.tShift[start_line]
    first = state.src[pos : state.eMarks[start_line]]
    if not first.startswith("+") or not BORDER.match(first):
        return False
    rows: list[tuple[int, list[str]]] = []  # (first line of the row, its lines)
    current: list[str] = []
    current_start = start_line + 1
    line = start_line + 1
    closed_at = -1
    while line < end_line:
        text = state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]
        if BORDER.match(text):
            if current:
                rows.append((current_start, current))
            current, current_start, closed_at = [], line + 1, line
        elif text.startswith("|"):
            current.append(text)
        else:
            break
        line += 1
    if closed_at < 0 or not rows:
        return False
    if silent:
        return True
    bounds = [index for index, char in enumerate(first.rstrip()) if char == "+"]
    column_shift = pos - state.bMarks[start_line]
    token = state.push("grid_table_open", "table", 0)
    token.map = [start_line, closed_at + 1]
    page = div_state(state).page
    for row_line, lines in rows:
        for cell, start in _cells(lines, bounds):
            if cell.strip():
                _parse_cell(state, cell, row_line, column_shift + start + 1, page)
    state.push("grid_table_close", "table", 0)
    state.line = closed_at + 1
    return True


def _parse_cell(state: StateBlock, text: str, first_line: int, column: int, page) -> None:
    """Tokenize a cell into the page's tokens, then move what it recorded to file positions
    (column: the 1-based column where the cell's text starts)."""
    before = {name: len(getattr(page, name)) for name in ("all_divs", "text_fences", "divergences", "unclosed_code_fences")}
    first_token = len(state.tokens)
    cell = StateBlock(text, state.md, state.env, state.tokens)
    cell.parentType = "gridcell"
    cell.level = state.level
    state.md.block.tokenize(cell, 0, cell.lineMax)
    for token in state.tokens[first_token:]:
        if token.map:
            token.map = [token.map[0] + first_line, token.map[1] + first_line]
        token.meta["cell_column"] = column
    for name, count in before.items():
        for item in getattr(page, name)[count:]:
            item.line += first_line
            item.column += column - 1
            if name == "all_divs":
                if item.end_line is not None:
                    item.end_line += first_line
                if item.implicit_end_line is not None:
                    item.implicit_end_line += first_line


# --- simple and multiline tables ----------------------------------------------------------------
#
#     -------------------------           Name    Value          ----------
#     Name         Value                  ------  -------        row one
#     ------------ ------------           x       1              row two
#     x            1                      y       2              ----------
#
#     y            2.5
#     -------------------------
#
# A multiline table (left): a line of dashes, header lines, a dashed line whose runs of dashes
# give the columns, rows separated by blank lines, and a closing dashed line. A simple table
# (middle): a header line over a dashed line, then one line per row up to a blank line. Each has
# a headerless form that starts with the dashed line; the simple one then ends at the next
# dashed line. pandoc tries them in this order: multiline, headerless simple, simple,
# headerless multiline. Nothing in a row but a blank line or a line of dashes ends it, so such
# a table takes in the headings, fences and divs written between its dashed lines, as text.

DASHED = re.compile(r"(?:-+[ \t]*)+$")
DASH_RUNS = re.compile(r"-+[ \t]*")
SETEXT_UNDERLINE = re.compile(r"(?:=+|-+)[ \t]*$")  # pandoc reads a setext heading first
LOOKS_LIKE = ((re.compile(r"#{1,6}(?:[ \t]|$)"), "heading"), (re.compile(r":{3,}"), "div fence"),
              (re.compile(r"`{3,}|~{3,}"), "code fence"))


class _Lines:
    """The lines of the current container, as the table rule looks at them."""

    def __init__(self, state: StateBlock, end_line: int) -> None:
        self.state, self.end = state, end_line
        self.in_div = bool(div_state(state).open)

    def text(self, line: int) -> str:
        state = self.state
        return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]

    def inside(self, line: int) -> bool:
        state = self.state
        return line < self.end and (state.isEmpty(line) or state.sCount[line] >= state.blkIndent)

    def blank(self, line: int) -> bool:
        return line < self.end and self.state.isEmpty(line)

    def dashed(self, line: int) -> bool:
        if not self.inside(line) or self.blank(line) or self.state.sCount[line] - self.state.blkIndent > 3:
            return False
        return DASHED.match(self.text(line)) is not None

    def row(self, line: int) -> bool:
        """A line a table row may hold: anything but a blank line, a dashed line or a div closer."""
        if not self.inside(line) or self.blank(line) or self.dashed(line):
            return False
        return not (self.in_div and CLOSER.match(self.text(line)))

    def raw(self, line: int) -> str:
        """The line from the container's first column, as pandoc cuts it into cells."""
        state = self.state
        text = state.src[state.bMarks[line] : state.eMarks[line]]
        shift = min(state.blkIndent, len(text) - len(text.lstrip(" ")))
        return text[shift:]


def _multiline_rows(lines: _Lines, line: int) -> int:
    """The closing dashed line of rows that start at line (separated by blank lines), or -1."""
    if not lines.row(line):
        return -1
    while True:
        while lines.row(line):
            line += 1
        while lines.blank(line):
            line += 1
        if lines.dashed(line):
            return line
        if not lines.row(line):
            return -1


def _multiline(lines: _Lines, start: int) -> int:
    if not lines.row(start + 1):
        return -1
    underline = start + 1
    while not lines.dashed(underline):
        if not lines.inside(underline):
            return -1
        underline += 1
    footer = _multiline_rows(lines, underline + 1)
    return footer + 1 if footer >= 0 else -1


def _headerless_simple(lines: _Lines, start: int) -> int:
    line = start + 1
    if not lines.row(line):
        return -1
    while lines.row(line):
        line += 1
    return line + 1 if lines.dashed(line) else -1


def _simple(lines: _Lines, start: int) -> int:
    if not lines.dashed(start + 1) or not lines.row(start + 2):
        return -1
    line = start + 2
    while lines.row(line):
        line += 1
    return line + 1 if lines.dashed(line) else line


def _headerless_multiline(lines: _Lines, start: int) -> int:
    footer = _multiline_rows(lines, start + 1)
    return footer + 1 if footer >= 0 else -1


def _bullet(text: str) -> bool:
    """A dashed line that pandoc's list rule takes first: '-' or '- -', fewer than 3 dashes."""
    return (len(text) == 1 or text[1] in " \t") and text.count("-") < 3


def _starts_with_dash(state: StateBlock, line: int) -> bool:
    return state.src.startswith("-", state.bMarks[line] + state.tShift[line])


def dash_table(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if state.sCount[start_line] - state.blkIndent > 3:
        return False
    dashed_first = _starts_with_dash(state, start_line)
    if not dashed_first and (start_line + 1 >= end_line or not _starts_with_dash(state, start_line + 1)):
        return False
    lines = _Lines(state, end_line)
    text = lines.text(start_line)
    underline = lines.inside(start_line + 1) and SETEXT_UNDERLINE.match(lines.text(start_line + 1)) is not None
    if dashed_first:
        if underline or not DASHED.match(text) or _bullet(text):
            return False
        forms = ((_multiline, "multiline"), (_headerless_simple, "headerless simple"), (_simple, "simple"),
                 (_headerless_multiline, "headerless multiline"))
    else:
        # a header line over dashes; lines other block rules read first are left to them
        if underline or text[:1] in "`~+*:#<" or not lines.dashed(start_line + 1):
            return False
        forms = ((_simple, "simple"),)
    for form, name in forms:
        end = form(lines, start_line)
        if end >= 0:
            break
    else:
        return False
    if silent:
        return True
    _push_table(state, lines, start_line, end, name)
    return True


def _push_table(state: StateBlock, lines: _Lines, start: int, end: int, form: str) -> None:
    """Tokens for the table: the cells' text as inline tokens, so that their links are links."""
    token = state.push("table_open", "table", 1)
    token.map = [start, end]
    ruler = start + 1 if form == "simple" else start
    if form == "multiline":  # the dashed line under the header
        ruler = start + 1
        while not lines.dashed(ruler):
            ruler += 1
    dashes = lines.raw(ruler)
    indent = len(dashes) - len(dashes.lstrip(" "))
    bounds = [indent]
    for run in DASH_RUNS.finditer(dashes, indent):
        bounds.append(bounds[-1] + len(run.group(0)))
    one_line_rows = form.endswith("simple")
    # pandoc keeps a multiline table's header only down to its first blank line: the header lines
    # after it are dropped from the page
    dropped = range(0)
    if form == "multiline":
        first_blank = next((line for line in range(start + 1, ruler) if lines.blank(line)), ruler)
        dropped = range(first_blank, ruler)
    rows: list[list[int]] = []
    current: list[int] = []
    for line in range(start, end):
        if line in dropped:
            continue
        if lines.dashed(line) or lines.blank(line):  # the dashed lines, and blank lines between rows
            if current:
                rows.append(current)
                current = []
            continue
        current.append(line)
        if one_line_rows:
            rows.append(current)
            current = []
    if current:
        rows.append(current)
    for row in rows:
        _push_cells(state, lines, row, bounds)
    state.push("table_close", "table", -1)
    page = div_state(state).page
    swallowed = []
    for line in range(start, end):
        text = lines.text(line)
        for pattern, kind in LOOKS_LIKE:
            if pattern.match(text):
                swallowed.append(TableText(line + 1, text, kind, dropped=line in dropped))
                break
    page.dashed_tables.append(DashedTable(start + 1, end, form, swallowed))
    state.line = end


def _push_cells(state: StateBlock, lines: _Lines, row: list[int], bounds: list[int]) -> None:
    """One inline token per cell: each line cut at the column bounds (the last column takes the
    rest of the line), as pandoc cuts it."""
    raws = [lines.raw(line) for line in row]
    for column, left in enumerate(bounds[:-1]):
        right = bounds[column + 1] if column + 2 < len(bounds) else None
        pieces = [raw[left:right].strip() for raw in raws]
        first = 0
        while first < len(pieces) and not pieces[first]:
            first += 1
        if first == len(pieces):
            continue
        last = len(pieces)
        while not pieces[last - 1]:
            last -= 1
        token = state.push("inline", "", 0)
        token.content = "\n".join(pieces[first:last])
        token.map = [row[first], row[last - 1] + 1]
        token.children = []
