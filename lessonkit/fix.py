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
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from .cache import MemoryCache
from .findings import Edit, Finding, LintResult
from .lesson import Lesson, load_lesson
from .lint import lint_lesson
from .settings import Settings, fix_applies
from .textedit import Ranges, apply_ranges, dominant_newline, edit_ranges, locator
from .textio import as_pandoc_reads, decode, read_bytes

MAX_PASSES = 20
BOM = "\ufeff"


@dataclass
class SourceFile:
    """A text file as written, for editing: decoded, BOM and line ends kept."""

    path: Path
    original: bytes
    raw: str  # the text without its BOM, with the line ends as written
    bom: bool
    # (raw, its locator): the map of the text, built once for each version of it
    _located: Optional[tuple] = field(default=None, init=False, repr=False, compare=False)

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

    def ranges(self, edits: Iterable[Edit]) -> Ranges:
        """The edits as offsets into raw (mapping the fixes of many findings costs what the
        text costs: its map is built once)."""
        if self._located is None or self._located[0] is not self.raw:
            self._located = (self.raw, locator(self.raw))
        return edit_ranges(self._located[1], edits)

    def apply(self, ranges: Ranges) -> None:
        """Apply non-overlapping (start, end, text) ranges from ranges()."""
        self.raw = apply_ranges(self.raw, ranges, self.newline)

    def diff(self, name: str) -> str:
        """A unified diff from the file as it was read to the file as edited."""
        before = self.original.decode("utf-8").removeprefix(BOM).splitlines(keepends=True)
        return unified_diff(before, self.raw.splitlines(keepends=True), f"a/{name}", f"b/{name}")


def unified_diff(before: list[str], after: list[str], old_name: str, new_name: str, context: int = 3) -> str:
    """difflib.unified_diff's text, matching every line. (difflib's own matcher takes a line that
    fills more than 1% of a long file, such as a blank line, for junk and never matches it, so an
    unchanged blank line between two changes showed as removed and added.)"""
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    out = []
    for group in matcher.get_grouped_opcodes(context):
        if not out:
            out += [f"--- {old_name}\n", f"+++ {new_name}\n"]
        first, last = group[0], group[-1]
        out.append(f"@@ -{_hunk_range(first[1], last[2])} +{_hunk_range(first[3], last[4])} @@\n")
        for tag, old_start, old_end, new_start, new_end in group:
            if tag == "equal":
                out += [" " + line for line in before[old_start:old_end]]
                continue
            out += ["-" + line for line in before[old_start:old_end]]
            out += ["+" + line for line in after[new_start:new_end]]
    # a last line without a line end, marked as diff and patch expect
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n" for line in out)


def _hunk_range(start: int, stop: int) -> str:
    """A hunk's lines as unified diffs write them: first line (1-based) and count."""
    length = stop - start
    if length == 1:
        return f"{start + 1}"
    return f"{start + 1 if length else start},{length}"


class TakenRanges:
    """The ranges of a file that this pass's fixes already edit: disjoint and not touching, kept
    sorted, so that whether another range conflicts is one search, not a walk over them all."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def conflicts(self, start: int, end: int) -> bool:
        """Whether [start, end] touches a range already taken; touching edits wait for the next
        pass, so that two insertions at one place never come out in an arbitrary order. (The
        taken range starting last at or before end is the one that can touch it.)"""
        index = bisect_right(self.starts, end) - 1
        return index >= 0 and self.ends[index] >= start

    def take(self, start: int, end: int) -> None:
        index = bisect_right(self.starts, start)
        self.starts.insert(index, start)
        self.ends.insert(index, end)


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
            taken = TakenRanges()
            chosen: Ranges = []
            fixes_chosen: set[tuple] = set()
            for finding in sorted(findings, key=lambda f: (f.line, f.column, f.code)):
                ranges = source.ranges(finding.fix.edits)
                if tuple(ranges) in fixes_chosen:
                    fixed[finding.code] += 1  # the same repair as another finding's (one box, two findings)
                    continue
                if any(taken.conflicts(start, end) for start, end, _ in ranges):
                    continue
                fixes_chosen.add(tuple(ranges))
                for start, end, _ in ranges:
                    taken.take(start, end)
                chosen.extend(ranges)
                fixed[finding.code] += 1
            if chosen:
                source.apply(chosen)
                applied_any = True
        if not applied_any:
            return FixOutcome(result, files, fixed)
    lesson = load_lesson(lesson.root, {path: source.text for path, source in files.items()}, parses)
    return FixOutcome(lint_lesson(lesson, settings, targets, in_full), files, fixed, converged=False)
