"""Migration rules (LK9xx): leftovers of the Jekyll lesson template (carpentries/styles)."""

from __future__ import annotations

import re
from bisect import bisect_left

from ..findings import Problem
from . import rule

# kramdown inline attribute lists: {: .challenge}, {:.output}, {: #id .class}
IAL = re.compile(r"\{:[ \t]*[^{}\n]*\}")
# Liquid output {{ page.root }} and tags {% include links.md %}
LIQUID_OUTPUT = re.compile(r"\{\{-?[ \t]*([^{}\n]*?)[ \t]*-?\}\}")
LIQUID_TAG = re.compile(r"\{%-?[ \t]*([A-Za-z]\w*)[^\n]*?-?%\}")
# sandpaper's own template syntax: {{ glosario.term }} links a glossary term.
SANDPAPER_TEMPLATES = ("glosario.",)
LIQUID_START = re.compile(r"^[A-Za-z_\"'\\]")

BACKTICKS = re.compile(r"`+")
MATH = re.compile(r"\$\$.+?\$\$|\$(?=\S)(?:[^$\\\n]|\\.)+?(?<=\S)\$(?!\d)", re.DOTALL)
ESCAPE = re.compile(r"\\[{}%$`]")
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def _blank(match) -> str:
    return "".join("\n" if char == "\n" else " " for char in match.group(0))


def _mask_code(text: str) -> str:
    """text with its code spans, math, escapes and HTML comments blanked (lengths and lines kept)."""
    if "\\" in text:
        text = ESCAPE.sub(_blank, text)
    if "`" in text:
        out, pos = [], 0
        runs = list(BACKTICKS.finditer(text))
        index = 0
        while index < len(runs):
            opener = runs[index]
            if opener.start() < pos:
                index += 1
                continue
            closer = next((run for run in runs[index + 1:] if len(run.group(0)) == len(opener.group(0))), None)
            if closer is None:
                index += 1
                continue
            out.append(text[pos:opener.start()])
            out.append(_blank(re.match(r"(?s).*", text[opener.start():closer.end()])))
            pos = closer.end()
            index = runs.index(closer) + 1
        out.append(text[pos:])
        text = "".join(out)
    if "$" in text:
        text = MATH.sub(_blank, text)
    if "<!--" in text:
        text = COMMENT.sub(_blank, text)
    return text


BOX_TITLES = (
    (re.compile(r"solution|answer", re.IGNORECASE), "solution"),
    (re.compile(r"hint", re.IGNORECASE), "hint"),
    (re.compile(r"overview|objectives|questions", re.IGNORECASE), "objectives"),
    (re.compile(r"key ?points", re.IGNORECASE), "keypoints"),
    (re.compile(r"prerequisite", re.IGNORECASE), "prereq"),
    (re.compile(r"discuss", re.IGNORECASE), "discussion"),
    (re.compile(r"note|tip|callout|warning", re.IGNORECASE), "callout"),
)


def _div_for(title: str) -> str:
    """The sandpaper div a styles box with this heading most likely was."""
    for pattern, kind in BOX_TITLES:
        if pattern.search(title):
            return kind
    return "challenge"


def _column(source_line: str, found: str) -> int:
    index = source_line.find(found)
    return index + 1 if index >= 0 else 1


def _liquid(text: str):
    """(offset, matched text, what) for each Liquid construct in (masked) text."""
    if "{{" in text:
        for match in LIQUID_OUTPUT.finditer(text):
            inner = match.group(1)
            if LIQUID_START.match(inner) and not inner.startswith(SANDPAPER_TEMPLATES):
                yield match.start(), match.group(0), "Liquid output"
    if "{%" in text:
        for match in LIQUID_TAG.finditer(text):
            yield match.start(), match.group(0), "Liquid tag"


def _problems_in(text: str, first_line: int, lines: list[str], check_ial: bool):
    masked = _mask_code(text)
    for number, line in enumerate(masked.split("\n")):
        if "{" not in line:
            continue
        line_no = first_line + number
        source = lines[line_no - 1] if 0 < line_no <= len(lines) else ""
        found = []
        if check_ial and "{:" in line:
            for match in IAL.finditer(line):
                text = match.group(0)
                div = DIV_CLASSES.search(text)
                what = ("kramdown code class" if CODE_CLASSES.search(text) else
                        "kramdown block class" if div else "kramdown attribute list")
                found.append((match.start(), text, what))
        found.extend(_liquid(line))
        for _, matched, what in sorted(found):
            yield line_no, _column(source, matched), matched, what


CODE_CLASSES = re.compile(r"\.[ \t]*(?:language-[\w-]+|output|error|source|warning|code|bash|python|r|sql)\b")
DIV_CLASSES = re.compile(r"\.[ \t]*(challenge|solution|callout|prereq|checklist|discussion|testimonial|keypoints|objectives|"
                         r"questions|hint|instructor|spoiler)\b")
