"""Walk markdown-it tokens once and build the page model: headings, links, code."""

from __future__ import annotations

import re
from bisect import bisect_right
from urllib.parse import unquote

from markdown_it.common.utils import normalizeReference

from .attributes import LOOKS_LIKE_ATTRIBUTES, parse_attributes, scan_attributes
from .ids import IdentifierRegistry, with_emoji
from .model import (BareUrl, Block, CodeBlock, Heading, Link, ParsedPage, RawHtml, ReferenceDefinition, Span,
                    SpacedReference, UndefinedReference, UnreadAttributes)

CODE_SPAN = re.compile(r"(`+)(?:(?!\1)[\s\S])+?\1")
FULL_REFERENCE = re.compile(r"(!?)\[([^\[\]]*)\]\[([^\[\]]*)\]")
ATTRIBUTE_ID = re.compile(r"[\])](\{[^{}\n]*#[^{}\n]*\})")
SPAN_ATTRIBUTES = re.compile(r"\](?=\{)")
SMART_DASHES = (("---", "\u2014"), ("--", "\u2013"), ("...", "\u2026"))
HTML_HEADING = re.compile(r"<h([1-6])(\s[^>]*)?>", re.IGNORECASE)
HTML_ID_ATTRIBUTE = re.compile(r"""\sid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
HTML_TAG = re.compile(r"<[^>]*>")
BARE_URL = re.compile(r"(?<![\w/])https?://[^\s<>\"'`]+", re.IGNORECASE)
# Block tokens recorded in the page's block list, by the kind the model calls them.
BLOCK_KINDS = {
    "paragraph_open": "paragraph", "heading_open": "heading", "bullet_list_open": "bullet_list",
    "ordered_list_open": "ordered_list", "table_open": "table", "grid_table_open": "table", "fence": "code",
    "code_block": "code", "blockquote_open": "blockquote", "dl_open": "deflist", "html_block": "html", "hr": "hr",
    "inline": "inline",
}


def stringify(children, smart: bool = True) -> str:
    """Plain text of inline tokens, as pandoc's stringify gives it (raw HTML and notes dropped).

    smart: as sandpaper's reader makes the text (typographic dashes, emoji for shortcodes)."""
    parts = []
    for child in children or ():
        kind = child.type
        if kind == "text":
            parts.append(_typographic(child.content, child.meta.get("literal", ())) if smart else child.content)
        elif kind == "code_inline":
            parts.append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif kind == "image":
            parts.append(stringify(child.children, smart))
        elif kind == "footnote_ref":
            parts.append(child.meta.get("label", ""))  # pandoc ids see the note's label
    return "".join(parts)


def _typographic(text: str, literal) -> str:
    """text with typographic dashes, ellipses and emoji, as sandpaper's reader makes them, except
    in the literal spans (start, end): an escaped character or an entity is kept as written."""
    pieces, start = [], 0
    for begin, end in (*literal, (len(text), len(text))):
        plain = text[start:begin]
        if "--" in plain or "..." in plain:
            for written, typographic in SMART_DASHES:
                plain = plain.replace(written, typographic)
        pieces += (with_emoji(plain), text[begin:end])
        start = end
    return "".join(pieces)


class _InlineSource:
    """Maps offsets in an inline token's content back to lines and columns of the file."""

    def __init__(self, token, lines: list[str]) -> None:
        self.content = token.content
        self.first_line = token.map[0] if token.map else 0
        self.lines = lines
        self.starts = [0] + [m.end() for m in re.finditer("\n", self.content)]
        self.shifts: dict[int, int] = {}

    def position(self, offset: int) -> tuple[int, int]:
        index = bisect_right(self.starts, offset) - 1
        line_number = self.first_line + index
        if index not in self.shifts:
            start = self.starts[index]
            end = self.starts[index + 1] - 1 if index + 1 < len(self.starts) else len(self.content)
            piece = self.content[start:end]
            source = self.lines[line_number] if line_number < len(self.lines) else ""
            shift = source.find(piece) if piece else -1
            self.shifts[index] = shift if shift >= 0 else len(source) - len(source.lstrip())
        return line_number + 1, self.shifts[index] + offset - self.starts[index] + 1


def _link_attributes(page: ParsedPage, source, end: int, kind: str) -> dict[str, str]:
    """The {attributes} right after an inline link or image ending at end. A block meant as its
    attributes that pandoc prints as text (unreadable, or not directly after it) is recorded."""
    content = source.content
    brace = end
    while brace < len(content) and content[brace] in " \t\n":
        brace += 1
    if brace == len(content) or content[brace] != "{":
        return {}
    if brace == end:
        scan = scan_attributes(content, end)
        if scan.attributes is not None:
            return scan.attributes.values
        if LOOKS_LIKE_ATTRIBUTES.match(content, end):
            _unread(page, source, brace, kind, scan.problem)
    elif content.count("\n", end, brace) <= 1 and LOOKS_LIKE_ATTRIBUTES.match(content, brace):
        _unread(page, source, brace, kind, "")
    return {}


def _unread(page: ParsedPage, source, brace: int, after: str, reason: str) -> None:
    content = source.content
    close = content.find("}", brace)
    line_end = content.find("\n", brace)
    end = close + 1 if close >= 0 else (line_end if line_end >= 0 else len(content))
    line, column = source.position(brace)
    page.unread_attributes.append(UnreadAttributes(content[brace:end], after, reason, line, column))


def _shortcut(raw: str) -> bool:
    """Whether a reference link's source is the shortcut form, [label] alone."""
    depth = 0
    for index, char in enumerate(raw):
        depth += (char == "[") - (char == "]")
        if depth == 0:
            return index == len(raw) - 1
    return False


def _spaced_reference(page: ParsedPage, source, start: int, label: str, spans) -> None:
    """Record [text] [label] when the shortcut reference link at start follows a bracket group
    across white space (one line break at most)."""
    content = source.content
    close = start - 1
    while close >= 0 and content[close] in " \t\n":
        close -= 1
    if close < 0 or close == start - 1 or content[close] != "]" or content.count("\n", close, start) > 1:
        return
    opening = content.rfind("[", 0, close)
    text = content[opening + 1 : close]
    if opening < 0 or "]" in text or not text.strip() or text[0] in "^@" or text in ("x", "X"):
        return
    if content[opening - 1 : opening] in ("]", "\\") or any(s <= opening < e for s, e in spans):
        return  # part of a full reference [a][b], an escaped bracket, or a link itself
    image = content[opening - 1 : opening] == "!"
    line, column = source.position(opening - 1 if image else opening)
    page.spaced_references.append(SpacedReference(" ".join(text.split()), label, line, column, image))


def _reference_label(source: str) -> str | None:
    if source.endswith(")") or source.startswith("<"):
        return None
    last = source.rfind("[")
    label = source[last + 1 : -1]
    return label or source[source.find("[") + 1 : source.find("]")]


def trim_url(url: str) -> str:
    """A bare URL without the sentence punctuation after it (closing brackets only if unbalanced)."""
    while url:
        last = url[-1]
        if last in ".,;:!?*_'\"" or (last == ")" and url.count("(") < url.count(")")) or (last == "]" and url.count("[") < url.count("]")):
            url = url[:-1]
        else:
            break
    return url


def _inline(page: ParsedPage, token, lines: list[str], env: dict) -> None:
    """Links, images, raw HTML, bare URLs and bracketed ids of one inline token."""
    children = token.children or []
    source = None
    spans = []
    for index, child in enumerate(children):
        kind = child.type
        span = child.meta.get("span") if kind in ("link_open", "image", "html_inline", "code_inline") else None
        if span is None:
            continue
        source = source or _InlineSource(token, lines)
        start, end = span
        spans.append(span)
        line, column = source.position(start)
        if kind == "html_inline":
            page.raw_html.append(RawHtml(line, column, child.content, block=False))
            continue
        if kind == "code_inline":
            continue
        end_line, end_column = source.position(max(end - 1, start))
        raw = source.content[start:end]
        if kind == "image":
            target, text = child.attrs.get("src", ""), stringify(child.children, smart=False)
        else:
            target = child.attrs.get("href", "")
            text_tokens = []
            for inner in children[index + 1 :]:
                if inner.type == "link_close":
                    break
                text_tokens.append(inner)
            text = stringify(text_tokens, smart=False)
        reference = _reference_label(raw)
        attributes = _link_attributes(page, source, end, "image" if kind == "image" else "link")
        if reference is not None:
            attributes = attributes or env.get("reference_attributes", {}).get(normalizeReference(reference or text), {})
            if start and _shortcut(raw):
                _spaced_reference(page, source, start, reference or text, spans[:-1])
        page.links.append(
            Link(
                kind="image" if kind == "image" else "link",
                target=unquote(str(target)),
                text=text,
                line=line,
                column=column,
                end_line=end_line,
                end_column=end_column + 1,
                attributes=attributes,
                reference=reference,
                autolink=child.markup in ("autolink", "linkify"),
            )
        )
    content = token.content
    if "://" in content:
        for match in BARE_URL.finditer(content):
            if any(start <= match.start() < end for start, end in spans):
                continue
            source = source or _InlineSource(token, lines)
            line, column = source.position(match.start())
            page.bare_urls.append(BareUrl(line, column, trim_url(match.group(0))))
    if "][" not in content and "]{" not in content and "){" not in content:
        return
    masked = CODE_SPAN.sub(lambda m: " " * len(m.group(0)), content) if "`" in content else content
    source = source or _InlineSource(token, lines)
    references = env.get("references", {})
    for match in FULL_REFERENCE.finditer(masked):
        if any(start <= match.start() < end for start, end in spans):
            continue
        text = content[match.start(2) : match.end(2)]  # as written: masked has its code spans blanked
        label = content[match.start(3) : match.end(3)] or text
        if label.startswith("^") or normalizeReference(label) in references:
            continue
        line, column = source.position(match.start())
        page.undefined_references.append(UndefinedReference(text, label, line, column, bool(match.group(1))))
    for match in ATTRIBUTE_ID.finditer(masked):
        attributes = parse_attributes(match.group(1))
        if attributes and attributes.id:
            page.spans.append(Span(attributes.id, source.position(match.start(1))[0]))
    if "]{" in masked:
        for match in SPAN_ATTRIBUTES.finditer(masked):
            brace = match.end()
            if LOOKS_LIKE_ATTRIBUTES.match(masked, brace) and not any(s <= match.start() < e for s, e in spans):
                scan = scan_attributes(content, brace)
                if scan.attributes is None:
                    _unread(page, source, brace, "span", scan.problem)


def _language(info: str) -> str:
    word = info.split()[0] if info.split() else ""
    if word.startswith("{"):
        attributes = parse_attributes(info.strip())
        if attributes is not None:
            return attributes.classes[0] if attributes.classes else ""
        word = word.strip("{},")
    return word.lstrip(".")


def _column(lines: list[str], line_index: int) -> int:
    line = lines[line_index] if line_index < len(lines) else ""
    return len(line) - len(line.lstrip(" \t>")) + 1


def join_text(children: list) -> list:
    """markdown-it's text_join for one inline token: escaped characters and entities become text,
    and neighbouring texts one. Where they sit is kept (meta "literal": (start, end) offsets), as
    pandoc makes no dash, ellipsis or emoji of them (`\\--touch` stays two hyphens)."""
    joined = []
    for child in children:
        literal = child.type == "text_special"
        if literal:
            child.type = "text"
        if child.type == "text" and joined and joined[-1].type == "text":
            last = joined[-1]
            if literal:
                last.meta.setdefault("literal", []).append((len(last.content), len(last.content) + len(child.content)))
            last.content += child.content
        else:
            if literal:
                child.meta["literal"] = [(0, len(child.content))]
            joined.append(child)
    return joined


def extract_inline(page: ParsedPage, token, lines: list[str], env: dict, heading: bool) -> None:
    """Take what the model keeps from an inline token's children (links, images, raw HTML, bare
    URLs, references, bracketed ids; a heading's text), so that the children can be dropped."""
    if heading:
        token.meta["text"] = stringify(token.children)
        token.meta["plain"] = stringify(token.children, smart=False).strip()
    if token.children:
        _inline(page, token, lines, env)
    token.meta["extracted"] = True


def extract(page: ParsedPage, tokens, env: dict) -> None:
    """Build the page model from the tokens, in one walk. Inline tokens the parse has already
    handed over (extract_inline) have no children left."""
    lines = env["lines"]
    registry = IdentifierRegistry()
    open_divs = []
    for index, token in enumerate(tokens):
        kind = token.type
        block_kind = BLOCK_KINDS.get(kind)
        if block_kind is not None and token.map:
            page.blocks.append(Block(block_kind, token.map[0] + 1, max(token.map[1], token.map[0] + 1), token.level,
                                     open_divs[-1] if open_divs else None))
        if kind == "inline":
            if not token.meta.get("extracted"):
                extract_inline(page, token, lines, env, heading=index > 0 and tokens[index - 1].type == "heading_open")
        elif kind == "html_block" and token.map:
            page.raw_html.append(RawHtml(token.map[0] + 1, _column(lines, token.map[0]), token.content, block=True))
        elif kind == "div_open":
            open_divs.append(token.meta["div"])
        elif kind == "div_close":
            if open_divs:
                open_divs.pop()
        elif kind == "heading_open":
            inline = tokens[index + 1]
            if not inline.meta.get("extracted"):
                extract_inline(page, inline, lines, env, heading=True)
            attributes = token.meta.get("attributes")
            text_value = inline.meta["text"]
            if attributes is not None and attributes.id:
                ident, explicit = registry.register_explicit(attributes.id), True
            else:
                ident, explicit = registry.unique(text_value), False
            line_index = token.map[0]
            heading = Heading(
                level=int(token.tag[1]),
                text=inline.meta["plain"],
                id=ident,
                explicit_id=explicit,
                line=line_index + 1,
                column=token.meta.get("cell_column") or _column(lines, line_index),
                classes=attributes.classes if attributes else [],
                setext=token.markup in ("=", "-"),
                div=open_divs[-1] if open_divs else None,
            )
            page.headings.append(heading)
            if heading.div is not None:
                heading.div.headings.append(heading)
        elif kind in ("fence", "code_block"):
            page.code_blocks.append(
                CodeBlock(
                    info=token.info.strip(),
                    language=_language(token.info),
                    line=token.map[0] + 1,
                    column=_column(lines, token.map[0]),
                    end_line=token.map[1],
                    fence=token.markup,
                    content=token.content,
                )
            )
    page.html_headings = html_headings(page)
    for label, definition in env.get("references", {}).items():
        if not definition.get("inherited") and definition.get("map"):
            page.reference_definitions.append(ReferenceDefinition(label, definition.get("href", ""), definition["map"][0] + 1))


def html_headings(page: ParsedPage) -> list[Heading]:
    """The <h1>-<h6> tags of the page's raw HTML (outside comments), each with its level, id,
    the text up to its closing tag in the same piece of HTML, and the innermost div around it.
    pandoc writes them to the page as they are, so the built page has them as headings."""
    found = []
    for raw in page.raw_html:
        text = raw.shown
        for match in HTML_HEADING.finditer(text):
            level = int(match.group(1))
            ident = HTML_ID_ATTRIBUTE.search(match.group(2) or "")
            ident = next(group for group in ident.groups() if group is not None) if ident else ""
            closing = re.search(rf"</h{level}\s*>", text[match.end():], re.IGNORECASE)
            inner = text[match.end(): match.end() + closing.start()] if closing else ""
            before = text[: match.start()]
            line = raw.line + before.count("\n")
            column = raw.column + match.start() if "\n" not in before else match.start() - before.rfind("\n")
            found.append(Heading(level, " ".join(HTML_TAG.sub(" ", inner).split()), ident, bool(ident), line, column,
                                 [], html=True))
    found.sort(key=lambda heading: (heading.line, heading.column))
    for heading in found:  # the innermost div whose lines hold it (divs come in document order)
        for div in page.all_divs:
            if div.line < heading.line <= div.last_line:
                heading.div = div
    return found

