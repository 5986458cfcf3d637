"""Block rules where pandoc's ``markdown`` parts ways with CommonMark.

- A paragraph runs on until a blank line. Only these end it early: a div closer while a div is
  open, a backtick code fence that is closed, a block-level HTML tag, and (inside a list item)
  a list marker. A heading, block quote, list, tilde fence or table written directly under a
  line of text is part of the paragraph; each such place is recorded as a divergence.
- A code span, inline math or an HTML comment is read whole, so a fence line inside one is text;
  a comment opened inside a paragraph even runs across blank lines to its ``-->``.
- A fenced code block needs its closing fence; without one its fence line is text.
- An HTML comment needs its ``-->``; without one it is text. A comment cannot interrupt a
  paragraph.
- A heading starts at the left margin of its block (of a list item's text, inside a block quote
  after `>` and one space): one space before its `#`, or before a setext underline, makes the
  line text.
- A setext heading is a single line of text over its underline.
- A list item whose marker is alone on its line (`3.`) holds the lines right under it, however
  little they are indented, up to a blank line or a line that starts another list item.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from markdown_it.common.html_blocks import block_names
from markdown_it.common.utils import mdTrim
from markdown_it.rules_block import StateBlock, heading as commonmark_heading, html_block as commonmark_html_block
from markdown_it.rules_block import list_block as commonmark_list

from .divs import CLOSER, div_state, fenced_div, parse_opener
from .inline import math_close
from .model import Divergence, TextFence, UnclosedCodeFence

FENCE_INFO_WORD = re.compile(r"[ \t]*(\S*)[ \t]*$")
SETEXT_UNDERLINE = re.compile(r"(=+|-+)[ \t]*$")

# What CommonMark would start on a line directly under text, where pandoc keeps reading text.
COMMONMARK_INTERRUPTERS = [
    (re.compile(r"#{1,6}(?:[ \t]|$)"), "heading"),
    (re.compile(r">"), "block quote"),
    (re.compile(r"(?:=+|-+)[ \t]*$"), "setext heading"),
    (re.compile(r"(?:\*[ \t]*){3,}$|(?:_[ \t]*){3,}$|(?:-[ \t]*){3,}$"), "horizontal rule"),
    (re.compile(r"[-+*][ \t]+\S"), "list"),
    (re.compile(r"1[.)][ \t]+\S"), "ordered list"),
    (re.compile(r"~{3,}"), "code fence"),
    (re.compile(r"\|"), "table"),
]
TABLE_DELIMITER_ROW = re.compile(r"\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
# Containers in which pandoc ends a paragraph at a list marker (its ListItemState): a list item
# or a definition, and anything nested in one (a block quote, div or footnote inside the item).
LIST_CONTAINERS = ("list item", "definition")
# pandoc's fancy_lists markers (a. A) (i) #.) that markdown-it reads as text: such a "paragraph"
# is a list item to pandoc, so what follows its first line is not judged against CommonMark.
FANCY_LIST_MARKER = re.compile(r"(?:\(?[a-zA-Z]\)|[a-z][.)]|[A-Z](?:\.[ \t]{2}|\))|\(?[ivxlcdmIVXLCDM]+[.)]|#[.)])(?:[ \t]|$)")  # where a list marker ends a paragraph, as in pandoc


def _line(state: StateBlock, line: int) -> tuple[int, str]:
    pos = state.bMarks[line] + state.tShift[line]
    return pos, state.src[pos : state.eMarks[line]]


# --- fenced code -------------------------------------------------------------------------------


def _closing_fence_line(state: StateBlock, start_line: int, end_line: int, marker: str, size: int) -> int:
    """Line of the fence that closes a code block opened at start_line, or -1.

    A fence less indented than its container (under a list item's text) ends the item and is
    read at the outer level, so its closer is looked for there."""
    indent = min(state.blkIndent, state.sCount[start_line])
    for line in range(start_line + 1, end_line):
        pos = state.bMarks[line] + state.tShift[line]
        maximum = state.eMarks[line]
        if pos < maximum and state.sCount[line] < indent:
            return -1  # the container ended first
        if state.sCount[line] - indent >= 4 or not state.src.startswith(marker * size, pos):
            continue
        if state.src[pos:maximum].rstrip(" \t").strip(marker) == "":
            return line
    return -1


def _fence_opener(state: StateBlock, line: int):
    """(marker, size, info) when the line opens a code fence for pandoc, else None."""
    if state.sCount[line] - state.blkIndent >= 4:
        return None
    pos, text = _line(state, line)
    if not text or text[0] not in "`~":
        return None
    marker = text[0]
    size = len(text) - len(text.lstrip(marker))
    if size < 3:
        return None
    info = text[size:]
    if marker == "`" and "`" in info:
        return None
    # pandoc takes {attributes} or one word, then nothing but spaces
    word = FENCE_INFO_WORD.match(info)
    if word is None:
        return None
    return marker, size, info.strip()


def fence(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    opener = _fence_opener(state, start_line)
    if opener is None:
        return False
    marker, size, info = opener
    close_line = _closing_fence_line(state, start_line, end_line, marker, size)
    if silent:
        # Only a backtick fence ends a paragraph early, and only a complete one.
        return marker == "`" and close_line >= 0
    pos, text = _line(state, start_line)
    if close_line < 0:
        div_state(state).page.unclosed_code_fences.append(
            UnclosedCodeFence(start_line + 1, pos - state.bMarks[start_line] + 1, text.strip())
        )
        return False
    indent = state.sCount[start_line]
    state.line = close_line + 1
    token = state.push("fence", "code", 0)
    token.info = info
    token.content = state.getLines(start_line + 1, close_line, indent, True)
    token.markup = marker * size
    token.map = [start_line, state.line]
    return True


# --- HTML blocks -------------------------------------------------------------------------------


BLOCK_TAG = re.compile(r"</?(?:" + "|".join(block_names) + r")(?=[\s/>]|$)", re.IGNORECASE)
VERBATIM_TAG = re.compile(r"<(?:script|pre|style|textarea)(?=[\s>]|$)", re.IGNORECASE)


def html_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """pandoc's raw HTML blocks: a comment up to its ``-->``, a verbatim element (script, pre,
    style, textarea) up to its closing tag, and a block-level tag on its own, after which
    Markdown goes on (markdown_in_html_blocks). Other tags are inline, in a paragraph."""
    pos, text = _line(state, start_line)
    if state.sCount[start_line] - state.blkIndent >= 4 or not text.startswith("<"):
        return False
    if text.startswith("<!--"):
        close = state.src.find("-->", pos + 4)
        if silent or close < 0:
            return False
        line_end = state.src.find("\n", close)
        if state.src[close + 3 : line_end if line_end >= 0 else len(state.src)].strip():
            return False  # text after the comment: pandoc reads the line as a paragraph
        return commonmark_html_block(state, start_line, end_line, silent)
    if VERBATIM_TAG.match(text):
        return commonmark_html_block(state, start_line, end_line, silent)
    if not BLOCK_TAG.match(text):
        return False
    if silent:
        return True
    line = start_line
    while ">" not in _line(state, line)[1] and line + 1 < end_line and not state.isEmpty(line + 1):
        line += 1
    state.line = line + 1
    token = state.push("html_block", "", 0)
    token.map = [start_line, state.line]
    token.content = state.getLines(start_line, state.line, state.blkIndent, True)
    return True


# --- paragraphs --------------------------------------------------------------------------------


BLANK_LINE = re.compile(r"\n[ \t>]*\n")
BACKTICK_RUNS: dict[int, re.Pattern] = {}


def _closing_run(count: int) -> re.Pattern:
    if count not in BACKTICK_RUNS:
        BACKTICK_RUNS[count] = re.compile(r"(?<!`)`{%d}(?!`)" % count)
    return BACKTICK_RUNS[count]


def _span_end(src: str, pos: int, end: int) -> int:
    """Where an inline span opened in src[pos:end] closes, when it closes past end; else -1.

    pandoc reads a code span, inline math or an HTML comment as one piece, newlines and all,
    so a fence line inside one is neither a closer nor the end of the paragraph. Code and math
    cannot cross a blank line; a comment can.
    """
    blank = None
    while pos < end:
        char = src[pos]
        if char == "\\":
            pos += 2
        elif char == "`":
            run = pos
            while run < end and src[run] == "`":
                run += 1
            if blank is None:
                found = BLANK_LINE.search(src, pos)
                blank = found.start() if found else len(src)
            close = _closing_run(run - pos).search(src, run, blank)
            if close is None:
                pos = run
            elif close.end() > end:
                return close.end()
            else:
                pos = close.end()
        elif char == "$" and pos + 1 < len(src) and not src[pos + 1].isspace():
            if blank is None:
                found = BLANK_LINE.search(src, pos)
                blank = found.start() if found else len(src)
            close = math_close(src, pos + 1, blank)
            if close < 0:
                pos += 1
            elif close > end:
                return close
            else:
                pos = close
        elif char == "<" and src.startswith("<!--", pos):
            close = src.find("-->", pos + 4)
            if close < 0:
                pos += 4
            elif close + 3 > end:
                return close + 3
            else:
                pos = close + 3
        else:
            pos += 1
    return -1


def _in_list(state: StateBlock) -> bool:
    """Whether the current block sits in a list item or definition, at any depth."""
    return any(kind in LIST_CONTAINERS for kind in div_state(state).kinds)


def _ends_paragraph(state: StateBlock, line: int, end_line: int) -> bool:
    """pandoc's end-of-paragraph conditions for a non-blank line under paragraph text."""
    pos = state.bMarks[line] + state.tShift[line]
    first = state.src[pos] if pos < state.eMarks[line] else ""
    if first == ":":
        return fenced_div(state, line, end_line, True)
    if first == "`":
        return fence(state, line, end_line, True)
    if first == "<":
        return html_block(state, line, end_line, True)
    if first in "-+*0123456789" and _in_list(state):
        return commonmark_list(state, line, end_line, True)
    return False


