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


def lint_lesson(lesson: Lesson, settings: Settings, targets: Optional[set[Path]] = None) -> LintResult:
    """Every finding for the lesson, or only those in targets (resolved file paths)."""
    with collector_paused():
        return _lint_lesson(lesson, settings, targets)


def _lint_lesson(lesson: Lesson, settings: Settings, targets: Optional[set[Path]]) -> LintResult:
    rules = enabled_rules(settings)
    pages = [(resolve_path(page.path), page) for page in lesson.pages.values()]
    # a finding on a page sandpaper leaves out (LK505 says so) is no problem of the website
    notes = {path: "" if page.kind == "links" or lesson.site.is_built(page) else UNBUILT for path, page in pages}
    by_path = dict(pages)
    config_path = resolve_path(lesson.config_path)
    suppressions = {}
    findings: list[Finding] = []
    cache: dict = {}

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
                    findings.append(_finding(rule, settings, path, problem))
            continue
        for path, page in pages:
            if page.error is not None or (rule.kinds and page.kind not in rule.kinds):
                continue
            if targets is not None and path not in targets:
                continue
            for problem in rule.check(page, context):
                if keep(path, rule, problem.line):
                    findings.append(_finding(rule, settings, path, problem, notes[path]))
    files = set(by_path) | {config_path}
    if targets is not None:
        files &= targets
    return LintResult(sorted(set(findings)), len(files))
