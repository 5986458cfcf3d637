from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..errors import LessonError
from ..formats import FORMATS
from ..formats.text import render as render_text
from ..lesson import Lesson, find_root
from ..lint import lint_paths
from ..rules import all_rules, find_rule
from ..settings import enabled_rules, load_settings
from ..textio import resolve_path, write_atomic
from .common import EXIT_CLEAN, EXIT_FINDINGS, fail, reports_errors


def _split(values: tuple[str, ...]) -> list[str]:
    return [part for value in values for part in value.replace(",", " ").split()]


def _check_selectors(selectors: list[str], option: str) -> None:
    from ..rules import matches

    rules = all_rules()
    for selector in selectors:
        if not any(matches(r, selector) for r in rules):
            raise click.BadParameter(f"no rule matches '{selector}' (see `lessonkit rules`)", param_hint=option)


def _group_by_lesson(paths: tuple[Path, ...]):
    """(root, targets) pairs in the order first named; targets None means the whole lesson."""
    groups: dict[Path, set[Path] | None] = {}
    for path in paths or (Path("."),):
        if not path.exists() and not path.is_symlink():
            raise LessonError(path, "no such file or folder")
        try:
            root = find_root(path)
        except LessonError as error:
            if len(paths) > 1:
                click.echo(f"lessonkit: {error}; skipped", err=True)
                continue
            raise
        resolved = path.resolve()
        if resolved == root.resolve():
            groups[root] = None
            continue
        if root in groups and groups[root] is None:
            continue
        targets = groups.setdefault(root, set())
        if resolved.is_dir():
            targets.update(resolve_path(p) for p in resolved.rglob("*") if p.suffix in (".md", ".Rmd", ".yaml"))
        else:
            targets.add(resolved)
    if not groups:
        raise LessonError(None, "none of the paths lies inside a sandpaper lesson")
    return groups


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "-f", "output_format", type=click.Choice(sorted(FORMATS)), default=None,
              help="Report format (default: text; on GitHub Actions text plus annotations).")
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False), help="Write the report to FILE (atomically).")
@click.option("--select", multiple=True, metavar="RULES", help="Only these rules: codes, names or prefixes such as LK2.")
@click.option("--ignore", multiple=True, metavar="RULES", help="Skip these rules: codes, names or prefixes.")
@click.option("--statistics", is_flag=True, help="Count the findings of each rule after the report.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 1).")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True)
@reports_errors
def lint(paths, output_format, output, select, ignore, statistics, exit_zero, strict, color):
    """Check a lesson, or files inside one, for what pandoc and sandpaper will get wrong.

    PATHS are lesson folders or files inside lessons (default: the lesson in the current
    folder). The whole lesson is read so cross-page checks work; findings are reported for the
    files named. Exit 0 when clean, 1 with error findings, 2 when the input cannot be read.
    """
    select_list, ignore_list = _split(select), _split(ignore)
    _check_selectors(select_list, "--select")
    _check_selectors(ignore_list, "--ignore")
    jobs = []
    strict_any = strict
    for root, targets in _group_by_lesson(paths).items():
        lesson = Lesson.load(root)
        settings = load_settings(lesson)
        if select_list:
            settings.select = select_list
        settings.ignore = settings.ignore + ignore_list
        strict_any = strict_any or settings.strict
        jobs.append((lesson, settings, targets))
    result = lint_paths(jobs)
    rules = sorted({r.code: r for _, s, _ in jobs for r in enabled_rules(s)}.values(), key=lambda r: r.code)
    base = Path.cwd()
    on_github = os.environ.get("GITHUB_ACTIONS") == "true" and output_format is None
    chosen = output_format or "text"
    colour = color == "always" or (color == "auto" and output is None and chosen == "text"
                                   and sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    if chosen == "text":
        report = render_text(result.findings, rules, base, result.files, colour=colour, statistics=statistics)
    else:
        report = FORMATS[chosen](result.findings, rules, base, result.files)
    # On GitHub Actions the annotations go to stdout, where the runner reads them, even with -o.
    annotations = FORMATS["github"](result.findings, rules, base, result.files) if on_github else ""
    if output is not None:
        write_atomic(output, report)
        if annotations:
            click.echo(annotations, nl=False)
    else:
        # color=True keeps the styles click.echo would strip when stdout is no terminal (--color always).
        click.echo(annotations + report, nl=False, color=True if colour else None)
    if exit_zero or not result.failed(strict_any):
        sys.exit(EXIT_CLEAN)
    sys.exit(EXIT_FINDINGS)


@click.command()
@click.argument("rule", required=False)
@reports_errors
def rules(rule):
    """List every rule, or print the documentation of RULE (a code or a name)."""
    if rule is None:
        for r in all_rules():
            click.echo(f"{r.code}  {r.name:<32} {r.severity:<8} {r.summary}")
        return
    found = find_rule(rule)
    if found is None:
        fail(f"no rule named '{rule}' (see `lessonkit rules`)")
    click.echo(f"{found.code} {found.name} ({found.severity})\n")
    click.echo(found.doc)
    if found.options:
        click.echo("\nOptions (under `lessonkit: rules: " + found.name + ":` in config.yaml):")
        for name, default in found.options.items():
            click.echo(f"  {name}: default {default!r}")
