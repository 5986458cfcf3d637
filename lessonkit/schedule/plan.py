"""When each part of the workshop happens: pure functions from the chosen episodes and Options to a plan.

No I/O and no clock: the same segments and options always give the same plan. Times are minutes
after midnight.

The chosen episodes are laid end to end as one stream of content minutes. A day takes the stream
through its free time:

- **On a grid** (`grid:`), the breaks are fixed times of day and the content flows through them.
  Where a part would end at a break, its end moves to an episode end, a BREAK note or a `##`
  section boundary when one lies within SNAP minutes: the part is then taught a little slower or
  faster than its estimate, which is what instructors do, and the parts after it give the minutes
  back, so the clock never drifts from the estimates by more than one such move (counted from
  the start, or from a day a lesson starts: it is planned on its own estimates).
- **Without a grid**, each day is given breaks at regular times: blocks of at most `max-block`
  minutes spread evenly between the day's start, lunch (at `lunch-after`) and its end. Each break
  then moves up to FLEX minutes to the nearest episode end, BREAK note or section boundary, so the
  times are as regular from day to day as the content allows.

Either way, times fall on a 5-minute grid, nothing runs past a day's end, and every minute of
every chosen episode is taught once, in order.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, field, replace
from typing import Optional

from .options import DayChange, DaySettings, OptionError, Options, Row, clock
from .timings import EpisodeTiming

# A part shorter than this is not worth starting before a break.
MIN_PIECE = 10
# On a grid, a part's end moves this far (either way) to a place the content offers.
SNAP = 10
# Without a grid, a break moves this far from its regular time to a place the content offers.
FLEX = 15
# Lunch starts this far before or after `lunch-after`, where the content offers a place.
LUNCH_EARLY, LUNCH_LATE = 15, 30
# A day with less teaching than this is not worth having, unless asked for.
SHORT_DAY = 60
# A break episode this long, or titled lunch, is the day's lunch.
LUNCH_LIKE = 45
# How far planning goes before it gives up (a workshop of a year is no workshop).
MAX_DAYS = 366
STEP = 5  # minutes: every time is a multiple of this

# Places where a part may end, best first, and how many minutes further away each kind may be
# and still win over a better kind.
EPISODE_END, BREAK_NOTE, SECTION = 3, 2, 1
PLACE_COST = {EPISODE_END: 0, BREAK_NOTE: 3, SECTION: 6}
# A part of an episode shorter than this before or after a break is a sliver, worth SLIVER_COST
# minutes of distance to avoid.
SLIVER, SLIVER_COST = 20, 10


@dataclass(frozen=True)
class Segment:
    """One chosen episode as this workshop teaches it."""

    timing: EpisodeTiming  # with this workshop's minutes
    new_day: bool = False  # starts a day: a `new-day` entry's first episode, or `start: true`
    new_half_day: bool = False  # starts the next half-day: a `new-half-day` entry's first episode
    instructors: tuple[str, ...] = ()  # who teaches it, in turn; empty: the workshop's list
    link: Optional[str] = None  # the episode's page, as the schedule links it
    lesson_link: Optional[str] = None  # the lesson's home page
    lesson_breaks: bool = True  # the lesson's break episodes and `start:` markers count
    box: Optional[int] = None  # at most this many minutes for the episodes of its group
    group: int = 0  # the workshop file's lesson entry it comes from

    @property
    def lesson(self) -> str:
        return self.timing.lesson

    def is_lunch(self) -> bool:
        timing = self.timing
        return timing.break_minutes >= LUNCH_LIKE or "lunch" in timing.title.lower()


@dataclass
class Item:
    start: int
    end: int
    kind: str  # "episode", "break", "lunch", "welcome", "wrap-up", "row"
    title: str
    segment: Optional[Segment] = None  # the episode, for episode parts and the lesson's breaks
    order: Optional[int] = None  # the segment's place in the workshop, counting from 0
    first: int = 0  # for episode parts: the minutes of the episode this part covers, [first, last)
    last: int = 0
    part: Optional[int] = None
    parts: Optional[int] = None
    # where the part ends when not at the episode's end: "break" (a BREAK note), "section" (a
    # section boundary) or "exact" (no such place in reach: at the estimated minute)
    split: Optional[str] = None
    continued: bool = False  # an earlier part was on an earlier day
    section: Optional[str] = None  # the section this part starts at (or in, when split "exact" before it)
    section_exact: bool = True  # the part starts where the section starts
    instructor: Optional[str] = None
    link: Optional[str] = None  # for own rows

    @property
    def minutes(self) -> int:
        return self.end - self.start

    @property
    def timing(self) -> Optional[EpisodeTiming]:
        return self.segment.timing if self.segment is not None else None

    @property
    def arbitrary_split(self) -> bool:
        """Ends where the content offers no place: at an estimated minute of the episode."""
        return self.split == "exact"


@dataclass
class Day:
    index: int  # 0-based
    date: Optional[object]
    items: list[Item] = field(default_factory=list)
    asked: bool = False  # a lesson or the workshop file starts this day (`start: true`, `new-day`)

    @property
    def start(self) -> int:
        return self.items[0].start if self.items else 0

    @property
    def end(self) -> int:
        return self.items[-1].end if self.items else 0

    @property
    def teaching_minutes(self) -> int:
        return sum(item.minutes for item in self.items if item.kind == "episode")


@dataclass(frozen=True)
class LeftOut:
    """An episode a workshop file chose but that its lesson's time box could not hold."""

    lesson: str
    title: str
    rel: str
    minutes: int
    box: int


@dataclass
class Schedule:
    days: list[Day]
    options: Options
    relative: bool = False  # sandpaper's view: offsets from 00h 00m, no clock
    warnings: list[str] = field(default_factory=list)
    lessons: list[str] = field(default_factory=list)  # lesson titles, in order
    lesson_links: dict[str, str] = field(default_factory=dict)  # lesson title -> its home page
    left_out: list[LeftOut] = field(default_factory=list)
    scale: Optional[float] = None  # the factor `fit: scale` chose
    notes: list[str] = field(default_factory=list)  # what the schedule itself should say

    def items(self):
        for day in self.days:
            yield from day.items

    @property
    def title(self) -> str:
        return self.options.title or " + ".join(self.lessons)

    @property
    def total_minutes(self) -> int:
        """Everything on the timetable: teaching, breaks, welcome, own rows and wrap-up."""
        return sum(item.minutes for item in self.items())

    @property
    def teaching_minutes(self) -> int:
        return sum(item.minutes for item in self.items() if item.kind == "episode")


