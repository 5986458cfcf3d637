"""The lesson model: a sandpaper lesson folder read the way sandpaper and pandoc read it.

Files -> Lesson (config, pages in build order, each with front matter and parse). Nothing here
decides what is wrong; rules do that from what is recorded here.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Iterable, Mapping, Optional

from .disk import Disk, find_root
from .errors import LessonError
from .frontmatter import FrontMatter, split_front_matter
from .knitr import child_chunks, normalise_knitr
from .layout import FOLDERS, HOME_SOURCES, PAGE_SUFFIXES, ROOT_PAGES
from .markdown.model import ParsedPage
from .repository import Repository, repository
from .textio import resolve_path
from .yamlio import Entry, YamlDocument, load_yaml



@dataclass
class ChildDocument:
    """A file that a knitr chunk of an R Markdown page includes (`child='files/part.md'`): knitr
    knits it into the page where the chunk stands, so what it holds is on the built page. name
    is None when the chunk computes it (only running R could tell); parsed is None, and problem
    says why, when it cannot be read (no such file, outside the lesson, not text)."""

    line: int  # the chunk's line on the page
    name: Optional[str]
    path: Optional[Path] = None
    parsed: Optional[ParsedPage] = None
    problem: Optional[str] = None


@dataclass
class Page:
    root: Path
    path: Path
    kind: str  # "episode", "learner", "instructor", "profile", "index", "links", "root"
    text: str = ""
    front_matter: Optional[FrontMatter] = None
    parsed: ParsedPage = field(default_factory=ParsedPage)
    error: Optional[LessonError] = None  # the page could not be read
    listed: bool = True  # listed in config.yaml (or picked up because the list is blank)
    children: list[ChildDocument] = field(default_factory=list)  # knitr child documents, in page order

    @property
    def rel(self) -> str:
        return self.path.relative_to(self.root).as_posix()

    @property
    def is_rmd(self) -> bool:
        return self.path.suffix == ".Rmd"

    @cached_property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    @property
    def title(self) -> str:
        value = self.front_matter.get("title") if self.front_matter else None
        return str(value) if value is not None else self.path.stem


@dataclass
class Lesson:
    root: Path
    config_path: Path
    config: YamlDocument
    config_exists: bool
    config_text: str = ""  # config.yaml as pandoc-style text (LF line ends), for fixes to it
    pages: dict[str, Page] = field(default_factory=dict)  # by path relative to the root
    episodes: list[Page] = field(default_factory=list)  # build order, as config.yaml gives it
    # names listed under a folder key with no such file: (folder, name, line in config.yaml)
    missing: list[tuple[str, str, int]] = field(default_factory=list)
    references: dict = field(default_factory=dict)  # links.md definitions, appended to every page
    disk: Disk = field(default_factory=Disk, repr=False)  # how the lesson was read (see lessonkit.disk)

    @property
    def title(self) -> str:
        data = self.config.data if self.config.is_mapping else {}
        return str(data.get("title") or self.root.name)

    def setting(self, key: str, default=None):
        data = self.config.data if self.config.is_mapping else {}
        return data.get(key, default)

    def config_entry(self, key: str) -> Optional[Entry]:
        return self.config.entries.get(key)

    def page(self, rel: str) -> Optional[Page]:
        return self.pages.get(rel)

    @property
    def home(self) -> Optional[Page]:
        """The home page's source: index.md, else index.Rmd (which sandpaper knits to it)."""
        return next((self.pages[name] for name in HOME_SOURCES if name in self.pages), None)

    def builds(self, folder: str, name: str) -> bool:
        """Whether sandpaper builds the page folder/name: config.yaml's list for that folder names
        it, or that list is blank or absent (then every page of the folder is built)."""
        names, _ = _listed_names(self.config, folder)
        return names is None or name in names

    def pages_of(self, kind: str) -> list[Page]:
        return [page for page in self.pages.values() if page.kind == kind]

    @cached_property
    def remotes(self) -> list[Repository]:
        """The repositories the lesson's own git remotes name (a `.git` at its root; none for a
        lesson inside a larger repository), `origin` first; what config.yaml's addresses are
        compared with."""
        found = [(name != "origin", repository(address)) for name, address in self.disk.git_remotes(self.root)]
        return [repo for _, repo in sorted(found, key=lambda pair: pair[0]) if repo is not None]

    @classmethod
    def load(cls, path: Path | str, sources: Optional[Mapping[Path, str]] = None, cache=None) -> "Lesson":
        return load_lesson(Path(path), sources, cache)

    @cached_property
    def site(self):
        """The built site: pages, files, where links lead and the ids of built pages."""
        from .site import Site

        return Site(self)

    def load_page(self, path: Path, sources: Optional[Mapping[Path, str]] = None, cache=None) -> Page:
        """A page the build does not include (a README, a draft elsewhere), read in context."""
        return PageReader(self.root, self.disk.with_sources(sources) if sources else self.disk, cache).page(
            path, "other", self.references)

    def page_at(self, path: Path) -> Optional[Page]:
        """The page of the lesson at path (any spelling of it: relative, through symlinks)."""
        try:
            rel = resolve_path(path).relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return None
        return self.pages.get(rel)

    def with_text(self, path: Path, text: str, cache=None) -> Optional["Lesson"]:
        """This lesson with the page at path read from text (an editor's buffer), every other
        page shared with this lesson rather than read and parsed again; this lesson is left as
        it was. None when the text may change more than that page (config.yaml, links.md, or a
        file that is not a page of the lesson): load the lesson again with it as a source."""
        page = self.page_at(path)
        if page is None or page.kind == "links":
            return None
        disk = self.disk.with_sources({resolve_path(page.path): text})
        with collector_paused():
            changed = PageReader(self.root, disk, cache).page(page.path, page.kind, self.references, page.listed)
        pages = {rel: changed if known is page else known for rel, known in self.pages.items()}
        episodes = [changed if known is page else known for known in self.episodes]
        return replace(self, pages=pages, episodes=episodes, disk=disk)


