"""Human-readable findings: `path:line:col: CODE name message`, then a summary."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}


def render(findings, rules, base: Path, files: int, colour: bool = False, statistics: bool = False) -> str:
    lines = []
    for finding in findings:
        where = f"{finding.display_path(base)}:{finding.line}:{finding.column}:"
        code = f"{finding.code} {finding.name}"
        if colour:
            where = click.style(where, bold=True)
            code = click.style(code, fg=COLOURS.get(finding.severity))
        severity = "" if finding.severity == "error" else f"[{finding.severity}] "
        lines.append(f"{where} {code} {severity}{finding.message}")
    if statistics and findings:
        lines.append("")
        counts = Counter((f.code, f.name) for f in findings)
        for (code, name), count in sorted(counts.items()):
            lines.append(f"{count:6d}  {code} {name}")
    lines.append(summary(findings, files))
    return "\n".join(lines) + "\n"


def summary(findings, files: int) -> str:
    if not findings:
        return f"No problems found in {files} file{'s' if files != 1 else ''}."
    by_severity = Counter(f.severity for f in findings)
    parts = [f"{by_severity[s]} {s}{'s' if by_severity[s] != 1 else ''}" for s in ("error", "warning", "info") if by_severity[s]]
    touched = len({f.path for f in findings})
    return f"Found {', '.join(parts)} in {touched} of {files} file{'s' if files != 1 else ''}."
