"""Document symbols: the page's outline as it will be built. Divs hold what they hold; headings
nest as pandoc's --section-divs (sandpaper's call) makes sections of them: a heading's section
runs to the next heading of its level or above in the same div (or page), and takes the divs
and deeper headings in between."""

from __future__ import annotations

from typing import Optional, Sequence, Union

from lsprotocol import types

from ..markdown.model import Div, Heading
from .positions import Positions

MAX_DEPTH = 50  # divs nested deeper are listed flat


def _line_end(lines: Sequence[str], line: int) -> int:
    return len(lines[line - 1]) + 1 if 0 < line <= len(lines) else 1


class _Outline:
    def __init__(self, page, lines: Sequence[str], positions: Positions) -> None:
        self.parsed = page.parsed
        self.lines = lines
        self.positions = positions
        self.headings_in: dict[Optional[int], list[Heading]] = {}
        for heading in self.parsed.headings:
            self.headings_in.setdefault(id(heading.div) if heading.div else None, []).append(heading)

    def span(self, line: int, column: int, end_line: int) -> types.Range:
        return self.positions.range(self.lines, line, column, end_line, _line_end(self.lines, end_line))

    def div_symbol(self, div: Div) -> types.DocumentSymbol:
        label = "::: " + (" ".join(div.classes) or "{#" + div.id + "}")
        if div.closed:
            detail = f"lines {div.line}-{div.end_line}"
        else:
            detail = f"never closed: pandoc closes it at line {div.implicit_end_line}, the end of the {div.container}"
        if div.id and div.classes:
            detail = f"#{div.id}  {detail}"
        inner_end = div.end_line - 1 if div.closed else div.last_line
        return types.DocumentSymbol(
            name=label, detail=detail, kind=types.SymbolKind.Object,
            range=self.span(div.line, div.column, div.last_line),
            selection_range=self.span(div.line, div.column, div.line),
            children=self.build(self.headings_in.get(id(div), []), div.children, max(inner_end, div.line)),
        )

    def build(self, headings: list[Heading], divs: list[Div], end_line: int) -> list[types.DocumentSymbol]:
        """The symbols of one container (the page or a div) whose content ends at end_line."""
        items: list[Union[Heading, Div]] = sorted([*headings, *divs], key=lambda item: (item.line, item.column))
        top: list[types.DocumentSymbol] = []
        open_sections: list[tuple[Heading, types.DocumentSymbol]] = []

        def close(until: int) -> None:
            heading, symbol = open_sections.pop()
            last = max(until, heading.line)
            while last > heading.line and not self.lines[last - 1].strip():
                last -= 1
            symbol.range = self.span(heading.line, 1, last)

        for item in items:
            if isinstance(item, Heading):
                while open_sections and open_sections[-1][0].level >= item.level:
                    close(item.line - 1)
                symbol = types.DocumentSymbol(
                    name=item.text.strip() or "(empty heading)", detail=f"#{item.id}" if item.id else None,
                    kind=types.SymbolKind.String, range=self.span(item.line, 1, item.line),
                    selection_range=self.span(item.line, 1, item.line), children=[],
                )
            else:
                symbol = self.div_symbol(item)
            parent = open_sections[-1][1].children if open_sections else top
            parent.append(symbol)
            if isinstance(item, Heading):
                open_sections.append((item, symbol))
        while open_sections:
            close(end_line)
        return top


def _div_depth(divs: list[Div]) -> int:
    depths: dict[int, int] = {}
    for div in divs:  # document order: a parent comes before its children
        depths[id(div)] = depths.get(id(div.parent), 0) + 1
    return max(depths.values(), default=0)


def document_symbols(page, lines: Sequence[str], positions: Positions) -> list[types.DocumentSymbol]:
    outline = _Outline(page, lines, positions)
    if _div_depth(page.parsed.all_divs) > MAX_DEPTH:  # the tree would exhaust the stack (here or in JSON)
        return [
            types.DocumentSymbol(name="::: " + (div.kind or "div"), kind=types.SymbolKind.Object,
                                 range=outline.span(div.line, div.column, div.line),
                                 selection_range=outline.span(div.line, div.column, div.line))
            for div in page.parsed.all_divs
        ]
    return outline.build(outline.headings_in.get(None, []), page.parsed.divs, max(len(lines), 1))
