"""A plan as text: Markdown and HTML through Jinja2 templates, JSON and iCalendar directly."""

from __future__ import annotations

import datetime
import hashlib
import json
import os
from pathlib import Path
from typing import Optional

import jinja2

import lessonkit

from ..errors import LessonError
from .options import clock
from .plan import Item, Schedule

TEMPLATE_FORMATS = ("md", "html", "workshop")
FORMATS = ("md", "html", "workshop", "json", "ics")


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


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def date_text(date: datetime.date) -> str:
    """Thursday 4 March 2027, in English whatever the machine's locale."""
    return f"{_WEEKDAYS[date.weekday()]} {date.day} {_MONTHS[date.month - 1]} {date.year}"


def part_note(item: Item) -> str:
    """What the schedule says beside an episode part: which part, and where it starts."""
    if item.kind != "episode" or not item.parts or item.parts == 1:
        return ""
    words = [f"part {item.part} of {item.parts}"]
    if item.continued:
        words.insert(0, "continued")
    if item.section and item.section_exact:
        words.append(f"continue at '{item.section}'")
    elif item.section:
        into = item.first - item.timing.section_at(item.first).minutes_before
        words.append(f"continue in '{item.section}', about {into} min in")
    return ", ".join(words)


def _pictured(item: Item) -> list[dict]:
    """An episode part as the timeline draws it: teaching and exercises where they fall, each
    stretch's share of the part's minutes."""
    timing = item.timing
    covered = item.last - item.first
    if not covered:
        return [{"kind": "teaching", "minutes": item.minutes}]
    pieces, at = [], item.first
    for first, last in [*timing.exercise_spans, (item.last, item.last)]:
        first, last = min(max(first, item.first), item.last), min(last, item.last)  # the part's share of it
        if first > at:
            pieces.append(["teaching", first - at])
        if last > first:
            pieces.append(["exercises", last - first])
        at = max(at, last)
    if not timing.exercise_spans and timing.exercises:  # no challenge boxes: the episode's share at the end
        share = round(covered * timing.exercises / timing.minutes)
        pieces = [p for p in (["teaching", covered - share], ["exercises", share]) if p[1]]
    scale = item.minutes / covered
    return [{"kind": kind, "minutes": round(minutes * scale, 2)} for kind, minutes in pieces]


def _row(item: Item, schedule: Schedule) -> dict:
    timing = item.timing
    segment = item.segment
    episode = item.kind == "episode"
    link = item.link if item.kind == "row" else (segment.link if segment is not None and episode else None)
    pictured = _pictured(item) if episode and not schedule.relative else []
    return {
        "start": offset(item.start) if schedule.relative else clock(item.start),
        "end": offset(item.end) if schedule.relative else clock(item.end),
        "minutes": item.minutes,
        "kind": item.kind,
        "title": item.title,
        "lesson": timing.lesson if timing is not None else None,
        "episode": timing.rel if timing is not None else None,
        "link": link,
        "note": part_note(item),
        "part": item.part,
        "parts": item.parts,
        "continued": item.continued,
        "section": item.section,
        "split": item.split,
        "arbitrary_split": item.arbitrary_split,
        "instructor": item.instructor,
        # the minutes of the episode this row teaches, [from, to), as its front matter counts them
        "covers": [item.first, item.last] if episode else None,
        # for the timeline: teaching and exercises in the order they fall
        "pictured": pictured,
        "teaching_minutes": sum(p["minutes"] for p in pictured if p["kind"] == "teaching"),
        "exercise_minutes": sum(p["minutes"] for p in pictured if p["kind"] == "exercises"),
    }


def context(schedule: Schedule) -> dict:
    """Everything a template gets; documented here because users write their own templates.

    days: number, date (YYYY-MM-DD or None), date_text ("Thursday 4 March 2027"), weekday,
    start, end, minutes, offset and share (where the day's bar starts and how long it is, as
    percentages of the longest span of any day), and rows. Each row: start, end, minutes, kind
    (episode, break, lunch, welcome, wrap-up, row), title, lesson, episode, link, note, part,
    parts, continued, section, split, arbitrary_split, instructor, covers (the episode's minutes
    this row teaches, [from, to)), pictured (the timeline's
    stretches: kind and minutes), teaching_minutes, exercise_minutes, new_lesson (the first
    episode row of a lesson's run that day), free_before (minutes with nothing planned between
    the row before and this one).
    """
    first = min((day.start for day in schedule.days if day.items), default=0)
    last = max((day.end for day in schedule.days if day.items), default=0)
    span = max(last - first, 1)
    days = []
    for day in schedule.days:
        rows = [_row(item, schedule) for item in day.items]
        for row, item, before in zip(rows, day.items, [None, *day.items]):  # free time the timeline shows
            row["free_before"] = item.start - before.end if before is not None and item.start > before.end else 0
        taught = None
        for row in rows:  # a multi-lesson schedule names the lesson where it changes, not on every row
            row["new_lesson"] = row["kind"] == "episode" and row["lesson"] != taught
            taught = row["lesson"] if row["kind"] == "episode" else taught
        days.append({
            "number": day.index + 1,
            "date": day.date.isoformat() if day.date else None,
            "date_text": date_text(day.date) if day.date else None,
            "weekday": _WEEKDAYS[day.date.weekday()] if day.date else None,
            "start": offset(day.start) if schedule.relative else clock(day.start),
            "end": offset(day.end) if schedule.relative else clock(day.end),
            "minutes": day.end - day.start,
            "offset": 0 if schedule.relative else round(100 * (day.start - first) / span, 3),
            "share": 100 if schedule.relative else round(100 * (day.end - day.start) / span, 3),
            "rows": rows,
        })
    return {
        "title": schedule.title,
        "workshop_title": schedule.options.title,
        "lessons": schedule.lessons,
        "lesson_links": schedule.lesson_links,
        "relative": schedule.relative,
        "days": days,
        "total_minutes": schedule.total_minutes,
        "teaching_minutes": schedule.teaching_minutes,
        "timezone": schedule.options.timezone,
        "instructors": any(item.instructor for item in schedule.items()),
        "notes": schedule.notes + _left_out_notes(schedule),
    }


