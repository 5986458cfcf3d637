"""The files a schedule is made from: a workshop file (or lesson folders), the lessons it names,
and the workshop website it sits in.

Everything here reads files or runs git; what it returns is plain data for the planner:
option values with where each was written, and the segments to teach.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from ..errors import LessonError
from ..frontmatter import split_front_matter
from ..lesson import Lesson, load_lesson
from ..site import flatten
from ..textio import read_text
from ..yamlio import YamlTree, load_tree
from .entries import LessonEntry, choose, read_entry
from .options import OPTION_READERS, OptionError
from .plan import Segment
from .timings import EpisodeTiming, lesson_timings, missing_episodes

WORKSHOP_SUFFIXES = (".yml", ".yaml")
_GITHUB = re.compile(r"^https?://github\.com/([^/\s]+)/([^/\s]+?)(?:\.git)?/?$")
GIT_TIMEOUT = 300  # seconds for one git command: a clone of a large lesson over a slow line


@dataclass
class Source:
    """Where option values came from, for messages: a file and the lines of its keys."""

    path: Path
    tree: Optional[YamlTree] = None
    prefix: str = ""  # "lessonkit: schedule:" for a lesson's config.yaml

    def error(self, error: OptionError) -> LessonError:
        line = self.tree.line(error.key) if self.tree is not None and error.key else None
        where = f"{self.prefix} " if self.prefix else ""
        return LessonError(self.path, f"{where}{error}", line)


@dataclass
class Workshop:
    """What a schedule is made from."""

    entries: list[LessonEntry]
    base: Path  # lesson paths are relative to this folder
    values: dict[str, Any] = field(default_factory=dict)  # option values the file sets
    source: Optional[Source] = None  # the workshop file, when there is one
    website: dict[str, Any] = field(default_factory=dict)  # defaults from the workshop website
    website_page: Optional[Path] = None

    @property
    def from_file(self) -> bool:
        return self.source is not None


def is_workshop_file(path: Path) -> bool:
    return path.suffix in WORKSHOP_SUFFIXES and path.name != "config.yaml" and not path.is_dir()


def load_workshop(path: Path) -> Workshop:
    """A workshop file: its options and lesson entries, checked key by key."""
    if not path.is_file():
        raise LessonError(path, "no such workshop file")
    tree = load_tree(read_text(path))
    source = Source(path, tree)
    if tree.error:
        raise LessonError(path, f"not valid YAML: {tree.error}", tree.error_line)
    if not isinstance(tree.data, dict):
        raise LessonError(path, "a workshop file is a mapping of keys (title, lessons, start, grid, ...)", 1)
    data = {str(key): value for key, value in tree.data.items()}
    known = sorted({*OPTION_READERS, "lessons"} - {"date"})
    for key in data:
        if key not in OPTION_READERS and key != "lessons":
            raise source.error(OptionError(key, f"unknown key (a workshop file has {', '.join(known)})"))
    lessons = data.pop("lessons", None)
    if not isinstance(lessons, list) or not lessons:
        raise source.error(OptionError("lessons", "expected a list of lessons, each with `path` or `git`"))
    entries = []
    for number, value in enumerate(lessons, 1):
        try:
            entries.append(read_entry(value, f"lessons.{number}"))
        except OptionError as error:
            raise source.error(error) from None
    website, page = website_defaults(path.parent)
    return Workshop(entries, path.parent, data, source, website, page)


def lesson_folders(paths: tuple[Path, ...]) -> Workshop:
    """Lesson folders named on the command line, each taught whole, in the order given."""
    return Workshop([LessonEntry(path=str(path), key=str(path)) for path in paths], Path("."))


# -- the workshop website -------------------------------------------------------------------------

def website_defaults(folder: Path) -> tuple[dict[str, Any], Optional[Path]]:
    """Defaults from a workshop website made from carpentries/workshop-template: the `index.md`
    with `layout: workshop` in this folder or one above it, up to the repository's top. Its
    `startdate` and `enddate` give the dates (weekdays), its `instructor` list the instructors."""
    for candidate in [folder, *folder.resolve().parents]:
        page = candidate / "index.md"
        if page.is_file():
            front_matter, _ = split_front_matter(read_text(page))
            data = front_matter.document.data if front_matter is not None and front_matter.document.is_mapping else None
            if isinstance(data, dict) and data.get("layout") == "workshop":
                return _website_values(data), page
        if (candidate / ".git").exists():
            break
    return {}, None


def _date(value: Any) -> Optional[datetime.date]:
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError:
        return None  # the template's own "FIXME", or a date written some other way


def _website_values(data: dict) -> dict[str, Any]:
    values: dict[str, Any] = {}
    first, last = _date(data.get("startdate")), _date(data.get("enddate"))
    if first is not None and last is not None and last >= first:
        days = [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]
        values["dates"] = [day for day in days if day.weekday() < 5 or day in (first, last)]
    elif first is not None:
        values["start-date"] = first
    names = data.get("instructor")
    if isinstance(names, str):
        names = [names]
    if isinstance(names, list):
        names = [str(name).strip() for name in names if str(name).strip() and "FIXME" not in str(name)]
        if names:
            values["instructors"] = names
    return values


# -- lessons --------------------------------------------------------------------------------------

def cache_home() -> Path:
    """Where cloned lessons are kept: $XDG_CACHE_HOME/lessonkit (~/.cache/lessonkit by default)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "lessonkit" / "lessons"


