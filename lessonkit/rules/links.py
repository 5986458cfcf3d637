"""Link and image rules (LK2xx): where each link leads on the built site, and how it reads.

Targets are resolved the way sandpaper builds the site. Its Lua filter (lesson.lua,
``flatten_links``) drops one leading ``../``, then a leading ``episodes/``, ``learners/``,
``instructors/`` or ``profiles/``, and turns ``.md``/``.Rmd`` into ``.html``; every page is then
served at the top level of the site, next to the ``fig/``, ``files/`` and ``data/`` folders of
all four source folders and the other (non-page) files directly in them. Ids are the ones the
built page has: pandoc's, minus what sandpaper's filter drops, plus what it adds.
"""

from __future__ import annotations

import difflib
import os
import posixpath
import re
import string
from pathlib import Path
from typing import Optional

from ..findings import Problem
from ..markdown.attributes import parse_attributes
from . import rule
from .headings import challenge_title_replaced

SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
SITE_FOLDERS = ("episodes", "learners", "instructors", "profiles")
RESOURCE_FOLDERS = ("fig", "files", "data")
# Pages sandpaper builds whatever the sources hold (learners/setup.md is always built too).
GENERATED_PAGES = ("index", "aio", "images", "instructor-notes", "key-points", "profiles", "reference", "404")
ALWAYS_BUILT = ("learners/setup.md", "learners/reference.md")
TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
HOST_LIKE = re.compile(r"^(?:www\.)?[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.(?:com|org|net|edu|gov|io|dev|ai|uk|de|fr|nl|ca|au|info|int|eu|us)(?:[/:]|$)")
EMAIL_LIKE = re.compile(r"^[^/@\s]+@[^/@\s]+\.[A-Za-z]{2,}$")

# --- the built site ------------------------------------------------------------------------


def _split(target: str) -> tuple[str, Optional[str]]:
    """(path, fragment) of a relative target; the query is dropped, fragment None when absent."""
    path, hash_, fragment = target.partition("#")
    path = path.partition("?")[0]
    return path, (fragment if hash_ else None)


def _is_external(target: str) -> bool:
    return bool(SCHEME.match(target)) or target.startswith("//")


def _flatten(path: str) -> str:
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


class _Site:
    """The built site of one lesson: page slugs, and (cached) existence of other files."""

    def __init__(self, lesson) -> None:
        self.lesson = lesson
        self.root = lesson.root
        self.built: dict[str, list] = {}  # slug -> pages served as slug.html
        self.drafts: dict[str, list] = {}  # slug -> pages not listed in config.yaml
        for rel, page in lesson.pages.items():
            if page.kind == "links":
                continue
            slug = Path(rel).stem
            if page.listed or rel in ALWAYS_BUILT:
                self.built.setdefault(slug, []).append(page)
            else:
                self.drafts.setdefault(slug, []).append(page)
        self.overview = bool(lesson.setting("overview"))
        self._exists: dict[Path, bool] = {}
        self._listing: dict[Path, list[str]] = {}
        self._ids: dict[str, tuple[set, dict]] = {}
        self._files: dict[str, bool] = {}
        self._real_root: Optional[Path] = None

    # files ------------------------------------------------------------------------------
    def exists(self, path: Path) -> bool:
        known = self._exists.get(path)
        if known is None:
            try:
                known = path.exists()
            except OSError:
                known = False
            self._exists[path] = known
        return known

    def listing(self, folder: Path) -> list[str]:
        names = self._listing.get(folder)
        if names is None:
            try:
                names = sorted(os.listdir(folder))
            except OSError:
                names = []
            self._listing[folder] = names
        return names

    def file_sources(self, site_path: str) -> list[Path]:
        """The source files sandpaper would copy to site_path (a path inside the site)."""
        parts = site_path.split("/")
        candidates = []
        if len(parts) == 1 or parts[0] in RESOURCE_FOLDERS:
            candidates = [self.root / folder / site_path for folder in SITE_FOLDERS]
            if self.overview and parts[0] in RESOURCE_FOLDERS:
                candidates.append(self.root / site_path)
        return candidates

    def inside(self, path: Path) -> bool:
        if self._real_root is None:
            self._real_root = self.root.resolve()
        try:
            path.resolve().relative_to(self._real_root)
            return True
        except (ValueError, OSError, RuntimeError):
            return False

    def file_exists(self, site_path: str) -> bool:
        known = self._files.get(site_path)
        if known is None:
            known = any(self.exists(c) and self.inside(c) for c in self.file_sources(site_path))
            self._files[site_path] = known
        return known

    # ids --------------------------------------------------------------------------------
    def ids(self, page) -> tuple[set, dict]:
        """(ids of the built page, {id dropped by sandpaper: why})."""
        cached = self._ids.get(page.rel)
        if cached is None:
            cached = _built_ids(page)
            links = self.lesson.pages.get("links.md")
            if links is not None and links is not page and links.error is None:
                cached[0].update(links.parsed.ids())  # links.md is appended to every page
            self._ids[page.rel] = cached
        return cached