FIXES = {
    "kramdown attribute list": "sandpaper shows it as text; delete the line",
    "kramdown block class": "sandpaper shows it as text; make the block above it a fenced div "
                            "('::: {cls}') and delete this line",
    "kramdown code class": "sandpaper shows it as text; put the language on the code fence above "
                           "(```python, ```output) and delete this line",
    "Liquid output": "sandpaper (pandoc) does not run Liquid and shows it as text; write the value or a relative link",
    "Liquid tag": "sandpaper (pandoc) does not run Liquid and shows it as text; {}",
}
# What to do instead of a Liquid tag, by its name (and, for include, the file it names).
LIQUID_TAG_FIXES = {
    "include links.md": "delete it (sandpaper appends links.md to every page by itself)",
    "include": "delete it, and write out what the included file added if the page needs it",
    "comment": "turn the comment into an HTML comment (<!-- ... -->), which the page does not show",
    "endcomment": "turn the comment into an HTML comment (<!-- ... -->), which the page does not show",
}


def _fix(what: str, matched: str, div_class: str = "") -> str:
    if what != "Liquid tag":
        return FIXES[what].format(cls=div_class)
    words = matched.strip("{%-} \t").split()
    name = " ".join(words[:2]) if words[:2] == ["include", "links.md"] else words[0] if words else ""
    return FIXES[what].format(LIQUID_TAG_FIXES.get(name, "delete it, and write out its result if the page needs it"))


@rule("LK901", "legacy-styles-syntax", "error")
def legacy_styles_syntax(page, context):
    """Syntax of the old Jekyll lesson template (carpentries/styles) that sandpaper shows as junk.

    Lessons moved from the styles template keep kramdown and Liquid that pandoc does not
    understand: a `{: .challenge}` or `{: .language-python}` line is printed as text,
    `{{ page.root }}` and `{% include links.md %}` too, and an exercise written as a block
    quote (`> ## Title`) renders as an indented quotation instead of a challenge box. Code
    blocks and code spans are not checked, so a lesson that teaches Liquid, Jinja or R glue
    templates passes; sandpaper's own `{{ glosario.term }}` passes too. The message says what
    replaces each tag: nothing for `{% include links.md %}` (sandpaper appends links.md to
    every page), an HTML comment for `{% comment %}` ... `{% endcomment %}` (whose text the
    page would otherwise show), the included text for another `{% include %}`.

    Fails:

        > ## Sum a list
        >
        > Add up `[1, 2, 3]`.
        {: .challenge}

        See the [setup]({{ page.root }}/setup.html).

    Passes:

        ::: challenge
        ## Sum a list

        Add up `[1, 2, 3]`.
        :::

        See the [setup](learners/setup.md), and `{{ page.root }}` in Jekyll.
    """
    lines = page.lines
    parsed = page.parsed
    titles = {heading.line: heading.text for heading in parsed.headings}
    quote_ends: list[int] = []  # last lines of the block quotes around the current block
    scanned: set[tuple[int, int]] = set()
    braces = [number for number, line in enumerate(lines, start=1) if "{" in line]  # lines worth scanning
    for index, block in enumerate(parsed.blocks):
        while quote_ends and block.line > quote_ends[-1]:
            quote_ends.pop()
        if block.kind == "blockquote":
            following = parsed.blocks[index + 1] if index + 1 < len(parsed.blocks) else None
            if not quote_ends and following is not None and following.kind == "heading":
                line = block.line
                title = titles.get(following.line, "")
                shown = f"'{title}'" if title else "by a heading"
                yield Problem(line, _column(lines[line - 1], ">") if line <= len(lines) else 1,
                              f"Block quote headed {shown} is a styles box that sandpaper renders as a quotation: "
                              f"rewrite it as a fenced div ('::: {_div_for(title)}')")
            quote_ends.append(block.end_line)
        elif block.kind == "inline" and (block.line, block.end_line) not in scanned:
            scanned.add((block.line, block.end_line))
            first = bisect_left(braces, block.line)
            if first == len(braces) or braces[first] > block.end_line:
                continue
            text = "\n".join(lines[block.line - 1 : block.end_line])
            for line, column, matched, what in _problems_in(text, block.line, lines, True):
                div = DIV_CLASSES.search(matched)
                fix = _fix(what, matched, div.group(1) if div else "")
                yield Problem(line, column, f"{what.capitalize()} '{matched}' from the styles template: {fix}",
                              end_column=column + len(matched))
    for html in parsed.raw_html:
        if html.block and "{" in html.text and not html.text.lstrip().startswith("<!--"):
            for line, column, matched, what in _problems_in(html.text, html.line, lines, False):
                yield Problem(line, column, f"{what.capitalize()} '{matched}' from the styles template: {_fix(what, matched)}",
                              end_column=column + len(matched))
    for definition in parsed.reference_definitions:
        url = definition.url.replace("%7B", "{").replace("%7D", "}").replace("%25", "%")
        if "{{" in url or "{%" in url:
            line = definition.line
            written = lines[line - 1].strip() if line <= len(lines) else url
            yield Problem(line, 1, f"Liquid in the link reference definition '{written}': {FIXES['Liquid output']}")
