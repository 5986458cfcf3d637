"""Human-readable findings: `path:line:col: CODE name message`, then a summary."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}


def render(findings, rules, base: Path, files: int, colour: bool = False, statistics: bool = False,
           fixable=frozenset(), hidden_fixes: int = 0, fixed=None, unbuilt: int = 0, **_) -> str:
    """fixable: the findings --fix would repair with the options given (marked [*]);
    hidden_fixes: how many more --unsafe-fixes would; fixed: how many --fix repaired (None
    when it did not run); unbuilt: how many findings on pages sandpaper does not build the run
    left out (the other formats hold the findings reported, and nothing of these)."""
    lines = []
    for finding in findings:
        where = f"{finding.display_path(base)}:{finding.line}:{finding.column}:"
        code = f"{finding.code} {finding.name}"
        if colour:
            where = click.style(where, bold=True)
            code = click.style(code, fg=COLOURS.get(finding.severity))
        mark = "[*] " if finding in fixable else ""
        severity = "" if finding.severity == "error" else f"[{finding.severity}] "
        lines.append(f"{where} {code} {mark}{severity}{finding.message}")
    if statistics and findings:
        lines.append("")
        counts = Counter((f.code, f.name) for f in findings)
        for (code, name), count in sorted(counts.items()):
            lines.append(f"{count:6d}  {code} {name}")
    if fixed:
        lines.append(f"Fixed {fixed} finding{'s' if fixed != 1 else ''}.")
    lines.append(summary(findings, files))
    if unbuilt:
        lines.append(f"{unbuilt} more finding{'s' if unbuilt != 1 else ''} on unbuilt pages; lint them by name.")
    fixes = sum(1 for finding in findings if finding in fixable)
    if fixes:
        more = f" ({hidden_fixes} more with --fix --unsafe-fixes)" if hidden_fixes else ""
        lines.append(f"[*] {fixes} fixable with --fix{more}.")
    elif hidden_fixes:
        lines.append(f"{hidden_fixes} fixable with --fix --unsafe-fixes (no safe fixes).")
    return "\n".join(lines) + "\n"


def summary(findings, files: int) -> str:
    if not findings:
        return f"No problems found in {files} file{'s' if files != 1 else ''}."
    by_severity = Counter(f.severity for f in findings)
    parts = [f"{by_severity[s]} {s}{'s' if by_severity[s] != 1 else ''}" for s in ("error", "warning", "info") if by_severity[s]]
    touched = len({f.path for f in findings})
    return f"Found {', '.join(parts)} in {touched} of {files} file{'s' if files != 1 else ''}."