def _folder_files(disk: Disk, root: Path, folder: str) -> list[Path]:
    """The pages in a folder of the lesson, by name (a symlink loop too: reading it says so)."""
    directory = root / folder
    return [directory / name for name, kind in disk.entries(directory)
            if name.endswith(PAGE_SUFFIXES) and not name.startswith(".") and kind in ("file", "broken")]


class PageReader:
    """Reads and parses the pages of one lesson through its Disk (which may hold texts in place
    of files: an editor's unsaved buffers, the fixer's edited pages) and an optional parse cache."""

    def __init__(self, root: Path, disk: Disk, cache=None) -> None:
        self.root = root
        self.disk = disk
        self.real_root = disk.resolve(root)
        self.cache = cache

    def page(self, path: Path, kind: str, references: dict, listed: bool = True) -> Page:
        page = Page(root=self.root, path=path, kind=kind, listed=listed)
        try:
            if self.disk.is_symlink_loop(path):
                raise LessonError(path, "symbolic link loop: the link points back to itself; not read")
            if not self.disk.inside(self.real_root, path):
                raise LessonError(path, "points outside the lesson; not read")
            page.text = self.disk.read_text(path)
        except LessonError as error:
            page.error = error
            return page
        page.front_matter, page.parsed = parse_text(path, page.text, page.is_rmd, references, self.cache)
        if page.is_rmd:
            page.children = self.children(page, references)
        return page

    def children(self, page: Page, references: dict) -> list[ChildDocument]:
        """The child documents of an R Markdown page, each read (text only, and only a file inside
        the lesson: nothing runs) from the folder of the page, as knitr resolves them. A child's own
        children are not followed."""
        found = []
        for line, names in child_chunks(page.text):
            if names is None:
                found.append(ChildDocument(line, None, problem="the chunk computes the file's name"))
                continue
            for name in names:
                path = page.path.parent / name
                child = ChildDocument(line, name, path)
                if not self.disk.inside(self.real_root, path):
                    child.problem = "outside the lesson"
                elif not self.disk.is_file(path):
                    child.problem = "no such file"
                else:
                    try:
                        text = self.disk.read_text(path)
                    except LessonError as error:
                        child.problem = error.message
                    else:
                        child.parsed = parse_text(path, text, True, references, self.cache)[1]
                found.append(child)
        return found


