"""GitHub Actions workflow commands, one annotation per finding."""

from __future__ import annotations

from pathlib import Path

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(findings, rules, base: Path, files: int, **_) -> str:
    lines = []
    for f in findings:
        properties = ",".join(
            f"{key}={escape_property(str(value))}"
            for key, value in (
                ("file", f.display_path(base)),
                ("line", f.line),
                ("col", f.column),
                ("endLine", f.end_line or f.line),
                ("endColumn", f.end_column or f.column),
                ("title", f"{f.code} {f.name}"),
            )
        )
        lines.append(f"::{LEVELS[f.severity]} {properties}::{escape_data(f.message)}")
    return "\n".join(lines) + ("\n" if lines else "")
