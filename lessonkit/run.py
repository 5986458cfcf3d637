"""Linting or fixing several lessons, one lesson per task, in parallel processes when asked.

Each task loads its lesson (through the lesson's parse cache unless it is turned off), then
lints or fixes it. Results come back in the order the lessons were named, so the report of a
parallel run is the report of a serial one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Union

from .cache import DiskCache, report_key
from .errors import LessonError
from .findings import LintResult
from .settings import Settings

if TYPE_CHECKING:  # lessonkit.fix loads only when fixing
    from .fix import FixOutcome


@dataclass
class LessonTask:
    root: Path
    targets: Optional[set[Path]] = None  # resolved files to report on; None: the whole lesson
    select: list[str] = field(default_factory=list)  # from the command line: replaces the settings'
    ignore: list[str] = field(default_factory=list)  # from the command line: added to the settings'
    fix: bool = False
    unsafe_fixes: bool = False
    cache: bool = True
    in_full: frozenset[Path] = frozenset()  # resolved files named: linted in full though sandpaper may not build them


@dataclass
class LessonReport:
    """A task's outcome: the lesson's settings (with the command line's), the findings, and when
    fixing, what the fixes changed."""

    settings: Settings
    result: LintResult
    fixes: Optional[FixOutcome] = None


def run_task(task: LessonTask) -> Union[LessonReport, LessonError]:
    """Lint or fix one lesson; a LessonError (the lesson cannot be read) is returned, not raised,
    so that it crosses from a worker process as it is."""
    cache = DiskCache.for_lesson(task.root) if task.cache else None
    key = report_key(task.root, task.targets, task.in_full, task.select, task.ignore) if cache is not None else ""
    if cache is not None and not task.fix:
        known = cache.get_report(key)
        settings = Settings.from_data(known[0]) if known is not None else None
        if settings is not None:  # nothing the last run read has changed: its findings stand
            return LessonReport(settings, known[1])
    from .lesson import load_lesson  # the model, YAML and the rules load only when needed
    from .lint import lint_lesson
    from .settings import load_settings

    try:
        lesson = load_lesson(task.root, cache=cache)
        settings = load_settings(lesson)
        if task.select:
            settings.select = task.select
        settings.ignore = settings.ignore + task.ignore
        if task.fix:
            from .fix import fix_lesson

            fixes = fix_lesson(lesson, settings, task.targets, task.unsafe_fixes, cache, task.in_full)
            return LessonReport(settings, fixes.result, fixes)
        result = lint_lesson(lesson, settings, task.targets, task.in_full)
    except LessonError as error:
        return error
    if cache is not None:
        cache.put_report(key, lesson.disk.answers, settings.as_data(), result)
    return LessonReport(settings, result)


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run_tasks(tasks: list[LessonTask], jobs: int = 1) -> list[Union[LessonReport, LessonError]]:
    """The outcome of each task, in order; jobs > 1 spreads the lessons over processes."""
    workers = min(jobs, len(tasks))
    if workers <= 1:
        return [run_task(task) for task in tasks]
    import multiprocessing  # a single lesson never needs the pool: keep its start-up lean
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    # fork starts a worker without importing lessonkit again; elsewhere the platform's default
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return list(pool.map(run_task, tasks))
