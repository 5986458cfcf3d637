"""Fenced div rules (LK1xx): what pandoc makes of the ::: fences, and what sandpaper makes of
the boxes.

sandpaper's filter (lesson.lua, `challenge_block`) takes a challenge's title from its first
block when that is a heading, and titles it "Challenge" otherwise; it then puts what comes
before the first solution (or hint) in the box, and each solution after the box as a button
that opens it (LK107, LK108).
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_right
from typing import Optional

from ..findings import Edit, Problem, fix
from ..lesson import parse_text
from ..markdown.model import Block
from ..site import KNOWN_CLASSES, built_headings, opens_box
from ..textedit import apply_edits
from . import rule
from .edits import (blank_line_above, continuation, last_text_line, line_after, line_text, page_index, paragraph_at,
                    prefix_of, replace_in_line, written_column)

# The fixes import the parser's patterns (lessonkit.markdown.divs) where they use them: that
# module loads markdown-it, which a lint served from the parse cache never needs.

NEEDS_CHALLENGE = ("solution", "hint")
TOP_LEVEL_ONLY = ("questions", "objectives", "keypoints")


@rule("LK101", "div-unclosed", "error", fix="unsafe")
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

    The fix writes the closing fence where pandoc closes the div, so the page renders as
    before; only the author knows where the div was meant to end.
    """
    repairs = _closers_where_pandoc_closes(page, context)
    for div in page.parsed.unclosed_divs:
        where = "the end of the page" if div.container == "document" else f"the end of its {div.container}"
        yield Problem(
            div.line,
            div.column,
            f"Fenced div '{div.kind}' opened here is never closed; pandoc closes it at "
            f"{where} (line {div.implicit_end_line}), so everything up to there is inside this {div.kind}",
            end_column=div.column + len(div.fence),
            fix=repairs.get(id(div)),
        )


# In a list item a closer written where pandoc closes the div turns the item's last paragraph from
# tight (Plain) to loose (Para): only these containers render the same.
CLOSABLE_CONTAINERS = ("document", "block quote")


def _closer_where_pandoc_closes(page, div, context):
    """(line, closer): the closing fence to write after that line, the last of the div's
    container, in the same containers; None while a fence on the way is malformed (its own fix
    may close the div)."""
    last = last_text_line(page, div.implicit_end_line or div.line, context)
    prefix = prefix_of(page, div.line, div.fence)
    fences = page_index(page, context, "text-fence-lines", lambda p: sorted(f.line for f in p.parsed.text_fences))
    following = bisect_right(fences, div.line)
    if div.container not in CLOSABLE_CONTAINERS or prefix is None or (following < len(fences) and fences[following] <= last):
        return None
    return last, continuation(prefix) + ":::"


def _closers_where_pandoc_closes(page, context) -> dict:
    """The fix of each unclosed div that can be closed where pandoc closes it, by id(div).

    Divs pandoc closes at one place are closed there together, innermost (last opened) first: a
    closer written for an outer div alone would close the innermost one instead. So every div
    closed at one place gets the same fix, which writes all their closers, and one pass of the
    fixer repairs them all."""
    closing: dict[int, list] = {}  # line after which the closers go -> [(div, closer)]
    for div in page.parsed.unclosed_divs:
        place = _closer_where_pandoc_closes(page, div, context)
        if place is not None:
            closing.setdefault(place[0], []).append((div, place[1]))
    repairs = {}
    for last, divs in closing.items():
        divs.sort(key=lambda pair: (pair[0].line, pair[0].column), reverse=True)
        if len(divs) == 1:
            description = f"Close the '{divs[0][0].kind}' div where pandoc closes it (line {last})"
        else:
            description = f"Close the {len(divs)} divs that pandoc closes at line {last}, innermost first"
        repair = fix(description, line_after(page, last, "\n".join(closer for _, closer in divs)), safe=False)
        for div, _ in divs:
            repairs[id(div)] = repair
    return repairs


