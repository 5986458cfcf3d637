"""Template leftovers (LK305, LK306, LK508): what the Workbench's lesson template (and
sandpaper's page templates) put in a new lesson for its authors to replace, still on the site.

The template's placeholders are its own purpose in the Workbench's template repositories and in
its documentation lesson, which show a new lesson as it starts: a lesson that is one of them
(its git remote, or without one its config.yaml `source`, names carpentries/workbench-template-md,
carpentries/workbench-template-rmd or carpentries/sandpaper-docs) is not checked.
"""

from __future__ import annotations

import re

from ..findings import Edit, Problem, fix
from ..repository import repository
from ..site import is_external
from . import rule
from .prerequisites import SETUP_PAGES

WORKBENCH_OWN = ("carpentries/workbench-template-md", "carpentries/workbench-template-rmd",
                 "carpentries/sandpaper-docs")
PLACEHOLDER = "FIXME"
# Paragraphs (and list items) that are placeholders as a whole: sandpaper's placeholder page
# (inst/templates/placeholder-template.txt) and the template's home page.
PLACEHOLDER_TEXTS = (
    "FIXME",
    "This is a placeholder file. Please add content here.",
    "This is a new lesson built with The Carpentries Workbench.",
)
# The template's example episode: its title, its introduction's first sentence, and the items
# of its boxes (workbench-template-md and -rmd, sandpaper's episode-template.txt).
EXAMPLE_TITLES = ("Using Markdown", "Using RMarkdown", "Using R Markdown")
EXAMPLE_OPENING = "This is a lesson created via The Carpentries Workbench."
EXAMPLE_ITEMS = {
    "questions": (
        "How do you write a lesson using Markdown and {sandpaper}?",
        "How do you write a lesson using R Markdown and {sandpaper}?",
        "How do you write a lesson using RMarkdown and {sandpaper}?",
    ),
    "objectives": (
        "Explain how to use markdown with The Carpentries Workbench",
        "Explain how to use markdown with the new lesson template",
        "Demonstrate how to include pieces of code, figures, and nested challenge blocks",
    ),
    "keypoints": (
        "Use .md files for episodes when you want static content",
        "Use .Rmd files for episodes when you need to generate output",
        "Use .Rmd files for lessons even if you don't need to generate any code",
        "Run sandpaper::check_lesson() to identify any issues with your lesson",
        "Run sandpaper::build_lesson() to preview your lesson locally",
    ),
}
BOX_NAMES = {"questions": "questions", "objectives": "objectives", "keypoints": "key points"}
# A leftover FIXME: the whole text, its first word ("FIXME: setup instructions..."), or a
# styles-template item's mark ("First key point. (FIXME)").
FIXME_MARK = re.compile(r"^FIXME(?:$|[:\s])|\(FIXME\)$")
LINK_TARGET = re.compile(r"\]\([^)]*\)|\]\[[^\]]*\]")
MARKUP = re.compile(r"[\[\]*`]")
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
LIST_MARKER = re.compile(r"(?:[-*+]|[0-9]+[.)]|[A-Za-z][.)]|\([0-9A-Za-z]+\)|#\.)[ \t]+")
QUOTES = re.compile(r"[ \t>]*")


def _plain(text: str) -> str:
    """Text as a reader sees it, near enough to compare with the template's: no link targets,
    brackets, emphasis marks, backticks or comments, one space between words."""
    return " ".join(MARKUP.sub("", LINK_TARGET.sub("]", COMMENT.sub("", text))).split())