def _left_out_notes(schedule: Schedule) -> list[str]:
    """One sentence per lesson whose time box left episodes out."""
    by_lesson: dict[tuple[str, int], list] = {}
    for left in schedule.left_out:
        by_lesson.setdefault((left.lesson, left.box), []).append(left)
    return [f"Left out to keep {lesson} within {box} minutes: "
            + ", ".join(f"{left.title} ({left.minutes} min)" for left in lefts) + "."
            for (lesson, box), lefts in by_lesson.items()]


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
    """md, html or workshop through the shipped template, or through the user's own (autoescaped
    unless it makes Markdown)."""
    if template is None:
        folder, name = templates_folder(), f"schedule.{output_format}.j2"
    else:
        folder, name = template.parent, template.name
        if not template.is_file():
            raise LessonError(template, "no such template file")
    environment = _environment(jinja2.FileSystemLoader(str(folder)), autoescape=output_format != "md")
    try:
        return environment.get_template(name).render(**context(schedule))
    except jinja2.TemplateSyntaxError as error:
        raise LessonError(template or folder / name, f"template error: {error.message}", error.lineno) from None
    except jinja2.TemplateError as error:
        raise LessonError(template or folder / name, f"template error: {error}") from None


JSON_ROW_KEYS = ("start", "end", "minutes", "kind", "title", "lesson", "episode", "link", "part", "parts", "continued",
                 "section", "split", "arbitrary_split", "instructor", "note", "covers")


def render_json(schedule: Schedule) -> str:
    document = context(schedule)
    days = [{"number": day["number"], "date": day["date"], "weekday": day["weekday"], "start": day["start"],
             "end": day["end"], "items": [{key: row[key] for key in JSON_ROW_KEYS} for row in day["rows"]]}
            for day in document["days"]]
    output = {
        "title": document["title"],
        "lessons": [{"title": title, "link": schedule.lesson_links.get(title)} for title in schedule.lessons],
        "days": days,
        "total_minutes": document["total_minutes"],
        "teaching_minutes": document["teaching_minutes"],
        "scale": schedule.scale,
        "left_out": [{"lesson": left.lesson, "title": left.title, "episode": left.rel, "minutes": left.minutes}
                     for left in schedule.left_out],
        "notes": document["notes"],
    }
    return json.dumps(output, indent=2, ensure_ascii=False) + "\n"


def blocks(day) -> list[list[Item]]:
    """The day cut at its breaks and lunch: what happens between two of them."""
    found: list[list[Item]] = [[]]
    for item in day.items:
        if item.kind in ("break", "lunch"):
            found.append([])
        else:
            found[-1].append(item)
    return [block for block in found if block]


def made_at() -> datetime.datetime:
    """When the file is made, for DTSTAMP: now, or $SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc)
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)


def render_ics(schedule: Schedule) -> str:
    """One event per block between breaks: its time, what it teaches (the summary names the
    episodes, the description gives each row with its time and link) and the first link as its URL.
    UIDs count the workshop's days and blocks, so that importing the file again updates the
    events in place even when their content moved."""
    try:
        import icalendar
    except ImportError:
        raise LessonError(None, "--format ics needs the icalendar package: pip install 'lessonkit[ics]'") from None
    options = schedule.options
    if options.first_date is None:
        raise LessonError(None, "--format ics needs the first day's date: --date YYYY-MM-DD, or start-date or dates "
                                "in the workshop file (or under `lessonkit: schedule:` in config.yaml)")
    zone = None
    if options.timezone:
        from zoneinfo import ZoneInfo

        zone = ZoneInfo(options.timezone)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//lessonkit//schedule//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", schedule.title)
    stamp = made_at()
    identity = hashlib.sha256(schedule.title.encode("utf-8")).hexdigest()[:16]
    for day in schedule.days:
        for number, block in enumerate(blocks(day), 1):
            rows = [_row(item, schedule) for item in block]
            taught = list(dict.fromkeys(row["title"] for row in rows if row["kind"] == "episode"))
            event = icalendar.Event()
            event.add("summary", "; ".join(taught) if taught else "; ".join(row["title"] for row in rows))
            event.add("dtstart", _moment(day.date, block[0].start, zone))
            event.add("dtend", _moment(day.date, block[-1].end, zone))
            event.add("dtstamp", stamp)
            event.add("uid", f"{identity}-day{day.index + 1}-block{number}@lessonkit")
            lines = []
            for row in rows:
                line = f"{row['start']} {row['title']}"
                if row["note"]:
                    line += f" ({row['note']})"
                if row["instructor"]:
                    line += f", {row['instructor']}"
                if row["link"] and row["link"].startswith(("http://", "https://")):
                    line += f" <{row['link']}>"
                lines.append(line)
            event.add("description", "\n".join(lines))
            link = next((row["link"] for row in rows if row["link"] and row["link"].startswith(("http://", "https://"))),
                        None)
            if link:
                event.add("url", link)
            calendar.add_component(event)
    if zone is not None:  # the zone's rules for the workshop's days only, not decades of them
        dates = [day.date for day in schedule.days if day.date]
        calendar.add_missing_timezones(first_date=min(dates), last_date=max(dates) + datetime.timedelta(days=1))
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
