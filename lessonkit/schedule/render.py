"""A plan as text: Markdown and HTML through Jinja2 templates, JSON and iCalendar directly."""

from __future__ import annotations

import datetime
import hashlib
import json
from pathlib import Path
from typing import Optional

import jinja2

import lessonkit

from ..errors import LessonError
from .plan import Item, Schedule, clock

TEMPLATE_FORMATS = ("md", "html")


def templates_folder() -> Path:
    """Where the shipped templates are: inside the package in an installed wheel (pyproject
    force-includes templates/ there), beside the package in a source checkout."""
    package = Path(lessonkit.__file__).parent
    for candidate in (package / "templates", package.parent / "templates"):
        if candidate.is_dir():
            return candidate
    raise LessonError(package / "templates", "lessonkit's templates are missing; reinstall lessonkit")


def offset(minutes: int) -> str:
    """sandpaper's way of writing a cumulative offset: 01h 05m."""
    return f"{minutes // 60:02d}h {minutes % 60:02d}m"


def _note(item: Item, options_max_block: int) -> str:
    """What the table says beside an episode part, so that estimates and odd splits show."""
    if item.kind != "episode" or not item.parts or item.parts == 1:
        return ""
    about = "about " if item.estimated else ""
    words = [f"part {item.part} of {item.parts}", f"{about}{item.minutes} min"]
    if item.continued:
        words.insert(0, "continued")
    if item.split == "block":
        words.append(f"split to keep within the {options_max_block}-minute block limit: no BREAK point in reach")
    elif item.split == "day":
        words.append("split at the end of the day")
    return ", ".join(words)


def _link(item: Item, schedule: Schedule) -> Optional[str]:
    """The episode's page as instructors/schedule.md links it in real lessons: the source file
    (../episodes/01-intro.md). sandpaper rewrites such links to the built .html page and checks that
    they resolve, and they also work when browsing the repository; links to .html would not.
    Several lessons in one workshop have no common folder, so their episodes are not linked."""
    if item.timing is None or item.kind != "episode" or len(schedule.lessons) > 1:
        return None
    return f"../{item.timing.rel}"


def _row(item: Item, schedule: Schedule) -> dict:
    timing = item.timing
    share = timing.teaching / timing.minutes if timing is not None and timing.minutes else 0.0
    teaching = round(item.minutes * share) if item.kind == "episode" else 0
    return {
        "start": offset(item.start) if schedule.relative else clock(item.start),
        "end": offset(item.end) if schedule.relative else clock(item.end),
        "minutes": item.minutes,
        "kind": item.kind,
        "title": item.title,
        "lesson": timing.lesson if timing is not None else None,
        "episode": timing.rel if timing is not None else None,
        "link": _link(item, schedule),
        "note": _note(item, schedule.options.max_block),
        "part": item.part,
        "parts": item.parts,
        "continued": item.continued,
        "arbitrary_split": item.arbitrary_split,
        # for the timeline: an episode part drawn as teaching then exercises, in the episode's proportion
        "teaching_minutes": teaching,
        "exercise_minutes": item.minutes - teaching if item.kind == "episode" else 0,
    }


def context(schedule: Schedule) -> dict:
    """Everything a template gets; documented here because users write their own templates."""
    days = []
    for day in schedule.days:
        days.append({
            "number": day.index + 1,
            "date": day.date.isoformat() if day.date else None,
            "start": offset(day.start) if schedule.relative else clock(day.start),
            "end": offset(day.end) if schedule.relative else clock(day.end),
            "minutes": day.end - day.start,
            "rows": [_row(item, schedule) for item in day.items],
        })
    return {
        "title": " + ".join(schedule.lessons),
        "lessons": schedule.lessons,
        "relative": schedule.relative,
        "days": days,
        "total_minutes": schedule.total_minutes,
        "teaching_minutes": schedule.teaching_minutes,
        "timezone": schedule.options.timezone,
    }


def _md_text(value: str) -> str:
    """Text safe inside a Markdown table cell and link text."""
    text = " ".join(str(value).split())
    for character in ("\\", "|", "[", "]", "*", "_", "`", "<"):
        text = text.replace(character, "\\" + character)
    return text


