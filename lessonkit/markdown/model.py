"""What the pandoc-faithful parse of one page yields: divs, headings, links, code, with positions.

Lines and columns are 1-based and refer to the file as written (front matter included).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


@dataclass
class Div:
    """A fenced div as pandoc sees it."""

    classes: list[str]
    id: str
    attributes: dict[str, str]
    line: int
    column: int
    fence: str  # the opener line as written
    container: str  # "document", "list item", "block quote", "footnote", "definition"
    end_line: Optional[int] = None  # the closer's line; None when pandoc closes it implicitly
    implicit_end_line: Optional[int] = None  # last line of the container that closes it
    parent: Optional["Div"] = field(default=None, repr=False)
    children: list["Div"] = field(default_factory=list, repr=False)
    headings: list["Heading"] = field(default_factory=list, repr=False)

    @property
    def closed(self) -> bool:
        return self.end_line is not None

    @property
    def kind(self) -> str:
        """The first class, which is what sandpaper styles the block by."""
        return self.classes[0] if self.classes else ""

    @property
    def last_line(self) -> int:
        return self.end_line if self.end_line is not None else (self.implicit_end_line or self.line)

    def ancestors(self):
        div = self.parent
        while div is not None:
            yield div
            div = div.parent


@dataclass
class Heading:
    level: int
    text: str  # plain text, as pandoc's stringify gives it
    id: str  # the id pandoc gives it (explicit or automatic)
    explicit_id: bool
    line: int
    column: int
    classes: list[str]
    setext: bool = False
    div: Optional[Div] = field(default=None, repr=False)  # innermost enclosing div
    # written as raw HTML (`<h5 id="b">`): pandoc passes the tag to the page as it is, so it is
    # a heading of the built page but none of pandoc's (ParsedPage.html_headings, not .headings)
    html: bool = False


@dataclass
class Link:
    """A link or an image (kind tells which)."""

    kind: str  # "link" or "image"
    target: str
    text: str  # link text, or an image's alt text from the brackets
    line: int
    column: int
    end_line: int
    end_column: int
    attributes: dict[str, str]
    reference: Optional[str] = None  # label, for [text][label] links
    autolink: bool = False

    @property
    def alt(self) -> str:
        """Alternative text as pandoc gives it: an alt attribute wins over the brackets."""
        return self.attributes.get("alt", self.text) if self.kind == "image" else ""


@dataclass
class SpacedReference:
    """``[text] [label]``: kramdown read it as one reference link; pandoc reads two bracket
    groups, prints ``[text]`` as it is and links only ``[label]``."""

    text: str
    label: str
    line: int
    column: int
    image: bool  # ``![text] [label]``


@dataclass
class UnreadAttributes:
    """An attribute block ``{...}`` that pandoc prints as text.

    after is what it was meant for: "link", "image", "span" or "heading"; reason says why
    pandoc does not read it ("" when it is not directly after the link or image).
    """

    text: str
    after: str
    reason: str
    line: int
    column: int


@dataclass
class UndefinedReference:
    text: str
    label: str
    line: int
    column: int
    image: bool


@dataclass
class CodeBlock:
    info: str
    language: str
    line: int
    column: int
    end_line: int
    fence: str  # "```", "~~~" or "" for indented code
    content: str


@dataclass
class Span:
    """A bracketed span or link with an explicit id, such as [text]{#id}."""

    id: str
    line: int


@dataclass
class TextFence:
    """A line that looks like a div fence but that pandoc reads as text.

    reason is one of: "indented", "opener-trailing-text", "closer-trailing-text",
    "opener-after-text", "stray-closer".
    """

    line: int
    column: int
    text: str
    reason: str


@dataclass
class UnclosedCodeFence:
    line: int
    column: int
    fence: str


@dataclass
class Divergence:
    """A place where CommonMark and pandoc part ways: kind is what CommonMark would start."""

    line: int
    column: int
    # "heading", "setext heading" (an underline under several lines), "block quote", "list",
    # "ordered list", "horizontal rule", "table", "code fence"
    kind: str
    text: str


@dataclass
class TableText:
    """A line inside a pandoc simple or multiline table that looks like a block of its own
    ("heading", "div fence" or "code fence") but is text in a table cell, or dropped from the
    page (the lines of a multiline table's header after its first blank line)."""

    line: int
    text: str
    looks_like: str
    dropped: bool = False


@dataclass
class DashedTable:
    """A pandoc simple or multiline table, the kind that starts or is underlined with a line of
    dashes. form is "simple", "headerless simple", "multiline" or "headerless multiline"."""

    line: int
    end_line: int
    form: str
    swallowed: list[TableText] = field(default_factory=list)


@dataclass
class NbspIndent:
    """Lines indented with no-break spaces (U+00A0), which pandoc reads as paragraph text, where
    ordinary spaces would make them part of a "code block", "list item" or "block quote"
    (reading) starting on line start."""

    line: int
    column: int  # of the first no-break space
    end_line: int
    reading: str
    start: int


@dataclass
class ReferenceDefinition:
    label: str
    url: str
    line: int


@dataclass
class Block:
    """A block as pandoc reads it, in document order (containers before what they hold).

    kind is one of "paragraph", "heading", "bullet_list", "ordered_list", "table", "code",
    "blockquote", "deflist", "html", "hr", or "inline" for the lines of a paragraph, heading,
    table row or term that hold inline text.
    """

    kind: str
    line: int
    end_line: int  # last line, inclusive
    depth: int  # how many block containers (quotes, lists, tables...) hold it
    div: Optional[Div] = field(default=None, repr=False)  # innermost enclosing div

    def inside(self, div: Div) -> bool:
        return self.div is div or (self.div is not None and any(a is div for a in self.div.ancestors()))


@dataclass
class RawHtml:
    """Raw HTML that pandoc passes through: a block, or a tag inside text."""

    line: int
    column: int
    text: str
    block: bool

    @property
    def shown(self) -> str:
        """The text with its comments blanked out (same length, same lines): what a browser reads."""
        if "<!--" not in self.text:
            return self.text
        return HTML_COMMENT.sub(lambda match: re.sub(r"[^\n]", " ", match.group(0)), self.text)


@dataclass
class BareUrl:
    """A URL written as plain text, which pandoc's autolink_bare_uris makes a link."""

    line: int
    column: int
    url: str


@dataclass
class ParsedPage:
    divs: list[Div] = field(default_factory=list)  # top-level divs
    all_divs: list[Div] = field(default_factory=list)  # every div, in document order
    headings: list[Heading] = field(default_factory=list)
    html_headings: list[Heading] = field(default_factory=list)  # raw HTML <h1>-<h6> tags, in page order
    links: list[Link] = field(default_factory=list)
    undefined_references: list[UndefinedReference] = field(default_factory=list)
    spaced_references: list[SpacedReference] = field(default_factory=list)
    unread_attributes: list[UnreadAttributes] = field(default_factory=list)
    code_blocks: list[CodeBlock] = field(default_factory=list)
    unclosed_code_fences: list[UnclosedCodeFence] = field(default_factory=list)
    text_fences: list[TextFence] = field(default_factory=list)
    divergences: list[Divergence] = field(default_factory=list)
    reference_definitions: list[ReferenceDefinition] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    raw_html: list[RawHtml] = field(default_factory=list)
    bare_urls: list[BareUrl] = field(default_factory=list)
    nbsp_indents: list[NbspIndent] = field(default_factory=list)
    dashed_tables: list[DashedTable] = field(default_factory=list)
    references: dict = field(default_factory=dict, repr=False)  # this page's definitions, markdown-it's form

    @property
    def unclosed_divs(self) -> list[Div]:
        return [d for d in self.all_divs if not d.closed]

    @property
    def stray_closers(self) -> list[TextFence]:
        return [f for f in self.text_fences if f.reason == "stray-closer"]

    @property
    def images(self) -> list[Link]:
        return [link for link in self.links if link.kind == "image"]

    def ids(self) -> set[str]:
        """Every id the rendered page has: headings, divs and spans."""
        found = {h.id for h in self.headings if h.id}
        found.update(d.id for d in self.all_divs if d.id)
        found.update(s.id for s in self.spans)
        return found
