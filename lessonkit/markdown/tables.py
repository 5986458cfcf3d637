"""pandoc's grid tables, whose cells hold blocks (headings, code, even divs).

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

from .divs import div_state

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
