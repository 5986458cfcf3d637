"""pandoc's reading of inline text, as far as the block model and the rules need it: where
inline math ends, and which characters of a paragraph the page shows as plain text. Nothing here
needs markdown-it, so rules may use it on pages read from the parse cache.
"""

from __future__ import annotations

import re
from bisect import bisect_right

BLANK = " "
VALUE = "x"  # stands for what knitr's inline code becomes
KNITR_INLINE = re.compile(r"(?<!``)`r[ #][^`]+\s*`")  # knitr's all_patterns$md$inline.code
HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]{0,2000})?/?>|<![A-Za-z][^<>]{0,2000}>")
BACKTICKS = re.compile(r"`+")
AUTOLINK = re.compile(r"<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>|<[^\s<>@]+@[^\s<>@]+>")


def math_close(src: str, pos: int, limit: int) -> int:
    """End of inline math whose content starts at pos, right after its opening `$`, or -1
    (pandoc's tex_math_dollars): the first `$` after it that no backslash escapes closes it,
    unless a space comes before that `$` or a digit after it; then there is no math there."""
    if src.startswith("$", pos):  # display math $$...$$
        close = src.find("$$", pos + 1, limit)
        return close + 2 if close >= 0 else -1
    while True:
        close = src.find("$", pos, limit)
        if close < 0:
            return -1
        slashes = 0
        while src[close - 1 - slashes] == "\\":
            slashes += 1
        if slashes % 2:
            pos = close + 1  # an escaped $ is part of the math
            continue
        if src[close - 1].isspace() or src[close + 1 : close + 2].isdigit():
            return -1
        return close + 1


def _blank(chars: list[str], start: int, end: int) -> None:
    for index in range(start, end):
        if chars[index] != "\n":
            chars[index] = BLANK


def _runs(source: str) -> dict[int, list[int]]:
    """The starts of the backtick runs of source, by their length."""
    found: dict[int, list[int]] = {}
    for match in BACKTICKS.finditer(source):
        found.setdefault(len(match.group(0)), []).append(match.start())
    return found


BRACKETS = {"(": re.compile(r"[\\()]"), "{": re.compile(r"[\\{}]")}
CLOSING = {"(": ")", "{": "}"}


def _balanced_end(source: str, start: int, opening: str) -> int:
    """The offset after the bracket closing the one at start (backslash escapes skipped), or -1;
    looked for to the end of the next line, so that a paragraph of unclosed ones stays linear."""
    limit = source.find("\n", start)
    if limit >= 0:
        limit = source.find("\n", limit + 1)
    limit = limit if limit >= 0 else len(source)
    depth, closing, special = 0, CLOSING[opening], BRACKETS[opening]
    match = special.search(source, start, limit)
    while match is not None:
        char = match.group(0)
        if char == "\\":
            match = special.search(source, match.end() + 1, limit)
            continue
        depth += 1 if char == opening else -1
        if depth == 0 and char == closing:
            return match.end()
        match = special.search(source, match.end(), limit)
    return -1


class _Ahead:
    """Where the next occurrence of a closing token is, from any offset of one source: each
    token's places are found once, so a paragraph of constructs that never close stays linear."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.places: dict[str, list[int]] = {}

    def find(self, token: str, start: int) -> int:
        if token not in self.places:
            self.places[token] = [match.start() for match in re.finditer(re.escape(token), self.source)]
        places = self.places[token]
        index = bisect_right(places, start - 1)
        return places[index] if index < len(places) else -1


def _escape_end(source: str, index: int, ahead: _Ahead) -> int:
    """After a backslash: the end of \\(...\\) or \\[...\\] math (tex_math_single_backslash), or of
    the escaped character."""
    after = source[index + 1 : index + 2]
    if after in ("(", "["):
        close = ahead.find("\\)" if after == "(" else "\\]", index + 2)
        if close >= 0:
            return close + 2
    return min(index + 2, len(source))


def _html_end(source: str, index: int, ahead: _Ahead) -> int:
    """The end of the HTML comment, raw HTML tag or autolink at index, or -1."""
    if source.startswith("<!--", index):
        close = ahead.find("-->", index + 4)
        return close + 3 if close >= 0 else -1
    match = AUTOLINK.match(source, index) or HTML_TAG.match(source, index)
    return match.end() if match else -1


def _target_end(source: str, index: int) -> int:
    """After a "]" at index: the end of the link target "(...)" and attributes "{...}" that
    follow it, or -1."""
    end = index + 1
    if source.startswith("(", end):
        end = _balanced_end(source, end, "(")
    if end > 0 and source.startswith("{", end):
        end = _balanced_end(source, end, "{")
    return end if end > index + 1 else -1


def knitted(source: str) -> str:
    """An R Markdown text with each of knitr's inline code (`` `r expr` ``) replaced by a word
    of the same length, as knitr writes the value in its place before pandoc reads the page."""
    if "`r" not in source:
        return source
    return KNITR_INLINE.sub(lambda match: VALUE * len(match.group(0)), source)


def read_inline(source: str) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]]]:
    """How pandoc reads the inline text of one paragraph, heading or table cell, left to right:
    (the text with all that the page does not show as plain text blanked, lengths and line
    ends kept; (offset, length) of each run of backticks that pairs with no other; (offset of
    the opening $, of the closing $) of each inline math). Blanked are backslash escapes,
    code spans, math, HTML comments, raw HTML tags, autolinks, link targets and attribute
    blocks. (On an R Markdown page, read the knitted() text.)"""
    chars = list(source)
    unmatched, math = [], []
    runs = _runs(source) if "`" in source else {}
    ahead = _Ahead(source)
    index, size = 0, len(source)
    while index < size:
        char, end = source[index], -1
        if char == "\\":
            end = _escape_end(source, index, ahead)
        elif char == "`":
            run = _run_length(source, index)
            starts = runs[run]
            after = bisect_right(starts, index)
            close = starts[after] if after < len(starts) else -1
            if close < 0:
                unmatched.append((index, run))
                index += run
                continue
            end = close + run
        elif char == "$":
            if source.startswith("$$", index):
                close = source.find("$$", index + 2)
                end = close + 2 if close >= 0 else -1
            elif not source[index + 1 : index + 2].isspace():
                end = math_close(source, index + 1, size)
                if end > 0:
                    math.append((index, end - 1))
        elif char == "<":
            end = _html_end(source, index, ahead)
        elif char == "]" and source[index + 1 : index + 2] in ("(", "{"):
            end = _target_end(source, index)
            index += 1  # the "]" itself is the link text's
        if end < 0:
            index += 1
            continue
        _blank(chars, index, end)
        index = end
    return "".join(chars), unmatched, math


def _run_length(source: str, index: int) -> int:
    end = index
    while end < len(source) and source[end] == "`":
        end += 1
    return end - index
