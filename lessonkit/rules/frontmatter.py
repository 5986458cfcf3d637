"""Front matter and episode structure rules (LK3xx): what sandpaper reads from a page's YAML
header and the blocks it expects in an episode.

Pages of a folder that config.yaml does not list (drafts) are not checked: sandpaper does not
build them (LK505 reports unlisted episodes).

LK305 and LK306 report what the Workbench's lesson template (and sandpaper's page templates)
put in a new lesson for its author to replace. Those placeholders are the purpose of the
Workbench's own template and documentation lessons, which are not checked (is_template_itself).
"""

from __future__ import annotations

import re

from ..findings import Edit, Problem, fix
from ..frontmatter import FALLBACK_MINUTES, Minutes, read_minutes
from ..repository import repository
from ..site import is_external, menu_entry
from . import rule
from .edits import replace_in_line
from .prerequisites import SETUP_PAGES

TITLED = ("episode", "learner", "instructor", "profile")
# sandpaper finds the header by grepping for lines that are exactly "---" (politely_get_yaml).
SANDPAPER_FENCE = "---"
TIMING_KEYS = ("teaching", "exercises")
EPISODE_BLOCKS = ("questions", "objectives", "keypoints")


def _checked(page) -> bool:
    return page.listed


def _type_name(data) -> str:
    if isinstance(data, list):
        return "a list"
    if isinstance(data, str):
        return "a single string"
    return f"a single {type(data).__name__} value" if data is not None else "empty"


@rule("LK301", "frontmatter-invalid", "error", kinds=TITLED, fix="safe")
def frontmatter_invalid(page, context):
    """The page's YAML front matter is missing, never closed, not valid YAML, not a mapping,
    repeats a key, or is fenced in a way sandpaper does not recognise.

    sandpaper reads every episode's, learners', instructors' and profiles' page title (and an
    episode's timings) from the front matter: a page without one has no title in the menu and
    the schedule, and a header that does not parse stops the build. sandpaper finds the header
    by looking for lines that are exactly `---`: a header closed with `...` (which pandoc
    accepts) or a fence line with trailing spaces makes it read on into the page. Duplicate keys
    are an error for R's YAML reader. Drafts (pages not listed in config.yaml) are not checked.

    Fails:

        ---
        title: Loops
        teaching: 10
        exercises: 5

        Loops repeat things.

    Passes:

        ---
        title: Loops
        teaching: 10
        exercises: 5
        ---

        Loops repeat things.

    The fix writes a fence closed with `...` or followed by spaces as `---`; the other
    problems have none.
    """
    if not _checked(page):
        return
    front = page.front_matter
    if front is None:
        lines = page.lines
        if lines and lines[0].rstrip() == SANDPAPER_FENCE and len(lines) > 1 and not lines[1].strip():
            yield Problem(1, 1, "The opening '---' is followed by a blank line, so pandoc does not read a YAML "
                                "header (it is a horizontal rule); remove the blank line")
        else:
            yield Problem(1, 1, "No YAML front matter: start the page with '---', a 'title:' line and a closing '---'")
        return
    if front.end_line is None:
        yield Problem(front.start_line, 1, "Front matter is never closed: add a line '---' after its last key")
        return
    document = front.document
    if document.error is not None:
        line = document.error_line or front.start_line
        yield Problem(line, 1, f"Front matter is not valid YAML ({document.error}); fix the YAML so the header can be read")
        return
    if document.data is not None and not isinstance(document.data, dict):
        yield Problem(front.start_line + 1, 1, f"Front matter is {_type_name(document.data)}, not a mapping of keys: "
                                               "write it as 'key: value' lines such as 'title: ...'")
        return
    for duplicate in document.duplicates:
        yield Problem(duplicate.line, duplicate.column, f"Key '{duplicate.key}' appears twice in the front matter; "
                                                        "R's YAML reader stops on duplicate keys: keep one")
    lines = page.lines
    for number in (front.start_line, front.end_line):
        written = lines[number - 1] if number <= len(lines) else ""
        if written != SANDPAPER_FENCE:
            yield Problem(number, 1, f"Front matter fence '{written}' is not exactly '---': sandpaper looks for a "
                                     "line '---' and reads past this header; write '---' with nothing after it",
                          fix=fix("Write the fence as '---'", Edit.replace_line(number, written, SANDPAPER_FENCE)))


