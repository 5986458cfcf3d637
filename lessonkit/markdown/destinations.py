"""The destination of an inline link or image, ``[text](destination "title")``, as pandoc reads it.

pandoc keeps spaces and line breaks in a destination: ``[shell](#command-line interface)`` is a
link to ``#command-line%20interface``. CommonMark (markdown-it) stops at the first space and sees
no link at all. pandoc reads, after the ``(``:

- ``<...>``: everything up to the ``>``, spaces and line breaks included;
- otherwise everything up to a ``)`` outside balanced parentheses, except that a run of spaces
  ends it when a quote or the ``)`` follows, and a line break ends it when a title in quotes
  follows on the next line (a tab is just a character of the destination);
- each run of white space then counts as one space, and a backslash escapes any character that
  is not a letter or digit.

Reference definitions keep markdown-it's reading; only the inline link and image rules use this.
"""

from __future__ import annotations

from markdown_it import helpers
from markdown_it.rules_inline import StateInline

from .attributes import literal_text


class Destination:
    """What markdown-it's link rule expects of parseLinkDestination."""

    __slots__ = ("ok", "pos", "str")

    def __init__(self, ok: bool = False, pos: int = 0, text: str = "") -> None:
        self.ok, self.pos, self.str = ok, pos, text


def _balanced_close(src: str, pos: int, maximum: int) -> int:
    """Just past the ``)`` that balances the ``(`` at pos, or -1."""
    depth, index = 0, pos
    while index < maximum:
        char = src[index]
        if char == "\\":
            index += 2
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return -1


def _title_follows(src: str, pos: int, maximum: int) -> bool:
    """Whether a quoted title starts at pos (after spaces): a quote, no space after it, and a
    closing quote that no letter or digit follows."""
    while pos < maximum and src[pos] in " \t":
        pos += 1
    if pos + 1 >= maximum or src[pos] not in "\"'" or src[pos + 1].isspace():
        return False
    quote, index = src[pos], pos + 1
    while index < maximum:
        close = src.find(quote, index, maximum)
        if close < 0:
            return False
        if close + 1 >= maximum or not src[close + 1].isalnum():
            return True
        index = close + 1
    return False


def link_destination(src: str, pos: int, maximum: int) -> Destination:
    if src.startswith("<", pos):
        index = pos + 1
        while index < maximum:
            if src[index] == ">":
                return Destination(True, index + 1, literal_text(" ".join(src[pos + 1 : index].split())))
            index += 2 if src[index] == "\\" else 1
        return Destination()
    index = pos
    while index < maximum:
        char = src[index]
        if char == "\\" and index + 1 < maximum and not src[index + 1].isalnum():
            index += 2
        elif char == "(":
            close = _balanced_close(src, index, maximum)
            index = close if close > 0 else index + 1
        elif char == ")":
            break
        elif char == " ":
            run = index
            while run < maximum and src[run] in " \t":
                run += 1
            if run >= maximum or src[run] in "\"')":
                break
            index = run
        elif char == "\n" and _title_follows(src, index + 1, maximum):
            break
        else:
            index += 1
    if index == pos:
        return Destination()
    return Destination(True, index, literal_text(" ".join(src[pos:index].split())))


class _PandocHelpers:
    """markdown-it's link helpers, with pandoc's destinations."""

    parseLinkLabel = staticmethod(helpers.parseLinkLabel)
    parseLinkTitle = staticmethod(helpers.parseLinkTitle)
    parseLinkDestination = staticmethod(link_destination)


def with_pandoc_destinations(rule):
    """Wrap markdown-it's link or image rule so that it reads destinations as pandoc does. The
    helpers are swapped only while the rule runs, so reference definitions keep their own."""

    def pandoc_rule(state: StateInline, silent: bool) -> bool:
        md = state.md
        saved, md.helpers = md.helpers, _PandocHelpers
        try:
            return rule(state, silent)
        finally:
            md.helpers = saved

    return pandoc_rule
