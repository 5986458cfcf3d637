"""`lessonkit schedule`: parse options, then lesson -> timings -> plan -> render. No planning here."""

from __future__ import annotations

import difflib
import sys
from pathlib import Path
from typing import Optional

import click

from ..errors import LessonError
from ..lesson import Lesson, load_lessons
from ..schedule import plan as planning
from ..settings import load_settings
from ..schedule.render import TEMPLATE_FORMATS, render
from ..schedule.timings import lesson_timings, missing_episodes
from ..textio import read_text, write_atomic
from .common import EXIT_FINDINGS, reports_errors


def _config_options(lesson: Lesson) -> planning.Options:
    """Options under `schedule` in the (first) lesson's lessonkit settings: `lessonkit: schedule:`
    in config.yaml, or `[schedule]` in .lessonkit.toml; errors name that file."""
    settings = load_settings(lesson)
    entry = lesson.config_entry("lessonkit") if settings.source == lesson.config_path else None
    try:
        return planning.make_options({str(key): value for key, value in settings.schedule.items()})
    except planning.OptionError as error:
        where = "lessonkit: schedule:" if entry else "[schedule]"
        raise LessonError(settings.source, f"{where} {error}", entry.line if entry else None) from None


def _warn(message: str) -> None:
    click.echo(f"lessonkit: warning: {message}", err=True)


@click.command()
@click.argument("lessons", nargs=-1, type=click.Path(path_type=Path))
@click.option("--start", help="Start of each day, HH:MM.  [default: 09:00]")
@click.option("--end", help="End of each day, HH:MM.  [default: 16:30]")
@click.option("--max-block", help="Longest stretch of teaching without a break, in minutes.  [default: 90]")
@click.option("--break", "coffee", help="Length of a coffee break, in minutes.  [default: 15]")
@click.option("--lunch", help="Length of lunch, in minutes (0: no lunch).  [default: 60]")
@click.option("--lunch-after", help="Lunch is the first break under way at or after this time.  [default: 12:00]")
@click.option("--welcome", help="Welcome slot on day 1 and recap slot on later days, in minutes.  [default: 15]")
@click.option("--wrap-up", help="Closing slot each day, in minutes.  [default: 15]")
@click.option("--days", help="Fit the workshop into this many days, or fail saying how many minutes are missing.")
@click.option("--date", help="Date of the first day, YYYY-MM-DD (needed for --format ics).")
@click.option("--timezone", help="IANA time zone of the workshop, such as Europe/Amsterdam.")
@click.option("--format", "output_format", type=click.Choice(["md", "html", "json", "ics"]), default="md",
              show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to FILE (atomically) instead of stdout.")
@click.option("--template", type=click.Path(path_type=Path), help="Your own Jinja2 template for md or html.")
@click.option("--check", type=click.Path(path_type=Path),
              help="Exit 1 with a diff when FILE differs from what would be generated.")
@click.option("--relative", is_flag=True,
              help="sandpaper's view: cumulative offsets from 00h 00m and a Finish row.")
@reports_errors
def schedule(lessons: tuple[Path, ...], output_format: str, output: Optional[Path], template: Optional[Path],
             check: Optional[Path], relative: bool, **values: Optional[str]) -> None:
    """Plan a workshop from one or more LESSONS (default: the lesson here), taught in the order given.

    Every option can also be set under `lessonkit: schedule:` in the first lesson's config.yaml,
    with the long option's name (start: "09:00", max-block: 90); the command line wins.
    """
    if output is not None and check is not None:
        raise click.UsageError("use either -o or --check, not both")
    if template is not None and output_format not in TEMPLATE_FORMATS:
        raise click.UsageError("--template works with --format md or html")
    if relative and output_format == "ics":
        raise click.UsageError("--relative has no dates or times to put in a calendar; use md, html or json")

    loaded = load_lessons(lessons or (Path("."),))
    timings = []
    for lesson in loaded:
        lesson_timing = lesson_timings(lesson)
        for warning in missing_episodes(lesson):
            _warn(warning)
        for timing in lesson_timing:
            for warning in timing.warnings:
                _warn(warning if len(loaded) == 1 else f"{lesson.root.name}/{warning}")
        timings.extend(lesson_timing)

    options = _config_options(loaded[0])
    given = {name.replace("_", "-"): value for name, value in values.items() if value is not None}
    if "coffee" in given:
        given["break"] = given.pop("coffee")
    try:
        options = planning.make_options(given, options)
        result = planning.relative(timings, options) if relative else planning.plan(timings, options)
    except planning.OptionError as error:
        message = str(error)
        raise LessonError(None, f"--{message}" if message.split(":")[0] in given else message) from None
    for warning in result.warnings:
        _warn(warning)

    text = render(result, output_format, template)
    if check is not None:
        current = read_text(check) if check.exists() else ""
        if current != text:
            diff = difflib.unified_diff(current.splitlines(keepends=True), text.splitlines(keepends=True),
                                        fromfile=str(check), tofile="generated")
            click.echo("".join(diff), nl=False)
            click.echo(f"lessonkit: {check} is out of date; regenerate it with the same options and -o {check}",
                       err=True)
            sys.exit(EXIT_FINDINGS)
        return
    if output is not None:
        write_atomic(output, text)
    else:
        click.echo(text, nl=False)