@rule("LK102", "div-stray-closer", "error", fix="unsafe")
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

    The fix removes the closing fence, unless a malformed fence above it may be the opener
    it closes (fix that one first).
    """
    # a fence pandoc reads as text, which a fix may make an opener that a closer below closes
    first_malformed = min((f.line for f in page.parsed.text_fences if f.reason != "stray-closer"), default=None)
    for fence in page.parsed.stray_closers:
        yield Problem(fence.line, fence.column, "Closing fence with no open div: pandoc shows it as text ':::'",
                      end_column=fence.column + len(fence.text), fix=_without_stray_closer(page, fence, first_malformed))


def _without_stray_closer(page, fence, first_malformed):
    """A fix deleting the closer's line, when the line holds nothing else (besides block quote
    markers) and no fence above it is one that a fix may turn into its opener."""
    from ..markdown.divs import CLOSER

    prefix = prefix_of(page, fence.line, fence.text)
    alone = prefix is not None and not prefix.strip(" \t>") and CLOSER.match(fence.text)
    if not alone or (first_malformed is not None and first_malformed < fence.line):
        return None
    return fix("Remove the stray closing fence", Edit.delete_lines(fence.line, fence.line), safe=False)


TRAILING_COLONS = re.compile(r"(.*?[^:])(:+)")


def _closest_class(name: str, known) -> Optional[str]:
    lowered = name.lower()
    if lowered in known:
        return lowered
    close = difflib.get_close_matches(lowered, known, n=1, cutoff=0.6)
    if not close and lowered.rstrip("s") in known:
        close = [lowered.rstrip("s")]
    return close[0] if close else None


def _class_fix(page, div, name: str, known):
    """(what to say, fix) for an unknown class: a known class written with other capitals or with
    the fence's colons glued on is clear; any other close class is a guess."""
    glued = TRAILING_COLONS.fullmatch(name)
    if glued and glued.group(1).lower() in known:
        cls = glued.group(1).lower()
        say = f"; the colons are part of the class: write '{cls} {glued.group(2)}'"
        replacement, safe = f"{cls} {glued.group(2)}", True
    else:
        cls = _closest_class(name, known)
        if cls is None:
            return "", None
        safe = cls == name.lower()
        say = f"; did you mean '{cls}'?" + (" (classes are case-sensitive)" if safe else "")
        replacement = cls
    where = _class_column(page, div, name)
    if where is None:
        return say, None
    edit = replace_in_line(div.line, where, name, replacement)
    return say, fix(f"Write the class as '{replacement}'", edit, safe=safe)


def _class_column(page, div, name: str) -> Optional[int]:
    """Where the div's first class is written on its opener line."""
    from ..markdown.divs import OPENER

    match = OPENER.match(div.fence)
    column = written_column(page, div.line, div.fence)
    if match is None or column is None:
        return None
    word = match.group(1)
    if word.startswith("{"):
        found = re.search(r"\." + re.escape(name) + r"(?=[\s}])", word)
        return column + match.start(1) + found.start() + 1 if found else None
    return column + match.start(1) if word == name else None


