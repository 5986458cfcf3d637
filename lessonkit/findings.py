"""Findings: what a rule reports, with the file and the exact place."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Problem:
    """What a rule's check yields; the engine adds the rule and the file."""

    line: int
    column: int
    message: str
    end_line: Optional[int] = None
    end_column: Optional[int] = None
    path: Optional[Path] = None  # for lesson-wide rules: which file; page rules leave it None


@dataclass(frozen=True, order=True)
class Finding:
    path: Path
    line: int
    column: int
    code: str
    message: str  # two problems at one place are two findings
    name: str = field(compare=False)
    severity: str = field(compare=False)
    end_line: int = field(compare=False, default=0)
    end_column: int = field(compare=False, default=0)

    def display_path(self, base: Optional[Path] = None) -> str:
        """The path relative to base (the current folder) when it lies below it."""
        base = base or Path.cwd()
        try:
            return self.path.relative_to(base.resolve()).as_posix()
        except ValueError:
            return self.path.as_posix()

    def as_dict(self, base: Optional[Path] = None) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "path": self.display_path(base),
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line or self.line,
            "end_column": self.end_column or self.column,
        }