@rule("LK302", "frontmatter-missing-title", "error", kinds=TITLED)
def frontmatter_missing_title(page, context):
    """An episode, learners or instructors page has no `title` in its front matter.

    sandpaper takes the page's heading and its entry in the navigation menu and the schedule
    from `title`; without it the page is listed with no name.

    Pages whose title sandpaper never reads are not checked: the learner profiles (profiles/
    are joined into one page titled "Learner Profiles", `build_profiles()`), the instructor
    notes (titled "Instructor Notes", `build_instructor_notes()`, and left out of the menu's
    list) and the setup page (shown inside the home page, and left out of the menu's list).

    Fails:

        ---
        teaching: 10
        exercises: 5
        ---

    Passes:

        ---
        title: Loops
        teaching: 10
        exercises: 5
        ---
    """
    front = page.front_matter
    if not _checked(page) or not _title_is_shown(page):
        return
    if front is None or front.end_line is None or front.document.error is not None:
        return  # LK301
    data = front.document.data
    if data is not None and not isinstance(data, dict):
        return  # LK301
    entry = front.entries.get("title")
    if entry is None:
        yield Problem(front.start_line, 1, "No 'title' in the front matter: add 'title: ...' (sandpaper uses it as the "
                                           "page heading and in the menu)")
        return
    value = entry.value
    if value is None or (isinstance(value, str) and not value.strip()):
        yield Problem(entry.line, entry.column, "The 'title' in the front matter is empty: give the page a title")
    elif isinstance(value, (list, dict)):
        yield Problem(entry.line, entry.column, "The 'title' in the front matter is a list or mapping, not text: "
                                                "write it on one line, quoted if it contains ':'")


@rule("LK303", "frontmatter-bad-timing", "error", kinds=("episode",), fix="safe")
def frontmatter_bad_timing(page, context):
    """An episode's `teaching` or `exercises` time is missing or not a number of minutes
    sandpaper can read (and likewise `break`, when present).

    sandpaper builds the schedule from these values and silently counts 5 minutes for a
    teaching or exercises value it cannot read (no minutes for a break), so `teaching: 1:30`,
    `exercises: 30min`, `"ten"`, `1.5`, `-5`, `true` or a missing key all give a wrong schedule.
    sandpaper's test is on the text of what R's YAML reader returns, which decides the edge
    cases (`lessonkit schedule` counts the same minutes):

    - `10`, `'10'` (quoted: the text "10"), `+10`, `10.0` and `0x1A` (26) are read; none is
      reported.
    - `010` is read as octal 8 (R's reader follows YAML 1.1): reported, since sandpaper counts
      8 minutes where the author wrote 10. `08` and `'010'` are read as 8 and 10 as written.
    - `1:30` stays text for R (it is no base-60 number there), so it falls back; so do `1e3`
      (no decimal point: text), `1.5`, `-5`, `true`, an empty value and a list or mapping.

    Fails:

        ---
        title: Loops
        teaching: 1:30
        exercises: 010
        ---

    Passes:

        ---
        title: Loops
        teaching: 90
        exercises: '10'
        ---

    The fix writes the minutes where the value says them another way: `1:30` (hours and
    minutes) as `90`, `30min` or `1h 30m` as `30` or `90`, `010` as `10`. Other values
    have no fix: only the author knows the time.
    """
    front = page.front_matter
    if not _checked(page) or front is None or front.end_line is None or front.document.error is not None:
        return  # LK301
    if front.document.data is not None and not isinstance(front.document.data, dict):
        return  # LK301
    entries = front.entries
    absent = [key for key in TIMING_KEYS if key not in entries]
    if absent:
        names = " or ".join(f"'{key}'" for key in absent)
        yield Problem(front.start_line, 1, f"No {names} time in the front matter: sandpaper counts 5 minutes for "
                                           f"{'it' if len(absent) == 1 else 'each'}; add "
                                           f"{' and '.join(f'{key}: N' for key in absent)} with the minutes")
    for key in (*TIMING_KEYS, "break"):
        minutes = front.minutes(key)
        if minutes is None or minutes.problem is None:
            continue
        if minutes.value is None:
            fallback = FALLBACK_MINUTES[key]
            counted = f"{fallback} minutes" if fallback else "no break"
            what, _, advice = minutes.problem.partition("; ")  # the problem, then what to write (if it says)
            message = f"'{key}' {what}, so sandpaper counts {counted} instead" + (f"; {advice}" if advice else "")
        else:
            message = f"'{key}': {minutes.problem}"
        yield Problem(entries[key].value_line, 1, message, fix=_minutes_written_plainly(page, entries[key]))


