"""`lessonkit schedule`: read the options and what to teach, then timings -> plan -> render. No planning here."""

from __future__ import annotations

import difflib
import re
import sys
from pathlib import Path
from typing import Any, Optional

import click

from ..disk import find_root
from ..errors import LessonError
from ..layout import FOLDERS
from ..lesson import load_lesson
from ..schedule.options import OptionError, Options, make_options
from ..schedule.options import check as check_options
from ..schedule import plan as planning
from ..schedule.render import FORMATS, TEMPLATE_FORMATS, render
from ..schedule.workshop import Source, choose_segments, is_workshop_file, lesson_folders, load_workshop
from ..settings import load_settings
from ..textio import read_text, write_atomic
from .common import EXIT_FINDINGS, reports_errors

# Command-line options that are schedule keys (the rest say what to make of the schedule).
KEYS = ("title", "start", "end", "max-block", "break", "lunch", "lunch-after", "welcome", "wrap-up", "days", "date",
        "start-date", "dates", "timezone", "grid", "fit", "instructors", "lesson-breaks")


def _warn(message: str) -> None:
    click.echo(f"lessonkit: warning: {message}", err=True)


def _lesson_settings(folder: Path) -> tuple[dict[str, Any], Optional[Source]]:
    """The first lesson's `lessonkit: schedule:` settings (config.yaml, or [schedule] in .lessonkit.toml)."""
    lesson = load_lesson(folder)
    settings = load_settings(lesson)
    if not settings.schedule:
        return {}, None
    if settings.source == lesson.config_path:
        entry = lesson.config_entry("lessonkit")
        return {str(k): v for k, v in settings.schedule.items()}, _ConfigSource(lesson.config_path, entry)
    return {str(k): v for k, v in settings.schedule.items()}, Source(settings.source, prefix="[schedule]")


class _ConfigSource(Source):
    """config.yaml's `lessonkit: schedule:` mapping: errors point at the `lessonkit:` key."""

    def __init__(self, path: Path, entry) -> None:
        super().__init__(path, prefix="lessonkit: schedule:")
        self.entry = entry

    def error(self, error: OptionError) -> LessonError:
        return LessonError(self.path, f"{self.prefix} {error}", self.entry.line if self.entry else None)


class _Layers:
    """Options read from each source in turn, each over the ones before, remembering which
    source set which key, so that an error found later names the file, line and key (or the
    command-line option) that set it."""

    def __init__(self) -> None:
        self.options = Options()
        self.sources: dict[str, Optional[Source]] = {}  # key -> where it was set (None: the command line)

    def add(self, values: dict[str, Any], source: Optional[Source]) -> None:
        if not values:
            return
        try:
            self.options = make_options(values, self.options, checked=False)
        except OptionError as error:
            raise self.error(error, source) from None
        self.sources.update((str(key), source) for key in values)

    def error(self, error: OptionError, source: Optional[Source] = ...) -> LessonError:
        if source is ...:  # found later: the source of the key at fault, if any set it
            key = error.key.split(".")[0]
            if key not in self.sources:
                return LessonError(None, str(error))
            source = self.sources[key]
        return LessonError(None, f"--{error}") if source is None else source.error(error)


def _unbuilt_warning(output: Path) -> Optional[str]:
    """When FILE lies in a lesson's page folder that config.yaml lists pages for, without FILE."""
    folder = output.resolve().parent
    if folder.name not in FOLDERS:
        return None
    try:
        lesson = load_lesson(find_root(folder))
    except LessonError:
        return None
    if not lesson.config_exists or lesson.root.resolve() != folder.parent:
        return None
    if lesson.builds(folder.name, output.name):
        return None
    return (f"sandpaper does not build {folder.name}/{output.name}: config.yaml's `{folder.name}:` list does not "
            f"name it; add `- {output.name}` there to publish it")


def _without_stamp(text: str) -> str:
    """An iCalendar file without its DTSTAMP lines, which say when it was made."""
    return re.sub(r"^DTSTAMP:.*\r?\n", "", text, flags=re.M)


@click.command()
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
@click.option("--title", help="The workshop's title.  [default: the lessons' titles]")
@click.option("--start", help="Start of each day, HH:MM.  [default: 09:00]")
@click.option("--end", help="End of each day, HH:MM.  [default: 16:30]")
@click.option("--max-block",
              help="Without a grid: longest stretch of teaching without a break, in minutes.  [default: 90]")
@click.option("--break", "coffee", help="Length of a coffee break, in minutes.  [default: 15]")
@click.option("--lunch", help="Length of lunch, in minutes (0: no lunch).  [default: 60]")
@click.option("--lunch-after",
              help="Without a grid: when lunch starts, give or take what the content offers.  [default: 12:00]")
