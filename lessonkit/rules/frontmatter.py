"""Front matter and episode structure rules (LK3xx): what sandpaper reads from a page's YAML
header and the blocks it expects in an episode.

Pages of a folder that config.yaml does not list (drafts) are not checked: sandpaper does not
build them (LK505 reports unlisted episodes).
"""

from __future__ import annotations

import re

from ..findings import Problem
from . import rule

TITLED = ("episode", "learner", "instructor", "profile")
# sandpaper finds the header by grepping for lines that are exactly "---" (politely_get_yaml).
SANDPAPER_FENCE = "---"
WHOLE_MINUTES = re.compile(r"[0-9]+")
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


@rule("LK301", "frontmatter-invalid", "error", kinds=TITLED)
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
                                     "line '---' and reads past this header; write '---' with nothing after it")


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


def _timing_problem(entry) -> str | None:
    """Why the value as written is not a whole number of minutes, or None when it is."""
    raw = entry.raw
    if raw is None:
        return "is a list or mapping, not a number of minutes"
    if not raw.strip():
        return "has no value"
    if entry.quoted:
        return f"is the text '{raw}' (quoted), not a number of minutes"
    if WHOLE_MINUTES.fullmatch(raw):
        if len(raw) > 1 and raw.startswith("0"):
            return f"'{raw}' has a leading zero, which YAML 1.1 reads as an octal number"
        return None
    if ":" in raw:
        return f"'{raw}' is not a number of minutes (YAML reads it as a base-60 number); write the minutes, e.g. 90 for 1:30"
    return f"'{raw}' is not a whole number of minutes"


@rule("LK303", "frontmatter-bad-timing", "error", kinds=("episode",))
def frontmatter_bad_timing(page, context):
    """An episode's `teaching` or `exercises` time is missing or not a whole number of minutes
    as written (and likewise `break`, when present).

    sandpaper builds the schedule from these values and silently counts 5 minutes for one it
    cannot read, so `teaching: 1:30`, `exercises: 30min`, `"ten"`, `1.5`, `-5` or a missing
    key all give a wrong schedule with no warning. Write the minutes as a plain whole number.

    Fails:

        ---
        title: Loops
        teaching: 1:30
        ---

    Passes:

        ---
        title: Loops
        teaching: 90
        exercises: 0
        ---
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
    for key in TIMING_KEYS:
        entry = entries.get(key)
        if entry is None:
            continue
        problem = _timing_problem(entry)
        if problem:
            yield Problem(entry.value_line, 1, f"'{key}' {problem}; sandpaper counts 5 minutes instead: "
                                               "write a whole number of minutes")
    entry = entries.get("break")
    if entry is not None:
        problem = _timing_problem(entry)
        if problem:
            yield Problem(entry.value_line, 1, f"'break' {problem}; sandpaper counts 5 minutes instead: "
                                               "write a whole number of minutes")


def _is_break(page) -> bool:
    """A break episode (coffee, lunch): teaching and exercises both written as 0."""
    front = page.front_matter
    if front is None:
        return False
    entries = front.entries
    return all(key in entries and entries[key].raw == "0" for key in TIMING_KEYS)


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
