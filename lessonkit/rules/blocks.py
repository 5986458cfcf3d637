"""Block rules (LK4xx, with the heading rules of headings.py): lines whose block pandoc reads
differently from how they look, so the page shows text where the author wrote structure, and
inline markup that pandoc prints as text or reads as something else than it looks (LK409-LK411,
on each paragraph as pandoc reads it: edits.inline_texts)."""

from __future__ import annotations

import re
from typing import Optional

from ..findings import Edit, Problem, fix
from . import rule
from .code import malformed_code_openers
from .edits import blank_line_above, inline_texts, line_text, page_index


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


GRID_BORDER = re.compile(r"\+(?:[-=:]+\+)+[ \t]*")
GRID_ROW = re.compile(r"[|+].*[|+][ \t]*")
CAPTION = re.compile(r"(?:Table)?:[ \t]")
CONTAINER_PREFIX = re.compile(r"[ \t>]*")


def _grid_table_in(page, paragraph) -> Optional[tuple[int, int]]:
    """(first, last line) of a grid table written inside the paragraph, below its first line."""
    lines = [CONTAINER_PREFIX.sub("", line_text(page, number), count=1)
             for number in range(paragraph.line, paragraph.end_line + 1)]
    for index in range(1, len(lines) - 2):
        if not GRID_BORDER.fullmatch(lines[index]):
            continue
        rows = index + 1
        while rows < len(lines) and GRID_ROW.fullmatch(lines[rows]) and not GRID_BORDER.fullmatch(lines[rows]):
            rows += 1
        if rows > index + 1 and rows < len(lines) and GRID_BORDER.fullmatch(lines[rows]):
            last = rows
            while last + 1 < len(lines) and GRID_ROW.fullmatch(lines[last + 1]):
                last += 1
            return paragraph.line + index, paragraph.line + last
    return None


@rule("LK408", "grid-table-not-separated", "error", fix="safe")
def grid_table_not_separated(page, context):
    """A grid table (`+---+---+` borders) written directly under a line of text, such as its
    caption, with no blank line between them.

    pandoc reads a grid table only where a block may start; under a line of text it is part of
    that paragraph, so the page shows its borders and bars as a jumble of text (and `+---+`
    with typographic dashes). A caption (`Table: ...` or `: ...`) written above the table needs
    the blank line too. Put a blank line above the table. (A pipe table under a line of text is
    LK405's.)

    Fails:

        Table: Markdown and what it renders.
        +---------------+-----------------+
        | Markdown      | Rendered        |
        +===============+=================+
        | `*emphasis*`  | *emphasis*      |
        +---------------+-----------------+

    Passes:

        Table: Markdown and what it renders.

        +---------------+-----------------+
        | Markdown      | Rendered        |
        +===============+=================+
        | `*emphasis*`  | *emphasis*      |
        +---------------+-----------------+

    The fix adds the blank line (inside the same block quotes).
    """
    for paragraph in page.parsed.blocks:
        if paragraph.kind != "paragraph" or paragraph.end_line - paragraph.line < 3:
            continue
        found = _grid_table_in(page, paragraph)
        if found is None:
            continue
        first, last = found
        above = CONTAINER_PREFIX.sub("", line_text(page, first - 1), count=1)
        what = f"the caption '{above.strip()}'" if first - 1 == paragraph.line and CAPTION.match(above) else \
            "a line of text"
        yield Problem(first, 1, f"Grid table on lines {first}-{last} is directly under {what}: pandoc reads it as part "
                                "of that paragraph and shows its borders as text; add a blank line above the table",
                      end_line=last,
                      fix=fix("Add a blank line above the table", blank_line_above(page, first, context)))


# --- literal markup: LK409-LK411 -----------------------------------------------------------------


# A backtick run with only these (or nothing) on each side is shown on purpose: "(```)".
SEPARATORS = frozenset(" \t\n()[]\"'.,;:!?\u2018\u2019\u201c\u201d")


