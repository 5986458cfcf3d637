"""Fenced div rules (LK1xx): what pandoc makes of the ::: fences."""

from __future__ import annotations

import difflib
import re

from ..findings import Edit, Problem, fix
from ..site import KNOWN_CLASSES
from . import rule

QUOTE_MARKERS = re.compile(r"[ \t>]*")
NEEDS_CHALLENGE = ("solution", "hint")
# sandpaper styles a solution in a discussion like one in a challenge; lessons do both.
ANSWERABLE = ("challenge", "discussion")
TOP_LEVEL_ONLY = ("questions", "objectives", "keypoints")


@rule("LK101", "div-unclosed", "error")
def div_unclosed(page, context):
    """A fenced div is opened but never closed.

    pandoc closes it implicitly at the end of its container (the page, or the list item or
    block quote it sits in), so everything after the opener up to there lands inside the div:
    on the built page the rest of the episode may be hidden inside a solution.

    Fails:

        ::: challenge
        ## Add two numbers
        ::: solution
        `1 + 2`
        :::

    Passes:

        ::: challenge
        ## Add two numbers
        ::: solution
        `1 + 2`
        :::
        :::
    """
    for div in page.parsed.unclosed_divs:
        where = "the end of the page" if div.container == "document" else f"the end of its {div.container}"
        yield Problem(
            div.line,
            div.column,
            f"Fenced div '{div.kind}' opened here is never closed; pandoc closes it at "
            f"{where} (line {div.implicit_end_line}), so everything up to there is inside this {div.kind}",
            end_column=div.column + len(div.fence),
        )


@rule("LK102", "div-stray-closer", "error")
def div_stray_closer(page, context):
    """A closing fence (`:::`) with no open div to close.

    pandoc prints it as literal colons. Usually a div above was closed twice, or its opener
    is not a real opener (see LK105 and LK106).

    Fails:

        ::: callout
        Save often.
        :::
        :::

    Passes:

        ::: callout
        Save often.
        :::
    """
    for fence in page.parsed.stray_closers:
        yield Problem(fence.line, fence.column, "Closing fence with no open div: pandoc shows it as text ':::'",
                      end_column=fence.column + len(fence.text))


def _suggestion(name: str, known) -> str:
    lowered = name.lower()
    if lowered in known:
        return f"; did you mean '{lowered}'? (classes are case-sensitive)"
    close = difflib.get_close_matches(lowered, known, n=1, cutoff=0.6)
    if not close and lowered.rstrip("s") in known:
        close = [lowered.rstrip("s")]
    return f"; did you mean '{close[0]}'?" if close else ""


@rule("LK103", "div-unknown-class", "warning", options={"classes": []})
def div_unknown_class(page, context):
    """A fenced div whose class sandpaper does not know, so it renders as a plain block.

    The known classes are callout, objectives, questions, challenge, prereq, checklist,
    solution, hint, discussion, testimonial, keypoints, instructor, spoiler, tab, group-tab and
    caution. Add your own with the option `classes`.

    Fails:

        ::: Challenge
        ## Loops
        :::

    Passes:

        ::: challenge
        ## Loops
        :::
    """
    known = KNOWN_CLASSES + tuple(context.options.get("classes", ()))
    for div in page.parsed.all_divs:
        if not div.classes:
            continue  # {#id} only: a plain div on purpose
        name = div.kind
        if name in known:
            continue
        yield Problem(div.line, div.column, f"Unknown div class '{name}'{_suggestion(name, known)}",
                      end_column=div.column + len(div.fence))