@click.option("--welcome", help="Welcome slot on day 1 and recap slot on later days, in minutes.  [default: 15]")
@click.option("--wrap-up", help="Closing slot each day, in minutes.  [default: 15]")
@click.option("--grid", help='Breaks at fixed times every day: "10:30,lunch 12:30,15:00".')
@click.option("--days", help="The workshop has this many days: fit it in them, or say what to cut.")
@click.option("--fit", type=click.Choice(["none", "scale"]),
              help="scale: every episode's minutes by one factor, so that the workshop fills --days.")
@click.option("--date", "date", help="Date of the first day, YYYY-MM-DD; later days are the weekdays after it.")
@click.option("--start-date", "start_date", help="The same as --date, under the workshop file's name.")
@click.option("--dates", help="The teaching days, YYYY-MM-DD separated by commas.")
@click.option("--timezone", help="IANA time zone of the workshop, such as Europe/Amsterdam.")
@click.option("--instructors", help="Names separated by commas, taking turns block by block.")
@click.option("--lesson-breaks/--no-lesson-breaks", "lesson_breaks", default=None,
              help="Keep the lessons' break episodes and `start: true` day starts.  [default: keep]")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="md", show_default=True,
              help="workshop: the HTML a workshop website's _includes/custom-schedule.html holds.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to FILE (atomically) instead of stdout.")
@click.option("--template", type=click.Path(path_type=Path), help="Your own Jinja2 template for md, html or workshop.")
@click.option("--check", type=click.Path(path_type=Path),
              help="Exit 1 with a diff when FILE differs from what would be generated.")
@click.option("--relative", is_flag=True,
              help="sandpaper's view: cumulative offsets from 00h 00m and a Finish row.")
@reports_errors
def schedule(sources: tuple[Path, ...], output_format: str, output: Optional[Path], template: Optional[Path],
             check: Optional[Path], relative: bool, **values: Any) -> None:
    """Plan a workshop from a WORKSHOP file (workshop.yml) or from LESSONS (default: the lesson
    here), taught in the order given.

    Every option is also a key of the workshop file, under the same long name (start: "09:00",
    max-block: 60), and can be set under `lessonkit: schedule:` in a lesson's config.yaml. The
    command line wins over the workshop file, which wins over the workshop website's index.md.
    """
    if output is not None and check is not None:
        raise click.UsageError("use either -o or --check, not both")
    if template is not None and output_format not in TEMPLATE_FORMATS:
        raise click.UsageError("--template works with --format md, html or workshop")
    if relative and output_format in ("ics", "workshop"):
        raise click.UsageError("--relative has no dates or times of day; use md, html or json")
    files = [path for path in sources if is_workshop_file(path)]
    if files and len(sources) > 1:
        raise click.UsageError("give one workshop file, or lesson folders, not both")
    workshop = load_workshop(files[0]) if files else lesson_folders(sources or (Path("."),))

    layers = _Layers()
    if workshop.website:
        layers.add(workshop.website, Source(workshop.website_page))
    if not workshop.from_file:
        layers.add(*_lesson_settings(Path(workshop.entries[0].path)))
    layers.add(workshop.values, workshop.source)
    given = {name.replace("_", "-"): value for name, value in values.items() if value is not None}
    if "coffee" in given:
        given["break"] = given.pop("coffee")
    layers.add(given, None)
    options = layers.options
    try:
        check_options(options)
    except OptionError as error:
        raise layers.error(error) from None

    relative_links = not workshop.from_file and len(workshop.entries) == 1 and output_format != "workshop"
    chosen = choose_segments(workshop, options.lesson_breaks, relative_links)
    for warning in chosen.warnings:
        _warn(warning)
    try:
        result = planning.relative(chosen.segments, options) if relative else \
            planning.plan(chosen.segments, options)
    except OptionError as error:
        raise layers.error(error) from None
    for warning in result.warnings:
        _warn(warning)

    text = render(result, output_format, template)
    if check is not None:
        _check(check, text, output_format)
        return
    if output is not None:
        warning = _unbuilt_warning(output)
        if warning:
            _warn(warning)
        write_atomic(output, text)
    else:
        click.echo(text, nl=False)


def _check(path: Path, text: str, output_format: str) -> None:
    if not path.exists():
        click.echo(f"lessonkit: {path} does not exist: create it with the same options and -o {path}", err=True)
        sys.exit(EXIT_FINDINGS)
    current = read_text(path)  # line endings as written do not matter: read as LF
    if output_format == "ics":  # iCalendar lines end in CRLF, and DTSTAMP says when the file was made
        same = _without_stamp(current) == _without_stamp(text.replace("\r\n", "\n"))
    else:
        same = current == text
    if same:
        return
    diff = difflib.unified_diff(current.splitlines(keepends=True), text.splitlines(keepends=True),
                                fromfile=str(path), tofile="generated")
    click.echo("".join(diff), nl=False)
    click.echo(f"lessonkit: {path} is out of date; regenerate it with the same options and -o {path}", err=True)
    sys.exit(EXIT_FINDINGS)