HOURS_MINUTES = re.compile(r"([0-9]):([0-5][0-9])")  # 1:30; 90:00 is not clear
WITH_UNITS = re.compile(r"(?:([0-9]+)[ \t]*(?:h|hrs?|hours?))?[ \t]*(?:([0-9]+)[ \t]*(?:m|mins?|minutes?))?")
LEADING_ZEROS = re.compile(r"0+([0-9]+)")


def _minutes_meant(raw: str):
    """The minutes a timing value plainly means though sandpaper does not read them so, or None."""
    clock = HOURS_MINUTES.fullmatch(raw)
    if clock:
        return int(clock.group(1)) * 60 + int(clock.group(2))
    units = WITH_UNITS.fullmatch(raw)
    if units and (units.group(1) or units.group(2)):
        return int(units.group(1) or 0) * 60 + int(units.group(2) or 0)
    zeros = LEADING_ZEROS.fullmatch(raw)
    return int(zeros.group(1)) if zeros else None


def _minutes_written_plainly(page, entry):
    """A fix writing the value as the whole number of minutes it means, or None."""
    raw = (entry.raw or "").strip()
    meant = _minutes_meant(raw)
    if meant is None or read_minutes(str(meant), False) != Minutes(meant):
        return None
    source = page.lines[entry.value_line - 1] if entry.value_line <= len(page.lines) else ""
    start = source.find(":", entry.column - 1 + len(entry.key)) + 1 if entry.value_line == entry.line else 0
    for written in ((f'"{raw}"', f"'{raw}'") if entry.quoted else (raw,)):
        column = source.find(written, start)
        if column >= 0:
            return fix(f"Write {meant} (minutes)", replace_in_line(entry.value_line, column + 1, written, str(meant)))
    return None


def _is_break(page) -> bool:
    """A break episode (coffee, lunch): teaching and exercises both written as 0."""
    front = page.front_matter
    if front is None:
        return False
    return all((minutes := front.minutes(key)) is not None and minutes.value == 0 for key in TIMING_KEYS)