# --- list items whose marker is alone on its line ------------------------------------------

EMPTY_ITEM = re.compile(r"(?:[-+*]|\d{1,9}[.)])[ \t]*$")
MAY_BE_EMPTY_ITEM = re.compile(r"[ \t>]*(?:[-+*]|\d{1,9}[.)])[ \t]*$")  # in a block quote too
ITEM_START = re.compile(r"(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)")


def _empty_items(state: StateBlock) -> list[int]:
    """The lines of the source (0-based) that may hold a list marker and nothing else, in order."""
    env = state.env
    if "empty_items" not in env:
        env["empty_items"] = [number for number, line in enumerate(env["lines"]) if MAY_BE_EMPTY_ITEM.match(line)]
    return env["empty_items"]


def _item_lines(state: StateBlock, marker_line: int, end_line: int):
    """The lines pandoc reads into the list item whose marker stands alone on marker_line: those
    right under it, down to a blank line or a line that starts a list item or a code fence, or
    that closes a div open around the list (pandoc's rawListItem)."""
    in_div = bool(div_state(state).open)
    line = marker_line + 1
    while line < end_line and not state.isEmpty(line):
        _, text = _line(state, line)
        if state.sCount[line] - state.blkIndent < 4 and (ITEM_START.match(text) or text.startswith(("```", "~~~"))
                                                          or (in_div and CLOSER.match(text))):
            break
        yield line
        line += 1


