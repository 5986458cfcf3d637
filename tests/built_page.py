"""The built-page oracle: a lesson page rendered as sandpaper renders it, read back as data.

``render_pages`` runs pandoc 3 with sandpaper's exact arguments and its Lua filter
(``../shared/oracle/lesson.lua``, see the README there) on each page, the way
``render_html()`` does: the page as knitr leaves it (chunk headers made plain fences), a newline,
then links.md. Each page is rendered on its own; the home page index.html holds two such
renders, index.md's and learners/setup.md's (``build_home()``), so ids do not clash between them.

sandpaper post-processes the HTML in R (``fix_nodes()``): it adds an anchor link and an `<hr>`
to each top-level h2, `<h3 class="code-label">` above each code block, and rewrites
`setup.html#x` to `index.html#x`. None of that changes an id; the headings it adds are not
the author's and the setup rewrite comes after the filter, so the oracle stops at the filter.

``read_built_page`` parses the HTML with the standard library: every id, every h1-h6 (level,
id, text, classes, enclosing elements) and every ``a[href]`` and ``src`` of an img, embed, video
or audio, in document order.

Renders are made many at a time in `pandoc lua` (render_many) and cached on disk, keyed by a hash
of pandoc's version, the filter and the input.
"""

from __future__ import annotations

import atexit
import functools
import gzip
import hashlib
import json
import os
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable, Optional

from pandoc_oracle import SANDPAPER_FROM, normalise_rmd, pandoc_path, pandoc_version

ORACLE = Path(__file__).resolve().parents[2] / "shared" / "oracle"
LUA_FILTER = ORACLE / "lesson.lua"
# construct_pandoc_args() in sandpaper's R/render_html.R
OPTIONS = ("-t", "html", "--preserve-tabs", "--indented-code-classes=sh", "--section-divs", "--mathjax")
VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"))
HEADING_TAGS = {f"h{level}": level for level in range(1, 7)}
MEDIA_TAGS = ("img", "embed", "video", "audio")  # what pandoc writes for an image, by its file's type


# --- rendering -----------------------------------------------------------------------------


def page_input(path: Path, links: Optional[Path]) -> bytes:
    """What sandpaper hands pandoc for a page: the knitted page, a newline, links.md."""
    data = path.read_bytes()
    if path.suffix == ".Rmd":
        data = normalise_rmd(data.decode("utf-8")).encode("utf-8")
    if links is not None and links.is_file():
        data += b"\n" + links.read_bytes()
    return data


@dataclass
class Render:
    html: str  # the built page's HTML, or for the "read" and "built" modes pandoc's JSON AST
    error: str = ""  # pandoc's message when it refused the page (e.g. front matter that is not YAML)


# Many pages in one `pandoc lua` process: pandoc.read with the reader options of sandpaper's call,
# the filter run afresh on each (its counters start at 1), pandoc.write with its writer options.
# Modes: "read" (the AST as pandoc reads the page), "built" (the AST after the filter), "html".
BATCH_SCRIPT = r"""
local from, filter = arg[1], arg[2]
local payload = pandoc.json.decode(io.read("a"), false)
local abbreviations = {}
for _, word in ipairs(payload.abbreviations) do abbreviations[word] = true end  -- a set: its keys
local reader = {indented_code_classes = {"sh"}, abbreviations = abbreviations, columns = 72}
local writer = {section_divs = true, html_math_method = "mathjax"}
local out = {}
for i, request in ipairs(payload.requests) do
  local mode, text = request[1], request[2]
  local ok, result = pcall(function()
    local doc = pandoc.read(text, from, reader)
    if mode == "read" then return pandoc.write(doc, "json") end
    doc = pandoc.utils.run_lua_filter(doc, filter)
    if mode == "built" then return pandoc.write(doc, "json") end
    return pandoc.json.encode(pandoc.write(doc, "html", writer))
  end)
  out[i] = ok and result or pandoc.json.encode({error = tostring(result)})
end
io.write("[" .. table.concat(out, ",") .. "]")
"""
MODES = ("read", "built", "html")


