"""The judge: each finding's claim checked against the page as sandpaper builds it.

A finding says something about the built page: this heading is an h1 there, this line shows as
text, this anchor matches no id. For each rule a claim check, registered with
``@claim_check(CODE)``, reads the finding (its place and its message) and asks pandoc 3.9, with
sandpaper's reader, its Lua filter and its writer options (tests/built_page.py), whether that is
so. It returns None when the claim holds, or says what the page shows instead.

Most checks edit the page and compare pandoc's readings:

- a marker word (MARK) put where the finding points tells where pandoc puts that text: in a
  paragraph, in a level-1 heading, in a table cell, in a code block, in a link's target, or
  nowhere (``hits``);
- text pandoc "shows as text" is text of a paragraph whose blocks stay as they are when the text
  is replaced by the marker, and the paragraph shows it as written (``shown_as_text``);
- the edit a message asks for changes the page the way the message says: a blank line above a
  list item makes a list, ordinary spaces in place of no-break spaces change the reading.

Where a message makes no claim about the built page (a config.yaml key, a package to install,
the time an episode takes), the check is the strongest there is, and its docstring says why.

A check sees pandoc only through ``Claim.read`` (the AST as pandoc reads the page), ``.built``
(after the filter) and ``.html``; a render not made yet raises Pending. ``judge`` runs every
check, makes the renders they asked for in a few pandoc processes, and runs the pending checks
again until each has its verdict, so the checks are plain code and pandoc starts a few times a
lesson. Findings whose claim fails for a reason that is not a bug of the rule are listed in
EXCEPTIONS with that reason (tests/test_judge.py fails for an entry whose claim holds again).

To add a check for a new rule: write ``@claim_check("LKxxx")`` over a function of a Claim that
returns None or what is wrong, with a docstring saying what it checks, and give it a case in
tests/test_judge.py (a finding of the rule that passes and a made-up one that fails). The tests
fail for a rule with no check and for a check with no case.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import posixpath
import re
import subprocess
from dataclasses import dataclass, field
from functools import cached_property
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable, Iterable, Optional
from urllib.parse import unquote, urlsplit

import yaml
from built_page import BuiltPage, read_built_page, render_many
from pandoc_oracle import normalise_rmd

from lessonkit.lint import UNBUILT as UNBUILT_NOTE
from lessonkit.rules.frontmatter import (
    EXAMPLE_ITEMS,
    EXAMPLE_OPENING,
    EXAMPLE_TITLES,
    FIXME_MARK,
    PLACEHOLDER_TEXTS,
    UNTITLED_PAGES,
)

MARK = "LKJUDGEMARK"
MARK2 = "LKJUDGEOTHER"
# One character, for where a marker word would move text across a table's column boundaries.
SNOW = "\u2603"
SITE_FOLDERS = ("episodes", "learners", "instructors", "profiles")


class Pending(Exception):
    """A render the check needs is not made yet."""


# --- registry ------------------------------------------------------------------------------

CHECKS: dict[str, Callable[["Claim"], Optional[str]]] = {}


def claim_check(*codes: str):
    """Register the decorated function as the claim check of the rules codes."""

    def register(check):
        for code in codes:
            if code in CHECKS:
                raise ValueError(f"two claim checks for {code}")
            CHECKS[code] = check
        return check

    return register


# Findings whose claim fails, each with the reason it is not a bug of the rule:
# (rule, "lesson folder/path in the lesson", line) -> why.
EXCEPTIONS: dict[tuple[str, str, int], str] = {
}


# --- renders -------------------------------------------------------------------------------


class Renders:
    """The renders of one judging run, made on demand in batches (see judge)."""

    def __init__(self, cache: Path) -> None:
        self.cache = cache
        self.made: dict[tuple[str, str], tuple[str, str]] = {}  # (mode, text hash) -> (output, error)
        self.wanted: dict[tuple[str, str], str] = {}  # (mode, text hash) -> text
        self.parsed: dict[tuple[str, str], object] = {}

    def get(self, mode: str, text: str):
        key = (mode, hashlib.sha1(text.encode("utf-8")).hexdigest())
        if key in self.parsed:
            return self.parsed[key]
        if key not in self.made:
            self.wanted[key] = text
            raise Pending
        output, error = self.made[key]
        if error:
            value = RenderError(error)
        elif mode == "html":
            value = output
        else:
            value = json.loads(output)
        self.parsed[key] = value
        return value

    def fetch(self) -> int:
        wanted = list(self.wanted.items())
        self.wanted.clear()
        for ((mode, digest), _text), render in zip(wanted, render_many([(k[0], t) for k, t in wanted], self.cache)):
            self.made[(mode, digest)] = (render.html, render.error)
        return len(wanted)


@dataclass
class RenderError:
    message: str


class Unclear(Exception):
    """The message does not say what the check expects it to say."""


# --- the claim -----------------------------------------------------------------------------


@dataclass
class Claim:
    """A finding, on its page of its lesson, with the renders its check may ask for."""

    code: str
    path: Path
    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    lesson: object
    renders: Renders

    @property
    def name(self) -> str:
        """lesson folder/path in the lesson, as EXCEPTIONS names it."""
        return f"{self.lesson.root.name}/{self.rel}"

    @property
    def rel(self) -> str:
        try:
            return self.path.resolve().relative_to(self.lesson.root.resolve()).as_posix()
        except ValueError:
            return self.path.as_posix()

    @cached_property
    def page(self):
        return self.lesson.page_at(self.path)

    @property
    def root(self) -> Path:
        return self.lesson.root

    # the page's text ---------------------------------------------------------------------
    def source_lines(self, rel: Optional[str] = None) -> list[str]:
        """The lines of a page as pandoc reads it (knitr chunk headers made plain fences)."""
        page = self.page if rel is None else self.lesson.page(rel)
        if page is None or page.error is not None:
            raise Unclear(f"no readable page {rel or self.rel}")
        text = normalise_rmd(page.text) if page.is_rmd else page.text
        return text.split("\n")

    @cached_property
    def lines(self) -> list[str]:
        return self.source_lines()

    def line_text(self, number: int) -> str:
        return self.lines[number - 1] if 0 < number <= len(self.lines) else ""

    def text(self, lines: Optional[list[str]] = None, rel: Optional[str] = None) -> str:
        """What sandpaper hands pandoc for the page (or the page rel): its text, a newline, links.md."""
        lines = self.source_lines(rel) if lines is None else lines
        links = self.lesson.page("links.md")
        suffix = "\n" + links.text if links is not None and links.error is None else ""
        return "\n".join(lines) + suffix

    def replaced(self, line: int, column: int, length: int, new: str, lines: Optional[list[str]] = None) -> list[str]:
        lines = list(self.lines if lines is None else lines)
        source = lines[line - 1]
        lines[line - 1] = source[: column - 1] + new + source[column - 1 + length :]
        return lines

    def inserted(self, before: int, new: list[str], lines: Optional[list[str]] = None) -> list[str]:
        """The page's lines with new lines inserted before line number before."""
        lines = list(self.lines if lines is None else lines)
        return lines[: before - 1] + new + lines[before - 1 :]

    # pandoc ----------------------------------------------------------------------------------
    def _render(self, mode: str, lines, rel=None):
        text = lines if isinstance(lines, str) else self.text(lines, rel)
        return self.renders.get(mode, text)

    def read(self, lines=None, rel: Optional[str] = None):
        """pandoc's AST of the page (or of these lines, or of a text) as sandpaper reads it."""
        return _checked(self._render("read", lines, rel))

    def built(self, lines=None, rel: Optional[str] = None):
        """The AST after sandpaper's filter."""
        return _checked(self._render("built", lines, rel))

    def html(self, lines=None, rel: Optional[str] = None) -> BuiltPage:
        """The built page's ids, headings and links (tests/built_page.py)."""
        return read_built_page(_checked(self._render("html", lines, rel)))

    def render_error(self, lines=None) -> Optional[str]:
        result = self._render("read", lines)
        return result.message if isinstance(result, RenderError) else None

    # the message -------------------------------------------------------------------------
    def said(self, pattern: str, group=1):
        """The group of the regular expression pattern in the message; Unclear when absent."""
        found = re.search(pattern, self.message, re.DOTALL)
        if found is None:
            raise Unclear(f"the message does not match {pattern!r}")
        return found.group(group) if group is not None else found

    def says(self, pattern: str) -> bool:
        return re.search(pattern, self.message, re.DOTALL) is not None


def _checked(result):
    if isinstance(result, RenderError):
        raise Unclear(f"pandoc refused the page: {result.message[:200]}")
    return result


# --- judging -------------------------------------------------------------------------------


@dataclass
class Verdict:
    claim: Claim
    problem: Optional[str]  # None: the claim holds

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.claim.code, self.claim.name, self.claim.line)

    def __str__(self) -> str:
        return f"{self.claim.name}:{self.claim.line}:{self.claim.column} {self.claim.code} {self.claim.message}\n" \
               f"    -> {self.problem}"


def judge(claims: Iterable[Claim], renders: Renders) -> list[Verdict]:
    """The verdict on each claim: its check is run until every render it asks for is made."""
    verdicts: dict[int, Verdict] = {}
    pending = list(enumerate(claims))
    while pending:
        waiting = []
        for index, claim in pending:
            check = CHECKS.get(claim.code)
            if check is None:
                verdicts[index] = Verdict(claim, f"no claim check for {claim.code}")
                continue
            try:
                verdicts[index] = Verdict(claim, check(claim))
            except Pending:
                waiting.append((index, claim))
            except Unclear as error:
                verdicts[index] = Verdict(claim, f"cannot judge: {error}")
            except Exception as error:  # a bug of the check: a failed verdict that says so
                verdicts[index] = Verdict(claim, f"the check failed: {type(error).__name__}: {error}")
        if waiting and not renders.fetch():
            raise RuntimeError("checks wait for renders that were never asked for")
        pending = waiting
    return [verdicts[index] for index in sorted(verdicts)]


def claims_of(lesson, findings, renders: Renders) -> list[Claim]:
    return [Claim(f.code, f.path, f.line, f.column, f.end_line or f.line, f.end_column or f.column,
                  f.message[: -len(UNBUILT_NOTE)] if f.message.endswith(UNBUILT_NOTE) else f.message, lesson, renders)
            for f in findings]


# --- reading pandoc's AST ------------------------------------------------------------------

BLOCKS = frozenset(("Para", "Plain", "Header", "CodeBlock", "RawBlock", "BlockQuote", "BulletList", "OrderedList",
                    "DefinitionList", "Div", "Table", "Figure", "LineBlock", "HorizontalRule"))


@dataclass
class Hit:
    """Where pandoc put a marker: what it is there ("text", "code block", "code", "link target",
    "raw", "math", "attributes"), the nodes around it (outermost first) and their paths (keys
    from the AST's blocks down to each node)."""

    kind: str
    nodes: list = field(default_factory=list)
    path: tuple = ()  # of the innermost node
    paths: list = field(default_factory=list)  # of each node

    def within(self, tag: str) -> list:
        return [node for node in self.nodes if node.get("t") == tag]

    @property
    def block(self) -> Optional[dict]:
        """The innermost block holding the marker."""
        return next((node for node in reversed(self.nodes) if node.get("t") in BLOCKS), None)

    @property
    def block_path(self) -> tuple:
        depth = max(i for i, node in enumerate(self.nodes) if node.get("t") in BLOCKS)
        return self.paths[depth]

    def divs(self) -> list[list[str]]:
        """The classes of each div around the marker, outermost first."""
        return [node["c"][0][1] for node in self.nodes if node.get("t") == "Div"]


def hits(ast: dict, marker: str = MARK) -> list[Hit]:
    """Every place the marker is in the AST's blocks."""
    found: list[Hit] = []

    def visit(node, nodes, paths, path):
        if isinstance(node, list):
            for index, item in enumerate(node):
                visit(item, nodes, paths, path + (index,))
            return
        if not isinstance(node, dict):
            return
        tag, content = node.get("t"), node.get("c")
        here, here_paths = nodes + [node], paths + [path]

        def hit(kind):
            found.append(Hit(kind, here, path, here_paths))

        if tag == "Str":
            if marker in content:
                hit("text")
            return
        if tag in ("Code", "CodeBlock", "RawBlock", "RawInline", "Math"):
            if marker in content[1]:
                hit({"Code": "code", "CodeBlock": "code block", "Math": "math"}.get(tag, "raw"))
            if tag in ("Code", "CodeBlock") and marker in json.dumps(content[0]):
                hit("attributes")
            return
        if tag in ("Link", "Image"):
            if marker in content[2][0]:
                hit("link target")
            if marker in json.dumps(content[0]):
                hit("attributes")
            visit(content[1], here, here_paths, path + ("c", 1))
            return
        if tag in ("Div", "Span", "Header") and marker in json.dumps(content[0] if tag != "Header" else content[1]):
            hit("attributes")
        visit(content, here, here_paths, path + ("c",))

    visit(ast.get("blocks", []), [], [], ())
    return found


def at(ast: dict, path: tuple):
    node = ast.get("blocks", [])
    for key in path:
        node = node[key]
    return node


def skeleton(blocks) -> tuple:
    """The blocks' structure without their inline content: kinds, levels, classes, nesting."""

    def one(block):
        tag, content = block.get("t"), block.get("c")
        if tag == "Header":
            return (tag, content[0])
        if tag == "CodeBlock":
            return (tag, tuple(content[0][1]))
        if tag == "RawBlock":
            return (tag, content[0])
        if tag == "BlockQuote":
            return (tag, skeleton(content))
        if tag == "BulletList":
            return (tag, tuple(skeleton(item) for item in content))
        if tag == "OrderedList":
            return (tag, tuple(skeleton(item) for item in content[1]))
        if tag == "Div":
            return (tag, tuple(content[0][1]), skeleton(content[1]))
        if tag == "DefinitionList":
            return (tag, tuple(tuple(skeleton(d) for d in defs) for _term, defs in content))
        if tag == "Figure":
            return (tag, skeleton(content[2]))
        if tag == "Table":
            return (tag, skeleton(_table_blocks(content)))
        return (tag,)

    return tuple(one(block) for block in blocks)


def _table_blocks(content) -> list:
    """The blocks of a table's cells, in order."""
    out = []

    def rows_of(rows):
        for row in rows:
            for cell in row[1]:
                out.extend(cell[4])

    _attr, _caption, _specs, head, bodies, foot = content
    rows_of(head[1])
    for body in bodies:
        rows_of(body[2])
        rows_of(body[3])
    rows_of(foot[1])
    return out


SMART = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "--",
                       "\u2014": "---", "\u2026": "...", "\xa0": " "})
ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def shown(node) -> str:
    """The text pandoc shows for a node (block or inlines), punctuation as typed: quotes straight,
    dashes as hyphens; a link shows its text, raw HTML and notes nothing."""
    parts: list[str] = []

    def visit(item):
        if isinstance(item, list):
            for x in item:
                visit(x)
            return
        if not isinstance(item, dict):
            return
        tag, content = item.get("t"), item.get("c")
        if tag == "Str":
            parts.append(content)
        elif tag in ("Space", "SoftBreak", "LineBreak"):
            parts.append(" ")
        elif tag in ("Code", "CodeBlock"):
            parts.append(content[1])
        elif tag == "Math":
            parts.append(("$$" if content[0]["t"] == "DisplayMath" else "$") + content[1]
                         + ("$$" if content[0]["t"] == "DisplayMath" else "$"))
        elif tag == "Quoted":
            mark = "'" if content[0]["t"] == "SingleQuote" else '"'
            parts.append(mark)
            visit(content[1])
            parts.append(mark)
        elif tag in ("Link", "Image", "Span"):
            visit(content[1])
        elif tag in ("RawInline", "RawBlock", "Note"):
            pass
        elif tag == "Header":
            visit(content[2])
        elif tag in ("Div", "Table"):
            visit(content[1] if tag == "Div" else _table_blocks(content))
        elif tag == "Cite":
            visit(content[1])
        elif content is not None:
            visit(content)
            if tag in BLOCKS:
                parts.append(" ")

    visit(node)
    return literal("".join(parts))


def literal(text: str) -> str:
    return " ".join(text.translate(SMART).split())


def as_typed(source: str) -> str:
    """Source text as the page would show it as text: backslash escapes dropped."""
    return literal(ESCAPE.sub(r"\1", source))


MARKUP = re.compile(r"<[^<>]*>|[\s*_`]")


