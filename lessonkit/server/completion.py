"""Completion: div classes after `::: `, anchors after `#` in a link target (the ids of the built
target page), and page paths in link targets (written relative to the page, as links are)."""

from __future__ import annotations

import re
from typing import Optional, Sequence

from lsprotocol import types

from ..settings import Settings, options_for
from ..site import KNOWN_CLASSES, split_target
from .positions import Positions

DIV_OPENER = re.compile(r"^[ \t>]*:{3,}(?:[ \t]+|[ \t]*\{[^}]*?\.)(?P<typed>[\w-]*)$")
# A link target being written: [text](typed, or a reference definition [label]: typed
LINK_TARGET = re.compile(r"\]\((?P<typed>[^()\s]*)$|^[ \t>]*\[[^\]]+\]:[ \t]*(?P<defined>\S*)$")


def _item(label: str, kind: types.CompletionItemKind, replace: types.Range, order: int,
          detail: Optional[str] = None, documentation: Optional[str] = None) -> types.CompletionItem:
    return types.CompletionItem(label=label, kind=kind, detail=detail, documentation=documentation,
                                sort_text=f"{order:05d}", text_edit=types.TextEdit(range=replace, new_text=label))


def completions(lesson, page, settings: Settings, lines: Sequence[str], line: int, column: int,
                positions: Positions) -> list[types.CompletionItem]:
    """The completions at (line, column) of page; lesson is None for a page outside a lesson."""
    before = lines[line - 1][: column - 1] if line <= len(lines) else ""

    def replacing(typed: str) -> types.Range:
        return positions.range(lines, line, column - len(typed), line, column)

    opener = DIV_OPENER.match(before)
    if opener:
        own = [name for name in options_for(settings, "LK103").get("classes", []) if name not in KNOWN_CLASSES]
        classes = [(name, "sandpaper div class") for name in KNOWN_CLASSES] + [(name, "div class (LK103 option)") for name in own]
        span = replacing(opener["typed"])
        return [_item(name, types.CompletionItemKind.Class, span, order, detail)
                for order, (name, detail) in enumerate(classes)]
    link = LINK_TARGET.search(before)
    if not link or lesson is None or page is None:
        return []
    typed = link["typed"] if link["typed"] is not None else link["defined"]
    site = lesson.site
    if "#" in typed:
        path, fragment = split_target(typed)
        pages = site.anchor_pages(page, path) or []
        span = replacing(fragment or "")
        items = []
        for target in pages:
            where = "this page" if target is page else target.rel
            for anchor in site.anchors(target):
                what = anchor.label if anchor.carrier == "heading" else f"{anchor.carrier} {anchor.label}".strip()
                items.append(_item(anchor.id, types.CompletionItemKind.Reference, span, len(items), what,
                                   f"line {anchor.line} of {where}"))
        return items
    span = replacing(typed)
    return [
        _item(site.link_to(page, lesson.pages[rel]), types.CompletionItemKind.File, span, order, lesson.pages[rel].title)
        for order, rel in enumerate(site.page_paths()) if rel != page.rel
    ]