def _command() -> list[str]:
    return [pandoc_path(), "-f", SANDPAPER_FROM, *OPTIONS, "--lua-filter", str(LUA_FILTER)]


@functools.lru_cache(maxsize=None)
def _batch_script() -> str:
    fd, path = tempfile.mkstemp(prefix="lessonkit-built-", suffix=".lua")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(BATCH_SCRIPT)
    atexit.register(os.remove, path)
    return path


@functools.lru_cache(maxsize=None)
def _abbreviations() -> list[str]:
    """The abbreviations the pandoc CLI reads (its data file; pandoc.read's default set is smaller)."""
    out = subprocess.run([pandoc_path(), "--print-default-data-file", "abbreviations"], capture_output=True,
                         check=True, text=True).stdout
    return [word for word in out.split("\n") if word]


def _run_batch(requests: list[tuple[str, str]]) -> list[Render]:
    payload = json.dumps({"abbreviations": _abbreviations(), "requests": requests}).encode("utf-8")
    proc = subprocess.run([pandoc_path(), "lua", _batch_script(), SANDPAPER_FROM, str(LUA_FILTER)],
                          input=payload, capture_output=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"pandoc lua exited with {proc.returncode}: {proc.stderr.decode('utf-8', 'replace')[-500:]}")
    out = []
    for (mode, _text), result in zip(requests, json.loads(proc.stdout)):
        if isinstance(result, dict) and "error" in result:
            out.append(Render("", result["error"]))
        else:
            out.append(Render(result if mode == "html" else json.dumps(result)))
    return out


def _salt() -> str:
    return hashlib.sha256("\0".join((pandoc_version(), BATCH_SCRIPT, *_command()[1:-1])).encode()
                          + LUA_FILTER.read_bytes()).hexdigest()


def as_sandpaper_reads(data: bytes) -> str:
    """The text pandoc's reader gets from the CLI for these bytes: UTF-8 without a BOM, LF line
    ends, tabs kept (--preserve-tabs)."""
    text = data.decode("utf-8")
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def render_many(requests: Iterable[tuple[str, str]], cache: Path, jobs: int = 2, batch: int = 40) -> list[Render]:
    """For each (mode, text), what sandpaper's pandoc call makes of text (see BATCH_SCRIPT for the
    modes), cached on disk by pandoc's version, the filter and the input; the renders not in the
    cache are made ``batch`` at a time in ``jobs`` pandoc processes.

    The text is what the CLI hands its reader (as_sandpaper_reads); tests/test_judge.py holds the
    batch against sandpaper's command line."""
    cache.mkdir(parents=True, exist_ok=True)
    salt = _salt()
    requests = list(requests)
    keys = [hashlib.sha256(f"{salt}\0{mode}\0".encode() + text.encode("utf-8")).hexdigest() for mode, text in requests]
    results: list[Optional[Render]] = [None] * len(requests)
    todo: dict[str, int] = {}
    for index, key in enumerate(keys):
        cached, failed = cache / f"{key}.out.gz", cache / f"{key}.error"
        if cached.is_file():
            results[index] = Render(gzip.decompress(cached.read_bytes()).decode("utf-8"))
        elif failed.is_file():
            results[index] = Render("", failed.read_text(encoding="utf-8"))
        else:
            todo.setdefault(key, index)
    pending = list(todo.items())
    chunks = [pending[start : start + batch] for start in range(0, len(pending), batch)]
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        for chunk, renders in zip(chunks, pool.map(lambda chunk: _run_batch([requests[i] for _, i in chunk]), chunks)):
            for (key, index), render in zip(chunk, renders):
                if render.error:
                    (cache / f"{key}.error").write_text(render.error, encoding="utf-8")
                else:  # an AST is large and repetitive: a tenth of it on disk
                    (cache / f"{key}.out.gz").write_bytes(gzip.compress(render.html.encode("utf-8"), 6))
                results[index] = render
    for index, key in enumerate(keys):
        if results[index] is None:  # the same request twice
            results[index] = results[todo[key]]
    return results  # type: ignore[return-value]


