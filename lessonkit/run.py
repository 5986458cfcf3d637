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

from .cache import DiskCache
from .errors import LessonError
from .lesson import load_lesson
from .lint import LintResult, lint_lesson
from .settings import Settings, load_settings

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
    try:
        lesson = load_lesson(task.root, cache=cache)
        settings = load_settings(lesson)
        if task.select:
            settings.select = task.select
        settings.ignore = settings.ignore + task.ignore
        if task.fix:
            from .fix import fix_lesson

            fixes = fix_lesson(lesson, settings, task.targets, task.unsafe_fixes, cache)
            return LessonReport(settings, fixes.result, fixes)
        return LessonReport(settings, lint_lesson(lesson, settings, task.targets))
    except LessonError as error:
        return error


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
