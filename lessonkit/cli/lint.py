from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..errors import LessonError
from ..findings import LintResult, display_path
from ..formats import FORMATS
from ..disk import exists, find_root
from ..rules import all_rules, find_rule
from ..settings import enabled_rules, fix_applies
from ..textio import read_bytes, resolve_path, write_atomic, write_bytes_atomic
from .common import EXIT_CLEAN, EXIT_FINDINGS, fail, reports_errors


def _split(values: tuple[str, ...]) -> list[str]:
    return [part for value in values for part in value.replace(",", " ").split()]


def _check_selectors(selectors: list[str], option: str) -> None:
    from ..rules import matches

    if not selectors:
        return
    rules = all_rules()
    for selector in selectors:
        if not any(matches(r, selector) for r in rules):
            raise click.BadParameter(f"no rule matches '{selector}' (`lessonkit rules` lists them)", param_hint=option)


def _group_by_lesson(paths: tuple[Path, ...]):
    """{root: (targets, files named)} in the order first named; targets None means the whole
    lesson. A file named is linted in full even when sandpaper does not build it; the pages of
    a folder named are reported as in a whole-lesson run."""
    groups: dict[Path, set[Path] | None] = {}
    named: dict[Path, set[Path]] = {}
    for path in paths or (Path("."),):
        if not exists(path):
            raise LessonError(path, "no such file or folder")
        try:
            root = find_root(path)
        except LessonError as error:
            if len(paths) > 1:
                click.echo(f"lessonkit: {error}; skipped", err=True)
                continue
            raise
        resolved = path.resolve()
        if not resolved.is_dir():
            named.setdefault(root, set()).add(resolve_path(path))
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
    return {root: (targets, frozenset(named.get(root, ()))) for root, targets in groups.items()}


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "-f", "output_format", type=click.Choice(sorted(FORMATS)), default=None,
              help="Report format (default: text; on GitHub Actions text plus annotations).")
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False), help="Write the report to FILE (atomically).")
@click.option("--select", multiple=True, metavar="RULES", help="Only these rules: codes, names or prefixes such as LK2.")
@click.option("--ignore", multiple=True, metavar="RULES", help="Skip these rules: codes, names or prefixes.")
@click.option("--fix", is_flag=True, help="Apply the safe fixes to the files, then report what remains.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, apply the unsafe fixes too.")
@click.option("--diff", is_flag=True, help="Print the changes --fix would make as a unified diff; write nothing. "
                                           "Exit 1 when there is a change.")
@click.option("--statistics", is_flag=True, help="Count the findings of each rule after the report.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 1).")
@click.option("--no-cache", is_flag=True, help="Parse every page again; do not read or write .lessonkit_cache/.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
              help="Lint up to N lessons at once in separate processes (default: the number of cores).")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True)