def list_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """CommonMark's list, with pandoc's reading of an item whose marker is alone on its line.

    CommonMark ends such an item at its marker unless the next line is indented to the item's
    content; pandoc reads the lines under the marker as the item's first paragraph (`3.` then
    `Cons: risk` is item 3, "Cons: risk"). Those lines are shown to markdown-it as indented to
    the item's content while it reads the list, and given back their indent after."""
    empty = _empty_items(state) if not silent else ()
    if not empty or empty[-1] < start_line:
        return commonmark_list(state, start_line, end_line, silent)
    shifted = state.env.setdefault("shifted_lines", set())  # by this call or one around it
    level = state.sCount[start_line]
    moved: list[tuple[int, int]] = []
    for marker_line in empty[bisect_left(empty, start_line):]:
        if marker_line + 1 >= end_line:
            break
        _, marker = _line(state, marker_line)
        if not EMPTY_ITEM.match(marker) or not state.blkIndent <= state.sCount[marker_line] <= level + 3 \
                or state.isEmpty(marker_line + 1):
            continue  # not an item of this list, or one pandoc reads as empty too
        indent = state.sCount[marker_line] + len(marker.rstrip()) + 1  # where markdown-it puts the content
        for line in _item_lines(state, marker_line, end_line):
            if line not in shifted and state.sCount[line] < indent:
                shifted.add(line)
                moved.append((line, indent))
                state.sCount[line] += indent
    try:
        return commonmark_list(state, start_line, end_line, silent)
    finally:
        for line, indent in moved:
            state.sCount[line] -= indent
            shifted.discard(line)