def shows(block_text: str, source: str) -> bool:
    """Whether a block showing block_text (see shown) shows source as it is typed. Emphasis marks,
    backticks, HTML tags and white space are left out of the comparison: pandoc shows what they
    mark, not them (smart quotes also move a space)."""
    return MARKUP.sub("", as_typed(source)) in MARKUP.sub("", block_text)


def text_hits(ast, marker=MARK) -> list[Hit]:
    return [hit for hit in hits(ast, marker) if hit.kind == "text"]


def count(ast, predicate) -> int:
    total = 0

    def visit(node):
        nonlocal total
        if isinstance(node, list):
            for x in node:
                visit(x)
        elif isinstance(node, dict):
            if predicate(node):
                total += 1
            visit(node.get("c"))

    visit(ast.get("blocks", []))
    return total


def is_div_any():
    return lambda node: node.get("t") == "Div"


def is_div(*classes: str):
    return lambda node: node.get("t") == "Div" and any(c in node["c"][0][1] for c in classes)


def meta_text(value) -> Optional[str]:
    """A metadata value as text (None for a list or map)."""
    if value is None:
        return None
    tag, content = value.get("t"), value.get("c")
    if tag in ("MetaInlines", "MetaBlocks"):
        return shown(content)
    if tag == "MetaString":
        return content
    if tag == "MetaBool":
        return "true" if content else "false"
    return None


# --- helpers shared by the checks ------------------------------------------------------------


def shown_as_text(claim: Claim, line: int, column: int, text: str) -> Optional[str]:
    """None when text, written on the page at (line, column), is shown as text on the page:
    written as a word instead, it leaves every block as it was and lands in a paragraph's text,
    and that paragraph shows the text as it is typed."""
    source = claim.line_text(line)
    if source[column - 1 : column - 1 + len(text)] != text:
        raise Unclear(f"line {line} has no {text!r} at column {column}")
    marked = claim.replaced(line, column, len(text), MARK)
    before, after = claim.read(), claim.read(marked)
    found = hits(after)
    if not found:
        return f"{text!r} is not on the page at all (pandoc drops it)"
    if found[0].kind != "text":
        return f"pandoc reads {text!r} as {found[0].kind}, not as text"
    if skeleton(before["blocks"]) != skeleton(after["blocks"]):
        return f"{text!r} is structure to pandoc: written as a word instead, the page's blocks change"
    block = at(before, found[0].block_path)
    if not shows(shown(block), text):
        return f"the page does not show {text!r} as typed: {shown(block)[:120]!r}"
    return None


PREFIX = re.compile(r"[ \t>]*")


def quote_prefix(source: str) -> str:
    """The block quote markers (and indentation) a line starts with."""
    return PREFIX.match(source).group(0)


def continuation(source: str, upto: int) -> str:
    """What a new line in the same containers as source's text at column upto starts with: block
    quote markers kept, anything else (list markers) made spaces."""
    return re.sub(r"[^>\s]", " ", source[: upto - 1])


def heading_text_span(source: str) -> Optional[tuple[int, int]]:
    """(column, length) of an ATX heading's text on its line, of an HTML heading's (<h5>text</h5>),
    or of a setext heading's line."""
    html = re.search(r"<h([1-6])\b[^>]*>(.*?)</h\1\s*>", source, re.IGNORECASE)
    if html and html.group(2).strip():
        return html.start(2) + 1, len(html.group(2))
    atx = re.match(r"([ \t>]*#{1,6}[ \t]+)(.*?)([ \t]+#+)?[ \t]*(\{[^{}]*\})?[ \t]*$", source)
    if atx and atx.group(2):
        return len(atx.group(1)) + 1, len(atx.group(2))
    stripped = quote_prefix(source)
    rest = source[len(stripped):].rstrip()
    return (len(stripped) + 1, len(rest)) if rest and not atx else None


def marked_heading(claim: Claim, line: int, marker: str = MARK, lines=None) -> list[str]:
    source = (claim.lines if lines is None else lines)[line - 1]
    span = heading_text_span(source)
    if span is None:
        raise Unclear(f"no heading text on line {line}")
    return claim.replaced(line, span[0], span[1], marker, lines)


BRACKETS = re.compile(r"\\.|`+|\[|\]")


def bracket_span(text: str, start: int) -> Optional[int]:
    """The index after the ']' that closes the '[' at text[start], or None."""
    depth, index = 0, start
    while index < len(text):
        match = BRACKETS.search(text, index)
        if match is None:
            return None
        token = match.group(0)
        if token.startswith("`"):
            close = text.find(token, match.end())
            index = close + len(token) if close >= 0 else match.end()
            continue
        if token == "[":
            depth += 1
        elif token == "]":
            depth -= 1
            if depth == 0:
                return match.end()
        index = match.end()
    return None


def marked_link(claim: Claim, built: bool = True) -> Optional[dict]:
    """The Link or Image of the finding (its text at the finding's place replaced by the marker,
    a shortcut reference [text] written [marker][text]) in the built AST (or the reading), or None
    when the finding points at no bracketed text."""
    lines = claim.lines
    offset = sum(len(line) + 1 for line in lines[: claim.line - 1]) + claim.column - 1
    text = "\n".join(lines)
    if text[offset : offset + 1] == "!":
        offset += 1
    if text[offset : offset + 1] != "[":
        return None
    end = bracket_span(text, offset)
    if end is None:
        return None
    label = text[offset + 1 : end - 1]
    after = text[end : end + 1]
    if after == "(" or (after == "[" and text[end : end + 2] != "[]"):
        marked = text[: offset + 1] + MARK + text[end - 1 :]
    else:  # a shortcut or collapsed reference: the text is its label
        rest = end + 2 if text[end : end + 2] == "[]" else end
        marked = text[: offset] + f"[{MARK}][{label}]" + text[rest:]
    ast = claim.built(marked.split("\n")) if built else claim.read(marked.split("\n"))
    for hit in hits(ast):
        links = [node for node in hit.nodes if node.get("t") in ("Link", "Image")]
        if links:
            return links[-1]
        figures = hit.within("Figure")  # a figure's image: its description is the caption
        if figures:
            return next((node for node in _walk(figures[-1]["c"][2]) if node.get("t") == "Image"), None)
    return None


def link_target(node: dict) -> str:
    return node["c"][2][0]


def site_paths(claim: Claim) -> set[str]:
    """What the built site serves, by path from its root: each page sandpaper builds as
    slug.html (which pages it builds is config.yaml's reading, lessonkit's Site.is_built) and the
    pages it makes itself, and, copied from each of episodes/, learners/, instructors/ and
    profiles/, the files directly in the folder and everything in its fig/, files/ and data/
    (sandpaper's build_site and its documentation of the folders)."""
    key = ("site", str(claim.root))
    known = SITE_CACHE.get(key)
    if known is not None:
        return known
    # instructor-notes.html and reference.html are built from their pages, as listed
    served = {f"{name}.html" for name in ("index", "aio", "images", "key-points", "profiles", "404")}
    for page in claim.lesson.pages.values():
        if page.kind != "links" and claim.lesson.site.is_built(page):
            served.add(Path(page.rel).stem + ".html")
    for folder in SITE_FOLDERS:
        base = claim.root / folder
        if not base.is_dir():
            continue
        for entry in base.iterdir():
            if entry.is_file() and entry.suffix not in (".md", ".Rmd"):
                served.add(entry.name)
        for resources in ("fig", "files", "data"):
            for dirpath, _dirs, files in os.walk(base / resources):
                for name in files:
                    served.add((Path(dirpath) / name).relative_to(base).as_posix())
    SITE_CACHE[key] = served
    return served


SITE_CACHE: dict = {}


def served(claim: Claim, href: str) -> bool:
    """Whether the built site answers the relative address href (a folder: its index.html)."""
    path = unquote(href.partition("#")[0].partition("?")[0])
    if path in ("", "./"):
        return True
    normal = posixpath.normpath(path)
    if path.endswith("/"):
        return normal + "/index.html" in site_paths(claim) or normal == "."
    return normal in site_paths(claim)


def filter_href(claim: Claim, target: str) -> str:
    """The address sandpaper's filter writes for a link to target."""
    ast = claim.built(f"[{MARK}]({target})\n")
    found = [node for hit in hits(ast) for node in hit.nodes if node.get("t") == "Link"]
    if not found:
        raise Unclear(f"'{target}' is no link target")
    return link_target(found[0])


