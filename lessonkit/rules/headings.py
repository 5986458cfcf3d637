"""Heading rules (LK4xx): the outline pandoc and sandpaper build from a page's headings, and
blocks that pandoc reads as part of the paragraph above them.

Scopes: sandpaper renders each callout-type div (challenge, callout, solution, instructor, ...)
as a box whose first heading is the box's title. The headings of such a div are therefore
compared with each other, not with the page's sections: a challenge's `## Title` under a page's
`####` is no skip, and two challenges both titled "Exercise" are no duplicate. A div of any
other class (or none) is transparent: its headings belong to the enclosing scope.

Levels: lessonkit.site.built_headings gives each heading the level it has on the built page
(sandpaper's Lua filter retitles the boxes); tests/test_built_page.py holds it against the real
build.
"""

from __future__ import annotations

import re

from ..findings import Edit, Problem, fix
from ..site import built_headings, built_outline, heading_scope
from . import rule
from .edits import blank_line_above, line_text
from .prerequisites import SETUP_PAGES

# Divs whose repeated headings are normal: each solution, hint, tab... repeats the same labels.
REPEATS_ALLOWED = frozenset(("solution", "hint", "instructor", "spoiler", "tab", "group-tab"))
SEPARATED_KINDS = {
    "heading": "heading",
    "block quote": "block quote",
    "list": "list item",
    "ordered list": "numbered list item",
    "code fence": "code fence",
    "horizontal rule": "horizontal rule",
    "setext heading": "setext heading underline",
    "table": "pipe table",
}


def _level_above(page, lesson) -> tuple[int, str]:
    """(level, what it is) of the heading the page's first heading follows on the built page: the
    page title, or for the setup page, which sandpaper renders into index.html after index.md
    (and the schedule table, which has no heading), the last heading of index.md's built page."""
    if page.rel not in SETUP_PAGES:
        return 1, "the page title"
    home = lesson.page("index.md")
    outline = built_outline(home) if home is not None and home.error is None else []
    if not outline:
        return 1, "the home page's title; index.md, shown above this page, has no heading"
    return outline[-1].level, "the last heading of index.md, which the home page shows above this page"


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


@rule("LK401", "heading-level-one", "error", kinds=("episode", "learner", "instructor"), fix="unsafe")
def heading_level_one(page, context):
    """A level-1 heading (`# Heading`, or text underlined with `===`) in an episode, a
    learners page or an instructors page.

    sandpaper prints the page's `title` as its only level-1 heading (on the home page, which
    shows `learners/setup.md` below `index.md`, the lesson's title); another one competes
    with it and is left out of the sidebar, which lists level-2 sections. Use `##` for
    sections.

    Fails:

        # Loops

        Loops repeat things.

    Passes:

        ## Loops

        Loops repeat things.

    A heading that titles one of sandpaper's boxes is not reported: the filter makes a box's
    first heading its title, an h3 (a button for a solution), whatever its `#`s. Nor is a page
    sandpaper never builds that has no front matter (a fragment kept in the folder, not a page
    with a title). Where `#` lines sit among lines of code with no code fence around them (R or
    shell comments), the message says to put the code in a fence: pandoc reads the comments as
    headings and the code as text.

    The fix, when the page has no level-2 section, moves every section heading one level down
    (`#` to `##`, `##` to `###`...), keeping their structure; headings in sandpaper's boxes
    keep theirs. It is unsafe: it may be that only some headings were meant as sections.
    """
    if page.front_matter is None and not context.lesson.site.is_built(page):
        return
    title = "the home page's title" if page.rel in SETUP_PAGES else "the page title"
    shift = None
    for heading, level, _title in built_headings(page):
        if heading.level != 1 or level != 1:
            continue  # on the built page it is no h1: a box's title, or left out
        if _among_code(page, heading):
            yield Problem(heading.line, heading.column,
                          f"Level-1 heading '{heading.text}' among lines of code with no code fence: pandoc reads this "
                          "comment as a heading and the code as text; put the code in a fence (```r, ```bash...)")
            continue
        if shift is None:
            shift = _sections_one_level_down(page) or False
        yield Problem(heading.line, heading.column, f"Level-1 heading '{heading.text}': {title} is the "
                                                    "level 1; use '##' for a section",
                      fix=shift if shift and heading_scope(heading) is None else None)


