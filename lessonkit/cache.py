"""Parsed pages kept across runs, so that a page whose text has not changed is not parsed again.

Two caches answer the same questions: MemoryCache (the fixer's passes, the language server)
and DiskCache (the command line; ``.lessonkit_cache/`` at the lesson root, or
``$LESSONKIT_CACHE_DIR``). A page's entry is keyed by lessonkit itself (its version and its own
files, so the parser's settings and what it records), the link definitions it is read with
(links.md), and a hash of its text.

A cache folder inside a repository can be written by anyone who can open a pull request, so
the disk cache holds JSON data only, never pickles, and every entry is checked field by field
as it is loaded: a corrupt, truncated or foreign file is a miss, and is written anew. Entries
are written to a temporary file and renamed into place, so concurrent runs never see half an
entry.
"""

from __future__ import annotations

import hashlib
import json
import operator
import os
import types
import typing
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any, Optional

from . import __version__
from .disk import Disk
from .findings import Edit, Finding, Fix, LintResult

if typing.TYPE_CHECKING:
    from .markdown.model import Div, ParsedPage

CACHE_FOLDER = ".lessonkit_cache"
ENVIRONMENT_VARIABLE = "LESSONKIT_CACHE_DIR"


UNIONS = (typing.Union, getattr(types, "UnionType", typing.Union))


class Invalid(Exception):
    """A cache entry that does not hold what this version of lessonkit would write."""


# --- the codec: ParsedPage <-> JSON data, checked on the way in ---------------------------

# Fields that refer to another record of the page are stored as indexes (divs into all_divs);
# fields that follow from others are rebuilt rather than stored.
# (By class name: the model loads only when a page is stored or read.)
DIV_REFERENCES = {("Div", "parent"), ("Heading", "div"), ("Block", "div")}
DERIVED = {("Div", "children"), ("Div", "headings"), ("ParsedPage", "divs")}


def _checker(annotation) -> Any:
    """(allowed types, convert or None) for a field: the value's type must be one of the allowed
    types, then convert (if any) checks its insides and builds what it holds."""
    origin = typing.get_origin(annotation)
    arguments = typing.get_args(annotation)
    if annotation in (int, str, bool):
        return frozenset((annotation,)), None
    if origin in UNIONS and type(None) in arguments:
        allowed, convert = _checker(next(a for a in arguments if a is not type(None)))
        return allowed | {type(None)}, (None if convert is None else lambda value: None if value is None else convert(value))
    if origin is list:
        item_allowed, item_convert = _checker(arguments[0])
        if item_convert is None:
            def convert(value):
                if not all(type(item) in item_allowed for item in value):
                    raise Invalid("a list item of the wrong type")
                return value
        else:
            def convert(value):
                if not all(type(item) in item_allowed for item in value):
                    raise Invalid("a list item of the wrong type")
                return [item_convert(item) for item in value]
        return frozenset((list,)), convert
    if origin is dict and arguments == (str, str):
        def convert(value):
            if not all(type(k) is str and type(v) is str for k, v in value.items()):
                raise Invalid("a mapping of the wrong types")
            return value
        return frozenset((dict,)), convert
    if annotation is dict:
        return frozenset((dict,)), _json_value
    if is_dataclass(annotation):
        return frozenset((list,)), _record_checker(annotation)
    raise TypeError(f"the cache cannot store {annotation!r}")  # a model field of a new kind


def _json_value(value):
    if value is None or type(value) in (str, int, float, bool):
        return value
    if type(value) is list:
        return [_json_value(v) for v in value]
    if type(value) is dict and all(type(k) is str for k in value):
        return {k: _json_value(v) for k, v in value.items()}
    raise Invalid("not JSON data")


def _hints(cls) -> dict:
    """The model's field annotations as types. The model writes them as strings (postponed
    annotations); evaluating them in the model's namespace is what typing.get_type_hints does,
    at a fraction of its cost. Only lessonkit's own source is evaluated, never cache data."""
    from .markdown import model

    namespace = vars(model)
    return {f.name: eval(f.type, namespace) if isinstance(f.type, str) else f.type for f in fields(cls)}


def _stored_fields(cls) -> list:
    return [f for f in fields(cls) if (cls.__name__, f.name) not in DERIVED]


