"""Pandoc's attribute syntax: ``{#id .class key=value key="quoted value" -}``."""

from __future__ import annotations

import re
from typing import NamedTuple, Optional

_NAME = r"[A-Za-z_][\w:.\-]*"
_ITEM = re.compile(
    r"""\s*(?:
        \#(?P<id>[\w:.\-]+)
      | \.(?P<cls>-?[\w:.\-]+)
      | (?P<key>""" + _NAME + r""")=(?:"(?P<dq>(?:[^"\\]|\\.)*)"|'(?P<sq>(?:[^'\\]|\\.)*)'|(?P<bare>[^\s"'}]+))
      | (?P<dash>-)(?=[\s}])
    )""",
    re.VERBOSE,
)


class Attributes(NamedTuple):
    id: str
    classes: list[str]
    values: dict[str, str]


def parse_attributes(text: str) -> Optional[Attributes]:
    """Parse a whole ``{...}`` block; None when pandoc would not read it as attributes."""
    if len(text) < 2 or text[0] != "{" or text[-1] != "}":
        return None
    body = text[1:-1]
    ident, classes, values = "", [], {}
    pos = 0
    while True:
        while pos < len(body) and body[pos].isspace():
            pos += 1
        if pos == len(body):
            return Attributes(ident, classes, values)
        match = _ITEM.match(body + "}", pos)
        if not match or match.end() > len(body):
            return None
        if match["id"] is not None:
            ident = match["id"]
        elif match["cls"] is not None:
            classes.append(match["cls"])
        elif match["key"] is not None:
            value = match["dq"] if match["dq"] is not None else match["sq"] if match["sq"] is not None else match["bare"]
            values[match["key"]] = re.sub(r"\\(.)", r"\1", value)
        else:
            classes.append("unnumbered")
        pos = match.end()
