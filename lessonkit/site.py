"""The built site of a lesson: which pages and files it serves, where a link leads, and which
ids each built page carries. Rules, the fixer and the language server all ask this one model.

Targets are resolved the way sandpaper builds the site. Its Lua filter (lesson.lua,
``flatten_links``) drops one leading ``../``, then a leading ``episodes/``, ``learners/``,
``instructors/`` or ``profiles/``, and turns ``.md``/``.Rmd`` into ``.html``; every page is then
served at the top level of the site, next to the ``fig/``, ``files/`` and ``data/`` folders of
all four source folders and the other (non-page) files directly in them. Ids are the ones the
built page has: pandoc's, minus what sandpaper's filter drops, plus what it adds.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .errors import LessonError
from .layout import FOLDERS
from .markdown.attributes import parse_attributes

SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
SITE_FOLDERS = tuple(FOLDERS)
RESOURCE_FOLDERS = ("fig", "files", "data")
# Pages sandpaper builds whatever the sources hold. (instructor-notes.html and reference.html are
# not among them: each is built from its page, instructors/instructor-notes.md or
# learners/reference.md, only where config.yaml's list for the folder names it or is blank.)
GENERATED_PAGES = ("index", "aio", "images", "key-points", "profiles", "404")
# The setup page is built even where `learners:` does not list it (get_resource_list's
# provide_setup adds it); no other page is.
SETUP_PAGES = ("learners/setup.md", "learners/setup.Rmd")
# Pages varnish's menu links on every page whatever config.yaml says (navbar.html, header.html):
# the page, the menu entry and its link.
MENU_PAGES = {
    "learners/reference": ("Glossary", "reference.html#glossary"),
    "instructors/instructor-notes": ("Instructor Notes", "instructor/instructor-notes.html"),
}


def menu_entry(page) -> Optional[tuple[str, str]]:
    """(entry, link) of the menu entry varnish puts on every page for this page, or None."""
    return MENU_PAGES.get(posixpath.splitext(page.rel)[0]) if page.path.suffix in (".md", ".Rmd") else None
# sandpaper serves the setup page inside index.html (setup.html#x leads to index.html#x).
HOME_PAGES = ("setup.html", "index.html")
TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
# Liquid variables of the styles template: the site's root, and the lesson's GitHub repository.
SITE_ROOT_VARIABLES = ("page.root", "site.root", "site.baseurl", "relative_root_path")
REPOSITORY_VARIABLES = ("site.github.repository_url", "site.repository_url")
LEADING_TAGS = re.compile(r"(?:\{\{.*?\}\}|\{%.*?%\})+")
HOST_LIKE = re.compile(r"^(?:www\.)?[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.(?:com|org|net|edu|gov|io|dev|ai|uk|de|fr|nl|ca|au|info|int|eu|us)(?:[/:]|$)")
EMAIL_LIKE = re.compile(r"^[^/@\s]+@[^/@\s]+\.[A-Za-z]{2,}$")


def split_target(target: str) -> tuple[str, Optional[str]]:
    """(path, fragment) of a relative target; the query is dropped, fragment None when absent."""
    path, hash_, fragment = target.partition("#")
    path = path.partition("?")[0]
    return path, (fragment if hash_ else None)


# What pandoc's HTML writer makes of an image, by the MIME type of its file's extension (each
# checked with pandoc 3.9): <video> or <audio> (the alt text a fallback link), <embed> for
# another known type such as a PDF (no alt text at all), <img> for an image or an unknown type.
VIDEO_EXTENSIONS = frozenset("3gp avi flv m4v mkv mov mp4 mpeg mpg ogv webm wmv".split())
AUDIO_EXTENSIONS = frozenset("aac flac m4a mid midi mp3 oga ogg opus wav weba".split())
EMBEDDED_EXTENSIONS = frozenset(
    "ai bib bz2 css csv doc docx dot eps gv htm html js json md nc odp ods odt pdf ppt pptx ps py rtf sh tar "
    "tex tgz tsv txt vcf wasm xls xlsx xml".split()
)


def image_element(target: str) -> str:
    """The element pandoc writes for an image of this target: "img", "embed", "video" or "audio"."""
    path = target.partition("#")[0].partition("?")[0]
    if path.lower().endswith(".gz"):
        path = path[:-3]  # pandoc looks through a compressed file's name
    extension = posixpath.splitext(path)[1][1:].lower()
    if extension in VIDEO_EXTENSIONS:
        return "video"
    if extension in AUDIO_EXTENSIONS:
        return "audio"
    return "embed" if extension in EMBEDDED_EXTENSIONS else "img"


def is_external(target: str) -> bool:
    return bool(SCHEME.match(target)) or target.startswith("//")


def flatten(path: str) -> str:
    """What sandpaper's lesson.lua makes of a relative link target (without its fragment)."""
    if path.startswith("../"):
        path = path[3:]
    for folder in SITE_FOLDERS:
        if path.startswith(folder + "/"):
            path = path[len(folder) + 1 :]
    if path.endswith(".Rmd"):
        path = path[:-4] + ".html"
    elif path.endswith(".md"):
        path = path[:-3] + ".html"
    return path


