"""Code actions: each finding's fix (safe or unsafe, labelled as `--fix` would apply it), and
"disable LKxxx for this line / for this file" with the suppression comments lint reads."""

from __future__ import annotations

from typing import Optional, Sequence

from lsprotocol import types

from ..findings import Edit, Finding
from ..settings import Settings, fix_applies
from ..suppressions import disable_file_edit, disable_next_line_edit
from .diagnostics import diagnostic, finding_span
from .positions import Positions


def text_edit(edit: Edit, lines: Sequence[str], positions: Positions, newline: str) -> types.TextEdit:
    """An edit of the text as pandoc reads it, as an edit of the buffer (its own line ends)."""
    return types.TextEdit(range=positions.range(lines, edit.line, edit.column, edit.end_line, edit.end_column),
                          new_text=edit.text.replace("\n", newline))


def _action(title: str, uri: str, edits: list[types.TextEdit], found: list[types.Diagnostic],
            preferred: bool = False) -> types.CodeAction:
    return types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix, diagnostics=found,
                            is_preferred=preferred or None,
                            edit=types.WorkspaceEdit(changes={uri: edits}))


def code_actions(uri: str, lines: Sequence[str], page, findings: list[Finding], first_line: int, last_line: int,
                 settings: Settings, positions: Positions, newline: str) -> list[types.CodeAction]:
    """The actions for the findings on lines first_line..last_line of the document at uri (its
    lines as pandoc reads them). page is the lesson's page for the document, None for a file
    that takes no suppression comments (config.yaml)."""
    fixes, line_actions, file_actions = [], {}, {}
    for finding in findings:
        first, _, last, _ = finding_span(finding, lines)
        if last < first_line or first > last_line:
            continue
        found = [diagnostic(finding, lines, positions)]
        if fix_applies(settings, finding, unsafe=True):  # the editor offers unsafe fixes too, labelled
            label = "safe" if finding.fix.safe else "unsafe: review the result"
            edits = [text_edit(edit, lines, positions, newline) for edit in finding.fix.edits]
            fixes.append(_action(f"{finding.fix.description} ({finding.code}, {label})", uri, edits, found,
                                 preferred=finding.fix.safe))
        if page is None:
            continue
        for actions, key, make, title in (
            (line_actions, (finding.code, finding.line), lambda: disable_next_line_edit(page, finding.line, finding.code),
             f"Disable {finding.code} for this line"),
            (file_actions, finding.code, lambda: disable_file_edit(page, finding.code),
             f"Disable {finding.code} for this file"),
        ):
            if key in actions:
                actions[key].diagnostics.extend(found)
                continue
            edit: Optional[Edit] = make()
            if edit is not None:
                actions[key] = _action(title, uri, [text_edit(edit, lines, positions, newline)], list(found))
    return fixes + list(line_actions.values()) + list(file_actions.values())