def _git(arguments: list[str], cwd: Path) -> subprocess.CompletedProcess:
    environment = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_ASKPASS": "", "SSH_ASKPASS": ""}
    return subprocess.run(["git", "-c", "core.hooksPath=/dev/null", "-c", "advice.detachedHead=false", *arguments],
                          cwd=cwd, env=environment, capture_output=True, text=True, timeout=GIT_TIMEOUT)


def clone(address: str, ref: Optional[str], where: Source, key: str, warnings: list[str]) -> Path:
    """A shallow copy of the repository at ref (a branch, tag or commit; default: its default
    branch) in the user's cache, fetched again each time. When the fetch fails and an earlier
    copy is there, that copy is used, and a warning says so."""
    if address.startswith("-") or (ref or "").startswith("-"):
        raise where.error(OptionError(key, "a repository address or ref cannot start with '-'"))
    if shutil.which("git") is None:
        raise where.error(OptionError(key, "cloning a lesson needs the git command, which is not installed"))
    digest = hashlib.sha256(f"{address}\n{ref or ''}".encode("utf-8")).hexdigest()[:16]
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", address.rstrip("/").rsplit("/", 1)[-1]).strip("-.") or "lesson"
    target = cache_home() / f"{name}-{digest}"
    try:
        if not (target / ".git").is_dir():
            target.parent.mkdir(parents=True, exist_ok=True)
            fresh = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=target.parent))
            _checked(_git(["init", "--quiet"], fresh), where, key, address)
            _checked(_git(["remote", "add", "origin", address], fresh), where, key, address)
            fetched = _git(["fetch", "--quiet", "--depth", "1", "--no-tags", "origin", ref or "HEAD"], fresh)
            if fetched.returncode != 0:
                shutil.rmtree(fresh, ignore_errors=True)
                _checked(fetched, where, key, address)
            _checked(_git(["checkout", "--quiet", "--force", "--detach", "FETCH_HEAD"], fresh), where, key, address)
            try:
                fresh.rename(target)
            except OSError:  # another run put a copy there meanwhile: use that one
                shutil.rmtree(fresh, ignore_errors=True)
            return target
        fetched = _git(["fetch", "--quiet", "--depth", "1", "--no-tags", "origin", ref or "HEAD"], target)
        if fetched.returncode == 0:
            _checked(_git(["checkout", "--quiet", "--force", "--detach", "FETCH_HEAD"], target), where, key, address)
        else:
            warnings.append(f"{address}: could not fetch ({_last_line(fetched)}); using the copy in {target}")
        return target
    except subprocess.TimeoutExpired:
        raise where.error(OptionError(key, f"git took over {GIT_TIMEOUT} seconds to fetch {address}")) from None
    except OSError as error:
        raise where.error(OptionError(key, f"cannot keep a copy of {address} in {target.parent}: "
                                           f"{error.strerror or error}")) from None