# A line of code as lessons write it: an assignment, a call, a pipe, an import or library() load.
CODE_LINE = re.compile(r"<-|%>%|\|>|^[ \t]*(?:library|require|source|print|install\.packages)[ \t]*\("
                       r"|^[ \t]*(?:import|from)[ \t]+[\w.]+(?:[ \t]+(?:import|as)\b|[ \t]*$)"
                       r"|^[ \t]*[\w.$\[\]]+[ \t]*=[^=]|^[ \t]*[\w.$]+\([^()]*\)[ \t]*;?[ \t]*$")


def _among_code(page, heading) -> bool:
    """Whether the heading is a comment among lines of code written as text: the line right above
    or below it (no blank line between) is a line of code."""
    if heading.setext:
        return False
    neighbours = [line_text(page, number) for number in (heading.line - 1, heading.line + 1)]
    return any(line.strip() and CODE_LINE.search(line) for line in neighbours)


SETEXT_UNDERLINE = re.compile(r"([ \t>]*)(=+)[ \t]*$")


def _sections_one_level_down(page):
    """A fix moving every heading outside sandpaper's boxes one level down, when none is at
    level 2 (or 6): the outline keeps its shape under the page title."""
    sections = [heading for heading in page.parsed.headings if heading_scope(heading) is None]
    if any(heading.level in (2, 6) for heading in sections):
        return None
    edits = []
    for heading in sections:
        if not heading.setext:
            if line_text(page, heading.line)[heading.column - 1 : heading.column] != "#":
                return None
            edits.append(Edit.insert(heading.line, heading.column, "#"))
            continue
        underline = SETEXT_UNDERLINE.match(line_text(page, heading.line + 1))
        if underline is None:
            return None  # only a level 1 (===) is setext here: level 2 is absent
        start = len(underline.group(1)) + 1
        edits.append(Edit(heading.line + 1, start, heading.line + 1, start + len(underline.group(2)),
                          "-" * len(underline.group(2))))
    return fix("Move every section heading one level down", *edits, safe=False)


@rule("LK402", "heading-skips-level", "warning")
def heading_skips_level(page, context):
    """A heading more than one level below the heading before it on the built page (`##` then
    `####`), or an episode whose first section is a level-3 heading.

    Screen readers and the page outline present a skipped level as a missing section, and
    the heading sizes suggest a structure that is not there. The sequence judged is the built
    page's (lessonkit.site.built_outline): the page title counts as level 1; a heading that
    opens a challenge, callout or other sandpaper box becomes the box's title at level 3 (the
    button of a solution or hint is at level 4), whatever its `#`s, and a box with no title
    heading gets sandpaper's ("Challenge", "Show me the solution", ...); in a challenge, a
    heading directly under the title replaces it as the title, and a heading directly after a
    solution titles the box that continues the challenge (other text there gets a
    "... (continued)" title); the headings of questions and objectives are not on the page, and
    the Overview card that replaces them has an h2 and two h3s. So `####` right after a box
    follows the box's h3 title: no skip. A heading written as raw HTML (`<h5 id="x">`) is on
    the page at its written level.

    `learners/setup.md` is judged where sandpaper shows it, in the home page below `index.md`:
    its first heading follows the last heading of `index.md`, so `### Windows` after the home
    page's `## Getting Started` is no skip.

    An episode's first section written as `###` follows the Overview card's h3s (or a box's
    title), so no level is skipped, but on the page it reads as part of the Overview box, and
    the sidebar, which lists the episode's level-2 sections, leaves it out: that is reported
    once, at the first such heading.

    Not reported, on purpose: a box's own title (sandpaper sets its level; the Workbench
    template itself puts the home page's prerequisites box, an h3, right under the lesson's
    title), and the language labels sandpaper's R code puts above code blocks (an h3 each),
    which label a block and are left out of the sequence.

    Fails:

        ## Loops

        #### For loops

    Passes:

        ## Loops

        ### For loops
    """
    top, above = _level_above(page, context.lesson)
    previous, what = top, f" ({above})"
    overview = False  # the Overview card is above
    sectioned = False  # an h1 or h2 of the author's outside boxes is above, or the first section was reported
    for entry in built_outline(page):
        if entry.kind != "heading":
            overview = overview or entry.kind == "overview"
            previous, what = entry.level, _described(entry)
            continue
        heading, level = entry.heading, entry.level
        outside = heading_scope(heading) is None
        if level > previous + 1:
            wanted = f"<h{previous + 1}>" if heading.html else "#" * (previous + 1)
            yield Problem(heading.line, heading.column,
                          f"Heading level {level} follows level {previous}{what}, skipping level {previous + 1}: "
                          f"use {wanted} or add the missing level")
            sectioned = sectioned or outside
        elif outside and not sectioned and level >= 3 and page.kind == "episode":
            above_it = what.strip()[1:-1]  # " (the 'callout' box's title 'Note')" -> the words inside
            where = ("on the built page it reads as part of the Overview box above it (an h2), and" if overview else
                     "with no level-2 heading above it" + (f" (the heading above it is {above_it})" if above_it else "")
                     + ":")
            yield Problem(heading.line, heading.column,
                          f"The episode's first section is a level-{level} heading: {where} the sidebar, which lists "
                          "the episode's level-2 sections, leaves it out: use ##")
            sectioned = True
        if outside and level <= 2:
            sectioned = True
        previous, what = level, ""