def render_pages(inputs: Iterable[bytes], cache: Path, jobs: int = 2) -> list[Render]:
    """The built page's HTML for each input (see page_input), as sandpaper renders it."""
    return render_many((("html", as_sandpaper_reads(data)) for data in inputs), cache, jobs)


# --- reading the HTML ----------------------------------------------------------------------


@dataclass
class Element:
    tag: str
    id: str
    classes: tuple[str, ...]


@dataclass
class BuiltHeading:
    level: int
    id: str  # its own id, or that of the <section> it opens (--section-divs puts it there)
    classes: tuple[str, ...]
    ancestors: tuple[Element, ...]  # enclosing elements, outermost first
    text: str = ""


@dataclass
class BuiltLink:
    tag: str  # "a", or for an image "img", "embed", "video" or "audio"
    url: str  # the href or src, as written in the HTML (entities decoded)


@dataclass
class BuiltPage:
    ids: list[str] = field(default_factory=list)
    headings: list[BuiltHeading] = field(default_factory=list)
    links: list[BuiltLink] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = BuiltPage()
        self.open: list[Element] = []
        self.heading: Optional[BuiltHeading] = None
        self.fresh_section: Optional[Element] = None  # a <section> with nothing in it yet

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        ident = values.get("id") or ""
        if ident:
            self.page.ids.append(ident)
        if tag == "a" and values.get("href") is not None:
            self.page.links.append(BuiltLink("a", values["href"]))
        elif tag in MEDIA_TAGS and values.get("src") is not None:
            self.page.links.append(BuiltLink(tag, values["src"]))
        element = Element(tag, ident, tuple((values.get("class") or "").split()))
        if tag in HEADING_TAGS and self.open and self.open[-1].tag in HEADING_TAGS:
            # a heading opened in a heading closes it, as a browser reads the page (the HTML
            # standard's "in body" rule for h1-h6): raw HTML may leave a heading open
            self.handle_endtag(self.open[-1].tag)
        if tag in HEADING_TAGS and self.heading is None:
            section = self.fresh_section
            self.heading = BuiltHeading(
                HEADING_TAGS[tag], ident or (section.id if section else ""), element.classes, tuple(self.open)
            )
            self.page.headings.append(self.heading)
        self.fresh_section = element if tag == "section" else None
        if tag not in VOID:
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        self.fresh_section = None
        heading = tag in HEADING_TAGS  # any </hN> ends the open heading, whatever its level (as in a browser)
        if self.heading is not None and heading:
            self.heading.text = " ".join(self.heading.text.split())
            self.heading = None
        for depth in range(len(self.open) - 1, -1, -1):  # raw HTML in a page may leave tags open
            if self.open[depth].tag == tag or (heading and self.open[depth].tag in HEADING_TAGS):
                del self.open[depth:]
                break

    def handle_data(self, data):
        if data.strip():
            self.fresh_section = None
        if self.heading is not None:
            self.heading.text += data


def read_built_page(html: str) -> BuiltPage:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.page


def html_tokens(html: str) -> list:
    """The HTML's tags, each with its attributes in order of name (the filter sets some from a Lua
    table, in no fixed order), and its text: two renders of one page compare equal."""

    class Tokens(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.found = []

        def handle_starttag(self, tag, attrs):
            self.found.append(("start", tag, tuple(sorted(attrs))))

        def handle_endtag(self, tag):
            self.found.append(("end", tag))

        def handle_data(self, data):
            if data.strip():
                self.found.append(("text", data.strip()))

    parser = Tokens()
    parser.feed(html)
    return parser.found
