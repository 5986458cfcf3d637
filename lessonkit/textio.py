"""Reading and writing files safely: strict UTF-8 in, atomic writes out."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import LessonError

MAX_FILE_BYTES = 64 * 1024 * 1024


def resolve_path(path: Path) -> Path:
    """path.resolve(), except that a symlink loop (RuntimeError before Python 3.13) resolves its
    folder and keeps its name, so a looping page still has one stable absolute path."""
    try:
        return path.resolve()
    except RuntimeError:
        return Path(os.path.realpath(path.parent)) / path.name


def decode(data: bytes, path: Path) -> str:
    """Text of a page as pandoc reads it: UTF-8, an optional BOM dropped, line ends made LF."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LessonError(path, "file is UTF-16; pandoc reads UTF-8 only: save it as UTF-8")
    if b"\x00" in data[:8192]:
        raise LessonError(path, "binary file (contains NUL bytes), not a Markdown or YAML text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise LessonError(path, f"invalid UTF-8 (byte 0x{data[error.start]:02x}); save the file as UTF-8", line)
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def read_text(path: Path) -> str:
    return decode(read_bytes(path), path)


def read_bytes(path: Path) -> bytes:
    """The file's bytes; a LessonError says in one line why they cannot be read."""
    try:
        if path.is_dir():
            raise LessonError(path, "is a folder, not a file")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise LessonError(path, f"file is too large ({size} bytes; the limit is {MAX_FILE_BYTES})")
        return path.read_bytes()
    except LessonError:
        raise
    except FileNotFoundError:
        raise LessonError(path, "no such file") from None
    except PermissionError:
        raise LessonError(path, "permission denied") from None
    except OSError as error:
        raise LessonError(path, f"cannot read: {error.strerror or error}") from None


def write_atomic(path: Path, text: str) -> None:
    """Write text as UTF-8 with LF line ends, atomically (see write_bytes_atomic)."""
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write through a temporary file in the same folder and rename it into place; an existing
    file keeps its permissions."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise LessonError(path, f"folder {folder} does not exist")
    if path.is_dir():
        raise LessonError(path, "is a folder: name the file to write")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise LessonError(path, f"cannot write: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o777)
        else:
            os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise LessonError(path, f"cannot write: {error.strerror or error}") from None
        raise