def _record_checker(cls):
    """Check a record stored as the list of its fields' values and build it; div references
    are left as indexes for _link to resolve, derived fields start empty."""
    hints = _hints(cls)
    stored = _stored_fields(cls)
    names = [f.name for f in stored]
    checks = [_checker(Optional[int] if (cls.__name__, f.name) in DIV_REFERENCES else hints[f.name]) for f in stored]
    allowed = [allowed for allowed, _ in checks]
    converts = [(position, convert) for position, (_, convert) in enumerate(checks) if convert is not None]
    derived = [f.name for f in fields(cls) if (cls.__name__, f.name) in DERIVED]
    count = len(stored)
    new = object.__new__

    def check(value):
        if type(value) is not list or len(value) != count:
            raise Invalid(f"not a {cls.__name__} record")
        if not all(map(operator.contains, allowed, map(type, value))):
            raise Invalid(f"a {cls.__name__} field of the wrong type")
        for position, convert in converts:
            value[position] = convert(value[position])
        record = new(cls)
        record.__dict__.update(zip(names, value))
        for name in derived:
            setattr(record, name, [])
        return record

    return check


_PAGE_CHECK = None


def _record_encoder(cls, divs_of):
    """A function storing a record as the list of its fields' values (see _record_checker);
    divs_of() gives the {id(div): index} map of the page being encoded."""
    hints = _hints(cls)
    stored = _stored_fields(cls)
    getter = operator.attrgetter(*[f.name for f in stored])
    steps = []  # (position, how) for the fields that are not JSON as they are
    for position, f in enumerate(stored):
        annotation = hints[f.name]
        if (cls.__name__, f.name) in DIV_REFERENCES:
            steps.append((position, "div", None))
        elif typing.get_origin(annotation) is list and is_dataclass(typing.get_args(annotation)[0]):
            steps.append((position, "records", _record_encoder(typing.get_args(annotation)[0], divs_of)))

    def encode_record(record) -> list:
        values = list(getter(record)) if len(stored) > 1 else [getter(record)]
        for position, how, inner in steps:
            value = values[position]
            if how == "div":
                values[position] = None if value is None else divs_of()[id(value)]
            else:
                values[position] = [inner(item) for item in value]
        return values

    return encode_record


_PAGE_ENCODER = None
_ENCODING_DIVS: list = [{}]


def encode(page: ParsedPage) -> list:
    """The page as JSON data."""
    global _PAGE_ENCODER
    if _PAGE_ENCODER is None:
        from .markdown.model import ParsedPage

        _PAGE_ENCODER = _record_encoder(ParsedPage, lambda: _ENCODING_DIVS[0])
    _ENCODING_DIVS[0] = {id(div): index for index, div in enumerate(page.all_divs)}
    try:
        return _PAGE_ENCODER(page)
    finally:
        _ENCODING_DIVS[0] = {}


def decode(data) -> ParsedPage:
    """The page stored as data by encode(); raises Invalid for anything else."""
    global _PAGE_CHECK
    if _PAGE_CHECK is None:
        from .markdown.model import ParsedPage

        _PAGE_CHECK = _record_checker(ParsedPage)
    try:
        page = _PAGE_CHECK(data)
    except (TypeError, ValueError, RecursionError) as error:
        raise Invalid(str(error)) from None
    _link(page)
    return page


def _div(page: ParsedPage, index, before: int) -> Optional[Div]:
    if index is None:
        return None
    if not 0 <= index < before:
        raise Invalid("div reference out of range")
    return page.all_divs[index]


def _link(page: ParsedPage) -> None:
    """Turn div indexes back into the objects, and rebuild what follows from them."""
    for position, div in enumerate(page.all_divs):
        div.parent = _div(page, div.parent, position)  # a parent always comes first
        (div.parent.children if div.parent is not None else page.divs).append(div)
    count = len(page.all_divs)
    for heading in page.headings:
        heading.div = _div(page, heading.div, count)
        if heading.div is not None:
            heading.div.headings.append(heading)
    for heading in page.html_headings:
        heading.div = _div(page, heading.div, count)
    for block in page.blocks:
        block.div = _div(page, block.div, count)


# --- keys ---------------------------------------------------------------------------------

_CODE: Optional[str] = None
_FINGERPRINTS: list = []  # (references object, its fingerprint): a lesson reads every page with one


