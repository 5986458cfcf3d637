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

Renders are cached on disk, keyed by a hash of pandoc's version, the filter and the input.
"""

from __future__ import annotations

import hashlib
import subprocess
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
    html: str
    error: str = ""  # pandoc's message when it refused the page (e.g. front matter that is not YAML)


def _command() -> list[str]:
    return [pandoc_path(), "-f", SANDPAPER_FROM, *OPTIONS, "--lua-filter", str(LUA_FILTER)]


def _render(data: bytes, cache: Path, key: str) -> Render:
    cached = cache / f"{key}.html"
    failed = cache / f"{key}.error"
    if cached.is_file():
        return Render(cached.read_text(encoding="utf-8"))
    if failed.is_file():
        return Render("", failed.read_text(encoding="utf-8"))
    proc = subprocess.run(_command(), input=data, capture_output=True, check=False)
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip() or f"pandoc exited with {proc.returncode}"
        failed.write_text(message, encoding="utf-8")
        return Render("", message)
    html = proc.stdout.decode("utf-8")
    cached.write_text(html, encoding="utf-8")
    return Render(html)


def render_pages(inputs: Iterable[bytes], cache: Path, jobs: int = 2) -> list[Render]:
    """Render each input (see page_input) as sandpaper does, ``jobs`` pandoc processes at a time.

    The work is pandoc's, in child processes, so a thread per job is enough to keep them busy.
    """
    cache.mkdir(parents=True, exist_ok=True)
    salt = hashlib.sha256(
        "\0".join((pandoc_version(), *_command()[1:-1])).encode() + LUA_FILTER.read_bytes()
    ).hexdigest()
    inputs = list(inputs)
    keys = [hashlib.sha256(salt.encode() + data).hexdigest() for data in inputs]
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        return list(pool.map(lambda pair: _render(pair[0], cache, pair[1]), zip(inputs, keys)))


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