def _environment(loader: jinja2.BaseLoader, autoescape: bool) -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=loader,
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["md"] = _md_text
    return environment


def render_template(schedule: Schedule, output_format: str, template: Optional[Path] = None) -> str:
    """md or html through the shipped template, or through the user's own (autoescaped when html)."""
    if template is None:
        folder, name = templates_folder(), f"schedule.{output_format}.j2"
    else:
        folder, name = template.parent, template.name
        if not template.is_file():
            raise LessonError(template, "no such template file")
    environment = _environment(jinja2.FileSystemLoader(str(folder)), autoescape=output_format == "html")
    try:
        return environment.get_template(name).render(**context(schedule))
    except jinja2.TemplateSyntaxError as error:
        raise LessonError(template or folder / name, f"template error: {error.message}", error.lineno) from None
    except jinja2.TemplateError as error:
        raise LessonError(template or folder / name, f"template error: {error}") from None


def render_json(schedule: Schedule) -> str:
    days = []
    for day in schedule.days:
        items = []
        for item in day.items:
            row = _row(item, schedule)
            items.append({key: row[key] for key in (
                "start", "end", "minutes", "kind", "title", "episode", "part", "parts", "lesson",
                "arbitrary_split", "continued")})
        days.append({"date": day.date.isoformat() if day.date else None, "items": items})
    document = {"days": days, "total_minutes": schedule.total_minutes, "teaching_minutes": schedule.teaching_minutes}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def render_ics(schedule: Schedule) -> str:
    """One event per item. UIDs hash what the event is and when, so that the same workshop gives the
    same UIDs and a calendar updates events in place when the file is imported again."""
    try:
        import icalendar
    except ImportError:
        raise LessonError(None, "--format ics needs the icalendar package: pip install 'lessonkit[ics]'") from None
    options = schedule.options
    if options.date is None:
        raise LessonError(None, "--format ics needs the first day's date: --date YYYY-MM-DD "
                                "(or `date:` under `lessonkit: schedule:` in config.yaml)")
    zone = None
    if options.timezone:
        from zoneinfo import ZoneInfo

        zone = ZoneInfo(options.timezone)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//lessonkit//schedule//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", " + ".join(schedule.lessons))
    # DTSTAMP is required; the first day keeps it fixed where the time of the run would not.
    stamp = datetime.datetime.combine(options.date, datetime.time(0, 0), tzinfo=datetime.timezone.utc)
    for day in schedule.days:
        for number, item in enumerate(day.items):
            row = _row(item, schedule)
            event = icalendar.Event()
            summary = item.title + (f" ({row['note']})" if row["note"] else "")
            event.add("summary", summary)
            event.add("dtstart", _moment(day.date, item.start, zone))
            event.add("dtend", _moment(day.date, item.end, zone))
            event.add("dtstamp", stamp)
            key = "|".join(str(part) for part in (
                day.date, number, item.kind, row["lesson"], row["episode"], item.part, item.start, item.end))
            event.add("uid", hashlib.sha256(key.encode("utf-8")).hexdigest()[:32] + "@lessonkit")
            event.add("categories", [item.kind])
            if row["lesson"]:
                event.add("description", f"{row['lesson']}: {row['episode']}")
            calendar.add_component(event)
    if zone is not None:  # the zone's rules for the workshop's days only, not decades of them
        last = options.date + datetime.timedelta(days=len(schedule.days))
        calendar.add_missing_timezones(first_date=options.date, last_date=last)
    return calendar.to_ical().decode("utf-8")


def _moment(date: datetime.date, minutes: int, zone) -> datetime.datetime:
    """A local time on the day; floating (no zone) when no --timezone is given."""
    return datetime.datetime.combine(date, datetime.time(minutes // 60, minutes % 60), tzinfo=zone)


def render(schedule: Schedule, output_format: str, template: Optional[Path] = None) -> str:
    if output_format == "json":
        return render_json(schedule)
    if output_format == "ics":
        return render_ics(schedule)
    return render_template(schedule, output_format, template)