def _round(minutes: float) -> int:
    return STEP * math.floor(minutes / STEP + 0.5)


def _floor(minutes: float) -> int:
    return STEP * math.floor(minutes / STEP)



@dataclass(frozen=True)
class _Event:
    """Something a lesson sets between episodes: a day start ("day"), a half-day start ("half": after
    lunch, or on a new day) or its own break ("break")."""

    position: int
    kind: str
    order: int  # the segment that sets it


class _Content:
    """The chosen episodes end to end: each at an offset in minutes from the workshop's first
    minute, the places where a part may end (with how good each is), and what the lessons set
    between episodes: their break episodes, an episode's own break, and day starts."""

    def __init__(self, segments: list[Segment]) -> None:
        self.segments = segments
        self.offsets: list[int] = []  # of each segment (break episodes take no content minutes)
        places: dict[int, int] = {}
        self.events: list[_Event] = []
        position = 0
        for order, segment in enumerate(segments):
            timing = segment.timing
            self.offsets.append(position)
            if segment.new_day or (segment.lesson_breaks and timing.starts_day):
                self.events.append(_Event(position, "day", order))
            elif segment.new_half_day:
                self.events.append(_Event(position, "half", order))
            if timing.is_break:
                if segment.lesson_breaks:
                    self.events.append(_Event(position, "break", order))
                continue
            places[position] = EPISODE_END
            for point in timing.break_points:
                if 0 < point.minutes_before < timing.minutes:
                    places[position + point.minutes_before] = max(places.get(position + point.minutes_before, 0),
                                                                  BREAK_NOTE)
            for section in timing.sections:
                if 0 < section.minutes_before < timing.minutes:
                    places.setdefault(position + section.minutes_before, SECTION)
            position += timing.minutes
            places[position] = EPISODE_END
            if timing.break_minutes and segment.lesson_breaks:
                self.events.append(_Event(position, "break", order))
        self.total = position
        self.place_positions = sorted(places)
        self.place_quality = [places[p] for p in self.place_positions]

    def best_place(self, low: float, high: float, target: float, block_start: int,
                   reach: Optional[float] = None) -> Optional[int]:
        """The best place to end a part within [low, high]: the one nearest target, counting an
        episode end nearer than a BREAK note, and that nearer than a section boundary (so each
        kind reaches a little further: a section within reach minutes of target, an episode end
        within reach + 6), and keeping slivers of an episode (a short part before the break, or a
        short rest after it) away where the content allows."""
        if reach is not None:
            low, high = max(low, target - reach - PLACE_COST[SECTION]), min(high, target + reach + PLACE_COST[SECTION])
        first = bisect.bisect_left(self.place_positions, math.ceil(low))
        last = bisect.bisect_right(self.place_positions, math.floor(high))
        best = None
        for index in range(first, last):
            position, quality = self.place_positions[index], self.place_quality[index]
            distance = abs(position - target)
            if reach is not None and distance + PLACE_COST[quality] > reach + PLACE_COST[SECTION]:
                continue
            cost = distance + PLACE_COST[quality]
            if quality != EPISODE_END:
                start, end = self.episode_around(position)
                if position - max(start, block_start) < SLIVER or end - position < SLIVER:
                    cost += SLIVER_COST
            if best is None or (cost, position) < best:
                best = (cost, position)
        return best[1] if best else None

    def split_at(self, low: float, high: float, target: float, block_start: int) -> int:
        """Where to split when the content offers no place in reach: at target, but no nearer to
        the start of the part or the end of the episode than MIN_PIECE, where [low, high] allows."""
        start, end = self.episode_around(round(target))
        position = min(max(round(target), max(start, block_start) + MIN_PIECE), end - MIN_PIECE)
        return round(min(max(position, math.ceil(low)), math.floor(high))) if low <= high else round(target)

    def episode_around(self, position: int) -> tuple[int, int]:
        """Where the episode taught at position starts and ends."""
        index = max(bisect.bisect_right(self.offsets, position) - 1, 0)
        while index > 0 and self.segments[index].timing.is_break:
            index -= 1
        start = self.offsets[index]
        return start, start + self.segments[index].timing.minutes

    def split_kind(self, position: int) -> Optional[str]:
        """How a part ending at this position ends: None at an episode end, else its split kind."""
        index = bisect.bisect_left(self.place_positions, position)
        if index < len(self.place_positions) and self.place_positions[index] == position:
            return {EPISODE_END: None, BREAK_NOTE: "break", SECTION: "section"}[self.place_quality[index]]
        return "exact"

    def pieces(self, low: int, high: int):
        """(segment order, first, last): the episode minutes [low, high) covers, one per episode."""
        index = max(bisect.bisect_right(self.offsets, low) - 1, 0)
        while index < len(self.segments) and self.offsets[index] < high:
            timing = self.segments[index].timing
            if not timing.is_break:
                start = self.offsets[index]
                first, last = max(low, start) - start, min(high, start + timing.minutes) - start
                if last > first:
                    yield index, first, last
            index += 1


@dataclass
class _Fixed:
    """Something at a fixed time in a day: a grid break, an own row, lunch, the wrap-up."""

    start: int
    end: int
    kind: str
    title: str
    link: Optional[str] = None