def is_external(href: str) -> bool:
    return bool(re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", href)) or href.startswith("//")


def fence_column(source: str, fence_chars: str = ":") -> int:
    index = source.find(fence_chars * 3)
    if index < 0:
        raise Unclear(f"no fence on the line {source!r}")
    return index + 1


def marked_after(claim: Claim, line: int, marker: str = MARK, lines=None) -> list[str]:
    """The page with a paragraph holding the marker right after line, in line's containers."""
    lines = claim.lines if lines is None else lines
    source = lines[line - 1]
    prefix = continuation(source, len(quote_prefix(source)) + 1)
    blank = prefix.rstrip() if ">" in prefix else ""
    return claim.inserted(line + 1, [prefix + marker, blank], lines)


def enclosing_classes(ast, marker=MARK) -> Optional[list[list[str]]]:
    found = hits(ast, marker)
    return found[0].divs() if found else None


def box_classes() -> set[str]:
    """The classes sandpaper's filter makes boxes of (its `blocks` table)."""
    source = (Path(__file__).resolve().parents[2] / "shared" / "oracle" / "lesson.lua").read_text(encoding="utf-8")
    table = re.search(r"local blocks = \{(.*?)\n\}", source, re.DOTALL)
    return set(re.findall(r'\["([\w-]+)"\]', table.group(1)))


def is_box(classes: list[str]) -> bool:
    """Whether a built div's classes are those of one of sandpaper's boxes (the overview card
    holds the questions and objectives)."""
    return bool({"callout", "accordion", "tabs", "overview"} & set(classes))


def close_enough(wrong: str, suggested: str, cutoff: float = 0.6) -> bool:
    return difflib.SequenceMatcher(None, wrong, suggested).ratio() >= cutoff


def yaml_config(claim: Claim):
    path = claim.root / "config.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None


def top_level_keys(text: str) -> list[str]:
    return re.findall(r"^([A-Za-z_][\w-]*)[ \t]*:", text, re.MULTILINE)


def span_text(claim: Claim, line: int, column: int, end_line: int, end_column: int) -> str:
    """The page's text from (line, column) to before (end_line, end_column), lines joined by newlines."""
    lines = claim.lines[line - 1 : end_line]
    if not lines:
        return ""
    if len(lines) == 1:
        return lines[0][column - 1 : end_column - 1]
    return "\n".join([lines[0][column - 1 :], *lines[1:-1], lines[-1][: end_column - 1]])


def replaced_span(claim: Claim, line: int, column: int, end_line: int, end_column: int, new: str,
                  lines: Optional[list[str]] = None) -> list[str]:
    """The page's lines with the text from (line, column) to before (end_line, end_column) replaced by new."""
    lines = list(claim.lines if lines is None else lines)
    joined = lines[line - 1][: column - 1] + new + lines[end_line - 1][end_column - 1 :]
    return lines[: line - 1] + joined.split("\n") + lines[end_line:]


def repository_of(address: str) -> Optional[tuple[str, str, str]]:
    """(host, owner, name), lower-cased, of the GitHub-style repository a git remote or web address names:
    scp-like user@host:owner/name(.git) or scheme://host/owner/name/..., or None."""
    address = address.strip()
    scp = re.match(r"^(?:[^@/:]+@)?([^/:]+):(?!//)([^/]+)/([^/]+?)(?:\.git)?/?$", address)
    if scp and "://" not in address:
        host, owner, name = scp.groups()
    else:
        parts = urlsplit(address)
        segments = [segment for segment in parts.path.split("/") if segment]
        if not parts.hostname or len(segments) < 2:
            return None
        host, owner, name = parts.hostname, segments[0], segments[1].removesuffix(".git")
    return host.lower().removeprefix("www."), owner.lower(), name.lower()


def git_remotes(claim: Claim) -> list[tuple[str, str]]:
    """(name, address) of each remote in git's own reading of the lesson's repository (none when the
    lesson folder is not the top of one), origin first."""
    dot_git = claim.root / ".git"
    if not dot_git.exists():
        return []
    where = ["--file", str(dot_git / "config")] if dot_git.is_dir() else []
    out = subprocess.run(["git", "-C", str(claim.root), "config", *where, "--get-regexp", r"^remote\..*\.url$"],
                         capture_output=True, text=True, check=False).stdout
    found = [(key[len("remote."): -len(".url")], address) for key, _, address in
             (line.partition(" ") for line in out.splitlines())]
    return sorted(found, key=lambda remote: remote[0] != "origin")



# === the claim checks, by rule family ========================================================

# --- LK0xx: files ----------------------------------------------------------------------------


@claim_check("LK001")
def unreadable_file(claim: Claim) -> Optional[str]:
    """The page cannot be read as text: its bytes are not UTF-8 (or UTF-16, or hold NUL bytes),
    or it cannot be read at all. pandoc refuses such input, so sandpaper does too."""
    try:
        data = claim.path.read_bytes()
    except OSError:
        return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data:
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "the file is UTF-8 text pandoc reads"


# --- LK1xx: fenced divs ----------------------------------------------------------------------


def _no_plain(blocks) -> tuple:
    """The skeleton with Plain and Para one kind: a closer in a list item turns a tight item loose."""
    return tuple(json.loads(json.dumps(skeleton(blocks)).replace('"Plain"', '"Para"')))


@claim_check("LK101")
def unclosed_div(claim: Claim) -> Optional[str]:
    """The div opened on the line is never closed: pandoc reads the page the same with a closing
    fence after the line where the message says pandoc closes it (in the same block quotes or list
    item), and text written there is in the div the line opens (text written after the line is in
    it, text written before the line is not)."""
    end = int(claim.said(r"\(line (\d+)\)"))
    source = claim.line_text(claim.line)
    column = fence_column(source)
    closer = continuation(source, column) + ":" * 3
    if _no_plain(claim.read()["blocks"]) != _no_plain(claim.read(claim.inserted(end + 1, [closer]))["blocks"]):
        return f"a closing fence after line {end} changes the page: the div is closed before it"
    lines = marked_after(claim, end, MARK2)
    lines = marked_after(claim, claim.line, MARK, lines)
    prefix = continuation(source, column)
    lines = claim.inserted(claim.line, [prefix + SNOW, prefix.rstrip() if ">" in prefix else ""], lines)
    ast = claim.read(lines)
    inside, last, before = hits(ast, MARK), hits(ast, MARK2), hits(ast, SNOW)
    if not inside or not last or not before:
        return "the text written around the div is not on the page"
    divs = [path for node, path in zip(inside[0].nodes, inside[0].paths) if node.get("t") == "Div"]
    if not divs:
        return "the line opens no div"
    opened = divs[-1]
    if opened in before[0].paths:
        return "the line opens no div: text above it is in the same div"
    if opened not in last[0].paths:
        return f"text after line {end} is not in the div the line opens"
    return None


@claim_check("LK102")
def stray_closer(claim: Claim) -> Optional[str]:
    """The closing fence is shown as text (see shown_as_text)."""
    source = claim.line_text(claim.line)
    column = fence_column(source)
    return shown_as_text(claim, claim.line, column, source[column - 1 :].rstrip())


@claim_check("LK103")
def unknown_class(claim: Claim) -> Optional[str]:
    """The div renders as a plain block: on the built page the text after its opener is in a div
    of that class that is none of sandpaper's boxes. The class the message suggests makes a box."""
    name = claim.said(r"Unknown div class '([^']*)'")
    classes = enclosing_classes(claim.built(marked_after(claim, claim.line)))
    if classes is None:
        return "the text after the opener is not on the built page"
    if not classes or name not in classes[-1] or any(is_box(c) for c in classes[-1:]):
        return f"the built page puts that text in divs {classes}, not in a plain '{name}' div"
    if claim.says(r"did you mean '"):
        suggested = claim.said(r"did you mean '([^']*)'")
        source = claim.line_text(claim.line)
        column = source.find(name)
        lines = claim.replaced(claim.line, column + 1, len(name), suggested)
        fixed = enclosing_classes(claim.built(marked_after(claim, claim.line, lines=lines)))
        held = fixed is None and suggested in ("questions", "objectives")  # kept for the overview card
        if not held and not (fixed and any(is_box(c) for c in fixed)):
            return f"the suggested class '{suggested}' makes no box of sandpaper's either"
    return None


ANSWER_BOXES = ("challenge", "discussion")
ANSWERS = ("solution", "hint")


def _answer_div(claim: Claim, kind: str):
    """(the classes of the divs around the answer div at the finding, outermost first, and the
    blocks before it in its container, nearest first), as pandoc reads the page; None when the
    text after the opener is in no div of that kind."""
    ast = claim.read(marked_after(claim, claim.line))
    found = hits(ast)
    if not found:
        return None
    hit = found[0]
    depths = [i for i, node in enumerate(hit.nodes) if node.get("t") == "Div" and kind in node["c"][0][1]]
    if not depths:
        return None
    depth = depths[-1]
    path = hit.paths[depth]
    container = at(ast, path[:-1])
    outer = [node["c"][0][1] for node in hit.nodes[:depth] if node.get("t") == "Div"]
    return outer, list(reversed(container[: path[-1]]))


def _after_a_box(before: list) -> bool:
    """Whether the blocks before an answer (nearest first) are a challenge's or discussion's box,
    or answers right after one: where sandpaper lays out a challenge's answers."""
    for block in before:
        classes = block["c"][0][1] if block.get("t") == "Div" else []
        if any(c in ANSWERS for c in classes):
            continue
        return any(c in ANSWER_BOXES for c in classes)
    return False


@claim_check("LK104")
def misplaced_div(claim: Claim) -> Optional[str]:
    """Where the div is, as pandoc reads the page: a solution or hint in no box of sandpaper's
    (the filter's `blocks`), and not right after a challenge's or discussion's box (or after answers
    right after one), where the filter puts a challenge's answers, so the page is the same as with
    the answer inside; questions/objectives/keypoints inside the div the message names, a
    challenge inside a solution."""
    kind = claim.said(r"^'([\w-]+)'")
    if claim.says(r"is not inside a challenge"):
        place = _answer_div(claim, kind)
        if place is None:
            return f"the text after the opener is not in a '{kind}' div"
        outer, before = place
        boxes = [c for classes in outer for c in classes if c in box_classes()]
        if boxes:
            return f"it is inside the box(es) {boxes}"
        return "it follows a challenge's (or discussion's) box, where sandpaper puts the answers" \
            if _after_a_box(before) else None
    classes = enclosing_classes(claim.read(marked_after(claim, claim.line)))
    if not classes:
        return "the text after the opener is in no div"
    own = next((i for i in range(len(classes) - 1, -1, -1) if kind in classes[i]), None)
    if own is None:
        return f"the text after the opener is not in a '{kind}' div: {classes}"
    outer = [c for level in classes[:own] for c in level]
    if claim.says(r"is nested inside '"):
        parent = claim.said(r"is nested inside '([^']*)'")
        return None if own > 0 and parent in classes[own - 1] else f"its enclosing divs are {classes[:own]}"
    if claim.says(r"inside a solution"):
        return None if "solution" in outer else f"its enclosing divs are {classes[:own]}"
    raise Unclear("unknown kind of misplaced div")


@claim_check("LK109")
def answer_as_collapsible(claim: Claim) -> Optional[str]:
    """The built page has an answer's button (the filter's accordion, class `solution-button`
    or `hint-button`) labelled with the title the message names, and pandoc reads the div in no
    box and not after a challenge's or discussion's box."""
    kind = claim.said(r"^'([\w-]+)'")
    title = claim.said(r"titled '(.*?)' stands on its own")
    place = _answer_div(claim, kind)
    if place is None:
        return f"the text after the opener is not in a '{kind}' div"
    outer, before = place
    if any(c in box_classes() for classes in outer for c in classes):
        return "it is inside a box"
    if _after_a_box(before):
        return "it follows a challenge's (or discussion's) box"
    # the marker goes after the title, which must stay the answer's first block
    title_line = next((n for n in range(claim.line + 1, len(claim.lines) + 1) if claim.line_text(n).strip()),
                      claim.line)
    marked = marked_after(claim, title_line if claim.line_text(title_line).lstrip().startswith("#") else claim.line)
    html = _checked(claim._render("html", marked))
    if MARK not in html:
        return "the built page does not show the answer"
    buttons = re.findall(rf'class="accordion-button {kind}-button[^"]*"[^>]*>\s*<h\d[^>]*>\s*(.*?)\s*</h\d>',
                         html[: html.index(MARK)], re.S)
    if not buttons:
        return f"the built page has no {kind} button before the answer"
    return None if buttons[-1] == title else f"the answer's button is labelled {buttons[-1]!r}"


@claim_check("LK105")
def opener_under_text(claim: Claim) -> Optional[str]:
    """The opener is text of the paragraph above, and with a blank line above it pandoc opens a
    div there."""
    source = claim.line_text(claim.line)
    column = fence_column(source)
    as_text = shown_as_text(claim, claim.line, column, source[column - 1 :].rstrip())
    if as_text:
        return as_text
    prefix = quote_prefix(source)
    blank = prefix.rstrip() if ">" in prefix else ""
    separated = claim.read(claim.inserted(claim.line, [blank]))
    if count(separated, is_div_any()) <= count(claim.read(), is_div_any()):
        return "a blank line above it opens no div"
    return None


@claim_check("LK106")
def malformed_fence(claim: Claim) -> Optional[str]:
    """The fence is shown as text; for an indented fence, starting it at its container's first
    column makes it a fence (the page's divs change)."""
    source = claim.line_text(claim.line)
    column = fence_column(source)
    as_text = shown_as_text(claim, claim.line, column, source[column - 1 :].rstrip())
    if as_text or not claim.says("indented by"):
        return as_text
    prefix = source[: column - 1]
    unindented = re.sub(r"[ ]{1,3}$", "", prefix)
    moved = claim.replaced(claim.line, 1, len(prefix), unindented)
    if skeleton(claim.read(moved)["blocks"]) == skeleton(claim.read()["blocks"]):
        return "without the indentation the line is no fence either"
    return None


def _challenge_box(ast, marker: str = MARK) -> Optional[tuple[dict, tuple]]:
    """(node, path) of the built challenge box (sandpaper's callout) holding the marker, or None."""
    for hit in hits(ast, marker):
        boxes = [(node, path) for node, path in zip(hit.nodes, hit.paths)
                 if node.get("t") == "Div" and {"callout", "challenge"} <= set(node["c"][0][1])]
        if boxes:
            return boxes[-1]
    return None


def _box_title(box: dict) -> Optional[str]:
    """The text of a built box's title heading (the filter's h3 of class callout-title)."""
    title = next((n for n in _walk(box["c"][1]) if n.get("t") == "Header" and "callout-title" in n["c"][1][1]), None)
    return shown(title["c"][2]) if title is not None else None


def _box_content(box: dict) -> list:
    """The blocks of a built box's content (the filter's div of class callout-content)."""
    content = next((n for n in _walk(box["c"][1]) if n.get("t") == "Div" and "callout-content" in n["c"][0][1]), None)
    return content["c"][1] if content is not None else []


def _siblings(ast, path: tuple) -> tuple[list, int]:
    """The list of blocks holding the node at path, and its index there."""
    return at(ast, path[:-1]), path[-1]


def _answers_of_box(block: dict) -> bool:
    """A built challenge's solution or hint, which the filter puts after the box as an accordion."""
    return block.get("t") == "Div" and "challenge-accordion" in block["c"][0][1]


@claim_check("LK107")
def challenge_title_outside(claim: Claim) -> Optional[str]:
    """The built challenge box has the default title, 'Challenge' (text written after its opener
    is in a box titled so); the heading the message names, on its line, is on the built page
    outside the box, and its section holds nothing but the box (and the box's solutions): the
    blocks after it up to the next heading of its level or above, or the end of what holds it;
    moved below the opener, as the message asks, it becomes the box's title."""
    text, number = claim.said(r"the heading '(.*)' \(line (\d+)\) just above it", None).groups()
    number = int(number)
    box = _challenge_box(claim.built(marked_after(claim, claim.line)))
    if box is None:
        return "text after the opener is in no challenge box on the built page"
    if _box_title(box[0]) != "Challenge":
        return f"the built box is titled {_box_title(box[0])!r}"
    source = claim.line_text(number)
    span = heading_text_span(source)
    setext = re.fullmatch(r"[ \t>]*(=+|-+)[ \t]*", claim.line_text(number + 1)) is not None
    if span is None or not (setext or source.lstrip(" \t>").startswith("#")):
        raise Unclear(f"no heading on line {number}")
    if MARKUP.sub("", as_typed(source[span[0] - 1 : span[0] - 1 + span[1]])) != MARKUP.sub("", as_typed(text)):
        return f"line {number} is the heading {source!r}"
    ast = claim.built(marked_heading(claim, number))
    heading = next((hit for hit in text_hits(ast) if hit.within("Header")), None)
    if heading is None:
        return f"line {number} is no heading on the built page"
    if _challenge_box(ast) is not None:
        return "the heading is inside the box on the built page"
    depth = max(i for i, node in enumerate(heading.nodes) if node.get("t") == "Header")
    level = heading.nodes[depth]["c"][0]
    blocks, index = _siblings(ast, heading.paths[depth])
    section = []
    for block in blocks[index + 1 :]:
        if block.get("t") == "Header" and block["c"][0] <= level:
            break
        section.append(block)
    boxes = [b for b in section if b.get("t") == "Div" and {"callout", "challenge"} <= set(b["c"][0][1])]
    if len(boxes) != 1 or any(b is not boxes[0] and not _answers_of_box(b) for b in section):
        return f"the heading's section on the built page holds {len(section)} block(s), not just the box"
    lines = list(claim.lines)
    size = 2 if setext else 1
    moved = marked_heading(claim, 1, lines=lines[number - 1 : number - 1 + size])
    lines = lines[: number - 1] + lines[number - 1 + size :]
    opener = claim.line - size if number < claim.line else claim.line
    lines = lines[:opener] + moved + [""] + lines[opener:]
    box = _challenge_box(claim.built(lines))
    if box is None or MARK not in (_box_title(box[0]) or ""):
        return "moved below the opener, the heading does not title the box"
    return None


@claim_check("LK108")
def challenge_only_solution(claim: Claim) -> Optional[str]:
    """The built challenge box (found by text written after its opener, at the same place on the
    page as written) is titled 'Challenge' and holds nothing, and the accordion after it is the
    answer the message names (its button is the filter's solution-button or hint-button); the
    text just above the opener (the lines up to the blank line above them, marked at their
    start) is on the built page, outside boxes and headings, and with the opener moved above
    that text, as the message asks, the box holds it; where the message says no question
    stands there, no such text does (a fence, a heading or nothing is above the opener)."""
    answer = claim.said(r"holds nothing but its (solution|hint)")
    marked = claim.built(marked_after(claim, claim.line))
    found = _challenge_box(marked)
    if found is None:
        return "text after the opener is in no challenge box on the built page"
    built = claim.built()
    box = at(built, found[1])
    if box.get("t") != "Div" or not {"callout", "challenge"} <= set(box["c"][0][1]):
        raise Unclear("the box is not at the same place without the marker")
    if _box_title(box) != "Challenge":
        return f"the built box is titled {_box_title(box)!r}"
    if _box_content(box):
        return f"the built box holds {shown(_box_content(box))[:80]!r}"
    blocks, index = _siblings(built, found[1])
    after = blocks[index + 1] if index + 1 < len(blocks) else None
    if after is None or not _answers_of_box(after) or f"{answer}-button" not in json.dumps(after):
        return f"no {answer} follows the box on the built page"
    above = next((n for n in range(claim.line - 1, 0, -1) if claim.line_text(n).strip(" \t>")), None)
    fence = above is None or claim.line_text(above).lstrip(" \t>").startswith((":::", "---"))
    top = above
    while not fence and top > 1 and claim.line_text(top - 1).strip(" \t>") and \
            not claim.line_text(top - 1).lstrip(" \t>").startswith((":::", "---")):
        top -= 1
    lines = claim.lines if fence else _marked_content(claim.lines, top, MARK2)
    outside = [] if fence else hits(claim.built(lines), MARK2)
    question = bool(outside) and outside[0].kind == "text" and not outside[0].within("Header") and \
        not any(is_box(classes) for classes in outside[0].divs())
    if claim.says("no question stands right above the box"):
        return "text stands right above the box, outside it" if question else None
    if not question:
        return "no text stands right above the opener, outside boxes, on the built page"
    opener = lines[claim.line - 1]
    lines = lines[: claim.line - 1] + lines[claim.line :]
    lines = lines[: top - 1] + [opener, ""] + lines[top - 1 :]
    if _challenge_box(claim.built(lines), MARK2) is None:
        return "with the opener moved above it, the text above is still outside the box"
    return None


# --- LK2xx: links and images -----------------------------------------------------------------

LK201_CAUSE = (r"target '(.*?)' (points outside|leads to|holds a Markdown link|contains a (?:Jekyll|Liquid)|"
               r"is an e-mail|looks like a web address|starts with '\./'|is not on the built site|"
               r"does not exist on the built site)")


def _built_href(claim: Claim) -> str:
    node = marked_link(claim)
    if node is None:
        raise Unclear("the finding points at no link or image")
    return link_target(node)


@claim_check("LK201")
def missing_file(claim: Claim) -> Optional[str]:
    """The address the built page links to (the filter's rewrite of the target) is not on the
    built site (site_paths), for the reason the message gives; a suggested name is on it."""
    found = claim.said(LK201_CAUSE, None)
    cause = found.group(2)
    href = _built_href(claim)
    if is_external(href):
        return f"the built page links to {href}, outside the site"
    if served(claim, href):
        return f"the built site serves {href}"
    path = unquote(href.partition("#")[0].partition("?")[0])
    checks = {
        "points outside": lambda: posixpath.normpath(path).startswith(".."),
        "leads to": lambda: _is_draft(claim, claim.said(r"leads to (\S+), which is not listed")),
        "holds a Markdown link": lambda: "](" in path,
        "contains a": lambda: "{{" in path or "{%" in path,
        "is an e-mail": lambda: "@" in path and "/" not in path,
        "looks like a web address": lambda: bool(re.match(r"(?:www\.)?[\w-]+(?:\.[\w-]+)+(?:/|$)", path)),
        "starts with './'": lambda: path.startswith("./"),
        "is not on the built site": lambda: (claim.root / claim.said(r"site: (\S+) exists")).exists(),
        "does not exist on the built site": lambda: True,
    }
    key = next(k for k in checks if cause.startswith(k))
    if not checks[key]():
        return f"the built page links to {href!r}, which is not what the message says ({cause})"
    if claim.says(r"did you mean '"):
        suggested = claim.said(r"did you mean '([^']*)'")
        if not served(claim, filter_href(claim, suggested)):
            return f"the suggested '{suggested}' is not on the built site either"
    if claim.says("pandoc keeps spaces") and not re.search(r"\s", path):
        return f"the built address {href!r} has no space"
    return None


def _is_draft(claim: Claim, rel: str) -> bool:
    page = claim.lesson.page(rel)
    return page is not None and not claim.lesson.site.is_built(page)


def _ids_of(claim: Claim, rel: str) -> set[str]:
    """The ids of a built page, and the names of its raw HTML anchors (<a name>)."""
    html = _checked(claim._render("html", None, rel))
    return set(read_built_page(html).ids) | set(re.findall(r"""<a\b[^>]*\sname\s*=\s*["']([^"']+)""", html))


def _source_ids(ast) -> set[str]:
    found: set[str] = set()

    def visit(node):
        if isinstance(node, list):
            for x in node:
                visit(x)
        elif isinstance(node, dict):
            tag, content = node.get("t"), node.get("c")
            if tag in ("Div", "Span", "CodeBlock", "Code", "Link", "Image", "Table", "Figure"):
                found.add(content[0][0])
            elif tag == "Header":
                found.add(content[1][0])
            elif tag in ("RawBlock", "RawInline"):
                found.update(re.findall(r"""\sid\s*=\s*["']([^"']+)""", content[1]))
            visit(content)

    visit(ast.get("blocks", []))
    return found


def _nodes(node):
    """Every element (a dict with a "t") of an AST or part of one, in document order."""
    if isinstance(node, list):
        for item in node:
            yield from _nodes(item)
    elif isinstance(node, dict):
        if "t" in node:
            yield node
        yield from _nodes(node.get("c"))


@claim_check("LK202")
def missing_anchor(claim: Claim) -> Optional[str]:
    """No built target page has the id (nor a raw HTML <a name>); an id said to be dropped is in
    the source's reading and not on the built page; a suggested id is on a target page and close
    to the anchor (difflib's ratio 0.75, case aside), or is the id of a built heading whose text
    starts with the anchor's words (a raw HTML heading may hold more: an <h5> over a definition
    loses its closing tag to pandoc, and the browser runs it on); a term said to be a
    definition-list term is one of a target page as pandoc reads it, with no id; a link said to
    keep a space goes to the anchor the message gives."""
    fragment = claim.said(r"Anchor '#(.*?)' matches no id in ")
    where = claim.said(r"matches no id in (.*?)(?: \(pandoc keeps|; )")
    rels = [claim.rel] if where == "this page" else where.split(", ")
    wanted = unquote(fragment)
    for rel in rels:
        if wanted in _ids_of(claim, rel):
            return f"the built page of {rel} has the id {wanted!r}"
    if claim.says("exists in the source but not on the built page"):
        if not any(wanted in _source_ids(claim.read(rel=rel)) for rel in rels):
            return "no target page has the id in its source either"
    if claim.says(r"did you mean '#"):
        suggested = claim.said(r"did you mean '#([^']*)'")
        if not any(suggested in _ids_of(claim, rel) for rel in rels):
            return f"no target page has the suggested id {suggested!r}"
        words = re.findall(r"\w+", wanted.casefold())
        spelled = any(heading.id == suggested and re.findall(r"\w+", heading.text.casefold())[:len(words)] == words
                      for rel in rels for heading in claim.html(rel=rel).headings)
        if not spelled and not close_enough(wanted.casefold(), suggested.casefold(), 0.75):
            return f"the suggested id {suggested!r} is far from {wanted!r}"
    if claim.says("is a definition-list term"):
        term = claim.said(r"'([^']*)' \([^)]*\) is a definition-list term")
        terms = [item[0] for rel in rels for block in _nodes(claim.read(rel=rel)["blocks"])
                 if block["t"] == "DefinitionList" for item in block["c"]]
        if not any(shown(inlines).strip() == term for inlines in terms):
            return f"no target page has a definition-list term {term!r}"
    if claim.says("the link's anchor is '"):
        anchor = claim.said(r"the link's anchor is '([^']*)'")
        href = _built_href(claim)
        if not href.endswith(anchor):
            return f"the built link goes to {href!r}, not to {anchor!r}"
    return None


class _Images(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.images: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))


