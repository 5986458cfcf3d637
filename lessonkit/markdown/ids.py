"""Pandoc's ``auto_identifiers`` algorithm (the default, not the GFM variant)."""

from __future__ import annotations

import re

from .emoji import EMOJI

SHORTCODE = re.compile(r":([a-z0-9_+\-]+):")


def _allowed(char: str) -> bool:
    return char.isalnum() or char in "_-." or char.isspace()


def with_emoji(text: str) -> str:
    """text with each ``:shortcode:`` pandoc knows replaced by its emoji, as the emoji extension
    reads it: anywhere in a word, scanning on from the next colon when a name is unknown."""
    if ":" not in text:
        return text
    parts, start, colon = [], 0, text.find(":")
    while colon >= 0:
        match = SHORTCODE.match(text, colon)
        emoji = EMOJI.get(match.group(1)) if match else None
        if emoji is None:
            colon = text.find(":", colon + 1)
            continue
        parts += (text[start:colon], emoji)
        start = match.end()
        colon = text.find(":", start)
    return "".join(parts) + text[start:]


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