def local_links(page):
    """Links of the page that point into the lesson: (link, path, fragment).

    External links, site-root links (``/...``) and knitr-computed targets are left out."""
    for link in page.parsed.links:
        target = link.target.strip()
        if not target or is_external(target) or target.startswith("/"):
            continue
        if page.is_rmd and "`r" in target:
            continue  # computed by knitr
        path, fragment = split_target(target)
        yield link, path, fragment


@dataclass
class Resolution:
    """Where a relative link leads: pages (slug.html), a file, a generated page, or nowhere."""

    site_path: str
    pages: list = field(default_factory=list)
    generated: bool = False
    file: bool = False
    problem: Optional[str] = None  # why the link leads nowhere
    # what kind of wrong it is: "outside", "draft", "nested link", "template", "e-mail", "web
    # address", "dot slash", "not copied" or "missing" (with the closest name in suggestion)
    cause: str = ""
    suggestion: Optional[str] = None
    # a page named without its extension ("02-loops"): reached only where the server adds .html
    extensionless: bool = False


@dataclass
class Anchor:
    """Where an id of a built page is written: the page, the line and column of the heading,
    div or span that carries it, and what that is ("heading", "div" or "span") with its text
    (a heading's text, a div's class)."""

    page: object
    id: str
    line: int
    column: int
    carrier: str = "heading"
    label: str = ""


