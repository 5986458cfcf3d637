"""The filesystem as one lessonkit run sees it.

Every question the lesson model asks of the disk (is this a file, what does this folder hold,
what does this file say) goes through one Disk, which answers each question once and remembers
the answer. That makes the model's answers consistent within a run, lets texts be given in place
of files (an editor's unsaved buffers, the fixer's edited pages), and keeps a list of what the
run depended on: a later run can ask the same questions again (Disk.still_holds) and, when
every answer is unchanged, reuse the earlier run's findings instead of linting again.

Answers are plain data (booleans, strings, lists of names, content hashes), so they can be
stored as JSON.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
from pathlib import Path
from typing import Any, Callable, Mapping, Optional

from .errors import LessonError
from .layout import FOLDERS
from .textio import decode, read_bytes, resolve_path

MAX_SMALL_BYTES = 1 << 20


def unlistable(path: Path, reason: str) -> LessonError:
    """The error for a path that cannot be looked at because a folder on the way to it cannot be
    listed (no permission): it names that folder, as linting the folder itself does."""
    path = Path(os.path.abspath(path))
    for folder in reversed(path.parents):  # from the top down: the first that refuses
        try:
            os.lstat(folder / path.relative_to(folder).parts[0])
        except PermissionError:
            return LessonError(folder, f"cannot list folder: {reason}")
        except OSError:
            break
    return LessonError(path.parent, f"cannot list folder: {reason}")


def exists(path: Path) -> bool:
    """Whether path exists (a symbolic link to nothing counts); a LessonError when a folder on
    the way to it cannot be listed."""
    try:
        return path.exists() or path.is_symlink()
    except PermissionError as error:
        raise unlistable(path, error.strerror) from None


def find_root(path: Path) -> Path:
    """The lesson folder: the nearest folder at or above path holding config.yaml. A folder
    without it is no lesson (sandpaper cannot build it), even with an episodes/ folder."""
    if not exists(path) or not path.exists():
        if path.is_symlink():
            raise LessonError(path, "symbolic link to nothing: its target is missing or it loops back to itself")
        raise LessonError(path, "no such file or folder")
    start = path.resolve()
    folder = start if start.is_dir() else start.parent
    try:
        for candidate in (folder, *folder.parents):
            if (candidate / "config.yaml").is_file():
                return candidate
        # pages without config.yaml are no lesson to sandpaper, so none to lessonkit either
        for candidate in (folder, folder.parent) if folder.name in FOLDERS else (folder,):
            if (candidate / "episodes").is_dir():
                raise LessonError(candidate, "has episodes/ but no config.yaml: not a lesson sandpaper can build; "
                                             "add config.yaml with at least 'title' and 'episodes'")
    except PermissionError as error:  # a folder on the way up that cannot be listed
        raise unlistable(Path(error.filename or folder / "config.yaml"), error.strerror) from None
    raise LessonError(path, "not inside a sandpaper lesson: no config.yaml here or in any folder above")


class Disk:
    def __init__(self, sources: Optional[Mapping[Path, str]] = None) -> None:
        self.sources = dict(sources or {})  # resolved path -> text to use instead of the file
        self.answers: dict[str, Any] = {}  # "question\0path" -> answer
        self._texts: dict[Path, str] = {}  # the texts read; answers keep only their hashes
        self._resolved: dict[Path, Path] = {}

    def with_sources(self, sources: Mapping[Path, str]) -> "Disk":
        """A disk that answers as this one has, with texts given for some more files."""
        disk = Disk({**self.sources, **sources})
        disk.answers = dict(self.answers)
        disk._texts = {path: text for path, text in self._texts.items() if path not in sources}
        disk._resolved = self._resolved
        return disk

    def _ask(self, question: str, path: Path, work: Callable[[Path], Any]) -> Any:
        key = f"{question}\0{path}"
        if key not in self.answers:
            self.answers[key] = work(path)
        return self.answers[key]

    # --- questions ----------------------------------------------------------------------------
    def is_file(self, path: Path) -> bool:
        return self._ask("is_file", path, _is_file)

    def is_dir(self, path: Path) -> bool:
        return self._ask("is_dir", path, _is_dir)

    def exists(self, path: Path) -> bool:
        return self._ask("exists", path, _exists)

    def is_symlink_loop(self, path: Path) -> bool:
        return self._ask("loop", path, _is_symlink_loop)

    def resolve(self, path: Path) -> Path:
        resolved = self._resolved.get(path)
        if resolved is None:
            resolved = self._resolved[path] = Path(self._ask("resolve", path, _resolve))
        return resolved

    def entries(self, folder: Path) -> list[list]:
        """[name, kind] of each entry of folder, sorted by name; kind is "file", "dir", "other",
        or "broken" (a link that loops); [] when folder cannot be listed, and a LessonError when
        it exists but cannot be read."""
        answer = self._ask("entries", folder, _entries)
        if isinstance(answer, str):
            raise LessonError(folder, answer)
        return answer

    def read_text(self, path: Path) -> str:
        """The file's text as pandoc reads it (or the text given for it); LessonError when it
        cannot be read. The answer remembered is a hash of the bytes, not the text."""
        given = self.sources.get(resolve_path(path)) if self.sources else None
        if given is not None:
            return given
        if path in self._texts:
            return self._texts[path]
        key = f"text\0{path}"
        try:
            data = read_bytes(path)
            text = decode(data, path)
        except LessonError as error:
            self.answers[key] = f"error: {error}"
            raise
        self.answers[key] = hashlib.sha256(data).hexdigest()
        self._texts[path] = text
        return text

    def read_small(self, path: Path) -> str:
        """The start (up to 1 MB) of a file lessonkit only looks into, decoded leniently; ""
        when it cannot be read."""
        key = f"small\0{path}"
        if key not in self.answers:
            data = _read_small(path)
            self.answers[key] = hashlib.sha256(data).hexdigest() if data is not None else ""
            self._texts[path] = data.decode("utf-8", "replace") if data is not None else ""
        return self._texts[path]

    def git_remotes(self, root: Path) -> list[list[str]]:
        """[name, address] of each remote of the git repository whose work tree is root (its own
        `.git` folder, or the `.git` file of a worktree or submodule), in the order its config
        names them; [] when root is no repository's top."""
        return self._ask("git_remotes", root, _git_remotes)

    def inside(self, folder: Path, path: Path) -> bool:
        """Whether path, its links resolved, lies in folder (a resolved path)."""
        resolved = self.resolve(path)
        return resolved == folder or folder in resolved.parents

    def walk(self, root: Path, suffix: str, skip: frozenset, depth: int) -> list[str]:
        """Paths (relative to root) of the files ending in suffix under root, not entering hidden
        folders, folders named in skip, or folders deeper than depth."""
        return self._ask(f"walk:{suffix}:{','.join(sorted(skip))}:{depth}", root,
                         lambda folder: _walk(folder, suffix, skip, depth))

    # --- checking an earlier run's answers ----------------------------------------------------
    def still_holds(self, answers: dict[str, Any]) -> bool:
        """Whether asking every question again gives the answers an earlier run got."""
        for key, answer in answers.items():
            question, _, path = key.partition("\0")
            if _answer(question, Path(path)) != answer:
                return False
        return True