@claim_check("LK203")
def image_without_alt(claim: Claim) -> Optional[str]:
    """The image has no alternative text on the page: pandoc reads an image of that target with an
    empty description and no alt attribute; an <img> tag of the line's src has no alt attribute on
    the built page."""
    if claim.says("HTML <img>"):
        tag = re.search(r"<img\b[^>]*>", claim.line_text(claim.line)[claim.column - 1 :], re.IGNORECASE)
        src = re.search(r"""\ssrc\s*=\s*["']([^"']*)""", tag.group(0)) if tag else None
        if src is None:
            raise Unclear("no <img src> at the finding")
        parser = _Images()
        parser.feed(_checked(claim._render("html", None)))
        same = [image for image in parser.images if image.get("src") == src.group(1)]
        if not same:
            return "the built page has no <img> with that src"
        return None if any("alt" not in image for image in same) else "every <img> of that src has an alt attribute"
    target = claim.said(r"^Image '(.*)' has no alternative text")
    found = []

    def visit(node):
        if isinstance(node, list):
            for x in node:
                visit(x)
        elif isinstance(node, dict):
            if node.get("t") == "Image" and unquote(link_target(node)) == target:
                found.append(node)
            visit(node.get("c"))

    visit(claim.read()["blocks"])
    if not found:
        return f"pandoc reads no image of target {target!r}"
    empty = [n for n in found if not shown(n["c"][1]) and "alt" not in dict(n["c"][0][2])]
    return None if empty else "each image of that target has alternative text"


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", unquote(text).casefold())


def _address_words(target: str) -> set[str]:
    """The words of an address past its host: path, query and fragment."""
    rest = urlsplit(target)
    return set(_words(rest.path + " " + rest.query + " " + rest.fragment))


@claim_check("LK204")
def uninformative_text(claim: Claim) -> Optional[str]:
    """The link's text, as pandoc reads it, is what the message quotes (or empty), and does not
    name the target: not every word of it is a word of the target's address past its host.
    Whether a text says where a link leads is for a reader; this is the part a machine can check."""
    node = marked_link(claim, built=False)
    if node is None:
        raise Unclear("the finding points at no link")
    target = link_target(node)
    if claim.says("has no text"):
        written = claim.said(r"^Link to '(.*?)' has no text")
        return None if unquote(target) == written or target == written else f"the link goes to {target!r}"
    text = claim.said(r"^Link text '(.*)' does not say")
    words = _words(text)
    if words and set(words) <= _address_words(target):
        return f"the text names the target: every word of {text!r} is in {target!r}"
    return None


@claim_check("LK205")
def insecure_link(claim: Claim) -> Optional[str]:
    """pandoc makes a link (or image) of the http:// address: the link at the finding has that
    target; for a bare URL, the page's reading has a link to it. (Whether the site answers over
    https is the web's to say.)"""
    url = claim.said(r"^(?:Link|Image|Bare URL) '(.*?)' uses http://")
    if not url.lower().startswith("http://"):
        return f"{url!r} does not start with http://"
    if not claim.says("^Bare URL"):
        node = marked_link(claim, built=False)
        if node is not None:  # (an autolink <http://...> has no text to mark)
            return None if unquote(link_target(node)) == unquote(url) else f"the link goes to {link_target(node)!r}"
    targets = {unquote(link_target(n)) for n in _walk(claim.read()["blocks"]) if n.get("t") in ("Link", "Image")}
    return None if unquote(url) in targets else f"pandoc makes no link of {url!r}"


def _bracket_text(claim: Claim) -> str:
    """The bracket group(s) the finding points at: ![alt][label], [text][label] or [label]."""
    source = claim.line_text(claim.line)
    start = claim.column - 1
    begin = start + 1 if source[start : start + 1] == "!" else start
    end = bracket_span(source, begin)
    if end is None:
        raise Unclear("no bracket group at the finding")
    if source[end : end + 1] == "[":
        end = bracket_span(source, end) or end
    return source[start:end]


@claim_check("LK206")
def undefined_reference(claim: Claim) -> Optional[str]:
    """The reference's brackets are shown as text (see shown_as_text)."""
    return shown_as_text(claim, claim.line, claim.column, _bracket_text(claim))


@claim_check("LK207")
def site_root_link(claim: Claim) -> Optional[str]:
    """The built page links to the address as written, from the server's root; the relative path
    the message suggests is on the built site."""
    target = claim.said(r"target '(.*?)' starts at the server root")
    href = _built_href(claim)
    if not href.startswith("/") or href.startswith("//"):
        return f"the built page links to {href!r}"
    relative = claim.said(r"such as '(.*?)'$")
    if not served(claim, filter_href(claim, relative)):
        return f"the suggested '{relative}' is not on the built site"
    if unquote(href) != unquote(filter_href(claim, target)):
        return f"the built page links to {href!r}, not to what the filter makes of {target!r}"
    return None


@claim_check("LK208")
def empty_link(claim: Claim) -> Optional[str]:
    """pandoc reads the link with an empty target, or the target '#'."""
    node = marked_link(claim, built=False)
    if node is None:
        raise Unclear("the finding points at no link")
    return None if link_target(node) in ("", "#") else f"the link goes to {link_target(node)!r}"


@claim_check("LK209")
def extensionless_link(claim: Claim) -> Optional[str]:
    """The built page links to the address without .html, which the built site does not have (a
    folder, where the message says so: no index.html there); with '.html' (in place of the
    trailing '/') it is the page the message names, and the spelling the message suggests leads
    there too."""
    folder = claim.says("names it as a folder")
    reaches = claim.said(r"it serves (\S+) only for" if folder else r"reaches (\S+) only")
    href = unquote(_built_href(claim).partition("#")[0].partition("?")[0])
    if served(claim, href):
        return f"the built site serves {href}"
    if folder != href.endswith("/"):
        return f"the built page links to {href!r}"
    if posixpath.normpath(href.rstrip("/")).rpartition("/")[2] + ".html" != reaches.rpartition("/")[2]:
        return f"{href!r} with '.html' is not {reaches}"
    if not served(claim, reaches):
        return f"the built site has no {reaches}"
    if claim.says(r"write '"):
        written = claim.said(r"write '([^']*)'")
        if filter_href(claim, written).partition("#")[0] != reaches:
            return f"'{written}' leads to {filter_href(claim, written)}, not {reaches}"
    return None


@claim_check("LK210")
def spaced_reference(claim: Claim) -> Optional[str]:
    """pandoc shows the first bracket group as text and links the second, whose text is the label."""
    found = claim.said(r"^'(!?\[.*?\]) \[(.*?)\]' is two bracket groups", None)
    first, label = found.group(1), found.group(2)
    as_text = shown_as_text(claim, claim.line, claim.column, first)
    if as_text:
        return as_text
    ast = claim.read(claim.replaced(claim.line, claim.column, len(first), MARK))
    hit = text_hits(ast)[0]
    inlines = at(ast, hit.path[:-1]) if isinstance(hit.path[-1], int) else []
    index = hit.path[-1]
    following = [node for node in inlines[index + 1 :] if node.get("t") not in ("Space", "SoftBreak")]
    if not following or following[0].get("t") not in ("Link", "Image") or shown(following[0]["c"][1]) != literal(label):
        return f"pandoc does not link '[{label}]' after it"
    return None


@claim_check("LK211")
def attributes_as_text(claim: Claim) -> Optional[str]:
    """The attribute block is shown as text (in a heading: it stays in the heading's text)."""
    source = claim.line_text(claim.line)
    text = source[claim.column - 1 : claim.end_column - 1] if claim.end_column > claim.column else ""
    if not text:
        raise Unclear("the finding spans no text")
    if claim.says("stays in the heading"):
        ast = claim.read(claim.replaced(claim.line, claim.column, len(text), MARK))
        return None if any(hit.within("Header") for hit in text_hits(ast)) else "it is not in the heading's text"
    return shown_as_text(claim, claim.line, claim.column, text)


@claim_check("LK212")
def spaced_link(claim: Claim) -> Optional[str]:
    """The built page has no link there and shows the brackets and the target as text: the
    bracket text, written as a word, is text in no link or image on the built page; '[text]'
    and '(target)' are each shown as text (see shown_as_text; an address in the parentheses
    shows as itself, as the bare link pandoc makes of it); with the space removed, as the
    message asks, pandoc reads a link (or image) of that text to that target, and where the
    message says the target leads nowhere, the address the filter writes for it is no page or
    file of the built site, or an anchor its page has no id for."""
    bang, text, gap, target, kind = claim.said(r"^'(!?)\[([^\[\]\n]+)\]([ \t]+)\(([^()\s]+)\)' is no (link|image)",
                                               None).groups()
    source = claim.line_text(claim.line)
    written = f"{bang}[{text}]{gap}({target})"
    if source[claim.column - 1 : claim.column - 1 + len(written)] != written:
        raise Unclear(f"line {claim.line} has no {written!r} at column {claim.column}")
    inner = claim.column + len(bang) + 1
    found = text_hits(claim.built(claim.replaced(claim.line, inner, len(text), MARK)))
    if not found:
        return "the bracket text is not on the built page"
    if found[0].within("Link") or found[0].within("Image"):
        return "the built page links the bracket text"
    target_column = inner + len(text) + 1 + len(gap)
    for column, part in ((claim.column, f"{bang}[{text}]"), (target_column, f"({target})")):
        problem = shown_as_text(claim, claim.line, column, part)
        if problem:
            return problem
    joined = claim.replaced(claim.line, inner + len(text) + 1, len(gap), "")
    joined = claim.replaced(claim.line, inner, len(text), MARK, joined)
    found = text_hits(claim.read(joined))
    tag = "Image" if kind == "image" else "Link"
    links = found[0].within(tag) if found else []
    if not links or unquote(link_target(links[-1])) != unquote(target):
        return f"without the space pandoc reads no {kind} to {target!r} either"
    if claim.says(f"mend the target: '{re.escape(target)}' leads nowhere on the built site"):
        return _leads_nowhere(claim, target)
    return None


def _leads_nowhere(claim: Claim, target: str) -> Optional[str]:
    """None when the address the filter writes for a link to target is not on the built site:
    no page or file there (site_paths), or an anchor no id of the page it names has."""
    href = filter_href(claim, target)
    if is_external(href):
        return f"the built page would link to {href}, outside the site"
    path, _, fragment = href.partition("#")
    path = path.partition("?")[0]
    if path and not served(claim, path):
        return None
    if not fragment:
        return f"the built site serves {href}"
    stem = posixpath.basename(unquote(path)).removesuffix(".html") if path else None
    rels = [claim.rel] if not path else [page.rel for page in claim.lesson.pages.values()
                                         if page.kind != "links" and Path(page.rel).stem == stem]
    if not rels:
        raise Unclear(f"no page of the lesson is {path}")
    has = [rel for rel in rels if unquote(fragment) in _ids_of(claim, rel)]
    return f"the built page of {has[0]} has the id {fragment!r}" if has else None


@claim_check("LK213")
def alt_is_file_name(claim: Claim) -> Optional[str]:
    """The image's alt attribute on the built page (an <img> of the src the filter writes for
    the image at the finding) is the text the message quotes, and that is the image's file name:
    the last segment of its address, the address, or that segment without its extension (case
    aside). The alt attribute is what a screen reader announces for the image."""
    alt = claim.said(r"^Alternative text '(.*)' is the image's file name")
    built, read = marked_link(claim), marked_link(claim, built=False)
    if built is None or read is None or built.get("t") != "Image":
        raise Unclear("the finding points at no image")
    parser = _Images()
    parser.feed(_checked(claim._render("html", None)))
    alts = [" ".join(image.get("alt", "").split()) for image in parser.images if image.get("src") == link_target(built)]
    if not alts:
        return f"the built page has no <img> of src {link_target(built)!r}"
    if alt not in alts:
        return f"the built page's <img> of that src has the alt text {alts}"
    target = unquote(link_target(read).partition("?")[0].partition("#")[0])
    name = posixpath.basename(target)
    if alt.casefold() not in {form.casefold() for form in (name, target, name.rpartition(".")[0] or name)}:
        return f"{alt!r} is not the name of {target!r}"
    return None


# --- LK3xx: front matter and episode blocks ---------------------------------------------------


def _meta(claim: Claim) -> dict:
    return claim.read()["meta"]


def _header_lines(claim: Claim) -> list[str]:
    """The lines between the page's opening '---' and the next line that is '---' or '...'."""
    lines = claim.lines
    if not lines or lines[0].rstrip() != "---":
        return []
    out = []
    for line in lines[1:]:
        if line.rstrip() in ("---", "..."):
            break
        out.append(line)
    return out


@claim_check("LK301")
def invalid_front_matter(claim: Claim) -> Optional[str]:
    """As pandoc reads the page: no metadata where the message says the header is missing, never
    closed, not a mapping or followed by a blank line (then the page starts with a horizontal
    rule); a refusal or no metadata for YAML that does not parse. A repeated key and a fence
    with more than '---' on its line are the lines as written (sandpaper's R reader refuses the
    first, its fence search misses the second; pandoc has no say)."""
    if claim.says("appears twice"):
        key = claim.said(r"Key '([^']*)' appears twice")
        return None if top_level_keys("\n".join(_header_lines(claim))).count(key) >= 2 else f"'{key}' is written once"
    if claim.says("is not exactly '---'"):
        written = claim.line_text(claim.line)
        return None if written != "---" and written.rstrip() in ("---", "...") else f"line {claim.line} is {written!r}"
    if claim.says("not valid YAML"):
        error = claim.render_error()
        return None if error or not _meta(claim) else "pandoc reads the header as YAML metadata"
    if claim.says("horizontal rule"):
        blocks = claim.read()["blocks"]
        if _meta(claim) or not blocks or blocks[0]["t"] != "HorizontalRule":
            return "pandoc does not start the page with a horizontal rule"
        return None
    return f"pandoc reads metadata: {sorted(_meta(claim))}" if _meta(claim) else None


