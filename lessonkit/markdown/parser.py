"""The markdown-it-py parser configured to read pages as pandoc's ``markdown`` does."""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.common.utils import normalizeReference
from markdown_it.rules_block import blockquote, hr, table
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline, autolink, backtick, html_inline, image, link
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin

from .attributes import LOOKS_LIKE_ATTRIBUTES, parse_attributes, scan_attributes
from .blocks import atx_heading, fence, html_block, list_block, paragraph, setext_heading
from .destinations import with_pandoc_destinations
from .divs import DivState, fenced_div, install_container_hook
from .extract import extract, extract_inline, join_text
from .model import ParsedPage, UnreadAttributes
from .nbsp import NBSP, nbsp_indented_lines, nbsp_indents, with_spaces
from .tables import dash_table, grid_table

HEADING_ATTRIBUTES = re.compile(r"[ \t]*(\{[^{}]*\})[ \t]*$")
# the attribute block may run over lines (a long alt text), but not over a blank one
REFERENCE_ATTRIBUTES = re.compile(
    r"^( {0,3}\[((?:[^\]\\\n]|\\.)+)\]:[^\n]*?)([ \t]*\n?[ \t]*)(\{(?:[^{}\n]|\n(?![ \t]*\n))*\})[ \t]*$",
    re.MULTILINE,
)


def _heading_attributes(state: StateCore) -> None:
    """pandoc's header_attributes: a trailing ``{#id .class}`` on a heading line. One that pandoc
    cannot read stays in the heading's text, and is recorded."""
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        inline = tokens[index + 1]
        match = HEADING_ATTRIBUTES.search(inline.content)
        if match:
            block = match.group(1)
            attributes = parse_attributes(block)
            if attributes is not None:
                inline.content = inline.content[: match.start()].rstrip()
                token.meta["attributes"] = attributes
            elif LOOKS_LIKE_ATTRIBUTES.match(block) and token.map:
                line = state.src.split("\n")[token.map[0]]
                problem = scan_attributes(block).problem
                unread = UnreadAttributes(block, "heading", problem, token.map[0] + 1, line.rfind(block) + 1)
                state.env["lessonkit"].page.unread_attributes.append(unread)


def _reference_attributes(state: StateCore) -> None:
    """pandoc's link_attributes on reference definitions, on the same or the next line, and
    running over lines: ``[label]: fig/p.png "Title"`` then ``{alt='...'}``. markdown-it does not
    know them, so they are blanked out of the source (keeping every line and column) and kept in
    env by label."""
    if "]:" not in state.src or "{" not in state.src:
        return
    found = state.env.setdefault("reference_attributes", {})

    def blank(match: re.Match) -> str:
        attributes = parse_attributes(match.group(4))
        if attributes is None:
            return match.group(0)
        found[normalizeReference(match.group(2))] = attributes.values
        return match.group(1) + match.group(3) + re.sub(r"[^\n]", " ", match.group(4))

    state.src = REFERENCE_ATTRIBUTES.sub(blank, state.src)


POSITIONED = ("link_open", "image", "html_inline", "code_inline")


def _with_position(rule):
    """Wrap an inline rule so that the token it makes records where its source starts and ends."""

    def positioned(state: StateInline, silent: bool) -> bool:
        start, count = state.pos, len(state.tokens)
        if not rule(state, silent):
            return False
        if not silent:
            for token in state.tokens[count:]:  # a flush of pending text may come first
                if token.type in POSITIONED:
                    token.meta["span"] = (start, state.pos)
                    break
        return True

    return positioned


def _inline_and_hand_over(state: StateCore) -> None:
    """markdown-it's inline rule, one inline token at a time: each token's children go to the
    model (extract_inline) as soon as they are parsed, then are dropped, so the token tree of
    the whole page never exists at once and a large page needs little more memory than its
    model. Footnote definitions keep their children: the footnote rule moves them to the end of
    the page (or drops them when nothing refers to them), where extract() takes them."""
    md = state.md
    env = state.env
    page = env["lessonkit"].page
    lines = env["lines"]
    tokens = state.tokens
    in_footnote = False
    for index, token in enumerate(tokens):
        kind = token.type
        if kind == "footnote_reference_open" or kind == "footnote_reference_close":
            in_footnote = kind == "footnote_reference_open"
        if kind != "inline":
            continue
        children: list = []
        md.inline.parse(token.content, md, env, children)
        token.children = join_text(children)
        if not in_footnote:
            extract_inline(page, token, lines, env, heading=index > 0 and tokens[index - 1].type == "heading_open")
            token.children = []


@lru_cache(maxsize=1)
def markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"maxNesting": 64})
    md.enable("table")
    rules = md.block.ruler
    # "alt" names what each rule may cut short: pandoc lets nothing but a div closer, a closed
    # backtick fence and block HTML end a paragraph or a block quote's lazy line.
    rules.at("table", table, {"alt": []})
    rules.at("fence", fence, {"alt": ["blockquote", "list", "reference"]})
    rules.at("blockquote", blockquote, {"alt": ["reference"]})
    rules.at("hr", hr, {"alt": ["list", "reference"]})
    rules.at("list", list_block, {"alt": ["reference"]})
    rules.at("html_block", html_block, {"alt": ["blockquote", "reference"]})
    rules.at("heading", atx_heading, {"alt": ["reference"]})
    rules.at("lheading", setext_heading, {"alt": []})
    rules.at("paragraph", paragraph, {"alt": []})
    rules.before("table", "fenced_div", fenced_div, {"alt": ["blockquote", "list", "reference"]})
    rules.before("table", "grid_table", grid_table, {"alt": []})
    rules.before("table", "dash_table", dash_table, {"alt": []})
    footnote_plugin(md)
    deflist_plugin(md)
    positioned = (("link", with_pandoc_destinations(link)), ("image", with_pandoc_destinations(image)),
                  ("autolink", autolink), ("html_inline", html_inline), ("backticks", backtick))
    for name, rule in positioned:
        md.inline.ruler.at(name, _with_position(rule))
    md.core.ruler.at("inline", _inline_and_hand_over)
    md.core.ruler.before("inline", "heading_attributes", _heading_attributes)
    md.core.ruler.after("normalize", "reference_attributes", _reference_attributes)
    install_container_hook(md)
    return md


def parse_page(text: str, references: dict | None = None) -> ParsedPage:
    """Parse one page (front matter already blanked out) into the lesson model's page tree.

    references: reference definitions from elsewhere (links.md), as markdown-it's env keeps them.
    """
    page = ParsedPage()
    line_count = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
    inherited = {label: dict(value, inherited=True) for label, value in (references or {}).items()}
    env = {"lessonkit": DivState(page, line_count), "references": inherited, "lines": text.split("\n")}
    tokens = markdown().parse(text, env)
    extract(page, tokens, env)
    page.references = {label: value for label, value in env["references"].items() if not value.get("inherited")}
    if NBSP in text:
        indented = nbsp_indented_lines(text)
        if indented:
            spaced = parse_page(with_spaces(text), references)
            page.nbsp_indents = nbsp_indents(indented, page.blocks, spaced.blocks, env["lines"])
    return page