def _site(context) -> _Site:
    site = context.cache.get("links-site")
    if site is None or site.lesson is not context.lesson:
        site = _Site(context.lesson)
        context.cache["links-site"] = site
    return site


class Resolution:
    """Where a relative link leads: pages (slug.html), a file, a generated page, or nowhere."""

    def __init__(self, site_path: str, pages=None, generated: bool = False, file: bool = False,
                 problem: Optional[str] = None) -> None:
        self.site_path = site_path
        self.pages = pages or []
        self.generated = generated
        self.file = file
        self.problem = problem


def _resolve(site: _Site, page, path: str) -> Resolution:
    flat = _flatten(path)
    site_path = posixpath.normpath(flat) if flat else "."
    if site_path == ".." or site_path.startswith("../"):
        return Resolution(site_path, problem="points outside the lesson")
    if site_path == ".":
        return Resolution("index.html", pages=site.built.get("index", []), generated=True)
    if site_path.endswith(".html"):
        stem = site_path[:-5]
        if stem.startswith("instructor/"):  # the instructor view of a page
            stem = stem[len("instructor/") :]
        if "/" not in stem:
            if stem in site.built:
                return Resolution(site_path, pages=site.built[stem])
            if stem in GENERATED_PAGES:
                return Resolution(site_path, generated=True)
            if stem in site.drafts:
                draft = site.drafts[stem][0]
                return Resolution(site_path, problem=f"leads to {draft.rel}, which is not listed in config.yaml, so "
                                  "sandpaper does not build it; list it there or drop the link")
    if site.file_exists(site_path.rstrip("/")):
        return Resolution(site_path, file=True)
    return Resolution(site_path, problem=_missing_reason(site, page, path, site_path))


def _missing_reason(site: _Site, page, path: str, site_path: str) -> str:
    if TEMPLATE.search(path):
        return "contains a Jekyll/Liquid template tag, which sandpaper does not expand; write a relative path"
    if EMAIL_LIKE.match(path):
        return f"is an e-mail address without 'mailto:'; write 'mailto:{path}'"
    if HOST_LIKE.match(path):
        return "looks like a web address without 'https://', so it is read as a file of the lesson; add 'https://'"
    bare = path[2:] if path.startswith("./") else ""
    if bare and bare.split("/", 1)[0] in SITE_FOLDERS:
        return (f"starts with './', which sandpaper does not rewrite (it flattens '{bare}' and '../{bare}'), "
                f"so it leads to '{site_path}', which is not on the site; write '{bare}'")
    source = page.path.parent / path
    if site.inside(source) and site.exists(source):
        where = source.resolve().relative_to(site._real_root or site.root.resolve()).as_posix()
        return (f"is not on the built site: {where} exists, but sandpaper only copies fig/, files/, data/ and the "
                "files directly in episodes/, learners/, instructors/ and profiles/; move it into one of those")
    return f"does not exist on the built site (no such page, nor file in fig/, files/ or data/){_suggest(site, site_path)}"


def _suggest(site: _Site, site_path: str) -> str:
    if site_path.endswith(".html") and "/" not in site_path:
        close = difflib.get_close_matches(site_path[:-5], list(site.built), n=1, cutoff=0.75)
        if close:
            page = site.built[close[0]][0]
            return f"; did you mean '{page.rel}'?"
        return ""
    folder, _, name = site_path.rpartition("/")
    names: set[str] = set()
    for source in site.file_sources(site_path):
        names.update(site.listing(source.parent))
    close = difflib.get_close_matches(name, sorted(names), n=1, cutoff=0.75)
    if close:
        return f"; did you mean '{(folder + '/' if folder else '') + close[0]}'?"
    return ""


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