def _alone(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return before in SEPARATORS and after in SEPARATORS


@rule("LK409", "code-span-unclosed", "warning")
def code_span_unclosed(page, context):
    """A backtick that opens (or closes) no code span, so the page shows it as a literal `` ` ``.

    pandoc pairs a run of backticks with the next run of the same length in the same
    paragraph; a run with no partner is printed as it is, and what it was meant to mark stays
    text: "Then specify `microbes.csv." shows the backtick and no code. Add the missing
    backtick, make both runs the same length (`` `venv/` `` rather than `` `venv/`` ``), or
    write a backtick meant as a character as `` \\` ``. A run of backticks standing alone
    between spaces or brackets ("three backticks (```)") is shown on purpose and passes, and on
    an R Markdown page knitr's inline code (`` `r nrow(data)` ``) counts as the value it
    becomes.

    Fails:

        Then we can specify the filename `microbes.csv.

    Passes:

        Then we can specify the filename `microbes.csv`.
    """
    # a code fence with text glued to it is LK802's (one finding, at the opener)
    openers = {(opener.line, opener.column)
               for opener in page_index(page, context, "malformed-code-openers", malformed_code_openers).values()}
    for inline in inline_texts(page, context):
        reported = None  # where the last reported run ends: a second run in the same word is its twin
        for start, run in inline.unmatched_backticks:
            if _alone(inline.text, start, start + run):
                continue
            if run >= 3 and inline.position(start) in openers:
                continue
            if reported is not None and not any(char.isspace() for char in inline.text[reported:start]):
                continue
            reported = start + run
            line, column = inline.position(start)
            marks = "backtick" if run == 1 else f"run of {run} backticks"
            yield Problem(line, column, f"This {marks} ({'`' * run}) pairs with no other run of {run} in its "
                                        f"paragraph, so pandoc shows it as a literal {'`' * run} and the text it was "
                                        "meant to mark is not code: add the missing backtick (or escape one meant as a "
                                        "character as \\`)", end_column=column + run)


# A run of four or more * (or _) opening an emphasis, and its closing run: pandoc reads neither.
OVERLONG_EMPHASIS = re.compile(r"(?<![\w*\\])(\*{4,}|_{4,})(?=[^\s*_])(.+?)(?<=[^\s*_])(\1)(?![\w*])", re.DOTALL)


@rule("LK410", "emphasis-overlong", "warning", fix="sometimes")
def emphasis_overlong(page, context):
    """Emphasis written with four or more asterisks (or underscores) on each side:
    `****word****`.

    pandoc reads emphasis from runs of one, two or three: `*word*`, `**word**`, `***word***`.
    A longer run is text to it, so the page shows `****word****` with all its asterisks.
    (GitHub's Markdown shows it bold, so the mistake is easy to miss in a preview there.)
    Write `**word**` for bold.

    Fails:

        The ****shell**** is a program.

    Passes:

        The **shell** is a program.

    The fix writes `**word**` for a run of four on each side, which GitHub shows as bold;
    other lengths have none.
    """
    for inline in inline_texts(page, context):
        if "****" not in inline.text and "____" not in inline.text:
            continue
        for match in OVERLONG_EMPHASIS.finditer(inline.text):
            run = match.group(1)
            line, column = inline.position(match.start())
            end_line, end_column = inline.position(match.end())
            repair = None
            if len(run) == 4:
                close_line, close_column = inline.position(match.start(3))
                bold = run[:2]
                repair = fix(f"Write {bold}{_shortened(match.group(2))}{bold}",
                             Edit(line, column, line, column + 4, bold),
                             Edit(close_line, close_column, close_line, close_column + 4, bold))
            yield Problem(line, column, f"pandoc reads no emphasis from a run of {len(run)} '{run[0]}' and shows "
                                        f"'{_shortened(match.group(0))}' with its {run[0]}s: write "
                                        f"{run[0] * 2}text{run[0] * 2} for bold", end_line=end_line,
                          end_column=end_column, fix=repair)


def _shortened(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


TEX_MARKUP = re.compile(r"\\[A-Za-z]|[\^{}]")
WORD = re.compile(r"(?<![\\A-Za-z])[A-Za-z]{3,}")
IDENTIFIER_BEFORE = re.compile(r"[\w)\]]")
PROSE_WORDS = 3
AMOUNT = re.compile(r"[0-9][0-9.,]*\s+[A-Za-z]{3,}")


@rule("LK411", "dollar-math-in-text", "warning", fix="safe")
def dollar_math_in_text(page, context):
    """Two `$` in a paragraph that pandoc reads as TeX math, though what they enclose is text:
    `df$x and df$y`, a MARC subfield `245$a`, a price list.

    sandpaper's pandoc reads `$...$` as inline math (tex_math_dollars): from a `$` with no space
    after it to the next `$` with no space before it and no digit after it. `df$height and
    df$weight` becomes the formula "height and df" in MathJax's italics, between "df" and
    "weight". Reported is math that holds no TeX (no `\\command`, `^`, `{` or `}`) and either
    starts right after a letter, digit or bracket (`df$`, `245$`, `x[1]$`), as an R column or a
    field code does and formulas never do, or reads as a sentence (three or more words) or as
    an amount followed by words (`$10 for df$x`). Code spans and R Markdown chunks are code,
    not math, and are not checked: write R code as code (`` `df$x` ``), or escape each dollar
    sign (`\\$`).

    Fails:

        Compare df$height and df$weight first.

    Passes:

        Compare `df$height` and `df$weight` first, then plot $y = ax + b$.

    The fix escapes both dollar signs, so the page shows the text as written.
    """
    for inline in inline_texts(page, context):
        for start, end in inline.math:
            content = inline.read[start + 1 : end]
            if TEX_MARKUP.search(content) or content != inline.source[start + 1 : end]:
                continue  # TeX, or knitr's inline code, whose value only knitr knows
            after_word = start > 0 and IDENTIFIER_BEFORE.match(inline.read[start - 1])
            amount = AMOUNT.match(content)  # "$10 for df$x": a price, then words
            if not after_word and not amount and len(WORD.findall(content)) < PROSE_WORDS:
                continue
            line, column = inline.position(start)
            end_line, end_column = inline.position(end)
            shown = _shortened(inline.source[start : end + 1], 50)
            yield Problem(line, column, f"pandoc reads '{shown}' as TeX math (sandpaper's reader takes $...$ for a "
                                        "formula), so the page shows it in MathJax's italics, not as the text written: "
                                        "write code as code (`...`), or escape the dollar signs (\\$)",
                          end_line=end_line, end_column=end_column + 1,
                          fix=fix("Escape the dollar signs", Edit.insert(line, column, "\\"),
                                  Edit.insert(end_line, end_column, "\\")))