@rule("LK104", "div-misplaced", "error")
def div_misplaced(page, context):
    """A div where sandpaper does not expect it.

    In an episode, a `solution` or `hint` must sit inside a `challenge` (or a
    `discussion`): on its own it renders as a collapsible answer ("Show me the solution", or
    its heading) with no exercise box around the question it answers, which usually means
    the challenge was closed too early. `questions`, `objectives` and `keypoints` must not be
    nested in another div; a `challenge` must not sit inside a `solution`.

    On other pages (learners, instructors, the home page) a `solution` or `hint` outside a
    challenge is not reported. There it is a deliberate collapsible: an answer under a quiz's
    numbered question, or per-system setup steps (`### Windows`, `### macOS`) under a note.
    The built page shows the question or note, then a button labelled with the box's
    heading that opens the answer, which is what the author meant. (For a collapsible that
    answers nothing, the Workbench's own box is `spoiler`, drawn without an answer's style;
    the choice is the author's.)

    Fails:

        ::: challenge
        ## Sum
        :::

        ::: solution
        `sum(x)`
        :::

    Passes:

        ::: challenge
        ## Sum

        ::: solution
        `sum(x)`
        :::
        :::
    """
    # (inside a challenge or discussion, inside a solution) for each div, from its parent's:
    # all_divs lists parents first, so this stays linear however deep the nesting.
    inside: dict[int, tuple[bool, bool]] = {}
    for div in page.parsed.all_divs:
        parent = div.parent
        answerable, in_solution = (False, False) if parent is None else inside[id(parent)]
        if parent is not None:
            answerable = answerable or parent.kind in ANSWERABLE
            in_solution = in_solution or parent.kind == "solution"
        inside[id(div)] = (answerable, in_solution)
        if div.kind in NEEDS_CHALLENGE and not answerable:
            if page.kind == "episode":
                yield Problem(div.line, div.column, f"'{div.kind}' is not inside a challenge: it renders as a "
                              f"collapsible answer with no exercise box around its question; put it inside the "
                              f"challenge it answers (or use 'spoiler' for a collapsible section)")
        elif div.kind in TOP_LEVEL_ONLY and parent is not None:
            yield Problem(div.line, div.column, f"'{div.kind}' is nested inside '{parent.kind}'; it belongs at the top level of the page")
        elif div.kind == "challenge" and in_solution:
            yield Problem(div.line, div.column, "'challenge' inside a solution: close the solution (and the challenge) first")


def blank_line_above(page, line: int) -> Edit:
    """An edit inserting a blank line above line, inside the same block quotes (a quote's blank
    line keeps its '>' markers; a list item's is simply empty)."""
    source = page.lines[line - 1] if line <= len(page.lines) else ""
    markers = QUOTE_MARKERS.match(source).group(0)
    return Edit.insert(line, 1, (markers.rstrip() if ">" in markers else "") + "\n")


@rule("LK105", "div-opener-not-separated", "error", fix="safe")
def div_opener_not_separated(page, context):
    """A div opener written directly under a line of text.

    pandoc does not let an opener interrupt a paragraph: the line becomes text (`::: callout`
    shows on the page) and the div never opens. Put a blank line above the opener.

    Fails:

        Some text.
        ::: callout
        Note this.
        :::

    Passes:

        Some text.

        ::: callout
        Note this.
        :::
    """
    for fence in page.parsed.text_fences:
        if fence.reason == "opener-after-text":
            yield Problem(fence.line, fence.column,
                          f"Div opener '{fence.text.strip()}' directly under text is part of the paragraph; add a blank line above it",
                          fix=fix("Add a blank line above the opener", blank_line_above(page, fence.line)))


MALFORMED = {
    "indented": "fence indented by {n} space(s) is text to pandoc; start it at the first column",
    "opener-trailing-text": "opener with more than one word after the colons is text to pandoc; keep one class or use {{.class}} attributes",
    "closer-trailing-text": "closing fence followed by text is not a closer to pandoc; put the comment on its own line",
}


@rule("LK106", "div-fence-malformed", "error")
def div_fence_malformed(page, context):
    """A line that starts like a div fence but is text to pandoc.

    A fence indented by 1-3 spaces, a closer followed by a comment or words
    (`::: <!-- end challenge -->`), or an opener with two words (`::: challenge extra`) are
    all plain text, so the div they meant to open or close is not.

    Fails:

        ::: challenge extra
        ## Loops
        ::: <!-- end challenge -->

    Passes:

        ::: challenge
        ## Loops
        :::
        <!-- end challenge -->
    """
    for fence in page.parsed.text_fences:
        template = MALFORMED.get(fence.reason)
        if template:
            indent = len(page.lines[fence.line - 1]) - len(page.lines[fence.line - 1].lstrip()) if fence.line <= len(page.lines) else 0
            yield Problem(fence.line, fence.column, f"Malformed fence '{fence.text.strip()}': " + template.format(n=indent))