def _sandpaper_kind(div) -> str:
    """Which branch of lesson.lua's handle_our_divs a div takes."""
    for kind in ("questions", "objectives", "instructor", "spoiler", "solution", "hint", "challenge", "tab", "group-tab"):
        if kind in div.classes:
            return kind
    return div.kind if div.kind in CALLOUT_KINDS else ""


def _first_block(lines, div, heading) -> bool:
    """Whether heading is the first block of div (nothing but blank lines between them)."""
    return all(not lines[index].strip() for index in range(div.line, min(heading.line - 1, len(lines))))


def _built_ids(page) -> tuple[set, dict]:
    parsed = page.parsed
    ids: set[str] = set()
    dropped: dict[str, str] = {}
    kinds: set[str] = set()
    lines = page.lines
    for div in parsed.all_divs:
        kind = _sandpaper_kind(div)
        kinds.add(kind)
        if div.id:
            if kind in ("questions", "objectives", "challenge", "tab", "group-tab"):
                dropped[div.id] = f"sandpaper rebuilds '{kind}' blocks and drops their ids"
            else:
                ids.add(div.id)
    for heading in parsed.headings:
        if not heading.id:
            continue
        div = heading.div
        kind = _sandpaper_kind(div) if div is not None else ""
        if kind in ("questions", "objectives", "tab", "group-tab"):
            dropped[heading.id] = f"headings in a '{kind}' block are not kept on the built page"
        elif kind in ACCORDION_KINDS and div.headings and div.headings[0] is heading and _first_block(lines, div, heading):
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
    for token in parsed.tokens:
        if token.type == "html_block" and "=" in token.content:
            ids.update(_html_ids(token.content))
        elif token.type == "inline" and token.children and "<" in token.content:
            for child in token.children:
                if child.type == "html_inline":
                    ids.update(_html_ids(child.content))
    for kind in kinds:
        if kind in CALLOUT_KINDS:
            ids.add(f"@callout:{kind}")
        if kind == "challenge":
            ids.add("@callout:discussion")
        if kind in ACCORDION_KINDS:
            ids.add(f"@accordion:{kind.capitalize()}")
        if kind in ("tab", "group-tab"):
            ids.add("@tab")
    if parsed.code_blocks:
        ids.add("@code")
    if "[^" in page.text or "^[" in page.text:
        ids.add("@note")
    for ident in list(dropped):  # an id dropped in one place may still be given elsewhere
        if ident in ids:
            del dropped[ident]
    return ids, dropped


def _html_ids(html: str) -> set[str]:
    return {next(group for group in match.groups() if group is not None) for match in HTML_ID.finditer(html)}


def _has_id(ids: set, fragment: str) -> bool:
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


# --- rules ---------------------------------------------------------------------------------


def _noun(link) -> str:
    return "Image" if link.kind == "image" else "Link"


def _span(link) -> dict:
    return {"end_line": link.end_line, "end_column": link.end_column}


def _local_links(page):
    """Links of the page that point into the lesson: (link, path, fragment)."""
    for link in page.parsed.links:
        target = link.target.strip()
        if not target or _is_external(target) or target.startswith("/"):
            continue
        if page.is_rmd and "`r" in target:
            continue  # computed by knitr
        path, fragment = _split(target)
        yield link, path, fragment


@rule("LK201", "link-missing-file", "error")
def link_missing_file(page, context):
    """A relative link or image whose target is not part of the built site.

    sandpaper serves every page at the top level of the site (`setup.html`, not
    `learners/setup.html`) and copies there the `fig/`, `files/` and `data/` folders and the
    other files directly in episodes/, learners/, instructors/ and profiles/. A link to
    `../learners/setup.md` or `setup.html` from an episode works; so does `fig/plot.png` for a
    figure in episodes/fig/. A link to a file anywhere else, to a page that does not exist, to a
    page left out of config.yaml, or out of the lesson is a broken link on the website.
    External links (`https:`, `mailto:`), in-page anchors and site-root links (`/...`, see
    LK207) are not checked here, nor are `<a href>` and `<img src>` written in raw HTML
    (sandpaper does not rewrite those either).

    Fails (in an episode, with no file episodes/fig/plot.png and no page named next):

        See the [next episode](next.md).

        ![Plot of the results](fig/plot.png)

    Passes (in an episode, with the figure saved as episodes/fig/plot.png):

        See the [setup instructions](../learners/setup.md).

        ![Plot of the results](fig/plot.png)
    """
    site = _site(context)
    for link, path, _fragment in _local_links(page):
        if not path:
            continue
        result = _resolve(site, page, path)
        if result.problem:
            yield Problem(link.line, link.column, f"{_noun(link)} target '{link.target}' {result.problem}", **_span(link))


