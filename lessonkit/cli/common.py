"""What every command shares: one-line errors with exit code 2, never a traceback."""

from __future__ import annotations

import functools
import re
import sys
from typing import NoReturn

import click

from ..errors import LessonError, internal_error

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
DID_YOU_MEAN = re.compile(r"\. (Did you mean .*\?)$")


def fail(message: str) -> NoReturn:
    click.echo(f"lessonkit: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


class UsageLine(click.ClickException):
    """A usage error (an unknown option, a bad value, a missing argument) said on one line that
    ends with where to read more, in place of click's usage block."""

    exit_code = EXIT_ERROR

    def __init__(self, error: click.UsageError, command: str) -> None:
        message = " ".join(error.format_message().split())  # click's own messages may wrap
        message = DID_YOU_MEAN.sub(lambda match: f" ({match.group(1)[0].lower()}{match.group(1)[1:]})", message)
        message = message[:1].lower() + message[1:].rstrip(".")
        super().__init__(f"{message}; see {command} --help")

    def show(self, file=None) -> None:
        click.echo(f"lessonkit: error: {self.message}", err=True)


def command_name(ctx) -> str:
    """The command as a user types it ("lessonkit lint"), however lessonkit was started."""
    names = []
    while ctx is not None and ctx.parent is not None:
        names.append(ctx.info_name)
        ctx = ctx.parent
    return " ".join(["lessonkit", *reversed(names)])


def one_line_usage_errors(work, command):
    """Run work() with click's usage errors turned into UsageLine; command() names the command
    for an error that does not carry its context (help asked for by running a command without
    its arguments stays help)."""
    try:
        return work()
    except click.exceptions.NoArgsIsHelpError:
        raise
    except click.UsageError as error:
        raise UsageLine(error, command_name(error.ctx) if error.ctx is not None else command()) from None


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
        except BrokenPipeError:
            raise  # the reader went away (`lessonkit rules | head -1`): click stops quietly, as for --help
        except RecursionError:
            fail("input nested too deeply to process")
        except MemoryError:
            fail("out of memory")
        except Exception as error:  # a bug in lessonkit: say so plainly, still no traceback
            fail(internal_error(error))

    return wrapper
