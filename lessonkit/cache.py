"""Parsed pages kept across runs, so that a page whose text has not changed is not parsed again.

Two caches answer the same questions: MemoryCache (the fixer's passes, the language server)
and DiskCache (the command line; ``.lessonkit_cache/`` at the lesson root, or
``$LESSONKIT_CACHE_DIR``). A page's entry is keyed by lessonkit's version, the model's layout
(the parser's settings and what it records), the link definitions it is read with (links.md),
and a hash of its text.

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
from .markdown import model
from .markdown.model import Block, Div, Heading, ParsedPage

CACHE_FOLDER = ".lessonkit_cache"
ENVIRONMENT_VARIABLE = "LESSONKIT_CACHE_DIR"


UNIONS = (typing.Union, getattr(types, "UnionType", typing.Union))


class Invalid(Exception):
    """A cache entry that does not hold what this version of lessonkit would write."""


# --- the codec: ParsedPage <-> JSON data, checked on the way in ---------------------------

# Fields that refer to another record of the page are stored as indexes (divs into all_divs);
# fields that follow from others are rebuilt rather than stored.
DIV_REFERENCES = {(Div, "parent"), (Heading, "div"), (Block, "div")}
DERIVED = {(Div, "children"), (Div, "headings"), (ParsedPage, "divs")}


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
    namespace = vars(model)
    return {f.name: eval(f.type, namespace) if isinstance(f.type, str) else f.type for f in fields(cls)}


def _stored_fields(cls) -> list:
    return [f for f in fields(cls) if (cls, f.name) not in DERIVED]


def _record_checker(cls):
    """Check a record stored as the list of its fields' values and build it; div references
    are left as indexes for _link to resolve, derived fields start empty."""
    hints = _hints(cls)
    stored = _stored_fields(cls)
    names = [f.name for f in stored]
    checks = [_checker(Optional[int] if (cls, f.name) in DIV_REFERENCES else hints[f.name]) for f in stored]
    allowed = [allowed for allowed, _ in checks]
    converts = [(position, convert) for position, (_, convert) in enumerate(checks) if convert is not None]
    derived = [f.name for f in fields(cls) if (cls, f.name) in DERIVED]
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


def _layout() -> str:
    """The model's shape, so that an entry written by another shape of the model is a miss."""
    parts = []
    for cls in sorted((c for c in vars(model).values() if is_dataclass(c)), key=lambda c: c.__name__):
        parts.append(cls.__name__ + ":" + ",".join(f"{f.name}={f.type}" for f in _stored_fields(cls)))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


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
        if (cls, f.name) in DIV_REFERENCES:
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
    for block in page.blocks:
        block.div = _div(page, block.div, count)


# --- keys ---------------------------------------------------------------------------------

_LAYOUT: Optional[str] = None
_FINGERPRINTS: list = []  # (references object, its fingerprint): a lesson reads every page with one


def _references_fingerprint(references: dict) -> str:
    for known, fingerprint in _FINGERPRINTS:
        if known is references:
            return fingerprint
    fingerprint = hashlib.sha256(json.dumps(references, sort_keys=True, default=str).encode()).hexdigest()
    _FINGERPRINTS[:] = [(references, fingerprint)]
    return fingerprint


def page_key(body: str, references: dict) -> str:
    """What a parse depends on: lessonkit's version, the model's shape, links.md, the text."""
    global _LAYOUT
    if _LAYOUT is None:
        _LAYOUT = _layout()
    digest = hashlib.sha256(f"{__version__}\0{_LAYOUT}\0{_references_fingerprint(references)}\0".encode())
    digest.update(body.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


# --- the caches ---------------------------------------------------------------------------


class MemoryCache:
    """Parsed pages in memory by key, in front of another cache (or none). Parsed pages are
    shared between lessons and must not be changed by their readers."""

    def __init__(self, below=None, limit: int = 4096) -> None:
        self.below = below
        self.limit = limit
        self.pages: dict[str, ParsedPage] = {}

    def get(self, path: Path, body: str, references: dict) -> Optional[ParsedPage]:
        key = page_key(body, references)
        page = self.pages.get(key)
        if page is None and self.below is not None:
            page = self.below.get(path, body, references)
            if page is not None:
                self._keep(key, page)
        return page

    def put(self, path: Path, body: str, references: dict, page: ParsedPage) -> None:
        self._keep(page_key(body, references), page)
        if self.below is not None:
            self.below.put(path, body, references, page)

    def _keep(self, key: str, page: ParsedPage) -> None:
        if len(self.pages) >= self.limit:
            del self.pages[next(iter(self.pages))]  # the oldest entry
        self.pages[key] = page


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
        try:
            self._prepare()
            import tempfile  # only a cold run writes

            entry = self._entry(path)
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
        ignore = self.folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# Created by lessonkit: a cache of parsed pages, safe to delete.\n*\n", encoding="utf-8")
        tag = self.folder / "CACHEDIR.TAG"
        if not tag.exists():
            tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n# lessonkit's cache of parsed pages.\n",
                           encoding="utf-8")
        self.ready = True
