"""Per-episode minutes and break points, read from the lesson model the way sandpaper reads them.

Nothing here knows about clocks or days; plan.py does. Lint rule LK701 imports
``episode_timing`` and ``needs_arbitrary_split`` from here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from ..errors import LessonError
from ..frontmatter import FALLBACK_MINUTES
from ..lesson import Lesson, Page

# sandpaper's own fallback for a missing or unreadable `teaching` or `exercises`.
DEFAULT_MINUTES = FALLBACK_MINUTES["teaching"]
# "## BREAK", "## Break (15 min)" but not "## Breaks and Schedule" or "## Breakout rooms".
_BREAK_HEADING = re.compile(r"^break(?![\w-])", re.IGNORECASE)
# Divs whose lines are exercise time rather than teaching text (solutions and hints nest inside).
EXERCISE_KINDS = frozenset({"challenge", "exercise", "discussion"})
# Divs that are not delivered to learners, so take no time.
SILENT_KINDS = frozenset({"instructor"})
_TRUE = {"true", "yes", "on", "y"}


@dataclass(frozen=True)
class BreakPoint:
    line: int  # line of the instructor div that marks it
    heading: str
    minutes_before: int  # estimated minutes of the episode before the marker


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


def needs_arbitrary_split(timing: EpisodeTiming, max_block: int) -> bool:
    """True when some stretch between the episode's BREAK points and ends is longer than max_block,
    so that any plan must split it where the author marked no break."""
    points = timing.cut_points()
    return any(b - a > max_block for a, b in zip(points, points[1:]))


def _minutes(front_matter, key: str, rel: str, warnings: list[str]) -> int:
    """The minutes sandpaper counts for key (FrontMatter.minutes decides, as for LK303)."""
    default = FALLBACK_MINUTES[key]
    minutes = front_matter.minutes(key) if front_matter is not None else None
    if minutes is None:
        if default:
            warnings.append(f"{rel}: no `{key}` minutes; using {default} as sandpaper does")
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


def _line_weights(page: Page) -> tuple[list[int], list[int]]:
    """For each line of the page: 1 when it is teaching text (or exercise), else 0.

    Blank lines, fences, front matter and instructor notes weigh nothing.
    """
    count = len(page.lines)
    teaching, exercise = [0] * (count + 2), [0] * (count + 2)
    silent = set()
    in_exercise = set()
    fences = set()
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
    for number in range(first, count + 1):
        text = page.lines[number - 1]
        if not text.strip() or number in fences or number in silent:
            continue
        (exercise if number in in_exercise else teaching)[number] = 1
    return teaching, exercise


def _break_points(page: Page, teaching: int, exercises: int) -> tuple[BreakPoint, ...]:
    """Each BREAK marker with the minutes before it: the episode's teaching minutes shared out over
    its teaching lines and its exercise minutes over its exercise lines, counted up to the marker."""
    markers = [div for div in page.parsed.all_divs if _is_break_marker(div)]
    if not markers:
        return ()
    teaching_lines, exercise_lines = _line_weights(page)
    total_t, total_e = sum(teaching_lines), sum(exercise_lines)
    points = []
    for div in markers:
        before_t, before_e = sum(teaching_lines[: div.line]), sum(exercise_lines[: div.line])
        estimate = 0.0
        if total_t:
            estimate += teaching * before_t / total_t
        if total_e:
            estimate += exercises * before_e / total_e
        if not total_t and not total_e:
            continue
        points.append(BreakPoint(div.line, div.headings[0].text.strip(), int(estimate + 0.5)))
    return tuple(points)


def episode_timing(page: Page, lesson_title: str = "") -> EpisodeTiming:
    """The minutes, day start and break points of one episode page; unreadable pages raise."""
    if page.error is not None:
        raise page.error
    warnings: list[str] = []
    front_matter = page.front_matter
    if front_matter is not None and not front_matter.document.is_mapping:
        warnings.append(f"{page.rel}: front matter cannot be read; using {DEFAULT_MINUTES} minutes as sandpaper does")
        front_matter = None
    teaching = _minutes(front_matter, "teaching", page.rel, warnings)
    exercises = _minutes(front_matter, "exercises", page.rel, warnings)
    break_minutes = _minutes(front_matter, "break", page.rel, warnings)
    return EpisodeTiming(
        lesson=lesson_title,
        title=page.title,
        rel=page.rel,
        teaching=teaching,
        exercises=exercises,
        break_minutes=break_minutes,
        starts_day=_starts_day(front_matter),
        break_points=_break_points(page, teaching, exercises),
        warnings=tuple(warnings),
    )


def lesson_timings(lesson: Lesson) -> list[EpisodeTiming]:
    """Every episode of the lesson in config.yaml order."""
    if not lesson.config_exists:
        raise LessonError(lesson.config_path, "missing: not a sandpaper lesson")
    if not lesson.episodes:
        raise LessonError(lesson.root, "no episodes to schedule")
    return [episode_timing(page, lesson.title) for page in lesson.episodes]


def missing_episodes(lesson: Lesson) -> list[str]:
    """Warnings for episodes config.yaml lists but the folder lacks (sandpaper would stop)."""
    return [f"{lesson.config_path}:{line}: episode {name} is listed but missing; left out"
            for folder, name, line in lesson.missing if folder == "episodes"]

