"""Code block rules (LK8xx): fenced code as pandoc and sandpaper render it."""

from __future__ import annotations

from ..findings import Problem, fix
from . import rule
from .edits import last_text_line, line_after, line_text, replace_in_line


@rule("LK801", "code-block-no-language", "warning")
def code_block_no_language(page, context):
    """A fenced code block that names no language.

    sandpaper labels and colours a code block by its language: ```` ```python ```` gets a
    "PYTHON" header and highlighting, ```` ```output ```` and ```` ```error ```` are styled as
    what the computer prints. A block without a language is a bare grey box, so learners cannot
    tell code to type from output to expect. Name the language (`bash`, `python`, `r`, `yaml`,
    `markdown`, `output`, `error`...). For plain text that is neither code nor output (sample
    data, a directory tree, a file name pattern) no label exists: ```` ```text ```` renders
    exactly like a bare fence, and it tells the next maintainer, and this rule, that the block
    is plain text on purpose.

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

    The fix, a guess to review, makes a closing fence the opener's length when the author's
    closer is too short, and otherwise closes the block at the end of the page when the fence
    is at the top level of the page, outside any div.
    """
    if not page.parsed.unclosed_code_fences:
        return
    seen = set()
    reports = []  # [fence, note, the too-short closer]
    for fence in sorted(page.parsed.unclosed_code_fences, key=lambda f: (f.line, f.column)):
        if (fence.line, fence.column) in seen or not fence.fence:
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
