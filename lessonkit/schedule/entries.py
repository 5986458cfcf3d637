"""A workshop's lesson entries: which episodes of a lesson it teaches, with which minutes.

Pure: an entry and the lesson's episode timings in, segments for the planner out. Reading the
workshop file and the lessons is workshop.py's work.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any, Optional

from .options import OptionError, _flag, _keyed, _text, _whole, names
from .plan import Segment
from .timings import EpisodeTiming

ENTRY_KEYS = ("path", "git", "ref", "episodes", "skip", "minutes", "scale", "box", "new-day", "new-half-day",
              "instructors", "lesson-breaks")


@dataclass(frozen=True)
class LessonEntry:
    """One item of a workshop file's `lessons:` list (or a lesson folder given on the command line)."""

    path: Optional[str] = None  # a lesson folder, relative to the workshop file
    git: Optional[str] = None  # or a repository to clone
    ref: Optional[str] = None
    episodes: Optional[tuple[str, ...]] = None  # which, in this order; None: config.yaml's list
    skip: tuple[str, ...] = ()
    minutes: dict[str, int] = field(default_factory=dict)  # this workshop's minutes, by episode
    scale: Optional[float] = None
    box: Optional[int] = None  # at most this many minutes of the lesson
    new_day: bool = False
    new_half_day: bool = False  # after lunch when today's lunch is still to come, else on a new day
    instructors: tuple[str, ...] = ()
    lesson_breaks: Optional[bool] = None  # None: the workshop's setting
    key: str = ""  # "lessons.2", for messages


def _episode_names(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        raise OptionError("", "expected a list of episode file names, as config.yaml lists them")
    return tuple(_text(item) for item in value)


def _minutes_map(value: Any) -> dict[str, int]:
    if not isinstance(value, dict):
        raise OptionError("", "expected a mapping from episode file name to minutes, such as {01-intro.md: 30}")
    return {str(name): _keyed(value, name, _whole(1)) for name in value}


def _factor(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.05 <= value <= 20:
        raise OptionError("", f"expected a factor between 0.05 and 20, such as 0.8, not {value!r}")
    return float(value)


def read_entry(value: Any, key: str) -> LessonEntry:
    """One `lessons:` item: a mapping, or a plain path."""
    if isinstance(value, str):
        value = {"path": value}
    if not isinstance(value, dict):
        raise OptionError(key, "expected a mapping with `path` (a lesson folder) or `git` (a repository)")
    unknown = sorted(set(map(str, value)) - set(ENTRY_KEYS))
    if unknown:
        close = difflib.get_close_matches(unknown[0], ENTRY_KEYS, n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise OptionError(f"{key}.{unknown[0]}", f"unknown key ({hint}a lesson entry has {', '.join(ENTRY_KEYS)})")
    if ("path" in value) == ("git" in value):
        raise OptionError(key, "a lesson entry needs exactly one of `path` (a lesson folder) and `git` (a repository)")
    if "ref" in value and "git" not in value:
        raise OptionError(f"{key}.ref", "`ref` goes with `git`")
    try:
        entry = LessonEntry(
            path=_keyed(value, "path", _text, None), git=_keyed(value, "git", _text, None),
            ref=_keyed(value, "ref", _text, None), episodes=_keyed(value, "episodes", _episode_names, None),
            skip=_keyed(value, "skip", _episode_names, ()), minutes=_keyed(value, "minutes", _minutes_map, {}),
            scale=_keyed(value, "scale", _factor, None), box=_keyed(value, "box", _whole(1), None),
            new_day=_keyed(value, "new-day", _flag, False), new_half_day=_keyed(value, "new-half-day", _flag, False),
            instructors=_keyed(value, "instructors", names, ()),
            lesson_breaks=_keyed(value, "lesson-breaks", _flag, None), key=key)
    except OptionError as error:
        raise error.under(key) from None
    if entry.new_day and entry.new_half_day:
        raise OptionError(f"{key}.new-half-day", "use either new-day (the entry starts a day) or new-half-day, not both")
    if entry.episodes is not None and entry.skip:
        raise OptionError(f"{key}.skip", "use either episodes (which to teach) or skip (which not to), not both")
    return entry


def episode_name(timing: EpisodeTiming) -> str:
    """The name config.yaml lists an episode by: its file name."""
    return PurePosixPath(timing.rel).name


def _find(name: str, timings: list[EpisodeTiming], where: str, lesson: str) -> int:
    """The index of the episode config.yaml lists as name (or as name without its extension)."""
    listed = [episode_name(timing) for timing in timings]
    for index, candidate in enumerate(listed):
        if name == candidate or name == PurePosixPath(candidate).stem:
            return index
    close = difflib.get_close_matches(name, listed, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else f" (it lists {', '.join(listed)})"
    raise OptionError(where, f"{lesson!r} has no episode {name!r} in its config.yaml{hint}")


def choose(entry: LessonEntry, timings: list[EpisodeTiming], lesson_breaks: bool = True,
           links: Optional[list[Optional[str]]] = None, lesson_link: Optional[str] = None,
           group: int = 0) -> list[Segment]:
    """The segments an entry teaches, in its order, with its minutes: an episode's own `minutes:`
    wins; `scale` multiplies the front matter's minutes of the others. A `box` is the planner's
    to apply (after `fit: scale`, which changes the minutes it counts): each segment carries it,
    with group telling the entries apart."""
    lesson = timings[0].lesson if timings else ""
    links = links or [None] * len(timings)
    if entry.episodes is not None:
        picked = [_find(name, timings, f"{entry.key}.episodes.{n}", lesson) for n, name in enumerate(entry.episodes, 1)]
    else:
        skipped = {_find(name, timings, f"{entry.key}.skip.{n}", lesson) for n, name in enumerate(entry.skip, 1)}
        picked = [index for index in range(len(timings)) if index not in skipped]
    for name in entry.minutes:
        index = _find(name, timings, f"{entry.key}.minutes.{name}", lesson)
        if index not in picked:
            raise OptionError(f"{entry.key}.minutes.{name}", "that episode is not among the ones this entry teaches")
    given = {_find(name, timings, "", lesson): minutes for name, minutes in entry.minutes.items()}
    breaks = lesson_breaks if entry.lesson_breaks is None else entry.lesson_breaks
    segments = []
    for index in picked:
        timing = timings[index]
        if index in given:
            timing = timing.with_minutes(given[index])
        elif entry.scale is not None and timing.minutes:
            timing = timing.with_minutes(max(1, round(timing.minutes * entry.scale)))
        segments.append(Segment(timing, new_day=entry.new_day and not segments,
                                new_half_day=entry.new_half_day and not segments, instructors=entry.instructors,
                                link=links[index], lesson_link=lesson_link, lesson_breaks=breaks,
                                box=entry.box, group=group))
    return segments
