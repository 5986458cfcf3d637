"""Front matter and episode structure rules (LK3xx): what sandpaper reads from a page's YAML
header and the blocks it expects in an episode.

Pages of a folder that config.yaml does not list (drafts) are not checked: sandpaper does not
build them (LK505 reports unlisted episodes).
"""

from __future__ import annotations

import re

from ..findings import Edit, Problem, fix
from ..frontmatter import FALLBACK_MINUTES, Minutes, read_minutes
from . import rule
from .edits import replace_in_line

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
    """An episode, learners, instructors or profiles page has no `title` in its front matter.

    sandpaper takes the page's heading and its entry in the navigation menu and the schedule
    from `title`; without it the page is listed with no name.

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
    if not _checked(page) or front is None or front.end_line is None or front.document.error is not None:
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
