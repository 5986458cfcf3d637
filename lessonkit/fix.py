"""Applying fixes: the findings' edits, pass after pass, onto the files as they are written.

Lint the lesson, take the fixes that may be applied (safe ones, and unsafe ones when asked),
apply those that do not overlap file by file, lint again with the edited texts, and repeat
until nothing more applies. Nothing is written here: the caller writes the changed files.

Edits address the text as pandoc reads it (LF line ends, no BOM). A SourceFile keeps the file
as written (its BOM and each line's own line end) and maps every edit onto it, so the bytes
outside the edits stay exactly as they were.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from .cache import MemoryCache
from .findings import Edit, Finding, LintResult
from .lesson import Lesson, load_lesson
from .lint import lint_lesson
from .settings import Settings, fix_applies
from .textio import as_pandoc_reads, decode, read_bytes

LINE_END = re.compile(r"\r\n|\r|\n")
MAX_PASSES = 20
BOM = "\ufeff"


def dominant_newline(raw: str) -> str:
    """The line end most lines of raw use (LF for a text without any)."""
    counts = Counter(LINE_END.findall(raw))
    return counts.most_common(1)[0][0] if counts else "\n"


@dataclass
class SourceFile:
    """A text file as written, for editing: decoded, BOM and line ends kept."""

    path: Path
    original: bytes
    raw: str  # the text without its BOM, with the line ends as written
    bom: bool

    @classmethod
    def read(cls, path: Path) -> "SourceFile":
        data = read_bytes(path)
        decode(data, path)  # refuses what pandoc cannot read (binary, UTF-16, bad UTF-8)
        raw = data.decode("utf-8")
        bom = raw.startswith(BOM)
        return cls(path, data, raw[1:] if bom else raw, bom)

    @property
    def text(self) -> str:
        """The text as pandoc reads it, which edits and findings address."""
        return as_pandoc_reads(self.raw)

    @property
    def data(self) -> bytes:
        return ((BOM if self.bom else "") + self.raw).encode("utf-8")

    @property
    def changed(self) -> bool:
        return self.data != self.original

    @property
    def newline(self) -> str:
        return dominant_newline(self.raw)

    def _offsets(self):
        """A function mapping (line, column) of the text onto an offset in raw."""
        starts, lengths = [], []
        position = 0
        for match in LINE_END.finditer(self.raw):
            starts.append(position)
            lengths.append(match.start() - position)
            position = match.end()
        starts.append(position)
        lengths.append(len(self.raw) - position)

        def offset(line: int, column: int) -> int:
            if line > len(starts):
                return len(self.raw)
            index = max(line, 1) - 1
            return starts[index] + min(max(column, 1) - 1, lengths[index])

        return offset

    def ranges(self, edits: Iterable[Edit]) -> list[tuple[int, int, str]]:
        offset = self._offsets()
        return [(offset(*edit.start), offset(*edit.end), edit.text) for edit in edits]

    def apply(self, ranges: list[tuple[int, int, str]]) -> None:
        """Apply non-overlapping (start, end, text) ranges from ranges()."""
        newline = self.newline
        raw = self.raw
        for start, end, text in sorted(ranges, reverse=True):
            raw = raw[:start] + text.replace("\n", newline) + raw[end:]
        self.raw = raw

    def diff(self, name: str) -> str:
        """A unified diff from the file as it was read to the file as edited."""
        before = self.original.decode("utf-8").removeprefix(BOM).splitlines(keepends=True)
        after = self.raw.splitlines(keepends=True)
        return "".join(difflib.unified_diff(before, after, f"a/{name}", f"b/{name}"))


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """text (LF line ends) with non-overlapping edits applied: what a page would read after a fix."""
    source = SourceFile(Path(), b"", text, False)
    source.apply(source.ranges(edits))
    return source.raw


def _conflicts(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end] touches a range already taken; touching edits wait for the next pass,
    so that two insertions at one place never come out in an arbitrary order."""
    return any(start <= other_end and other_start <= end for other_start, other_end in taken)


@dataclass
class FixOutcome:
    """What fixing a lesson did: files changed (with their original bytes), fixes applied per
    rule, and the findings that remain."""

    result: LintResult
    files: dict[Path, SourceFile] = field(default_factory=dict)
    fixed: Counter = field(default_factory=Counter)
    converged: bool = True

    @property
    def changed(self) -> list[SourceFile]:
        return [source for source in self.files.values() if source.changed]


def fix_lesson(lesson: Lesson, settings: Settings, targets: Optional[set[Path]] = None, unsafe: bool = False,
               cache=None, in_full: frozenset[Path] = frozenset()) -> FixOutcome:
    """Fix the lesson (only the files in targets, when given) in memory, starting from lesson as
    loaded; each further pass loads it again with the edited texts. What is fixed is what lint
    reports (lint_lesson): a page sandpaper does not build only when it is in in_full."""
    files: dict[Path, SourceFile] = {}
    fixed: Counter = Counter()
    parses = MemoryCache(cache)  # pages a pass did not change are not parsed again
    for _ in range(MAX_PASSES):
        if files:
            lesson = load_lesson(lesson.root, {path: source.text for path, source in files.items()}, parses)
        result = lint_lesson(lesson, settings, targets, in_full)
        by_file: dict[Path, list[Finding]] = {}
        for finding in result.findings:
            if fix_applies(settings, finding, unsafe):
                by_file.setdefault(finding.path, []).append(finding)
        applied_any = False
        for path, findings in by_file.items():
            source = files.get(path)
            if source is None:
                source = files[path] = SourceFile.read(path)
            taken: list[tuple[int, int]] = []
            chosen: list[tuple[int, int, str]] = []
            fixes_chosen: set[tuple] = set()
            for finding in sorted(findings, key=lambda f: (f.line, f.column, f.code)):
                ranges = source.ranges(finding.fix.edits)
                if tuple(ranges) in fixes_chosen:
                    fixed[finding.code] += 1  # the same repair as another finding's (one box, two findings)
                    continue
                if any(_conflicts(taken, start, end) for start, end, _ in ranges):
                    continue
                fixes_chosen.add(tuple(ranges))
                taken.extend((start, end) for start, end, _ in ranges)
                chosen.extend(ranges)
                fixed[finding.code] += 1
            if chosen:
                source.apply(chosen)
                applied_any = True
        if not applied_any:
            return FixOutcome(result, files, fixed)
    lesson = load_lesson(lesson.root, {path: source.text for path, source in files.items()}, parses)
    return FixOutcome(lint_lesson(lesson, settings, targets, in_full), files, fixed, converged=False)
