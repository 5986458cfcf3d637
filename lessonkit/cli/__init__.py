"""The ``lessonkit`` command line: click commands only; the work happens elsewhere."""

from __future__ import annotations

import importlib

import click

from .. import __version__

# Subcommands load on first use so that `lessonkit --help` and each command start fast.
COMMANDS = {
    "outline": ("lessonkit.cli.outline", "outline"),
    "lint": ("lessonkit.cli.lint", "lint"),
    "rules": ("lessonkit.cli.lint", "rules"),
    "schedule": ("lessonkit.cli.schedule", "schedule"),
    "server": ("lessonkit.cli.server", "server"),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx):
        return sorted(COMMANDS)

    def get_command(self, ctx, name):
        if name not in COMMANDS:
            return None
        module, attribute = COMMANDS[name]
        return getattr(importlib.import_module(module), attribute)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lessonkit")
def main() -> None:
    """Lint and schedule Carpentries Workbench (sandpaper) lessons, as pandoc reads them."""
