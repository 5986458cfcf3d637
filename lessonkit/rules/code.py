"""Code block rules (LK8xx): fenced code as pandoc and sandpaper render it."""

from __future__ import annotations

import re

from ..findings import Problem
from . import rule

LIST_MARKER = re.compile(r"^([ \t]*(?:[-+*]|\d+[.)]|#[.)])[ \t]+)\S")


def _indent(text: str) -> int:
    return len(text.expandtabs(4)) - len(text.expandtabs(4).lstrip(" "))


def _leaves_list_item(lines: list[str], index: int) -> bool:
    """Whether the fence on lines[index] sits directly under list item text but less indented
    than the item's content: pandoc then ends the item and reads the fence outside it.

    Work-around for the shared parser, which keeps such a fence in the item as text (the
    lesson model should do this itself; see the LK8xx notes in the report)."""
    fence_indent = _indent(lines[index])
    row = index - 1
    if row < 0 or not lines[row].strip() or lines[row].lstrip().startswith(">"):
        return False
    while row >= 0 and lines[row].strip():
        marker = LIST_MARKER.match(lines[row].expandtabs(4))
        if marker:
            return fence_indent < len(marker.group(1))
        row -= 1
    first = lines[row + 1]
    return 0 < fence_indent < _indent(first) or (fence_indent == 0 and _indent(first) > 0)


def _closed_later(lines: list[str], index: int, fence: str) -> bool:
    """Whether a bare closing fence for this opener follows, as pandoc looks for one outside a list."""
    marker, size = fence[0], len(fence) - len(fence.lstrip(fence[0]))
    for text in lines[index + 1:]:
        stripped = text.strip()
        if len(stripped) >= size and stripped == marker * len(stripped) and _indent(text) <= 3:
            return True
    return False


@rule("LK801", "code-block-no-language", "warning")
def code_block_no_language(page, context):
    """A fenced code block that names no language.

    sandpaper labels and colours a code block by its language: ```` ```python ```` gets a
    "PYTHON" header and highlighting, ```` ```output ```` and ```` ```error ```` are styled as
    what the computer prints. A block without a language is a bare grey box, so learners cannot
    tell code to type from output to expect. Name the language (`bash`, `python`, `r`,
    `output`, `error`, or `text` for anything else).

    Indented code blocks (four spaces) are not checked: they cannot carry a language, and an
    indented block written by mistake is a different problem.

    Fails:

        ```
        ls -l
        ```

    Passes:

        ```bash
        ls -l
        ```
    """
    for block in page.parsed.code_blocks:
        if block.fence and not block.language:
            yield Problem(block.line, block.column,
                          f"Code block with no language: write the language after the fence ({block.fence}bash, "
                          f"{block.fence}python, {block.fence}output, ...) so sandpaper labels and highlights it",
                          end_column=block.column + len(block.fence) + len(block.info))


@rule("LK802", "code-fence-unclosed", "error")
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
    """
    if not page.parsed.unclosed_code_fences:
        return
    lines = page.lines
    seen = set()
    reports = []  # [fence, note]
    for fence in sorted(page.parsed.unclosed_code_fences, key=lambda f: (f.line, f.column)):
        if (fence.line, fence.column) in seen or not fence.fence:
            continue
        seen.add((fence.line, fence.column))
        index = fence.line - 1
        if index < len(lines) and _leaves_list_item(lines, index) and _closed_later(lines, index, fence.fence):
            continue  # pandoc ends the list item here and reads a closed code block
        marker = fence.fence[0]
        size = len(fence.fence) - len(fence.fence.lstrip(marker))
        if reports and fence.fence == marker * size:
            opener = reports[-1][0]
            opener_size = len(opener.fence) - len(opener.fence.lstrip(opener.fence[0]))
            if opener.fence[0] == marker and size < opener_size:
                # the closer the author meant, too short to close the opener: one report for both
                reports[-1][1] = f" (the fence on line {fence.line} is shorter than the opener, so it does not close it)"
                continue
        reports.append([fence, ""])
    for fence, note in reports:
        yield Problem(fence.line, fence.column,
                      f"Code fence '{fence.fence}' is never closed{note}: pandoc shows it as text and reads the code "
                      f"below as Markdown; add a closing fence after the code",
                      end_column=fence.column + len(fence.fence))
