"""Code block rules (LK8xx): fenced code as pandoc and sandpaper render it."""

from __future__ import annotations

import re

from ..findings import Edit, Problem, fix
from . import rule
from .edits import last_text_line, line_after, line_text, page_index, replace_in_line

# What pandoc takes after a fence's backticks or tildes: a word (the language), then an
# {attribute block}, each optional, spaces around them (checked with pandoc 3.9: "```python {.x}"
# and "```py{.x}" open a block; "```python extra", "``` a b" and "```{.x}python" are text).
FENCE_INFO = re.compile(r"[ \t]*(?:[^\s{]+)?[ \t]*(?:\{[^}\n]*\})?[ \t]*$")
FENCE_RUN = re.compile(r"(`{3,}|~{3,})(.*)")
# Text glued to a fence that is the language and more ("python extra"): which part is code is unclear.
LANGUAGE_AND_MORE = re.compile(r"[ \t]*[A-Za-z][\w+-]*[ \t]")


@rule("LK801", "code-block-no-language", "warning")
def code_block_no_language(page, context):
    """A fenced code block that names no language.

    sandpaper labels and colours a code block by its language: ```` ```python ```` gets a
    "PYTHON" header and highlighting, ```` ```output ```` and ```` ```error ```` are styled as
    what the computer prints. A block without a language is a bare grey box, so learners cannot
    tell code to type from output to expect. Name the language (`bash`, `python`, `r`, `yaml`,
    `markdown`, `output`, `error`...). The label and the colours come only for a language
    pandoc highlights (see `pandoc --list-highlight-languages`; SPARQL, for one, is not among
    them) and for output, warnings and errors; any other name renders as a bare box, but says
    what the block is to the next maintainer. For plain text that is neither code nor output
    (sample data, a directory tree, a file name pattern), write ```` ```text ````: it renders
    exactly like a bare fence and tells the next maintainer, and this rule, that the block is
    plain text on purpose.

    Not reported: a block in a table's cell (a "Markdown | Rendered" table of examples), where
    a language would put sandpaper's label, an h3 heading, inside the cell; and indented code
    blocks (four spaces), which cannot carry a language (an indented block written by mistake
    is a different problem).

    A bare fence whose block starts with another fence of its length that names a language
    (```` ```output ````), or with the styles template's `{: .language-python}`, is most
    likely the closing fence of code whose opening fence is missing above it: that is what
    the finding says, as a language written on this fence would not help.

    Fails:

        ```
        ls -l
        ```

    Passes:

        ```bash
        ls -l
        ```
    """
    tables = [block for block in page.parsed.blocks if block.kind == "table"]
    for block in page.parsed.code_blocks:
        if not block.fence or block.language:
            continue
        if any(table.line <= block.line <= table.end_line for table in tables):
            continue  # a label would be a heading inside the cell
        end_column = block.column + len(block.fence) + len(block.info)
        first = next((line.strip() for line in block.content.split("\n") if line.strip()), "")
        inner = FENCE_RUN.fullmatch(first)
        if inner is not None and inner.group(1) == block.fence and inner.group(2).strip():
            yield Problem(block.line, block.column, f"This fence opens a code block whose first line is the fence "
                                                    f"'{_shown(first)}', shown in the block as text: it is most "
                                                    "likely the closing fence of code whose opening fence is "
                                                    "missing above it, so that code shows as text; add the opening "
                                                    "fence, with its language, above the code",
                          end_column=end_column)
        elif STYLES_CODE_CLASS.match(first):
            yield Problem(block.line, block.column, f"This fence opens a code block whose first line is the styles "
                                                    f"template's '{first}', which stood under a closing fence: this "
                                                    "fence is most likely that closing fence, and the code above it "
                                                    "has lost its opening fence, so it shows as text; add the "
                                                    "opening fence above that code, with the language, and delete "
                                                    f"the '{first}' line", end_column=end_column)
        else:
            yield Problem(block.line, block.column,
                          f"Code block with no language: write the language after the fence ({block.fence}bash, "
                          f"{block.fence}python, {block.fence}output, ...; {block.fence}text for plain text): "
                          "sandpaper labels and highlights the languages pandoc knows, and output",
                          end_column=end_column)


# The styles template's class for the code block above it: {: .language-python}, {: .output}
STYLES_CODE_CLASS = re.compile(r"^\{:\s*\.?(?:language-[\w+-]+|output|error|warning|source)\s*\}$")