class Site:
    """The built site of one lesson: page slugs, built ids, and (cached) existence of files."""

    def __init__(self, lesson) -> None:
        self.lesson = lesson
        self.root = lesson.root
        self.built: dict[str, list] = {}  # slug -> pages served as slug.html
        self.drafts: dict[str, list] = {}  # slug -> pages not listed in config.yaml
        for rel, page in lesson.pages.items():
            if page.kind == "links":
                continue
            slug = Path(rel).stem
            (self.built if self.is_built(page) else self.drafts).setdefault(slug, []).append(page)
        self.overview = bool(lesson.setting("overview"))
        self.disk = lesson.disk
        self.real_root = lesson.disk.resolve(self.root)
        self._ids: dict[str, tuple[set, dict]] = {}
        self._resolved: dict[tuple, Resolution] = {}  # (page folder, path) -> where it leads

    @staticmethod
    def is_built(page) -> bool:
        """Whether sandpaper builds the page: listed in config.yaml (or in a folder it does not
        list), or the setup page, which it always builds."""
        return page.listed or page.rel in SETUP_PAGES

    # files ------------------------------------------------------------------------------
    def exists(self, path: Path) -> bool:
        return self.disk.exists(path)

    def listing(self, folder: Path) -> list[str]:
        try:
            return [name for name, _kind in self.disk.entries(folder)]
        except LessonError:
            return []

    def inside(self, path: Path) -> bool:
        return self.disk.inside(self.real_root, path)

    def file_sources(self, site_path: str) -> list[Path]:
        """The source files sandpaper would copy to site_path (a path inside the site)."""
        parts = site_path.split("/")
        candidates = []
        if len(parts) == 1 or parts[0] in RESOURCE_FOLDERS:
            candidates = [self.root / folder / site_path for folder in SITE_FOLDERS]
            if self.overview and parts[0] in RESOURCE_FOLDERS:
                candidates.append(self.root / site_path)
        return candidates

    def file_exists(self, site_path: str) -> bool:
        return any(self.exists(c) and self.inside(c) for c in self.file_sources(site_path))

    def page_paths(self) -> list[str]:
        """Every page of the built site by the source path a link may name, for completion."""
        return sorted(page.rel for pages in self.built.values() for page in pages)

    # links ------------------------------------------------------------------------------
    def resolve(self, page, path: str) -> Resolution:
        """Where the path part of a relative link on page leads on the built site (it depends on
        the page's folder only, so a link repeated across a folder is resolved once)."""
        key = (page.path.parent, path)
        known = self._resolved.get(key)
        if known is None:
            known = self._resolved[key] = self._resolve(page, path)
        return known

    def _resolve(self, page, path: str) -> Resolution:
        flat = flatten(path)
        site_path = posixpath.normpath(flat) if flat else "."
        if site_path == ".." or site_path.startswith("../"):
            return Resolution(site_path, problem="points outside the lesson", cause="outside")
        if site_path == ".":
            return Resolution("index.html", pages=self.built.get("index", []), generated=True)
        if site_path.endswith(".html"):
            stem = site_path[:-5]
            if stem.startswith("instructor/"):  # the instructor view of a page
                stem = stem[len("instructor/") :]
            if "/" not in stem:
                if stem in self.built:
                    return Resolution(site_path, pages=self.built[stem])
                if stem in GENERATED_PAGES:
                    return Resolution(site_path, generated=True)
                if stem in self.drafts:
                    draft = self.drafts[stem][0]
                    return Resolution(site_path, problem=f"leads to {draft.rel}, which is not listed in config.yaml, "
                                      "so sandpaper does not build it; list it there or drop the link", cause="draft")
        if self.file_exists(site_path.rstrip("/")):
            return Resolution(site_path, file=True)
        if "/" not in site_path and "." not in site_path and (site_path in self.built or site_path in GENERATED_PAGES):
            return Resolution(site_path + ".html", pages=self.built.get(site_path, []),
                              generated=site_path not in self.built, extensionless=True)
        return self._missing(page, path, site_path)

    def link_to(self, page, target) -> str:
        """How a link on page to the lesson page target is written: the target's source path
        relative to the page's folder (`../learners/setup.md` from an episode, `02-loops.md` from
        another episode). That works on GitHub, where the sources are read, and on the built
        site, where sandpaper flattens it to the page (`setup.html`). The message, the fixes and
        the server's completion all write a link to a page with this; where the relative path
        would not reach the page on the built site (a page in a folder below episodes/), the
        page's site address."""
        written = posixpath.relpath(target.rel, posixpath.dirname(page.rel) or ".")
        if any(built is target for built in self.resolve(page, written).pages):
            return written
        return Path(target.rel).stem + ".html"

    def anchor_pages(self, page, path: str) -> Optional[list]:
        """The built pages whose ids an anchor in a link to path may name (path "" is the page
        itself); None when the target is not a page whose ids are known (a file, a generated
        page, nowhere, or a page that could not be read: its LK001 says why)."""
        if not path:
            return [page]
        result = self.resolve(page, path)
        if result.problem or result.file:
            return None
        targets = list(result.pages)
        if result.site_path in HOME_PAGES:
            targets = list(self.built.get("setup", [])) + list(self.built.get("index", [])) + targets
        if any(target.error is not None for target in targets):
            return None
        return list({id(target): target for target in targets}.values()) or None

    def _missing(self, page, path: str, site_path: str) -> Resolution:
        """A link that leads nowhere: why, in words and as a cause a fix can act on."""
        def nowhere(cause: str, problem: str, suggestion: Optional[str] = None) -> Resolution:
            return Resolution(site_path, problem=problem, cause=cause, suggestion=suggestion)

        if "](" in path:
            return nowhere("nested link", "holds a Markdown link, [text](address), inside a link's target: pandoc "
                           "reads all of it, up to the ')' that closes the outer link, as one relative address, which "
                           "is not a file of the lesson; write the address once")
        if TEMPLATE.search(path):
            return nowhere("template", "contains a Jekyll/Liquid template tag, which sandpaper does not expand; "
                           + self._template_advice(page, path))
        if EMAIL_LIKE.match(path):
            return nowhere("e-mail", f"is an e-mail address without 'mailto:'; write 'mailto:{path}'")
        if HOST_LIKE.match(path):
            return nowhere("web address", "looks like a web address without 'https://', so it is read as a file of "
                           "the lesson; add 'https://'")
        bare = path[2:] if path.startswith("./") else ""
        if bare and bare.split("/", 1)[0] in SITE_FOLDERS:
            return nowhere("dot slash", f"starts with './', which sandpaper does not rewrite (it flattens '{bare}' and "
                           f"'../{bare}'), so it leads to '{site_path}', which is not on the site; write '{bare}'")
        source = page.path.parent / path
        if self.inside(source) and self.exists(source):
            where = self.disk.resolve(source).relative_to(self.real_root).as_posix()
            return nowhere("not copied", f"is not on the built site: {where} exists, but sandpaper only copies fig/, "
                           "files/, data/ and the files directly in episodes/, learners/, instructors/ and profiles/; "
                           "move it into one of those")
        close = self.suggestion(page, site_path)
        return nowhere("missing", "does not exist on the built site (no such page, nor file in fig/, files/ or data/)"
                       + (f"; did you mean '{close}'?" if close else ""), close)

    def _template_advice(self, page, path: str) -> str:
        """What to write instead of a link target built with Liquid: the path relative to the page
        when the site's root (or tags that end where a path of the lesson begins) come first, the
        lesson's repository address for GitHub's, the full address otherwise."""
        tags = LEADING_TAGS.match(path)
        rest = path[tags.end():] if tags else path
        name = TEMPLATE.search(path).group(0)
        variable = name.strip("{}%- \t").replace("\\_", "_")
        relative = rest.lstrip("/")
        leads = self.resolve(page, split_target(relative)[0]) if relative else None
        if tags and (variable in SITE_ROOT_VARIABLES or (leads is not None and not leads.problem)):
            if leads is not None and leads.pages:  # a page: as link_to writes it, which leads there everywhere
                relative = self.link_to(page, leads.pages[0])
            return f"drop '{tags.group(0)}' and write the path relative to the page ('{relative}')"
        source = self.lesson.setting("source")
        if variable in REPOSITORY_VARIABLES and isinstance(source, str) and source.startswith("https://"):
            return f"write the full address, '{source.rstrip('/').removesuffix('.git')}{rest}'"
        return f"write the full address that '{name}' stands for"

    def suggestion(self, page, site_path: str) -> Optional[str]:
        """A page or file whose name is close to site_path, as a link on page would write it (a
        page as link_to writes it, a file by its site path), or None."""
        if "/" not in site_path and (site_path.endswith(".html") or "." not in site_path):
            # a page, by its name or (no extension) by its slug
            stem = site_path[:-5] if site_path.endswith(".html") else site_path
            close = difflib.get_close_matches(stem, list(self.built), n=1, cutoff=0.75)
            if close or site_path.endswith(".html"):
                return self.link_to(page, self.built[close[0]][0]) if close else None
        folder, _, name = site_path.rpartition("/")
        names: set[str] = set()
        for source in self.file_sources(site_path):
            names.update(self.listing(source.parent))
        close = difflib.get_close_matches(name, sorted(names), n=1, cutoff=0.75)
        return (folder + "/" if folder else "") + close[0] if close else None

    # ids --------------------------------------------------------------------------------
    def ids(self, page) -> tuple[set, dict]:
        """(ids of the built page, {id dropped by sandpaper: why}). Generated ids are kept as
        markers ("@callout:challenge", "@code"...) that has_id matches by pattern."""
        cached = self._ids.get(page.rel)
        if cached is None:
            cached = built_ids(page)
            links = self.lesson.pages.get("links.md")
            if links is not None and links is not page and links.error is None:
                cached[0].update(links.parsed.ids())  # links.md is appended to every page
            self._ids[page.rel] = cached
        return cached

    def anchors(self, page) -> list[Anchor]:
        """The ids a link may name on the built page, each where it is written, in page order."""
        ids, _dropped = self.ids(page)
        parsed = page.parsed
        found = [Anchor(page, h.id, h.line, h.column, "heading", h.text) for h in parsed.headings if h.id in ids]
        found += [Anchor(page, d.id, d.line, d.column, "div", d.kind) for d in parsed.all_divs if d.id in ids]
        found += [Anchor(page, s.id, s.line, 1, "span") for s in parsed.spans if s.id in ids]
        unique = {}
        for anchor in sorted(found, key=lambda a: (a.line, a.column)):
            unique.setdefault(anchor.id, anchor)
        return list(unique.values())

    def anchor(self, pages: list, fragment: str) -> Optional[Anchor]:
        """Where fragment is defined among pages (the first that has it), or None."""
        for page in pages:
            for anchor in self.anchors(page):
                if anchor.id == fragment:
                    return anchor
        return None


