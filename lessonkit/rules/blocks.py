"""Block rules (LK4xx, with the heading rules of headings.py): lines whose block pandoc reads
differently from how they look, so the page shows text where the author wrote structure."""

from __future__ import annotations

import re

from ..findings import Problem
from . import rule


def _more(first: int, last: int) -> str:
    more = last - first
    return f" (and the {more} line{'s' if more > 1 else ''} below it)" if more else ""


@rule("LK406", "indent-nbsp", "error")
def indent_nbsp(page, context):
    """A line indented with no-break spaces (U+00A0) where spaces would make it code or part
    of a list or block quote.

    pandoc counts only spaces and tabs as indentation; a no-break space (pasted from a web page
    or a word processor, and invisible in most editors) is text. An indented code block written
    with them becomes a paragraph of text, and a list item's second paragraph falls out of the
    list. Replace them with ordinary spaces.

    Fails (each `·` is a no-break space):

        Run it:

        ····python analysis.py

    Passes (four spaces):

        Run it:

            python analysis.py

    Only lines whose no-break spaces change the page are reported: a line that continues a
    list item's paragraph with them or without them is the same page. The message names the
    list item (by its marker's line) or block quote the line would join. Where spaces would
    make sentences an indented code block (a paragraph indented by a word processor), the
    advice is to delete the no-break spaces instead.
    """
    for indent in page.parsed.nbsp_indents:
        advice = "replace them with spaces"
        if indent.reading == "code block":
            meant = "part of the indented code block above" if indent.start < indent.line else "an indented code block"
            if _reads_as_prose(page, indent):
                advice = "this is text, not code, so delete the no-break spaces"
        elif indent.start < indent.line:
            meant = f"part of the {indent.reading} on line {indent.start}"
        else:
            meant = f"a {indent.reading}"
        yield Problem(indent.line, indent.column,
                      f"Indented with no-break spaces (U+00A0), which pandoc reads as text, not indentation: this line"
                      f"{_more(indent.line, indent.end_line)} is paragraph text, where ordinary spaces would make it "
                      f"{meant}; {advice}", end_line=indent.end_line)


# What code has and prose does not: operators, brackets, a prompt, a path or option.
CODE_CHARACTERS = re.compile(r"[=(){}\[\];<>$|\\`#@]|^\s*[-./~]|\s--?\w|::")
PROSE = re.compile(r"[^\W\d_][^\s]*(?:\s+\S+){3,}")  # a word, then three more


def _reads_as_prose(page, indent) -> bool:
    """Whether the lines read as sentences rather than code: four words or more, and none of the
    characters code is written with."""
    text = " ".join(page.lines[number - 1] for number in range(indent.line, indent.end_line + 1)
                    if number <= len(page.lines)).replace("\u00a0", " ").strip()
    return PROSE.match(text) is not None and CODE_CHARACTERS.search(text) is None


def _listed(swallowed) -> str:
    shown = [f"the {item.looks_like} '{item.text.strip()}' (line {item.line})" for item in swallowed[:3]]
    if len(swallowed) > 3:
        shown.append(f"{len(swallowed) - 3} more")
    return ", ".join(shown[:-1]) + " and " + shown[-1] if len(shown) > 1 else shown[0]


@rule("LK407", "table-swallows-blocks", "error")
def table_swallows_blocks(page, context):
    """A line of dashes that pandoc reads as the start of a table which takes in headings,
    code fences or divs.

    Besides pipe and grid tables, pandoc reads simple and multiline tables: a line of dashes
    (`-----` or `- - -`) with a line of text directly below it starts one, and everything
    down to the next line of dashes, blank lines and headings included, becomes text in its
    cells, cut into columns where the runs of dashes end; of a multiline table's header (the
    lines down to its second line of dashes) pandoc keeps only what comes before the first blank
    line, and drops the rest from the page altogether. A line of dashes meant as a horizontal
    rule, written without a blank line after it, swallows the page's next sections this way.
    Leave a blank line after a horizontal rule (or write it `***`).

    Fails:

        What can go wrong?

        - - -
        ## Data management

        Text.

        - - -

    Passes:

        What can go wrong?

        - - -

        ## Data management

        Text.

        - - -
    """
    for table in page.parsed.dashed_tables:
        if not table.swallowed:
            continue  # a table of text, written on purpose
        if table.form == "simple":
            fix = "leave a blank line between the text and the line of dashes under it"
        else:
            fix = "if the dashes are meant as a horizontal rule, leave a blank line after them (or write ***)"
        fates = []
        for dropped, fate in ((False, "text in its cells"), (True, "dropped from the page")):
            items = [item for item in table.swallowed if item.dropped == dropped]
            if items:
                fates.append(f"{_listed(items)} {'is' if len(items) == 1 else 'are'} {fate}")
        yield Problem(table.line, 1,
                      f"pandoc reads lines {table.line}-{table.end_line} as a {table.form} table, so "
                      f"{'; '.join(fates)}; {fix}", end_line=table.end_line)
