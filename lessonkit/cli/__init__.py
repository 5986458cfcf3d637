"""The ``lessonkit`` command line: click commands only; the work happens elsewhere."""

from __future__ import annotations

import importlib

import click

from .. import __version__
from .common import one_line_usage_errors

# Subcommands load on first use so that `lessonkit --help` and each command start fast.
COMMANDS = {
    "outline": ("lessonkit.cli.outline", "outline"),
    "lint": ("lessonkit.cli.lint", "lint"),
    "rules": ("lessonkit.cli.lint", "rules"),
    "schedule": ("lessonkit.cli.schedule", "schedule"),
    "server": ("lessonkit.cli.server", "server"),
}


COMMAND_NAME = "lessonkit.command"  # ctx.meta key: the command being run


class LazyGroup(click.Group):
    def list_commands(self, ctx):
        return sorted(COMMANDS)

    def get_command(self, ctx, name):
        if name not in COMMANDS:
            return None
        module, attribute = COMMANDS[name]
        return getattr(importlib.import_module(module), attribute)

    # Every usage error, the group's own and each command's (all raised while the group parses
    # or invokes), is one line: lessonkit: error: ... see lessonkit COMMAND --help
    def make_context(self, *args, **kwargs):
        return one_line_usage_errors(lambda: super(LazyGroup, self).make_context(*args, **kwargs), lambda: "lessonkit")

    def resolve_command(self, ctx, args):
        name, command, rest = super().resolve_command(ctx, args)
        ctx.meta[COMMAND_NAME] = name  # for the errors of its options that click raises without it
        return name, command, rest

    def invoke(self, ctx):
        return one_line_usage_errors(lambda: super(LazyGroup, self).invoke(ctx),
                                     lambda: " ".join(filter(None, ("lessonkit", ctx.meta.get(COMMAND_NAME)))))


@click.group("lessonkit", cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lessonkit")
def main() -> None:
    """Lint and schedule Carpentries Workbench (sandpaper) lessons, as pandoc reads them."""
