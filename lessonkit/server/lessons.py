"""The lessons of the documents open in the editor, kept in memory and brought up to date from
the editor's buffers. An open document's text wins over the file on disk.

A change to one buffer re-reads only that page (Lesson.with_text): every other page, parsed,
stays as it was. Files changed on disk, a saved or closed buffer, load the lesson again, through
a parse cache that keeps the pages whose text has not changed. No protocol here: the server
calls in from one worker thread, so nothing here is shared between threads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from ..cache import MemoryCache
from ..disk import Disk, find_root
from ..errors import LessonError
from ..findings import Finding
from ..lesson import Lesson, Page, PageReader, load_lesson
from ..lint import lint_lesson
from ..settings import Settings, load_settings

Log = Callable[[str, str], None]  # (message, level: "error", "warning", "info")

# Parses kept per lesson. Each full load keeps only what it used (MemoryCache.trim), so the
# versions of a page typed between two loads do not pile up.
CACHE_LIMIT = 1024


@dataclass
class Document:
    uri: str
    path: Path  # resolved
    text: str  # as pandoc reads it (no BOM, LF line ends)
    version: Optional[int] = None
    newline: str = "\n"  # the buffer's own line end, for edits
    _split: tuple = field(default=("", [""]), init=False, repr=False, compare=False)  # (text, its lines)

    @property
    def lines(self) -> list[str]:
        """The text's lines, split once for each version of the text (a request asks for them
        once per finding)."""
        if self._split[0] is not self.text:
            self._split = (self.text, self.text.split("\n"))
        return self._split[1]


class OpenLesson:
    """One lesson with documents open in the editor."""

    def __init__(self, root: Path, log: Log) -> None:
        self.root = root
        self.log = log
        self.documents: dict[Path, Document] = {}
        self.cache = MemoryCache(limit=CACHE_LIMIT)
        self.lesson: Optional[Lesson] = None
        self.settings = Settings()
        self.stale = True  # load again from disk before the next use
        self._held: dict[Path, str] = {}  # the buffer texts self.lesson holds
        self._linted: Optional[tuple[Lesson, frozenset, dict]] = None
        self._told: set[str] = set()  # problems with the lesson already logged

    def shapes_lesson(self, path: Path) -> bool:
        """Whether a change to the buffer of path may change more than one page (settings files
        are read from disk, when saved)."""
        return path.parent == self.root and path.name in ("config.yaml", "links.md")

    def current(self) -> Optional[Lesson]:
        """The lesson with every open document's text; None when it cannot be loaded."""
        if self.stale or self.lesson is None:
            self._load()
            return self.lesson
        for path, document in self.documents.items():
            if self._held.get(path) is document.text:
                continue
            changed = self.lesson.with_text(path, document.text, self.cache)
            if changed is None and self.shapes_lesson(path):
                self._load()
                return self.lesson
            if changed is not None:
                self.lesson = changed
            self._held[path] = document.text  # a file that is no page changes nothing
        return self.lesson

    def _load(self) -> None:
        self.stale = False
        self._held = {path: document.text for path, document in self.documents.items()}
        try:
            self.lesson = load_lesson(self.root, {path: doc.text for path, doc in self.documents.items()}, self.cache)
        except LessonError as error:
            self.lesson = None
            self._tell(f"lessonkit: cannot read the lesson: {error}", "error")
            return
        self.cache.trim()
        try:
            self.settings = load_settings(self.lesson)
        except LessonError as error:
            self.settings = Settings()
            self._tell(f"lessonkit: {error}; using the default settings", "error")
        for path in self.documents:
            if self.lesson.page_at(path) is None and not path.exists():
                self._tell(f"lessonkit: {path} is not on disk: it is no page of the lesson until it is saved", "info")

    def _tell(self, message: str, level: str) -> None:
        """Log a problem with the lesson once, not at every load."""
        if message not in self._told:
            self._told.add(message)
            self.log(message, level)

    def findings(self) -> dict[Path, list[Finding]]:
        """The findings of every open document, the whole lesson as context."""
        lesson = self.current()
        targets = frozenset(self.documents)
        if lesson is None:
            return {path: [] for path in targets}
        if self._linted is None or self._linted[0] is not lesson or self._linted[1] != targets:
            by_path: dict[Path, list[Finding]] = {path: [] for path in targets}
            # an open page is linted in full, as a page named on the command line is
            for finding in lint_lesson(lesson, self.settings, set(targets), targets).findings:
                by_path.setdefault(finding.path, []).append(finding)
            self._linted = (lesson, targets, by_path)
        return self._linted[2]

    def page(self, path: Path) -> tuple[Optional[Lesson], Optional[Page]]:
        """(lesson, page) for an open document: the lesson's page, or for a file the build does
        not include (a README) the page read in the lesson's context."""
        lesson = self.current()
        document = self.documents.get(path)
        if lesson is None:
            return None, loose_page(document) if document else None
        page = lesson.page_at(path)
        if page is None and document is not None:
            page = lesson.load_page(path, {path: document.text}, self.cache)
        return lesson, page