@claim_check("LK302")
def missing_title(claim: Claim) -> Optional[str]:
    """pandoc's metadata for the page has no title, an empty one, or a list or map for it, and
    the page is one whose title sandpaper shows (which pages sandpaper titles itself, learner
    profiles, instructor notes and the setup page, is lessonkit's reading of its templates:
    build_profiles, build_instructor_notes, build_home; UNTITLED_PAGES)."""
    if claim.rel in UNTITLED_PAGES or claim.rel.startswith("profiles/"):
        return "sandpaper never reads this page's title"
    title = _meta(claim).get("title")
    if claim.says("No 'title'"):
        return None if title is None else f"pandoc reads the title {meta_text(title)!r}"
    if claim.says("is empty"):
        return None if title is None or not meta_text(title) else f"pandoc reads the title {meta_text(title)!r}"
    return None if title is not None and title["t"] in ("MetaList", "MetaMap") else "the title is text"


@claim_check("LK303")
def bad_timing(claim: Claim) -> Optional[str]:
    """pandoc's reading of the key: absent where the message says it is missing, empty where it
    has no value, otherwise not a plain number of minutes (sandpaper counts only text matching
    ^[0-9]+$ of what R's YAML reader made of it; a leading zero, octal to R, is named as such).
    The fallback the message gives is sandpaper's (5 minutes, no break)."""
    meta = _meta(claim)
    if claim.says(r"^No '"):
        keys = re.findall(r"'(\w+)'", claim.said(r"^No (.*?) time"))
        present = [key for key in keys if key in meta]
        return f"pandoc reads {present}" if present else None
    key = claim.said(r"^'(\w+)'")
    value = meta_text(meta.get(key)) if key in meta else None
    fallback = claim.said(r"counts (\d+ minutes|no break)") if claim.says("counts") else None
    if fallback and fallback != ("no break" if key == "break" else "5 minutes"):
        return f"sandpaper does not count {fallback} for {key}"
    if claim.says("has no value"):
        return None if not value else f"pandoc reads {key}: {value!r}"
    if claim.says("leading zero"):
        return None if value and re.fullmatch(r"0[0-7]+", value) else f"{key} is {value!r}"
    return None if value is None or not re.fullmatch(r"[0-9]+", value) else f"{key} is {value!r}, a number"


@claim_check("LK304")
def missing_block(claim: Claim) -> Optional[str]:
    """pandoc reads no div of that class anywhere on the episode, as knitr leaves it: each chunk
    that includes a child document (`child='files/part.md'`) replaced by that file's text."""
    kind = claim.said(r"no '(\w+)' block")
    found = count(claim.read(_knitted(claim)), is_div(kind))
    return f"pandoc reads {found} '{kind}' div(s)" if found else None


CHILD_CHUNK = re.compile(r"^[ \t]*(`{3,})[ \t]*\{[^}\n]*\bchild\s*=\s*(?:'([^']*)'|\"([^\"]*)\")[ \t]*"
                         r"(?:,[^}\n]*)?\}[ \t]*$")


def _knitted(claim: Claim) -> list[str]:
    """The page's lines with each chunk that names one child file replaced by the file's lines,
    read from the page's folder, as knitr knits a Markdown child in; Unclear for a child chunk
    of another form (a computed name), whose text only R could tell."""
    lines, written = list(claim.lines), claim.page.lines  # as pandoc reads them, and as written
    if not claim.rel.endswith(".Rmd") or "child" not in claim.page.text:
        return lines
    out, index = [], 0
    while index < len(lines):
        chunk = CHILD_CHUNK.match(written[index])
        if chunk is None:
            if re.match(r"^[ \t]*`{3,}[ \t]*\{[^}\n]*\bchild\s*=", written[index]):
                raise Unclear(f"line {index + 1} includes a child document whose name only R could tell")
            out.append(lines[index])
            index += 1
            continue
        child = claim.path.parent / (chunk.group(2) if chunk.group(2) is not None else chunk.group(3))
        out += normalise_rmd(child.read_text(encoding="utf-8")).split("\n")
        end = next((i for i in range(index + 1, len(lines)) if lines[i].strip() == chunk.group(1)), index)
        index = end + 1
    return out


def _is_placeholder(text: str) -> bool:
    """Text the lesson template leaves for its author (the list is lessonkit's reading of the
    Workbench template and sandpaper's page templates, not the page's to say)."""
    text = literal(text)
    return text in PLACEHOLDER_TEXTS or FIXME_MARK.search(text) is not None


def _same_text(shown_text: str, quoted: str) -> bool:
    """Whether text the page shows is the text a message quotes (its beginning, where the message
    shortens it with an ellipsis), emphasis marks, backticks and white space aside."""
    page = MARKUP.sub("", literal(shown_text))
    if quoted.endswith("\u2026"):
        return page.startswith(MARKUP.sub("", as_typed(quoted[:-1])))
    return page == MARKUP.sub("", as_typed(quoted))


def _paragraph_shown(claim: Claim, line: int) -> Optional[str]:
    """What the built page shows of the paragraph that starts on line, or None when the line's
    text (a marker written at its start) is in no paragraph there."""
    found = text_hits(claim.built(_marked_content(claim.lines, line, MARK)))
    if not found:
        return None
    block = at(claim.built(), found[0].block_path)
    return shown(block["c"]) if block.get("t") in ("Para", "Plain") else None


def _paragraphs(node) -> list[str]:
    """The text of each paragraph under node, as shown."""
    return [shown(n["c"]) for n in _walk(node) if n.get("t") in ("Para", "Plain") and shown(n["c"])]


def _page_title(claim: Claim) -> Optional[str]:
    title = _meta(claim).get("title")
    return meta_text(title).strip() if title is not None and meta_text(title) is not None else None


def _template_box(kind: str, div: dict) -> Optional[list[str]]:
    """The paragraphs of a questions, objectives or keypoints div when every one is the template
    example's (lessonkit's list of them), else None."""
    items = _paragraphs(div["c"][1])
    return items if items and all(literal(item) in EXAMPLE_ITEMS[kind] for item in items) else None


BOX_KINDS = {"questions": "questions", "objectives": "objectives", "key points": "keypoints"}


@claim_check("LK305")
def template_placeholder(claim: Claim) -> Optional[str]:
    """The built page (sandpaper builds the page) shows the placeholder the message names: the
    paragraph at the finding, as the built page shows it, is the text quoted (or begins so where
    the message shortens it), a placeholder of the template (FIXME, sandpaper's placeholder
    sentence, the template's home page sentence); a link to the address quoted is at the
    finding; the title 'FIXME' is pandoc's reading of the page's title, on the line, of a page
    the site titles with it (the oracle renders no page title: which pages sandpaper titles
    itself, learner profiles, instructor notes and the setup page, is lessonkit's reading of
    its templates, UNTITLED_PAGES). Where the message says it is the page's only text, every
    paragraph of the built page is a placeholder, each one quoted is shown, and the page has no
    code nor HTML other than comments (headings aside: the rule lets one stand above). The
    template's example episode is as the message names it: pandoc's title is the example's,
    its questions, objectives or key points boxes hold only the example's items, its
    introduction opens with the example's sentence."""
    if not claim.lesson.site.is_built(claim.page):
        return "sandpaper does not build the page"
    if claim.says(r"^The page's only text"):
        return _placeholder_page(claim)
    if claim.says(r"^This episode is the Workbench template's example episode"):
        parts = claim.said(r"example episode \((.*) are the template's\)").split(", ")
        if len(parts) < 2:
            return "the message names one part"
        for part in parts:
            problem = _example_part(claim, part)
            if problem:
                return problem
        return None
    if claim.says(r"^The (questions|objectives|key points) are the Workbench"):
        kind, item = claim.said(r"^The (questions|objectives|key points) are the Workbench template's example "
                                r"\('(.*)'\)", None).groups()
        div_class = BOX_KINDS[kind]
        found = [h for h in hits(claim.read(marked_after(claim, claim.line))) if any(div_class in c for c in h.divs())]
        if not found:
            return f"the line opens no '{div_class}' div"
        depth = max(i for i, n in enumerate(found[0].nodes) if n.get("t") == "Div" and div_class in n["c"][0][1])
        items = _template_box(div_class, at(claim.read(), found[0].paths[depth]))
        if items is None:
            return f"the {kind} box holds more than the template's items"
        return None if _same_text(items[0], item) else f"its first item is {items[0]!r}"
    if claim.says(r"opens the Workbench template's example episode"):
        shown_text = _paragraph_shown(claim, claim.line)
        opening = claim.said(r"^'(.*)' opens the Workbench")
        if opening != EXAMPLE_OPENING or shown_text is None or not literal(shown_text).startswith(opening):
            return f"the paragraph at the line is {shown_text!r}"
        return None
    what, value = claim.said(r"^(The title|The text|The link to) '(.*)' is a placeholder of the lesson template",
                             None).groups()
    return _placeholder_at(claim, what.lower(), value)


def _placeholder_at(claim: Claim, what: str, value: str) -> Optional[str]:
    """None when the placeholder is at the finding's place on the built page."""
    line = claim.line
    if what == "the title":
        if not re.match(r"\s*title\s*:", claim.line_text(line)):
            return f"line {line} is not the title's"
        if claim.rel in UNTITLED_PAGES or claim.rel.startswith("profiles/"):
            return f"the built site titles {claim.rel} itself, not with its front matter's title"
        return None if _page_title(claim) == value == "FIXME" else f"pandoc reads the title {_page_title(claim)!r}"
    if what == "the link to":
        node = marked_link(claim, built=False)
        if node is None or link_target(node).strip() != value:
            return f"pandoc reads no link to {value!r} there"
        return None
    shown_text = _paragraph_shown(claim, line)
    if shown_text is None:
        return f"line {line} is no paragraph on the built page"
    if not _same_text(shown_text, value):
        return f"the built page shows {shown_text[:80]!r} there"
    return None if _is_placeholder(shown_text) else f"{shown_text[:80]!r} is no placeholder of the template"


WHOLE_PAGE_WHERE = {"index.md": "home page", "learners/setup.md": "home page", "learners/setup.Rmd": "home page"}


def _placeholder_page(claim: Claim) -> Optional[str]:
    inner, where = claim.said(r"^The page's only text is the lesson template's placeholder \((.*)\), which the built "
                              r"(.*?) shows: ", None).groups()
    expected = WHOLE_PAGE_WHERE.get(claim.rel, "learner profiles page" if claim.rel.startswith("profiles/") else "site")
    if where != expected:
        return f"sandpaper shows {claim.rel} on the {expected}, not the {where}"
    pieces = re.split(r"(?:^|(?<=') and )the (title|text|link to) '", inner)
    if pieces[0] or len(pieces) < 3:
        raise Unclear(f"cannot read the placeholders {inner!r}")
    named = [(pieces[i], pieces[i + 1][:-1]) for i in range(1, len(pieces), 2)]
    what, value = named[0]
    problem = _placeholder_at(claim, "the " + what, value)
    if problem:
        return problem
    paragraphs = _paragraphs(claim.built()["blocks"])
    for what, value in named[1:]:
        if what == "text" and not any(_same_text(p, value) for p in paragraphs):
            return f"the built page does not show {value!r}"
    others = [p for p in paragraphs if not _is_placeholder(p)]
    others += [f"code {n['c'][1][:60]!r}" for n in _walk(claim.read()["blocks"]) if n.get("t") == "CodeBlock"]
    others += [f"HTML {n['c'][1][:60]!r}" for n in _walk(claim.read()["blocks"])
               if n.get("t") in ("RawBlock", "RawInline") and n["c"][0] == "html"
               and re.sub(r"<!--.*?-->", "", n["c"][1], flags=re.DOTALL).strip()]
    return f"the built page also shows {others[0][:80]}" if others else None


def _example_part(claim: Claim, part: str) -> Optional[str]:
    if part == "the title":
        return None if _page_title(claim) in EXAMPLE_TITLES else f"the title is {_page_title(claim)!r}"
    if part == "the introduction":
        return None if any(literal(p).startswith(EXAMPLE_OPENING) for p in _paragraphs(claim.built()["blocks"])) \
            else "no paragraph opens with the example's introduction"
    kind = BOX_KINDS.get(part.removeprefix("the "))
    if kind is None:
        raise Unclear(f"unknown part {part!r}")
    divs = [n for n in _walk(claim.read()["blocks"]) if n.get("t") == "Div" and kind in n["c"][0][1]]
    return None if any(_template_box(kind, div) for div in divs) else f"no {kind} box holds only the example's"


@claim_check("LK306")
def template_timings(claim: Claim) -> Optional[str]:
    """Values as written, no claim about the built page: pandoc's reading of the episode's front
    matter has teaching 10 and exercises 2, the template's (the line is teaching's), and the
    counts the message gives are those of the episodes config.yaml lists (all of episodes/ when
    it lists none), as pandoc reads their front matter; 10 + 2 is the minutes the message says
    the schedule counts."""
    have, total, minutes = (int(n) for n in claim.said(r"and (\d+) of the lesson's (\d+) episodes still have them: "
                                                       r"the schedule counts (\d+) minutes", None).groups())
    if not re.match(r"\s*teaching\s*:", claim.line_text(claim.line)):
        return f"line {claim.line} is not the teaching time"
    if _template_minutes(claim, claim.rel) is not True:
        return "the episode's timings are not teaching: 10 and exercises: 2"
    listed = (yaml_config(claim) or {}).get("episodes")
    names = [str(name) for name in listed] if listed else sorted(
        p.name for p in (claim.root / "episodes").iterdir() if p.suffix in (".md", ".Rmd"))
    rels = [f"episodes/{name}" for name in names if (claim.root / "episodes" / name).is_file()]
    left = [rel for rel in rels if _template_minutes(claim, rel)]
    if (len(left), len(rels), 10 + 2) != (have, total, minutes):
        return f"{len(left)} of the {len(rels)} listed episodes have them ({10 + 2} minutes)"
    return None


def _template_minutes(claim: Claim, rel: str) -> bool:
    meta = claim.read(rel=rel)["meta"]
    return (meta_text(meta.get("teaching")), meta_text(meta.get("exercises"))) == ("10", "2")


# --- LK4xx: headings and blocks --------------------------------------------------------------


def _built_heading(claim: Claim, line: int, lines=None, rel=None):
    """The heading of the built page whose text is on line (marked), with the headings before it."""
    marked = marked_heading(claim, line, lines=lines)
    page = claim.html(marked, rel)
    for index, heading in enumerate(page.headings):
        if MARK in heading.text:
            return heading, page.headings[:index]
    return None, page.headings


@claim_check("LK401")
def level_one_heading(claim: Claim) -> Optional[str]:
    """The built page has the heading as an h1; where the message says it is a comment among lines
    of code, the line below it is text on the page, not code."""
    heading, _ = _built_heading(claim, claim.line)
    if heading is None:
        return "the built page does not have the heading"
    if heading.level != 1:
        return f"the built page has it as an h{heading.level}"
    if claim.says("among lines of code"):
        found = hits(claim.read(_marked_content(claim.lines, claim.line + 1, MARK)))
        if not found or found[0].kind != "text":
            return "the line below it is not text on the page"
    return None


@claim_check("LK402")
def skipped_level(claim: Claim) -> Optional[str]:
    """On the built page the heading has the level the message gives, and the heading before it
    on the page (whatever made it: the author, a box's title or button, the Overview card) has
    the level it says it follows: the page title's 1 when there is none (on the setup page: the
    last heading of index.md's built page, which the home page shows above it). For an episode's
    first section: the heading is of level 3 or more, the Overview card's h2 is above it, and no
    other h1 or h2 is, so the sidebar (level-2 sections) has nothing before it."""
    heading, before = _built_heading(claim, claim.line)
    if heading is None:
        return "the built page does not have the heading"
    if claim.says(r"^The episode's first section"):
        level = int(claim.said(r"is a level-(\d+) heading"))
        if heading.level != level or level < 3:
            return f"the built page has it at level {heading.level}"
        if claim.says("Overview box") and not any("card-header" in h.classes for h in before):
            return "the Overview card is not above it"
        sections = [h.text for h in before if h.level <= 2 and "card-header" not in h.classes]
        return f"the page has the section(s) {sections} above it" if sections else None
    level = int(claim.said(r"Heading level (\d+)"))
    follows = int(claim.said(r"follows level (\d+)"))
    if heading.level != level:
        return f"the built page has it at level {heading.level}"
    if before:
        shown_level = before[-1].level
    elif claim.rel in ("learners/setup.md", "learners/setup.Rmd") and claim.says("index.md"):
        home = claim.html(rel="index.md").headings if claim.lesson.page("index.md") is not None else []
        shown_level = home[-1].level if home else 1
    else:
        shown_level = 1
    if shown_level != follows:
        return f"on the built page it follows a heading of level {shown_level}"
    return None if level > follows + 1 else "no level is skipped"