@rule("LK802", "code-fence-unclosed", "error", fix="unsafe")
def code_fence_unclosed(page, context):
    """A code fence that is never closed.

    pandoc does not run an unclosed fence to the end of the page: the fence line becomes
    text (```` ```python ```` shows on the page) and the code below it is read as Markdown,
    so `#` comments become headings and `*` become emphasis. Close the block with a fence of
    the same character at least as long, in the same list item or block quote.

    Fails:

        ```python
        # add one
        x = x + 1

        Next we plot.

    Passes:

        ```python
        # add one
        x = x + 1
        ```

        Next we plot.

    An opener with text glued to it that is no language (```` ```/home/x.py:12: Warning: ````,
    ```` ```python extra ````) is no fence to pandoc: pandoc takes one word and an {attribute
    block} after the backticks, nothing else. That line shows as text, and the bare fence meant
    to close the block, found below it, is unclosed in turn. The finding is then reported once,
    at the opener, whose text is the problem: the closer is where the author meant it.

    The fix, a guess to review, makes a closing fence the opener's length when the author's
    closer is too short, and otherwise closes the block at the end of the page when the fence
    is at the top level of the page, outside any div. For an opener with text glued to it, it
    puts the fence on a line of its own and the text on the line below, in the block (not
    where the text starts with a word and a space, "python extra": which part is the language
    is the author's to say).
    """
    if not page.parsed.unclosed_code_fences:
        return
    openers = page_index(page, context, "malformed-code-openers", malformed_code_openers)
    for opener in openers.values():
        yield Problem(opener.line, opener.column,
                      f"This line starts like a code fence, but pandoc reads it as text: after '{opener.run}' it takes "
                      f"one word (the language) and {{attributes}}, not '{_shown(opener.rest.strip())}'; so the fence "
                      f"on line {opener.closer} that was to close the block shows as text too, and the lines between "
                      f"are read as Markdown: put '{opener.run}' (or '{opener.run}output') on a line of its own, and "
                      "what follows it on the line below if it belongs in the block",
                      end_column=opener.column + len(opener.run), fix=_opener_alone(page, opener))
    closers = {opener.closer for opener in openers.values()}
    seen = set()
    reports = []  # [fence, note, the too-short closer]
    for fence in sorted(page.parsed.unclosed_code_fences, key=lambda f: (f.line, f.column)):
        if (fence.line, fence.column) in seen or not fence.fence or fence.line in closers:
            continue
        seen.add((fence.line, fence.column))
        marker = fence.fence[0]
        size = len(fence.fence) - len(fence.fence.lstrip(marker))
        if reports and fence.fence == marker * size:
            opener = reports[-1][0]
            opener_size = len(opener.fence) - len(opener.fence.lstrip(opener.fence[0]))
            if opener.fence[0] == marker and size < opener_size:
                # the closer the author meant, too short to close the opener: one report for both
                reports[-1][1] = f" (the fence on line {fence.line} is shorter than the opener, so it does not close it)"
                reports[-1][2] = fence
                continue
        reports.append([fence, "", None])
    divs_end = max((div.last_line for div in page.parsed.all_divs), default=0)
    for fence, note, short in reports:
        yield Problem(fence.line, fence.column,
                      f"Code fence '{fence.fence}' is never closed{note}: pandoc shows it as text and reads the code "
                      f"below as Markdown; add a closing fence after the code",
                      end_column=fence.column + len(fence.fence), fix=_closing_fence(page, context, fence, short, divs_end))


def _closing_fence(page, context, fence, short, divs_end: int):
    """The fix for an unclosed fence; divs_end: the last line of the page's last div (0: none)."""
    run = fence.fence[: len(fence.fence) - len(fence.fence.lstrip(fence.fence[0]))]
    if short is not None:
        column = line_text(page, short.line).find(short.fence) + 1
        return fix(f"Lengthen the closing fence on line {short.line} to '{run}'",
                   replace_in_line(short.line, column, short.fence, run), safe=False) if column else None
    if not line_text(page, fence.line).startswith(fence.fence) or divs_end >= fence.line:
        return None  # in a list item, a block quote or a div, or with divs below: where it ends is not clear
    last = last_text_line(page, len(page.lines), context)
    return fix("Close the code block at the end of the page", line_after(page, last, run), safe=False)


def _shown(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


class MalformedOpener:
    """A line that starts like a code fence but is text to pandoc (text after the run that is no
    info string), above the bare fence (closer) meant to close it."""

    def __init__(self, line: int, column: int, run: str, rest: str, closer: int) -> None:
        self.line, self.column, self.run, self.rest, self.closer = line, column, run, rest, closer


def malformed_code_openers(page) -> dict:
    """{line: MalformedOpener} for each unclosed bare fence with such an opener above it: at the
    same column, with nothing between that starts a fence or leaves the container (a line less
    indented), a heading or a div fence."""
    found = {}
    for fence in page.parsed.unclosed_code_fences:
        run = FENCE_RUN.fullmatch(fence.fence)
        if run is None or run.group(2).strip():
            continue  # an opener with a language: no closer
        prefix = line_text(page, fence.line)[: fence.column - 1]
        for number in range(fence.line - 1, 0, -1):
            text = line_text(page, number)
            if not text.strip():
                continue
            if text[: len(prefix)].strip(" \t>") or len(text) - len(text.lstrip(" \t>")) < len(prefix):
                break  # the list item or block quote holding the closer ends above here
            body = text[len(prefix):]
            if body.startswith(("#", ":::")):
                break
            opener = FENCE_RUN.match(body)
            if opener is None:
                continue
            glued = opener.group(2)
            if opener.group(1)[0] == run.group(1)[0] and len(opener.group(1)) <= len(run.group(1)) and glued.strip() \
                    and (not FENCE_INFO.match(glued) or (run.group(1)[0] == "`" and "`" in glued)):
                found[number] = MalformedOpener(number, len(prefix) + 1, opener.group(1), glued, fence.line)
            break
    return found


def _opener_alone(page, opener):
    """Split the opener: the fence alone, the text glued to it on the line below, in the block."""
    if LANGUAGE_AND_MORE.match(opener.rest):
        return None
    indent = line_text(page, opener.line)[: opener.column - 1]
    start = opener.column + len(opener.run)
    return fix(f"Put '{opener.run}' on a line of its own", Edit(opener.line, start, opener.line,
               start + len(opener.rest), "\n" + indent + opener.rest.strip()), safe=False)