@rule("LK202", "link-missing-anchor", "error")
def link_missing_anchor(page, context):
    """A link to `#anchor`, in this page or another page of the lesson, that matches no id.

    Ids are those of the built page: pandoc's heading ids (written `{#id}` or made from the
    heading text), div and span ids (`[term]{#term}`), ids in raw HTML, and the ids sandpaper
    adds. sandpaper turns the first heading of a `solution`, `hint`, `instructor` or
    `spoiler` block into a button, drops the headings of `questions`, `objectives` and tab
    blocks, and drops a challenge's title when another heading follows it directly, so their
    ids are not on the page. The ids pandoc and sandpaper number (`callout1`,
    `collapseSolution2`, `cb3`, `fn1`) are accepted on any page with such blocks, without
    counting them. links.md is appended to every page. Anchors into pages sandpaper generates
    (aio.html, images.html...) and into non-page files are not checked.

    Fails:

        ## Loading data

        As shown in [the loading section](#load-data).

    Passes:

        ## Loading data

        As shown in [the loading section](#loading-data).
    """
    site = _site(context)
    for link, path, fragment in _local_links(page):
        if not fragment:
            continue
        if not path:
            targets = [page]
        else:
            result = _resolve(site, page, path)
            if result.problem or result.file:
                continue
            targets = list(result.pages)
            if result.site_path in ("setup.html", "index.html"):
                # sandpaper serves the setup page inside index.html (setup.html#x -> index.html#x)
                targets = list(site.built.get("setup", [])) + list(site.built.get("index", [])) + targets
                if fragment == "setup":
                    continue
            if not targets:
                continue  # a page sandpaper generates
        found, dropped, known = False, {}, set()
        for target in targets:
            ids, removed = site.ids(target)
            if _has_id(ids, fragment):
                found = True
                break
            dropped.update(removed)
            known.update(i for i in ids if not i.startswith("@"))
        if found:
            continue
        where = "this page" if not path else ", ".join(dict.fromkeys(t.rel for t in targets))
        if fragment in dropped:
            detail = f"the id exists in the source but not on the built page: {dropped[fragment]}"
        else:
            close = difflib.get_close_matches(fragment, sorted(known), n=1, cutoff=0.6)
            detail = f"did you mean '#{close[0]}'?" if close else "link to a heading id or add {#" + fragment + "} to the target"
        yield Problem(link.line, link.column, f"Anchor '#{fragment}' matches no id in {where}; {detail}", **_span(link))


@rule("LK203", "image-missing-alt", "error")
def image_missing_alt(page, context):
    """An image with no alternative text.

    Screen readers read the alternative text in place of the image; without it they read the
    file name or nothing. Write it in the brackets or as an `alt` attribute (which wins).
    An explicitly empty `{alt=""}` marks a purely decorative image and is accepted. Raw HTML
    `<img>` tags need an `alt` attribute too.

    Fails:

        ![](fig/plot.png)

    Passes:

        ![Line plot of inflammation over 40 days](fig/plot.png)

        ![](fig/divider.png){alt=""}
    """
    for link in page.parsed.images:
        if "alt" in link.attributes:
            continue  # given explicitly; an empty alt is a deliberate choice (decorative image)
        if not link.text.strip():
            yield Problem(link.line, link.column,
                          f"Image '{link.target}' has no alternative text; describe it in the brackets, "
                          "or add {alt=\"\"} if it is purely decorative", **_span(link))
    for line, column, tag in _html_images(page):
        if not re.search(r"\salt\s*=", tag):
            yield Problem(line, column, "HTML <img> tag has no alt attribute; add alt=\"description\" (or alt=\"\" if decorative)")


HTML_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)