def _last_line(completed: subprocess.CompletedProcess) -> str:
    lines = [line.strip() for line in (completed.stderr or completed.stdout or "").splitlines() if line.strip()]
    return lines[-1] if lines else f"git exited with {completed.returncode}"


def _checked(completed: subprocess.CompletedProcess, where: Source, key: str, address: str) -> None:
    if completed.returncode != 0:
        raise where.error(OptionError(key, f"cannot fetch {address}: {_last_line(completed)}"))


def published_address(lesson: Lesson) -> Optional[str]:
    """The lesson's published home page: config.yaml's `url`, else the GitHub Pages address of
    its `source` repository (https://github.com/org/name is served at https://org.github.io/name/)."""
    url = lesson.setting("url")
    if isinstance(url, str) and re.match(r"^https?://", url.strip()):
        return url.strip().rstrip("/") + "/"
    source = lesson.setting("source")
    match = _GITHUB.match(source.strip()) if isinstance(source, str) else None
    if match:
        return f"https://{match.group(1).lower()}.github.io/{match.group(2)}/"
    return None


def episode_links(lesson: Lesson, timings: list[EpisodeTiming], relative: bool) -> tuple[Optional[str], list]:
    """(the lesson's home page, each episode's page) as the schedule links them. Inside the lesson
    (relative), an episode is linked by its source file, ../episodes/01-intro.md, which sandpaper
    turns into the built page and checks, and which works when browsing the repository too.
    Anywhere else, by its published page (https://org.github.io/lesson/01-intro.html)."""
    home = published_address(lesson)
    if relative:
        return home, [f"../{timing.rel}" for timing in timings]
    return home, [home + flatten(timing.rel) if home else None for timing in timings]


@dataclass
class Chosen:
    """The segments a workshop teaches, the lessons read, and what to warn about."""

    segments: list[Segment]
    warnings: list[str]
    lessons: list[Lesson]


def choose_segments(workshop: Workshop, lesson_breaks: bool, relative_links: bool) -> Chosen:
    """Each entry's lesson read (cloned if need be), and its episodes chosen."""
    warnings: list[str] = []
    segments: list[Segment] = []
    loaded: dict[Path, tuple[Lesson, list[EpisodeTiming]]] = {}
    source = workshop.source
    for group, entry in enumerate(workshop.entries):
        if entry.git is not None:
            folder = clone(entry.git, entry.ref, source, f"{entry.key}.git", warnings)
        else:
            folder = (workshop.base / entry.path) if not Path(entry.path).is_absolute() else Path(entry.path)
            if source is not None and not folder.is_dir():
                raise source.error(OptionError(f"{entry.key}.path", f"no lesson folder at {folder}"))
        lesson, timings = _read_lesson(folder, loaded, warnings, several=len(workshop.entries) > 1)
        home, links = episode_links(lesson, timings, relative_links)
        try:
            segments.extend(choose(entry, timings, lesson_breaks, links, home, group))
        except OptionError as error:
            if source is None:
                raise LessonError(lesson.config_path, error.message) from None
            raise source.error(error) from None
    return Chosen(segments, warnings, [lesson for lesson, _ in loaded.values()])


def _read_lesson(folder: Path, loaded: dict, warnings: list[str], several: bool):
    lesson = load_lesson(folder)
    if lesson.root in loaded:
        return loaded[lesson.root]
    timings = lesson_timings(lesson)
    prefix = f"{lesson.root.name}/" if several else ""
    warnings.extend(missing_episodes(lesson))
    for timing in timings:
        warnings.extend(prefix + warning for warning in timing.warnings)
    defaulted = [timing for timing in timings if timing.defaulted and not timing.is_break]
    if defaulted:
        count = len(defaulted)
        warnings.append(
            f"{lesson.root.name}: {count} episode{'s have' if count != 1 else ' has'} no "
            f"teaching or exercises minutes in the front matter; sandpaper counts 5 minutes for each "
            f"missing value (lessonkit lint lists them as LK303)")
    loaded[lesson.root] = (lesson, timings)
    return lesson, timings
