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


# --- adding suppressions (the language server's "disable LKxxx" code actions) -------------

QUOTE_AND_INDENT = re.compile(r"[ \t>]*")


def _code_lines(page) -> set[int]:
    lines: set[int] = set()
    for block in page.parsed.code_blocks:
        lines.update(range(block.line, block.end_line + 1))
    return lines


def _add_to_directive(page, number: int, kind: str, code: str):
    """An edit adding code to the directive of that kind on line number, or None when the line
    holds none (or one that already names the code)."""
    from .findings import Edit

    for match in DIRECTIVE.finditer(page.lines[number - 1]):
        if match.group(1) != kind:
            continue
        selectors = _selectors(match.group(2))
        if code in selectors or selectors == [""]:
            return None
        end = match.end() - len("-->")
        text = match.group(0)[: end - match.start()]
        column = match.start() + len(text.rstrip()) + 1
        return Edit.insert(number, column, f" {code}")
    return None


def disable_next_line_edit(page, line: int, code: str):
    """The edit that suppresses rule code on line: a `lessonkit-disable-next-line` comment above
    it, inside the same block quotes and indented alike (or code added to such a comment already
    there). None where a comment cannot go: in the front matter, or in a code block."""
    from .findings import Edit

    front = page.front_matter
    if front is not None and line <= (front.end_line or len(page.lines)):
        return None
    code_lines = _code_lines(page)
    if line in code_lines and not any(block.line == line and block.fence for block in page.parsed.code_blocks):
        return None  # inside a code block (the line of a fence that opens one is outside it)
    if line > 1 and line - 1 not in code_lines:
        added = _add_to_directive(page, line - 1, "disable-next-line", code)
        if added is not None:
            return added
    source = page.lines[line - 1] if line <= len(page.lines) else ""
    prefix = QUOTE_AND_INDENT.match(source).group(0)
    return Edit.insert(line, 1, f"{prefix}<!-- lessonkit-disable-next-line {code} -->\n")


def disable_file_edit(page, code: str):
    """The edit that suppresses rule code in the whole page: a `lessonkit-disable-file` comment
    at the top, after the front matter (or code added to such a comment already there). None when
    the front matter is never closed, so that no place is after it."""
    from .findings import Edit

    code_lines = _code_lines(page)
    for number, text in enumerate(page.lines, start=1):
        if "lessonkit-disable-file" in text and number not in code_lines and DIRECTIVE.search(text):
            return _add_to_directive(page, number, "disable-file", code)
    comment = f"<!-- lessonkit-disable-file {code} -->"
    front = page.front_matter
    if front is None:
        return Edit.insert(1, 1, comment + "\n")
    if front.end_line is None:
        return None
    if front.end_line >= len(page.lines):  # the front matter ends the text, with no line end
        return Edit.insert(front.end_line, len(page.lines[-1]) + 1, "\n" + comment)
    return Edit.insert(front.end_line + 1, 1, comment + "\n")