def parse_text(path: Path, text: str, rmd: bool, references: dict, cache=None):
    """(front matter, parsed page) of the text of the page at path, from the cache when it has it."""
    front_matter, body = split_front_matter(text)
    if rmd:
        body = normalise_knitr(body)
    parsed = cache.get(path, body, references) if cache is not None else None
    if parsed is None:
        from .markdown.parser import parse_page  # markdown-it loads only when a page needs parsing

        parsed = parse_page(body, references)
        if cache is not None:
            cache.put(path, body, references, parsed)
    return front_matter, parsed


def _listed_names(config: YamlDocument, key: str) -> tuple[Optional[list[str]], int]:
    """The file names config.yaml lists under key; None means every file (blank or absent)."""
    entry = config.entries.get(key) if config.is_mapping else None
    if entry is None and key == "episodes":
        entry = config.entries.get("schedule")  # sandpaper still reads the old name
    if entry is None:
        return None, 0
    value = entry.value
    if value is None or value == "":
        return None, entry.line
    if isinstance(value, list):
        return [str(item) for item in value if isinstance(item, (str, int, float))], entry.line
    return None, entry.line  # not a list: lint reports it, the build takes every file


@contextmanager
def collector_paused():
    """Parsing (and linting) makes millions of small, acyclic objects (tokens, findings) that
    live as long as the lesson; the cyclic garbage collector's passes over them made the work
    grow faster than the input."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_lesson(path: Path, sources: Optional[Mapping[Path, str]] = None, cache=None) -> Lesson:
    """The lesson at or above path. sources: texts to use instead of files (by resolved path);
    cache: a parse cache (lessonkit.cache) that keeps parsed pages across runs."""
    with collector_paused():
        return _load_lesson(path, sources, cache)


def _load_lesson(path: Path, sources, cache) -> Lesson:
    root = find_root(path)
    disk = Disk(sources)
    reader = PageReader(root, disk, cache)
    config_path = root / "config.yaml"
    config_exists = disk.is_file(config_path)
    config_text = disk.read_text(config_path) if config_exists else ""
    config = load_yaml(config_text) if config_exists else YamlDocument()
    lesson = Lesson(root=root, config_path=config_path, config=config, config_exists=config_exists,
                    config_text=config_text, disk=disk)

    links = root / "links.md"
    if disk.is_file(links):
        links_page = reader.page(links, "links", {})
        lesson.pages["links.md"] = links_page
        lesson.references = links_page.parsed.references

    for name in ROOT_PAGES:
        if name != "links.md" and disk.is_file(root / name):
            kind = "index" if name in HOME_SOURCES else "root"
            lesson.pages[name] = reader.page(root / name, kind, lesson.references)

    for folder, kind in FOLDERS.items():
        files = _folder_files(disk, root, folder)
        names, line = _listed_names(config, folder)
        by_name = {file.name: file for file in files}
        ordered: list[Path] = []
        if names is None:
            ordered = files
        else:
            for name in names:
                candidate = root / folder / name
                if name in by_name:
                    ordered.append(by_name[name])
                elif disk.inside(disk.resolve(root / folder), candidate) and disk.is_file(candidate):
                    ordered.append(candidate)
                else:
                    lesson.missing.append((folder, name, line))
        for file in ordered:
            page = reader.page(file, kind, lesson.references)
            lesson.pages[page.rel] = page
            if kind == "episode":
                lesson.episodes.append(page)
        for file in files:
            rel = file.relative_to(root).as_posix()
            if rel not in lesson.pages:
                lesson.pages[rel] = reader.page(file, kind, lesson.references, listed=False)
    return lesson


def load_lessons(paths: Iterable[Path], cache=None) -> list[Lesson]:
    """Each distinct lesson the paths belong to, in the order first named."""
    lessons: dict[Path, Lesson] = {}
    for path in paths:
        root = find_root(path)
        if root not in lessons:
            lessons[root] = load_lesson(root, cache=cache)
    return list(lessons.values())
