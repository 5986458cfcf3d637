"""When each episode part, break and day happens: pure functions from timings and options to a plan.

No I/O and no clock: the same timings and options always give the same plan. Times are minutes
after midnight; a day never runs past ``end``.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field, replace
from typing import Any, Optional

from .timings import EpisodeTiming

# A part shorter than this is not worth starting before a break or the end of the day.
MIN_PIECE = 10
# A day may end up to this many minutes early at a boundary or BREAK point rather than split the
# episode where the author marked no place for it.
DAY_END_SLACK = 30
_TIME = re.compile(r"^([01]?[0-9]|2[0-3]):([0-5][0-9])$")


class OptionError(ValueError):
    """A schedule option with a value that cannot be used; the message says what is expected."""


@dataclass(frozen=True)
class Options:
    start: int = 9 * 60
    end: int = 16 * 60 + 30
    max_block: int = 90
    coffee: int = 15  # --break
    lunch: int = 60
    lunch_after: int = 12 * 60
    welcome: int = 15
    wrap_up: int = 15
    days: Optional[int] = None
    date: Optional[datetime.date] = None
    timezone: Optional[str] = None

    @property
    def day_capacity(self) -> int:
        return self.end - self.start - self.welcome - self.wrap_up


def parse_time(value: Any) -> int:
    """ "09:00" -> 540. YAML 1.1 reads an unquoted 9:00 as 540 (base 60), which is the same number."""
    if isinstance(value, int) and not isinstance(value, bool) and 60 <= value < 24 * 60:
        return value
    match = _TIME.match(str(value).strip()) if isinstance(value, str) else None
    if not match:
        raise OptionError(f"expected a time as HH:MM (24-hour clock), not {value!r}")
    return int(match.group(1)) * 60 + int(match.group(2))


def _whole(value: Any, least: int) -> int:
    if isinstance(value, bool) or not (isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit())):
        raise OptionError(f"expected a whole number of minutes, not {value!r}")
    number = int(value)
    if number < least:
        raise OptionError(f"must be at least {least}, not {number}")
    return number


def _date(value: Any) -> datetime.date:
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError:
        raise OptionError(f"expected a date as YYYY-MM-DD, not {value!r}") from None


def _timezone(value: Any) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = str(value).strip()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise OptionError(f"unknown time zone {value!r} (use an IANA name such as Europe/Amsterdam)") from None
    return name


# Long option name (as on the command line and in config.yaml) -> (Options field, parser).
OPTION_PARSERS = {
    "start": ("start", parse_time),
    "end": ("end", parse_time),
    "max-block": ("max_block", lambda v: _whole(v, 1)),
    "break": ("coffee", lambda v: _whole(v, 1)),
    "lunch": ("lunch", lambda v: _whole(v, 0)),
    "lunch-after": ("lunch_after", parse_time),
    "welcome": ("welcome", lambda v: _whole(v, 0)),
    "wrap-up": ("wrap_up", lambda v: _whole(v, 0)),
    "days": ("days", lambda v: _whole(v, 1)),
    "date": ("date", _date),
    "timezone": ("timezone", _timezone),
}


def make_options(values: dict[str, Any], base: Options = Options()) -> Options:
    """Options from {long name: raw value}; raises OptionError naming the option at fault."""
    changes = {}
    for name, value in values.items():
        if name not in OPTION_PARSERS:
            raise OptionError(f"unknown option {name!r} (known: {', '.join(OPTION_PARSERS)})")
        attribute, parse = OPTION_PARSERS[name]
        try:
            changes[attribute] = parse(value)
        except OptionError as error:
            raise OptionError(f"{name}: {error}") from None
    return replace(base, **changes)


def check_day(options: Options) -> None:
    """A day must leave room to teach, or no plan can make progress."""
    if options.day_capacity < MIN_PIECE:
        raise OptionError(
            f"a day from {clock(options.start)} to {clock(options.end)} with {options.welcome} minutes of welcome "
            f"and {options.wrap_up} of wrap-up leaves {max(options.day_capacity, 0)} minutes for teaching; "
            f"at least {MIN_PIECE} are needed")


def clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass
class Item:
    start: int
    end: int
    kind: str  # "episode", "break", "lunch", "welcome", "wrap-up"
    title: str
    timing: Optional[EpisodeTiming] = None  # the episode, for episode parts and break episodes
    order: Optional[int] = None  # the episode's place in the workshop, counting from 0
    first: int = 0  # for episode parts: the minutes of the episode this part covers, [first, last)
    last: int = 0
    part: Optional[int] = None
    parts: Optional[int] = None
    split: Optional[str] = None  # "block" or "day": ends where no boundary or BREAK point is, and why
    continued: bool = False  # an earlier part was on an earlier day
    estimated: bool = False  # starts or ends at a BREAK point, whose minutes are an estimate

    @property
    def minutes(self) -> int:
        return self.end - self.start

    @property
    def arbitrary_split(self) -> bool:
        return self.split is not None


@dataclass
class Day:
    index: int  # 0-based
    date: Optional[datetime.date]
    items: list[Item] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.items[0].start if self.items else 0

    @property
    def end(self) -> int:
        return self.items[-1].end if self.items else 0


@dataclass
class Schedule:
    days: list[Day]
    options: Options
    relative: bool = False  # sandpaper's view: offsets from 00h 00m, no clock
    warnings: list[str] = field(default_factory=list)
    lessons: list[str] = field(default_factory=list)  # lesson titles, in order

    def items(self):
        for day in self.days:
            yield from day.items

    @property
    def total_minutes(self) -> int:
        """Everything on the timetable: teaching, breaks, welcome and wrap-up."""
        return sum(item.minutes for item in self.items())

    @property
    def teaching_minutes(self) -> int:
        return sum(item.minutes for item in self.items() if item.kind == "episode")


class _Planner:
    """Walks the episodes once, placing each stretch between cut points, a break or a new day first
    when the stretch would not fit. Greedy: a break goes at the latest cut point that keeps the
    block within max_block, which is the latest good one."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.days: list[Day] = []
        self.warnings: list[str] = []
        self._new_day()

    # -- the day -------------------------------------------------------------------------------
    def _new_day(self) -> None:
        if self.days and self.options.wrap_up:
            self._add("wrap-up", "Wrap-up", self.options.wrap_up)
        date = self.options.date + datetime.timedelta(days=len(self.days)) if self.options.date else None
        self.days.append(Day(len(self.days), date))
        self.clock = self.options.start
        self.run = 0  # teaching minutes since the last break
        self.lunch_taken = False
        self.has_content = False
        if self.options.welcome:
            self._add("welcome", "Welcome" if len(self.days) == 1 else "Welcome back and recap", self.options.welcome)

    def _add(self, kind: str, title: str, minutes: int, **details) -> Item:
        item = Item(self.clock, self.clock + minutes, kind, title, **details)
        self.days[-1].items.append(item)
        self.clock = item.end
        return item

    @property
    def _left(self) -> int:
        """Minutes left today before the wrap-up."""
        return self.options.end - self.options.wrap_up - self.clock

    def finish(self) -> list[Day]:
        if self.options.wrap_up:
            self._add("wrap-up", "Wrap-up", self.options.wrap_up)
        return [day for day in self.days if day.items]  # only the last can be empty: nothing to teach

    # -- breaks --------------------------------------------------------------------------------
    def _lunch_due(self) -> bool:
        """Lunch is the first break under way at lunch_after or later: a coffee break that would
        still be running then becomes lunch, rather than leaving a full block before lunch."""
        reach = self.clock + self.options.coffee
        return bool(self.options.lunch) and not self.lunch_taken and reach > self.options.lunch_after

    def _ends_day(self, left: int, stretch: int, at_cut: bool) -> bool:
        """Whether the day ends here rather than start a stretch it cannot finish: always when too
        little is left to be worth it, and at a cut point when splitting would gain little."""
        if left >= stretch:
            return False
        return left < MIN_PIECE or (self.has_content and at_cut and left < DAY_END_SLACK)

    def _take_break(self, stretch: int) -> None:
        """A coffee break or lunch here (a cut point), or the end of the day when the stretch after
        it would not start today anyway."""
        lunch = self._lunch_due()
        minutes = self.options.lunch if lunch else self.options.coffee
        if self._ends_day(self._left - minutes, stretch, at_cut=True):
            self._new_day()
            return
        self._add("lunch" if lunch else "break", "Lunch" if lunch else "Coffee break", minutes)
        self.lunch_taken = self.lunch_taken or lunch
        self.run = 0

    def fixed_break(self, order: int, timing: EpisodeTiming, title: str) -> None:
        """A break the lesson sets (a break episode, or an episode's own `break` minutes). It is kept
        as written; generated breaks never go next to it; at the end of a day it is dropped."""
        minutes = timing.break_minutes
        if minutes > self._left:
            self.warnings.append(f"{timing.rel}: no room for its {minutes}-minute break on day {len(self.days)}; "
                                 "the day ends there instead")
            if self.has_content:
                self._new_day()
            return
        lunch = "lunch" in title.lower()
        self._add("lunch" if lunch else "break", title, minutes, timing=timing, order=order)
        self.lunch_taken = self.lunch_taken or lunch
        self.run = 0

    # -- episodes ------------------------------------------------------------------------------
    def episode(self, order: int, timing: EpisodeTiming) -> None:
        if timing.starts_day and self.has_content:
            self._new_day()
        if timing.is_break:
            self.fixed_break(order, timing, timing.title)
            return
        points = timing.cut_points()
        estimated = set(points[1:-1])
        position = 0
        for stop in points[1:]:
            while position < stop:
                stretch = stop - position
                if self.run and (self.run + stretch > self.options.max_block or self._lunch_due()):
                    self._take_break(stretch)
                    continue
                left = self._left
                if self._ends_day(left, stretch, at_cut=position == 0 or position in estimated):
                    self._new_day()  # never on a fresh day, which has at least MIN_PIECE minutes
                    continue
                length = min(stretch, self.options.max_block - self.run, left)
                if self.run == 0 and stretch > self.options.max_block:
                    # no cut point in reach: split into equal blocks, not a full one and a scrap
                    length = min(-(-stretch // -(-stretch // self.options.max_block)), left)
                split = None if length == stretch else ("day" if length == left else "block")
                self._place(order, timing, position, position + length, split,
                            estimated=position in estimated or position + length in estimated)
                position += length
        if timing.break_minutes:
            self.fixed_break(order, timing, "Break")

    def _place(self, order: int, timing: EpisodeTiming, first: int, last: int, split: Optional[str],
               estimated: bool) -> None:
        items = self.days[-1].items
        previous = items[-1] if items else None
        if previous is not None and previous.order == order and previous.kind == "episode" and previous.last == first:
            previous.end += last - first  # no break between: still the same part
            previous.last = last
            previous.split = split
            previous.estimated = previous.estimated or estimated
            self.clock = previous.end
        else:
            self._add("episode", timing.title, last - first, timing=timing, order=order, first=first, last=last,
                      split=split, estimated=estimated)
        self.run += last - first
        self.has_content = True


def _number_parts(days: list[Day]) -> None:
    by_episode: dict[int, list[tuple[Day, Item]]] = {}
    for day in days:
        for item in day.items:
            if item.kind == "episode":
                by_episode.setdefault(item.order, []).append((day, item))
    for pieces in by_episode.values():
        for number, (day, item) in enumerate(pieces, 1):
            item.part, item.parts = number, len(pieces)
            item.continued = number > 1 and pieces[number - 2][0] is not day


def plan(timings: list[EpisodeTiming], options: Options) -> Schedule:
    """The workshop: episodes in order, broken up into days and blocks of at most max_block minutes."""
    check_day(options)
    planner = _Planner(options)
    for order, timing in enumerate(timings):
        if timing.minutes == 0 and not timing.is_break:
            planner.warnings.append(f"{timing.rel}: takes no time (teaching 0, exercises 0); left out")
            continue
        planner.episode(order, timing)
    days = planner.finish()
    _number_parts(days)
    schedule = Schedule(days, options, warnings=planner.warnings, lessons=_lessons(timings))
    if options.days is not None and len(days) > options.days:
        missing = sum(item.minutes for day in days[options.days:] for item in day.items
                      if item.kind not in ("welcome", "wrap-up"))
        raise OptionError(
            f"the workshop does not fit in {options.days} day{'s' if options.days != 1 else ''}: "
            f"{missing} minutes are missing (it needs {len(days)} days from {clock(options.start)} "
            f"to {clock(options.end)}; start earlier, end later or ask for --days {len(days)})")
    return schedule


def relative(timings: list[EpisodeTiming], options: Options = Options()) -> Schedule:
    """sandpaper's syllabus: each episode at its cumulative offset from 00h 00m, break minutes included."""
    day = Day(0, None)
    offset = 0
    for order, timing in enumerate(timings):
        kind = "break" if timing.is_break else "episode"
        day.items.append(Item(offset, offset + timing.sandpaper_minutes, kind, timing.title, timing=timing,
                              order=order, last=timing.minutes, part=1, parts=1))
        offset += timing.sandpaper_minutes
    return Schedule([day], options, relative=True, lessons=_lessons(timings))


def _lessons(timings: list[EpisodeTiming]) -> list[str]:
    return list(dict.fromkeys(timing.lesson for timing in timings))