@claim_check("LK403")
def empty_heading(claim: Claim) -> Optional[str]:
    """pandoc reads the line as a heading (text written after its marks lands in a heading) and
    reads an empty heading on the page."""
    source = claim.line_text(claim.line)
    marks = re.match(r"[ \t>]*#{1,6}", source)
    if marks is None:
        return "the line is no ATX heading"
    ast = claim.read(claim.replaced(claim.line, marks.end() + 1, 0, " " + MARK + " "))
    found = [hit for hit in text_hits(ast) if hit.within("Header")]
    if not found:
        return "text after the heading marks is not a heading"
    header = found[0].within("Header")[-1]
    path = found[0].paths[found[0].nodes.index(header)]
    original = at(claim.read(), path)
    if original.get("t") != "Header" or original["c"][2]:
        return "pandoc reads a heading with text there"
    return None


def _parent(heading) -> tuple:
    """What holds the built heading: its enclosing elements without its own section."""
    chain = list(heading.ancestors)
    if chain and chain[-1].tag == "section":
        chain = chain[:-1]
    return tuple((e.tag, e.id, e.classes) for e in chain)


@claim_check("LK404")
def duplicate_heading(claim: Claim) -> Optional[str]:
    """The two headings have the same text, and on the built page the same level and the same
    parent (section or box): written as two markers, both are found with equal enclosing
    elements."""
    first = int(claim.said(r"of line (\d+)"))
    texts = []
    for line in (first, claim.line):
        span = heading_text_span(claim.line_text(line))
        if span is None:
            raise Unclear(f"no heading on line {line}")
        texts.append(literal(claim.line_text(line)[span[0] - 1 : span[0] - 1 + span[1]]).casefold())
    if texts[0] != texts[1]:
        return f"the headings differ: {texts}"
    lines = marked_heading(claim, first, MARK2)
    lines = marked_heading(claim, claim.line, MARK, lines)
    page = claim.html(lines)
    one = next((h for h in page.headings if MARK2 in h.text), None)
    two = next((h for h in page.headings if MARK in h.text), None)
    if one is None or two is None:
        return "the built page does not have both headings"
    if one.level != two.level:
        return f"the built page has them at levels {one.level} and {two.level}"
    if _parent(one) != _parent(two):
        return "on the built page they are in different sections or boxes"
    return None


SEPARATED_BLOCKS = {
    "list item": "BulletList", "numbered list item": "OrderedList", "heading": "Header",
    "block quote": "BlockQuote", "code fence": "CodeBlock", "horizontal rule": "HorizontalRule",
    "setext heading underline": "Header", "pipe table": "Table",
}


@claim_check("LK405")
def not_separated(claim: Claim) -> Optional[str]:
    """The line is text of the paragraph above (words written at the end of both lines land in the
    same paragraph), and a blank line above it makes the block the message names (one more of its
    kind on the page)."""
    kind = claim.said(r"^(.*?) directly under a line of text").lower()
    tag = SEPARATED_BLOCKS.get(kind)
    if tag is None:
        raise Unclear(f"unknown kind {kind!r}")
    lines = claim.replaced(claim.line - 1, len(claim.line_text(claim.line - 1)) + 1, 0, " " + MARK)
    if kind != "setext heading underline":  # (text after an underline would make it text)
        lines = claim.replaced(claim.line, len(claim.line_text(claim.line)) + 1, 0, " " + MARK2, lines)
    ast = claim.read(lines)
    found = text_hits(ast)
    if not found:
        return "the line above is not text"
    if kind != "setext heading underline":
        own = text_hits(ast, MARK2)
        if not own or own[0].block_path != found[0].block_path:
            return "the line is not in the paragraph above"
    above = quote_prefix(claim.line_text(claim.line - 1))  # the blank line goes in the paragraph's quotes
    blank = above.rstrip() if ">" in above else ""
    at_line = claim.line - 1 if kind == "setext heading underline" else claim.line
    separated = claim.read(claim.inserted(at_line, [blank]))
    if count(separated, lambda n: n.get("t") == tag) <= count(claim.read(), lambda n: n.get("t") == tag):
        return f"a blank line above it makes no {tag}"
    return None


NBSP = "\u00a0"


def _with_spaces(lines: list[str], first: int, last: int) -> list[str]:
    out = list(lines)
    for number in range(first, last + 1):
        line = out[number - 1]
        lead = re.match(r"[ \t>\u00a0]*", line).group(0)
        out[number - 1] = lead.replace(NBSP, " ") + line[len(lead):]
    return out


def _marked_content(lines: list[str], number: int, marker: str) -> list[str]:
    """The lines with marker written at the start of line number's text (after its indentation,
    block quote markers and list marker)."""
    out = list(lines)
    line = out[number - 1]
    lead = re.match(r"[ \t>\u00a0]*(?:(?:[-+*]|[0-9]+[.)])[ \t]+)?", line).group(0)
    out[number - 1] = lead + marker + " " + line[len(lead):]
    return out


@claim_check("LK406")
def nbsp_indent(claim: Claim) -> Optional[str]:
    """With every other line's no-break space indentation made spaces (the page as it is once the
    other findings are fixed), the line is paragraph text; with its own made spaces too (and
    those of the lines below it the message counts) pandoc reads the page otherwise, and the
    line lands where the message says: in a code block, in the list item or block quote of the
    line it names, or in a list or quote of its own. Where the message says to delete them,
    deleting them leaves the line paragraph text."""
    last = claim.end_line or claim.line
    others = [n for n in range(1, len(claim.lines) + 1) if not claim.line <= n <= last]
    kept = claim.lines
    for number in others:
        kept = _with_spaces(kept, number, number)
    as_written = text_hits(claim.read(_marked_content(kept, claim.line, MARK)))
    if not as_written or as_written[0].within("CodeBlock"):
        return "as written the line is not paragraph text"
    spaced = _with_spaces(kept, claim.line, last)
    if skeleton(claim.read(spaced)["blocks"]) == skeleton(claim.read(kept)["blocks"]):
        return "with spaces pandoc reads the page the same"
    meant = claim.said(r"would make it (.*?); ")
    where = re.search(r"on line (\d+)", meant)
    marked = _marked_content(spaced, claim.line, MARK)
    if where:
        marked = _marked_content(marked, int(where.group(1)), MARK2)
    ast = claim.read(marked)
    found = hits(ast)
    if not found:
        return "with spaces the line is not on the page"
    if "code block" in meant:
        if found[0].kind != "code block":
            return f"with spaces the line is {found[0].kind}, not code"
        if claim.says("delete the no-break spaces"):
            deleted = [re.sub(r"^([ \t>]*)[\u00a0 ]+", r"\1", line) if claim.line <= n <= last else line
                       for n, line in enumerate(kept, start=1)]
            if not text_hits(claim.read(_marked_content(deleted, claim.line, MARK))):
                return "without the no-break spaces the line is not text"
        return None
    if where:
        other = hits(ast, MARK2)
        if not other:
            return f"line {where.group(1)} is not on the page"
        innermost = _items(other[0])[-1:]  # the item (or quote) holding that line's text
        if not innermost or innermost[0] not in _items(found[0]):
            return f"with spaces the line is not in the {meant[len('part of the '):]}"
        return None
    container = {"a list item": ("BulletList", "OrderedList"), "a block quote": ("BlockQuote",)}
    wanted = next((tags for name, tags in container.items() if name in meant), None)
    if wanted and not any(found[0].within(tag) for tag in wanted):
        return f"with spaces the line is not in {meant}"
    return None


def _items(hit: Hit) -> list[tuple]:
    """The list items (path of list, item index) and block quotes around a hit."""
    out = []
    for node, path, child in zip(hit.nodes, hit.paths, hit.paths[1:] + [hit.path]):
        tag = node.get("t")
        if tag in ("BulletList", "OrderedList"):
            index = child[len(path) + (1 if tag == "BulletList" else 2)]
            out.append((path, index))
        elif tag == "BlockQuote":
            out.append((path, None))
    return out


def _char_marked(lines: list[str], number: int) -> list[str]:
    """The lines with the first character of line number's text (after block quote markers,
    heading marks, fences and table bars) made SNOW: nothing on the line moves."""
    out = list(lines)
    line = out[number - 1]
    start = re.match(r"[ \t>|]*(?:#{1,6}[ \t]+|[`~:]{3,}[ \t]*)?", line).end()
    if start >= len(line):  # a line of marks alone (a fence): its first mark
        start = re.match(r"[ \t>|]*", line).end()
    if start >= len(line):
        raise Unclear(f"line {number} has no text to mark")
    out[number - 1] = line[:start] + SNOW + line[start + 1 :]
    return out


@claim_check("LK407")
def swallowing_table(claim: Claim) -> Optional[str]:
    """pandoc reads a table on the lines, and each block the message lists is where it says: text
    written on its line lands in a table cell, or nowhere on the page."""
    if not count(claim.read(), lambda n: n.get("t") == "Table"):
        return "pandoc reads no table"
    for part in claim.message.split("; "):
        fate = "cells" if part.endswith("text in its cells") else "dropped" if part.endswith("dropped from the page") \
            else None
        if fate is None:
            continue
        for line in (int(n) for n in re.findall(r"\(line (\d+)\)", part)):
            ast = claim.read(_char_marked(claim.lines, line))
            found = hits(ast, SNOW)
            if fate == "dropped" and found:
                return f"line {line} is on the page ({found[0].kind})"
            if fate == "cells" and not (found and found[0].within("Table")):
                return f"line {line} is not in the table"
    return None


def _ends_marked(lines: list[str], number: int, marker: str) -> list[str]:
    out = list(lines)
    out[number - 1] = out[number - 1].rstrip() + " " + marker
    return out


@claim_check("LK408")
def grid_table_in_paragraph(claim: Claim) -> Optional[str]:
    """The table is printed as text: on the built page its first border line (its first
    character made a marker) is text of the paragraph of the line above, in no table; a blank
    line above the table, as the message asks, makes it a table (one more on the page, its first
    row's text in a cell), and the caption the message names becomes that table's caption."""
    first, last = (int(n) for n in claim.said(r"^Grid table on lines (\d+)-(\d+) is directly under", None).groups())
    if first != claim.line or first < 2 or last < first:
        raise Unclear("the lines the message names are not the finding's")
    caption = claim.said(r"under the caption '(.*)': pandoc") if claim.says("under the caption '") else None
    above = claim.line_text(first - 1)
    if caption is not None and above.lstrip(" \t>").strip() != caption:
        return f"line {first - 1} is {above!r}, not the caption"
    ast = claim.built(_char_marked(_ends_marked(claim.lines, first - 1, MARK), first))
    border, text = hits(ast, SNOW), text_hits(ast)
    if not border or border[0].kind != "text" or border[0].within("Table"):
        return "the table's first line is not text on the built page"
    if not text or text[0].block_path != border[0].block_path:
        return "the table's first line is not in the paragraph of the line above"
    prefix = quote_prefix(above)
    blank = prefix.rstrip() if ">" in prefix else ""
    lines = _char_marked(_ends_marked(claim.lines, first - 1, MARK2), first + 1)
    separated = claim.read(claim.inserted(first, [blank], lines))
    tables = lambda node: node.get("t") == "Table"  # noqa: E731
    if count(separated, tables) != count(claim.read(), tables) + 1:
        return "a blank line above it makes no table"
    cell = hits(separated, SNOW)
    if not cell or not cell[0].within("Table"):
        return "with a blank line above it, the table's first row is not in a table"
    if caption is not None:
        found = text_hits(separated, MARK2)
        table = found[0].within("Table") if found else []
        depth = found[0].nodes.index(table[-1]) if table else None
        if depth is None or found[0].paths[depth + 1][len(found[0].paths[depth]) :][:2] != ("c", 1):
            return "with a blank line above the table, the caption is not its caption"
    return None


def _escaped(source: str, column: int) -> bool:
    """Whether the character at column is escaped by a backslash."""
    backslashes = len(source[: column - 1]) - len(source[: column - 1].rstrip("\\"))
    return backslashes % 2 == 1


@claim_check("LK409")
def unpaired_backticks(claim: Claim) -> Optional[str]:
    """The built page's text has the literal backticks at that place: with one marker word written
    right before the run and another right after it, both land in one piece of text on the built
    page with the run between them, so no code span starts or ends there (a marker next to a
    backtick changes no pairing: pandoc pairs runs by their length alone). The run is the length
    the message says, and not escaped."""
    run = len(claim.said(r"\((`+)\) pairs with no other run of"))
    if int(claim.said(r"pairs with no other run of (\d+)")) != run:
        return "the message's run lengths differ"
    source = claim.line_text(claim.line)
    start = claim.column - 1
    if source[start : start + run] != "`" * run or source[start + run : start + run + 1] == "`" or \
            source[start - 1 : start] == "`" and start > 0:
        return f"line {claim.line} has no run of {run} backticks at column {claim.column}"
    if _escaped(source, claim.column):
        return "the backtick is escaped: pandoc shows it because the page asks it to"
    lines = claim.replaced(claim.line, claim.column + run, 0, MARK)
    lines = claim.replaced(claim.line, claim.column, 0, MARK2, lines)
    found = text_hits(claim.built(lines))
    if not found or MARK2 + "`" * run + MARK not in found[0].nodes[-1]["c"]:
        return "the backticks are not text on the built page (pandoc pairs them)"
    return None


@claim_check("LK410")
def overlong_emphasis(claim: Claim) -> Optional[str]:
    """pandoc reads the asterisks (or underscores) as text: with the words between the runs
    written as a marker word, it lands in text of no emphasis, the runs around it in the same
    piece of text, and the page as written shows the whole span with its marks; writing the
    runs as two, as the message asks, makes the words strong emphasis."""
    length, mark = claim.said(r"from a run of (\d+) '([*_])'", None).groups()
    quoted = claim.said(r"and shows '(.*)' with its")
    span = span_text(claim, claim.line, claim.column, claim.end_line, claim.end_column)
    run = mark * int(length)
    if not (span.startswith(run) and span.endswith(run) and len(span) > 2 * len(run)) or span[len(run)] == mark:
        raise Unclear(f"the finding spans {span!r}, not a run of {length} on each side")
    if not " ".join(span.split()).startswith(quoted.rstrip("\u2026")):
        return f"the message quotes {quoted!r}, the page has {span!r}"
    close_line, close_column = claim.end_line, claim.end_column - len(run)
    inner = replaced_span(claim, claim.line, claim.column + len(run), close_line, close_column, MARK)
    ast = claim.built(inner)
    found = text_hits(ast)
    if not found or found[0].within("Emph") or found[0].within("Strong"):
        return "the words between the runs are emphasis on the built page"
    if run + MARK + run not in found[0].nodes[-1]["c"]:
        return "the runs are not text around the words on the built page"
    if skeleton(ast["blocks"]) != skeleton(claim.built()["blocks"]):
        raise Unclear("written as a word, the span changes the page's blocks")
    block = at(claim.built(), found[0].block_path)
    if as_typed(span) not in shown(block):
        return f"the built page does not show {span!r} as written"
    bold = mark * 2
    fixed = claim.replaced(claim.line, claim.column, len(run), bold, inner)
    fixed = claim.replaced(claim.line, claim.column + len(bold) + len(MARK), len(run), bold, fixed)
    strong = text_hits(claim.built(fixed))
    if not strong or not strong[0].within("Strong"):
        return f"written {bold}text{bold}, the words are not strong emphasis either"
    return None


TEX = re.compile(r"\\[A-Za-z]|[\^{}]")