# --- headings of a built page --------------------------------------------------------------

# The classes sandpaper styles (lesson.lua, and the Workbench's documentation of its blocks).
KNOWN_CLASSES = (
    "callout", "objectives", "questions", "challenge", "prereq", "checklist", "solution", "hint",
    "discussion", "testimonial", "keypoints", "instructor", "spoiler", "tab", "group-tab", "caution",
)
# Divs whose headings are rendered in their own box (a scope of their own).
SCOPED = frozenset(KNOWN_CLASSES)
# The level sandpaper gives a box's title (its first heading, or one it adds): the button of a
# solution or hint is an h4, every other box title an h3.
BOX_TITLE_LEVEL = {"solution": 4, "hint": 4}
# Boxes sandpaper folds into a button (an "accordion"); a heading right after one in a challenge
# opens a new box.
ACCORDION_KINDS = ("instructor", "spoiler", "solution", "hint")
# Boxes whose headings sandpaper leaves out (questions, objectives: the Overview card has its own).
DROPPED = ("questions", "objectives")
# Boxes whose every heading becomes a tab's button, at the level written.
TABS = ("tab", "group-tab")


def heading_scope(heading):
    """The innermost enclosing div that starts its own heading scope, or None (the page)."""
    div = heading.div
    while div is not None and div.kind not in SCOPED:
        div = div.parent
    return div


