"""YAML front matter of a page, as pandoc's yaml_metadata_block finds it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .yamlio import YamlDocument, load_yaml

OPENING = "---"
CLOSINGS = ("---", "...")


@dataclass
class FrontMatter:
    start_line: int  # line of the opening ---
    end_line: Optional[int]  # line of the closing --- or ...; None when never closed
    document: YamlDocument

    @property
    def entries(self):
        return self.document.entries

    def get(self, key, default=None):
        data = self.document.data
        return data.get(key, default) if isinstance(data, dict) else default


def split_front_matter(text: str) -> tuple[Optional[FrontMatter], str]:
    """(front matter, body) where the body keeps the file's line numbers: the front matter's
    lines are left blank in it."""
    if not text.startswith(OPENING):
        return None, text
    lines = text.split("\n")
    if lines[0].rstrip() != OPENING or len(lines) < 2 or not lines[1].strip():
        return None, text
    for index in range(1, len(lines)):
        if lines[index].rstrip() in CLOSINGS:
            document = load_yaml("\n".join(lines[1:index]), first_line=2)
            body = "\n" * (index + 1) + "\n".join(lines[index + 1 :])
            return FrontMatter(1, index + 1, document), body
    document = YamlDocument(error="front matter is never closed: no line with --- or ... ends it", error_line=1)
    return FrontMatter(1, None, document), text