@rule("LK103", "div-unknown-class", "warning", options={"classes": []}, fix="sometimes")
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

    The fix is safe for a known class written with capitals (`Challenge`) or with the fence's
    closing colons glued on (`::: challenge:::`); another close class (`prereqs` for
    `prereq`) is a guess.
    """
    known = KNOWN_CLASSES + tuple(context.options.get("classes", ()))
    for div in page.parsed.all_divs:
        if not div.classes:
            continue  # {#id} only: a plain div on purpose
        name = div.kind
        if name in known:
            continue
        say, repair = _class_fix(page, div, name, known)
        yield Problem(div.line, div.column, f"Unknown div class '{name}'{say}",
                      end_column=div.column + len(div.fence), fix=repair)


@rule("LK104", "div-misplaced", "error")
def div_misplaced(page, context):
    """A div where sandpaper does not expect it.

    In an episode, a `solution` or `hint` belongs to a `challenge`: inside it, or right after
    its box. sandpaper's filter moves a solution written inside a challenge to just after the
    box, so a solution opened right after the challenge's closing fence (blank lines between,
    or after another solution or hint that is) builds the same page, and is not reported;
    neither is one right after a `discussion` box, which the page shows as it shows a
    challenge's answers, a button under the box. A solution or hint with none of these before
    it renders as a collapsible answer with no exercise box around the question it answers,
    which usually means the challenge was closed too early or never opened: put it inside the
    challenge it answers. `questions`, `objectives` and `keypoints` must not be nested in
    another div; a `challenge` must not sit inside a `solution`.

    A solution or hint inside another of sandpaper's boxes (a callout holding a
    troubleshooting note and its fix, an instructor note, a tab) is a collapsible in that box,
    as the author wrote it, and is not reported. Nor is one that a title of its own (`## Slurm`,
    not `## Solution`) makes a collapsible section rather than an answer: LK109 suggests the
    box meant for that. On other pages (learners, instructors, the home page) a `solution` or
    `hint` outside a challenge is not reported either. There it is a deliberate collapsible:
    an answer under a quiz's numbered question, or per-system setup steps (`### Windows`,
    `### macOS`) under a note.

    Fails:

        ::: challenge
        ## Sum
        :::

        Here is how to do it.

        ::: solution
        `sum(x)`
        :::

    Passes:

        ::: challenge
        ## Sum
        :::

        ::: solution
        `sum(x)`
        :::
    """
    answers = page_index(page, context, "answer-places", _answer_places)
    in_solution: dict[int, bool] = {}  # from the parent's: all_divs lists parents first (linear however deep)
    for div in page.parsed.all_divs:
        parent = div.parent
        in_solution[id(div)] = parent is not None and (parent.kind == "solution" or in_solution[id(parent)])
        if div.kind in NEEDS_CHALLENGE and page.kind == "episode" and answers[id(div)] == DETACHED:
            yield Problem(div.line, div.column, f"'{div.kind}' is not inside a challenge, nor right after one: it "
                          "renders as a collapsible answer with no exercise box around its question; put it inside "
                          "the challenge it answers (or use 'spoiler' for a collapsible section)")
        elif div.kind in TOP_LEVEL_ONLY and parent is not None:
            yield Problem(div.line, div.column, f"'{div.kind}' is nested inside '{parent.kind}'; it belongs at the top level of the page")
        elif div.kind == "challenge" and in_solution[id(div)]:
            yield Problem(div.line, div.column, "'challenge' inside a solution: close the solution (and the challenge) first")


# Where a solution or hint stands (_answer_places): in a box, right after a challenge's box (or a
# discussion's, or after an answer that is), alone with a title of its own, or detached.
IN_BOX, AFTER_BOX, TITLED, DETACHED = "in a box", "after a box", "titled", "detached"
# Boxes whose answers sandpaper lays out after the box (a challenge), or that show one right
# under them as a challenge's are shown (a discussion).
ANSWERABLE = ("challenge", "discussion")
# Boxes a solution inside is a collapsible of (every box of sandpaper's but those the Overview
# card takes apart).
ENCLOSING_BOXES = tuple(kind for kind in KNOWN_CLASSES if kind not in ("questions", "objectives"))
# A title that names an answer ("Solution 2", "Lösung"), not a section of its own.
ANSWER_TITLE = re.compile(
    r"\b(?:solutions?|answers?|hints?|show me|soluci[oó]n(?:es)?|respuestas?|pistas?|l[öo]sung(?:en)?|antworten?|"
    r"hinweise?|tipps?|soluzion[ei]|rispost[ae]|suggeriment[oi]|r[ée]ponses?|indices?|solu[çc](?:[ãa]o|[õo]es)|"
    r"respostas?|dicas?)\b", re.IGNORECASE)


def _answer_places(page) -> dict:
    """For each solution or hint of the page (by id), where it stands: IN_BOX, AFTER_BOX, TITLED
    or DETACHED. Divs are walked in page order, so an answer right after another sees its place."""
    places: dict = {}
    previous: dict = {}  # id(parent or None) -> the last div seen directly in it
    in_box: dict[int, bool] = {}  # from the parent's, as in LK104
    lines = page.lines
    for div in page.parsed.all_divs:
        parent = div.parent
        in_box[id(div)] = parent is not None and (parent.kind in ENCLOSING_BOXES or in_box[id(parent)])
        key = id(parent) if parent is not None else None
        before = previous.get(key)
        previous[key] = div
        if div.kind not in NEEDS_CHALLENGE:
            continue
        if in_box[id(div)]:
            places[id(div)] = IN_BOX
        elif before is not None and before.closed and _blank_between(page, before.end_line + 1, div.line) and (
                before.kind in ANSWERABLE or places.get(id(before)) == AFTER_BOX):
            places[id(div)] = AFTER_BOX
        elif _own_title(lines, div) is not None and not ANSWER_TITLE.search(_own_title(lines, div)):
            places[id(div)] = TITLED
        else:
            places[id(div)] = DETACHED
    return places


def _own_title(lines, div) -> Optional[str]:
    """The text of the heading that opens the box (its button's label), or None."""
    heading = div.headings[0] if div.headings else None
    return heading.text if heading is not None and opens_box(lines, div, heading) else None


@rule("LK109", "solution-as-collapsible", "warning", kinds=("episode",))
def solution_as_collapsible(page, context):
    """A `solution` or `hint` in an episode that stands on its own with a title of its own
    (`## Slurm`, `## PBS`), after no challenge: a collapsible section written as an answer.

    The built page shows it as a challenge's answer: a button labelled with its title, styled
    as a solution, that opens the section. That is what the author wanted to see, which is why
    this is a warning and not LK104's error; but the box says "answer" where nothing was
    asked. The Workbench's box for a collapsible section is `spoiler`; for alternatives side by
    side (one section per scheduler or operating system), `group-tab` (or `tab`) shows them as
    tabs. A solution titled as an answer ("Solution", "Lösung") is LK104's.

    Fails:

        Submit the script with your cluster's scheduler.

        ::: solution
        ## Slurm
        `sbatch job.sh`
        :::

    Passes:

        Submit the script with your cluster's scheduler.

        ::: spoiler
        ## Slurm
        `sbatch job.sh`
        :::
    """
    answers = page_index(page, context, "answer-places", _answer_places)
    lines = page.lines
    titled = [div for div in page.parsed.all_divs if answers.get(id(div)) == TITLED]
    for div in titled:
        title = _own_title(lines, div)
        alternatives = [other for other in titled if other is not div and other.parent is div.parent
                        and (_blank_between(page, (other.end_line or other.line) + 1, div.line)
                             or _blank_between(page, (div.end_line or div.line) + 1, other.line))]
        advice = (f"for alternatives side by side (here with '{_own_title(lines, alternatives[0])}'), use "
                  "'group-tab' or 'tab'; for one collapsible section, 'spoiler'") if alternatives else \
            "for a collapsible section, use 'spoiler'"
        yield Problem(div.line, div.column, f"'{div.kind}' titled '{title}' stands on its own, after no challenge: the "
                                            f"built page shows a collapsible section styled as an answer where "
                                            f"nothing was asked; {advice}",
                      end_column=div.column + len(div.fence))


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

    The fix adds the blank line (inside the same block quotes).
    """
    for fence in page.parsed.text_fences:
        if fence.reason == "opener-after-text":
            yield Problem(fence.line, fence.column,
                          f"Div opener '{fence.text.strip()}' directly under text is part of the paragraph; add a blank line above it",
                          fix=fix("Add a blank line above the opener", blank_line_above(page, fence.line, context)))


MALFORMED = {
    "indented": "fence indented by {n} space(s) is text to pandoc; start it at the first column",
    "opener-trailing-text": "opener with more than one word after the colons is text to pandoc; keep one class or use {{.class}} attributes",
    "closer-trailing-text": "closing fence followed by text is not a closer to pandoc; put the comment on its own line",
}


@rule("LK106", "div-fence-malformed", "error", fix="sometimes")
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

    The fix starts an indented fence at its container's first column and moves a comment
    after a fence to a line of its own. It is safe when, with every such fence of the page
    repaired, each div is closed and no closer is left over; otherwise it is a guess. Two
    words after an opener have no fix.
    """
    verdict = None
    for fence in page.parsed.text_fences:
        template = MALFORMED.get(fence.reason)
        if not template:
            continue
        edits = _fence_repair(page, fence, context)
        if edits and verdict is None:
            verdict = _repairs_verdict(page, context)
        repair = fix("Repair the fence", *edits, safe=verdict == "balanced") if edits and verdict else None
        indent = len(page.lines[fence.line - 1]) - len(page.lines[fence.line - 1].lstrip()) if fence.line <= len(page.lines) else 0
        yield Problem(fence.line, fence.column, f"Malformed fence '{fence.text.strip()}': " + template.format(n=indent),
                      fix=repair)


INDENTED = re.compile(r"((?:[ ]{0,3}>[ ]?)*)([ ]{1,3})")
TRAILING_COMMENT = re.compile(r"(:{3,}(?:[ \t]*[^ \t<]\S*)?)([ \t]+)(<!--.*?-->)[ \t]*")


def _fence_repair(page, fence, context) -> tuple[Edit, ...]:
    """The edits that make a fence pandoc reads as text the fence it looks meant to be (none when
    that is not clear): LK105's blank line above an opener under text, LK106's repairs."""
    from ..markdown.divs import CLOSER, parse_opener

    if fence.reason == "opener-after-text":
        return (blank_line_above(page, fence.line, context),)
    prefix = prefix_of(page, fence.line, fence.text)
    if prefix is None:
        return ()
    column = len(prefix) + 1
    if fence.reason == "indented":
        quotes = INDENTED.fullmatch(prefix)
        paragraph = paragraph_at(page, context, fence.line)
        if quotes is None or paragraph is None or paragraph.depth != quotes.group(1).count(">"):
            return ()  # inside a list item (or tabs): where its first column is, is not clear
        fence_text = fence.text.strip()
        opener = parse_opener(fence_text) is not None
        if not (opener or CLOSER.match(fence_text)):
            return ()
        unindent = Edit(fence.line, len(quotes.group(1)) + 1, fence.line, column, "")
        if opener and paragraph.line < fence.line:
            return (blank_line_above(page, fence.line, context), unindent)
        return (unindent,)
    comment = TRAILING_COMMENT.fullmatch(fence.text.rstrip())
    if comment is None or continuation(prefix) != prefix:
        return ()
    fence_text, gap, html = comment.groups()
    if fence.reason == "closer-trailing-text":
        after = column + len(fence_text)
        return (Edit(fence.line, after, fence.line, after + len(gap), "\n" + prefix),)
    if parse_opener(fence_text) is None:
        return ()
    # the comment goes above the opener: sandpaper takes a box's title from its first block
    end = column + len(fence.text.rstrip())
    return (Edit.insert(fence.line, column, html + "\n" + prefix),
            Edit(fence.line, column + len(fence_text), fence.line, end, ""))


def _repairs_verdict(page, context) -> Optional[str]:
    """What repairing every fence of the page that pandoc reads as text does to its divs:
    "balanced" when each div is then closed and no closer is stray, "no worse" when the page
    has no more unclosed divs and stray closers than now, None when it has more or a repair
    does not give a fence."""
    key = ("fence-repairs", page.rel)
    if key not in context.cache:
        fences = [f for f in page.parsed.text_fences if f.reason != "stray-closer"]
        repairs = [_fence_repair(page, f, context) for f in fences]
        edits = [edit for repair in repairs for edit in repair]
        repaired = [repair for repair in repairs if repair]
        _, parsed = parse_text(page.path, apply_edits(page.text, edits), page.is_rmd, context.lesson.references)
        left = len([f for f in parsed.text_fences if f.reason != "stray-closer"])
        before = len(page.parsed.unclosed_divs) + len(page.parsed.stray_closers)
        after = len(parsed.unclosed_divs) + len(parsed.stray_closers)
        verdict = None
        if left <= len(fences) - len(repaired):
            verdict = "balanced" if after == 0 else "no worse" if after <= before else None
        context.cache[key] = verdict
    return context.cache[key]


# --- box structure: LK107, LK108 -----------------------------------------------------------------


# what may stand between a question and the challenge box meant to hold it
QUESTION_BLOCKS = ("paragraph", "bullet_list", "ordered_list", "code", "blockquote", "table", "deflist")


def _layout(page) -> tuple[dict, dict, dict]:
    """Built once per page: (the blocks directly in each div, by id(div); for each div of the page
    proper (not in a list item or block quote), by id(div), the blocks and divs beside it in the
    div or page that holds it, in order, a div standing as a Block of kind "div", and its own
    place among them; the headings by line)."""
    own: dict = {}
    beside: dict = {}  # id(parent div), or None for the page -> [Block, ...]
    for block in page.parsed.blocks:
        if block.depth == 0 and block.kind != "inline":
            key = id(block.div) if block.div is not None else None
            own.setdefault(key, []).append(block)
            beside.setdefault(key, []).append(block)
    documented = [div for div in page.parsed.all_divs if div.container == "document"]
    stand_ins = {}
    for div in documented:
        key = id(div.parent) if div.parent is not None else None
        stand_ins[id(div)] = Block("div", div.line, div.last_line, 0, div.parent)
        beside.setdefault(key, []).append(stand_ins[id(div)])
    places = {}
    for found in beside.values():
        found.sort(key=lambda block: block.line)
        places.update({id(block): index for index, block in enumerate(found) if block.kind == "div"})
    siblings = {}
    for div in documented:
        stand_in = stand_ins[id(div)]
        siblings[id(div)] = (beside[id(div.parent) if div.parent is not None else None], places[id(stand_in)])
    return own, siblings, {heading.line: heading for heading in page.parsed.headings}


def _first_heading(div, own):
    """The heading that titles the box: its first block, when that is a heading and comes before
    any div inside it."""
    first_child = min((child.line for child in div.children), default=None)
    if own and own[0].kind == "heading" and (first_child is None or own[0].line < first_child):
        return own[0]
    return None


def _blank_between(page, first: int, last: int) -> bool:
    return all(not line_text(page, number).strip(" \t>") for number in range(first, last))


def _challenges(page, context):
    """(div, its own blocks, its title heading block or None, the page's layout) of each closed
    challenge that is not inside a list item, block quote or footnote."""
    layout = page_index(page, context, "box-layout", _layout)
    for div in page.parsed.all_divs:
        if div.kind == "challenge" and div.closed and div.container == "document":
            own = layout[0].get(id(div), [])
            yield div, own, _first_heading(div, own), layout


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
    is the section's, and the first heading of a box (an instructor note, a callout) is that
    box's title. Move the heading below the opener.

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
    for div, own, title, layout in _challenges(page, context):
        if title is not None or _only_answers(div, own):
            continue  # titled, or LK108's
        siblings, place = layout[1][id(div)]
        headings = layout[2]
        before, after = siblings[:place][-1:], siblings[place + 1 :][:1]
        heading = headings.get(before[-1].line) if before and before[-1].kind == "heading" else None
        if heading is None or not _blank_between(page, before[-1].end_line + 1, div.line):
            continue
        if page_index(page, context, "box-titles", _box_titles).get(heading.line, True):
            continue  # the title of the box that holds the challenge (or dropped): no section of the page
        next_heading = headings.get(after[0].line) if after and after[0].kind == "heading" else None
        if after and (next_heading is None or next_heading.level > heading.level):
            continue  # the section goes on after the box: the heading is the section's
        yield Problem(div.line, div.column, f"This challenge has no heading of its own, so sandpaper titles its box "
                                            f"'Challenge', and the heading '{heading.text}' (line {heading.line}) just "
                                            "above it stays outside the box, a section holding only the box: move the "
                                            "heading below the opener",
                      end_column=div.column + len(div.fence), fix=_heading_inside(page, div, before[-1]))


def _box_titles(page) -> dict:
    """For each heading's line, whether the built page shows it as something else than a heading of
    the page: a box's title (or button), or nothing (built_headings)."""
    return {heading.line: title or level is None for heading, level, title in built_headings(page)}


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
    above the box as ordinary text. Move the opener above the question (or, where no text
    stands right above the box, write the question in it). A challenge whose
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
    for div, own, _title, layout in _challenges(page, context):
        if not _only_answers(div, own):
            continue
        answer = div.children[0].kind
        question = _question_above(layout, div)
        empty = (f"This challenge holds nothing but its {answer}: the built page shows an empty box titled "
                 f"'Challenge', then the {answer}'s button")
        if question:
            message = f"{empty}, and the question stays outside the box: move the opener above the question"
        else:  # a heading, a box or nothing above: no question to take in
            message = f"{empty}, and no question stands right above the box: write the question in it, above " \
                      f"the {answer}"
        yield Problem(div.line, div.column, message, end_column=div.column + len(div.fence),
                      fix=_opener_above_question(page, div, question))


def _question_above(layout, div) -> list:
    """The run of question blocks (paragraphs, lists, code...) right above the opener, nearest first."""
    siblings, place = layout[1][id(div)]
    question = []
    for block in reversed(siblings[:place]):
        if block.kind not in QUESTION_BLOCKS:
            break
        question.append(block)
    return question


def _opener_above_question(page, div, question):
    """Move the opener line above the run of question blocks right above it."""
    if not question or prefix_of(page, div.line, div.fence) != "":
        return None
    top = question[-1].line
    return fix("Move the opener above the question", Edit.insert(top, 1, line_text(page, div.line) + "\n\n"),
               Edit.delete_lines(div.line, div.line), safe=False)