def _html_images(page):
    """(line, column, tag) of each raw HTML <img> of the page."""
    lines = page.lines
    for token in page.parsed.tokens:
        if token.type == "html_block" and "<" in token.content and "<img" in token.content.lower() and token.map:
            for match in HTML_IMG.finditer(token.content):
                offset = token.content.count("\n", 0, match.start())
                line_index = token.map[0] + offset
                source = lines[line_index] if line_index < len(lines) else ""
                column = source.lower().find("<img") + 1 or 1
                yield line_index + 1, column, match.group(0)
        elif token.type == "inline" and "<" in token.content and "<img" in token.content.lower() and token.children and token.map:
            for child in token.children:
                if child.type == "html_inline" and child.content.lower().startswith("<img"):
                    line, column = _locate(lines, token, child.content)
                    yield line, column, child.content


def _locate(lines, token, text: str) -> tuple[int, int]:
    """Line and column of text inside an inline token's lines (its first occurrence)."""
    first, last = token.map
    for index in range(first, min(last, len(lines))):
        column = lines[index].find(text.split("\n", 1)[0])
        if column >= 0:
            return index + 1, column + 1
    return first + 1, 1


UNINFORMATIVE = (
    "here", "click here", "this link", "a link", "link", "read more", "this", "more", "this page",
    "click", "go", "this site", "website", "page", "learn more", "more info", "more information", "see here",
)
PUNCTUATION = str.maketrans({char: " " for char in string.punctuation + "\u2026\u2013\u2014\u00bb\u00ab"})


@rule("LK204", "link-uninformative-text", "warning", options={"texts": []})
def link_uninformative_text(page, context):
    """A link whose text does not say where it leads, such as "here" or "click here".

    Screen-reader users often jump from link to link, hearing only the link texts; a page of
    "here", "here" and "link" tells them nothing. The whole text is compared, ignoring case
    and punctuation: "here", "click here", "this link", "a link", "link", "read more",
    "this", "more", "this page", "click", "go", "this site", "website", "page", "learn more",
    "more info", "more information" and "see here". A link with no text at all is reported
    too. Add your own with the option `texts`.

    Fails:

        The data are described [here](https://example.org/data).

    Passes:

        The data are described in the [survey data guide](https://example.org/data).
    """
    extra = tuple(str(text).lower().translate(PUNCTUATION).strip() for text in context.options.get("texts", ()))
    for link in page.parsed.links:
        if link.kind != "link" or link.autolink:
            continue
        text = " ".join(link.text.lower().translate(PUNCTUATION).split())
        if not link.text.strip():
            yield Problem(link.line, link.column,
                          f"Link to '{link.target}' has no text, so screen readers announce only the address; "
                          "give it text that says where it leads", **_span(link))
        elif text in UNINFORMATIVE or text in extra:
            yield Problem(link.line, link.column,
                          f"Link text '{link.text.strip()}' does not say where the link leads; use the name of the "
                          "target instead", **_span(link))


LOCAL_HOSTS = re.compile(
    r"^(?:localhost|127(?:\.\d+){3}|0\.0\.0\.0|\[::1?\]|[^/]*\.(?:localhost|test|invalid|example)"
    r"|(?:[^/]*\.)?example\.(?:com|org|net))$",
    re.IGNORECASE,
)
BARE_HTTP = re.compile(r"(?<![\w/])http://[^\s<>\"'`]+", re.IGNORECASE)


def _host(url: str) -> str:
    rest = url.split("://", 1)[1] if "://" in url else url
    host = re.split(r"[/?#]", rest, maxsplit=1)[0]
    host = host.rsplit("@", 1)[-1]
    return host if host.startswith("[") else host.split(":", 1)[0]


@rule("LK205", "link-insecure", "warning", options={"hosts": []})
def link_insecure(page, context):
    """A link or image over `http://` instead of `https://`.

    The lesson site is served over HTTPS: browsers block `http://` images on it (mixed
    content) and warn about the links, which can be intercepted or redirected. Bare URLs in
    the text count, since pandoc makes them links. Local and placeholder addresses, for which
    HTTPS makes no sense, are exempt: localhost, 127.x.x.x, 0.0.0.0, [::1], and the reserved
    example.com/.org/.net, *.example, *.test, *.invalid and *.localhost. Exempt more hosts
    (for a lesson about a server without TLS) with the option `hosts`.

    Fails:

        Download the [gapminder data](http://www.gapminder.org/data/).

    Passes:

        Download the [gapminder data](https://www.gapminder.org/data/).

        Open <http://localhost:8888> in your browser.
    """
    allowed = {str(host).lower() for host in context.options.get("hosts", ())}

    def insecure(url: str) -> bool:
        if not url.lower().startswith("http://"):
            return False
        host = _host(url).lower()
        return not (LOCAL_HOSTS.match(host) or host in allowed)

    for link in page.parsed.links:
        if insecure(link.target.strip()):
            yield Problem(link.line, link.column,
                          f"{_noun(link)} '{link.target.strip()}' uses http://; use https:// (check that the "
                          "site answers on it)", **_span(link))
    for line, column, url in _bare_urls(page):
        if insecure(url):
            yield Problem(line, column, f"Bare URL '{url}' uses http:// (pandoc makes it a link); use https://",
                          end_column=column + len(url))


