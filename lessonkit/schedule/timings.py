"""Per-episode minutes and break points, read from the lesson model the way sandpaper reads them.

Nothing here knows about clocks or days; plan.py does. Lint rule LK701 imports
``episode_timing`` and ``needs_arbitrary_split`` from here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Optional
from ..errors import LessonError
from ..frontmatter import FALLBACK_MINUTES
from ..lesson import Lesson, Page

# sandpaper's own fallback for a missing or unreadable `teaching` or `exercises`.
DEFAULT_MINUTES = FALLBACK_MINUTES["teaching"]
# "## BREAK", "## Break (15 min)" but not "## Breaks and Schedule" or "## Breakout rooms".
_BREAK_HEADING = re.compile(r"^break(?![\w-])", re.IGNORECASE)
# Divs whose lines are exercise time rather than teaching text (solutions and hints nest inside).
EXERCISE_KINDS = frozenset({"challenge", "exercise", "discussion"})
# Divs that take no teaching time: notes for instructors, and the overview boxes sandpaper shows
# at an episode's top and bottom (they restate what the episode teaches).
SILENT_KINDS = frozenset({"instructor", "questions", "objectives", "keypoints"})
_TRUE = {"true", "yes", "on", "y"}


@dataclass(frozen=True)
class BreakPoint:
    line: int  # line of the instructor div that marks it
    heading: str
    minutes_before: int  # estimated minutes of the episode before the marker


@dataclass(frozen=True)
class Section:
    """A `##` section of the episode outside any box: where a part may start when the author
    marked no BREAK, and what a part that starts inside it is told to continue at."""

    line: int
    title: str
    minutes_before: int  # estimated minutes of the episode before its heading


@dataclass(frozen=True)
class EpisodeTiming:
    lesson: str  # the lesson's title, to tell lessons apart in a multi-lesson workshop
    title: str
    rel: str  # "episodes/01-intro.md"
    teaching: int
    exercises: int
    break_minutes: int = 0
    starts_day: bool = False
    break_points: tuple[BreakPoint, ...] = ()
    warnings: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    # (from, to) minutes of the episode spent on exercises (challenges, discussions), estimated
    exercise_spans: tuple[tuple[int, int], ...] = ()
    defaulted: tuple[str, ...] = ()  # timing keys missing from the front matter, so sandpaper's fallback

    @property
    def minutes(self) -> int:
        """Minutes of teaching and exercises, the time the planner must place."""
        return self.teaching + self.exercises

    @property
    def is_break(self) -> bool:
        """A break episode (teaching 0, exercises 0, break N): a fixed break, not content."""
        return self.minutes == 0 and self.break_minutes > 0

    @property
    def sandpaper_minutes(self) -> int:
        """What sandpaper adds to its cumulative offsets for this episode."""
        return self.minutes + self.break_minutes

    def cut_points(self) -> list[int]:
        """Minutes from the episode's start where a break may go: 0, each BREAK point, the end."""
        inner = sorted({p.minutes_before for p in self.break_points if 0 < p.minutes_before < self.minutes})
        return [0, *inner, self.minutes]

    def section_at(self, minute: float) -> Optional[Section]:
        """The section being taught at this minute of the episode (the last one started)."""
        found = None
        for section in self.sections:
            if section.minutes_before <= minute:
                found = section
        return found

    def with_minutes(self, minutes: int) -> "EpisodeTiming":
        """This episode given minutes in all: teaching and exercises keep their shares, and every
        estimated position moves with them."""
        if minutes == self.minutes:
            return self
        if self.minutes == 0:  # the front matter gives it no time: this workshop's minutes are teaching
            return replace(self, teaching=minutes, exercises=0)
        factor = minutes / self.minutes
        teaching = round(self.teaching * factor)
        move = lambda value: min(round(value * factor), minutes)  # noqa: E731
        return replace(
            self, teaching=teaching, exercises=minutes - teaching,
            break_points=tuple(replace(p, minutes_before=move(p.minutes_before)) for p in self.break_points),
            sections=tuple(replace(s, minutes_before=move(s.minutes_before)) for s in self.sections),
            exercise_spans=tuple((move(a), move(b)) for a, b in self.exercise_spans))


