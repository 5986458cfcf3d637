"""Reading the README and the docs pages as their readers do: code blocks by language, links."""

from __future__ import annotations

import re

LINK = re.compile(r"\]\(([^)\s]+)\)|<(https?://[^>\s]+)>")


def blocks(text: str, language: str) -> list[str]:
    """The fenced code blocks of text in this language, without their fences."""
    return re.findall(rf"^```{language}\n(.*?)^```", text, re.S | re.M)


def links(text: str) -> list[str]:
    """Link targets, inline `[text](target)` and autolinks `<https://...>`, outside code blocks."""
    prose = re.sub(r"^(`{3,}).*?^\1", "", text, flags=re.S | re.M)
    prose = re.sub(r"`[^`\n]*`", "", prose)
    return [inline or auto for inline, auto in LINK.findall(prose)]
