"""Pandoc's attribute syntax, ``{#id .class key=value key="quoted value" -}``, read exactly as
pandoc's Markdown reader reads it, and why it does not when it does not.

- An id is ``#`` and letters, digits, ``-_:.``; a class is ``.`` and a name; a key is a name
  (a letter, then letters, digits, ``-_:.``). ``-`` is the class ``unnumbered``; the keys ``id``
  and ``class`` set the id and the classes.
- A value is quoted with ``"`` or ``'`` up to the first same quote (``\\"`` escapes one); a
  quote followed by a space, or one that is never closed, starts a bare value instead, which
  runs to a space or ``}``.
- Attributes need no space between them, and may run over one line break, not a blank line.
"""

from __future__ import annotations

import html
import re
from typing import NamedTuple, Optional

# What an author means as attributes: {#id, {.class or {key=. Code such as {4} or {x} is not.
LOOKS_LIKE_ATTRIBUTES = re.compile(r"\{[ \t\n]*(?:[#.][^\s}]|[^\W\d][\w:.\-]*[ \t]*=)")
SPACES = " \t"
NAME_MARKS = "-_:."
ESCAPE = re.compile(r"\\(.)", re.S)


class Attributes(NamedTuple):
    id: str
    classes: list[str]
    values: dict[str, str]


class AttributeScan(NamedTuple):
    """What pandoc makes of the attribute block at a position: attributes (None when it is not
    read as one, so pandoc prints it as text), where it ends (just after its ``}``) and why not."""

    attributes: Optional[Attributes]
    end: int
    problem: str = ""


def parse_attributes(text: str) -> Optional[Attributes]:
    """Parse a whole ``{...}`` block; None when pandoc would not read it as attributes."""
    if not text.startswith("{"):
        return None
    scan = scan_attributes(text)
    return scan.attributes if scan.end == len(text) else None


def _name_end(text: str, pos: int) -> int:
    """End of the name (identifier) at pos, or pos when there is none."""
    if pos >= len(text) or not text[pos].isalpha():
        return pos
    pos += 1
    while pos < len(text) and (text[pos].isalnum() or text[pos] in NAME_MARKS):
        pos += 1
    return pos


def _id_end(text: str, pos: int) -> int:
    while pos < len(text) and (text[pos].isalnum() or text[pos] in NAME_MARKS):
        pos += 1
    return pos


def _space_and_line_break(text: str, pos: int) -> int:
    """pandoc's spnl: spaces, at most one line break, spaces; not onto a blank line."""
    while pos < len(text) and text[pos] in SPACES:
        pos += 1
    if pos < len(text) and text[pos] == "\n":
        after = pos + 1
        while after < len(text) and text[after] in SPACES:
            after += 1
        if after < len(text) and text[after] == "\n":
            return pos  # a blank line ends the block
        pos = after
    return pos


def _quoted(text: str, pos: int) -> tuple[Optional[str], int]:
    """(value, end) of a quoted value starting at the quote at pos; (None, pos) when pandoc
    does not read one there (a space after the quote, or no closing quote before a blank line)."""
    quote = text[pos]
    if text.startswith(quote, pos + 1):
        return "", pos + 2
    if pos + 1 >= len(text) or text[pos + 1].isspace():
        return None, pos
    chars, index = [], pos + 1
    while index < len(text):
        char = text[index]
        if char == quote:
            return literal_text("".join(chars)), index + 1
        if char == "\\" and index + 1 < len(text) and not text[index + 1].isalnum():
            chars.append(text[index : index + 2])
            index += 2
            continue
        if char == "\n":
            if text[index + 1 :].lstrip(SPACES).startswith("\n"):
                return None, pos
            char = " "
        chars.append(char)
        index += 1
    return None, pos