def _follows(lines, line: int, heading) -> bool:
    """Whether the heading comes right after line (1-based), with nothing but blank lines between."""
    return line < heading.line and all(not lines[index].strip() for index in range(line, heading.line - 1) if index < len(lines))


def opens_box(lines, div, heading) -> bool:
    """Whether heading is the first block of div (nothing but blank lines between them)."""
    return heading.div is div and _follows(lines, div.line, heading)


def challenge_title_replaced(heading, lines) -> bool:
    """Whether the heading titles a challenge but a heading follows it directly: sandpaper's
    filter then drops this title and makes the next heading the box's title."""
    div = heading.div
    if div is None or div.kind != "challenge" or not opens_box(lines, div, heading) or len(div.headings) < 2:
        return False
    last_line = heading.line + 1 if heading.setext else heading.line  # a setext heading's underline
    return _follows(lines, last_line, div.headings[1])


def _replaces_title(heading, lines) -> bool:
    div = heading.div
    return (div is not None and len(div.headings) > 1 and div.headings[1] is heading
            and challenge_title_replaced(div.headings[0], lines))


def _opens_continuation(heading, lines) -> bool:
    """Whether the heading comes right after a solution (hint...) of its challenge: sandpaper
    splits the challenge there and the heading titles the box that goes on."""
    div = heading.div
    return div is not None and div.kind == "challenge" and any(
        child.end_line is not None and any(c in ACCORDION_KINDS for c in child.classes) and _follows(lines, child.end_line, heading)
        for child in div.children
    )


def built_headings(page):
    """Each heading as the built page shows it: (heading, level, is a box title); level is None
    when sandpaper leaves the heading out.

    A box's first heading is its title: an h4 button for a solution or hint, an h3 otherwise
    (an instructor note's or spoiler's button, a callout's title), whatever its `#`s. When a
    challenge's title is directly followed by a heading, that heading is the title and the
    first one is gone; a heading right after a solution in a challenge titles the box that
    continues it. Every heading of a tab is a tab's button at its written level. The headings
    of questions and objectives are dropped. A heading written as raw HTML (`<h5>`) is none of
    pandoc's, so the filter leaves it alone: it stays at its written level, in page order.
    """
    lines = page.lines
    built = []
    parsed = page.parsed
    headings = parsed.headings
    if parsed.html_headings:
        headings = sorted((*headings, *parsed.html_headings), key=lambda heading: (heading.line, heading.column))
    for heading in headings:
        scope = heading_scope(heading)
        div = heading.div
        if heading.html:
            built.append((heading, heading.level, False))
        elif div is not None and div.kind in DROPPED:
            built.append((heading, None, False))
        elif div is not None and div.kind in TABS:
            built.append((heading, heading.level, True))
        elif challenge_title_replaced(heading, lines):
            built.append((heading, None, False))
        elif scope is not None and (opens_box(lines, scope, heading) or _replaces_title(heading, lines)
                                    or _opens_continuation(heading, lines)):
            built.append((heading, BOX_TITLE_LEVEL.get(scope.kind, 3), True))
        else:
            built.append((heading, heading.level, False))
    return built


