"""In-page suppressions, written as HTML comments (which pandoc drops from the page):

    <!-- lessonkit-disable LK204 -->  ...  <!-- lessonkit-enable LK204 -->
    <!-- lessonkit-disable-next-line LK203 -->
    <!-- lessonkit-disable-file LK404 -->

Codes may be rule codes, names or code prefixes, separated by spaces or commas; none means all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

DIRECTIVE = re.compile(r"<!--\s*lessonkit-(disable-next-line|disable-file|disable|enable)\b(.*?)-->")


@dataclass
class Suppressions:
    file: list[str] = field(default_factory=list)  # selectors; "" means every rule
    ranges: list[tuple[int, int, str]] = field(default_factory=list)  # (first, last, selector)

    def covers(self, rule, line: int) -> bool:
        from .rules import matches

        def hit(selector: str) -> bool:
            return selector == "" or matches(rule, selector)

        if any(hit(s) for s in self.file):
            return True
        return any(first <= line <= last and hit(s) for first, last, s in self.ranges)


def _selectors(text: str) -> list[str]:
    return [part for part in re.split(r"[\s,]+", text.strip()) if part] or [""]


def page_suppressions(page) -> Suppressions:
    found = Suppressions()
    text = page.text
    if "lessonkit-" not in text:
        return found
    in_code = set()
    for block in page.parsed.code_blocks:
        in_code.update(range(block.line, block.end_line + 1))
    lines = page.lines
    last = len(lines)
    open_ranges: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if "lessonkit-" not in line or number in in_code:
            continue
        for match in DIRECTIVE.finditer(line):
            kind, selectors = match.group(1), _selectors(match.group(2))
            if kind == "disable-file":
                found.file.extend(selectors)
            elif kind == "disable-next-line":
                target = number + 1
                while target <= last and not lines[target - 1].strip():
                    target += 1
                found.ranges.extend((target, target, s) for s in selectors)
            elif kind == "disable":
                for selector in selectors:
                    open_ranges.setdefault(selector, number)
            else:
                for selector in selectors:
                    if selector == "":
                        closing = list(open_ranges)
                    else:
                        closing = [selector] if selector in open_ranges else []
                    for key in closing:
                        found.ranges.append((open_ranges.pop(key), number, key))
    found.ranges.extend((start, last, selector) for selector, start in open_ranges.items())
    return found