@claim_check("LK411")
def dollar_math(claim: Claim) -> Optional[str]:
    """pandoc reads a Math inline there whose content is prose: a marker word written right
    after the opening $ lands in inline math whose content is, the marker aside, the text
    between the dollars as written (block quote markers of its lines aside), with no TeX (no
    command, ^, { or }), and that is text by how it is written: pandoc's text right before it
    ends in a letter, digit or bracket (df$x, 245$a: a formula follows a space), or it holds
    three words; with both dollar signs escaped, as the message asks, the page has one math
    inline fewer and the marker is text."""
    quoted = claim.said(r"^pandoc reads '(.*)' as TeX math")
    close_line, close_column = claim.end_line, claim.end_column - 1
    source = claim.line_text(claim.line)
    closing = claim.line_text(close_line)[close_column - 1 : close_column]
    if source[claim.column - 1 : claim.column] != "$" or closing != "$":
        raise Unclear("the finding does not span $...$")
    written = span_text(claim, claim.line, claim.column, close_line, close_column + 1)
    written = "\n".join(line[len(quote_prefix(line)) :] if n else line for n, line in enumerate(written.split("\n")))
    if not " ".join(written.split()).startswith(quoted.rstrip("\u2026")):
        return f"the message quotes {quoted!r}, the page has {written!r}"
    content = written[1:-1]
    lines = claim.replaced(claim.line, claim.column + 1, 0, MARK)
    found = hits(claim.read(lines))
    if not found or found[0].kind != "math" or found[0].nodes[-1]["c"][0]["t"] != "InlineMath":
        return "the text between the dollars is not inline math"
    if " ".join(found[0].nodes[-1]["c"][1].replace(MARK, "", 1).split()) != " ".join(content.split()):
        return f"the math is {found[0].nodes[-1]['c'][1]!r}, not the text between the dollars"
    if TEX.search(content):
        return f"the math {content!r} holds TeX"
    inlines = at(claim.read(lines), found[0].path[:-1])
    before = inlines[found[0].path[-1] - 1] if found[0].path[-1] > 0 else None
    after_word = before is not None and before.get("t") == "Str" and re.search(r"[\w)\]]$", before["c"]) is not None
    if not after_word and len(re.findall(r"(?<![\\A-Za-z])[A-Za-z]{3,}", content)) < 3:
        return f"the math {content!r} reads as a formula: it follows no word and holds fewer than three words"
    escaped = claim.replaced(close_line, close_column + (len(MARK) if close_line == claim.line else 0), 0, "\\", lines)
    escaped = claim.replaced(claim.line, claim.column, 0, "\\", escaped)
    maths = lambda node: node.get("t") == "Math"  # noqa: E731
    ast = claim.read(escaped)
    if count(ast, maths) != count(claim.read(), maths) - 1 or not text_hits(ast):
        return "with the dollar signs escaped, the text is still math"
    return None


# --- LK5xx: config.yaml (sandpaper's R reader; PyYAML and the lines as written stand for it) ------


def _config_text(claim: Claim) -> str:
    return (claim.root / "config.yaml").read_text(encoding="utf-8")


@claim_check("LK501")
def invalid_config(claim: Claim) -> Optional[str]:
    """config.yaml is missing, does not parse, is empty or not a mapping (PyYAML's reading), or
    holds the repeated key twice at the top level as written."""
    path = claim.root / "config.yaml"
    if claim.says("is missing"):
        return None if not path.is_file() else "config.yaml exists"
    if claim.says("appears twice"):
        key = claim.said(r"Key '([^']*)' appears twice")
        return None if top_level_keys(_config_text(claim)).count(key) >= 2 else f"'{key}' is written once"
    try:
        data = yaml.safe_load(_config_text(claim))
    except yaml.YAMLError:
        return None if claim.says("not valid YAML") else "config.yaml does not parse"
    if claim.says("is empty"):
        return None if data is None else "config.yaml has content"
    return None if data is not None and not isinstance(data, dict) else "config.yaml is a mapping"


@claim_check("LK502")
def missing_config_key(claim: Claim) -> Optional[str]:
    """The keys the message names are absent from config.yaml (or the title is empty)."""
    data = yaml_config(claim) or {}
    if claim.says("'title' in config.yaml is empty"):
        return None if "title" in data and not str(data["title"] or "").strip() else "the title is not empty"
    if claim.says("no 'title'") and "title" in data:
        return "config.yaml has a title"
    if claim.says("no 'episodes'") and ("episodes" in data or "schedule" in data):
        return "config.yaml has an episodes key"
    return None


@claim_check("LK503")
def bad_config_value(claim: Claim) -> Optional[str]:
    """The value is as the message says in config.yaml: a life_cycle not among sandpaper's four,
    an empty list, a single value or a mapping, entries that are paths or repeated."""
    data = yaml_config(claim) or {}
    if claim.says(r"^life_cycle '"):
        value = data.get("life_cycle")
        return None if value not in ("pre-alpha", "alpha", "beta", "stable") else f"life_cycle is {value!r}"
    key = claim.said(r"^'(\w+)")
    value = data.get(key)
    if claim.says("is an empty list"):
        return None if value == [] else f"{key} is {value!r}"
    if claim.says("not a list of file names"):
        return None if value is not None and not isinstance(value, list) else f"{key} is a list"
    if claim.says("has entries sandpaper cannot use"):
        names = [str(item) for item in value or []]
        bad = [n for n in names if "/" in n or "\\" in n or not n.strip() or names.count(n) > 1]
        return None if bad or any(not isinstance(item, str) for item in value or []) else f"{key} lists file names"
    raise Unclear("unknown kind of bad value")


@claim_check("LK504")
def listed_file_missing(claim: Claim) -> Optional[str]:
    """Each file the message names is listed under its key and is not in that folder."""
    folder = claim.said(r"listed under '(\w+)'")
    data = yaml_config(claim) or {}
    listed = [str(item) for item in data.get(folder) or []]
    for name in re.findall(r"'([^']+)'", claim.said(r"^(.*?) (?:is|are) listed under")):
        if name not in listed:
            return f"'{name}' is not listed under {folder}"
        if (claim.root / folder / name).exists():
            return f"{folder}/{name} exists"
    return None


@claim_check("LK505")
def unlisted_page(claim: Claim) -> Optional[str]:
    """The file (the finding's own) is in episodes/, learners/, instructors/ or profiles/ and
    config.yaml's list for that folder does not name it; sandpaper builds only the listed ones (a
    blank or missing key lists all of them). What the message says the page is holds: a home
    page (index.md) in episodes/; a knitted copy beside its listed .Rmd; an empty file; a page
    pandoc reads front matter from (a draft), or none from (a planning note); the template's
    example episode (its title, introduction or a box of its items, as pandoc reads them); or a
    page whose every paragraph is a placeholder of the template, as quoted. sandpaper adds the
    setup page to a `learners:` list itself (get_resource_list, provide_setup). Where the message
    says the menu links the page, varnish's menu does link it on every page (navbar.html:
    reference.html#glossary, instructor/instructor-notes.html)."""
    folder = claim.path.parent.name
    in_folder = claim.path.is_file() and claim.path.parent.parent.resolve() == claim.root.resolve()
    if folder not in SITE_FOLDERS or not in_folder:
        return "the finding is not on a file of a folder config.yaml lists"
    data = yaml_config(claim) or {}
    listed = data.get(folder, data.get("schedule")) if folder == "episodes" else data.get(folder)
    if not listed:
        return f"config.yaml lists no {folder}, so sandpaper builds them all"
    if claim.path.name in [str(name) for name in listed]:
        return "config.yaml lists it"
    if folder == "learners" and claim.path.stem == "setup":
        return "sandpaper builds the setup page whatever the list says"
    if claim.says(r"the menu of every page links"):
        link = claim.said(r"entry to (\S+), which")
        if link not in MENU_LINKS:
            return f"varnish's menu has no link to {link}"
        mine = MENU_LINKS[link] == f"{folder}/{claim.path.stem}"
        return None if mine else f"varnish's menu link {link} is not this page's"
    if claim.says("would build it as index.html"):
        return None if claim.path.stem == "index" and folder == "episodes" else "the page is no index page"
    if claim.says("is a knitted copy of"):
        source = claim.said(r"is a knitted copy of (\S+), which config\.yaml lists")
        return None if source == f"{folder}/{claim.path.stem}.Rmd" and claim.path.suffix == ".md" and \
            (claim.root / source).is_file() and Path(source).name in [str(n) for n in listed] else \
            f"{source} is not this page's listed R Markdown source"
    text = claim.path.read_text(encoding="utf-8", errors="replace")
    if claim.says("and it is empty"):
        return None if not text.strip() else "the file has text"
    meta = _meta(claim) if claim.render_error() is None else None
    if claim.says(r"\(a draft\)"):
        return None if meta is None or meta else "pandoc reads no front matter from it"
    if claim.says("it has no front matter"):
        return None if meta == {} else "pandoc reads front matter from it"
    if claim.says("the Workbench template's example episode"):
        return None if any(_example_part(claim, part) is None for part in (
            "the title", "the introduction", "the questions", "the objectives", "the key points")) \
            else "no part of the page is the template example's"
    if claim.says("it is sandpaper's placeholder page"):
        quoted = claim.said(r"placeholder page \('(.*)'\), a leftover")
        paragraphs = _paragraphs(claim.read()["blocks"])
        if not paragraphs or not all(_is_placeholder(p) for p in paragraphs):
            return f"the page shows {paragraphs[:2]}"
        return None if _same_text(" ".join(paragraphs), quoted) else f"the page shows {paragraphs[:2]}, not {quoted!r}"
    raise Unclear("unknown kind of unlisted page")


# The pages varnish's menu links on every page (inst/pkgdown/templates/navbar.html), and their sources.
MENU_LINKS = {"reference.html#glossary": "learners/reference",
              "instructor/instructor-notes.html": "instructors/instructor-notes"}


# The top-level config.yaml keys sandpaper and varnish read (sandpaper-docs, "config.yaml").
SANDPAPER_KEYS = ("title", "carpentry", "carpentry_description", "life_cycle", "license", "source", "branch",
                  "contact", "created", "keywords", "episodes", "learners", "instructors", "profiles", "url",
                  "analytics", "lang", "overview", "handout", "sandpaper", "varnish")


@claim_check("LK506")
def unknown_config_key(claim: Claim) -> Optional[str]:
    """The key is written at the top level of config.yaml, is not the key the message suggests,
    and is close to it; the suggestion is a key sandpaper documents (or lessonkit's own). That
    sandpaper ignores the key is its documentation's to say."""
    key, suggested = claim.said(r"key '([^']*)', which sandpaper ignores; did you mean '([^']*)'", None).groups()
    if key not in top_level_keys(_config_text(claim)):
        return f"'{key}' is not a top-level key"
    if suggested not in SANDPAPER_KEYS + ("lessonkit", "glosario", "doi", "schedule", "license_url", "languages",
                                          "disable_sidebar_numbering", "pegboard", "workbench-beta"):
        return f"'{suggested}' is no key sandpaper documents"
    return None if key != suggested and close_enough(key.lower().replace("-", "_"), suggested, 0.75) else \
        f"'{key}' is not close to '{suggested}'"


@claim_check("LK507")
def missing_recommended_key(claim: Claim) -> Optional[str]:
    """Each key the message names is absent from config.yaml, or empty."""
    data = yaml_config(claim) or {}
    keys = re.findall(r"'(\w+)'", claim.said(r"^(?:config\.yaml has no )?(.*?)(?::| in config\.yaml is empty)"))
    present = [key for key in keys if str(data.get(key) or "").strip()]
    return f"config.yaml sets {present}" if present else None


# The template's config.yaml values for its user to replace (workbench-template-md's config.yaml).
CONFIG_PLACEHOLDERS = {"carpentry_description": "Lesson Description", "title": "Lesson Title"}


@claim_check("LK508")
def config_placeholder(claim: Claim) -> Optional[str]:
    """The value as written: config.yaml (PyYAML's reading) sets the key, on the finding's line,
    to the template's placeholder. The oracle renders a page's body, not varnish's header, so
    the logo's alt text and the page titles the message speaks of are sandpaper's templates'
    to say; that they come from these keys is sandpaper's documentation of config.yaml."""
    key, value = claim.said(r"^'(\w+): (.*?)' is the lesson template's placeholder", None).groups()
    if CONFIG_PLACEHOLDERS.get(key) != value:
        return f"{value!r} is not the template's {key}"
    written = _config_text(claim).split("\n")
    if not re.match(rf"{key}[ \t]*:", written[claim.line - 1] if claim.line <= len(written) else ""):
        return f"line {claim.line} of config.yaml does not set {key}"
    found = (yaml_config(claim) or {}).get(key)
    return None if isinstance(found, str) and found.strip() == value else f"config.yaml sets {key}: {found!r}"


@claim_check("LK509")
def config_other_repository(claim: Claim) -> Optional[str]:
    """Values as written: config.yaml's key (PyYAML's reading) names the repository (source: its
    owner/name on the host) or site (url: its first path segment, or a github.io host) the
    message gives; the lesson's git remote, as git reads the repository's config (origin first),
    is the one the message names, and no remote has a repository of that name; the address the
    message suggests is that remote's (source) or its GitHub Pages site (url)."""
    key, other, own = claim.said(r"^'(source|url)' names (\S+), but this lesson's git remote is (\S+?):", None).groups()
    value = (yaml_config(claim) or {}).get(key)
    if not isinstance(value, str):
        return f"config.yaml sets no {key}"
    remotes = [(name, repository_of(address)) for name, address in git_remotes(claim)]
    remotes = [(name, repo) for name, repo in remotes if repo is not None]
    if not remotes:
        return "the lesson has no git remote"
    host, owner, name = remotes[0][1]
    if own.lower() != f"{owner}/{name}":
        return f"the lesson's git remote is {owner}/{name}"
    if key == "source":
        named = repository_of(value)
        if named is None or f"{named[1]}/{named[2]}" != other.lower():
            return f"source is {value!r}"
        other_name = named[2]
        suggested = f"https://{host}/{own}"
    else:
        parts = urlsplit(value.strip())
        first = next((s for s in parts.path.split("/") if s), None)
        other_name = (first or parts.hostname or "").lower()
        if other_name != other.lower():
            return f"url is {value!r}"
        suggested = f"https://{owner}.github.io/{own.split('/', 1)[1]}" if host == "github.com" else None
    if other_name in {repo[2] for _, repo in remotes}:
        return f"a remote of the lesson is a repository named {other_name}"
    if claim.says(r"own address \("):
        written = claim.said(r"own address \((\S+)\)$")
        if suggested is None or written.lower() != suggested.lower():
            return f"the remote's address is {suggested!r}, not {written!r}"
    return None


# --- LK6xx: prerequisites and setup ----------------------------------------------------------


def _is_prerequisites_box(node: dict) -> bool:
    """A prereq box on the built page, or a checklist box titled Prerequisites."""
    if node.get("t") != "Div":
        return False
    classes = node["c"][0][1]
    if "prereq" in classes and "callout" in classes:
        return True
    return "checklist" in classes and "callout" in classes and \
        re.match(r"prerequisites?\b", shown(node).lower().replace("checklist", "", 1).strip()) is not None


@claim_check("LK601")
def prerequisites_missing(claim: Claim) -> Optional[str]:
    """The built home page (the render of index.md, else of index.Rmd, which sandpaper knits to
    it) has no prerequisites box; where the message says the prerequisites are written as a
    section or another box, that heading is on the page; a lesson said to have no home page has
    neither file."""
    homes = [name for name in ("index.md", "index.Rmd") if (claim.root / name).exists()]
    if claim.says("there is no index.md nor index.Rmd"):
        return None if not homes else f"{homes[0]} exists"
    if not homes:
        return "the lesson has no home page"
    built = claim.built(rel=homes[0])
    if count(built, _is_prerequisites_box):
        return "the built home page has a prerequisites box"
    if claim.says("The prerequisites are written"):
        heading, _ = _built_heading(claim, claim.line, lines=claim.source_lines(homes[0]), rel=homes[0])
        return None if heading is not None else "the heading is not on the built page"
    return None


@claim_check("LK602")
def prerequisites_empty(claim: Claim) -> Optional[str]:
    """The built page has a prerequisites box whose content, below its title, is empty."""
    empty = []

    def visit(node):
        if isinstance(node, list):
            for x in node:
                visit(x)
        elif isinstance(node, dict):
            if _is_prerequisites_box(node):
                contents = [n for n in _walk(node) if n.get("t") == "Div" and "callout-content" in n["c"][0][1]]
                if contents and not any(b.get("t") != "Div" or b["c"][1] for b in contents[0]["c"][1]):
                    empty.append(node)
            visit(node.get("c"))

    visit(claim.built()["blocks"])
    return None if empty else "every prerequisites box on the built page has content"


def _walk(node):
    if isinstance(node, list):
        for x in node:
            yield from _walk(x)
    elif isinstance(node, dict):
        yield node
        yield from _walk(node.get("c"))


@claim_check("LK603")
def setup_missing(claim: Claim) -> Optional[str]:
    """There is no learners/setup.md nor learners/setup.Rmd."""
    present = [name for name in ("setup.md", "setup.Rmd") if (claim.root / "learners" / name).exists()]
    return f"learners/{present[0]} exists" if present else None