class _Flow:
    """Runs the content through the days, one day at a time, never back."""

    def __init__(self, content: _Content, options: Options, day_limit: Optional[int]) -> None:
        self.content = content
        self.options = options
        self.day_limit = day_limit
        self.position = 0  # how far into the content the plan has come
        # Content minutes placed beyond the clock minutes given them (a part taught a little faster
        # than its estimate, to meet a fixed time): later parts give them back, so the plan never
        # falls further behind the estimates than one part's snap.
        self.drift = 0
        self.event_index = 0  # the lessons' events before this one are handled
        self.days: list[Day] = []
        self.warnings: list[str] = []
        self.grid_left_out: list[str] = []  # the lessons' breaks a grid took the place of
        self.min_piece = min(MIN_PIECE, options.max_block)

    @property
    def done(self) -> bool:
        return self.position >= self.content.total

    def run(self) -> "_Flow":
        while not self.done and len(self.days) < (self.day_limit or MAX_DAYS):
            before = self.position
            self._day()
            if self.position == before:
                raise OptionError("", f"day {len(self.days)} leaves no time for teaching")
        if self.grid_left_out:
            count = len(self.grid_left_out)
            self.warnings.append(f"on a grid, the grid's breaks take the place of the lessons' breaks: {count} "
                                 f"left out ({', '.join(dict.fromkeys(self.grid_left_out))})")
        return self

    # -- the lessons' events ---------------------------------------------------------------------
    def _pending(self) -> Optional[_Event]:
        """The next event at the current position not yet handled (the ones the content has
        passed are the lesson breaks a grid leaves out)."""
        events = self.content.events
        while self.event_index < len(events) and events[self.event_index].position < self.position:
            self._leave_out_on_grid(events[self.event_index])  # only a grid's slots pass over them
            self.event_index += 1
        if self.event_index < len(events) and events[self.event_index].position == self.position:
            return events[self.event_index]
        return None

    def _leave_out(self, event: _Event, why: str) -> None:
        if event.kind == "break":
            self.warnings.append(f"{self.content.segments[event.order].timing.rel}: {why}")

    def _leave_out_on_grid(self, event: _Event) -> None:
        """On a grid the grid's breaks are the breaks: the lessons' are left out, said once at the end."""
        if event.kind == "break":
            self.grid_left_out.append(self.content.segments[event.order].timing.rel)

    def _limit(self) -> int:
        """How far the content may go now: to the next day or half-day start a lesson entry sets,
        or its end."""
        for event in self.content.events[self.event_index:]:
            if event.kind in ("day", "half") and event.position >= self.position:
                return event.position
        return self.content.total

    def _half_day_begun(self) -> bool:
        """Whether nothing has been taught today since the day or its lunch began."""
        for item in reversed(self.days[-1].items):
            if item.kind in ("episode", "lunch"):
                return item.kind == "lunch"
        return True

    def _half_day_here(self) -> bool:
        """Whether a lesson entry starts at the next half-day here, and the half-day has not begun."""
        for event in self.content.events[self.event_index:]:
            if event.position > self.position:
                break
            if event.kind == "half" and event.position == self.position:
                return not self._half_day_begun()
        return False

    def _begin_half_day(self) -> None:
        """The half-day an entry starts at has begun: its event is met, and it is planned afresh."""
        self.event_index += 1
        self.drift = 0

    def _half_day_tomorrow(self, day: Day) -> None:
        """An entry that starts at the next half-day goes to the next day: say so when the lesson
        before it ran on past lunch (it did not fit the morning), not when it began after lunch."""
        lunches = [item for item in day.items if item.kind == "lunch"]
        taught = [item for item in day.items if item.kind == "episode"]
        before = [item for item in taught if lunches and item.end <= lunches[-1].start]
        if before and taught[-1].start >= lunches[-1].end and before[-1].segment.group == taught[-1].segment.group:
            event = next(event for event in self.content.events[self.event_index:] if event.kind == "half")
            timing = self.content.segments[event.order].timing
            self.warnings.append(f"{timing.rel} ({timing.lesson}) starts at the next half-day, day {day.index + 2}: "
                                 f"the lesson before it runs on past day {day.index + 1}'s lunch (a `box` keeps it "
                                 f"to the morning)")

    def _over_today(self, day: Day, limit: int, lunch_ahead: bool) -> bool:
        """Whether teaching is over for the day at limit: the content ends, a lesson starts a day,
        or an entry starts at the next half-day and today's lunch is behind."""
        if self.position < limit or not self._half_day_here():
            return self.position >= limit
        if not lunch_ahead:
            self._half_day_tomorrow(day)
        return not lunch_ahead

    def _day_start_events(self, day: Day, grid: bool) -> None:
        """A new day meets the day and half-day starts set here; a lesson break here would open the
        day: left out. A day a lesson starts is planned on the estimates afresh: the day before
        ended its content."""
        while (event := self._pending()) is not None:
            if event.kind in ("day", "half"):
                self.drift = 0
            if event.kind == "day":
                day.asked = day.asked or day.index > 0
            if grid:
                self._leave_out_on_grid(event)
            else:
                self._leave_out(event, f"the lesson's break falls at the start of day {day.index + 1}; left out")
            self.event_index += 1

    # -- what a day holds ------------------------------------------------------------------------
    def _day(self) -> None:
        number = len(self.days) + 1
        settings = self.options.for_day(number)
        day = Day(number - 1, self.options.date_of(number - 1))
        self.days.append(day)
        self._day_start_events(day, settings.grid is not None)
        rows = [row for row in self.options.rows if row.on(number, last=False)]
        if settings.grid is not None:
            self._grid_day(day, settings, rows)
        else:
            self._flexible_day(day, settings, rows)
        day.items.sort(key=lambda item: (item.start, item.end))

    def _add(self, day: Day, start: int, minutes: int, kind: str, title: str, **details) -> Item:
        item = Item(start, start + minutes, kind, title, **details)
        day.items.append(item)
        return item

    def _add_fixed(self, day: Day, fixed: _Fixed) -> int:
        self._add(day, fixed.start, fixed.end - fixed.start, fixed.kind, fixed.title, link=fixed.link)
        return fixed.end

    def _opening(self, day: Day, settings: DaySettings, rows: list[Row]) -> int:
        """The welcome with the rows before and after it; returns when teaching can start."""
        now = settings.start
        for row in rows:
            if row.before == "welcome":
                now = self._add_fixed(day, _Fixed(now, now + row.minutes, "row", row.title, row.link))
        if settings.welcome:
            title = self.options.welcome_title if day.index == 0 else self.options.recap_title
            self._add(day, now, settings.welcome, "welcome", title)
            now += settings.welcome
        for row in rows:
            if row.after == "welcome":
                now = self._add_fixed(day, _Fixed(now, now + row.minutes, "row", row.title, row.link))
        return now

    def _closing(self, settings: DaySettings, rows: list[Row], at: Optional[int] = None) -> list[_Fixed]:
        """The rows before the wrap-up and the wrap-up, ending at the day's end (or from at), then
        the rows after it, after the day's end."""
        parts = [(row.minutes, "row", row.title, row.link) for row in rows if row.before == "wrap-up"]
        if settings.wrap_up:
            parts.append((settings.wrap_up, "wrap-up", self.options.wrap_up_title, None))
        now = at if at is not None else settings.end - sum(minutes for minutes, *_ in parts)
        parts += [(row.minutes, "row", row.title, row.link) for row in rows if row.after == "wrap-up"]
        closing = []
        for minutes, kind, title, link in parts:
            closing.append(_Fixed(now, now + minutes, kind, title, link))
            now += minutes
        return closing

    @staticmethod
    def _lunch(rows: list[Row], start: int, minutes: int, title: str = "Lunch") -> list[_Fixed]:
        """Lunch from start, with the rows asked for just before and after it."""
        now = start
        fixed = []
        for row in rows:
            if row.before == "lunch":
                fixed.append(_Fixed(now, now + row.minutes, "row", row.title, row.link))
                now += row.minutes
        fixed.append(_Fixed(now, now + minutes, "lunch", title))
        now += minutes
        for row in rows:
            if row.after == "lunch":
                fixed.append(_Fixed(now, now + row.minutes, "row", row.title, row.link))
                now += row.minutes
        return fixed

    def _place(self, day: Day, high: int, start: int, end: int) -> None:
        """Teach the content from here to high between start and end: one item per episode, the
        boundaries between episodes on the 5-minute grid, in proportion when end - start is not
        the content's minutes (a part taught a little slower or faster to meet a fixed time)."""
        low = self.position
        if high <= low:
            return
        pieces = list(self.content.pieces(low, high))
        fit = max((end - start) // STEP, 1)
        if len(pieces) > fit:  # more episodes than 5-minute rows fit in the time: the rest come later
            pieces = pieces[:fit]
            order, _, last = pieces[-1]
            high = self.content.offsets[order] + last
        times, taken = [start], 0
        for index, (_, first, last) in enumerate(pieces):
            taken += last - first
            if index == len(pieces) - 1:
                times.append(end)
            else:
                moment = _round(start + taken * (end - start) / (high - low))
                room_after = STEP * (len(pieces) - 1 - index)  # each later episode keeps a row of its own
                times.append(min(max(moment, times[-1] + STEP), end - room_after))
        for (order, first, last), begin, finish in zip(pieces, times, times[1:]):
            previous = day.items[-1] if day.items else None
            if previous is not None and previous.kind == "episode" and previous.order == order and \
                    previous.last == first and previous.end == begin:
                previous.end, previous.last = finish, last  # no break between: the same part
            else:
                segment = self.content.segments[order]
                self._add(day, begin, finish - begin, "episode", segment.timing.title, segment=segment, order=order,
                          first=first, last=last)
        self.drift += (high - low) - (end - start)
        self.position = high

    @staticmethod
    def _as_fixed(day: Day) -> list[_Fixed]:
        return [_Fixed(item.start, item.end, item.kind, item.title) for item in day.items]

    def _due(self, high: int) -> int:
        """The clock minutes teaching from here to high needs at the estimates' pace: its content
        minutes with the drift given back."""
        return high - self.position + self.drift

    def _span(self, high: int) -> int:
        """The time teaching from here to high takes on the 5-minute grid: its minutes with the
        drift given back, and at least 5 for each episode it touches (a 2-minute citation page
        still gets a row)."""
        rows = len(list(self.content.pieces(self.position, high)))
        return max(_round(self._due(high)), STEP * rows)

    def _timed_rows(self, rows: list[Row]) -> list[_Fixed]:
        return [_Fixed(row.at, row.at + row.minutes, "row", row.title, row.link) for row in rows if row.at is not None]

    # -- a day on a grid -------------------------------------------------------------------------
    def _grid_day(self, day: Day, settings: DaySettings, rows: list[Row]) -> None:
        options = self.options
        opening_end = self._opening(day, settings, rows)
        closing = self._closing(settings, rows)
        day_end = closing[0].start if closing else settings.end
        fixed: list[_Fixed] = []
        for entry in settings.grid:
            if not settings.start + settings.welcome <= entry.at < day_end:
                continue  # the workshop's grid on a day that starts later or ends earlier
            if entry.lunch:
                fixed.extend(self._lunch(rows, entry.at, entry.minutes or options.lunch or 60, entry.title or "Lunch"))
            else:
                fixed.append(_Fixed(entry.at, entry.at + (entry.minutes or options.coffee), "break",
                                    entry.title or "Coffee break"))
        timed = self._timed_rows(rows)
        _check_overlaps([*self._as_fixed(day), *fixed, *timed, *closing], day.index + 1)
        inside = sorted([*fixed, *(f for f in timed if opening_end <= f.start < day_end)], key=lambda f: f.start)
        for outside in timed:
            if not opening_end <= outside.start < day_end:
                self._add_fixed(day, outside)
        now, over = opening_end, False
        stops = [*inside, _Fixed(day_end, day_end, "end", "")]
        for index, item in enumerate(stops):
            if not over and item.start > now:
                lunch_ahead = any(stop.kind == "lunch" for stop in stops[index:])
                now, over = self._fill_slot(day, now, item.start, _next_room(stops, index), lunch_ahead)
            if item.kind == "end" or (over and item.kind != "row"):
                continue  # teaching is over today: the grid's later breaks are not needed
            if item.kind == "break" and self._half_day_here():
                continue  # nothing is taught until the afternoon an entry waits for: no break needed
            now = self._add_fixed(day, item) if item.start >= now else now
        for item in self._closing(settings, rows, at=now if over else None):
            self._add_fixed(day, item)

    def _fill_slot(self, day: Day, start: int, end: int, next_room: Optional[int],
                   lunch_ahead: bool) -> tuple[int, bool]:
        """Teach from start until end, a fixed time. Returns when teaching stops, and whether
        teaching is over for the day (the content, or what a lesson gives this day, ended).
        next_room is the length of the day's next slot, if it has one: a part ends no further
        ahead of the estimates than that slot can give back. lunch_ahead: whether today's lunch
        is still to come (an entry that starts at the next half-day waits for it)."""
        event = self._pending()
        while event is not None and event.kind == "break":
            self._leave_out_on_grid(event)
            self.event_index += 1
            event = self._pending()
        if event is not None and event.kind == "day":
            return start, True  # a lesson starts a new day here
        if event is not None and event.kind == "half" and self._half_day_begun():
            self._begin_half_day()
        limit, room = self._limit(), end - start
        if self.position >= limit:  # an entry that waits for the afternoon stops here too
            return start, self._over_today(day, limit, lunch_ahead)
        snap = min(SNAP, room // 2)
        due = self._due(limit)  # the rest of today's content
        low = self.position + min(self.min_piece, room)
        if due <= room + snap or limit <= low:  # all of it here (less than a piece is not worth a part)
            stop = end if due >= room - snap else min(start + self._span(limit), end)
            self._place(day, limit, start, stop)
            return stop, self._over_today(day, limit, lunch_ahead)
        # Where the estimates put the content at the slot's end, and how much further it may end:
        # measured from there, not from the piece the slot must teach, so the drift stays in bound.
        estimate = self.position + room - self.drift
        reach = snap + PLACE_COST[SECTION]
        if next_room is not None:
            # A short slot next still teaches a piece, so it gives back no more than its room beyond that.
            reach = min(reach, next_room - min(self.min_piece, next_room))
        target = max(estimate, low)
        place = self.content.best_place(low, max(estimate + reach, low), target, self.position, reach=snap)
        if place is None:
            place = self.content.split_at(low, max(estimate + min(snap, reach), low), target, self.position)
        self._place(day, place, start, end)
        return end, self._over_today(day, limit, lunch_ahead)

    # -- a day without a grid --------------------------------------------------------------------
    def _flexible_day(self, day: Day, settings: DaySettings, rows: list[Row]) -> None:
        options = self.options
        now = self._opening(day, settings, rows)
        closing = self._closing(settings, rows)
        day_end = closing[0].start if closing else settings.end
        timed = self._timed_rows(rows)
        _check_overlaps([*self._as_fixed(day), *timed, *closing], day.index + 1)
        for outside in timed:
            if not now <= outside.start < day_end:
                self._add_fixed(day, outside)
        timed = sorted((f for f in timed if now <= f.start < day_end), key=lambda f: f.start)
        lunch_block = options.lunch + sum(row.minutes for row in rows if "lunch" in (row.before, row.after))
        lunch_due = bool(options.lunch) and now < options.lunch_after + LUNCH_LATE and \
            options.lunch_after + lunch_block + self.min_piece <= day_end and \
            not self._lunch_episode_ahead(day_end - now)
        run, taught = 0, False  # minutes taught since the last break; whether anything was taught today
        while not self.done:
            event = self._pending()
            if event is not None:
                if event.kind == "day" and taught:
                    break
                if event.kind == "half" and self._half_day_here():
                    if timed and timed[0].start < options.lunch_after:  # the rows before lunch keep their times
                        now, run = self._add_row(day, timed.pop(0), run)
                        continue
                    hard = timed[0].start if timed else day_end
                    lunch_at = max(now, min(options.lunch_after, hard - lunch_block))
                    if not lunch_due or lunch_at + lunch_block > hard:
                        self._half_day_tomorrow(day)
                        break  # today's lunch is behind: the entry starts the next day
                    now, run = self._lunch_now(day, rows, lunch_at)  # the entry starts after it
                    lunch_due = False
                    continue
                if event.kind == "half":
                    self._begin_half_day()
                    continue
                self.event_index += 1
                if event.kind == "break":
                    after = self._lesson_break(day, event, now, day_end, taught)
                    if after is None:
                        break
                    run, now = (0 if after > now else run), after
                    lunch_due = lunch_due and day.items[-1].kind != "lunch"
                continue
            hard = timed[0].start if timed else day_end  # the next fixed time: a row, or the day's end
            if hard - now < self.min_piece:  # too little time to start anything before it
                if run + hard - now <= options.max_block:
                    gained = self._teach_on(day, now, hard)
                    run, now = run + gained, now + gained
                if not timed:
                    break
                now, run = self._add_row(day, timed.pop(0), run)
                continue
            available = options.max_block - run
            if run and available < self.min_piece:
                if lunch_due and taught and self._lunch_window(now, lunch_block, hard):
                    now, run = self._lunch_now(day, rows, now)  # the block ended in lunch's window
                    lunch_due = False
                elif now + options.coffee + self.min_piece <= hard:
                    now, run = self._coffee(day, now), 0
                elif timed:  # no room for a break and something after it before the row
                    now, run = self._add_row(day, timed.pop(0), run)
                else:
                    break
                continue
            latest_lunch = min(options.lunch_after + LUNCH_LATE, hard - lunch_block)
            ahead = self._next_break(self._limit()) - self.position  # content before a lesson sets something
            finish = now + self._span(self.position + ahead)
            if finish <= min(hard, now + available) and (not lunch_due or finish <= latest_lunch):
                # the content ends, or a lesson sets a break or a day, before a break is due
                self._place(day, self.position + ahead, now, finish)
                run, now, taught = run + finish - now, finish, True
                continue
            # The next stop, and how far it may move to a place the content offers.
            if lunch_due and latest_lunch < now + self.min_piece and (not timed or hard == day_end):
                if taught and self._lunch_window(now, lunch_block, hard):
                    now, run = self._lunch_now(day, rows, now)  # no room to teach first
                lunch_due = False  # else lunch no longer fits today
                continue
            if lunch_due and options.lunch_after - LUNCH_EARLY + lunch_block <= hard and \
                    latest_lunch >= now + self.min_piece:
                stop, target = "lunch", max(options.lunch_after, now + self.min_piece)
                low, high = target - LUNCH_EARLY, min(target + LUNCH_LATE, hard - lunch_block)
                needs_coffee = max(low, now + self.min_piece) > now + available
            else:
                stop, target, low, high = "fixed", hard, hard - FLEX, hard + SNAP
                needs_coffee = hard > now + available
            if needs_coffee and hard - now < options.coffee + 2 * self.min_piece:
                # no room for a break and more teaching before the fixed time: teach one last
                # block and stop there (a gap before a row, or an early end of the day)
                stop, target, low, high = "last", now + available, now + available - FLEX, now + available
            elif needs_coffee:  # blocks of even length up to the stop, the first ending here
                breaks = math.ceil((target - now - available) / (options.max_block + options.coffee))
                block = min((target - now - breaks * options.coffee) / (breaks + 1), available)
                # not so early that the rest needs one more break than planned
                # (the stop may come as early as its window's start: lunch; a fixed time is fixed)
                soonest = low if stop == "lunch" else hard
                earliest = max(soonest - breaks * (options.max_block + options.coffee), now + self.min_piece)
                stop, target, low, high = "coffee", now + block, max(now + block - FLEX, earliest), now + block + FLEX
            low = max(low, now + self.min_piece)
            if stop != "fixed":
                high = min(high, now + available, hard)
                low = min(low, high)
            if stop == "fixed":
                room = hard - now
                snap = min(SNAP, room // 2)  # a part taught a little faster or slower, not twice as fast
                due = self._due(self.position + ahead)
                if due <= room + snap:
                    finish = hard if due >= room - snap else min(now + self._span(self.position + ahead), hard)
                    self._place(day, self.position + ahead, now, finish)
                    run, now, taught = run + finish - now, finish, True
                    if finish < hard:
                        continue
                else:
                    base = self.position - self.drift - now  # content position at the estimates' pace
                    earliest = max(base + low, self.position + self.min_piece)
                    target = max(base + hard, earliest)
                    place = self.content.best_place(earliest, target + snap, target, self.position)
                    if place is None:
                        place = self.content.split_at(earliest, target + snap, target, self.position)
                    self._place(day, place, now, hard)
                    run, now, taught = run + hard - now, hard, True
                if not timed:
                    break
                now, run = self._add_row(day, timed.pop(0), run)
                continue
            if ahead <= high - now:  # the content, or a lesson's break, comes before the stop
                finish = min(now + self._span(self.position + ahead), hard)
                if finish - now > available:
                    finish = max(_floor(now + available), now + STEP)
                self._place(day, self.position + ahead, now, finish)
                run, now, taught = run + finish - now, finish, True
                continue
            base = self.position - self.drift - now  # content position = base + time of day, at the estimates' pace
            if stop == "coffee":
                bounds, reach = (earliest, min(now + available, hard)), FLEX
            else:
                bounds, reach = (low, high), None
            # in content minutes, and at least a row's worth even when the drift given back is most of the time
            least = self.position + STEP
            low_place, high_place, target_place = (max(base + at, least) for at in (*bounds, target))
            place = self.content.best_place(low_place, high_place, target_place, self.position, reach)
            if place is None:
                place = self.content.split_at(low_place, high_place, target_place, self.position)
            finish = min(max(_round(place - base), now + STEP), hard)
            if finish - now > available:
                finish = max(_floor(now + available), now + STEP)
            self._place(day, place, now, finish)
            run, now, taught = finish - now, finish, True
            if stop == "coffee":
                # no break just before the content ends, or a lesson sets something, or the day ends
                if self.position < self._next_break(self._limit()) and now + options.coffee + self.min_piece <= hard:
                    now, run = self._coffee(day, now), 0
            elif stop == "last":
                if not timed:
                    break
                now, run = self._add_row(day, timed.pop(0), run)
            else:
                now, run = self._lunch_now(day, rows, now)
                lunch_due = False
        for item in timed:
            if item.start >= now:
                now = self._add_fixed(day, item)
        for item in self._closing(settings, rows, at=now if now < day_end else None):
            self._add_fixed(day, item)

    def _add_row(self, day: Day, row: _Fixed, run: int) -> tuple[int, int]:
        """An own row at its time: (the time after it, the stretch without a break, the row's
        minutes counted: a survey is no rest)."""
        return self._add_fixed(day, row), run + row.end - row.start

    def _teach_on(self, day: Day, now: int, until: int) -> int:
        """The part just taught runs on to a fixed time rather than leave a gap before it; returns
        the minutes it gained."""
        last = day.items[-1] if day.items else None
        if last is not None and last.kind == "episode" and last.end == now:
            last.end = until
            self.drift -= until - now
            return until - now
        return 0

    def _lunch_window(self, now: int, lunch_block: int, hard: int) -> bool:
        """Whether lunch (with its rows, lunch_block minutes) may start now: in its window, and
        over before the next fixed time."""
        return now >= self.options.lunch_after - LUNCH_EARLY and now + lunch_block <= hard

    def _lunch_now(self, day: Day, rows: list[Row], now: int) -> tuple[int, int]:
        """Lunch with its rows from now: (the time after them, the stretch without a break: the
        rows after lunch, as a row is no rest)."""
        for item in self._lunch(rows, now, self.options.lunch):
            now = self._add_fixed(day, item)
        return now, sum(row.minutes for row in rows if row.after == "lunch")

    def _coffee(self, day: Day, now: int) -> int:
        self._add(day, now, self.options.coffee, "break", "Coffee break")
        return now + self.options.coffee

    def _lunch_episode_ahead(self, room: int) -> bool:
        """Whether a lesson's lunch (a long break episode, or one titled lunch) comes within room
        minutes of content today: then it is the lunch, and none is added."""
        limit = min(self._limit(), self.position + room)
        return any(event.kind == "break" and self.position <= event.position <= limit
                   and self.content.segments[event.order].is_lunch()
                   for event in self.content.events[self.event_index:])

    def _next_break(self, limit: int) -> int:
        """Where the next lesson break is, up to limit."""
        for event in self.content.events[self.event_index:]:
            if event.position > limit:
                break
            if event.kind == "break" and event.position > self.position:
                return event.position
        return limit

    def _lesson_break(self, day: Day, event: _Event, now: int, day_end: int, taught: bool) -> Optional[int]:
        """A break the lesson sets, here: the time after it, or None when the day ends instead."""
        segment = self.content.segments[event.order]
        timing = segment.timing
        minutes = max(_round(timing.break_minutes), STEP)  # on the 5-minute grid, like every time
        if not taught:
            self._leave_out(event, f"the lesson's break falls at the start of day {day.index + 1}; left out")
            return now
        if self.done:
            self._leave_out(event, "the lesson's break comes after the last episode; left out")
            return now
        lunch = segment.is_lunch()
        if lunch and not self.options.lunch:
            self._leave_out(event, "the workshop has no lunch (lunch: 0); the lesson's lunch break is left out")
            return now
        if now + minutes + self.min_piece > day_end:
            self._leave_out(event, f"the lesson's break falls at the end of day {day.index + 1}; left out")
            return None
        title = timing.title if timing.is_break else ("Lunch" if lunch else "Break")
        self._add(day, now, minutes, "lunch" if lunch else "break", title, segment=segment, order=event.order)
        return now + minutes


def _next_room(stops: list[_Fixed], index: int) -> Optional[int]:
    """The length of the first slot with room after stops[index], before the day's end."""
    for item, after in zip(stops[index:], stops[index + 1:]):
        if after.start > item.end:
            return after.start - item.end
    return None


def _check_overlaps(fixed: list[_Fixed], number: int) -> None:
    ordered = sorted((f for f in fixed if f.end > f.start), key=lambda f: (f.start, f.end))
    for before, after in zip(ordered, ordered[1:]):
        if after.start < before.end:
            raise OptionError("rows", f"on day {number}, {after.title!r} at {clock(after.start)} overlaps "
                                      f"{before.title!r} ({clock(before.start)} to {clock(before.end)})")


# -- the plan as a whole --------------------------------------------------------------------------

def _scaled(segments: list[Segment], factor: float) -> list[Segment]:
    return [replace(s, timing=s.timing.with_minutes(max(1, round(s.timing.minutes * factor))))
            if s.timing.minutes else s for s in segments]


def _flow(segments: list[Segment], options: Options, day_limit: Optional[int]) -> _Flow:
    return _Flow(_Content(boxed(segments)[0]), options, day_limit).run()


def _fits(segments: list[Segment], options: Options, days: int) -> bool:
    return _flow(segments, _last_day(options, days), days).done


def scale_to_fit(segments: list[Segment], options: Options, days: int) -> Optional[float]:
    """The largest factor for every episode's minutes with which the workshop fits in days;
    None when even a tenth of the minutes does not fit. Time boxes apply to the scaled minutes.

    Whether a factor fits is not quite monotonic (a part's end moves to the places the content
    offers), so the search brackets from 1, halves the bracket, then tries a little further."""
    def fits(factor: float) -> bool:
        try:
            return _fits(_scaled(segments, factor), options, days)
        except OptionError:  # a day that cannot take the scaled content at all
            return False

    steps = [1.0, 1.25, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0] if fits(1.0) else [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1]
    low = 1.0 if steps[0] == 1.0 else None
    high = None
    for factor in steps[1:] if low else steps:
        if fits(factor) == bool(low):  # still on the same side
            if not low:
                continue
            low = factor
        else:
            high, low = (factor, low) if low else (high, factor)
            if not low:
                continue
            break
    if low is None:
        return None
    if high is None:
        high = 1.0 if low < 1.0 else low
    if low < high:
        while high - low > 0.002:
            middle = (low + high) / 2
            if fits(middle):
                low = middle
            else:
                high = middle
    for step in range(1, 21):  # past a factor that did not fit, another may
        if fits(low + 0.005 * step):
            low = low + 0.005 * step
    return low


def _later_end(segments: list[Segment], options: Options, days: int) -> Optional[int]:
    """The earliest end of day (in steps of 5 minutes, up to 3 hours later) that fits the workshop in days."""
    for extra in range(STEP, 181, STEP):
        end = options.end + extra
        if end > 24 * 60 - 1:
            return None
        if _fits(segments, replace(options, end=end), days):
            return end
    return None


def _does_not_fit(segments: list[Segment], options: Options, flow: _Flow, days: int) -> OptionError:
    left = flow_left = sum(item.minutes for day in flow.days[days:] for item in day.items if item.kind == "episode")
    needed = len(flow.days)
    offers = []
    factor = scale_to_fit(segments, options, days)
    if factor is not None:
        offers.append(f"fit: scale (every episode at {factor:.0%} of its minutes)")
    end = _later_end(segments, options, days)
    if end is not None:
        offers.append(f"end each day at {clock(end)}")
    offers.append(f"skip or shorten episodes worth {flow_left} minutes")
    offers.append(f"days: {needed}")
    plural = "s" if days != 1 else ""
    return OptionError("days", f"the workshop does not fit in {days} day{plural}: {left} minutes of teaching are "
                               f"left over; try {', '.join(offers[:-1])} or {offers[-1]}")


def _number_parts(days: list[Day], content: _Content) -> None:
    by_segment: dict[int, list[tuple[Day, Item]]] = {}
    for day in days:
        for item in day.items:
            if item.kind == "episode":
                by_segment.setdefault(item.order, []).append((day, item))
    for pieces in by_segment.values():
        for number, (day, item) in enumerate(pieces, 1):
            timing = item.timing
            item.part, item.parts = number, len(pieces)
            item.continued = number > 1 and pieces[number - 2][0] is not day
            if item.last < timing.minutes:
                item.split = content.split_kind(content.offsets[item.order] + item.last)
            if item.first > 0:
                section = timing.section_at(item.first)
                if section is not None:
                    item.section, item.section_exact = section.title, section.minutes_before == item.first


def _assign_instructors(days: list[Day], workshop: tuple[str, ...]) -> None:
    """Each block between breaks is one instructor's; the names take turns, a lesson entry's own
    list for its episodes, the workshop's for the others."""
    turns: dict[tuple[str, ...], int] = {}
    for day in days:
        used: set[tuple[str, ...]] = set()
        for item in [*day.items, None]:
            if item is None or item.kind in ("break", "lunch"):
                for names in used:
                    turns[names] = turns.get(names, 0) + 1
                used = set()
            elif item.kind == "episode":
                names = item.segment.instructors or workshop
                if names:
                    item.instructor = names[turns.get(names, 0) % len(names)]
                    used.add(names)


def _lessons(segments: list[Segment]) -> tuple[list[str], dict[str, str]]:
    titles = list(dict.fromkeys(segment.lesson for segment in segments))
    links = {}
    for segment in segments:
        if segment.lesson_link and segment.lesson not in links:
            links[segment.lesson] = segment.lesson_link
    return titles, links


def boxed(segments: list[Segment]) -> tuple[list[Segment], list[LeftOut]]:
    """Each entry's time box applied: its episodes are kept in order while they fit, and the
    first that does not and all after it are left out (a lesson builds on what came before)."""
    kept, left_out, used, over = [], [], {}, set()
    for segment in segments:
        minutes = segment.timing.minutes
        if segment.box is not None and minutes:
            if segment.group in over or used.get(segment.group, 0) + minutes > segment.box:
                over.add(segment.group)
                timing = segment.timing
                left_out.append(LeftOut(timing.lesson, timing.title, timing.rel, minutes, segment.box))
                continue
            used[segment.group] = used.get(segment.group, 0) + minutes
        kept.append(segment)
    for group in over:
        if not used.get(group):
            box = next(s.box for s in segments if s.group == group)
            lesson = next(s.lesson for s in segments if s.group == group)
            raise OptionError(f"lessons.{group + 1}.box", f"no episode of {lesson!r} fits in {box} minutes")
    return kept, left_out


def plan(segments: list[Segment], options: Options) -> Schedule:
    """The workshop: the segments in order, through days of the options' shape."""
    warnings, notes = [], []
    for segment in segments:
        if segment.timing.minutes == 0 and not segment.timing.is_break:
            warnings.append(f"{segment.timing.rel}: takes no time (teaching 0, exercises 0); left out")
    segments = [s for s in segments if s.timing.minutes or s.timing.is_break]
    if not any(s.timing.minutes for s in segments):
        raise OptionError("", "nothing to schedule: no chosen episode has any teaching or exercise minutes")
    limit, factor = options.day_limit, None
    if options.fit == "scale":
        factor = scale_to_fit(segments, options, limit)
        if factor is None:
            raise OptionError("fit", f"even at a tenth of their minutes, the episodes do not fit in {limit} days")
        segments = _scaled(segments, factor)
        notes.append(f"Episode minutes are scaled by {factor:.2f}, the most that fits in {limit} "
                     f"day{'s' if limit != 1 else ''}.")
    flow = _flow(segments, _last_day(options, limit), None) if limit else _last_day_rows(segments, options)
    if not flow.done:
        raise OptionError("", f"the workshop needs more than {MAX_DAYS} days")
    if limit is not None and len(flow.days) > limit:
        raise _does_not_fit(segments, options, flow, limit)
    if limit is None and len(flow.days) > 1 and flow.days[-1].teaching_minutes < SHORT_DAY and not flow.days[-1].asked:
        flow = _absorb_short_day(segments, options, flow, warnings, notes)
    if limit is not None and len(flow.days) < limit:
        warnings.append(f"the episodes fill {len(flow.days)} of the {limit} days")
        flow.days.extend(_days_of_rows(options, len(flow.days), limit))
    _number_parts(flow.days, flow.content)
    _assign_instructors(flow.days, options.instructors)
    lessons, links = _lessons(segments)
    return Schedule(flow.days, options, warnings=warnings + flow.warnings, lessons=lessons, lesson_links=links,
                    left_out=boxed(segments)[1], scale=factor, notes=notes)


def _days_of_rows(options: Options, taught: int, limit: int) -> list[Day]:
    """The days after the last one the episodes fill that have rows of their own (an optional
    day of help and questions): each with just those rows, at their times or one after another."""
    days = []
    for number in range(taught + 1, limit + 1):
        rows = [row for row in options.rows if row.days is not None and number in row.days]
        if not rows:
            continue
        day, now = Day(number - 1, options.date_of(number - 1), asked=True), options.for_day(number).start
        for row in sorted(rows, key=lambda row: row.at if row.at is not None else -1):
            start = row.at if row.at is not None else now
            day.items.append(Item(start, start + row.minutes, "row", row.title, link=row.link))
            now = max(now, start + row.minutes)
        day.items.sort(key=lambda item: item.start)
        days.append(day)
    return days


def _last_day(options: Options, last: int) -> Options:
    """The options with the rows asked for on the last day (`day: last`) put on day last."""
    if not any(row.days and 0 in row.days for row in options.rows):
        return options
    return replace(options, rows=tuple(
        replace(row, days=frozenset(last if day == 0 else day for day in row.days)) if row.days else row
        for row in options.rows))


def _last_day_rows(segments: list[Segment], options: Options) -> _Flow:
    """The plan with the last day's rows on it: which day is the last shows once the days are
    planned, and a row there may move the end by a day, so again."""
    flow = _flow(segments, options, None)
    for _ in range(3):
        settled = _last_day(options, len(flow.days))
        if settled is options:
            break
        again = _flow(segments, settled, None)
        if len(again.days) == len(flow.days):
            return again
        flow = again
    return flow


def _absorb_short_day(segments: list[Segment], options: Options, flow: _Flow, warnings: list[str],
                      notes: list[str]) -> _Flow:
    """A last day of under an hour: taught in the day before's wrap-up when that is enough, else
    kept, with what to cut to do without it."""
    short, number = flow.days[-1].teaching_minutes, len(flow.days)
    before = options.for_day(number - 1)
    if before.wrap_up:
        change = options.day.get(number - 1, DayChange())
        absorbed = replace(options, day={**options.day, number - 1: replace(change, wrap_up=0)})
        trial = _flow(segments, _last_day(absorbed, number - 1), number - 1)
        if trial.done:
            notes.append(f"Day {number - 1} teaches through its wrap-up to finish the workshop; otherwise a day "
                         f"{number} would hold only {short} minutes.")
            return trial
    factor = scale_to_fit(segments, options, number - 1)
    how = f" (fit: scale with days: {number - 1} takes every episode to {factor:.0%})" if factor else ""
    warnings.append(f"day {number} holds only {short} minutes of teaching: cut about {short} minutes to finish on "
                    f"day {number - 1}{how}, or set days: {number} to keep the short day")
    return flow


def relative(segments: list[Segment], options: Options = Options()) -> Schedule:
    """sandpaper's syllabus: each episode at its cumulative offset from 00h 00m, break minutes included."""
    day = Day(0, None)
    offset = 0
    for order, segment in enumerate(segments):
        timing = segment.timing
        kind = "break" if timing.is_break else "episode"
        day.items.append(Item(offset, offset + timing.sandpaper_minutes, kind, timing.title, segment=segment,
                              order=order, last=timing.minutes, part=1, parts=1))
        offset += timing.sandpaper_minutes
    lessons, links = _lessons(segments)
    return Schedule([day], options, relative=True, lessons=lessons, lesson_links=links)
