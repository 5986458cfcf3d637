"""The lint engine: lesson model + settings -> rules -> findings. Reads nothing itself."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from .findings import Finding, LintResult
from .lesson import Lesson, collector_paused
from .rules import Context, Rule
from .settings import Settings, enabled_rules, options_for
from .suppressions import page_suppressions
from .textio import resolve_path


UNBUILT = " (sandpaper does not build this page: config.yaml does not list it)"


def _finding(rule: Rule, settings: Settings, path: Path, problem, note: str = "") -> Finding:
    return Finding(
        path=path,
        line=max(problem.line, 1),
        column=max(problem.column, 1),
        code=rule.code,
        name=rule.name,
        severity=settings.severity.get(rule.code, rule.severity),
        message=problem.message + note,
        end_line=problem.end_line or problem.line,
        end_column=problem.end_column or problem.column,
        fix=problem.fix,
    )


def lint_lesson(lesson: Lesson, settings: Settings, targets: Optional[set[Path]] = None,
                in_full: frozenset[Path] = frozenset()) -> LintResult:
    """Every finding for the lesson, or only those in targets (resolved file paths).

    A page sandpaper does not build gets only the findings of the rules that say so (LK505);
    its other findings are counted (LintResult.unbuilt), not reported, unless the page is in
    in_full: named on the command line, passed by pre-commit, open in the editor."""
    with collector_paused():
        return _lint_lesson(lesson, settings, targets, in_full)


def _lint_lesson(lesson: Lesson, settings: Settings, targets: Optional[set[Path]], in_full: frozenset[Path]) -> LintResult:
    rules = enabled_rules(settings)
    pages = [(resolve_path(page.path), page) for page in lesson.pages.values()]
    unbuilt = {path for path, page in pages if page.kind != "links" and not lesson.site.is_built(page)}
    # a finding on a page sandpaper leaves out is no problem of the website: it says so when shown
    notes = {path: UNBUILT if path in unbuilt else "" for path, _page in pages}
    left_out = unbuilt - in_full
    by_path = dict(pages)
    config_path = resolve_path(lesson.config_path)
    suppressions = {}
    findings: list[Finding] = []
    hidden: set[Finding] = set()  # findings on unbuilt pages, counted only
    cache: dict = {}

    def report(rule: Rule, path: Path, finding: Finding) -> None:
        if path in left_out and not rule.unbuilt:
            hidden.add(finding)
        else:
            findings.append(finding)

    def keep(path: Path, rule: Rule, line: int) -> bool:
        if targets is not None and path not in targets:
            return False
        page = by_path.get(path)
        if page is None or page.error is not None:
            return True
        if path not in suppressions:
            suppressions[path] = page_suppressions(page)
        return not suppressions[path].covers(rule, line)

    for rule in rules:
        context = Context(lesson=lesson, options=options_for(settings, rule.code), cache=cache)
        if rule.scope == "lesson":
            for problem in rule.check(lesson, context):
                path = resolve_path(problem.path) if problem.path else config_path
                if keep(path, rule, problem.line):
                    report(rule, path, _finding(rule, settings, path, problem))
            continue
        for path, page in pages:
            if page.error is not None or (rule.kinds and page.kind not in rule.kinds):
                continue
            if targets is not None and path not in targets:
                continue
            for problem in rule.check(page, context):
                if keep(path, rule, problem.line):
                    report(rule, path, _finding(rule, settings, path, problem, notes[path]))
    files = set(by_path) | {config_path}
    if targets is not None:
        files &= targets
    return LintResult(sorted(set(findings)), len(files), len(hidden))