def loose_page(document: Document) -> Page:
    """A Markdown document outside any lesson, read on its own."""
    return PageReader(document.path.parent, Disk({document.path: document.text})).page(document.path, "other", {})


def nearest_root(path: Path) -> Path:
    """The lesson folder of path, which need not exist yet (a new buffer)."""
    existing = path
    while not existing.exists() and existing.parent != existing:
        existing = existing.parent
    return find_root(existing)


class Lessons:
    """Every open document, by resolved path, grouped by lesson.

    log records a message in the editor's log; show puts it in front of the user (editors such
    as Neovim keep no log below warnings by default), which is how a document outside any lesson
    is explained, once for each folder."""

    def __init__(self, log: Log, show: Optional[Log] = None) -> None:
        self.log = log
        self.show = show or log
        self.open_lessons: dict[Path, OpenLesson] = {}
        self.loose: dict[Path, Document] = {}  # documents outside any lesson
        self._explained: set[Path] = set()  # folders whose documents were said to be in no lesson

    def lesson_of(self, path: Path) -> Optional[OpenLesson]:
        for state in self.open_lessons.values():
            if path in state.documents:
                return state
        return None

    def document(self, path: Path) -> Optional[Document]:
        state = self.lesson_of(path)
        return state.documents.get(path) if state else self.loose.get(path)

    def open(self, document: Document) -> Optional[OpenLesson]:
        try:
            root = nearest_root(document.path)
        except LessonError as error:
            self.loose[document.path] = document
            folder = error.path if error.path is not None and error.path.is_dir() else document.path.parent
            message = (f"lessonkit: {folder}: {error.message}; no lessonkit diagnostics for its pages"
                       if folder == error.path else
                       f"lessonkit: {document.path.name} is {error.message}; no lessonkit diagnostics for the "
                       f"pages of {folder}")
            self.log(message, "info")
            if folder not in self._explained:
                self._explained.add(folder)
                self.show(message, "warning")
            return None
        state = self.open_lessons.get(root)
        if state is None:
            state = self.open_lessons[root] = OpenLesson(root, self.log)
        state.documents[document.path] = document
        return state

    def change(self, path: Path, text: str, version: Optional[int], newline: str = "\n") -> Optional[OpenLesson]:
        state = self.lesson_of(path)
        document = state.documents.get(path) if state else self.loose.get(path)
        if document is not None:
            document.text, document.version, document.newline = text, version, newline
        return state

    def close(self, path: Path) -> Optional[OpenLesson]:
        """Forget the document; its lesson reads the file from disk again (None: no lesson left
        open, or the document was in none)."""
        self.loose.pop(path, None)
        state = self.lesson_of(path)
        if state is None:
            return None
        del state.documents[path]
        if not state.documents:
            del self.open_lessons[state.root]
            return None
        state.stale = True
        return state

    def files_changed(self, paths: list[Path]) -> list[OpenLesson]:
        """The lessons holding any of the paths, each marked to load again from disk."""
        touched = []
        for state in self.open_lessons.values():
            if any(path == state.root or state.root in path.parents for path in paths):
                state.stale = True
                touched.append(state)
        return touched
