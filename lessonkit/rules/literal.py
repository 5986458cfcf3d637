"""Literal markup (LK409, LK410, LK411): inline markup written so that pandoc prints it as
text, or reads it as something else than it looks.

Each paragraph, heading and table row is read as pandoc's inline parser reads it, left to right
(`inline_texts`): backslash escapes, code spans, TeX math (`$...$`, `\\(...\\)`), raw HTML and
comments, link targets and attribute blocks are set apart from the text, and on an R Markdown
page so is knitr's inline code (`` `r expr` ``), which knitr replaces before pandoc reads the
page. What is left is what the page shows as text. The same reading serves the link rule
LK212 (links.py's family, in link_text.py).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from ..findings import Edit, Problem, fix
from ..markdown.inline import BLANK, knitted, read_inline
from . import rule
from .edits import page_index

PREFIX = re.compile(r"[ \t>]*")
FIRST_LINE_MARKER = re.compile(r"(?:[-*+]|[0-9]+[.)]|[A-Za-z][.)]|\([0-9A-Za-z]+\)|#\.|#{1,6})(?=[ \t]|$)")


@dataclass
class InlineText:
    """The inline text of one block as written (lines line..end_line of the page, joined, their
    container prefixes blanked), as pandoc reads it, and text: that with everything that is not
    plain text on the page blanked (lengths kept throughout, so offsets are shared)."""

    line: int
    end_line: int
    source: str
    read: str = ""  # what pandoc reads: source, knitted on an R Markdown page
    text: str = ""
    starts: list[int] = field(default_factory=list)  # offset of each line's start in source
    unmatched_backticks: list[tuple[int, int]] = field(default_factory=list)  # (offset, run length)
    math: list[tuple[int, int]] = field(default_factory=list)  # (offset of the opening $, of the closing $)

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column) of an offset of source."""
        index = bisect_right(self.starts, offset) - 1
        return self.line + index, offset - self.starts[index] + 1


def _inline_source(page, first: int, last: int) -> tuple[str, list[int]]:
    """The lines first..last joined, with what only places them in their containers (block quote
    markers, indentation, and on the first line a list marker or heading's #s) blanked."""
    lines, starts, offset = [], [], 0
    for number in range(first, min(last, len(page.lines)) + 1):
        line = page.lines[number - 1]
        cut = PREFIX.match(line).end()
        if number == first:
            marker = FIRST_LINE_MARKER.match(line, cut)
            cut = marker.end() if marker else cut
        lines.append(BLANK * cut + line[cut:])
        starts.append(offset)
        offset += len(line) + 1
    return "\n".join(lines), starts


def _build(page) -> list[InlineText]:
    found, seen = [], set()
    tables = [(block.line, block.end_line) for block in page.parsed.blocks if block.kind == "table"]
    for block in page.parsed.blocks:
        if block.kind != "inline" or (block.line, block.end_line) in seen:
            continue
        seen.add((block.line, block.end_line))
        source, starts = _inline_source(page, block.line, block.end_line)
        read = knitted(source) if page.is_rmd else source
        if any(first <= block.line <= last for first, last in tables):
            # a table row: pandoc reads each cell on its own
            texts, offset, unmatched, math = [], 0, [], []
            for cell in re.split(r"(?<!\\)\|", read):
                text, runs, spans = read_inline(cell)
                texts.append(text)
                unmatched += [(offset + start, run) for start, run in runs]
                math += [(offset + start, offset + end) for start, end in spans]
                offset += len(cell) + 1
            text = "|".join(texts)
        else:
            text, unmatched, math = read_inline(read)
        found.append(InlineText(block.line, block.end_line, source, read, text, starts, unmatched, math))
    return found


def inline_texts(page, context) -> list[InlineText]:
    """Each inline block of the page, read as pandoc reads it (once per page and lint)."""
    return page_index(page, context, "inline-texts", _build)


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
    for inline in inline_texts(page, context):
        reported = None  # where the last reported run ends: a second run in the same word is its twin
        for start, run in inline.unmatched_backticks:
            if _alone(inline.text, start, start + run):
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


@rule("LK411", "dollar-math-in-text", "warning", fix="safe")
def dollar_math_in_text(page, context):
    """Two `$` in a paragraph that pandoc reads as TeX math, though what they enclose is text:
    `df$x and df$y`, a MARC subfield `245$a`, a price list.

    sandpaper's pandoc reads `$...$` as inline math (tex_math_dollars): from a `$` with no space
    after it to the next `$` with no space before it and no digit after it. `df$height and
    df$weight` becomes the formula "height and df" in MathJax's italics, between "df" and
    "weight". Reported is math that holds no TeX (no `\\command`, `^`, `{` or `}`) and either
    starts right after a letter, digit or bracket (`df$`, `245$`, `x[1]$`), as an R column or a
    field code does and formulas never do, or reads as a sentence (three or more words). Code
    spans and R Markdown chunks are code, not math, and are not checked: write R code as code
    (`` `df$x` ``), or escape each dollar sign (`\\$`).

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
            if not after_word and len(WORD.findall(content)) < PROSE_WORDS:
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
