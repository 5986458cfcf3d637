"""What every command shares: one-line errors with exit code 2, never a traceback."""

from __future__ import annotations

import functools
import sys
from typing import NoReturn

import click

from ..errors import LessonError

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def fail(message: str) -> NoReturn:
    click.echo(f"lessonkit: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def reports_errors(command):
    """Turn LessonError (bad input) and any unexpected exception into one line and exit 2."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except LessonError as error:
            fail(str(error))
        except (click.exceptions.Exit, click.ClickException, SystemExit, KeyboardInterrupt):
            raise
        except RecursionError:
            fail("input nested too deeply to process")
        except MemoryError:
            fail("out of memory")
        except Exception as error:  # a bug in lessonkit: say so plainly, still no traceback
            fail(f"internal error: {type(error).__name__}: {error} (please report this at the lessonkit issue tracker)")

    return wrapper