def _trim_url(url: str) -> str:
    """A bare URL without the sentence punctuation after it (closing brackets only if unbalanced)."""
    while url:
        last = url[-1]
        if last in ".,;:!?*_'\"" or (last == ")" and url.count("(") < url.count(")")) or (last == "]" and url.count("[") < url.count("]")):
            url = url[:-1]
        else:
            break
    return url


def _bare_urls(page):
    """(line, column, url) of http:// URLs written as plain text, which pandoc makes links."""
    lines = page.lines
    for token in page.parsed.tokens:
        if token.type != "inline" or not token.children or "http://" not in token.content.lower():
            continue
        depth = 0
        for child in token.children:
            if child.type == "link_open":
                depth += 1
            elif child.type == "link_close":
                depth -= 1
            elif child.type == "text" and depth == 0 and "http://" in child.content.lower():
                for match in BARE_HTTP.finditer(child.content):
                    url = _trim_url(match.group(0))
                    line, column = _locate(lines, token, url)
                    yield line, column, url


@rule("LK206", "link-undefined-reference", "error")
def link_undefined_reference(page, context):
    """A reference link `[text][label]` (or image `![alt][label]`) whose label has no definition.

    pandoc prints such a link as its literal text, brackets and all. Definitions may sit in
    the page or in links.md, which sandpaper appends to every page. Labels are not
    case-sensitive.

    Fails:

        Use the [shell lesson][shell] first.

    Passes:

        Use the [shell lesson][shell] first.

        [shell]: https://swcarpentry.github.io/shell-novice/
    """
    for ref in page.parsed.undefined_references:
        what = "Image" if ref.image else "Reference link"
        yield Problem(ref.line, ref.column,
                      f"{what} label '{ref.label}' is not defined in this page or links.md; pandoc shows the brackets "
                      f"as text. Add '[{ref.label}]: URL' to links.md or fix the label")


@rule("LK207", "link-site-root", "warning")
def link_site_root(page, context):
    """A link or image starting with `/`, the root of the web server.

    A lesson is usually served under a sub-path (`https://user.github.io/lesson-name/`), so
    `/fig/plot.png` asks for `https://user.github.io/fig/plot.png`, outside the lesson, and
    the preview of the built site breaks too. Use a path relative to the page.

    Fails:

        ![Plot of the results](/fig/plot.png)

    Passes:

        ![Plot of the results](fig/plot.png)
    """
    site = _site(context)
    for link in page.parsed.links:
        target = link.target.strip()
        if target.startswith("/") and not target.startswith("//"):
            relative = _flatten(target.lstrip("/"))
            if relative in site.built:  # an extension-less page address
                relative = f"{relative}.md"
            yield Problem(link.line, link.column,
                          f"{_noun(link)} target '{target}' starts at the server root, which is outside the lesson when it is "
                          f"served under a sub-path; use a relative path such as '{relative or 'index.html'}'", **_span(link))


@rule("LK208", "link-empty", "error")
def link_empty(page, context):
    """A link or image with an empty target, `[text]()`, or a bare `#` placeholder.

    pandoc makes it a link to the page itself (or an image with no picture): a placeholder
    left for a URL that was never filled in.

    Fails:

        See the [official documentation]() for details.

    Passes:

        See the [official documentation](https://docs.python.org/3/) for details.
    """
    for link in page.parsed.links:
        target = link.target.strip()
        if target in ("", "#"):
            what = "an empty target" if not target else "the placeholder target '#'"
            yield Problem(link.line, link.column, f"{_noun(link)} '{link.text.strip()}' has {what}; fill in the URL or remove the link",
                          **_span(link))
