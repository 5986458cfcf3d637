"""Findings as LSP diagnostics: the range, severity, code and a link to the rule's documentation."""

from __future__ import annotations

from typing import Optional, Sequence

from lsprotocol import types

from ..findings import Finding
from ..rules import find_rule
from .positions import Positions

SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}
SOURCE = "lessonkit"


def finding_span(finding: Finding, lines: Sequence[str]) -> tuple[int, int, int, int]:
    """(line, column, end line, end column) of a finding; one that marks a single point covers
    the rest of its line, so that the editor has something to underline."""
    line, column = finding.line, finding.column
    end_line, end_column = finding.end_line or line, finding.end_column or column
    if (end_line, end_column) <= (line, column):
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        end_line, end_column = line, len(text) + 1
        if end_column <= column:  # nothing after the point: the whole line
            column = 1
    return line, column, end_line, end_column


def covers(finding: Finding, lines: Sequence[str], line: int, column: int) -> bool:
    """Whether the place (line, column) lies in the finding's span (its end included)."""
    first, first_column, last, last_column = finding_span(finding, lines)
    return (first, first_column) <= (line, column) <= (last, last_column)


def diagnostic(finding: Finding, lines: Sequence[str], positions: Positions) -> types.Diagnostic:
    rule = find_rule(finding.code)
    return types.Diagnostic(
        range=positions.range(lines, *finding_span(finding, lines)),
        message=finding.message,
        severity=SEVERITY.get(finding.severity, types.DiagnosticSeverity.Warning),
        code=finding.code,
        code_description=types.CodeDescription(href=rule.doc_url) if rule else None,
        source=SOURCE,
        data={"name": finding.name, "fix": finding.fix.description if finding.fix else None},
    )


def rule_hover(code: str) -> Optional[str]:
    """A rule's documentation as Markdown, for a hover over one of its findings."""
    rule = find_rule(code)
    if rule is None:
        return None
    parts = [f"**{rule.code} {rule.name}** ({rule.severity})", rule.doc]
    if rule.fix_note:
        parts.append(rule.fix_note)
    parts.append(f"[Documentation]({rule.doc_url})")
    return "\n\n".join(parts)
