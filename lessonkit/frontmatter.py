"""YAML front matter of a page, as pandoc's yaml_metadata_block finds it, and the episode
timings sandpaper reads from it."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Optional

from .yamlio import YamlDocument, load_yaml

OPENING = "---"
CLOSINGS = ("---", "...")

# sandpaper's get_timings() (R/get_syllabus.R) counts a timing value only when the text of what
# R's yaml package read matches ^[0-9]+$; otherwise 5 minutes for teaching and exercises (and it
# warns), no minutes for a break.
FALLBACK_MINUTES = {"teaching": 5, "exercises": 5, "break": 0}
SANDPAPER_ACCEPTS = re.compile(r"[0-9]+")
# The plain (unquoted) scalars R's yaml package reads as numbers (checked against yaml 2.3):
# YAML 1.1's integers and floats, without underscores or base 60 ("1:30" stays text).
R_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
R_OCTAL = re.compile(r"[-+]?0[0-7]+")
R_HEX = re.compile(r"[-+]?0x[0-9a-fA-F]+")
R_FLOAT = re.compile(r"[-+]?[0-9]*\.[0-9]*(?:[eE][-+][0-9]+)?")
R_INTEGER_MAX = 2**31 - 1  # a larger integer is NA in R


@dataclass(frozen=True)
class Minutes:
    """What sandpaper makes of one timing key as written."""

    value: Optional[int]  # the minutes it counts; None when it falls back (FALLBACK_MINUTES)
    problem: Optional[str] = None  # why the text misleads: it falls back, or reads as another number


def _r_double_text(number: float) -> str:
    """as.character() of a whole, finite, non-negative double in R: fixed notation unless the
    scientific one is shorter (100000 prints as 1e+05)."""
    fixed = str(int(number))
    digits = fixed.rstrip("0") or "0"
    exponent = len(fixed) - 1
    scientific = digits[0] + ("." + digits[1:] if len(digits) > 1 else "") + f"e+{exponent:02d}"
    return fixed if len(fixed) <= len(scientific) else scientific


def _plain_number(text: str) -> tuple[Optional[str], Optional[str]]:
    """(the text R gives the number an unquoted scalar reads as, or None when R reads no
    number; a note when the digits mean another number)."""
    if R_DECIMAL.fullmatch(text):
        value = int(text)
        return (str(value) if abs(value) <= R_INTEGER_MAX else None), None
    if R_OCTAL.fullmatch(text):
        value = int(text, 8)
        note = None if value == int(text, 10) else (
            f"'{text}' has a leading zero, so R's YAML reader takes it for the octal number {abs(value)}")
        return (str(value) if abs(value) <= R_INTEGER_MAX else None), note
    if R_HEX.fullmatch(text):
        value = int(text.replace("0x", ""), 16)
        return (str(value) if abs(value) <= R_INTEGER_MAX else None), None
    if R_FLOAT.fullmatch(text) and any(char.isdigit() for char in text):
        value = float(text)
        if math.isfinite(value) and value >= 0 and value.is_integer():
            return _r_double_text(value), None
        return repr(value), None
    return None, None


def read_minutes(raw: Optional[str], quoted: bool) -> Minutes:
    """What sandpaper counts for a timing value written as raw (None for a list or mapping).

    R's yaml package reads the value first: a quoted '10' stays the text "10", which passes
    sandpaper's check; a plain 10, 10.0 or +10 is the number 10, whose text passes too; 010 is
    octal 8, 0x1A is 26; 1:30, 1e3, 30min, -5, 1.5, true and an empty value do not pass. A
    list or mapping is reported (R would read a one-item list [10] as 10; the schedule counts
    the fallback instead).
    """
    if raw is None:
        return Minutes(None, "is a list or mapping, not a number of minutes")
    if not raw.strip():
        return Minutes(None, "has no value")
    text, note = (raw, None) if quoted else _plain_number(raw)
    if text is None:
        text = raw  # R keeps it as text
    if not SANDPAPER_ACCEPTS.fullmatch(text) or int(text) > R_INTEGER_MAX:
        if quoted:
            return Minutes(None, f"is the text '{raw}', which is not a number of minutes")
        if ":" in raw:
            return Minutes(None, f"'{raw}' is text for R's YAML reader, not a base-60 number of minutes; "
                                 "write the minutes, e.g. 90 for 1:30")
        return Minutes(None, f"'{raw}' is not a whole number of minutes")
    value = int(text)
    if note:
        return Minutes(value, f"{note}: sandpaper counts {value} minutes; write it without the leading zero")
    return Minutes(value)


@dataclass
class FrontMatter:
    start_line: int  # line of the opening ---
    end_line: Optional[int]  # line of the closing --- or ...; None when never closed
    document: YamlDocument

    @property
    def entries(self):
        return self.document.entries

    def get(self, key, default=None):
        data = self.document.data
        return data.get(key, default) if isinstance(data, dict) else default

    def minutes(self, key: str) -> Optional[Minutes]:
        """What sandpaper counts for a timing key (teaching, exercises, break), or None when
        the key is absent or the header is not a mapping. LK303 and the schedule both ask this."""
        entry = self.entries.get(key) if self.document.is_mapping else None
        if entry is None:
            return None
        return read_minutes(entry.raw, entry.quoted)


def split_front_matter(text: str) -> tuple[Optional[FrontMatter], str]:
    """(front matter, body) where the body keeps the file's line numbers: the front matter's
    lines are left blank in it."""
    if not text.startswith(OPENING):
        return None, text
    lines = text.split("\n")
    if lines[0].rstrip() != OPENING or len(lines) < 2 or not lines[1].strip():
        return None, text
    for index in range(1, len(lines)):
        if lines[index].rstrip() in CLOSINGS:
            document = load_yaml("\n".join(lines[1:index]), first_line=2)
            body = "\n" * (index + 1) + "\n".join(lines[index + 1 :])
            return FrontMatter(1, index + 1, document), body
    document = YamlDocument(error="front matter is never closed: no line with --- or ... ends it", error_line=1)
    return FrontMatter(1, None, document), text