def _answer(question: str, path: Path) -> Any:
    """The answer to a question as it is asked afresh (for still_holds)."""
    if question == "text":
        try:
            return hashlib.sha256(read_bytes(path)).hexdigest()
        except LessonError as error:
            return f"error: {error}"
    if question.startswith("walk:"):
        _, suffix, skip, depth = question.split(":")
        return _walk(path, suffix, frozenset(filter(None, skip.split(","))), int(depth))
    work = QUESTIONS.get(question)
    return work(path) if work is not None else object()  # an unknown question never holds


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return False


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:
        return False


def _is_symlink_loop(path: Path) -> bool:
    try:
        if not path.is_symlink():
            return False
        path.stat()
        return False
    except OSError as error:
        return error.errno == errno.ELOOP


def _resolve(path: Path) -> str:
    return str(resolve_path(path))


def _entries(folder: Path):
    try:
        found = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as error:
        return f"cannot list folder: {error.strerror or error}"
    listed = []
    for entry in found:
        try:
            kind = "file" if entry.is_file() else "dir" if entry.is_dir() else "other"
        except OSError:
            kind = "broken"
        listed.append([entry.name, kind])
    return listed


def _read_small(path: Path) -> Optional[bytes]:
    try:
        with open(path, "rb") as handle:
            return handle.read(MAX_SMALL_BYTES)
    except OSError:
        return None


def _small_hash(path: Path) -> str:
    data = _read_small(path)
    return hashlib.sha256(data).hexdigest() if data is not None else ""


def _walk(root: Path, suffix: str, skip: frozenset, depth: int) -> list[str]:
    found = []
    base = str(root)
    for folder, subfolders, files in os.walk(base):
        level = folder[len(base):].count(os.sep)
        subfolders[:] = sorted(name for name in subfolders
                               if not name.startswith(".") and name not in skip and level < depth)
        prefix = os.path.relpath(folder, base)
        found.extend(name if prefix == "." else f"{prefix}/{name}" for name in sorted(files) if name.endswith(suffix))
    return found


REMOTE_SECTION = re.compile(r'^\s*\[\s*remote\s+"((?:[^"\\]|\\.)*)"\s*\]', re.IGNORECASE)
SECTION = re.compile(r"^\s*\[")
URL_KEY = re.compile(r"^\s*url\s*=\s*(.*?)\s*$", re.IGNORECASE)


def _git_config(root: Path) -> Optional[Path]:
    """The config file of the repository whose work tree is root: .git/config, or for a worktree
    (.git is a file "gitdir: ...") the config of the repository it belongs to."""
    dot_git = root / ".git"
    if _is_dir(dot_git):
        return dot_git / "config"
    data = _read_small(dot_git) if _is_file(dot_git) else None
    if not data or not data.startswith(b"gitdir:"):
        return None
    git_dir = Path(data[len(b"gitdir:"):].decode("utf-8", "replace").strip())
    git_dir = git_dir if git_dir.is_absolute() else root / git_dir
    common = _read_small(git_dir / "commondir")
    if common:
        shared = Path(common.decode("utf-8", "replace").strip())
        git_dir = shared if shared.is_absolute() else git_dir / shared
    return git_dir / "config"


def _git_remotes(root: Path) -> list[list[str]]:
    config = _git_config(root)
    data = _read_small(config) if config is not None else None
    if not data:
        return []
    remotes, remote = [], None
    for line in data.decode("utf-8", "replace").splitlines():
        if SECTION.match(line):
            section = REMOTE_SECTION.match(line)
            remote = section.group(1) if section else None
            continue
        url = URL_KEY.match(line) if remote is not None else None
        if url and url.group(1):
            remotes.append([remote, url.group(1).strip('"')])
    return remotes


QUESTIONS = {
    "is_file": _is_file,
    "is_dir": _is_dir,
    "exists": _exists,
    "loop": _is_symlink_loop,
    "resolve": _resolve,
    "entries": _entries,
    "small": _small_hash,
    "git_remotes": _git_remotes,
}
