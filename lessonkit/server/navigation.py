"""Hover and go to definition: where a link leads on the built site, what a `:::` fence opens
or closes, and the documentation of the rule behind a finding. The answers come from the
built-site model (lessonkit.site), the one the link rules use."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..outline import TEXT_FENCE_NOTES
from ..site import Anchor, has_id, is_external, split_target


@dataclass
class Target:
    """A link target written in the page, and where it is written."""

    target: str
    line: int
    column: int
    end_line: int
    end_column: int


def target_at(page, line: int, column: int) -> Optional[Target]:
    """The link, image or reference definition at (line, column): the innermost when an image
    sits in a link."""
    found = [
        Target(link.target, link.line, link.column, link.end_line, link.end_column)
        for link in page.parsed.links
        if (link.line, link.column) <= (line, column) <= (link.end_line, link.end_column)
    ]
    if found:
        return min(found, key=lambda t: (t.end_line - t.line, t.end_column - t.column if t.end_line == t.line else 0))
    for definition in page.parsed.reference_definitions:
        if definition.line == line:
            text = page.lines[line - 1] if line <= len(page.lines) else ""
            return Target(definition.url, line, 1, line, len(text) + 1)
    return None


def _anchor_text(anchor: Anchor, here) -> str:
    if anchor.carrier == "heading":
        what = f"heading '{anchor.label}'"
    elif anchor.carrier == "div" and anchor.label:
        what = f"`::: {anchor.label}` div"
    else:
        what = anchor.carrier
    where = "this page" if anchor.page is here else f"`{anchor.page.rel}`"
    return f"`#{anchor.id}`: the {what} at line {anchor.line} of {where}"


def describe_target(lesson, page, target: str) -> str:
    """Where target, a link on page, leads on the built site, as Markdown."""
    target = target.strip()
    if not target:
        return "An empty link target: it leads nowhere."
    if is_external(target):
        return f"Leads off the lesson, to <{target}>."
    if target.startswith("/"):
        return f"Leads to `{target}` at the root of the web server, outside the lesson's site (LK207)."
    if page.is_rmd and "`r" in target:
        return "A target knitr computes when the page is built."
    site = lesson.site
    path, fragment = split_target(target)
    if path:
        where = site.resolve(page, path)
        if where.problem:
            return f"Leads nowhere on the built site: `{path}` {where.problem}."
        if where.file:
            copied = [c for c in site.file_sources(where.site_path) if site.exists(c) and site.inside(c)]
            source = f", copied from `{copied[0].relative_to(lesson.root).as_posix()}`" if copied else ""
            return f"Leads to the file `{where.site_path}` of the built site{source}."
        if where.pages:
            built = where.pages[0]
            text = f"Leads to `{where.site_path}` on the built site, built from `{built.rel}` ({built.title})."
        else:
            text = f"Leads to `{where.site_path}`, a page sandpaper generates."
    else:
        text = "Leads to a place on this page."
    if fragment is None:
        return text
    pages = site.anchor_pages(page, path)
    if not pages:
        return text
    anchor = site.anchor(pages, fragment)
    if anchor is not None:
        return f"{text}\n\n{_anchor_text(anchor, page)}."
    if any(has_id(site.ids(candidate)[0], fragment) for candidate in pages):
        return f"{text}\n\n`#{fragment}`: an id sandpaper gives the built page."
    return f"{text}\n\nNo id `#{fragment}` there: the browser stays at the top of the page (LK202)."


def definition(lesson, page, target: str) -> Optional[tuple[Path, object, int, int]]:
    """(file, its page or None, line, column) where target, a link on page, leads: the heading,
    div or span of its anchor, else the top of the page or file."""
    target = target.strip()
    if not target or is_external(target) or target.startswith("/"):
        return None
    site = lesson.site
    path, fragment = split_target(target)
    if fragment:
        pages = site.anchor_pages(page, path)
        anchor = site.anchor(pages, fragment) if pages else None
        if anchor is not None:
            return anchor.page.path, anchor.page, anchor.line, anchor.column
    if not path:
        return None
    where = site.resolve(page, path)
    if where.pages:
        return where.pages[0].path, where.pages[0], 1, 1
    if where.file:
        for candidate in site.file_sources(where.site_path):
            if site.exists(candidate) and site.inside(candidate):
                return candidate, None, 1, 1
    return None


def describe_fence(page, line: int) -> Optional[str]:
    """What the `:::` fence on line opens or closes, or why pandoc reads it as text."""
    for div in page.parsed.all_divs:
        if div.line != line and div.end_line != line:
            continue
        name = "`::: " + (" ".join(div.classes) or "{#" + div.id + "}") + "`"
        ident = f" `#{div.id}`" if div.id and div.classes else ""
        if div.closed:
            span = f"lines {div.line}-{div.end_line}"
        else:
            span = (f"never closed: pandoc closes it at line {div.implicit_end_line}, "
                    f"the end of the {div.container}")
        if div.line == line:
            text = f"Opens the div {name}{ident}, {span}."
        else:
            text = f"Closes the div {name}{ident} opened at line {div.line} ({span})."
        if div.parent is not None:
            text += f"\n\nInside `::: {div.parent.kind or 'div'}` (line {div.parent.line})."
        return text
    for fence in page.parsed.text_fences:
        if fence.line == line:
            return f"Not a fence: {TEXT_FENCE_NOTES[fence.reason]}."
    return None