@reports_errors
def lint(paths, output_format, output, select, ignore, fix, unsafe_fixes, diff, statistics, exit_zero, strict,
         no_cache, jobs, color):
    """Check a lesson, or files inside one, for what pandoc and sandpaper will get wrong.

    PATHS are lesson folders or files inside lessons (default: the lesson in the current
    folder). The whole lesson is read so cross-page checks work; findings are reported for the
    files named. Exit 0 when clean, 1 with error findings, 2 when the input cannot be read.
    With --fix, the fixable findings are repaired in place first (see `lessonkit rules CODE`).
    """
    from ..run import LessonTask, default_jobs, run_tasks

    select_list, ignore_list = _split(select), _split(ignore)
    _check_selectors(select_list, "--select")
    _check_selectors(ignore_list, "--ignore")
    tasks = [LessonTask(root, targets, select_list, ignore_list, fix=fix or diff, unsafe_fixes=unsafe_fixes,
                        cache=not no_cache, in_full=in_full)
             for root, (targets, in_full) in _group_by_lesson(paths).items()]
    reports = run_tasks(tasks, jobs or default_jobs())
    for report in reports:
        if isinstance(report, LessonError):
            raise report
    base = Path.cwd()
    if diff:
        sys.exit(_print_diff([report.fixes for report in reports], base))
    result = LintResult()
    fixed = 0
    fixable: set = set()
    hidden = 0
    for report in reports:
        if fix:
            _write_fixed(report.fixes)
            fixed += sum(report.fixes.fixed.values())
        result.findings.extend(report.result.findings)
        result.files += report.result.files
        result.unbuilt += report.result.unbuilt
        for finding in report.result.findings:
            if finding.fix is None:
                continue
            if fix_applies(report.settings, finding, unsafe_fixes):
                fixable.add(finding)
            elif fix_applies(report.settings, finding, True):
                hidden += 1
    strict_any = strict or any(report.settings.strict for report in reports)
    on_github = os.environ.get("GITHUB_ACTIONS") == "true" and output_format is None
    chosen = output_format or "text"
    colour = color == "always" or (color == "auto" and output is None and chosen == "text"
                                   and sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    # only SARIF describes the rules: the others need not load them
    rules = sorted({r.code: r for report in reports for r in enabled_rules(report.settings)}.values(),
                   key=lambda r: r.code) if chosen == "sarif" else []
    text = FORMATS[chosen](result.findings, rules, base, result.files, colour=colour, statistics=statistics,
                           fixable=fixable, hidden_fixes=hidden, fixed=fixed if fix else None, unbuilt=result.unbuilt)
    # On GitHub Actions the annotations go to stdout, where the runner reads them, even with -o.
    annotations = FORMATS["github"](result.findings, [], base, result.files) if on_github else ""
    if output is not None:
        write_atomic(output, text)
        if annotations:
            click.echo(annotations, nl=False)
    else:
        # color=True keeps the styles click.echo would strip when stdout is no terminal (--color always).
        click.echo(annotations + text, nl=False, color=True if colour else None)
    if exit_zero or not result.failed(strict_any):
        sys.exit(EXIT_CLEAN)
    sys.exit(EXIT_FINDINGS)


def _write_fixed(outcome) -> None:
    """Write the files a fix changed, each atomically; a file changed on disk meanwhile is left."""
    for source in outcome.changed:
        if read_bytes(source.path) != source.original:
            click.echo(f"lessonkit: {source.path}: changed while it was being fixed; not written", err=True)
            continue
        write_bytes_atomic(source.path, source.data)
    if not outcome.converged:
        click.echo("lessonkit: fixes did not settle after repeated passes; some findings may remain", err=True)


def _print_diff(outcomes: list, base: Path) -> int:
    changed = [source for outcome in outcomes for source in outcome.changed]
    for source in changed:
        click.echo(source.diff(display_path(source.path, base)), nl=False)
    fixes = sum(sum(outcome.fixed.values()) for outcome in outcomes)
    if changed:
        click.echo(f"Would fix {fixes} finding{'s' if fixes != 1 else ''} in {len(changed)} "
                   f"file{'s' if len(changed) != 1 else ''}.", err=True)
        return EXIT_FINDINGS
    click.echo("No fixes to apply.", err=True)
    return EXIT_CLEAN


@click.command()
@click.argument("rule", required=False)
@reports_errors
def rules(rule):
    """List every rule, or print the documentation of RULE (a code or a name)."""
    if rule is None:
        listed = all_rules()
        # each column as wide as its longest entry, so that none runs into the next
        name_width, severity_width, fix_width = (max(len(text) for text in column) for column in zip(
            *((r.name, r.severity, r.fix or "-") for r in listed)))
        for r in listed:
            click.echo(f"{r.code}  {r.name:<{name_width}}  {r.severity:<{severity_width}}  {r.fix or '-':<{fix_width}}  "
                       f"{r.summary}")
        return
    found = find_rule(rule)
    if found is None:
        fail(f"no rule named '{rule}' (see `lessonkit rules`)")
    click.echo(f"{found.code} {found.name} ({found.severity})\n")
    click.echo(found.doc)
    if found.fix_note:
        click.echo("\n" + found.fix_note)
    if found.options:
        click.echo("\nOptions (under `lessonkit: rules: " + found.name + ":` in config.yaml):")
        for name, default in found.options.items():
            click.echo(f"  {name}: default {default!r}")
    click.echo(f"\nDocumentation: {found.doc_url}")