def needs_arbitrary_split(timing: EpisodeTiming, max_block: int) -> bool:
    """True when some stretch between the episode's BREAK points and ends is longer than max_block,
    so that any plan must split it where the author marked no break."""
    points = timing.cut_points()
    return any(b - a > max_block for a, b in zip(points, points[1:]))


def _minutes(front_matter, key: str, rel: str, warnings: list[str], defaulted: list[str]) -> int:
    """The minutes sandpaper counts for key (FrontMatter.minutes decides, as for LK303)."""
    default = FALLBACK_MINUTES[key]
    minutes = front_matter.minutes(key) if front_matter is not None else None
    if minutes is None:
        if default:
            defaulted.append(key)
        return default
    if minutes.value is None:
        entry = front_matter.entries[key]
        shown = entry.raw if entry.raw is not None else "a list or mapping"
        warnings.append(f"{rel}:{entry.line}: `{key}: {shown}` is not a whole number of minutes; "
                        f"using {default} as sandpaper does")
        return default
    if minutes.problem:
        warnings.append(f"{rel}:{front_matter.entries[key].line}: `{key}`: {minutes.problem}")
    return minutes.value


def _starts_day(front_matter) -> bool:
    entry = front_matter.entries.get("start") if front_matter is not None else None
    if entry is None:
        return False
    return entry.value is True or (entry.raw or "").strip().lower() in _TRUE


def _is_break_marker(div) -> bool:
    return div.kind == "instructor" and bool(div.headings) and bool(_BREAK_HEADING.match(div.headings[0].text.strip()))


# A line of prose this many words long weighs as much as a line of code: about what one wrapped
# line holds, so a paragraph written on one long line weighs what it would wrapped.
WORDS_PER_LINE = 12


class _Estimate:
    """Where in an episode's minutes each line falls.

    Every line the learners see weighs: a line of code 1, a line of prose its words divided by
    WORDS_PER_LINE (at least 1); blank lines, fences, front matter and instructor notes weigh
    nothing. The teaching minutes are shared out over the weight outside exercises, and the
    exercise minutes over the weight inside challenges, exercises and discussions, so the minute
    at a line is the teaching and exercise time of everything above it.
    """

    def __init__(self, page: Page, teaching: int, exercises: int) -> None:
        count = len(page.lines)
        code, silent, in_exercise, fences = set(), set(), set(), set()
        for block in page.parsed.code_blocks:
            inner = range(block.line + 1, block.end_line) if block.fence else range(block.line, block.end_line + 1)
            code.update(inner)
            fences.update((block.line, block.end_line) if block.fence else ())
        for div in page.parsed.all_divs:
            fences.add(div.line)
            if div.end_line is not None:
                fences.add(div.end_line)
            lines = range(div.line, div.last_line + 1)
            if div.kind in SILENT_KINDS:
                silent.update(lines)
            elif div.kind in EXERCISE_KINDS:
                in_exercise.update(lines)
        first = page.front_matter.end_line + 1 if page.front_matter and page.front_matter.end_line else 1
        # cumulative weights before each line (index = line number), for teaching and exercises
        self._teaching, self._exercise = [0.0] * (count + 2), [0.0] * (count + 2)
        taught = practised = 0.0
        for number in range(1, count + 1):
            self._teaching[number], self._exercise[number] = taught, practised
            text = page.lines[number - 1]
            if number < first or not text.strip() or number in fences or number in silent:
                continue
            weight = 1.0 if number in code else max(1.0, len(text.split()) / WORDS_PER_LINE)
            if number in in_exercise:
                practised += weight
            else:
                taught += weight
        self._teaching[count + 1], self._exercise[count + 1] = taught, practised
        self.total_teaching, self.total_exercise = taught, practised
        self.teaching, self.exercises = teaching, exercises
        self.empty = not taught and not practised

    def minute(self, line: int) -> int:
        """Estimated minutes of the episode taught before this line."""
        line = min(max(line, 1), len(self._teaching) - 1)
        estimate = 0.0
        if self.total_teaching:
            estimate += self.teaching * self._teaching[line] / self.total_teaching
        if self.total_exercise:
            estimate += self.exercises * self._exercise[line] / self.total_exercise
        return int(estimate + 0.5)