# The labels of the buttons sandpaper gives a box with no title heading (lesson.lua's
# accordion_titles), and the title of a challenge with none.
ADDED_TITLES = {"solution": "Show me the solution", "hint": "Give me a hint", "instructor": "Instructor Note",
                "spoiler": "Show details", "challenge": "Challenge"}


@dataclass(frozen=True)
class OutlineEntry:
    """A heading of the built page at its level there. kind: "heading" (the author's), "title"
    (the author's heading made a box's title or button), "added" (the title or button sandpaper
    gives a box with none, or the "(continued)" title of a challenge's part after an answer) or
    "overview" (the Overview card's). heading is the author's heading, div the box of a title."""

    line: int
    column: int
    level: int
    kind: str
    text: str
    heading: object = None
    div: object = None


def built_outline(page) -> list[OutlineEntry]:
    """Every heading of the built page in page order, at its level there: the author's headings
    as built_headings gives them, the titles and buttons the filter gives boxes that have none
    (a challenge's "Challenge", "Show me the solution", ...; a challenge's "(continued)" title
    where text follows an answer inside it), and the Overview card (an h2 and two h3s) where
    the second of an episode's questions and objectives stands. The labels sandpaper's R code
    puts above code blocks (an h3 each) are left out: they label a block, they are no section.
    Tabs put their buttons before their panels, so headings nested in a tab's divs may stand
    elsewhere on the page."""
    lines = page.lines
    entries = [OutlineEntry(heading.line, heading.column, level, "title" if title else "heading", heading.text,
                            heading, heading_scope(heading) if title else None)
               for heading, level, title in built_headings(page) if level is not None]
    seen: set = set()
    for div in page.parsed.all_divs:
        kind = div.kind
        titled = bool(div.headings) and opens_box(lines, div, div.headings[0])
        if kind in ADDED_TITLES and not titled:
            entries.append(OutlineEntry(div.line, div.column, BOX_TITLE_LEVEL.get(kind, 3), "added",
                                        ADDED_TITLES[kind], div=div))
        if kind == "challenge":
            entries += _continued_titles(page, div)
        if kind in DROPPED:
            seen.add(kind)
            if len(seen) == len(DROPPED):  # the filter puts the card where both have been read
                entries += [OutlineEntry(div.line, div.column, level, "overview", text, div=div)
                            for level, text in ((2, "Overview"), (3, "Questions"), (3, "Objectives"))]
    return sorted(entries, key=lambda entry: (entry.line, entry.column))


def _continued_titles(page, div) -> list[OutlineEntry]:
    """The "(continued)" titles the filter gives a challenge's parts after its answers: one where
    something other than a heading or another answer follows an answer inside the challenge."""
    answers = sorted((child for child in div.children if child.kind in ACCORDION_KINDS and child.closed),
                     key=lambda child: child.line)
    others = [(block.line, block.kind) for block in page.parsed.blocks if block.div is div and block.kind != "inline"]
    others += [(child.line, "div") for child in div.children if child.kind not in ACCORDION_KINDS]
    others.sort()
    found = []
    for index, answer in enumerate(answers):
        upto = answers[index + 1].line if index + 1 < len(answers) else (div.end_line or len(page.lines) + 1)
        after = next(((line, kind) for line, kind in others if answer.end_line < line < upto), None)
        if after is not None and after[1] != "heading":
            found.append(OutlineEntry(after[0], 1, 3, "added", "(continued)", div=div))
    return found


# --- ids of a built page -------------------------------------------------------------------

