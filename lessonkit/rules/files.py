"""File-level rules (LK0xx): pages the lesson has but lessonkit (and pandoc) cannot read."""

from __future__ import annotations

from ..findings import Problem
from . import rule


@rule("LK001", "file-unreadable", "error", scope="lesson")
def file_unreadable(lesson, context):
    """A page of the lesson cannot be read as text: binary, not UTF-8, UTF-16, unreadable
    (permissions), a symlink loop, or outside the lesson.

    sandpaper fails on such a page too, so nothing else in it is checked.

    Fails: an episode saved as UTF-16 by a Windows editor, or a PNG renamed to `.md`.

    Passes: the same episode saved as UTF-8.
    """
    for page in lesson.pages.values():
        if page.error is not None:
            yield Problem(page.error.line or 1, 1, page.error.message, path=page.path)