def _break_points(page: Page, estimate: _Estimate) -> tuple[BreakPoint, ...]:
    if estimate.empty:
        return ()
    return tuple(BreakPoint(div.line, div.headings[0].text.strip(), estimate.minute(div.line))
                 for div in page.parsed.all_divs if _is_break_marker(div))


def _sections(page: Page, estimate: _Estimate) -> tuple[Section, ...]:
    """The page's `##` headings outside any box, as pandoc reads them."""
    if estimate.empty:
        return ()
    return tuple(Section(heading.line, heading.text.strip(), estimate.minute(heading.line))
                 for heading in page.parsed.headings if heading.level == 2 and heading.div is None)


def _exercise_spans(page: Page, estimate: _Estimate) -> tuple[tuple[int, int], ...]:
    spans = []
    for div in page.parsed.all_divs:
        if div.kind in EXERCISE_KINDS and not any(a.kind in EXERCISE_KINDS for a in div.ancestors()):
            first, last = estimate.minute(div.line), estimate.minute(div.last_line + 1)
            if last > first:
                spans.append((first, last))
    return tuple(spans)


def episode_timing(page: Page, lesson_title: str = "") -> EpisodeTiming:
    """The minutes, day start, break points and sections of one episode page; unreadable pages raise."""
    if page.error is not None:
        raise page.error
    warnings: list[str] = []
    defaulted: list[str] = []
    front_matter = page.front_matter
    if front_matter is not None and not front_matter.document.is_mapping:
        warnings.append(f"{page.rel}: front matter cannot be read; using {DEFAULT_MINUTES} minutes as sandpaper does")
        front_matter = None
    teaching = _minutes(front_matter, "teaching", page.rel, warnings, defaulted)
    exercises = _minutes(front_matter, "exercises", page.rel, warnings, defaulted)
    break_minutes = _minutes(front_matter, "break", page.rel, warnings, defaulted)
    estimate = _Estimate(page, teaching, exercises)
    return EpisodeTiming(
        lesson=lesson_title,
        title=page.title,
        rel=page.rel,
        teaching=teaching,
        exercises=exercises,
        break_minutes=break_minutes,
        starts_day=_starts_day(front_matter),
        break_points=_break_points(page, estimate),
        warnings=tuple(warnings),
        sections=_sections(page, estimate),
        exercise_spans=_exercise_spans(page, estimate),
        defaulted=tuple(defaulted),
    )


def lesson_timings(lesson: Lesson) -> list[EpisodeTiming]:
    """Every episode of the lesson in config.yaml order. A config.yaml sandpaper cannot read is
    an error here, as LK501 is for lint: without it the episodes and their order are unknown."""
    if not lesson.config_exists:
        raise LessonError(lesson.config_path, "missing: not a sandpaper lesson")
    config = lesson.config
    if config.error is not None:
        raise LessonError(lesson.config_path, f"not valid YAML: {config.error}", config.error_line)
    if not config.is_mapping:
        raise LessonError(lesson.config_path, "not a mapping of keys (title, episodes, ...): sandpaper cannot read it",
                          1)
    if not lesson.episodes:
        raise LessonError(lesson.config_path, "lists no episodes to schedule")
    return [episode_timing(page, lesson.title) for page in lesson.episodes]


def missing_episodes(lesson: Lesson) -> list[str]:
    """Warnings for episodes config.yaml lists but the folder lacks (sandpaper would stop)."""
    return [f"{lesson.config_path}:{line}: episode {name} is listed but missing; left out"
            for folder, name, line in lesson.missing if folder == "episodes"]

