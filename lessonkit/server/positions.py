"""Places in a text: lessonkit's (1-based line and column, columns in code points, the text as
pandoc reads it) and the editor's (LSP: 0-based line, character in the code units of the
negotiated position encoding: UTF-16 unless the client offers UTF-32 or UTF-8)."""

from __future__ import annotations

from typing import Sequence

from lsprotocol import types


class Positions:
    def __init__(self, encoding: str = types.PositionEncodingKind.Utf16) -> None:
        self.encoding = str(encoding)

    def units(self, text: str) -> int:
        """Code units of text in the position encoding."""
        if self.encoding == types.PositionEncodingKind.Utf32:
            return len(text)
        if self.encoding == types.PositionEncodingKind.Utf8:
            return len(text.encode("utf-8", "surrogatepass"))
        return len(text.encode("utf-16-le", "surrogatepass")) // 2

    def position(self, lines: Sequence[str], line: int, column: int) -> types.Position:
        """The LSP position of lessonkit's (line, column); a column past the line's end is its end,
        a line past the last is the end of the text."""
        index = max(line, 1) - 1
        if index >= len(lines):
            return types.Position(line=max(len(lines) - 1, 0), character=self.units(lines[-1]) if lines else 0)
        text = lines[index]
        return types.Position(line=index, character=self.units(text[: max(column, 1) - 1]))

    def range(self, lines: Sequence[str], line: int, column: int, end_line: int, end_column: int) -> types.Range:
        return types.Range(start=self.position(lines, line, column), end=self.position(lines, end_line, end_column))

    def place(self, lines: Sequence[str], position: types.Position) -> tuple[int, int]:
        """lessonkit's (line, column) of an LSP position; a character inside a code point (half
        of a surrogate pair) counts as that code point."""
        if position.line >= len(lines):
            return len(lines) + 1, 1
        text = lines[position.line]
        count = 0
        for index, character in enumerate(text):
            if count >= position.character:
                return position.line + 1, index + 1
            count += self.units(character)
            if count > position.character:
                return position.line + 1, index + 1
        return position.line + 1, len(text) + 1
