"""Errors lessonkit cannot work past: each names the file (and line when it has one)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from .urls import ISSUES


class LessonError(Exception):
    """Input lessonkit cannot read; the CLI prints it on one line and exits 2."""

    def __init__(self, path: Optional[Path | str], message: str, line: Optional[int] = None) -> None:
        super().__init__(message)
        self.path = Path(path) if path is not None else None
        self.message = message
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.message}"


def internal_error(error: BaseException) -> str:
    """What to say about a bug in lessonkit (an exception no input should cause), with where to
    report it."""
    return f"internal error: {type(error).__name__}: {error} (please report it at {ISSUES})"
