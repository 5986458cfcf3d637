"""The one Options model of a workshop, and how each key is read.

A key has the same long name everywhere: on the command line (`--max-block 60`), under
`lessonkit: schedule:` in a lesson's config.yaml, and in a workshop file (`max-block: 60`).
Reading a value that cannot be used raises OptionError with the key's path (`day.2.start`,
`rows.1.at`), which the caller turns into one line naming the file and line.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Optional

_TIME = re.compile(r"^([01]?[0-9]|2[0-3]):([0-5][0-9])$")
# "lunch 12:30" or "12:30 lunch" in a grid list.
_GRID_WORDS = re.compile(r"^(?:(lunch)\s+)?(\S+?)(?:\s+(lunch))?$", re.IGNORECASE)
ANCHORS = ("welcome", "lunch", "wrap-up")  # what a row may go before or after
FITS = ("none", "scale")


class OptionError(ValueError):
    """A schedule option with a value that cannot be used. key is the option's path, such as
    "max-block" or "rows.2.at"; the message says what is expected."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"{key}: {message}" if key else message)
        self.key = key
        self.message = message

    def under(self, prefix: str) -> "OptionError":
        """The same error one level down: key "at" under "rows.2" is "rows.2.at"."""
        return OptionError(f"{prefix}.{self.key}" if self.key else prefix, self.message)


@dataclass(frozen=True)
class GridBreak:
    """A break at a fixed time of day. minutes None: the workshop's break (or lunch) length."""

    at: int
    minutes: Optional[int] = None
    lunch: bool = False
    title: Optional[str] = None


@dataclass(frozen=True)
class Row:
    """An instructor's own row: at a time, or before or after the welcome, lunch or wrap-up.
    days None: every day; else the day numbers (1-based) it is on, 0 standing for the last."""

    title: str
    minutes: int
    at: Optional[int] = None
    before: Optional[str] = None
    after: Optional[str] = None
    days: Optional[frozenset[int]] = None
    link: Optional[str] = None

    def on(self, number: int, last: bool) -> bool:
        return self.days is None or number in self.days or (last and 0 in self.days)


@dataclass(frozen=True)
class DayChange:
    """What one day does differently (`day: {2: {start: "10:00"}}`); None keeps the workshop's."""

    start: Optional[int] = None
    end: Optional[int] = None
    welcome: Optional[int] = None
    wrap_up: Optional[int] = None
    grid: Optional[tuple[GridBreak, ...]] = None


@dataclass(frozen=True)
class DaySettings:
    """The settings of one day, the workshop's with that day's changes applied."""

    start: int
    end: int
    welcome: int
    wrap_up: int
    grid: Optional[tuple[GridBreak, ...]]


@dataclass(frozen=True)
class Options:
    title: Optional[str] = None
    timezone: Optional[str] = None
    start: int = 9 * 60
    end: int = 16 * 60 + 30
    max_block: int = 90
    coffee: int = 15  # `break`
    lunch: int = 60
    lunch_after: int = 12 * 60
    welcome: int = 15
    wrap_up: int = 15
    welcome_title: str = "Welcome"
    recap_title: str = "Welcome back and recap"  # the welcome of the days after the first
    wrap_up_title: str = "Wrap-up"
    days: Optional[int] = None
    start_date: Optional[datetime.date] = None  # `start-date`, or `date` as the command line has it
    dates: Optional[tuple[datetime.date, ...]] = None
    grid: Optional[tuple[GridBreak, ...]] = None
    day: dict[int, DayChange] = field(default_factory=dict)
    fit: str = "none"
    lesson_breaks: bool = True
    instructors: tuple[str, ...] = ()
    rows: tuple[Row, ...] = ()

    @property
    def day_limit(self) -> Optional[int]:
        """How many days the workshop has, when the options say (days, or the dates listed)."""
        if self.dates is not None:
            return len(self.dates)
        return self.days

    def for_day(self, number: int) -> DaySettings:
        change = self.day.get(number, DayChange())
        pick = lambda mine, default: default if mine is None else mine  # noqa: E731
        return DaySettings(pick(change.start, self.start), pick(change.end, self.end),
                           pick(change.welcome, self.welcome), pick(change.wrap_up, self.wrap_up),
                           pick(change.grid, self.grid))

    def date_of(self, index: int) -> Optional[datetime.date]:
        """The date of day index (0-based): the listed dates, or weekdays from the start date."""
        if self.dates is not None:
            return self.dates[index] if index < len(self.dates) else None
        if self.start_date is None:
            return None
        return weekdays_from(self.start_date, index)

    @property
    def first_date(self) -> Optional[datetime.date]:
        return self.date_of(0)


