"""Findings: what a rule reports, with the file and the exact place."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

SEVERITIES = ("error", "warning", "info")


def display_path(path: Path, base: Optional[Path] = None) -> str:
    """The path relative to base (default: the current folder) when it lies below it, else as
    it is given."""
    base = base or Path.cwd()
    try:
        return path.relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


@dataclass(frozen=True)
class Edit:
    """Replace the text from (line, column) up to (end_line, end_column), which is excluded.

    Lines and columns are 1-based and count characters of the file as pandoc reads it (LF line
    ends, no BOM); the fixer maps them back onto the bytes as written. "\n" in text stands for
    the file's own line end."""

    line: int
    column: int
    end_line: int
    end_column: int
    text: str

    @classmethod
    def insert(cls, line: int, column: int, text: str) -> "Edit":
        return cls(line, column, line, column, text)

    @classmethod
    def delete_lines(cls, first: int, last: int) -> "Edit":
        """Remove whole lines first..last with their line ends."""
        return cls(first, 1, last + 1, 1, "")

    @classmethod
    def replace_line(cls, line: int, old: str, new: str) -> "Edit":
        """Replace the text of one line (old, as written, without its line end) by new."""
        return cls(line, 1, line, len(old) + 1, new)

    @property
    def start(self) -> tuple[int, int]:
        return (self.line, self.column)

    @property
    def end(self) -> tuple[int, int]:
        return (self.end_line, self.end_column)

    def as_dict(self) -> dict:
        return {"line": self.line, "column": self.column, "end_line": self.end_line,
                "end_column": self.end_column, "text": self.text}


@dataclass(frozen=True)
class Fix:
    """A repair for a problem: edits to its file, and whether they are safe.

    A safe fix changes the page only in the way the finding asks and cannot change what the
    author meant; an unsafe fix is a best guess (a "did you mean", or closing a div where pandoc
    closes it), applied only with --unsafe-fixes."""

    description: str
    edits: tuple[Edit, ...]
    safe: bool = True

    def as_dict(self) -> dict:
        return {"description": self.description, "safe": self.safe, "edits": [e.as_dict() for e in self.edits]}


def fix(description: str, *edits: Edit, safe: bool = True) -> Fix:
    return Fix(description, tuple(edits), safe)


@dataclass(frozen=True)
class Problem:
    """What a rule's check yields; the engine adds the rule and the file."""

    line: int
    column: int
    message: str
    end_line: Optional[int] = None
    end_column: Optional[int] = None
    path: Optional[Path] = None  # for lesson-wide rules: which file; page rules leave it None
    fix: Optional[Fix] = None


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
    fix: Optional[Fix] = field(compare=False, default=None)

    def display_path(self, base: Optional[Path] = None) -> str:
        return display_path(self.path, base)

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
            "fix": self.fix.as_dict() if self.fix else None,
        }


@dataclass
class LintResult:
    """What linting a lesson found: the findings, how many files they were looked for in, and
    how many more findings there are on pages sandpaper does not build, which a whole-lesson
    run leaves out (each such page has its LK505)."""

    findings: list[Finding] = field(default_factory=list)
    files: int = 0
    unbuilt: int = 0

    def failed(self, strict: bool) -> bool:
        """Errors fail; warnings only when strict; infos (advice, such as LK306's) never do."""
        return any(f.severity == "error" or (strict and f.severity == "warning") for f in self.findings)