def _record_text_line(state: StateBlock, line: int, first_line: bool, in_fancy_list: bool = False) -> None:
    """Note a line of paragraph text that a CommonMark reader, or the author, takes for more."""
    pos, text = _line(state, line)
    if not text:
        return
    indent = state.sCount[line] - state.blkIndent
    page = div_state(state).page
    column = pos - state.bMarks[line] + 1
    if text.startswith(":::"):
        page.text_fences.append(TextFence(line + 1, column, text, _text_fence_reason(text, indent, first_line)))
        return
    if first_line or indent > 3 or in_fancy_list:
        return
    if text[0] in "#>-+*1~_|=":
        for pattern, kind in COMMONMARK_INTERRUPTERS:
            if pattern.match(text):
                if kind == "table" and not _delimiter_row_follows(state, line):
                    return
                if kind in ("list", "ordered list") and _in_list(state):
                    return
                page.divergences.append(Divergence(line + 1, column, kind, text))
                return
    elif text[0] == "`" and _fence_opener(state, line):
        page.unclosed_code_fences.append(UnclosedCodeFence(line + 1, column, text.strip()))


def _delimiter_row_follows(state: StateBlock, line: int) -> bool:
    return line + 1 < state.lineMax and TABLE_DELIMITER_ROW.match(_line(state, line + 1)[1]) is not None


def _text_fence_reason(text: str, indent: int, first_line: bool) -> str:
    if indent > 0:
        return "indented"
    if CLOSER.match(text):
        return "stray-closer"
    if parse_opener(text) is not None:
        return "opener-after-text"
    if text.lstrip(":").strip().startswith("<!--"):
        return "closer-trailing-text"
    return "opener-trailing-text"


def paragraph(state: StateBlock, start_line: int, end_line: int, silent: bool = False) -> bool:
    end_line = state.lineMax
    pos, text = _line(state, start_line)
    if ":" in text[:4] or text[:1] == "`":
        _record_text_line(state, start_line, True)
    span_end = _span_end(state.src, pos, state.eMarks[start_line]) if _may_open_span(text) else -1
    fancy_list = FANCY_LIST_MARKER.match(text) is not None
    next_line = start_line + 1
    while next_line < end_line:
        if span_end >= 0:
            # inside a code span, math or comment that runs on: no line here starts anything,
            # except the next item of a list, which pandoc cuts the item's text off at first
            if state.sCount[next_line] < state.blkIndent and _in_list(state) and \
                    _ends_paragraph(state, next_line, end_line):
                break
            if span_end <= state.eMarks[next_line]:
                line_end = state.eMarks[next_line]
                span_end = _span_end(state.src, span_end, line_end) if _may_open_span(state.src[span_end:line_end]) else -1
            next_line += 1
            continue
        if state.isEmpty(next_line):
            break
        relative = state.sCount[next_line] - state.blkIndent
        if relative <= 3 and state.sCount[next_line] >= 0 and _ends_paragraph(state, next_line, end_line):
            break
        _record_text_line(state, next_line, False, fancy_list)
        line_start, line_text = _line(state, next_line)
        if _may_open_span(line_text):
            span_end = _span_end(state.src, line_start, state.eMarks[next_line])
        next_line += 1

    state.line = next_line
    token = state.push("paragraph_open", "p", 1)
    token.map = [start_line, next_line]
    token = state.push("inline", "", 0)
    token.content = mdTrim(state.getLines(start_line, next_line, state.blkIndent, False))
    token.map = [start_line, next_line]
    token.children = []
    state.push("paragraph_close", "p", -1)
    return True


def _may_open_span(text: str) -> bool:
    return "`" in text or "$" in text or "<!--" in text


def atx_heading(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """A `#` heading, only at the left margin of its block (CommonMark allows three spaces)."""
    if state.sCount[start_line] != state.blkIndent:
        return False
    return commonmark_heading(state, start_line, end_line, silent)


def setext_heading(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    next_line = start_line + 1
    if next_line >= end_line or state.sCount[start_line] - state.blkIndent >= 4:
        return False
    if state.sCount[next_line] != state.blkIndent:  # the underline starts at the margin
        return False
    underline = _line(state, next_line)[1]
    if not SETEXT_UNDERLINE.match(underline):
        return False
    if silent:
        return True
    state.line = next_line + 1
    tag = "h1" if underline[0] == "=" else "h2"
    token = state.push("heading_open", tag, 1)
    token.markup = underline[0]
    token.map = [start_line, state.line]
    token = state.push("inline", "", 0)
    token.content = _line(state, start_line)[1].strip()
    token.map = [start_line, start_line + 1]
    token.children = []
    token = state.push("heading_close", tag, -1)
    token.markup = underline[0]
    return True
