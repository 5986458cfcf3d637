"""Timing rules (LK7xx): episodes a workshop schedule can place."""

from __future__ import annotations

from ..findings import Problem
from ..schedule.timings import episode_timing, needs_arbitrary_split
from . import rule

DEFAULT_MAX_BLOCK = 90


def _max_block(options) -> int:
    value = options.get("max-block", DEFAULT_MAX_BLOCK)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        return DEFAULT_MAX_BLOCK
    return int(value)


@rule("LK701", "episode-long-without-break", "warning", options={"max-block": DEFAULT_MAX_BLOCK}, kinds=("episode",))
def episode_long_without_break(page, context):
    """An episode longer than the longest block a schedule allows, with no BREAK marked inside.

    A workshop schedule teaches in blocks of at most `max-block` minutes (90 by default)
    between breaks. An episode whose teaching and exercise minutes (front matter `teaching`
    and `exercises`, counted as sandpaper counts them: see LK303) run longer than that must
    be split somewhere, and only the author knows where a break fits. Mark the place with an
    instructor note whose heading begins with the word "Break" (`## BREAK`,
    `## Break (15 min)`). `lessonkit schedule` puts its breaks there. sandpaper has no such
    feature: its schedule on the home page lists whole episodes with their start times, and
    shows the note, like any instructor note, in the instructor view only. The rule checks
    every stretch between such markers, so two markers 100 minutes apart still fail. Only
    the episodes config.yaml lists are checked: the others are in no schedule.

    Fails:

        ---
        title: Plotting
        teaching: 80
        exercises: 40
        ---

    Passes (the same episode, with a marker halfway):

        ::: instructor
        ## BREAK
        A good place for a coffee break.
        :::
    """
    if not page.listed:
        return  # not in config.yaml: no schedule places it
    max_block = _max_block(context.options)
    timing = episode_timing(page)
    if timing.is_break or timing.minutes <= max_block or not needs_arbitrary_split(timing, max_block):
        return
    entry = page.front_matter.entries.get("teaching") if page.front_matter and page.front_matter.document.is_mapping else None
    line = entry.line if entry is not None else 1
    spent = f"{timing.minutes} minutes (teaching {timing.teaching} + exercises {timing.exercises})"
    if not timing.break_points:
        yield Problem(line, 1, f"Episode takes {spent}, longer than a {max_block}-minute block, and marks no break: "
                      "add '::: instructor' with a '## BREAK' heading where a break fits, or split the episode")
        return
    points = timing.cut_points()
    a, b = next((a, b) for a, b in zip(points, points[1:]) if b - a > max_block)
    yield Problem(line, 1, f"Episode takes {spent} and its stretch from minute {a} to minute {b} has no BREAK marker, "
                  f"longer than a {max_block}-minute block: add '::: instructor' with a '## BREAK' heading inside it")
