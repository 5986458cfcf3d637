"""Box structure (LK107, LK108): challenges that sandpaper's filter (lesson.lua,
`challenge_block`) builds otherwise than their author laid them out.

The filter takes a challenge's title from its first block when that is a heading, and titles
it "Challenge" otherwise; it then puts what comes before the first solution (or hint) in the
box, and each solution after the box as a button that opens it.
"""

from __future__ import annotations

from ..findings import Edit, Problem, fix
from ..markdown.model import Block
from . import rule
from .divs import NEEDS_CHALLENGE
from .edits import line_text, prefix_of

# what may stand between a question and the challenge box meant to hold it
QUESTION_BLOCKS = ("paragraph", "bullet_list", "ordered_list", "code", "blockquote", "table", "deflist")


def _own_blocks(page, div) -> list:
    """The blocks directly in div (not in a div or other block inside it), in order."""
    return [block for block in page.parsed.blocks if block.div is div and block.depth == 0 and block.kind != "inline"]


def _siblings(page, div) -> list:
    """The blocks and divs beside div in the div (or page) that holds it, in order (a div as a
    Block of kind "div")."""
    found = [block for block in page.parsed.blocks if block.div is div.parent and block.depth == 0
             and block.kind != "inline"]
    found += [Block("div", other.line, other.last_line, 0, div.parent) for other in page.parsed.all_divs
              if other.parent is div.parent and other is not div and other.container == "document"]
    return sorted(found, key=lambda block: block.line)


def _first_heading(page, div, own):
    """The heading that titles the box: its first block, when that is a heading and comes before
    any div inside it."""
    first_child = min((child.line for child in div.children), default=None)
    if own and own[0].kind == "heading" and (first_child is None or own[0].line < first_child):
        return own[0]
    return None


def _heading_at(page, line: int):
    return next((heading for heading in page.parsed.headings if heading.line == line), None)


def _blank_between(page, first: int, last: int) -> bool:
    return all(not line_text(page, number).strip(" \t>") for number in range(first, last))


def _challenges(page):
    """(div, its own blocks, its title heading block or None) of each closed challenge that is
    not inside a list item, block quote or footnote."""
    for div in page.parsed.all_divs:
        if div.kind == "challenge" and div.closed and div.container == "document":
            own = _own_blocks(page, div)
            yield div, own, _first_heading(page, div, own)


def _only_answers(div, own) -> bool:
    """Whether the challenge holds nothing but its answers: not even a title, which may be the
    question itself ("## What does `Fr[ea]nc[eh]` match?")."""
    return not own and bool(div.children) and all(child.kind in NEEDS_CHALLENGE for child in div.children)


@rule("LK107", "challenge-title-outside", "warning", fix="unsafe")
def challenge_title_outside(page, context):
    """A challenge with no heading of its own, right under a heading that stands alone in its
    section: the heading was meant as the box's title.

    sandpaper titles a challenge's box with the challenge's first heading, and with the word
    "Challenge" when it has none. A heading written just above the opener (`## Exercise 1`,
    then `::: challenge`) stays outside the box as a section of the page holding nothing but
    the box, and every such box is titled "Challenge". Reported when only the box follows the
    heading in its section; a heading above several challenges, or above text besides the box,
    is the section's. Move the heading below the opener.

    Fails:

        ## Sum a list

        ::: challenge
        Add up `[1, 2, 3]`.
        :::

        ## Loops

    Passes:

        ::: challenge
        ## Sum a list

        Add up `[1, 2, 3]`.
        :::

        ## Loops

    The fix, a guess to review, moves the heading below the opener.
    """
    for div, own, title in _challenges(page):
        if title is not None or _only_answers(div, own):
            continue  # titled, or LK108's
        siblings = _siblings(page, div)
        before = [block for block in siblings if block.end_line < div.line]
        after = [block for block in siblings if block.line > div.last_line]
        heading = _heading_at(page, before[-1].line) if before and before[-1].kind == "heading" else None
        if heading is None or not _blank_between(page, before[-1].end_line + 1, div.line):
            continue
        next_heading = _heading_at(page, after[0].line) if after and after[0].kind == "heading" else None
        if after and (next_heading is None or next_heading.level > heading.level):
            continue  # the section goes on after the box: the heading is the section's
        yield Problem(div.line, div.column, f"This challenge has no heading of its own, so sandpaper titles its box "
                                            f"'Challenge', and the heading '{heading.text}' (line {heading.line}) just "
                                            "above it stays outside the box, a section holding only the box: move the "
                                            "heading below the opener",
                      end_column=div.column + len(div.fence), fix=_heading_inside(page, div, before[-1]))


def _heading_inside(page, div, heading_block):
    """Move the heading's lines to just below the opener."""
    if prefix_of(page, div.line, div.fence) != "" or heading_block.end_line != heading_block.line:
        return None  # an opener written indented, or a setext heading: where it goes is not clear
    text = line_text(page, heading_block.line)
    return fix(f"Move '{text.strip()}' into the challenge", Edit.delete_lines(heading_block.line, div.line - 1),
               Edit.insert(div.line + 1, 1, text + "\n\n"), safe=False)


@rule("LK108", "challenge-only-solution", "warning", fix="unsafe")
def challenge_only_solution(page, context):
    """A challenge that holds nothing but its solution (or hint): the question was left above
    the opener.

    sandpaper's filter puts what a challenge holds before its first solution in the box and
    the solution after it as a button. With nothing before the solution, the built page shows
    an empty box titled "Challenge", then "Show me the solution", while the question stands
    above the box as ordinary text. Move the opener above the question. A challenge whose
    only content is a heading and its solution passes: the heading, the box's title, is
    usually the question ("## What does `Fr[ea]nc[eh]` match?").

    Fails:

        Add a `publishDir` directive to the process.

        ::: challenge

        ::: solution
        `publishDir "results"`
        :::

        :::

    Passes:

        ::: challenge
        Add a `publishDir` directive to the process.

        ::: solution
        `publishDir "results"`
        :::

        :::

    The fix, a guess to review, moves the opener above the paragraphs, lists and code just
    above it, up to the heading or box before them.
    """
    for div, own, _title in _challenges(page):
        if not _only_answers(div, own):
            continue
        answer = div.children[0].kind
        yield Problem(div.line, div.column, f"This challenge holds nothing but its {answer}: the built page shows an "
                                            f"empty box titled 'Challenge', then the {answer}'s button, and the "
                                            "question stays outside the box: move the opener above the question",
                      end_column=div.column + len(div.fence), fix=_opener_above_question(page, div))


def _opener_above_question(page, div):
    """Move the opener line above the run of question blocks right above it."""
    if prefix_of(page, div.line, div.fence) != "":
        return None
    before = [block for block in _siblings(page, div) if block.end_line < div.line]
    question = []
    for block in reversed(before):
        if block.kind not in QUESTION_BLOCKS:
            break
        question.append(block)
    if not question:
        return None
    top = question[-1].line
    return fix("Move the opener above the question", Edit.insert(top, 1, line_text(page, div.line) + "\n\n"),
               Edit.delete_lines(div.line, div.line), safe=False)