HTML_ID = re.compile(r"""<[A-Za-z][^>]*?\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
CALLOUT_KINDS = ("callout", "caution", "prereq", "checklist", "discussion", "testimonial", "keypoints", "challenge")
ACCORDION_KINDS = ("instructor", "spoiler", "solution", "hint")
# Ids pandoc and the filter number: callout boxes, accordions, tabs, code blocks and their lines
# (cb3, cb3-1), footnotes (fn1, fnref1, and the notes' section).
GENERATED_ID = re.compile(
    rf"^(?:(?P<callout>{'|'.join(CALLOUT_KINDS)})(?P<n>\d+)"
    r"|(?:collapse|heading|accordion)(?P<accordion>Instructor|Spoiler|Solution|Hint)\d+"
    r"|(?P<tab>nav-tab|nav-tabContent|nav-tabpanel|nav-tab-heading)-.+"
    r"|(?P<code>cb)\d+(?:-\d+)?|(?P<note>fn\d+|fnref\d+|footnotes))$"
)


def sandpaper_kind(div) -> str:
    """Which branch of lesson.lua's handle_our_divs a div takes ("" for none)."""
    for kind in ("questions", "objectives", "instructor", "spoiler", "solution", "hint", "challenge", "tab", "group-tab"):
        if kind in div.classes:
            return kind
    return div.kind if div.kind in CALLOUT_KINDS else ""


def built_ids(page) -> tuple[set, dict]:
    """(ids of the built page without links.md, {id dropped by sandpaper: why})."""
    parsed = page.parsed
    ids: set[str] = set()
    dropped: dict[str, str] = {}
    kinds: set[str] = set()
    lines = page.lines
    for div in parsed.all_divs:
        kind = sandpaper_kind(div)
        kinds.add(kind)
        if div.id:
            if kind in (*DROPPED, "challenge", *TABS):
                dropped[div.id] = f"sandpaper rebuilds '{kind}' blocks and drops their ids"
            else:
                ids.add(div.id)
    for heading in parsed.headings:
        if not heading.id:
            continue
        div = heading.div
        kind = sandpaper_kind(div) if div is not None else ""
        if kind in (*DROPPED, *TABS):
            dropped[heading.id] = f"headings in a '{kind}' block are not kept on the built page"
        elif kind in ACCORDION_KINDS and div.headings and div.headings[0] is heading and opens_box(lines, div, heading):
            dropped[heading.id] = f"it titles a '{kind}' block, which sandpaper turns into a button without the id"
        elif challenge_title_replaced(heading, lines):
            dropped[heading.id] = "it titles a challenge and a heading follows it directly, which sandpaper makes the title instead"
        else:
            ids.add(heading.id)
    ids.update(span.id for span in parsed.spans)
    for block in parsed.code_blocks:
        if block.info.startswith("{"):
            attributes = parse_attributes(block.info)
            if attributes is not None and attributes.id:
                ids.add(attributes.id)
    for html in parsed.raw_html:
        if "=" in html.text:
            ids.update(html_ids(html.shown))
    for kind in kinds:
        if kind in CALLOUT_KINDS:
            ids.add(f"@callout:{kind}")
        if kind == "challenge":
            ids.add("@callout:discussion")
        if kind in ACCORDION_KINDS:
            ids.add(f"@accordion:{kind.capitalize()}")
        if kind in TABS:
            ids.add("@tab")
    if parsed.code_blocks:
        ids.add("@code")
    if "[^" in page.text or "^[" in page.text:
        ids.add("@note")
    for ident in list(dropped):  # an id dropped in one place may still be given elsewhere
        if ident in ids:
            del dropped[ident]
    return ids, dropped


def definition_terms(page) -> list[tuple[int, str]]:
    """(line, text as written) of each term of the page's definition lists. pandoc gives a term
    no id and reads no attributes after one (`commit {#commit}` shows as text); kramdown's
    `{:auto_ids}` gave every term one, so glossaries converted from the styles link to them."""
    terms = []
    lists = [block for block in page.parsed.blocks if block.kind == "deflist"]
    for block in page.parsed.blocks:
        if block.kind == "inline" and any(dl.line <= block.line <= dl.end_line and block.depth == dl.depth + 2
                                          for dl in lists):
            terms.append((block.line, page.lines[block.line - 1].strip()))
    return terms


def html_ids(html: str) -> set[str]:
    return {next(group for group in match.groups() if group is not None) for match in HTML_ID.finditer(html)}


def has_id(ids: set, fragment: str) -> bool:
    """Whether a built page with these ids (from Site.ids) has the id fragment."""
    if fragment in ids:
        return True
    match = GENERATED_ID.match(fragment)
    if not match:
        return False
    if match["callout"]:
        return f"@callout:{match['callout']}" in ids
    if match["accordion"]:
        return f"@accordion:{match['accordion']}" in ids
    if match["tab"]:
        return "@tab" in ids
    if match["code"]:
        return "@code" in ids
    return "@note" in ids