def _shown(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def is_template_itself(lesson) -> bool:
    """Whether the lesson is one of the Workbench's own template or documentation lessons."""
    found = lesson.remotes[0] if lesson.remotes else repository(str(lesson.setting("source") or ""))
    return found is not None and found.host == "github.com" and found.slug.lower() in WORKBENCH_OWN


def _paragraph_text(page, block) -> str:
    """The text of a paragraph block as written, without block quote markers, indentation and
    (on its first line) a list item's marker."""
    lines = []
    for number in range(block.line, min(block.end_line, len(page.lines)) + 1):
        line = page.lines[number - 1]
        line = line[QUOTES.match(line).end():]
        if number == block.line:
            marker = LIST_MARKER.match(line)
            line = line[marker.end():] if marker and block.depth > 0 else line
        lines.append(line)
    return "\n".join(lines)


# Pages whose front matter title the site does not show: sandpaper titles them itself (Learner
# Profiles, Instructor Notes), or shows them inside the home page.
UNTITLED_PAGES = ("instructors/instructor-notes.md", "instructors/instructor-notes.Rmd", *SETUP_PAGES)


def _shown_title(page):
    """The front matter's title entry, when the built site shows the title (page and menu)."""
    if page.kind == "profile" or page.rel in UNTITLED_PAGES:
        return None
    return _title_entry(page)


def _title_entry(page):
    front = page.front_matter
    if front is None or not front.document.is_mapping:
        return None
    return front.entries.get("title")


def _template_boxes(page) -> list:
    """(div, its items) of each questions, objectives or keypoints box whose every item is one
    of the template example's."""
    found = []
    for div in page.parsed.all_divs:
        examples = EXAMPLE_ITEMS.get(div.kind)
        if examples is None:
            continue
        items = [_plain(_paragraph_text(page, block)) for block in page.parsed.blocks
                 if block.kind == "paragraph" and block.div is div]
        if items and all(item in examples for item in items):
            found.append((div, items))
    return found


@rule("LK305", "template-placeholder", "warning", kinds=("episode", "learner", "instructor", "profile", "index"))
def template_placeholder(page, context):
    """A built page that still shows the lesson template's placeholders: a `FIXME` title or
    text, sandpaper's placeholder page, or the template's example episode.

    A new lesson starts from the Workbench template, and `sandpaper::create_lesson()` adds
    placeholder pages (learner profiles, glossary, discussion, instructor notes) for the author
    to fill in. Left as they are, the lesson's website lists a learners page called FIXME in its
    menu and shows the placeholder text. Reported are the title `FIXME` (where the site shows
    the page's title), a paragraph that is `FIXME` or starts with it, sandpaper's "This is a
    placeholder file. Please add content here.", the template's home page sentence ("This is a
    new lesson built with The Carpentries Workbench.") as a paragraph of its own, a `(FIXME)`
    item of the old styles template, and a link to `https://example.com/FIXME`. A page that is
    nothing but placeholders gets one finding: write it, or delete it (and its entry in
    config.yaml). The template's example episode ("Using Markdown", with its questions,
    objectives and introduction) is reported once when two of those are still the template's;
    a single objective worded like one of the template's is not reported.

    The Workbench's own template and documentation lessons show these placeholders on purpose:
    a lesson whose git remote (or, without one, config.yaml's `source`) is
    carpentries/workbench-template-md, carpentries/workbench-template-rmd or
    carpentries/sandpaper-docs is not checked, and neither are pages sandpaper does not build.

    Fails (profiles/learner-profiles.md):

        ---
        title: FIXME
        ---

        This is a placeholder file. Please add content here.

    Passes:

        ---
        title: Learner profiles
        ---

        Ana is a field ecologist who records her observations in spreadsheets.
    """
    lesson = context.lesson
    if not lesson.site.is_built(page) or is_template_itself(lesson):
        return
    hits = []  # (line, column, what it is)
    title = _title_entry(page)
    shown_title = _shown_title(page)
    if shown_title is not None and isinstance(title.value, str) and title.value.strip() == PLACEHOLDER:
        hits.append((title.value_line, 1, "the title 'FIXME'"))
    paragraphs = [block for block in page.parsed.blocks if block.kind == "paragraph"]
    boxes = _template_boxes(page)
    boxed = {id(div) for div, _ in boxes}
    other_text = False
    example_opening = None
    for block in paragraphs:
        if id(block.div) in boxed:
            continue
        text = _plain(_paragraph_text(page, block))
        if text in PLACEHOLDER_TEXTS or FIXME_MARK.search(text):
            hits.append((block.line, 1, f"the text '{_shown(text)}'"))
        elif text.startswith(EXAMPLE_OPENING):
            example_opening = block
            other_text = True
        elif text:
            other_text = True
    for link in page.parsed.links:
        target = link.target.strip()
        if is_external(target) and target.rstrip("/").endswith("/" + PLACEHOLDER):
            hits.append((link.line, link.column, f"the link to '{target}'"))
    example = [what for what in (
        "the title" if title is not None and str(title.value).strip() in EXAMPLE_TITLES else "",
        *(f"the {BOX_NAMES[div.kind]}" for div, _ in boxes),
        "the introduction" if example_opening is not None else "",
    ) if what]
    if page.kind == "episode" and len(example) >= 2:
        line = title.value_line if title is not None else 1
        yield Problem(line, 1, f"This episode is the Workbench template's example episode ({', '.join(example)} are "
                               "the template's): write the episode, or delete it and its entry in config.yaml")
        return
    for div, items in boxes:
        yield Problem(div.line, div.column, f"The {BOX_NAMES[div.kind]} are the Workbench template's example "
                                            f"('{_shown(items[0], 50)}'): write this episode's own")
    if example_opening is not None:
        yield Problem(example_opening.line, 1, f"'{EXAMPLE_OPENING}' opens the Workbench template's example "
                                               "episode: write this episode's own introduction")
    if not hits:
        return
    if not other_text and not boxes:
        shown = " and ".join(what for _, _, what in hits[:3])
        where, advice = _whole_page(page)
        yield Problem(hits[0][0], hits[0][1], f"This page is nothing but the lesson template's placeholder ({shown}), "
                                              f"which the built {where} shows: {advice}")
        return
    for line, column, what in hits:
        yield Problem(line, column, f"{what[0].upper()}{what[1:]} is a placeholder of the lesson template, shown "
                                    "on the built page: write what belongs there, or delete it")


def _whole_page(page) -> tuple[str, str]:
    """(where the site shows a page, what to do) for a page that is nothing but a placeholder."""
    if page.kind == "index" or page.rel in SETUP_PAGES:
        return "home page", "write it"
    if page.kind == "profile":
        return "learner profiles page", "write the profile, or delete the file (the page then says there are none yet)"
    return "site", "write the page, or delete it (and its entry in config.yaml, if listed there)"


TEMPLATE_MINUTES = (10, 2)  # teaching, exercises of the template's episode and create_episode()
MANY_EPISODES = 3


@rule("LK306", "timing-template-default", "info", scope="lesson")
def timing_template_default(lesson, context):
    """Three or more of the lesson's episodes, and at least half of them, still have the
    template's timings, `teaching: 10` and `exercises: 2`.

    Every episode the Workbench template or `sandpaper::create_episode()` makes starts with
    these two values. One episode of 10 + 2 minutes is plausible; many of them usually mean the
    timings were never filled in, and the schedule sandpaper puts on the home page (and
    `lessonkit schedule`) is computed from them: a lesson of eight such episodes is announced
    as 96 minutes long. Each such episode gets this note (an info, which never fails a lint):
    write the minutes it takes. The Workbench's own template and documentation lessons are not
    checked.

    Fails (config.yaml lists four episodes, and three of them have this front matter):

        ---
        title: Loops
        teaching: 10
        exercises: 2
        ---

    Passes (each episode says how long it takes):

        ---
        title: Loops
        teaching: 25
        exercises: 15
        ---
    """
    if is_template_itself(lesson):
        return
    episodes = [page for page in lesson.episodes if page.listed and page.front_matter is not None]
    left = []
    for page in episodes:
        teaching, exercises = page.front_matter.minutes("teaching"), page.front_matter.minutes("exercises")
        if teaching is not None and exercises is not None and (teaching.value, exercises.value) == TEMPLATE_MINUTES:
            left.append(page)
    if len(left) < MANY_EPISODES or 2 * len(left) < len(lesson.episodes):
        return
    for page in left:
        entry = page.front_matter.entries["teaching"]
        yield Problem(entry.line, 1, f"teaching: {TEMPLATE_MINUTES[0]} and exercises: {TEMPLATE_MINUTES[1]} are the "
                                     f"template's defaults, and {len(left)} of the lesson's {len(lesson.episodes)} "
                                     "episodes still have them: the schedule counts "
                                     f"{sum(TEMPLATE_MINUTES)} minutes for this episode; write the minutes it takes",
                      path=page.path)


# config.yaml values the template asks its user to replace, which the built site shows.
CONFIG_PLACEHOLDERS = {
    "carpentry_description": ("Lesson Description", "varnish writes it as the alternative text of the logo on every "
                                                    "page, so screen readers announce 'Lesson Description'"),
    "title": ("Lesson Title", "every page and the browser's tab are titled 'Lesson Title'"),
}
# sandpaper's which_carpentry(): how the logo is described without carpentry_description
CARPENTRY_NAMES = {"lc": "Library Carpentry", "dc": "Data Carpentry", "swc": "Software Carpentry",
                   "cp": "The Carpentries", "incubator": "Carpentries Incubator", "lab": "Carpentries Lab"}


@rule("LK508", "config-template-placeholder", "warning", scope="lesson", fix="safe")
def config_template_placeholder(lesson, context):
    """config.yaml still holds the template's `carpentry_description: 'Lesson Description'` or
    `title: 'Lesson Title'`.

    The Workbench template sets both for its user to replace. The title names every page of
    the site; `carpentry_description`, when present, replaces the name of the organisation
    (`carpentry`) as the alternative text of the logo in every page's header, so a screen
    reader announces "Lesson Description" on each page. The Workbench's own template and
    documentation lessons are not checked.

    Fails:

        carpentry: incubator
        carpentry_description: 'Lesson Description'

    Passes (the logo is described as "Carpentries Incubator"):

        carpentry: incubator

    The fix deletes a placeholder `carpentry_description` line, so the logo is described by
    its organisation's name; a placeholder title has none.
    """
    config = lesson.config
    if not lesson.config_exists or not config.is_mapping or is_template_itself(lesson):
        return
    for key, (placeholder, consequence) in CONFIG_PLACEHOLDERS.items():
        entry = config.entries.get(key)
        if entry is None or not isinstance(entry.value, str) or entry.value.strip() != placeholder:
            continue
        repair = None
        if key == "carpentry_description" and entry.value_line == entry.line:
            carpentry = str(lesson.setting("carpentry") or "")
            named = CARPENTRY_NAMES.get(carpentry, carpentry)
            repair = fix(f"Delete the line (the logo is described as '{named}')",
                         Edit.delete_lines(entry.line, entry.line))
        advice = "give the lesson its title" if key == "title" else "delete the line, or describe the logo"
        yield Problem(entry.line, entry.column, f"'{key}: {placeholder}' is the lesson template's placeholder: "
                                                f"{consequence}; {advice}", path=lesson.config_path, fix=repair)