@claim_check("LK604")
def package_not_installed(claim: Claim) -> Optional[str]:
    """The code on the line (a code block, as pandoc reads the episode) imports or loads the
    package, and no built setup page names it (as a word of its text, code or links, by the name
    it installs by or is imported by) nor sends learners to another lesson's or workshop's setup
    page (see _other_setup_page). Whether a page gets it installed some other way is for a
    reader."""
    found = claim.said(r"(Python|R) package '([^']*)'(?: \(imported as '([^']*)'\))?", None)
    language, distribution, imported = found.group(1), found.group(2), found.group(3) or found.group(2)
    ast = claim.read(_marked_content(claim.lines, claim.line, MARK + " "))
    if not any(hit.kind in ("code block", "code") for hit in hits(ast)):
        return "the line is not code"
    code = claim.line_text(claim.line)
    name = re.escape(imported.split(".")[0])
    pattern = (rf"\b(?:import|from)\s+{name}\b" if language == "Python"
               else rf"\b(?:library|require|requireNamespace|p_load)\s*\(\s*['\"]?{name}\b|\b{name}::")
    if not re.search(pattern, code):
        return f"line {claim.line} does not import {imported}"
    for rel in (page.rel for page in claim.lesson.pages.values()
                if page.kind == "learner" and page.path.name.lower().startswith("setup") and page.error is None):
        ast = claim.read(rel=rel)
        words = set(re.findall(r"[\w-]+(?:\.[\w-]+)*", (shown(ast["blocks"]) + " " + " ".join(
            link_target(n) for n in _walk(ast["blocks"]) if n.get("t") in ("Link", "Image"))).lower()))
        for wanted in {distribution.lower(), imported.lower(), imported.split(".")[0].lower()}:
            if wanted in words:
                return f"{rel} names '{wanted}'"
        for node in _walk(ast["blocks"]):
            if node.get("t") == "Link" and _other_setup_page(link_target(node)):
                return f"{rel} sends learners to {link_target(node)} to install"
    return None


LESSON_SITES = ("github.io", "carpentries.org", "software-carpentry.org", "datacarpentry.org", "librarycarpentry.org",
                "hpc-carpentry.org")


def _other_setup_page(href: str) -> bool:
    """A page of a lesson or workshop site (GitHub Pages, the Carpentries' domains) whose address
    says setup or install: what it has learners install is that page's to say."""
    address = urlsplit(href)
    host = (address.hostname or "").lower()
    on_lesson_site = any(host == site or host.endswith("." + site) for site in LESSON_SITES)
    return address.scheme in ("http", "https") and on_lesson_site and \
        re.search(r"setup|install", (address.path + "#" + address.fragment).lower()) is not None


# --- LK7xx: timing ----------------------------------------------------------------------------


@claim_check("LK701")
def long_episode(claim: Claim) -> Optional[str]:
    """pandoc's metadata gives the teaching and exercise minutes the message adds up (sandpaper's
    5 for a value it cannot read), longer than the block; no instructor note with a heading that
    starts with "Break" is on the page, or (for a stretch) the stretch the message names is longer."""
    found = claim.said(r"takes (\d+) minutes \(teaching (\d+) \+ exercises (\d+)\).*?(\d+)-minute block", None)
    total, teaching, exercises, block = (int(g) for g in found.groups())
    meta = _meta(claim)
    for key, minutes in (("teaching", teaching), ("exercises", exercises)):
        value = meta_text(meta.get(key)) if key in meta else None
        read = int(value) if value and re.fullmatch(r"[0-9]+", value) else 5
        if read != minutes:
            return f"{key} is {value!r}, not {minutes} minutes"
    if total != teaching + exercises or total <= block:
        return f"{teaching} + {exercises} minutes is not {total}, longer than {block}"
    notes = [n for n in _walk(claim.read()["blocks"]) if n.get("t") == "Div" and "instructor" in n["c"][0][1]]
    breaks = [note for note in notes
              if any(n.get("t") == "Header" and shown(n).lower().startswith("break") for n in _walk(note["c"][1]))]
    if claim.says("marks no break"):
        return f"the page marks {len(breaks)} break(s)" if breaks else None
    start, end = (int(g) for g in claim.said(r"from minute (\d+) to minute (\d+)", None).groups())
    return None if breaks and end - start > block else "the stretch is no longer than the block"


# --- LK8xx: code ------------------------------------------------------------------------------


@claim_check("LK801")
def code_without_language(claim: Claim) -> Optional[str]:
    """pandoc reads a code block with no class there: a line written right after the fence is in
    a code block with no language, and in no table cell (where a language would give the cell
    sandpaper's code label, an h3). Where the message says the block starts with another fence
    or a styles class, pandoc's code block does start with that line."""
    if claim.says(r"^This fence opens a code block whose first line is"):
        first = claim.said(r"first line is (?:the fence|the styles template's) '(.*?)'").rstrip("\u2026")
        source = claim.line_text(claim.line)
        marked = claim.inserted(claim.line + 1, [source[: re.match(r"[ \t>]*", source).end()] + MARK])
        found = [hit for hit in hits(claim.read(marked)) if hit.kind == "code block"]
        if not found:
            return "the fence opens no code block"
        held = [line.strip() for line in found[0].nodes[-1]["c"][1].split("\n")[1:] if line.strip()]
        return None if held and held[0].startswith(first) else f"the code block starts with {held[:1]}"
    below = claim.line_text(claim.line + 1)
    if re.match(r"[ \t>|]*[^ \t>|`~]", below):  # the block's first line: marked in place
        found = [hit for hit in hits(claim.read(_char_marked(claim.lines, claim.line + 1)), SNOW)
                 if hit.kind == "code block"]
    else:
        source = claim.line_text(claim.line)
        fence = re.match(r"[ \t>]*", source).end()
        lines = claim.inserted(claim.line + 1, [source[:fence] + MARK])
        found = [hit for hit in hits(claim.read(lines)) if hit.kind == "code block"]
    if not found:
        return "the line after the fence is not code"
    if found[0].within("Table"):
        return "the code block is in a table cell"
    classes = found[0].nodes[-1]["c"][0][1]
    return f"the code block has the classes {classes}" if classes else None


@claim_check("LK802")
def unclosed_fence(claim: Claim) -> Optional[str]:
    """The fence is shown as text, and the line below it is not code. For an opener with text
    glued to it: that line and the closer the message names are shown as text, and with the
    fence alone on its line and the glued text below it, pandoc reads one code block, which
    holds that text and ends at the closer."""
    if claim.says(r"^This line starts like a code fence"):
        return _glued_opener(claim)
    fence = claim.said(r"^Code fence '([^']*)'")
    source = claim.line_text(claim.line)
    column = source.find(fence) + 1
    as_text = shown_as_text(claim, claim.line, column, source[column - 1 :].rstrip())
    if as_text:
        return as_text
    below = claim.line + 1
    if below <= len(claim.lines) and claim.line_text(below).strip():
        found = hits(claim.read(_marked_content(claim.lines, below, MARK)))
        if found and found[0].kind == "code block":
            return "the line below the fence is code"
    return None


def _glued_opener(claim: Claim) -> Optional[str]:
    run = claim.said(r"after '([`~]+)' it takes")
    closer = int(claim.said(r"the fence on line (\d+)"))
    source = claim.line_text(claim.line)
    as_text = shown_as_text(claim, claim.line, claim.column, source[claim.column - 1 :].rstrip())
    if as_text:
        return as_text
    closing = claim.line_text(closer)
    column = closing.find(run[0] * 3) + 1
    as_text = shown_as_text(claim, closer, column, closing[column - 1 :].rstrip()) if column else "no fence there"
    if as_text:
        return f"the closer on line {closer}: {as_text}"
    glued = len(source) - claim.column + 1 - len(run)
    alone = claim.replaced(claim.line, claim.column + len(run), glued, "")
    below = source[: claim.column - 1] + MARK + source[claim.column - 1 + len(run) :]
    split = claim.inserted(claim.line + 1, [below], alone)
    found = hits(claim.read(split))
    if not found or found[0].kind != "code block":
        return "with the fence alone on its line, the glued text is not in a code block"
    held = found[0].block["c"][1].split("\n")
    if len(held) != closer - claim.line:
        return f"that code block holds {len(held)} lines, not up to the closer"
    return None


# --- LK9xx: the styles template ----------------------------------------------------------------


@claim_check("LK901")
def styles_syntax(claim: Claim) -> Optional[str]:
    """Kramdown and Liquid are shown as text (see shown_as_text), Liquid in an HTML tag stays in
    the built page's HTML; a code class has a code fence closing right above it (or, where the
    message says there is none, text); a block class names a box sandpaper has. A block quote headed by a
    heading is a quotation on the built page, not a box: its heading's text is in a block quote
    and in no box. A styles box holds no fenced div of sandpaper's (else the message says so),
    and the class suggested for it is one of sandpaper's boxes, the one its heading names when
    it names one. A quote said to be the title of the box below it holds that heading alone, and
    the box it names is the next block of the built page but for a few paragraphs, titled with
    sandpaper's default (its class, capitalised)."""
    if claim.says(r"^Block quote headed"):
        return _quoted_box(claim)
    if claim.says(r"^Block quote holding only the heading"):
        return _quoted_title(claim)
    matched = claim.said(r"^(?:Kramdown [\w ]+|Liquid \w+) '(.*?)' from the styles template")
    if claim.says("the HTML tag keeps it"):
        found = hits(claim.read(claim.replaced(claim.line, claim.column, len(matched), MARK)))
        return None if found and found[0].kind == "raw" else "it is not in the page's HTML"
    as_text = shown_as_text(claim, claim.line, claim.column, matched)
    if as_text:
        return as_text
    if claim.says(r"^Kramdown code class"):
        above = claim.line_text(claim.line - 1)
        closed = re.match(r"[ \t>]*(`{3,}|~{3,})[ \t]*$", above) is not None
        if claim.says("are no code block"):
            found = hits(claim.read(_marked_content(claim.lines, claim.line - 1, MARK)))
            if closed or not found or found[0].kind != "text":
                return "the line above it is not text"
        elif not closed:
            return "no code fence closes right above it"
    if claim.says(r"^Kramdown block class"):
        kind = claim.said(r"'::: ([\w-]+)'")
        if kind not in box_classes():
            return f"'{kind}' is not one of sandpaper's boxes"
    return None


def _quoted_title(claim: Claim) -> Optional[str]:
    kind = claim.said(r"is the title of the '([\w-]+)' box")
    blocks = claim.built(marked_heading(claim, claim.line))["blocks"]
    at = next((i for i, block in enumerate(blocks) if MARK in json.dumps(block)), None)
    if at is None or blocks[at]["t"] != "BlockQuote":
        return "the heading is not in a top-level block quote on the built page"
    if [block["t"] for block in blocks[at]["c"]] != ["Header"]:
        return "the quote holds more than the heading"
    following = blocks[at + 1:]
    gap = next((i for i, block in enumerate(following) if block["t"] != "Para"), len(following))
    if gap > 2 or gap == len(following) or following[gap]["t"] != "Div" or kind not in following[gap]["c"][0][1]:
        return f"no '{kind}' box follows the quote"
    titles = [shown(node) for node in _walk(following[gap]) if node.get("t") == "Header"
              and "callout-title" in node["c"][1][1]]
    if titles[:1] != [kind.capitalize()]:
        return f"the box is titled {titles[:1]}, not sandpaper's default"
    return None


def _quoted_box(claim: Claim) -> Optional[str]:
    title_line = next((n for n in range(claim.line, min(claim.line + 3, len(claim.lines)) + 1)
                       if heading_text_span(claim.line_text(n)) and re.match(r"[ \t>]*#", claim.line_text(n))), None)
    if title_line is None:
        raise Unclear("no heading at the top of the quote")
    ast = claim.built(marked_heading(claim, title_line))
    found = text_hits(ast)
    if not found or not found[0].within("BlockQuote"):
        return "the heading is not in a block quote on the built page"
    quote = next(n for n in found[0].nodes if n.get("t") == "BlockQuote")
    outer = found[0].nodes[: found[0].nodes.index(quote)]
    if any(n.get("t") == "Div" and is_box(n["c"][0][1]) for n in outer[-1:]):
        return "the quotation is inside a box"
    holds_box = any(n.get("t") == "Div" and is_box(n["c"][0][1]) for n in _walk(quote["c"]))
    kind = claim.said(r"'::: ([\w-]+)'")
    if holds_box != claim.says(r"holds a|inside a quotation"):
        return "the quote holds a box of sandpaper's" if holds_box else "the quote holds no box"
    if kind not in box_classes():
        return f"'{kind}' is not one of sandpaper's boxes"
    title = literal(claim.line_text(title_line)).lower()
    named = [name for name in sorted(box_classes()) if re.search(rf"\b{name}\b", title)]
    if named and kind not in named:
        return f"the heading names '{named[0]}', the message suggests '{kind}'"
    return None


@claim_check("LK902")
def styles_layout_link(claim: Claim) -> Optional[str]:
    """The built page links, at the finding, into the lesson's own repository on GitHub (one its
    git remotes name, as git reads them, or config.yaml's source unless no remote is a
    repository of that name: a source the remotes say is another lesson's), at the folder the
    message names right after the branch, as the styles template laid a repository out; where
    the message says where the file is now, that is the rest of the link's path under the
    Workbench's folder. That GitHub answers 404 there is the web's to say (the folder is gone
    from the Workbench's layout)."""
    folder = claim.said(r"laid it out \('([\w]+)/'\)")
    node = marked_link(claim)
    if node is None:
        raise Unclear("the finding points at no link")
    href = link_target(node).strip()
    parts = urlsplit(href)
    segments = [unquote(s) for s in parts.path.split("/") if s]
    host = (parts.hostname or "").lower().removeprefix("www.")
    if host == "github.com" and len(segments) >= 5 and segments[2] in ("blob", "tree", "edit", "raw", "blame"):
        repo, rest = segments[:2], segments[4:]
    elif host == "raw.githubusercontent.com" and len(segments) >= 4:
        repo, rest = segments[:2], segments[3:]
    else:
        return f"the built page links to {href!r}, no file of a GitHub repository"
    if rest[0] != folder:
        return f"the link's path is {'/'.join(rest)!r}, not under {folder}/"
    own = {repository_of(address) for _, address in git_remotes(claim)} - {None}
    source = (yaml_config(claim) or {}).get("source")
    named = repository_of(str(source)) if source else None
    if named is not None and (not own or named[2] in {repo[2] for repo in own}):
        own.add(named)
    if ("github.com", repo[0].lower(), repo[1].lower().removesuffix(".git")) not in own:
        return f"{'/'.join(repo)} is not the lesson's own repository"
    if claim.says("it is now "):
        now = claim.said(r"it is now (\S+) on the default branch")
        if now.split("/", 1)[1:] != ["/".join(rest[1:])] or now.split("/")[0] not in SITE_FOLDERS:
            return f"the link's file {'/'.join(rest)!r} is not {now!r} in the Workbench's folders"
    return None


@claim_check("LK903")
def split_attributes(claim: Claim) -> Optional[str]:
    """The kramdown attribute list, split over lines, shows as text on the built page: its part
    on its first line and its part on its last, each written as a marker word, land in the text
    of one paragraph, the page's blocks stay as they are, and that paragraph shows the list the
    message quotes as typed."""
    written, first, last = claim.said(r"^Kramdown attribute list '(.*)' from the styles template, split over lines "
                                      r"(\d+)-(\d+)", None).groups()
    if (int(first), int(last)) != (claim.line, claim.end_line) or claim.end_line <= claim.line:
        raise Unclear("the lines the message names are not the finding's")
    span = span_text(claim, claim.line, claim.column, claim.end_line, claim.end_column)
    if " ".join(span.replace(">", " ").split()) != written:
        return f"the page has {span!r}, not {written!r}"
    head = claim.lines[claim.line - 1][claim.column - 1 :]
    tail_line = claim.lines[claim.end_line - 1]
    tail_start = len(quote_prefix(tail_line)) + 1
    lines = claim.replaced(claim.end_line, tail_start, claim.end_column - tail_start, MARK2)
    lines = claim.replaced(claim.line, claim.column, len(head), MARK, lines)
    ast = claim.built(lines)
    one, two = text_hits(ast, MARK), text_hits(ast, MARK2)
    if not one or not two or one[0].block_path != two[0].block_path:
        return "the attribute list is not text of one paragraph on the built page"
    if skeleton(ast["blocks"]) != skeleton(claim.built()["blocks"]):
        return "the attribute list is structure to pandoc: written as words instead, the page's blocks change"
    block = at(claim.built(), one[0].block_path)
    return None if shows(shown(block), written) else f"the built page shows {shown(block)[:120]!r}"
