"""The block structure of a page: divs and headings as a tree, in text or JSON."""

from __future__ import annotations

from .markdown.model import Div, ParsedPage


def div_json(div: Div) -> dict:
    return {
        "class": div.kind,
        "classes": div.classes,
        "id": div.id,
        "line": div.line,
        "column": div.column,
        "end_line": div.last_line,
        "closed": div.closed,
        "children": [div_json(child) for child in div.children],
    }


def outline_json(path: str, parsed: ParsedPage) -> dict:
    return {
        "path": path,
        "divs": [div_json(div) for div in parsed.divs],
        "unclosed": [
            {"class": div.kind, "line": div.line, "closed_at": div.implicit_end_line, "container": div.container}
            for div in parsed.unclosed_divs
        ],
        "stray_closers": [{"line": fence.line, "column": fence.column} for fence in parsed.stray_closers],
        "text_fences": [
            {"line": fence.line, "column": fence.column, "text": fence.text, "reason": fence.reason}
            for fence in parsed.text_fences
            if fence.reason != "stray-closer"
        ],
        "headings": [
            {"level": heading.level, "text": heading.text, "id": heading.id, "line": heading.line}
            for heading in parsed.headings
        ],
    }


TEXT_FENCE_NOTES = {
    "indented": "indented fence is text, not a div",
    "opener-trailing-text": "text after the class: this line is text, not an opener",
    "closer-trailing-text": "text after the colons: this line is text, not a closer",
    "opener-after-text": "opener directly under text: part of the paragraph, not a div",
    "stray-closer": "closing fence with no open div: text",
}


def outline_text(path: str, parsed: ParsedPage) -> str:
    """Divs and headings as an indented tree; line numbers in the left column."""
    rows: list[tuple[int, int, str]] = []  # (line, order, text)

    def add_div(div: Div, depth: int) -> None:
        if div.closed:
            span = f"{div.line}-{div.end_line}"
            note = ""
        else:
            span = f"{div.line}-"
            note = f"   <- never closed; pandoc closes it at line {div.implicit_end_line}, end of the {div.container}"
        label = " ".join("." + c for c in div.classes) if len(div.classes) != 1 else div.kind
        ident = f" #{div.id}" if div.id else ""
        rows.append((div.line, 0, f"{span:>9}  {'  ' * depth}::: {label}{ident}{note}"))
        for child in div.children:
            add_div(child, depth + 1)

    for div in parsed.divs:
        add_div(div, 0)
    for heading in parsed.headings:
        depth = sum(1 for _ in heading.div.ancestors()) + 1 if heading.div else 0
        rows.append((heading.line, 1, f"{heading.line:>9}  {'  ' * depth}{'#' * heading.level} {heading.text}  {{#{heading.id}}}"))
    for fence in parsed.text_fences:
        rows.append((fence.line, 2, f"{fence.line:>9}  ! {fence.text.strip()}   <- {TEXT_FENCE_NOTES[fence.reason]}"))
    rows.sort(key=lambda row: (row[0], row[1]))
    body = "\n".join(text for _, _, text in rows) if rows else "          (no divs or headings)"
    return f"{path}\n{body}\n"