def _bare(text: str, pos: int) -> tuple[str, int]:
    """A bare value: anything but spaces, line breaks and ``}`` (``\\}`` escapes one)."""
    start = pos
    while pos < len(text) and text[pos] not in " \t\n\r}":
        pos += 2 if text[pos] == "\\" and pos + 1 < len(text) and not text[pos + 1].isalnum() else 1
    return literal_text(text[start:pos]), pos


def literal_text(value: str) -> str:
    """pandoc's literal characters: a backslash escapes any character but a letter or digit."""
    if "\\" in value:
        value = ESCAPE.sub(lambda m: m.group(0) if m.group(1).isalnum() else m.group(1), value)
    return html.unescape(value) if "&" in value else value


def scan_attributes(text: str, pos: int = 0) -> AttributeScan:
    """Read the attribute block whose ``{`` is at text[pos] as pandoc does."""
    ident, classes, values = "", [], {}
    index = _space_and_line_break(text, pos + 1)
    previous = None  # (key, quote, value) of a value just read, to explain what fails after it
    while index < len(text):
        char, start, value_read = text[index], index, None
        if char == "}":
            return AttributeScan(Attributes(ident, classes, values), index + 1)
        if char == "\n":
            return AttributeScan(None, index, "it runs across a blank line")
        if char == "#" and _id_end(text, index + 1) > index + 1:
            index = _id_end(text, index + 1)
            ident = text[start + 1 : index]
        elif char == "." and _name_end(text, index + 1) > index + 1:
            index = _name_end(text, index + 1)
            classes.append(text[start + 1 : index])
        elif char == "-":
            index += 1
            classes.append("unnumbered")
        elif _name_end(text, index) > index and text.startswith("=", _name_end(text, index)):
            key = text[index : _name_end(text, index)]
            index += len(key) + 1
            value, quote = None, ""
            if index < len(text) and text[index] in "\"'":
                value, after = _quoted(text, index)
                if value is not None:
                    quote, index = text[index], after
            if value is None:
                value, index = _bare(text, index)
            value_read = (key, quote, value)
            if key == "id":
                ident = value
            elif key == "class":
                classes.extend(value.split())
            else:
                values[key] = value
        else:
            return AttributeScan(None, start, _problem(text, start, previous))
        previous = value_read
        index = _space_and_line_break(text, index)
    return AttributeScan(None, index, "it has no closing }")


def _problem(text: str, pos: int, previous) -> str:
    """Why pandoc reads no attribute at text[pos] (previous: the value read just before)."""
    if previous is not None:
        key, quote, value = previous
        if quote and text[pos - 1 : pos] == quote:
            other = '"' if quote == "'" else "'"
            rest = text[pos:].split(None, 1)[0].rstrip("}")
            return (f"the {quote}-quoted value of {key} ends at the {quote} after '{value}', leaving '{rest}', "
                    f"which is not an attribute; quote a value holding {quote} with {other} (or write \\{quote})")
        if not quote and value in ('"', "'"):
            return f"a quoted value cannot start with a space (the value of {key} is just {value})"
    start = pos
    while start > 0 and not text[start - 1].isspace() and text[start - 1] != "{":
        start -= 1  # the whole word, when an id or class runs into the bad character
    end = pos
    while end < len(text) and not text[end].isspace() and text[end] != "}":
        end += 1
    word = text[start:end]
    if not word:
        return "an attribute is missing where one should be"
    if text[end:].lstrip(SPACES).startswith("="):
        return f"'{word} =' has spaces around '=', which pandoc does not allow (write {word}=...)"
    if word.startswith("#"):
        return f"'{word}' is not an id: an id holds only letters, digits and - _ : ."
    if word.startswith("."):
        return f"'{word}' is not a class: a class starts with a letter and holds only letters, digits and - _ : ."
    if "=" in word:
        return f"'{word.split('=', 1)[0]}' is not a key: a key starts with a letter and holds only letters, digits and - _ : ."
    return f"'{word}' is not an id (#id), a class (.class) or a key=value pair"