@rule("LK304", "episode-missing-block", "error", kinds=("episode",))
def episode_missing_block(page, context):
    """An episode has no `questions`, `objectives` or `keypoints` div.

    sandpaper shows an episode's questions and objectives in the overview box at its top and
    collects every episode's key points into the lesson's summary page; a missing block leaves
    an empty box and a gap in the summary. Break episodes (`teaching: 0` and `exercises: 0`)
    need none. A block nested in another div counts here (LK104 reports its place). Each
    finding points where its block belongs: the questions after the front matter, the
    objectives after the questions, the key points at the end.

    In an R Markdown episode, a chunk with a `child` option (```` ```{r, child='files/part.md'} ````)
    stands for the text of the files it names, which knitr knits into the page: their blocks
    count. lessonkit reads those files as knitr finds them, from the episode's folder, and only
    files inside the lesson; it runs nothing, so where the chunk computes the name
    (`child=paste(dir, "part.Rmd")`), or a file cannot be read, what the episode holds is not
    known and it is not checked. (The child files themselves are not linted: they are no pages
    of their own.)

    Fails:

        ---
        title: Loops
        teaching: 10
        exercises: 5
        ---

        ## Loops

        Loops repeat things.

    Passes:

        ---
        title: Loops
        teaching: 10
        exercises: 5
        ---

        ::: questions
        - How do I repeat things?
        :::

        ::: objectives
        - Write a loop.
        :::

        ## Loops

        Loops repeat things.

        ::: keypoints
        - Loops repeat things.
        :::
    """
    if not _checked(page) or _is_break(page):
        return
    found = {}
    for div in page.parsed.all_divs:
        found.setdefault(div.kind, div)
    for child in page.children:  # knitr puts a child document's text where its chunk stands
        if child.parsed is None:
            return  # what it holds cannot be known
        for div in child.parsed.all_divs:
            found.setdefault(div.kind, div)
    if all(block in found for block in EPISODE_BLOCKS):
        return
    # Each finding points where its block belongs, always at a line of the file.
    front = page.front_matter
    top = front.end_line if front is not None and front.end_line else 1
    lines = page.lines
    last = len(lines)
    while last > 1 and not lines[last - 1].strip():
        last -= 1
    questions = found.get("questions")
    places = {
        "questions": (top, "at the top of the episode"),
        "objectives": (questions.last_line if questions else top, "after the questions"),
        "keypoints": (last, "at the end of the episode"),
    }
    for block in EPISODE_BLOCKS:
        if block not in found:
            line, where = places[block]
            line = min(line, last)
            shown = "in the summary page" if block == "keypoints" else "in the overview box"
            yield Problem(line, 1, f"Episode has no '{block}' block (sandpaper shows it {shown}): "
                                   f"add a '::: {block}' div {where}")


# --- template leftovers: LK305, LK306 ------------------------------------------------------------


WORKBENCH_OWN = ("carpentries/workbench-template-md", "carpentries/workbench-template-rmd",
                 "carpentries/sandpaper-docs")
PLACEHOLDER = "FIXME"
# Paragraphs (and list items) that are placeholders as a whole: sandpaper's placeholder page
# (inst/templates/placeholder-template.txt) and the template's home page.
PLACEHOLDER_PAGE = "This is a placeholder file. Please add content here."
PLACEHOLDER_TEXTS = (
    "FIXME",
    PLACEHOLDER_PAGE,
    "This is a new lesson built with The Carpentries Workbench.",
)
# The template's example episode: its title, its introduction's first sentence, and the items
# of its boxes (workbench-template-md and -rmd, sandpaper's episode-template.txt).
EXAMPLE_TITLES = ("Using Markdown", "Using RMarkdown", "Using R Markdown")
EXAMPLE_OPENING = "This is a lesson created via The Carpentries Workbench."
EXAMPLE_ITEMS = {
    "questions": (
        "How do you write a lesson using Markdown and {sandpaper}?",
        "How do you write a lesson using R Markdown and {sandpaper}?",
        "How do you write a lesson using RMarkdown and {sandpaper}?",
    ),
    "objectives": (
        "Explain how to use markdown with The Carpentries Workbench",
        "Explain how to use markdown with the new lesson template",
        "Demonstrate how to include pieces of code, figures, and nested challenge blocks",
    ),
    "keypoints": (
        "Use .md files for episodes when you want static content",
        "Use .Rmd files for episodes when you need to generate output",
        "Use .Rmd files for lessons even if you don't need to generate any code",
        "Run sandpaper::check_lesson() to identify any issues with your lesson",
        "Run sandpaper::build_lesson() to preview your lesson locally",
    ),
}
BOX_NAMES = {"questions": "questions", "objectives": "objectives", "keypoints": "key points"}
# A leftover FIXME: the whole text, its first word ("FIXME: setup instructions..."), or a
# styles-template item's mark ("First key point. (FIXME)").
FIXME_MARK = re.compile(r"^FIXME(?:$|[:\s])|\(FIXME\)$")
LINK_TARGET = re.compile(r"\](?:\([^)\n]*\)|\[[^\]\n]*\])")
MARKUP = re.compile(r"[\[\]*`]")
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
LIST_MARKER = re.compile(r"(?:[-*+]|[0-9]+[.)]|[A-Za-z][.)]|\([0-9A-Za-z]+\)|#\.)[ \t]+")
QUOTES = re.compile(r"[ \t>]*")