def _references_fingerprint(references: dict) -> str:
    for known, fingerprint in _FINGERPRINTS:
        if known is references:
            return fingerprint
    fingerprint = hashlib.sha256(json.dumps(references, sort_keys=True, default=str).encode()).hexdigest()
    _FINGERPRINTS[:] = [(references, fingerprint)]
    return fingerprint


def code_fingerprint() -> str:
    """lessonkit's version and the name, size and modification time of each of its own files:
    a different lessonkit (a new release, an edited checkout) never reads another's entries."""
    global _CODE
    if _CODE is None:
        package = Path(__file__).resolve().parent
        digest = hashlib.sha256(__version__.encode())
        for folder, subfolders, files in os.walk(package):
            subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
            for name in sorted(files):
                if name.endswith((".py", ".json")):
                    info = os.stat(os.path.join(folder, name))
                    digest.update(f"{os.path.relpath(os.path.join(folder, name), package)}\0{info.st_size}\0"
                                  f"{info.st_mtime_ns}\0".encode())
        _CODE = digest.hexdigest()
    return _CODE


def page_key(body: str, references: dict) -> str:
    """What a parse depends on: lessonkit itself, links.md, and the page's text."""
    digest = hashlib.sha256(f"{code_fingerprint()}\0{_references_fingerprint(references)}\0".encode())
    digest.update(body.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


# --- a lesson's findings, and what they depended on ---------------------------------------

def report_key(root: Path, targets, in_full, select: list[str], ignore: list[str]) -> str:
    """What a lesson's findings depend on besides what the run read: lessonkit itself, the
    lesson, the files reported on (None: all) and those linted in full, and the command line's
    rule selection."""
    parts = [code_fingerprint(), str(root.resolve()), "*" if targets is None else "", *sorted(map(str, targets or ())),
             "\0", *sorted(map(str, in_full)), "\0", *select, "\0", *ignore]
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _encode_finding(finding: Finding) -> list:
    fix = finding.fix
    return [str(finding.path), finding.line, finding.column, finding.code, finding.message, finding.name,
            finding.severity, finding.end_line, finding.end_column,
            None if fix is None else [fix.description, fix.safe, [[e.line, e.column, e.end_line, e.end_column, e.text]
                                                                  for e in fix.edits]]]


_FINDING_TYPES = (str, int, int, str, str, str, str, int, int)


def _decode_finding(data) -> Finding:
    if type(data) is not list or len(data) != 10 or not all(map(isinstance, data, _FINDING_TYPES)):
        raise Invalid("not a finding")
    fix = data[9]
    if fix is not None:
        if type(fix) is not list or len(fix) != 3 or type(fix[0]) is not str or type(fix[1]) is not bool \
                or type(fix[2]) is not list:
            raise Invalid("not a fix")
        edits = []
        for edit in fix[2]:
            if type(edit) is not list or len(edit) != 5 or not all(map(isinstance, edit, (int, int, int, int, str))):
                raise Invalid("not an edit")
            edits.append(Edit(*edit))
        fix = Fix(fix[0], tuple(edits), fix[1])
    path, line, column, code, message, name, severity, end_line, end_column = data[:9]
    return Finding(Path(path), line, column, code, message, name, severity, end_line, end_column, fix)


# --- the caches ---------------------------------------------------------------------------


class MemoryCache:
    """Parsed pages in memory by key, in front of another cache (or none). Parsed pages are
    shared between lessons and must not be changed by their readers.

    Past limit entries, the least recently used goes. A long-lived reader (the language server,
    which sees every version of a page being edited) calls trim() to drop what it no longer
    uses."""

    def __init__(self, below=None, limit: int = 4096) -> None:
        self.below = below
        self.limit = limit
        self.pages: dict[str, ParsedPage] = {}  # least recently used first
        self.used: set[str] = set()  # keys read or written since the last trim()

    def get(self, path: Path, body: str, references: dict) -> Optional[ParsedPage]:
        key = page_key(body, references)
        page = self.pages.pop(key, None)
        if page is None and self.below is not None:
            page = self.below.get(path, body, references)
        if page is not None:
            self._keep(key, page)
        return page

    def put(self, path: Path, body: str, references: dict, page: ParsedPage) -> None:
        self._keep(page_key(body, references), page)
        if self.below is not None:
            self.below.put(path, body, references, page)

    def trim(self) -> None:
        """Forget every entry that no get or put has used since the last trim."""
        self.pages = {key: page for key, page in self.pages.items() if key in self.used}
        self.used = set()

    def _keep(self, key: str, page: ParsedPage) -> None:
        self.pages.pop(key, None)
        if len(self.pages) >= self.limit:
            del self.pages[next(iter(self.pages))]  # the least recently used entry
        self.pages[key] = page
        self.used.add(key)


class DiskCache:
    """One JSON file per page under folder, named by the page's path, holding its key."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.ready = False
        self.written = 0
        self.hits = 0

    @classmethod
    def for_lesson(cls, root: Path) -> "DiskCache":
        configured = os.environ.get(ENVIRONMENT_VARIABLE)
        return cls(Path(configured) if configured else root / CACHE_FOLDER)

    def _entry(self, path: Path) -> Path:
        name = hashlib.sha256(str(path.resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:32]
        return self.folder / "pages" / f"{name}.json"

    def get(self, path: Path, body: str, references: dict) -> Optional[ParsedPage]:
        try:
            with open(self._entry(path), "rb") as stream:
                stored = json.loads(stream.read())
        except (OSError, ValueError, RecursionError):
            return None  # absent, unreadable or not JSON: parse and write it anew
        if type(stored) is not dict or stored.get("key") != page_key(body, references):
            return None
        try:
            page = decode(stored.get("page"))
        except Invalid:
            return None
        self.hits += 1
        return page

    def put(self, path: Path, body: str, references: dict, page: ParsedPage) -> None:
        data = json.dumps({"key": page_key(body, references), "page": encode(page)}, separators=(",", ":"),
                          ensure_ascii=False)
        self._write(self._entry(path), data)

    def _report_entry(self, key: str) -> Path:
        return self.folder / "reports" / f"{key[:32]}.json"

    def get_report(self, key: str):
        """(settings as the run stored them, result) of an earlier run with this key whose every
        filesystem answer still holds, or None."""
        try:
            with open(self._report_entry(key), "rb") as stream:
                stored = json.loads(stream.read())
        except (OSError, ValueError, RecursionError):
            return None
        if type(stored) is not dict or stored.get("key") != key or type(stored.get("answers")) is not dict \
                or type(stored.get("files")) is not int or type(stored.get("unbuilt")) is not int \
                or type(stored.get("findings")) is not list:
            return None
        try:
            if not Disk().still_holds(_json_value(stored["answers"])):
                return None
            settings = _json_value(stored.get("settings"))
            findings = [_decode_finding(item) for item in stored["findings"]]
        except Invalid:
            return None
        return settings, LintResult(findings, stored["files"], stored["unbuilt"])

    def put_report(self, key: str, answers: dict, settings: dict, result: LintResult) -> None:
        """Keep a run's result under key, with the filesystem answers it depended on and the
        settings it ran with (JSON data, which get_report gives back as it is)."""
        data = {"key": key, "answers": answers, "settings": settings, "files": result.files,
                "unbuilt": result.unbuilt, "findings": [_encode_finding(finding) for finding in result.findings]}
        self._write(self._report_entry(key), json.dumps(data, separators=(",", ":"), ensure_ascii=False))

    def _write(self, entry: Path, data: str) -> None:
        """Write an entry through a temporary file and a rename; failure is no error."""
        try:
            self._prepare()
            import tempfile  # only a run that computes anything writes

            handle, temporary = tempfile.mkstemp(prefix=".entry.", suffix=".tmp", dir=entry.parent)
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as stream:
                    stream.write(data)
                os.replace(temporary, entry)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
            self.written += 1
        except OSError:
            pass  # a read-only checkout or a full disk: the cache is only ever a help

    def _prepare(self) -> None:
        """Create the folder, with a .gitignore that keeps it out of the repository."""
        if self.ready:
            return
        (self.folder / "pages").mkdir(parents=True, exist_ok=True)
        (self.folder / "reports").mkdir(exist_ok=True)
        ignore = self.folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# Created by lessonkit: a cache of parsed pages, safe to delete.\n*\n", encoding="utf-8")
        tag = self.folder / "CACHEDIR.TAG"
        if not tag.exists():
            tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n# lessonkit's cache of parsed pages.\n",
                           encoding="utf-8")
        self.ready = True
