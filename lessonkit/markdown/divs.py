"""Fenced divs with pandoc 3.x semantics, as a markdown-it-py block rule.

- An opener is 3+ colons at the container's first column, one class word or ``{attributes}``,
  then optionally spaces and colons. It cannot interrupt a paragraph.
- A closer is a bare run of 3+ colons of any length. It closes the innermost div opened in the
  same container (document, list item, block quote...); while any div is open it also ends a
  paragraph, a list or a table without a blank line. With no div to close it is text.
- A div still open at the end of its container is closed there implicitly (pandoc 3.2+).

Divs are not parsed recursively: the opener pushes onto a stack and the closer pops, so nesting
depth costs nothing and never counts toward markdown-it's ``maxNesting``.
"""

from __future__ import annotations

import re
from typing import Optional

from markdown_it.rules_block import StateBlock

from .attributes import parse_attributes
from .model import Div, ParsedPage

OPENER = re.compile(r":{3,}[ \t]*(\{[^}]*\}|[^ \t{][^ \t]*|\{[^ \t]*)[ \t]*:*[ \t]*$")
CLOSER = re.compile(r":{3,}[ \t]*$")

CONTAINER_NAMES = {
    "root": "document",
    "list": "list item",
    "blockquote": "block quote",
    "footnote": "footnote",
    "deflist": "definition",
    "gridcell": "table cell",
}


class DivState:
    """Per-parse bookkeeping shared by the div rule and the container hook."""

    def __init__(self, page: ParsedPage, last_line: int) -> None:
        self.page = page
        self.last_line = last_line
        self.open: list[Div] = []  # open divs, innermost last, across all containers
        self.bases: list[int] = []  # for each open container: len(open) when it started
        self.kinds: list[str] = []

    def owned(self) -> bool:
        """Whether the current container has a div of its own to close."""
        return len(self.open) > self.bases[-1]


def div_state(state: StateBlock) -> DivState:
    return state.env["lessonkit"]


def parse_opener(text: str) -> Optional[tuple[str, list[str], dict[str, str]]]:
    """(id, classes, attributes) of an opener line, or None when pandoc reads it as text."""
    match = OPENER.match(text)
    if not match:
        return None
    word = match.group(1)
    if word.startswith("{"):
        attributes = parse_attributes(word)
        if attributes is not None:
            return attributes.id, attributes.classes, attributes.values
        if " " in word or "\t" in word:
            return None
    return "", [word], {}


def fenced_div(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    pos = state.bMarks[start_line] + state.tShift[start_line]
    if not state.src.startswith(":::", pos):
        return False
    divs = div_state(state)
    indent = state.sCount[start_line] - state.blkIndent
    text = state.src[pos : state.eMarks[start_line]]
    is_closer = CLOSER.match(text) is not None
    if silent:
        # Only a closer ends a paragraph, list or table early, and only while a div is open.
        return is_closer and indent <= 0 and bool(divs.open)
    if indent != 0 and not (indent == 2 and state.parentType == "deflist"):
        # mdit's definition lists set the block indent 2 columns short of pandoc's 4
        return False
    column = pos - state.bMarks[start_line] + 1
    if is_closer:
        if not divs.owned():
            return False
        div = divs.open.pop()
        div.end_line = start_line + 1
        token = state.push("div_close", "div", -1)
        state.level += 1  # divs do not count toward maxNesting
        token.map = [start_line, start_line + 1]
        token.markup = text
        token.meta = {"div": div}
        state.line = start_line + 1
        return True
    opener = parse_opener(text)
    if opener is None:
        return False
    ident, classes, attributes = opener
    parent = divs.open[-1] if divs.open else None
    div = Div(
        classes=classes,
        id=ident,
        attributes=attributes,
        line=start_line + 1,
        column=column,
        fence=text,
        container=divs.kinds[-1],
        parent=parent,
    )
    (parent.children if parent else divs.page.divs).append(div)
    divs.page.all_divs.append(div)
    divs.open.append(div)
    token = state.push("div_open", "div", 1)
    state.level -= 1
    token.map = [start_line, start_line + 1]
    token.markup = text
    token.info = " ".join(classes)
    token.meta = {"div": div}
    state.line = start_line + 1
    return True


def install_container_hook(md) -> None:
    """Wrap block tokenizing so that divs left open in a container are closed at its end."""
    block = md.block
    tokenize = type(block).tokenize

    def tokenize_container(state: StateBlock, start_line: int, end_line: int) -> None:
        divs = div_state(state)
        divs.bases.append(len(divs.open))
        divs.kinds.append(CONTAINER_NAMES.get(state.parentType, state.parentType))
        try:
            tokenize(block, state, start_line, end_line)
        finally:
            base = divs.bases.pop()
            divs.kinds.pop()
        if len(divs.open) > base:
            last = divs.last_line if not divs.bases else _last_content_line(state, start_line)
            while len(divs.open) > base:
                div = divs.open.pop()
                div.implicit_end_line = last
                state.level += 1
                token = state.push("div_close", "div", -1)
                token.meta = {"div": div, "implicit": True}

    block.tokenize = tokenize_container


def _last_content_line(state: StateBlock, start_line: int) -> int:
    """1-based number of the container's last non-blank line."""
    line = max(state.line - 1, start_line)
    while line > start_line and state.isEmpty(line):
        line -= 1
    return line + 1