def _plain(text: str) -> str:
    """Text as a reader sees it, near enough to compare with the template's: no link targets,
    brackets, emphasis marks, backticks or comments, one space between words."""
    return " ".join(MARKUP.sub("", LINK_TARGET.sub("]", COMMENT.sub("", text))).split())


def _shown(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def is_template_itself(lesson) -> bool:
    """Whether the lesson is one of the Workbench's own template or documentation lessons."""
    found = lesson.remotes[0] if lesson.remotes else repository(str(lesson.setting("source") or ""))
    return found is not None and found.host == "github.com" and found.slug.lower() in WORKBENCH_OWN


def _paragraph_text(page, block) -> str:
    """The text of a paragraph block as written, without block quote markers, indentation and
    (on its first line) a list item's marker."""
    lines = []
    for number in range(block.line, min(block.end_line, len(page.lines)) + 1):
        line = page.lines[number - 1]
        line = line[QUOTES.match(line).end():]
        if number == block.line:
            marker = LIST_MARKER.match(line)
            line = line[marker.end():] if marker and block.depth > 0 else line
        lines.append(line)
    return "\n".join(lines)


# Pages whose front matter title the site does not show: sandpaper titles them itself (Learner
# Profiles, Instructor Notes), or shows them inside the home page.
UNTITLED_PAGES = ("instructors/instructor-notes.md", "instructors/instructor-notes.Rmd", *SETUP_PAGES)


def _title_is_shown(page) -> bool:
    """Whether the built site shows the page's front matter title (as its heading, in the menu)."""
    return page.kind != "profile" and page.rel not in UNTITLED_PAGES


def _shown_title(page):
    """The front matter's title entry, when the built site shows the title (page and menu)."""
    return _title_entry(page) if _title_is_shown(page) else None


def _title_entry(page):
    front = page.front_matter
    if front is None or not front.document.is_mapping:
        return None
    return front.entries.get("title")


def _template_boxes(page) -> list:
    """(div, its items) of each questions, objectives or keypoints box whose every item is one
    of the template example's."""
    paragraphs: dict = {}  # id(div) -> the paragraphs directly in it
    for block in page.parsed.blocks:
        if block.kind == "paragraph" and block.div is not None and block.div.kind in EXAMPLE_ITEMS:
            paragraphs.setdefault(id(block.div), []).append(block)
    found = []
    for div in page.parsed.all_divs:
        examples = EXAMPLE_ITEMS.get(div.kind)
        if examples is None:
            continue
        items = [_plain(_paragraph_text(page, block)) for block in paragraphs.get(id(div), ())]
        if items and all(item in examples for item in items):
            found.append((div, items))
    return found


@rule("LK305", "template-placeholder", "warning", kinds=("episode", "learner", "instructor", "profile", "index"))
def template_placeholder(page, context):
    """A built page that still shows the lesson template's placeholders: a `FIXME` title or
    text, sandpaper's placeholder page, or the template's example episode.

    A new lesson starts from the Workbench template, and `sandpaper::create_lesson()` adds
    placeholder pages (learner profiles, glossary, discussion, instructor notes) for the author
    to fill in. Left as they are, the lesson's website lists a learners page called FIXME in its
    menu and shows the placeholder text. Reported are the title `FIXME` (where the site shows
    the page's title), a paragraph that is `FIXME` or starts with it, sandpaper's "This is a
    placeholder file. Please add content here.", the template's home page sentence ("This is a
    new lesson built with The Carpentries Workbench.") as a paragraph of its own, a `(FIXME)`
    item of the old styles template, and a link to `https://example.com/FIXME`. A page that is
    nothing but placeholders (and headings: no other text, table, code or HTML) gets one
    finding: write it, or delete it (and its entry in config.yaml). The template's example episode ("Using Markdown", with its questions,
    objectives and introduction) is reported once when two of those are still the template's;
    a single objective worded like one of the template's is not reported. The glossary
    (`learners/reference.md`) and the instructor notes (`instructors/instructor-notes.md`) are
    not to be deleted: varnish's menu links every page to them, so the advice is to write them
    (the instructor notes page may be left with only its front matter: it then shows the
    episodes' instructor notes alone).

    The Workbench's own template and documentation lessons show these placeholders on purpose:
    a lesson whose git remote (or, without one, config.yaml's `source`) is
    carpentries/workbench-template-md, carpentries/workbench-template-rmd or
    carpentries/sandpaper-docs is not checked, and neither are pages sandpaper does not build.

    Fails (profiles/learner-profiles.md):

        ---
        title: FIXME
        ---

        This is a placeholder file. Please add content here.

    Passes:

        ---
        title: Learner profiles
        ---

        Ana is a field ecologist who records her observations in spreadsheets.
    """
    lesson = context.lesson
    if not lesson.site.is_built(page) or is_template_itself(lesson):
        return
    hits = []  # (line, column, what it is)
    title = _title_entry(page)
    shown_title = _shown_title(page)
    if shown_title is not None and isinstance(title.value, str) and title.value.strip() == PLACEHOLDER:
        hits.append((title.value_line, 1, "the title 'FIXME'"))
    paragraphs = [block for block in page.parsed.blocks if block.kind == "paragraph"]
    boxes = _template_boxes(page)
    boxed = {id(div) for div, _ in boxes}
    other_text = False
    example_opening = None
    for block in paragraphs:
        if id(block.div) in boxed:
            continue
        text = _plain(_paragraph_text(page, block))
        if text in PLACEHOLDER_TEXTS or FIXME_MARK.search(text):
            hits.append((block.line, 1, f"the text '{_shown(text)}'"))
        elif text.startswith(EXAMPLE_OPENING):
            example_opening = block
            other_text = True
        elif text:
            other_text = True
    for link in page.parsed.links:
        target = link.target.strip()
        if is_external(target) and target.rstrip("/").endswith("/" + PLACEHOLDER):
            hits.append((link.line, link.column, f"the link to '{target}'"))
    example = [what for what in (
        "the title" if title is not None and str(title.value).strip() in EXAMPLE_TITLES else "",
        *(f"the {BOX_NAMES[div.kind]}" for div, _ in boxes),
        "the introduction" if example_opening is not None else "",
    ) if what]
    if page.kind == "episode" and len(example) >= 2:
        line = title.value_line if title is not None else 1
        yield Problem(line, 1, f"This episode is the Workbench template's example episode ({', '.join(example)} are "
                               "the template's): write the episode, or delete it and its entry in config.yaml")
        return
    for div, items in boxes:
        yield Problem(div.line, div.column, f"The {BOX_NAMES[div.kind]} are the Workbench template's example "
                                            f"('{_shown(items[0], 50)}'): write this episode's own")
    if example_opening is not None:
        yield Problem(example_opening.line, 1, f"'{EXAMPLE_OPENING}' opens the Workbench template's example "
                                               "episode: write this episode's own introduction")
    if not hits:
        return
    if not other_text and not boxes and not any(_shows_more(page, block) for block in page.parsed.blocks):
        shown = " and ".join(what for _, _, what in hits[:3])
        where, advice = _whole_page(page)
        yield Problem(hits[0][0], hits[0][1], f"The page's only text is the lesson template's placeholder ({shown}), "
                                              f"which the built {where} shows: {advice}")
        return
    for line, column, what in hits:
        yield Problem(line, column, f"{what[0].upper()}{what[1:]} is a placeholder of the lesson template, shown "
                                    "on the built page: write what belongs there, or delete it")


# Blocks that show something besides paragraphs of text (whose text is looked at above).
MORE_CONTENT = ("table", "code", "deflist")


def _shows_more(page, block) -> bool:
    """Whether the block shows the reader something that is no paragraph: a table, code, raw HTML
    other than comments."""
    if block.kind in MORE_CONTENT:
        return True
    written = "\n".join(page.lines[block.line - 1 : block.end_line])
    return block.kind == "html" and COMMENT.sub("", written).strip() != ""


def _whole_page(page) -> tuple[str, str]:
    """(where the site shows a page, what to do) for a page that is nothing but a placeholder."""
    if page.kind == "index" or page.rel in SETUP_PAGES:
        return "home page", "write it"
    if page.kind == "profile":
        return "learner profiles page", "write the profile, or delete the file (the page then says there are none yet)"
    menu = menu_entry(page)
    if menu is not None:  # deleting it would leave the menu's link dead on every page
        label, link = menu
        keep = (f"keep the page: the menu of every page links its '{label}' entry to {link}, which leads nowhere "
                "without it")
        if page.path.stem == "reference":
            return "site", f"write the glossary under its '## Glossary' heading; {keep}"
        return "site", (f"write the notes, or leave only the front matter (the page then shows the episodes' "
                        f"instructor notes alone); {keep}")
    return "site", "write the page, or delete it (and its entry in config.yaml, if listed there)"


TEMPLATE_MINUTES = (10, 2)  # teaching, exercises of the template's episode and create_episode()
MANY_EPISODES = 3


@rule("LK306", "timing-template-default", "info", scope="lesson")
def timing_template_default(lesson, context):
    """Three or more of the lesson's episodes, and at least half of them, still have the
    template's timings, `teaching: 10` and `exercises: 2`.

    Every episode the Workbench template or `sandpaper::create_episode()` makes starts with
    these two values. One episode of 10 + 2 minutes is plausible; many of them usually mean the
    timings were never filled in, and the schedule sandpaper puts on the home page (and
    `lessonkit schedule`) is computed from them: a lesson of eight such episodes is announced
    as 96 minutes long. Each such episode gets this note (an info, which never fails a lint):
    write the minutes it takes. The Workbench's own template and documentation lessons are not
    checked.

    Fails (config.yaml lists four episodes, and three of them have this front matter):

        ---
        title: Loops
        teaching: 10
        exercises: 2
        ---

    Passes (each episode says how long it takes):

        ---
        title: Loops
        teaching: 25
        exercises: 15
        ---
    """
    if is_template_itself(lesson):
        return
    episodes = [page for page in lesson.episodes if page.listed and page.front_matter is not None]
    left = []
    for page in episodes:
        teaching, exercises = page.front_matter.minutes("teaching"), page.front_matter.minutes("exercises")
        if teaching is not None and exercises is not None and (teaching.value, exercises.value) == TEMPLATE_MINUTES:
            left.append(page)
    if len(left) < MANY_EPISODES or 2 * len(left) < len(lesson.episodes):
        return
    for page in left:
        entry = page.front_matter.entries["teaching"]
        yield Problem(entry.line, 1, f"teaching: {TEMPLATE_MINUTES[0]} and exercises: {TEMPLATE_MINUTES[1]} are the "
                                     f"template's defaults, and {len(left)} of the lesson's {len(lesson.episodes)} "
                                     "episodes still have them: the schedule counts "
                                     f"{sum(TEMPLATE_MINUTES)} minutes for this episode; write the minutes it takes",
                      path=page.path)
