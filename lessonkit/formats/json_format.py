"""Findings as a JSON list of objects (code, name, severity, message, path, line, column, ...)."""

from __future__ import annotations

import json
from pathlib import Path


def render(findings, rules, base: Path, files: int, **_) -> str:
    return json.dumps([f.as_dict(base) for f in findings], indent=2, ensure_ascii=False) + "\n"