def _described(entry) -> str:
    """What a heading sandpaper made is, for LK402's message: ' (the 'callout' box's title 'Note')'."""
    if entry.kind == "overview":
        return f" (the Overview box's '{entry.text}')"
    box = entry.div.kind if entry.div is not None else "box"
    if entry.text == "(continued)":
        return f" (the '(continued)' title sandpaper gives the '{box}' box's part after an answer)"
    made = ", which sandpaper gives it" if entry.kind == "added" else ""
    return f" (the '{box}' box's title '{entry.text}'{made})"


@rule("LK403", "heading-empty", "error")
def heading_empty(page, context):
    """A heading with no text.

    pandoc renders an empty heading (an empty line in large type) with an empty link target,
    and the sidebar shows an entry with no name. Give it text or remove the `#`.

    Fails:

        ##

        Loops repeat things.

    Passes:

        ## Loops

        Loops repeat things.
    """
    for heading in page.parsed.headings:
        if not heading.text.strip():
            yield Problem(heading.line, heading.column, "Heading has no text: write its text or remove the heading marks")


@rule("LK404", "heading-duplicate", "warning")
def heading_duplicate(page, context):
    """The same heading text twice under the same parent section.

    The two sections get ids `name` and `name-1`, a link to `#name` always lands on the first,
    and the sidebar lists two entries that cannot be told apart. Headings inside solution,
    hint, instructor, spoiler and tab boxes are not counted (repeating "Solution" or "Windows"
    there is normal), and each challenge or callout box is its own scope, so two challenges may
    both have a heading "Exercise". So is each block quote: pandoc puts a quote's headings in
    sections of their own inside the quote, so two styles-era exercises (`> ## Exercise`) in
    different sections are no duplicate.

    Fails:

        ## Setup

        Install Python.

        ## Setup

        Install the packages.

    Passes:

        ## Installing Python

        ## Installing the packages
    """
    stacks: dict = {}  # scope -> [(level, parent key)] open sections
    seen: dict = {}  # (scope, parent, level, text) -> first line
    # the divs in (or being) a box where repeats are normal, from their parents' (all_divs lists
    # parents first): a heading's ancestors are not walked, however deep the nesting
    exempt: set[int] = set()
    for div in page.parsed.all_divs:
        if div.kind in REPEATS_ALLOWED or (div.parent is not None and id(div.parent) in exempt):
            exempt.add(id(div))
    # the block quotes open at each heading, innermost last: quotes come in document order,
    # containers first, so one pass over them beside the headings finds each heading's quote
    quotes = [block for block in page.parsed.blocks if block.kind == "blockquote"]
    open_quotes: list = []
    next_quote = 0
    for heading in page.parsed.headings:
        if heading.div is not None and id(heading.div) in exempt:
            continue
        if not heading.text.strip():
            continue  # LK403
        scope = heading_scope(heading)
        while next_quote < len(quotes) and quotes[next_quote].line <= heading.line:
            while open_quotes and open_quotes[-1].end_line < quotes[next_quote].line:
                open_quotes.pop()
            open_quotes.append(quotes[next_quote])
            next_quote += 1
        while open_quotes and open_quotes[-1].end_line < heading.line:
            open_quotes.pop()
        quote = open_quotes[-1] if open_quotes else None
        scope_key = (id(scope) if scope is not None else None, quote.line if quote is not None else None)
        stack = stacks.setdefault(scope_key, [])
        while stack and stack[-1][0] >= heading.level:
            stack.pop()
        parent = stack[-1][1] if stack else None
        key = (scope_key, parent, heading.level, _normal(heading.text))
        if key in seen:
            yield Problem(heading.line, heading.column,
                          f"Heading '{heading.text}' repeats the heading of line {seen[key]} in the same section: "
                          "give it a distinct title")
        else:
            seen[key] = heading.line
        stack.append((heading.level, heading.line))


