"""Pandoc's ``auto_identifiers`` algorithm (the default, not the GFM variant)."""

from __future__ import annotations


def _allowed(char: str) -> bool:
    return char.isalnum() or char in "_-." or char.isspace()


def identifier_for(text: str) -> str:
    """The identifier pandoc derives from a heading's plain text, before de-duplication.

    Lower-case, drop everything but letters, digits, ``_-.`` and spaces, join the words with
    hyphens, then drop everything up to the first letter; empty gives "section".
    """
    kept = "".join(c for c in text.lower() if _allowed(c))
    ident = "-".join(kept.split())
    for index, char in enumerate(ident):
        if char.isalpha():
            return ident[index:]
    return ""


class IdentifierRegistry:
    """Hands out unique ids the way pandoc does within one document."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def register_explicit(self, ident: str) -> str:
        self.used.add(ident)
        return ident

    def unique(self, text: str) -> str:
        base = identifier_for(text) or "section"
        ident, number = base, 0
        while ident in self.used:
            number += 1
            ident = f"{base}-{number}"
        self.used.add(ident)
        return ident