def weekdays_from(first: datetime.date, index: int) -> datetime.date:
    """The index-th teaching day from first, counting Monday to Friday only. A first day on a
    weekend is kept (someone chose it); the days after it are weekdays."""
    day = first
    for _ in range(index):
        day += datetime.timedelta(days=1)
        while day.weekday() >= 5:
            day += datetime.timedelta(days=1)
    return day


def clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


# -- readers: each takes a raw value (YAML or a command-line string) and returns the option's value

def parse_time(value: Any) -> int:
    """ "09:00" -> 540. YAML 1.1 reads an unquoted 9:00 as 540 (base 60), which is the same number."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
        return value
    match = _TIME.match(value.strip()) if isinstance(value, str) else None
    if not match:
        raise OptionError("", f"expected a time as HH:MM (24-hour clock), not {value!r}")
    return int(match.group(1)) * 60 + int(match.group(2))


def _whole(least: int, unit: str = "minutes") -> Callable[[Any], int]:
    def read(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, (int, str)) or not str(value).strip().isdigit():
            raise OptionError("", f"expected a whole number of {unit}, not {value!r}")
        number = int(value)
        if number < least:
            raise OptionError("", f"must be at least {least}, not {number}")
        return number
    return read


def parse_date(value: Any) -> datetime.date:
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError:
        raise OptionError("", f"expected a date as YYYY-MM-DD, not {value!r}") from None


def _dates(value: Any) -> tuple[datetime.date, ...]:
    items = value.replace(",", " ").split() if isinstance(value, str) else value
    if not isinstance(items, list) or not items:
        raise OptionError("", "expected a list of dates as YYYY-MM-DD")
    dates = _each(items, parse_date)
    for before, after in zip(dates, dates[1:]):
        if after <= before:
            raise OptionError("", f"the dates must be in order, each once: {after} comes after {before}")
    return tuple(dates)


def _each(items: list, read: Callable[[Any], Any]) -> list:
    """read applied to each item of a list; an error names the item by its number (from 1)."""
    values = []
    for number, item in enumerate(items, 1):
        try:
            values.append(read(item))
        except OptionError as error:
            raise error.under(str(number)) from None
    return values


def _timezone(value: Any) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = str(value).strip()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise OptionError("", f"unknown time zone {value!r} (use an IANA name such as Europe/Amsterdam)") from None
    return name


def _slot(kind: str, titles: tuple[str, ...]) -> Callable[[Any], dict[str, Any]]:
    """The welcome or the wrap-up: minutes, or a mapping of minutes and titles
    (`welcome: {minutes: 20, title: Welcome and icebreaker, recap: Recap}`)."""
    def read(value: Any) -> dict[str, Any]:
        if not isinstance(value, dict):
            return {kind: _whole(0)(value)}
        known = ("minutes", *titles)
        unknown = sorted(set(map(str, value)) - set(known))
        if unknown:
            raise OptionError(unknown[0], f"unknown key (this has {', '.join(known)})")
        fields = {kind: _keyed(value, "minutes", _whole(0), None)}
        fields.update({f"{kind if title == 'title' else title}_title": _keyed(value, title, _text, None)
                       for title in titles})
        return {field: given for field, given in fields.items() if given is not None}
    return read


def _text(value: Any) -> str:
    if not isinstance(value, (str, int, float)) or isinstance(value, bool) or not str(value).strip():
        raise OptionError("", f"expected some text, not {value!r}")
    return str(value).strip()


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "yes", "on", "false", "no", "off"):
        return value.strip().lower() in ("true", "yes", "on")
    raise OptionError("", f"expected true or false, not {value!r}")


def _fit(value: Any) -> str:
    if value in FITS:
        return value
    raise OptionError("", f"expected one of {', '.join(FITS)}, not {value!r}")


def names(value: Any) -> tuple[str, ...]:
    """A list of names, or one string of names separated by commas."""
    if isinstance(value, str):
        items = [part.strip() for part in value.split(",")]
    elif isinstance(value, list):
        items = [_text(item) for item in value]
    else:
        raise OptionError("", "expected a list of names")
    return tuple(item for item in items if item)


def _grid_break(value: Any) -> GridBreak:
    if isinstance(value, dict):
        unknown = sorted(set(map(str, value)) - {"at", "minutes", "lunch", "title"})
        if unknown:
            raise OptionError(unknown[0], "unknown key (a grid break has at, minutes, lunch and title)")
        if "at" not in value:
            raise OptionError("", "a grid break needs `at`, the time it starts")
        lunch = _keyed(value, "lunch", _flag, False)
        title = _keyed(value, "title", _text, None)
        lunch = lunch or (title is not None and "lunch" in title.lower())
        return GridBreak(_keyed(value, "at", parse_time), _keyed(value, "minutes", _whole(1), None), lunch, title)
    if isinstance(value, int) and not isinstance(value, bool):
        return GridBreak(parse_time(value))
    match = _GRID_WORDS.match(value.strip()) if isinstance(value, str) else None
    if match is None or (match.group(1) and match.group(3)):
        raise OptionError("", f"expected a time such as \"10:30\" or \"lunch 12:30\", not {value!r}")
    return GridBreak(parse_time(match.group(2)), lunch=bool(match.group(1) or match.group(3)))


def parse_grid(value: Any) -> tuple[GridBreak, ...]:
    if isinstance(value, str):
        value = [part for part in value.split(",") if part.strip()]
    if not isinstance(value, list):
        raise OptionError("", "expected a list of break times, such as [\"10:30\", \"lunch 12:30\", \"15:00\"]")
    grid = sorted(_each(value, _grid_break), key=lambda entry: entry.at)
    for before, after in zip(grid, grid[1:]):
        if before.at == after.at:
            raise OptionError("", f"two breaks at {clock(after.at)}")
    return tuple(grid)


def _keyed(mapping: dict, key: str, read: Callable[[Any], Any], *default):
    """mapping[key] read with read, or the default when absent; errors name the key."""
    if key not in mapping:
        if default:
            return default[0]
        raise OptionError(key, "missing")
    try:
        return read(mapping[key])
    except OptionError as error:
        raise error.under(key) if error.key else OptionError(key, error.message) from None


def _day_change(value: Any) -> DayChange:
    if not isinstance(value, dict):
        raise OptionError("", "expected a mapping of what changes that day (start, end, welcome, wrap-up, grid)")
    unknown = sorted(set(map(str, value)) - {"start", "end", "welcome", "wrap-up", "grid"})
    if unknown:
        raise OptionError(unknown[0], "unknown key (a day may change start, end, welcome, wrap-up and grid)")
    return DayChange(_keyed(value, "start", parse_time, None), _keyed(value, "end", parse_time, None),
                     _keyed(value, "welcome", _whole(0), None), _keyed(value, "wrap-up", _whole(0), None),
                     _keyed(value, "grid", parse_grid, None))


def _days_of_changes(value: Any) -> dict[int, DayChange]:
    if not isinstance(value, dict):
        raise OptionError("", "expected a mapping from day number to its changes, such as {2: {start: \"10:00\"}}")
    changes = {}
    for key, change in value.items():
        if isinstance(key, bool) or not (isinstance(key, int) or str(key).isdigit()) or int(key) < 1:
            raise OptionError(str(key), "expected a day number (1 for the first day)")
        try:
            changes[int(key)] = _day_change(change)
        except OptionError as error:
            raise error.under(str(key)) from None
    return changes


def _row_days(value: Any) -> frozenset[int]:
    items = value if isinstance(value, list) else [value]
    days = set()
    for item in items:
        if item == "last":
            days.add(0)
        elif isinstance(item, int) and not isinstance(item, bool) and item >= 1:
            days.add(item)
        elif item in ("all", "every"):
            raise OptionError("", "leave `day` out for a row on every day")
        else:
            raise OptionError("", f"expected a day number, a list of them, or last; not {item!r}")
    return frozenset(days)


def _anchor(value: Any) -> str:
    if value not in ANCHORS:
        raise OptionError("", f"expected one of {', '.join(ANCHORS)}, not {value!r}")
    return value


def _row(value: Any) -> Row:
    if not isinstance(value, dict):
        raise OptionError("", "expected a mapping such as {day: 1, at: \"09:30\", title: Icebreaker, minutes: 15}")
    known = {"title", "minutes", "at", "before", "after", "day", "link"}
    unknown = sorted(set(map(str, value)) - known)
    if unknown:
        raise OptionError(unknown[0], f"unknown key (a row has {', '.join(sorted(known))})")
    places = [key for key in ("at", "before", "after") if key in value]
    if len(places) != 1:
        raise OptionError("", "a row needs exactly one of at, before and after")
    return Row(_keyed(value, "title", _text), _keyed(value, "minutes", _whole(1)),
               at=_keyed(value, "at", parse_time, None), before=_keyed(value, "before", _anchor, None),
               after=_keyed(value, "after", _anchor, None), days=_keyed(value, "day", _row_days, None),
               link=_keyed(value, "link", _text, None))


def _rows(value: Any) -> tuple[Row, ...]:
    if not isinstance(value, list):
        raise OptionError("", "expected a list of rows")
    return tuple(_each(value, _row))


# Long name -> (Options field, reader). `date` is the command line's name for `start-date`.
OPTION_READERS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "title": ("title", _text),
    "timezone": ("timezone", _timezone),
    "start": ("start", parse_time),
    "end": ("end", parse_time),
    "max-block": ("max_block", _whole(1)),
    "break": ("coffee", _whole(1)),
    "lunch": ("lunch", _whole(0)),
    "lunch-after": ("lunch_after", parse_time),
    "welcome": ("welcome", _slot("welcome", ("title", "recap"))),
    "wrap-up": ("wrap_up", _slot("wrap_up", ("title",))),
    "days": ("days", _whole(1, "days")),
    "start-date": ("start_date", parse_date),
    "date": ("start_date", parse_date),
    "dates": ("dates", _dates),
    "grid": ("grid", parse_grid),
    "day": ("day", _days_of_changes),
    "fit": ("fit", _fit),
    "lesson-breaks": ("lesson_breaks", _flag),
    "instructors": ("instructors", names),
    "rows": ("rows", _rows),
}


def make_options(values: dict[str, Any], base: Options = Options(), checked: bool = True) -> Options:
    """Options from {long name: raw value} over base; raises OptionError naming the key at fault.
    checked: also check the whole (keys that contradict each other); a caller layering several
    sources of values checks once, at the end."""
    changes = {}
    for name, value in values.items():
        if name not in OPTION_READERS:
            raise OptionError(str(name), f"unknown option (known: {', '.join(sorted(OPTION_READERS))})")
        attribute, read = OPTION_READERS[name]
        try:
            read_value = read(value)
        except OptionError as error:
            raise error.under(name) if error.key else OptionError(name, error.message) from None
        if isinstance(read_value, dict) and attribute in ("welcome", "wrap_up"):  # minutes and titles
            changes.update(read_value)
        else:
            changes[attribute] = read_value
    options = replace(base, **changes)
    if checked:
        check(options)
    return options


def check(options: Options) -> None:
    """What no single key shows: keys that contradict each other, and days with no room."""
    if options.dates is not None and options.days is not None and options.days != len(options.dates):
        raise OptionError("days", f"{options.days} days, but {len(options.dates)} dates are listed")
    if options.dates is not None and options.start_date is not None and options.start_date != options.dates[0]:
        raise OptionError("start-date",
                          f"{options.start_date} is not the first of the dates listed ({options.dates[0]})")
    limit = options.day_limit
    for number in sorted(options.day):
        if limit is not None and number > limit:
            raise OptionError(f"day.{number}", f"the workshop has {limit} day{'s' if limit != 1 else ''}")
    for number in sorted({1, *options.day}):
        settings = options.for_day(number)
        where = f"day.{number}" if number in options.day else ""
        room = settings.end - settings.start - settings.welcome - settings.wrap_up
        if room < MIN_TEACHING:
            raise OptionError(where, (
                f"a day from {clock(settings.start)} to {clock(settings.end)} with {settings.welcome} minutes of "
                f"welcome and {settings.wrap_up} of wrap-up leaves {max(room, 0)} minutes for teaching; "
                f"at least {MIN_TEACHING} are needed"))
    # A grid is checked against the day it was written for; on a day with another start or end, the
    # workshop's grid breaks outside that day's teaching hours are simply not on it.
    own_grids = [("grid", options.grid, options.start, options.end, options.welcome, options.wrap_up)]
    for number, change in sorted(options.day.items()):
        settings = options.for_day(number)
        own_grids.append((f"day.{number}.grid", change.grid, settings.start, settings.end, settings.welcome,
                          settings.wrap_up))
    for where, grid, start, end, welcome, wrap_up in own_grids:
        for entry in grid or ():
            if not start + welcome <= entry.at < end - wrap_up:
                raise OptionError(where, (f"the break at {clock(entry.at)} is outside the teaching day "
                                          f"({clock(start + welcome)} to {clock(end - wrap_up)})"))
    grid_lunch = any(entry.lunch for entry in options.grid or ()) or any(
        entry.lunch for change in options.day.values() for entry in change.grid or ())
    for number, row in enumerate(options.rows, 1):
        if "lunch" in (row.before, row.after) and not options.lunch and not grid_lunch:
            raise OptionError(f"rows.{number}", "this row goes with lunch, but the workshop has none (lunch: 0)")
    if options.fit == "scale" and limit is None:
        raise OptionError("fit", "scale needs the number of days to fill: set days (or dates)")


# Fewer minutes than this between welcome and wrap-up leave no room to teach.
MIN_TEACHING = 10