MID_SENTENCE = re.compile(r"[^\W_]$|,$")


def _wrapped_sentence(page, divergence) -> bool:
    """Whether a lone `- ` or `> ` line continues a sentence (see LK405): a dash or "greater than"
    at the start of a wrapped line, in the paragraph as the author meant."""
    marker = {"list": "- ", "block quote": ">"}.get(divergence.kind)
    if marker is None or not divergence.text.startswith(marker):
        return False
    rest = divergence.text[len(marker):].lstrip()
    if not rest[:1].islower() and not rest[:1].isdigit():
        return False
    above = line_text(page, divergence.line - 1)
    return not above.endswith("  ") and MID_SENTENCE.search(above.rstrip()) is not None


@rule("LK405", "block-not-separated", "warning", fix="safe")
def block_not_separated(page, context):
    """A heading, block quote, list, `~~~` code fence or horizontal rule written directly under
    a line of text, with no blank line between them.

    pandoc (unlike GitHub's Markdown) does not let these interrupt a paragraph: the line is
    joined to the text above, so the reader sees `Most versions work, but: - For Keras ...`
    on one line, or `## Setup` as plain text. Put a blank line above it.

    The one exception is pandoc's: inside a list item or a definition, a list marker does
    start a list under a line of text, at any depth (`- a` then `  - b`, and also in a block
    quote, div or footnote within the item), so such a nested list is not reported. The lines
    under a list marker alone on its line (`3.`) are that item's text to pandoc, however little
    they are indented, so a list under them is a list too. A heading, block quote or rule
    under text is joined to it there too, and is reported.

    Fails:

        Most versions work, but:
        - For Keras, use 2.4 or newer.

    Passes (the nested item is a list to pandoc too):

        Most versions work, but:

        - For Keras, use 2.4 or newer.
          - Keras 3 needs TensorFlow 2.16.

    Where pandoc keeps the line in the paragraph as the author meant it, it is not reported: a
    single `- ` (or `> `) line in the middle of a sentence, a dash (or "greater than") that
    the editor wrapped to the start of a line. The boundary is exact: the line above ends in a
    letter, a digit or a comma, with no hard line break (two spaces) after it; the text after the
    dash starts with a small letter or a digit; and no list item (or quoted line) follows in
    the same paragraph. Text ending in `:`, `.` or another mark, an item starting with a capital,
    or two items in a row read as a list the author meant, and are reported.

        The mean of the values
        - in this case the mean of the column - is 3.

    The fix adds the blank line (inside the same block quotes). A `===` or `---` line under
    several lines of text has none: whether it underlines a heading or is a rule is not clear.
    """
    divergences = [d for d in page.parsed.divergences if d.kind in SEPARATED_KINDS]
    if not divergences:
        return
    lines = page.lines
    index = 0
    while index < len(divergences):
        first = divergences[index]
        index += 1
        more = 0
        # the following ones of the same kind in the same paragraph (list markers, a quote's
        # lines, a fence's closer): one blank line above the first fixes them all
        last_line = first.line
        while index < len(divergences) and divergences[index].kind == first.kind and all(
            lines[number - 1].strip() for number in range(last_line + 1, divergences[index].line) if number <= len(lines)
        ):
            last_line = divergences[index].line
            more += 1
            index += 1
        if not more and _wrapped_sentence(page, first):
            continue
        also = f" (and the {more} below it)" if more else ""
        repair = None if first.kind == "setext heading" else fix("Add a blank line above it",
                                                                 blank_line_above(page, first.line, context))
        yield Problem(first.line, first.column,
                      f"{SEPARATED_KINDS[first.kind].capitalize()} directly under a line of text: pandoc renders it{also} "
                      "as part of that paragraph; add a blank line above it",
                      end_column=first.column + len(first.text), fix=repair)
